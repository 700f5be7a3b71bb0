//! The reader driven by messages alone, as the event loop drives it: a library arriving from
//! the loader, keys, a resize, articles read in the background; asserted on the state and on
//! the screen drawn with TestBackend.

use std::sync::Arc;
use std::sync::mpsc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{App, Effect, Load, Msg, Pane, SearchEdit, Settings};
use crate::action::Action;
use crate::article::{Article, ArticleId, Block, Date, Summary};
use crate::keymap::{Key, KeyMap};
use crate::layout::Theme;
use crate::library::index::Index;
use crate::library::load::Loaded;
use crate::library::{Library, Opener};

/// Story `n`'s body: one word of its own, to search for.
fn body(n: u8) -> String {
    let word = ["harbour", "ferry", "flood", "council", "bridge"][n as usize % 5];
    format!("A story about the {word}.")
}

fn summary(n: u8) -> Arc<Summary> {
    Arc::new(article(n, &body(n)).summary())
}

fn article(n: u8, body: &str) -> Arc<Article> {
    Arc::new(Article {
        id: ArticleId(format!("id-{n}").into()),
        path: format!("/library/story-{n}.txt").into(),
        headline: format!("Story number {n}"),
        published: Date::new(2025, 3, n),
        blocks: vec![Block::paragraph(body)],
        ..Article::default()
    })
}

/// A reader at 160x48 whose articles are read by a thread that is `requests`' other end.
fn reader() -> (App, mpsc::Receiver<super::ReadRequest>) {
    let (tx, requests) = mpsc::channel();
    let mut app = App::new(
        KeyMap::default(),
        Theme::dark(),
        Settings::default(),
        Default::default(),
    )
    .reading_with(tx);
    app.update(Msg::Resize(160, 48));
    (app, requests)
}

