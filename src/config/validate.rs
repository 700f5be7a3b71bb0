//! The config file's text validated once into a `Config`: each option checked where it is
//! read, an error naming where it was and what was expected.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::Config;
use super::errors::{ConfigError, describe_serde_error, describe_syntax_error, suggest, user_key};
use super::schema::{KeyList, Raw};
use super::theme::{THEME_ELEMENTS, apply_style};
use crate::action::Action;
use crate::article::date;
use crate::keymap::{Key, KeyMap};
use crate::layout::Theme;

/// The largest `library.max_file_mib` (4 GiB).
pub const MAX_FILE_MIB: u64 = 4096;

/// Parses and validates a config file's text.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let shown = crate::safe_path(path);
    let at = |span: std::ops::Range<usize>, message: String| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        ConfigError {
            path: shown.clone(),
            line,
            column,
            message,
        }
    };
    let de = toml::de::Deserializer::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        at(span.clone(), describe_syntax_error(e.message(), text, span))
    })?;
    let raw: Raw = serde_path_to_error::deserialize(de).map_err(|e| {
        let key = user_key(&e.path().to_string());
        let span = e.inner().span().unwrap_or(0..0);
        at(span, describe_serde_error(&key, e.inner().message()))
    })?;
    // An empty name would be read as the current folder, wherever gazette is started.
    if let Some(empty) = raw
        .library
        .folders
        .iter()
        .find(|f| f.get_ref().trim().is_empty())
    {
        return Err(at(
            empty.span(),
            "library.folders: an empty folder name (write \".\" for the current folder)".into(),
        ));
    }
    let mut config = Config {
        folders: raw
            .library
            .folders
            .iter()
            .map(|f| expand_tilde(f.get_ref()))
            .collect(),
        ..Config::default()
    };
    config.state_dir = raw
        .library
        .state_dir
        .filter(|s| !s.is_empty())
        .map(|s| expand_tilde(&s));
    config.cache_dir = raw
        .library
        .cache_dir
        .filter(|s| !s.is_empty())
        .map(|s| expand_tilde(&s));
    config.saved_dir = raw
        .library
        .saved_dir
        .filter(|s| !s.is_empty())
        .map(|s| expand_tilde(&s));
    if let Some(mib) = raw.library.max_file_mib {
        // An article is read whole into memory: past a few GiB a cap protects nothing.
        if !(1..=MAX_FILE_MIB).contains(mib.get_ref()) {
            return Err(at(
                mib.span(),
                format!(
                    "library.max_file_mib: expected a size from 1 to {MAX_FILE_MIB} (MiB), found {}",
                    mib.get_ref()
                ),
            ));
        }
        config.options.size_cap = mib.get_ref().saturating_mul(1024 * 1024);
    }

    // An empty phrase is found in every line: every page would be all chrome, or all kept.
    for (option, phrases, effect) in [
        ("chrome_phrases", &raw.extraction.chrome_phrases, "drop"),
        ("keep_phrases", &raw.extraction.keep_phrases, "keep"),
    ] {
        if let Some(empty) = phrases.iter().find(|p| p.get_ref().trim().is_empty()) {
            return Err(at(
                empty.span(),
                format!("extraction.{option}: an empty phrase would {effect} every line"),
            ));
        }
    }
    config.options.chrome_phrases = raw
        .extraction
        .chrome_phrases
        .into_iter()
        .map(Spanned::into_inner)
        .collect();
    config.options.keep_phrases = raw
        .extraction
        .keep_phrases
        .into_iter()
        .map(Spanned::into_inner)
        .collect();
    for p in raw.extraction.chrome_patterns {
        let re = regex::Regex::new(p.get_ref()).map_err(|e| {
            let reason = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("invalid")
                .trim()
                .trim_start_matches("error: ")
                .to_owned();
            at(
                p.span(),
                format!(
                    "extraction.chrome_patterns: invalid regular expression \"{}\": {reason}",
                    p.get_ref()
                ),
            )
        })?;
        config.options.chrome_patterns.push(re);
    }

    config.feeds = raw
        .feeds
        .validate(expand_tilde)
        .map_err(|(span, message)| at(span, message))?;

    let s = &mut config.settings;
    if let Some(v) = raw.layout.sidebar {
        s.sidebar = v;
    }
    if let Some(v) = raw.layout.preview {
        s.preview = v;
    }
    if let Some(v) = raw.layout.list_width {
        if !(10..=90).contains(v.get_ref()) {
            return Err(at(
                v.span(),
                format!(
                    "layout.list_width: expected a percentage from 10 to 90, found {}",
                    v.get_ref()
                ),
            ));
        }
        s.list_percent = *v.get_ref();
    }
    if let Some(v) = raw.layout.sidebar_width {
        if *v.get_ref() < 10 {
            return Err(at(
                v.span(),
                format!(
                    "layout.sidebar_width: expected at least 10 columns, found {}",
                    v.get_ref()
                ),
            ));
        }
        s.sidebar_width = *v.get_ref();
    }
    s.wide_width = raw
        .layout
        .wide_width
        .as_ref()
        .map_or(s.wide_width, |w| *w.get_ref());
    s.narrow_width = raw
        .layout
        .narrow_width
        .as_ref()
        .map_or(s.narrow_width, |n| *n.get_ref());
    // Below narrow_width one pane, from wide_width three: the two cannot cross.
    if s.narrow_width > s.wide_width {
        let (narrow, wide) = (s.narrow_width, s.wide_width);
        return Err(match (raw.layout.wide_width, raw.layout.narrow_width) {
            (Some(w), _) => at(
                w.span(),
                format!(
                    "layout.wide_width: expected at least layout.narrow_width ({narrow}), found {wide}"
                ),
            ),
            (None, n) => at(
                n.map(|n| n.span()).unwrap_or(0..0),
                format!(
                    "layout.narrow_width: expected at most layout.wide_width ({wide}), found {narrow}"
                ),
            ),
        });
    }
    if let Some(f) = raw.display.date_format {
        if let Err(c) = date::valid_pattern(f.get_ref()) {
            return Err(at(
                f.span(),
                format!(
                    "display.date_format: unknown directive %{c} (known: %Y %y %m %d %e %b %B %%)"
                ),
            ));
        }
        s.date_format = f.into_inner();
    }
    if let Some(n) = raw.display.related_count {
        if *n.get_ref() > 50 {
            return Err(at(
                n.span(),
                format!(
                    "display.related_count: expected at most 50, found {}",
                    n.get_ref()
                ),
            ));
        }
        s.related_count = *n.get_ref();
    }

    if let Some(line) = &raw.reader.browser {
        let browser = crate::opener::Browser::parse(line.get_ref()).map_err(|why| {
            at(
                line.span(),
                format!(
                    "reader.browser: {why} in \"{}\" (a command line, e.g. \"w3m %u\")",
                    line.get_ref()
                ),
            )
        })?;
        config.browser = Some(browser);
    }
    config.browser_in_terminal = raw.reader.browser_in_terminal;

    let mut bindings = Vec::new();
    for (name, keys) in &raw.keys {
        let Some(action) = Action::from_name(name) else {
            let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            return Err(at(
                keys.span(),
                format!("keys.{name}: unknown action{}", suggest(name, &names)),
            ));
        };
        let list = match keys.get_ref() {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Many(ks) => ks.clone(),
        };
        let mut parsed: Vec<Key> = list
            .iter()
            .map(|k| Key::parse(k))
            .collect::<Result<_, _>>()
            .map_err(|e| at(keys.span(), format!("keys.{name}: {e}")))?;
        // A key listed twice for one action is harmless: it is bound once.
        let mut seen = Vec::new();
        parsed.retain(|k| {
            let first = !seen.contains(k);
            seen.push(*k);
            first
        });
        bindings.push((action, parsed));
    }
    config.keymap = KeyMap::with_bindings(&bindings).map_err(|e| {
        let name = e.action.name();
        let span = raw.keys.get(name).map(|k| k.span()).unwrap_or(0..0);
        if e.message.starts_with("key \"") {
            // Two actions are named in the message.
            at(span, format!("keys: {}", e.message))
        } else {
            at(span, format!("keys.{name}: {}", e.message))
        }
    })?;

    if let Some(name) = &raw.theme.name {
        config.theme = Theme::by_name(name.get_ref()).ok_or_else(|| {
            at(
                name.span(),
                format!(
                    "theme.name: unknown theme \"{}\" (built in: dark, light)",
                    name.get_ref()
                ),
            )
        })?;
        config.theme_name = name.get_ref().clone();
    }
    let elements = raw.theme.elements();
    for ((target, style), element) in config
        .theme
        .styles_mut()
        .into_iter()
        .zip(elements)
        .zip(THEME_ELEMENTS)
    {
        if let Some(style) = style {
            apply_style(target, style, element).map_err(|(span, msg)| at(span, msg))?;
        }
    }
    Ok(config)
}

fn expand_tilde(path: &str) -> PathBuf {
    match path
        .strip_prefix("~/")
        .or_else(|| (path == "~").then_some(""))
    {
        Some(rest) => directories::BaseDirs::new()
            .map(|b| b.home_dir().join(rest))
            .unwrap_or_else(|| PathBuf::from(path)),
        None => PathBuf::from(path),
    }
}
