//! Saved web pages on arbitrary bytes: decoding, the nesting cap, extraction and layout.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gazette::fuzzing::parse_page(data);
});
