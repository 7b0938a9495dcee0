//! Plain-text articles: parsing, boilerplate removal and recognition never panic, and
//! nothing unsafe for a terminal survives into the article.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tidings::entities::Recognizer;

fn recognizer() -> &'static Recognizer {
    static RECOGNIZER: OnceLock<Recognizer> = OnceLock::new();
    RECOGNIZER.get_or_init(Recognizer::load)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(mut article) = tidings::ingest::text::parse(text) {
        assert!(!article.title.chars().chain(article.body.chars()).any(|c| c != '\n' && tidings::text::is_unsafe(c)));
        tidings::import::recognize(recognizer(), &mut article);
    }
});
