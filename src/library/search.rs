//! Searching in the query language. A search is ranked first and its hits read after,
//! a range at a time: the reader shows the hits a screen holds as soon as they are read,
//! and reads the rest only if no newer query came meanwhile. Reading hits is most of a
//! search's time: each is a block of the doc store to decompress (and, on a cold page
//! cache, a read of the disk), and the best of them get a snippet cut from the body.
use std::ops::Range;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::completions::{self, Completion, Completions};
use super::hits::{self, Facets, Hit};
use super::query::{Translation, TypedStem};
use super::snippet::SnippetWords;
use super::statistics::Statistics;
use super::{query, stored, stored_spans, text_of, texts_of, Library, LibraryError, Result};

/// How long a search hit's snippet may be, in bytes (so at most as many chars).
const SNIPPET_CHARS: usize = 160;
/// A title's words count twice a body's.
const TITLE_BOOST: f32 = 2.0;
/// Only the best hits get a snippet: a screen shows a few dozen, and making one (reading
/// the body, its spans, cutting around the matches) is most of reading a hit.
pub const SNIPPET_HITS: usize = 50;

/// Ranked hits and how many articles matched in all.
#[derive(Debug, Clone)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The people and countries most named among the hits.
    pub facets: Facets,
    /// The words the query's last word stood for, as it was being typed (see
    /// [`Library::search_as_you_type`]); empty otherwise.
    pub completions: Vec<Completion>,
}

/// A search ranked, its hits not read yet: [`Library::read_hits`] reads them.
pub struct RankedSearch {
    /// The index as it was ranked: the addresses of `top` point into it.
    searcher: Searcher,
    /// The query's words in the body, which the snippets are cut around.
    snippet_words: SnippetWords,
    top: Vec<(f32, DocAddress)>,
    user_query: String,
    total: usize,
    completions: Vec<Completion>,
}

impl RankedSearch {
    /// How many hits were ranked (at most the limit asked for).
    pub fn len(&self) -> usize {
        self.top.len()
    }

    pub fn is_empty(&self) -> bool {
        self.top.is_empty()
    }

    /// The results these hits make, facets counted among them.
    pub fn results(&self, hits: Vec<Hit>) -> SearchResults {
        SearchResults {
            total: self.total,
            facets: hits::facets(&hits),
            hits,
            completions: self.completions.clone(),
        }
    }
}

impl Library {
    /// Ranked hits for a query in the query language, with the total count.
    pub fn search(&self, user_query: &str, limit: usize) -> Result<SearchResults> {
        self.read_all(&self.rank(user_query, limit, false)?)
    }

    /// Like [`Library::search`], with the last word also matching words it begins (see
    /// [`completions`]), for results that follow the user's typing.
    pub fn search_as_you_type(&self, user_query: &str, limit: usize) -> Result<SearchResults> {
        self.read_all(&self.rank_as_you_type(user_query, limit)?)
    }

    /// The search of [`Library::search_as_you_type`], ranked, its hits left to read.
    pub fn rank_as_you_type(&self, user_query: &str, limit: usize) -> Result<RankedSearch> {
        self.rank(user_query, limit, true)
    }

    /// The hits ranked in `range`, in rank order; `None` if `stop()` said to stop before
    /// they were all read.
    pub fn read_hits(
        &self,
        ranked: &RankedSearch,
        range: Range<usize>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<Vec<Hit>>> {
        let top = &ranked.top[range.start.min(ranked.len())..range.end.min(ranked.len())];
        let addresses: Vec<DocAddress> = top.iter().map(|&(_, address)| address).collect();
        let hits = stored::map_documents(&ranked.searcher, &addresses, stop, |i, doc| {
            let rank = range.start + i;
            self.hit_of(&doc, top[i].0, rank < SNIPPET_HITS, ranked)
        })?;
        Ok(hits)
    }

    /// Puts the ranked hits newest first (undated last, ties in rank order), from the
    /// date fast field: the first hits read are then the newest, as a list sorted by date
    /// shows them.
    pub fn order_by_date(&self, ranked: &mut RankedSearch) -> Result<()> {
        let columns = ranked
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().date("date"))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let date_of =
            |address: DocAddress| columns[address.segment_ord as usize].first(address.doc_id);
        // Stable: equal dates keep their rank order. `None` sorts below every date.
        ranked
            .top
            .sort_by_cached_key(|&(_, address)| std::cmp::Reverse(date_of(address)));
        Ok(())
    }

