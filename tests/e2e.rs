//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100): what a
//! person would see, and what the terminal is left in afterwards.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

mod common;

/// A gazette process in a pseudo-terminal.
struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The terminal emulator, fed with the output as it arrives.
    parser: Mutex<(vt100::Parser, usize)>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    fn start(args: &[&str], state: &Path, cols: u16, rows: u16) -> Session {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gazette"));
        cmd.args(args);
        cmd.arg("--state-dir");
        cmd.arg(state);
        cmd.env("TERM", "xterm-256color");
        // No user config: defaults.
        cmd.env_remove("GAZETTE_CONFIG");
        cmd.env("XDG_CONFIG_HOME", state.join("config"));
        cmd.env("XDG_CACHE_HOME", state.join("cache"));
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        let parser = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
        Session {
            master: pair.master,
            writer,
            child,
            output,
            parser: Mutex::new((parser, 0)),
        }
    }

    /// The screen as the terminal shows it now.
    fn screen(&self) -> String {
        let output = self.output.lock().unwrap();
        let mut guard = self.parser.lock().unwrap();
        let (parser, seen) = &mut *guard;
        parser.process(&output[*seen..]);
        *seen = output.len();
        parser.screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.screen();
        self.parser
            .lock()
            .unwrap()
            .0
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(size(cols, rows)).unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread collect the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "gazette did not exit"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

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
    let screen = s.wait_for("Underdogs Reach Cup Final After Penalty Shoot-Out");
    assert!(screen.contains("By Chloe Barrett"), "{screen}");
    s.keys("b");
    s.wait_for("bookmarked");
    s.keys("jjj");
    // Wide: the sidebar appears with the credits.
    s.resize(150, 40);
    let wide = s.wait_for("Credits & related");
    assert!(wide.contains("Photo: Rob Kent/Sports Desk"), "{wide}");
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
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let state = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], state.path(), 80, 24);
        s.wait_for("Headlines");
        let pid = s.child.process_id().unwrap().to_string();
        assert!(
            std::process::Command::new("kill")
                .args([signal, &pid])
                .status()
                .unwrap()
                .success()
        );
        s.wait_exit();
        assert_restored(&s.raw());
    }
}

#[test]
fn the_exit_status_after_a_signal_is_128_plus_the_signal() {
    for (signal, number) in [("-TERM", 15), ("-HUP", 1)] {
        let state = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], state.path(), 80, 24);
        s.wait_for("Headlines");
        let pid = s.child.process_id().unwrap().to_string();
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
    let pid = s.child.process_id().unwrap().to_string();
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
        screen.contains("★") && !screen.contains("(file missing)"),
        "{screen}"
    );
    s.keys("q");
    assert!(s.wait_exit().success());
    let after: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state.path().join("state.json")).unwrap()).unwrap();
    assert!(after["bookmarks"].get(&article.id.0).is_some(), "{after}");
    assert!(after["bookmarks"].get(&old.0).is_none(), "{after}");
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
    let screen = s.wait_for("A Good Headline");
    s.wait_for("could not be read");
    assert!(screen.contains("1/1"), "{screen}");
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn articles_saved_changed_or_deleted_while_reading_appear_without_a_restart() {
    let state = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let write = |name: &str, headline: &str| {
        std::fs::write(
            lib.path().join(name),
            format!(
                "{headline}\n\nA first paragraph with enough words to be a paragraph of prose.\n"
            ),
        )
        .unwrap()
    };
    write("first.txt", "The First Story Here");
    let mut s = Session::start(&[lib.path().to_str().unwrap()], state.path(), 120, 30);
    s.wait_for("The First Story Here");
    write("second.txt", "A Second Story Arrives");
    let screen = s.wait_for("A Second Story Arrives");
    s.wait_for("1 new or changed file read");
    assert!(screen.contains("The First Story Here"), "{screen}");
    std::fs::remove_file(lib.path().join("first.txt")).unwrap();
    s.wait_for("1 file gone");
    assert!(!s.screen().contains("The First Story Here"));
    // A subfolder made later is watched too.
    std::fs::create_dir(lib.path().join("later")).unwrap();
    std::thread::sleep(Duration::from_millis(600));
    std::fs::write(
        lib.path().join("later/third.txt"),
        "A Third Story Below\n\nA first paragraph with enough words to be a paragraph of prose.\n",
    )
    .unwrap();
    s.wait_for("A Third Story Below");
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
