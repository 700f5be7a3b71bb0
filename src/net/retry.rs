//! Retrying a request the server could not answer now (5xx, 429) or a connection that failed:
//! a bounded number of times, waiting longer each time or as long as Retry-After asks.

use std::time::{Duration, SystemTime};

use super::{Attempt, HttpConfig, HttpError};

/// Runs `attempt` until it succeeds, fails for good, or the retries are used up.
pub(super) fn with_retries<T>(
    config: &HttpConfig,
    mut attempt: impl FnMut() -> Result<T, Attempt>,
) -> Result<T, HttpError> {
    let mut backoff = config.backoff;
    for tries_left in (0..=config.retries).rev() {
        match attempt() {
            Ok(v) => return Ok(v),
            Err(Attempt::Final(e)) => return Err(e),
            Err(Attempt::Again { error, wait }) => {
                if tries_left == 0 {
                    return Err(error);
                }
                let wait = match wait {
                    Some(w) if w > config.max_retry_after => {
                        return Err(HttpError::RetryLater(w.as_secs()));
                    }
                    Some(w) => w,
                    None => backoff,
                };
                std::thread::sleep(wait);
                backoff = backoff.saturating_mul(2);
            }
        }
    }
    unreachable!("the last try returns")
}

/// Retry-After as seconds ("120") or an HTTP date ("Fri, 27 Nov 2026 10:00:00 GMT").
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    Some(Duration::from_secs(
        when.timestamp().saturating_sub(now).max(0) as u64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn gives_up_after_the_retries_and_on_long_waits() {
        let config = HttpConfig {
            retries: 2,
            backoff: Duration::from_millis(1),
            max_retry_after: Duration::from_secs(5),
            ..HttpConfig::default()
        };
        let mut calls = 0;
        let r: Result<(), _> = with_retries(&config, || {
            calls += 1;
            Err(Attempt::Again {
                error: HttpError::Status(503),
                wait: None,
            })
        });
        assert_eq!((r, calls), (Err(HttpError::Status(503)), 3));
        let mut calls = 0;
        let r: Result<(), _> = with_retries(&config, || {
            calls += 1;
            Err(Attempt::Again {
                error: HttpError::Status(429),
                wait: Some(Duration::from_secs(3600)),
            })
        });
        assert_eq!((r, calls), (Err(HttpError::RetryLater(3600)), 1));
    }
}
