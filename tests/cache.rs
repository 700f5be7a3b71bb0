//! The index cache: a start reads only the files that changed, and a cache that cannot be
//! trusted (damaged, another version, other reading options) is rebuilt, never believed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use gazette::article::Options;
use gazette::library::cache::Cache;
use gazette::library::index;
use gazette::library::load::{self, Loaded};

fn story(headline: &str, body: &str) -> String {
    format!("{headline}\n\n{body} The council said the work would go on through the spring.\n")
}

/// A library of three articles and a cache folder.
fn setup() -> (tempfile::TempDir, PathBuf, Cache) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    fs::create_dir_all(lib.join("sub")).unwrap();
    fs::write(
        lib.join("floods.txt"),
        story(
            "River Floods Swamp the Old Town",
            "The river burst its banks and flood water filled the old town.",
        ),
    )
    .unwrap();
    fs::write(
        lib.join("insurers.txt"),
        story(
            "Insurers Count the Cost of the River Flood",
            "Insurers expect claims after the river flood damaged homes in the old town.",
        ),
    )
    .unwrap();
    fs::write(
        lib.join("sub/chips.md"),
        "+++\ntitle = \"Chipmaker Shows a New Processor\"\npublished = 2024-03-01\n+++\n\nThe processor runs language models on a phone with little power.\n",
    )
    .unwrap();
    let cache = Cache::new(dir.path().join("cache"), &Options::default());
    (dir, lib, cache)
}

fn load(lib: &Path, cache: &Cache) -> Loaded {
    load::load(
        &[lib.to_path_buf()],
        &Options::default(),
        Some(cache),
        true,
        None,
    )
}

/// What `gazette list` loads: summaries, no index.
fn list_only(lib: &Path, cache: &Cache) -> Loaded {
    load::load(
        &[lib.to_path_buf()],
        &Options::default(),
        Some(cache),
        false,
        None,
    )
}

fn headlines(loaded: &Loaded) -> Vec<String> {
    let mut h: Vec<String> = loaded
        .library
        .articles
        .iter()
        .map(|a| a.headline().to_owned())
        .collect();
    h.sort();
    h
}

/// Sets a file's modification time, as an editor saving it later would.
fn touch(path: &Path, secs_ahead: u64) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() + Duration::from_secs(secs_ahead))
        .unwrap();
}

#[test]
fn a_second_start_reads_nothing_and_knows_the_same_library() {
    let (_dir, lib, cache) = setup();
    let cold = load(&lib, &cache);
    assert_eq!(cold.read, 3);
    assert!(cold.notices.is_empty(), "{:?}", cold.notices);
    assert!(cache.file(&lib, "list").exists());
    assert!(cache.file(&lib, "terms").exists());

    let warm = load(&lib, &cache);
    assert_eq!(warm.read, 0, "every file came from the cache");
    assert_eq!(headlines(&warm), headlines(&cold));
    let paths = |l: &Loaded| -> Vec<PathBuf> {
        l.library
            .articles
            .iter()
            .map(|a| a.path().to_path_buf())
            .collect()
    };
    assert_eq!(paths(&warm), paths(&cold), "same paths, same order");
    let ids = |l: &Loaded| -> Vec<String> {
        l.library
            .articles
            .iter()
            .map(|a| a.id.to_string())
            .collect()
    };
    assert_eq!(ids(&warm), ids(&cold));

    // Search and related articles from cached terms equal those from the files.
    let (ci, wi) = (cold.index.as_ref().unwrap(), warm.index.as_ref().unwrap());
    for query in [["river"], ["flood"], ["processor"], ["insur"]] {
        let words: Vec<String> = query.iter().map(|w| w.to_string()).collect();
        assert_eq!(ci.search(&words), wi.search(&words), "{query:?}");
    }
    assert!(!ci.search(&["river".into()]).is_empty());
    for doc in 0..3 {
        let related = |l: &Loaded| -> Vec<(usize, String, Vec<String>)> {
            index::related(l.index.as_ref().unwrap(), &l.library.articles, doc, 5)
                .into_iter()
                .map(|r| (r.doc, format!("{:.4}", r.score), r.why))
                .collect()
        };
        assert_eq!(related(&cold), related(&warm), "related of {doc}");
    }
}

