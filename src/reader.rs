//! Starting the reader: the library source, the state store and the App, in a fixed order,
//! before the terminal is touched (so that any error is printed on a normal screen).

use std::path::PathBuf;

use crate::app::App;
use crate::config::Config;
use crate::library::cache::Cache;
use crate::store::Store;
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
        crate::later::with_saved_folder(
            crate::feeds::with_feeds_folder(config.folders.clone(), &config.feeds),
            config.saved_dir.as_deref(),
        )
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

pub fn start(
    dirs: Vec<PathBuf>,
    state_flag: Option<PathBuf>,
    cache: Option<Cache>,
    config: Config,
) -> anyhow::Result<()> {
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
    // In the default library, the saved folder is there from the start, so the watcher sees
    // the pages `a` saves.
    let default_library = dirs.is_empty();
    if default_library
        && matches!(source(Vec::new(), &config, None), Source::Folders { .. })
        && let Some(saved) = &config.saved_dir
    {
        let _ = std::fs::create_dir_all(saved);
    }
    let saver = crate::commands::save_places(state_flag.clone(), &config)
        .ok()
        .map(|places| crate::later::background::Saver {
            outside_library: !default_library
                || matches!(source(Vec::new(), &config, None), Source::Bundled),
            places,
            feeds: config.feeds.clone(),
            options: config.options.clone(),
        });
    let source = source(dirs, &config, cache);
    let mut message = None;
    let store = match state_dir(state_flag, &config).map(|d| Store::open(&d)) {
        Some(Ok(store)) => {
            message = store.notice.clone();
            Some(store)
        }
        Some(Err(e)) => {
            message = Some(format!("bookmarks cannot be loaded: {e}"));
            None
        }
        None => None,
    };
    let marks = store.as_ref().map(Store::marks).unwrap_or_default();
    let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = if no_colour {
        config.theme.clone().without_colour()
    } else {
        config.theme.clone()
    };
    let mut app = App::new(config.keymap.clone(), theme, config.settings.clone(), marks);
    if let Some(store) = &store {
        app.saved = store
            .state
            .bookmarks
            .iter()
            .map(|(id, b)| (id.clone(), b.clone()))
            .collect();
    }
    app.message = message;
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
    tui::run(app, source, store, fetcher, saver)
}
