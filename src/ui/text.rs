//! Fitting text into cells by display width: CJK and emoji take two columns, combining marks
//! none, and nothing may overflow its pane.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` columns, ending with an ellipsis when it was cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads or cuts to exactly `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let fitted = fit(text, columns);
    let w = width(&fitted);
    fitted + &" ".repeat(columns.saturating_sub(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("東京都の天気", 7), "東京都…");
        assert!(width(&fit("👍🏽👍🏽👍🏽👍🏽", 5)) <= 5);
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(fit("abc", 0), "");
    }
}
