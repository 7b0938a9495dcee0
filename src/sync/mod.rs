//! Following feeds: the subscription list, fetching over HTTP, and `sync`, which refreshes
//! every feed in parallel and adds only the items the library does not hold yet.
pub mod fetch;
pub mod subscriptions;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::article::Article;
use crate::entities::Recognizer;
use crate::import::{self, ImportSummary};
use crate::ingest::feed;
use crate::library::{self, Library};
use fetch::{Fetched, Limits};
use subscriptions::{Subscription, Subscriptions};

/// How many feeds are fetched at once: fetching waits on the network, not the cores.
const PARALLEL_FETCHES: usize = 8;

/// What a sync did.
#[derive(Debug, Default, serde::Serialize)]
pub struct SyncSummary {
    pub feeds: usize,
    /// Feeds the server said had not changed.
    pub unchanged: usize,
    #[serde(flatten)]
    pub import: ImportSummary,
}

impl std::fmt::Display for SyncSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} feeds ({} unchanged): {}",
            self.feeds, self.unchanged, self.import
        )
    }
}

/// One feed's fetch and parse.
struct Outcome {
    index: usize,
    result: Result<Refreshed, String>,
}

enum Refreshed {
    Unchanged,
    Items {
        articles: Vec<Article>,
        failed: usize,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Refreshes every subscribed feed. `progress(done, total, feed title)` is called as each
/// feed finishes. A feed that fails is reported by name and the others go on.
pub fn sync(
    library: &mut Library,
    recognizer: &Recognizer,
    subscriptions: &mut Subscriptions,
    limits: Limits,
    mut progress: impl FnMut(usize, usize, &str),
) -> library::Result<SyncSummary> {
    let total = subscriptions.feeds.len();
    let mut summary = SyncSummary {
        feeds: total,
        ..SyncSummary::default()
    };
    let (sender, receiver) = mpsc::channel();
    let next = AtomicUsize::new(0);
    let feeds = subscriptions.feeds.clone();
    let agent = fetch::agent(limits);
    std::thread::scope(|scope| -> library::Result<()> {
        for _ in 0..PARALLEL_FETCHES.min(total) {
            let (sender, next, feeds, agent) = (sender.clone(), &next, &feeds, &agent);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(feed) = feeds.get(index) else { break };
                let result = refresh(agent, feed, limits);
                if sender.send(Outcome { index, result }).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (done, outcome) in receiver.iter().enumerate() {
            let feed = &mut subscriptions.feeds[outcome.index];
            progress(done + 1, total, &feed.title);
            record(library, recognizer, feed, outcome.result, &mut summary)?;
        }
        Ok(())
    })?;
    library.commit()?;
    Ok(summary)
}

/// Fetches and parses one feed, sending the validators of its last fetch.
fn refresh(agent: &ureq::Agent, feed: &Subscription, limits: Limits) -> Result<Refreshed, String> {
    let fetched = fetch::fetch(
        agent,
        &feed.url,
        feed.etag.as_deref(),
        feed.last_modified.as_deref(),
        limits,
    )?;
    let Fetched::Body(page) = fetched else {
        return Ok(Refreshed::Unchanged);
    };
    let parsed =
        feed::parse(&page.bytes, page.charset.as_deref(), &feed.url).map_err(|e| e.to_string())?;
    let (articles, failed): (Vec<_>, Vec<_>) = parsed.items.into_iter().partition(Result::is_ok);
    Ok(Refreshed::Items {
        articles: articles.into_iter().flatten().collect(),
        failed: failed.len(),
        etag: page.etag,
        last_modified: page.last_modified,
    })
}

/// Stores one feed's new items and remembers what the server said of it.
fn record(
    library: &mut Library,
    recognizer: &Recognizer,
    feed: &mut Subscription,
    result: Result<Refreshed, String>,
    summary: &mut SyncSummary,
) -> library::Result<()> {
    feed.last_error = None;
    match result {
        Ok(Refreshed::Unchanged) => summary.unchanged += 1,
        Ok(Refreshed::Items {
            articles,
            failed,
            etag,
            last_modified,
        }) => {
            summary.import.without_text += failed;
            import::store(library, recognizer, articles, &mut summary.import)?;
            (feed.etag, feed.last_modified) = (etag, last_modified);
        }
        Err(reason) => {
            summary
                .import
                .failed
                .push((format!("{} <{}>", feed.title, feed.url), reason.clone()));
            feed.last_error = Some(reason);
        }
    }
    Ok(())
}
