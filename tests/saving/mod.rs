//! Shared by the read-it-later tests: pages of our own writing and a temporary home in which
//! the real `gazette` binary runs with short timeouts.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::loopback::Server;

pub const HTML: &str = "text/html; charset=utf-8";

/// A news page of our own writing: title, headline, byline, date, paragraphs.
pub fn story(i: usize) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Story number {i} | The Loopback Times</title>\n\
         <meta property=\"og:site_name\" content=\"The Loopback Times\">\n\
         <meta property=\"article:published_time\" content=\"2024-03-0{d}T09:00:00Z\">\n\
         </head>\n<body>\n<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n\
         <article>\n<h1>Story number {i}</h1>\n<p class=\"byline\">By Jane Doe</p>\n\
         <p>The council met on Tuesday to decide what story number {i} would be about, and after a long evening of debate it chose the harbour, the ferries and the people who wait for them.</p>\n\
         <p>\"We have waited long enough,\" said one of the ferry workers, who has crossed the water every day for twenty years and would like to go on doing so.</p>\n\
         <p>The decision will be reviewed in the spring, when the new timetable is printed and the boats are back from their repairs at the yard across the bay.</p>\n\
         </article>\n<footer>Subscribe to our newsletter</footer>\n</body>\n</html>\n",
        d = i % 9 + 1
    )
}

/// A page with no title, headline, date or tags of its own: a list's are kept for it.
pub fn bare() -> String {
    "<html><head><meta charset=\"utf-8\"></head><body>\n\
     <p>The sea wall gave way a little after midnight, when the surge was at its highest and the wind had turned to the east, and by morning the lower town was under water.</p>\n\
     <p>Engineers had warned about the wall for years; the inquiry will ask why the repairs that were planned were put off, and who decided that they could wait.</p>\n\
     <p>Residents have been told that the wall will be rebuilt before the winter storms, though few of them believe it.</p>\n\
     </body></html>\n"
        .to_owned()
}

/// A temporary home: config (short timeouts), state, saved, feeds and cache folders.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "[feeds]\ntimeout_secs = 2\nconnect_timeout_secs = 1\nretries = 0\nbackoff_ms = 10\n",
        )
        .unwrap();
        Home { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_gazette"));
        c.args(args);
        for (flag, dir) in [
            ("--config", "config.toml"),
            ("--state-dir", "state"),
            ("--saved-dir", "saved"),
            ("--feeds-dir", "feeds"),
            ("--cache-dir", "cache"),
        ] {
            c.arg(flag).arg(self.path(dir));
        }
        crate::loopback::without_proxies(&mut c);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// The saved pages: file name and text.
    pub fn saved(&self) -> BTreeMap<String, String> {
        let Ok(dir) = std::fs::read_dir(self.path("saved")) else {
            return BTreeMap::new();
        };
        dir.flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .map(|n| {
                let text = std::fs::read_to_string(self.path("saved").join(&n)).unwrap();
                (n, text)
            })
            .collect()
    }

    /// The saved page of an address, by the marker in its head.
    pub fn saved_from(&self, url: &str) -> Vec<String> {
        let marker = format!("<meta name=\"gazette:url\" content=\"{url}\">");
        self.saved()
            .into_iter()
            .filter(|(_, t)| t.contains(&marker))
            .map(|(_, t)| t)
            .collect()
    }

    pub fn bookmarks(&self) -> serde_json::Map<String, serde_json::Value> {
        let text = std::fs::read_to_string(self.path("state/state.json")).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("bookmarks")?.as_object().cloned())
            .unwrap_or_default()
    }

    /// Writes a list fixture with the server's address in it.
    pub fn list(&self, fixture: &str, server: &Server) -> PathBuf {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/save")
                .join(fixture),
        )
        .unwrap();
        let path = self.path(fixture);
        std::fs::write(&path, text.replace("{base}", &server.url(""))).unwrap();
        path
    }
}

pub fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