#[test]
fn a_changed_file_is_read_again() {
    let (_dir, lib, cache) = setup();
    load(&lib, &cache);
    let path = lib.join("floods.txt");
    fs::write(
        &path,
        story(
            "River Floods Recede From the Old Town",
            "The water went down overnight and the clean-up began.",
        ),
    )
    .unwrap();
    touch(&path, 5);
    let loaded = load(&lib, &cache);
    assert_eq!(loaded.read, 1, "only the changed file");
    let h = headlines(&loaded);
    assert!(
        h.contains(&"River Floods Recede From the Old Town".to_string()),
        "{h:?}"
    );
    assert!(!h.contains(&"River Floods Swamp the Old Town".to_string()));
    // The index knows the new words, and the cache now holds them.
    let index = loaded.index.unwrap();
    assert_eq!(index.search(&["overnight".into()]).len(), 1);
    let again = load(&lib, &cache);
    assert_eq!(again.read, 0);
    assert_eq!(again.index.unwrap().search(&["overnight".into()]).len(), 1);
}

#[test]
fn a_deleted_file_disappears_and_a_new_one_appears() {
    let (_dir, lib, cache) = setup();
    load(&lib, &cache);
    fs::remove_file(lib.join("insurers.txt")).unwrap();
    fs::write(
        lib.join("sub/ferries.txt"),
        story(
            "Ferries Return to the Harbour",
            "The ferry service ran again after the storm passed.",
        ),
    )
    .unwrap();
    let loaded = load(&lib, &cache);
    assert_eq!(loaded.read, 1, "only the new file");
    assert_eq!(loaded.gone, 1);
    let h = headlines(&loaded);
    assert_eq!(
        h,
        [
            "Chipmaker Shows a New Processor",
            "Ferries Return to the Harbour",
            "River Floods Swamp the Old Town"
        ]
    );
    let index = loaded.index.unwrap();
    assert!(index.search(&["insurers".into()]).is_empty());
    assert_eq!(index.search(&["ferry".into()]).len(), 1);
    // And the cache forgot it too.
    let again = load(&lib, &cache);
    assert_eq!(again.read, 0);
    assert_eq!(headlines(&again), h);
}

#[test]
fn a_damaged_index_is_rebuilt_with_a_message() {
    let (_dir, lib, cache) = setup();
    let cold = load(&lib, &cache);
    for (kind, damage) in [
        ("list", b"not an index at all".to_vec()),
        ("terms", Vec::new()),
    ] {
        let file = cache.file(&lib, kind);
        fs::write(&file, &damage).unwrap();
        let loaded = load(&lib, &cache);
        assert_eq!(headlines(&loaded), headlines(&cold), "{kind}");
        assert_eq!(loaded.read, 3, "{kind}: every file read again");
        assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
        assert!(
            loaded.notices[0].contains("damaged") && loaded.notices[0].contains("rebuilding"),
            "{:?}",
            loaded.notices
        );
        // Rebuilt: the next start trusts it again.
        assert_eq!(load(&lib, &cache).read, 0, "{kind}");
    }
    // A cache cut short (a crash while writing elsewhere, a full disk) is damaged too.
    let file = cache.file(&lib, "list");
    let bytes = fs::read(&file).unwrap();
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let loaded = load(&lib, &cache);
    assert_eq!(headlines(&loaded), headlines(&cold));
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
}

#[test]
fn a_changed_byte_inside_a_cached_headline_is_found_not_shown() {
    let (_dir, lib, cache) = setup();
    let cold = load(&lib, &cache);
    let file = cache.file(&lib, "list");
    let mut bytes = fs::read(&file).unwrap();
    // Still valid text, still the same length: only a checksum can tell.
    let at = bytes
        .windows(6)
        .position(|w| w == b"Swamp ")
        .expect("the headline is in the list file");
    bytes[at..at + 5].copy_from_slice(b"SWAMP");
    fs::write(&file, &bytes).unwrap();
    let loaded = load(&lib, &cache);
    assert_eq!(headlines(&loaded), headlines(&cold));
    assert!(
        loaded.notices.iter().any(|n| n.contains("checksum")),
        "{:?}",
        loaded.notices
    );
}

