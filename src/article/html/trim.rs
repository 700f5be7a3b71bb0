//! The markup trimmed before it is parsed: nesting capped, and scripts and styles emptied.
//!
//! An HTML parser looks up the stack of open elements for most tags, and extraction walks
//! ancestors: both cost time in proportion to the depth, so a page 100,000 elements deep would
//! take hours. Real pages nest a few dozen deep. Past [`MAX_DEPTH`], start tags (and their end
//! tags) are left out; the text inside them is kept, so nothing of the story is lost.
//!
//! Scripts and styles are half the bytes of a typical page and never part of its text: their
//! contents are cut here, so the parser does not read them character by character, as are
//! comments and the contents of drawings, frames, `<noscript>` and `<template>`. JSON-LD
//! scripts are kept: they hold the page's metadata.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deeper elements are flattened into their ancestor at this depth.
pub const MAX_DEPTH: usize = 256;

/// Elements that hold no markup: their content is skipped to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Raw text elements whose text is never shown: emptied (but JSON-LD scripts).
const EMPTIED: &[&str] = &["script", "style", "iframe", "noembed", "noframes", "xmp"];

/// Elements with markup inside that is never shown as text, skipped to their end tag as a
/// raw text element would be: drawings (icons, logos, charts: a tenth of a page's markup),
/// what a browser shows without scripts, and templates for scripts to fill.
const SKIPPED: &[&str] = &["svg", "noscript", "template"];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements whose end tag is optional: a parser closes them by itself when a sibling starts,
/// so they do not nest, and counting them would flatten ordinary pages.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "tbody",
    "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// `html` with the start and end tags of elements nested deeper than [`MAX_DEPTH`] left out,
/// and the contents of scripts (but JSON-LD) and styles. One pass; each end tag looks at no
/// more than `MAX_DEPTH` open elements.
pub fn trim(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut flattened: HashMap<String, usize> = HashMap::new();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            i = find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            cut.push((at, i));
        } else if rest.starts_with(b"!") || rest.starts_with(b"?") {
            i = tag_end(bytes, at + 1);
        } else if rest.starts_with(b"/") {
            let name = tag_name(&rest[1..]);
            let end = tag_end(bytes, at + 2);
            if !name.is_empty() {
                match flattened.get_mut(&name) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        cut.push((at, end));
                    }
                    _ => {
                        if let Some(pos) = open.iter().rposition(|o| *o == name) {
                            open.truncate(pos);
                        }
                    }
                }
            }
            i = end;
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name = tag_name(rest);
            let end = tag_end(bytes, at + 1);
            let self_closed = bytes[at..end].ends_with(b"/>");
            i = end;
            if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                i = find_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
                let metadata =
                    name == "script" && find_ci(&bytes[at..end], 0, b"ld+json").is_some();
                if EMPTIED.contains(&name.as_str()) && !metadata && i > end && !self_closed {
                    cut.push((end, i));
                }
            } else if SKIPPED.contains(&name.as_str()) && !self_closed {
                let close = format!("</{name}");
                i = find_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
                cut.push((end, i));
            } else if self_closed
                || VOID.contains(&name.as_str())
                || SELF_CLOSING_SIBLINGS.contains(&name.as_str())
            {
            } else if open.len() >= MAX_DEPTH {
                *flattened.entry(name).or_default() += 1;
                cut.push((at, end));
            } else {
                open.push(name);
            }
        } else {
            i = at + 1;
        }
    }
    if cut.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cut {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// The first `needle` in `hay` (SIMD search: most of a page's bytes lie between tags).
fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

/// A tag's name, lower case: letters, digits and `-`.
fn tag_name(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Just past the `>` that ends the tag starting at `from`, skipping quoted attribute values.
/// Always on a character boundary: `>` and quotes are ASCII.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(off) = bytes
        .get(at..)
        .and_then(|b| memchr::memchr3(b'>', b'"', b'\'', b))
    {
        let j = at + off;
        match bytes[j] {
            b'>' => return j + 1,
            quote => match memchr::memchr(quote, &bytes[j + 1..]) {
                Some(close) => at = j + 1 + close + 1,
                None => return bytes.len(),
            },
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

/// `needle` (ASCII, case-insensitive) from `from` on. Only where its first byte is: the end
/// tags searched for start with `<`, rare inside a script's text.
fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut at = from;
    while at + needle.len() <= bytes.len() {
        let start = at + memchr::memchr2(lower, upper, &bytes[at..])?;
        if bytes
            .get(start..start + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_styles_are_emptied_but_json_ld_kept() {
        let page = "<head><script>if (a<b) { x('</div>') }</script><STYLE>p{}</STYLE>\
                    <script type=\"application/ld+json\">{\"a\":1}</script></head><p>Text</p>";
        assert_eq!(
            trim(page),
            "<head><script></script><STYLE></STYLE>\
             <script type=\"application/ld+json\">{\"a\":1}</script></head><p>Text</p>"
        );
    }

    #[test]
    fn drawings_are_emptied_and_what_follows_kept() {
        let page = "<p>A</p><SVG viewBox=\"0 0 9 9\"><path d=\"M0 0\"/><title>icon</title></Svg>\
                    <svg/><p>B</p>";
        assert_eq!(
            trim(page),
            "<p>A</p><SVG viewBox=\"0 0 9 9\"></Svg><svg/><p>B</p>"
        );
    }

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><body><div class=\"a>b\"><p>One<p>Two<ul><li>x<li>y</ul></div>\
                    <script src=a.js></script></body></html>";
        assert!(matches!(trim(page), Cow::Borrowed(_)));
    }

    #[test]
    fn comments_frames_noscript_and_templates_are_emptied() {
        let page = "<p>A</p><!-- <div> --><iframe src=x>fallback <b>text</b></iframe>\
                    <NOSCRIPT><img src=a.jpg><p>Enable scripts</p></noscript>\
                    <template><p>{{title}}</p></template><p>B</p>";
        assert_eq!(
            trim(page),
            "<p>A</p><iframe src=x></iframe><NOSCRIPT></noscript><template></template><p>B</p>"
        );
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let n = MAX_DEPTH + 50;
        let page = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let out = trim(&page);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("<p>deep text</p>"));
    }
}
