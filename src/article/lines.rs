//! Recognisers for the kinds of line a saved page holds besides the story: site chrome, photo
//! captions, bylines, dates and wire credit lines. Each works on one line of text.

use super::{Credit, Date, Photo};

/// Whole short lines that are site chrome on any news site. A helper to the shape rules in
/// `dump`, which decide most lines.
const CHROME_LINES: &[&str] = &[
    "recommended",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "skip to site index",
    "sign in",
    "sign up",
    "log in",
    "login",
    "log out",
    "register",
    "subscribe",
    "subscribe now",
    "newsletter",
    "newsletters",
    "menu",
    "main menu",
    "search",
    "home",
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "email",
    "print",
    "copy link",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "most popular",
    "most read",
    "most viewed",
    "more articles",
    "more stories",
    "more from",
    "related",
    "related articles",
    "related stories",
    "related content",
    "read more",
    "read next",
    "continue reading",
    "continue reading the main story",
    "was this article helpful?",
    "comments",
    "leave a comment",
    "show comments",
    "view comments",
    "accept",
    "accept all",
    "accept cookies",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "follow us",
    "support us",
    "trending",
    "trending now",
    "you may also like",
    "you might also like",
    "don't miss",
    "back to top",
    "load more",
    "top stories",
    "latest news",
    "latest",
    "editor's picks",
    "sections",
    "today's paper",
    "supported by",
    "close",
    "open menu",
    "close menu",
    "next article",
    "previous article",
    "listen",
    "listen to this article",
    "save",
    "saved",
    "bookmark",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "instagram",
    "youtube",
    "x",
    "watch",
    "video",
    "photos",
    "gallery",
    "topics",
    "tags",
    "filed under",
    "about us",
    "contact us",
    "contact",
    "site map",
    "sitemap",
    "help",
    "faq",
    "rss",
    "news",
    "opinion",
    "more",
    "up next",
    "featured",
    "popular",
    "ad",
    "loading",
    "loading...",
    "get the app",
];

/// Phrases that mark a short line as chrome wherever they stand in it.
const CHROME_PHRASES: &[&str] = &[
    "all rights reserved",
    "subscribe to",
    "subscribe for",
    "sign up for",
    "sign up to",
    "newsletter",
    "make a donation",
    "recurring donation",
    "one-time donation",
    "donate now",
    "donate today",
    "click here",
    "follow us",
    "was this article helpful",
    "javascript",
    "your browser",
    "terms of service",
    "privacy policy",
    "reading list",
    "create an account",
    "create a free account",
    "already a subscriber",
    "already have an account",
    "log in to",
    "sign in to",
    "get our latest",
    "get the latest",
    "delivered to your inbox",
    "to your inbox",
    "support our journalism",
    "support independent journalism",
    "become a member",
    "share on",
    "share this",
    "comments",
    "download the app",
    "free trial",
    "unlimited access",
    "©",
    "(c) 20",
    "copyright 20",
    "keep reading",
    "read more",
    "see more",
    "related:",
    "read also",
    "also read",
    "more from",
    "recommended for you",
    "sponsored by",
    "whatsapp",
    "notifications",
    "this site uses",
];

pub fn fold(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| {
            c.is_ascii_punctuation() && c != '?' && c != '\''
                || c == '·'
                || c == '•'
                || c == '›'
                || c == '»'
        })
        .to_lowercase()
        .replace('\u{2019}', "'")
}

/// How sure we are that a line is site chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Chrome {
    No,
    Likely,
    Sure,
}

/// Matches any of the chrome phrases in one pass over a line.
static CHROME_PHRASE_MATCHER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(CHROME_PHRASES).expect("phrases compile")
    });

/// Words without which a line cannot hold a photo credit: most lines are rejected by one scan.
static CAPTION_HINTS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build([
                "photo",
                "image",
                "picture",
                "credit",
                "illustration",
                "foto",
                "(ap",
                "(reuters",
                "(afp",
                "(getty",
                "(epa",
            ])
            .expect("hints compile")
    });

#[cfg(test)]
pub fn chrome(text: &str, words: usize) -> Chrome {
    chrome_folded(&fold(text), words)
}

