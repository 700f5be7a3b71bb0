//! The browser `o` runs: a command line from the config (`%u`) or from $BROWSER (`%s`), split
//! into words without a shell, with the address put in as one word of its own.

use std::path::Path;
use std::process::Command;

use super::{OPENER, checked};

/// Browsers that draw in the terminal: by default they are given the reader's terminal.
pub const TERMINAL_BROWSERS: &[&str] = &["w3m", "lynx", "links", "elinks", "browsh", "www-browser"];

/// A browser command, checked: at least one word, the program first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    words: Vec<String>,
    /// The letter that, after `%`, stands for the address: `u` in the config, `s` in $BROWSER.
    placeholder: char,
    /// Takes over the reader's terminal until it ends, instead of running detached.
    pub in_terminal: bool,
}

impl Browser {
    /// The system's opener (xdg-open, open), detached.
    pub fn system() -> Browser {
        Browser {
            words: vec![OPENER.to_owned()],
            placeholder: 'u',
            in_terminal: false,
        }
    }

    /// A `browser` line from the config: `%u` is the address, else it comes last.
    pub fn parse(line: &str) -> Result<Browser, String> {
        Browser::split(line, 'u')
    }

    /// $BROWSER's first `:`-separated entry, where `%s` is the address (the BROWSER
    /// convention); `None` when it names nothing.
    pub fn from_env(value: &str) -> Result<Option<Browser>, String> {
        let first = value.split(':').next().unwrap_or("");
        if first.trim().is_empty() {
            return Ok(None);
        }
        Browser::split(first, 's').map(Some)
    }

    fn split(line: &str, placeholder: char) -> Result<Browser, String> {
        let words = shell_words::split(line).map_err(|_| "unbalanced quotes".to_owned())?;
        if words.first().is_none_or(|w| w.is_empty()) {
            return Err("an empty command".into());
        }
        let in_terminal = is_terminal_browser(&words[0]);
        Ok(Browser {
            words,
            placeholder,
            in_terminal,
        })
    }

    /// The program, as the user named it.
    pub fn program(&self) -> &str {
        &self.words[0]
    }

    /// The program's arguments for `url` (already checked): the placeholder replaced in every
    /// word that has it, else the address as a last argument. Either way the address stays one
    /// argument, whatever it holds.
    pub fn args(&self, url: &str) -> Vec<String> {
        let mut placed = false;
        let mut args: Vec<String> = self.words[1..]
            .iter()
            .map(|word| {
                let (filled, had) = fill(word, self.placeholder, url);
                placed |= had;
                filled
            })
            .collect();
        if !placed {
            args.push(url.to_owned());
        }
        args
    }

    /// The command that opens `url`, or why it is refused (see `checked`). Its standard
    /// streams are left to the caller.
    pub fn command(&self, url: &str) -> Result<Command, String> {
        let url = checked(url)?;
        let mut cmd = Command::new(self.program());
        cmd.args(self.args(url));
        Ok(cmd)
    }
}

/// The browser `o` uses: the config's, else $BROWSER's, else the system opener;
/// `in_terminal` from the config overrides what the program's name suggests. A $BROWSER that
/// is not a command is passed over for the system opener, and what is wrong with it is
/// returned to be told.
pub fn choose(
    configured: Option<&Browser>,
    in_terminal: Option<bool>,
    env: Option<&str>,
) -> (Browser, Option<String>) {
    let (mut browser, notice) = match (configured, env) {
        (Some(b), _) => (b.clone(), None),
        (None, Some(value)) => match Browser::from_env(value) {
            Ok(Some(b)) => (b, None),
            Ok(None) => (Browser::system(), None),
            Err(why) => (
                Browser::system(),
                Some(format!("$BROWSER ignored ({why}): o uses {OPENER}")),
            ),
        },
        (None, None) => (Browser::system(), None),
    };
    if let Some(flag) = in_terminal {
        browser.in_terminal = flag;
    }
    (browser, notice)
}

/// Whether `program` is, by its file name, a browser that draws in the terminal.
fn is_terminal_browser(program: &str) -> bool {
    Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| TERMINAL_BROWSERS.contains(&n))
}

