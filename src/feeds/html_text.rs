//! An item's HTML content as plain paragraphs: block elements end paragraphs, headings become
//! subheads, quotations are marked, scripts and styles are dropped, entities decoded. This is
//! for the small, clean HTML that feeds carry; whole web pages go to the saved-page reader.

/// One paragraph of an item's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub kind: TextKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Paragraph,
    Subhead,
    Quote,
    ListItem,
}

/// Elements whose text is never shown.
const HIDDEN: [&str; 8] = [
    "script", "style", "noscript", "template", "svg", "iframe", "head", "object",
];
/// Elements that start and end a paragraph.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "hr",
];

/// The text of an HTML fragment (plain text, with no tags, works too) as paragraphs.
pub fn paragraphs(html: &str) -> Vec<TextBlock> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut hidden: Option<String> = None;
    let mut quote_depth = 0usize;
    let mut heading = false;
    let mut list_item = false;
    let mut rest = html;
    let flush = |text: &mut String, kind: TextKind, out: &mut Vec<TextBlock>| {
        let clean = collapse(&decode_entities(text));
        text.clear();
        if !clean.is_empty() {
            out.push(TextBlock { kind, text: clean });
        }
    };
    // Plain text carries its paragraphs in blank lines.
    if !html.contains('<') {
        for p in html.split("\n\n") {
            let mut p = p.to_owned();
            flush(&mut p, TextKind::Paragraph, &mut out);
        }
        return out;
    }
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if hidden.is_none() {
                text.push_str(rest);
            }
            break;
        };
        if hidden.is_none() {
            text.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|i| &after[i + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone "<" in text.
            if hidden.is_none() {
                text.push_str(rest);
            }
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(h) = &hidden {
            if closing && *h == name {
                hidden = None;
            }
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            hidden = Some(name);
            continue;
        }
        if !BLOCKS.contains(&name.as_str()) {
            continue;
        }
        let kind = if heading {
            TextKind::Subhead
        } else if list_item {
            TextKind::ListItem
        } else if quote_depth > 0 {
            TextKind::Quote
        } else {
            TextKind::Paragraph
        };
        flush(&mut text, kind, &mut out);
        let is_heading = name.len() == 2 && name.starts_with('h') && name != "hr";
        match (name.as_str(), closing) {
            ("blockquote", false) => quote_depth += 1,
            ("blockquote", true) => quote_depth = quote_depth.saturating_sub(1),
            ("li", open) => list_item = !open,
            (_, open) if is_heading => heading = !open,
            _ => {}
        }
    }
    let kind = if quote_depth > 0 {
        TextKind::Quote
    } else {
        TextKind::Paragraph
    };
    flush(&mut text, kind, &mut out);
    out
}

/// How much text a fragment holds, in characters of its paragraphs.
pub fn text_length(blocks: &[TextBlock]) -> usize {
    blocks.iter().map(|b| b.text.chars().count()).sum()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes character references: numeric ones and the named ones feeds use.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|j| j + 1);
        let decoded = end
            .filter(|&j| rest[j..].starts_with(';') && j <= 32)
            .and_then(|j| Some((entity(&rest[1..j])?, j + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bdquo" => '„',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "eacute" => 'é',
        "egrave" => 'è',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_paragraphs() {
        let html = "<p>First &amp; <b>bold</b>.</p><h2>Sub</h2><script>x()</script>\
                    <blockquote><p>&ldquo;Quoted&rdquo;</p></blockquote><ul><li>One</li></ul>tail<br>end &bogus;";
        let blocks = paragraphs(html);
        let got: Vec<(TextKind, &str)> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (TextKind::Paragraph, "First & bold."),
                (TextKind::Subhead, "Sub"),
                (TextKind::Quote, "“Quoted”"),
                (TextKind::ListItem, "One"),
                (TextKind::Paragraph, "tail"),
                (TextKind::Paragraph, "end &bogus;"),
            ]
        );
    }

    #[test]
    fn plain_text_keeps_its_paragraphs() {
        let blocks = paragraphs("One\nline.\n\nTwo.");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, "One line.");
    }
}
