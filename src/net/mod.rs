//! A small blocking HTTP client that behaves as a good citizen: conditional requests, compressed
//! bodies, a few redirects within http and https, timeouts, a size cap, a limit on requests at
//! once (in all and per host), and polite retries. Feeds use it; so can anything that fetches
//! pages.

pub mod gate;
pub mod proxy;
mod retry;

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use url::Url;

use gate::Gate;
use proxy::Proxies;

/// How the client behaves. The defaults suit fetching feeds and pages from the public web;
/// tests shorten the timeouts and the backoff.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Time to open a connection.
    pub connect_timeout: Duration,
    /// Time for one whole request, from connecting to the last byte of the body.
    pub total_timeout: Duration,
    /// The most bytes kept of one response body (after decompression); the rest is cut.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Requests in flight at once, in all and to one host.
    pub max_parallel: usize,
    pub per_host: usize,
    /// Retries after a 5xx or 429 answer (or a connection that failed), each after a wait.
    pub retries: u32,
    /// The first wait; each retry doubles it, unless the server says when in Retry-After.
    pub backoff: Duration,
    /// The longest wait a Retry-After may ask for; a server asking for more is given up on.
    pub max_retry_after: Duration,
    /// Use http_proxy, https_proxy, all_proxy and no_proxy from the environment (`proxy`).
    pub proxy_from_env: bool,
    pub user_agent: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            max_parallel: 8,
            per_host: 2,
            retries: 2,
            backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            proxy_from_env: true,
            user_agent: USER_AGENT.to_owned(),
        }
    }
}

/// "gazette/<version>", sent with every request.
pub const USER_AGENT: &str = concat!("gazette/", env!("CARGO_PKG_VERSION"));

/// What a server said about a resource last time, sent back to ask "has it changed?".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A successful answer.
#[derive(Debug, Clone)]
pub struct Response {
    /// Where the body came from, after redirects.
    pub url: Url,
    /// Set when every redirect on the way was permanent (301, 308): the address to remember
    /// instead of the one asked for.
    pub moved_to: Option<Url>,
    /// None for "304 Not Modified": nothing changed since the validators were given.
    pub body: Option<Vec<u8>>,
    /// The body was longer than `max_bytes` and was cut there.
    pub truncated: bool,
    pub content_type: Option<String>,
    /// The validators to send next time.
    pub validators: Validators,
}

impl Response {
    pub fn not_modified(&self) -> bool {
        self.body.is_none()
    }
}

/// An address as a person types it: `example.org/story` or `localhost:8080/story` is taken
/// for `https://...`, as a browser's address bar does; anything else must be a whole address.
pub fn address(typed: &str) -> Result<Url, HttpError> {
    let typed = typed.trim();
    let host = typed.split('/').next().unwrap_or_default();
    let (name, port) = host.split_once(':').unwrap_or((host, ""));
    let bare = !typed.contains("://")
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && port.chars().all(|c| c.is_ascii_digit())
        && (name.contains('.') || !port.is_empty());
    let text = if bare {
        format!("https://{typed}")
    } else {
        typed.to_owned()
    };
    Url::parse(&text).map_err(|e| HttpError::BadUrl(format!("{typed} ({e})")))
}

/// Why a request failed, in words fit for a status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("not a valid address: {0}")]
    BadUrl(String),
    #[error("only http and https addresses can be fetched, not {0}:")]
    Scheme(String),
    #[error(
        "redirected to {0}, which is not allowed (only http and https, never from https to http)"
    )]
    BadRedirect(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("a redirect without a Location")]
    NoLocation,
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("the server answered {0}")]
    Status(u16),
    #[error("the server asked to wait {0} s before trying again")]
    RetryLater(u64),
    #[error("{0}")]
    Network(String),
}

/// The client: cheap to clone and share between threads (they share the connection pool and
/// the limits on requests at once).
#[derive(Debug, Clone)]
pub struct Client {
    /// Requests that take no proxy.
    direct: ureq::Agent,
    /// Requests through a proxy: one agent for each proxy address the environment names.
    proxied: Vec<(String, ureq::Agent)>,
    proxies: Proxies,
    config: Arc<HttpConfig>,
    gate: Arc<Gate>,
}

