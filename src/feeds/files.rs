//! Feed articles as files: `<feed name>/<date>-<slug>.md`, Markdown with the front matter the
//! library reads. Names are made safe; each file is written whole (a temporary file linked
//! into place, so it is never seen half written) and never over another story's file; the
//! new files are made durable in batches (`durable`) before the state naming them is saved.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::html_text::{TextBlock, TextKind};
use crate::article::hygiene::clean_line;

/// The longest file or folder name written, in bytes (file systems allow 255).
const MAX_NAME_BYTES: usize = 100;
/// Names tried for one story before giving up (`slug.md`, `slug-2.md`, ...).
const MAX_CANDIDATES: usize = 50;

/// A story ready to be written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Story {
    pub title: String,
    /// The feed's title.
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    /// The item's GUID, kept so a fetch cut short knows the item on its next run.
    pub guid: Option<String>,
    pub blocks: Vec<TextBlock>,
}

/// The front matter, in the keys `article::front::Meta` reads (`guid` is extra and ignored).
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<&'a str>,
}

impl Story {
    /// The file's text. Every field is cleaned of control characters and escape sequences.
    pub fn render(&self) -> String {
        let clean_all = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| clean_line(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let title = clean_line(&self.title);
        let source = self.source.as_deref().map(clean_line);
        let url = self.url.as_deref().map(clean_line);
        let guid = self.guid.as_deref().map(clean_line);
        let front = Front {
            title: if title.is_empty() {
                "(untitled)"
            } else {
                &title
            },
            source: source.as_deref().filter(|s| !s.is_empty()),
            url: url.as_deref().filter(|s| !s.is_empty()),
            published: self
                .published
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            authors: clean_all(&self.authors),
            tags: clean_all(&self.tags),
            guid: guid.as_deref().filter(|s| !s.is_empty()),
        };
        let mut out = String::from("+++\n");
        out += &toml::to_string(&front).expect("front matter serialises");
        out += "+++\n";
        for block in &self.blocks {
            let text = escape_markdown(&clean_line(&block.text));
            if text.is_empty() {
                continue;
            }
            out.push('\n');
            match block.kind {
                TextKind::Paragraph => {}
                TextKind::Subhead => out += "## ",
                TextKind::Quote => out += "> ",
                TextKind::ListItem => out += "- ",
            }
            out += &text;
            out.push('\n');
        }
        out
    }

    /// The line that tells this story's file from another's: its url, else its GUID, else
    /// its title.
    fn identity(&self, rendered: &str) -> String {
        let front = rendered.split("+++\n").nth(1).unwrap_or("");
        for key in ["url = ", "guid = ", "title = "] {
            if let Some(line) = front.lines().find(|l| l.starts_with(key)) {
                return line.to_owned();
            }
        }
        String::new()
    }
}

/// Where a story went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// The story's file was already there (a fetch cut short wrote it): nothing was written.
    pub existed: bool,
}

/// Writes `story` into `folder` as `<date>-<slug>.md` (date: published, else `today`), or
/// `-2`, `-3`... when another story has the name. A file of the same story is left as it is.
pub fn write_story(folder: &Path, story: &Story, today: DateTime<Utc>) -> io::Result<Written> {
    let date = story
        .published
        .unwrap_or(today)
        .format("%Y-%m-%d")
        .to_string();
    let base = format!("{date}-{}", slug(&story.title));
    let text = story.render();
    let identity = story.identity(&text);
    for n in 1..=MAX_CANDIDATES {
        let name = if n == 1 {
            format!("{base}.md")
        } else {
            format!("{base}-{n}.md")
        };
        let path = folder.join(name);
        let placed = match place(&path, text.as_bytes()) {
            // The folder's first article makes the folder.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(folder)?;
                place(&path, text.as_bytes())
            }
            other => other,
        };
        match placed {
            Ok(()) => {
                return Ok(Written {
                    path,
                    existed: false,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if same_story(&path, &identity) {
                    return Ok(Written {
                        path,
                        existed: true,
                    });
                }
                // An empty file is no story: an article whose bytes a power cut kept from the
                // disk (articles are synced in batches, before their feed is saved, so its
                // feed was not saved and fetches the story again). It is taken back.
                if fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == 0) {
                    write_over(&path, text.as_bytes())?;
                    return Ok(Written {
                        path,
                        existed: false,
                    });
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{MAX_CANDIDATES} stories already named {base}"
    )))
}

fn same_story(path: &Path, identity: &str) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return false;
    };
    let front = text.split("+++\n").nth(1).unwrap_or("");
    !identity.is_empty() && front.lines().any(|l| l == identity)
}

/// Writes a temporary file and moves it to `path` without ever replacing a file there: a name
/// taken meanwhile fails with AlreadyExists instead.
fn place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    through_temporary(path, bytes, move_new)
}

