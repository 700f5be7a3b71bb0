//! Entry points shared by the fuzz targets (fuzz/) and the test that replays their corpus, so
//! both exercise exactly the same code.

use std::path::Path;

/// Parses `data` as an article; the first byte picks the format, the rest is the file. Also
/// lays the article out, since wrapping and quote highlighting work on its offsets.
pub fn parse_article(data: &[u8]) {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "fuzz.txt",
        1 => "fuzz.md",
        _ => "fuzz.json",
    };
    if let Ok(article) = crate::article::parse(Path::new(name), bytes) {
        let theme = crate::layout::Theme::dark();
        let words = vec!["the".to_owned()];
        for width in [1, 7, 40] {
            crate::layout::wrap::wrap(&article, width, &theme, "%Y-%m-%d", &words);
        }
        article.quote_texts();
    }
}

/// Parses `data` as a saved web page (`.html`), then lays it out like `parse_article`.
pub fn parse_page(data: &[u8]) {
    if let Ok(article) = crate::article::parse(Path::new("fuzz.html"), data) {
        let theme = crate::layout::Theme::dark();
        for width in [1, 40] {
            crate::layout::wrap::wrap(&article, width, &theme, "%Y-%m-%d", &[]);
        }
        article.quote_texts();
    }
}

/// Parses `data` as a config file.
pub fn parse_config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::config::parse(text, Path::new("fuzz.toml"));
    }
}

/// Inputs built to find super-linear behaviour in the parser: (file name, input of size n).
/// The linear-time test and the parse benchmark both use them.
/// Makes an input of about `n` units.
pub type Generator = fn(usize) -> String;

pub const PATHOLOGICAL: [(&str, Generator); 10] = [
    ("quotes.txt", |n| {
        format!("Quotes\n\n{}\n", "\"a ".repeat(n))
    }),
    ("one-line.txt", |n| {
        format!("Long Line Here\n\n{}\n", "word, ".repeat(n))
    }),
    ("chrome.txt", |n| {
        let chrome = "Most Popular\nTitle\nSubscribe now\n".repeat(n / 8);
        format!("Title - Site\n\n{chrome}The story is here and it is long enough to be prose.\n")
    }),
    ("lines.txt", |n| "A short line\n".repeat(n / 4)),
    ("quotes.md", |n| {
        format!("# Q\n\n{}\n", "> “x\n\n".repeat(n / 8))
    }),
    ("deep.html", |n| {
        let (open, close) = ("<div>".repeat(n / 2), "</div>".repeat(n / 2));
        format!(
            "<title>Deep</title>{open}<p>{}</p>{close}",
            "A deep story. ".repeat(20)
        )
    }),
    ("unclosed.html", |n| {
        format!(
            "<title>U</title><body>{}",
            "<b><i><span><font>word ".repeat(n / 8)
        )
    }),
    ("paragraphs.html", |n| {
        let p = "<p>Another paragraph of the story, long enough to read as prose.</p>\n";
        format!(
            "<title>P</title><article><h1>P</h1>{}</article>",
            p.repeat(n / 16)
        )
    }),
    ("script.html", |n| {
        let script = format!(
            "<script>var s = '<p>{}</p>';</script>",
            "x<div>".repeat(n / 4)
        );
        let story: String = (0..n / 32)
            .map(|i| {
                format!("<p>Paragraph {i} of the story we can see, and more after a comma.</p>")
            })
            .collect();
        format!("<title>S</title>{script}{story}")
    }),
    ("attributes.html", |n| {
        let attr = "a".repeat(n * 8);
        format!(
            "<title>A</title><article data-x=\"{attr}\"><p>{}</p></article>",
            "Story words. ".repeat(30)
        )
    }),
];

/// Reads `data` as a feed (and its items' HTML as paragraphs), as a page announcing feeds, and
/// as a subscription list.
pub fn parse_feed(data: &[u8]) {
    let base = url::Url::parse("http://127.0.0.1/feed/").expect("a valid base");
    if let Ok(doc) = crate::feeds::parse::parse(data, Some(&base)) {
        for item in &doc.items {
            for html in [&item.content, &item.summary].into_iter().flatten() {
                let blocks = crate::feeds::html_text::paragraphs(html);
                crate::feeds::files::Story {
                    title: item.title.clone(),
                    blocks,
                    ..Default::default()
                }
                .render();
            }
        }
    }
    crate::feeds::discover::feed_links(data, &base);
    if let Ok(text) = std::str::from_utf8(data) {
        crate::feeds::opml::read_list(text);
        crate::feeds::html_text::paragraphs(text);
    }
}