impl Client {
    pub fn new(config: HttpConfig) -> Client {
        let proxies = if config.proxy_from_env {
            Proxies::from_env()
        } else {
            Proxies::default()
        };
        let agent = |proxy: Option<ureq::Proxy>| -> ureq::Agent {
            ureq::Agent::config_builder()
                .timeout_connect(Some(config.connect_timeout))
                .timeout_global(Some(config.total_timeout))
                // Redirects are followed here, to check each hop and see which were permanent.
                .max_redirects(0)
                .max_redirects_will_error(false)
                .http_status_as_error(false)
                .user_agent(config.user_agent.as_str())
                .accept_encoding("gzip, deflate, br")
                .proxy(proxy)
                .build()
                .into()
        };
        let mut proxied: Vec<(String, ureq::Agent)> = Vec::new();
        for address in [&proxies.http, &proxies.https].into_iter().flatten() {
            // An address ureq cannot use gets no agent: its requests fail with its name
            // rather than go around the proxy the user set.
            if !proxied.iter().any(|(a, _)| a == address)
                && let Ok(proxy) = ureq::Proxy::new(address)
            {
                proxied.push((address.clone(), agent(Some(proxy))));
            }
        }
        Client {
            direct: agent(None),
            proxied,
            proxies,
            gate: Arc::new(Gate::new(config.max_parallel, config.per_host)),
            config: Arc::new(config),
        }
    }

    /// The agent for a request to `url`: direct, or through the proxy of its scheme.
    fn agent_for(&self, url: &Url) -> Result<&ureq::Agent, HttpError> {
        let Some(address) = self
            .proxies
            .for_request(url.scheme(), url.host_str().unwrap_or(""))
        else {
            return Ok(&self.direct);
        };
        self.proxied
            .iter()
            .find(|(a, _)| a == address)
            .map(|(_, agent)| agent)
            // Not the address itself: it may carry a password.
            .ok_or_else(|| {
                HttpError::Network(format!(
                    "the {} proxy set in the environment is not an address gazette can use",
                    url.scheme()
                ))
            })
    }

    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// GETs `url`, sending `validators` (if any) so that an unchanged resource answers 304.
    /// Follows redirects, retries 5xx and 429 answers, and waits its turn at the gate.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Response, HttpError> {
        let start = address(url)?;
        if !matches!(start.scheme(), "http" | "https") {
            return Err(HttpError::Scheme(start.scheme().to_owned()));
        }
        let mut current = start;
        let mut all_permanent = true;
        let mut moved = false;
        for _ in 0..=self.config.max_redirects {
            match retry::with_retries(&self.config, || self.once(&current, validators))? {
                Hop::Done(response) => {
                    let mut response = *response;
                    if moved && all_permanent {
                        response.moved_to = Some(response.url.clone());
                    }
                    return Ok(response);
                }
                Hop::Redirect { to, permanent } => {
                    let next = current
                        .join(&to)
                        .map_err(|_| HttpError::BadRedirect(to.clone()))?;
                    let allowed = matches!(
                        (current.scheme(), next.scheme()),
                        ("http", "http" | "https") | ("https", "https")
                    );
                    if !allowed {
                        return Err(HttpError::BadRedirect(next.to_string()));
                    }
                    all_permanent &= permanent;
                    moved = true;
                    current = next;
                }
            }
        }
        Err(HttpError::TooManyRedirects(self.config.max_redirects))
    }

    /// One request, no redirects followed and no retries.
    fn once(&self, url: &Url, validators: &Validators) -> Result<Hop, Attempt> {
        let host = url.host_str().unwrap_or("").to_owned();
        let _pass = self.gate.enter(&host);
        let began = Instant::now();
        let mut request = self
            .agent_for(url)
            .map_err(Attempt::Final)?
            .get(url.as_str());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.failed(e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        match status {
            301 | 302 | 303 | 307 | 308 => {
                let to = header("location").ok_or(Attempt::Final(HttpError::NoLocation))?;
                return Ok(Hop::Redirect {
                    to,
                    permanent: matches!(status, 301 | 308),
                });
            }
            429 | 500..=599 => {
                let wait = header("retry-after").and_then(|v| retry::parse_retry_after(&v));
                return Err(Attempt::Again {
                    error: HttpError::Status(status),
                    wait,
                });
            }
            304 => {}
            200..=299 => {}
            _ => return Err(Attempt::Final(HttpError::Status(status))),
        }
        let found = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_type = header("content-type");
        let deflated =
            header("content-encoding").is_some_and(|e| e.trim().eq_ignore_ascii_case("deflate"));
        let (body, truncated) = if status == 304 {
            (None, false)
        } else {
            let raw = response.body_mut().as_reader();
            let (bytes, cut) = if deflated {
                self.read_capped(deflate::Decoder::new(raw), began)?
            } else {
                self.read_capped(raw, began)?
            };
            (Some(bytes), cut)
        };
        Ok(Hop::Done(Box::new(Response {
            url: url.clone(),
            moved_to: None,
            body,
            truncated,
            content_type,
            // A 304 may leave out validators that still hold: keep the ones sent.
            validators: if status == 304 && found.is_empty() {
                validators.clone()
            } else {
                found
            },
        })))
    }

    /// Reads at most `max_bytes`, and stops at the total timeout however slowly bytes come.
    fn read_capped(
        &self,
        mut reader: impl Read,
        began: Instant,
    ) -> Result<(Vec<u8>, bool), Attempt> {
        let cap = self.config.max_bytes as usize;
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            if began.elapsed() > self.config.total_timeout {
                return Err(Attempt::Final(self.timeout()));
            }
            let n = match reader.read(&mut chunk) {
                Ok(0) => return Ok((bytes, false)),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if is_timeout(&e) => return Err(Attempt::Final(self.timeout())),
                Err(e) => return Err(Attempt::Final(HttpError::Network(e.to_string()))),
            };
            let room = cap - bytes.len();
            if n > room {
                bytes.extend_from_slice(&chunk[..room]);
                return Ok((bytes, true));
            }
            bytes.extend_from_slice(&chunk[..n]);
        }
    }

    fn timeout(&self) -> HttpError {
        HttpError::Timeout(self.config.total_timeout.as_secs().max(1))
    }

    fn failed(&self, e: ureq::Error) -> Attempt {
        match e {
            ureq::Error::Timeout(_) => Attempt::Final(self.timeout()),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                Attempt::Final(self.timeout())
            }
            ureq::Error::Io(e) => Attempt::Again {
                error: HttpError::Network(e.to_string()),
                wait: None,
            },
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => Attempt::Again {
                error: HttpError::Network(e.to_string()),
                wait: None,
            },
            other => Attempt::Final(HttpError::Network(other.to_string())),
        }
    }
}

