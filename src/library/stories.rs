//! Same-story groups: an added article joins the group of the copy it matches best,
//! found through the MinHash LSH bands (in the index, and among articles not yet committed).
use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::{terms, text_of, Library, Result, Summary};
use crate::article::Article;
use crate::ingest::text::without_dateline;
use crate::related::minhash::Fingerprint;

/// How many band-sharing candidates are checked.
const CANDIDATES: usize = 20;

/// Fingerprints and stories of articles added since the last commit, by band.
#[derive(Default)]
pub struct PendingStories {
    entries: Vec<(Fingerprint, String)>,
    by_band: HashMap<u32, Vec<usize>>,
}

impl PendingStories {
    pub fn add(&mut self, fingerprint: Fingerprint, story: &str) {
        for band in fingerprint.bands {
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
            .bands
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
        let may_be_indexed = self
            .known
            .as_ref()
            .is_none_or(|k| k.may_hold_a_band(&fingerprint.bands));
        let indexed = if may_be_indexed {
            self.indexed_match(fingerprint)?
        } else {
            None
        };
        let best = [pending, indexed]
            .into_iter()
            .flatten()
            .max_by(|a, b| a.0.total_cmp(&b.0));
        Ok(best.map_or_else(|| article.id.clone(), |(_, story)| story))
    }

    /// The best copy among the committed articles: of the [`CANDIDATES`] sharing the
    /// most bands, the one containing most of the text, if it is a copy. A candidate's
    /// fingerprint is made again from its stored body: with the [`known`](super::known)
    /// keys, few articles have candidates at all, and a fingerprint kept in the index (a
    /// fast field of 65 and more numbers an article) cost a 250k import 2 s and 90 MB.
    fn indexed_match(&self, fingerprint: &Fingerprint) -> Result<Option<(f32, String)>> {
        let searcher = self.reader.searcher();
        let candidates = self.band_candidates(&searcher, fingerprint)?;
        let documents = super::stored::documents(&searcher, &candidates)?;
        let f = &self.fields;
        let copies = documents.iter().filter_map(|doc| {
            let body = text_of(doc, f.body)?;
            let other = Fingerprint::of(without_dateline(&body))?;
            other
                .same_story(fingerprint)
                .then(|| (other.containment(fingerprint), doc))
        });
        // The first of equals, in index order, so the choice is the same on every import.
        let best = copies.reduce(|best, copy| if copy.0 > best.0 { copy } else { best });
        Ok(best.map(|(containment, doc)| (containment, text_of(doc, f.story).unwrap_or_default())))
    }

    /// The committed articles sharing the most bands with a fingerprint, in index order.
    fn band_candidates(
        &self,
        searcher: &Searcher,
        fingerprint: &Fingerprint,
    ) -> Result<Vec<DocAddress>> {
        let bands: Vec<Term> = fingerprint
            .bands
            .iter()
            .map(|&band| Term::from_field_u64(self.fields.bands, band.into()))
            .collect();
        let mut shared: HashMap<DocAddress, u32> = HashMap::new();
        terms::for_each_doc(searcher, &bands, |address| {
            *shared.entry(address).or_default() += 1;
        })?;
        let mut candidates: Vec<(DocAddress, u32)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut addresses: Vec<DocAddress> = candidates
            .into_iter()
            .take(CANDIDATES)
            .map(|(address, _)| address)
            .collect();
        addresses.sort_unstable();
        Ok(addresses)
    }

    /// The other articles of an article's story.
    pub fn copies_of(&self, article: &Article) -> Result<Vec<Summary>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.story, &article.story),
            IndexRecordOption::Basic,
        );
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(100).order_by_score())?;
        let addresses: Vec<_> = top.into_iter().map(|(_, address)| address).collect();
        let documents = super::stored::documents(&searcher, &addresses)?;
        let summaries = documents.iter().map(|doc| self.summary_of(doc));
        Ok(summaries.filter(|s| s.id != article.id).collect())
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
pub fn fold_groups<Row, Group: std::hash::Hash + Eq>(
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
