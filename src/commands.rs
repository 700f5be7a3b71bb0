//! The non-interactive commands: their output is for people and scripts, never raw article bytes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{BookmarksCommand, Cli, Command, ConfigCommand, ExportFormat};
use crate::config::{self, Config};
use crate::library::index::{self, Index};
use crate::library::query::Query;
use crate::store::{self, Bookmark, State, Store};

use serde_json::json;

use crate::article::{Article, Options, Summary};
use crate::library::cache::Cache;
use crate::library::{self, Library, load};
use crate::safe_path;

/// `gazette config ...` reads its own file; everything else loads the config first.
pub fn wants_config(cli: &Cli) -> bool {
    !matches!(
        cli.command,
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man)
    )
}

/// Runs the command line's command (the reader when there is none). Returns the exit status.
pub fn run(cli: Cli, mut config: Config) -> anyhow::Result<u8> {
    let cache = cache(&cli, &config);
    config.feeds.dir = crate::feeds::feeds_dir(cli.feeds_dir.clone(), &config.feeds);
    config.saved_dir = crate::later::saved_dir(cli.saved_dir.clone(), config.saved_dir.as_deref());
    let code = match cli.command {
        Some(Command::Parse { json, files }) => parse(&files, json, &config.options)?,
        Some(Command::Completions { shell }) => {
            // Generated from the same definition as the parser, so they cannot drift.
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "gazette", &mut std::io::stdout());
            0
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut std::io::stdout())?;
            0
        }
        Some(Command::List {
            json,
            errors: true,
            dirs,
        }) => list_errors(
            &library_dirs(dirs, &config),
            json,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::List { json, dirs, .. }) => list(
            &library_dirs(dirs, &config),
            json,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::Search {
            query,
            library,
            json,
        }) => search(
            &query,
            &library_dirs(library, &config),
            json,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::Related {
            file,
            library,
            json,
            n,
        }) => related(
            &file,
            &library_dirs(library, &config),
            json,
            n,
            &config.options,
            cache.as_ref(),
        )?,
        Some(Command::Bookmarks { json, action }) => {
            bookmarks(action, json, cli.state_dir, &config)?
        }
        Some(Command::Config { action }) => config_command(action, cli.config.as_deref())?,
        Some(Command::Feeds { json, action }) => {
            crate::feeds::cli::feeds(action, json, &feed_places(cli.state_dir, &config)?)?
        }
        Some(Command::Fetch {
            json,
            no_full_text,
            feeds,
        }) => crate::feeds::cli::fetch_command(
            feeds,
            json,
            no_full_text,
            &feed_places(cli.state_dir, &config)?,
            &config.feeds,
        )?,
        Some(Command::Save {
            urls,
            from,
            tags,
            json,
        }) => crate::later::cli::save_command(
            crate::later::cli::SaveArgs {
                urls,
                from,
                tags,
                json,
            },
            &save_places(cli.state_dir, &config)?,
            &config.feeds,
            &config.options,
        )?,
        None => crate::reader::start(cli.dirs, cli.state_dir, cache, config)?,
    };
    Ok(code)
}

fn library_dirs(dirs: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    if dirs.is_empty() {
        crate::later::with_saved_folder(
            crate::feeds::with_feeds_folder(config.folders.clone(), &config.feeds),
            config.saved_dir.as_deref(),
        )
    } else {
        dirs
    }
}

/// The state and feeds folders of the feed commands.
fn feed_places(
    state_dir: Option<PathBuf>,
    config: &Config,
) -> anyhow::Result<crate::feeds::cli::Places> {
    Ok(crate::feeds::cli::Places {
        state_dir: crate::reader::state_dir(state_dir, config)
            .context("no state folder: give --state-dir")?,
        feeds_dir: config
            .feeds
            .dir
            .clone()
            .context("no data folder for feeds: give --feeds-dir")?,
    })
}

