//! The allocator's settings: mimalloc, set to commit memory as it is used and to give it back
//! as soon as it is freed, except while a load reads files, when freed memory is kept for the
//! next file. (Where mimalloc is not the global allocator, as in the benches, these calls
//! touch only mimalloc's own, unused heaps.)

/// Options of mimalloc's (numbers from its mimalloc.h, v3: the version libmimalloc-sys builds
/// without its `v2` feature).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Memory is committed as it is used and given back as soon as it is freed: a large
/// library's peak memory stays near what it really holds. No transparent huge pages:
/// mimalloc asks for them on its arena (reserved before main, so the option alone comes
/// too late for it, hence the prctl on Linux), and where the system grants them a 2 MiB
/// page is resident as soon as one byte of it is touched and stays so until all of it is
/// free; at 100,000 articles that cost the reader 13-21 MiB of its peak. The prctl is
/// inherited by programs the reader starts (the opener), which lose only huge pages.
/// Called at the start of `main`, before any thread starts.
pub fn configure() {
    // SAFETY: plain option setters of the allocator and of this process.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(ALLOW_THP, 0);
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// While a load reads files, memory freed after one file is kept (for up to a second) for the
/// next instead of being given back at once: each file's parse, a saved page's tree above all,
/// would otherwise be built in fresh pages the kernel must zero (half a second of a cold list
/// of 1,000 saved pages). `give_back` ends it.
pub fn keep_freed_memory() {
    // SAFETY: an option setter; mimalloc reads its options atomically.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 1000) };
}

/// Gives every reading thread's freed memory back to the system, and goes back to giving it
/// back at once: a load's index is then built on top of no more than it holds.
pub fn give_back() {
    // SAFETY: an option setter, and mi_collect, which frees only memory the calling thread's
    // heap holds and no longer uses.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        rayon::broadcast(|_| libmimalloc_sys::mi_collect(true));
        libmimalloc_sys::mi_collect(true);
    }
}
