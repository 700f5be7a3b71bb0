//! A temporary home for the feed tests (config, state and feeds folders) and the real
//! `gazette` binary run in it, with the proxy variables cleared.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::loopback::{self, Reply, Server};

pub const RSS: &str = "application/rss+xml";

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/feeds")
            .join(name),
    )
    .unwrap()
}

/// A temporary home for one test: config, state and feeds folders.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home::with_config("")
    }

    /// Short timeouts and waits, so failures are quick; `extra` goes under [feeds].
    pub fn with_config(extra: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            format!("[feeds]\ntimeout_secs = 3\nconnect_timeout_secs = 2\nretries = 1\nbackoff_ms = 10\n{extra}\n"),
        )
        .unwrap();
        Home { dir }
    }

    pub fn feeds_dir(&self) -> PathBuf {
        self.dir.path().join("feeds")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_gazette"));
        c.args(args)
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--state-dir")
            .arg(self.dir.path().join("state"))
            .arg("--feeds-dir")
            .arg(self.feeds_dir())
            .arg("--cache-dir")
            .arg(self.dir.path().join("cache"));
        loopback::without_proxies(&mut c);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Every article under the feeds folder: (path relative to it, text).
    pub fn articles(&self) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let root = self.feeds_dir();
        let Ok(folders) = std::fs::read_dir(&root) else {
            return found;
        };
        for folder in folders.flatten() {
            for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
                let p = file.path();
                if p.extension().is_some_and(|e| e == "md") {
                    let rel = p
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    found.push((rel, std::fs::read_to_string(&p).unwrap()));
                }
            }
        }
        found.sort();
        found
    }

    pub fn feeds_json(&self) -> Vec<serde_json::Value> {
        self.ok(&["feeds", "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

pub fn serve(server: &Server, path: &str, content_type: &str, body: Vec<u8>) -> String {
    server.fixed(path, Reply::ok(content_type, body));
    server.url(path)
}

/// A news page with `title` and the HTML `body` in its article.
pub fn page(title: &str, body: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{title}</h1>{body}</article><footer>Copyright the Post</footer></body></html>"
    )
    .into_bytes()
}
