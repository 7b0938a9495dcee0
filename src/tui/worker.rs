//! A thread that answers the reader's requests off the UI thread: only the newest request
//! waiting is answered (older ones are stale), and each answer is posted back.
use std::sync::mpsc::{channel, Sender};

/// Starts the worker. `answer` answers a request, posting one answer or more with the
/// `post` it is given, and returns what the last post returned; `post` delivers an answer
/// to the event loop and returns false when the reader is gone.
pub fn spawn<Request: Send + 'static, Answer: Send + 'static>(
    answer: impl Fn(&Request, &dyn Fn(Answer) -> bool) -> bool + Send + 'static,
    post: impl Fn(Answer) -> bool + Send + 'static,
) -> Sender<Request> {
    let (requests, inbox) = channel::<Request>();
    std::thread::spawn(move || {
        while let Ok(mut request) = inbox.recv() {
            while let Ok(newer) = inbox.try_recv() {
                request = newer;
            }
            if !answer(&request, &post) {
                break;
            }
        }
    });
    requests
}
