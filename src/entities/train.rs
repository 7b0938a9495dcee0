//! Training and evaluating the name tagger on CoNLL-2003 files.
//!
//! `tidings train-ner` reads `eng.train` and trains the tagger's two passes, each an
//! averaged perceptron, for a fixed number of epochs over a fixed-seed shuffle (so the
//! same data gives the same weights). The second pass learns from first-pass names made
//! on held-out folds, as it will see them on new text. Near-zero weights are dropped and
//! both passes written to `assets/ner.model.gz`.
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::context::DocContext;
use super::tagger::{
    best_valid_tag, previous_tags, SentenceFeatures, SentenceInput, Span, Tagger, WeightMap,
    N_TAGS, TAGS,
};
use super::Gazetteers;

/// Epochs over the training data; chosen by F1 on eng.testa.
pub const DEFAULT_EPOCHS: usize = 10;

/// One CoNLL sentence: tokens and their gold BIO tag indices.
#[derive(Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub gold: Vec<usize>,
}

/// A CoNLL document (the sentences between two `-DOCSTART-` lines).
pub type Document = Vec<Sentence>;

/// Reads a CoNLL-2003 file (`token POS chunk NER`) into documents, converting IOB1 to BIO.
pub fn read_conll(path: &Path) -> std::io::Result<Vec<Document>> {
    let mut documents = Vec::new();
    for block in conll_documents(&std::fs::read_to_string(path)?) {
        let sentences = block
            .into_iter()
            .map(|rows| {
                let mut sentence = Sentence::default();
                for (word, tag) in rows {
                    let previous = sentence.gold.last().copied().unwrap_or(0);
                    sentence.gold.push(bio_tag(tag, previous));
                    sentence.words.push(word.to_string());
                }
                sentence
            })
            .collect();
        documents.push(sentences);
    }
    Ok(documents)
}

/// Documents of sentences of `(token, last column)` rows.
fn conll_documents(text: &str) -> Vec<Vec<Vec<(&str, &str)>>> {
    let mut documents = vec![Vec::new()];
    let mut sentence = Vec::new();
    for line in text.lines().chain([""]) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let document_starts = columns.first() == Some(&"-DOCSTART-");
        if (columns.is_empty() || document_starts) && !sentence.is_empty() {
            documents
                .last_mut()
                .expect("never empty")
                .push(std::mem::take(&mut sentence));
        }
        if document_starts && !documents.last().expect("never empty").is_empty() {
            documents.push(Vec::new());
        }
        if let (Some(word), Some(tag)) = (columns.first(), columns.last()) {
            if !document_starts {
                sentence.push((*word, *tag));
            }
        }
    }
    documents.retain(|d| !d.is_empty());
    documents
}

/// Words the training data writes all in lowercase letters and never in a person's name
/// ("market", "division", "pretty"), sorted: a name made of nothing else is no person's.
pub fn common_words(documents: &[Document]) -> Vec<String> {
    let sentences = || documents.iter().flatten();
    let in_names: HashSet<String> = sentences()
        .flat_map(|s| s.words.iter().zip(&s.gold))
        .filter(|&(_, &tag)| TAGS[tag].ends_with("PER"))
        .map(|(word, _)| word.to_lowercase())
        .collect();
    let lowercase: BTreeSet<&str> = sentences()
        .flat_map(|s| &s.words)
        .map(String::as_str)
        .filter(|w| w.chars().all(|c| c.is_alphabetic() && c.is_lowercase()))
        .collect();
    lowercase
        .into_iter()
        .filter(|w| !in_names.contains(*w))
        .map(str::to_string)
        .collect()
}

/// IOB1 → BIO: an `I-X` that does not continue an `X` entity starts one.
fn bio_tag(tag: &str, previous: usize) -> usize {
    let Some(label) = tag.get(2..) else { return 0 };
    let inside = TAGS
        .iter()
        .position(|t| *t == format!("I-{label}"))
        .unwrap_or(0);
    let begin = inside.saturating_sub(1);
    let continues = previous != 0 && TAGS[previous][2..] == *label;
    if tag.starts_with("B-") || !continues {
        begin
    } else {
        inside
    }
}

/// A CoNLL document's words, sentence by sentence, with their gazetteer flags.
struct Flagged<'a> {
    words: Vec<Vec<&'a str>>,
    flags: Vec<Vec<u8>>,
}

