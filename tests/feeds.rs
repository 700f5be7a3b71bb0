//! Feeds end to end: the real `gazette` binary against a loopback server started here
//! (127.0.0.1, port 0): every format, conditional requests, redirects, compression, slow,
//! failing, oversized and broken servers, full text, and fetches cut short.

mod feedhome;
mod loopback;

use std::io::Write;
use std::time::Duration;

use feedhome::{Home, RSS, fixture, page, serve};
use loopback::{Body, Reply, Server};

#[test]
fn every_format_becomes_articles_the_library_reads() {
    let server = Server::start();
    let home = Home::new();
    let feeds = [
        ("/rss2.xml", RSS, "rss2.xml"),
        ("/rss091.xml", RSS, "rss091.xml"),
        ("/rdf.xml", "application/rdf+xml", "rdf.xml"),
        ("/atom.xml", "application/atom+xml", "atom.xml"),
        ("/feed.json", "application/feed+json", "jsonfeed.json"),
    ];
    for (path, kind, file) in feeds {
        home.ok(&["feeds", "add", &serve(&server, path, kind, fixture(file))]);
    }
    let out = home.ok(&["fetch", "--no-full-text"]);
    assert!(out.contains("The Harbour Post: 2 new"), "{out}");
    let articles = home.articles();
    assert_eq!(articles.len(), 6, "{articles:#?}");
    let names: Vec<&str> = articles.iter().map(|(p, _)| p.as_str()).collect();
    assert!(
        names.contains(&"The Harbour Post/2025-01-14-ferry-service-resumes-after-storm.md"),
        "{names:?}"
    );
    assert!(
        names.contains(&"River Desk/2025-03-01-bridge-reopens-to-cyclists.md"),
        "{names:?}"
    );

    // The library reads them with the feed's metadata.
    let list = home.ok(&["list", "--json"]);
    let rows: Vec<serde_json::Value> = list
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 6, "{list}");
    let ferry = articles.iter().find(|(p, _)| p.contains("ferry")).unwrap();
    let path = home.feeds_dir().join(&ferry.0);
    let parsed = home.ok(&["parse", "--json", path.to_str().unwrap()]);
    let a: serde_json::Value = serde_json::from_str(parsed.trim()).unwrap();
    assert_eq!(a["headline"], "Ferry service resumes after storm");
    assert_eq!(a["source"], "The Harbour Post");
    // A relative link, made absolute against the feed's address.
    assert_eq!(a["url"], server.url("/news/ferry-resumes"));
    assert_eq!(a["published"], "2025-01-14");
    assert_eq!(a["authors"], serde_json::json!(["Mara Quill"]));
    assert_eq!(a["tags"], serde_json::json!(["Transport", "Weather"]));
    let paragraphs = a["paragraphs"].as_array().unwrap();
    assert!(
        paragraphs[0]
            .as_str()
            .unwrap()
            .starts_with("The ferry between the two piers")
    );
    assert!(
        a["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q.as_str().unwrap().contains("glad to be back"))
    );

    let text = |needle: &str| &articles.iter().find(|(p, _)| p.contains(needle)).unwrap().1;
    // Media RSS description when there is no other text; Dublin Core creator in RSS 1.0.
    assert!(text("market-hall").contains("Stalls will open from nine."));
    assert!(text("bees-return").contains("authors = [\"Ilse Marrow\"]"));
    assert!(text("bees-return").contains("published = \"2025-02-03T09:00:00Z\""));
    // Atom: xml:base resolves the link; HTML title text.
    assert!(text("bridge").contains("url = \"http://127.0.0.1:1/atom/stories/bridge\""));
    assert!(text("bridge").contains("Pedestrians will have to wait another month."));
    // JSON Feed 1.1.
    assert!(text("mountain-road").contains("tags = [\"roads\", \"winter\"]"));
    assert!(text("mountain-road").contains("authors = [\"Ada Fenn\"]"));
    assert!(text("clock-tower").contains("bell recast"));

    // A second fetch writes nothing.
    let before = home.articles();
    let again = home.ok(&["fetch", "--no-full-text"]);
    assert!(again.contains("The Harbour Post: 0 new"), "{again}");
    assert_eq!(home.articles(), before);
    let listed = home.feeds_json();
    assert_eq!(listed.len(), 5);
    assert_eq!(listed[0]["articles"], 2);
    assert_eq!(listed[0]["name"], "The Harbour Post");
}

