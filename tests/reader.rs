//! The reader driven as a user would, without a terminal: actions into `App::update`, screens
//! drawn on ratatui's TestBackend and read back as text and cell styles.

use gazette::action::Action;
use gazette::app::{App, Effect, Msg, Pane, SearchEdit, Settings};
use gazette::keymap::{Key, KeyMap};
use gazette::library::Library;
use gazette::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(
        KeyMap::default(),
        Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    app.update(Msg::Resize(width, height));
    app.update(Msg::Library(Box::new(Library::bundled())));
    app
}

/// A reader at 160x48 with these settings and theme, showing `library`.
fn app_with(settings: Settings, theme: Theme, library: gazette::library::InMemory) -> App {
    let mut app = App::new(KeyMap::default(), theme, settings, Default::default());
    app.update(Msg::Resize(160, 48));
    app.update(Msg::Library(Box::new(library)));
    app
}

/// A reader at 160x48 with these key bindings, before any library arrives.
fn app_with_keys(keymap: KeyMap) -> App {
    let mut app = App::new(
        keymap,
        Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    app.update(Msg::Resize(160, 48));
    app
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text; the cells a wide character covers are skipped, as a terminal shows them.
fn text(buf: &Buffer) -> String {
    let mut lines = Vec::new();
    for y in 0..buf.area.height {
        let (mut line, mut x) = (String::new(), 0);
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// Opens the search prompt and types `text` into it.
fn search(app: &mut App, text: &str) {
    app.update(Action::Search);
    type_in(app, text);
}

/// Types `text` into the prompt that is open.
fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Edit(SearchEdit::Char(c)));
    }
}

fn open(app: &mut App, headline: &str) {
    let pos = app
        .view()
        .iter()
        .position(|&i| app.articles()[i].headline().starts_with(headline))
        .expect("headline in list");
    app.update(Msg::Select(pos));
    assert_eq!(app.update(Action::Open), Some(Effect::Save));
}

#[test]
fn opening_an_article_marks_it_read_and_focuses_it() {
    let mut app = app(160, 48);
    assert_eq!(app.view().len(), 12);
    let id = app.selected_article().unwrap().id.clone();
    assert!(!app.marks().read.contains(&id));
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Article);
    assert!(app.marks().read.contains(&id));
    assert_eq!(app.update(Action::ToggleRead), Some(Effect::Save));
    assert!(!app.marks().read.contains(&id));
}

#[test]
fn scrolling_stops_at_the_exact_end() {
    let mut app = app(100, 20);
    open(&mut app, "Trump Says");
    let max = app.max_scroll();
    assert!(max > 0);
    for _ in 0..500 {
        app.update(Action::Down);
    }
    assert_eq!(app.scroll(), max);
    app.update(Action::Top);
    assert_eq!(app.scroll(), 0);
    app.update(Action::Bottom);
    assert_eq!(app.scroll(), max);
    app.update(Action::HalfPageUp);
    assert!(app.scroll() < max);
}

#[test]
fn bookmarks_filter_and_toggle() {
    let mut app = app(160, 48);
    assert_eq!(app.update(Action::ToggleBookmark), Some(Effect::Save));
    let id = app.selected_article().unwrap().id.clone();
    assert!(app.marks().bookmarks.contains(&id));
    app.update(Action::BookmarksOnly);
    assert_eq!(app.view().len(), 1);
    app.update(Action::ToggleBookmark);
    assert!(app.view().is_empty());
    app.update(Action::BookmarksOnly);
    assert_eq!(app.view().len(), 12);
}

#[test]
fn a_bookmark_whose_file_is_gone_still_shows_in_the_bookmarks_view() {
    let gone = gazette::article::ArticleId("gone".into());
    let marks = gazette::app::Marks::new([gone.clone()].into(), Default::default());
    let mut app = App::new(KeyMap::default(), Theme::dark(), Settings::default(), marks);
    app.update(Msg::Resize(160, 48));
    app.update(Msg::Bookmarks(vec![(
        gone.clone(),
        gazette::store::Bookmark {
            created: 1,
            headline: "Deleted Story About Ferries".into(),
            source: Some("The Harbour News".into()),
            published: Some("2024-05-01".into()),
            path: "/old/ferries.txt".into(),
            url: None,
        },
    )]));
    app.update(Msg::Library(Box::new(Library::bundled())));
    assert_eq!(app.view().len(), 12, "not in the normal list");
    app.update(Action::BookmarksOnly);
    assert_eq!(app.view().len(), 1);
    let screen = text(&draw(&app));
    assert!(
        screen.contains("(not in library) Deleted Story"),
        "{screen}"
    );
    app.update(Action::Open);
    assert!(text(&draw(&app)).contains("/old/ferries.txt"));
    app.update(Action::ToggleBookmark);
    assert!(!app.marks().bookmarks.contains(&gone));
    assert!(app.view().is_empty());
}

