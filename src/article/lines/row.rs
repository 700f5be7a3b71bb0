//! Byline rows that carry more than names: a section's label before them ("Politik · Jochen
//! Bittner, Tina Hildebrandt"), or each name's role after it ("Eric Freeman 著、木下 哲也 訳").

use super::name::{bare_names, split_names};

/// A list of two or more names after a section's label and a separator: "Politik · Jochen
/// Bittner, Tina Hildebrandt". The label is one or two words; a list of names is what makes
/// the row a byline (a breadcrumb "Sport · Premier League" has one "name").
pub fn labelled_names(text: &str) -> Option<Vec<String>> {
    let (label, rest) = [" \u{B7} ", " \u{2022} ", " | "]
        .iter()
        .find_map(|sep| text.split_once(sep))?;
    let label_words = label.split_whitespace().count();
    if !(1..=2).contains(&label_words) || label.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    bare_names(rest.trim()).filter(|names| names.len() >= 2)
}

/// Names each followed by a role in Chinese characters, as Japanese books and magazines credit
/// them: "Eric Freeman 著、嶋田 健志 監訳、木下 哲也 訳" (author, supervising translator,
/// translator). The role is one or two characters after a space; a name is Latin (two or
/// three capitalised words) or in Chinese or Japanese script with a space between family and
/// given name. A single short word with a role ("東京 都") is no byline: one name needs its
/// space, and a row of several needs each name's shape.
pub fn names_with_roles(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let parts: Vec<&str> = text
        .split(['\u{3001}', '\u{FF0C}'])
        .map(str::trim)
        .collect();
    for part in &parts {
        let (name, role) = part.trim_end().rsplit_once([' ', '\u{3000}'])?;
        let name = name.trim();
        let role_chars = role.chars().count();
        if !(1..=2).contains(&role_chars) || !role.chars().all(is_han) {
            return None;
        }
        let latin = name.is_ascii() && bare_names(name).is_some_and(|n| n.len() == 1);
        let cjk = (2..=9).contains(&name.chars().count())
            && name.chars().any(is_han)
            && name
                .chars()
                .all(|c| is_han(c) || is_kana(c) || c == ' ' || c == '\u{3000}')
            && (parts.len() >= 2 || name.contains([' ', '\u{3000}']));
        if !latin && !cjk {
            return None;
        }
        names.push(if latin {
            split_names(name).remove(0)
        } else {
            name.split_whitespace().collect::<Vec<_>>().join(" ")
        });
    }
    (!names.is_empty()).then_some(names)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_label_before_a_list_of_names() {
        assert_eq!(
            labelled_names("Politik · Ann Berg, Carl Dunn").unwrap(),
            ["Ann Berg", "Carl Dunn"]
        );
        // A breadcrumb, one "name", or a date: no byline.
        assert_eq!(labelled_names("Sport · Premier League"), None);
        assert_eq!(labelled_names("Ann Berg, Carl Dunn"), None);
        assert_eq!(labelled_names("March 3 · Ann Berg, Carl Dunn"), None);
    }

    #[test]
    fn names_with_their_roles() {
        assert_eq!(
            names_with_roles("Ann Berg 著、山田 花子 監訳、佐藤 一郎 訳").unwrap(),
            ["Ann Berg", "山田 花子", "佐藤 一郎"]
        );
        assert_eq!(names_with_roles("山田 花子　文").unwrap(), ["山田 花子"]);
        assert_eq!(names_with_roles("東京 都"), None);
        assert_eq!(names_with_roles("新しい 本"), None);
        assert_eq!(
            names_with_roles("Head First はじめてのプログラミング"),
            None
        );
        assert_eq!(names_with_roles("2019年04月"), None);
    }
}
