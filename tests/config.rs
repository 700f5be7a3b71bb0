//! The config file: the shipped example is the defaults, and every kind of mistake gets a
//! message with the file, line, column, option and what was expected.

use std::path::Path;

use gazette::action::Action;
use gazette::app::Settings;
use gazette::config::{self, Config};
use gazette::keymap::{Key, KeyMap};
use gazette::ui::Theme;

#[test]
fn the_example_file_is_exactly_the_defaults() {
    let example = config::parse(config::EXAMPLE, Path::new("config.example.toml")).unwrap();
    let defaults = Config::default();
    assert_eq!(example.keymap, KeyMap::default());
    assert_eq!(example.theme, Theme::dark());
    assert_eq!(example.settings, Settings::default());
    assert_eq!(example.folders, defaults.folders);
    assert_eq!(example.state_dir, defaults.state_dir);
    assert_eq!(example.feeds, defaults.feeds);
    // No browser named: $BROWSER, else the system opener, in the terminal as its name says.
    assert_eq!(example.browser, defaults.browser);
    assert_eq!(example.browser_in_terminal, defaults.browser_in_terminal);
    assert_eq!(example.options.size_cap, defaults.options.size_cap);
    assert!(
        example.options.chrome_phrases.is_empty()
            && example.options.chrome_patterns.is_empty()
            && example.options.keep_phrases.is_empty()
    );
    // Every action and every theme element is documented in the example.
    for a in Action::ALL {
        assert!(
            config::EXAMPLE.contains(&format!("\n{} = ", a.name())),
            "{} missing from config.example.toml",
            a.name()
        );
    }
    for e in config::THEME_ELEMENTS {
        assert!(
            config::EXAMPLE.contains(&format!("\n{e} = ")),
            "{e} missing from config.example.toml"
        );
    }
    // The file on disk is the one compiled in.
    let on_disk =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml"))
            .unwrap();
    assert_eq!(on_disk, config::EXAMPLE);
}