#[test]
fn unread_filter_hides_what_was_read() {
    let mut app = app(160, 48);
    app.update(Action::Open);
    app.update(Action::Back);
    app.update(Action::UnreadOnly);
    assert_eq!(app.view().len(), 11);
}

#[test]
fn in_the_unread_view_reading_keeps_the_rows_in_place_and_next_takes_the_next_one() {
    let mut app = app(160, 48);
    app.update(Action::UnreadOnly);
    let rows: Vec<usize> = app.view().to_vec();
    app.update(Action::Open);
    // What was just read stays in its row until the view is asked for again.
    assert_eq!(app.view(), rows.as_slice());
    app.update(Action::NextArticle);
    assert_eq!(
        app.open(),
        Some(rows[1]),
        "J skipped the next unread article"
    );
    app.update(Action::UnreadOnly);
    app.update(Action::UnreadOnly);
    assert_eq!(app.view(), &rows[2..]);
}

#[test]
fn turning_one_marks_filter_off_says_the_other_is_still_on() {
    let mut app = app(160, 48);
    app.update(Action::UnreadOnly);
    app.update(Action::BookmarksOnly);
    assert_eq!(app.message(), Some("showing unread bookmarks only"));
    app.update(Action::BookmarksOnly);
    assert_eq!(app.message(), Some("showing unread only"));
    app.update(Action::UnreadOnly);
    assert_eq!(app.message(), Some("showing all articles"));
}

#[test]
fn search_filters_as_you_type_and_esc_clears() {
    let mut app = app(160, 48);
    search(&mut app, "flood");
    let headlines: Vec<&str> = app
        .view()
        .iter()
        .map(|&i| app.articles()[i].headline())
        .collect();
    assert!(
        headlines
            .iter()
            .any(|h| h.starts_with("Harbour City Floods")),
        "{headlines:?}"
    );
    assert!(
        headlines.iter().all(|h| !h.contains("Cup Final")),
        "{headlines:?}"
    );
    app.update(Msg::Edit(SearchEdit::Char(' ')));
    type_in(&mut app, "tag:floods");
    assert_eq!(app.view().len(), 1);
    let status = |app: &App| text(&draw(app)).lines().last().unwrap().to_owned();
    assert!(status(&app).starts_with(" 1/1 "), "{}", status(&app));
    type_in(&mut app, "zzyzx");
    assert!(app.view().is_empty());
    // Nothing shown: the count says of how many, not a position.
    assert!(status(&app).starts_with(" none of 12 "), "{}", status(&app));
    app.update(Msg::Edit(SearchEdit::Clear));
    assert_eq!(app.view().len(), 12);
}

#[test]
fn words_too_common_to_search_for_are_left_out_and_the_status_says_so() {
    let mut app = app(160, 48);
    search(&mut app, "flood said");
    let with_said = app.view().to_vec();
    assert!(!with_said.is_empty());
    let status = text(&draw(&app)).lines().last().unwrap().to_owned();
    assert!(status.contains("left out of the search: said"), "{status}");
    for _ in 0.." said".len() {
        app.update(Msg::Edit(SearchEdit::Backspace));
    }
    assert_eq!(app.view(), with_said);
    assert!(app.query_note().is_none());
    // The note never hides what a key then says.
    type_in(&mut app, " said");
    app.update(Msg::Edit(SearchEdit::Accept));
    app.update(Action::ToggleBookmark);
    let status = text(&draw(&app)).lines().last().unwrap().to_owned();
    assert!(status.contains("bookmarked"), "{status}");
}

#[test]
fn a_bad_query_is_reported_not_fatal() {
    let mut app = app(160, 48);
    search(&mut app, "since:soon");
    assert_eq!(
        app.query_error(),
        Some("since: expected a date as YYYY-MM-DD, found \"soon\"")
    );
    assert!(text(&draw(&app)).contains("expected a date"));
}

#[test]
fn related_articles_open_and_back_returns() {
    let mut app = app(160, 48);
    open(&mut app, "EU Ministers");
    // Explicit references come first, resolved by file name and by headline.
    let first: Vec<&str> = app
        .related()
        .iter()
        .take(2)
        .map(|r| app.articles()[r.doc].headline())
        .collect();
    assert_eq!(
        first,
        [
            "Trump Says He Wants to Collaborate With Putin on Cyber Security",
            "Election Officials Test Paper Ballots Against Hacking"
        ]
    );
    assert!(app.related()[0].explicit && app.related()[1].explicit);
    let here = app.open();
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Sidebar);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(
        app.articles()[app.open().unwrap()].headline(),
        "Election Officials Test Paper Ballots Against Hacking"
    );
    app.update(Action::Back);
    assert_eq!(app.open(), here);
    assert_eq!(app.focus(), Pane::Article);
}

