//! Config errors in the user's words: the file, the line and column, the option, what was
//! expected, and the nearest known name when one was mistyped.

use std::fmt;

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

/// serde's "unknown field `x`, expected one of ..." becomes "x: unknown option; did you mean y?"
pub(super) fn describe_serde_error(key: &str, message: &str) -> String {
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
pub(super) fn user_key(path: &str) -> String {
    path.split('.')
        .filter(|part| !part.starts_with("$__"))
        .collect::<Vec<_>>()
        .join(".")
}

/// A TOML syntax error in the user's words: a duplicate key is named.
pub(super) fn describe_syntax_error(
    message: &str,
    text: &str,
    span: std::ops::Range<usize>,
) -> String {
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
pub(super) fn describe_types(message: &str) -> String {
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
pub(super) fn suggest(wrong: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(wrong, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| format!("; did you mean \"{k}\"?"))
        .unwrap_or_default()
}
