//! Feeds: subscriptions, fetching RSS, Atom and JSON feeds, and keeping each new story (its
//! whole text where the feed has only a summary) as a Markdown article in the library.

pub mod background;
pub mod cli;
mod commit;
pub mod discover;
mod durable;
pub mod fetch;
pub mod files;
pub mod fulltext;
pub mod html_text;
pub mod opml;
pub mod parse;
mod recover;
pub mod state;

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use crate::net::HttpConfig;

/// The `[feeds]` options, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedsConfig {
    /// Where the feed folders go (None: `feeds` in the user's data folder).
    pub dir: Option<PathBuf>,
    /// Fetch the page of an item that carries only a summary.
    pub full_text: bool,
    pub timeout_secs: u64,
    pub connect_timeout_secs: u64,
    pub max_response_mib: u64,
    pub parallel: usize,
    pub per_host: usize,
    pub retries: u32,
    /// The first wait before a retry, in milliseconds (doubled each time).
    pub backoff_ms: u64,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        let http = HttpConfig::default();
        FeedsConfig {
            dir: None,
            full_text: true,
            timeout_secs: http.total_timeout.as_secs(),
            connect_timeout_secs: http.connect_timeout.as_secs(),
            max_response_mib: http.max_bytes / (1024 * 1024),
            parallel: http.max_parallel,
            per_host: http.per_host,
            retries: http.retries,
            backoff_ms: http.backoff.as_millis() as u64,
        }
    }
}

impl FeedsConfig {
    /// The HTTP client's settings for these options.
    pub fn http(&self) -> HttpConfig {
        HttpConfig {
            connect_timeout: Duration::from_secs(self.connect_timeout_secs),
            total_timeout: Duration::from_secs(self.timeout_secs),
            max_bytes: self.max_response_mib.saturating_mul(1024 * 1024),
            max_parallel: self.parallel,
            per_host: self.per_host,
            retries: self.retries,
            backoff: Duration::from_millis(self.backoff_ms),
            ..HttpConfig::default()
        }
    }
}

/// `[feeds]` as written in the config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeeds {
    dir: Option<String>,
    full_text: Option<bool>,
    timeout_secs: Option<toml::Spanned<u64>>,
    connect_timeout_secs: Option<toml::Spanned<u64>>,
    max_response_mib: Option<toml::Spanned<u64>>,
    parallel: Option<toml::Spanned<usize>>,
    per_host: Option<toml::Spanned<usize>>,
    retries: Option<toml::Spanned<u32>>,
    backoff_ms: Option<toml::Spanned<u64>>,
}

/// A config mistake: where it is (a byte range of the file) and what is wrong.
pub type Mistake = (std::ops::Range<usize>, String);

impl RawFeeds {
    pub fn validate(self, expand: impl Fn(&str) -> PathBuf) -> Result<FeedsConfig, Mistake> {
        let mut c = FeedsConfig {
            dir: self.dir.filter(|d| !d.is_empty()).map(|d| expand(&d)),
            ..FeedsConfig::default()
        };
        if let Some(v) = self.full_text {
            c.full_text = v;
        }
        fn ranged<T: Copy + PartialOrd + std::fmt::Display>(
            v: Option<toml::Spanned<T>>,
            key: &str,
            lo: T,
            hi: T,
            into: &mut T,
        ) -> Result<(), Mistake> {
            if let Some(v) = v {
                let n = *v.get_ref();
                if n < lo || n > hi {
                    return Err((
                        v.span(),
                        format!("feeds.{key}: expected {lo} to {hi}, found {n}"),
                    ));
                }
                *into = n;
            }
            Ok(())
        }
        ranged(
            self.timeout_secs,
            "timeout_secs",
            1,
            3600,
            &mut c.timeout_secs,
        )?;
        ranged(
            self.connect_timeout_secs,
            "connect_timeout_secs",
            1,
            600,
            &mut c.connect_timeout_secs,
        )?;
        ranged(
            self.max_response_mib,
            "max_response_mib",
            1,
            1024,
            &mut c.max_response_mib,
        )?;
        ranged(self.parallel, "parallel", 1, 8, &mut c.parallel)?;
        ranged(self.per_host, "per_host", 1, 2, &mut c.per_host)?;
        ranged(self.retries, "retries", 0, 5, &mut c.retries)?;
        ranged(self.backoff_ms, "backoff_ms", 0, 60_000, &mut c.backoff_ms)?;
        Ok(c)
    }
}

/// The feeds folder: `--feeds-dir`, else `feeds.dir`, else `feeds` in the user's data folder.
pub fn feeds_dir(flag: Option<PathBuf>, config: &FeedsConfig) -> Option<PathBuf> {
    flag.or_else(|| config.dir.clone()).or_else(|| {
        directories::ProjectDirs::from("", "", "gazette").map(|d| d.data_dir().join("feeds"))
    })
}

/// The library's folders with the feeds folder added (when it exists): feed articles are
/// always part of the library the reader and `gazette list` show by default.
pub fn with_feeds_folder(mut folders: Vec<PathBuf>, config: &FeedsConfig) -> Vec<PathBuf> {
    if let Some(dir) = &config.dir
        && dir.is_dir()
        && !folders.iter().any(|f| f == dir)
    {
        folders.push(dir.clone());
    }
    folders
}
