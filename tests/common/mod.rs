//! Shared by the hostile-input tests: a library whose every field tries to drive the terminal.
#![allow(dead_code)]

pub mod pty;

/// Sequences an article may try to smuggle to the terminal, and markers only they contain.
pub const PAYLOADS: &[(&str, &str)] = &[
    ("\u{1b}]0;PWNED-TITLE\u{7}", "PWNED-TITLE"),
    ("\u{1b}]52;c;UFdORUQtQ0xJUA==\u{7}", "UFdORUQtQ0xJUA"),
    (
        "\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
        "evil.example",
    ),
    ("\u{1b}[6n", "\u{1b}[6n"),
    ("\u{1b}[21t", "\u{1b}[21t"),
    ("\u{9b}31m", "\u{9b}"),
    ("\u{202e}REVERSED", "\u{202e}"),
    ("\u{1b}P1$qm\u{1b}\\", "\u{1b}P"),
];

pub fn hostile(label: &str) -> String {
    PAYLOADS
        .iter()
        .map(|(p, _)| format!("{label}{p}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A library of hostile articles: every field carries every payload, and so do file names.
pub fn hostile_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = |s: &str| hostile(s);
    std::fs::write(
        dir.path().join(format!("dump{}.txt", "\u{1b}]0;PWNED-TITLE\u{7}")),
        format!("Headline {}\n\nBy Jane {}\n\nA caption here. | (Photo: {})\n\nThe body {} goes on long enough to be a paragraph of prose, with more words.\n\n\"A quotation {} that is quoted,\" she said.\n\n(Reporting by Ann {}; Editing by Bo {})\n", p("h"), p("b"), p("c"), p("x"), p("q"), p("r"), p("e")),
    )
    .unwrap();
    let md = format!(
        "+++\ntitle = {}\nsource = {}\nauthors = [{}]\ntags = [{}]\n[photo]\ncaption = {}\ncredit = {}\n[[credits]]\nrole = {}\nnames = [{}]\n+++\n\nBody {}.\n",
        toml_str(&p("t")),
        toml_str(&p("s")),
        toml_str(&p("a")),
        toml_str(&p("g")),
        toml_str(&p("c")),
        toml_str(&p("k")),
        toml_str(&p("role")),
        toml_str(&p("n")),
        p("m")
    );
    std::fs::write(dir.path().join("front.md"), md).unwrap();
    let json = serde_json::json!({"title": p("jt"), "source": p("js"), "authors": [p("ja")], "paragraphs": [p("jp")], "url": p("ju")});
    std::fs::write(dir.path().join("article.json"), json.to_string()).unwrap();
    // A binary file whose name carries a payload: its error message shows the name.
    std::fs::write(
        dir.path()
            .join(format!("bin{}.txt", "\u{1b}]52;c;UFdORUQtQ0xJUA==\u{7}")),
        b"\0\0binary",
    )
    .unwrap();
    dir
}

pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

pub fn assert_clean(bytes: &[u8], context: &str) {
    let text = String::from_utf8_lossy(bytes);
    for (_, marker) in PAYLOADS {
        assert!(
            !text.contains(marker),
            "{context}: output carries {marker:?}"
        );
    }
}

/// JSON output (one document, or one per line) is clean but for file paths: a `path` names
/// the file for real, escaped (`\u001b`), so the raw text holds no control or bidi character
/// at all, and every other field holds no payload even escaped.
pub fn assert_clean_json(bytes: &[u8], context: &str) {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{2028}'..='\u{202e}').contains(&c)),
        "{context}: raw controls in {text:?}"
    );
    fn without_paths(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("path");
                map.values_mut().for_each(without_paths);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(without_paths),
            _ => {}
        }
    }
    let documents: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(one) => vec![one],
        Err(_) => text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    };
    for mut doc in documents {
        without_paths(&mut doc);
        assert_clean(doc.to_string().as_bytes(), context);
    }
}