/// `chrome` for a line already folded by `fold`.
pub fn chrome_folded(folded: &str, words: usize) -> Chrome {
    if folded.is_empty() || CHROME_LINES.contains(&folded) {
        return Chrome::Sure;
    }
    if words <= 6
        && CHROME_LINES
            .iter()
            .any(|p| p.contains(' ') && folded.starts_with(p))
    {
        return Chrome::Sure;
    }
    if folded.starts_with('©') || folded.starts_with("copyright ") || folded.starts_with("(c) ") {
        return Chrome::Sure;
    }
    if words <= 30 && CHROME_PHRASE_MATCHER.is_match(folded) {
        return Chrome::Likely;
    }
    // Share widgets: "Share this on Facebook", "Share All sharing options for: <headline>".
    let share_widget = [
        "share this",
        "share on",
        "share all",
        "share via",
        "share the story",
        "share:",
        "share article",
        "share story",
    ];
    if words <= 30 && share_widget.iter().any(|p| folded.starts_with(p)) {
        return Chrome::Sure;
    }
    // A comment count, a share count, a reading time.
    // Cookie notices speak to the reader too; a story about cookies does not.
    if words <= 40
        && folded.contains("cookie")
        && [
            "we use",
            "accept",
            "consent",
            "policy",
            "this site",
            "our site",
            "you agree",
        ]
        .iter()
        .any(|p| folded.contains(p))
    {
        return Chrome::Likely;
    }
    // Appeals to the reader: a donation asked of "you", not one reported in the news.
    if words <= 40
        && folded.contains("donat")
        && (folded.contains("you")
            || folded.contains("support our")
            || folded.contains("support us"))
    {
        return Chrome::Likely;
    }
    let counted = folded.starts_with(|c: char| c.is_ascii_digit());
    if words <= 4
        && (counted && (folded.ends_with(" comments") || folded.ends_with(" shares"))
            || folded.ends_with(" min read"))
    {
        return Chrome::Sure;
    }
    Chrome::No
}

/// Words that name where a photo came from.
const PHOTO_SOURCES: &[&str] = &[
    "getty images",
    "reuters",
    "associated press",
    "ap photo",
    "afp",
    "epa",
    "shutterstock",
    "istock",
    "alamy",
    "pa media",
    "pa wire",
    "bloomberg",
    "xinhua",
    "picture alliance",
    "dpa",
    "courtesy",
    "handout",
    "file photo",
    "the new york times",
    "the washington post",
];

const CREDIT_MARKERS: &[&str] = &[
    "(photo:",
    "(photo by",
    "(image:",
    "(picture:",
    "(photograph:",
    "(credit:",
    "(illustration:",
    "(ap photo",
    "(reuters",
    "(afp",
    "(getty",
    "(epa",
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "picture:",
    "credit:",
    "credit...",
    "credits:",
    "illustration:",
    "image credit:",
    "photo credit:",
    "(photo credit:",
    "foto:",
];

/// A photo caption with its credit: "A man speaks. | (Photo: REUTERS/Carlos Barria)",
/// "A man speaks. Photo: Jane Roe/AFP via Getty Images", "A man speaks. (Getty Images)".
/// A line that is only a credit gives an empty caption.
pub fn caption(text: &str) -> Option<Photo> {
    if !CAPTION_HINTS.is_match(text) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let (at, marker) = CREDIT_MARKERS
        .iter()
        .filter_map(|m| lower.rfind(m).map(|i| (i, *m)))
        .filter(|(i, _)| *i == 0 || lower[..*i].ends_with([' ', '|', '.', ')', '(']))
        .max_by_key(|(i, m)| (*i, m.len()))?;
    // "(Photo: X)": the bracket belongs to the marker.
    let (at, marker) = match lower[..at].ends_with('(') && !marker.starts_with('(') {
        true => (at - 1, &lower[at - 1..at + marker.len()]),
        false => (at, marker),
    };
    let credit_part = &text[at..];
    let words = credit_part.split_whitespace().count();
    if words > 14 {
        return None;
    }
    let mut credit = credit_part[marker.len()..]
        .trim()
        .trim_end_matches(')')
        .trim()
        .to_owned();
    if ["(getty", "(reuters", "(afp", "(epa", "(ap photo"].contains(&marker) {
        // "(Getty Images)", "(AP Photo/Jane Roe)": the marker is part of the credit itself.
        credit = credit_part
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
            .to_owned();
    }
    if credit.is_empty() {
        return None;
    }
    let caption = text[..at].trim().trim_end_matches('|').trim().to_owned();
    Some(Photo {
        caption,
        credit: Some(credit),
    })
}

