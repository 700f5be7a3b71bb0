use std::process::ExitCode;

use clap::Parser;
use gazette::{cli::Cli, commands, config};

// Loading a large library allocates hundreds of thousands of small strings on every core;
// mimalloc does that faster than the system allocator and gives memory back better.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Options of mimalloc's (numbers from its mimalloc.h, v3: the version libmimalloc-sys builds
/// without its `v2` feature).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

fn main() -> ExitCode {
    // Memory is committed as it is used and given back as soon as it is freed: a large
    // library's peak memory stays near what it really holds. No transparent huge pages:
    // mimalloc asks for them on its arena (reserved before main, so the option alone comes
    // too late for it, hence the prctl on Linux), and where the system grants them a 2 MiB
    // page is resident as soon as one byte of it is touched and stays so until all of it is
    // free; at 100,000 articles that cost the reader 13-21 MiB of its peak. The prctl is
    // inherited by programs the reader starts (the opener), which lose only huge pages.
    // SAFETY: plain option setters of the allocator and of this process, called before any
    // thread starts.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(ALLOW_THP, 0);
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
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
