//! Wire and production credit lines: taken out of the story, and the wire's close it.

use super::super::lines;
use super::line::Line;
use crate::article::Credit;

/// Every credit line's credits, and the places of those that end the story.
pub(super) fn find(lines: &[Line], used: &mut [bool]) -> (Vec<Credit>, Vec<usize>) {
    let mut credits = Vec::new();
    // Wire credit lines end the story.
    let mut credit_lines = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.words <= 60
            && let Some(found) = lines::credits(line.text)
        {
            // Production credits (photography, styling) may stand at the top.
            if found.iter().any(|c| lines::ends_story(&c.role)) {
                credit_lines.push(i);
            }
            credits.extend(found);
            used[i] = true;
        }
    }
    (credits, credit_lines)
}
