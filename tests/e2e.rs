//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100): what a
//! person would see, and what the terminal is left in afterwards.
//!
//! No test depends on how fast the machine is: each waits for what the reader shows (with a
//! deadline only to fail rather than hang), for the process to stop or exit, and for the last
//! byte of output, never for a fixed time.

use std::path::Path;

mod common;
mod loopback;
mod saving;

use common::pty::{Session, contains};

fn last_index(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The terminal was given back: alternate screen left, cursor shown, mouse reporting off, and
/// nothing drawn after that.
fn assert_restored(raw: &[u8]) {
    let entered = last_index(raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = last_index(raw, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        contains(&raw[entered..], b"\x1b[?25h"),
        "cursor shown again"
    );
    assert!(
        contains(&raw[entered..], b"\x1b[?1000l"),
        "mouse reporting turned off"
    );
}

#[test]
fn read_bookmark_resize_quit_and_the_bookmark_is_still_there() {
    let state = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], state.path(), 100, 30);
    s.wait_for("Headlines");
    s.wait_for("1/12");
    s.keys("j");
    s.wait_for("2/12");
    s.keys("\r");
    s.wait_for_all(&[
        "Underdogs Reach Cup Final After Penalty Shoot-Out",
        "By Chloe Barrett",
    ]);
    s.keys("b");
    s.wait_for("bookmarked");
    s.keys("jjj");
    // Wide: the sidebar appears with the credits.
    s.resize(150, 40);
    s.wait_for_all(&["Credits & related", "Photo: Rob Kent/Sports Desk"]);
    s.resize(60, 20);
    s.wait_for("Underdogs");
    s.keys("q");
    s.keys("q");
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());

    // A new process sees the bookmark.
    let mut s = Session::start(&[], state.path(), 100, 30);
    s.wait_for("Headlines");
    s.keys("B");
    let screen = s.wait_for("1/1");
    assert!(screen.contains("★"), "{screen}");
    assert!(screen.contains("Underdogs Reach"), "{screen}");
    s.keys("\x03"); // Ctrl-C
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());
}

#[test]
fn sigterm_sighup_and_sigquit_restore_the_terminal() {
    for signal in ["-TERM", "-HUP", "-QUIT"] {
        let state = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], state.path(), 80, 24);
        s.wait_for("Headlines");
        s.signal(signal);
        s.wait_exit();
        assert_restored(&s.raw());
    }
}

/// Ctrl-Z and an outside SIGTSTP: the terminal is given back before gazette stops, and `fg`
/// (SIGCONT) takes it again and draws the whole screen.
#[test]
fn ctrl_z_and_sigtstp_suspend_with_the_terminal_restored_and_fg_redraws() {
    for stop in ["ctrl-z", "-TSTP"] {
        let state = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], state.path(), 80, 24);
        s.wait_for("Headlines");
        let before = s.raw().len();
        if stop == "ctrl-z" {
            s.keys("\x1a");
        } else {
            s.signal(stop);
        }
        s.wait_stopped();
        // Mouse reporting off, the normal screen, the cursor shown.
        for bytes in [&b"\x1b[?1000l"[..], b"\x1b[?1049l", b"\x1b[?25h"] {
            s.wait_for_bytes(before, bytes);
        }
        s.wait_until("the reader's screen gone", |screen| {
            !screen.contains("Headlines")
        });
        let raw = s.raw();
        let entered = last_index(&raw, b"\x1b[?1049h").unwrap();
        assert!(
            last_index(&raw, b"\x1b[?1049l").unwrap() > entered,
            "{stop}: the normal screen is left as it is while stopped"
        );
        // fg.
        s.signal("-CONT");
        s.wait_for_bytes(raw.len(), b"\x1b[?1049h");
        s.wait_for("Headlines");
        let resumed = &s.raw()[raw.len()..];
        assert!(
            contains(resumed, b"Headlines"),
            "{stop}: the whole screen drawn again"
        );
        assert!(
            contains(resumed, b"\x1b[?1000h"),
            "{stop}: the mouse works again"
        );
        // And the reader still reads keys, in raw mode.
        s.keys("j");
        s.wait_for("2/12");
        s.keys("q");
        assert!(s.wait_exit().success());
        assert_restored(&s.raw());
    }
}

