//! The import pipeline: read files (ingest), recognize entities, store in the library,
//! and count what happened. Recognition runs on every core.
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use crate::article::Article;
use crate::entities::Recognizer;
use crate::ingest::{self, Contents, Format};
use crate::library::{self, Library, OldArticles};
use crate::related::minhash::Fingerprint;
use crate::sync::fetch::{self, Fetched, Limits};

/// How many articles are committed at once: a crash loses at most the batch in flight
/// (about 10 s of an import). Every commit flushes each indexing thread's segment and
/// starts merges: importing 250,000 articles in batches of 20,000 took 10% more CPU than
/// in batches of 100,000 (55–57 against 50–53 core-seconds), for 30 MB less peak memory.
const COMMIT_EVERY: usize = 100_000;

/// What an import did.
#[derive(Debug, Default, serde::Serialize)]
pub struct ImportSummary {
    pub imported: usize,
    /// Articles already in the library.
    pub skipped: usize,
    /// Records that hold no article text (a headline-only wire item, say).
    pub without_text: usize,
    /// `(file, reason)` for every file or record that could not be read.
    pub failed: Vec<(String, String)>,
    /// Feeds found in OPML lists and feed URLs, for the caller to subscribe to.
    #[serde(skip)]
    pub feeds: Vec<ingest::opml::FeedRef>,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (imported, skipped) = (self.imported, self.skipped);
        write!(
            f,
            "imported {imported}, skipped {skipped} already in the library"
        )?;
        if self.without_text > 0 {
            write!(f, " and {} without text", self.without_text)?;
        }
        write!(f, ", failed {}", self.failed.len())?;
        if !self.feeds.is_empty() {
            write!(f, "; {} feeds listed", self.feeds.len())?;
        }
        Ok(())
    }
}

/// The sample corpus bundled into the binary, so a new library is never empty.
pub const SAMPLE: [(&str, &str); 5] = [
    (
        "000_be6ecb66926748be.txt",
        include_str!("../assets/sample/000_be6ecb66926748be.txt"),
    ),
    (
        "001_8eebe78d4c51217c.txt",
        include_str!("../assets/sample/001_8eebe78d4c51217c.txt"),
    ),
    (
        "002_bcae3c17cc8b8aff.txt",
        include_str!("../assets/sample/002_bcae3c17cc8b8aff.txt"),
    ),
    (
        "003_25a36b2e330e5d01.txt",
        include_str!("../assets/sample/003_25a36b2e330e5d01.txt"),
    ),
    (
        "004_d2a5567b2d8e0d99.txt",
        include_str!("../assets/sample/004_d2a5567b2d8e0d99.txt"),
    ),
];

/// Opens the library, re-importing the articles of an older index format if there is one.
/// The recognizer (34 MB and 20–30 ms to load) is asked for only then: the reader and
/// `tidings search` do not hold it.
pub fn open_library<R: Borrow<Recognizer>>(
    data_dir: &Path,
    recognizer: impl FnOnce() -> R,
) -> library::Result<Library> {
    let (mut library, older) = Library::open(data_dir)?;
    if !older.is_empty() {
        // This runs before any screen is drawn and can take a while: say what is happening.
        let articles: u64 = older.iter().map(OldArticles::article_count).sum();
        eprintln!(
            "tidings: the library's format changed; rebuilding it from its {articles} articles…"
        );
        let recognizer = recognizer();
        let mut summary = ImportSummary::default();
        for mut old in older {
            store(&mut library, recognizer.borrow(), &mut old, &mut summary)?;
            if let Some(error) = old.error {
                return Err(error);
            }
        }
        library.commit()?;
    }
    Library::remove_older_versions(data_dir)
        .map_err(|e| library::LibraryError::Folder(data_dir.to_path_buf(), e))?;
    Ok(library)
}

/// Imports the bundled sample.
pub fn import_sample(
    library: &mut Library,
    recognizer: &Recognizer,
) -> library::Result<ImportSummary> {
    let articles: Vec<Article> = SAMPLE
        .iter()
        .filter_map(|(_, text)| ingest::text::parse(text).ok())
        .collect();
    let mut summary = ImportSummary::default();
    store(library, recognizer, articles, &mut summary)?;
    library.commit()?;
    Ok(summary)
}

