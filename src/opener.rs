//! Opening an article's url in the browser: only web addresses, never anything an opener could
//! take for an option or a local file.

use std::process::{Command, Stdio};

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

/// The command that opens `url` with `opener`, or why it is refused.
pub fn command(opener: &str, url: &str) -> Result<Command, String> {
    let url = checked(url)?;
    let mut cmd = Command::new(opener);
    cmd.arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Ok(cmd)
}

/// Opens `url` in the browser, detached from the terminal; returns what to tell the user.
pub fn open(url: &str) -> String {
    let shown = crate::article::hygiene::clean_line(url);
    match command(OPENER, url) {
        Err(why) => format!("not opened: {why}: {shown}"),
        Ok(mut cmd) => match cmd.spawn() {
            Ok(_) => format!("opening {shown}"),
            Err(e) => format!("cannot run {OPENER}: {}", crate::fs::io_reason(&e)),
        },
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
            assert!(command("xdg-open", bad).is_err(), "{bad:?} accepted");
        }
        for good in ["https://example.com/a?b=-c", " HTTP://Example.com/x "] {
            let cmd = command("xdg-open", good).unwrap();
            let args: Vec<_> = cmd.get_args().collect();
            assert_eq!(args.len(), 1, "{good:?}");
            let arg = args[0].to_str().unwrap();
            assert!(!arg.starts_with('-') && arg == good.trim(), "{arg:?}");
        }
    }
}
