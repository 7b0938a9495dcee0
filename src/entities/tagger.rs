//! The name tagger: a greedy averaged-perceptron sequence tagger over hashed features
//! (word, shape, affixes, neighbours, capitalisation in context, title cues through the
//! neighbouring words, the country gazetteer, previous tags, the document so far).
//! It tags a document twice: the second pass also knows what the first made of each word
//! anywhere in the document, so "Pirelli" after "Pirelli SpA" is an organisation and a
//! surname named in full further down is a person. Trained by [`super::train`].
use std::hash::Hasher;

use super::context::{is_capitalised, is_one_of, normalize_quotes, DocContext};
use super::coordination;
use super::kinds::PERSONAL_TITLES;
use super::weights::{Row, Weights};
use crate::text::{fnv1a, fnv1a_lowercase, mix};

pub use super::weights::WeightMap;

/// BIO tags over the four CoNLL types.
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
pub const N_TAGS: usize = TAGS.len();

/// A name span over tokens `start..end` with its CoNLL label (PER, LOC, ORG, MISC).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
}

/// The most tokens tagged as one document (about 100 KB of text: a long article).
const WINDOW_TOKENS: usize = 20_000;

/// Consecutive runs of sentences of at most `tokens` tokens (or one longer sentence).
fn windows<'d, 'a>(
    document: &'d [SentenceInput<'a>],
    tokens: usize,
) -> impl Iterator<Item = &'d [SentenceInput<'a>]> {
    let mut rest = document;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut total = 0;
        let end = rest
            .iter()
            .position(|(words, _)| {
                total += words.len();
                total > tokens
            })
            .map_or(rest.len(), |over| over.max(1));
        let (window, after) = rest.split_at(end);
        rest = after;
        Some(window)
    })
}

/// A sentence's words and their gazetteer flags.
pub type SentenceInput<'a> = (&'a [&'a str], &'a [u8]);

/// Feature keys are already well-mixed hashes: use them as their own hash.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// How the tagger reads an "and" that the weights take into a name.
#[derive(Clone, Copy)]
enum AtAnd {
    /// As the weights do. Training's cross-fold pass reads it so: the first-pass names the
    /// second pass learns from are then the weights' alone. Trained on names split as in
    /// [`Self::SplitTwoNames`], the model scored F1 89.80 on CoNLL-2003 testa; trained as
    /// the weights read it, 90.00 tagging with the split and 89.94 without.
    AsWeighed,
    /// Ending the name before an "and" between two names
    /// ([`SentenceFeatures::ends_a_name_at_and`]).
    SplitTwoNames,
}

/// Trained weights, one row of tag scores per feature.
pub struct Tagger {
    weights: Weights,
}

/// The second pass's scores of each sentence's static features, by sentence and then
/// [`SentenceFeatures::kept`] slot: summed by the first pass from the entries it reads
/// for its own scores ([`Weights::get_with_twin`]).
type Prescored = Vec<Vec<Option<Row>>>;

/// What every token's neighbours read of it, computed for every token.
#[derive(Clone, Copy)]
struct TokenInfo {
    lower: u64,
    shape: u64,
    gazetteer: u64,
}

/// What only a token's own features read of it: made for the tokens that are scored.
struct Affixes {
    exact: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
}

/// The static (tag-independent) features of every token in a sentence.
pub struct SentenceFeatures<'a> {
    words: Vec<&'a str>,
    infos: Vec<TokenInfo>,
    all_caps: bool,
    /// The static features of the tokens likely to be scored (those with a capital letter
    /// and the ones right after them), at `kept[i]`: four in five tokens are tagged by
    /// [`Self::plain_tag`] and never are; the rare other one is computed when scored.
    static_features: Vec<[u64; STATIC_FEATURES]>,
    kept: Vec<u32>,
    capitalised: Vec<bool>,
    /// Holds a capital letter somewhere: only such a word may start a name.
    has_capital: Vec<bool>,
    /// Continues a country's name or demonym begun by the token before it.
    continues_country: Vec<bool>,
}

