//! Where things go on screen, shared by the reader's state and the drawing: the panes for a
//! size, the list's columns, articles wrapped for a width, and the styles lines carry. The
//! state uses it to know what fits (pages, clicks, wrapping); the drawing to put it there.

pub mod columns;
pub mod text;
pub mod theme;
pub mod wrap;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::Settings;
pub use theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
    Sidebar,
}

/// Where each pane goes; `None` for a pane not shown at this size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
}

/// Wide: list | article | sidebar. Medium: list | article, the sidebar on request. Narrow: the
/// focused pane alone (`focus` picks it; the article only when one is `open`). `sidebar_flip`:
/// the user pressed `s`, so the sidebar shows where it was hidden, or hides where it showed.
pub fn panes(area: Rect, s: &Settings, focus: Pane, open: bool, sidebar_flip: bool) -> Panes {
    let [main, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1.min(area.height))]).areas(area);
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
            Pane::Article if open => Pane::Article,
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
        s.sidebar != sidebar_flip
    } else {
        sidebar_flip
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
