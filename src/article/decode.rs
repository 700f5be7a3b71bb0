//! Decoding a file's bytes to text as browsers do: byte order mark, then (for a web page) the
//! page's own `<meta charset>`, then UTF-8 when the bytes are UTF-8, else a guess by chardetng.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Why a file's bytes could not be read as text at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
}

/// Text decoded from a file's bytes, with a note when decoding had to guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes a text file: a byte order mark (UTF-8, UTF-16LE, UTF-16BE) decides; else UTF-8 when
/// the bytes are valid UTF-8; else the encoding chardetng finds most likely (Shift_JIS,
/// Windows-1251, GBK, ...), which is said in the warning. Bytes that hold well-formed UTF-8
/// sequences among bad ones are read as damaged UTF-8, with replacement characters.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_declared(bytes, None)
}

/// Whether bytes are no text: NUL bytes, which text never holds, more than one in a thousand
/// (compressed and binary data hold one in 256 at random). A stray NUL in a saved page or a
/// text file is removed by hygiene like any control, and the rest is read, as a browser does.
fn looks_binary(bytes: &[u8]) -> bool {
    let nuls = memchr::memchr_iter(0, bytes).count();
    nuls > 0 && nuls * 1000 > bytes.len()
}

/// Decodes a web page: as [`decode`], except that the page's own declaration (`<meta
/// charset>` or `http-equiv="Content-Type"` in its first 4 KB) is followed when the bytes are
/// not valid UTF-8. Valid UTF-8 wins over a declaration, unlike in a browser: a page saved to
/// disk has often been re-encoded to UTF-8 by the program that saved it, declaration and all.
pub fn decode_html(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_declared(bytes, declared_charset(bytes))
}

fn decode_declared(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let warning =
            (encoding != UTF_8).then(|| format!("read as {} (byte order mark)", encoding.name()));
        return Ok(Decoded {
            text: text.into_owned(),
            warning,
        });
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            warning: None,
        });
    }
    if let Some(encoding) = declared.filter(|e| *e != UTF_8) {
        let (text, _, bad) = encoding.decode(bytes);
        let warning = format!(
            "read as {} (the page says so){}",
            encoding.name(),
            if bad {
                "; bad bytes replaced with \u{FFFD}"
            } else {
                ""
            }
        );
        return Ok(Decoded {
            text: text.into_owned(),
            warning: Some(warning),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    if guess == UTF_8 || declared == Some(UTF_8) || mostly_utf8(bytes) {
        let err = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            warning: Some(format!(
                "invalid UTF-8 at byte {err}; bad bytes replaced with \u{FFFD}"
            )),
        });
    }
    // A few accented letters or a pound sign in English text are too little for chardetng to
    // tell Western from Central European: Windows-1252, the Web's most common single-byte
    // encoding, is the better bet. Text in another alphabet (Cyrillic, Greek) is mostly
    // non-ASCII and keeps the guess; so do the multi-byte encodings.
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let guess = if guess.is_single_byte() && non_ascii * 20 < bytes.len() {
        WINDOWS_1252
    } else {
        guess
    };
    let (text, _, _) = guess.decode(bytes);
    let name = if guess == WINDOWS_1252 {
        "Windows-1252 (Latin-1)"
    } else {
        guess.name()
    };
    Ok(Decoded {
        text: text.into_owned(),
        warning: Some(format!("not valid UTF-8; read as {name} (detected)")),
    })
}

/// True when well-formed multi-byte UTF-8 sequences are at least as many as runs of malformed
/// bytes: a UTF-8 file
/// with some damage, not a legacy encoding (whose bytes form valid UTF-8 only by chance).
fn mostly_utf8(bytes: &[u8]) -> bool {
    // Bad bytes are counted in runs: one damaged spot may break several bytes.
    let (mut good, mut bad, mut in_run) = (0usize, 0usize, false);
    for chunk in bytes.utf8_chunks() {
        if !chunk.valid().is_empty() {
            in_run = false;
        }
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() && !in_run {
            bad += 1;
            in_run = true;
        }
    }
    good > 0 && good >= bad
}

/// The encoding a page declares in its first 4 KB: `<meta charset="x">` or `<meta
/// http-equiv="Content-Type" content="text/html; charset=x">`. As browsers do, a declared
/// UTF-16 means UTF-8 (the bytes would have had a byte order mark) and x-user-defined
/// Windows-1252.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let mut rest = head;
    while let Some(at) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[at + 5..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(label) = charset_in(tag) {
            let encoding = Encoding::for_label(label)?;
            return Some(match encoding.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => WINDOWS_1252,
                _ => encoding,
            });
        }
        rest = &rest[at + 5 + end..];
    }
    None
}

/// The value after `charset=` in a meta tag's bytes, without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find_ascii_ci(tag, b"charset")?;
    let after = &tag[at + 7..];
    let after = trim_start(after);
    let after = trim_start(after.strip_prefix(b"=")?);
    let after = after
        .strip_prefix(b"\"")
        .or(after.strip_prefix(b"'"))
        .unwrap_or(after);
    let len = after
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
        .unwrap_or(after.len());
    (len > 0).then(|| &after[..len])
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_and_utf16() {
        let latin = decode(b"The price of the house costs \xa310 and the caf\xe9 is open").unwrap();
        assert_eq!(
            latin.text,
            "The price of the house costs £10 and the café is open"
        );
        assert!(latin.warning.unwrap().contains("Windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().text, "hé");
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary));
        let stray = format!("{}\0{}", "A line of text. ".repeat(100), "More text.");
        assert!(
            decode(stray.as_bytes())
                .unwrap()
                .text
                .contains("More text.")
        );
        let png_like: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        assert_eq!(decode(&png_like), Err(DecodeError::Binary));
        let damaged = decode(
            "caf\u{e9} ok"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert!(damaged.text.starts_with("café ok"));
        assert!(damaged.warning.unwrap().contains("invalid UTF-8"));
    }

    #[test]
    fn detects_legacy_encodings_of_text() {
        let text = "東京の天気は明日から雨になる見込みです。気象庁によると、週末にかけて各地で強い雨が降るおそれがあります。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, text);
        assert!(decoded.warning.unwrap().contains("Shift_JIS"));
        let text = "Городской совет утвердил новый бюджет на следующий год после долгих споров.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes).unwrap().text, text);
    }

    #[test]
    fn follows_the_page_declaration() {
        let page = b"<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>\xf0\xd2\xc9\xd7\xc5\xd4</body></html>";
        let decoded = decode_html(page).unwrap();
        assert!(decoded.text.contains("Привет"), "{}", decoded.text);
        assert!(decoded.warning.unwrap().contains("KOI8-R"));
        assert_eq!(declared_charset(b"<meta charset='utf-16'>"), Some(UTF_8));
        assert_eq!(
            declared_charset(b"<meta charset = \"Shift_JIS\" />"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(declared_charset(b"<meta name=x content=y>"), None);
        // Valid UTF-8 wins over a stale declaration.
        let saved = "<meta charset=iso-8859-1><p>café</p>";
        assert_eq!(decode_html(saved.as_bytes()).unwrap().text, saved);
    }
}
