//! HTML entities left in a dump by a page copied as source ("&#163;1.8m", "&amp;", "&nbsp;"),
//! decoded once: "&amp;amp;" becomes "&amp;", as the page showed it.

use std::borrow::Cow;

/// Named entities that news pages use; others are left as they stand.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("ldquo", '\u{201C}'),
    ("rdquo", '\u{201D}'),
    ("laquo", '\u{AB}'),
    ("raquo", '\u{BB}'),
    ("hellip", '\u{2026}'),
    ("bull", '\u{2022}'),
    ("middot", '\u{B7}'),
    ("pound", '\u{A3}'),
    ("euro", '\u{20AC}'),
    ("yen", '\u{A5}'),
    ("cent", '\u{A2}'),
    ("copy", '\u{A9}'),
    ("reg", '\u{AE}'),
    ("trade", '\u{2122}'),
    ("deg", '\u{B0}'),
    ("eacute", '\u{E9}'),
    ("egrave", '\u{E8}'),
    ("aacute", '\u{E1}'),
    ("agrave", '\u{E0}'),
    ("iacute", '\u{ED}'),
    ("oacute", '\u{F3}'),
    ("uacute", '\u{FA}'),
    ("ntilde", '\u{F1}'),
    ("ccedil", '\u{E7}'),
    ("auml", '\u{E4}'),
    ("ouml", '\u{F6}'),
    ("uuml", '\u{FC}'),
    ("szlig", '\u{DF}'),
];

/// The text with its entities decoded, or the text itself when it has none. The caller
/// cleans the result again: an entity may name a control character.
pub(super) fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    // The longest entity named here is 8 characters between "&" and ";".
    let (end, _) = text.char_indices().take(12).find(|(_, c)| *c == ';')?;
    let name = &text[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)?
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn entities_decoded_once() {
        assert_eq!(
            decode("&#163;1.8m fine &amp; a &nbsp;note"),
            "\u{A3}1.8m fine & a  note"
        );
        assert_eq!(
            decode("&#x2019;s &amp;amp; &rsquo;"),
            "\u{2019}s &amp; \u{2019}"
        );
        // Not entities: left as they stand.
        assert_eq!(
            decode("AT&T; Q&A &bogus; & more &#xZZ;"),
            "AT&T; Q&A &bogus; & more &#xZZ;"
        );
        assert!(matches!(
            decode("no entities"),
            std::borrow::Cow::Borrowed(_)
        ));
        // Letters of any width after an ampersand.
        assert_eq!(decode("& Finance ✕✕✕✕ &é;"), "& Finance ✕✕✕✕ &é;");
    }
}
