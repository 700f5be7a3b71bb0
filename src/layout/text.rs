//! Fitting text into cells by display width: CJK and emoji take two columns, combining marks
//! none, and nothing may overflow its pane. Text is drawn as every terminal draws it (see
//! `drawable`), so what is on screen is what gazette counted.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::article::hygiene::is_emoji;

/// Text as every terminal draws it, as wide as its characters say one by one. Terminals
/// disagree on how wide joined sequences are: a flag (two regional indicators), emoji joined
/// by a zero-width joiner, a skin tone, an emoji variation selector. One that draws them wider
/// or narrower than counted shifts the rest of the row, and stray glyphs stay behind when the
/// screen changes. So they are drawn as their parts: a flag as its two letters ("GB"), joined
/// emoji side by side, skin tones and variation selectors left out. The article itself keeps
/// them (`gazette parse` prints them whole); joiners between letters stay.
pub fn drawable(text: &str) -> Cow<'_, str> {
    let special = |c: char| matches!(c, '\u{1F1E6}'..='\u{1F1FF}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE0E}' | '\u{FE0F}' | '\u{200D}');
    if !text.chars().any(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            '\u{1F1E6}'..='\u{1F1FF}' => {
                out.push(char::from(b'A' + (c as u32 - 0x1F1E6) as u8));
            }
            '\u{1F3FB}'..='\u{1F3FF}' if previous.is_some_and(is_emoji) => {}
            '\u{FE0E}' | '\u{FE0F}' => {}
            '\u{200D}'
                if previous.is_some_and(is_emoji) || chars.peek().is_some_and(|&n| is_emoji(n)) => {
            }
            c => out.push(c),
        }
        // A variation selector or skin tone leaves the emoji before it as the one to join.
        if !matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}') {
            previous = Some(c);
        }
    }
    Cow::Owned(out)
}

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` columns, ending with an ellipsis when it was cut; drawable.
pub fn fit(text: &str, max: usize) -> String {
    let text = &*drawable(text);
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `text` to at most `max` columns from its start, keeping its end behind an ellipsis:
/// for what is being typed, whose end (the cursor) must stay in view; drawable.
pub fn fit_tail(text: &str, max: usize) -> String {
    let text = &*drawable(text);
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Pads or cuts to exactly `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let fitted = fit(text, columns);
    let w = width(&fitted);
    fitted + &" ".repeat(columns.saturating_sub(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("東京都の天気", 7), "東京都…");
        assert!(width(&fit("👍🏽👍🏽👍🏽👍🏽", 5)) <= 5);
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(fit_tail("hello world", 6), "…world");
        assert_eq!(fit_tail("東京都の天気", 7), "…の天気");
        assert_eq!(fit_tail("short", 6), "short");
        assert_eq!(fit("abc", 0), "");
    }

    /// What terminals that do not join characters draw: each character as wide as it is.
    fn drawn_width(text: &str) -> usize {
        text.chars().map(|c| c.width().unwrap_or(0)).sum()
    }

    #[test]
    fn joined_sequences_are_drawn_as_their_parts() {
        assert_eq!(drawable("plain text"), Cow::Borrowed("plain text"));
        assert_eq!(drawable("🇬🇧 and 🇫🇷"), "GB and FR");
        assert_eq!(drawable("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(drawable("👍🏽 ok"), "👍 ok");
        assert_eq!(drawable("❤\u{FE0F}\u{200D}🔥"), "❤🔥");
        assert_eq!(drawable("👩🏽\u{200D}🚒"), "👩🚒");
        // Joiners between letters stay: they join, and are as wide as nothing everywhere.
        assert_eq!(drawable("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(drawable("क्\u{200D}ष"), "क्\u{200D}ष");
        for text in [
            "🇬🇧🇺🇸",
            "👨\u{200D}👩\u{200D}👧\u{200D}👦",
            "👍🏽👍🏿",
            "❤\u{FE0F}",
            "1\u{FE0F}\u{20E3}",
            "🏳\u{FE0F}\u{200D}🌈",
        ] {
            let shown = drawable(text);
            assert_eq!(width(&shown), drawn_width(&shown), "{text:?} as {shown:?}");
        }
    }
}
