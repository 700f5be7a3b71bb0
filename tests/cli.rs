//! What a terminal user expects of a command-line tool besides its commands: shell completions
//! and a manual page, both generated from the same definition as the parser.

use std::process::Command;

fn gazette(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        // No config of the user's may change what is printed.
        .env("GAZETTE_CONFIG", "/nonexistent/gazette.toml")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_know_every_command_and_option() {
    for shell in ["bash", "zsh", "fish"] {
        let script = gazette(&["completions", shell]);
        for word in [
            "parse",
            "list",
            "bookmarks",
            "feeds",
            "fetch",
            "save",
            "state-dir",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn the_manual_page_is_roff_and_names_the_commands() {
    let page = gazette(&["man"]);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH gazette 1"), "{}", &page[..200]);
    for word in ["completions", "fetch", "save", "bookmarks"] {
        assert!(page.contains(word), "the manual lacks {word}");
    }
}
