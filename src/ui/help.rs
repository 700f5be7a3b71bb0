//! The help overlay, generated from the key map in force, so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::action::Action;
use crate::app::App;
use crate::layout::text::{fit, pad};
use crate::library::query::SYNTAX;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(4).min(72);
    // Inside the panes' top and bottom borders and above the status bar, so that its own
    // borders never run into theirs (on a tiny screen, every row counts more).
    let margin = if area.height >= 10 { 4 } else { 2 };
    let h = area
        .height
        .saturating_sub(margin)
        .min(Action::ALL.len() as u16 + 6);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(popup, buf);
    // Where the list is longer than the box, the scrolling keys scroll it instead of closing it.
    let scrolls = popup.height.saturating_sub(2) < Action::ALL.len() as u16 + 2;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme().border_focused)
        .title(if scrolls {
            " Keys (any other key closes) "
        } else {
            " Keys (any key closes) "
        });
    let inner = block.inner(popup);
    block.render(popup, buf);
    let cols = inner.width as usize;
    let key_cols = 22.min(cols / 2);
    let mut lines: Vec<Line> = Action::ALL
        .iter()
        .map(|&a| {
            Line::from(fit(
                &format!(
                    "{}{}",
                    pad(&app.keymap().describe_keys(a), key_cols),
                    a.describe()
                ),
                cols,
            ))
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(&format!("Search: {SYNTAX}"), cols),
        app.theme().caption,
    ));
    let height = inner.height as usize;
    let skip = app.help_scroll().min(lines.len().saturating_sub(height));
    if lines.len() > height {
        let keys = format!(
            " {}/{} scroll ",
            app.keymap().describe_keys(Action::Down),
            app.keymap().describe_keys(Action::Up)
        );
        let title = Line::styled(fit(&keys, cols), app.theme().border_focused).right_aligned();
        Block::new().title_bottom(title).render(popup, buf);
    }
    Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(inner, buf);
}