#[test]
fn the_exit_status_after_a_signal_is_128_plus_the_signal() {
    for (signal, number) in [("-TERM", 15), ("-HUP", 1)] {
        let state = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], state.path(), 80, 24);
        s.wait_for("Headlines");
        let pid = s.pid();
        let killed = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        assert_eq!(s.wait_exit().exit_code(), 128 + number, "{signal}");
    }
}

#[test]
fn a_mark_that_could_not_be_saved_is_saved_at_quit_or_kept_in_a_recovery_file() {
    // The state cannot be written while the bookmark is made (a folder stands where the file
    // goes), then can: ending saves it, on a signal as on quit.
    let state = tempfile::tempdir().unwrap();
    let blocker = state.path().join("state.json");
    std::fs::create_dir(&blocker).unwrap();
    let mut s = Session::start(&[], state.path(), 100, 30);
    s.wait_for("1/12");
    s.keys("b");
    s.wait_for("not saved");
    std::fs::remove_dir(&blocker).unwrap();
    let pid = s.pid();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(s.wait_exit().exit_code(), 128 + 15);
    let saved = std::fs::read_to_string(&blocker).unwrap();
    assert!(saved.contains("\"bookmarks\": {\n    \""), "{saved}");

    // state.json is a folder: said at start, "not saved" on b (never "bookmarked"), and at
    // quit the marks go to a recovery file, said on stderr, with a failing exit status.
    let state = tempfile::tempdir().unwrap();
    std::fs::create_dir(state.path().join("state.json")).unwrap();
    let mut s = Session::start(&[], state.path(), 160, 30);
    s.wait_for("is a folder, not a file");
    s.keys("b");
    let screen = s.wait_for("not saved");
    assert!(!screen.contains("bookmarked"), "{screen}");
    s.keys("q");
    assert!(!s.wait_exit().success());
    assert_restored(&s.raw());
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let tail = &raw[raw.rfind("\x1b[?1049l").unwrap()..];
    assert!(tail.contains("state.json.recovery-"), "{tail}");
    let recovery = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("state.json.recovery-"))
        .expect("a recovery file beside the state");
    assert!(
        std::fs::read_to_string(recovery)
            .unwrap()
            .contains("\"headline\"")
    );
}

#[test]
fn bookmarks_made_under_old_ids_are_still_bookmarked_after_the_change_of_ids() {
    use gazette::article::{Options, legacy_id};
    let lib = tempfile::tempdir().unwrap();
    let file = lib.path().join("floods.txt");
    std::fs::write(
        &file,
        "Harbour City Floods as Sea Wall Breaks\n\nThe sea wall broke on Tuesday night and the water reached the market square before dawn.\n",
    )
    .unwrap();
    let library = gazette::library::Library::load(&[lib.path().to_path_buf()], &Options::default());
    let article = &library.articles[0];
    let old = legacy_id(article).unwrap();
    let state = tempfile::tempdir().unwrap();
    let before = serde_json::json!({
        "version": 1,
        "bookmarks": {old.0.clone(): {"created": 1, "headline": "Harbour City Floods as Sea Wall Breaks",
            "source": null, "published": null, "path": file, "url": null}},
        "read": [old.0.clone()],
    });
    std::fs::write(state.path().join("state.json"), before.to_string()).unwrap();
    let mut s = Session::start(&[lib.path().to_str().unwrap()], state.path(), 100, 30);
    s.wait_for("Harbour City Floods");
    s.keys("B");
    let screen = s.wait_for("1/1");
    assert!(
        screen.contains("★") && !screen.contains("(not in library)"),
        "{screen}"
    );
    s.keys("q");
    assert!(s.wait_exit().success());
    let after: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state.path().join("state.json")).unwrap()).unwrap();
    assert!(
        after["bookmarks"].get(article.id.0.as_str()).is_some(),
        "{after}"
    );
    assert!(after["bookmarks"].get(old.0.as_str()).is_none(), "{after}");
    assert_eq!(after["read"], serde_json::json!([article.id.0]));
}

