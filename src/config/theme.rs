//! The `[theme]` table: the elements it styles, colours by name, hex or index, and each
//! element's style applied over the built-in theme's.

use ratatui::style::{Color, Modifier, Style};

use super::schema::RawStyle;

/// The theme elements, by their names in `[theme]`.
pub const THEME_ELEMENTS: [&str; 18] = [
    "list_row",
    "selected",
    "unread",
    "bookmark",
    "date",
    "source",
    "headline",
    "dek",
    "byline",
    "caption",
    "body",
    "quote",
    "subhead",
    "matched",
    "sidebar_heading",
    "status",
    "border",
    "border_focused",
];

pub(super) fn apply_style(
    target: &mut Style,
    raw: &RawStyle,
    element: &str,
) -> Result<(), (std::ops::Range<usize>, String)> {
    for (which, colour) in [("fg", &raw.fg), ("bg", &raw.bg)] {
        if let Some(c) = colour {
            let parsed = parse_colour(c.get_ref()).ok_or_else(|| {
                (c.span(), format!("theme.{element}.{which}: unknown colour \"{}\" (a name such as \"light-blue\", \"#rrggbb\" or a 256-colour index \"0\"-\"255\")", c.get_ref()))
            })?;
            *target = if which == "fg" {
                target.fg(parsed)
            } else {
                target.bg(parsed)
            };
        }
    }
    for (flag, modifier) in [
        (raw.bold, Modifier::BOLD),
        (raw.italic, Modifier::ITALIC),
        (raw.underline, Modifier::UNDERLINED),
        (raw.dim, Modifier::DIM),
        (raw.reverse, Modifier::REVERSED),
    ] {
        match flag {
            Some(true) => *target = target.add_modifier(modifier),
            Some(false) => *target = target.remove_modifier(modifier),
            None => {}
        }
    }
    Ok(())
}

/// Colour names ("red", "light-blue", "dark-gray", "reset"), "#rrggbb", or "0" to "255".
pub fn parse_colour(text: &str) -> Option<Color> {
    if let Ok(n) = text.parse::<u8>() {
        return Some(Color::Indexed(n));
    }
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        return None;
    }
    let name = text.to_lowercase().replace(['-', '_', ' '], "");
    Some(match name.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_colour("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_colour("light-blue"), Some(Color::LightBlue));
        assert_eq!(parse_colour("208"), Some(Color::Indexed(208)));
        assert_eq!(parse_colour("#ff80"), None);
        assert_eq!(parse_colour("blurple"), None);
    }
}