    /// The results of a ranked search, every hit read.
    pub fn read_all(&self, ranked: &RankedSearch) -> Result<SearchResults> {
        let hits = self.read_hits(ranked, 0..ranked.len(), &|| false)?;
        // Reads that are never told to stop read every hit.
        Ok(ranked.results(hits.unwrap_or_default()))
    }

    /// `typing`: whether the last word is still being typed.
    fn rank(&self, user_query: &str, limit: usize, typing: bool) -> Result<RankedSearch> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let stem = typing.then(|| query::typed_stem(user_query)).flatten();
        let completions = match stem {
            Some(TypedStem::Word(stem)) => {
                completions::completions(&searcher, &[f.title, f.body], &stem)?
            }
            Some(TypedStem::NameWord(stem)) => {
                completions::completions(&searcher, &[f.name_words], &stem)?
            }
            None => Completions::default(),
        };
        let parsed = self.parse(&searcher, user_query, &completions.words)?;
        let statistics = Statistics::new(&searcher, &[f.title, f.body], &completions.doc_freqs)?;
        let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
        let (top, total) =
            searcher.search_with_statistics_provider(&*parsed, &collector, &statistics)?;
        let snippet_words = SnippetWords::of_query(&statistics, &*parsed, f.body)?;
        Ok(RankedSearch {
            searcher,
            snippet_words,
            top,
            user_query: user_query.to_string(),
            total,
            completions: completions.words,
        })
    }

    /// Translates a user query and parses it for the index, its last word standing for
    /// `completions` if there are any; `searcher` says which people the library knows.
    fn parse(
        &self,
        searcher: &Searcher,
        user_query: &str,
        completions: &[Completion],
    ) -> Result<Box<dyn Query>> {
        let people = self.fields.people;
        let is_person = |key: &str| {
            searcher
                .doc_freq(&Term::from_field_text(people, key))
                .is_ok_and(|n| n > 0)
        };
        let context = query::Context {
            countries: &self.countries,
            is_person: &is_person,
            completions,
        };
        let translation = query::translate(user_query, &context)?;
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        let typed = || completions::any_of(completions, &[(f.title, TITLE_BOOST), (f.body, 1.0)]);
        query_of(&translation, &parser, &typed)
    }

    /// A hit: its row, a snippet with the entities in it and the words the query matched
    /// (if `with_snippet`), and the article's people and countries (for facets).
    fn hit_of(
        &self,
        doc: &TantivyDocument,
        score: f32,
        with_snippet: bool,
        ranked: &RankedSearch,
    ) -> Hit {
        let f = &self.fields;
        let (people, countries) = (texts_of(doc, f.names), texts_of(doc, f.countries));
        if !with_snippet {
            return Hit {
                summary: self.summary_of(doc),
                score,
                people,
                countries,
                ..Hit::default()
            };
        };
        let body = text_of(doc, f.body).unwrap_or_default();
        let summary = self.summary_of(doc);
        let spans = stored_spans(doc, f.entities, &summary.title, &body);
        let passage = ranked.snippet_words.passage(&body, SNIPPET_CHARS);
        let (snippet, entities) = hits::snippet_parts(&body, &spans.body, passage, SNIPPET_CHARS);
        let matched = query::match_ranges(
            &ranked.user_query,
            &snippet,
            &entities,
            &self.countries,
            &ranked.completions,
        );
        Hit {
            summary,
            score,
            snippet,
            matched,
            entities,
            people,
            countries,
        }
    }
}