#[test]
fn next_and_previous_article_while_reading() {
    let mut app = app(160, 48);
    app.update(Action::Open);
    let first = app.open();
    app.update(Action::NextArticle);
    assert_ne!(app.open(), first);
    assert_eq!(app.selected(), 1);
    app.update(Action::PrevArticle);
    assert_eq!(app.open(), first);
}

#[test]
fn quit_goes_back_before_quitting() {
    let mut app = app(160, 48);
    app.update(Action::Open);
    assert_eq!(app.update(Action::Quit), None);
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
    assert_eq!(app.update(Action::ForceQuit), Some(Effect::Quit));
}

#[test]
fn open_url_is_an_effect_and_absent_urls_say_so() {
    let mut app = app(160, 48);
    open(&mut app, "EU Ministers");
    assert_eq!(
        app.update(Action::OpenUrl),
        Some(Effect::OpenUrl(
            "https://example.org/brussels-ledger/2025/03/eu-cyber-defence-unit".into()
        ))
    );
    open(&mut app, "Trump Says");
    assert_eq!(app.update(Action::OpenUrl), None);
    assert_eq!(app.message(), Some("this article has no url"));
}

#[test]
fn rebound_key_bookmarks_and_the_old_one_does_not() {
    let keymap = KeyMap::with_bindings(&[(Action::ToggleBookmark, vec![Key::char('x')])]).unwrap();
    assert_eq!(keymap.action(Key::char('x')), Some(Action::ToggleBookmark));
    assert_eq!(keymap.action(Key::char('b')), None);
    let mut app = app_with_keys(keymap);
    app.update(Action::Help);
    assert!(text(&draw(&app)).contains("x                     bookmark or unbookmark"));
}

#[test]
fn wide_screen_shows_three_panes() {
    let mut app = app(160, 48);
    open(&mut app, "Harbour City Floods");
    let screen = text(&draw(&app));
    assert!(screen.contains(" Headlines "));
    assert!(screen.contains("Credits & related"));
    assert!(screen.contains("By Nadia Okonjo · The Coastal Times · 2025-01-09"));
    assert!(screen.contains("▣ Firefighters wade through the flooded market square"));
    assert!(screen.contains("Contributing: Ben Carter, Ines Duarte"));
    assert!(screen.contains("Why the wall failed"));
    assert!(screen.contains("★") || screen.contains("●"));
    assert!(screen.contains("9/12"), "{screen}");
    insta::assert_snapshot!("wide_160x48", screen);
}

#[test]
fn medium_screen_hides_the_sidebar_until_asked() {
    let mut app = app(100, 30);
    open(&mut app, "Harbour City Floods");
    assert!(!text(&draw(&app)).contains("Credits & related"));
    app.update(Action::ToggleSidebar);
    let screen = text(&draw(&app));
    assert!(screen.contains("Credits & relat"));
    insta::assert_snapshot!("medium_100x30_sidebar", screen);
}

#[test]
fn narrow_screen_shows_one_pane_at_a_time() {
    let mut app = app(60, 20);
    let list = text(&draw(&app));
    assert!(list.contains(" Headlines ") && !list.contains("Credits"));
    app.update(Action::Open);
    let article = text(&draw(&app));
    assert!(!article.contains(" Headlines "));
    assert!(
        article.contains("Ashford Coach Says Cup Final"),
        "{article}"
    );
    app.update(Action::ToggleSidebar);
    assert!(text(&draw(&app)).contains("Credits"));
    insta::assert_snapshot!("narrow_60x20_sidebar", text(&draw(&app)));
}

#[test]
fn the_help_sits_inside_the_panes_borders_and_says_which_keys_scroll_it() {
    let mut narrow = app(60, 20);
    narrow.update(Action::Help);
    let screen = text(&draw(&narrow));
    let rows: Vec<&str> = screen.lines().collect();
    // The list pane's bottom border (above the status bar) is whole.
    assert!(
        rows[18].starts_with("└──────") && !rows[18][3..].contains('└'),
        "{screen}"
    );
    assert!(
        rows[17].contains("└") && rows[17].contains("scroll"),
        "{screen}"
    );
    assert!(screen.contains("Keys (any other key closes)"), "{screen}");
    let mut roomy = app(160, 48);
    roomy.update(Action::Help);
    assert!(text(&draw(&roomy)).contains("Keys (any key closes)"));
}

#[test]
fn tiny_screen_still_draws() {
    let mut app = app(20, 5);
    let screen = text(&draw(&app));
    assert!(screen.contains("1/12"), "{screen}");
    app.update(Action::Open);
    app.update(Action::Help);
    draw(&app);
}