/// How far an import has got, read by a progress bar on another thread.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes of the input files read so far (compressed bytes for gzip).
    pub bytes_read: Arc<AtomicU64>,
    /// Articles added or found already there.
    pub articles: AtomicUsize,
}

/// Imports files, folders and http(s) URLs; what cannot be read is reported and the rest
/// goes on.
pub fn import_paths(
    library: &mut Library,
    recognizer: &Recognizer,
    paths: &[PathBuf],
    format: Option<Format>,
    limits: Limits,
) -> library::Result<ImportSummary> {
    import_paths_with_progress(
        library,
        recognizer,
        paths,
        format,
        limits,
        &Progress::default(),
    )
}

/// [`import_paths`], counting what it has done in `progress`.
pub fn import_paths_with_progress(
    library: &mut Library,
    recognizer: &Recognizer,
    paths: &[PathBuf],
    format: Option<Format>,
    limits: Limits,
    progress: &Progress,
) -> library::Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| ingest::is_url(&p.to_string_lossy()));
    for url in urls {
        let url = url.to_string_lossy();
        match read_url(&url, format, limits) {
            Ok(contents) => import_contents(library, recognizer, &url, contents, &mut summary)?,
            Err(reason) => summary.failed.push((url.to_string(), reason)),
        }
    }
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    for file in ingest::collect_files(&paths) {
        let path = match file {
            Ok(path) => path,
            Err((path, error)) => {
                summary
                    .failed
                    .push((path.display().to_string(), error.to_string()));
                continue;
            }
        };
        let name = path.display().to_string();
        match ingest::read_file_counted(&path, format, &progress.bytes_read) {
            Ok(contents) => import_contents(library, recognizer, &name, contents, &mut summary)?,
            Err(error) => summary.failed.push((name, error.to_string())),
        }
        progress
            .articles
            .store(summary.imported + summary.skipped, Ordering::Relaxed);
    }
    library.commit()?;
    Ok(summary)
}

/// Fetches a URL and reads it as its content says: a feed (which is also followed), a web
/// page, an OPML list, articles.
fn read_url(url: &str, format: Option<Format>, limits: Limits) -> Result<Contents, String> {
    let Fetched::Body(page) = fetch::fetch(&fetch::agent(limits), url, None, None, limits)? else {
        return Err("the server sent no content".to_string());
    };
    let format = format.unwrap_or_else(|| ingest::detect_format(Path::new(url), &page.bytes));
    ingest::read_bytes(page.bytes, format, page.charset.as_deref(), url).map_err(|e| e.to_string())
}

/// Adds what a file or URL held: its articles, and the feeds it lists to the summary.
fn import_contents(
    library: &mut Library,
    recognizer: &Recognizer,
    name: &str,
    contents: Contents,
    summary: &mut ImportSummary,
) -> library::Result<()> {
    match contents {
        Contents::Articles(records) => import_records(library, recognizer, name, records, summary),
        Contents::FeedItems(feed, records) => {
            summary.feeds.push(feed);
            import_records(library, recognizer, name, records, summary)
        }
        Contents::Feeds(feeds) => {
            summary.feeds.extend(feeds);
            Ok(())
        }
    }
}

/// Imports a file's records as they are read; failed records are counted, the rest goes on.
fn import_records(
    library: &mut Library,
    recognizer: &Recognizer,
    name: &str,
    records: ingest::Records,
    summary: &mut ImportSummary,
) -> library::Result<()> {
    let (mut without_text, mut failed) = (0, Vec::new());
    let articles = records.filter_map(|record| match record {
        Ok(article) => Some(article),
        Err(error) if error.is_without_text() => {
            without_text += 1;
            None
        }
        Err(error) => {
            failed.push((name.to_string(), error.to_string()));
            None
        }
    });
    let stored = store(library, recognizer, articles, summary);
    summary.without_text += without_text;
    summary.failed.extend(failed);
    stored
}

/// Articles sent to a recognizer thread at a time.
const CHUNK: usize = 256;

