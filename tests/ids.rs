//! Article ids: from the url, else from the file's text, never from what gazette extracts; so
//! they never move when extraction changes, different stories never share one, and marks made
//! under an older gazette's ids are carried over.

use std::path::Path;
use std::sync::Arc;

use gazette::article::{self, ArticleId, Options, Summary, legacy_id, parse, parse_with};
use gazette::store::{Bookmark, State, Store};

const STORY: &str = "Harbour Council Votes to Rebuild the Sea Wall\n\nBy Ana Lima\n\n\
The council voted on Tuesday to rebuild the sea wall that failed in January, at a cost the \
treasurer called \"high but unavoidable\".\n\nWork begins in the spring and lasts two years.\n";

#[test]
fn different_stories_under_one_headline_get_different_ids() {
    let a = parse(Path::new("a.txt"), b"Markets Fall\n\nShares fell sharply on Monday as traders sold banks and miners, the third fall in a row.\n").unwrap();
    let b = parse(Path::new("b.txt"), b"Markets Fall\n\nThe price of copper fell to a two-year low after factories in three countries cut their orders.\n").unwrap();
    assert_eq!(a.headline, b.headline);
    assert_eq!((&a.source, a.published), (&b.source, b.published));
    assert_ne!(a.id, b.id);
}

#[test]
fn the_same_text_gives_the_same_id_wherever_and_however_it_is_saved() {
    let id = parse(Path::new("one/story.txt"), STORY.as_bytes())
        .unwrap()
        .id;
    // A copy elsewhere, Windows line endings, UTF-16, a byte order mark, trailing spaces.
    let crlf = STORY.replace('\n', "\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(STORY.encode_utf16().flat_map(u16::to_le_bytes));
    let bom = [&[0xEF, 0xBB, 0xBF][..], STORY.as_bytes()].concat();
    let spaced = STORY.replace('\n', "  \n");
    for (name, bytes) in [
        ("copy/story.txt", STORY.as_bytes().to_vec()),
        ("crlf.txt", crlf.into_bytes()),
        ("utf16.txt", utf16),
        ("bom.txt", bom),
        ("spaced.txt", spaced.into_bytes()),
    ] {
        assert_eq!(parse(Path::new(name), &bytes).unwrap().id, id, "{name}");
    }
    // A word changed is another text.
    let edited = STORY.replace("two years", "three years");
    assert_ne!(parse(Path::new("e.txt"), edited.as_bytes()).unwrap().id, id);
    // Pinned: an id must not change from one version of gazette to the next. (The value was
    // checked against the reference xxHash C library's XXH3_128bits of "text:" and the
    // normalised words.)
    assert_eq!(id.0, article::stable_id(None, STORY).0);
    assert_eq!(id.0.len(), article::TEXT_ID_LEN);
    assert_eq!(id.0, "48a26d77de6af8b9fef4");
}

#[test]
fn changing_how_a_page_is_read_never_moves_its_id() {
    let plain = parse(Path::new("s.txt"), STORY.as_bytes()).unwrap();
    // Options that change what is extracted: the headline taken as site chrome, a line kept.
    let options = Options {
        chrome_phrases: vec!["harbour council votes".into()],
        keep_phrases: vec!["by ana lima".into()],
        ..Options::default()
    };
    let other = parse_with(Path::new("s.txt"), STORY.as_bytes(), &options).unwrap();
    assert_ne!(
        (&plain.headline, &plain.authors, plain.blocks.len()),
        (&other.headline, &other.authors, other.blocks.len()),
        "the options change the extraction"
    );
    assert_eq!(plain.id, other.id);
    // An article with a url keeps the url's id, whatever its text.
    let md = "+++\ntitle = \"T\"\nurl = \"https://www.example.com/a/\"\n+++\n\nBody one.\n";
    let md2 = "+++\ntitle = \"Other\"\nurl = \"http://example.com/a\"\n+++\n\nBody two.\n";
    let a = parse(Path::new("a.md"), md.as_bytes()).unwrap();
    let b = parse(Path::new("b.md"), md2.as_bytes()).unwrap();
    assert_eq!(a.id, b.id);
    assert_eq!(a.id.0.len(), article::URL_ID_LEN);
}

#[test]
fn marks_made_under_old_ids_are_carried_over_once() {
    let lib = tempfile::tempdir().unwrap();
    let state_dir = tempfile::tempdir().unwrap();
    let one = lib.path().join("one.txt");
    let two = lib.path().join("two.txt");
    std::fs::write(&one, STORY).unwrap();
    std::fs::write(&two, "Markets Fall\n\nShares fell sharply on Monday as traders sold banks and miners, the third fall in a row.\n").unwrap();
    let library = gazette::library::Library::load(&[lib.path().to_path_buf()], &Options::default());
    let by_path = |p: &Path| -> Arc<Summary> {
        library
            .articles
            .iter()
            .find(|a| a.path() == p)
            .unwrap()
            .clone()
    };
    let (a, b) = (by_path(&one), by_path(&two));
    let (old_a, old_b) = (legacy_id(&a).unwrap(), legacy_id(&b).unwrap());
    assert_ne!(old_a, a.id);
    // A state file from before: a bookmark of one (found by its path) and of a file that is
    // gone, read marks of both articles (found by their old ids).
    let mut state = State {
        version: 1,
        ..State::default()
    };
    let bookmark = |path: &Path| Bookmark {
        created: 1,
        headline: "kept as it was".into(),
        source: None,
        published: None,
        path: path.to_string_lossy().into_owned(),
        url: None,
    };
    let gone = ArticleId("00112233445566ff".into());
    state.bookmarks.insert(old_a.clone(), bookmark(&one));
    state
        .bookmarks
        .insert(gone.clone(), bookmark(&lib.path().join("gone.txt")));
    state.read.extend([old_a.clone(), old_b.clone()]);
    std::fs::write(
        state_dir.path().join("state.json"),
        serde_json::to_string(&state).unwrap(),
    )
    .unwrap();

    let mut store = Store::open(state_dir.path()).unwrap();
    let mut marks = store.marks();
    assert!(store.carry_over(&mut marks, &library.articles).unwrap());
    let want_bookmarks: std::collections::HashSet<_> = [a.id.clone(), gone.clone()].into();
    assert_eq!(marks.bookmarks, want_bookmarks);
    assert_eq!(marks.read, [a.id.clone(), b.id.clone()].into());
    let on_disk = Store::open(state_dir.path()).unwrap().state;
    assert_eq!(on_disk.bookmarks[&a.id].headline, "kept as it was");
    assert!(on_disk.bookmarks.contains_key(&gone) && !on_disk.bookmarks.contains_key(&old_a));
    assert_eq!(on_disk.read, [a.id.clone(), b.id.clone()].into());
    // Once: nothing is left to carry over.
    let mut again = Store::open(state_dir.path()).unwrap();
    let mut marks = again.marks();
    assert!(!again.carry_over(&mut marks, &library.articles).unwrap());
}