#[test]
fn quotation_cells_carry_the_quote_style_and_others_do_not() {
    let mut app = app(160, 48);
    open(&mut app, "Trump Says");
    let buf = draw(&app);
    let screen = text(&buf);
    let quote = Theme::dark().quote;
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"Putin & I discussed"))
        .expect("quote on screen");
    let x = line.find("\"Putin").unwrap();
    let x = line[..x].chars().count() as u16;
    for dx in 0..10 {
        assert_eq!(
            buf[(x + dx, y as u16)].fg,
            quote.fg.unwrap(),
            "quote cell {dx}"
        );
        assert!(
            buf[(x + dx, y as u16)]
                .modifier
                .contains(ratatui::style::Modifier::ITALIC)
        );
    }
    // "he said following their talks" after the closing mark is plain body text.
    let (y2, line2) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("he said following"))
        .expect("narration on screen");
    let x2 = line2[..line2.find("he said following").unwrap()]
        .chars()
        .count() as u16;
    assert_ne!(buf[(x2, y2 as u16)].fg, quote.fg.unwrap());
    // The quotation wraps: its second line is highlighted too.
    let next = screen.lines().nth(y + 1).unwrap();
    let indent = next[..next.find(|c: char| c.is_alphabetic()).unwrap()]
        .chars()
        .count() as u16;
    assert_eq!(
        buf[(indent, y as u16 + 1)].fg,
        quote.fg.unwrap(),
        "wrapped quote line"
    );
}

#[test]
fn no_row_overflows_with_wide_characters() {
    let mut app = app(70, 12);
    let mut articles = Library::bundled_articles();
    let mut a = articles[0].clone();
    a.headline = "東京都の天気は晴れ 👍🏽 ".repeat(10);
    a.id = gazette::article::ArticleId("wide".into());
    a.path = "wide.txt".into();
    a.published = gazette::article::Date::new(2099, 1, 1);
    articles.push(a);
    app.update(Msg::Library(Box::new(Library::in_memory(articles))));
    let buf = draw(&app);
    let screen = text(&buf);
    assert!(screen.contains("東京都"), "{screen}");
    for line in screen.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 70, "{line}");
    }
}

#[test]
fn a_thousand_random_sizes_never_panic() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    let mut seed = 0x2545F4914F6CDD1Du64;
    for i in 0..1000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let w = 1 + (seed % 300) as u16;
        let h = 1 + ((seed >> 20) % 100) as u16;
        app.update(Msg::Resize(w, h));
        if i % 7 == 0 {
            app.update(Action::ToggleSidebar);
        }
        if i % 11 == 0 {
            app.update(Action::FocusNext);
        }
        draw(&app);
    }
}

