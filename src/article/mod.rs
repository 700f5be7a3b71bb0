//! The article: what gazette knows about one story, and how each file format becomes one.

pub mod date;
pub mod decode;
pub mod dump;
mod front;
pub mod html;
pub mod hygiene;
mod id;
mod lines;
mod markdown;
pub mod quotes;
mod summary;

use std::path::{Path, PathBuf};

use compact_str::CompactString;
pub use date::Date;
pub use id::{TEXT_ID_LEN, URL_ID_LEN, legacy_id, stable_id};
use serde::{Deserialize, Serialize};
pub use summary::{Extra, Fields, Summary};

/// One story, whatever file it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    pub path: PathBuf,
    pub headline: String,
    /// The standfirst under the headline.
    pub dek: Option<String>,
    /// The publication, when the file names it.
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The byline's names.
    pub authors: Vec<String>,
    pub photo: Option<Photo>,
    pub blocks: Vec<Block>,
    /// Quotations located in `blocks`, in reading order.
    pub quotes: Vec<Quote>,
    pub credits: Vec<Credit>,
    pub tags: Vec<String>,
    /// Explicit related references (paths, urls or headlines) from front matter.
    pub related: Vec<String>,
    /// Link targets found in the body, kept for later use.
    pub links: Vec<String>,
    /// Lines of a page dump dropped as site chrome.
    pub dropped: Vec<String>,
    /// Things the reader should know about how the file was read (encoding guesses).
    pub warnings: Vec<String>,
}

fn byline(authors: &[impl AsRef<str>]) -> Option<String> {
    match authors {
        [] => None,
        [one] => Some(one.as_ref().to_owned()),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            Some(format!("{} and {}", rest.join(", "), last.as_ref()))
        }
    }
}

/// A stable identity that survives moving or renaming the file. Held inline (ids are 16 or
/// 20 characters): a library keeps one per article and one per read mark, 100,000s of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub CompactString);

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Subhead,
}

/// A paragraph or subhead of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }
    pub fn subhead(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Subhead,
            text: text.into(),
        }
    }
}

/// A quotation: one span per block it covers (several when it runs over paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub spans: Vec<QuoteSpan>,
}

/// A byte range of one block's text, the quotation marks included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub credit: Option<String>,
}

/// A contribution to the story: a role ("Reporting", "Editing") and who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub role: String,
    pub names: Vec<String>,
}

/// Why a file is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("binary file (contains NUL bytes)")]
    Binary,
    #[error("empty file")]
    Empty,
    #[error("no story found: only site chrome")]
    NoStory,
    #[error("a headline with no body")]
    NoBody,
    #[error("{0}")]
    Invalid(String),
}

/// The file formats gazette reads, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// A saved web page.
    Html,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// How to read articles: the user's additions to the built-in chrome rules, and the size cap.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files larger than this many bytes are skipped unread.
    pub size_cap: u64,
    /// Extra phrases that mark a line as site chrome (case-insensitive).
    pub chrome_phrases: Vec<String>,
    /// Extra regular expressions that mark a line as site chrome.
    pub chrome_patterns: Vec<regex::Regex>,
    /// Phrases whose lines are always kept in the story (case-insensitive).
    pub keep_phrases: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            size_cap: 8 * 1024 * 1024,
            chrome_phrases: Vec::new(),
            chrome_patterns: Vec::new(),
            keep_phrases: Vec::new(),
        }
    }
}

/// Parses a file's bytes into an article with the default options.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, ParseError> {
    parse_with(path, bytes, &Options::default())
}

/// Parses a file's bytes into an article. `path` picks the format and is kept on the article.
pub fn parse_with(path: &Path, bytes: &[u8], options: &Options) -> Result<Article, ParseError> {
    let mut article = match Format::of(path).unwrap_or(Format::Text) {
        Format::Html => html::read(bytes, None, options)?,
        format => parse_text(format, bytes, options)?,
    };
    article.path = path.to_path_buf();
    article.headline = capped(std::mem::take(&mut article.headline));
    Ok(article)
}

/// Past this, a headline is cut (a one-line file of megabytes would otherwise be one).
const MAX_HEADLINE_CHARS: usize = 300;

/// A headline of at most `MAX_HEADLINE_CHARS` (see `first_words`).
fn capped(headline: String) -> String {
    first_words(&headline, MAX_HEADLINE_CHARS).unwrap_or(headline)
}

