//! What the rest of a document says about a word: the tagger's non-local evidence.
//! A capitalised word that the same article also writes in lowercase is probably not a
//! name ("Unlike" at a sentence start); one already tagged a person earlier probably is.
//! In the tagger's second pass it also knows what the first pass made of each word
//! anywhere in the document, later mentions included ("Pirelli" after "Pirelli SpA").
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::tagger::{KeyHasher, SentenceFeatures, Span, TAGS};

/// Word hashes are well mixed already: they are their own hash.
type HashKeyed = BuildHasherDefault<KeyHasher>;

/// Label types recorded in the history: O, PER, LOC, ORG, MISC.
const TYPES: usize = 5;

/// Per-document evidence, built from all its words before tagging and extended as
/// the tagger goes (the labels given so far).
#[derive(Default)]
pub struct DocContext {
    written_lowercase: HashSet<u64, HashKeyed>,
    capitalised_inside: HashSet<u64, HashKeyed>,
    history: HashMap<u64, [u16; TYPES], HashKeyed>,
    /// Set in the second pass.
    first_pass: Option<HashMap<u64, FirstPassWord, HashKeyed>>,
}

/// What the first pass made of one capitalised word over the whole document.
#[derive(Default)]
struct FirstPassWord {
    /// How often each label type (O, PER, LOC, ORG, MISC) was given to it.
    counts: [u16; TYPES],
    /// The longest name of two words or more it was part of: its length and type.
    longest: (usize, usize),
}

impl DocContext {
    /// Evidence from the document's sentences, read from their tagger features (which
    /// hold each word's lowercase hash already).
    pub fn new(sentences: &[SentenceFeatures]) -> DocContext {
        let mut context = DocContext::default();
        for sentence in sentences {
            for i in 0..sentence.len() {
                let word = sentence.word(i);
                if word.chars().next().is_some_and(char::is_lowercase) {
                    context.written_lowercase.insert(sentence.lower(i));
                } else if i > 0
                    && is_capitalised(word)
                    && !sentence.word(i - 1).ends_with(['.', '"', ':'])
                {
                    context.capitalised_inside.insert(sentence.lower(i));
                }
            }
        }
        context
    }

    /// A small number summing up what the document says about a word (by its lowercase hash).
    pub fn evidence(&self, lower: u64) -> u64 {
        u64::from(self.written_lowercase.contains(&lower))
            | u64::from(self.capitalised_inside.contains(&lower)) << 1
    }

    /// The label type most often given to this word earlier in the document, or `TYPES` if none.
    pub fn earlier_label(&self, lower: u64) -> u64 {
        self.history
            .get(&lower)
            .and_then(most_given)
            .map_or(TYPES as u64, |t| t as u64)
    }

    /// Readies the context for the second pass: forgets the first pass's tags as it
    /// learns its names, sentence by sentence (`sentences` and `names` in step).
    pub fn start_second_pass(&mut self, sentences: &[SentenceFeatures], names: &[Vec<Span>]) {
        self.history.clear();
        let first_pass = self.first_pass.insert(HashMap::default());
        for (sentence, names) in sentences.iter().zip(names) {
            let types = label_types(names, sentence.len());
            for i in (0..sentence.len()).filter(|&i| is_capitalised(sentence.word(i))) {
                let entry = first_pass.entry(sentence.lower(i)).or_default();
                entry.counts[types[i]] = entry.counts[types[i]].saturating_add(1);
            }
            for name in names.iter().filter(|n| n.end - n.start >= 2) {
                let length = name.end - name.start;
                for i in name.start..name.end {
                    let entry = first_pass.entry(sentence.lower(i)).or_default();
                    if length > entry.longest.0 {
                        entry.longest = (length, label_type(name.label));
                    }
                }
            }
        }
    }

    /// Whether the first pass's names were learnt: the tagger is in its second pass.
    pub fn is_second_pass(&self) -> bool {
        self.first_pass.is_some()
    }

    /// The first pass's verdict on a word: the label type it was given most often (or
    /// `TYPES`) and the type of the longest name it was part of (or `TYPES`).
    pub fn first_pass(&self, lower: u64) -> (u64, u64) {
        let word = self.first_pass.as_ref().and_then(|words| words.get(&lower));
        word.map_or((TYPES as u64, TYPES as u64), |word| {
            let most = most_given(&word.counts).unwrap_or(TYPES);
            let longest = if word.longest.0 > 0 {
                word.longest.1
            } else {
                TYPES
            };
            (most as u64, longest as u64)
        })
    }

    /// Records the tag given to a capitalised word.
    pub fn record(&mut self, lower: u64, tag: usize) {
        let label_type = tag.div_ceil(2);
        let counts = self.history.entry(lower).or_insert([0; TYPES]);
        counts[label_type] = counts[label_type].saturating_add(1);
    }
}

/// The label type given most often (the first of a tie), if any was given.
fn most_given(counts: &[u16; TYPES]) -> Option<usize> {
    (0..TYPES)
        .filter(|&t| counts[t] > 0)
        .max_by_key(|&t| (counts[t], std::cmp::Reverse(t)))
}

/// The label type (0 for none, then PER, LOC, ORG, MISC) of each of `len` tokens.
fn label_types(names: &[Span], len: usize) -> Vec<usize> {
    let mut types = vec![0; len];
    for name in names {
        types[name.start..name.end].fill(label_type(name.label));
    }
    types
}

/// The label type of "PER", "LOC", "ORG" or "MISC", as [`DocContext::record`] counts a
/// tag's.
fn label_type(label: &str) -> usize {
    TAGS.iter()
        .position(|tag| tag.get(2..) == Some(label))
        .map_or(0, |tag| tag.div_ceil(2))
}

/// The hash the tagger uses for a word's lowercase form (curly quotes straightened).
pub fn lower_hash(word: &str) -> u64 {
    crate::text::fnv1a_lowercase(&normalize_quotes(word))
}

/// CoNLL (and so the weights) only knows straight quotes.
pub fn normalize_quotes(word: &str) -> std::borrow::Cow<'_, str> {
    if !word.is_ascii() && word.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']) {
        word.replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .into()
    } else {
        word.into()
    }
}

/// Whether `word` is one of the lowercase ASCII words of `list`, in any case (compared
/// as ASCII, so no lowercase copy of the word is made).
pub fn is_one_of(list: &[&str], word: &str) -> bool {
    list.iter().any(|listed| listed.eq_ignore_ascii_case(word))
}

/// Starts with a capital letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_and_history() {
        let first = ["Unlike", "Seoul", ",", "unlike", "Tokyo", "met", "Lee"];
        let mut context = DocContext::new(&[SentenceFeatures::new(&first, &[0; 7])]);
        assert_eq!(context.evidence(lower_hash("Unlike")), 1);
        assert_eq!(context.evidence(lower_hash("Lee")), 2);
        assert_eq!(context.earlier_label(lower_hash("Lee")), 5);
        context.record(lower_hash("Lee"), 1);
        context.record(lower_hash("Lee"), 2);
        context.record(lower_hash("Lee"), 3);
        assert_eq!(
            context.earlier_label(lower_hash("Lee")),
            1,
            "B-PER and I-PER are both PER"
        );
    }
}
