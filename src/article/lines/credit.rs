//! Wire and production credit lines: "(Reporting by A; Editing by B)", "AP writer C
//! contributed to this report.", "Photographed by D; Styled by E".

use super::name::split_names;
use crate::article::Credit;

/// Wire credit lines: "(Reporting by A, B and C in Geneva; Editing by F)" and "Associated Press
/// writers X and Y contributed to this report."
pub fn credits(text: &str) -> Option<Vec<Credit>> {
    let inner = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches(['.', ')', ']'])
        .trim();
    let lower = inner.to_ascii_lowercase();
    if let Some(at) = lower.find(" contributed") {
        let tail = &lower[at..];
        if !(tail.contains("to this") || tail.contains("reporting") || tail.trim() == "contributed")
            || at == 0
        {
            return None;
        }
        let before = &inner[..at];
        let role_nouns = [
            "writers",
            "writer",
            "reporters",
            "reporter",
            "correspondents",
            "correspondent",
            "staff",
        ];
        let start = role_nouns
            .iter()
            .filter_map(|n| {
                before
                    .to_ascii_lowercase()
                    .rfind(&format!("{n} "))
                    .map(|i| i + n.len() + 1)
            })
            .max()
            .unwrap_or(0);
        let names = split_names(&before[start..]);
        return (!names.is_empty()).then(|| {
            vec![Credit {
                role: "Contributing".into(),
                names,
            }]
        });
    }
    let mut found = Vec::new();
    for part in inner.split(';') {
        let part = part.trim();
        let lower = part.to_ascii_lowercase();
        let by = lower.find(" by ")?;
        let role = part[..by].trim();
        let role_lower = role.to_lowercase();
        let known = [
            "reporting",
            "writing",
            "editing",
            "additional reporting",
            "compiled",
            "research",
            "graphics",
            "production",
            "photography",
            "translation",
            "fact-checking",
            // A magazine's production credits: "Photographed by A; Styled by B; Hair by C".
            "photographed",
            "styled",
            "styling",
            "modeled",
            "modelled",
            "hair",
            "makeup",
            "make-up",
            "nails",
            "illustrated",
            "illustration",
            "design",
            "designed",
            "video",
            "produced",
        ];
        if !known
            .iter()
            .any(|k| role_lower == *k || role_lower.ends_with(&format!(" {k}")))
            || role.split_whitespace().count() > 3
        {
            return None;
        }
        let names = split_names(&part[by + 4..]);
        if names.is_empty() {
            return None;
        }
        // Roles as nouns, as the wire services write them.
        let role = match role_lower.as_str() {
            "photographed" => "Photography",
            "styled" => "Styling",
            "illustrated" => "Illustration",
            "designed" => "Design",
            "produced" => "Production",
            _ => role,
        };
        let mut role = role.to_owned();
        if let Some(first) = role.get(..1) {
            role = first.to_uppercase() + &role[1..];
        }
        // One role, one entry: "Modeled by A; Modeled by B" -> Modeled: A, B.
        match found.iter_mut().find(|c: &&mut Credit| c.role == role) {
            Some(credit) => {
                for name in names {
                    if !credit.names.contains(&name) {
                        credit.names.push(name);
                    }
                }
            }
            None => found.push(Credit { role, names }),
        }
    }
    (!found.is_empty()).then_some(found)
}

/// Whether a credit's role is a wire service's, whose credit line closes the story.
pub fn ends_story(role: &str) -> bool {
    let role = role.to_lowercase();
    [
        "reporting",
        "writing",
        "editing",
        "compiled",
        "research",
        "translation",
        "fact-checking",
        "contributing",
    ]
    .iter()
    .any(|r| role == *r || role.ends_with(&format!(" {r}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_credits() {
        let c = credits("(Reporting by A Bee, Cee Dee and Eff Gee in Geneva; Additional reporting by Aitch Eye; Writing by Jay Kay; Editing by El Em)").unwrap();
        let roles: Vec<_> = c.iter().map(|c| c.role.as_str()).collect();
        assert_eq!(
            roles,
            ["Reporting", "Additional reporting", "Writing", "Editing"]
        );
        assert_eq!(c[0].names, ["A Bee", "Cee Dee", "Eff Gee"]);
        let c = credits("Associated Press writers Xi Wu and Yan Li contributed to this report.")
            .unwrap();
        assert_eq!(
            c,
            [Credit {
                role: "Contributing".into(),
                names: vec!["Xi Wu".into(), "Yan Li".into()]
            }]
        );
        assert_eq!(credits("He was reporting by phone from the scene."), None);
    }

    #[test]
    fn production_credits() {
        // A magazine's production credits, merged by role.
        let c = credits(
            "Photographed by Ann Lee; Modeled by Bo Kim at Top Models; Modeled by Cy Day; \
             Makeup by Di Fox using Glow Cosmetics; Photographed by Ann Lee.",
        )
        .unwrap();
        let shown: Vec<String> = c
            .iter()
            .map(|c| format!("{}: {}", c.role, c.names.join(", ")))
            .collect();
        assert_eq!(
            shown,
            [
                "Photography: Ann Lee",
                "Modeled: Bo Kim, Cy Day",
                "Makeup: Di Fox"
            ]
        );
        assert!(!ends_story("Photography") && ends_story("Additional reporting"));
    }
}
