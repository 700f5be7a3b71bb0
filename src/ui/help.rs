//! The help overlay, generated from the key map in force, so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::action::Action;
use crate::app::App;
use crate::keymap::Key;
use crate::layout::text::{fit, pad};
use crate::library::query::SYNTAX;

/// The overlay's rows: (keys, what they do) for each action with a key (an action bound to
/// none cannot be asked for, so it is left out), then the fixed keys the key map cannot change.
fn rows(app: &App) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Action::ALL
        .iter()
        .map(|&a| (app.keymap().describe_keys(a), a.describe().to_owned()))
        .filter(|(keys, _)| !keys.is_empty())
        .collect();
    let suspend = Key::parse("ctrl-z").map_or_else(|_| "ctrl-z".into(), |k| k.to_string());
    rows.push((suspend, "suspend (fg in the shell resumes)".into()));
    rows
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let rows = rows(app);
    let w = area.width.saturating_sub(4).min(72);
    // Inside the panes' top and bottom borders and above the status bar, so that its own
    // borders never run into theirs (on a tiny screen, every row counts more).
    let margin = if area.height >= 10 { 4 } else { 2 };
    let h = area
        .height
        .saturating_sub(margin)
        .min(rows.len() as u16 + 6);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(popup, buf);
    // Where the list is longer than the box, the scrolling keys scroll it instead of closing it.
    let scrolls = popup.height.saturating_sub(2) < rows.len() as u16 + 2;
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
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(keys, what)| Line::from(fit(&format!("{}{what}", pad(keys, key_cols)), cols)))
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
