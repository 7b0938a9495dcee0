//! Searches run off the UI thread (see [`super::worker`]): stale queries are dropped.
//! The worker answers in two steps: the hits the screen shows, then all of them. A
//! keystroke waits only for the first; the second is left unread as soon as a newer
//! query comes, so typing never waits for hits nobody will see.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use crate::library::{Library, RankedSearch, SearchResults};

/// How many hits the reader asks for.
pub const SEARCH_LIMIT: usize = 200;

/// The number of the newest query, shared by the reader, which counts them, and the
/// worker, which stops reading the hits of an older one.
#[derive(Debug, Clone, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Counts one more query; returns its number.
    pub fn advance(&self) -> u64 {
        self.0.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// A query to run, numbered so that an answer to an older one can be told apart.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    /// How many hits the screen shows: they are answered first.
    pub first: usize,
    /// Whether the list shows the hits newest first: the newest are then answered first.
    pub by_date: bool,
    /// The newest query's number.
    pub newest: Generation,
}

impl SearchRequest {
    fn is_stale(&self) -> bool {
        self.newest.get() != self.generation
    }

    /// The answer to this request: its hits, or the first line of why there are none.
    fn answer(
        &self,
        result: crate::library::Result<SearchResults>,
        complete: bool,
    ) -> SearchResponse {
        SearchResponse {
            generation: self.generation,
            result: result.map_err(|error| first_line(&error.to_string())),
            complete,
        }
    }
}

/// The answer to a request: hits, or the one-line reason the query is bad.
#[derive(Debug)]
pub struct SearchResponse {
    pub generation: u64,
    pub result: Result<SearchResults, String>,
    /// False for the first step's answer, when more hits are still to come.
    pub complete: bool,
}

/// Runs one request in one step (tests and a reader without a worker do this, inline).
pub fn answer(library: &Library, request: &SearchRequest) -> SearchResponse {
    let result = ranked(library, request).and_then(|ranked| library.read_all(&ranked));
    request.answer(result, true)
}

/// Runs one request in two steps, posting each answer, and stops early once the request
/// is stale; returns false when the reader is gone.
pub fn answer_in_steps(
    library: &Library,
    request: &SearchRequest,
    post: &dyn Fn(SearchResponse) -> bool,
) -> bool {
    match steps(library, request, &|results, complete| {
        post(request.answer(Ok(results), complete))
    }) {
        Ok(posted) => posted,
        Err(error) => post(request.answer(Err(error), true)),
    }
}

/// The two steps; `post(results, complete)` posts an answer.
fn steps(
    library: &Library,
    request: &SearchRequest,
    post: &dyn Fn(SearchResults, bool) -> bool,
) -> crate::library::Result<bool> {
    let stale = || request.is_stale();
    let ranked = ranked(library, request)?;
    let first = request.first.min(ranked.len());
    let Some(shown) = library.read_hits(&ranked, 0..first, &stale)? else {
        return Ok(true);
    };
    let complete = first == ranked.len();
    let posted = post(ranked.results(shown.clone()), complete);
    if complete || !posted {
        return Ok(posted);
    }
    let Some(rest) = library.read_hits(&ranked, first..ranked.len(), &stale)? else {
        return Ok(true);
    };
    let mut all = shown;
    all.extend(rest);
    Ok(post(ranked.results(all), true))
}

/// The request's search ranked, newest first when the list shows the hits so.
fn ranked(library: &Library, request: &SearchRequest) -> crate::library::Result<RankedSearch> {
    let mut ranked = library.rank_as_you_type(&request.query, SEARCH_LIMIT)?;
    if request.by_date {
        library.order_by_date(&mut ranked)?;
    }
    Ok(ranked)
}

/// Starts the worker; `post` delivers each answer to the event loop and returns false
/// when the reader is gone.
pub fn spawn(
    library: Arc<Library>,
    post: impl Fn(SearchResponse) -> bool + Send + 'static,
) -> Sender<SearchRequest> {
    super::worker::spawn(
        super::worker::Priority::Interactive,
        move |request, post| answer_in_steps(&library, request, post),
        post,
    )
}

fn first_line(error: &str) -> String {
    error.lines().next().unwrap_or(error).to_string()
}
