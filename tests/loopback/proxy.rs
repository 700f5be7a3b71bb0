//! A tiny HTTP proxy on 127.0.0.1 (port 0) for the proxy tests: it answers CONNECT by
//! tunnelling to the target, which must be on 127.0.0.1 (anything else is refused), and logs
//! each target asked for. A request in absolute form (`GET http://...`) is logged and refused,
//! so a client that used one would fail visibly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
pub struct Proxy {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    pub fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let proxy = Proxy {
            addr: listener.local_addr().unwrap(),
            log: Arc::default(),
        };
        let p = proxy.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let p = p.clone();
                std::thread::spawn(move || p.serve(stream));
            }
        });
        proxy
    }

    /// `http://127.0.0.1:PORT`, for http_proxy and its kin.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request lines the proxy was sent (`CONNECT 127.0.0.1:PORT HTTP/1.1`, ...).
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    fn serve(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let line = line.trim_end().to_owned();
        self.log.lock().unwrap().push(line.clone());
        // The rest of the head.
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim_end().is_empty() {
                break;
            }
        }
        let mut client = stream;
        let mut parts = line.split_whitespace();
        let (Some("CONNECT"), Some(target)) = (parts.next(), parts.next()) else {
            let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            return;
        };
        let upstream = target
            .parse::<SocketAddr>()
            .ok()
            .filter(|a| a.ip().is_loopback())
            .and_then(|a| TcpStream::connect_timeout(&a, Duration::from_secs(5)).ok());
        let Some(mut upstream) = upstream else {
            let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
            return;
        };
        if client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
        // Bytes the client sent after its CONNECT head, already read into the buffer.
        let early = reader.buffer().to_vec();
        if upstream.write_all(&early).is_err() {
            return;
        }
        let (mut up_read, mut client_write) =
            (upstream.try_clone().unwrap(), client.try_clone().unwrap());
        let back = std::thread::spawn(move || {
            let _ = std::io::copy(&mut up_read, &mut client_write);
            let _ = client_write.shutdown(Shutdown::Both);
        });
        let _ = copy_until_closed(&mut reader, &mut upstream);
        let _ = upstream.shutdown(Shutdown::Both);
        let _ = back.join();
    }
}

/// Copies what the client sends to the target until either side closes.
fn copy_until_closed(from: &mut BufReader<TcpStream>, to: &mut TcpStream) -> std::io::Result<()> {
    from.consume(from.buffer().len());
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = from.get_mut().read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        to.write_all(&buf[..n])?;
    }
}