#[test]
fn hard_text_stays_inside_its_pane_at_every_width() {
    let url = format!("https://example.org/{}", "a".repeat(5000));
    let body = format!(
        "Cafe\u{301} na\u{ef}ve co\u{308}operate, 👍🏽👩‍👩‍👧 and 🇬🇧 flags, שלום עולם مرحبا بالعالم, 東京都の天気は晴れ, zero\u{200b}width and a long link {url} then the end."
    );
    let page = format!(
        "Hard Text Headline 東京 👍🏽 שלום\n\n{body}\n\n\"Quoted 東京 {url}\" she said, and more words follow here.\n"
    );
    let a = gazette::article::parse(std::path::Path::new("hard.txt"), page.as_bytes()).unwrap();
    let mut articles = Library::bundled_articles();
    articles.push(a);
    let mut app = app(120, 30);
    app.update(Msg::Library(Box::new(Library::in_memory(articles))));
    open(&mut app, "Hard Text Headline");
    let widths: Vec<u16> = (1..=40).chain((41..=300).step_by(13)).collect();
    for w in widths {
        for h in [5u16, 17, 40] {
            app.update(Msg::Resize(w, h));
            app.update(Action::Bottom);
            let screen = text(&draw(&app));
            for line in screen.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= w as usize,
                    "width {w}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn while_loading_the_selection_stays_on_the_newest_until_the_user_moves() {
    let mut app = app(120, 30);
    let newest = app.articles()[app.view()[0]].clone();
    let newer = |headline: &str, path: &str| {
        std::sync::Arc::new(gazette::article::Summary::from(gazette::article::Fields {
            id: gazette::article::ArticleId(path.into()),
            path: path.into(),
            headline,
            published: gazette::article::Date::new(2099, 1, 1),
            ..Default::default()
        }))
    };
    app.update(Msg::Batch(vec![newer("A Later Story", "later.txt")]));
    assert_eq!(app.selected(), 0);
    assert_eq!(app.articles()[app.view()[0]].headline(), "A Later Story");
    // Once the user has moved, the selection follows the article it is on.
    app.update(Action::Down);
    let on = app.articles()[app.view()[app.selected()]].id.clone();
    assert_eq!(on, newest.id);
    app.update(Msg::Batch(vec![newer(
        "An Even Later Story",
        "later-2.txt",
    )]));
    assert_eq!(app.articles()[app.view()[app.selected()]].id, on);
}

/// Every cell holds text that terminals agree on: as wide as its characters one by one (what a
/// terminal that does not join them draws), and no regional indicator (flags are drawn wider
/// or narrower by different terminals). A cell wider on the terminal than counted shifts the
/// row and leaves stray glyphs after the next article is drawn.
fn assert_drawn_as_counted(buf: &Buffer, context: &str) {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    for cell in buf.content() {
        let symbol = cell.symbol();
        let one_by_one: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(
            UnicodeWidthStr::width(symbol),
            one_by_one,
            "{context}: {symbol:?}"
        );
        assert!(
            !symbol
                .chars()
                .any(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)),
            "{context}: {symbol:?}"
        );
    }
}

#[test]
fn flags_and_joined_emoji_are_drawn_the_way_every_terminal_counts_them() {
    let page = "Fans 🇬🇧 and 🇫🇷 Cheer the 👨\u{200D}👩\u{200D}👧 Final 👍🏽\n\nThe supporters waved 🇬🇧 flags and ❤\u{FE0F}\u{200D}🔥 signs as the 👩🏽\u{200D}🚒 crews watched, and the Persian banner read می\u{200C}خواهم all afternoon long.\n";
    let a = gazette::article::parse(std::path::Path::new("flags.txt"), page.as_bytes()).unwrap();
    assert!(
        a.paragraphs().any(|p| p.contains("می\u{200C}خواهم")),
        "the article keeps its joiners"
    );
    let mut articles = Library::bundled_articles();
    articles.push(a);
    let mut app = app(160, 40);
    app.update(Msg::Library(Box::new(Library::in_memory(articles))));
    let list = draw(&app);
    assert_drawn_as_counted(&list, "the list");
    open(&mut app, "Fans");
    let screen = draw(&app);
    let shown = text(&screen);
    assert!(
        shown.contains("Fans GB and FR Cheer the 👨👩👧 Final 👍"),
        "{shown}"
    );
    assert!(shown.contains("می\u{200C}خواهم"), "{shown}");
    assert_drawn_as_counted(&screen, "the article");
    // Moving on to the next article draws over every cell the last one used.
    app.update(Action::NextArticle);
    assert_drawn_as_counted(&draw(&app), "the next article");
}

#[test]
fn every_file_that_could_not_be_read_is_listed_on_a_key() {
    let mut app = app(100, 20);
    let errors: Vec<gazette::library::LoadError> = (1..=30)
        .map(|n| {
            gazette::library::LoadError::new(
                std::path::Path::new(&format!("/lib/e{n:05}.txt")),
                "empty file",
            )
        })
        .collect();
    let mut library = Library::bundled();
    library.library.errors = errors;
    app.update(Msg::Library(Box::new(library)));
    let message = app.message().unwrap();
    assert_eq!(
        message,
        "30 file(s) could not be read: /lib/e00001.txt: empty file (e lists them all)"
    );
    let key = app.keymap().action(Key::char('e')).unwrap();
    app.update(key);
    let screen = text(&draw(&app));
    assert!(
        screen.contains("30 file(s) could not be read")
            && screen.contains("/lib/e00001.txt: empty file")
            && screen.contains("1-16 of 30"),
        "{screen}"
    );
    app.update(Action::PageDown);
    app.update(Action::PageDown);
    let screen = text(&draw(&app));
    assert!(
        screen.contains("/lib/e00030.txt: empty file") && !screen.contains("e00001"),
        "{screen}"
    );
    app.update(Action::Top);
    assert!(text(&draw(&app)).contains("e00001"));
    // Any other key closes it, and does nothing else.
    let (selected, open, focus) = (app.selected(), app.open(), app.focus());
    app.update(Action::Open);
    assert_eq!(app.errors_shown(), None);
    assert_eq!(
        (app.selected(), app.open(), app.focus()),
        (selected, open, focus)
    );
    assert!(!text(&draw(&app)).contains("e00002"));
}

#[test]
fn the_article_pane_previews_the_selection_and_enter_moves_into_it() {
    let mut app = app(160, 48);
    let first = app.selected_article().unwrap().clone();
    // The first screen already shows the newest article (in the list and in the article
    // pane), unread until it is opened.
    let shown_twice = |app: &App, headline: &str| {
        let start: String = headline.chars().take(25).collect();
        text(&draw(app)).matches(&start).count() == 2
    };
    assert!(shown_twice(&app, first.headline()));
    app.update(Action::Down);
    let second = app.selected_article().unwrap().clone();
    assert!(shown_twice(&app, second.headline()));
    assert_eq!(
        app.open().map(|d| app.articles()[d].id.clone()),
        Some(second.id.clone())
    );
    assert!(!app.marks().read.contains(&first.id) && !app.marks().read.contains(&second.id));
    assert_eq!(app.focus(), Pane::List);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Article);
    assert!(app.marks().read.contains(&second.id));
}

