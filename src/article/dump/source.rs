//! The publication's name, from the chrome around the story.

use std::collections::HashMap;

/// The publication, when dropped chrome names it: a copyright holder, or a "The Name" phrase
/// that two or more chrome lines repeat ("...from The Christian Post", "Help keep The Christian
/// Post free").
pub(super) fn source_from_chrome(dropped: &[String]) -> Option<String> {
    for line in dropped {
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find('©').or_else(|| lower.find("copyright")) {
            let rest = &line[at..];
            let name: Vec<&str> = rest
                .split_whitespace()
                .skip(1)
                .skip_while(|w| {
                    w.chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == ',')
                })
                .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
                .collect();
            // The name ends with its sentence: "The Valley Gazette. All rights reserved."
            let end = name
                .iter()
                .position(|w| w.ends_with(['.', ',', ';']))
                .map(|i| i + 1)
                .unwrap_or(name.len());
            let name = name[..end]
                .join(" ")
                .trim_end_matches(['.', ',', ';'])
                .to_owned();
            if !name.is_empty() && name.split_whitespace().count() <= 5 && !name.starts_with("All")
            {
                return Some(name);
            }
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in dropped {
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut seen_here = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if *w != "The" && *w != "the" {
                continue;
            }
            let mut run: Vec<&str> = Vec::new();
            for w in words[i + 1..].iter().take(3) {
                if !w.starts_with(|c: char| c.is_uppercase()) {
                    break;
                }
                run.push(w.trim_end_matches(|c: char| !c.is_alphanumeric()));
                // A name ends with its sentence: "...from The Christian Post. Be the first".
                if w.ends_with(|c: char| !c.is_alphanumeric()) {
                    break;
                }
            }
            if !run.is_empty() {
                let name = format!("The {}", run.join(" "));
                if !seen_here.contains(&name) {
                    seen_here.push(name);
                }
            }
        }
        for name in seen_here {
            *counts.entry(name).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        // The most repeated, then the longest, then the first in order: never the order of
        // a hash map, which differs from one run to the next.
        .max_by(|(a, n), (b, m)| n.cmp(m).then(a.len().cmp(&b.len())).then(b.cmp(a)))
        .map(|(name, _)| name)
}
