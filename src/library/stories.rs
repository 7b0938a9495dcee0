//! Same-story groups: an added article joins the group of the copy it matches best,
//! found through the MinHash LSH bands (in the index, and among articles not yet committed).
use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::{text_of, Library, Result, Summary};
use crate::article::Article;
use crate::related::minhash::Fingerprint;

/// How many band-sharing candidates are checked.
const CANDIDATES: usize = 20;

/// Fingerprints and stories of articles added since the last commit, by band.
#[derive(Default)]
pub struct PendingStories {
    entries: Vec<(Fingerprint, String)>,
    by_band: HashMap<u64, Vec<usize>>,
}

impl PendingStories {
    pub fn add(&mut self, fingerprint: Fingerprint, story: &str) {
        for band in fingerprint.bands() {
            self.by_band
                .entry(band)
                .or_default()
                .push(self.entries.len());
        }
        self.entries.push((fingerprint, story.to_string()));
    }

    /// The best copy among them: (containment, story).
    fn best_match(&self, fingerprint: &Fingerprint) -> Option<(f32, String)> {
        let mut candidates: Vec<usize> = fingerprint
            .bands()
            .iter()
            .filter_map(|b| self.by_band.get(b))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter(|&i| self.entries[i].0.same_story(fingerprint))
            .map(|i| {
                (
                    self.entries[i].0.containment(fingerprint),
                    &self.entries[i].1,
                )
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(c, story)| (c, story.clone()))
    }
}

impl Library {
    /// The story an article belongs to: that of its best-matching copy, else its own id.
    pub(super) fn story_for(&self, article: &Article) -> Result<String> {
        let Some(fingerprint) = &article.fingerprint else {
            return Ok(article.id.clone());
        };
        let pending = self.pending_stories.best_match(fingerprint);
        let indexed = self.indexed_match(fingerprint)?;
        let best = [pending, indexed]
            .into_iter()
            .flatten()
            .max_by(|a, b| a.0.total_cmp(&b.0));
        Ok(best.map_or_else(|| article.id.clone(), |(_, story)| story))
    }

    fn indexed_match(&self, fingerprint: &Fingerprint) -> Result<Option<(f32, String)>> {
        let f = &self.fields;
        let clauses: Vec<(Occur, Box<dyn Query>)> = fingerprint
            .bands()
            .iter()
            .map(|&band| {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_u64(f.bands, band),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                )
            })
            .collect();
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(CANDIDATES).order_by_score(),
        )?;
        let mut best: Option<(f32, String)> = None;
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let other = doc
                .get_first(f.fingerprint)
                .and_then(|v| v.as_bytes())
                .and_then(Fingerprint::from_bytes);
            let Some(other) = other.filter(|o| o.same_story(fingerprint)) else {
                continue;
            };
            let containment = other.containment(fingerprint);
            if best.as_ref().is_none_or(|(c, _)| containment > *c) {
                best = Some((containment, text_of(&doc, f.story).unwrap_or_default()));
            }
        }
        Ok(best)
    }

    /// The other articles of an article's story.
    pub fn copies_of(&self, article: &Article) -> Result<Vec<Summary>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.story, &article.story),
            IndexRecordOption::Basic,
        );
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(100).order_by_score())?;
        let mut copies = Vec::new();
        for (_, address) in top {
            let summary = self.summary_of(&searcher.doc(address)?);
            if summary.id != article.id {
                copies.push(summary);
            }
        }
        Ok(copies)
    }
}

/// Folds the copies of a story into its first row (rows keep their order), counting them.
pub fn fold_copies(rows: Vec<Summary>) -> Vec<Summary> {
    fold_groups(
        rows,
        |row| Some(row.story.clone()).filter(|s| !s.is_empty()),
        |first| first.copies += 1,
    )
}

/// Keeps the first row of each group (rows keep their order) and `count`s every later one
/// into it; rows without a group (`group` gives `None`) are all kept.
pub(super) fn fold_groups<Row, Group: std::hash::Hash + Eq>(
    rows: impl IntoIterator<Item = Row>,
    group: impl Fn(&Row) -> Option<Group>,
    count: impl Fn(&mut Row),
) -> Vec<Row> {
    let mut position: HashMap<Group, usize> = HashMap::new();
    let mut folded: Vec<Row> = Vec::new();
    for row in rows {
        match group(&row) {
            Some(key) => match position.get(&key) {
                Some(&at) => count(&mut folded[at]),
                None => {
                    position.insert(key, folded.len());
                    folded.push(row);
                }
            },
            None => folded.push(row),
        }
    }
    folded
}
