//! Text and addresses written into Markdown (the bookmarks export) so that they stay text:
//! no emphasis, link, image or raw HTML can come from a headline or an address.

/// `text` with every character Markdown or HTML could act on backslash-escaped (CommonMark
/// allows an escape before any ASCII punctuation, and shows the character itself).
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '.'
                | '!'
                | '|'
                | '<'
                | '>'
                | '&'
                | '~'
                | '"'
                | '='
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An address as a link (`<https://...>`) when it is http or https, else as code: a
/// `javascript:` or `data:` address, or a file path, is never made clickable. In the link,
/// what would end it or break it (`<`, `>`, spaces) is percent-encoded.
pub fn address(address: &str) -> String {
    let lower = address.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return code(address);
    }
    let mut out = String::from("<");
    for c in address.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// `text` as a code span, shown exactly as it is: its fence is one backtick longer than the
/// longest run of backticks inside.
pub fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A space keeps a backtick at either end from joining the fence (CommonMark strips it).
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_headline_stays_text() {
        assert_eq!(
            text("Evil **bold** <img src=x onerror=alert(1)> [x](javascript:alert(1))"),
            r"Evil \*\*bold\*\* \<img src\=x onerror\=alert\(1\)\> \[x\]\(javascript:alert\(1\)\)"
        );
        assert_eq!(text("Plain words, 42"), "Plain words, 42");
    }

    #[test]
    fn only_web_addresses_become_links_and_cannot_break_out() {
        assert_eq!(
            address("https://example.org/a>b c<d"),
            "<https://example.org/a%3Eb%20c%3Cd>"
        );
        assert_eq!(address("HTTP://example.org/"), "<HTTP://example.org/>");
        assert_eq!(address("javascript:alert(1)"), "`javascript:alert(1)`");
        assert_eq!(address("/home/me/news/a_b.txt"), "`/home/me/news/a_b.txt`");
        assert_eq!(address("/news/``odd`.txt"), "```/news/``odd`.txt```");
        assert_eq!(address("/news/odd`"), "`` /news/odd` ``");
    }
}
