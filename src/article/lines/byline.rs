//! Byline lines: a marker ("By", "Von", "Par", "記者") and the names after it, or a date
//! and "by" a name.

use super::name::split_names;
use crate::article::Date;

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
    "文：",
    "文:",
    "撰文：",
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

fn is_han_or_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Words before "by" on a label that name who paid for or hosts a page, not who wrote it
/// ("Sponsored by:", "Powered by"): general advertising and hosting labels.
const NOT_WRITERS: &[&str] = &[
    "sponsored",
    "presented",
    "powered",
    "brought",
    "supported",
    "funded",
    "paid",
    "hosted",
];

/// Words on a label that introduce a photo's credit, not a writer ("Photos by").
const PHOTO_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photography",
    "image",
    "images",
    "picture",
    "pictures",
    "illustration",
    "foto",
    "fotos",
    "video",
];

/// A line that is only a byline's marker, the names standing on the next line: "By",
/// "Author:", "Written by", "著者", "Information provided by (Responsible Party):".
pub fn byline_label(text: &str) -> bool {
    // A label is short: paragraphs are turned away before anything is lower-cased or split.
    if text.len() > 80 || text.split_whitespace().nth(7).is_some() {
        return false;
    }
    let label = text.trim().trim_end_matches([':', '\u{FF1A}']).trim_end();
    // "(Responsible Party)": a note on the label, not part of it.
    let label = match label.strip_suffix(')').and_then(|l| l.rsplit_once('(')) {
        Some((before, _)) => before.trim_end(),
        None => label,
    };
    // The list writes some markers with their colon ("author:", "文：").
    if BYLINE_PREFIXES.iter().any(|p| {
        p.trim_end_matches([':', '\u{FF1A}'])
            .eq_ignore_ascii_case(label)
    }) {
        return true;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let [.., before, by] = words.as_slice() else {
        return false;
    };
    let lower = |w: &str| w.to_ascii_lowercase();
    // "Written by", "Reported by", "Information provided by": a past participle before "by";
    // menus say "Sort by", "Shop by", "Stand by".
    by.eq_ignore_ascii_case("by")
        && words.len() <= 5
        && ["ed", "en"].iter().any(|e| lower(before).ends_with(e))
        && !words.iter().any(|w| {
            NOT_WRITERS.contains(&lower(w).as_str()) || PHOTO_LABELS.contains(&lower(w).as_str())
        })
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
}

/// The names on a line standing after a byline's marker: names in Chinese or Japanese script
/// split at "、" or "・", else names in capitals ("Jane Doe and Bo Kim").
pub fn names_after_label(text: &str) -> Vec<String> {
    if text.starts_with(is_han_or_kana) {
        // Alone, a line under a marker may be a menu item: names hold a Chinese character,
        // labels like ホーム ("home") are kana only.
        let han = |n: &String| {
            n.chars()
                .any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
        };
        let names = cjk_names(text);
        return if names.iter().all(han) {
            names
        } else {
            Vec::new()
        };
    }
    split_names(text)
}

/// Names in Chinese or Japanese script, short, split at "、", "・" or commas.
fn cjk_names(rest: &str) -> Vec<String> {
    rest.split(['、', '・', ',', '，'])
        .map(|n| n.trim().to_owned())
        .filter(|n| (2..=12).contains(&n.chars().count()) && Date::find_in(n).is_none())
        .collect()
}

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
            && (lower[p.len()..].starts_with(|c: char| c == ' ' || p.ends_with([':', '：']))
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
    let rest = text[prefix.len()..].trim_start_matches([' ', ':', '：', '\u{3000}']);
    // Names in Chinese or Japanese script: short, split at "、" or "・".
    if rest.starts_with(is_han_or_kana) {
        let names = cjk_names(rest);
        return (!names.is_empty() && words <= 8).then(|| Byline {
            names,
            date: Date::find_in(text),
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // A marker in Japanese or Chinese, with names in that script.
        assert_eq!(
            byline("文：山田 花子、佐藤 一郎").unwrap().names,
            ["山田 花子", "佐藤 一郎"]
        );
        assert_eq!(byline("文化の日に寄せて"), None);
        // A marker alone on its line, the names on the next.
        assert!(byline_label("By"));
        assert!(byline_label("Author:"));
        assert!(byline_label("Written by"));
        assert!(byline_label("著者"));
        assert!(byline_label("Information provided by (Responsible Party):"));
        assert!(!byline_label("Sponsored by:"));
        assert!(!byline_label("Photos by"));
        assert!(!byline_label("Stand by"));
        assert!(!byline_label("Sort by"));
        assert!(!byline_label("Search"));
        assert_eq!(
            names_after_label("Wake Forest University Health Sciences"),
            ["Wake Forest University Health Sciences"]
        );
        assert_eq!(
            names_after_label("山田 花子、佐藤 一郎"),
            ["山田 花子", "佐藤 一郎"]
        );
        assert!(names_after_label("ホーム").is_empty());
        // After a date, a user name.
        let b = byline("Posted on April 13, 2019 by doumae").unwrap();
        assert_eq!(
            (b.names, b.date),
            (vec!["doumae".to_owned()], Date::new(2019, 4, 13))
        );
    }
}
