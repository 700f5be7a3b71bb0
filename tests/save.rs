//! Read it later end to end: the real `gazette save` against a loopback server started here
//! (127.0.0.1, port 0): one page, a long list with failures mixed in, every export format, and
//! an import killed part way and run again.

mod common;
mod loopback;
mod saving;

use std::collections::BTreeMap;
use std::time::Duration;

use loopback::{Body, Reply, Server};
use saving::{HTML, Home, bare, story, text};

#[test]
fn one_page_is_saved_bookmarked_and_kept_once() {
    let server = Server::start();
    server.fixed("/story/1", Reply::ok(HTML, story(1)));
    let home = Home::new();
    let url = server.url("/story/1");
    let out = home.run(&["save", &url, "--tag", "later"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.starts_with("saved: "), "{stdout}");
    let saved = home.saved();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let (name, page) = saved.iter().next().unwrap();
    // Named after the page's own date and headline.
    assert_eq!(name, "2024-03-02-story-number-1.html");
    // The page as fetched, with its address and the tag added to its head.
    let added = page.find("<meta name=\"gazette:url\"").unwrap();
    let head_end = page.find("</head>").unwrap();
    assert!(added < head_end);
    let original = story(1);
    assert!(page.starts_with(&original[..original.find("</head>").unwrap()]));
    assert!(page.ends_with(&original[original.find("</head>").unwrap()..]));
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
    assert!(page.contains("<meta property=\"article:tag\" content=\"later\">"));
    // Bookmarked, with the file's path.
    let bookmarks = home.bookmarks();
    assert_eq!(bookmarks.len(), 1, "{bookmarks:?}");
    let b = bookmarks.values().next().unwrap();
    assert!(b["path"].as_str().unwrap().ends_with(name.as_str()), "{b}");
    // Saved again (also as https and with a fragment): not fetched, still one article.
    let requests = server.requests("/story/1").len();
    let out = home.run(&["save", &url, &format!("{url}#comments")]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stderr.contains("0 saved, 1 already saved"), "{stderr}");
    assert_eq!(server.requests("/story/1").len(), requests);
    assert_eq!(home.saved().len(), 1);
    assert_eq!(home.bookmarks().len(), 1);
}

#[test]
fn a_redirect_to_a_saved_page_is_the_same_article() {
    let server = Server::start();
    server.fixed("/story/2", Reply::ok(HTML, story(2)));
    server.fixed("/short", Reply::redirect(301, "/story/2"));
    let home = Home::new();
    let out = home.run(&["save", &server.url("/story/2")]);
    assert!(out.status.success(), "{:?}", text(&out));
    let out = home.run(&["save", &server.url("/short")]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.starts_with("already saved: "), "{stdout}");
    assert_eq!(home.saved().len(), 1);
}

#[test]
fn a_list_of_200_with_failures_saves_the_rest() {
    let server = Server::start();
    let mut lines = String::new();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for i in 0..200 {
        let path = format!("/p/{i}");
        let why = match i % 20 {
            3 | 13 => {
                bad.push((server.url(&path), "the server answered 404"));
                None
            }
            7 => Some((
                "not a web page",
                Reply::ok("application/pdf", "%PDF-1.4 not a page"),
            )),
            11 if i < 100 => Some((
                "timed out",
                Reply {
                    status: 200,
                    headers: vec![("Content-Type".into(), HTML.into())],
                    body: Body::Trickle {
                        prefix: b"<html><body><p>".to_vec(),
                        rest: vec![b'x'; 40],
                        every: Duration::from_millis(200),
                    },
                },
            )),
            17 => Some(("the server answered 500", Reply::status(500))),
            _ => {
                good.push(server.url(&path));
                server.fixed(&path, Reply::ok(HTML, story(i)));
                None
            }
        };
        if let Some((reason, reply)) = why {
            bad.push((server.url(&path), reason));
            server.fixed(&path, reply);
        }
        lines += &server.url(&path);
        lines.push('\n');
    }
    // The same address twice is one page.
    lines += &server.url("/p/0");
    lines.push('\n');
    let home = Home::new();
    let list = home.path("list.txt");
    std::fs::write(&list, lines).unwrap();
    let out = home.run(&["save", "--from", list.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    for (url, reason) in &bad {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("failed: {url}: ")))
            .unwrap_or_else(|| panic!("no failure reported for {url}:\n{stdout}"));
        assert!(line.contains(reason), "{line} (expected {reason})");
    }
    assert_eq!(home.saved().len(), good.len(), "{stdout}");
    for url in &good {
        assert_eq!(home.saved_from(url).len(), 1, "{url}");
    }
    assert_eq!(home.bookmarks().len(), good.len());
    assert!(
        stderr.contains(&format!(
            "{} saved, 0 already saved, {} failed",
            good.len(),
            bad.len()
        )),
        "{stderr}"
    );
}

#[test]
fn every_export_format_is_read_and_its_facts_kept() {
    let server = Server::start();
    server.fixed("/bare", Reply::ok(HTML, bare()));
    server.fixed("/story/1", Reply::ok(HTML, story(1)));
    server.fixed("/story/2", Reply::ok(HTML, story(2)));
    for (fixture, format) in [
        ("urls.txt", "a list of addresses"),
        ("pocket_ril_export.html", "a Pocket export (HTML)"),
        ("pocket.csv", "a Pocket export (CSV)"),
        ("instapaper.csv", "an Instapaper export (CSV)"),
        ("wallabag.json", "a Wallabag export (JSON)"),
        ("omnivore.json", "an Omnivore export (JSON)"),
        ("bookmarks.html", "a browser's bookmarks"),
    ] {
        let home = Home::new();
        let list = home.list(fixture, &server);
        let out = home.run(&[
            "save",
            "--from",
            list.to_str().unwrap(),
            "--tag",
            "imported",
        ]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{fixture}: {stdout}{stderr}");
        assert!(
            stderr.contains(&format!("3 address(es), read as {format}")),
            "{fixture}: {stderr}"
        );
        assert_eq!(home.saved().len(), 3, "{fixture}: {stdout}");
        assert_eq!(home.bookmarks().len(), 3, "{fixture}");
        let bare = home.saved_from(&server.url("/bare"));
        assert_eq!(bare.len(), 1, "{fixture}");
        let page = &bare[0];
        assert!(page.contains("content=\"imported\""), "{fixture}");
        if fixture == "urls.txt" {
            assert!(!page.contains("og:title"), "{fixture}");
            continue;
        }
        // What the page lacks comes from the list: title, date, tags.
        assert!(
            page.contains(
                "<meta property=\"og:title\" content=\"Harbour &amp; Sea Wall: What Went Wrong\">"
            ),
            "{fixture}: {page}"
        );
        assert!(
            page.contains(
                "<meta property=\"article:published_time\" content=\"2023-11-14T22:13:20Z\">"
            ),
            "{fixture}: {page}"
        );
        // Instapaper has folders, not tags: its folder is the one tag.
        let tags: &[&str] = if fixture == "instapaper.csv" {
            &["Storms"]
        } else {
            &["harbour", "storms"]
        };
        for tag in tags {
            let want = format!("<meta property=\"article:tag\" content=\"{tag}\">");
            assert!(page.contains(&want), "{fixture}: {page}");
        }
        // A page with its own title keeps it.
        let own = &home.saved_from(&server.url("/story/2"))[0];
        assert!(!own.contains("og:title"), "{fixture}");
    }
}

#[test]
fn an_import_killed_part_way_resumes_with_every_page_once() {
    let server = Server::start();
    let mut lines = String::new();
    for i in 0..60 {
        let path = format!("/slow/{i}");
        let body = story(i);
        server.route(&path, move |_| {
            std::thread::sleep(Duration::from_millis(60));
            Reply::ok(HTML, body.clone())
        });
        lines += &server.url(&path);
        lines.push('\n');
    }
    let home = Home::new();
    let list = home.path("list.txt");
    std::fs::write(&list, &lines).unwrap();
    let mut child = home
        .command(&["save", "--from", list.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait (bounded) until some pages are saved, then kill it.
    for _ in 0..500 {
        if home.saved().len() >= 8 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let index = std::fs::read_to_string(home.path("state/saved.jsonl")).unwrap_or_default();
    let recorded: Vec<String> = index
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["url"].as_str().unwrap().to_owned())
        .collect();
    let partial = home.saved().len();
    assert!(
        (1..60).contains(&partial),
        "{partial} saved before the kill"
    );
    let before: BTreeMap<String, usize> = recorded
        .iter()
        .map(|u| (u.clone(), server.requests(&u[server.url("").len()..]).len()))
        .collect();
    let out = home.run(&["save", "--from", list.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    // What was recorded before the kill was not fetched again.
    for (url, n) in &before {
        assert_eq!(
            server.requests(&url[server.url("").len()..]).len(),
            *n,
            "{url}"
        );
    }
    assert_eq!(home.saved().len(), 60, "{stdout}");
    for line in lines.lines() {
        assert_eq!(home.saved_from(line).len(), 1, "{line}");
    }
    assert_eq!(home.bookmarks().len(), 60);
    let out = home.run(&["save", "--from", list.to_str().unwrap()]);
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains("0 saved, 60 already saved, 0 failed"),
        "{stderr}"
    );
}

#[test]
fn hostile_pages_and_lists_never_reach_the_terminal() {
    let server = Server::start();
    let evil = common::hostile("Evil");
    let page = story(3)
        .replace("Story number 3", &evil)
        .replace("Jane Doe", &evil);
    server.fixed("/evil", Reply::ok(HTML, page));
    server.fixed("/evil-type", Reply::ok(&common::hostile("text/plain"), "x"));
    let home = Home::new();
    let list = home.path("list.csv");
    let title = evil.replace('"', "\"\"");
    std::fs::write(
        &list,
        format!(
            "title,url,time_added,tags,status\n\"{title}\",{},1700000000,{evil},unread\n\"{title}\",{},,,\n",
            server.url("/evil"),
            server.url("/evil-type")
        ),
    )
    .unwrap();
    for args in [
        vec!["save", "--from", list.to_str().unwrap(), "--tag", &evil],
        vec!["save", "--json", "--from", list.to_str().unwrap()],
    ] {
        let out = home.run(&args);
        common::assert_clean(&out.stdout, "stdout");
        common::assert_clean(&out.stderr, "stderr");
    }
    let saved = home.saved();
    assert_eq!(saved.len(), 1, "{saved:?}");
    for name in saved.keys() {
        common::assert_clean(name.as_bytes(), "file name");
    }
}

#[test]
fn a_list_that_cannot_be_read_says_why() {
    let home = Home::new();
    let list = home.path("empty.csv");
    std::fs::write(&list, "title,url\nNo address,\n").unwrap();
    let out = home.run(&["save", "--from", list.to_str().unwrap()]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("empty.csv: no http or https addresses found"),
        "{stderr}"
    );
    let out = home.run(&["save"]);
    assert!(text(&out).1.contains("nothing to save"));
}
