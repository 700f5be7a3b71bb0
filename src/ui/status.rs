//! The status bar: position, filters, the search prompt, messages and a key hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::action::Action;
use crate::app::App;
use crate::layout::text::{fit, fit_tail, width};

/// "2225" -> "2,225".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let cols = area.width as usize;
    // Nothing shown: how many the filters hide, not a position in an empty list.
    let mut left = if app.view().is_empty() {
        format!("none of {}", thousands(app.unfiltered_rows()))
    } else {
        format!(
            "{}/{}",
            thousands(app.selected() + 1),
            thousands(app.view().len())
        )
    };
    match app.loading() {
        Some((done, total)) if done == total && total > 0 => left += " indexing…",
        Some((done, total)) => {
            left += &format!(" loading {}/{}", thousands(done), thousands(total))
        }
        None if app.watching() => left += " · watching",
        None => {}
    }
    let mut filters = Vec::new();
    if app.bookmarks_only() {
        filters.push("bookmarks".to_owned());
    }
    if app.unread_only() {
        filters.push("unread".to_owned());
    }
    if !filters.is_empty() {
        left += &format!(" [{}]", filters.join(", "));
    }
    let prompt = if let Some(url) = app.adding() {
        Some(("add url: ", crate::article::hygiene::clean_line(url)))
    } else if app.searching() {
        Some(("/", app.query_text().to_owned()))
    } else {
        if !app.query_text().is_empty() {
            left += &format!(" search: {}", app.query_text());
        }
        None
    };
    let said = if let Some(err) = app.query_error() {
        format!(" ({err})")
    } else if let Some(m) = app.message() {
        format!(" — {m}")
    } else if let Some(note) = app.query_note().filter(|_| app.adding().is_none()) {
        // Below any message: a note on the query must not hide what a key just did.
        format!(" ({note})")
    } else {
        String::new()
    };
    let hint = format!(
        "{} help  {} quit ",
        app.keymap().describe_keys(Action::Help),
        // `quit = []` leaves Ctrl-C (force_quit), which always quits.
        app.keymap()
            .keys(Action::Quit)
            .first()
            .or(app.keymap().keys(Action::ForceQuit).first())
            .map(|k| k.to_string())
            .unwrap_or_default()
    );
    let left = match prompt {
        Some((label, input)) => prompt_line(&left, label, &input, &said, cols),
        None => format!(" {left}{said}"),
    };
    // At least one column between them.
    let right = if width(&left) + width(&hint) < cols {
        hint
    } else {
        String::new()
    };
    let left = fit(&left, cols.saturating_sub(width(&right)));
    let gap = cols.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::raw(right),
    ]);
    Paragraph::new(line)
        .style(app.theme().status)
        .render(area, buf);
}

/// The status line while a prompt is open, at most `cols` wide: the input keeps its end (the
/// cursor) in view, its start cut behind "…" once it is longer than the room; the message
/// and then the position give way first, so that the input keeps a useful width.
fn prompt_line(head: &str, label: &str, input: &str, said: &str, cols: usize) -> String {
    const ROOM: usize = 16;
    // The leading space and the cursor.
    let around = |parts: &[&str]| 2 + parts.iter().map(|p| width(p)).sum::<usize>();
    let wanted = ROOM.min(width(input));
    let (head, said) = if around(&[head, " ", label, said]) + wanted <= cols {
        (head, said)
    } else if around(&[head, " ", label]) + wanted <= cols {
        (head, "")
    } else {
        ("", "")
    };
    let gap = if head.is_empty() { "" } else { " " };
    let room = cols.saturating_sub(around(&[head, gap, label, said]));
    format!(" {head}{gap}{label}{}▏{said}", fit_tail(input, room))
}
