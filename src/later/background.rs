//! Saving from the reader: `a` asks for an address and the page is saved on a background
//! thread, which reports the outcome as one status-bar line. The new article reaches the list
//! through the library watcher, like any file saved while the reader runs.

use super::lists::Entry;
use super::save::{self, Places};
use crate::article::hygiene::clean_line;
use crate::article::{ArticleId, Options};
use crate::feeds::FeedsConfig;
use crate::net::Client;

/// What the reader needs to save pages.
#[derive(Debug, Clone)]
pub struct PageSaver {
    pub places: Places,
    pub feeds: FeedsConfig,
    pub options: Options,
    /// The saved folder is not in the library shown (the reader was started on other
    /// folders): the outcome says where the page went.
    pub outside_library: bool,
}

impl PageSaver {
    /// Saves `url` on its own thread; `send` gets the outcome line and the id of the article
    /// bookmarked (when one was saved).
    pub fn start(&self, url: String, send: impl Fn(String, Option<ArticleId>) + Send + 'static) {
        let me = self.clone();
        std::thread::spawn(move || {
            let client = Client::new(me.feeds.http());
            let entries = vec![Entry::of_url(&url)];
            let (line, id) =
                match save::save_all(&client, &me.places, entries, &[], &me.options, &|_| {}) {
                    Ok(saved) => match saved.reports.into_iter().next() {
                        Some(r) => {
                            // The status bar is one line: the title says which page it was.
                            let mut line = match (&r.title, r.is_failed()) {
                                (Some(t), false) => format!("{}: {t}", r.status),
                                _ => r.line(),
                            };
                            if let (Some(e), false) = (&r.error, r.is_failed()) {
                                line += &format!(" ({e})");
                            }
                            if let Some(n) = saved.notices.first() {
                                line += &format!("; {n}");
                            }
                            if me.outside_library && r.path.is_some() {
                                line += " (not in the library shown)";
                            }
                            (line, r.id)
                        }
                        None => ("nothing saved".into(), None),
                    },
                    Err(e) => (format!("not saved: {e}"), None),
                };
            send(clean_line(&line), id);
        });
    }
}
