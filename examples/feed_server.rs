//! Serves made-up feeds and their pages on 127.0.0.1 for measuring `gazette fetch`:
//! `cargo run --release --example feed_server -- FEEDS ITEMS URLS_FILE [SECONDS]` serves FEEDS
//! RSS feeds of ITEMS items each (every item links to its own page), writes their addresses
//! to URLS_FILE (one a line: a newsboat urls file, and a list `gazette feeds import` reads),
//! and stops by itself after SECONDS (default 600). Loopback only.

#[path = "../tests/loopback/mod.rs"]
mod loopback;

use std::fmt::Write as _;
use std::time::Duration;

use loopback::{Reply, Server};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: u64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let feeds = number(0, 50) as usize;
    let items = number(1, 100) as usize;
    let urls_file = args.get(2).cloned().unwrap_or_else(|| "urls".into());
    let seconds = number(3, 600);
    let server = Server::start();
    let mut urls = String::new();
    for f in 0..feeds {
        let mut xml = format!(
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Bench feed {f}</title><link>{}</link>\n",
            server.url("/")
        );
        for i in 0..items {
            let link = server.url(&format!("/page/{f}/{i}"));
            let _ = writeln!(
                xml,
                "<item><title>Feed {f} story {i}: the council meets about the harbour</title><link>{link}</link><guid>{link}</guid><pubDate>Tue, 14 Jan 2025 {:02}:{:02}:00 GMT</pubDate><description>A short summary of story {i} of feed {f}, as many feeds carry: a sentence or two and no more.</description></item>",
                i % 24,
                i % 60
            );
            server.fixed(
                &format!("/page/{f}/{i}"),
                Reply::ok("text/html; charset=utf-8", page(f, i)),
            );
        }
        xml += "</channel></rss>\n";
        let path = format!("/feed/{f}.xml");
        server.fixed(&path, Reply::ok("application/rss+xml", xml));
        urls += &server.url(&path);
        urls.push('\n');
    }
    std::fs::write(&urls_file, urls).expect("write the urls file");
    println!(
        "serving {feeds} feeds of {items} items on {}; urls in {urls_file}",
        server.addr
    );
    std::thread::sleep(Duration::from_secs(seconds));
    println!("{} requests served", server.request_count());
}

/// A news page of about 6 KB: navigation, the story in eight paragraphs, a footer.
fn page(f: usize, i: usize) -> String {
    let mut body = String::new();
    for p in 0..8 {
        let _ = write!(
            body,
            "<p>Paragraph {p} of story {i} from feed {f}. The harbour council met on Tuesday to discuss the sea wall, the ferry timetable and the market hall, and residents who came to the meeting asked questions about the repairs planned for the spring and how long the work would take.</p>"
        );
    }
    format!(
        "<!DOCTYPE html><html><head><title>Feed {f} story {i}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav><article><h1>Feed {f} story {i}: the council meets about the harbour</h1><p class=\"byline\">By Jo Writer</p>{body}</article><footer>Subscribe to our newsletter. Copyright the Bench Post.</footer></body></html>"
    )
}
