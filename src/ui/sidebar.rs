//! The sidebar: the article's credits, and its related articles one key away.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, Pane};
use crate::layout::text::{drawable, fit};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = super::pane_block(app, Pane::Sidebar, " Credits & related ".into());
    let inner = block.inner(area);
    block.render(area, buf);
    let cols = inner.width as usize;
    if cols == 0 {
        return;
    }
    let t = app.theme();
    let Some(doc) = app
        .open()
        .or_else(|| app.view().get(app.selected()).copied())
    else {
        return;
    };
    let article = &app.articles()[doc];
    let mut lines: Vec<Line> = vec![Line::styled(fit("Credits", cols), t.sidebar_heading)];
    let entry = |label: &str, value: &str, lines: &mut Vec<Line>| {
        for (i, l) in textwrap::wrap(&format!("{label}: {value}"), cols.max(1))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::styled(
                drawable(&l).into_owned(),
                if i == 0 { t.byline } else { t.list_row },
            ));
        }
    };
    match article.byline() {
        Some(b) => entry("By", &b, &mut lines),
        None => lines.push(Line::styled(fit("No byline", cols), t.date)),
    }
    for c in article.credits() {
        entry(&c.role, &c.names.join(", "), &mut lines);
    }
    if let Some(credit) = article.photo_credit() {
        entry("Photo", credit, &mut lines);
    }
    let copies = app.copies_of(doc);
    if !copies.is_empty() {
        lines.push(Line::styled(
            fit(&format!("{} copies", copies.len()), cols),
            t.byline,
        ));
        for path in copies {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            lines.push(Line::styled(
                fit(
                    &format!("  {}", crate::article::hygiene::clean_line(&name)),
                    cols,
                ),
                t.date,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(fit("Related", cols), t.sidebar_heading));
    let note = if app.open().is_none() {
        Some("Open an article to see its related stories.")
    } else if app.related().is_empty() {
        Some("Nothing related in this library.")
    } else {
        None
    };
    // Wrapped, not cut: a narrow sidebar still says the whole sentence.
    for piece in note
        .into_iter()
        .flat_map(|n| textwrap::wrap(n, cols.max(1)))
    {
        lines.push(Line::styled(fit(&piece, cols), t.date));
    }
    for (i, r) in app.related().iter().enumerate() {
        let a = &app.articles()[r.doc];
        let selected = app.focus() == Pane::Sidebar && i == app.sidebar_selected();
        let marker = if r.explicit { "→ " } else { "› " };
        let style = if selected { t.selected } else { t.list_row };
        // Up to two lines of headline, the second indented under the first.
        let options = textwrap::Options::new(cols.saturating_sub(2).max(1));
        let wrapped = textwrap::wrap(a.headline(), options);
        for (n, piece) in wrapped.iter().take(2).enumerate() {
            let lead = if n == 0 { marker } else { "  " };
            let piece = if n == 1 && wrapped.len() > 2 {
                format!("{piece}{}", "…")
            } else {
                piece.to_string()
            };
            lines.push(Line::styled(fit(&format!("{lead}{piece}"), cols), style));
        }
        let date = a
            .published
            .map(|d| crate::layout::columns::compact_date(d, app.columns().year))
            .unwrap_or_default();
        let meta = [a.source().unwrap_or_default().to_owned(), date]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        if !meta.is_empty() {
            lines.push(Line::from(Span::styled(
                fit(&format!("  {meta}"), cols),
                t.date,
            )));
        }
        if app.show_why() {
            lines.push(Line::styled(
                fit(&format!("  why: {}", r.why.join(", ")), cols),
                t.caption,
            ));
        }
    }
    // Keep the selected related article in view.
    let height = inner.height as usize;
    let selected_line = lines
        .iter()
        .position(|l| l.style == t.selected)
        .unwrap_or(0);
    let skip = (selected_line + 2).saturating_sub(height);
    Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(inner, buf);
}
