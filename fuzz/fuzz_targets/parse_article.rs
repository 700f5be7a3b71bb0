//! Every format's parser on arbitrary bytes: the first byte picks the format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gazette::fuzzing::parse_article(data);
});
