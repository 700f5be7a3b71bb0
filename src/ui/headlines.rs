//! The headline list: bookmark and unread marks, the headline, and a compact column of source
//! and date sized to what the library has. Only the visible rows are drawn, so a frame costs
//! the same at 100 or 100,000 articles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, Pane};
use crate::layout::columns::offset;
use crate::layout::text::{fit, pad};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = if app.loading().is_some() && app.articles().is_empty() {
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
    if app.view().is_empty() {
        let text = if app.loading().is_some() {
            "Loading the library…"
        } else {
            "No articles match."
        };
        Paragraph::new(fit(text, cols))
            .style(app.theme().date)
            .render(inner, buf);
        return;
    }
    let start = offset(app.selected(), height, app.view().len());
    let t = app.theme();
    let columns = app.columns().fitting(cols.saturating_sub(3));
    let lines: Vec<Line> = app.view()[start..(start + height).min(app.view().len())]
        .iter()
        .enumerate()
        .map(|(row, &doc)| {
            let a = &app.articles()[doc];
            let bookmarked = app.marks().bookmarks.contains(&a.id);
            let read = app.marks().read.contains(&a.id);
            let room = cols.saturating_sub(3 + columns.width());
            let headline_style = if read { t.list_row } else { t.unread };
            let headline = if app.missing().contains(&a.id) {
                Span::styled(
                    // Its file is gone, or in a folder this library does not hold.
                    pad(&format!("(not in library) {}", a.headline()), room),
                    t.date,
                )
            } else {
                Span::styled(pad(a.headline(), room), headline_style)
            };
            let mut spans = vec![
                Span::styled(if bookmarked { "★" } else { " " }, t.bookmark),
                Span::styled(if read { " " } else { "●" }, t.unread),
                Span::raw(" "),
                headline,
            ];
            if columns.width() > 0 {
                spans.push(Span::styled(columns.cell(a), t.date));
            }
            if start + row == app.selected() {
                // The selection's colours win over every part's own, so that no part of the
                // row can vanish into the selection's background.
                for span in &mut spans {
                    span.style = span.style.patch(t.selected);
                }
            }
            Line::from(spans)
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
