//! A browser in the reader's terminal: the reader steps aside as for a suspend, the browser has
//! the terminal (keys, Ctrl-C, Ctrl-Z) until it ends, then the reader is drawn again whole.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGINT, SIGQUIT};

use super::redraw_all;
use crate::app::{App, Msg};
use crate::opener::Browser;

/// Whether a browser has the terminal. Ctrl-C and Ctrl-\ typed meanwhile reach the browser and
/// the reader both (one process group); they are the browser's, as `system(3)` has it, so the
/// signal thread lets them pass (`passes`) instead of ending the reader.
#[derive(Clone)]
pub(super) struct Browsing {
    on: Arc<AtomicBool>,
    /// Set when such a signal is delivered, cleared when the signal thread has read it: the
    /// browser's end is not taken for the reader's until then.
    unread: Arc<AtomicBool>,
}

/// How long the reader waits, at most, for the signal thread to read a Ctrl-C that reached it
/// while the browser ran (a thread that is only to be scheduled).
const CATCH_UP: Duration = Duration::from_secs(1);

impl Browsing {
    /// Registers the delivery flags; call before the signal thread's own handlers, so that the
    /// flag is set before the thread can read the signal.
    pub(super) fn new() -> anyhow::Result<Browsing> {
        let unread = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGQUIT] {
            signal_hook::flag::register(signal, unread.clone())?;
        }
        Ok(Browsing {
            on: Arc::new(AtomicBool::new(false)),
            unread,
        })
    }

    /// Whether a browser has the terminal now.
    pub(super) fn is_on(&self) -> bool {
        self.on.load(Ordering::SeqCst)
    }

    /// For the signal thread: whether `signal` was the browser's, so the reader goes on.
    pub(super) fn passes(&self, signal: i32) -> bool {
        if !matches!(signal, SIGINT | SIGQUIT) {
            return false;
        }
        let browsing = self.on.load(Ordering::SeqCst);
        self.unread.store(false, Ordering::SeqCst);
        browsing
    }

    /// Runs `browser` on `url` in the terminal and tells how it ended in the status bar.
    pub(super) fn open(
        &self,
        terminal: &mut DefaultTerminal,
        app: &mut App,
        browser: &Browser,
        url: &str,
    ) -> anyhow::Result<()> {
        let line = match browser.command(url) {
            Err(why) => crate::opener::refused(&why, url),
            Ok(cmd) => {
                crate::terminal::leave();
                self.unread.store(false, Ordering::SeqCst);
                self.on.store(true, Ordering::SeqCst);
                let line = crate::opener::run_here(browser, cmd, url);
                self.catch_up();
                self.on.store(false, Ordering::SeqCst);
                crate::terminal::enter()?;
                // `leave` showed the cursor; the reader draws without one.
                terminal.hide_cursor()?;
                redraw_all(terminal)?;
                let size = terminal.size()?;
                app.update(Msg::Resize(size.width, size.height));
                line
            }
        };
        app.update(Msg::Status(line));
        Ok(())
    }

    /// Waits until the signal thread has read a Ctrl-C delivered while the browser ran.
    fn catch_up(&self) {
        let start = std::time::Instant::now();
        while self.unread.load(Ordering::SeqCst) && start.elapsed() < CATCH_UP {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
