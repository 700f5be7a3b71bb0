//! The command line: the reader by default, and non-interactive commands for scripts.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
// The global options are read before and after a subcommand (`gazette --no-cache list DIR`):
// so a subcommand's name is always a subcommand, never a folder (`./list` is the folder).
#[command(
    name = "gazette",
    version,
    about = "A keyboard-first terminal news reader"
)]
pub struct Cli {
    /// Library folders to read (default: the configured library, else the bundled sample).
    pub dirs: Vec<PathBuf>,
    /// The config file (default: $GAZETTE_CONFIG, else ~/.config/gazette/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where bookmarks and read marks are kept (default: the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Where the index cache is kept (default: the user's cache folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Read every file, neither using nor writing the index cache.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Where feed articles are kept (default: feeds in the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub feeds_dir: Option<PathBuf>,
    /// Where `gazette save` keeps pages (default: saved in the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub saved_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print each file's article as gazette reads it.
    Parse {
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the articles of a library, newest first.
    List {
        /// JSON lines with id, path, headline, source, published, authors.
        #[arg(long)]
        json: bool,
        /// Instead of the articles, every file that could not be read and why (JSON: path,
        /// error).
        #[arg(long)]
        errors: bool,
        /// Library folders (default: the configured library, else the bundled sample).
        dirs: Vec<PathBuf>,
    },
    /// Search a library: words plus filters (source:NAME, tag:NAME, since:YYYY-MM-DD,
    /// until:YYYY-MM-DD, is:bookmarked, is:unread; the is: filters read the marks in the state
    /// folder).
    Search {
        query: String,
        /// Library folders (default: the configured library, else the bundled sample).
        #[arg(long = "library", value_name = "DIR")]
        library: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The related articles of FILE in a library, with scores.
    Related {
        file: PathBuf,
        #[arg(long = "library", value_name = "DIR")]
        library: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(short = 'n', default_value_t = 8)]
        n: usize,
    },
    /// List bookmarks, newest first; export or import them.
    Bookmarks {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<BookmarksCommand>,
    },
    /// List the feeds subscribed to; add, remove, import or export them.
    Feeds {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<crate::feeds::cli::FeedsCommand>,
    },
    /// Fetch the feeds (all, or those named) and keep their new stories as articles.
    Fetch {
        /// One JSON object per feed, one per line.
        #[arg(long)]
        json: bool,
        /// Keep what the feed carries; do not fetch item pages for their whole text.
        #[arg(long)]
        no_full_text: bool,
        #[arg(value_name = "URL|NAME")]
        feeds: Vec<String>,
    },
    /// Save pages by their address into the library, bookmarked, to read later.
    Save {
        /// The pages' addresses.
        #[arg(value_name = "URL")]
        urls: Vec<String>,
        /// A reading list: addresses one a line, or an export from Pocket, Instapaper,
        /// Wallabag, Omnivore, or a browser's bookmarks.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// A tag for every page saved (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// One JSON object per page, one per line.
        #[arg(long)]
        json: bool,
    },
    /// Check a config file, or print the default one.
    Config {
        #[command(subcommand)]
        action: ConfigCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell, e.g. `gazette completions bash > ~/.local/share/bash-completion/completions/gazette`.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `gazette man > ~/.local/share/man/man1/gazette.1`.
    Man {
        /// Write gazette.1 and a page per command (gazette-parse.1, ...) into DIR instead,
        /// e.g. `gazette man --dir ~/.local/share/man/man1`.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// Write the bookmarks as Markdown or JSON.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge bookmarks from a JSON export (no duplicates).
    Import { file: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate a config file (default: the one gazette would use) and say what it would use.
    Check { file: Option<PathBuf> },
    /// Print the default config file, every option documented.
    Default,
}