#[test]
fn conditional_requests_and_304_write_nothing() {
    let server = Server::start();
    let home = Home::new();
    let body = fixture("rss2.xml");
    server.route("/cond.xml", move |req| {
        if req.header("If-None-Match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            Reply::ok(RSS, body.clone())
                .header("ETag", "\"v1\"")
                .header("Last-Modified", "Tue, 14 Jan 2025 08:30:00 GMT")
        }
    });
    home.ok(&["feeds", "add", &server.url("/cond.xml"), "--name", "Cond"]);
    home.ok(&["fetch", "--no-full-text"]);
    let written = home.articles();
    assert_eq!(written.len(), 2);
    // Remove an article: a 304 must not bring it back (nothing is written at all).
    std::fs::remove_file(home.feeds_dir().join(&written[0].0)).unwrap();
    let out = home.ok(&["fetch", "--no-full-text"]);
    assert!(out.contains("Cond: not modified"), "{out}");
    assert_eq!(home.articles().len(), 1);
    let requests = server.requests("/cond.xml");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("If-None-Match"), Some("\"v1\""));
    assert_eq!(
        requests[1].header("If-Modified-Since"),
        Some("Tue, 14 Jan 2025 08:30:00 GMT")
    );
    assert!(
        requests[0]
            .header("User-Agent")
            .unwrap()
            .starts_with("gazette/")
    );
    let accept = requests[0].header("Accept-Encoding").unwrap();
    assert!(accept.contains("gzip") && accept.contains("deflate") && accept.contains("br"));
}

