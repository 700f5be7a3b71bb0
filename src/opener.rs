//! Opening an article's url in the browser: only web addresses, never anything an opener could
//! take for an option or a local file. A terminal browser is run in the foreground instead.

pub mod browser;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use browser::Browser;

/// The system's opener.
pub const OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// The url if it may be handed to the opener: an http or https address, with no spaces or
/// controls in it. Since it begins with the scheme, it can never be read as an option; older
/// xdg-open releases reject a `--` before it, so none is passed.
pub fn checked(url: &str) -> Result<&str, String> {
    let url = url.trim();
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err("only http and https links are opened".into());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the link has spaces or control characters in it".into());
    }
    if url.len() <= url.find("://").unwrap_or(0) + 3 {
        return Err("the link has no address".into());
    }
    Ok(url)
}

/// A failure the user is told of: an opener that exits with an error within this long of
/// starting. An opener that runs the browser in the foreground and ends with an error when
/// the browser is closed, much later, is not news by then.
const REPORT_WITHIN: Duration = Duration::from_secs(30);

/// Opens `url` with `browser`, detached from the terminal; returns what to tell the user now.
/// A thread waits for the program, so that it never stays behind as a zombie, and then calls
/// `done` with what to tell if it failed (`None` when it did not, or ended long after).
pub fn open(
    browser: &Browser,
    url: &str,
    done: impl FnOnce(Option<String>) + Send + 'static,
) -> String {
    let shown = crate::article::hygiene::clean_line(url);
    let name = crate::safe_path(Path::new(browser.program()));
    let spawned = browser.command(url).map(|mut cmd| {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    });
    let mut child = match spawned {
        Err(why) => return refused(&why, url),
        Ok(Err(e)) => return format!("cannot run {name}: {}", crate::fs::io_reason(&e)),
        Ok(Ok(child)) => child,
    };
    let started = Instant::now();
    let waiter = std::thread::Builder::new()
        .name("opener".into())
        .spawn(move || {
            let failed = match child.wait() {
                Ok(status) if status.success() => None,
                Ok(status) => Some(format!("not opened: {name} ended with {status}: {shown}")),
                Err(e) => Some(format!("not opened: {name}: {}", crate::fs::io_reason(&e))),
            };
            done(failed.filter(|_| started.elapsed() < REPORT_WITHIN));
        });
    match waiter {
        Ok(_) => format!("opening {}", crate::article::hygiene::clean_line(url)),
        // No thread to wait in: the opener runs on, and is reaped when the reader ends.
        Err(e) => format!("opening, unwatched ({})", crate::fs::io_reason(&e)),
    }
}

/// What to tell when `url` is refused for `why` (see `checked`).
pub fn refused(why: &str, url: &str) -> String {
    format!(
        "not opened: {why}: {}",
        crate::article::hygiene::clean_line(url)
    )
}

/// Runs `cmd` (from `browser.command`) in the foreground with the terminal as it is, waits for
/// it to end and returns what to tell the user. The caller gives the terminal up first.
pub fn run_here(browser: &Browser, mut cmd: Command, url: &str) -> String {
    let shown = crate::article::hygiene::clean_line(url);
    let name = crate::safe_path(Path::new(browser.program()));
    let status = cmd
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status();
    match status {
        Ok(status) if status.success() => format!("back from {name}: {shown}"),
        Ok(status) => format!("{name} ended with {status}: {shown}"),
        Err(e) => format!("cannot run {name}: {}", crate::fs::io_reason(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_reach_the_opener_and_never_as_an_option() {
        for bad in [
            "-e /bin/sh",
            "--help",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://example.com/a",
            "/home/me/article.txt",
            "https://",
            "https://example.com/a b",
            "https://example.com/\u{1b}]0;x\u{7}",
            "",
        ] {
            assert!(Browser::system().command(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["https://example.com/a?b=-c", " HTTP://Example.com/x "] {
            let cmd = Browser::system().command(good).unwrap();
            let args: Vec<_> = cmd.get_args().collect();
            assert_eq!(args.len(), 1, "{good:?}");
            let arg = args[0].to_str().unwrap();
            assert!(!arg.starts_with('-') && arg == good.trim(), "{arg:?}");
        }
    }

    /// A fake browser: a script that exits with `code`.
    #[cfg(unix)]
    fn browser(dir: &Path, code: i32) -> String {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(format!("browser-{code}"));
        std::fs::write(&path, format!("#!/bin/sh\nexit {code}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// `program` alone as a browser command.
    fn only(program: &str) -> Browser {
        Browser::parse(&shell_words::quote(program)).unwrap()
    }

    /// Opens with `program` and returns what the waiting thread said once it reaped it.
    fn outcome(program: &str) -> (String, Option<String>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let now = open(&only(program), "https://example.com/a", move |said| {
            tx.send(said).unwrap()
        });
        // A bound on a hung test, not a timing assertion.
        let later = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the opener is waited for");
        (now, later)
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_that_fails_is_reported_and_every_opener_is_reaped() {
        let dir = tempfile::tempdir().unwrap();
        let (now, later) = outcome(&browser(dir.path(), 1));
        assert_eq!(now, "opening https://example.com/a");
        let later = later.expect("the failure is told");
        assert!(later.starts_with("not opened: "), "{later}");
        assert!(
            later.contains("browser-1 ended with exit status: 1"),
            "{later}"
        );
        assert!(later.ends_with(": https://example.com/a"), "{later}");
        // One that succeeds is waited for too, and says nothing more.
        let (_, later) = outcome(&browser(dir.path(), 0));
        assert_eq!(later, None);
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_run_here_is_waited_for_and_a_failure_told() {
        let dir = tempfile::tempdir().unwrap();
        let url = "https://example.com/a";
        let failing = only(&browser(dir.path(), 3));
        let said = run_here(&failing, failing.command(url).unwrap(), url);
        assert!(
            said.ends_with("browser-3 ended with exit status: 3: https://example.com/a"),
            "{said}"
        );
        let fine = only(&browser(dir.path(), 0));
        let said = run_here(&fine, fine.command(url).unwrap(), url);
        assert!(
            said.starts_with("back from ") && said.ends_with("browser-0: https://example.com/a"),
            "{said}"
        );
    }

    #[test]
    fn an_opener_that_cannot_start_says_so_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-browser");
        let (tx, _rx) = std::sync::mpsc::channel::<Option<String>>();
        let now = open(
            &only(&missing.to_string_lossy()),
            "https://example.com/a",
            move |s| {
                let _ = tx.send(s);
            },
        );
        assert!(now.starts_with("cannot run "), "{now}");
        assert!(now.contains("no-such-browser"), "{now}");
    }
}
