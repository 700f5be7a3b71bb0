//! `gazette feeds ...` and `gazette fetch`: subscriptions from the command line, and fetching
//! with a progress bar on a terminal (plain lines otherwise).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use serde_json::json;

use super::fetch::{self, Event, FeedReport, FetchOptions};
use super::state::{Feed, FeedStore};
use super::{FeedsConfig, files, opml};
use crate::article::hygiene::clean_line;
use crate::net::Client;
use crate::safe_path;

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed (RSS, Atom, JSON Feed, or a page that names its feed).
    Add {
        url: String,
        /// The feed's folder name (default: the feed's title, on its first fetch).
        #[arg(long)]
        name: Option<String>,
    },
    /// Unsubscribe (the articles already kept stay).
    Remove {
        #[arg(value_name = "URL|NAME")]
        feed: String,
    },
    /// Subscribe to every feed of an OPML file or a newsboat urls file.
    Import { file: PathBuf },
    /// Print the subscriptions as OPML.
    Export,
}

/// Where the feed commands keep things.
#[derive(Debug, Clone)]
pub struct Places {
    pub state_dir: PathBuf,
    pub feeds_dir: PathBuf,
}

/// `gazette feeds [--json]` and its subcommands.
pub fn feeds(action: Option<FeedsCommand>, as_json: bool, places: &Places) -> anyhow::Result<u8> {
    let store = FeedStore::new(&places.state_dir);
    match action {
        None => list(&store, as_json, places),
        Some(FeedsCommand::Add { url, name }) => {
            let added = add(&store, &url, name.as_deref(), &[])?;
            match added {
                Some(name) => eprintln!("gazette: subscribed to {} as {}", clean_line(&url), name),
                None => eprintln!("gazette: already subscribed to {}", clean_line(&url)),
            }
            Ok(0)
        }
        Some(FeedsCommand::Remove { feed }) => {
            let removed = store.update(|s| {
                let i = s.find(&feed)?;
                Some(s.feeds.remove(i))
            })?;
            match removed {
                Some(f) => {
                    eprintln!(
                        "gazette: unsubscribed from {}; its articles stay in {}",
                        clean_line(&f.name),
                        safe_path(&fetch::feed_folder(&places.feeds_dir, &f))
                    );
                    Ok(0)
                }
                None => anyhow::bail!("no feed named {} (see `gazette feeds`)", clean_line(&feed)),
            }
        }
        Some(FeedsCommand::Import { file }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                anyhow::anyhow!("{}: {}", safe_path(&file), crate::fs::io_reason(&e))
            })?;
            let entries = opml::read_list(&text);
            if entries.is_empty() {
                anyhow::bail!(
                    "{}: no feeds found (expected OPML or a newsboat urls file)",
                    safe_path(&file)
                );
            }
            let mut added = 0;
            for e in &entries {
                if add(&store, &e.url, e.name.as_deref(), &e.tags)?.is_some() {
                    added += 1;
                }
            }
            eprintln!(
                "gazette: {added} feed(s) added, {} already there",
                entries.len() - added
            );
            Ok(0)
        }
        Some(FeedsCommand::Export) => {
            let state = store.load()?;
            let feeds: Vec<_> = state
                .feeds
                .iter()
                .map(|f| (f.name.clone(), f.url.clone(), f.tags.clone()))
                .collect();
            io::stdout()
                .lock()
                .write_all(opml::write_opml(&feeds).as_bytes())?;
            Ok(0)
        }
    }
}

/// Adds a subscription; None when the address is already there.
fn add(
    store: &FeedStore,
    url: &str,
    name: Option<&str>,
    tags: &[String],
) -> anyhow::Result<Option<String>> {
    let parsed = url::Url::parse(url.trim())
        .with_context(|| format!("not a valid address: {}", clean_line(url)))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        anyhow::bail!(
            "only http and https feeds can be fetched: {}",
            clean_line(url)
        );
    }
    let url = parsed.to_string();
    Ok(store.update(|s| {
        if s.feeds.iter().any(|f| f.url == url) {
            return None;
        }
        let (base, auto) = match name {
            Some(n) => (files::safe_name(n), false),
            None => (files::safe_name(parsed.host_str().unwrap_or("feed")), true),
        };
        let name = s.unique_name(&base, None);
        let mut feed = Feed::new(&url, name.clone(), auto);
        feed.tags = tags.iter().map(|t| clean_line(t)).collect();
        s.feeds.push(feed);
        Some(name)
    })?)
}

fn list(store: &FeedStore, as_json: bool, places: &Places) -> anyhow::Result<u8> {
    let state = store.load()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for f in &state.feeds {
        let when = f.last_fetch.map(format_time);
        if as_json {
            let line = json!({
                "name": clean_line(&f.name),
                "url": clean_line(&f.url),
                "folder": safe_path(&fetch::feed_folder(&places.feeds_dir, f)),
                "last_fetch": when,
                "result": f.result.as_deref().map(clean_line),
                "failed": f.failed,
                "articles": f.kept,
                "tags": f.tags,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{}  {}  {}  {}  {} article(s)",
                clean_line(&f.name),
                clean_line(&f.url),
                when.as_deref().unwrap_or("never fetched"),
                f.result
                    .as_deref()
                    .map(clean_line)
                    .unwrap_or_else(|| "-".into()),
                f.kept
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn format_time(secs: u64) -> String {
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// `gazette fetch [--json] [--no-full-text] [URL|NAME...]`: exit status 1 when a feed failed.
pub fn fetch_command(
    only: Vec<String>,
    as_json: bool,
    no_full_text: bool,
    places: &Places,
    config: &FeedsConfig,
) -> anyhow::Result<u8> {
    let store = FeedStore::new(&places.state_dir);
    let client = Client::new(config.http());
    let options = FetchOptions {
        feeds_dir: places.feeds_dir.clone(),
        full_text: config.full_text && !no_full_text,
        only,
    };
    let terminal = io::stderr().is_terminal() && !as_json;
    let bar = indicatif::ProgressBar::hidden();
    if terminal {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} feeds {wide_bar} {msg}")
                .expect("a valid template"),
        );
    }
    let out = std::sync::Mutex::new(io::stdout());
    let show = |event: Event| match event {
        Event::Waiting => bar.suspend(|| eprintln!("gazette: waiting for another fetch to end")),
        Event::Started { feeds } => bar.set_length(feeds as u64),
        Event::FeedDone(report) => {
            bar.inc(1);
            bar.set_message(clean_line(&report.name));
            let text = render(&report, as_json);
            bar.suspend(|| {
                let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            });
        }
    };
    let reports = fetch::fetch(&client, &store, &options, &show)?;
    bar.finish_and_clear();
    let failed = reports.iter().filter(|r| r.failed()).count();
    if !as_json {
        let new: usize = reports.iter().map(|r| r.new.len()).sum();
        eprintln!(
            "gazette: {} feed(s) fetched, {new} new article(s){}",
            reports.len(),
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        );
    }
    Ok(u8::from(failed > 0))
}

/// One feed's report: a JSON line, or its summary and the new titles.
fn render(report: &FeedReport, as_json: bool) -> String {
    if as_json {
        return serde_json::to_string(report).expect("a report serialises") + "\n";
    }
    let mut text = report.summary() + "\n";
    for a in &report.new {
        text += &format!("  {}  {}\n", clean_line(&a.title), a.path);
    }
    for n in &report.notes {
        text += &format!("  note: {}\n", clean_line(n));
    }
    text
}
