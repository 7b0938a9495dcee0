//! Rebuilding on a format change: the articles of an `index-vN` of an older version are
//! read back by field name, whatever that version's schema was, and imported again.
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

/// Reads the articles of an older index by field name (whatever its schema was).
pub(super) fn read_old_index(dir: &Path) -> Result<Vec<Article>> {
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let field = |name: &str| schema.get_field(name).ok();
    let searcher = index.reader()?.searcher();
    let mut articles = Vec::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64)?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc.map_err(LibraryError::Index)?;
            let get = |name: &str| field(name).and_then(|f| text_of(&doc, f));
            let date = field("date")
                .and_then(|f| doc.get_first(f).and_then(|v| v.as_datetime()))
                .map(date::from_index);
            articles.push(Article {
                id: get("id").unwrap_or_default(),
                title: get("title").unwrap_or_default(),
                body: get("body").unwrap_or_default(),
                source: get("source").unwrap_or_default(),
                url: get("url"),
                date,
                ..Article::default()
            });
        }
    }
    Ok(articles)
}
