//! Web pages: decoding, the depth guard and rs-trafilatura (guarded) never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = tidings::ingest::html::extract_page(data, None) {
        assert!(!page.title.chars().chain(page.body.chars()).any(|c| c != '\n' && tidings::text::is_unsafe(c)));
    }
    let _ = tidings::ingest::html::fragment_to_text(&String::from_utf8_lossy(data));
});
