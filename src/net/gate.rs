//! How many requests may run at once: a few in all, fewer to any one host, so a fetch of many
//! feeds never hammers one server.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// Counts requests in flight, in all and per host. `enter` blocks until both limits allow one
/// more; the returned `Pass` gives the place back when dropped.
#[derive(Debug)]
pub struct Gate {
    total: usize,
    per_host: usize,
    busy: Mutex<Busy>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct Busy {
    total: usize,
    hosts: HashMap<String, usize>,
}

/// One request's place at the gate.
#[derive(Debug)]
pub struct Pass<'a> {
    gate: &'a Gate,
    host: String,
}

impl Gate {
    pub fn new(total: usize, per_host: usize) -> Gate {
        Gate {
            total: total.max(1),
            per_host: per_host.max(1),
            busy: Mutex::new(Busy::default()),
            freed: Condvar::new(),
        }
    }

    /// Waits for a place for a request to `host`.
    pub fn enter(&self, host: &str) -> Pass<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let on_host = busy.hosts.get(host).copied().unwrap_or(0);
            if busy.total < self.total && on_host < self.per_host {
                busy.total += 1;
                *busy.hosts.entry(host.to_owned()).or_default() += 1;
                return Pass {
                    gate: self,
                    host: host.to_owned(),
                };
            }
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        let mut busy = self.gate.busy.lock().unwrap_or_else(|e| e.into_inner());
        busy.total -= 1;
        if let Some(n) = busy.hosts.get_mut(&self.host) {
            *n -= 1;
            if *n == 0 {
                busy.hosts.remove(&self.host);
            }
        }
        self.gate.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_the_limits() {
        let gate = Arc::new(Gate::new(3, 2));
        let on_a = Arc::new(AtomicUsize::new(0));
        let all = Arc::new(AtomicUsize::new(0));
        let worst = Arc::new(Mutex::new((0usize, 0usize)));
        let threads: Vec<_> = (0..12)
            .map(|i| {
                let (gate, on_a, all, worst) =
                    (gate.clone(), on_a.clone(), all.clone(), worst.clone());
                std::thread::spawn(move || {
                    let host = if i % 2 == 0 { "a" } else { "b" };
                    let _pass = gate.enter(host);
                    let n = all.fetch_add(1, Ordering::SeqCst) + 1;
                    let a = if host == "a" {
                        on_a.fetch_add(1, Ordering::SeqCst) + 1
                    } else {
                        0
                    };
                    {
                        let mut w = worst.lock().unwrap();
                        w.0 = w.0.max(n);
                        w.1 = w.1.max(a);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    if host == "a" {
                        on_a.fetch_sub(1, Ordering::SeqCst);
                    }
                    all.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        let w = worst.lock().unwrap();
        assert!(w.0 <= 3, "{} at once", w.0);
        assert!(w.1 <= 2, "{} at once on one host", w.1);
    }
}
