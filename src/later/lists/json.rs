//! Reading lists as JSON: Wallabag's export (an array of entries with `url`, `title`, `tags`,
//! `created_at`), Omnivore's (`url`, `title`, `labels`, `savedAt`), or any array of objects
//! with a `url`. An object holding such an array (under any key) is read too.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Entry, List, non_empty, parse_date, tags};

pub fn read(text: &str) -> Result<List, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let items = match &value {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => map
            .values()
            .find_map(|v| {
                v.as_array()
                    .filter(|a| a.iter().any(|i| i.get("url").is_some()))
            })
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        _ => &[],
    };
    let has = |key: &str| items.iter().any(|i| i.get(key).is_some());
    let format = if has("savedAt") || has("labels") {
        "an Omnivore export (JSON)"
    } else if has("created_at") && (has("is_archived") || has("domain_name")) {
        "a Wallabag export (JSON)"
    } else {
        "a JSON list"
    };
    let entries = items.iter().filter_map(entry).collect();
    Ok(List { format, entries })
}

fn entry(item: &Value) -> Option<Entry> {
    let text = |key: &str| item.get(key).and_then(Value::as_str).and_then(non_empty);
    let url = text("url").or_else(|| text("href"))?;
    let tag_names: Vec<String> = ["tags", "labels"]
        .iter()
        .filter_map(|k| item.get(*k)?.as_array())
        .flatten()
        .filter_map(|t| match t {
            Value::String(s) => Some(s.clone()),
            // Wallabag's API and some Omnivore exports give objects: {"label": ..} or {"name": ..}.
            Value::Object(o) => ["label", "name", "slug"]
                .iter()
                .find_map(|k| o.get(*k)?.as_str().map(str::to_owned)),
            _ => None,
        })
        .collect();
    let added = ["savedAt", "created_at", "time_added", "added", "createdAt"]
        .iter()
        .find_map(|k| date(item.get(*k)?));
    Some(Entry {
        url,
        title: text("title"),
        tags: tags(tag_names.iter().map(String::as_str)),
        added,
    })
}

fn date(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::String(s) => parse_date(s),
        Value::Number(n) => parse_date(&n.as_i64()?.to_string()),
        _ => None,
    }
}