/// A bare parenthesised photo source at the end of a line: "... meeting. (Getty Images)".
pub fn trailing_photo_source(text: &str) -> Option<Photo> {
    let open = text.rfind('(')?;
    let inside = text[open + 1..].strip_suffix(')')?;
    let lower = inside.to_ascii_lowercase();
    (inside.split_whitespace().count() <= 8 && PHOTO_SOURCES.iter().any(|s| lower.contains(s)))
        .then(|| Photo {
            caption: text[..open].trim().trim_end_matches('|').trim().to_owned(),
            credit: Some(inside.trim().to_owned()),
        })
}

/// A line that is only a photo credit: "Scott Heins/Gothamist", "Getty Images".
pub fn credit_line(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let lower = text.to_ascii_lowercase();
    (1..=6).contains(&words)
        && !text.ends_with('.')
        && (text.contains('/') && !text.contains("://")
            || PHOTO_SOURCES.iter().any(|s| lower.contains(s)))
}

/// A byline and what else its line says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Byline {
    pub names: Vec<String>,
    pub date: Option<Date>,
}

const BYLINE_PREFIXES: &[&str] = &[
    "投稿者",
    "著者",
    "作者",
    "記者",
    "记者",
    "by:",
    "by",
    "written by",
    "words by",
    "author:",
    "authors:",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
];

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

/// "By Jane Doe", "By JANE DOE Associated Press", "By A and B | Published March 3, 2024 | 5 min read".
pub fn byline(text: &str) -> Option<Byline> {
    // Never a paragraph: do not count the words of one.
    if text.len() > 400 {
        return None;
    }
    let words = text.split_whitespace().count();
    if !(2..=24).contains(&words) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    // "By Jane Doe", "ByJane Doe" (a page dump glues link text), "by Jane Doe".
    let prefix = BYLINE_PREFIXES.iter().find(|p| {
        lower.starts_with(*p)
            && (lower[p.len()..].starts_with(|c: char| c == ' ' || p.ends_with(':'))
                || **p == "by" && text[2..].starts_with(|c: char| c.is_uppercase()))
    });
    let Some(prefix) = prefix else {
        // "January 17, 2017 at 6:08 PM ET by Kori Schulman"
        let at = lower.rfind(" by ")?;
        let date = Date::find_in(&text[..at])?;
        let rest = text[at + 4..].trim();
        let mut names = split_names(rest);
        // "Posted on 2019年4月13日 by doumae": after a date, a user name counts too.
        let handle = |c: char| c.is_alphanumeric() || "_.-".contains(c);
        if names.is_empty() && !rest.is_empty() && rest.len() <= 30 && rest.chars().all(handle) {
            names.push(rest.to_owned());
        }
        return (!names.is_empty() && words <= 16).then_some(Byline {
            names,
            date: Some(date),
        });
    };
    let rest = text[prefix.len()..].trim_start_matches([' ', ':']);
    // Names start with a capital letter: "By making a donation" is a sentence, not a byline.
    if !rest.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut parts = rest.split(['|', '•', '·']).map(str::trim);
    let names_part = parts.next()?;
    let date = Date::find_in(text);
    let names = split_names(names_part);
    (!names.is_empty()).then_some(Byline { names, date })
}

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

/// Words glued to a name by a page dump: "BlumeStaff Writer", "HusbandTwitter".
const GLUED: &[&str] = &[
    "Staff",
    "Twitter",
    "Senior",
    "Contributor",
    "News",
    "Reporter",
    "Writer",
    "Editor",
    "Correspondent",
    "Facebook",
    "Email",
    "Follow",
    "More",
    "Updated",
    "Published",
];

