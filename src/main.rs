use std::process::ExitCode;

use clap::Parser;
use gazette::cli::{Cli, Command};
use gazette::{commands, library::DEFAULT_SIZE_CAP};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { json, files }) => commands::parse(&files, json, DEFAULT_SIZE_CAP),
        Some(Command::List { json, dirs }) => commands::list(&dirs, json, DEFAULT_SIZE_CAP),
        None => Ok(0),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gazette: {e}");
            ExitCode::from(1)
        }
    }
}
