//! Bookmarks and read marks are never lost: crash-safe writes under SIGKILL, two processes at
//! once, damaged and newer files, and a folder that cannot be written.
//!
//! The multi-process tests run this test binary again as a worker (the ignored `worker` test,
//! steered by environment variables), so real processes race and are really killed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use gazette::app::Marks;
use gazette::article::{ArticleId, Fields, Summary};
use gazette::store::{State, Store, VERSION};

fn article(id: &str) -> Arc<Summary> {
    Arc::new(Summary::from(Fields {
        id: ArticleId(id.into()),
        headline: &format!("Headline {id}"),
        path: PathBuf::from(format!("/library/{id}.txt")),
        ..Fields::default()
    }))
}

fn marks(store: &Store) -> Marks {
    store.marks()
}

fn spawn_worker(dir: &Path, role: &str, id: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "worker",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("GAZETTE_WORKER_DIR", dir)
    .env("GAZETTE_WORKER_ROLE", role)
    .env("GAZETTE_WORKER_ID", id)
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    cmd
}

/// Not a test on its own: the body of the worker processes.
#[test]
#[ignore]
fn worker() {
    let (Ok(dir), Ok(role), Ok(id)) = (
        std::env::var("GAZETTE_WORKER_DIR"),
        std::env::var("GAZETTE_WORKER_ROLE"),
        std::env::var("GAZETTE_WORKER_ID"),
    ) else {
        return;
    };
    let mut store = Store::open(Path::new(&dir)).unwrap();
    match role.as_str() {
        // Bookmark 40 articles of its own, one save each, and mark 40 read.
        "add" => {
            let articles: Vec<_> = (0..40).map(|n| article(&format!("{id}-{n}"))).collect();
            let mut m = marks(&store);
            for a in &articles {
                m.bookmarks.insert(a.id.clone());
                m.read.insert(ArticleId(format!("read-{}", a.id).into()));
                store.save(&m, &articles).unwrap();
            }
        }
        // Toggle one bookmark forever, until killed; say so after the first save.
        "flip" => {
            let articles = vec![article("flip")];
            let mut m = marks(&store);
            let ready = Path::new(&dir).join("flip-ready");
            loop {
                if !m.bookmarks.remove(&articles[0].id) {
                    m.bookmarks.insert(articles[0].id.clone());
                }
                store.save(&m, &articles).unwrap();
                if !ready.exists() {
                    std::fs::write(&ready, "").unwrap();
                }
            }
        }
        other => panic!("unknown role {other}"),
    }
}

#[test]
fn a_bookmark_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let articles = vec![article("a"), article("b")];
    let mut store = Store::open(dir.path()).unwrap();
    let mut m = marks(&store);
    m.bookmarks.insert(ArticleId("a".into()));
    m.read.insert(ArticleId("b".into()));
    store.save(&m, &articles).unwrap();
    let again = Store::open(dir.path()).unwrap();
    assert!(again.state.bookmarks.contains_key(&ArticleId("a".into())));
    assert_eq!(
        again.state.bookmarks[&ArticleId("a".into())].headline,
        "Headline a"
    );
    assert!(again.state.read.contains(&ArticleId("b".into())));
    // Unbookmarking is saved too.
    let mut store = again;
    let mut m = marks(&store);
    m.bookmarks.clear();
    store.save(&m, &articles).unwrap();
    assert!(Store::open(dir.path()).unwrap().state.bookmarks.is_empty());
}

#[test]
fn sigkill_in_the_middle_of_saves_never_damages_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let keep = vec![article("keep")];
    let mut store = Store::open(dir.path()).unwrap();
    let mut m = marks(&store);
    m.bookmarks.insert(keep[0].id.clone());
    store.save(&m, &keep).unwrap();
    let mut seed = 12345u64;
    let ready = dir.path().join("flip-ready");
    for round in 0..25 {
        let _ = std::fs::remove_file(&ready);
        let mut child = spawn_worker(dir.path(), "flip", "x").spawn().unwrap();
        // The worker really is saving before it is killed, however slow its start: it says
        // so after its first save. (The deadline is only to fail rather than hang.)
        let start = std::time::Instant::now();
        while !ready.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(90),
                "round {round}: the worker never saved"
            );
            assert!(child.try_wait().unwrap().is_none(), "the worker died");
            std::thread::sleep(Duration::from_millis(5));
        }
        // Then killed at a random point of its saves.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis((seed >> 33) % 30));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let text = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
        let state: State = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("round {round}: damaged state: {e}\n{text}"));
        assert!(
            state.bookmarks.contains_key(&keep[0].id),
            "round {round}: the bookmark was lost"
        );
        assert!(
            std::fs::read_dir(dir.path()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("damaged"))
        );
    }
}

