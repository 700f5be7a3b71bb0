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
use gazette::article::{ArticleId, Summary};
use gazette::store::{State, Store, VERSION};

fn article(id: &str) -> Arc<Summary> {
    Arc::new(Summary {
        id: ArticleId(id.into()),
        headline: format!("Headline {id}"),
        path: PathBuf::from(format!("/library/{id}.txt")),
        ..Summary::default()
    })
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
                m.read.insert(ArticleId(format!("read-{}", a.id)));
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
    let ids: HashSet<String> = state.bookmarks.keys().map(|k| k.0.clone()).collect();
    for who in ["a", "b"] {
        for n in 0..40 {
            assert!(
                ids.contains(&format!("{who}-{n}")),
                "bookmark {who}-{n} lost"
            );
            assert!(
                state.read.contains(&ArticleId(format!("read-{who}-{n}"))),
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
    let mut store = Store::open(&state_dir).unwrap();
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
            && md.contains("</library/a.txt>"),
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