#[test]
fn terms_read_before_the_damage_was_found_are_not_used() {
    let (_dir, lib, cache) = setup();
    let cold = load(&lib, &cache);
    // Bytes after the last chunk: every file's terms are decoded before the damage shows.
    let file = cache.file(&lib, "terms");
    let mut bytes = fs::read(&file).unwrap();
    bytes.extend_from_slice(b"trailing bytes");
    fs::write(&file, &bytes).unwrap();
    let loaded = load(&lib, &cache);
    assert_eq!(loaded.read, 3, "every file read again");
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(
        loaded.notices[0].contains("damaged"),
        "{:?}",
        loaded.notices
    );
    let (ci, li) = (cold.index.as_ref().unwrap(), loaded.index.as_ref().unwrap());
    assert_eq!(ci.len(), li.len());
    for word in ["river", "flood", "processor", "insur"] {
        assert_eq!(
            ci.search(&[word.into()]),
            li.search(&[word.into()]),
            "{word}"
        );
    }
    for doc in 0..3 {
        let related = |l: &Loaded| -> Vec<(usize, String)> {
            index::related(l.index.as_ref().unwrap(), &l.library.articles, doc, 5)
                .into_iter()
                .map(|r| (r.doc, format!("{:.4}", r.score)))
                .collect()
        };
        assert_eq!(related(&cold), related(&loaded), "related of {doc}");
    }
    assert_eq!(load(&lib, &cache).read, 0, "rebuilt, and trusted again");
}

#[test]
fn an_index_from_another_version_or_other_options_is_rebuilt() {
    let (dir, lib, cache) = setup();
    load(&lib, &cache);
    // The format number follows the 8-byte magic; a later gazette writes a higher one.
    let file = cache.file(&lib, "list");
    let mut bytes = fs::read(&file).unwrap();
    assert_eq!(&bytes[..7], b"gazette");
    bytes[8] += 1;
    fs::write(&file, &bytes).unwrap();
    let loaded = load(&lib, &cache);
    assert_eq!(loaded.read, 3);
    assert!(
        loaded.notices[0].contains("another version"),
        "{:?}",
        loaded.notices
    );
    assert_eq!(load(&lib, &cache).read, 0);

    // Reading options change what a file reads as: a chrome phrase drops a line.
    let options = Options {
        chrome_phrases: vec!["the council said".into()],
        ..Options::default()
    };
    let other = Cache::new(dir.path().join("cache"), &options);
    let loaded = load::load(
        std::slice::from_ref(&lib),
        &options,
        Some(&other),
        true,
        None,
    );
    assert_eq!(loaded.read, 3, "other options: the cache is not used");
    assert!(
        loaded
            .notices
            .iter()
            .any(|n| n.contains("other reading options"))
    );
}

#[test]
fn the_list_alone_never_writes_terms_and_the_reader_fills_them_in() {
    let (_dir, lib, cache) = setup();
    let listed = list_only(&lib, &cache);
    assert_eq!(listed.read, 3);
    assert!(listed.index.is_none());
    assert!(!cache.file(&lib, "terms").exists());
    // The reader needs terms: the files are read once more, then both caches serve.
    assert_eq!(load(&lib, &cache).read, 3);
    assert_eq!(load(&lib, &cache).read, 0);
    let listed = list_only(&lib, &cache);
    assert_eq!(listed.read, 0);
}

#[test]
fn an_unwritable_cache_folder_is_only_a_notice() {
    let (dir, lib, _) = setup();
    // A file where the cache folder should be: it cannot be made.
    let blocked = dir.path().join("blocked");
    fs::write(&blocked, "").unwrap();
    let cache = Cache::new(blocked.join("cache"), &Options::default());
    let loaded = load(&lib, &cache);
    assert_eq!(loaded.library.articles.len(), 3);
    assert!(
        loaded.notices.iter().any(|n| n.contains("index not saved")),
        "{:?}",
        loaded.notices
    );
}

#[test]
fn the_digest_of_the_files_tells_whether_a_reload_would_find_anything() {
    let (_dir, lib, cache) = setup();
    let roots = [lib.clone()];
    let loaded = load(&lib, &cache);
    assert_eq!(load::digest(&roots), loaded.files);
    // An edit (a new size), a new file and a deleted one each change it.
    fs::write(lib.join("floods.txt"), story("River Floods", "Water.")).unwrap();
    let edited = load::digest(&roots);
    assert_ne!(edited, loaded.files);
    assert_eq!(load(&lib, &cache).files, edited);
    fs::write(lib.join("sub/new.txt"), story("A New Story", "Words.")).unwrap();
    let added = load::digest(&roots);
    assert_ne!(added, edited);
    fs::remove_file(lib.join("sub/new.txt")).unwrap();
    assert_eq!(load::digest(&roots), edited);
}
