//! The reader's terminal modes: taken at start, given back on quit, error, panic and signals,
//! and given back and taken again around a suspend (Ctrl-Z, SIGTSTP), like any full-screen
//! program.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::SIGTSTP;

/// Whether the reader's screen is up (the alternate screen, taken at start or after a suspend).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back: mouse reporting off, the normal screen, the cursor shown, raw
/// mode off. Safe to call twice, and from a panic hook.
pub fn leave() {
    let mut out = stdout();
    // The reader's screen is wiped before it is left: a terminal that grew meanwhile (tmux)
    // otherwise keeps the rows it added, drawn by the reader, above the shell's prompt.
    if SHOWN.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, Clear(ClearType::All));
    }
    let _ = execute!(out, DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(out, Show);
    let _ = out.flush();
}

/// Takes the terminal again after a suspend: raw mode, the alternate screen, mouse reporting.
/// (The first time, `ratatui::try_init` does the first two.)
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    SHOWN.store(true, Ordering::SeqCst);
    Ok(())
}

/// Mouse reporting on, at start (after `ratatui::try_init` took the alternate screen).
pub fn capture_mouse() -> io::Result<()> {
    SHOWN.store(true, Ordering::SeqCst);
    execute!(stdout(), EnableMouseCapture)
}

/// Stops gazette until the shell continues it (`fg`), with the terminal given back meanwhile,
/// then takes the terminal again; the caller redraws everything. The stop is SIGTSTP's default
/// action (a SIGSTOP: a job-control stop would be ignored in an orphaned process group).
pub fn suspend() -> io::Result<()> {
    leave();
    // Returns once the process is continued.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter()
}