fn screen(app: &App) -> String {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// The loader's messages for a first load of `articles`: started, a batch as the files were
/// read, then the library in its order (newest first) with its index.
fn load(app: &mut App, articles: Vec<Arc<Summary>>) {
    app.update(Msg::Loading(Opener::default()));
    app.update(Msg::Progress(0, articles.len()));
    app.update(Msg::Batch(articles.clone()));
    loaded(app, articles, Load::First, 3, 0);
}

/// A load's end: the library sorted as the loader sorts it, and its index.
fn loaded(app: &mut App, mut articles: Vec<Arc<Summary>>, kind: Load, read: usize, gone: usize) {
    articles.sort_by(|a, b| crate::library::newest_first(a, b));
    let whole: Vec<Arc<Article>> = articles
        .iter()
        .map(|a| {
            let n = a.published.unwrap().day;
            article(n, &body(n))
        })
        .collect();
    let library = Library {
        articles,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let loaded = Loaded {
        library,
        index: Some(Index::build(&whole)),
        read,
        gone,
        files: 0,
        notices: Vec::new(),
    };
    app.update(Msg::Loaded(Box::new(loaded), kind));
}

#[test]
fn a_library_from_the_loader_lists_newest_first_and_previews_the_selection() {
    let (mut app, requests) = reader();
    app.update(Msg::Loading(Opener::default()));
    app.update(Msg::Batch(vec![summary(1), summary(3), summary(2)]));
    assert_eq!(app.loading(), Some((0, 0)));
    let headlines: Vec<&str> = app
        .view()
        .iter()
        .map(|&i| app.articles()[i].headline())
        .collect();
    assert_eq!(
        headlines,
        ["Story number 3", "Story number 2", "Story number 1"]
    );
    // The preview asks the reading thread for the selected article's file.
    let asked = requests.try_iter().last().expect("a read request");
    assert_eq!(asked.path, std::path::Path::new("/library/story-3.txt"));
    assert!(app.is_reading());
    assert!(screen(&app).contains("reading…"));
}

#[test]
fn keys_move_the_selection_and_the_article_read_in_the_background_shows() {
    let (mut app, requests) = reader();
    load(&mut app, vec![summary(1), summary(2), summary(3)]);
    assert_eq!(app.update(Action::Down), None);
    assert_eq!(app.selected(), 1);
    let asked = requests.try_iter().last().unwrap();
    assert_eq!(asked.path, std::path::Path::new("/library/story-2.txt"));
    // An answer for an article no longer waited for is dropped.
    app.update(Msg::ArticleRead(
        "/library/story-3.txt".into(),
        Ok(article(3, "The wrong body.")),
    ));
    assert!(app.is_reading());
    assert!(!screen(&app).contains("The wrong body"));
    app.update(Msg::ArticleRead(
        asked.path,
        Ok(article(2, "The harbour wall held through the night.")),
    ));
    assert!(!app.is_reading());
    assert!(screen(&app).contains("The harbour wall held through the night."));
    assert_eq!(app.update(Action::Open), Some(Effect::Save));
    assert_eq!(app.focus(), Pane::Article);
    assert!(app.marks().read.contains(&ArticleId("id-2".into())));
}

#[test]
fn an_article_that_cannot_be_read_says_why_in_its_pane() {
    let (mut app, requests) = reader();
    load(&mut app, vec![summary(1)]);
    let asked = requests.try_iter().last().unwrap();
    app.update(Msg::ArticleRead(
        asked.path,
        Err("permission denied".into()),
    ));
    let text = screen(&app);
    assert!(text.contains("cannot be read now"), "{text}");
    assert!(app.message().unwrap().contains("permission denied"));
}

#[test]
fn a_resize_to_a_narrow_screen_shows_one_pane() {
    let (mut app, _requests) = reader();
    load(&mut app, vec![summary(1), summary(2)]);
    assert!(app.panes().article.is_some());
    app.update(Msg::Resize(60, 20));
    let panes = app.panes();
    assert!(panes.article.is_none() && panes.sidebar.is_none());
    assert_eq!(panes.list.map(|r| r.width), Some(60));
    assert!(screen(&app).contains("Story number 2"));
}

#[test]
fn typing_goes_to_the_search_prompt_while_it_is_open() {
    let (mut app, _requests) = reader();
    load(&mut app, vec![summary(1), summary(2), summary(3)]);
    let j = Key::char('j');
    assert!(matches!(
        app.message_for_key(j),
        Some(Msg::Key(Action::Down))
    ));
    app.update(Action::Search);
    let Some(Msg::Edit(SearchEdit::Char('j'))) = app.message_for_key(j) else {
        panic!("j is typed into the search");
    };
    for c in "ferry".chars() {
        app.update(Msg::Edit(SearchEdit::Char(c)));
    }
    let shown: Vec<&str> = app
        .view()
        .iter()
        .map(|&i| app.articles()[i].headline())
        .collect();
    assert_eq!(shown, ["Story number 1"]);
    app.update(Msg::Edit(SearchEdit::Clear));
    assert_eq!(app.view().len(), 3);
    assert!(!app.searching());
}

#[test]
fn a_reload_says_what_it_found_and_keeps_the_selection_on_its_article() {
    let (mut app, _requests) = reader();
    load(&mut app, vec![summary(1), summary(2), summary(3)]);
    app.update(Action::Down);
    let on = app.articles()[app.view()[app.selected()]].id.clone();
    loaded(
        &mut app,
        vec![summary(4), summary(3), summary(2)],
        Load::Reload,
        1,
        1,
    );
    assert_eq!(app.message(), Some("1 new or changed file read, 1 gone"));
    assert_eq!(app.articles()[app.view()[app.selected()]].id, on);
}

#[test]
fn background_news_reaches_the_status_bar() {
    let (mut app, _requests) = reader();
    load(&mut app, vec![summary(1)]);
    app.update(Msg::Fetching { done: 2, total: 5 });
    assert!(screen(&app).contains("fetching feeds: 2/5"));
    app.update(Msg::Saved(Err("disk full".into())));
    assert_eq!(
        app.message(),
        Some("bookmarks not saved: disk full (will retry)")
    );
    app.update(Msg::Added("saved".into(), Some(ArticleId("id-1".into()))));
    assert!(app.marks().bookmarks.contains(&ArticleId("id-1".into())));
    assert_eq!(app.update(Msg::Quit), Some(Effect::Quit));
}

#[test]
fn marks_under_old_ids_take_the_new_ids_by_message() {
    let old = ArticleId("0123456789abcdef".into());
    let marks = super::Marks::new([old.clone()].into(), [old.clone()].into());
    let mut app = App::new(KeyMap::default(), Theme::dark(), Settings::default(), marks);
    let renames = crate::store::Renames {
        bookmarks: vec![(old.clone(), ArticleId("id-1".into()))],
        read: vec![(old.clone(), vec![ArticleId("id-1".into())])],
    };
    app.update(Msg::Renamed {
        renames,
        saved: Vec::new(),
        error: Some("disk full".into()),
    });
    assert!(app.marks().bookmarks.contains(&ArticleId("id-1".into())));
    assert!(app.marks().read.contains(&ArticleId("id-1".into())));
    assert!(!app.marks().bookmarks.contains(&old));
    assert_eq!(
        app.message(),
        Some("bookmarks not saved: disk full (will retry)")
    );
}

#[test]
fn going_back_from_a_related_article_saves_the_read_mark_it_makes() {
    let (mut app, _requests) = reader();
    // Two stories about one storm, and one about something else: the first two are related.
    let storm = "The storm flooded the harbour road, closed the ferry terminal and cut power to \
                 the old town, and the council opened the sports hall for families overnight.";
    let whole = vec![
        article(3, storm),
        article(2, &format!("{storm} Repairs begin on Monday.")),
        article(
            1,
            "A bakery on the high street won a prize for its rye bread.",
        ),
    ];
    let articles: Vec<Arc<Summary>> = whole.iter().map(|a| Arc::new(a.summary())).collect();
    app.update(Msg::Loading(Opener::default()));
    let loaded = Loaded {
        library: Library {
            articles,
            errors: Vec::new(),
            warnings: Vec::new(),
        },
        index: Some(Index::build(&whole)),
        read: 0,
        gone: 0,
        files: 0,
        notices: Vec::new(),
    };
    app.update(Msg::Loaded(Box::new(loaded), Load::First));
    let first = app.selected_article().unwrap().id.clone();
    assert!(!app.related().is_empty(), "no related article to open");
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Sidebar);
    assert_eq!(app.update(Action::Open), Some(Effect::Save));
    let _ = app.take_changes();
    // Back to the story the related one was opened from (only previewed until now): it is
    // read now, and that is saved.
    assert!(!app.marks().read.contains(&first));
    assert_eq!(app.update(Action::Back), Some(Effect::Save));
    assert!(app.marks().read.contains(&first));
    let (changes, _) = app.take_changes();
    assert!(!changes.is_empty());
}

/// The watcher's reload after the file of the selected article was deleted; that article.
fn delete_selected(app: &mut App) -> Arc<Summary> {
    let gone = app.selected_article().unwrap().clone();
    let rest: Vec<Arc<Summary>> = [1, 2, 3]
        .into_iter()
        .filter(|&n| n != gone.published.unwrap().day)
        .map(summary)
        .collect();
    loaded(app, rest, Load::Reload, 0, 1);
    gone
}

#[test]
fn a_bookmark_made_now_keeps_its_row_when_its_file_goes() {
    let (mut app, _requests) = reader();
    load(&mut app, vec![summary(1), summary(2), summary(3)]);
    assert_eq!(app.update(Action::ToggleBookmark), Some(Effect::Save));
    let gone = delete_selected(&mut app);
    app.update(Action::BookmarksOnly);
    let rows: Vec<&str> = app
        .view()
        .iter()
        .map(|&i| app.articles()[i].headline())
        .collect();
    assert_eq!(rows, [gone.headline()]);
    assert!(screen(&app).contains("not in library"), "{}", screen(&app));
}

#[test]
fn the_article_being_read_says_so_when_its_file_goes() {
    let (mut app, _requests) = reader();
    load(&mut app, vec![summary(1), summary(2), summary(3)]);
    app.update(Action::Open);
    delete_selected(&mut app);
    assert_eq!(
        app.message(),
        Some("1 file gone: the article you were reading is gone from the library")
    );
    assert_eq!(app.focus(), Pane::List);
}

#[test]
fn a_file_renamed_while_closed_is_read_again_from_where_the_load_finds_it() {
    let (mut app, requests) = reader();
    app.update(Msg::Loading(Opener::default()));
    // The cache still lists story 3 under the name it had when the reader last ran.
    app.update(Msg::Cached(vec![summary(3), summary(2), summary(1)]));
    let asked = requests
        .try_iter()
        .last()
        .expect("the preview asks for its file");
    assert_eq!(asked.path, std::path::Path::new("/library/story-3.txt"));
    app.update(Msg::ArticleRead(asked.path, Err("no such file".into())));
    assert!(screen(&app).contains("cannot be read now"));
    // Enter on an article that could not be read tries again rather than moving into the error.
    app.update(Action::Open);
    let asked = requests.try_iter().last().expect("Enter reads it again");
    app.update(Msg::ArticleRead(asked.path, Err("no such file".into())));
    assert!(app.message().unwrap().starts_with("cannot open"));
    // The load finds the file under its new name: the error and its status line go, and the
    // article is read from there.
    let mut renamed = (*summary(3)).clone();
    renamed.set_path("/library/renamed.txt".into());
    let library = vec![Arc::new(renamed), summary(2), summary(1)];
    loaded(&mut app, library, Load::CatchUp, 1, 1);
    let asked = requests.try_iter().last().expect("read from its new path");
    assert_eq!(asked.path, std::path::Path::new("/library/renamed.txt"));
    assert!(!screen(&app).contains("cannot be read now"));
    assert!(!app.message().unwrap_or_default().contains("cannot open"));
    app.update(Msg::ArticleRead(
        asked.path,
        Ok(article(3, "Found again under a new name.")),
    ));
    assert!(screen(&app).contains("Found again under a new name."));
    assert!(!app.is_reading());
}
