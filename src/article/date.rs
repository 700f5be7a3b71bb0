//! Calendar dates as articles carry them: ISO 8601, RFC 3339 and the "March 3, 2024" forms of
//! page dumps, formatted by a small strftime subset for the list.

use std::fmt;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses "YYYY-MM-DD", optionally followed by an RFC 3339 time ("T12:00:00Z").
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let date = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Finds a written date in a line: "March 3, 2024", "Mar. 3 2024", "3 March 2024",
    /// "2024年3月3日" (Japanese and Chinese), or an ISO date anywhere in it.
    pub fn find_in(text: &str) -> Option<Date> {
        if let Some(d) = cjk_date(text) {
            return Some(d);
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
            .filter(|w| !w.is_empty())
            .collect();
        for (i, w) in words.iter().enumerate() {
            if let Some(d) = w.get(..10).and_then(Date::parse_iso) {
                return Some(d);
            }
            if let Some(d) = numeric_date(w) {
                return Some(d);
            }
            let Some(month) = month_of(w) else { continue };
            let day_of = |s: &str| {
                s.trim_end_matches(['.', 's', 't', 'n', 'd', 'r', 'h'])
                    .parse::<u8>()
                    .ok()
            };
            let year_of = |s: &str| {
                s.trim_end_matches('.')
                    .parse::<u16>()
                    .ok()
                    .filter(|y| (1900..2200).contains(y))
            };
            // Month Day Year
            if let (Some(d), Some(y)) = (
                words.get(i + 1).and_then(|s| day_of(s)),
                words.get(i + 2).and_then(|s| year_of(s)),
            ) && let Some(date) = Date::new(y, month, d)
            {
                return Some(date);
            }
            // Day Month Year
            if let (Some(d), Some(y)) = (
                i.checked_sub(1).and_then(|j| day_of(words[j])),
                words.get(i + 1).and_then(|s| year_of(s)),
            ) && let Some(date) = Date::new(y, month, d)
            {
                return Some(date);
            }
        }
        None
    }

    /// Formats with %Y %m %d %e %b %B %y and %%; anything else is copied.
    pub fn format(&self, pattern: &str) -> String {
        let mut out = String::new();
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('Y') => out += &format!("{:04}", self.year),
                Some('y') => out += &format!("{:02}", self.year % 100),
                Some('m') => out += &format!("{:02}", self.month),
                Some('d') => out += &format!("{:02}", self.day),
                Some('e') => out += &format!("{:>2}", self.day),
                Some('b') => out += &month_name(self.month)[..3],
                Some('B') => out += &month_name(self.month),
                Some('%') => out.push('%'),
                Some(other) => {
                    out.push('%');
                    out.push(other);
                }
                None => out.push('%'),
            }
        }
        out
    }
}

/// True when a pattern uses only the directives `format` knows.
pub fn valid_pattern(pattern: &str) -> Result<(), char> {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            match chars.next() {
                Some('Y' | 'y' | 'm' | 'd' | 'e' | 'b' | 'B' | '%') => {}
                Some(other) => return Err(other),
                None => return Err('%'),
            }
        }
    }
    Ok(())
}

fn month_name(month: u8) -> String {
    let name = MONTHS[(month as usize).clamp(1, 12) - 1];
    name[..1].to_uppercase() + &name[1..]
}

pub(crate) fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .or_else(|| {
            OTHER_MONTHS
                .iter()
                .position(|names| names.contains(&w.as_str()))
        })
        .map(|i| i as u8 + 1)
}

/// Month names in German, French, Spanish and Italian, as datelines write them in full ("3.
/// März 2025", "3 mars 2025"): the English ones, with their abbreviations, are `MONTHS`.
const OTHER_MONTHS: [&[&str]; 12] = [
    &["januar", "jänner", "janvier", "enero", "gennaio"],
    &["februar", "février", "febrero", "febbraio"],
    &["märz", "mars", "marzo"],
    &["avril", "abril", "aprile"],
    &["mai", "mayo", "maggio"],
    &["juni", "juin", "junio", "giugno"],
    &["juli", "juillet", "julio", "luglio"],
    &["août", "agosto"],
    &["septembre", "septiembre", "settembre"],
    &["oktober", "octobre", "octubre", "ottobre"],
    &["novembre", "noviembre"],
    &["dezember", "décembre", "diciembre", "dicembre"],
];

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// "2019.03.26", "2019/03/26" (year first) and "15.05.2020" (day first, as in Europe).
fn numeric_date(word: &str) -> Option<Date> {
    let parts: Vec<&str> = word.split(['.', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits = [a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 1..=2) if word.contains('.') || word.contains('/') => (a, b, c),
        (1..=2, 4) if word.contains('.') => (c, b, a),
        _ => return None,
    };
    let year: u16 = year.parse().ok().filter(|y| (1900..2200).contains(y))?;
    Date::new(year, month.parse().ok()?, day.parse().ok()?)
}

/// "2019年4月4日": year, month and day each followed by its character.
fn cjk_date(text: &str) -> Option<Date> {
    let (before, after) = text.split_once('年')?;
    let year: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let (month, rest) = after.split_once('月')?;
    let (day, _) = rest.split_once('日')?;
    let number = |s: &str| s.trim().parse::<u16>().ok();
    let (year, month, day) = (number(&year)?, number(month)?, number(day)?);
    if !(1900..2200).contains(&year) {
        return None;
    }
    Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_and_rfc3339() {
        assert_eq!(Date::parse_iso("2024-03-03"), Date::new(2024, 3, 3));
        assert_eq!(
            Date::parse_iso("2024-03-03T10:00:00Z"),
            Date::new(2024, 3, 3)
        );
        assert_eq!(Date::parse_iso("2024-02-30"), None);
        assert_eq!(Date::parse_iso("2024-3-3"), None);
    }

    #[test]
    fn finds_written_dates() {
        assert_eq!(
            Date::find_in("Published March 3, 2024 | 5 min read"),
            Date::new(2024, 3, 3)
        );
        assert_eq!(
            Date::find_in("Updated 14 Sept. 2021"),
            Date::new(2021, 9, 14)
        );
        assert_eq!(Date::find_in("May the best team win"), None);
        assert_eq!(Date::find_in("3. März 2025"), Date::new(2025, 3, 3));
        assert_eq!(Date::find_in("le 14 juillet 2024"), Date::new(2024, 7, 14));
        assert_eq!(Date::find_in("2019年4月4日 10:30"), Date::new(2019, 4, 4));
        assert_eq!(
            Date::find_in("公開 2024年12月31日"),
            Date::new(2024, 12, 31)
        );
        assert_eq!(Date::find_in("2019年13月4日"), None);
        assert_eq!(Date::find_in("年月日"), None);
        assert_eq!(
            Date::find_in("2019.03.26 lastupdate"),
            Date::new(2019, 3, 26)
        );
        assert_eq!(Date::find_in("15.05.2020, 07:11"), Date::new(2020, 5, 15));
        assert_eq!(Date::find_in("2024/12/31"), Date::new(2024, 12, 31));
        // Versions and scores are not dates; US order with slashes is ambiguous.
        assert_eq!(Date::find_in("version 1.2.3"), None);
        assert_eq!(Date::find_in("03/04/2024"), None);
    }

    #[test]
    fn formats() {
        let d = Date::new(2005, 2, 7).unwrap();
        assert_eq!(d.format("%e %b %Y"), " 7 Feb 2005");
        assert_eq!(d.format("%Y-%m-%d"), "2005-02-07");
        assert_eq!(valid_pattern("%Y %q"), Err('q'));
    }
}