impl<'a> SentenceFeatures<'a> {
    /// Readies the features of `words`; `gazetteer` holds the flags of
    /// [`super::Gazetteers::flags`].
    pub fn new(words: &[&'a str], gazetteer: &[u8]) -> SentenceFeatures<'a> {
        let infos: Vec<TokenInfo> = words
            .iter()
            .zip(gazetteer)
            .map(|(w, &g)| token_info(w, g & !CONTINUES_COUNTRY))
            .collect();
        let has_capital: Vec<bool> = words
            .iter()
            .map(|w| w.chars().any(char::is_uppercase))
            .collect();
        let mut sentence = SentenceFeatures {
            words: words.to_vec(),
            all_caps: is_all_caps_sentence(words),
            static_features: Vec::new(),
            kept: vec![NOT_KEPT; infos.len()],
            infos,
            capitalised: words.iter().map(|w| is_capitalised(w)).collect(),
            continues_country: gazetteer
                .iter()
                .map(|g| g & CONTINUES_COUNTRY != 0)
                .collect(),
            has_capital,
        };
        for i in 0..sentence.len() {
            if sentence.has_capital[i] || i > 0 && sentence.has_capital[i - 1] {
                sentence.kept[i] = sentence.static_features.len() as u32;
                let features = sentence.compute_static_features(i);
                sentence.static_features.push(features);
            }
        }
        sentence
    }

    fn compute_static_features(&self, i: usize) -> [u64; STATIC_FEATURES] {
        static_features(&self.infos, &affixes(self.words[i]), i, self.all_caps)
    }

    pub fn len(&self) -> usize {
        self.infos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.words[i]
    }

    /// The hash of word `i`'s lowercase form, [`super::context::lower_hash`].
    pub fn lower(&self, i: usize) -> u64 {
        self.infos[i].lower
    }

    /// All features of token `i` given the two previous tags and the document so far:
    /// its static features, then [`Self::push_dynamic_features`] (training reads them all).
    pub fn features(
        &self,
        i: usize,
        prev: usize,
        prev2: usize,
        doc: &DocContext,
        out: &mut Vec<u64>,
    ) {
        let salt = if doc.is_second_pass() { SECOND_PASS } else { 0 };
        out.clear();
        out.extend(self.static_keys(i).map(|key| key ^ salt));
        self.push_dynamic_features(i, (prev, prev2), doc, out);
    }

    /// The tag-independent features of token `i`, as the first pass knows them.
    fn static_keys(&self, i: usize) -> [u64; STATIC_FEATURES] {
        match self.kept_slot(i) {
            Some(slot) => self.static_features[slot],
            None => self.compute_static_features(i),
        }
    }

    /// Where token `i`'s static features were kept, if they were.
    fn kept_slot(&self, i: usize) -> Option<usize> {
        (self.kept[i] != NOT_KEPT).then_some(self.kept[i] as usize)
    }

    /// Pushes the features of token `i` that depend on the two tags before it (`previous`,
    /// the nearer first) and on the document. Every key of the second pass is salted, so
    /// that the two passes' weights live apart in one table.
    fn push_dynamic_features(
        &self,
        i: usize,
        previous: (usize, usize),
        doc: &DocContext,
        out: &mut Vec<u64>,
    ) {
        let pushed_from = out.len();
        let (prev, prev2) = previous;
        let (p, p2) = (prev as u64 + 1, prev2 as u64 + 1);
        out.push(feature(40, p));
        out.push(feature(41, p * 16 + p2));
        out.push(feature(42, self.infos[i].lower ^ p));
        out.push(feature(43, self.infos[i].shape ^ p));
        if self.capitalised[i] {
            let evidence = doc.evidence(self.infos[i].lower);
            let earlier = doc.earlier_label(self.infos[i].lower);
            let initial = u64::from(i == 0);
            out.push(feature(50, evidence | initial << 2));
            out.push(feature(51, earlier));
            out.push(feature(52, earlier | evidence << 3 | initial << 5));
        }
        if doc.is_second_pass() {
            self.push_second_pass_features(i, doc, out);
            for key in &mut out[pushed_from..] {
                *key ^= SECOND_PASS;
            }
        }
    }

    /// The second pass's own features: what the first pass made of this token's word
    /// anywhere in the document.
    fn push_second_pass_features(&self, i: usize, doc: &DocContext, out: &mut Vec<u64>) {
        // A word in lowercase has its own value: the first pass's verdicts are kept only
        // for capitalised words.
        const LOWERCASE: (u64, u64) = (6, 6);
        let (most, longest) = if self.capitalised[i] {
            doc.first_pass(self.infos[i].lower)
        } else {
            LOWERCASE
        };
        out.push(feature(61, most));
        out.push(feature(62, longest));
        out.push(feature(63, most << 4 | longest));
        out.push(feature(64, self.infos[i].shape ^ (most << 4)));
    }

    /// The tag of token `i` when it is plain without asking the weights:
    /// - a word with no capital letter after no name starts none (in CoNLL's training
    ///   data, 82 of 158,712 such words do: "1860 Munich", "serie A"), and four in five
    ///   words of news are such words;
    /// - a known country's name or demonym is never split: a greedy tagger once read
    ///   "South Korean President Lee" as "South" and "Korean President Lee".
    pub fn plain_tag(&self, i: usize, prev: usize) -> Option<usize> {
        if prev == 0 && !self.has_capital[i] {
            Some(0)
        } else if prev != 0 && self.continues_country[i] {
            Some(inside_tag(prev))
        } else {
            None
        }
    }

    /// Whether token `i`, tagged `tag` inside a name (given the `tags` before it), is an
    /// "and" between two names ([`coordination::are_two_names`]): the name ends before it,
    /// and the capitalised words after it are tagged afresh. A personal title past the
    /// first of those words ends them, unless the name before the "and" holds one too:
    /// "Ways and Means Chairman Dan Rostenkowski" holds no name "Means Chairman Dan
    /// Rostenkowski", but "Fed Chairman Alan Greenspan and Treasury Secretary James Baker"
    /// is two titled names, and so is "Inland Steel and Governor Robert Orr".
    fn ends_a_name_at_and(&self, tags: &[usize], i: usize, tag: usize) -> bool {
        // The most capitalised words after the "and" read as the second name.
        const LONGEST_NAME: usize = 6;
        if !is_inside(tag) || self.words[i] != "and" {
            return false;
        }
        let is_title = |word: &str| is_one_of(&PERSONAL_TITLES, word);
        let start = tags.iter().rposition(|&t| !is_inside(t)).unwrap_or(0);
        let first = &self.words[start..i];
        let ends_at_title = !first.iter().any(|w| is_title(w));
        let after = &self.words[i + 1..];
        let second = after
            .iter()
            .zip(&self.capitalised[i + 1..])
            .take(LONGEST_NAME)
            .enumerate()
            .take_while(|&(k, (word, &capitalised))| {
                capitalised && !(ends_at_title && k > 0 && is_title(word))
            })
            .count();
        coordination::are_two_names(first, &after[..second])
    }

    /// Records in the document history the tag given to token `i`.
    pub fn record(&self, i: usize, tag: usize, doc: &mut DocContext) {
        if self.capitalised[i] {
            doc.record(self.infos[i].lower, tag);
        }
    }
}

impl Tagger {
    pub fn new(weights: WeightMap) -> Tagger {
        Tagger {
            weights: Weights::new(&weights),
        }
    }

    /// Adds the rows of `keys` to `scores`, in their order.
    fn add_scores(&self, scores: &mut Row, keys: &[u64]) {
        for row in keys.iter().filter_map(|&key| self.weights.get(key)) {
            add_row(scores, row);
        }
    }

    /// Greedy left-to-right tagging of one sentence of a document, never producing an
    /// invalid `I-` tag; the tags given are added to the document's history.
    fn tag_sentence(
        &self,
        sentence: &SentenceFeatures,
        doc: &mut DocContext,
        prescored: &mut [Option<Row>],
        at_and: AtAnd,
    ) -> Vec<usize> {
        let mut tags: Vec<usize> = Vec::with_capacity(sentence.len());
        let mut keys = Vec::with_capacity(16);
        let splits = matches!(at_and, AtAnd::SplitTwoNames);
        for i in 0..sentence.len() {
            let (prev, prev2) = previous_tags(&tags, i);
            let tag = sentence.plain_tag(i, prev).unwrap_or_else(|| {
                let mut scores = self.static_scores(sentence, i, doc.is_second_pass(), prescored);
                keys.clear();
                sentence.push_dynamic_features(i, (prev, prev2), doc, &mut keys);
                self.add_scores(&mut scores, &keys);
                best_valid_tag(&scores, prev)
            });
            let tag = if splits && sentence.ends_a_name_at_and(&tags, i, tag) {
                0
            } else {
                tag
            };
            sentence.record(i, tag, doc);
            tags.push(tag);
        }
        tags
    }

    /// The scores of token `i`'s static features in this pass. The first pass sums
    /// their second-pass weights too, found in the same entries, into `prescored`; the
    /// second pass starts from that sum where there is one. The rows are added in the
    /// order of the keys, so the scores are those of looking each key up in its pass.
    fn static_scores(
        &self,
        sentence: &SentenceFeatures,
        i: usize,
        second_pass: bool,
        prescored: &mut [Option<Row>],
    ) -> Row {
        let slot = sentence.kept_slot(i);
        if second_pass {
            return slot.and_then(|s| prescored[s]).unwrap_or_else(|| {
                let mut scores = [0.0; N_TAGS];
                let keys = sentence.static_keys(i).map(|key| key ^ SECOND_PASS);
                self.add_scores(&mut scores, &keys);
                scores
            });
        }
        let (mut scores, mut second) = ([0.0; N_TAGS], [0.0; N_TAGS]);
        for (row, twin) in sentence
            .static_keys(i)
            .iter()
            .filter_map(|&key| self.weights.get_with_twin(key))
        {
            add_row(&mut scores, row);
            add_row(&mut second, twin);
        }
        if let Some(slot) = slot {
            prescored[slot] = Some(second);
        }
        scores
    }

    /// Name spans over the tokens of a text (`gazetteer` holds each token's flag).
    pub fn tag_spans(
        &self,
        words: &[&str],
        sentences: &[std::ops::Range<usize>],
        gazetteer: &[u8],
    ) -> Vec<Span> {
        let document: Vec<SentenceInput> = sentences
            .iter()
            .map(|range| (&words[range.clone()], &gazetteer[range.clone()]))
            .collect();
        let names = self.tag_document(&document);
        sentences
            .iter()
            .zip(names)
            .flat_map(|(range, names)| {
                names.into_iter().map(|s| Span {
                    start: s.start + range.start,
                    end: s.end + range.start,
                    ..s
                })
            })
            .collect()
    }

    /// The names in each sentence of a document, in two passes: the second knows what
    /// the first made of every word anywhere in the document. A text longer than
    /// [`WINDOW_TOKENS`] is tagged as documents of about that many tokens, so that its
    /// sentences' features can be kept for the second pass.
    pub fn tag_document(&self, document: &[SentenceInput]) -> Vec<Vec<Span>> {
        let mut names = Vec::with_capacity(document.len());
        for window in windows(document, WINDOW_TOKENS) {
            let features: Vec<SentenceFeatures> = window
                .iter()
                .map(|&(words, flags)| SentenceFeatures::new(words, flags))
                .collect();
            let mut prescored = unscored(&features);
            let mut doc = DocContext::new(&features);
            let mut pass = |doc: &mut DocContext| {
                let at_and = AtAnd::SplitTwoNames;
                self.tag_pass_prescoring(window, &features, doc, &mut prescored, at_and)
            };
            let first = pass(&mut doc);
            doc.start_second_pass(&features, &first);
            names.extend(pass(&mut doc));
        }
        names
    }

    /// One pass over a document's sentences, given their features, reading every "and" as
    /// the weights do ([`AtAnd::AsWeighed`]): training's cross-fold pass.
    pub fn tag_pass(
        &self,
        document: &[SentenceInput],
        features: &[SentenceFeatures],
        doc: &mut DocContext,
    ) -> Vec<Vec<Span>> {
        let prescored = &mut unscored(features);
        self.tag_pass_prescoring(document, features, doc, prescored, AtAnd::AsWeighed)
    }

    /// [`Self::tag_pass`], with the [`Prescored`] sums both passes share.
    fn tag_pass_prescoring(
        &self,
        document: &[SentenceInput],
        features: &[SentenceFeatures],
        doc: &mut DocContext,
        prescored: &mut Prescored,
        at_and: AtAnd,
    ) -> Vec<Vec<Span>> {
        document
            .iter()
            .zip(features)
            .zip(prescored)
            .map(|((&(words, _), features), prescored)| {
                name_spans(&self.tag_sentence(features, doc, prescored, at_and), words)
            })
            .collect()
    }

    /// The model as gzip bytes (see [`Weights::to_gzip`]).
    pub fn to_gzip(&self) -> Vec<u8> {
        self.weights.to_gzip()
    }

    /// Reads a model written by [`Tagger::to_gzip`].
    pub fn from_gzip(bytes: &[u8]) -> std::io::Result<Tagger> {
        Ok(Tagger {
            weights: Weights::from_gzip(bytes)?,
        })
    }
}

/// Room for the [`Prescored`] sums of sentences none of whose tokens are scored yet.
fn unscored(features: &[SentenceFeatures]) -> Prescored {
    features
        .iter()
        .map(|f| vec![None; f.static_features.len()])
        .collect()
}

fn add_row(scores: &mut Row, row: &Row) {
    for (score, weight) in scores.iter_mut().zip(row) {
        *score += weight;
    }
}

/// The two tags before position `i` (0, "O", at the start).
pub fn previous_tags(tags: &[usize], i: usize) -> (usize, usize) {
    let at = |back: usize| if i >= back { tags[i - back] } else { 0 };
    (at(1), at(2))
}

/// The highest-scoring tag that may follow `prev`: `I-X` only after `B-X` or `I-X`.
pub fn best_valid_tag(scores: &[f32; N_TAGS], prev: usize) -> usize {
    (0..N_TAGS)
        .filter(|&t| is_valid_after(t, prev))
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// The inside tag of the name `tag` begins or continues (`I-X` for `B-X` or `I-X`).
fn inside_tag(tag: usize) -> usize {
    tag + tag % 2
}

/// An `I-` tag: one that continues a name.
fn is_inside(tag: usize) -> bool {
    tag != 0 && tag.is_multiple_of(2)
}

fn is_valid_after(tag: usize, prev: usize) -> bool {
    !is_inside(tag) || (prev != 0 && prev.div_ceil(2) == tag / 2)
}

/// The names in a tagged sentence: the tagger's spans, mended and trimmed.
pub fn name_spans(tags: &[usize], sentence: &[&str]) -> Vec<Span> {
    mend_split_names(spans_of(tags), sentence)
        .into_iter()
        .map(|s| person_after_portfolio(s, sentence))
        .filter_map(|s| trim_function_word(s, sentence))
        .filter_map(|s| trim_name_ends(trim_honorific(s, sentence)?, sentence))
        .collect()
}

/// Words that start a sentence but never a name: prepositions, conjunctions and
/// adverbs, which the tagger sometimes takes in with the name after them because they
/// are capitalised ("Unlike Seoul, Tokyo has ...").
const FUNCTION_WORDS: [&str; 40] = [
    "after",
    "against",
    "although",
    "amid",
    "among",
    "and",
    "as",
    "because",
    "before",
    "besides",
    "but",
    "despite",
    "during",
    "for",
    "from",
    "however",
    "if",
    "in",
    "instead",
    "like",
    "meanwhile",
    "of",
    "on",
    "or",
    "since",
    "so",
    "than",
    "then",
    "though",
    "through",
    "to",
    "unless",
    "unlike",
    "until",
    "when",
    "whereas",
    "while",
    "with",
    "within",
    "without",
];

/// A name without a function word in front of it; `None` if nothing else is left.
fn trim_function_word(mut span: Span, words: &[&str]) -> Option<Span> {
    if is_one_of(&FUNCTION_WORDS, words[span.start]) {
        span.start += 1;
    }
    (span.start < span.end).then_some(span)
}

/// Spans of a BIO tag sequence.
pub fn spans_of(tags: &[usize]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (i, &tag) in tags.iter().enumerate().filter(|&(_, &tag)| tag != 0) {
        let label = &TAGS[tag][2..];
        match spans.last_mut() {
            Some(last) if tag % 2 == 0 && last.end == i && last.label == label => last.end = i + 1,
            _ => spans.push(Span {
                start: i,
                end: i + 1,
                label,
            }),
        }
    }
    spans
}

/// English honorifics: not part of a name (CoNLL leaves them out), though the tagger takes
/// them in when they come without a period ("Mr Blair" in British usage).
pub(super) const HONORIFICS: [&str; 13] = [
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "baroness", "prof", "rev",
];

/// A person's span without the honorific in front of the name; `None` when nothing but
/// an honorific or a lone letter (a caption's "(L)") is left.
fn trim_honorific(mut span: Span, words: &[&str]) -> Option<Span> {
    if span.label != "PER" {
        return Some(span);
    }
    if is_one_of(&HONORIFICS, words[span.start].trim_end_matches('.')) {
        span.start += 1;
    }
    let lone_letter =
        span.end - span.start == 1 && words[span.start].trim_end_matches('.').chars().count() == 1;
    (span.start < span.end && !lone_letter).then_some(span)
}

/// Government portfolios, which name a secretary's or a minister's office in a title.
const PORTFOLIOS: [&str; 19] = [
    "agriculture",
    "commerce",
    "defence",
    "defense",
    "education",
    "energy",
    "finance",
    "health",
    "homeland",
    "housing",
    "interior",
    "justice",
    "labor",
    "labour",
    "state",
    "trade",
    "transport",
    "transportation",
    "treasury",
];

/// In "Secretary of Commerce Howard Lutnick" the portfolio is part of the title and the
/// name after it a person's (CoNLL labels "Secretary of State James Baker" so), though the
/// tagger reads the capitalised run as one organisation.
fn person_after_portfolio(mut span: Span, words: &[&str]) -> Span {
    let after_title = span.start >= 2
        && words[span.start - 1].eq_ignore_ascii_case("of")
        && is_one_of(&["secretary", "minister"], words[span.start - 2]);
    let portfolio = is_one_of(&PORTFOLIOS, words[span.start]);
    let name = &words[span.start + 1..span.end];
    let name_follows = (1..=3).contains(&name.len()) && name.iter().all(|w| is_capitalised(w));
    if after_title && portfolio && name_follows {
        span.start += 1;
        span.label = "PER";
    }
    span
}

/// Last words that make a name an organisation's or a place's, whatever the tagger said.
const NAME_ENDINGS: &[(&str, &str)] = &[
    ("agency", "ORG"),
    ("airlines", "ORG"),
    ("airways", "ORG"),
    ("association", "ORG"),
    ("authority", "ORG"),
    ("bank", "ORG"),
    ("co", "ORG"),
    ("co.", "ORG"),
    ("commission", "ORG"),
    ("committee", "ORG"),
    ("company", "ORG"),
    ("cooperation", "ORG"),
    ("corp", "ORG"),
    ("corp.", "ORG"),
    ("corporation", "ORG"),
    ("council", "ORG"),
    ("federation", "ORG"),
    ("forum", "ORG"),
    ("fund", "ORG"),
    ("group", "ORG"),
    ("inc", "ORG"),
    ("inc.", "ORG"),
    ("institute", "ORG"),
    ("ltd", "ORG"),
    ("ltd.", "ORG"),
    ("ministry", "ORG"),
    ("organisation", "ORG"),
    ("organization", "ORG"),
    ("party", "ORG"),
    ("plc", "ORG"),
    ("press", "ORG"),
    ("shimbun", "ORG"),
    ("show", "ORG"),
    ("union", "ORG"),
    ("university", "ORG"),
    ("airport", "LOC"),
    ("island", "LOC"),
    ("islands", "LOC"),
    ("peninsula", "LOC"),
    ("prefecture", "LOC"),
    ("province", "LOC"),
];

pub(super) fn ending_label(word: &str) -> Option<&'static str> {
    NAME_ENDINGS
        .iter()
        .find(|(ending, _)| ending.eq_ignore_ascii_case(word))
        .map(|&(_, label)| label)
}

/// Mends names the tagger split, as it sees words one at a time:
/// - a name ending like an organisation's or a place's ("Economic Cooperation", "Korean
///   Peninsula") is one, whatever the tagger said; it takes in the name right before it
///   ("Asia-Pacific") and the capitalised words right after it up to such an ending;
/// - two people's names with nothing between them are one person ("Lee" + "Jae Myung").
fn mend_split_names(spans: Vec<Span>, words: &[&str]) -> Vec<Span> {
    let mut mended: Vec<Span> = Vec::with_capacity(spans.len());
    for mut span in spans {
        // A name grown over this one's words already holds it.
        if let Some(grown) = mended.last_mut().filter(|b| b.end > span.start) {
            grown.end = grown.end.max(span.end);
            continue;
        }
        let has_ending = extend_to_name_ending(&mut span, words);
        // "Ohio-based" describes the name after it, and stays apart.
        let before = mended
            .last()
            .filter(|b| b.end == span.start && !words[b.end - 1].ends_with("-based"));
        let joins = before.is_some_and(|b| has_ending || (b.label == "PER" && span.label == "PER"));
        if joins {
            span.start = mended.pop().expect("checked above").start;
        }
        mended.push(span);
    }
    mended
}

/// Grows a span over the capitalised words after it when they end a name
/// ("Asia-Pacific" + "Economic Cooperation") and labels it by that ending; a person's name
/// that itself ends so is relabelled too ("Economic Cooperation"), and so is any name that
/// ends like a region's ("Hyogo Prefecture"), but otherwise a place's or an organisation's
/// is left as the tagger saw it ("West Bank", "Russian Federation").
/// True when the span was grown or relabelled.
fn extend_to_name_ending(span: &mut Span, words: &[&str]) -> bool {
    let capitalised = words[span.end..]
        .iter()
        .take(4)
        .take_while(|w| is_capitalised(w))
        .count();
    let ending = (0..=capitalised)
        .rev()
        .find_map(|n| Some((n, ending_label(words[span.end + n - 1])?)));
    // "Hyogo Prefecture", "Korean Peninsula": a region's name is a place's, however the
    // tagger read it (an airport may be run as a company, so its name is left alone).
    let is_region = |n: usize, label: &str| {
        n == 0 && label == "LOC" && !words[span.end - 1].eq_ignore_ascii_case("airport")
    };
    match ending {
        Some((n, label)) if n > 0 || span.label == "PER" || is_region(n, label) => {
            span.end += n;
            span.label = label;
            true
        }
        _ => false,
    }
}

/// A name never starts or ends with a punctuation token, nor ends with a lowercase word
/// ("Kobe Airport started"); `None` if nothing is left.
fn trim_name_ends(mut span: Span, words: &[&str]) -> Option<Span> {
    let is_word = |i: usize| words[i].chars().any(char::is_alphanumeric);
    let is_lowercase_word = |i: usize| {
        let word: &str = words[i];
        word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_uppercase)
    };
    while span.start < span.end && !is_word(span.start) {
        span.start += 1;
    }
    while span.end > span.start && (!is_word(span.end - 1) || is_lowercase_word(span.end - 1)) {
        span.end -= 1;
    }
    (span.start < span.end).then_some(span)
}

fn token_info(word: &str, gazetteer: u8) -> TokenInfo {
    // Straightened once, so hashed as `lower_hash` would hash it without straightening again.
    let word = normalize_quotes(word);
    TokenInfo {
        // The hash the document context keys its evidence by.
        lower: fnv1a_lowercase(&word),
        shape: shape_hash(&word),
        gazetteer: u64::from(gazetteer),
    }
}

/// The hash of [`shape`]; an ASCII word's shape is made from its bytes, as nearly every
/// word of English news is (the same bytes as its chars' shape).
fn shape_hash(word: &str) -> u64 {
    if !word.is_ascii() {
        return fnv1a(shape(word).flat_map(utf8_bytes));
    }
    let class = |b: u8| match b {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        other => other,
    };
    let mut last = None;
    fnv1a(
        word.bytes()
            .map(class)
            .filter(move |&c| last.replace(c) != Some(c)),
    )
}

fn affixes(word: &str) -> Affixes {
    let word = normalize_quotes(word);
    if word.is_ascii() {
        return ascii_affixes(word.as_bytes());
    }
    let lower = word.to_lowercase();
    // Affixes of 1 to 4 chars, hashed in place: `prefix(n)` ends after the n-th char,
    // `suffix(n)` starts at the n-th char from the end (or the whole word if shorter).
    let prefix = |n: usize| {
        let end = lower.char_indices().nth(n).map_or(lower.len(), |(i, _)| i);
        fnv1a(lower[..end].bytes())
    };
    let suffix = |n: usize| {
        let start = lower.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
        fnv1a(lower[start..].bytes())
    };
    Affixes {
        exact: fnv1a(word.bytes()),
        prefixes: [prefix(1), prefix(2), prefix(3)],
        suffixes: [suffix(1), suffix(2), suffix(3), suffix(4)],
    }
}

/// [`affixes`] of an ASCII word, whose chars are its bytes: lowercased as they are
/// hashed, without a lowercase copy.
fn ascii_affixes(word: &[u8]) -> Affixes {
    let lower = |bytes: &[u8]| fnv1a(bytes.iter().map(u8::to_ascii_lowercase));
    let prefix = |n: usize| lower(&word[..n.min(word.len())]);
    let suffix = |n: usize| lower(&word[word.len().saturating_sub(n)..]);
    Affixes {
        exact: fnv1a(word.iter().copied()),
        prefixes: [prefix(1), prefix(2), prefix(3)],
        suffixes: [suffix(1), suffix(2), suffix(3), suffix(4)],
    }
}

/// Word shape with runs collapsed: "Lee" → "Xx", "U.S." → "X.X.", "1,750" → "d,d".
fn shape(word: &str) -> impl Iterator<Item = char> + '_ {
    let class = |c: char| {
        if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        }
    };
    let mut last = None;
    word.chars()
        .map(class)
        .filter(move |&c| last.replace(c) != Some(c))
}