/// Writes a temporary file and renames it over `path` (an empty file there).
fn write_over(path: &Path, bytes: &[u8]) -> io::Result<()> {
    through_temporary(path, bytes, |from, to| fs::rename(from, to))
}

/// Writes `bytes` to a temporary file beside `path`, then `moves` it to `path`; the temporary
/// file is removed if that fails.
fn through_temporary(
    path: &Path,
    bytes: &[u8],
    moves: impl Fn(&Path, &Path) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".feed-article.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut file = File::create(&tmp)?;
    let result = file.write_all(bytes).and_then(|()| moves(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Renames `from` to `to` unless `to` exists (Linux: one renameat2 call with NOREPLACE);
/// elsewhere, or where the file system cannot, a hard link then removing `from`.
fn move_new(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let (Ok(f), Ok(t)) = (
            CString::new(from.as_os_str().as_bytes()),
            CString::new(to.as_os_str().as_bytes()),
        ) else {
            return Err(io::Error::other("a file name with a NUL byte"));
        };
        // SAFETY: both are valid NUL-terminated paths that outlive the call.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                f.as_ptr(),
                libc::AT_FDCWD,
                t.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    fs::hard_link(from, to)?;
    fs::remove_file(from)
}

/// A folder or file name made safe: no separators, no control characters, no leading dot
/// (so never `.` or `..`), at most `MAX_NAME_BYTES` bytes; never empty.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = clean_line(name)
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = words
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let bounded = truncate_bytes(trimmed, MAX_NAME_BYTES);
    if bounded.is_empty() {
        "feed".to_owned()
    } else {
        bounded.trim_end().to_owned()
    }
}

/// A title as a file name's slug: lower-case letters and digits joined by hyphens.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in clean_line(title).chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let bounded = truncate_bytes(&slug, MAX_NAME_BYTES - 20);
    let bounded = bounded.trim_end_matches('-');
    if bounded.is_empty() {
        "untitled".to_owned()
    } else {
        bounded.to_owned()
    }
}

fn truncate_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Text that Markdown would take for markup is escaped, so the paragraph reads back as
/// written.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '&' | '~' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A paragraph starting like a list item or a numbered line.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe() {
        assert_eq!(safe_name("../../etc/passwd"), "etc passwd");
        assert_eq!(safe_name(".."), "feed");
        assert_eq!(safe_name("A\u{1b}[31mB\tC"), "AB C");
        assert!(safe_name(&"é".repeat(300)).len() <= MAX_NAME_BYTES);
        assert_eq!(slug("Hello, World! ../x"), "hello-world-x");
        assert_eq!(slug("!!!"), "untitled");
    }

    #[test]
    fn markdown_reads_back_as_written() {
        let story = Story {
            title: "A \"quoted\" title\u{1b}[2J".into(),
            source: Some("Feed".into()),
            url: Some("http://127.0.0.1/a".into()),
            blocks: vec![
                TextBlock {
                    kind: TextKind::Paragraph,
                    text: "1. Not a list *nor* <b>html</b> # or [link](x)".into(),
                },
                TextBlock {
                    kind: TextKind::Subhead,
                    text: "Sub".into(),
                },
            ],
            ..Story::default()
        };
        let article = crate::article::parse(Path::new("a.md"), story.render().as_bytes()).unwrap();
        assert_eq!(article.headline, "A \"quoted\" title");
        assert_eq!(article.source.as_deref(), Some("Feed"));
        assert_eq!(
            article.blocks[0].text,
            "1. Not a list *nor* <b>html</b> # or [link](x)"
        );
        assert_eq!(article.blocks[1].text, "Sub");
    }

    #[test]
    fn never_overwrites_another_story() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc::now();
        let a = Story {
            title: "Same".into(),
            url: Some("http://127.0.0.1/a".into()),
            ..Story::default()
        };
        let b = Story {
            url: Some("http://127.0.0.1/b".into()),
            ..a.clone()
        };
        let wa = write_story(dir.path(), &a, now).unwrap();
        let wb = write_story(dir.path(), &b, now).unwrap();
        assert_ne!(wa.path, wb.path);
        assert!(!wb.existed);
        let again = write_story(dir.path(), &a, now).unwrap();
        assert_eq!(
            again,
            Written {
                path: wa.path.clone(),
                existed: true
            }
        );
        // An empty file where a story should be (its bytes lost to a power cut) is taken
        // back by the story; a file with text in it never is.
        std::fs::write(&wa.path, "").unwrap();
        let back = write_story(dir.path(), &a, now).unwrap();
        assert_eq!(back.path, wa.path);
        assert!(!back.existed);
        assert_eq!(std::fs::read_to_string(&wa.path).unwrap(), a.render());
        std::fs::write(&wa.path, "not a story").unwrap();
        let beside = write_story(dir.path(), &a, now).unwrap();
        assert_ne!(beside.path, wa.path);
        assert_eq!(std::fs::read_to_string(&wa.path).unwrap(), "not a story");
    }
}