#[test]
fn a_library_folder_loads_in_the_background_with_errors_reported() {
    let state = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    std::fs::write(
        lib.path().join("good.txt"),
        "A Good Headline\n\nA first paragraph with enough words to be a paragraph of prose.\n",
    )
    .unwrap();
    std::fs::write(lib.path().join("bad.json"), "[1, 2]").unwrap();
    let mut s = Session::start(&[lib.path().to_str().unwrap()], state.path(), 120, 30);
    s.wait_for_all(&["A Good Headline", "1/1"]);
    s.wait_for("could not be read");
    s.keys("q");
    assert!(s.wait_exit().success());
}

/// Saves an article the way editors and sync tools do: a hidden temporary file renamed into
/// place, so that the reader never sees half a file.
fn save(dir: &Path, name: &str, headline: &str) {
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(
        &tmp,
        format!("{headline}\n\nA first paragraph with enough words to be a paragraph of prose.\n"),
    )
    .unwrap();
    std::fs::rename(&tmp, dir.join(name)).unwrap();
}

#[test]
fn articles_saved_changed_or_deleted_while_reading_appear_without_a_restart() {
    let state = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    save(lib.path(), "first.txt", "The First Story Here");
    let mut s = Session::start(&[lib.path().to_str().unwrap()], state.path(), 120, 30);
    // The reader says when its watches are in place and it has caught up with the folder.
    s.wait_for_all(&["The First Story Here", "watching"]);
    save(lib.path(), "second.txt", "A Second Story Arrives");
    s.wait_for_all(&[
        "A Second Story Arrives",
        "The First Story Here",
        "1 new or changed file read",
    ]);
    std::fs::remove_file(lib.path().join("first.txt")).unwrap();
    let screen = s.wait_for("1 file gone");
    assert!(!screen.contains("The First Story Here"), "{screen}");
    // A subfolder made later is watched too, even when a file is saved in it at once.
    std::fs::create_dir(lib.path().join("later")).unwrap();
    save(
        &lib.path().join("later"),
        "third.txt",
        "A Third Story Below",
    );
    s.wait_for("A Third Story Below");
    save(
        &lib.path().join("later"),
        "fourth.txt",
        "A Fourth Story Below",
    );
    s.wait_for("A Fourth Story Below");
    s.keys("q");
    assert!(s.wait_exit().success());
}

