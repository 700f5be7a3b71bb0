//! The headline list's geometry: the source and date column sized to what the library has (a
//! part no article has takes no width), and which row is shown first.

use std::sync::Arc;

use super::text::{pad, width};
use crate::article::{Date, Summary};

/// The widest a source may make its column: longer names are cut.
const SOURCE_MAX: usize = 18;
/// The headline keeps at least this many columns; the source, then the date, give way to it.
const HEADLINE_MIN: usize = 24;

/// The right-hand column's parts, sized once per library: a part no article has takes no
/// width, and the widest source (up to `SOURCE_MAX`) sets the source's width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    pub source: usize,
    pub date: usize,
    /// The newest article's year: dates in it are written without the year ("26 Nov").
    pub year: Option<u16>,
}

impl Columns {
    pub fn of(articles: &[Arc<Summary>]) -> Columns {
        let year = articles
            .iter()
            .filter_map(|a| a.published)
            .max()
            .map(|d| d.year);
        let mut columns = Columns {
            year,
            ..Columns::default()
        };
        for a in articles {
            if let Some(source) = &a.source() {
                columns.source = columns.source.max(width(source).min(SOURCE_MAX));
            }
            if let Some(date) = a.published {
                columns.date = columns.date.max(width(&compact_date(date, year)));
            }
        }
        columns
    }

    /// The columns that fit beside a headline in `cols` columns: the source goes first.
    pub fn fitting(self, cols: usize) -> Columns {
        let mut c = self;
        c.source = c.source.min(cols / 4);
        if cols < c.width() + HEADLINE_MIN && c.source > 0 {
            c.source = 0;
        }
        if cols < c.width() + HEADLINE_MIN {
            c.date = 0;
        }
        if c.source < 4 {
            c.source = 0;
        }
        c
    }

    /// The column's width, with the space before it.
    pub fn width(&self) -> usize {
        let sep = if self.source > 0 && self.date > 0 {
            3
        } else {
            0
        };
        match self.source + self.date {
            0 => 0,
            n => n + sep + 1,
        }
    }

    /// "Reuters ·  26 Nov": the source left, the date right, the dot only between the two.
    pub fn cell(&self, summary: &Summary) -> String {
        let date = summary
            .published
            .map(|d| compact_date(d, self.year))
            .unwrap_or_default();
        let source = summary.source().unwrap_or("");
        let mut out = String::from(" ");
        if self.source > 0 {
            out += &pad(source, self.source);
        }
        if self.source > 0 && self.date > 0 {
            out += if source.is_empty() || date.is_empty() {
                "   "
            } else {
                " · "
            };
        }
        if self.date > 0 {
            out += &" ".repeat(self.date.saturating_sub(width(&date)));
            out += &date;
        }
        out
    }
}

/// "26 Nov" in the library's newest year, "26 Nov 2024" before it.
pub fn compact_date(date: Date, year: Option<u16>) -> String {
    if Some(date.year) == year {
        date.format("%e %b").trim_start().to_owned()
    } else {
        date.format("%e %b %Y").trim_start().to_owned()
    }
}

/// The first visible row: the selection is kept in the middle of the pane where it can be.
pub fn offset(selected: usize, height: usize, len: usize) -> usize {
    if len <= height || selected < height / 2 {
        return 0;
    }
    (selected - height / 2).min(len - height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(source: Option<&str>, date: Option<(u16, u8, u8)>) -> Arc<Summary> {
        Arc::new(Summary::from(crate::article::Fields {
            headline: "A headline",
            source,
            published: date.and_then(|(y, m, d)| Date::new(y, m, d)),
            ..Default::default()
        }))
    }

    #[test]
    fn empty_columns_take_no_width() {
        let columns = Columns::of(&[summary(None, None), summary(None, None)]);
        assert_eq!(columns.width(), 0);
        let dates_only = Columns::of(&[summary(None, Some((2025, 11, 26)))]);
        assert_eq!(dates_only.source, 0);
        assert_eq!(
            dates_only.cell(&summary(None, Some((2025, 11, 26)))),
            " 26 Nov"
        );
    }

    #[test]
    fn source_and_date_share_a_column_sized_to_the_library() {
        let library = [
            summary(Some("Reuters"), Some((2025, 11, 26))),
            summary(Some("AP"), Some((2024, 3, 3))),
            summary(None, None),
        ];
        let columns = Columns::of(&library);
        assert_eq!(columns.source, "Reuters".len());
        assert_eq!(columns.date, "3 Mar 2024".len());
        assert_eq!(columns.cell(&library[0]), " Reuters ·     26 Nov");
        assert_eq!(columns.cell(&library[1]), " AP      · 3 Mar 2024");
        assert_eq!(columns.cell(&library[2]), format!(" {}", " ".repeat(20)));
    }

    #[test]
    fn the_source_gives_way_to_the_headline_first() {
        let library = [summary(Some("The Coastal Times"), Some((2025, 1, 9)))];
        let columns = Columns::of(&library);
        let narrow = columns.fitting(40);
        assert_eq!(narrow.source, 0);
        assert!(narrow.date > 0);
        assert_eq!(columns.fitting(20).width(), 0);
        assert_eq!(columns.fitting(120), columns);
    }
}
