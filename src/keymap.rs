//! Keys as data: "ctrl-d"-style key names parsed into key presses, and the map from key to
//! action, defaults first and the user's bindings merged over them. The help overlay reads the
//! same map, so it cannot drift from what the keys do.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// One key press: a code and its modifiers (shift is folded into the character for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn char(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: false,
        }
    }

    /// Normalises a terminal key event: Shift+Tab arrives as BackTab, shifted letters as upper
    /// case.
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses "j", "G", "down", "ctrl-d", "shift-tab", "alt-x", "space", "f5".
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut key = Key {
            code: KeyCode::Null,
            ctrl: false,
            alt: false,
        };
        let mut shift = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = ["ctrl-", "control-", "c-"]
                .iter()
                .find_map(|p| lower.strip_prefix(p).map(|_| &rest[p.len()..]))
            {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = ["alt-", "meta-", "m-"]
                .iter()
                .find_map(|p| lower.strip_prefix(p).map(|_| &rest[p.len()..]))
            {
                key.alt = true;
                rest = r;
            } else if let Some(r) = lower.strip_prefix("shift-").map(|_| &rest[6..]) {
                shift = true;
                rest = r;
            } else {
                break;
            }
        }
        let unknown = || format!("unknown key name \"{text}\"");
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if shift && c.is_alphabetic() => KeyCode::Char(c.to_ascii_uppercase()),
            (Some(c), None) => KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "pageup" | "pgup" => KeyCode::PageUp,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(unknown()),
                },
                _ => return Err(unknown()),
            },
        };
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The default bindings, in the config file's notation.
pub const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::Down, &["j", "down"]),
    (Action::Up, &["k", "up"]),
    (Action::PageDown, &["space", "pagedown"]),
    (Action::PageUp, &["pageup"]),
    (Action::HalfPageDown, &["ctrl-d"]),
    (Action::HalfPageUp, &["ctrl-u"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::Open, &["enter", "l", "right"]),
    (Action::Back, &["h", "left", "esc"]),
    (Action::FocusNext, &["tab"]),
    (Action::FocusPrev, &["shift-tab"]),
    (Action::NextArticle, &["J"]),
    (Action::PrevArticle, &["K"]),
    (Action::ToggleBookmark, &["b"]),
    (Action::BookmarksOnly, &["B"]),
    (Action::UnreadOnly, &["u"]),
    (Action::ToggleRead, &["m"]),
    (Action::Search, &["/"]),
    (Action::NextMatch, &["n"]),
    (Action::PrevMatch, &["N"]),
    (Action::ToggleSidebar, &["s"]),
    (Action::ShowWhy, &["w"]),
    (Action::OpenUrl, &["o"]),
    (Action::Reload, &["r"]),
    (Action::Fetch, &["R"]),
    (Action::Add, &["a"]),
    (Action::Help, &["?"]),
    (Action::Quit, &["q"]),
    (Action::ForceQuit, &["ctrl-c"]),
];

/// Key to action, with each action's keys kept for the help overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    by_action: BTreeMap<Action, Vec<Key>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        let by_action = DEFAULTS
            .iter()
            .map(|(action, keys)| {
                (
                    *action,
                    keys.iter()
                        .map(|k| Key::parse(k).expect("default key names parse"))
                        .collect(),
                )
            })
            .collect();
        KeyMap { by_action }
    }
}

impl KeyMap {
    /// The defaults with the user's bindings merged over them: a user binding replaces that
    /// action's defaults. A key bound to two actions is an error naming both.
    pub fn with_bindings(bindings: &[(Action, Vec<Key>)]) -> Result<KeyMap, String> {
        let mut map = KeyMap::default();
        for (action, keys) in bindings {
            map.by_action.insert(*action, keys.clone());
        }
        // A user's key takes precedence over a default binding of another action.
        for (action, keys) in bindings {
            for (other, other_keys) in map.by_action.iter_mut() {
                if other != action && !bindings.iter().any(|(a, _)| a == other) {
                    other_keys.retain(|k| !keys.contains(k));
                }
            }
        }
        let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
        for (action, keys) in &map.by_action {
            for key in keys {
                if let Some(first) = seen.insert(*key, *action) {
                    return Err(format!(
                        "key \"{key}\" is bound to both {} and {}",
                        first.name(),
                        action.name()
                    ));
                }
            }
        }
        Ok(map)
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_action
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(a, _)| *a)
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action
            .get(&action)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// "j, down" for the help overlay and the status bar's hints.
    pub fn describe_keys(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        assert_eq!(
            Key::parse("ctrl-d").unwrap(),
            Key {
                code: KeyCode::Char('d'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(Key::parse("G").unwrap(), Key::char('G'));
        assert_eq!(Key::parse("shift-g").unwrap(), Key::char('G'));
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(
            Key::parse("ctrll-b").unwrap_err(),
            "unknown key name \"ctrll-b\""
        );
        for (_, keys) in DEFAULTS {
            for k in *keys {
                assert_eq!(
                    Key::parse(&Key::parse(k).unwrap().to_string()).unwrap(),
                    Key::parse(k).unwrap()
                );
            }
        }
    }

    #[test]
    fn user_binding_replaces_defaults_and_steals_the_key() {
        let map = KeyMap::with_bindings(&[(Action::ToggleBookmark, vec![Key::char('x')])]).unwrap();
        assert_eq!(map.action(Key::char('x')), Some(Action::ToggleBookmark));
        assert_eq!(map.action(Key::char('b')), None);
        let map = KeyMap::with_bindings(&[(Action::ToggleBookmark, vec![Key::char('j')])]).unwrap();
        assert_eq!(map.action(Key::char('j')), Some(Action::ToggleBookmark));
        assert_eq!(map.keys(Action::Down), [Key::parse("down").unwrap()]);
    }

    #[test]
    fn duplicate_user_binding_is_an_error() {
        let err = KeyMap::with_bindings(&[
            (Action::ToggleBookmark, vec![Key::char('x')]),
            (Action::Quit, vec![Key::char('x')]),
        ])
        .unwrap_err();
        assert_eq!(err, "key \"x\" is bound to both bookmark and quit");
    }
}
