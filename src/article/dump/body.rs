//! The story's body: paragraphs and the subheads that lead into them.

use super::super::lines::Chrome;
use super::line::Line;
use crate::article::{Block, BlockKind};

/// A short line between paragraphs that introduces the next one: "What happens next".
pub(super) fn is_subhead(
    lines: &[Line],
    used: &[bool],
    i: usize,
    start: usize,
    end: usize,
) -> bool {
    let line = &lines[i];
    if line.words == 0
        || line.words > 12
        || line.text.ends_with(['.', ',', ';'])
        || line.text.chars().count() > 100
    {
        return false;
    }
    let next_prose = (i + 1..end)
        .find(|&j| !used[j])
        .is_some_and(|j| lines[j].prose && lines[j].chrome == Chrome::No);
    let prev_prose = (start..i)
        .rev()
        .find(|&j| !used[j])
        .is_none_or(|j| lines[j].prose);
    next_prose
        && prev_prose
        && line
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic())
}

/// The body's blocks from `body_start` to `end`, marking in `dropped` the lines left out. A
/// `clean` file keeps every line.
pub(super) fn blocks(
    lines: &[Line],
    used: &[bool],
    (body_start, end): (usize, usize),
    clean: bool,
    dropped: &mut [bool],
) -> Vec<Block> {
    let mut blocks = Vec::new();
    for i in body_start..end {
        if used[i] {
            continue;
        }
        let line = &lines[i];
        let keep = line.chrome == Chrome::No && !line.repeated;
        if keep && (line.prose || line.words >= 8) {
            blocks.push((i, Block::paragraph(line.text)));
        } else if keep && is_subhead(lines, used, i, body_start, end) {
            blocks.push((i, Block::subhead(line.text)));
        } else if clean {
            blocks.push((i, Block::paragraph(line.text)));
        } else {
            dropped[i] = true;
        }
    }
    // A subhead must lead into text.
    while blocks
        .last()
        .is_some_and(|(_, b)| b.kind == BlockKind::Subhead)
    {
        let (i, _) = blocks.pop().unwrap();
        dropped[i] = true;
    }
    blocks.into_iter().map(|(_, b)| b).collect()
}