/// A read that ran out of time: ureq's own timeouts arrive wrapped in an io::Error.
fn is_timeout(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
            .is_some_and(|u| matches!(u, ureq::Error::Timeout(_)))
}

/// Where one request ended.
enum Hop {
    Done(Box<Response>),
    Redirect { to: String, permanent: bool },
}

/// A failed attempt: worth another try (after `wait`, if the server said), or not.
enum Attempt {
    Again {
        error: HttpError,
        wait: Option<Duration>,
    },
    Final(HttpError),
}

/// "Content-Encoding: deflate" is zlib-wrapped deflate by the standard, raw deflate on some
/// servers: both are read.
mod deflate {
    use std::io::{BufRead, BufReader, Read};

    pub enum Decoder<R: Read> {
        Start(Option<BufReader<R>>),
        Zlib(flate2::bufread::ZlibDecoder<BufReader<R>>),
        Raw(flate2::bufread::DeflateDecoder<BufReader<R>>),
    }

    impl<R: Read> Decoder<R> {
        pub fn new(inner: R) -> Self {
            Decoder::Start(Some(BufReader::new(inner)))
        }
    }

    impl<R: Read> Read for Decoder<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if let Decoder::Start(inner) = self {
                let mut inner = inner.take().expect("decoder started once");
                let head = inner.fill_buf()?;
                // A zlib header: CMF 0x78 (deflate, 32K window) and a valid check value.
                let zlib = head.len() >= 2
                    && head[0] & 0x0f == 8
                    && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
                *self = if zlib {
                    Decoder::Zlib(flate2::bufread::ZlibDecoder::new(inner))
                } else {
                    Decoder::Raw(flate2::bufread::DeflateDecoder::new(inner))
                };
            }
            match self {
                Decoder::Zlib(d) => d.read(buf),
                Decoder::Raw(d) => d.read(buf),
                Decoder::Start(_) => unreachable!("replaced above"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_typed_without_its_scheme_is_taken_for_https() {
        let url = |typed: &str| address(typed).map(|u| u.to_string());
        assert_eq!(
            url("example.org/story?a=1").unwrap(),
            "https://example.org/story?a=1"
        );
        assert_eq!(
            url(" http://example.org/x ").unwrap(),
            "http://example.org/x"
        );
        assert_eq!(
            url("example.org:8080/story").unwrap(),
            "https://example.org:8080/story"
        );
        assert_eq!(url("localhost:8080/x").unwrap(), "https://localhost:8080/x");
        // Not a host: left as typed, and so refused later for its scheme.
        assert_eq!(url("mailto:a@example.org").unwrap(), "mailto:a@example.org");
        assert!(matches!(address("story"), Err(HttpError::BadUrl(_))));
        assert!(matches!(address(""), Err(HttpError::BadUrl(_))));
    }
}
