//! The non-interactive commands: their output is for people and scripts, never raw article bytes.
//! This file picks the command and the folders it works on; each family has its own module.

mod bookmarks;
mod config;
mod library;
mod man;
mod markdown;
mod parse;

pub use bookmarks::bookmarks;
pub use config::config_command;
pub use library::{list, list_errors, related, report, search};
pub use parse::{parse, parse_json};

use std::path::PathBuf;

use anyhow::Context;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::library::cache::Cache;
use crate::library::roots;
pub use crate::store::json::terminal_safe as terminal_safe_json;

/// `gazette config ...` reads its own file; everything else loads the config first.
pub fn wants_config(cli: &Cli) -> bool {
    !matches!(
        cli.command,
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man { .. })
    )
}

/// Runs the command line's command (the reader when there is none). Returns the exit status.
pub fn run(cli: Cli, mut config: Config) -> anyhow::Result<u8> {
    let cache = cache(&cli, &config);
    // Every library folder is made absolute here, once: the watcher, the cache's keys,
    // bookmarks and exports all see the same paths, whatever the current folder is later.
    config.feeds.dir =
        crate::feeds::feeds_dir(cli.feeds_dir.clone(), &config.feeds).map(roots::absolute);
    config.saved_dir = crate::later::saved_dir(cli.saved_dir.clone(), config.saved_dir.as_deref())
        .map(roots::absolute);
    config.folders = roots::resolve(std::mem::take(&mut config.folders));
    let mut cli = cli;
    cli.dirs = roots::resolve(std::mem::take(&mut cli.dirs));
    let code = match cli.command {
        Some(Command::Parse { json, files }) => parse(&files, json, &config.options)?,
        Some(Command::Completions { shell }) => {
            // Generated from the same definition as the parser, so they cannot drift.
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "gazette", &mut std::io::stdout());
            0
        }
        Some(Command::Man { dir }) => man::man(dir.as_deref())?,
        Some(Command::List {
            json,
            errors: true,
            dirs,
        }) => list_errors(
            &library_dirs(dirs, &config),
            json,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::List { json, dirs, .. }) => list(
            &library_dirs(dirs, &config),
            json,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::Search {
            query,
            library,
            json,
        }) => search(
            &query,
            &library_dirs(library, &config),
            json,
            crate::reader::state_dir(cli.state_dir.clone(), &config).as_deref(),
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::Related {
            file,
            library,
            json,
            n,
        }) => related(
            &file,
            &library_dirs(library, &config),
            json,
            n,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::Bookmarks { json, action }) => {
            bookmarks(action, json, cli.state_dir, &config)?
        }
        Some(Command::Config { action }) => config_command(action, cli.config.as_deref())?,
        Some(Command::Feeds { json, action }) => {
            crate::feeds::cli::feeds(action, json, &feed_places(cli.state_dir, &config)?)?
        }
        Some(Command::Fetch {
            json,
            no_full_text,
            feeds,
        }) => crate::feeds::cli::fetch_command(
            feeds,
            json,
            no_full_text,
            &feed_places(cli.state_dir, &config)?,
            &config.feeds,
        )?,
        Some(Command::Save {
            urls,
            from,
            tags,
            json,
        }) => crate::later::cli::save_command(
            crate::later::cli::SaveArgs {
                urls,
                from,
                tags,
                json,
            },
            &save_places(cli.state_dir, &config)?,
            &config.feeds,
            &config.options,
        )?,
        None => crate::reader::start(cli.dirs, cli.state_dir, cache, config)?,
    };
    Ok(code)
}

/// The folders given, else the default library (see `default_library`), each read once.
fn library_dirs(dirs: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    if dirs.is_empty() {
        default_library(config)
    } else {
        roots::resolve(dirs)
    }
}

/// The configured folders with the feeds and saved folders (those that exist), each real
/// folder once; empty when nothing is configured or saved (the bundled sample is shown).
///
/// A saved folder without an article does not replace the sample on its own: a page saved
/// and then deleted leaves an empty one behind. The feeds folder is made only once there are
/// subscriptions (see `reader::start`), so an empty one is a library about to be filled.
pub fn default_library(config: &Config) -> Vec<PathBuf> {
    let folders = crate::feeds::with_feeds_folder(config.folders.clone(), &config.feeds);
    let saved = config
        .saved_dir
        .as_deref()
        .filter(|saved| !folders.is_empty() || roots::holds_articles(saved));
    roots::resolve(crate::later::with_saved_folder(folders, saved))
}

/// The state and feeds folders of the feed commands.
fn feed_places(
    state_dir: Option<PathBuf>,
    config: &Config,
) -> anyhow::Result<crate::feeds::cli::Places> {
    Ok(crate::feeds::cli::Places {
        state_dir: crate::reader::state_dir(state_dir, config)
            .context("no state folder: give --state-dir")?,
        feeds_dir: config
            .feeds
            .dir
            .clone()
            .context("no data folder for feeds: give --feeds-dir")?,
    })
}

/// The state and saved folders of `gazette save`.
pub fn save_places(
    state_dir: Option<PathBuf>,
    config: &Config,
) -> anyhow::Result<crate::later::save::Places> {
    Ok(crate::later::save::Places {
        state_dir: crate::reader::state_dir(state_dir, config)
            .context("no state folder: give --state-dir")?,
        saved_dir: config
            .saved_dir
            .clone()
            .context("no data folder for saved pages: give --saved-dir")?,
    })
}

/// The index cache: `--cache-dir`, else the config's, else the user's cache folder; none with
/// `--no-cache`.
pub fn cache(cli: &Cli, config: &Config) -> Option<Cache> {
    if cli.no_cache {
        return None;
    }
    let dir = cli
        .cache_dir
        .clone()
        .or_else(|| config.cache_dir.clone())
        .or_else(Cache::default_dir)?;
    Some(Cache::new(dir, &config.options))
}

/// Stored text is shown through the same hygiene as article text.
fn clean(text: &str) -> String {
    crate::article::hygiene::clean_line(text)
}

/// A file's real name for JSON output, where it must name the file (the text outputs show it
/// cleaned instead, see `safe_path`). A name that is not UTF-8 has U+FFFD for its bad bytes.
fn real_path(path: &std::path::Path) -> String {
    path.to_string_lossy().into_owned()
}
