//! The library: one tantivy index holding articles, their entity fields and stored spans.
//!
//! All tantivy code lives in this module. One writer, opened only when something is
//! written; one reader, reloaded by hand after each commit so a search sees its own writes.
mod bloom;
mod completions;
pub use completions::Completion;
pub mod date;
mod directory;
pub mod hits;
mod known;
mod list;
mod migrate;
mod overview;
mod prefetch;
mod search;
mod similar;
mod snippet;
mod spans;
mod statistics;
mod stored;
mod terms;
pub use hits::{Facets, Hit};
pub use list::ListEntry;
pub use migrate::OldArticles;
pub use overview::Prominent;
pub use search::{RankedSearch, SearchResults, SNIPPET_HITS};
pub use similar::Similar;
pub use stories::fold_copies;
pub mod query;
pub mod schema;
pub mod stories;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};

use crate::article::Article;
use crate::entities::countries::Gazetteer;
use crate::entities::link::{name_words, person_key};
use schema::{Fields, VERSION};

/// A commit of this many added articles builds the [`known`] keys: a bulk import pays
/// for reading every id and band once, a sync of a few feeds does not.
const KNOWN_AFTER: usize = 5_000;
/// Decompressed doc store blocks kept per segment (tantivy keeps 100: at a million
/// articles, 20 MB of the reader's memory once searches had read them).
const DOC_STORE_CACHE_BLOCKS: usize = 16;

