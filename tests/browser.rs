//! `o` with a browser of the user's choosing: the `[reader]` options as the config gives them,
//! and a terminal browser (a fake: a script) that takes the reader's terminal over in a
//! pseudo-terminal and gives it back. No real browser and no network.
//!
//! The pty test waits for what the screen shows (with a deadline only to fail rather than
//! hang), never for a fixed time.

use std::path::Path;

use gazette::config;

mod common;

use common::pty::{Session, contains};

#[test]
fn the_reader_options_reach_the_config() {
    let text =
        "[reader]\nbrowser = \"'/opt/a browser/run' --tab %u\"\nbrowser_in_terminal = true\n";
    let c = config::parse(text, Path::new("c.toml")).unwrap();
    let browser = c.browser.unwrap();
    assert_eq!(browser.program(), "/opt/a browser/run");
    assert_eq!(
        browser.args("https://example.com/a b"),
        ["--tab", "https://example.com/a b"]
    );
    // The file's name says nothing of it; the option does.
    assert!(!browser.in_terminal);
    assert_eq!(c.browser_in_terminal, Some(true));
}

#[test]
fn the_examples_in_the_example_file_parse_to_what_they_say() {
    // The [reader] options are commented out there (their defaults depend on $BROWSER and on
    // the browser's name): uncommented, they are valid and mean what the comments say.
    let text = config::EXAMPLE
        .replace("# browser = ", "browser = ")
        .replace("# browser_in_terminal = ", "browser_in_terminal = ");
    assert_ne!(text, config::EXAMPLE, "the example shows both options");
    let c = config::parse(&text, Path::new("config.example.toml")).unwrap();
    let browser = c.browser.unwrap();
    assert_eq!(browser.program(), "w3m");
    assert!(browser.in_terminal);
    assert_eq!(c.browser_in_terminal, Some(true));
}

/// A fake terminal browser in `dir`: it writes its arguments (one a line), the terminal's
/// modes and a line it reads from the terminal to files beside it, shows that it runs, and
/// ends with exit status 3.
#[cfg(unix)]
fn fake_browser(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake browser");
    let script = r#"#!/bin/sh
here=$(dirname "$0")
printf '%s\n' "$@" > "$here/args"
stty -a > "$here/modes"
printf 'FAKE BROWSER RUNNING; type a line\n'
read -r line
printf '%s\n' "$line" > "$here/typed"
exit 3
"#;
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// gazette on a library of one article, with the fake browser in the terminal as `o`'s.
#[cfg(unix)]
fn reader_with_fake_browser(home: &Path) -> Session {
    let library = home.join("library");
    std::fs::create_dir(&library).unwrap();
    std::fs::write(
        library.join("harbour.md"),
        "---\ntitle: Harbour Ferry Returns After Winter Repairs\nurl: https://example.com/news/ferry?id=7&x=%41\npublished: 2024-03-01\n---\n\nThe harbour ferry sailed again on Monday after a winter of repairs to its hull and engines.\n",
    )
    .unwrap();
    let browser = fake_browser(home);
    let config = home.join("config.toml");
    // The script's path has a space in it: quoted, it stays one word.
    std::fs::write(
        &config,
        format!(
            "[reader]\nbrowser = \"'{}' --from gazette %u\"\nbrowser_in_terminal = true\n",
            browser.display()
        ),
    )
    .unwrap();
    Session::start(
        &[
            "--config",
            config.to_str().unwrap(),
            library.to_str().unwrap(),
        ],
        &home.join("state"),
        120,
        40,
    )
}

#[cfg(unix)]
#[test]
fn a_terminal_browser_takes_the_terminal_and_gives_it_back() {
    let home = tempfile::tempdir().unwrap();
    let mut s = reader_with_fake_browser(home.path());
    s.wait_until("the headline", |screen| screen.contains("Harbour Ferry"));
    let before = s.raw().len();
    s.keys("o");
    // The reader steps aside: its screen is gone and the browser has the terminal.
    s.wait_until("the browser", |screen| {
        screen.contains("FAKE BROWSER RUNNING") && !screen.contains("Harbour Ferry")
    });
    let stepped_aside = s.raw()[before..].to_vec();
    for (bytes, what) in [
        (&b"\x1b[?1000l"[..], "mouse reporting off"),
        (b"\x1b[?1049l", "the alternate screen left"),
    ] {
        assert!(contains(&stepped_aside, bytes), "{what}");
    }
    // The line typed reaches the browser whole: the reader reads no keys meanwhile.
    s.keys("typed for the browser\r");
    let screen = s.wait_until("the reader back", |screen| {
        screen.contains("Harbour Ferry") && screen.contains("ended with exit status: 3")
    });
    assert!(!screen.contains("FAKE BROWSER"), "{screen}");
    let back = s.raw()[before..].to_vec();
    assert!(
        contains(&back, b"\x1b[?1049h"),
        "the alternate screen again"
    );
    let read = |name: &str| std::fs::read_to_string(home.path().join(name)).unwrap();
    assert_eq!(
        read("args"),
        "--from\ngazette\nhttps://example.com/news/ferry?id=7&x=%41\n"
    );
    assert_eq!(read("typed"), "typed for the browser\n");
    // Raw mode was off while the browser ran: the terminal read whole lines, echoing them.
    let modes = read("modes");
    assert!(
        modes.split_whitespace().any(|w| w == "icanon") && !modes.contains("-icanon"),
        "{modes}"
    );
    // And the reader reads keys again.
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_a_terminal_browser_ends_the_browser_not_the_reader() {
    let home = tempfile::tempdir().unwrap();
    let mut s = reader_with_fake_browser(home.path());
    s.wait_until("the headline", |screen| screen.contains("Harbour Ferry"));
    s.keys("o");
    s.wait_until("the browser", |screen| {
        screen.contains("FAKE BROWSER RUNNING") && !screen.contains("Harbour Ferry")
    });
    // The terminal is in its normal modes: Ctrl-C is SIGINT, for the browser's process group.
    s.keys("\x03");
    s.wait_until("the reader back", |screen| {
        screen.contains("Harbour Ferry") && screen.contains("ended with signal: 2")
    });
    assert!(
        !home.path().join("typed").exists(),
        "the browser was interrupted"
    );
    // The reader still runs, reads keys, and quits with success (not 130, for SIGINT).
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_in_a_terminal_browser_stops_the_reader_with_it_and_fg_continues_both() {
    let home = tempfile::tempdir().unwrap();
    let mut s = reader_with_fake_browser(home.path());
    s.wait_until("the headline", |screen| screen.contains("Harbour Ferry"));
    s.keys("o");
    s.wait_until("the browser", |screen| {
        screen.contains("FAKE BROWSER RUNNING")
    });
    // Ctrl-Z stops the browser's process group, gazette included: a shell would get its
    // prompt back.
    s.keys("\x1a");
    s.wait_stopped();
    let pid = s.pid();
    // fg: the shell continues the whole group (gazette leads it, in its own session here).
    let continued = std::process::Command::new("kill")
        .args(["-s", "CONT", "--", &format!("-{pid}")])
        .status()
        .unwrap();
    assert!(continued.success());
    s.keys("after fg\r");
    s.wait_until("the reader back", |screen| {
        screen.contains("Harbour Ferry") && screen.contains("ended with exit status: 3")
    });
    let typed = std::fs::read_to_string(home.path().join("typed")).unwrap();
    assert_eq!(typed, "after fg\n");
    s.keys("q");
    assert!(s.wait_exit().success());
}
