//! Styles for every element the reader draws: two built-in themes, and no colour at all when
//! NO_COLOR is set.

use ratatui::style::{Color, Modifier, Style};

/// One style per element; the config's `[theme]` table overrides them by these names.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub list_row: Style,
    pub selected: Style,
    pub unread: Style,
    pub bookmark: Style,
    pub date: Style,
    pub source: Style,
    pub headline: Style,
    pub dek: Style,
    pub byline: Style,
    pub caption: Style,
    pub body: Style,
    pub quote: Style,
    pub subhead: Style,
    pub matched: Style,
    pub sidebar_heading: Style,
    pub status: Style,
    pub border: Style,
    pub border_focused: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            list_row: Style::new().fg(Color::Gray),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            unread: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            bookmark: Style::new().fg(Color::Yellow),
            date: Style::new().fg(Color::DarkGray),
            source: Style::new().fg(Color::Blue),
            headline: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            dek: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            byline: Style::new().fg(Color::Cyan),
            caption: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            body: Style::new().fg(Color::Reset),
            quote: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::ITALIC),
            subhead: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            sidebar_heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
        }
    }

    pub fn light() -> Theme {
        Theme {
            list_row: Style::new().fg(Color::Black),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            unread: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            bookmark: Style::new().fg(Color::Red),
            date: Style::new().fg(Color::Gray),
            source: Style::new().fg(Color::Blue),
            headline: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            dek: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            byline: Style::new().fg(Color::Blue),
            caption: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            body: Style::new().fg(Color::Reset),
            quote: Style::new().fg(Color::Green).add_modifier(Modifier::ITALIC),
            subhead: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Black).bg(Color::LightYellow),
            sidebar_heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            border: Style::new().fg(Color::Gray),
            border_focused: Style::new().fg(Color::Blue),
        }
    }

    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            _ => None,
        }
    }

    /// NO_COLOR: keep bold, italic and reverse so that quotes and the selection still show.
    pub fn without_colour(mut self) -> Theme {
        for style in self.styles_mut() {
            let reverse = style.bg.is_some_and(|c| c != Color::Reset);
            *style = Style::new().add_modifier(style.add_modifier);
            if reverse {
                *style = style.add_modifier(Modifier::REVERSED);
            }
        }
        self
    }

    pub fn styles_mut(&mut self) -> [&mut Style; 18] {
        [
            &mut self.list_row,
            &mut self.selected,
            &mut self.unread,
            &mut self.bookmark,
            &mut self.date,
            &mut self.source,
            &mut self.headline,
            &mut self.dek,
            &mut self.byline,
            &mut self.caption,
            &mut self.body,
            &mut self.quote,
            &mut self.subhead,
            &mut self.matched,
            &mut self.sidebar_heading,
            &mut self.status,
            &mut self.border,
            &mut self.border_focused,
        ]
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}
