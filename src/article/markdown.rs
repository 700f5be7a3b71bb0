//! Markdown articles with TOML (+++) or YAML (---) front matter, the body read by a real
//! Markdown parser: headings become subheads, blockquotes quotations, links plain text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::front::{self, Meta};
use super::{Article, Block, BlockKind, ParseError, Quote, QuoteSpan, hygiene::clean_line};

pub fn parse(text: &str) -> Result<Article, ParseError> {
    let (meta, body) = split_front_matter(text)?;
    let mut article = Article::default();
    meta.apply(&mut article)?;
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

fn split_front_matter(text: &str) -> Result<(Meta, &str), ParseError> {
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
        let de = toml::de::Deserializer::parse(raw).map_err(|e| toml_error(raw, &e))?;
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            toml_error(raw, e.inner()).with_key(&path)
        })?
    } else {
        let de = serde_yaml_ng::Deserializer::from_str(raw);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let line = e.inner().location().map(|l| l.line() + 1).unwrap_or(2);
            let msg = front::without_location(&e.inner().to_string()).to_owned();
            let key = if msg.starts_with(&format!("{path}:")) {
                String::new()
            } else {
                key_prefix(&path)
            };
            ParseError::Invalid(format!("front matter line {line}: {key}{msg}"))
        })?
    };
    Ok((meta, body))
}

fn key_prefix(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!("{path}: ")
    }
}

trait WithKey {
    fn with_key(self, key: &str) -> ParseError;
}

impl WithKey for ParseError {
    fn with_key(self, key: &str) -> ParseError {
        match self {
            ParseError::Invalid(m)
                if !key.is_empty() && key != "." && !m.contains(&format!("{key}:")) =>
            {
                match m.split_once(": ") {
                    Some((at, rest)) => ParseError::Invalid(format!("{at}: {key}: {rest}")),
                    None => ParseError::Invalid(format!("{key}: {m}")),
                }
            }
            other => other,
        }
    }
}

fn toml_error(raw: &str, e: &toml::de::Error) -> ParseError {
    let line = e
        .span()
        .map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 2)
        .unwrap_or(2);
    ParseError::Invalid(format!("front matter line {line}: {}", e.message()))
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