#[test]
fn without_preview_the_article_pane_waits_for_enter() {
    let settings = Settings {
        preview: false,
        ..Settings::default()
    };
    let mut app = app_with(settings, Theme::dark(), Library::bundled());
    app.update(Action::Down);
    assert_eq!(app.open(), None);
    assert!(text(&draw(&app)).contains("Select a headline"));
}

#[test]
fn narrow_screens_do_not_preview() {
    let mut app = app(60, 20);
    app.update(Action::Down);
    assert_eq!(app.open(), None);
}

#[test]
fn the_article_pane_is_titled_by_source_and_date_with_the_position_below() {
    let mut app = app(160, 48);
    open(&mut app, "Harbour City Floods");
    let screen = text(&draw(&app));
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[0].contains("The Coastal Times · 2025-01-09"),
        "{}",
        lines[0]
    );
    assert!(!lines[0].contains('%'));
    assert!(lines[46].contains("% ┘"), "{}", lines[46]);
}

#[test]
fn the_list_gives_the_headline_what_empty_columns_would_take() {
    // No sources, no dates: the headline starts right after the marks.
    let plain = |headline: &str, body: &str| {
        gazette::article::parse(
            std::path::Path::new(&format!("{headline}.txt")),
            format!("{headline}\n\n{body}\n").as_bytes(),
        )
        .unwrap()
    };
    let library = Library::in_memory(vec![
        plain(
            "Ferry strike ends",
            "The ferries sail again after a week of talks in the port.",
        ),
        plain(
            "Bridge reopens",
            "The old bridge reopens to cars after two years of repairs.",
        ),
    ]);
    let app = app_with(Settings::default(), Theme::dark(), library);
    let screen = text(&draw(&app));
    let row = screen.lines().nth(1).unwrap();
    assert!(
        row.starts_with("│ ● Bridge reopens") || row.starts_with("│   Bridge reopens"),
        "{row}"
    );
}

#[test]
fn related_headlines_wrap_over_two_lines_with_source_and_date() {
    let mut app = app(160, 48);
    open(&mut app, "Harbour City Floods");
    let screen = text(&draw(&app));
    // "Climate Panel Says Coastal Defences Must Double by 2040" does not fit in 30 columns.
    assert!(screen.contains("› Climate Panel Says Coastal"), "{screen}");
    assert!(
        screen.contains("  Defences Must Double by 2040"),
        "{screen}"
    );
    assert!(screen.contains("  The Northern Review ·"), "{screen}");
}

#[test]
fn copies_of_one_story_are_one_row_and_the_sidebar_says_so() {
    let story = "Ferry strike ends\n\nThe ferries sail again after a week of talks in the port.\n";
    let parse =
        |name: &str| gazette::article::parse(std::path::Path::new(name), story.as_bytes()).unwrap();
    let library = Library::in_memory(vec![parse("a/ferry.txt"), parse("b/ferry-copy.txt")]);
    let app = app_with(Settings::default(), Theme::dark(), library);
    assert_eq!(app.view().len(), 1);
    let screen = text(&draw(&app));
    assert!(screen.contains("2 copies"), "{screen}");
    assert!(screen.contains("ferry-copy.txt"), "{screen}");
    // Nothing matches: of the one row there is, not of the two files.
    let mut app = app;
    search(&mut app, "zzyzx");
    let status = text(&draw(&app)).lines().last().unwrap().to_owned();
    assert!(status.starts_with(" none of 1 "), "{status}");
}

#[test]
fn the_selected_row_stays_readable_in_every_theme() {
    for theme in [
        Theme::dark(),
        Theme::light(),
        Theme::dark().without_colour(),
        Theme::light().without_colour(),
    ] {
        let mut app = app_with(Settings::default(), theme.clone(), Library::bundled());
        // A row with a source and a date, selected.
        app.update(Action::Down);
        let buf = draw(&app);
        let y = 2;
        for x in 1..60 {
            let cell = &buf[(x, y)];
            let readable =
                cell.fg != cell.bg || cell.modifier.contains(ratatui::style::Modifier::REVERSED);
            assert!(
                readable,
                "{theme:?}: cell {x} of the selected row: {cell:?}"
            );
            let style = cell.style();
            assert_eq!(
                (style.fg, style.bg),
                (
                    theme.selected.fg.or(style.fg),
                    theme.selected.bg.or(style.bg)
                ),
                "every part of the row takes the selection's colours"
            );
        }
    }
}

#[test]
fn the_byline_line_never_splits_a_date() {
    let mut app = app(100, 30);
    open(&mut app, "Phone Makers Race");
    let screen = text(&draw(&app));
    assert!(screen.contains("2025-04-10"), "{screen}");
}

