//! Searches run off the UI thread (see [`super::worker`]): stale queries are dropped.
use std::sync::mpsc::Sender;
use std::sync::Arc;

use crate::library::{Library, SearchResults};

/// How many hits the reader asks for.
pub const SEARCH_LIMIT: usize = 200;

/// A query to run, numbered so that an answer to an older one can be told apart.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
}

/// The answer to a request: hits, or the one-line reason the query is bad.
#[derive(Debug)]
pub struct SearchResponse {
    pub generation: u64,
    pub result: Result<SearchResults, String>,
}

/// Runs one request (the worker does this; so do tests, inline).
pub fn answer(library: &Library, request: &SearchRequest) -> SearchResponse {
    let result = library
        .search_as_you_type(&request.query, SEARCH_LIMIT)
        .map_err(|e| first_line(&e.to_string()));
    SearchResponse {
        generation: request.generation,
        result,
    }
}

/// Starts the worker; `post` delivers each answer to the event loop and returns false
/// when the reader is gone.
pub fn spawn(
    library: Arc<Library>,
    post: impl Fn(SearchResponse) -> bool + Send + 'static,
) -> Sender<SearchRequest> {
    super::worker::spawn(move |request| answer(&library, request), post)
}

fn first_line(error: &str) -> String {
    error.lines().next().unwrap_or(error).to_string()
}
