//! The configuration file: raw TOML validated once into a `Config`, with errors that name the
//! file, the line and column, the option and what was expected.
//!
//! The defaults are written in Rust (`Config::default`) and `config.example.toml` documents
//! them; a test proves the two agree, and `gazette config default` prints that file.

mod errors;
mod schema;
mod theme;
mod validate;

use std::path::{Path, PathBuf};

use crate::app::Settings;
use crate::article::Options;
use crate::keymap::KeyMap;
use crate::layout::Theme;

pub use errors::ConfigError;
pub use theme::{THEME_ELEMENTS, parse_colour};
pub use validate::{MAX_FILE_MIB, parse};

/// The example file, shipped in the binary for `gazette config default`.
pub const EXAMPLE: &str = include_str!("../../config.example.toml");

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub folders: Vec<PathBuf>,
    pub state_dir: Option<PathBuf>,
    pub cache_dir: Option<PathBuf>,
    /// Where `gazette save` keeps pages (None: `saved` in the user's data folder).
    pub saved_dir: Option<PathBuf>,
    pub options: Options,
    pub settings: Settings,
    pub keymap: KeyMap,
    pub theme: Theme,
    pub theme_name: String,
    pub feeds: crate::feeds::FeedsConfig,
    /// `reader.browser`: None means $BROWSER, else the system opener (see
    /// `opener::browser::choose`).
    pub browser: Option<crate::opener::Browser>,
    /// `reader.browser_in_terminal`: None means as the browser's name suggests.
    pub browser_in_terminal: Option<bool>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            folders: Vec::new(),
            state_dir: None,
            cache_dir: None,
            saved_dir: None,
            options: Options::default(),
            settings: Settings::default(),
            keymap: KeyMap::default(),
            theme: Theme::dark(),
            theme_name: "dark".into(),
            feeds: Default::default(),
            browser: None,
            browser_in_terminal: None,
        }
    }
}

/// Where the config file is: `--config`, else `$GAZETTE_CONFIG`, else the user's config folder.
/// The flag and the variable must name a readable file; the default location may be absent.
pub fn locate(flag: Option<&Path>) -> (Option<PathBuf>, bool) {
    if let Some(p) = flag {
        return (Some(p.to_path_buf()), true);
    }
    if let Some(p) = std::env::var_os("GAZETTE_CONFIG").filter(|v| !v.is_empty()) {
        return (Some(PathBuf::from(p)), true);
    }
    (
        directories::ProjectDirs::from("", "", "gazette")
            .map(|d| d.config_dir().join("config.toml")),
        false,
    )
}

/// Loads the config from where `locate` says; no file at the default location means defaults.
pub fn load(flag: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
    let (path, required) = locate(flag);
    let Some(path) = path else {
        return Ok((Config::default(), None));
    };
    // A config is small: a pipe, a device or anything over 16 MiB is refused unread.
    let read = crate::library::read_regular(&path, 16 * 1024 * 1024).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "not UTF-8 text (a bad byte at {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
    });
    match read {
        Ok(text) => Ok((parse(&text, &path)?, Some(path))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            Ok((Config::default(), None))
        }
        Err(e) => Err(ConfigError {
            path: crate::safe_path(&path),
            line: 0,
            column: 0,
            message: format!("cannot read config: {}", crate::fs::io_reason(&e)),
        }),
    }
}