#[test]
fn the_sidebar_wraps_its_notes_instead_of_cutting_them() {
    let lone = gazette::article::Article {
        id: gazette::article::ArticleId("lone".into()),
        path: "lone.txt".into(),
        headline: "A Story With Nothing Like It".into(),
        blocks: vec![gazette::article::Block::paragraph("Unlike any other.")],
        ..Default::default()
    };
    let mut app = app_with(
        Settings::default(),
        Theme::dark(),
        Library::in_memory(vec![lone]),
    );
    open(&mut app, "A Story With Nothing");
    let screen = text(&draw(&app));
    assert!(screen.contains("Nothing related"), "{screen}");
    assert!(screen.contains("library."), "{screen}");
}

#[test]
fn next_match_in_the_list_says_when_there_is_no_more() {
    let mut app = app(160, 48);
    search(&mut app, "flood");
    app.update(Msg::Edit(SearchEdit::Accept));
    let matches = app.view().len();
    assert!(matches >= 2, "{matches}");
    for _ in 1..matches {
        app.update(Action::NextMatch);
    }
    assert_eq!(app.selected(), matches - 1);
    let status = |app: &App| text(&draw(app)).lines().last().unwrap().to_owned();
    assert!(!status(&app).contains("no more matches"));
    app.update(Action::NextMatch);
    assert_eq!(app.selected(), matches - 1);
    assert!(status(&app).contains("no more matches"), "{}", status(&app));
}

#[test]
fn a_search_that_matches_nothing_empties_the_preview_and_keys_act_on_nothing() {
    let mut app = app(160, 48);
    let previewed = app.selected_article().unwrap().headline().to_owned();
    assert!(app.open().is_some());
    search(&mut app, "zzzz");
    app.update(Msg::Edit(SearchEdit::Accept));
    assert!(app.view().is_empty());
    assert_eq!(app.open(), None);
    assert!(app.article().is_none() && app.related().is_empty());
    let screen = text(&draw(&app));
    let start: String = previewed.chars().take(20).collect();
    assert!(!screen.contains(&start), "{screen}");
    assert!(screen.contains("No article: nothing matches the search."));
    // Tab cannot reach an article pane with nothing in it; b, m and o have nothing to act on.
    app.update(Action::FocusNext);
    assert_ne!(app.focus(), Pane::Article);
    assert_eq!(app.update(Action::ToggleBookmark), None);
    assert_eq!(app.update(Action::ToggleRead), None);
    assert_eq!(app.update(Action::OpenUrl), None);
    assert!(app.marks().bookmarks.is_empty() && app.marks().read.is_empty());
    // Clearing the search (back in the list) previews the selection again.
    app.update(Msg::Select(0));
    app.update(Action::Back);
    assert_eq!(app.view().len(), 12);
    assert!(app.open().is_some());
}

#[test]
fn an_article_opened_with_enter_stays_while_a_search_from_it_matches_nothing() {
    let mut app = app(160, 48);
    open(&mut app, "Harbour City Floods");
    search(&mut app, "zzzz");
    app.update(Msg::Edit(SearchEdit::Accept));
    assert_eq!(app.focus(), Pane::Article);
    let open = app.open().map(|d| app.articles()[d].headline().to_owned());
    assert!(open.unwrap().starts_with("Harbour City Floods"));
}

#[test]
fn a_long_prompt_keeps_its_end_in_view() {
    let mut app = app(80, 24);
    let status = |app: &App| text(&draw(app)).lines().last().unwrap().to_owned();
    app.update(Action::Search);
    let query = r#"flood source:"coastal times" tag:climate since:2025-01-01 until:2025-03-31"#;
    for c in query.chars() {
        app.update(Msg::Edit(SearchEdit::Char(c)));
    }
    let line = status(&app);
    assert!(line.contains("…"), "{line}");
    assert!(line.contains("until:2025-03-31▏"), "{line}");
    assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= 80);
    // Short, it shows whole after the position.
    app.update(Msg::Edit(SearchEdit::Clear));
    search(&mut app, "flood");
    assert!(status(&app).contains("/flood▏"), "{}", status(&app));
    app.update(Msg::Edit(SearchEdit::Clear));
    app.update(Action::Add);
    let url = "https://news.example.org/2025/03/31/a-very-long-path/that-goes-on/and-on/story.html";
    for c in url.chars() {
        app.update(Msg::Edit(SearchEdit::Char(c)));
    }
    let line = status(&app);
    assert!(line.contains("add url: …"), "{line}");
    assert!(line.contains("and-on/story.html▏"), "{line}");
}

