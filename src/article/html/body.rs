//! The story's body: dom_smoothie (a port of Mozilla's Readability) finds the element that
//! holds it; its text becomes paragraphs, subheads, quotations, the lead photo's caption and
//! credit, and the wire credits, with the configured chrome rules applied to what is left.

use std::sync::LazyLock;

use dom_query::{Document, Matcher};

use super::found::Found;

use super::text::{self, Piece, Role};
use crate::article::{
    Block, Credit, Date, Options, Photo, Quote, QuoteSpan, lines, normalise_words,
};

/// What the body step found.
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub quotes: Vec<Quote>,
    pub photo: Option<Photo>,
    pub credits: Vec<Credit>,
    pub dropped: Vec<String>,
    /// `<h1>` text inside the story element.
    pub titles: Vec<String>,
    /// Names from a byline: Readability's, or a "By ..." line at the top of the story.
    pub byline: Vec<String>,
    /// A date from the byline line or a date line at the top.
    pub date: Option<Date>,
}

/// Elements Readability may look at: past this, a page is read without it (see `fallback`).
const MAX_ELEMENTS: usize = 100_000;

/// Finds the story element of the page and reads its text. `marked` is what [`marked_body`]
/// found in it. `html` is the page the document was parsed from, read again only if
/// Readability finds nothing.
/// `titles` are the page's own titles (its `<h1>`s, its metadata's): Readability turns the
/// `<h1>` into an `<h2>`, which must not come back as a subhead.
pub fn extract(
    doc: Document,
    marked: Option<Marked>,
    html: &str,
    url: Option<&str>,
    titles: &[&str],
    options: &Options,
) -> Body {
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // The classes tell captions and credits from paragraphs (see `text`).
        keep_classes: true,
        ..Default::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let (mut pieces, byline) = match readability(doc, html, url, config) {
        Some((content, byline)) => (story_pieces(&content), byline),
        None => (fallback(html), None),
    };
    if let Some(marked) = marked
        && if marked.blocks == 1 {
            outside(&pieces, &marked.pieces)
        } else {
            within(&pieces, &marked.pieces)
        }
    {
        pieces = marked.pieces;
    }
    let titles: Vec<String> = titles.iter().map(|t| normalise_words(t)).collect();
    for piece in &mut pieces {
        if piece.role == Role::Subhead && titles.contains(&normalise_words(&piece.text)) {
            piece.role = Role::Title;
        }
    }
    let mut body = assemble(pieces, options);
    if let Some(byline) = byline {
        let names = lines::byline(&byline)
            .map(|b| b.names)
            .unwrap_or_else(|| lines::split_names(&byline));
        if body.byline.is_empty() {
            body.byline = names;
        }
    }
    body
}

/// Readability's story element and byline, read from the page `doc` was parsed from.
///
/// Readability tries once with all its rules and, when that finds less than
/// `char_threshold` characters, again with fewer, each try on a fresh copy of the page: the
/// copy, made before the first try, is most of what a try costs. The first try is made here
/// on the document itself, and taken when it is long enough (the text Readability tidies
/// afterwards only loses characters, so the first try was long enough too), as Readability's
/// own loop would; otherwise the page is parsed again and Readability runs its whole loop.
/// Either way the answer is Readability's.
fn readability(
    doc: Document,
    html: &str,
    url: Option<&str>,
    config: dom_smoothie::Config,
) -> Option<(Document, Option<String>)> {
    // Whitespace at the edges of the element counted or not.
    const MARGIN: usize = 16;
    let threshold = config.char_threshold + MARGIN;
    let mut first =
        dom_smoothie::Readability::with_document(doc, url, Some(config.clone())).ok()?;
    match first.parse_with_policy(dom_smoothie::ParsePolicy::Strict) {
        Ok(article) => {
            let long = story(&first.doc).is_some_and(|s| s.normalized_char_count() >= threshold);
            if long {
                return Some((first.doc, article.byline));
            }
        }
        // Only a failed try is worth another: a page with too many elements has them still.
        Err(dom_smoothie::ReadabilityError::GrabFailed) => {}
        Err(_) => return None,
    }
    let mut again =
        dom_smoothie::Readability::with_document(Document::from(html), url, Some(config)).ok()?;
    let article = again.parse().ok()?;
    Some((again.doc, article.byline))
}

/// The element Readability leaves the story in, in the document it worked on (the page
/// itself: its `content` is this element written out as markup, not worth parsing again).
fn story(doc: &Document) -> Option<dom_query::NodeRef<'_>> {
    // The first in the page's order, as Readability looks for it: the walk stops there.
    doc.select_single_matcher(&STORY).nodes().first().copied()
}

static STORY: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new("#readability-page-1").expect("the selector parses"));

fn story_pieces(doc: &Document) -> Vec<Piece> {
    story(doc).map(|s| text::pieces(&s)).unwrap_or_default()
}

/// Class names and attributes by which pages mark the element holding the story's text.
pub(super) const BODY_MARKS: &str = "[itemprop=articleBody], [class*=article_body], [class*=article-body], \
    [class*=articleBody], [class*=story-body], [class~=story-text], [class~=article-text], \
    [class*=entry-content], [class*=post-content]";

