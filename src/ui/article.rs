//! The article pane: the lines laid out for its width (`layout::wrap`, once per article and
//! width, never while drawing), scrolled, titled by source and date, the position below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use crate::app::{App, Pane};

/// The pane's title says what is being read: "The Coastal Times · 2025-01-09".
fn title(app: &App) -> String {
    let Some(article) = app.article() else {
        return " Article ".into();
    };
    let parts: Vec<String> = article
        .source
        .iter()
        .cloned()
        .chain(
            article
                .published
                .map(|d| d.format(&app.settings().date_format)),
        )
        .collect();
    if parts.is_empty() {
        " Article ".into()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

/// What the empty pane says: why there is nothing to read, or how to read something.
fn empty_note(app: &App) -> String {
    if app.view().is_empty() && app.loading().is_none() && !app.articles().is_empty() {
        return if app.query_text().is_empty() {
            "No article: the filters hide every article.".into()
        } else {
            "No article: nothing matches the search.".into()
        };
    }
    format!(
        "Select a headline and press {} to read it.",
        app.keymap().describe_keys(crate::action::Action::Open)
    )
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(rendered) = app.rendered().filter(|_| app.open().is_some()) else {
        let block = super::pane_block(app, Pane::Article, " Article ".into());
        let inner = block.inner(area);
        block.render(area, buf);
        let hint = empty_note(app);
        Paragraph::new(textwrap::fill(&hint, inner.width.max(1) as usize))
            .style(app.theme().date)
            .render(inner, buf);
        return;
    };
    let height = area.height.saturating_sub(2) as usize;
    let total = rendered.lines.len();
    let scroll = app.scroll().min(total.saturating_sub(height));
    let percent = if total <= height {
        100
    } else {
        (scroll + height) * 100 / total
    };
    let position = if app.is_reading() {
        " reading… ".to_owned()
    } else {
        format!(" {}% ", percent.min(100))
    };
    let title = crate::layout::text::fit(&title(app), area.width.saturating_sub(2) as usize);
    let block = super::pane_block(app, Pane::Article, title)
        .title_bottom(Line::from(position).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let body = inner.inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    let visible: Vec<Line> = rendered
        .lines
        .iter()
        .skip(scroll)
        .take(height)
        .cloned()
        .collect();
    Paragraph::new(visible).render(
        Rect {
            width: body.width.saturating_sub(0),
            ..body
        },
        buf,
    );
    if total > height && area.height > 2 {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(scroll);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
            area.inner(Margin {
                horizontal: 0,
                vertical: 1,
            }),
            buf,
            &mut state,
        );
    }
}
