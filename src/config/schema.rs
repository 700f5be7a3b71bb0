//! The config file as written: every table and option as TOML gives it, with where each value
//! was (for errors), before anything is checked.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Raw {
    #[serde(default)]
    pub(super) library: RawLibrary,
    #[serde(default)]
    pub(super) extraction: RawExtraction,
    #[serde(default)]
    pub(super) layout: RawLayout,
    #[serde(default)]
    pub(super) display: RawDisplay,
    #[serde(default)]
    pub(super) reader: RawReader,
    #[serde(default)]
    pub(super) keys: BTreeMap<String, Spanned<KeyList>>,
    #[serde(default)]
    pub(super) theme: RawTheme,
    #[serde(default)]
    pub(super) feeds: crate::feeds::RawFeeds,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLibrary {
    #[serde(default)]
    pub(super) folders: Vec<Spanned<String>>,
    pub(super) state_dir: Option<String>,
    pub(super) cache_dir: Option<String>,
    pub(super) saved_dir: Option<String>,
    pub(super) max_file_mib: Option<Spanned<u64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExtraction {
    #[serde(default)]
    pub(super) chrome_phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) chrome_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) keep_phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLayout {
    pub(super) sidebar: Option<bool>,
    pub(super) preview: Option<bool>,
    pub(super) list_width: Option<Spanned<u16>>,
    pub(super) sidebar_width: Option<Spanned<u16>>,
    pub(super) wide_width: Option<Spanned<u16>>,
    pub(super) narrow_width: Option<Spanned<u16>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDisplay {
    pub(super) date_format: Option<Spanned<String>>,
    pub(super) related_count: Option<Spanned<usize>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReader {
    pub(super) browser: Option<Spanned<String>>,
    pub(super) browser_in_terminal: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTheme {
    pub(super) name: Option<Spanned<String>>,
    pub(super) list_row: Option<RawStyle>,
    pub(super) selected: Option<RawStyle>,
    pub(super) unread: Option<RawStyle>,
    pub(super) bookmark: Option<RawStyle>,
    pub(super) date: Option<RawStyle>,
    pub(super) source: Option<RawStyle>,
    pub(super) headline: Option<RawStyle>,
    pub(super) dek: Option<RawStyle>,
    pub(super) byline: Option<RawStyle>,
    pub(super) caption: Option<RawStyle>,
    pub(super) body: Option<RawStyle>,
    pub(super) quote: Option<RawStyle>,
    pub(super) subhead: Option<RawStyle>,
    pub(super) matched: Option<RawStyle>,
    pub(super) sidebar_heading: Option<RawStyle>,
    pub(super) status: Option<RawStyle>,
    pub(super) border: Option<RawStyle>,
    pub(super) border_focused: Option<RawStyle>,
}

impl RawTheme {
    /// In the order of `THEME_ELEMENTS` and `Theme::styles_mut`.
    pub(super) fn elements(&self) -> [&Option<RawStyle>; 18] {
        [
            &self.list_row,
            &self.selected,
            &self.unread,
            &self.bookmark,
            &self.date,
            &self.source,
            &self.headline,
            &self.dek,
            &self.byline,
            &self.caption,
            &self.body,
            &self.quote,
            &self.subhead,
            &self.matched,
            &self.sidebar_heading,
            &self.status,
            &self.border,
            &self.border_focused,
        ]
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStyle {
    pub(super) fg: Option<Spanned<String>>,
    pub(super) bg: Option<Spanned<String>>,
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    pub(super) underline: Option<bool>,
    pub(super) dim: Option<bool>,
    pub(super) reverse: Option<bool>,
}

/// `down = "j"` and `down = ["j", "down"]` both work.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum KeyList {
    One(String),
    Many(Vec<String>),
}
