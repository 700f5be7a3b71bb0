//! Saved pages as the library and the reader see them: read by the page reader, listed in the
//! default library, bookmarked; and the reader's `a` prompt.

mod loopback;
mod saving;

use loopback::{Reply, Server};
use saving::{HTML, Home, bare, story, text};

#[test]
fn the_readers_a_asks_for_an_address_in_the_status_bar() {
    use gazette::action::Action;
    use gazette::app::{App, Effect, Msg, SearchEdit, Settings};
    use gazette::keymap::KeyMap;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let keymap = KeyMap::default();
    assert_eq!(
        keymap.action(gazette::keymap::Key::parse("a").unwrap()),
        Some(Action::Add)
    );
    let mut app = App::new(
        keymap,
        gazette::ui::Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    app.update(Msg::Resize(100, 20));
    app.update(Msg::Library(Box::new(gazette::library::Library::bundled())));
    assert_eq!(app.update(Action::Add), None);
    for c in "http://127.0.0.1/pa\u{1b}]0;x\u{7}ge".chars() {
        assert_eq!(app.update(Msg::Edit(SearchEdit::Char(c))), None);
    }
    app.update(Msg::Edit(SearchEdit::Backspace));
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
    terminal.draw(|f| gazette::ui::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let status: String = (0..100).map(|x| buf[(x, 19)].symbol().to_owned()).collect();
    // The prompt shows what was typed, cleaned of escape sequences.
    assert!(
        status.contains("add url: http://127.0.0.1/pag▏"),
        "{status}"
    );
    assert_eq!(
        app.update(Msg::Edit(SearchEdit::Accept)),
        Some(Effect::Add("http://127.0.0.1/pa\u{1b}]0;x\u{7}g".into()))
    );
    assert_eq!(app.adding(), None);
    // Esc gives up; an empty address asks for nothing.
    app.update(Action::Add);
    app.update(Msg::Edit(SearchEdit::Char('x')));
    assert_eq!(app.update(Msg::Edit(SearchEdit::Clear)), None);
    assert_eq!(app.adding(), None);
    app.update(Action::Add);
    assert_eq!(app.update(Msg::Edit(SearchEdit::Accept)), None);
}

/// `gazette parse --json FILE` of a saved page.
fn parsed(home: &Home, name: &str) -> serde_json::Value {
    let out = home.run(&[
        "parse",
        "--json",
        home.path("saved").join(name).to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_saved_page_is_read_by_the_page_reader_and_listed() {
    let server = Server::start();
    server.fixed("/story/4", Reply::ok(HTML, story(4)));
    server.fixed("/bare", Reply::ok(HTML, bare()));
    // A page with no story in it: reported, not saved.
    server.fixed(
        "/empty",
        Reply::ok(HTML, "<html><head><title>Nothing</title></head><body><nav><a href=\"/\">Home</a></nav></body></html>"),
    );
    let home = Home::new();
    let list = home.path("list.csv");
    std::fs::write(
        &list,
        format!(
            "title,url,time_added,tags,status\nHarbour wall,{},1700000000,harbour|storms,unread\n,{},,,\n,{},,,\n",
            server.url("/bare"),
            server.url("/story/4"),
            server.url("/empty"),
        ),
    )
    .unwrap();
    let out = home.run(&["save", "--from", list.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let failed = stdout.lines().find(|l| l.starts_with("failed: ")).unwrap();
    assert!(
        failed.contains("/empty: the page cannot be read"),
        "{failed}"
    );
    let saved = home.saved();
    assert!(
        saved.contains_key("2024-03-05-story-number-4.html"),
        "{saved:?}"
    );
    let story = parsed(&home, "2024-03-05-story-number-4.html");
    assert_eq!(story["headline"], "Story number 4");
    assert_eq!(story["url"], server.url("/story/4").as_str());
    // The bare page takes the list's title, date and tags.
    let bare = saved
        .keys()
        .find(|n| n.starts_with("2023-11-14-"))
        .unwrap()
        .clone();
    assert_eq!(bare, "2023-11-14-harbour-wall.html");
    let bare = parsed(&home, &bare);
    assert_eq!(bare["headline"], "Harbour wall");
    assert_eq!(bare["published"], "2023-11-14");
    assert_eq!(bare["tags"], serde_json::json!(["harbour", "storms"]));
    // Both are in the library by default, and bookmarked.
    let out = home.run(&["list", "--json"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    let ids: Vec<String> = listed
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let bookmarks = home.bookmarks();
    for id in &ids {
        assert!(
            bookmarks.contains_key(id),
            "{id} not bookmarked: {bookmarks:?}"
        );
    }
}