#[test]
fn two_processes_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = spawn_worker(dir.path(), "add", "a").spawn().unwrap();
    let mut b = spawn_worker(dir.path(), "add", "b").spawn().unwrap();
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let state = Store::open(dir.path()).unwrap().state;
    let ids: HashSet<String> = state.bookmarks.keys().map(|k| k.to_string()).collect();
    for who in ["a", "b"] {
        for n in 0..40 {
            assert!(
                ids.contains(&format!("{who}-{n}")),
                "bookmark {who}-{n} lost"
            );
            assert!(
                state
                    .read
                    .contains(&ArticleId(format!("read-{who}-{n}").into())),
                "read mark {who}-{n} lost"
            );
        }
    }
}

#[test]
fn a_damaged_state_file_is_moved_aside_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), "{ this is not json").unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let notice = store.notice.clone().expect("the user is told");
    assert!(
        notice.contains("could not be read") && notice.contains("state.json.damaged-"),
        "{notice}"
    );
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("state.json.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&aside[0])).unwrap(),
        "{ this is not json"
    );
    let articles = vec![article("a")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    store.save(&m, &articles).unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().state.bookmarks.len(), 1);
}

#[test]
fn a_state_file_from_a_newer_gazette_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let newer = format!(
        "{{\"version\": {}, \"bookmarks\": {{}}, \"read\": [], \"future\": true}}",
        VERSION + 1
    );
    std::fs::write(dir.path().join("state.json"), &newer).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert!(store.notice.as_deref().unwrap().contains("newer gazette"));
    let articles = vec![article("a")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    let err = store.save(&m, &articles).unwrap_err();
    assert!(err.to_string().contains("newer gazette"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("state.json")).unwrap(),
        newer
    );
}

#[test]
fn an_unwritable_folder_keeps_marks_in_memory_and_saving_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where the state folder's parent should be: no user, root included, can
    // create the folder.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let state_dir = blocker.join("gazette");
    // The reader's way: it goes on, told why nothing can be kept.
    let mut store = Store::open_or_report(&state_dir);
    assert!(store.notice.as_deref().unwrap().contains("blocker"));
    let articles = vec![article("a"), article("b")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    let err = store.save(&m, &articles).unwrap_err();
    assert!(err.to_string().contains("blocker"), "{err}");
    m.bookmarks.insert(articles[1].id.clone());
    assert!(store.save(&m, &articles).is_err());
    // The folder becomes writable: the next save writes every change made meanwhile.
    std::fs::remove_file(&blocker).unwrap();
    store.save(&m, &articles).unwrap();
    assert_eq!(Store::open(&state_dir).unwrap().state.bookmarks.len(), 2);
}

#[test]
fn export_and_import_round_trip_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_gazette");
    let state = dir.path().join("state");
    let articles = vec![article("a"), article("b")];
    let mut store = Store::open(&state).unwrap();
    let mut m = marks(&store);
    m.bookmarks.extend(articles.iter().map(|a| a.id.clone()));
    store.save(&m, &articles).unwrap();
    let export = dir.path().join("bookmarks.json");
    let ok = Command::new(exe)
        .args(["bookmarks", "export", "--format", "json", "--output"])
        .arg(&export)
        .arg("--state-dir")
        .arg(&state)
        .status()
        .unwrap();
    assert!(ok.success());
    let md = Command::new(exe)
        .args(["bookmarks", "export", "--format", "markdown", "--state-dir"])
        .arg(&state)
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.starts_with("# Bookmarks\n")
            && md.contains("- **Headline a**")
            && md.contains("`/library/a.txt`"),
        "{md}"
    );
    let other = dir.path().join("other");
    for _ in 0..2 {
        let ok = Command::new(exe)
            .args(["bookmarks", "import"])
            .arg(&export)
            .arg("--state-dir")
            .arg(&other)
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let listed = Command::new(exe)
        .args(["bookmarks", "--json", "--state-dir"])
        .arg(&other)
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().any(|l| l["headline"] == "Headline a"));
}

fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

#[test]
fn unreadable_state_files_are_moved_aside_under_names_that_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // Invalid UTF-8, then bad JSON, in the same second: both are kept.
    let damaged: [&[u8]; 2] = [b"{\"version\": 1, \"read\": [\"\xff\"]}", b"{ not json"];
    for bytes in damaged {
        std::fs::write(&path, bytes).unwrap();
        let store = Store::open(dir.path()).unwrap();
        let notice = store.notice.clone().expect("the user is told");
        assert!(
            notice.contains("moved to") && notice.contains("a new state started"),
            "{notice}"
        );
        assert!(store.state.bookmarks.is_empty());
    }
    let aside = names_starting(dir.path(), "state.json.damaged-");
    assert_eq!(aside.len(), 2, "{aside:?}");
    let mut kept: Vec<Vec<u8>> = aside
        .iter()
        .map(|n| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    kept.sort();
    let mut want: Vec<Vec<u8>> = damaged.iter().map(|b| b.to_vec()).collect();
    want.sort();
    assert_eq!(kept, want);
    // A new state is started, and saving works.
    let mut store = Store::open(dir.path()).unwrap();
    let articles = vec![article("a")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    store.save(&m, &articles).unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().state.bookmarks.len(), 1);
}

#[test]
fn a_state_path_that_cannot_hold_a_file_is_an_error_and_no_save_pretends() {
    // state.json is a folder.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("state.json")).unwrap();
    let err = Store::open(dir.path()).unwrap_err().to_string();
    assert!(err.contains("is a folder, not a file"), "{err}");
    let mut store = Store::open_or_report(dir.path());
    assert!(store.notice.as_deref().unwrap().contains("cannot be kept"));
    let articles = vec![article("a")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    assert!(store.save(&m, &articles).is_err());
    assert!(
        dir.path().join("state.json").is_dir(),
        "never moved or replaced"
    );
    // The state folder is a file: said so, not "file exists".
    let file = dir.path().join("data");
    std::fs::write(&file, "").unwrap();
    let err = Store::open(&file).unwrap_err().to_string();
    assert!(err.contains("is a file, not a folder"), "{err}");
    let mut store = Store::open_or_report(&file);
    let err = store.save(&m, &articles).unwrap_err().to_string();
    assert!(
        err.contains("is a file, not a folder") && !err.contains("exists"),
        "{err}"
    );
}

#[test]
fn a_failed_save_is_retried_at_the_end_and_else_kept_in_a_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let articles = vec![article("a"), article("b")];
    // The folder cannot be made (a file stands in its way), then can: the last flush saves.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let state_dir = blocker.join("gazette");
    let mut store = Store::open_or_report(&state_dir);
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    assert!(store.save(&m, &articles).is_err());
    assert!(store.pending(&m));
    std::fs::remove_file(&blocker).unwrap();
    store.flush(&m, &articles).unwrap();
    assert!(!store.pending(&m));
    assert_eq!(Store::open(&state_dir).unwrap().state.bookmarks.len(), 1);

    // It still fails: the marks go to a recovery file beside the state, which imports back.
    let state_dir = dir.path().join("broken");
    std::fs::create_dir_all(state_dir.join("state.json")).unwrap();
    let mut store = Store::open_or_report(&state_dir);
    let mut m = marks(&store);
    m.bookmarks.insert(articles[1].id.clone());
    m.read.insert(articles[0].id.clone());
    let err = store.flush(&m, &articles).unwrap_err();
    let recovery = names_starting(&state_dir, "state.json.recovery-");
    assert_eq!(recovery.len(), 1, "{err}");
    assert!(
        err.contains(&recovery[0]) && err.contains("bookmarks import"),
        "{err}"
    );
    let kept: State =
        serde_json::from_slice(&std::fs::read(state_dir.join(&recovery[0])).unwrap()).unwrap();
    assert_eq!(kept.bookmarks[&articles[1].id].headline, "Headline b");
    assert!(kept.read.contains(&articles[0].id));
    let other = dir.path().join("other");
    let ok = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["bookmarks", "import"])
        .arg(state_dir.join(&recovery[0]))
        .arg("--state-dir")
        .arg(&other)
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(Store::open(&other).unwrap().state.bookmarks.len(), 1);
}

