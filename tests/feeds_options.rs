//! The feed options of the config file and of one feed, end to end against a loopback server
//! (127.0.0.1, port 0): `feeds.dir` moves the feeds folder, and full text is turned off for one
//! feed (`"full_text": false` in feeds.json) or for all (`feeds.full_text = false`).

mod feedhome;
mod loopback;

use std::path::Path;
use std::process::Command;

use feedhome::{Home, RSS, page, serve};
use loopback::{Reply, Server};

/// A feed with one item that carries only a summary and links to its page at `page_path`.
fn summary_feed(server: &Server, path: &str, title: &str, page_path: &str) -> String {
    server.fixed(
        page_path,
        Reply::ok(
            "text/html",
            page(
                &format!("{title} in full"),
                "<p>The whole story, long enough to be read as a paragraph of an article with words in it.</p>",
            ),
        ),
    );
    serve(
        server,
        path,
        RSS,
        format!(
            "<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title} story</title><link>{}</link><description>Short.</description></item></channel></rss>",
            server.url(page_path)
        )
        .into_bytes(),
    )
}

/// gazette run in `home` without `--feeds-dir`, so the config decides where feeds go.
fn gazette(home: &Home, args: &[&str]) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gazette"));
    c.args(args)
        .arg("--config")
        .arg(home.dir.path().join("config.toml"))
        .arg("--state-dir")
        .arg(home.dir.path().join("state"));
    loopback::without_proxies(&mut c);
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn markdown_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for folder in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                found.push(format!("{}/{name}", folder.file_name().to_string_lossy()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_config_moves_the_feeds_folder_and_one_feed_can_turn_full_text_off() {
    let server = Server::start();
    let elsewhere = tempfile::tempdir().unwrap();
    let home = Home::with_config(&format!(
        "dir = \"{}\"",
        elsewhere.path().join("news").display()
    ));
    let full = summary_feed(&server, "/full.xml", "Full", "/page/full");
    let short = summary_feed(&server, "/short.xml", "Short", "/page/short");
    gazette(&home, &["feeds", "add", &full, "--name", "Full"]);
    gazette(&home, &["feeds", "add", &short, "--name", "Short"]);
    // One feed's own option, as a user would set it in feeds.json.
    let path = home.dir.path().join("state/feeds.json");
    let mut state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for feed in state["feeds"].as_array_mut().unwrap() {
        if feed["name"] == "Short" {
            feed["full_text"] = serde_json::Value::Bool(false);
        }
    }
    std::fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();

    gazette(&home, &["fetch"]);
    assert_eq!(
        markdown_files(&elsewhere.path().join("news")).len(),
        2,
        "both feeds' articles are in feeds.dir"
    );
    assert!(!home.feeds_dir().exists());
    assert_eq!(server.requests("/page/full").len(), 1);
    assert_eq!(server.requests("/page/short").len(), 0);
}

#[test]
fn full_text_off_in_the_config_fetches_no_page() {
    let server = Server::start();
    let home = Home::with_config("full_text = false");
    let url = summary_feed(&server, "/feed.xml", "Summary", "/page/summary");
    home.ok(&["feeds", "add", &url]);
    home.ok(&["fetch"]);
    assert_eq!(home.articles().len(), 1);
    assert_eq!(server.requests("/page/summary").len(), 0);
}
