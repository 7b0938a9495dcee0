//! BM25's statistics for one search. tantivy asks them of the searcher for every term of
//! a query: the field's token count (a pass over the segments) and the term's document
//! frequency (a lookup in its dictionary, and then another to open its postings). A word
//! being typed stands for up to 51 completions in two fields, and those lookups were a
//! seventh of a prefix search at 25,000 articles, though listing the completions had just
//! read every one of those frequencies.
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The searcher's statistics, with the token counts of some fields counted once and the
/// document frequencies of some terms already known.
pub struct Statistics<'a> {
    searcher: &'a Searcher,
    tokens: Vec<(Field, u64)>,
    doc_freqs: &'a HashMap<Term, u64>,
}

impl<'a> Statistics<'a> {
    /// `fields`: those whose token counts to count now; `doc_freqs`: the known ones.
    pub fn new(
        searcher: &'a Searcher,
        fields: &[Field],
        doc_freqs: &'a HashMap<Term, u64>,
    ) -> tantivy::Result<Self> {
        let tokens = fields
            .iter()
            .map(|&field| Ok((field, searcher.total_num_tokens(field)?)))
            .collect::<tantivy::Result<_>>()?;
        Ok(Statistics {
            searcher,
            tokens,
            doc_freqs,
        })
    }
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.tokens.iter().find(|(counted, _)| *counted == field) {
            Some(&(_, tokens)) => Ok(tokens),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.doc_freqs.get(term) {
            Some(&articles) => Ok(articles),
            None => self.searcher.doc_freq(term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::library::Library;

    #[test]
    fn known_frequencies_are_used_and_the_rest_asked_of_the_searcher() {
        let mut library = Library::in_memory().unwrap();
        for (id, body) in [("a", "harbour harbour ships"), ("b", "harbour")] {
            let (id, body) = (id.to_string(), body.to_string());
            library
                .add(&mut Article {
                    id,
                    body,
                    ..Article::default()
                })
                .unwrap();
        }
        library.commit().unwrap();
        let searcher = library.reader.searcher();
        let body = library.fields.body;
        let ships = Term::from_field_text(body, "ships");
        let known = HashMap::from([(ships.clone(), 7)]);
        let statistics = Statistics::new(&searcher, &[body], &known).unwrap();
        assert_eq!(statistics.doc_freq(&ships).unwrap(), 7, "the known one");
        let harbour = Term::from_field_text(body, "harbour");
        assert_eq!(statistics.doc_freq(&harbour).unwrap(), 2);
        let title = library.fields.title;
        for field in [body, title] {
            assert_eq!(
                statistics.total_num_tokens(field).unwrap(),
                searcher.total_num_tokens(field).unwrap()
            );
        }
        assert_eq!(statistics.total_num_docs().unwrap(), 2);
    }
}