#[test]
fn invalid_configs_say_exactly_what_is_wrong() {
    let cases = [
        (
            "wrong-type.toml",
            "wrong-type.toml:3:11: layout.sidebar: invalid type: string \"yes\", expected a boolean",
        ),
        (
            "unknown-option.toml",
            "unknown-option.toml:2:1: layout.sidebr: unknown option; did you mean \"sidebar\"?",
        ),
        (
            "unknown-section.toml",
            "unknown-section.toml:1:2: colours: unknown option",
        ),
        (
            "unknown-action.toml",
            "unknown-action.toml:2:11: keys.bookmrk: unknown action; did you mean \"bookmark\"?",
        ),
        (
            "bad-key-name.toml",
            "bad-key-name.toml:2:12: keys.bookmark: unknown key name \"ctrll-b\"",
        ),
        (
            "bad-colour.toml",
            "bad-colour.toml:2:16: theme.quote.fg: unknown colour \"blurple\" (a name such as \"light-blue\", \"#rrggbb\" or a 256-colour index \"0\"-\"255\")",
        ),
        (
            "max-file-too-large.toml",
            "max-file-too-large.toml:2:16: library.max_file_mib: expected a size from 1 to 4096 (MiB), found 17592186044416",
        ),
        (
            "widths-crossed.toml",
            "widths-crossed.toml:3:14: layout.wide_width: expected at least layout.narrow_width (500), found 10",
        ),
        (
            "narrow-over-wide.toml",
            "narrow-over-wide.toml:2:16: layout.narrow_width: expected at most layout.wide_width (120), found 500",
        ),
        (
            "empty-folder.toml",
            "empty-folder.toml:2:22: library.folders: an empty folder name (write \".\" for the current folder)",
        ),
        (
            "duplicate-binding.toml",
            "duplicate-binding.toml:3:8: keys: key \"x\" is bound to both bookmark and quit",
        ),
        (
            "bad-regex.toml",
            "bad-regex.toml:2:26: extraction.chrome_patterns: invalid regular expression \"(unclosed\": unclosed group",
        ),
        (
            "syntax.toml",
            "syntax.toml:1:8: unclosed table, expected `]`",
        ),
        (
            "bad-date-format.toml",
            "bad-date-format.toml:2:15: display.date_format: unknown directive %q (known: %Y %y %m %d %e %b %B %%)",
        ),
        (
            "unknown-theme.toml",
            "unknown-theme.toml:2:8: theme.name: unknown theme \"solarized\" (built in: dark, light)",
        ),
        (
            "reserved-ctrl-c.toml",
            "reserved-ctrl-c.toml:2:12: keys.bookmark: ctrl-c is the emergency quit and cannot be bound to another action",
        ),
        (
            "action-left-without-key.toml",
            "action-left-without-key.toml:2:8: keys.down: \"q\" would leave quit without a key (bind quit to another key, or write quit = [] to do without one)",
        ),
        (
            "empty-chrome-phrase.toml",
            "empty-chrome-phrase.toml:2:29: extraction.chrome_phrases: an empty phrase would drop every line",
        ),
        (
            "empty-keep-phrase.toml",
            "empty-keep-phrase.toml:2:17: extraction.keep_phrases: an empty phrase would keep every line",
        ),
        (
            "browser-empty.toml",
            "browser-empty.toml:2:11: reader.browser: an empty command in \"\" (a command line, e.g. \"w3m %u\")",
        ),
        (
            "browser-unbalanced.toml",
            "browser-unbalanced.toml:3:11: reader.browser: unbalanced quotes in \"w3m 'unclosed %u\" (a command line, e.g. \"w3m %u\")",
        ),
        (
            "browser-in-terminal-not-bool.toml",
            "browser-in-terminal-not-bool.toml:3:23: reader.browser_in_terminal: invalid type: string \"yes\", expected a boolean",
        ),
        (
            "unknown-theme-element.toml",
            "unknown-theme-element.toml:2:1: theme.quotes: unknown option; did you mean \"quote\"?",
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    for (file, want) in cases {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let err = config::parse(&text, Path::new(file)).unwrap_err();
        assert_eq!(err.to_string(), want, "{file}");
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        cases.len(),
        "every fixture has a case"
    );
}

#[test]
fn an_unreadable_config_is_an_error_but_a_missing_default_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let err = config::load(Some(&missing)).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("nope.toml: cannot read config: no such file or folder"),
        "{err}"
    );
    let err = config::load(Some(dir.path())).unwrap_err();
    assert!(err.to_string().contains("cannot read config"), "{err}");
}

#[test]
fn the_binary_exits_2_on_a_bad_config_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys]\nbookmark = \"ctrll-b\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("--config")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("config.toml:2:12: keys.bookmark: unknown key name \"ctrll-b\""),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing written to the terminal");
}

#[test]
fn a_rebinding_replaces_the_default_keys() {
    let c = config::parse("[keys]\nbookmark = \"x\"\n", Path::new("c.toml")).unwrap();
    assert_eq!(
        c.keymap.action(Key::char('x')),
        Some(Action::ToggleBookmark)
    );
    assert_eq!(c.keymap.action(Key::char('b')), None);
    assert_eq!(c.keymap.action(Key::char('j')), Some(Action::Down));
}

#[test]
fn an_action_goes_without_a_key_only_when_the_user_says_so() {
    let c = config::parse("[keys]\ndown = [\"q\"]\nquit = []\n", Path::new("c.toml")).unwrap();
    assert_eq!(c.keymap.action(Key::char('q')), Some(Action::Down));
    assert!(c.keymap.keys(Action::Quit).is_empty());
    // Ctrl-C still quits, and says so in the help.
    assert_eq!(
        c.keymap.action(Key::parse("ctrl-c").unwrap()),
        Some(Action::ForceQuit)
    );
}