#[test]
fn redirects_permanent_ones_update_the_address_and_are_bounded() {
    let server = Server::start();
    let home = Home::new();
    serve(&server, "/new.xml", RSS, fixture("rss091.xml"));
    server.fixed("/old.xml", Reply::redirect(301, "/new.xml"));
    server.fixed("/temp.xml", Reply::redirect(302, &server.url("/new.xml")));
    for i in 0..7 {
        server.fixed(
            &format!("/loop{i}"),
            Reply::redirect(302, &format!("/loop{}", i + 1)),
        );
    }
    server.fixed("/to-file", Reply::redirect(301, "file:///etc/passwd"));
    home.ok(&["feeds", "add", &server.url("/old.xml"), "--name", "Old"]);
    home.ok(&["feeds", "add", &server.url("/temp.xml"), "--name", "Temp"]);
    home.ok(&["feeds", "add", &server.url("/loop0"), "--name", "Loop"]);
    home.ok(&["feeds", "add", &server.url("/to-file"), "--name", "File"]);
    let out = home.run(&["fetch", "--no-full-text"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Loop: failed: more than 5 redirects"),
        "{stdout}"
    );
    assert!(
        stdout.contains("File: failed: redirected to file:///etc/passwd"),
        "{stdout}"
    );
    // Six requests at most for the loop: the first and five redirects.
    assert_eq!(
        (0..7)
            .map(|i| server.requests(&format!("/loop{i}")).len())
            .sum::<usize>(),
        6
    );
    let feeds = home.feeds_json();
    let url_of = |name: &str| feeds.iter().find(|f| f["name"] == name).unwrap()["url"].clone();
    assert_eq!(url_of("Old"), server.url("/new.xml"));
    assert_eq!(url_of("Temp"), server.url("/temp.xml"));
    // The same story through two feeds is one article.
    assert_eq!(home.articles().len(), 1);
    assert!(
        stdout.contains("Temp: 0 new") || stdout.contains("Old: 0 new"),
        "{stdout}"
    );
}

#[test]
fn compressed_bodies_are_read() {
    use flate2::Compression;
    let server = Server::start();
    let home = Home::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(&fixture("rss091.xml")).unwrap();
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
    zlib.write_all(&fixture("rdf.xml")).unwrap();
    server.fixed(
        "/gz",
        Reply::ok(RSS, gz.finish().unwrap()).header("Content-Encoding", "gzip"),
    );
    server.fixed(
        "/deflate",
        Reply::ok(RSS, zlib.finish().unwrap()).header("Content-Encoding", "deflate"),
    );
    home.ok(&["feeds", "add", &server.url("/gz")]);
    home.ok(&["feeds", "add", &server.url("/deflate")]);
    home.ok(&["fetch", "--no-full-text"]);
    let names: Vec<String> = home.articles().into_iter().map(|(p, _)| p).collect();
    assert!(
        names.iter().any(|n| n.starts_with("Old Town Bulletin/")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("Valley Science Notes/")),
        "{names:?}"
    );
}

#[test]
fn slow_failing_and_busy_servers_fail_alone() {
    let server = Server::start();
    let home = Home::new();
    // One byte a second: stopped by the 3 s timeout, long before the body ends.
    let body = fixture("rss091.xml");
    server.fixed(
        "/slow",
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), RSS.into())],
            body: Body::Trickle {
                prefix: body[..20].to_vec(),
                rest: body[20..].to_vec(),
                every: Duration::from_secs(1),
            },
        },
    );
    server.fixed("/down", Reply::status(503));
    // Busy once (asks for 1 s), then fine.
    let rdf = fixture("rdf.xml");
    let asked = std::sync::atomic::AtomicUsize::new(0);
    server.route("/busy", move |_| {
        if asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Reply::status(429).header("Retry-After", "1")
        } else {
            Reply::ok(RSS, rdf.clone())
        }
    });
    server.fixed("/later", Reply::status(429).header("Retry-After", "86400"));
    serve(&server, "/fine", RSS, fixture("jsonfeed.json"));
    for (p, n) in [
        ("/slow", "Slow"),
        ("/down", "Down"),
        ("/busy", "Busy"),
        ("/later", "Later"),
        ("/fine", "Fine"),
    ] {
        home.ok(&["feeds", "add", &server.url(p), "--name", n]);
    }
    let out = home.run(&["fetch", "--no-full-text"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Slow: failed: timed out after 3 s"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Down: failed: the server answered 503"),
        "{stdout}"
    );
    assert!(stdout.contains("Busy: 1 new"), "{stdout}");
    assert!(
        stdout.contains("Later: failed: the server asked to wait 86400 s"),
        "{stdout}"
    );
    assert!(stdout.contains("Fine: 1 new"), "{stdout}");
    // 503: the first try and one retry; 429: waited as asked, then fetched.
    assert_eq!(server.requests("/down").len(), 2);
    assert_eq!(server.requests("/busy").len(), 2);
    assert_eq!(server.requests("/later").len(), 1);
    let feeds = home.feeds_json();
    let slow = feeds.iter().find(|f| f["name"] == "Slow").unwrap();
    assert_eq!(slow["failed"], true);
    assert!(slow["result"].as_str().unwrap().contains("timed out"));
}

#[test]
fn oversized_broken_and_hostile_feeds() {
    let server = Server::start();
    let home = Home::with_config("max_response_mib = 1");
    // An endless feed: items forever, cut at the 1 MiB cap; the whole items before are kept.
    let mut i = 0u32;
    let items: String = std::iter::from_fn(|| {
        i += 1;
        Some(format!(
            "<item><title>Endless {i}</title><guid>e{i}</guid><description>x</description></item>\n"
        ))
    })
    .take(50)
    .collect();
    server.fixed(
        "/huge",
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), RSS.into())],
            body: Body::Endless {
                prefix: b"<rss version=\"2.0\"><channel><title>Huge</title>".to_vec(),
                chunk: items.into_bytes(),
            },
        },
    );
    serve(&server, "/broken", RSS, fixture("broken.xml"));
    serve(&server, "/laughs", RSS, fixture("laughs.xml"));
    serve(
        &server,
        "/garbage",
        RSS,
        b"\x00\x01 not a feed at all".to_vec(),
    );
    let evil = "<rss version=\"2.0\"><channel><title>Evil\u{1b}]0;PWNED\u{7}</title><item><title>Title \u{1b}[31mred\u{1b}[0m \u{9b}2J</title><link>http://127.0.0.1/evil</link><description>Body \u{1b}]52;c;UFdORUQ=\u{7} text</description></item></channel></rss>";
    serve(&server, "/evil", RSS, evil.as_bytes().to_vec());
    for p in ["/huge", "/broken", "/laughs", "/garbage", "/evil"] {
        home.ok(&["feeds", "add", &server.url(p)]);
    }
    let out = home.run(&["fetch", "--no-full-text"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(": failed: not a feed"), "{stdout}");
    assert!(
        stdout.contains("note: the feed was cut at the cap of 1048576 bytes"),
        "{stdout}"
    );
    assert!(stdout.contains("Broken Wire: 2 new"), "{stdout}");
    let articles = home.articles();
    let huge = articles
        .iter()
        .filter(|(p, _)| p.starts_with("Huge/"))
        .count();
    // The endless feed repeats its 50 items: each is kept once.
    assert_eq!(huge, 50);
    let total: usize = articles.iter().map(|(_, t)| t.len()).sum();
    assert!(total < 20 << 20, "no entity was expanded: {total} bytes");
    let laughs = articles
        .iter()
        .find(|(p, _)| p.contains("entity-test"))
        .unwrap();
    assert!(laughs.1.contains("lol9"), "{}", laughs.1);
    assert!(!laughs.1.contains("lollol"), "an entity was expanded");
    // Nothing from the feed drives the terminal, in the files or on stdout.
    for (_, text) in &articles {
        assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{7}'));
    }
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{9b}'));
    let listed = home.ok(&["feeds"]);
    assert!(!listed.contains('\u{1b}'));
}

