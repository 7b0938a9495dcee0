//! A thread that answers the reader's requests off the UI thread: only the newest request
//! waiting is answered (older ones are stale), and each answer is posted back.
use std::sync::mpsc::{channel, Sender};

/// How much a worker's answers are waited for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// A keystroke waits for them (searches).
    Interactive,
    /// They fill a pane when they come (related stories, the whole story list); see
    /// [`lower_this_threads_priority`].
    Background,
}

/// Starts the worker. `answer` answers a request, posting one answer or more with the
/// `post` it is given, and returns what the last post returned; `post` delivers an answer
/// to the event loop and returns false when the reader is gone.
pub fn spawn<Request: Send + 'static, Answer: Send + 'static>(
    priority: Priority,
    answer: impl Fn(&Request, &dyn Fn(Answer) -> bool) -> bool + Send + 'static,
    post: impl Fn(Answer) -> bool + Send + 'static,
) -> Sender<Request> {
    let (requests, inbox) = channel::<Request>();
    std::thread::spawn(move || {
        if priority == Priority::Background {
            lower_this_threads_priority();
        }
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

/// How much nicer background threads are than the reader: the scheduler gives a thread
/// about nine times the CPU of one ten nice values above it when both want a core.
#[cfg(target_os = "linux")]
const BACKGROUND_NICENESS: libc::c_int = 10;
/// The nicest a thread can be.
#[cfg(target_os = "linux")]
const NICEST: libc::c_int = 19;

/// Lets the threads a keystroke waits for run first when this one competes with them for
/// a core. On two cores, the related stories of the story Esc opened (a query over a few
/// million postings at a million articles, 15–40 ms) are still being ranked while the next
/// query is typed. With the related worker lowered, the keystroke p99 at a million articles
/// in the scale benchmark's reader phase, index in the page cache, was 14.0–16.2 ms against
/// 14.8–22.3 ms at its default priority (three alternating runs each).
pub fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    set_this_threads_nice((this_threads_nice() + BACKGROUND_NICENESS).min(NICEST));
}

/// The nice value of the calling thread.
#[cfg(target_os = "linux")]
fn this_threads_nice() -> libc::c_int {
    // SAFETY: `gettid` and `getpriority` only read.
    unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
}

#[cfg(target_os = "linux")]
fn set_this_threads_nice(nice: libc::c_int) {
    // SAFETY: `setpriority` of this thread's own id changes only this thread's nice value
    // (Linux schedules threads as tasks of their own). A failure leaves it as it was,
    // which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, nice);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The nice value a worker of `priority` answers at.
    fn nice_of_worker(priority: Priority) -> libc::c_int {
        let (answers, inbox) = channel();
        let requests = spawn(
            priority,
            |_: &(), post| post(this_threads_nice()),
            move |nice| answers.send(nice).is_ok(),
        );
        requests.send(()).unwrap();
        inbox.recv().unwrap()
    }

    #[test]
    fn background_workers_give_way_and_interactive_ones_do_not() {
        let own = this_threads_nice();
        assert_eq!(nice_of_worker(Priority::Interactive), own);
        let nicer = (own + BACKGROUND_NICENESS).min(NICEST);
        assert_eq!(nice_of_worker(Priority::Background), nicer);
    }
}
