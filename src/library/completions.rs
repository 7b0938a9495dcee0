//! What the word being typed stands for while the user types: the words of the library
//! it begins, as many as a budget of postings allows, the most common first.
//!
//! A three-letter prefix begins words that most articles hold ("tha" begins "that", "mar"
//! begins "market" and "March"): matching them all read every posting of those words, the
//! slowest keystrokes of a million-article library (p99 15.9–20.9 ms), and ranked first
//! whatever held them ("stock mar" showed stock splits dated in March). The budget leaves
//! out the words too common to narrow the search; the word as typed always counts.
use std::collections::HashMap;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::Result;

/// The completions' postings together are at most this share of the library's articles
/// (the more-like-this query leaves out words in more than a fifth, too)…
const BUDGET_SHARE: u64 = 5;
/// …or this many postings, in a library small enough that every word is cheap.
const MIN_BUDGET: u64 = 50_000;
/// At most this many completions, so the query stays short.
const MAX_COMPLETIONS: usize = 50;

/// A word the word being typed stands for, and how much a match of it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub word: String,
    /// Its postings over those of the most common completion: the more articles hold a
    /// word, the likelier it is the one being typed, so BM25's favour of rare words
    /// ("stock mar" found "Marine" and "Marshall" first) is weighed against it.
    pub weight: f32,
}

/// The words a typed word stands for, and what the term dictionary said of them.
#[derive(Debug, Default)]
pub struct Completions {
    pub words: Vec<Completion>,
    /// The articles holding each word of `fields` that begins with the stem, by term: read
    /// while listing the words, they need not be looked up again to score them (see
    /// [`super::statistics`]).
    pub doc_freqs: HashMap<Term, u64>,
}

/// `stem` itself and the words of `fields` that begin with it, within the budget.
pub fn completions(searcher: &Searcher, fields: &[Field], stem: &str) -> Result<Completions> {
    let budget = (searcher.num_docs() / BUDGET_SHARE).max(MIN_BUDGET);
    let doc_freqs = doc_freqs(searcher, fields, stem)?;
    let mut postings: HashMap<String, u64> = HashMap::new();
    for (term, articles) in &doc_freqs {
        if let Some(word) = term.value().as_str() {
            *postings.entry(word.to_string()).or_default() += articles;
        }
    }
    let words = within_budget(stem, postings, budget);
    Ok(Completions { words, doc_freqs })
}

/// Articles holding any of `completions` in any of `fields`, a match scored by BM25 times
/// the completion's weight and the field's boost, as the query parser scores a boosted
/// word in a boosted field.
pub fn any_of(completions: &[Completion], fields: &[(Field, f32)]) -> Box<dyn Query> {
    let term = |completion: &Completion, &(field, boost): &(Field, f32)| {
        let term = Term::from_field_text(field, &completion.word);
        let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
        let query: Box<dyn Query> =
            Box::new(BoostQuery::new(Box::new(query), completion.weight * boost));
        (Occur::Should, query)
    };
    let terms = completions
        .iter()
        .flat_map(|completion| fields.iter().map(move |field| term(completion, field)));
    Box::new(BooleanQuery::new(terms.collect()))
}

/// `stem`, then the words of `postings` other than it, the most common first, that fit in
/// `budget` postings together (a word too common to fit is passed over for rarer ones).
fn within_budget(stem: &str, mut postings: HashMap<String, u64>, budget: u64) -> Vec<Completion> {
    let typed = (stem.to_string(), postings.remove(stem).unwrap_or(0));
    let mut candidates: Vec<(String, u64)> = postings.into_iter().collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut chosen = vec![typed];
    let mut spent = 0;
    for (word, postings) in candidates {
        if chosen.len() > MAX_COMPLETIONS {
            break;
        }
        if spent + postings <= budget {
            spent += postings;
            chosen.push((word, postings));
        }
    }
    let most = chosen
        .iter()
        .map(|(_, postings)| *postings)
        .max()
        .unwrap_or(0)
        .max(1);
    chosen
        .into_iter()
        .map(|(word, postings)| Completion {
            word,
            weight: postings as f32 / most as f32,
        })
        .collect()
}

/// How many articles hold each word of `fields` beginning with `stem`, over every segment
/// (deleted articles included, as tantivy counts them: they are read too).
fn doc_freqs(searcher: &Searcher, fields: &[Field], stem: &str) -> Result<HashMap<Term, u64>> {
    let mut doc_freqs: HashMap<Term, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().range().ge(stem).into_stream()?;
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !word.starts_with(stem) {
                    break;
                }
                *doc_freqs
                    .entry(Term::from_field_text(field, word))
                    .or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(doc_freqs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(words: &[(&str, u64)]) -> HashMap<String, u64> {
        words.iter().map(|&(w, n)| (w.to_string(), n)).collect()
    }

    fn words(completions: &[Completion]) -> Vec<&str> {
        completions.iter().map(|c| c.word.as_str()).collect()
    }

    #[test]
    fn the_most_common_words_that_fit_come_after_the_stem() {
        let mar = postings(&[
            ("market", 220),
            ("march", 207),
            ("mar", 300),
            ("markets", 80),
            ("margin", 30),
            ("marine", 30),
            ("marx", 1),
        ]);
        let chosen = within_budget("mar", mar, 140);
        assert_eq!(
            words(&chosen),
            ["mar", "markets", "margin", "marine"],
            "the stem always, then by postings (ties by word) while they fit"
        );
        let weights: Vec<f32> = chosen.iter().map(|c| c.weight).collect();
        assert_eq!(weights, [1.0, 80.0 / 300.0, 0.1, 0.1]);
    }

    #[test]
    fn a_rarer_word_fits_where_a_common_one_did_not() {
        let tha = postings(&[("that", 400), ("than", 170), ("thatcher", 5)]);
        let chosen = within_budget("tha", tha, 195);
        assert_eq!(words(&chosen), ["tha", "than", "thatcher"]);
        assert_eq!(chosen[0].weight, 0.0, "no article holds \"tha\"");
        assert_eq!(chosen[1].weight, 1.0);
    }

    #[test]
    fn completions_are_capped() {
        let many: HashMap<String, u64> = (0..200).map(|i| (format!("w{i:03}"), 1)).collect();
        let chosen = within_budget("w", many, u64::MAX);
        assert_eq!(chosen.len(), MAX_COMPLETIONS + 1);
        assert_eq!(words(&chosen[..3]), ["w", "w000", "w001"]);
    }
}
