//! The command line: the reader by default, and non-interactive commands for scripts.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "gazette", version, about = "A keyboard-first terminal news reader", args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Library folders to read (default: the configured library, else the bundled sample).
    pub dirs: Vec<PathBuf>,
    /// Where bookmarks and read marks are kept (default: the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
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
        /// Library folders (default: the bundled sample library).
        dirs: Vec<PathBuf>,
    },
}
