//! The configuration file: raw TOML validated once into a `Config`, with errors that name the
//! file, the line and column, the option and what was expected.
//!
//! The defaults are written in Rust (`Config::default`) and `config.example.toml` documents
//! them; a test proves the two agree, and `gazette config default` prints that file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::action::Action;
use crate::app::Settings;
use crate::article::{Options, date};
use crate::keymap::{Key, KeyMap};
use crate::layout::Theme;

/// The example file, shipped in the binary for `gazette config default`.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

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
        }
    }
}

/// A config error: where, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages quote what the file says: cleaned like any text from outside.
        let message = crate::article::hygiene::clean_line(&self.message);
        if self.line == 0 {
            write!(f, "{}: {message}", self.path)
        } else {
            write!(f, "{}:{}:{}: {message}", self.path, self.line, self.column)
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    library: RawLibrary,
    #[serde(default)]
    extraction: RawExtraction,
    #[serde(default)]
    layout: RawLayout,
    #[serde(default)]
    display: RawDisplay,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<KeyList>>,
    #[serde(default)]
    theme: RawTheme,
    #[serde(default)]
    feeds: crate::feeds::RawFeeds,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLibrary {
    #[serde(default)]
    folders: Vec<String>,
    state_dir: Option<String>,
    cache_dir: Option<String>,
    saved_dir: Option<String>,
    max_file_mib: Option<Spanned<u64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtraction {
    #[serde(default)]
    chrome_phrases: Vec<Spanned<String>>,
    #[serde(default)]
    chrome_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    keep_phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    sidebar: Option<bool>,
    preview: Option<bool>,
    list_width: Option<Spanned<u16>>,
    sidebar_width: Option<Spanned<u16>>,
    wide_width: Option<u16>,
    narrow_width: Option<u16>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisplay {
    date_format: Option<Spanned<String>>,
    related_count: Option<Spanned<usize>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: Option<Spanned<String>>,
    list_row: Option<RawStyle>,
    selected: Option<RawStyle>,
    unread: Option<RawStyle>,
    bookmark: Option<RawStyle>,
    date: Option<RawStyle>,
    source: Option<RawStyle>,
    headline: Option<RawStyle>,
    dek: Option<RawStyle>,
    byline: Option<RawStyle>,
    caption: Option<RawStyle>,
    body: Option<RawStyle>,
    quote: Option<RawStyle>,
    subhead: Option<RawStyle>,
    matched: Option<RawStyle>,
    sidebar_heading: Option<RawStyle>,
    status: Option<RawStyle>,
    border: Option<RawStyle>,
    border_focused: Option<RawStyle>,
}

impl RawTheme {
    /// In the order of `THEME_ELEMENTS` and `Theme::styles_mut`.
    fn elements(&self) -> [&Option<RawStyle>; 18] {
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
struct RawStyle {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    dim: Option<bool>,
    reverse: Option<bool>,
}

/// `down = "j"` and `down = ["j", "down"]` both work.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// The theme elements, by their names in `[theme]`.
pub const THEME_ELEMENTS: [&str; 18] = [
    "list_row",
    "selected",
    "unread",
    "bookmark",
    "date",
    "source",
    "headline",
    "dek",
    "byline",
    "caption",
    "body",
    "quote",
    "subhead",
    "matched",
    "sidebar_heading",
    "status",
    "border",
    "border_focused",
];

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
    let mut config = Config {
        folders: raw
            .library
            .folders
            .iter()
            .map(|f| expand_tilde(f))
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
        if *mib.get_ref() == 0 {
            return Err(at(
                mib.span(),
                "library.max_file_mib: expected a size of at least 1 (MiB)".into(),
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
    s.wide_width = raw.layout.wide_width.unwrap_or(s.wide_width);
    s.narrow_width = raw.layout.narrow_width.unwrap_or(s.narrow_width);
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
        let parsed: Result<Vec<Key>, String> = list.iter().map(|k| Key::parse(k)).collect();
        bindings.push((
            action,
            parsed.map_err(|e| at(keys.span(), format!("keys.{name}: {e}")))?,
        ));
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

fn apply_style(
    target: &mut Style,
    raw: &RawStyle,
    element: &str,
) -> Result<(), (std::ops::Range<usize>, String)> {
    for (which, colour) in [("fg", &raw.fg), ("bg", &raw.bg)] {
        if let Some(c) = colour {
            let parsed = parse_colour(c.get_ref()).ok_or_else(|| {
                (c.span(), format!("theme.{element}.{which}: unknown colour \"{}\" (a name such as \"light-blue\", \"#rrggbb\" or a 256-colour index \"0\"-\"255\")", c.get_ref()))
            })?;
            *target = if which == "fg" {
                target.fg(parsed)
            } else {
                target.bg(parsed)
            };
        }
    }
    for (flag, modifier) in [
        (raw.bold, Modifier::BOLD),
        (raw.italic, Modifier::ITALIC),
        (raw.underline, Modifier::UNDERLINED),
        (raw.dim, Modifier::DIM),
        (raw.reverse, Modifier::REVERSED),
    ] {
        match flag {
            Some(true) => *target = target.add_modifier(modifier),
            Some(false) => *target = target.remove_modifier(modifier),
            None => {}
        }
    }
    Ok(())
}

/// Colour names ("red", "light-blue", "dark-gray", "reset"), "#rrggbb", or "0" to "255".
pub fn parse_colour(text: &str) -> Option<Color> {
    if let Ok(n) = text.parse::<u8>() {
        return Some(Color::Indexed(n));
    }
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        return None;
    }
    let name = text.to_lowercase().replace(['-', '_', ' '], "");
    Some(match name.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// serde's "unknown field `x`, expected one of ..." becomes "x: unknown option; did you mean y?"
fn describe_serde_error(key: &str, message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let section = key
            .rsplit_once('.')
            .map(|(s, _)| format!("{s}."))
            .unwrap_or_default();
        return format!(
            "{section}{field}: unknown option{}",
            suggest(field, &options)
        );
    }
    let message = describe_types(message);
    if key.is_empty() || key == "." {
        message
    } else {
        format!("{key}: {message}")
    }
}

/// The option's name as the user wrote it: without the parts that only serde's helpers add
/// (`Spanned` values appear as `.$__serde_spanned_private_value`).
fn user_key(path: &str) -> String {
    path.split('.')
        .filter(|part| !part.starts_with("$__"))
        .collect::<Vec<_>>()
        .join(".")
}

/// A TOML syntax error in the user's words: a duplicate key is named.
fn describe_syntax_error(message: &str, text: &str, span: std::ops::Range<usize>) -> String {
    let message = message.trim();
    if message.starts_with("duplicate key") && !message.contains('`') {
        let key = text
            .get(span)
            .unwrap_or("")
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        if !key.is_empty() {
            return format!(
                "duplicate key \"{}\"",
                crate::article::hygiene::clean_line(key)
            );
        }
    }
    message.to_owned()
}

/// What a type in a serde message is, in the config's words ("expected struct RawLibrary" is
/// "expected a table").
fn describe_types(message: &str) -> String {
    let mut out = message.to_owned();
    while let Some(start) = out.find("struct Raw") {
        let end = out[start + 7..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(out.len(), |i| start + 7 + i);
        out.replace_range(start..end, "a table");
    }
    out.replace(
        "data did not match any variant of untagged enum KeyList",
        "expected a key name or a list of key names",
    )
    .replace("expected u64", "expected a whole number")
    .replace("expected u16", "expected a whole number")
    .replace("expected usize", "expected a whole number")
}

/// ", did you mean \"bookmark\"?" when a known name is close.
fn suggest(wrong: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(wrong, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| format!("; did you mean \"{k}\"?"))
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_colour("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_colour("light-blue"), Some(Color::LightBlue));
        assert_eq!(parse_colour("208"), Some(Color::Indexed(208)));
        assert_eq!(parse_colour("#ff80"), None);
        assert_eq!(parse_colour("blurple"), None);
    }
}
