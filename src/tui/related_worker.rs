//! Related stories and threads are found off the UI thread (see [`super::worker`]), so a
//! keystroke that opens another story repaints at once; the pane fills when they arrive.
use std::sync::mpsc::Sender;
use std::sync::Arc;

use crate::article::Article;
use crate::library::{Library, Summary};
use crate::related::{self, Related};

/// The related stories (or the thread) of one article, numbered like searches.
#[derive(Debug, Clone)]
pub struct RelatedRequest {
    pub generation: u64,
    pub article: Article,
    /// Its same-story copies, already known.
    pub copies: Vec<Summary>,
    pub thread: bool,
    pub limit: usize,
}

#[derive(Debug)]
pub struct RelatedResponse {
    pub generation: u64,
    pub result: Result<Vec<Related>, String>,
}

/// Finds the stories for one request (the worker does this; so does the reader inline
/// when it has no worker, as in tests).
pub fn answer(library: &Library, request: &RelatedRequest) -> RelatedResponse {
    let article = &request.article;
    let result = if request.thread {
        related::thread::thread(library, article)
    } else {
        related::related_with_copies(
            library,
            library.countries(),
            article,
            &request.copies,
            request.limit,
        )
    };
    RelatedResponse {
        generation: request.generation,
        result: result.map_err(|e| e.to_string()),
    }
}

pub fn spawn(
    library: Arc<Library>,
    post: impl Fn(RelatedResponse) -> bool + Send + 'static,
) -> Sender<RelatedRequest> {
    super::worker::spawn(
        super::worker::Priority::Background,
        move |request, post| post(answer(&library, request)),
        post,
    )
}
