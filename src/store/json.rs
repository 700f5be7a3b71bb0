//! JSON text safe to print or `cat`: what serde_json leaves raw escaped too.

use crate::article::hygiene::is_invisible;

/// JSON text with every control and bidi-override character escaped (`\u001b`), so a raw
/// file name carried in it cannot act on a terminal: serde_json escapes only C0 controls, and
/// a terminal may act on C1's CSI (U+009B) or reorder text at U+202E.
pub fn terminal_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        // A raw newline is pretty output's layout (serde_json escapes those in strings); any
        // other such character is inside a string, where its escape is the same character.
        if c != '\n' && (c.is_control() || is_invisible(c)) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_escapes_what_could_act_on_a_terminal_and_still_reads_back() {
        let name = "red\u{1b}[31m \u{9b}31m \u{202e}rev \u{7}\u{e0041}.txt";
        let text = terminal_safe(
            &serde_json::to_string_pretty(&serde_json::json!({ "path": name })).unwrap(),
        );
        assert!(
            text.chars()
                .all(|c| c == '\n' || !c.is_control() && !is_invisible(c)),
            "{text}"
        );
        assert!(
            text.contains("\\u009b") && text.contains("\\udb40\\udc41"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["path"], name);
    }
}
