//! Site chrome: menus, share widgets, subscription and cookie boxes, known by their words.

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
    // Share and print buttons in other languages.
    "teilen",
    "artikel teilen",
    "diesen artikel teilen",
    "drucken",
    "partager",
    "partager cet article",
    "imprimer",
    "compartir",
    "imprimir",
    "condividi",
    "stampa",
    "delen",
    "シェア",
    "分享",
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

#[cfg(test)]
pub fn chrome(text: &str, words: usize) -> Chrome {
    chrome_folded(&super::fold(text), words)
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

#[cfg(test)]
mod tests {
    use super::*;

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
