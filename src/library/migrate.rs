//! Rebuilding on a format change: the articles of an `index-vN` of an older version are
//! read back one at a time by field name, whatever that version's schema was, and imported
//! again.
use std::path::{Path, PathBuf};

use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use super::schema::VERSION;
use super::{date, text_of, LibraryError, Result};
use crate::article::Article;

/// `index-vN` folders with N below the current version.
pub(super) fn older_index_dirs(data_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.strip_prefix("index-v")
                .and_then(|v| v.parse::<u32>().ok())
                .is_some_and(|v| v < VERSION)
        })
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs
}

/// The articles of an older index, read one at a time by field name (whatever that
/// version's schema was), so that a rebuild holds no more of them at once than an import
/// does. A document that cannot be read ends the iteration and is kept as [`Self::error`].
pub struct OldArticles {
    searcher: tantivy::Searcher,
    schema: tantivy::schema::Schema,
    /// The next document: its segment and its id in the segment.
    segment: usize,
    doc: tantivy::DocId,
    pub error: Option<LibraryError>,
}

impl OldArticles {
    pub(super) fn open(dir: &Path) -> Result<OldArticles> {
        let index = Index::open_in_dir(dir)?;
        Ok(OldArticles {
            searcher: index.reader()?.searcher(),
            schema: index.schema(),
            segment: 0,
            doc: 0,
            error: None,
        })
    }

    /// How many articles it holds.
    pub fn article_count(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// The next live document's address, if there is one.
    fn next_address(&mut self) -> Option<tantivy::DocAddress> {
        let segments = self.searcher.segment_readers();
        while let Some(segment) = segments.get(self.segment) {
            while self.doc < segment.max_doc() {
                let doc = self.doc;
                self.doc += 1;
                if segment.is_deleted(doc) {
                    continue;
                }
                return Some(tantivy::DocAddress::new(self.segment as u32, doc));
            }
            (self.segment, self.doc) = (self.segment + 1, 0);
        }
        None
    }

    fn article_of(&self, doc: &TantivyDocument) -> Article {
        let field = |name: &str| self.schema.get_field(name).ok();
        let get = |name: &str| field(name).and_then(|f| text_of(doc, f));
        let date = field("date")
            .and_then(|f| doc.get_first(f).and_then(|v| v.as_datetime()))
            .map(date::from_index);
        Article {
            id: get("id").unwrap_or_default(),
            title: get("title").unwrap_or_default(),
            body: get("body").unwrap_or_default(),
            source: get("source").unwrap_or_default(),
            url: get("url"),
            date,
            ..Article::default()
        }
    }
}

impl Iterator for OldArticles {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        if self.error.is_some() {
            return None;
        }
        let address = self.next_address()?;
        match self.searcher.doc::<TantivyDocument>(address) {
            Ok(doc) => Some(self.article_of(&doc)),
            Err(error) => {
                self.error = Some(LibraryError::Index(error));
                None
            }
        }
    }
}
