//! Drawing: a pure function of the App's state. Each pane has its own module.

pub mod article;
mod errors;
pub mod headlines;
mod help;
mod sidebar;
mod status;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};

use crate::app::{App, Pane};
pub use theme::Theme;

/// Where each pane goes; `None` for a pane not shown at this size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
}

/// Wide: list | article | sidebar. Medium: list | article, the sidebar on request. Narrow: the
/// focused pane alone.
pub fn layout(area: Rect, app: &App) -> Panes {
    layout_focused(area, app, app.focus)
}

/// The layout as it would be with `focus` focused (on narrow screens focus picks the pane).
pub fn layout_focused(area: Rect, app: &App, focus: Pane) -> Panes {
    let [main, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1.min(area.height))]).areas(area);
    let s = &app.settings;
    let mut panes = Panes {
        list: None,
        article: None,
        sidebar: None,
        status,
    };
    if main.height == 0 || main.width == 0 {
        return panes;
    }
    let wide = area.width >= s.wide_width;
    if area.width < s.narrow_width {
        let pane = match focus {
            Pane::Article if app.open.is_some() => Pane::Article,
            Pane::Sidebar => Pane::Sidebar,
            _ => Pane::List,
        };
        match pane {
            Pane::List => panes.list = Some(main),
            Pane::Article => panes.article = Some(main),
            Pane::Sidebar => panes.sidebar = Some(main),
        }
        return panes;
    }
    let sidebar = if wide {
        s.sidebar != app.sidebar_flip
    } else {
        app.sidebar_flip
    };
    let list = Constraint::Percentage(if sidebar && !wide { 30 } else { s.list_percent });
    if sidebar {
        let width = if wide {
            s.sidebar_width
        } else {
            (area.width / 4).max(20)
        };
        let [l, a, r] =
            Layout::horizontal([list, Constraint::Min(10), Constraint::Length(width)]).areas(main);
        (panes.list, panes.article, panes.sidebar) = (Some(l), Some(a), Some(r));
    } else {
        let [l, a] = Layout::horizontal([list, Constraint::Min(10)]).areas(main);
        (panes.list, panes.article) = (Some(l), Some(a));
    }
    panes
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
    if app.help {
        help::render(app, area, buf);
    }
    if app.errors_shown.is_some() {
        errors::render(app, area, buf);
    }
}

/// A pane's frame, brighter when it has the focus.
fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let style: Style = if app.focus == pane {
        app.theme.border_focused
    } else {
        app.theme.border
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}
