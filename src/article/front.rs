//! Article metadata as structured files carry it: Markdown front matter (TOML or YAML) and JSON
//! articles share these keys.

use serde::Deserialize;

use super::{Article, Block, Credit, Date, ParseError, Photo, hygiene::clean_line};

/// The keys a structured article may set. Unknown keys are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub title: Option<String>,
    pub headline: Option<String>,
    pub dek: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    #[serde(deserialize_with = "date_text")]
    pub published: Option<String>,
    pub authors: Option<OneOrMany>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub related: Vec<String>,
    pub photo: Option<Photo>,
    pub credits: Vec<Credit>,
    /// JSON only: the body as text, paragraphs separated by blank lines.
    pub body: Option<String>,
    /// JSON only: the body as a list of paragraphs.
    pub paragraphs: Option<Vec<String>>,
}

/// `published = "2024-03-01"`, and TOML's own unquoted dates (`published = 2024-03-01`, as
/// Hugo and Zola write them), as text for the date parser.
fn date_text<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date as YYYY-MM-DD or RFC 3339")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let date = toml::value::Datetime::deserialize(
                serde::de::value::MapAccessDeserializer::new(map),
            )?;
            Ok(Some(date.to_string()))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    de.deserialize_any(Visitor)
}

/// `authors = "Jane Doe"` and `authors = ["Jane Doe"]` both work.
#[derive(Debug)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(OneOrMany::Many(names))
            }
        }
        de.deserialize_any(Visitor)
    }
}

/// serde's messages end with " at line L column C"; gazette says where itself.
pub fn without_location(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

impl Meta {
    /// Applies the metadata to an article, cleaning every string (front matter is untrusted
    /// text too).
    pub fn apply(self, article: &mut Article) {
        let opt = |s: Option<String>| s.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
        article.headline = opt(self.title.or(self.headline)).unwrap_or_default();
        article.dek = opt(self.dek);
        article.source = opt(self.source);
        article.url = opt(self.url);
        if let Some(p) = self.published {
            article.published = Date::parse_iso(&p);
            if article.published.is_none() {
                article.warnings.push(format!(
                    "published: expected a date as YYYY-MM-DD or RFC 3339, found \"{}\"; left out",
                    clean_line(&p)
                ));
            }
        }
        article.authors = match self.authors {
            Some(OneOrMany::One(a)) => vec![a],
            Some(OneOrMany::Many(a)) => a,
            None => self.author.into_iter().collect(),
        }
        .iter()
        .map(|a| clean_line(a))
        .filter(|a| !a.is_empty())
        .collect();
        article.tags = self
            .tags
            .iter()
            .map(|t| clean_line(t))
            .filter(|t| !t.is_empty())
            .collect();
        article.related = self
            .related
            .iter()
            .map(|t| clean_line(t))
            .filter(|t| !t.is_empty())
            .collect();
        article.photo = self.photo.map(|p| Photo {
            caption: clean_line(&p.caption),
            credit: opt(p.credit),
        });
        article.credits = self
            .credits
            .into_iter()
            .map(|c| Credit {
                role: clean_line(&c.role),
                names: c.names.iter().map(|n| clean_line(n)).collect(),
            })
            .collect();
        if let Some(paragraphs) = self.paragraphs {
            article.blocks.extend(
                paragraphs
                    .iter()
                    .map(|p| clean_line(p))
                    .filter(|p| !p.is_empty())
                    .map(Block::paragraph),
            );
        } else if let Some(body) = self.body {
            article.blocks.extend(
                body.split("\n\n")
                    .map(clean_line)
                    .filter(|p| !p.is_empty())
                    .map(Block::paragraph),
            );
        }
    }
}

/// The metadata of a document's keys (`value`, an object). A key whose value has the wrong
/// type is left out with a warning rather than costing the whole article its metadata:
/// `warnings` gets what was left out and why. `left_out` names a key already left out (and
/// warned of) by the caller.
pub fn lenient(
    mut value: serde_json::Value,
    left_out: Option<&str>,
    warnings: &mut Vec<String>,
) -> Meta {
    if let (Some(key), Some(object)) = (left_out, value.as_object_mut()) {
        object.remove(key);
    }
    // Each round leaves one key out: bounded by the keys there are.
    let keys = value.as_object().map_or(0, |o| o.len());
    for _ in 0..=keys {
        match serde_path_to_error::deserialize::<_, Meta>(&value) {
            Ok(meta) => return meta,
            Err(e) => {
                let key = top_key(e.path());
                warnings.push(format!(
                    "{}: {}; left out",
                    e.path(),
                    clean_line(&e.inner().to_string())
                ));
                let removed = key.and_then(|k| value.as_object_mut()?.remove(&k));
                if removed.is_none() {
                    break;
                }
            }
        }
    }
    Meta::default()
}

/// The top-level key of a path into a document ("authors" of "authors[0]").
pub fn top_key(path: &serde_path_to_error::Path) -> Option<String> {
    match path.iter().next()? {
        serde_path_to_error::Segment::Map { key } => Some(key.clone()),
        _ => None,
    }
}

/// Reads a JSON article: an object with the `Meta` keys.
pub fn parse_json(text: &str) -> Result<Article, ParseError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        ParseError::Invalid(format!(
            "invalid JSON at line {} column {}: {}",
            e.line(),
            e.column(),
            without_location(&e.to_string())
        ))
    })?;
    if !value.is_object() {
        return Err(ParseError::Invalid(format!(
            "expected a JSON object, found {}",
            kind_of(&value)
        )));
    }
    let mut article = Article::default();
    let meta = lenient(value, None, &mut article.warnings);
    meta.apply(&mut article);
    finish(article)
}

fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A structured article needs a headline and something to read.
/// Without a title, a short first paragraph is the headline, taken out of the body so that it
/// is not shown twice; a longer one gives its first words and stays.
pub fn finish(mut article: Article) -> Result<Article, ParseError> {
    if article.headline.is_empty() {
        let Some(first) = article.blocks.first() else {
            return Err(ParseError::Invalid("no title and no body".into()));
        };
        if first.text.chars().count() <= HEADLINE_FROM_BODY {
            article.headline = article.blocks.remove(0).text;
            // Quotations were found in the blocks as they were.
            article
                .quotes
                .retain(|q| q.spans.iter().all(|s| s.block > 0));
            for q in &mut article.quotes {
                q.spans.iter_mut().for_each(|s| s.block -= 1);
            }
        } else {
            article.headline = super::first_words(&first.text, HEADLINE_FROM_BODY)
                .unwrap_or_else(|| first.text.clone());
        }
    }
    Ok(article)
}

/// The most characters of a first paragraph taken for a headline.
const HEADLINE_FROM_BODY: usize = 80;
