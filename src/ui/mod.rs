//! Drawing: a pure function of the App's state. Each pane has its own module.

pub mod article;
mod errors;
pub mod headlines;
mod help;
mod sidebar;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};

use crate::app::App;
pub use crate::layout::theme::Theme;
pub use crate::layout::{Pane, Panes, text, theme};

/// Where each pane goes at this size (see `crate::layout::panes`).
pub fn layout(area: Rect, app: &App) -> Panes {
    crate::layout::panes(
        area,
        app.settings(),
        app.focus(),
        app.open().is_some(),
        app.sidebar_flip(),
    )
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let panes = layout(area, app);
    let buf = frame.buffer_mut();
    if let Some(r) = panes.list {
        headlines::render(app, r, buf);
    }
    if let Some(r) = panes.article {
        article::render(app, r, buf);
    }
    if let Some(r) = panes.sidebar {
        sidebar::render(app, r, buf);
    }
    status::render(app, panes.status, buf);
    if app.help() {
        help::render(app, area, buf);
    }
    if app.errors_shown().is_some() {
        errors::render(app, area, buf);
    }
}

/// A pane's frame, brighter when it has the focus.
fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let style: Style = if app.focus() == pane {
        app.theme().border_focused
    } else {
        app.theme().border
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}