/// `text` up to a role or link glued to its end by a page dump: "Andrew HusbandTwitterNews &
/// Culture Writer" -> "Andrew Husband".
pub fn cut_glued(text: &str) -> &str {
    let mut offset = 0;
    for t in text.split(' ') {
        let glued = t.char_indices().skip(1).find(|(j, _)| {
            GLUED.iter().any(|g| t[*j..].starts_with(g))
                && t[..*j].ends_with(|c: char| c.is_lowercase())
        });
        if let Some((j, _)) = glued {
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
            || super::date::month_of(t).is_some() && next_is_number
        {
            break;
        }
        let glued = t.char_indices().skip(1).find(|(j, _)| {
            GLUED.iter().any(|g| t[*j..].starts_with(g))
                && t[..*j].ends_with(|c: char| c.is_lowercase())
        });
        if let Some((j, _)) = glued {
            out.push(&t[..j]);
            break;
        }
        let t = t.split('@').next().unwrap_or(t);
        if !t.is_empty() {
            out.push(t);
        }
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
        "saved",
        "studies",
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

/// Wire credit lines: "(Reporting by A, B and C in Geneva; Editing by F)" and "Associated Press
/// writers X and Y contributed to this report."
pub fn credits(text: &str) -> Option<Vec<Credit>> {
    let inner = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches(['.', ')', ']'])
        .trim();
    let lower = inner.to_ascii_lowercase();
    if let Some(at) = lower.find(" contributed") {
        let tail = &lower[at..];
        if !(tail.contains("to this") || tail.contains("reporting") || tail.trim() == "contributed")
            || at == 0
        {
            return None;
        }
        let before = &inner[..at];
        let role_nouns = [
            "writers",
            "writer",
            "reporters",
            "reporter",
            "correspondents",
            "correspondent",
            "staff",
        ];
        let start = role_nouns
            .iter()
            .filter_map(|n| {
                before
                    .to_ascii_lowercase()
                    .rfind(&format!("{n} "))
                    .map(|i| i + n.len() + 1)
            })
            .max()
            .unwrap_or(0);
        let names = split_names(&before[start..]);
        return (!names.is_empty()).then(|| {
            vec![Credit {
                role: "Contributing".into(),
                names,
            }]
        });
    }
    let mut found = Vec::new();
    for part in inner.split(';') {
        let part = part.trim();
        let lower = part.to_ascii_lowercase();
        let by = lower.find(" by ")?;
        let role = part[..by].trim();
        let role_lower = role.to_lowercase();
        let known = [
            "reporting",
            "writing",
            "editing",
            "additional reporting",
            "compiled",
            "research",
            "graphics",
            "production",
            "photography",
            "translation",
            "fact-checking",
            // A magazine's production credits: "Photographed by A; Styled by B; Hair by C".
            "photographed",
            "styled",
            "styling",
            "modeled",
            "modelled",
            "hair",
            "makeup",
            "make-up",
            "nails",
            "illustrated",
            "illustration",
            "design",
            "designed",
            "video",
            "produced",
        ];
        if !known
            .iter()
            .any(|k| role_lower == *k || role_lower.ends_with(&format!(" {k}")))
            || role.split_whitespace().count() > 3
        {
            return None;
        }
        let names = split_names(&part[by + 4..]);
        if names.is_empty() {
            return None;
        }
        // Roles as nouns, as the wire services write them.
        let role = match role_lower.as_str() {
            "photographed" => "Photography",
            "styled" => "Styling",
            "illustrated" => "Illustration",
            "designed" => "Design",
            "produced" => "Production",
            _ => role,
        };
        let mut role = role.to_owned();
        if let Some(first) = role.get(..1) {
            role = first.to_uppercase() + &role[1..];
        }
        // One role, one entry: "Modeled by A; Modeled by B" -> Modeled: A, B.
        match found.iter_mut().find(|c: &&mut Credit| c.role == role) {
            Some(credit) => {
                for name in names {
                    if !credit.names.contains(&name) {
                        credit.names.push(name);
                    }
                }
            }
            None => found.push(Credit { role, names }),
        }
    }
    (!found.is_empty()).then_some(found)
}

/// Whether a credit's role is a wire service's, whose credit line closes the story.
pub fn ends_story(role: &str) -> bool {
    let role = role.to_lowercase();
    [
        "reporting",
        "writing",
        "editing",
        "compiled",
        "research",
        "translation",
        "fact-checking",
        "contributing",
    ]
    .iter()
    .any(|r| role == *r || role.ends_with(&format!(" {r}")))
}

/// A line that only gives the date: "Published March 3, 2024", "Updated: 2024-03-03 10:00".
pub fn date_line(text: &str, words: usize) -> Option<Date> {
    if words > 10 {
        return None;
    }
    let date = Date::find_in(text)?;
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    // Mostly the date itself, with a word or two ("Published", "Updated") around it.
    (letters <= 40).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_in_every_form() {
        let p = caption("U.S. President speaks. | (Photo: REUTERS/Carlos Barria)").unwrap();
        assert_eq!(p.caption, "U.S. President speaks.");
        assert_eq!(p.credit.as_deref(), Some("REUTERS/Carlos Barria"));
        let p = caption("Crowds gather. Photo: Jane Roe/AFP via Getty Images").unwrap();
        assert_eq!(p.credit.as_deref(), Some("Jane Roe/AFP via Getty Images"));
        let p = trailing_photo_source("Crowds gather. (Getty Images)").unwrap();
        assert_eq!(
            (p.caption.as_str(), p.credit.as_deref()),
            ("Crowds gather.", Some("Getty Images"))
        );
        let p = caption("Trump asked voters. Credit... Doug Mills/The New York Times").unwrap();
        assert_eq!(p.credit.as_deref(), Some("Doug Mills/The New York Times"));
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe").unwrap().names, ["Jane Doe"]);
        assert_eq!(
            byline("By JANE DOE Associated Press").unwrap().names,
            ["Jane Doe"]
        );
        let b = byline("By Ann Lee and Bo Kim | Published March 3, 2024 | 5 min read").unwrap();
        assert_eq!(b.names, ["Ann Lee", "Bo Kim"]);
        assert_eq!(b.date, Date::new(2024, 3, 3));
        assert_eq!(
            byline("By making a recurring donation of any amount, you help."),
            None
        );
        // A column's title is not a name; particles are part of one.
        assert_eq!(byline("Von Mensch zu Mensch"), None);
        assert_eq!(
            byline("Von Anna von der Heide").unwrap().names,
            ["Anna von der Heide"]
        );
        // A magazine's production credits, merged by role.
        let c = credits(
            "Photographed by Ann Lee; Modeled by Bo Kim at Top Models; Modeled by Cy Day; \
             Makeup by Di Fox using Glow Cosmetics; Photographed by Ann Lee.",
        )
        .unwrap();
        let shown: Vec<String> = c
            .iter()
            .map(|c| format!("{}: {}", c.role, c.names.join(", ")))
            .collect();
        assert_eq!(
            shown,
            [
                "Photography: Ann Lee",
                "Modeled: Bo Kim, Cy Day",
                "Makeup: Di Fox"
            ]
        );
        assert!(!ends_story("Photography") && ends_story("Additional reporting"));
        // After a date, a user name.
        let b = byline("Posted on April 13, 2019 by doumae").unwrap();
        assert_eq!(
            (b.names, b.date),
            (vec!["doumae".to_owned()], Date::new(2019, 4, 13))
        );
        assert_eq!(
            cut_glued("Andrew HusbandTwitterNews & Culture Writer"),
            "Andrew Husband"
        );
        assert_eq!(cut_glued("Jane McDonald"), "Jane McDonald");
    }

    #[test]
    fn wire_credits() {
        let c = credits("(Reporting by A Bee, Cee Dee and Eff Gee in Geneva; Additional reporting by Aitch Eye; Writing by Jay Kay; Editing by El Em)").unwrap();
        let roles: Vec<_> = c.iter().map(|c| c.role.as_str()).collect();
        assert_eq!(
            roles,
            ["Reporting", "Additional reporting", "Writing", "Editing"]
        );
        assert_eq!(c[0].names, ["A Bee", "Cee Dee", "Eff Gee"]);
        let c = credits("Associated Press writers Xi Wu and Yan Li contributed to this report.")
            .unwrap();
        assert_eq!(
            c,
            [Credit {
                role: "Contributing".into(),
                names: vec!["Xi Wu".into(), "Yan Li".into()]
            }]
        );
        assert_eq!(credits("He was reporting by phone from the scene."), None);
    }

    #[test]
    fn chrome_lines() {
        assert_eq!(chrome("Most Popular", 2), Chrome::Sure);
        assert_eq!(chrome("Was this article helpful?", 4), Chrome::Sure);
        assert_eq!(
            chrome("Get our latest news delivered to your inbox", 7),
            Chrome::Likely
        );
        assert_eq!(
            chrome(
                "The minister said the plan would be published in March.",
                10
            ),
            Chrome::No
        );
    }
}
