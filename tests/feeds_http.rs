//! The HTTP lines of the feeds issue not covered in tests/feeds.rs, end to end against servers
//! started here on 127.0.0.1 (port 0): brotli bodies, proxies from the environment (each
//! scheme its own, all_proxy, NO_PROXY), and at most two requests at once to one host.

mod feedhome;
mod loopback;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use feedhome::{Home, RSS, fixture, serve};
use loopback::proxy::Proxy;
use loopback::{Reply, Server};

#[test]
fn a_brotli_body_is_read() {
    let server = Server::start();
    let home = Home::new();
    let mut br = brotli::CompressorWriter::new(Vec::new(), 4096, 9, 22);
    br.write_all(&fixture("rss2.xml")).unwrap();
    let body = br.into_inner();
    assert_ne!(body, fixture("rss2.xml"));
    server.fixed("/br", Reply::ok(RSS, body).header("Content-Encoding", "br"));
    home.ok(&["feeds", "add", &server.url("/br")]);
    let out = home.ok(&["fetch", "--no-full-text"]);
    let accepted = server.requests("/br")[0]
        .header("Accept-Encoding")
        .unwrap_or("")
        .to_owned();
    assert!(accepted.contains("br"), "{accepted}");
    let articles = home.articles();
    assert!(!articles.is_empty(), "{out}");
    assert!(
        articles
            .iter()
            .all(|(_, text)| text.starts_with("+++\ntitle = ")),
        "{articles:#?}"
    );
}

/// A feed of one item, named after `title`, at `path`.
fn one_item_feed(server: &Server, path: &str, title: &str) -> String {
    serve(
        server,
        path,
        RSS,
        format!(
            "<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title} item</title><guid>{title}-1</guid><description>Text.</description></item></channel></rss>"
        )
        .into_bytes(),
    )
}

/// Runs `gazette fetch --no-full-text` with `env` set, and checks that it succeeded.
fn fetch_with(home: &Home, env: &[(&str, &str)]) {
    let out = home
        .command(&["fetch", "--no-full-text"])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn requests_go_through_the_proxy_from_the_environment() {
    let server = Server::start();
    let proxy = Proxy::start();
    let home = Home::new();
    let url = one_item_feed(&server, "/proxied.xml", "Proxied");
    home.ok(&["feeds", "add", &url]);
    fetch_with(&home, &[("http_proxy", proxy.url().as_str())]);
    assert_eq!(
        proxy.requests(),
        [format!("CONNECT {} HTTP/1.1", server.addr)],
        "the request did not go through the proxy"
    );
    assert_eq!(server.requests("/proxied.xml").len(), 1);
    assert_eq!(home.articles().len(), 1);
}

#[test]
fn each_scheme_takes_its_own_proxy_and_all_proxy_serves_both() {
    let server = Server::start();
    let proxy = Proxy::start();
    let home = Home::new();
    let url = one_item_feed(&server, "/schemes.xml", "Schemes");
    home.ok(&["feeds", "add", &url]);
    // A proxy for https only: this http feed is asked directly.
    fetch_with(&home, &[("https_proxy", proxy.url().as_str())]);
    assert!(proxy.requests().is_empty(), "{:?}", proxy.requests());
    assert_eq!(server.requests("/schemes.xml").len(), 1);
    // all_proxy serves http when http_proxy is not set.
    fetch_with(&home, &[("ALL_PROXY", proxy.url().as_str())]);
    assert_eq!(proxy.requests().len(), 1, "{:?}", proxy.requests());
    assert_eq!(server.requests("/schemes.xml").len(), 2);
}

#[test]
fn no_proxy_sends_requests_straight_to_the_server() {
    let server = Server::start();
    let proxy = Proxy::start();
    let home = Home::new();
    let url = one_item_feed(&server, "/direct.xml", "Direct");
    home.ok(&["feeds", "add", &url]);
    fetch_with(
        &home,
        &[
            ("http_proxy", proxy.url().as_str()),
            ("NO_PROXY", "example.org,127.0.0.1"),
        ],
    );
    assert!(proxy.requests().is_empty(), "{:?}", proxy.requests());
    assert_eq!(server.requests("/direct.xml").len(), 1);
    assert_eq!(home.articles().len(), 1);
}

#[test]
fn at_most_two_requests_at_once_to_one_host() {
    let server = Server::start();
    let home = Home::new();
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    for i in 0..6 {
        let path = format!("/busy/{i}.xml");
        let body = fixture("rss091.xml");
        let (now, most) = (now.clone(), most.clone());
        server.route(&path, move |_| {
            let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(at_once, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(150));
            now.fetch_sub(1, Ordering::SeqCst);
            Reply::ok(RSS, body.clone())
        });
        home.ok(&[
            "feeds",
            "add",
            &server.url(&path),
            "--name",
            &format!("Busy {i}"),
        ]);
    }
    home.ok(&["fetch", "--no-full-text"]);
    assert_eq!(
        (0..6)
            .map(|i| server.requests(&format!("/busy/{i}.xml")).len())
            .sum::<usize>(),
        6
    );
    assert_eq!(
        most.load(Ordering::SeqCst),
        2,
        "requests at once to one host"
    );
}
