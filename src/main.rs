use std::process::ExitCode;

use clap::Parser;
use gazette::{cli::Cli, commands, config};

// Loading a large library allocates hundreds of thousands of small strings on every core;
// mimalloc does that faster than the system allocator and gives memory back better.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    gazette::alloc::configure();
    let cli = Cli::parse();
    // A bad config stops start-up before the terminal is touched, with status 2.
    let config = match commands::wants_config(&cli).then(|| config::load(cli.config.as_deref())) {
        Some(Err(e)) => {
            eprintln!("gazette: {e}");
            return ExitCode::from(2);
        }
        Some(Ok((config, _))) => config,
        None => config::Config::default(),
    };
    match commands::run(cli, config) {
        Ok(code) => ExitCode::from(code),
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gazette: {e:#}");
            ExitCode::from(1)
        }
    }
}