/// The words of `text` that fit in `max` characters, cut at a space where one is near the
/// end, with an ellipsis; `None` when all of it fits.
fn first_words(text: &str, max: usize) -> Option<String> {
    let (cut, _) = text.char_indices().nth(max)?;
    let kept = &text[..cut];
    let kept = match kept.rfind(' ') {
        Some(space) if space > cut / 2 => &kept[..space],
        _ => kept,
    };
    Some(format!("{}…", kept.trim_end()))
}

/// The formats that are text once decoded: page dumps, Markdown and JSON.
fn parse_text(format: Format, bytes: &[u8], options: &Options) -> Result<Article, ParseError> {
    let decoded = decode::decode(bytes).map_err(|_| ParseError::Binary)?;
    let text = match format {
        Format::Markdown | Format::Json => hygiene::clean_structured(&decoded.text),
        Format::Text | Format::Html => hygiene::clean(&decoded.text),
    };
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let mut article = match format {
        Format::Markdown => markdown::parse(&text)?,
        Format::Json => front::parse_json(&text)?,
        Format::Text | Format::Html => dump::extract(&text, options)?,
    };
    article.warnings.extend(decoded.warning);
    article.quotes = quotes::locate(&article.blocks, &article.quotes);
    article.id = stable_id(article.url.as_deref(), &decoded.text);
    Ok(article)
}

/// Lower case, letters and digits only, single spaces: so that punctuation and case changes do
/// not change an id.
pub fn normalise_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Article {
    /// The article without its body.
    pub fn summary(&self) -> Summary {
        let extra = Extra {
            dek: self.dek.clone(),
            url: self.url.clone(),
            tags: self.tags.clone(),
            related: self.related.clone(),
            credits: self.credits.clone(),
            photo_credit: self.photo.as_ref().and_then(|p| p.credit.clone()),
            warnings: self.warnings.clone(),
        };
        Summary::from(Fields {
            id: self.id.clone(),
            path: self.path.clone(),
            headline: &self.headline,
            source: self.source.as_deref(),
            published: self.published,
            authors: self.authors.iter().map(String::as_str).collect(),
            extra: (extra != Extra::default()).then(|| Box::new(extra)),
        })
    }

    /// The body's paragraphs and subheads as plain text, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().map(|b| b.text.as_str())
    }

    /// Each quotation's text without its outer marks; a multi-paragraph one joined with "\n".
    pub fn quote_texts(&self) -> Vec<String> {
        self.quotes
            .iter()
            .map(|q| {
                q.spans
                    .iter()
                    .map(|s| quotes::inner(&self.blocks[s.block].text[s.start..s.end]))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    /// The byline as one line: "Jane Doe and John Roe".
    pub fn byline(&self) -> Option<String> {
        byline(&self.authors)
    }

    /// Words in the body, for reading-time estimates and the list.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_title_a_short_first_paragraph_is_the_headline_and_not_shown_twice() {
        let md = "Ferry back on Monday.\n\nThe harbour ferry sails again after repairs.\n";
        let a = parse(Path::new("untitled.md"), md.as_bytes()).unwrap();
        assert_eq!(a.headline, "Ferry back on Monday.");
        assert_eq!(
            a.paragraphs().collect::<Vec<_>>(),
            ["The harbour ferry sails again after repairs."]
        );
        let long = "The harbour ferry sailed again on Monday after a winter of repairs to its hull and engines.";
        let json = format!("{{\"paragraphs\": [\"{long}\"]}}");
        let a = parse(Path::new("untitled.json"), json.as_bytes()).unwrap();
        assert_eq!(
            a.headline,
            "The harbour ferry sailed again on Monday after a winter of repairs to its hull…"
        );
        assert_eq!(a.paragraphs().collect::<Vec<_>>(), [long]);
    }

    #[test]
    fn a_headline_of_a_whole_line_of_megabytes_is_cut_at_a_space() {
        let line = "word ".repeat(200_000);
        let article = parse(Path::new("one-line.txt"), line.as_bytes()).unwrap();
        assert!(article.headline.chars().count() <= MAX_HEADLINE_CHARS + 1);
        assert!(article.headline.ends_with("word…"), "{}", &article.headline);
        let short = "Floods Close the Harbour";
        assert_eq!(capped(short.to_owned()), short);
        let unbroken = "x".repeat(1000);
        assert_eq!(capped(unbroken).chars().count(), MAX_HEADLINE_CHARS + 1);
    }
}
