use std::process::ExitCode;

use clap::Parser;
use gazette::cli::{Cli, Command};
use gazette::{commands, library::DEFAULT_SIZE_CAP, reader};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { json, files }) => commands::parse(&files, json, DEFAULT_SIZE_CAP).map_err(Into::into),
        Some(Command::List { json, dirs }) => commands::list(&dirs, json, DEFAULT_SIZE_CAP).map_err(Into::into),
        None => reader::start(cli.dirs, cli.state_dir).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gazette: {e:#}");
            ExitCode::from(1)
        }
    }
}
