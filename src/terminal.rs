//! The reader's terminal modes: taken at start, given back on quit, error, panic and signals,
//! and given back and taken again around a suspend (Ctrl-Z, SIGTSTP), like any full-screen
//! program.

use std::io::{self, Write, stdout};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::SIGTSTP;

/// Gives the terminal back: mouse reporting off, the normal screen, the cursor shown, raw
/// mode off. Safe to call twice, and from a panic hook.
pub fn leave() {
    let mut out = stdout();
    let _ = execute!(out, DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(out, Show);
    let _ = out.flush();
}

/// Takes the terminal again after a suspend: raw mode, the alternate screen, mouse reporting.
/// (The first time, `ratatui::try_init` does the first two.)
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Mouse reporting on, at start.
pub fn capture_mouse() -> io::Result<()> {
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