#[test]
fn a_newer_state_file_is_reported_with_the_version_it_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("state.json"),
        "{\"version\": 99, \"bookmarks\": {}}",
    )
    .unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let articles = vec![article("a")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    let err = store.save(&m, &articles).unwrap_err().to_string();
    assert!(err.contains("format version 99"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["bookmarks", "--state-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("format version 99"), "{stderr}");
}

/// A state folder with one bookmark, for the export tests.
fn one_bookmark(dir: &Path) -> PathBuf {
    let state = dir.join("state");
    let articles = vec![article("a")];
    let mut store = Store::open(&state).unwrap();
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    store.save(&m, &articles).unwrap();
    state
}

fn export_to(state: &Path, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["bookmarks", "export", "--format", "markdown", "--output"])
        .arg(output)
        .arg("--state-dir")
        .arg(state)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn wait_bounded(child: &mut std::process::Child) -> std::process::ExitStatus {
    for _ in 0..400 {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("gazette did not finish");
}

#[test]
fn export_writes_through_a_symlink_and_into_pipes_and_devices() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let dir = tempfile::tempdir().unwrap();
    let state = one_bookmark(dir.path());

    // A symlink (to a file, and dangling): the link stays, its target gets the export.
    let target = dir.path().join("target.md");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("target.md", &link).unwrap();
    assert!(wait_bounded(&mut export_to(&state, &link)).success());
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("Headline a")
    );
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink("new.md", &dangling).unwrap();
    assert!(wait_bounded(&mut export_to(&state, &dangling)).success());
    assert!(
        dangling
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(dir.path().join("new.md"))
            .unwrap()
            .contains("Headline a")
    );

    // A named pipe: its reader gets the export and the pipe stays a pipe. The reader is open
    // (without blocking) before gazette starts, so nothing waits for anything.
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(0o4000) // O_NONBLOCK
        .open(&fifo)
        .unwrap();
    assert!(wait_bounded(&mut export_to(&state, &fifo)).success());
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
    let mut got = Vec::new();
    let _ = reader.read_to_end(&mut got);
    assert!(String::from_utf8_lossy(&got).contains("Headline a"));

    // A device node (only root may make one: the null device, in the temporary folder).
    let null = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        assert!(wait_bounded(&mut export_to(&state, &null)).success());
        assert!(
            null.symlink_metadata()
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    // Standard output by its /proc name, as /dev/stdout is (through a link of our own here, so
    // that a regression could only ever replace that link): written into, appended to.
    let stdout = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["bookmarks", "export", "--format", "markdown", "--output"])
        .arg(&stdout)
        .arg("--state-dir")
        .arg(&state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Headline a"));
    assert!(stdout.symlink_metadata().unwrap().file_type().is_symlink());

    // A regular file is still replaced whole, keeping its mode.
    let plain = dir.path().join("plain.md");
    std::fs::write(&plain, "old").unwrap();
    std::fs::set_permissions(&plain, std::os::unix::fs::PermissionsExt::from_mode(0o640)).unwrap();
    assert!(wait_bounded(&mut export_to(&state, &plain)).success());
    let meta = plain.symlink_metadata().unwrap();
    assert!(meta.is_file());
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777,
        0o640
    );
    assert!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .starts_with("# Bookmarks")
    );
}

#[test]
fn a_state_file_kept_elsewhere_through_a_symlink_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    let kept = dir.path().join("dotfiles-state.json");
    std::fs::write(&kept, "{\"version\": 1}").unwrap();
    std::os::unix::fs::symlink(&kept, state.join("state.json")).unwrap();
    let mut store = Store::open(&state).unwrap();
    let articles = vec![article("a")];
    let mut m = marks(&store);
    m.bookmarks.insert(articles[0].id.clone());
    store.save(&m, &articles).unwrap();
    let link = state.join("state.json").symlink_metadata().unwrap();
    assert!(link.file_type().is_symlink());
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("Headline a")
    );
}
