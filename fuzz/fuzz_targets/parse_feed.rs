//! The feed reader (RSS, Atom, JSON Feed, repair of broken feeds, item HTML, feed discovery,
//! OPML and newsboat lists) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gazette::fuzzing::parse_feed(data);
});