impl<'a> Flagged<'a> {
    fn new(gazetteers: &Gazetteers, words: Vec<Vec<&'a str>>) -> Flagged<'a> {
        let flags = words
            .iter()
            .map(|w| gazetteers.flags(w, &gazetteers.countries.find(w)))
            .collect();
        Flagged { words, flags }
    }

    /// The document as the tagger takes it.
    fn input(&self) -> Vec<SentenceInput<'_>> {
        self.words
            .iter()
            .zip(&self.flags)
            .map(|(w, f)| (w.as_slice(), f.as_slice()))
            .collect()
    }
}

/// A training document ready for tagging: its flagged words, the features of each
/// sentence, and for the second pass the first pass's names.
struct Prepared<'a> {
    gold: &'a Document,
    text: Flagged<'a>,
    sentences: Vec<SentenceFeatures<'a>>,
    first_pass: Option<Vec<Vec<Span>>>,
}

impl<'a> Prepared<'a> {
    fn new(gazetteers: &Gazetteers, gold: &'a Document) -> Prepared<'a> {
        let words = gold
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let text = Flagged::new(gazetteers, words);
        let sentences = text
            .words
            .iter()
            .zip(&text.flags)
            .map(|(w, f)| SentenceFeatures::new(w, f))
            .collect();
        Prepared {
            gold,
            text,
            sentences,
            first_pass: None,
        }
    }

    fn context(&self) -> DocContext {
        let mut context = DocContext::new(&self.sentences);
        if let Some(names) = &self.first_pass {
            context.start_second_pass(&self.sentences, names);
        }
        context
    }
}

/// One weight row during training: current weights, running sums and last-update times.
#[derive(Clone, Default)]
struct Row {
    weights: [f32; N_TAGS],
    totals: [f64; N_TAGS],
    stamps: [u32; N_TAGS],
}

/// How many parts the training documents are cut into, so that the second pass learns
/// from first-pass names made by a model that never saw their document.
const FOLDS: usize = 5;

/// Trains both passes of the tagger; `progress` hears of each step.
pub fn train(documents: &[Document], epochs: usize, progress: impl Fn(&str) + Sync) -> Tagger {
    let gazetteers = Gazetteers::load();
    let mut prepared: Vec<Prepared> = documents
        .iter()
        .map(|d| Prepared::new(&gazetteers, d))
        .collect();
    let mut weights = train_pass(&prepared.iter().collect::<Vec<_>>(), epochs);
    progress("first pass trained");
    let held_out = held_out_first_pass(&prepared, epochs, &progress);
    for (document, names) in prepared.iter_mut().zip(held_out) {
        document.first_pass = Some(names);
    }
    weights.extend(train_pass(&prepared.iter().collect::<Vec<_>>(), epochs));
    progress("second pass trained");
    Tagger::new(weights)
}

/// The first pass's names in every document, each from a first pass trained on the
/// folds that do not hold it (folds trained in parallel; the result does not depend on
/// the order they finish in).
fn held_out_first_pass(
    prepared: &[Prepared],
    epochs: usize,
    progress: &(impl Fn(&str) + Sync),
) -> Vec<Vec<Vec<Span>>> {
    let in_fold = |d: usize, fold: usize| d % FOLDS == fold;
    let fold_names: Vec<Vec<Vec<Vec<Span>>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..FOLDS)
            .map(|fold| {
                scope.spawn(move || {
                    let others: Vec<&Prepared> = (0..prepared.len())
                        .filter(|&d| !in_fold(d, fold))
                        .map(|d| &prepared[d])
                        .collect();
                    let tagger = Tagger::new(train_pass(&others, epochs));
                    progress(&format!("fold {} of {FOLDS} trained", fold + 1));
                    (0..prepared.len())
                        .filter(|&d| in_fold(d, fold))
                        .map(|d| {
                            let document = &prepared[d];
                            let mut context = document.context();
                            let input = document.text.input();
                            tagger.tag_pass(&input, &document.sentences, &mut context)
                        })
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a training fold panicked"))
            .collect()
    });
    let mut folds: Vec<_> = fold_names.into_iter().map(Vec::into_iter).collect();
    (0..prepared.len())
        .map(|d| folds[d % FOLDS].next().expect("one result per document"))
        .collect()
}

/// Averaged perceptron training of one pass, with greedy decoding on predicted history,
/// document by document (the tagger's document features need the sentences in order).
fn train_pass(documents: &[&Prepared], epochs: usize) -> WeightMap {
    let mut rows: HashMap<u64, Row> = HashMap::new();
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut time = 0u32;
    let mut buffer = Vec::new();
    for _ in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &d in &order {
            let document = documents[d];
            let mut context = document.context();
            for (sentence, features) in document.gold.iter().zip(&document.sentences) {
                let mut predicted: Vec<usize> = Vec::new();
                for (i, &gold) in sentence.gold.iter().enumerate() {
                    time += 1;
                    let (prev, prev2) = previous_tags(&predicted, i);
                    features.features(i, prev, prev2, &context, &mut buffer);
                    let guess = best_valid_tag(&score(&rows, &buffer), prev);
                    if guess != gold {
                        for &f in &buffer {
                            let row = rows.entry(f).or_default();
                            update(row, gold, 1.0, time);
                            update(row, guess, -1.0, time);
                        }
                    }
                    features.record(i, guess, &mut context);
                    predicted.push(guess);
                }
            }
        }
    }
    average(rows, time)
}

fn score(rows: &HashMap<u64, Row>, features: &[u64]) -> [f32; N_TAGS] {
    let mut scores = [0.0; N_TAGS];
    for row in features.iter().filter_map(|f| rows.get(f)) {
        for (score, weight) in scores.iter_mut().zip(row.weights) {
            *score += weight;
        }
    }
    scores
}

fn update(row: &mut Row, tag: usize, delta: f32, time: u32) {
    row.totals[tag] += f64::from(time - row.stamps[tag]) * f64::from(row.weights[tag]);
    row.stamps[tag] = time;
    row.weights[tag] += delta;
}

/// Final averaged weights; rows whose largest weight is negligible are dropped.
fn average(rows: HashMap<u64, Row>, time: u32) -> WeightMap {
    let mut weights = WeightMap::default();
    for (key, row) in rows {
        let averaged: [f32; N_TAGS] = std::array::from_fn(|t| {
            let total = row.totals[t] + f64::from(time - row.stamps[t]) * f64::from(row.weights[t]);
            (total / f64::from(time)) as f32
        });
        if averaged.iter().any(|w| w.abs() >= 0.01) {
            weights.insert(key, averaged);
        }
    }
    weights
}

/// Fisher–Yates with a fixed-seed xorshift, so training is deterministic.
fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        order.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

/// Tags a CoNLL file and writes `token gold predicted` lines (blank lines between
/// sentences) for `conlleval.py`. Gold tags are passed through as given.
pub fn tag_conll(
    tagger: &Tagger,
    path: &Path,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let gazetteers = Gazetteers::load();
    let text = std::fs::read_to_string(path)?;
    for document in conll_documents(&text) {
        let words = document
            .iter()
            .map(|s| s.iter().map(|(w, _)| *w).collect())
            .collect();
        let text = Flagged::new(&gazetteers, words);
        for (rows, names) in document.iter().zip(tagger.tag_document(&text.input())) {
            let predicted = bio_labels(&names, rows.len());
            for ((word, gold), tag) in rows.iter().zip(predicted) {
                writeln!(out, "{word} {gold} {tag}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// BIO labels of the tokens of a sentence with the given name spans.
fn bio_labels(spans: &[Span], len: usize) -> Vec<String> {
    let mut labels = vec!["O".to_string(); len];
    for span in spans {
        for (i, label) in labels[span.start..span.end].iter_mut().enumerate() {
            let position = if i == 0 { "B" } else { "I" };
            *label = format!("{position}-{}", span.label);
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_becomes_bio() {
        // I-PER I-PER B-PER I-LOC O I-LOC
        let tags = ["I-PER", "I-PER", "B-PER", "I-LOC", "O", "I-LOC"];
        let mut previous = 0;
        let bio: Vec<&str> = tags
            .iter()
            .map(|t| {
                previous = bio_tag(t, previous);
                TAGS[previous]
            })
            .collect();
        assert_eq!(bio, ["B-PER", "I-PER", "B-PER", "B-LOC", "O", "B-LOC"]);
    }
}