/// The state and saved folders of `gazette save`.
pub fn save_places(
    state_dir: Option<PathBuf>,
    config: &Config,
) -> anyhow::Result<crate::later::save::Places> {
    Ok(crate::later::save::Places {
        state_dir: crate::reader::state_dir(state_dir, config)
            .context("no state folder: give --state-dir")?,
        saved_dir: config
            .saved_dir
            .clone()
            .context("no data folder for saved pages: give --saved-dir")?,
    })
}

/// The index cache: `--cache-dir`, else the config's, else the user's cache folder; none with
/// `--no-cache`.
pub fn cache(cli: &Cli, config: &Config) -> Option<Cache> {
    if cli.no_cache {
        return None;
    }
    let dir = cli
        .cache_dir
        .clone()
        .or_else(|| config.cache_dir.clone())
        .or_else(Cache::default_dir)?;
    Some(Cache::new(dir, &config.options))
}

/// The library's summaries (no index), reporting unreadable files and cache notices.
fn load_library(dirs: &[PathBuf], options: &Options, cache: Option<&Cache>) -> Library {
    let library = if dirs.is_empty() {
        Library::bundled().library
    } else {
        let loaded = load::load(dirs, options, cache, false, None);
        notify(&loaded.notices);
        loaded.library
    };
    report(&library);
    library
}

/// The library with its search and related-articles index.
fn load_indexed(dirs: &[PathBuf], options: &Options, cache: Option<&Cache>) -> (Library, Index) {
    let (library, index) = if dirs.is_empty() {
        let m = Library::bundled();
        (m.library, m.index)
    } else {
        let loaded = load::load(dirs, options, cache, true, None);
        notify(&loaded.notices);
        (loaded.library, loaded.index.unwrap_or_default())
    };
    report(&library);
    (library, index)
}

fn notify(notices: &[String]) {
    for n in notices {
        eprintln!("gazette: {n}");
    }
}

/// `gazette parse [--json] FILE...`: exit status 1 when any file could not be read.
pub fn parse(files: &[PathBuf], as_json: bool, options: &Options) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let mut status = 0;
    for path in files {
        match library::read_file(path, options) {
            Ok(article) => {
                for w in &article.warnings {
                    eprintln!("gazette: warning: {}: {w}", safe_path(path));
                }
                if as_json {
                    writeln!(out, "{}", parse_json(&article))?;
                } else {
                    write_readable(&mut out, &article)?;
                }
            }
            Err(message) => {
                eprintln!("gazette: {}: {message}", safe_path(path));
                status = 1;
            }
        }
    }
    Ok(status)
}

/// The `parse --json` object: exactly the documented keys.
pub fn parse_json(a: &Article) -> serde_json::Value {
    json!({
        "headline": a.headline,
        "dek": a.dek,
        "source": a.source,
        "url": a.url,
        "published": a.published.map(|d| d.to_string()),
        "authors": a.authors,
        "photo": a.photo,
        "paragraphs": a.paragraphs().collect::<Vec<_>>(),
        "quotes": a.quote_texts(),
        "credits": a.credits,
        "tags": a.tags,
        "related": a.related,
        "dropped": a.dropped,
    })
}

fn write_readable(out: &mut impl Write, a: &Article) -> io::Result<()> {
    writeln!(out, "{}", a.headline)?;
    writeln!(out, "{}", "=".repeat(a.headline.chars().count().min(78)))?;
    let mut meta = Vec::new();
    if let Some(s) = &a.source {
        meta.push(s.clone());
    }
    if let Some(d) = a.published {
        meta.push(d.to_string());
    }
    if let Some(b) = a.byline() {
        meta.push(format!("by {b}"));
    }
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    if let Some(d) = &a.dek {
        writeln!(out, "\n{d}")?;
    }
    if let Some(p) = &a.photo {
        writeln!(
            out,
            "\n[Photo] {}{}",
            p.caption,
            p.credit
                .as_ref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        )?;
    }
    for block in &a.blocks {
        match block.kind {
            crate::article::BlockKind::Subhead => writeln!(out, "\n## {}", block.text)?,
            crate::article::BlockKind::Paragraph => {
                writeln!(out, "\n{}", textwrap::fill(&block.text, 78))?
            }
        }
    }
    for c in &a.credits {
        writeln!(out, "\n{}: {}", c.role, c.names.join(", "))?;
    }
    writeln!(out)?;
    Ok(())
}

