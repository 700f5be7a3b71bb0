//! Markdown articles with TOML (+++) or YAML (---) front matter, the body read by a real
//! Markdown parser: headings become subheads, blockquotes quotations, links plain text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::front::{self, Meta};
use super::{Article, Block, BlockKind, ParseError, Quote, QuoteSpan, hygiene::clean_line};

pub fn parse(text: &str) -> Result<Article, ParseError> {
    let mut article = Article::default();
    let (meta, body) = split_front_matter(text, &mut article.warnings)?;
    meta.apply(&mut article);
    read_body(body, &mut article);
    // A Markdown file without a title in front matter often starts with "# Title".
    if article.headline.is_empty()
        && article
            .blocks
            .first()
            .is_some_and(|b| b.kind == BlockKind::Subhead)
    {
        article.headline = article.blocks.remove(0).text;
        for q in &mut article.quotes {
            q.spans.iter_mut().for_each(|s| s.block -= 1);
        }
    }
    front::finish(article)
}

/// The front matter and the body. Front matter that cannot be read (a syntax error, a value
/// of the wrong type) costs only what cannot be read, with a warning: the article is kept.
fn split_front_matter<'a>(
    text: &'a str,
    warnings: &mut Vec<String>,
) -> Result<(Meta, &'a str), ParseError> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let fence = match first {
        "+++" => "+++",
        "---" => "---",
        _ => return Ok((Meta::default(), text)),
    };
    let after = &text[first.len()..].trim_start_matches(['\r']);
    let after = after.strip_prefix('\n').unwrap_or(after);
    let close = after
        .match_indices(fence)
        .find(|(i, _)| {
            (*i == 0 || after[..*i].ends_with('\n')) && after[i + 3..].starts_with(['\n', '\r'])
                || after.len() == i + 3
        })
        .map(|(i, _)| i)
        .ok_or_else(|| {
            ParseError::Invalid(format!(
                "front matter opened with {fence} on line 1 is never closed"
            ))
        })?;
    let raw = &after[..close];
    let body = &after[(close + 3).min(after.len())..];
    // Front matter starts on the file's second line.
    let meta = if fence == "+++" {
        toml_meta(raw, warnings)
    } else {
        yaml_meta(raw, warnings)
    };
    Ok((meta, body))
}

fn toml_meta(raw: &str, warnings: &mut Vec<String>) -> Meta {
    let de = match toml::de::Deserializer::parse(raw) {
        Ok(de) => de,
        Err(e) => {
            warnings.push(format!("{}; its fields were left out", toml_error(raw, &e)));
            return Meta::default();
        }
    };
    match serde_path_to_error::deserialize(de) {
        Ok(meta) => meta,
        Err(e) => {
            let path = e.path().to_string();
            let message = with_key(toml_error(raw, e.inner()), &path);
            warnings.push(format!("{message}; left out"));
            // The others, read again as plain values without that key.
            let value = toml::from_str::<serde_json::Value>(raw).unwrap_or_default();
            lenient(value, front::top_key(e.path()).as_deref(), warnings)
        }
    }
}

fn yaml_meta(raw: &str, warnings: &mut Vec<String>) -> Meta {
    let de = serde_yaml_ng::Deserializer::from_str(raw);
    match serde_path_to_error::deserialize(de) {
        Ok(meta) => meta,
        Err(e) => {
            let path = e.path().to_string();
            let line = e.inner().location().map(|l| l.line() + 1).unwrap_or(2);
            let msg = front::without_location(&e.inner().to_string()).to_owned();
            let key = if msg.starts_with(&format!("{path}:")) {
                String::new()
            } else {
                key_prefix(&path)
            };
            let message = clean_line(&format!("front matter line {line}: {key}{msg}"));
            match serde_yaml_ng::from_str::<serde_json::Value>(raw) {
                // A value of the wrong type: the others are kept.
                Ok(value) if value.is_object() => {
                    warnings.push(format!("{message}; left out"));
                    lenient(value, front::top_key(e.path()).as_deref(), warnings)
                }
                // Not a mapping of keys at all: none of it is kept, and the parser's own
                // reason (a syntax error, where it is one) is said.
                other => {
                    let message = match other {
                        Err(syntax) => {
                            let line = syntax.location().map(|l| l.line() + 1).unwrap_or(2);
                            let why = front::without_location(&syntax.to_string()).to_owned();
                            clean_line(&format!("front matter line {line}: {why}"))
                        }
                        Ok(_) => message,
                    };
                    warnings.push(format!("{message}; its fields were left out"));
                    Meta::default()
                }
            }
        }
    }
}

/// `front::lenient`, its warnings saying they are about the front matter (its line numbers
/// are lost with the parser's first error).
fn lenient(value: serde_json::Value, left_out: Option<&str>, warnings: &mut Vec<String>) -> Meta {
    let before = warnings.len();
    let meta = front::lenient(value, left_out, warnings);
    for w in &mut warnings[before..] {
        *w = format!("front matter: {w}");
    }
    meta
}

fn key_prefix(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!("{path}: ")
    }
}

/// A front matter message with the key it is about, after the line: "front matter line 4:
/// published: ...".
fn with_key(message: String, key: &str) -> String {
    if key.is_empty() || key == "." || message.contains(&format!("{key}:")) {
        return message;
    }
    match message.split_once(": ") {
        Some((at, rest)) => format!("{at}: {key}: {rest}"),
        None => format!("{key}: {message}"),
    }
}

fn toml_error(raw: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 2)
        .unwrap_or(2);
    clean_line(&format!("front matter line {line}: {}", e.message()))
}

/// Reads the Markdown body into blocks; blockquotes become quotations.
fn read_body(body: &str, article: &mut Article) {
    let mut text = String::new();
    let mut in_quote = 0usize;
    let mut quote_blocks: Vec<usize> = Vec::new();
    let mut item_depth = 0usize;
    let mut flush = |text: &mut String, kind: BlockKind, quoted: bool, article: &mut Article| {
        let cleaned = clean_line(text);
        text.clear();
        if cleaned.is_empty() {
            return;
        }
        if quoted {
            quote_blocks.push(article.blocks.len());
        }
        article.blocks.push(Block {
            kind,
            text: cleaned,
        });
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => in_quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => in_quote = in_quote.saturating_sub(1),
            Event::Start(Tag::Item) => {
                item_depth += 1;
                text.push_str("• ");
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                flush(&mut text, BlockKind::Paragraph, in_quote > 0, article);
            }
            Event::End(TagEnd::Heading(_)) => flush(&mut text, BlockKind::Subhead, false, article),
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                flush(&mut text, BlockKind::Paragraph, in_quote > 0, article)
            }
            Event::End(TagEnd::CodeBlock) => flush(&mut text, BlockKind::Paragraph, false, article),
            Event::Start(Tag::Link { dest_url, .. }) => article.links.push(clean_line(&dest_url)),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut text, BlockKind::Paragraph, in_quote > 0, article);
    article.quotes = quote_blocks
        .into_iter()
        .map(|block| Quote {
            spans: vec![QuoteSpan {
                block,
                start: 0,
                end: article.blocks[block].text.len(),
            }],
        })
        .collect();
}
