//! A tiny HTTP/1.1 server on 127.0.0.1 (port 0) for the feed tests and the feed benchmark:
//! routes answer with fixed bytes, a trickle (one byte at a time), an endless body, or
//! anything a closure makes; every request is logged. It only ever listens on loopback.
#![allow(dead_code)]

pub mod proxy;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How a body is sent.
#[derive(Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    /// `prefix`, then one byte of `rest` every `every`.
    Trickle {
        prefix: Vec<u8>,
        rest: Vec<u8>,
        every: Duration,
    },
    /// `prefix`, then `chunk` repeated without end (until the client hangs up).
    Endless {
        prefix: Vec<u8>,
        chunk: Vec<u8>,
    },
}

/// An answer.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body.into()),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Bytes(Vec::new()),
        }
    }

    pub fn redirect(status: u16, to: &str) -> Reply {
        Reply::status(status).header("Location", to)
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Route = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// The server: add routes while it runs; requests to unknown paths get 404.
#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let server = Server {
            addr: listener.local_addr().unwrap(),
            routes: Arc::default(),
            log: Arc::default(),
        };
        let s = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let s = s.clone();
                std::thread::spawn(move || s.serve(stream));
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Answers `path` with `f` (each time it is asked).
    pub fn route(&self, path: &str, f: impl Fn(&Request) -> Reply + Send + Sync + 'static) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_owned(), Arc::new(f));
    }

    /// Answers `path` with the same reply every time.
    pub fn fixed(&self, path: &str, reply: Reply) {
        self.route(path, move |_| reply.clone());
    }

    /// The requests made to `path`.
    pub fn requests(&self, path: &str) -> Vec<Request> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    pub fn request_count(&self) -> usize {
        self.log.lock().unwrap().len()
    }

    /// One connection; keep-alive is honoured so a client can reuse it.
    fn serve(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let _ = stream.set_nodelay(true);
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut stream = stream;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 {
                    return;
                }
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((n, v)) = h.split_once(':') {
                    headers.push((n.trim().to_owned(), v.trim().to_owned()));
                }
            }
            let request = Request { path, headers };
            self.log.lock().unwrap().push(request.clone());
            let route = self.routes.lock().unwrap().get(&request.path).cloned();
            let reply = match route {
                Some(f) => f(&request),
                None => Reply::status(404),
            };
            if write_reply(&mut stream, &reply).is_err() {
                return;
            }
            if !matches!(reply.body, Body::Bytes(_)) {
                return;
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn write_reply(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (n, v) in &reply.headers {
        head += &format!("{n}: {v}\r\n");
    }
    match &reply.body {
        Body::Bytes(b) => {
            if reply.status != 304 {
                head += &format!("Content-Length: {}\r\n", b.len());
            }
            head += "\r\n";
            // One write: a head and body sent apart would wait on the client's delayed ACK.
            let mut all = head.into_bytes();
            all.extend_from_slice(b);
            stream.write_all(&all)?;
        }
        Body::Trickle {
            prefix,
            rest,
            every,
        } => {
            head += &format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                prefix.len() + rest.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(prefix)?;
            for b in rest {
                std::thread::sleep(*every);
                stream.write_all(&[*b])?;
                stream.flush()?;
            }
        }
        Body::Endless { prefix, chunk } => {
            head += "Connection: close\r\n\r\n";
            stream.write_all(head.as_bytes())?;
            stream.write_all(prefix)?;
            // Bounded all the same: 4 GiB at most, far past any cap.
            for _ in 0..(4u64 << 30) / chunk.len().max(1) as u64 {
                stream.write_all(chunk)?;
            }
        }
    }
    stream.flush()
}

/// Clears the proxy variables from a command's environment: the tests' requests go straight
/// to the loopback server, whatever the machine running them has set.
pub fn without_proxies(c: &mut std::process::Command) {
    for v in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        c.env_remove(v);
    }
}