fn utf8_bytes(c: char) -> impl Iterator<Item = u8> {
    let mut buffer = [0; 4];
    let len = c.encode_utf8(&mut buffer).len();
    buffer.into_iter().take(len)
}

/// Headlines in all capitals carry no capitalisation cue; the tagger is told.
fn is_all_caps_sentence(words: &[&str]) -> bool {
    let letters: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    letters.len() >= 3 && letters.iter().all(|w| !w.chars().any(char::is_lowercase))
}

/// Mixes a template number and a value into one feature key.
fn feature(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

const NONE: u64 = 0x5bd1_e995;

/// The gazetteer flag's bit for a token that continues a country's name begun before it.
pub const CONTINUES_COUNTRY: u8 = 8;

/// Salts every feature key of the second pass.
pub(super) const SECOND_PASS: u64 = 0x2f4a_91c3_d86e_b517;

/// [`SentenceFeatures::kept`] of a token whose static features were not made ahead.
const NOT_KEPT: u32 = u32::MAX;

/// How many tag-independent features each token has.
const STATIC_FEATURES: usize = 25;

fn static_features(
    infos: &[TokenInfo],
    affixes: &Affixes,
    i: usize,
    all_caps: bool,
) -> [u64; STATIC_FEATURES] {
    let at = |offset: isize| infos.get(i.wrapping_add_signed(offset));
    let lower_at = |offset| at(offset).map_or(NONE, |t| t.lower);
    let shape_at = |offset| at(offset).map_or(NONE, |t| t.shape);
    let gaz_at = |offset| at(offset).map_or(9, |t| t.gazetteer);
    let token = &infos[i];
    let context = u64::from(i == 0) | (u64::from(all_caps) << 1);
    let [prefix1, prefix2, prefix3] = affixes.prefixes;
    let [suffix1, suffix2, suffix3, suffix4] = affixes.suffixes;
    [
        feature(1, 0),
        feature(2, token.lower),
        feature(3, affixes.exact),
        feature(4, token.shape),
        feature(5, token.shape ^ context),
        feature(6, token.lower ^ context),
        feature(10, prefix1),
        feature(11, prefix2),
        feature(12, prefix3),
        feature(13, suffix1),
        feature(14, suffix2),
        feature(15, suffix3),
        feature(16, suffix4),
        feature(20, lower_at(-1)),
        feature(21, lower_at(1)),
        feature(22, lower_at(-2)),
        feature(23, lower_at(2)),
        feature(24, shape_at(-1)),
        feature(25, shape_at(1)),
        feature(
            26,
            shape_at(-1).rotate_left(7) ^ token.shape ^ shape_at(1).rotate_left(13),
        ),
        feature(27, lower_at(-1).rotate_left(7) ^ token.lower),
        feature(28, token.lower.rotate_left(7) ^ lower_at(1)),
        feature(29, token.gazetteer),
        feature(30, gaz_at(-1) * 16 + gaz_at(1)),
        feature(31, token.gazetteer ^ (token.shape << 4)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, label: &'static str) -> Span {
        Span { start, end, label }
    }

    #[test]
    fn a_name_ending_like_an_organisation_is_one_with_the_name_before_it() {
        let words = [
            "the",
            "Asia-Pacific",
            "Economic",
            "Cooperation",
            "met",
            "Lee",
        ];
        let spans = vec![span(1, 2, "LOC"), span(2, 4, "PER"), span(5, 6, "PER")];
        let spans = mend_split_names(spans, &words);
        assert_eq!(spans[0].start..spans[0].end, 1..4);
        assert_eq!(spans[0].label, "ORG");
        assert_eq!(spans[1].label, "PER");
        let alone = mend_split_names(vec![span(1, 2, "LOC")], &words);
        assert_eq!(
            (alone[0].start..alone[0].end, alone[0].label),
            (1..4, "ORG")
        );
    }

    #[test]
    fn a_name_ending_like_a_region_is_a_place() {
        let words = [
            "capital",
            "of",
            "Hyogo",
            "Prefecture",
            "near",
            "Kobe",
            "Airport",
        ];
        let spans = mend_split_names(vec![span(2, 4, "ORG"), span(5, 7, "ORG")], &words);
        let labels: Vec<_> = spans.iter().map(|s| (s.start..s.end, s.label)).collect();
        assert_eq!(labels, [(2..4, "LOC"), (5..7, "ORG")]);
    }

    #[test]
    fn a_portfolio_in_a_title_leaves_the_name_after_it_a_person() {
        let words = ["Secretary", "of", "Commerce", "Howard", "Lutnick", "said"];
        let person = person_after_portfolio(span(2, 5, "ORG"), &words);
        assert_eq!((person.start..person.end, person.label), (3..5, "PER"));
        // Without the title in front, a department's name stays an organisation.
        let words = ["the", "Commerce", "Department", "said"];
        let org = person_after_portfolio(span(1, 3, "ORG"), &words);
        assert_eq!((org.start..org.end, org.label), (1..3, "ORG"));
    }

    #[test]
    fn two_names_of_people_side_by_side_are_one_person() {
        let words = ["President", "Lee", "Jae", "Myung", "and", "Trump"];
        let spans = vec![span(1, 2, "PER"), span(2, 4, "PER"), span(5, 6, "PER")];
        let spans = mend_split_names(spans, &words);
        let ranges: Vec<_> = spans.iter().map(|s| s.start..s.end).collect();
        assert_eq!(ranges, [1..4, 5..6]);
    }

    #[test]
    fn spans_join_inside_tags_of_one_type() {
        // B-PER I-PER O B-LOC B-LOC
        let spans = spans_of(&[1, 2, 0, 3, 3]);
        assert_eq!(
            spans
                .iter()
                .map(|s| (s.start, s.end, s.label))
                .collect::<Vec<_>>(),
            [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")]
        );
    }

    #[test]
    fn inside_tag_never_follows_outside() {
        let mut scores = [0.0; N_TAGS];
        scores[2] = 5.0; // I-PER is best, but after O it is not allowed
        scores[1] = 1.0;
        assert_eq!(best_valid_tag(&scores, 0), 1);
        assert_eq!(best_valid_tag(&scores, 1), 2);
    }

    #[test]
    fn honorifics_are_not_part_of_a_name() {
        let span = Span {
            start: 0,
            end: 2,
            label: "PER",
        };
        let start = |span: Span, words: &[&str]| trim_honorific(span, words).map(|s| s.start);
        assert_eq!(start(span.clone(), &["Mr", "Blair"]), Some(1));
        assert_eq!(start(span.clone(), &["Tony", "Blair"]), Some(0));
        let lone = Span { end: 1, ..span };
        assert_eq!(
            start(lone.clone(), &["Mr.", "Blair"]),
            None,
            "a lone honorific goes"
        );
        assert_eq!(
            start(lone.clone(), &["L", "Blair"]),
            None,
            "so does a lone letter"
        );
        assert_eq!(
            start(lone, &["Blair", "said"]),
            Some(0),
            "a lone name stays"
        );
    }

    #[test]
    fn a_name_ends_with_no_lowercase_word_or_punctuation() {
        let words = [
            "Since", "Kobe", "Airport", "started", ",", "Bank", "of", "Japan",
        ];
        let trim = |start, end| trim_name_ends(span(start, end, "LOC"), &words);
        assert_eq!(trim(1, 5).map(|s| s.start..s.end), Some(1..3));
        assert_eq!(
            trim(5, 8).map(|s| s.start..s.end),
            Some(5..8),
            "a lowercase word inside a name stays"
        );
        assert_eq!(trim(3, 5), None);
    }

    #[test]
    fn long_documents_are_tagged_in_windows_of_whole_sentences() {
        let words = ["a"; 10];
        let flags = [0u8; 10];
        let sentence = |n: usize| (&words[..n], &flags[..n]);
        let document = [
            sentence(3),
            sentence(4),
            sentence(10),
            sentence(2),
            sentence(1),
        ];
        let sizes: Vec<Vec<usize>> = windows(&document, 7)
            .map(|w| w.iter().map(|(words, _)| words.len()).collect())
            .collect();
        assert_eq!(sizes, [vec![3, 4], vec![10], vec![2, 1]]);
    }

    #[test]
    fn shapes_collapse_runs() {
        let shape = |word| shape(word).collect::<String>();
        assert_eq!(shape("Lee"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,750"), "d,d");
        assert_eq!(shape("Séoul’s"), "Xx’x");
    }
}
