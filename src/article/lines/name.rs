//! Names of people on a byline: splitting "A, B and C", cutting what a page dump glues on,
//! and telling a line of bare names from a headline or a menu.

use crate::article::{Date, date};

/// Organisations and roles that follow names on a byline line and are not names.
const NOT_NAMES: &[&str] = &[
    "associated press",
    "the associated press",
    "reuters",
    "afp",
    "ap",
    "cnn",
    "bbc news",
    "staff",
    "staff writer",
    "staff reporter",
    "senior writer",
    "contributor",
    "columnist",
    "opinion columnist",
    "correspondent",
    "editor",
    "reporter",
    "published",
    "updated",
    "min read",
    "bloomberg",
];

/// Splits "A, B and C" into names, dropping organisations, roles, dates and place qualifiers.
pub fn split_names(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches(['.', ',', ';']);
    // "JANE DOE Associated Press": the capitalised run is the name.
    let text = caps_run(text).unwrap_or_else(|| text.to_owned());
    let mut names = Vec::new();
    for part in text
        .split([',', '&', ';'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
    {
        let mut name = part.trim();
        // "David Stamp in Geneva": drop the place.
        if let Some(i) = name.find(" in ") {
            name = &name[..i];
        }
        for suffix in ["for ", "at ", "from ", "using ", "with "] {
            if let Some(i) = name.find(&format!(" {suffix}")) {
                name = &name[..i];
            }
        }
        let Some(name) = clean_name(name) else {
            continue;
        };
        let name = name.as_str();
        let lower = name.to_lowercase();
        let words = name.split_whitespace().count();
        if name.is_empty()
            || words > 5
            || NOT_NAMES.contains(&lower.as_str())
            || Date::find_in(name).is_some()
        {
            continue;
        }
        if !name.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        // "Von Mensch zu Mensch" is a column's title: a name's lower-case words are particles.
        const PARTICLES: &[&str] = &[
            "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos",
            "das", "bin", "al", "el", "ter", "ten", "y", "e",
        ];
        if name
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase) && !PARTICLES.contains(&w))
        {
            continue;
        }
        let name = strip_trailing_org(name);
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

/// Where a page dump glued a link or role onto a name ("HusbandTwitter", "BlumeStaff"): a
/// capital straight after a lower-case letter, with three letters or more on each side, so
/// that "McDonald", "DeAndre" and "LaToya" stay whole ("Mac" is a name's prefix too).
fn glued_at(token: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    (1..chars.len())
        .map(|k| (k, chars[k]))
        .find_map(|(k, (j, c))| {
            let before: String = chars[..k]
                .iter()
                .rev()
                .map(|(_, c)| *c)
                .take_while(|c| c.is_alphabetic())
                .collect();
            let after = chars[k..]
                .iter()
                .take_while(|(_, c)| c.is_alphabetic())
                .count();
            (c.is_uppercase()
                && chars[k - 1].1.is_lowercase()
                && before.chars().count() >= 3
                && before != "caM"
                && after >= 3)
                .then_some(j)
        })
}

/// `text` up to a role or link glued to its end by a page dump: "Andrew HusbandTwitterNews &
/// Culture Writer" -> "Andrew Husband".
pub fn cut_glued(text: &str) -> &str {
    let mut offset = 0;
    for t in text.split(' ') {
        if let Some(j) = glued_at(t) {
            return &text[..offset + j];
        }
        offset += t.len() + 1;
    }
    text
}

/// A name with what a page dump puts after it cut off: a handle, a date, a reading time.
fn clean_name(name: &str) -> Option<String> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let lower = t.to_lowercase();
        let next_is_number = tokens
            .get(i + 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        if t.starts_with(['@', '|', '-', '\u{2013}', '\u{2014}', '('])
            || t.starts_with(|c: char| c.is_ascii_digit())
            || ["on", "updated", "published", "posted", "at", "is", "was"].contains(&lower.as_str())
            || date::month_of(t).is_some() && next_is_number
        {
            break;
        }
        // "Brisbee@GrantBrisbee": a handle glued on ends the name, before any glued role.
        if let Some((before, _)) = t.split_once('@') {
            if !before.is_empty() {
                out.push(before);
            }
            break;
        }
        if let Some(j) = glued_at(t) {
            out.push(&t[..j]);
            break;
        }
        out.push(t);
    }
    let name = out.join(" ");
    let name = name.trim().trim_end_matches(['.', ',', ':', ';']);
    (!name.is_empty()).then(|| name.to_owned())
}

/// A line that is only a person's name or two: "Julia Carrie Wong and Sam Levin".
pub fn bare_names(text: &str) -> Option<Vec<String>> {
    if text.len() > 200 {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2
        || words.len() > 9
        || text
            .chars()
            .any(|c| c.is_ascii_digit() || "|:!?.,".contains(c) && c != ',')
    {
        return None;
    }
    let joiners = [
        "and", "&", "und", "et", "y", "van", "von", "de", "der", "da", "di", "du", "la", "le",
        "bin", "al",
    ];
    let capitalised = words.iter().all(|w| {
        joiners.contains(w)
            || w.starts_with(|c: char| c.is_uppercase())
                && !w.chars().skip(1).all(char::is_uppercase)
    });
    if !capitalised {
        return None;
    }
    // Headlines are capitalised too, but names do not hold these words.
    const NOT_IN_NAMES: &[&str] = &[
        "are",
        "is",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "with",
        "a",
        "an",
        "its",
        "new",
        "how",
        "why",
        "what",
        "says",
        "said",
        "will",
        "be",
        "at",
        "by",
        "from",
        "as",
        "after",
        "over",
        "into",
        "writer",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "staff",
        "contributor",
        "culture",
        "news",
        "image",
        "images",
        "photo",
        "photos",
        "menu",
        "search",
        "home",
        "video",
        "more",
    ];
    if words
        .iter()
        .any(|w| NOT_IN_NAMES.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    let names = split_names(text);
    (!names.is_empty()
        && names
            .iter()
            .all(|n| (2..=3).contains(&n.split_whitespace().count())))
    .then_some(names)
}

fn strip_trailing_org(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for org in NOT_NAMES {
        if let Some(stripped) = lower.strip_suffix(&format!(" {org}")) {
            return name[..stripped.len()].trim().to_owned();
        }
    }
    name.to_owned()
}

/// "JANE DOE Associated Press" -> "Jane Doe"; None unless the line has an all-capitals run of
/// two or more words followed by other words.
fn caps_run(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_caps =
        |w: &&str| w.chars().any(char::is_alphabetic) && w.chars().all(|c| !c.is_lowercase());
    let run = words.iter().take_while(|w| is_caps(w)).count();
    if run < 2 || run == words.len() && !words.iter().any(|w| w.len() > 1) {
        return None;
    }
    let titled: Vec<String> = words[..run]
        .iter()
        .map(|w| {
            if *w == "AND" || *w == "&" {
                return "and".to_owned();
            }
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase())
                } else {
                    out.extend(c.to_lowercase())
                }
                start = !c.is_alphabetic();
            }
            out
        })
        .collect();
    Some(titled.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_roles_are_cut() {
        assert_eq!(
            cut_glued("Andrew HusbandTwitterNews & Culture Writer"),
            "Andrew Husband"
        );
        assert_eq!(cut_glued("Jane McDonald"), "Jane McDonald");
        assert_eq!(cut_glued("Ewan MacGregor"), "Ewan MacGregor");
        assert_eq!(cut_glued("DeAndre Jones"), "DeAndre Jones");
        assert_eq!(cut_glued("Mia BlumeStaff Writer"), "Mia Blume");
        // A handle glued to the name, itself in two capitalised parts.
        assert_eq!(split_names("Ann Berg@AnnBerg"), ["Ann Berg"]);
    }
}
