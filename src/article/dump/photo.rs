//! The photo caption and its credit, wherever they stand on the page.

use super::super::lines::{self, Chrome};
use super::line::Line;
use crate::article::Photo;

/// The first photo caption with its credit (marking its lines, and every other line showing
/// the same caption, as used).
pub(super) fn find(lines: &[Line], used: &mut [bool]) -> Option<Photo> {
    let mut found: Option<Photo> = None;
    // Photo captions and their alt-text twins, wherever they stand.
    for i in 0..lines.len() {
        let Some(mut photo) =
            lines::caption(lines[i].text).or_else(|| lines::trailing_photo_source(lines[i].text))
        else {
            continue;
        };
        used[i] = true;
        if found.is_some() {
            continue;
        }
        // A credit on its own line ("Photo: Jane Roe/AFP") under its caption.
        // A single short word above it is a tag or a menu item ("ガジェット"), not a caption.
        if photo.caption.is_empty()
            && i > 0
            && !used[i - 1]
            && lines[i - 1].words <= 60
            && !(lines[i - 1].words == 1 && lines[i - 1].weight < 4.0)
            && lines[i - 1].chrome == Chrome::No
        {
            photo.caption = lines[i - 1].text.to_owned();
            used[i - 1] = true;
        }
        found = Some(photo);
    }
    // A caption that stands twice (alt text, then caption), with its credit on the next line
    // ("Scott Heins/Gothamist") or none.
    if found.is_none() {
        let twin = (0..lines.len().saturating_sub(1)).find(|&i| {
            let l = &lines[i];
            !used[i]
                && l.text == lines[i + 1].text
                && (4..=60).contains(&l.words)
                && l.chrome == Chrome::No
                && (l.text.ends_with('.')
                    || lines.get(i + 2).is_some_and(|c| lines::credit_line(c.text)))
        });
        if let Some(i) = twin {
            let credit = lines
                .get(i + 2)
                .filter(|c| !used[i + 2] && lines::credit_line(c.text));
            used[i] = true;
            used[i + 1] = true;
            if credit.is_some() {
                used[i + 2] = true;
            }
            found = Some(Photo {
                caption: lines[i].text.to_owned(),
                credit: credit.map(|c| c.text.to_owned()),
            });
        }
    }
    if let Some(photo) = &found {
        let folded = lines::fold(&photo.caption);
        for (i, line) in lines.iter().enumerate() {
            if !photo.caption.is_empty() && line.folded == folded {
                used[i] = true;
            }
        }
    }
    found
}