static MARKS: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(BODY_MARKS).expect("the selector parses"));

/// The text of the elements the page marks as its story's body.
pub struct Marked {
    pieces: Vec<Piece>,
    /// How many elements it came from.
    blocks: usize,
}

/// The text of the element the page marks as its story's body, when there is one with some
/// prose in it; or of several, when they are of one kind (the same class): a story the page
/// split into blocks around its asides.
pub fn marked_body(found: &Found) -> Option<Marked> {
    let nodes: Vec<_> = found.matching(&MARKS).collect();
    let ids: std::collections::HashSet<_> = nodes.iter().map(|n| n.id).collect();
    // Nested marks ("article-body" inside "article-body-wrapper"): the outermost.
    let outer: Vec<_> = nodes
        .iter()
        .filter(|n| !n.ancestors_it(None).any(|a| ids.contains(&a.id)))
        .collect();
    let class = outer.first()?.attr("class");
    if outer.iter().any(|n| n.attr("class") != class) {
        return None;
    }
    let pieces: Vec<Piece> = outer.iter().flat_map(|n| text::pieces(n)).collect();
    let chars: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
    (chars >= 140).then_some(Marked {
        pieces,
        blocks: outer.len(),
    })
}

/// True when nearly all the text Readability chose lies inside the marked body: it picked
/// one of the blocks the story is split into.
fn within(chosen: &[Piece], marked: &[Piece]) -> bool {
    let (shared, total) = shared(chosen, marked);
    shared * 10 >= total * 9
}

/// The bytes of `chosen`'s pieces also in `marked`, and of all of them.
fn shared(chosen: &[Piece], marked: &[Piece]) -> (usize, usize) {
    let inside: std::collections::HashSet<&str> = marked.iter().map(|p| p.text.as_str()).collect();
    let total: usize = chosen.iter().map(|p| p.text.len()).sum();
    let shared: usize = chosen
        .iter()
        .filter(|p| inside.contains(p.text.as_str()))
        .map(|p| p.text.len())
        .sum();
    (shared, total)
}

/// True when most of the text Readability chose lies outside the marked body: it picked
/// something else (a footer with more commas than a short story, in scripts whose commas it
/// does not count).
fn outside(chosen: &[Piece], marked: &[Piece]) -> bool {
    let (shared, total) = shared(chosen, marked);
    shared * 3 < total
}

/// Without Readability's answer: the text of `<article>`, else `<main>`, else `<body>`.
fn fallback(html: &str) -> Vec<Piece> {
    let doc = Document::from(html);
    for selector in ["article", "main", "body"] {
        if let Some(node) = doc.select(selector).nodes().first() {
            return text::pieces(node);
        }
    }
    text::pieces(&doc.root())
}

/// Turns pieces into the body's blocks and what stands beside them.
fn assemble(pieces: Vec<Piece>, options: &Options) -> Body {
    let mut body = Body::default();
    let mut figure: Option<Photo> = None;
    for (i, piece) in pieces.into_iter().enumerate() {
        let words = piece.text.split_whitespace().count();
        match piece.role {
            Role::Title => body.titles.push(piece.text),
            Role::Caption | Role::PhotoCredit => {
                // The lead photo is the one before the story's first paragraph.
                if body.blocks.is_empty() && body.photo.is_none() {
                    let photo = figure.get_or_insert_with(Photo::default);
                    if piece.role == Role::Caption {
                        join(&mut photo.caption, &piece.text);
                    } else {
                        photo.credit = Some(unlabelled(piece.text));
                    }
                } else {
                    body.dropped.push(piece.text);
                }
            }
            _ if piece.in_figure => body.dropped.push(piece.text),
            Role::Subhead if words <= 20 => {
                end_figure(&mut body, &mut figure);
                body.blocks.push(Block::subhead(piece.text));
            }
            Role::Quote => {
                end_figure(&mut body, &mut figure);
                let end = piece.text.len();
                body.quotes.push(Quote {
                    spans: vec![QuoteSpan {
                        block: body.blocks.len(),
                        start: 0,
                        end,
                    }],
                });
                body.blocks.push(Block::paragraph(piece.text));
            }
            _ => {
                end_figure(&mut body, &mut figure);
                paragraph(&mut body, piece.text, words, i, options);
            }
        }
    }
    end_figure(&mut body, &mut figure);
    body
}

/// A figure ends where the next block starts: its caption and credit become the photo.
fn end_figure(body: &mut Body, figure: &mut Option<Photo>) {
    let Some(mut photo) = figure.take() else {
        return;
    };
    if photo.credit.is_none()
        && let Some(split) =
            lines::caption(&photo.caption).or_else(|| lines::trailing_photo_source(&photo.caption))
    {
        photo = split;
    }
    if body.photo.is_none() && (!photo.caption.is_empty() || photo.credit.is_some()) {
        body.photo = Some(photo);
    }
}

