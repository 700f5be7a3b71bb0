//! An article's summary: what the list, search filters and related articles know of every
//! article of a library without its body. A library holds 100,000 of them for as long as the
//! reader runs, so each keeps its headline, source and names in one allocation rather than a
//! string each (at 100,000 articles, about a tenth of the reader's memory).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ArticleId, Credit, Date};

/// What the list, search filters and related articles need to know of an article without its
/// body: kept for every article of the library (and in the index cache), while whole articles
/// are parsed only when opened. Built from `Fields`.
#[derive(Clone, PartialEq)]
pub struct Summary {
    pub id: ArticleId,
    /// Set from where the file was found, never stored.
    path: Box<Path>,
    /// The headline, the source, then the names, each name on its own line.
    text: Box<str>,
    /// Where the headline ends in `text`, and the source.
    headline_end: u32,
    source_end: u32,
    has_source: bool,
    pub published: Option<Date>,
    /// What most articles do not have, out of line.
    pub extra: Option<Box<Extra>>,
}

/// The rarer parts of a summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extra {
    pub dek: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub related: Vec<String>,
    /// The credits and the photo credit, for the sidebar while browsing the list.
    pub credits: Vec<Credit>,
    pub photo_credit: Option<String>,
    pub warnings: Vec<String>,
}

/// A summary's parts, to build one from (`Summary::from`).
#[derive(Debug, Default)]
pub struct Fields<'a> {
    pub id: ArticleId,
    pub path: PathBuf,
    pub headline: &'a str,
    pub source: Option<&'a str>,
    pub published: Option<Date>,
    /// The byline's names. A name is one line: a line break in one is read as a space.
    pub authors: Vec<&'a str>,
    pub extra: Option<Box<Extra>>,
}

impl From<Fields<'_>> for Summary {
    fn from(f: Fields<'_>) -> Summary {
        let names: usize = f.authors.iter().map(|a| a.len() + 1).sum();
        let mut text = String::with_capacity(
            f.headline.len() + f.source.map_or(0, str::len) + names.saturating_sub(1),
        );
        text.push_str(f.headline);
        let headline_end = text.len();
        text.push_str(f.source.unwrap_or_default());
        let source_end = text.len();
        for (i, name) in f.authors.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.extend(name.chars().map(|c| if c == '\n' { ' ' } else { c }));
        }
        Summary {
            id: f.id,
            path: f.path.into_boxed_path(),
            text: text.into_boxed_str(),
            headline_end: offset(headline_end),
            source_end: offset(source_end),
            has_source: f.source.is_some(),
            published: f.published,
            extra: f.extra,
        }
    }
}

/// An offset into a summary's text. Pages are refused long before 4 GiB, so it always fits.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a summary's text is under 4 GiB")
}

impl Default for Summary {
    fn default() -> Summary {
        Summary::from(Fields::default())
    }
}

impl Summary {
    /// The file the article was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_path(&mut self, path: PathBuf) {
        self.path = path.into_boxed_path();
    }

    pub fn headline(&self) -> &str {
        &self.text[..self.headline_end as usize]
    }

    /// The publication, when the file names it.
    pub fn source(&self) -> Option<&str> {
        let source = &self.text[self.headline_end as usize..self.source_end as usize];
        self.has_source.then_some(source)
    }

    /// The byline's names, in order. (A lone empty name is no name.)
    pub fn authors(&self) -> impl Iterator<Item = &str> + Clone {
        let names = &self.text[self.source_end as usize..];
        names.split('\n').filter(move |_| !names.is_empty())
    }

    /// The byline as one line: "Jane Doe and John Roe".
    pub fn byline(&self) -> Option<String> {
        super::byline(&self.authors().collect::<Vec<_>>())
    }

    pub fn url(&self) -> Option<&str> {
        self.extra.as_ref()?.url.as_deref()
    }

    pub fn dek(&self) -> Option<&str> {
        self.extra.as_ref()?.dek.as_deref()
    }

    pub fn tags(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.tags)
    }

    /// Explicit related references.
    pub fn related(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.related)
    }

    pub fn credits(&self) -> &[Credit] {
        self.extra.as_ref().map_or(&[], |e| &e.credits)
    }

    pub fn photo_credit(&self) -> Option<&str> {
        self.extra.as_ref()?.photo_credit.as_deref()
    }

    pub fn warnings(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.warnings)
    }
}

impl AsRef<Summary> for Summary {
    fn as_ref(&self) -> &Summary {
        self
    }
}

impl std::fmt::Debug for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Summary")
            .field("id", &self.id)
            .field("path", &self.path)
            .field("headline", &self.headline())
            .field("source", &self.source())
            .field("published", &self.published)
            .field("authors", &self.authors().collect::<Vec<_>>())
            .field("extra", &self.extra)
            .finish()
    }
}

/// A summary as the index cache stores it: its fields in order, the path left out (it is
/// where the file is found). The strings are borrowed from the cache file while it is read.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    id: ArticleId,
    headline: &'a str,
    #[serde(borrow)]
    source: Option<&'a str>,
    published: Option<Date>,
    #[serde(borrow)]
    authors: Vec<&'a str>,
    extra: Option<Box<Extra>>,
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Stored {
            id: self.id.clone(),
            headline: self.headline(),
            source: self.source(),
            published: self.published,
            authors: self.authors().collect(),
            extra: self.extra.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Summary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Summary, D::Error> {
        let s = Stored::deserialize(deserializer)?;
        Ok(Summary::from(Fields {
            id: s.id,
            path: PathBuf::new(),
            headline: s.headline,
            source: s.source,
            published: s.published,
            authors: s.authors,
            extra: s.extra,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(source: Option<&str>, authors: Vec<&str>) -> Summary {
        Summary::from(Fields {
            id: ArticleId("a".into()),
            path: "/library/a.txt".into(),
            headline: "Floods close the harbour",
            source,
            authors,
            ..Fields::default()
        })
    }

    #[test]
    fn each_field_comes_back_as_given() {
        let s = summary(Some("The Ledger"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(s.headline(), "Floods close the harbour");
        assert_eq!(s.source(), Some("The Ledger"));
        assert_eq!(s.authors().collect::<Vec<_>>(), ["Jane Doe", "John Roe"]);
        assert_eq!(s.path(), Path::new("/library/a.txt"));
        assert_eq!(s.byline().as_deref(), Some("Jane Doe and John Roe"));
    }

    #[test]
    fn no_source_and_an_empty_source_differ_and_no_names_is_none() {
        let none = summary(None, vec![]);
        assert_eq!(none.source(), None);
        assert_eq!(none.authors().count(), 0);
        assert_eq!(none.byline(), None);
        assert_eq!(summary(Some(""), vec![]).source(), Some(""));
        let one = summary(None, vec!["Ann Lee"]);
        assert_eq!(one.authors().collect::<Vec<_>>(), ["Ann Lee"]);
    }

    #[test]
    fn a_line_break_in_a_name_does_not_make_two_names() {
        let s = summary(None, vec!["Jane\nDoe", "John Roe"]);
        assert_eq!(s.authors().collect::<Vec<_>>(), ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn the_cache_form_keeps_every_field_but_the_path() {
        let s = summary(Some("The Ledger"), vec!["Jane Doe"]);
        let bytes = postcard::to_allocvec(&s).unwrap();
        let mut back: Summary = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.path(), Path::new(""));
        back.set_path(s.path().to_path_buf());
        assert_eq!(back, s);
    }
}