/// A library folder given relative to the current folder is watched, and a bookmark made in
/// it names its file by an absolute path (found from any other folder).
#[test]
fn a_relative_library_folder_is_watched_and_bookmarked_by_absolute_path() {
    let state = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("live");
    std::fs::create_dir(&lib).unwrap();
    save(&lib, "first.txt", "The First Story Here");
    let mut s = Session::start_in(Some(home.path()), &["./live"], state.path(), 120, 30);
    s.wait_for_all(&["The First Story Here", "watching"]);
    save(&lib, "second.txt", "A Second Story Arrives");
    s.wait_for("1 new or changed file read");
    s.keys("G");
    s.keys("b");
    s.wait_for("bookmarked");
    s.keys("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(state.path().join("state.json")).unwrap();
    let want = format!("\"path\": \"{}\"", lib.join("first.txt").display());
    assert!(saved.contains(&want), "{saved}");
}

/// The reader on a configured library makes its saved folder part of the library at once; an
/// empty one never replaces the bundled sample of a plain `gazette` later.
#[test]
fn the_saved_folder_of_a_configured_library_never_hides_the_sample() {
    let state = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    save(lib.path(), "first.txt", "The First Story Here");
    let config = state.path().join("cfg.toml");
    let folders = format!("[library]\nfolders = [{:?}]\n", lib.path());
    std::fs::write(&config, folders).unwrap();
    let args = ["--config", config.to_str().unwrap()];
    let mut s = Session::start(&args, state.path(), 120, 30);
    s.wait_for_all(&["The First Story Here", "watching"]);
    s.keys("q");
    assert!(s.wait_exit().success());
    let data = state.path().join("data/gazette");
    assert!(data.join("saved").is_dir() && !data.join("feeds").exists());
    // No config now: the empty saved folder is no library; the sample shows.
    let mut s = Session::start(&[], state.path(), 120, 30);
    s.wait_for("Ashford Coach Says Cup Final");
    s.keys("q");
    assert!(s.wait_exit().success());
}

/// A page saved with `a` while the saved folder does not exist yet, with a configured
/// library: shown at once, whether that folder lies inside a library folder or elsewhere.
#[test]
fn a_page_saved_before_the_saved_folder_exists_is_shown() {
    let server = loopback::Server::start();
    server.fixed(
        "/story/1",
        loopback::Reply::ok(saving::HTML, saving::story(1)),
    );
    let url = server.url("/story/1");
    for inside in [true, false] {
        let state = tempfile::tempdir().unwrap();
        let lib = tempfile::tempdir().unwrap();
        save(lib.path(), "first.txt", "The First Story Here");
        let saved = if inside {
            lib.path().join("saved")
        } else {
            state.path().join("elsewhere")
        };
        let config = state.path().join("cfg.toml");
        let text = format!(
            "[library]\nfolders = [{:?}]\nsaved_dir = {:?}\n[feeds]\ntimeout_secs = 5\nretries = 0\n",
            lib.path(),
            saved
        );
        std::fs::write(&config, text).unwrap();
        let args = ["--config", config.to_str().unwrap()];
        let mut s = Session::start(&args, state.path(), 140, 30);
        s.wait_for_all(&["The First Story Here", "watching"]);
        s.keys("a");
        s.keys(&url);
        s.keys("\r");
        let screen = s.wait_for_all(&["Story number 1", "The First Story Here", "saved"]);
        assert!(
            !screen.contains("not in the library shown"),
            "{inside}: {screen}"
        );
        assert!(saved.is_dir());
        s.keys("q");
        assert!(s.wait_exit().success());
    }
}

/// The race on purpose: a file saved the moment the list is first on screen (before or after
/// the watches are in place, whichever comes first) still appears.
#[test]
fn an_article_saved_as_the_first_frame_shows_still_appears() {
    let state = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    save(lib.path(), "first.txt", "The First Story Here");
    let mut s = Session::start(&[lib.path().to_str().unwrap()], state.path(), 120, 30);
    s.wait_for("The First Story Here");
    save(lib.path(), "second.txt", "A Second Story Arrives");
    s.wait_for_all(&["A Second Story Arrives", "watching"]);
    s.keys("q");
    assert!(s.wait_exit().success());
}

/// A library folder deleted and made again (a sync tool replacing it) is watched again.
#[test]
fn a_library_folder_deleted_and_made_again_is_still_watched() {
    let state = tempfile::tempdir().unwrap();
    let parent = tempfile::tempdir().unwrap();
    let lib = parent.path().join("news");
    std::fs::create_dir(&lib).unwrap();
    save(&lib, "first.txt", "The First Story Here");
    let mut s = Session::start(&[lib.to_str().unwrap()], state.path(), 120, 30);
    s.wait_for_all(&["The First Story Here", "watching"]);
    std::fs::remove_dir_all(&lib).unwrap();
    s.wait_until("the story gone", |screen| {
        !screen.contains("The First Story Here")
    });
    std::fs::create_dir(&lib).unwrap();
    save(&lib, "second.txt", "A Second Story Arrives");
    s.wait_for("A Second Story Arrives");
    // Still watched after that: a later file shows too.
    save(&lib, "third.txt", "A Third Story Arrives");
    s.wait_for("A Third Story Arrives");
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn hostile_articles_never_reach_the_terminal() {
    let lib = common::hostile_library();
    let state = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[lib.path().to_str().unwrap()], state.path(), 160, 40);
    s.wait_for("Headlines");
    s.wait_for("could not be read");
    // The articles' text is on screen: only their escape sequences are gone.
    s.wait_for("Headline h");
    // Open every article, scroll it, show the sidebar's credits and the help.
    s.keys("\r");
    for _ in 0..3 {
        s.keys("G");
        s.keys("J");
    }
    s.keys("w");
    s.keys("\t");
    s.keys("/body");
    s.keys("\r");
    s.keys("B");
    s.keys("B");
    s.keys("b");
    s.keys("?");
    s.keys("q");
    s.keys("\x03");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    common::assert_clean(&raw, "the reader's output");
    // Titles and clipboard writes have no business in gazette's output at all.
    assert!(
        !contains(&raw, b"\x1b]0;") && !contains(&raw, b"\x1b]52;") && !contains(&raw, b"\x1b]8;")
    );
    assert_restored(&raw);
}
