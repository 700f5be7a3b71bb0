//! Starting the reader: the library source, the state store and the App, in a fixed order,
//! before the terminal is touched (so that any error is printed on a normal screen).

use std::path::PathBuf;

use crate::app::{App, Msg};
use crate::article::{ArticleId, Summary};
use crate::config::Config;
use crate::library::Library;
use crate::library::cache::Cache;
use crate::store::{Bookmark, Store};
use crate::tui::{self, Source};

/// The state folder: `--state-dir`, else the config's, else the user's data folder.
pub fn state_dir(flag: Option<PathBuf>, config: &Config) -> Option<PathBuf> {
    flag.or_else(|| config.state_dir.clone()).or_else(|| {
        directories::ProjectDirs::from("", "", "gazette").map(|d| d.data_dir().to_path_buf())
    })
}

/// The library: folders given, else the configured folders, else the bundled sample.
pub fn source(dirs: Vec<PathBuf>, config: &Config, cache: Option<Cache>) -> Source {
    let dirs = if dirs.is_empty() {
        crate::commands::default_library(config)
    } else {
        dirs
    };
    if dirs.is_empty() {
        Source::Bundled
    } else {
        Source::Folders {
            roots: dirs,
            options: config.options.clone(),
            cache,
        }
    }
}

/// Starts the reader; returns the exit status (128 + the signal that ended it, else 0).
pub fn start(
    dirs: Vec<PathBuf>,
    state_flag: Option<PathBuf>,
    cache: Option<Cache>,
    config: Config,
) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal; for scripts use a command (gazette list, search, parse, bookmarks; see --help)"
        );
    }
    let state_flag_copy = state_flag.clone();
    // With subscriptions, the feeds folder is in the library from the start, so the watcher
    // sees the articles a fetch (`R`) writes.
    if let (Some(dir), Some(state)) = (&config.feeds.dir, state_dir(state_flag.clone(), &config))
        && crate::feeds::state::FeedStore::new(&state)
            .load()
            .is_ok_and(|s| !s.feeds.is_empty())
    {
        let _ = std::fs::create_dir_all(dir);
    }
    // With a library of the user's (configured folders, or feeds), the saved folder is part
    // of it from the start, made if need be, so that the watcher sees the first page saved
    // with `a`. Without one it is made by the first page saved: until it holds an article the
    // bundled sample shows (see `commands::default_library`). A page saved while its folder is
    // not part of the library shown (a library given on the command line) says so.
    let default_library = dirs.is_empty();
    if default_library
        && !crate::feeds::with_feeds_folder(config.folders.clone(), &config.feeds).is_empty()
        && let Some(saved) = &config.saved_dir
    {
        let _ = std::fs::create_dir_all(saved);
    }
    let saved_shown = default_library
        && config.saved_dir.as_ref().is_some_and(|saved| {
            // In the library itself, or inside one of its folders.
            crate::commands::default_library(&config)
                .iter()
                .any(|root| saved.starts_with(root))
        });
    let page_saver = crate::commands::save_places(state_flag.clone(), &config)
        .ok()
        .map(|places| crate::later::background::PageSaver {
            outside_library: !saved_shown,
            places,
            feeds: config.feeds.clone(),
            options: config.options.clone(),
        });
    let source = source(dirs, &config, cache);
    let mut store = state_dir(state_flag, &config).map(|d| Store::open_or_report(&d));
    let message = store.as_ref().and_then(|s| s.notice.clone());
    let marks = store.as_ref().map(Store::marks).unwrap_or_default();
    let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = if no_colour {
        config.theme.clone().without_colour()
    } else {
        config.theme.clone()
    };
    let mut app = App::new(config.keymap.clone(), theme, config.settings.clone(), marks);
    if let Some(store) = &store {
        app.update(Msg::Bookmarks(saved(store)));
    }
    if let Some(message) = message {
        app.update(Msg::Status(message));
    }
    let fetcher = state_dir(state_flag_copy, &config)
        .zip(config.feeds.dir.clone())
        .map(|(state_dir, feeds_dir)| {
            crate::feeds::background::Fetcher::new(
                crate::feeds::cli::Places {
                    state_dir,
                    feeds_dir,
                },
                config.feeds.clone(),
            )
        });
    if let (Source::Bundled, Some(store)) = (&source, store.as_mut()) {
        let articles: Vec<_> = Library::bundled_articles()
            .iter()
            .map(|a| a.summary())
            .collect();
        carry_over(store, &mut app, &articles);
    }
    let browser_variable = std::env::var("BROWSER").ok();
    let (browser, notice) = crate::opener::browser::choose(
        config.browser.as_ref(),
        config.browser_in_terminal,
        browser_variable.as_deref(),
    );
    if let Some(notice) = notice {
        app.update(Msg::Status(notice));
    }
    tui::run(app, source, store, fetcher, page_saver, browser)
}

/// Bookmarks as stored, for the reader to list those whose file has gone.
fn saved(store: &Store) -> Vec<(ArticleId, Bookmark)> {
    store
        .state
        .bookmarks
        .iter()
        .map(|(id, b)| (id.clone(), b.clone()))
        .collect()
}

/// Once a library is loaded: marks made under an older gazette's ids take today's ids (see
/// `store::carry`), before the library is shown.
pub fn carry_over(store: &mut Store, app: &mut App, articles: &[impl AsRef<Summary>]) {
    let (renames, written) = store.carry_over_ids(articles);
    if renames.is_empty() {
        return;
    }
    app.update(Msg::Renamed {
        renames,
        saved: saved(store),
        error: written.err().map(|e| e.to_string()),
    });
}
