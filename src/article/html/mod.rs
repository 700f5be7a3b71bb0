//! Saved web pages (`.html`, `.htm`, `.xhtml`): a page is decoded as a browser would, parsed
//! once, and read in named steps: metadata, hints from its elements, the body, then the fields
//! chosen from what each step found.

mod body;
mod fields;
mod found;
mod meta;
mod text;
/// Public so that `examples/page_stages.rs` can time the trim apart from the rest of a read.
pub mod trim;

use dom_query::Document;

use super::{Article, Options, ParseError, decode, dump, quotes, stable_id};

/// Reads a web page's bytes into an article: the fields `gazette parse --json` gives for any
/// format. `url` is where the page came from, if known; the page's own canonical link wins
/// over it. The article's `path` is left empty for the caller to set.
///
/// Pages over `options.size_cap` bytes are refused; any other input, however hostile, gives an
/// article or a `ParseError` in time linear in its size.
pub fn read(bytes: &[u8], url: Option<&str>, options: &Options) -> Result<Article, ParseError> {
    if bytes.len() as u64 > options.size_cap {
        return Err(ParseError::Invalid(format!(
            "too large ({} bytes; the cap is {} bytes)",
            bytes.len(),
            options.size_cap
        )));
    }
    let decoded = decode::decode_html(bytes).map_err(|_| ParseError::Binary)?;
    if decoded.text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let mut article = page(&decoded.text, url, options)?;
    article.warnings.extend(decoded.warning);
    article.quotes = quotes::locate(&article.blocks, &article.quotes);
    article.id = stable_id(article.url.as_deref(), &decoded.text);
    Ok(article)
}

/// The steps, on decoded markup.
fn page(html: &str, url: Option<&str>, options: &Options) -> Result<Article, ParseError> {
    let html = trim::trim(html);
    let doc = Document::from(html.as_ref());
    let found = found::Found::walk(&doc);
    let meta = meta::read(&found);
    let hints = fields::hints(&found);
    let marked = body::marked_body(&found);
    // A page whose metadata and byline elements name no writer keeps its visible text for the
    // text rules, last (see `text_byline`): read now, before Readability changes the page.
    let unnamed = fields::authors(&meta, &hints.byline, &[], meta.site_name.as_deref()).is_empty();
    let visible = unnamed.then(|| text::pieces(&doc.root()));
    let page_url = meta.url.clone().or_else(|| url.map(str::to_owned));
    let titles: Vec<&str> = hints
        .h1
        .iter()
        .map(String::as_str)
        .chain(meta.ld_headline.as_deref())
        .chain(meta.og_title.as_deref())
        .collect();
    let body = body::extract(doc, marked, &html, page_url.as_deref(), &titles, options);
    if body.blocks.is_empty() {
        return Err(match fields::headline(&meta, &hints.h1, &body.titles) {
            Some(_) => ParseError::NoBody,
            None => ParseError::NoStory,
        });
    }
    let headline = fields::headline(&meta, &hints.h1, &body.titles)
        .or_else(|| body.blocks.first().map(|b| b.text.clone()))
        .unwrap_or_default();
    let first = body.blocks.first().map(|b| b.text.as_str());
    let dek = fields::dek(meta.description.as_deref(), first, &headline);
    let source = meta.site_name.clone();
    let mut authors = fields::authors(&meta, &hints.byline, &body.byline, source.as_deref());
    if let Some(visible) = visible.filter(|_| authors.is_empty()) {
        authors = text_byline(visible, &headline, options);
    }
    Ok(Article {
        headline,
        dek,
        source,
        url: page_url,
        published: meta.published.or(body.date),
        authors,
        photo: body.photo,
        blocks: body.blocks,
        quotes: body.quotes,
        credits: body.credits,
        tags: meta.tags,
        dropped: body.dropped,
        ..Article::default()
    })
}

/// The text heuristics, last: a page whose metadata and elements name no writer is read as a
/// dump of its visible text, whose byline rules know shapes no element marks (a label alone
/// above the names, each name with its role, names beside a date). Taken only when that
/// reading finds the same headline, so the names belong to this story.
fn text_byline(visible: Vec<text::Piece>, headline: &str, options: &Options) -> Vec<String> {
    // The headline first, as a page copied whole begins with the page's title.
    let lines: Vec<String> = std::iter::once(headline.to_owned())
        .chain(visible.into_iter().map(|p| p.text))
        .collect();
    match dump::extract(&lines.join("\n\n"), options) {
        Ok(found) if same_headline(&found.headline, headline) => found.authors,
        _ => Vec::new(),
    }
}

fn same_headline(a: &str, b: &str) -> bool {
    let words = |s: &str| super::normalise_words(s);
    !a.trim().is_empty() && words(a) == words(b)
}
