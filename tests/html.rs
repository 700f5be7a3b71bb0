//! Saved web pages in the library: scanning (a "complete" save is one article), ids from the
//! canonical url, hostile pages, the size cap, and the reader opening a page.

use std::path::{Path, PathBuf};

use gazette::action::Action;
use gazette::app::{App, Effect, Msg, Settings};
use gazette::article::{self, Options, ParseError};
use gazette::keymap::KeyMap;
use gazette::library::load;
use gazette::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_complete_save_is_one_article_and_its_files_folder_is_not_scanned() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("saved"), dir.path());
    let loaded = load::load(
        &[dir.path().to_path_buf()],
        &Options::default(),
        None,
        false,
        None,
    );
    let mut names: Vec<String> = loaded
        .library
        .articles
        .iter()
        .map(|a| a.path().file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // frame.html inside ferry-strike_files is part of the saved page; a `_files` folder with no
    // page beside it is an ordinary folder.
    assert_eq!(names, ["ferry-strike.html", "kept.txt"]);
    assert!(
        loaded.library.errors.is_empty(),
        "{:?}",
        loaded.library.errors
    );
}

#[test]
fn a_page_saved_twice_is_one_article() {
    let bytes = std::fs::read(fixtures().join("articles/page-json-ld.html")).unwrap();
    let a = article::parse(Path::new("one.html"), &bytes).unwrap();
    // The same page saved again, later, with another layout around the same canonical link.
    let text = String::from_utf8(bytes).unwrap();
    let again = text.replace("<nav>", "<nav><a href=\"/weather\">Weather</a>");
    let b = article::parse(Path::new("two.htm"), again.as_bytes()).unwrap();
    assert_eq!(a.id, b.id);
    // Without its canonical link, the page is another article.
    let other = text.replace("rel=\"canonical\"", "rel=\"alternate\"");
    let c = article::parse(Path::new("three.html"), other.as_bytes()).unwrap();
    assert_ne!(a.id, c.id);
}

#[test]
fn a_page_100000_elements_deep_is_read() {
    let n = 100_000;
    let page = format!(
        "<title>Deep Page Story</title><body>{}<p>{}</p>{}</body>",
        "<div>".repeat(n),
        "The story survives however deep the page nests its elements. ".repeat(5),
        "</div>".repeat(n)
    );
    let a = article::parse(Path::new("deep.html"), page.as_bytes()).unwrap();
    assert_eq!(a.headline, "Deep Page Story");
    assert!(a.blocks[0].text.starts_with("The story survives"));
}

#[test]
fn huge_attributes_and_entities_are_read_once() {
    let attr = "x".repeat(2_000_000);
    let page = format!(
        "<title>Attributes</title><article data-blob=\"{attr}\"><h1>Attributes Story</h1>\
         <p>Fish &amp;amp; chips cost &pound;5 &lt;b&gt; here, the owner said, and the queue ran round the block all afternoon.</p>\
         <p>{}</p></article>",
        "A second paragraph of ordinary prose for the story. ".repeat(4)
    );
    let a = article::parse(Path::new("a.html"), page.as_bytes()).unwrap();
    assert!(
        a.blocks[0]
            .text
            .starts_with("Fish &amp; chips cost £5 <b> here"),
        "{:?}",
        a.blocks
    );
    assert!(!a.paragraphs().any(|p| p.contains("xxx")));
}

#[test]
fn a_page_over_the_size_cap_is_refused_with_its_size() {
    let options = Options {
        size_cap: 1000,
        ..Options::default()
    };
    let page = format!("<title>Big</title><p>{}</p>", "word ".repeat(400));
    let err = article::parse_with(Path::new("big.html"), page.as_bytes(), &options).unwrap_err();
    let size = format!("{} bytes", page.len());
    assert!(
        matches!(&err, ParseError::Invalid(m) if m.contains("too large") && m.contains(&size)),
        "{err}"
    );
}

#[test]
fn pages_without_a_story_say_so() {
    let only_chrome = "<title>Menu</title><nav><a href=/>Home</a></nav>";
    assert!(article::parse(Path::new("m.html"), only_chrome.as_bytes()).is_err());
    assert_eq!(
        article::parse(Path::new("e.html"), b"  \n"),
        Err(ParseError::Empty)
    );
    assert_eq!(
        article::parse(Path::new("b.html"), b"<p>a\0b</p>"),
        Err(ParseError::Binary)
    );
}

#[test]
fn the_reader_opens_a_saved_page() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["page-json-ld.html", "page-hostile.html", "page-figure.html"] {
        std::fs::copy(
            fixtures().join("articles").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let loaded = load::load(
        &[dir.path().to_path_buf()],
        &Options::default(),
        None,
        true,
        None,
    );
    let mut app = App::new(
        KeyMap::default(),
        Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    app.update(Msg::Resize(160, 48));
    app.update(Msg::Indexed(
        loaded.library,
        Box::new(loaded.index.unwrap()),
    ));
    let pos = app
        .view()
        .iter()
        .position(|&i| app.articles()[i].headline().starts_with("Harbour Council"))
        .expect("the page is listed by its headline");
    app.update(Msg::Select(pos));
    assert_eq!(app.update(Action::Open), Some(Effect::Save));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| ui::draw(f, &app)).unwrap();
    let screen = screen_text(&terminal);
    assert!(screen.contains("Marta Quinn and Owen Hale"), "{screen}");
    assert!(
        screen.contains("The harbour council voted on Thursday"),
        "{screen}"
    );
    assert!(screen.contains("Why stone, not steel"), "{screen}");
    assert!(!screen.contains("not the story"), "{screen}");

    // The hostile page: none of its hidden or escaped text reaches the screen.
    let pos = app
        .view()
        .iter()
        .position(|&i| app.articles()[i].headline().starts_with("Ferry Strike"))
        .unwrap();
    app.update(Msg::Select(pos));
    app.update(Action::Open);
    terminal.draw(|f| ui::draw(f, &app)).unwrap();
    let screen = screen_text(&terminal);
    assert!(screen.contains("Crews on the island ferries"), "{screen}");
    for hidden in ["INJECTED", "TEMPLATE", "HIDDEN TEXT", "pwned", "\u{1b}"] {
        assert!(!screen.contains(hidden), "{hidden} on screen:\n{screen}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Random soups of tags, entities, scripts and text: no panic, and nothing from a script
    /// or a hidden element in the text.
    #[test]
    fn tag_soup_never_panics(parts in proptest::collection::vec(0usize..16, 0..300)) {
        const TOKENS: [&str; 16] = [
            "<div>", "</div>", "<p>", "</p>", "<h1>", "</h1>", "<blockquote>", "<figure><figcaption>",
            "<script>SECRET</script>", "<b>", "&amp;", "&#x1b;", "<table><td>",
            "Words of a story that go on for a while, like prose does. ",
            "<p hidden>SECRET</p>", "<!-- c -->",
        ];
        let page: String = parts.iter().map(|&i| TOKENS[i]).collect();
        if let Ok(a) = article::parse(Path::new("soup.html"), page.as_bytes()) {
            let leaked = a.paragraphs().any(|p| p.contains("SECRET") || p.contains('\u{1b}'));
            proptest::prop_assert!(!leaked, "hidden text in {:?}", a.blocks);
        }
    }
}

/// What the terminal shows, row by row.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}
