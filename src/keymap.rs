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
    (Action::ShowErrors, &["e"]),
    (Action::Help, &["?"]),
    (Action::Quit, &["q"]),
    (Action::ForceQuit, &["ctrl-c"]),
];

/// Keys the terminal's conventions fix, whatever the key map says: Ctrl-C quits from anywhere
/// (the emergency exit must work even with a broken config) and Ctrl-Z suspends.
pub fn reserved(key: Key) -> Option<&'static str> {
    match key.code {
        KeyCode::Char('c') if key.ctrl => {
            Some("ctrl-c is the emergency quit and cannot be bound to another action")
        }
        KeyCode::Char('z') if key.ctrl => Some(
            "ctrl-z suspends gazette (fg resumes it), like any full-screen program, and cannot be bound",
        ),
        _ => None,
    }
}

/// A binding the key map cannot take, and the user's binding that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingError {
    pub action: Action,
    pub message: String,
}

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
    /// action's defaults and takes its keys from the actions the user left alone. Errors: a
    /// reserved key (Ctrl-C, Ctrl-Z) bound to an action, a key bound to two actions, and an
    /// action left without a key because its keys were taken (`quit = []` says so on purpose).
    pub fn with_bindings(bindings: &[(Action, Vec<Key>)]) -> Result<KeyMap, BindingError> {
        let error = |action: Action, message: String| BindingError { action, message };
        let by_user = |a: &Action| bindings.iter().any(|(b, _)| b == a);
        let mut map = KeyMap::default();
        for (action, keys) in bindings {
            for key in keys {
                match reserved(*key) {
                    Some(_) if *action == Action::ForceQuit && key.code == KeyCode::Char('c') => {}
                    Some(why) => return Err(error(*action, why.into())),
                    None => {}
                }
            }
            map.by_action.insert(*action, keys.clone());
        }
        // Ctrl-C quits whatever force_quit is bound to: the help says so.
        let ctrl_c = Key::parse("ctrl-c").expect("a valid key name");
        let force = map.by_action.entry(Action::ForceQuit).or_default();
        if !force.contains(&ctrl_c) {
            force.push(ctrl_c);
        }
        // A user's key takes precedence over a default binding of another action, as long as
        // that action keeps a key.
        for (action, keys) in bindings {
            for (other, other_keys) in map.by_action.iter_mut() {
                if other == action || by_user(other) {
                    continue;
                }
                let had = !other_keys.is_empty();
                let taken: Vec<Key> = other_keys
                    .iter()
                    .copied()
                    .filter(|k| keys.contains(k))
                    .collect();
                other_keys.retain(|k| !keys.contains(k));
                if had && other_keys.is_empty() {
                    let taken: Vec<String> = taken.iter().map(|k| format!("\"{k}\"")).collect();
                    return Err(error(
                        *action,
                        format!(
                            "{} would leave {} without a key (bind {} to another key, or write {} = [] to do without one)",
                            taken.join(", "),
                            other.name(),
                            other.name(),
                            other.name()
                        ),
                    ));
                }
            }
        }
        let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
        for (action, keys) in &map.by_action {
            for key in keys {
                if let Some(first) = seen.insert(*key, *action) {
                    return Err(error(
                        *action,
                        format!(
                            "key \"{key}\" is bound to both {} and {}",
                            first.name(),
                            action.name()
                        ),
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
        assert_eq!(err.message, "key \"x\" is bound to both bookmark and quit");
        assert_eq!(err.action, Action::Quit);
    }

    #[test]
    fn reserved_keys_cannot_be_bound_and_ctrl_c_always_quits() {
        for name in ["ctrl-c", "Ctrl-C", "ctrl-z"] {
            let err =
                KeyMap::with_bindings(&[(Action::ToggleBookmark, vec![Key::parse(name).unwrap()])])
                    .unwrap_err();
            assert_eq!(err.action, Action::ToggleBookmark);
            assert!(err.message.contains("cannot be bound"), "{}", err.message);
        }
        let map =
            KeyMap::with_bindings(&[(Action::ForceQuit, vec![Key::parse("ctrl-q").unwrap()])])
                .unwrap();
        assert_eq!(
            map.action(Key::parse("ctrl-c").unwrap()),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            map.action(Key::parse("ctrl-q").unwrap()),
            Some(Action::ForceQuit)
        );
    }

    #[test]
    fn no_action_is_left_without_a_key_unless_the_user_says_so() {
        let err = KeyMap::with_bindings(&[(Action::Down, vec![Key::char('q')])]).unwrap_err();
        assert_eq!(err.action, Action::Down);
        assert_eq!(
            err.message,
            "\"q\" would leave quit without a key (bind quit to another key, or write quit = [] to do without one)"
        );
        let map =
            KeyMap::with_bindings(&[(Action::Down, vec![Key::char('q')]), (Action::Quit, vec![])])
                .unwrap();
        assert_eq!(map.action(Key::char('q')), Some(Action::Down));
        assert!(map.keys(Action::Quit).is_empty());
        // Taking one of two keys is fine.
        let map = KeyMap::with_bindings(&[(Action::ToggleBookmark, vec![Key::char('j')])]);
        assert!(map.is_ok());
    }
}
