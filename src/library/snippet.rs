//! Where a hit's snippet is cut from its body: the passage holding the query's words of
//! most weight (a rarer word weighs more, as in tantivy's `SnippetGenerator`), a few words
//! before them and the rest after, cut at word boundaries.
//!
//! tantivy's generator lowercases every word of the body into a new string and looks each
//! up, which was half of a search's time at 25k articles. Here a word is looked up only if
//! a query word has its length and beginning, and the passage is placed around its
//! matches rather than in fixed windows from the start of the body (where a match could
//! end one window with nothing after it).
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::Field;
use tantivy::Term;

/// How much of the text before the first match a passage shows: a few words, so that the
/// match is in sight on a snippet line a narrow list pane cuts short.
const LEAD_BYTES: usize = 24;

/// The words a query matches in one field, each with its weight.
#[derive(Debug, Clone)]
pub struct SnippetWords {
    weights: HashMap<String, f32>,
    /// Bit `n` is set when some word is `n` bytes long (63 standing for longer ones).
    lengths: u64,
    /// What every word begins with: the word being typed, when the words are its
    /// completions.
    prefix: String,
    /// The bytes a word that may be a query word can begin with: the words' first
    /// letters in either case, and every byte that begins a non-ASCII char (whose
    /// lowercase may begin with anything).
    first_bytes: [bool; 256],
}

impl SnippetWords {
    /// The words of `query` in `field` that the index holds, weighted `1 / (1 + number of
    /// articles holding them)`.
    pub fn of_query(
        statistics: &dyn Bm25StatisticsProvider,
        query: &dyn Query,
        field: Field,
    ) -> tantivy::Result<Self> {
        let mut terms: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term);
            }
        });
        let mut weights = HashMap::new();
        for term in terms {
            let value = term.value();
            let Some(word) = value.as_str() else {
                continue;
            };
            let articles = statistics.doc_freq(term)?;
            if articles > 0 {
                weights.insert(word.to_string(), 1.0 / (1.0 + articles as f32));
            }
        }
        Ok(Self::of_weights(weights))
    }

    /// Lowercase words and their weights.
    fn of_weights(weights: HashMap<String, f32>) -> Self {
        let lengths = weights.keys().fold(0, |bits, w| bits | length_bit(w.len()));
        let prefix = common_prefix(weights.keys().map(String::as_str)).to_string();
        let mut first_bytes = [false; 256];
        first_bytes[0xC0..].fill(true);
        for first in weights.keys().filter_map(|w| w.bytes().next()) {
            first_bytes[usize::from(first.to_ascii_lowercase())] = true;
            first_bytes[usize::from(first.to_ascii_uppercase())] = true;
        }
        SnippetWords {
            weights,
            lengths,
            prefix,
            first_bytes,
        }
    }

    /// The byte range of `body` to show as the snippet, at most `max_bytes` long; `None`
    /// when no query word is in the body.
    pub fn passage(&self, body: &str, max_bytes: usize) -> Option<Range<usize>> {
        let found = self.matches(body);
        let matched = densest(&found, max_bytes)?;
        Some(around(body, matched, max_bytes))
    }

    /// The body's words that are query words, with their weights, in order. A word is
    /// what the index's default tokenizer makes one: a run of alphanumeric chars.
    fn matches(&self, body: &str) -> Vec<(Range<usize>, f32)> {
        let mut found = Vec::new();
        let mut lowered = String::new();
        let mut at = 0;
        // Only the bytes a query word can begin with are looked at closely: a tight scan
        // over the rest is most of why this is faster than tokenizing the whole body.
        while let Some(skipped) = body.as_bytes()[at..]
            .iter()
            .position(|&b| self.first_bytes[usize::from(b)])
        {
            let start = at + skipped;
            let end = word_end(body, start);
            at = end.max(ceil_boundary(body, start + 1));
            if end > start && starts_word(body, start) {
                if let Some(weight) = self.weight_of(&body[start..end], &mut lowered) {
                    found.push((start..end, weight));
                }
            }
        }
        found
    }

    fn weight_of(&self, word: &str, lowered: &mut String) -> Option<f32> {
        // Lowercasing keeps an ASCII word's length and bytes but for their case; others
        // may change both, so only ASCII words are ruled out before lowercasing.
        if word.is_ascii() && !self.may_be(word) {
            return None;
        }
        lowered.clear();
        lowered.extend(word.chars().flat_map(char::to_lowercase));
        self.weights.get(lowered.as_str()).copied()
    }

    /// Whether an ASCII word has the length and beginning of some query word.
    fn may_be(&self, word: &str) -> bool {
        let begins = word.as_bytes().get(..self.prefix.len());
        self.lengths & length_bit(word.len()) != 0
            && begins.is_some_and(|b| b.eq_ignore_ascii_case(self.prefix.as_bytes()))
    }
}