/// `gazette list [--json] [DIR...]`.
pub fn list(
    dirs: &[PathBuf],
    as_json: bool,
    options: &Options,
    cache: Option<&Cache>,
) -> io::Result<u8> {
    let library = load_library(dirs, options, cache);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for a in &library.articles {
        if as_json {
            let line = json!({
                "id": a.id,
                "path": safe_path(&a.path),
                "headline": a.headline,
                "source": a.source,
                "published": a.published.map(|d| d.to_string()),
                "authors": a.authors,
            });
            writeln!(out, "{line}")?;
        } else {
            let date = a
                .published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into());
            let source = a.source.as_deref().unwrap_or("-");
            writeln!(
                out,
                "{date}  {source}  {}  {}",
                a.headline,
                safe_path(&a.path)
            )?;
        }
    }
    out.flush()?;
    let status = status_of(&library);
    // The process ends here: freeing 100,000 summaries one by one would cost more than
    // letting the system reclaim the memory.
    std::mem::forget(library);
    Ok(status)
}

/// 1 when something in the library could not be read (a folder, a file), as `parse` does: the
/// rest is still listed.
fn status_of(library: &Library) -> u8 {
    u8::from(!library.errors.is_empty())
}

/// `gazette list --errors [--json] [DIR...]`: every file that could not be read, one a line
/// (the reader's status bar has room for the first only; its `e` lists them all too).
pub fn list_errors(
    dirs: &[PathBuf],
    as_json: bool,
    options: &Options,
    cache: Option<&Cache>,
) -> io::Result<u8> {
    let library = if dirs.is_empty() {
        Library::bundled().library
    } else {
        let loaded = load::load(dirs, options, cache, false, None);
        notify(&loaded.notices);
        loaded.library
    };
    let clean_line = crate::article::hygiene::clean_line;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for e in &library.errors {
        if as_json {
            let line = json!({"path": safe_path(&e.path), "error": clean_line(&e.message)});
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{}: {}", safe_path(&e.path), clean_line(&e.message))?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// Per-file errors and warnings on stderr.
pub fn report(library: &Library) {
    for e in &library.errors {
        eprintln!("gazette: {e}");
    }
    for w in &library.warnings {
        eprintln!("gazette: warning: {w}");
    }
}

fn date_of(a: &Summary) -> String {
    a.published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "----------".into())
}

/// `gazette search QUERY`: the reader's search, ranked, from the command line.
pub fn search(
    text: &str,
    dirs: &[PathBuf],
    as_json: bool,
    options: &Options,
    cache: Option<&Cache>,
) -> anyhow::Result<u8> {
    let query = Query::parse(text).map_err(|e| anyhow::anyhow!("bad query: {e}"))?;
    let (library, index) = load_indexed(dirs, options, cache);
    let hits: Vec<usize> = if query.words.is_empty() {
        (0..library.articles.len()).collect()
    } else {
        index.search(&query.words)
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for i in hits
        .into_iter()
        .filter(|&i| query.admits(&library.articles[i], false, false))
    {
        let a = &library.articles[i];
        if as_json {
            writeln!(
                out,
                "{}",
                serde_json::json!({"id": a.id, "path": safe_path(&a.path), "headline": a.headline, "source": a.source, "published": a.published.map(|d| d.to_string())})
            )?;
        } else {
            writeln!(
                out,
                "{}  {}  {}  {}",
                date_of(a),
                a.source.as_deref().unwrap_or("-"),
                a.headline,
                safe_path(&a.path)
            )?;
        }
    }
    out.flush()?;
    Ok(status_of(&library))
}

/// `gazette related FILE`: FILE's related articles in the library, with scores.
pub fn related(
    file: &Path,
    dirs: &[PathBuf],
    as_json: bool,
    n: usize,
    options: &Options,
    cache: Option<&Cache>,
) -> anyhow::Result<u8> {
    let article = library::read_file(file, options)
        .map_err(|e| anyhow::anyhow!("{}: {e}", safe_path(file)))?;
    let id = article.id.clone();
    // FILE is compared with the library: read with it (if it is in the library too, its copy
    // there is never listed as related: same headline).
    let (library, index) = if dirs.is_empty() {
        let mut articles = Library::bundled_articles();
        if !articles.iter().any(|a| a.id == article.id) {
            articles.push(article);
        }
        let m = Library::in_memory(articles);
        (m.library, m.index)
    } else {
        let mut roots = dirs.to_vec();
        roots.push(file.to_path_buf());
        load_indexed(&roots, options, cache)
    };
    let doc = library
        .articles
        .iter()
        .position(|a| a.path == file)
        .or_else(|| library.articles.iter().position(|a| a.id == id))
        .context("FILE is not in the library")?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for r in index::related(&index, &library.articles, doc, n) {
        let a = &library.articles[r.doc];
        if as_json {
            writeln!(
                out,
                "{}",
                serde_json::json!({"path": safe_path(&a.path), "headline": a.headline, "score": r.score, "explicit": r.explicit, "why": r.why})
            )?;
        } else {
            writeln!(
                out,
                "{:.3}  {}  {}  ({})",
                r.score,
                a.headline,
                safe_path(&a.path),
                r.why.join(", ")
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn open_store(state_dir: Option<PathBuf>, config: &Config) -> anyhow::Result<Store> {
    let dir =
        crate::reader::state_dir(state_dir, config).context("no state folder: give --state-dir")?;
    let store = Store::open(&dir)?;
    if let Some(n) = &store.notice {
        eprintln!("gazette: {n}");
    }
    Ok(store)
}

/// A state file from a newer gazette is left alone: its bookmarks cannot be shown or exported.
fn readable(store: &Store) -> anyhow::Result<()> {
    match store.newer() {
        Some(found) => Err(store::StoreError::TooNew {
            path: safe_path(&store.path()),
            found,
        }
        .into()),
        None => Ok(()),
    }
}

/// Bookmarks, newest first.
fn sorted_bookmarks(state: &State) -> Vec<(&crate::article::ArticleId, &Bookmark)> {
    let mut all: Vec<_> = state.bookmarks.iter().collect();
    all.sort_by(|a, b| {
        b.1.created
            .cmp(&a.1.created)
            .then_with(|| a.1.headline.cmp(&b.1.headline))
    });
    all
}

/// `gazette bookmarks [--json]`, `... export`, `... import`.
pub fn bookmarks(
    action: Option<BookmarksCommand>,
    as_json: bool,
    state_dir: Option<PathBuf>,
    config: &Config,
) -> anyhow::Result<u8> {
    let mut store = open_store(state_dir, config)?;
    if !matches!(action, Some(BookmarksCommand::Import { .. })) {
        readable(&store)?;
    }
    match action {
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            for (id, b) in sorted_bookmarks(&store.state) {
                if as_json {
                    writeln!(
                        out,
                        "{}",
                        serde_json::json!({"id": clean(&id.0), "headline": clean(&b.headline), "source": b.source.as_deref().map(clean), "published": b.published.as_deref().map(clean), "path": clean(&b.path), "url": b.url.as_deref().map(clean), "created": b.created})
                    )?;
                } else {
                    let missing = if b.path.starts_with("sample/") || Path::new(&b.path).exists() {
                        ""
                    } else {
                        "  (file missing)"
                    };
                    writeln!(
                        out,
                        "{}  {}  {}  {}{missing}",
                        clean(b.published.as_deref().unwrap_or("----------")),
                        clean(b.source.as_deref().unwrap_or("-")),
                        clean(&b.headline),
                        clean(b.url.as_deref().unwrap_or(&b.path))
                    )?;
                }
            }
            out.flush()?;
        }
        Some(BookmarksCommand::Export { format, output }) => {
            let text = match format {
                ExportFormat::Json => {
                    serde_json::to_string_pretty(
                        &State {
                            version: store::VERSION,
                            bookmarks: store.state.bookmarks.clone(),
                            read: Default::default(),
                        }
                        .cleaned(),
                    )? + "\n"
                }
                ExportFormat::Markdown => {
                    let mut md = String::from("# Bookmarks\n\n");
                    for (_, b) in sorted_bookmarks(&store.state) {
                        let meta: Vec<String> = [b.source.clone(), b.published.clone()]
                            .into_iter()
                            .flatten()
                            .map(|s| clean(&s))
                            .collect();
                        let link = clean(b.url.as_deref().unwrap_or(&b.path));
                        md += &format!(
                            "- **{}**{} — <{link}>\n",
                            clean(&b.headline),
                            if meta.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", meta.join(", "))
                            }
                        );
                    }
                    md
                }
            };
            match output {
                Some(path) => store::write_output(&path, text.as_bytes())?,
                None => io::stdout().lock().write_all(text.as_bytes())?,
            }
        }
        Some(BookmarksCommand::Import { file }) => {
            let bytes = library::read_regular(&file, store::MAX_BYTES).map_err(|e| {
                anyhow::anyhow!("{}: {}", safe_path(&file), crate::fs::io_reason(&e))
            })?;
            let incoming: State = serde_json::from_slice(&bytes).map_err(|e| {
                let e = e.to_string().replace("struct State", "an export object");
                anyhow::anyhow!("{}: not a gazette bookmarks export: {e}", safe_path(&file))
            })?;
            if incoming.version > store::VERSION {
                anyhow::bail!(
                    "{}: written by a newer gazette (format version {})",
                    safe_path(&file),
                    incoming.version
                );
            }
            let added = store.merge(incoming)?;
            eprintln!("gazette: {added} bookmark(s) added");
        }
    }
    Ok(0)
}

/// Stored text is shown through the same hygiene as article text.
fn clean(text: &str) -> String {
    crate::article::hygiene::clean_line(text)
}

/// `gazette config check [FILE]` and `gazette config default`.
pub fn config_command(action: ConfigCommand, flag: Option<&Path>) -> anyhow::Result<u8> {
    match action {
        ConfigCommand::Default => {
            io::stdout().lock().write_all(config::EXAMPLE.as_bytes())?;
            Ok(0)
        }
        ConfigCommand::Check { file } => {
            let result = config::load(file.as_deref().or(flag));
            match result {
                Err(e) => {
                    eprintln!("gazette: {e}");
                    Ok(2)
                }
                Ok((c, path)) => {
                    let mut out = io::stdout().lock();
                    match path {
                        Some(p) => writeln!(out, "{}: ok", safe_path(&p))?,
                        None => writeln!(out, "no config file; using the defaults")?,
                    }
                    let folders: Vec<String> = c.folders.iter().map(|f| safe_path(f)).collect();
                    writeln!(
                        out,
                        "library: {}",
                        if folders.is_empty() {
                            "the bundled sample".into()
                        } else {
                            folders.join(", ")
                        }
                    )?;
                    writeln!(
                        out,
                        "state folder: {}",
                        crate::reader::state_dir(None, &c)
                            .map(|p| safe_path(&p))
                            .unwrap_or_else(|| "none".into())
                    )?;
                    writeln!(
                        out,
                        "cache folder: {}",
                        c.cache_dir
                            .clone()
                            .or_else(Cache::default_dir)
                            .map(|p| safe_path(&p))
                            .unwrap_or_else(|| "none".into())
                    )?;
                    writeln!(
                        out,
                        "saved pages folder: {}",
                        crate::later::saved_dir(None, c.saved_dir.as_deref())
                            .map(|p| safe_path(&p))
                            .unwrap_or_else(|| "none".into())
                    )?;
                    writeln!(
                        out,
                        "max file size: {} MiB",
                        c.options.size_cap / (1024 * 1024)
                    )?;
                    writeln!(out, "theme: {}", c.theme_name)?;
                    writeln!(
                        out,
                        "date format: {}  related articles: {}",
                        clean(&c.settings.date_format),
                        c.settings.related_count
                    )?;
                    for a in crate::action::Action::ALL {
                        writeln!(out, "key {:<16} {}", a.name(), c.keymap.describe_keys(a))?;
                    }
                    Ok(0)
                }
            }
        }
    }
}
