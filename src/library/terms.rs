//! Exact-term lookups straight from each segment's postings, for the import's hot paths
//! (is this id known? which articles share these bands?): a scored query would look every
//! term up twice, once for its statistics and once for its postings, and rank by BM25
//! what only needs to be found.
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

use super::Result;

/// Calls `found` once for every live document holding each of `terms`, all of one field,
/// segment by segment.
pub fn for_each_doc(
    searcher: &Searcher,
    terms: &[Term],
    mut found: impl FnMut(DocAddress),
) -> Result<()> {
    let Some(field) = terms.first().map(Term::field) else {
        return Ok(());
    };
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(field)?;
        let alive = segment.alive_bitset();
        for term in terms {
            let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    found(DocAddress::new(ordinal as u32, doc));
                }
                doc = postings.advance();
            }
        }
    }
    Ok(())
}

/// The first live document holding `term`.
pub fn first_doc(searcher: &Searcher, term: Term) -> Result<Option<DocAddress>> {
    let mut first = None;
    for_each_doc(searcher, &[term], |address| {
        first.get_or_insert(address);
    })?;
    Ok(first)
}