/// The query a translation stands for: its clauses parsed, `typed()` the word being typed.
fn query_of(
    translation: &Translation,
    parser: &QueryParser,
    typed: &dyn Fn() -> Box<dyn Query>,
) -> Result<Box<dyn Query>> {
    Ok(match translation {
        Translation::Syntax(syntax) => parser
            .parse_query(syntax)
            .map_err(|e| LibraryError::Index(e.into()))?,
        Translation::AnyCompletion => typed(),
        Translation::All(parts) => match parts.as_slice() {
            [(Occur::Must, only)] => query_of(only, parser, typed)?,
            _ => {
                let clauses = parts
                    .iter()
                    .map(|(occur, part)| Ok((*occur, query_of(part, parser, typed)?)))
                    .collect::<Result<Vec<_>>>()?;
                Box::new(BooleanQuery::new(clauses))
            }
        },
        Translation::Either(one, other) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, query_of(one, parser, typed)?),
            (Occur::Should, query_of(other, parser, typed)?),
        ])),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::article::Article;
    use crate::library::Library;

    /// A library of `n` short articles that all name the harbour, each a different number
    /// of times.
    fn harbour_library(n: usize) -> Library {
        let mut library = Library::in_memory().unwrap();
        for i in 0..n {
            let mut article = Article {
                id: format!("brief-{i:02}"),
                title: format!("Brief {i}"),
                body: format!(
                    "The harbour {} reopened on day {i}.",
                    "harbour ".repeat(n - i)
                ),
                ..Article::default()
            };
            library.add(&mut article).unwrap();
        }
        library.commit().unwrap();
        library
    }

    fn ids(hits: &[crate::library::Hit]) -> Vec<String> {
        hits.iter().map(|h| h.summary.id.clone()).collect()
    }

    #[test]
    fn hits_read_a_range_at_a_time_are_those_of_the_whole_search() {
        let library = harbour_library(40);
        let whole = library.search_as_you_type("harbour", 200).unwrap();
        let ranked = library.rank_as_you_type("harbour", 200).unwrap();
        assert_eq!(ranked.len(), 40);
        let never = || false;
        let first = library.read_hits(&ranked, 0..7, &never).unwrap().unwrap();
        let rest = library.read_hits(&ranked, 7..40, &never).unwrap().unwrap();
        assert_eq!(ids(&first), ids(&whole.hits[..7]));
        assert_eq!(ids(&rest), ids(&whole.hits[7..]));
        assert!(!first[0].snippet.is_empty(), "the best hits get a snippet");
    }

    #[test]
    fn a_typed_word_finds_the_words_it_begins_in_titles_first_then_bodies() {
        let mut library = Library::in_memory().unwrap();
        let articles = [
            ("in-body", "Ships", "The harbour reopened."),
            ("in-title", "Harbour news", "Ships came in."),
            ("neither", "Ships", "Nothing came in."),
        ];
        for (id, title, body) in articles {
            let (id, title, body) = (id.into(), title.into(), body.into());
            let mut article = Article {
                id,
                title,
                body,
                ..Article::default()
            };
            library.add(&mut article).unwrap();
        }
        library.commit().unwrap();
        let typed = |query| ids(&library.search_as_you_type(query, 10).unwrap().hits);
        assert_eq!(typed("harb"), ["in-title", "in-body"]);
        assert_eq!(typed("-news harb"), ["in-body"], "with the other clauses");
        assert_eq!(typed("came harb"), ["in-title"]);
    }

    #[test]
    fn reading_hits_stops_when_told_to() {
        let library = harbour_library(40);
        let ranked = library.rank_as_you_type("harbour", 200).unwrap();
        let asked = AtomicUsize::new(0);
        // Stop once a few have been read: the hits are read on several threads.
        let stop_after_five = || asked.fetch_add(1, Ordering::Relaxed) >= 5;
        let read = library.read_hits(&ranked, 0..40, &stop_after_five).unwrap();
        assert!(read.is_none(), "stopped reads give no hits");
        assert!(
            asked.load(Ordering::Relaxed) < 40,
            "no read is asked for once stopped"
        );
    }
}
