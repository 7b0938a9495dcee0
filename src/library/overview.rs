//! The library at a glance: the people and countries named by the most articles, each
//! with its mentions over time. Counts come from the term dictionaries (no document is
//! read), trends from a histogram over the date fast field.
use std::collections::HashMap;

use tantivy::collector::HistogramCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use super::query::entity_clause;
use super::{Library, Result};
use crate::entities::link::person_key;
use crate::entities::Kind;

/// A person or country named across the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Prominent {
    pub kind: Kind,
    /// As shown: the person's name or the country's name.
    pub label: String,
    /// The query that finds its articles.
    pub query: String,
    pub articles: u64,
    /// Articles naming it in each of equal stretches of time, oldest first (empty when the
    /// library has no dates).
    pub trend: Vec<u64>,
}

impl Library {
    /// The `per_kind` people and countries named by most articles, with trends of
    /// `buckets` stretches over the library's dates.
    pub fn who_and_where(&self, per_kind: usize, buckets: usize) -> Result<Vec<Prominent>> {
        let span = self.date_span()?;
        let mut found = Vec::new();
        for (kind, field) in [
            (Kind::Person, self.fields.people),
            (Kind::Country, self.fields.countries),
        ] {
            for (key, articles) in self.most_common_terms(field, per_kind)? {
                let (label, query) = match kind {
                    Kind::Person => {
                        let name = self.person_name(&key)?.unwrap_or_else(|| key.clone());
                        let query = entity_clause(kind, &name).unwrap_or_default();
                        (name, query)
                    }
                    _ => {
                        let query = entity_clause(kind, &key).unwrap_or_default();
                        (self.countries.name_of(&key), query)
                    }
                };
                let trend = match span {
                    Some((first, last)) => self.trend(field, &key, first, last, buckets)?,
                    None => Vec::new(),
                };
                found.push(Prominent {
                    kind,
                    label,
                    query,
                    articles,
                    trend,
                });
            }
        }
        Ok(found)
    }

    /// Terms of `field` by how many articles hold them, most first.
    fn most_common_terms(&self, field: Field, limit: usize) -> Result<Vec<(String, u64)>> {
        let searcher = self.reader.searcher();
        let mut counts: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let key = String::from_utf8_lossy(stream.key()).into_owned();
                *counts.entry(key).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.truncate(limit);
        Ok(counts)
    }

    /// The first and last date in the library.
    fn date_span(&self) -> Result<Option<(DateTime, DateTime)>> {
        let searcher = self.reader.searcher();
        let mut span: Option<(DateTime, DateTime)> = None;
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().date("date")?;
            if column.num_docs() == 0 || column.values.num_vals() == 0 {
                continue;
            }
            let (low, high) = (column.min_value(), column.max_value());
            span = Some(match span {
                Some((first, last)) => (first.min(low), last.max(high)),
                None => (low, high),
            });
        }
        Ok(span)
    }

    fn trend(
        &self,
        field: Field,
        key: &str,
        first: DateTime,
        last: DateTime,
        buckets: usize,
    ) -> Result<Vec<u64>> {
        let nanos = |d: DateTime| d.into_timestamp_nanos();
        let width = ((nanos(last) - nanos(first)) as u64 / buckets as u64).max(1) + 1;
        let query = TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
        let histogram = HistogramCollector::new("date".to_string(), first, width, buckets);
        Ok(self.reader.searcher().search(&query, &histogram)?)
    }

    /// The spelling stored with an article for the person with this key.
    fn person_name(&self, key: &str) -> Result<Option<String>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.people, key),
            IndexRecordOption::Basic,
        );
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: tantivy::TantivyDocument = searcher.doc(*address)?;
        Ok(super::texts_of(&doc, self.fields.names)
            .into_iter()
            .find(|name| person_key(name) == key))
    }
}
