//! Fetches cut short: a `gazette fetch` killed (SIGKILL) part way through and run again gives
//! every item exactly once, whether the kill lands before any feed was saved or between
//! feeds saved and feeds still being written. Pages past the first ten of a feed are held at
//! a gate the test opens, so a loaded machine cannot finish a fetch before the kill lands.

mod feedhome;
mod loopback;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use feedhome::{Home, RSS, page, serve};
use loopback::{Reply, Server};

/// Holds pages until the test opens it (bounded: 20 s, so a failing test still ends).
#[derive(Clone, Default)]
struct Gate(Arc<AtomicBool>);

impl Gate {
    fn open(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn pass(&self) {
        for _ in 0..2000 {
            if self.0.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Serves `items` items at `path` whose pages each take `delay`, and from the eleventh on wait
/// for `gate` (the item's text is a summary, so a full-text fetch asks for every page).
/// `link_of(i)` is item i's page path.
fn slow_feed(
    server: &Server,
    path: &str,
    title: &str,
    items: usize,
    (delay, gate): (Duration, &Gate),
    link_of: impl Fn(usize) -> String,
) -> String {
    let mut xml = String::new();
    for i in 0..items {
        let link = link_of(i);
        let body = page(
            &format!("{title} story {i}"),
            &format!(
                "<p>Story {i} of {title} has a body long enough to be read as a paragraph of the article, with several words in it.</p>"
            ),
        );
        let gate = gate.clone();
        server.route(&link, move |_| {
            std::thread::sleep(delay);
            if i >= 10 {
                gate.pass();
            }
            Reply::ok("text/html", body.clone())
        });
        xml += &format!(
            "<item><title>{title} story {i}</title><link>{}</link><guid>{title}-{i}</guid><description>Short.</description></item>",
            server.url(&link)
        );
    }
    serve(
        server,
        path,
        RSS,
        format!("<rss version=\"2.0\"><channel><title>{title}</title>{xml}</channel></rss>")
            .into_bytes(),
    )
}

/// The articles' addresses, each with how many articles carry it.
fn stories(home: &Home) -> BTreeMap<String, usize> {
    let mut count = BTreeMap::new();
    for (path, text) in home.articles() {
        let url = text
            .lines()
            .find(|l| l.starts_with("url = "))
            .unwrap_or_else(|| panic!("{path} has no url"))
            .to_owned();
        *count.entry(url).or_insert(0) += 1;
    }
    count
}

/// Waits (bounded: 10 s) until `ready` holds.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

/// The feeds whose fetch has been saved in `feeds.json`.
fn saved_feeds(home: &Home) -> usize {
    let Ok(text) = std::fs::read_to_string(home.dir.path().join("state/feeds.json")) else {
        return 0;
    };
    let Ok(state) = serde_json::from_str::<serde_json::Value>(&text) else {
        return 0;
    };
    state["feeds"].as_array().map_or(0, |f| {
        f.iter().filter(|f| f["last_fetch"].is_number()).count()
    })
}

#[test]
fn a_fetch_killed_half_way_resumes_with_every_item_once() {
    let server = Server::start();
    let home = Home::new();
    // 30 items whose pages each take 100 ms, all but ten held: the fetch is killed part way.
    let gate = Gate::default();
    let url = slow_feed(
        &server,
        "/many.xml",
        "Many",
        30,
        (Duration::from_millis(100), &gate),
        |i| format!("/slow-page/{i}"),
    );
    home.ok(&["feeds", "add", &url]);
    let mut child = home
        .command(&["fetch"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for("five articles", || home.articles().len() >= 5);
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = home.articles().len();
    assert!(
        (1..30).contains(&partial),
        "{partial} written before the kill"
    );
    assert_eq!(saved_feeds(&home), 0, "the feed was saved before the kill");
    gate.open();
    home.ok(&["fetch"]);
    let found = stories(&home);
    assert_eq!(found.len(), 30, "{found:#?}");
    assert!(found.values().all(|&n| n == 1), "{found:#?}");
    // And once more: nothing new.
    let out = home.ok(&["fetch"]);
    assert!(out.contains("Many: 0 new"), "{out}");
    assert_eq!(home.articles().len(), 30);
}

#[test]
fn a_fetch_killed_between_saved_and_unsaved_feeds_resumes_with_every_story_once() {
    let server = Server::start();
    let home = Home::new();
    // A feed whose items carry their whole text is written and saved at once; two slow feeds
    // that share six stories are still being written when the fetch is killed. All three are
    // named from their address until their first fetch names them after their titles, which
    // the kill keeps from being saved.
    let long =
        "A sentence long enough to count as the item's whole text, so no page is asked for. "
            .repeat(25);
    let mut quick = String::new();
    for i in 0..10 {
        quick += &format!(
            "<item><title>Quick story {i}</title><link>{}</link><description>{long}</description></item>",
            server.url(&format!("/quick/{i}"))
        );
    }
    let quick_url = serve(
        &server,
        "/quick.xml",
        RSS,
        format!("<rss version=\"2.0\"><channel><title>Quick</title>{quick}</channel></rss>")
            .into_bytes(),
    );
    let (delay, gate) = (Duration::from_millis(60), Gate::default());
    let shared = |i: usize| {
        if i < 6 {
            format!("/shared/{i}")
        } else {
            format!("/own/{i}")
        }
    };
    let a = slow_feed(&server, "/a.xml", "Alpha", 16, (delay, &gate), |i| {
        if i < 6 {
            shared(i)
        } else {
            format!("/alpha/{i}")
        }
    });
    let b = slow_feed(&server, "/b.xml", "Beta", 16, (delay, &gate), |i| {
        if i < 6 {
            shared(i)
        } else {
            format!("/beta/{i}")
        }
    });
    for url in [&quick_url, &a, &b] {
        home.ok(&["feeds", "add", url]);
    }
    let mut child = home
        .command(&["fetch"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the quick feed saved and slow articles written", || {
        saved_feeds(&home) >= 1 && home.articles().len() >= 14
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let written = home.articles().len();
    assert!(written < 10 + 26, "the fetch ended before the kill");
    gate.open();
    home.ok(&["fetch"]);
    // 10 quick stories, 16 + 16 slow ones of which 6 are the same: 36 stories, each once.
    let found = stories(&home);
    assert_eq!(found.len(), 36, "{found:#?}");
    assert!(found.values().all(|&n| n == 1), "{found:#?}");
    let out = home.ok(&["fetch"]);
    assert!(
        out.contains("Quick: 0 new") && out.contains("Alpha: 0 new") && out.contains("Beta: 0 new"),
        "{out}"
    );
    assert_eq!(home.articles().len(), 36);
}

#[test]
fn a_second_fetch_waits_for_the_first_and_no_story_is_written_twice() {
    let server = Server::start();
    let home = Home::new();
    // Two slow feeds that share eight stories; the second fetch starts while the first is
    // writing them.
    let (delay, gate) = (Duration::from_millis(50), Gate::default());
    let link = |own: &'static str| {
        move |i: usize| {
            if i < 8 {
                format!("/both/{i}")
            } else {
                format!("/{own}/{i}")
            }
        }
    };
    let a = slow_feed(
        &server,
        "/a.xml",
        "Alpha",
        20,
        (delay, &gate),
        link("alpha"),
    );
    let b = slow_feed(&server, "/b.xml", "Beta", 20, (delay, &gate), link("beta"));
    for url in [&a, &b] {
        home.ok(&["feeds", "add", url]);
    }
    let first = home
        .command(&["fetch"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("the first fetch's first article", || {
        !home.articles().is_empty()
    });
    // The second fetch's messages go to a file, to see it wait before the first may end.
    let said = home.dir.path().join("second.err");
    let second = home
        .command(&["fetch"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::fs::File::create(&said).unwrap())
        .spawn()
        .unwrap();
    wait_for("the second fetch to wait", || {
        std::fs::read_to_string(&said).is_ok_and(|s| s.contains("waiting for another fetch"))
    });
    gate.open();
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert!(first.status.success() && second.status.success());
    // 20 + 20 stories of which 8 are the same: 32, each once; the second fetch found none new.
    let found = stories(&home);
    assert_eq!(found.len(), 32, "{found:#?}");
    assert!(found.values().all(|&n| n == 1), "{found:#?}");
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(
        out.contains("Alpha: 0 new") && out.contains("Beta: 0 new"),
        "{out}"
    );
}
