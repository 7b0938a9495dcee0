//! The import pipeline: read files (ingest), recognize entities, store in the library,
//! and count what happened. Recognition runs on every core.
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::entities::Recognizer;
use crate::ingest::{self, Format};
use crate::library::{self, Library};
use crate::related::minhash::Fingerprint;

/// How many articles are committed at once: large batches keep the index fast,
/// and a crash loses at most the batch in flight.
const COMMIT_EVERY: usize = 20_000;

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
        write!(f, ", failed {}", self.failed.len())
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
pub fn open_library(data_dir: &Path, recognizer: &Recognizer) -> library::Result<Library> {
    let (mut library, migrated) = Library::open(data_dir)?;
    if !migrated.is_empty() {
        // This runs before any screen is drawn and can take a while: say what is happening.
        eprintln!(
            "tidings: the library's format changed; rebuilding it from its {} articles…",
            migrated.len()
        );
        let mut summary = ImportSummary::default();
        store(&mut library, recognizer, migrated, &mut summary)?;
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
    let articles = SAMPLE
        .iter()
        .filter_map(|(_, text)| ingest::text::parse(text).ok())
        .collect();
    let mut summary = ImportSummary::default();
    store(library, recognizer, articles, &mut summary)?;
    library.commit()?;
    Ok(summary)
}

/// Imports files and folders; unreadable files are reported and the rest goes on.
pub fn import_paths(
    library: &mut Library,
    recognizer: &Recognizer,
    paths: &[PathBuf],
    format: Option<Format>,
) -> library::Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    for file in ingest::collect_files(paths) {
        let path = match file {
            Ok(path) => path,
            Err((path, error)) => {
                summary
                    .failed
                    .push((path.display().to_string(), error.to_string()));
                continue;
            }
        };
        match ingest::read_file(&path, format) {
            Ok(records) => import_records(library, recognizer, &path, records, &mut summary)?,
            Err(error) => summary
                .failed
                .push((path.display().to_string(), error.to_string())),
        }
    }
    library.commit()?;
    Ok(summary)
}

/// Imports a file's records in batches; failed records are counted, the rest goes on.
fn import_records(
    library: &mut Library,
    recognizer: &Recognizer,
    path: &Path,
    records: ingest::Records,
    summary: &mut ImportSummary,
) -> library::Result<()> {
    let mut batch = Vec::new();
    for record in records {
        match record {
            Ok(article) => batch.push(article),
            Err(ingest::IngestError::Record { reason, .. }) if reason == ingest::NO_TEXT => {
                summary.without_text += 1
            }
            Err(error) => summary
                .failed
                .push((path.display().to_string(), error.to_string())),
        }
        if batch.len() >= COMMIT_EVERY {
            store(library, recognizer, std::mem::take(&mut batch), summary)?;
        }
    }
    store(library, recognizer, batch, summary)
}

/// Recognizes and adds the articles not yet in the library. Commits once
/// `COMMIT_EVERY` articles wait, so a folder of small files is not a commit per file.
fn store(
    library: &mut Library,
    recognizer: &Recognizer,
    articles: Vec<Article>,
    summary: &mut ImportSummary,
) -> library::Result<()> {
    let (new, known): (Vec<Article>, Vec<Article>) =
        articles.into_iter().partition(|a| !library.contains(&a.id));
    summary.skipped += known.len();
    for mut batch in chunks(new, COMMIT_EVERY) {
        recognize_all(recognizer, &mut batch);
        for article in &mut batch {
            if library.add(article)? {
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

fn chunks(mut articles: Vec<Article>, size: usize) -> Vec<Vec<Article>> {
    let mut out = Vec::new();
    while articles.len() > size {
        let rest = articles.split_off(size);
        out.push(std::mem::replace(&mut articles, rest));
    }
    out.push(articles);
    out
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
    article.title_entities = recognizer.recognize(&article.title);
    article.entities = recognizer.recognize(&article.body);
    article.fingerprint = Fingerprint::of(&article.body);
}
