//! The whole story behind an item that carries only a summary: the item's page, fetched and
//! read by the saved-page reader, with the feed's title, date and authors kept where the page
//! lacks them.

use url::Url;

use super::files::Story;
use super::html_text::{self, TextBlock, TextKind};
use crate::article::{Article, BlockKind, Options};

/// An item whose text is shorter than this (in characters) has its page fetched.
pub const FULL_TEXT_BELOW: usize = 1500;

/// Should this item's page be fetched?
pub fn wanted(feed_text: &[TextBlock]) -> bool {
    html_text::text_length(feed_text) < FULL_TEXT_BELOW
}

/// The page's story as the saved-page reader (`article::html`) reads it, or None when it
/// finds no paragraph in it.
pub fn full_text(page: &[u8], url: &Url) -> Option<Article> {
    crate::article::html::read(page, Some(url.as_str()), &Options::default())
        .ok()
        .filter(|a| a.blocks.iter().any(|b| b.kind == BlockKind::Paragraph))
}

/// Takes the page's text into `story` when the page has more of it than the feed; the feed's
/// title, date and authors stay where the page has none. Returns whether the page was used.
pub fn merge(story: &mut Story, page: Article) -> bool {
    let page_blocks: Vec<TextBlock> = page
        .blocks
        .iter()
        .map(|b| TextBlock {
            kind: match b.kind {
                BlockKind::Subhead => TextKind::Subhead,
                BlockKind::Paragraph => TextKind::Paragraph,
            },
            text: b.text.clone(),
        })
        .collect();
    if html_text::text_length(&page_blocks) <= html_text::text_length(&story.blocks) {
        return false;
    }
    story.blocks = page_blocks;
    // The feed's title is the publisher's own and exact: the page's headline only fills in
    // for an item without one. The page's date and authors come first.
    if story.title.trim().is_empty() && !page.headline.trim().is_empty() {
        story.title = page.headline;
    }
    if let Some(d) = page.published {
        let feed_day = story.published.map(|p| p.date_naive());
        let page_day = chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
        // The feed's time of day is kept when both say the same day.
        if page_day.is_some() && feed_day != page_day {
            story.published = page_day
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc());
        }
    }
    if !page.authors.is_empty() {
        story.authors = page.authors;
    }
    true
}
