//! `gazette man`: the manual page, generated from the command-line definition and the default
//! keymap (so neither can drift), with the FILES and EXIT STATUS a user looks for.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::action::Action;
use crate::cli::Cli;
use crate::keymap::KeyMap;

/// `gazette man [--dir DIR]`: the page on stdout, or `gazette.1` and one page per command
/// (`gazette-parse.1`, ..., which the main page's COMMANDS section refers to) written into DIR.
pub fn man(dir: Option<&Path>) -> anyhow::Result<u8> {
    let Some(dir) = dir else {
        std::io::stdout().lock().write_all(&page()?)?;
        return Ok(0);
    };
    let shown = crate::safe_path(dir);
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    // The main page again, with the sections clap_mangen does not know of.
    crate::fs::write_output(&dir.join("gazette.1"), &page()?)?;
    Ok(0)
}

/// The main page: clap_mangen's sections, then KEYS, FILES and EXIT STATUS.
fn page() -> std::io::Result<Vec<u8>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    out.extend_from_slice(keys().as_bytes());
    out.extend_from_slice(FILES.as_bytes());
    out.extend_from_slice(EXIT_STATUS.as_bytes());
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// The reader's default bindings, as the help overlay lists them.
fn keys() -> String {
    let map = KeyMap::default();
    let mut roff = String::from(
        ".SH KEYS\nThe reader's default bindings; the config file's [keys] table changes them, and ? shows those in force.\n",
    );
    for action in Action::ALL {
        let keys = map.describe_keys(action);
        if keys.is_empty() {
            continue;
        }
        roff += &format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(&keys),
            escape(action.describe())
        );
    }
    roff
}

/// Text made safe for roff: a backslash is roff's escape, and a line starting with `.` or `'`
/// would be a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

const FILES: &str = r".SH FILES
.TP
\fI~/.config/gazette/config.toml\fR
The config file (\fB\-\-config\fR or \fB$GAZETTE_CONFIG\fR name another; \fBgazette config default\fR prints one with every option).
.TP
\fI~/.local/share/gazette/state.json\fR
Bookmarks and read marks (\fB\-\-state\-dir\fR or \fIlibrary.state_dir\fR move the folder). Beside it: \fIfeeds.json\fR (subscriptions) and \fIsaved.jsonl\fR (pages saved).
.TP
\fI~/.local/share/gazette/feeds/\fR
Articles fetched from feeds (\fB\-\-feeds\-dir\fR or \fIfeeds.dir\fR).
.TP
\fI~/.local/share/gazette/saved/\fR
Pages saved by \fBgazette save\fR or the reader's \fBa\fR (\fB\-\-saved\-dir\fR or \fIlibrary.saved_dir\fR); made by the first page saved.
.TP
\fI~/.cache/gazette/\fR
The index cache, two files per library folder (\fB\-\-cache\-dir\fR or \fIlibrary.cache_dir\fR; \fB\-\-no\-cache\fR neither reads nor writes it).
.PP
The folders follow \fB$XDG_CONFIG_HOME\fR, \fB$XDG_DATA_HOME\fR and \fB$XDG_CACHE_HOME\fR.
";

const EXIT_STATUS: &str = r".SH EXIT STATUS
.TP
\fB0\fR
All went well.
.TP
\fB1\fR
Something could not be read or written (a library folder, a file, a feed, a page, the state); what could be read is still printed, and stderr says what could not.
.TP
\fB2\fR
A bad config file or command line, before the terminal is touched.
.TP
\fB128+N\fR
The reader ended by signal N (SIGTERM, SIGHUP, SIGINT).
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_requests_and_escapes_in_text_are_neutralised() {
        assert_eq!(escape(".quit"), "\\&.quit");
        assert_eq!(escape("a\\b ctrl-d"), "a\\eb ctrl\\-d");
    }
}
