//! Reading lists as CSV with a header: Pocket's (`title,url,time_added,tags,status`, tags
//! separated by `|`) and Instapaper's (`URL,Title,Selection,Folder,Timestamp`), or any CSV
//! with a `url` column. Columns are found by their header names, in any order.

use super::{Entry, List, non_empty, parse_date, tags};

/// The list, or None when the first line is not a CSV header with a url column.
pub fn read(text: &str) -> Result<Option<List>, String> {
    let first = text.lines().next().unwrap_or("");
    if !first.contains(',') {
        return Ok(None);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        Err(_) => return Ok(None),
    };
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(url) = column(&["url", "href", "link", "address"]) else {
        return Ok(None);
    };
    let title = column(&["title", "name"]);
    let added = column(&["time_added", "timestamp", "created_at", "added", "date"]);
    let tag_col = column(&["tags", "labels"]);
    let folder = column(&["folder"]);
    let format = if headers.contains(&"time_added".into()) {
        "a Pocket export (CSV)"
    } else if folder.is_some() && headers.contains(&"selection".into()) {
        "an Instapaper export (CSV)"
    } else {
        "a CSV list"
    };
    let mut entries = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("CSV row {}: {e}", i + 2))?;
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("");
        let mut entry_tags = tags(field(tag_col).split(['|', ',']));
        // Instapaper's folders: "Unread", "Archive" and "Starred" are states, not subjects.
        let f = field(folder);
        if !f.is_empty() && !["unread", "archive", "starred"].contains(&f.to_lowercase().as_str()) {
            entry_tags = tags(entry_tags.iter().map(String::as_str).chain([f]));
        }
        entries.push(Entry {
            url: field(Some(url)).to_owned(),
            title: non_empty(field(title)),
            tags: entry_tags,
            added: parse_date(field(added)),
        });
    }
    Ok(Some(List { format, entries }))
}
