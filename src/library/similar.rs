//! Related articles by text: the article's most telling words and people, weighed by how
//! often it uses them and how rare they are in the library (a more-like-this query, with
//! thresholds set from the library's size).
use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, Term};

use super::{texts_of, Library, Result, Summary};
use crate::article::Article;
use crate::entities::link::person_key;

/// A more-like-this hit: its score, its row, and the people and countries it mentions.
#[derive(Debug, Clone)]
pub struct Similar {
    pub score: f32,
    pub summary: Summary,
    pub people: Vec<String>,
    pub countries: Vec<String>,
}

/// How many of the article's terms the query holds.
const QUERY_TERMS: usize = 100;
/// The query's terms together hold at most this many postings per article of the
/// library: past it, the least telling terms are left out. A long article's many common
/// words made the slowest related panes (p99 at 250k articles 6.3–6.7 ms → 5.9–7.2 with
/// the cap, P@5 unchanged on BBC and Reuters; a cap of 2 gave p99 4.9 ms and BBC 0.908).
const POSTINGS_PER_ARTICLE: u64 = 4;
/// Shorter terms ("of", "us") say nothing of what an article is about.
const MIN_TERM_BYTES: usize = 3;

impl Library {
    /// Articles most like `article` by text and shared people, itself excluded, each with
    /// the people and countries it mentions.
    pub fn more_like_this(&self, article: &Article, limit: usize) -> Result<Vec<Similar>> {
        let searcher = self.reader.searcher();
        let query = self.similarity_query(&searcher, article)?;
        let top = searcher.search(&query, &TopDocs::with_limit(limit + 1).order_by_score())?;
        let addresses: Vec<_> = top.iter().map(|&(_, address)| address).collect();
        let documents = super::stored::documents(&searcher, &addresses)?;
        let mut related = Vec::with_capacity(limit);
        for ((score, _), doc) in top.into_iter().zip(documents) {
            let summary = self.summary_of(&doc);
            if summary.id != article.id && related.len() < limit {
                related.push(Similar {
                    score,
                    summary,
                    people: texts_of(&doc, self.fields.names),
                    countries: texts_of(&doc, self.fields.countries),
                });
            }
        }
        Ok(related)
    }

    /// The query for articles like this one: its [`telling_terms`](Self::telling_terms),
    /// each boosted by its weight relative to the best, scored by BM25 with the term
    /// frequencies of the other article (tantivy's own MoreLikeThisQuery ignores them:
    /// related P@5 0.905 → 0.911 on BBC and 0.683 → 0.700 on Reuters with them).
    fn similarity_query(&self, searcher: &Searcher, article: &Article) -> Result<BooleanQuery> {
        let weighed = self.telling_terms(searcher, article)?;
        let best = weighed.first().map_or(1.0, |(weight, _)| *weight);
        let clauses = weighed.into_iter().map(|(weight, term)| {
            let term = TermQuery::new(term, IndexRecordOption::WithFreqs);
            let boosted: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(term), weight / best));
            (Occur::Should, boosted)
        });
        // Nested, so the union is scored one posting at a time: at the top level, term
        // clauses with frequencies get tantivy's block-max WAND, which re-sorts its hundred
        // clauses at every step (related p50 at 250k articles: 24 ms against 3 ms).
        let union: Box<dyn Query> = Box::new(BooleanQuery::new(clauses.collect()));
        Ok(BooleanQuery::new(vec![(Occur::Should, union)]))
    }

    /// The article's [`QUERY_TERMS`] best terms by frequency × idf, best first, with their
    /// weight; held to [`POSTINGS_PER_ARTICLE`].
    fn telling_terms(&self, searcher: &Searcher, article: &Article) -> Result<Vec<(f32, Term)>> {
        let size = searcher.num_docs();
        // Thresholds follow the library's size, so a five-article library works too.
        let (min_doc_frequency, max_doc_frequency) = if size < 50 {
            (1, size.max(1))
        } else {
            // A word in more than a fifth of the articles says little of what one is about,
            // and its long posting list is most of the query's time.
            (2, size / 5)
        };
        let min_term_frequency = if article.body.len() < 2000 { 1 } else { 2 };
        let mut weighed: Vec<(f32, Term, u64)> = Vec::new();
        for (term, frequency) in self.term_frequencies(article) {
            if frequency < min_term_frequency {
                continue;
            }
            let doc_frequency = searcher.doc_freq(&term)?;
            if (min_doc_frequency..=max_doc_frequency).contains(&doc_frequency) {
                let weight = frequency as f32 * idf(doc_frequency, size);
                weighed.push((weight, term, doc_frequency));
            }
        }
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        weighed.truncate(QUERY_TERMS);
        let mut postings = 0;
        weighed.retain(|(_, _, doc_frequency)| {
            postings += doc_frequency;
            postings <= POSTINGS_PER_ARTICLE * size
        });
        Ok(weighed
            .into_iter()
            .map(|(weight, term, _)| (weight, term))
            .collect())
    }

    /// How often the article uses each word of its title and body (as the index
    /// tokenizes them) and each of its people.
    fn term_frequencies(&self, article: &Article) -> HashMap<Term, usize> {
        let f = &self.fields;
        let mut frequencies: HashMap<Term, usize> = HashMap::new();
        let mut count = |term: Term| *frequencies.entry(term).or_default() += 1;
        let mut tokenizer = self
            .index
            .tokenizers()
            .get("default")
            .expect("tantivy registers its default tokenizer");
        let body = crate::ingest::text::without_dateline(&article.body);
        for (field, text) in [(f.title, article.title.as_str()), (f.body, body)] {
            tokenizer.token_stream(text).process(&mut |token| {
                if token.text.len() >= MIN_TERM_BYTES {
                    count(Term::from_field_text(field, &token.text));
                }
            });
        }
        for person in article.people() {
            count(Term::from_field_text(f.people, &person_key(&person)));
        }
        frequencies
    }
}

/// BM25's inverse document frequency, as tantivy computes it.
fn idf(doc_frequency: u64, doc_count: u64) -> f32 {
    let x = (doc_count.saturating_sub(doc_frequency) as f32 + 0.5) / (doc_frequency as f32 + 0.5);
    (1.0 + x).ln()
}