/// Recognizes and adds the articles not yet in the library, as they come: recognizer
/// threads (one a core) work on chunks while this thread adds finished chunks, in their
/// order, to the index, whose own threads index them. Commits once [`COMMIT_EVERY`]
/// articles wait, so a folder of small files is not a commit per file.
pub fn store(
    library: &mut Library,
    recognizer: &Recognizer,
    articles: impl IntoIterator<Item = Article>,
    summary: &mut ImportSummary,
) -> library::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (work, jobs) = mpsc::sync_channel::<(usize, Vec<Article>)>(workers * 2);
    let jobs = Mutex::new(jobs);
    let (finished, results) = mpsc::channel::<(usize, Vec<Article>)>();
    let grouping = library.groups_stories();
    std::thread::scope(|scope| {
        // Owned here, so that leaving early (an index error) closes the queue and the
        // workers stop instead of waiting for work forever.
        let work = work;
        for _ in 0..workers {
            let (jobs, finished) = (&jobs, finished.clone());
            scope.spawn(move || loop {
                let job = jobs
                    .lock()
                    .map_err(|_| ())
                    .and_then(|j| j.recv().map_err(|_| ()));
                let Ok((index, mut chunk)) = job else { break };
                for article in &mut chunk {
                    recognize_entities(recognizer, article);
                    if grouping {
                        add_fingerprint(article);
                    }
                }
                if finished.send((index, chunk)).is_err() {
                    break;
                }
            });
        }
        drop(finished);
        let mut in_order = InOrder::default();
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut sent = 0;
        for article in articles {
            if library.contains(&article.id) {
                summary.skipped += 1;
                continue;
            }
            chunk.push(article);
            if chunk.len() == CHUNK {
                // The workers are busy when the queue is full: this waits for them.
                let _ = work.send((
                    sent,
                    std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)),
                ));
                sent += 1;
                in_order.take(results.try_iter());
                in_order.add_ready(library, summary)?;
            }
        }
        if !chunk.is_empty() {
            let _ = work.send((sent, chunk));
        }
        drop(work);
        for result in results {
            in_order.take([result]);
            in_order.add_ready(library, summary)?;
        }
        Ok(())
    })
}

/// Recognized chunks, added to the library in the order they were read whatever order
/// they finish in, so a story's first copy is the same on every import.
#[derive(Default)]
struct InOrder {
    waiting: BTreeMap<usize, Vec<Article>>,
    next: usize,
}

impl InOrder {
    fn take(&mut self, results: impl IntoIterator<Item = (usize, Vec<Article>)>) {
        self.waiting.extend(results);
    }

    fn add_ready(
        &mut self,
        library: &mut Library,
        summary: &mut ImportSummary,
    ) -> library::Result<()> {
        while let Some(chunk) = self.waiting.remove(&self.next) {
            self.next += 1;
            for mut article in chunk {
                if library.add(&mut article)? {
                    summary.imported += 1;
                } else {
                    summary.skipped += 1;
                }
            }
            if library.uncommitted() >= COMMIT_EVERY {
                library.commit()?;
            }
        }
        Ok(())
    }
}

/// Adds entity spans to every article, split across the machine's cores.
pub fn recognize_all(recognizer: &Recognizer, articles: &mut [Article]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = articles.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in articles.chunks_mut(per_thread) {
            scope.spawn(move || part.iter_mut().for_each(|a| recognize(recognizer, a)));
        }
    });
}

/// Adds entity spans and the MinHash fingerprint to one article.
pub fn recognize(recognizer: &Recognizer, article: &mut Article) {
    recognize_entities(recognizer, article);
    add_fingerprint(article);
}

fn recognize_entities(recognizer: &Recognizer, article: &mut Article) {
    (article.title_entities, article.entities) =
        recognizer.recognize_titled(&article.title, &article.body);
}

/// The fingerprint that finds the article's copies: without it, it is a story of its own.
fn add_fingerprint(article: &mut Article) {
    let text = crate::ingest::text::without_dateline(&article.body);
    article.fingerprint = Fingerprint::of(text);
}
