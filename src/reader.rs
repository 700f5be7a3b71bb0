//! Starting the reader: the library source, the state store and the App, in a fixed order,
//! before the terminal is touched (so that any error is printed on a normal screen).

use std::path::PathBuf;

use crate::app::{App, Settings};
use crate::keymap::KeyMap;
use crate::library::DEFAULT_SIZE_CAP;
use crate::store::Store;
use crate::tui::{self, Source};
use crate::ui::Theme;

/// The state folder: `--state-dir`, else the user's data folder.
pub fn state_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| directories::ProjectDirs::from("", "", "gazette").map(|d| d.data_dir().to_path_buf()))
}

pub fn start(dirs: Vec<PathBuf>, state_flag: Option<PathBuf>) -> anyhow::Result<()> {
    let source = if dirs.is_empty() { Source::Bundled } else { Source::Folders(dirs, DEFAULT_SIZE_CAP) };
    let mut message = None;
    let store = match state_dir(state_flag).map(|d| Store::open(&d)) {
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
    let theme = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) { Theme::dark().without_colour() } else { Theme::dark() };
    let mut app = App::new(KeyMap::default(), theme, Settings::default(), marks);
    app.message = message;
    tui::run(app, source, store)
}
