//! Photo captions and photo credits: "A man speaks. (Photo: Jane Roe/AFP)", "Getty Images".

use crate::article::Photo;

/// Words without which a line cannot hold a photo credit: most lines are rejected by one scan.
static CAPTION_HINTS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build([
                "photo",
                "image",
                "picture",
                "credit",
                "illustration",
                "foto",
                "(ap",
                "(reuters",
                "(afp",
                "(getty",
                "(epa",
            ])
            .expect("hints compile")
    });

/// Words that name where a photo came from.
const PHOTO_SOURCES: &[&str] = &[
    "getty images",
    "reuters",
    "associated press",
    "ap photo",
    "afp",
    "epa",
    "shutterstock",
    "istock",
    "alamy",
    "pa media",
    "pa wire",
    "bloomberg",
    "xinhua",
    "picture alliance",
    "dpa",
    "courtesy",
    "handout",
    "file photo",
    "the new york times",
    "the washington post",
];

const CREDIT_MARKERS: &[&str] = &[
    "(photo:",
    "(photo by",
    "(image:",
    "(picture:",
    "(photograph:",
    "(credit:",
    "(illustration:",
    "(ap photo",
    "(reuters",
    "(afp",
    "(getty",
    "(epa",
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "picture:",
    "credit:",
    "credit...",
    "credits:",
    "illustration:",
    "image credit:",
    "photo credit:",
    "(photo credit:",
    "foto:",
];

/// A photo caption with its credit: "A man speaks. | (Photo: REUTERS/Carlos Barria)",
/// "A man speaks. Photo: Jane Roe/AFP via Getty Images", "A man speaks. (Getty Images)".
/// A line that is only a credit gives an empty caption.
pub fn caption(text: &str) -> Option<Photo> {
    if !CAPTION_HINTS.is_match(text) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let (at, marker) = CREDIT_MARKERS
        .iter()
        .filter_map(|m| lower.rfind(m).map(|i| (i, *m)))
        .filter(|(i, _)| *i == 0 || lower[..*i].ends_with([' ', '|', '.', ')', '(']))
        .max_by_key(|(i, m)| (*i, m.len()))?;
    // "(Photo: X)": the bracket belongs to the marker.
    let (at, marker) = match lower[..at].ends_with('(') && !marker.starts_with('(') {
        true => (at - 1, &lower[at - 1..at + marker.len()]),
        false => (at, marker),
    };
    let credit_part = &text[at..];
    let words = credit_part.split_whitespace().count();
    if words > 14 {
        return None;
    }
    let mut credit = credit_part[marker.len()..]
        .trim()
        .trim_end_matches(')')
        .trim()
        .to_owned();
    if ["(getty", "(reuters", "(afp", "(epa", "(ap photo"].contains(&marker) {
        // "(Getty Images)", "(AP Photo/Jane Roe)": the marker is part of the credit itself.
        credit = credit_part
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
            .to_owned();
    }
    if credit.is_empty() {
        return None;
    }
    let caption = text[..at].trim().trim_end_matches('|').trim().to_owned();
    Some(Photo {
        caption,
        credit: Some(credit),
    })
}

/// A bare parenthesised photo source at the end of a line: "... meeting. (Getty Images)".
pub fn trailing_photo_source(text: &str) -> Option<Photo> {
    let open = text.rfind('(')?;
    let inside = text[open + 1..].strip_suffix(')')?;
    let lower = inside.to_ascii_lowercase();
    (inside.split_whitespace().count() <= 8 && PHOTO_SOURCES.iter().any(|s| lower.contains(s)))
        .then(|| Photo {
            caption: text[..open].trim().trim_end_matches('|').trim().to_owned(),
            credit: Some(inside.trim().to_owned()),
        })
}

/// A line that is only a photo credit: "Scott Heins/Gothamist", "Getty Images".
pub fn credit_line(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let lower = text.to_ascii_lowercase();
    (1..=6).contains(&words)
        && !text.ends_with('.')
        && (text.contains('/') && !text.contains("://")
            || PHOTO_SOURCES.iter().any(|s| lower.contains(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_in_every_form() {
        let p = caption("U.S. President speaks. | (Photo: REUTERS/Carlos Barria)").unwrap();
        assert_eq!(p.caption, "U.S. President speaks.");
        assert_eq!(p.credit.as_deref(), Some("REUTERS/Carlos Barria"));
        let p = caption("Crowds gather. Photo: Jane Roe/AFP via Getty Images").unwrap();
        assert_eq!(p.credit.as_deref(), Some("Jane Roe/AFP via Getty Images"));
        let p = trailing_photo_source("Crowds gather. (Getty Images)").unwrap();
        assert_eq!(
            (p.caption.as_str(), p.credit.as_deref()),
            ("Crowds gather.", Some("Getty Images"))
        );
        let p = caption("Trump asked voters. Credit... Doug Mills/The New York Times").unwrap();
        assert_eq!(p.credit.as_deref(), Some("Doug Mills/The New York Times"));
    }
}
