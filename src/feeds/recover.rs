//! After a fetch that was cut short (killed, crashed, the power gone), some articles may be
//! on disk whose feed state was never saved. Before fetching again, the feed folders are read
//! for the addresses and GUIDs in their articles' front matter, so those items count as seen.

use std::fs;
use std::path::Path;

use super::fetch::feed_folder;
use super::state::{self, FeedState};

/// Reads the front matter of the articles in each feed's folder into `state`.
pub fn recover(state: &mut FeedState, feeds_dir: &Path) {
    for feed in &mut state.feeds {
        let folder = feed_folder(feeds_dir, feed);
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        let mut keys = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            let front = text.split("+++\n").nth(1).unwrap_or("");
            let Ok(table) = front.parse::<toml::Table>() else {
                continue;
            };
            let get = |k: &str| table.get(k).and_then(|v| v.as_str()).map(str::to_owned);
            let (url, guid, title) = (get("url"), get("guid"), get("title"));
            if let Some(u) = &url {
                state
                    .stories
                    .insert(state::story_key(u), path.to_string_lossy().into_owned());
            }
            keys.push(state::item_key(
                guid.as_deref(),
                url.as_deref(),
                title.as_deref().unwrap_or(""),
            ));
        }
        feed.remember(keys);
    }
}

/// Takes what `recover` found into the state on disk (which may have changed meanwhile).
pub fn adopt(disk: &mut FeedState, recovered: &FeedState) {
    disk.stories.extend(
        recovered
            .stories
            .iter()
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    for feed in &mut disk.feeds {
        if let Some(r) = recovered.feeds.iter().find(|r| r.url == feed.url) {
            feed.remember(r.seen.iter().cloned());
        }
    }
}
