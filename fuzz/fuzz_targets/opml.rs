//! OPML lists: any bytes give feeds or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tidings::ingest::opml::parse(data);
});