/// Writer memory budget: tantivy needs at least 15 MB a thread.
const WRITER_BUDGET: usize = 128 * 1024 * 1024;
/// Indexing threads. One keeps up with recognition on both cores (which takes more than
/// half of an import's CPU), and writes half as many segments as two, each twice the
/// size, so there is less to merge: a 250k import took 47–49 core-seconds against
/// 52–56, in 5 segments against 11.
const WRITER_THREADS: usize = 1;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("cannot open the library folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
    #[error("another tidings is writing to this library; try again when it has finished")]
    Busy,
    #[error("cannot read the index: {0}")]
    Io(#[from] std::io::Error),
    #[error("bad query: {0}")]
    Query(#[from] query::QueryError),
}

pub type Result<T> = std::result::Result<T, LibraryError>;

/// One row of a list: what the list and related panes show.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub source: String,
    pub date: Option<String>,
    /// The same-story group (see [`Article::story`]).
    pub story: String,
    /// How many other copies of this story the list folded into this row.
    pub copies: usize,
}

pub struct Library {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Option<IndexWriter>,
    /// Ids added since the last commit (not yet visible to the reader).
    pending: HashSet<String>,
    /// Fingerprints added since the last commit, so copies within one import are grouped.
    pending_stories: stories::PendingStories,
    /// The ids and bands of every article, while this process holds the writer and has
    /// added many (see [`known`]).
    known: Option<known::KnownKeys>,
    /// Whether imports group copies into stories (see [`Library::set_grouping`]).
    grouping: bool,
    countries: Gazetteer,
    /// The index's folder (`None` in memory).
    dir: Option<PathBuf>,
    /// Tells the index's folder whether a writer is open (see [`directory`]).
    writing: directory::Writing,
}

impl Library {
    /// Opens (or creates) the library under `data_dir`, with the articles of every index of
    /// an older format version still there, for the caller to import again: an older index
    /// is removed only once that is done ([`Library::remove_older_versions`]), so a rebuild
    /// cut short carries on where it stopped the next time (the articles already imported
    /// are skipped, as an import skips them).
    pub fn open(data_dir: &Path) -> Result<(Library, Vec<OldArticles>)> {
        let dir = data_dir.join(format!("index-v{VERSION}"));
        let older = migrate::older_index_dirs(data_dir);
        std::fs::create_dir_all(&dir).map_err(|e| LibraryError::Folder(dir.clone(), e))?;
        prefetch::file_ends(&dir);
        let (schema, fields) = Fields::build();
        let writing = directory::Writing::default();
        let directory = directory::LibraryDirectory::open(&dir, writing.clone())
            .map_err(|e| LibraryError::Index(e.into()))?;
        let index = Index::open_or_create(directory, schema)?;
        let library = Library {
            dir: Some(dir),
            writing,
            ..Library::with_index(index, fields)?
        };
        let older = older
            .iter()
            .map(|old| OldArticles::open(old))
            .collect::<Result<_>>()?;
        Ok((library, older))
    }

    /// Asks the kernel to read the term dictionaries and the postings into the page cache,
    /// in the background: for the reader, whose searches and related stories read them a
    /// term at a time (see [`prefetch::terms_and_postings_in_background`]). Imports and
    /// one-off commands go without.
    pub fn prefetch_terms_and_postings(&self) {
        if let Some(dir) = &self.dir {
            prefetch::terms_and_postings_in_background(dir);
        }
    }

    /// A library in memory, for tests.
    pub fn in_memory() -> Result<Library> {
        let (schema, fields) = Fields::build();
        Library::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<Library> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()?;
        Ok(Library {
            index,
            reader,
            fields,
            writer: None,
            pending: HashSet::new(),
            pending_stories: stories::PendingStories::default(),
            known: None,
            grouping: true,
            countries: Gazetteer::load(),
            dir: None,
            writing: directory::Writing::default(),
        })
    }

    /// Removes index folders of older format versions (after their articles were re-imported).
    pub fn remove_older_versions(data_dir: &Path) -> std::io::Result<()> {
        migrate::older_index_dirs(data_dir)
            .iter()
            .try_for_each(std::fs::remove_dir_all)
    }

    /// The country gazetteer the query language resolves `country:` with.
    pub fn countries(&self) -> &Gazetteer {
        &self.countries
    }

    /// Number of committed articles.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True if an article with this id is in the library or waiting to be committed.
    pub fn contains(&self, id: &str) -> bool {
        let may_be_indexed = self.known.as_ref().is_none_or(|k| k.may_hold_id(id));
        self.pending.contains(id)
            || (may_be_indexed && self.doc_address(id).ok().flatten().is_some())
    }

    /// Adds an article unless its id is already there; returns whether it was added.
    /// Its `story` is set to the group of the copy it matches, if any.
    pub fn add(&mut self, article: &mut Article) -> Result<bool> {
        if self.contains(&article.id) {
            return Ok(false);
        }
        article.story = self.story_for(article)?;
        if let Some(known) = &mut self.known {
            let bands = article.fingerprint.as_ref().map_or(&[][..], |f| &f.bands);
            known.add(&article.id, bands);
        }
        if let Some(fingerprint) = &article.fingerprint {
            self.pending_stories
                .add(fingerprint.clone(), &article.story);
        }
        let document = self.document_of(article);
        self.writer()?.add_document(document)?;
        self.pending.insert(article.id.clone());
        Ok(true)
    }

    /// Turns same-story grouping on (the default) or off for what is imported next: off,
    /// every article is its own story. The benchmark turns it off to measure its cost.
    pub fn set_grouping(&mut self, on: bool) {
        self.grouping = on;
    }

    pub fn groups_stories(&self) -> bool {
        self.grouping
    }

    /// How many added articles wait for a commit.
    pub fn uncommitted(&self) -> usize {
        self.pending.len()
    }

    /// Makes everything added so far durable and visible.
    pub fn commit(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.as_mut() {
            writer.commit()?;
            self.reader.reload()?;
            if self.known.is_none() && self.pending.len() >= KNOWN_AFTER {
                let f = &self.fields;
                let searcher = self.reader.searcher();
                self.known = Some(known::KnownKeys::of_index(&searcher, f.id, f.bands)?);
            }
            self.pending.clear();
            self.pending_stories = stories::PendingStories::default();
        }
        Ok(())
    }

    /// Commits and lets go of the index writer, so another process (a sync) can write.
    pub fn release_writer(&mut self) -> Result<()> {
        self.commit()?;
        self.writer = None;
        self.known = None;
        self.writing.set(false);
        Ok(())
    }

    /// Sees what other processes committed since the library was opened.
    pub fn refresh(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            let writer = self
                .index
                .writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => LibraryError::Busy,
                    other => LibraryError::Index(other),
                })?;
            self.writing.set(true);
            self.writer = Some(writer);
        }
        Ok(self.writer.as_mut().expect("just opened"))
    }

    fn document_of(&self, article: &Article) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &article.id);
        doc.add_text(f.title, &article.title);
        doc.add_text(f.body, &article.body);
        doc.add_text(f.source, &article.source);
        if let Some(date) = article.date.as_deref().and_then(date::to_index) {
            doc.add_date(f.date, date);
        }
        if let Some(url) = &article.url {
            doc.add_text(f.url, url);
        }
        for place in article.places() {
            doc.add_text(f.places, place.to_lowercase());
        }
        for person in article.people() {
            doc.add_text(f.people, person_key(&person));
            doc.add_text(f.names, &person);
            for word in name_words(&person) {
                doc.add_text(f.name_words, word);
            }
        }
        article
            .countries()
            .iter()
            .for_each(|c| doc.add_text(f.countries, c));
        doc.add_bytes(
            f.entities,
            &spans::encode(
                &article.title,
                &article.title_entities,
                &article.body,
                &article.entities,
            ),
        );
        doc.add_text(f.story, &article.story);
        if !article.removed.is_empty() {
            doc.add_text(
                f.removed,
                serde_json::to_string(&article.removed).expect("lines serialize"),
            );
        }
        if let Some(fingerprint) = &article.fingerprint {
            fingerprint
                .bands
                .iter()
                .for_each(|&band| doc.add_u64(f.bands, band.into()));
        }
        doc
    }

    fn doc_address(&self, id: &str) -> Result<Option<DocAddress>> {
        let term = Term::from_field_text(self.fields.id, id);
        terms::first_doc(&self.reader.searcher(), term)
    }

    /// The article with this id, spans included.
    pub fn get(&self, id: &str) -> Result<Option<Article>> {
        let Some(address) = self.doc_address(id)? else {
            return Ok(None);
        };
        let doc: TantivyDocument = self.reader.searcher().doc(address)?;
        Ok(Some(self.article_of(&doc)))
    }

    fn article_of(&self, doc: &TantivyDocument) -> Article {
        let f = &self.fields;
        let Summary {
            id,
            title,
            source,
            date,
            story,
            ..
        } = self.summary_of(doc);
        let body = text_of(doc, f.body).unwrap_or_default();
        let spans = stored_spans(doc, f.entities, &title, &body);
        Article {
            id,
            title,
            source,
            date,
            story,
            fingerprint: None,
            body,
            url: text_of(doc, f.url),
            removed: text_of(doc, f.removed)
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
            title_entities: spans.title,
            entities: spans.body,
        }
    }

    fn summary_of(&self, doc: &TantivyDocument) -> Summary {
        let f = &self.fields;
        Summary {
            id: text_of(doc, f.id).unwrap_or_default(),
            title: text_of(doc, f.title).unwrap_or_default(),
            source: text_of(doc, f.source).unwrap_or_default(),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(date::from_index),
            story: text_of(doc, f.story).unwrap_or_default(),
            copies: 0,
        }
    }

    /// The `limit` newest articles (undated last), as list rows: only those are read.
    pub fn newest(&self, limit: usize) -> Result<Vec<Summary>> {
        let searcher = self.reader.searcher();
        let limit = limit.max(1);
        let collector = TopDocs::with_limit(limit)
            .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
        let top = searcher.search(&tantivy::query::AllQuery, &collector)?;
        let addresses: Vec<DocAddress> = top.into_iter().map(|(_, address)| address).collect();
        let documents = stored::documents(&searcher, &addresses)?;
        Ok(documents.iter().map(|doc| self.summary_of(doc)).collect())
    }
}

