//! Feeds: decoding, feed-rs (guarded) and the HTML of items never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(feed) = tidings::ingest::feed::parse(data, None, "fuzz") {
        for article in feed.items.into_iter().flatten() {
            assert!(!article.title.chars().chain(article.body.chars()).any(|c| c != '\n' && tidings::text::is_unsafe(c)));
        }
    }
});
