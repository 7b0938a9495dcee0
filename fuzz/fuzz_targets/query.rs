//! The query language, all the way through tantivy's parser and a search of the sample:
//! any query gives hits or an error, never a panic.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tidings::library::Library;

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let recognizer = tidings::entities::Recognizer::load();
        let mut library = Library::in_memory().expect("an index in memory");
        tidings::import::import_sample(&mut library, &recognizer).expect("the sample");
        library
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let _ = library().search(query, 10);
    let _ = library().search_as_you_type(query, 10);
});