/// `work` on `items` cut into at most `threads` runs, each run on a thread of its own;
/// the runs' results in the items' order.
fn on_threads<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let per_thread = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(per_thread)
            .map(|run| scope.spawn(move || work(run)))
            .collect();
        runs.into_iter()
            .map(|run| run.join().expect("a worker thread panicked"))
            .collect()
    })
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Every text value of a multi-valued field.
fn texts_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The entity spans stored with an article over its title and body (none if missing or
/// unreadable).
fn stored_spans(
    doc: &TantivyDocument,
    field: tantivy::schema::Field,
    title: &str,
    body: &str,
) -> spans::StoredSpans {
    doc.get_first(field)
        .and_then(|v| v.as_bytes())
        .and_then(|bytes| spans::decode(bytes, title, body))
        .unwrap_or_default()
}

/// Library-wide counts for `tidings stats`.
pub struct Stats {
    pub articles: u64,
    pub sources: usize,
    pub people: usize,
    pub countries: usize,
}

impl Library {
    /// Counts articles and the distinct sources, people and countries.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let distinct = |field: tantivy::schema::Field| -> Result<usize> {
            let mut terms = HashSet::new();
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    terms.insert(stream.key().to_vec());
                }
            }
            Ok(terms.len())
        };
        // Read doc by doc, keeping only the source: a big library's rows do not fit in memory.
        if let Some(dir) = &self.dir {
            prefetch::doc_stores(dir);
        }
        let mut sources: HashSet<String> = HashSet::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1)?;
            for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
                if let Some(source) = text_of(&doc?, self.fields.source) {
                    sources.insert(source);
                }
            }
        }
        Ok(Stats {
            articles: searcher.num_docs(),
            sources: sources.len(),
            people: distinct(self.fields.people)?,
            countries: distinct(self.fields.countries)?,
        })
    }
}
