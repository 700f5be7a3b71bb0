//! Text hygiene at read time: decoding, and removal of everything that could drive a terminal.
//!
//! Every byte of an article passes through here before any other code sees it, so nothing an
//! article contains (escape sequences, C0/C1 controls, bidi overrides, zero-width characters)
//! can reach the screen, the status bar or a log. Zero-width joiners and non-joiners are the
//! exception where they do their job, between letters or emoji (Persian, Indic scripts, emoji
//! sequences); anywhere else they only hide text and go too.

use unicode_width::UnicodeWidthChar;

pub use super::decode::{DecodeError, Decoded, decode};

/// Cleans decoded text: line endings to `\n`, tabs and exotic spaces to plain spaces, trailing
/// spaces trimmed, and every escape sequence, control, bidi control, zero-width character and
/// soft hyphen removed, but for joiners that join (see `joins`).
pub fn clean(text: &str) -> String {
    clean_with(text, false)
}

/// As `clean`, for JSON and Markdown with front matter, where a line break inside a quoted
/// value is a syntax error: the other names of a line break (see `clean`) become spaces.
pub fn clean_structured(text: &str) -> String {
    clean_with(text, true)
}

fn clean_with(text: &str, breaks_as_spaces: bool) -> String {
    // Most text has nothing to remove: one look, then a copy.
    let clean_already = !text.ends_with(' ')
        && !text.contains(" \n")
        && !text.chars().any(|c| {
            c.is_control() && c != '\n'
                || is_removed(c)
                || is_joiner(c)
                || matches!(
                    c,
                    '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
                )
        });
    if clean_already {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    // The character before this one in the text as it came, whatever became of it.
    let mut before = None;
    while let Some(c) = chars.next() {
        let previous = before.replace(c);
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => {
                trim_end_spaces(&mut out);
                out.push('\n');
            }
            '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => out.push(' '),
            // Line breaks by other names (vertical tab, form feed, next line, line and
            // paragraph separators) are breaks, not nothing: removed, they glue words.
            '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}' if breaks_as_spaces => {
                out.push(' ')
            }
            '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' => {
                trim_end_spaces(&mut out);
                out.push('\n');
            }
            '\u{2029}' => {
                trim_end_spaces(&mut out);
                out.push_str("\n\n");
            }
            '\u{1B}' => skip_escape(&mut chars),
            '\u{9B}' => skip_csi(&mut chars),
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c if is_joiner(c) => {
                if previous.is_some_and(joins) && chars.peek().is_some_and(|&n| joins(n)) {
                    out.push(c);
                }
            }
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    trim_end_spaces(&mut out);
    out
}

/// Removes what `clean` removes from a one-line value (a file name, a front-matter string):
/// newlines become spaces too.
pub fn clean_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn trim_end_spaces(out: &mut String) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
}

/// Characters that never reach the screen: C0 and C1 controls (but newline), and the
/// invisible ones but for joiners (decided by `joins`).
fn is_removed(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
        || (is_invisible(c) && !is_joiner(c))
}

/// Characters a terminal draws as nothing or that reorder the line: bidi marks, embeddings,
/// overrides and isolates, zero-width characters (joiners too), line and paragraph
/// separators, the BOM, soft hyphens and tag characters (invisible copies of ASCII that hide
/// text).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Zero-width non-joiner and joiner.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Whether a joiner beside `c` does a joiner's work: between letters and digits (می‌خواهم in
/// Persian, क्‍ष in Devanagari, where it follows a virama), combining marks and variation
/// selectors (❤️‍🔥), and emoji (👨‍👩‍👧). A joiner beside anything else, another joiner
/// included, can only hide text.
fn joins(c: char) -> bool {
    c.is_alphanumeric()
        || is_emoji(c)
        || (!is_joiner(c) && !is_removed(c) && !c.is_control() && c.width() == Some(0))
}

/// Pictographic characters that emoji sequences are made of (the blocks of Unicode's
/// Extended_Pictographic property, and skin tones).
pub fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2300}'..='\u{23FF}'
        | '\u{2B00}'..='\u{2BFF}' | '\u{2190}'..='\u{21FF}' | '\u{25A0}'..='\u{25FF}'
        | '\u{A9}' | '\u{AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{24C2}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, an OSC/DCS/SOS/PM/APC string, or a single character.
fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character sequences such as ESC ( B take their final byte too.
        Some('(' | ')' | '*' | '+' | '#' | '%' | ' ') => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters and intermediates up to and including the final byte.
fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        chars.next();
        if ('\u{40}'..='\u{7E}').contains(&c) || !(' '..='\u{7E}').contains(&c) {
            break;
        }
    }
}

/// Skips a control string up to BEL, ST (ESC \ or U+009C), or the end of the line: a string
/// left unterminated must not swallow the rest of the article.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9C}' => {
                chars.next();
                return;
            }
            '\u{1B}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences_and_controls() {
        let dirty = "a\u{1b}[2J\u{1b}]0;title\u{7}b\u{1b}]52;c;aGk=\u{1b}\\c\u{9b}31md\u{202e}e\u{200b}f\u{ad}g\u{7}";
        assert_eq!(clean(dirty), "abcdefg");
    }

    #[test]
    fn line_breaks_by_other_names_break_lines_instead_of_gluing_words() {
        assert_eq!(
            clean("story\u{2028}line\u{2029}sep\u{85}NEL and\u{b}VT form\u{c}feed"),
            "story\nline\n\nsep\nNEL and\nVT form\nfeed"
        );
        assert_eq!(clean_line("a\u{2028}b\u{85}c"), "a b c");
        // In JSON and front matter, where a raw line break inside a string is invalid.
        assert_eq!(
            clean_structured("{\"title\": \"Line\u{2028}sep\u{2029}x\u{b}y\"}"),
            "{\"title\": \"Line sep x y\"}"
        );
    }

    #[test]
    fn joiners_that_join_are_kept_and_the_others_removed() {
        let kept = [
            // Persian "I want": a non-joiner between two letters.
            "می\u{200C}خواهم",
            // Devanagari: a joiner after a virama.
            "क्\u{200D}ष",
            // Emoji sequences: a family, a heart on fire (after a variation selector), a
            // rainbow flag, a skin-toned profession.
            "👨\u{200D}👩\u{200D}👧",
            "❤\u{FE0F}\u{200D}🔥",
            "🏳\u{FE0F}\u{200D}🌈",
            "👩🏽\u{200D}🚒",
        ];
        for text in kept {
            assert_eq!(clean(text), text, "{text:?}");
            assert_eq!(clean_line(text), text, "{text:?}");
        }
        // Joiners that hide text: doubled, at the edge of a word, beside spaces, mixed with
        // other zero-width characters; tag characters (invisible ASCII).
        for (dirty, cleaned) in [
            ("pass\u{200D}\u{200C}word", "password"),
            ("\u{200D}start end\u{200C}", "start end"),
            ("a \u{200D} b", "a  b"),
            ("se\u{200B}\u{200C}\u{200B}cret", "secret"),
            ("x\u{E0068}\u{E0069}y", "xy"),
            ("\u{1b}[1m\u{200D}a", "a"),
        ] {
            assert_eq!(clean(dirty), cleaned, "{dirty:?}");
        }
    }

    #[test]
    fn normalises_line_endings_and_spaces() {
        assert_eq!(clean("a\r\nb\rc\t d\u{a0}e  \nf"), "a\nb\nc  d e\nf");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(clean("x\u{1b}]8;;http://e\nstory"), "x\nstory");
    }
}
