//! The list of files that could not be read, then of those read with a warning, over the
//! panes like the help: the status bar has room for the first one only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::status::thousands;
use crate::app::App;
use crate::layout::text::fit;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 8 || area.height < 3 {
        return;
    }
    let first = app.errors_shown().unwrap_or(0);
    let (errors, warnings) = (app.errors(), app.warnings());
    let total = errors.len() + warnings.len();
    // Row `i` of the list, formatted only when on screen.
    let row = |i: usize| match errors.get(i) {
        Some(e) => e.to_string(),
        None => format!("warning: {}", warnings[i - errors.len()]),
    };
    let w = area.width - 4;
    let h = area
        .height
        .saturating_sub(2)
        .min(total as u16 + 2)
        .max(3.min(area.height));
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(popup, buf);
    let title = match (errors.len(), warnings.len()) {
        (n, 0) => format!(" {} file(s) could not be read", thousands(n)),
        (0, w) => format!(" {} file(s) read with a warning", thousands(w)),
        (n, w) => format!(
            " {} file(s) could not be read, {} read with a warning",
            thousands(n),
            thousands(w)
        ),
    } + " (any other key closes) ";
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme().border_focused)
        .title(fit(&title, w.saturating_sub(2) as usize));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let (cols, height) = (inner.width as usize, inner.height as usize);
    // The last page stays full.
    let skip = first.min(total.saturating_sub(height));
    if total > height {
        let at = format!(
            " {}-{} of {} ",
            thousands(skip + 1),
            thousands((skip + height).min(total)),
            thousands(total)
        );
        let position = Line::styled(fit(&at, cols), app.theme().border_focused).right_aligned();
        Block::new().title_bottom(position).render(popup, buf);
    }
    // Only the rows on screen are formatted: a frame costs the same with 10 or 10,000.
    let lines: Vec<Line> = (skip..(skip + height).min(total))
        .map(|i| Line::from(fit(&row(i), cols)))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