/// The longest beginning that all `words` share, cut at a char boundary.
fn common_prefix<'w>(mut words: impl Iterator<Item = &'w str>) -> &'w str {
    let Some(first) = words.next() else {
        return "";
    };
    let shared = words.fold(first.len(), |shared, word| {
        let same = first.bytes().zip(word.bytes()).take_while(|(a, b)| a == b);
        shared.min(same.count())
    });
    &first[..floor_boundary(first, shared)]
}

fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The byte range from the first to the last of the consecutive matches, no longer than
/// `max_bytes` from end to end, whose weights sum highest (the first such one on ties).
fn densest(found: &[(Range<usize>, f32)], max_bytes: usize) -> Option<Range<usize>> {
    let mut best: Option<(f32, Range<usize>)> = None;
    let (mut last, mut sum) = (0, 0.0);
    for (first, (start, _)) in found.iter().enumerate() {
        last = last.max(first);
        if last == first {
            sum = found[first].1;
        }
        while last + 1 < found.len() && found[last + 1].0.end - start.start <= max_bytes {
            last += 1;
            sum += found[last].1;
        }
        if best.as_ref().is_none_or(|(weight, _)| sum > *weight) {
            best = Some((sum, start.start..found[last].0.end));
        }
        sum -= found[first].1;
    }
    best.map(|(_, range)| range)
}

/// `matched` widened to about `max_bytes` with a few words before it and the rest of the
/// room after it, starting at a word's start and ending at a word's end.
fn around(body: &str, matched: Range<usize>, max_bytes: usize) -> Range<usize> {
    let room = max_bytes.saturating_sub(matched.len());
    let before = LEAD_BYTES.min(room).min(matched.start);
    let after = (room - before).min(body.len() - matched.end);
    let start = word_start_from(body, matched.start - before);
    let end = word_end_until(body, matched.end + after);
    start.min(matched.start)..end.max(matched.end)
}

