//! Pathological inputs (100,000 quotation marks, a 600 KB line, repeated chrome) parse in
//! linear time. Checked by counting the parser's work, not by timing it, so that a busy machine
//! cannot fail it: every allocation and every byte asked for is counted (a quadratic step
//! copies or rebuilds its input again and again), and doubling the input must about double the
//! count. The times themselves are measured by criterion (`cargo bench --bench parse`, group
//! "pathological", at the same two sizes).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

/// The system allocator, counting what the current thread asks for (other tests' threads do
/// not disturb the count).
struct Counting;

thread_local! {
    /// (allocations, bytes) asked for by this thread.
    static ASKED: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

fn count(bytes: usize) {
    let _ = ASKED.try_with(|c| {
        let (n, b) = c.get();
        c.set((n + 1, b + bytes as u64));
    });
}

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What parsing `bytes` asks the allocator for: (allocations, bytes).
fn work(name: &str, bytes: &[u8]) -> (u64, u64) {
    let before = ASKED.with(Cell::get);
    let _ = gazette::article::parse(Path::new(name), bytes);
    let after = ASKED.with(Cell::get);
    (after.0 - before.0, after.1 - before.1)
}

#[test]
fn pathological_inputs_parse_in_linear_work() {
    for (name, make) in gazette::fuzzing::PATHOLOGICAL {
        let (small, large) = (make(50_000), make(100_000));
        // Once first: lazily built tables are not the input's work.
        work(name, small.as_bytes());
        let (a, b) = (work(name, small.as_bytes()), work(name, large.as_bytes()));
        for (what, a, b) in [("allocations", a.0, b.0), ("bytes", a.1, b.1)] {
            let ratio = b as f64 / a.max(1) as f64;
            assert!(
                ratio < 2.5,
                "{name}: doubling the input multiplied the {what} by {ratio:.2} ({a} -> {b})"
            );
        }
    }
}

/// The counter sees a quadratic step: the check above can fail.
#[test]
fn the_count_grows_with_the_square_of_quadratic_work() {
    let rebuild = |n: usize| {
        let mut text = String::new();
        for _ in 0..n {
            text = format!("{text}x");
        }
        text
    };
    let count_of = |n| {
        let before = ASKED.with(Cell::get);
        std::hint::black_box(rebuild(n));
        ASKED.with(Cell::get).1 - before.1
    };
    let (a, b) = (count_of(2_000), count_of(4_000));
    assert!(b as f64 / a as f64 > 3.5, "{a} -> {b}");
}