/// `word` with `%<placeholder>` replaced by `url` and `%%` by `%`; and whether the address
/// was put in.
fn fill(word: &str, placeholder: char, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len() + url.len());
    let mut placed = false;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.clone().next() {
            Some(p) if p == placeholder => {
                chars.next();
                out.push_str(url);
                placed = true;
            }
            Some('%') => {
                chars.next();
                out.push('%');
            }
            _ => out.push('%'),
        }
    }
    (out, placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.com/a?b=1&c=%75 x";

    fn argv(browser: &Browser, url: &str) -> Vec<String> {
        let cmd = browser.command(url).unwrap();
        std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|s| s.to_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn the_address_replaces_percent_u_or_comes_last() {
        let url = "https://example.com/a?q=%75";
        let b = Browser::parse("w3m %u").unwrap();
        assert_eq!(argv(&b, url), ["w3m", url]);
        let b = Browser::parse("firefox --new-tab=%u --private").unwrap();
        assert_eq!(
            argv(&b, url),
            ["firefox", &format!("--new-tab={url}"), "--private"]
        );
        // No %u: the address is the last argument; %% is a percent sign.
        let b = Browser::parse("lynx -width=100%% -accept_all_cookies").unwrap();
        assert_eq!(
            argv(&b, url),
            ["lynx", "-width=100%", "-accept_all_cookies", url]
        );
        // %s means nothing in the config.
        let b = Browser::parse("links %s").unwrap();
        assert_eq!(argv(&b, url), ["links", "%s", url]);
    }

    #[test]
    fn quotes_keep_words_together_and_no_shell_reads_the_line() {
        let b =
            Browser::parse(r#"'/opt/my browser/run' --title "a b" %u ; rm -rf ~ $HOME"#).unwrap();
        assert_eq!(
            argv(&b, "https://example.com/"),
            [
                "/opt/my browser/run",
                "--title",
                "a b",
                "https://example.com/",
                ";",
                "rm",
                "-rf",
                "~",
                "$HOME"
            ]
        );
        assert_eq!(
            Browser::parse("w3m 'unclosed").unwrap_err(),
            "unbalanced quotes"
        );
        assert_eq!(Browser::parse("  ").unwrap_err(), "an empty command");
        assert_eq!(Browser::parse("'' %u").unwrap_err(), "an empty command");
    }

    #[test]
    fn browser_variable_takes_its_first_entry_with_percent_s() {
        let url = "https://example.com/x";
        let b = Browser::from_env("lynx -dump %s:firefox").unwrap().unwrap();
        assert_eq!(argv(&b, url), ["lynx", "-dump", url]);
        assert!(b.in_terminal);
        let b = Browser::from_env("firefox").unwrap().unwrap();
        assert_eq!(argv(&b, url), ["firefox", url]);
        assert!(!b.in_terminal);
        // %u is no placeholder there.
        let b = Browser::from_env("links %u").unwrap().unwrap();
        assert_eq!(argv(&b, url), ["links", "%u", url]);
        assert_eq!(Browser::from_env("").unwrap(), None);
        assert_eq!(Browser::from_env(":w3m").unwrap(), None);
        assert!(Browser::from_env("\"w3m").is_err());
    }

    #[test]
    fn terminal_browsers_are_known_by_their_file_name() {
        for line in [
            "w3m",
            "/usr/bin/lynx -vikeys",
            "elinks %u",
            "www-browser",
            "browsh",
        ] {
            assert!(Browser::parse(line).unwrap().in_terminal, "{line}");
        }
        for line in ["firefox", "/opt/w3m-wrapper", "xdg-open", "links2"] {
            assert!(!Browser::parse(line).unwrap().in_terminal, "{line}");
        }
        assert!(!Browser::system().in_terminal);
    }

    #[test]
    fn the_config_wins_over_browser_and_the_flag_over_the_name() {
        let w3m = Browser::parse("w3m").unwrap();
        let (b, said) = choose(Some(&w3m), None, Some("firefox"));
        assert_eq!((b.program(), b.in_terminal, said), ("w3m", true, None));
        let (b, _) = choose(Some(&w3m), Some(false), None);
        assert!(!b.in_terminal);
        let (b, _) = choose(None, Some(true), Some("my-tui-browser %s"));
        assert_eq!((b.program(), b.in_terminal), ("my-tui-browser", true));
        let (b, said) = choose(None, None, None);
        assert_eq!((b.program(), b.in_terminal, said), (OPENER, false, None));
        let (b, said) = choose(None, None, Some("'w3m"));
        assert_eq!(b.program(), OPENER);
        assert!(said.unwrap().contains("unbalanced quotes"));
    }

    #[test]
    fn every_browser_gets_only_checked_addresses_as_one_argument() {
        let b = Browser::parse("w3m -o opt %u").unwrap();
        for bad in [
            "-e /bin/sh",
            "file:///etc/passwd",
            URL,
            "https://a/\u{1b}[2J",
        ] {
            assert!(b.command(bad).is_err(), "{bad:?} accepted");
        }
        let args = b.args("https://example.com/a;b&c|d");
        assert_eq!(args, ["-o", "opt", "https://example.com/a;b&c|d"]);
    }
}
