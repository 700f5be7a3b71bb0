//! After a fetch that was cut short (killed, crashed, the power gone), some articles may be
//! on disk whose feed state was never saved. Before fetching again, the feed folders are read
//! for the addresses and GUIDs in their articles' front matter, so those items count as seen
//! and those stories as kept.
//!
//! Every folder is read, not only those the state names: a feed named from its address takes
//! its title as its folder name on its first fetch, and that name is saved with its state, so
//! a cut-short first fetch leaves articles in a folder the state does not know yet. Their
//! stories must still count, or another feed carrying the same story would write it again.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::fetch::feed_folder;
use super::state::{self, FeedState};

/// Reads the front matter of the articles under `feeds_dir` into `state`.
pub fn recover(state: &mut FeedState, feeds_dir: &Path) {
    let mut keys_by_folder: HashMap<PathBuf, Vec<String>> = HashMap::new();
    let Ok(folders) = fs::read_dir(feeds_dir) else {
        return;
    };
    for folder in folders.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        let mut keys = Vec::new();
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Some((url, guid, title)) = front_matter(&path) else {
                continue;
            };
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
        keys_by_folder.insert(folder, keys);
    }
    for feed in &mut state.feeds {
        if let Some(keys) = keys_by_folder.remove(&feed_folder(feeds_dir, feed)) {
            feed.remember(keys);
        }
    }
}

/// An article's url, GUID and title, when its front matter can be read.
#[allow(clippy::type_complexity)]
fn front_matter(path: &Path) -> Option<(Option<String>, Option<String>, Option<String>)> {
    let text = fs::read_to_string(path).ok()?;
    let front = text.split("+++\n").nth(1).unwrap_or("");
    let table = front.parse::<toml::Table>().ok()?;
    let get = |k: &str| table.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    Some((get("url"), get("guid"), get("title")))
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
