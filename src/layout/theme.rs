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
            source: Style::new().fg(Color::LightBlue),
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
            date: Style::new().fg(Color::DarkGray),
            source: Style::new().fg(Color::Blue),
            headline: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            dek: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            byline: Style::new().fg(Color::Blue),
            caption: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            body: Style::new().fg(Color::Reset),
            // A darker green than ANSI's, which is faint on white.
            quote: Style::new()
                .fg(Color::Indexed(28))
                .add_modifier(Modifier::ITALIC),
            subhead: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Black).bg(Color::LightYellow),
            sidebar_heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            border: Style::new().fg(Color::DarkGray),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A colour as xterm shows it by default (its 16 colours, the 256-colour cube and greys).
    fn rgb(c: Color) -> (u8, u8, u8) {
        const ANSI: [(u8, u8, u8); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
        match c {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(i @ 16..=231) => {
                let i = i - 16;
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            }
            Color::Indexed(i @ 232..) => {
                (8 + 10 * (i - 232), 8 + 10 * (i - 232), 8 + 10 * (i - 232))
            }
            Color::Indexed(i) => ANSI[i as usize],
            named => {
                let order = [
                    Color::Black,
                    Color::Red,
                    Color::Green,
                    Color::Yellow,
                    Color::Blue,
                    Color::Magenta,
                    Color::Cyan,
                    Color::Gray,
                    Color::DarkGray,
                    Color::LightRed,
                    Color::LightGreen,
                    Color::LightYellow,
                    Color::LightBlue,
                    Color::LightMagenta,
                    Color::LightCyan,
                    Color::White,
                ];
                ANSI[order
                    .iter()
                    .position(|&o| o == named)
                    .expect("a named colour")]
            }
        }
    }

    /// WCAG's contrast ratio of two colours, 1 to 21.
    fn contrast(a: Color, b: Color) -> f64 {
        let luminance = |c: Color| {
            let (r, g, b) = rgb(c);
            let lin = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_styles_text_stands_out_from_its_background() {
        // Each theme against the background it is made for, where a style sets none.
        for (name, theme, background) in [
            ("dark", Theme::dark(), Color::Black),
            ("light", Theme::light(), Color::White),
        ] {
            let mut theme = theme;
            for style in theme.styles_mut() {
                let (Some(fg), bg) = (style.fg, style.bg.unwrap_or(background)) else {
                    continue;
                };
                if fg == Color::Reset {
                    continue;
                }
                let ratio = contrast(fg, bg);
                // 3:1, WCAG's least for text of this weight and interface parts.
                assert!(ratio >= 3.0, "{name}: {fg:?} on {bg:?} is {ratio:.1}:1");
            }
        }
    }
}
