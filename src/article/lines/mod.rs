//! Recognisers for the kinds of line a saved page holds besides the story: site chrome, photo
//! captions, bylines, dates and wire credit lines. Each works on one line of text.

mod byline;
mod caption;
mod chrome;
mod credit;
mod name;
mod row;

pub use byline::{Byline, byline, byline_label, names_after_label};
pub use caption::{caption, credit_line, trailing_photo_source};
pub use chrome::{Chrome, chrome_folded};
pub use credit::{credits, ends_story};
pub use name::{bare_names, cut_glued, split_names};
pub use row::{labelled_names, names_with_roles};

use super::Date;

/// A line lower-cased without edge punctuation, for comparing lines with each other.
pub fn fold(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| {
            c.is_ascii_punctuation() && c != '?' && c != '\''
                || c == '·'
                || c == '•'
                || c == '›'
                || c == '»'
        })
        .to_lowercase()
        .replace('\u{2019}', "'")
}

/// A line that only gives the date: "Published March 3, 2024", "Updated: 2024-03-03 10:00".
pub fn date_line(text: &str, words: usize) -> Option<Date> {
    if words > 10 {
        return None;
    }
    let date = Date::find_in(text)?;
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    // Mostly the date itself, with a word or two ("Published", "Updated") around it.
    (letters <= 40).then_some(date)
}