#[test]
fn clicks_on_a_pane_border_do_nothing() {
    let mut app = app(120, 30);
    let click = |app: &mut App, column: u16, row: u16| {
        app.update(Msg::Mouse {
            column,
            row,
            kind: gazette::app::MouseKind::Click,
        });
    };
    let panes = app.panes();
    let (list, article) = (panes.list.unwrap(), panes.article.unwrap());
    let before = app.selected_article().unwrap().id.clone();
    // The list's bottom border (└──), its top border, and the article pane's border.
    click(&mut app, 10, list.y + list.height - 1);
    click(&mut app, 10, list.y);
    click(&mut app, article.x, article.y + 3);
    assert_eq!(app.selected(), 0);
    assert_eq!(app.selected_article().unwrap().id, before);
    assert_eq!(app.focus(), Pane::List);
    // Inside, a click still selects its row and focuses the pane.
    click(&mut app, 10, list.y + 3);
    assert_eq!(app.selected(), 2);
    click(&mut app, article.x + 2, article.y + 3);
    assert_eq!(app.focus(), Pane::Article);
}

#[test]
fn a_row_that_leaves_the_filtered_list_gives_its_place_to_the_next() {
    let mut app = app(160, 48);
    let id_at = |app: &App, row: usize| app.articles()[app.view()[row]].id.clone();
    for row in [2, 4, 6] {
        app.update(Msg::Select(row));
        app.update(Action::ToggleBookmark);
    }
    let (second, third) = (id_at(&app, 4), id_at(&app, 6));
    app.update(Action::BookmarksOnly);
    assert_eq!(app.view().len(), 3);
    // Removing the middle bookmark selects the one after it, where it was.
    app.update(Msg::Select(1));
    assert_eq!(app.selected_article().unwrap().id, second);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.view().len(), 2);
    assert_eq!(app.selected(), 1);
    assert_eq!(app.selected_article().unwrap().id, third);
    // The last one gone: the one before it.
    app.update(Action::ToggleBookmark);
    assert_eq!(app.selected(), 0);
    app.update(Action::BookmarksOnly);
    // The unread view, asked for on an article already read: the next unread one.
    app.update(Msg::Select(5));
    app.update(Action::ToggleRead);
    let next = id_at(&app, 6);
    app.update(Action::UnreadOnly);
    assert_eq!(app.selected_article().unwrap().id, next);
    // And the selection stays on its article when the view is turned off again.
    app.update(Action::UnreadOnly);
    assert_eq!(app.selected_article().unwrap().id, next);
    assert_eq!(app.selected(), 6);
}

#[test]
fn the_help_leaves_out_unbound_actions_and_lists_suspend() {
    let keymap = KeyMap::with_bindings(&[(Action::Fetch, vec![])]).unwrap();
    let mut app = app_with_keys(keymap);
    app.update(Msg::Library(Box::new(Library::bundled())));
    app.update(Action::Help);
    let screen = text(&draw(&app));
    assert!(!screen.contains(Action::Fetch.describe()), "{screen}");
    assert!(screen.contains(Action::Reload.describe()), "{screen}");
    assert!(
        screen.contains("ctrl-z                suspend (fg in the shell resumes)"),
        "{screen}"
    );
}

#[test]
fn in_the_narrow_layout_the_sidebar_and_back_leave_the_list_working_and_the_wide_sidebar_alone() {
    let mut app = app(60, 20);
    app.update(Action::ToggleSidebar);
    assert!(text(&draw(&app)).contains("Credits"));
    app.update(Action::Back);
    let screen = text(&draw(&app));
    assert!(screen.contains(" Headlines "), "{screen}");
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected(), 2, "j moves in the list shown");
    // The wide layout's sidebar is as it was: shown.
    app.update(Msg::Resize(160, 48));
    assert!(text(&draw(&app)).contains("Credits & related"));
}

#[test]
fn the_add_prompt_is_not_followed_by_the_searchs_note() {
    let mut app = app(160, 48);
    search(&mut app, "flood said");
    app.update(Msg::Edit(SearchEdit::Accept));
    app.update(Action::Add);
    type_in(&mut app, "example.org/story");
    let status = text(&draw(&app)).lines().last().unwrap().to_owned();
    assert!(status.contains("example.org/story"), "{status}");
    assert!(!status.contains("left out"), "{status}");
}

#[test]
fn e_lists_the_files_read_with_a_warning_after_those_not_read() {
    let mut app = app(120, 30);
    app.update(Action::ShowErrors);
    assert!(
        app.message()
            .is_some_and(|m| m.contains("every file was read"))
    );
    let mut library = Library::bundled();
    library
        .library
        .warnings
        .push(gazette::library::LoadError::new(
            std::path::Path::new("lib/ferry.md"),
            "published: expected a date as YYYY-MM-DD or RFC 3339, found \"soon\"; left out",
        ));
    app.update(Msg::Library(Box::new(library)));
    app.update(Action::ShowErrors);
    let screen = text(&draw(&app));
    assert!(screen.contains("1 file(s) read with a warning"), "{screen}");
    assert!(
        screen.contains("warning: lib/ferry.md: published: expected a date"),
        "{screen}"
    );
}