#[test]
fn a_page_given_as_a_feed_leads_to_its_feed() {
    let server = Server::start();
    let home = Home::new();
    serve(
        &server,
        "/blog/atom.xml",
        "application/atom+xml",
        fixture("rss091.xml"),
    );
    serve(
        &server,
        "/blog/",
        "text/html; charset=utf-8",
        b"<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\"></head><body>Hi</body></html>".to_vec(),
    );
    home.ok(&["feeds", "add", &server.url("/blog/")]);
    let out = home.ok(&["fetch", "--no-full-text"]);
    assert!(out.contains("Old Town Bulletin: 1 new"), "{out}");
    assert_eq!(home.feeds_json()[0]["url"], server.url("/blog/atom.xml"));
}

#[test]
fn full_text_comes_from_the_page_when_the_feed_has_a_summary() {
    let server = Server::start();
    let home = Home::new();
    let long = "<p>The council voted on Tuesday night to keep the harbour library open on Sundays, reversing a decision made in the autumn that had drawn hundreds of letters from readers.</p><p>Librarians said the change would need two more staff, and that the money would come from the reserve fund set aside for repairs that are no longer needed this year.</p><p>\"Readers made their case and we listened,\" the council leader said after the vote, adding that the hours would be reviewed in a year.</p>";
    server.fixed(
        "/story/library",
        Reply::ok("text/html", page("Library stays open on Sundays", long)),
    );
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>Harbour Post</title><item><title>Library stays open on Sundays</title><link>{}</link><pubDate>Wed, 15 Jan 2025 09:00:00 GMT</pubDate><description>The council changed its mind.</description></item></channel></rss>",
        server.url("/story/library")
    );
    serve(&server, "/summary.xml", RSS, feed.into_bytes());
    home.ok(&["feeds", "add", &server.url("/summary.xml")]);
    let out = home.ok(&["fetch"]);
    assert!(out.contains("Harbour Post: 1 new"), "{out}");
    let articles = home.articles();
    assert_eq!(articles.len(), 1);
    let text = &articles[0].1;
    assert!(
        text.contains("reserve fund set aside for repairs"),
        "{text}"
    );
    assert!(text.contains("published = \"2025-01-15"), "{text}");
    assert_eq!(server.requests("/story/library").len(), 1);

    // --no-full-text keeps what the feed carries.
    let other = Home::new();
    other.ok(&["feeds", "add", &server.url("/summary.xml")]);
    other.ok(&["fetch", "--no-full-text"]);
    let articles = other.articles();
    assert!(articles[0].1.contains("The council changed its mind."));
    assert!(!articles[0].1.contains("reserve fund"));
    assert_eq!(server.requests("/story/library").len(), 1);
}