/// Where the run of alphanumeric chars from byte `start` ends.
fn word_end(body: &str, start: usize) -> usize {
    body[start..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(body.len(), |(i, _)| start + i)
}

/// Whether no alphanumeric char comes right before byte `at`.
fn starts_word(body: &str, at: usize) -> bool {
    !body[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Whether no alphanumeric char comes right after byte `at`.
fn ends_word(body: &str, at: usize) -> bool {
    !body[at..].starts_with(char::is_alphanumeric)
}

/// The first word's start at or after byte `at`.
fn word_start_from(body: &str, at: usize) -> usize {
    let at = ceil_boundary(body, at);
    body[at..]
        .char_indices()
        .map(|(i, _)| at + i)
        .find(|&i| !ends_word(body, i) && starts_word(body, i))
        .unwrap_or(body.len())
}

/// The last word's end at or before byte `at`.
fn word_end_until(body: &str, at: usize) -> usize {
    let at = floor_boundary(body, at);
    // Each char's end, from the one at `at` back.
    body[..at]
        .char_indices()
        .rev()
        .map(|(i, c)| i + c.len_utf8())
        .find(|&i| ends_word(body, i) && !starts_word(body, i))
        .unwrap_or(0)
}

/// The char boundary at or before byte `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The char boundary at or after byte `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    (at.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(weights: &[(&str, f32)]) -> SnippetWords {
        SnippetWords::of_weights(weights.iter().map(|&(w, s)| (w.to_string(), s)).collect())
    }

    fn passage<'a>(words: &SnippetWords, body: &'a str, max: usize) -> Option<&'a str> {
        words.passage(body, max).map(|range| &body[range])
    }

    #[test]
    fn words_match_whole_and_in_any_case() {
        let body = "Tokyo said. The TOKYOITE met tokyo's mayor; MTokyo, éTokyo ’Tokyo’ Tokyo";
        let found: Vec<&str> = words(&[("tokyo", 1.0)])
            .matches(body)
            .into_iter()
            .map(|(range, _)| &body[range])
            .collect();
        assert_eq!(found, ["Tokyo", "tokyo", "Tokyo", "Tokyo"]);
    }

    #[test]
    fn words_of_other_scripts_and_changing_length_match() {
        let body = "Präsident İSTANBUL und München";
        let matched = words(&[("münchen", 1.0), ("i̇stanbul", 1.0)]);
        let found: Vec<&str> = matched
            .matches(body)
            .into_iter()
            .map(|(range, _)| &body[range])
            .collect();
        assert_eq!(found, ["İSTANBUL", "München"]);
    }

    #[test]
    fn completions_of_a_typed_word_match_only_words_it_begins() {
        let body = "Elections: the ELECTED elect met; electricity, Ele and elder";
        let w = words(&[
            ("ele", 1.0),
            ("elect", 0.5),
            ("elected", 0.5),
            ("elections", 0.5),
        ]);
        assert_eq!(w.prefix, "ele");
        let found: Vec<&str> = w
            .matches(body)
            .into_iter()
            .map(|(range, _)| &body[range])
            .collect();
        assert_eq!(found, ["Elections", "ELECTED", "elect", "Ele"]);
        assert_eq!(common_prefix(["köln", "köpenick"].into_iter()), "kö");
        assert_eq!(common_prefix(["kö", "kü"].into_iter()), "k");
    }

    #[test]
    fn no_match_gives_no_passage() {
        assert_eq!(
            passage(&words(&[("seoul", 1.0)]), "Tokyo and Osaka", 20),
            None
        );
        assert_eq!(passage(&words(&[]), "Tokyo and Osaka", 20), None);
    }

    #[test]
    fn the_passage_holds_the_most_weight_and_is_cut_at_words() {
        let body = "Seoul opened. Many other words fill this stretch of text here. \
                    Tokyo and Seoul agreed on trade. More words follow after that point.";
        let w = words(&[("seoul", 0.5), ("tokyo", 0.4)]);
        let cut = passage(&w, body, 40).unwrap();
        assert!(cut.contains("Tokyo and Seoul"), "{cut:?}");
        assert!(cut.len() <= 40, "{cut:?}");
        let first = cut.chars().next().unwrap();
        let last = cut.chars().last().unwrap();
        assert!(first.is_alphanumeric() && last.is_alphanumeric(), "{cut:?}");
        let start = body.find(cut).unwrap();
        assert!(!body[..start].ends_with(char::is_alphanumeric), "{cut:?}");
        assert!(!body[start + cut.len()..].starts_with(char::is_alphanumeric));
    }

    #[test]
    fn a_rarer_word_outweighs_a_common_one_and_ties_go_to_the_first() {
        let body = "the common word here. a long gap of filler text to split them. rare one";
        let w = words(&[("common", 0.1), ("rare", 0.9)]);
        assert!(passage(&w, body, 20).unwrap().contains("rare"));
        let tie = words(&[("common", 0.5), ("rare", 0.5)]);
        assert!(passage(&tie, body, 20).unwrap().contains("common"));
    }

    #[test]
    fn the_passage_leads_with_a_few_words_and_keeps_to_the_body() {
        let body = "one two three four five six seven eight nine ten eleven twelve thirteen";
        let w = words(&[("eight", 1.0)]);
        assert_eq!(
            passage(&w, body, 40),
            Some("four five six seven eight nine ten")
        );
        let at_end = words(&[("thirteen", 1.0)]);
        assert_eq!(
            passage(&at_end, body, 40),
            Some("nine ten eleven twelve thirteen")
        );
        let at_start = words(&[("one", 1.0)]);
        assert_eq!(passage(&at_start, body, 20), Some("one two three four"));
        assert_eq!(passage(&w, "eight", 20), Some("eight"));
    }

    #[test]
    fn a_match_longer_than_the_room_is_still_shown_whole() {
        let w = words(&[("internationalisation", 1.0)]);
        let body = "the internationalisation of trade";
        assert_eq!(passage(&w, body, 8), Some("internationalisation"));
    }

    #[test]
    fn cuts_fall_on_char_boundaries_in_any_script() {
        let body = "日本の首相は東京で会見した。 Tokyo 会見 ソウル";
        let w = words(&[("tokyo", 1.0)]);
        for max in 1..body.len() {
            let range = w.passage(body, max).unwrap();
            assert!(body.is_char_boundary(range.start) && body.is_char_boundary(range.end));
            assert!(body[range].contains("Tokyo"));
        }
    }
}
