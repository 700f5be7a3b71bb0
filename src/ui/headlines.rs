//! The headline list: bookmark and unread marks, date, source and headline, one row each.
//! Only the visible rows are drawn, so a frame costs the same at 100 or 100,000 articles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text::{fit, pad, width};
use crate::app::{App, Pane};

/// The first visible row: the selection is kept in the middle of the pane where it can be.
pub fn offset(selected: usize, height: usize, len: usize) -> usize {
    if len <= height || selected < height / 2 {
        return 0;
    }
    (selected - height / 2).min(len - height)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = if app.loading.is_some() && app.articles.is_empty() {
        " Loading… ".to_owned()
    } else {
        " Headlines ".to_owned()
    };
    let block = super::pane_block(app, Pane::List, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let height = inner.height as usize;
    let cols = inner.width as usize;
    if app.view.is_empty() {
        let text = if app.loading.is_some() {
            "Loading the library…"
        } else {
            "No articles match."
        };
        Paragraph::new(fit(text, cols))
            .style(app.theme.date)
            .render(inner, buf);
        return;
    }
    let start = offset(app.selected, height, app.view.len());
    let t = &app.theme;
    let lines: Vec<Line> = app.view[start..(start + height).min(app.view.len())]
        .iter()
        .enumerate()
        .map(|(row, &doc)| {
            let a = &app.articles[doc];
            let bookmarked = app.marks.bookmarks.contains(&a.id);
            let read = app.marks.read.contains(&a.id);
            let mut spans = vec![
                Span::styled(if bookmarked { "★" } else { " " }, t.bookmark),
                Span::styled(if read { " " } else { "●" }, t.unread),
                Span::raw(" "),
            ];
            let mut room = cols.saturating_sub(3);
            if cols >= 36 {
                let date = a
                    .published
                    .map(|d| d.format(&app.settings.date_format))
                    .unwrap_or_default();
                let date_cols = width(&chrono_width(&app.settings.date_format));
                let date = pad(&date, date_cols);
                room = room.saturating_sub(date_cols + 1);
                spans.push(Span::styled(date, t.date));
                spans.push(Span::raw(" "));
            }
            if cols >= 56 {
                let source_cols = (cols / 6).clamp(6, 16);
                spans.push(Span::styled(
                    pad(a.source.as_deref().unwrap_or(""), source_cols),
                    t.source,
                ));
                spans.push(Span::raw(" "));
                room = room.saturating_sub(source_cols + 1);
            }
            let headline_style = if read { t.list_row } else { t.unread };
            if app.missing.contains(&a.id) {
                spans.push(Span::styled(
                    pad(&format!("(file missing) {}", a.headline), room),
                    t.date,
                ));
            } else {
                spans.push(Span::styled(pad(&a.headline, room), headline_style));
            }
            let line = Line::from(spans);
            if start + row == app.selected {
                line.style(t.selected)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The width a date takes in the configured format, from a sample date.
fn chrono_width(format: &str) -> String {
    crate::article::Date::new(2000, 12, 28)
        .map(|d| d.format(format))
        .unwrap_or_default()
}
