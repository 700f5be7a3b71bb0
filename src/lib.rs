//! gazette: a keyboard-first terminal news reader for a library of saved articles.

pub mod action;
pub mod alloc;
pub mod app;
pub mod article;
pub mod cli;
pub mod commands;
pub mod config;
pub mod feeds;
pub mod fs;
pub mod fuzzing;
pub mod keymap;
pub mod later;
pub mod layout;
pub mod library;
pub mod net;
pub mod opener;
pub mod reader;
pub mod store;
pub mod terminal;
pub mod tui;
pub mod ui;
pub mod watch;

use std::path::Path;

/// A path as it may be shown: file names are untrusted text too, so controls and escape
/// sequences are removed.
pub fn safe_path(path: &Path) -> String {
    article::hygiene::clean_line(&path.to_string_lossy())
}