#[test]
fn subscriptions_add_remove_import_export() {
    let home = Home::new();
    let dir = home.dir.path();
    home.ok(&[
        "feeds",
        "add",
        "http://127.0.0.1:9/a.xml",
        "--name",
        "Alpha",
    ]);
    let again = home.run(&["feeds", "add", "http://127.0.0.1:9/a.xml"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already subscribed"));
    let bad = home.run(&["feeds", "add", "file:///etc/passwd"]);
    assert_eq!(bad.status.code(), Some(1));
    std::fs::write(
        dir.join("urls"),
        "# newsboat\nhttp://127.0.0.1:9/b.xml tech \"long tag\" ~Beta\n\"query:Unread:unread = \\\"yes\\\"\"\nhttp://127.0.0.1:9/c.xml\n",
    )
    .unwrap();
    home.ok(&["feeds", "import", dir.join("urls").to_str().unwrap()]);
    std::fs::write(
        dir.join("subs.opml"),
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body><outline text=\"News\"><outline text=\"Gamma &amp; Co\" type=\"rss\" xmlUrl=\"http://127.0.0.1:9/g.xml\"/></outline></body></opml>",
    )
    .unwrap();
    home.ok(&["feeds", "import", dir.join("subs.opml").to_str().unwrap()]);
    let feeds = home.feeds_json();
    let names: Vec<&str> = feeds.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Alpha", "Beta", "127.0.0.1", "Gamma & Co"]);
    assert_eq!(feeds[1]["tags"], serde_json::json!(["tech", "long tag"]));
    assert_eq!(feeds[3]["tags"], serde_json::json!(["News"]));
    let opml = home.ok(&["feeds", "export"]);
    assert!(opml.contains("text=\"Gamma &amp; Co\""), "{opml}");
    assert!(
        opml.contains("xmlUrl=\"http://127.0.0.1:9/b.xml\" category=\"tech,long tag\""),
        "{opml}"
    );
    home.ok(&["feeds", "remove", "Beta"]);
    home.ok(&["feeds", "remove", "http://127.0.0.1:9/a.xml"]);
    let names: Vec<String> = home
        .feeds_json()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["127.0.0.1", "Gamma & Co"]);
    assert_eq!(
        home.run(&["feeds", "remove", "Nope"]).status.code(),
        Some(1)
    );
    // Fetching a name that is not there is an error before anything is fetched.
    assert_eq!(home.run(&["fetch", "Nope"]).status.code(), Some(1));
}

#[test]
fn r_in_the_reader_fetches_in_the_background_and_reports_in_one_line() {
    use gazette::action::Action;
    use gazette::app::{App, Effect, Settings};
    use gazette::feeds::background::{Fetcher, News};
    use gazette::keymap::{Key, KeyMap};

    let mut app = App::new(
        KeyMap::default(),
        gazette::ui::Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    assert_eq!(
        app.keymap().action(Key::parse("R").unwrap()),
        Some(Action::Fetch)
    );
    assert_eq!(app.update(Action::Fetch), Some(Effect::Fetch));

    let server = Server::start();
    let home = Home::new();
    home.ok(&[
        "feeds",
        "add",
        &serve(&server, "/ok.xml", RSS, fixture("rss091.xml")),
    ]);
    server.fixed("/down.xml", Reply::status(503));
    home.ok(&["feeds", "add", &server.url("/down.xml"), "--name", "Down"]);
    let config = gazette::feeds::FeedsConfig {
        retries: 0,
        full_text: false,
        ..Default::default()
    };
    let places = gazette::feeds::cli::Places {
        state_dir: home.dir.path().join("state"),
        feeds_dir: home.feeds_dir(),
    };
    let fetcher = Fetcher::new(places, config);
    let (tx, rx) = std::sync::mpsc::channel();
    assert!(fetcher.start(move |news| tx.send(news).unwrap()));
    let mut news = Vec::new();
    while let Ok(n) = rx.recv_timeout(Duration::from_secs(30)) {
        let done = matches!(n, News::Finished(_));
        news.push(n);
        if done {
            break;
        }
    }
    assert!(
        news.contains(&News::Progress { done: 2, total: 2 }),
        "{news:?}"
    );
    assert_eq!(
        news.last(),
        Some(&News::Finished(
            "fetched 2 feed(s): 1 new article(s); Down: failed: the server answered 503".into()
        ))
    );
    assert_eq!(home.articles().len(), 1);
}