#[test]
fn options_reach_the_parser_and_the_theme() {
    let text = "[library]\nfolders = [\"~/news\"]\ncache_dir = \"~/.cache/gz\"\nmax_file_mib = 2\n[extraction]\nchrome_phrases = [\"listen to this\"]\nchrome_patterns = ['^Ad \\d+$']\nkeep_phrases = [\"Editor's note\"]\n[theme]\nname = \"light\"\nquote = { fg = \"#ff8000\", bold = true }\n";
    let c = config::parse(text, Path::new("c.toml")).unwrap();
    assert!(c.folders[0].ends_with("news") && !c.folders[0].starts_with("~"));
    let cache = c.cache_dir.as_ref().unwrap();
    assert!(cache.ends_with(".cache/gz") && !cache.starts_with("~"));
    assert_eq!(c.options.size_cap, 2 * 1024 * 1024);
    assert_eq!(
        c.theme.quote.fg,
        Some(ratatui::style::Color::Rgb(255, 128, 0))
    );
    assert!(
        c.theme
            .quote
            .add_modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
    assert_eq!(c.theme.selected, Theme::light().selected);
    let page = "Story Title Here\n\nListen to this article\n\nAd 12\n\nEditor's note\n\nThe first paragraph of the story is long enough to be prose, as it has many words in it.\n\nThe second paragraph of the story is long enough to be prose, as it has many words too.\n";
    let a = gazette::article::parse_with(Path::new("p.txt"), page.as_bytes(), &c.options).unwrap();
    let body: Vec<&str> = a.paragraphs().collect();
    assert_eq!(body[0], "Editor's note", "{body:?}");
    assert!(
        a.dropped.iter().any(|d| d == "Listen to this article")
            && a.dropped.iter().any(|d| d == "Ad 12"),
        "{:?}",
        a.dropped
    );
}

#[test]
fn config_errors_never_show_internals() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config-messages");
    let cases = [
        (
            "spanned-type.toml",
            "spanned-type.toml:2:16: library.max_file_mib: invalid type: string \"big\", expected a whole number",
        ),
        (
            "section-type.toml",
            "section-type.toml:1:11: library: invalid type: integer `5`, expected a table",
        ),
        (
            "duplicate-key.toml",
            "duplicate-key.toml:4:1: duplicate key \"sidebar\"",
        ),
        (
            "key-list-type.toml",
            "key-list-type.toml:2:12: keys.bookmark: expected a key name or a list of key names",
        ),
    ];
    for (file, want) in cases {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let err = config::parse(&text, Path::new(file))
            .unwrap_err()
            .to_string();
        assert_eq!(err, want, "{file}");
        for internal in ["$__", "struct", "Raw", "enum", "u64"] {
            assert!(!err.contains(internal), "{file}: {err}");
        }
    }
}

#[test]
fn config_errors_never_echo_escape_sequences() {
    let text = "[theme]\nname = \"\\u001b]0;PWNED-TITLE\\u0007dark\"\n";
    let err = config::parse(text, Path::new("c.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("c.toml:2:8: theme.name: unknown theme"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}') && !err.contains("PWNED-TITLE"),
        "{err:?}"
    );
}

#[test]
fn the_largest_size_cap_still_reads_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(
        &file,
        "A Headline Here\n\nA paragraph of prose long enough to be read.\n",
    )
    .unwrap();
    for mib in [config::MAX_FILE_MIB, u64::MAX / (1024 * 1024) + 1] {
        let options = gazette::article::Options {
            size_cap: mib.saturating_mul(1024 * 1024),
            ..Default::default()
        };
        let article = gazette::library::read_file(&file, &options).unwrap();
        assert_eq!(article.headline, "A Headline Here");
        let bytes = gazette::library::read_regular(&file, options.size_cap).unwrap();
        assert!(!bytes.is_empty());
    }
}

#[test]
fn a_key_listed_twice_for_one_action_is_bound_once() {
    let c = config::parse(
        "[keys]\ndown = [\"j\", \"j\", \"down\"]\n",
        Path::new("c.toml"),
    )
    .unwrap();
    let j = Key::parse("j").unwrap();
    let down = Key::parse("down").unwrap();
    assert_eq!(c.keymap.keys(Action::Down), [j, down]);
    assert_eq!(c.keymap.action(j), Some(Action::Down));
}
