//! JSONL records: any bytes give articles or line-numbered errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reader = std::io::Cursor::new(data.to_vec());
    for record in tidings::ingest::jsonl::records(reader) {
        if let Ok(article) = record {
            assert!(!article.body.chars().any(|c| c != '\n' && tidings::text::is_unsafe(c)));
        }
    }
});