/// A credit without its label: "Photo: Jo Roe/AP" -> "Jo Roe/AP".
fn unlabelled(credit: String) -> String {
    lines::caption(&credit)
        .filter(|p| p.caption.is_empty())
        .and_then(|p| p.credit)
        .unwrap_or(credit)
}

fn join(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(text);
}

/// A paragraph of the story, unless it is chrome, a wire credit line, or the byline.
fn paragraph(body: &mut Body, text: String, words: usize, index: usize, options: &Options) {
    let lower = text.to_lowercase();
    let kept = options
        .keep_phrases
        .iter()
        .any(|p| lower.contains(&p.to_lowercase()));
    let configured = options
        .chrome_phrases
        .iter()
        .any(|p| lower.contains(&p.to_lowercase()))
        || options.chrome_patterns.iter().any(|r| r.is_match(&text));
    let built_in =
        words <= 12 && lines::chrome_folded(&lines::fold(&text), words) == lines::Chrome::Sure;
    if !kept && (configured || built_in) {
        body.dropped.push(text);
        return;
    }
    if words <= 60
        && let Some(found) = lines::credits(&text)
    {
        body.credits.extend(found);
        return;
    }
    // A byline or a date line at the top of the story.
    if body.blocks.len() < 2 && index < 6 && words <= 24 {
        if let Some(byline) = lines::byline(&text).or_else(|| lines::byline(&bereft(&text)?)) {
            if body.byline.is_empty() {
                body.byline = byline.names;
            }
            body.date = body.date.or(byline.date);
            body.dropped.push(text);
            return;
        }
        if let Some(date) = lines::date_line(&text, words) {
            body.date = body.date.or(Some(date));
            body.dropped.push(text);
            return;
        }
    }
    body.blocks.push(Block::paragraph(text));
}

/// What Readability leaves of a byline of several names when it takes the first away as the
/// page's byline element: "By and Ken Mori" -> "By Ken Mori".
fn bereft(text: &str) -> Option<String> {
    let rest = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))?;
    let rest = rest.trim_start();
    let rest = ["and ", "& ", ", "]
        .iter()
        .find_map(|joiner| rest.strip_prefix(joiner))?;
    Some(format!("By {}", rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(role: Role, text: &str, in_figure: bool) -> Piece {
        Piece {
            role,
            text: text.into(),
            in_figure,
        }
    }

    #[test]
    fn lead_figure_gives_the_photo_and_later_ones_are_dropped() {
        let body = assemble(
            vec![
                piece(Role::Caption, "The mayor at the wall.", true),
                piece(Role::PhotoCredit, "Jo Roe/Coast Photo", true),
                piece(Role::Paragraph, "By Ann Lee and Bo Chan", false),
                piece(
                    Role::Paragraph,
                    "The sea wall broke on Tuesday night.",
                    false,
                ),
                piece(Role::Caption, "Another picture.", true),
                piece(Role::Subhead, "What comes next", false),
                piece(Role::Quote, "\u{201c}We will rebuild.\u{201d}", false),
                piece(
                    Role::Paragraph,
                    "(Reporting by Cy Dee; Editing by Ed Eff)",
                    false,
                ),
            ],
            &Options::default(),
        );
        let photo = body.photo.unwrap();
        assert_eq!(photo.caption, "The mayor at the wall.");
        assert_eq!(photo.credit.as_deref(), Some("Jo Roe/Coast Photo"));
        assert_eq!(body.byline, ["Ann Lee", "Bo Chan"]);
        assert_eq!(body.blocks.len(), 3);
        assert_eq!(body.blocks[1], Block::subhead("What comes next"));
        assert_eq!(body.quotes[0].spans[0].block, 2);
        assert_eq!(body.credits.len(), 2);
        assert!(body.dropped.contains(&"Another picture.".to_owned()));
    }

    #[test]
    fn a_byline_without_its_first_name_is_still_a_byline() {
        let body = assemble(
            vec![
                piece(Role::Paragraph, "By and Ken Mori", false),
                piece(
                    Role::Paragraph,
                    "The library will open on Sundays from next month.",
                    false,
                ),
            ],
            &Options::default(),
        );
        assert_eq!(body.byline, ["Ken Mori"]);
        assert_eq!(body.blocks.len(), 1);
        assert_eq!(bereft("By Ann Lee"), None);
    }

    #[test]
    fn configured_chrome_is_dropped_and_keep_phrases_win() {
        let options = Options {
            chrome_phrases: vec!["support our journalism".into()],
            keep_phrases: vec!["subscribe to the idea".into()],
            ..Options::default()
        };
        let body = assemble(
            vec![
                piece(
                    Role::Paragraph,
                    "Please support our journalism today.",
                    false,
                ),
                piece(Role::Paragraph, "Subscribe", false),
                piece(
                    Role::Paragraph,
                    "Few subscribe to the idea that walls work.",
                    false,
                ),
            ],
            &options,
        );
        assert_eq!(body.blocks.len(), 1);
        assert_eq!(body.dropped.len(), 2);
    }
}
