//! `gazette save URL... [--tag TAG]` and `gazette save --from FILE`: a progress bar on a
//! terminal (as `gazette fetch` has), one plain line per page otherwise.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::lists::{self, Entry};
use super::save::{self, Event, Places};
use crate::article::Options;
use crate::feeds::FeedsConfig;
use crate::net::Client;
use crate::safe_path;

/// What `gazette save` was asked.
#[derive(Debug, Clone, Default)]
pub struct SaveArgs {
    pub urls: Vec<String>,
    pub from: Option<PathBuf>,
    pub tags: Vec<String>,
    pub json: bool,
}

/// Runs `gazette save`; exit status 1 when a page could not be saved (the others were).
pub fn save_command(
    args: SaveArgs,
    places: &Places,
    feeds: &FeedsConfig,
    options: &Options,
) -> anyhow::Result<u8> {
    let mut entries: Vec<Entry> = args.urls.iter().map(|u| Entry::of_url(u)).collect();
    if let Some(file) = &args.from {
        let bytes = std::fs::read(file)
            .map_err(|e| anyhow::anyhow!("{}: {}", safe_path(file), crate::fs::io_reason(&e)))?;
        let list = lists::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", safe_path(file)))?;
        if !args.json {
            eprintln!(
                "gazette: {}: {} address(es), read as {}",
                safe_path(file),
                list.entries.len(),
                list.format
            );
        }
        entries.extend(list.entries);
    }
    if entries.is_empty() {
        anyhow::bail!("nothing to save: give addresses, or --from FILE");
    }
    let client = Client::new(feeds.http());
    let terminal = io::stderr().is_terminal() && !args.json;
    let bar = indicatif::ProgressBar::hidden();
    if terminal {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} pages {wide_bar} {msg}")
                .expect("a valid template"),
        );
    }
    let out = std::sync::Mutex::new(io::stdout());
    let show = |event: Event| match event {
        Event::Started { to_fetch, .. } => bar.set_length(to_fetch as u64),
        Event::Done(report) => {
            bar.inc(1);
            bar.set_message(crate::article::hygiene::clean_line(&report.url));
            let text = if args.json {
                serde_json::to_string(&report).expect("a report serialises")
            } else {
                report.line()
            };
            bar.suspend(|| {
                let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
                let _ = writeln!(out, "{text}");
                let _ = out.flush();
            });
        }
    };
    let saved = save::save_all(&client, places, entries, &args.tags, options, &show)?;
    bar.finish_and_clear();
    for notice in &saved.notices {
        eprintln!("gazette: {}", crate::article::hygiene::clean_line(notice));
    }
    let reports = saved.reports;
    let count = |status: &str| reports.iter().filter(|r| r.status == status).count();
    let failed = count("failed");
    if !args.json {
        eprintln!(
            "gazette: {} saved, {} already saved, {failed} failed (in {})",
            count("saved"),
            count("already saved"),
            safe_path(&places.saved_dir)
        );
    }
    Ok(u8::from(failed > 0 || !saved.notices.is_empty()))
}
