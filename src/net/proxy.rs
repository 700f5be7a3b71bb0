//! Which proxy a request goes through, from the environment as curl reads it: `http_proxy`
//! for http addresses, `https_proxy` for https ones, `all_proxy` for either when its own is
//! not set (each in lower or upper case, lower first), and `no_proxy` for the hosts asked
//! directly. ureq's own reading takes the first proxy set for every scheme, so a machine with
//! only `https_proxy` would send its plain http requests there too.

/// The proxies of each scheme, and the hosts that go around them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proxies {
    pub http: Option<String>,
    pub https: Option<String>,
    no_proxy: Vec<String>,
}

impl Proxies {
    /// The proxies the process's environment names.
    pub fn from_env() -> Proxies {
        Proxies::from_vars(|name| std::env::var(name).ok())
    }

    /// The proxies `var` names (`var` reads one environment variable).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Proxies {
        let get = |name: &str| {
            [name.to_owned(), name.to_ascii_uppercase()]
                .iter()
                .filter_map(|n| var(n))
                .map(|v| v.trim().to_owned())
                .find(|v| !v.is_empty())
        };
        let all = get("all_proxy");
        Proxies {
            http: get("http_proxy").or_else(|| all.clone()),
            https: get("https_proxy").or(all),
            no_proxy: get("no_proxy")
                .map(|list| {
                    list.split(',')
                        .map(|h| h.trim().trim_start_matches('.').to_ascii_lowercase())
                        .filter(|h| !h.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The proxy for a request to `host` over `scheme`, if it takes one.
    pub fn for_request(&self, scheme: &str, host: &str) -> Option<&str> {
        if self.bypassed(host) {
            return None;
        }
        match scheme {
            "http" => self.http.as_deref(),
            "https" => self.https.as_deref(),
            _ => None,
        }
    }

    /// `no_proxy` names the host: `*`, the host itself, or a domain it is in.
    fn bypassed(&self, host: &str) -> bool {
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        self.no_proxy.iter().any(|entry| {
            entry == "*"
                || *entry == host
                || host
                    .strip_suffix(entry.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(vars: &[(&str, &str)]) -> Proxies {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Proxies::from_vars(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn each_scheme_takes_its_own_proxy_then_all_proxy() {
        let p = proxies(&[("https_proxy", "http://secure:3128")]);
        assert_eq!(p.for_request("http", "example.org"), None);
        assert_eq!(
            p.for_request("https", "example.org"),
            Some("http://secure:3128")
        );
        let p = proxies(&[
            ("HTTP_PROXY", "http://plain:8080"),
            ("ALL_PROXY", "http://all:1"),
        ]);
        assert_eq!(
            p.for_request("http", "example.org"),
            Some("http://plain:8080")
        );
        assert_eq!(p.for_request("https", "example.org"), Some("http://all:1"));
        let p = proxies(&[
            ("http_proxy", "http://lower:1"),
            ("HTTP_PROXY", "http://upper:2"),
        ]);
        assert_eq!(p.for_request("http", "x"), Some("http://lower:1"));
        let p = proxies(&[("http_proxy", " "), ("all_proxy", "http://all:1")]);
        assert_eq!(p.for_request("http", "x"), Some("http://all:1"));
        assert_eq!(proxies(&[]), Proxies::default());
    }

    #[test]
    fn no_proxy_names_hosts_and_domains() {
        let p = proxies(&[
            ("all_proxy", "http://proxy:1"),
            ("no_proxy", "localhost, .internal.example,10.0.0.1,::1"),
        ]);
        assert_eq!(p.for_request("http", "localhost"), None);
        assert_eq!(p.for_request("https", "news.internal.example"), None);
        assert_eq!(p.for_request("https", "internal.example"), None);
        assert_eq!(p.for_request("http", "10.0.0.1"), None);
        assert_eq!(p.for_request("http", "[::1]"), None);
        assert_eq!(
            p.for_request("http", "notinternal.example"),
            Some("http://proxy:1")
        );
        assert_eq!(p.for_request("http", "10.0.0.10"), Some("http://proxy:1"));
        let all = proxies(&[("all_proxy", "http://proxy:1"), ("NO_PROXY", "*")]);
        assert_eq!(all.for_request("https", "example.org"), None);
    }
}
