//! The viewport: what fits on screen at the terminal's size (panes, pages, the article wrapped
//! for its pane's width), and moving within it by keys, wheel and clicks.

use ratatui::layout::{Position, Rect};

use super::{App, MouseKind, Pane, Rendered};
use crate::layout::Panes;
use crate::layout::columns;

impl App {
    /// Where each pane is at the terminal's size, as drawn.
    pub fn panes(&self) -> Panes {
        self.layout_focused(self.focus)
    }

    /// The panes as they would be with `focus` focused (on narrow screens focus picks the pane).
    pub(super) fn layout_focused(&self, focus: Pane) -> Panes {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        crate::layout::panes(
            area,
            &self.settings,
            focus,
            self.open.is_some(),
            self.sidebar_flip,
        )
    }

    /// Lines of the article pane that fit on screen.
    pub fn article_height(&self) -> usize {
        self.layout_focused(Pane::Article)
            .article
            .map(|r| r.height.saturating_sub(2) as usize)
            .unwrap_or(0)
    }

    /// Rows of the list that fit on screen (at least one).
    pub(super) fn list_height(&self) -> usize {
        self.panes()
            .list
            .map(|r| r.height.saturating_sub(2) as usize)
            .unwrap_or(1)
            .max(1)
    }

    /// The article pane's last useful scroll: its last line at the pane's bottom.
    pub fn max_scroll(&self) -> usize {
        self.rendered
            .as_ref()
            .map(|r| r.lines.len().saturating_sub(self.article_height()))
            .unwrap_or(0)
    }

    /// Re-wraps the open article when it, the width or the search changed: the one place
    /// wrapping happens, so drawing never wraps.
    pub(super) fn relayout(&mut self) {
        let Some(doc) = self.open else {
            self.rendered = None;
            return;
        };
        // On a narrow screen the article pane may be hidden now; wrap for when it shows.
        let width = self
            .layout_focused(Pane::Article)
            .article
            .map(|r| r.width.saturating_sub(4))
            .unwrap_or(0)
            .max(1);
        let query = self.query.words.join(" ");
        if self
            .rendered
            .as_ref()
            .is_some_and(|r| r.doc == doc && r.width == width && r.query == query)
        {
            return;
        }
        let Some(article) = &self.article else {
            self.rendered = None;
            return;
        };
        let (lines, match_lines) = crate::layout::wrap::wrap(
            article,
            width,
            &self.theme,
            &self.settings.date_format,
            &self.query.words,
        );
        self.rendered = Some(Rendered {
            doc,
            width,
            query,
            lines,
            match_lines,
        });
        self.scroll = self.scroll.min(self.max_scroll());
    }

    pub(super) fn page_for_focus(&self, article_page: usize) -> usize {
        match self.focus {
            Pane::List => self.list_height(),
            _ => article_page,
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let step = |pos: usize, len: usize| {
            (pos as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.focus {
            Pane::List => self.selected = step(self.selected, self.view.len()),
            Pane::Article => self.scroll = step(self.scroll, self.max_scroll() + 1),
            Pane::Sidebar => {
                self.sidebar_selected = step(self.sidebar_selected, self.related.len())
            }
        }
    }

    pub(super) fn cycle_focus(&mut self, step: isize) {
        let panes = self.panes();
        let mut order = vec![Pane::List];
        if self.open.is_some() {
            order.push(Pane::Article);
        }
        if panes.sidebar.is_some() || self.size.0 < self.settings.narrow_width {
            order.push(Pane::Sidebar);
        }
        let pos = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = order[(pos + step).rem_euclid(order.len() as isize) as usize];
    }

    /// Selects the list's row `row` (where there is one) and focuses the list, as a click does.
    pub(super) fn select(&mut self, row: usize) {
        self.focus = Pane::List;
        if row < self.view.len() {
            self.selected = row;
        }
        self.follow_selection();
    }

    /// Mouse: the wheel scrolls the pane under the pointer; a click inside a pane focuses it
    /// (and in the list selects the row).
    pub(super) fn mouse(&mut self, column: u16, row: u16, kind: MouseKind) {
        let panes = self.panes();
        let at = Position::new(column, row);
        let hit = [
            (Pane::List, panes.list),
            (Pane::Article, panes.article),
            (Pane::Sidebar, panes.sidebar),
        ]
        .into_iter()
        .find_map(|(pane, rect)| rect.filter(|r| r.contains(at)).map(|r| (pane, r)));
        let Some((pane, rect)) = hit else { return };
        // A pane's border holds no row: a click there would pick a row out of sight.
        let inner = rect.inner(ratatui::layout::Margin::new(1, 1));
        if kind == MouseKind::Click && !inner.contains(at) {
            return;
        }
        let previous = self.focus;
        self.focus = pane;
        match kind {
            MouseKind::ScrollDown => {
                self.move_by(3);
                self.focus = previous;
            }
            MouseKind::ScrollUp => {
                self.move_by(-3);
                self.focus = previous;
            }
            MouseKind::Click if pane == Pane::List => {
                let offset = columns::offset(self.selected, self.list_height(), self.view.len());
                let row = (row.saturating_sub(rect.y + 1)) as usize + offset;
                if row < self.view.len() {
                    self.selected = row;
                }
            }
            MouseKind::Click => {}
        }
        self.follow_selection();
    }

    /// The terminal was resized: reflow at once.
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.relayout();
        self.scroll = self.scroll.min(self.max_scroll());
        self.follow_selection();
    }
}
