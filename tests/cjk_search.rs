//! `gazette search` finds a Japanese word inside text written without spaces, and nothing
//! for characters that never stand together.

use std::path::Path;
use std::process::Command;

fn search(library: &Path, word: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["search", "--no-cache", word, "--library"])
        .arg(library)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_japanese_word_is_found_by_search() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let dir = tempfile::tempdir().unwrap();
    for name in ["cjk-japanese-quotes.txt", "headline-masthead-first.txt"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    // A word from the middle of a sentence ("breakwater"), and one from a quotation.
    for word in ["防波堤", "住民"] {
        let found = search(dir.path(), word);
        assert!(found.contains("cjk-japanese-quotes.txt"), "{word}: {found}");
        assert!(
            !found.contains("headline-masthead-first.txt"),
            "{word}: {found}"
        );
    }
    // Characters of the text that never stand together are not a word of it.
    assert!(!search(dir.path(), "防波堤再建").contains("cjk-japanese-quotes.txt"));
    // English words are found as before.
    assert!(search(dir.path(), "harbour").contains("headline-masthead-first.txt"));
}
