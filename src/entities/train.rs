//! Training and evaluating the name tagger on CoNLL-2003 files.
//!
//! `tidings train-ner` reads `eng.train`, trains an averaged perceptron for a fixed number
//! of epochs over a fixed-seed shuffle (so the same data gives the same weights), drops
//! near-zero weights and writes `assets/ner.model.gz`.
use std::collections::HashMap;
use std::path::Path;

use super::context::DocContext;
use super::tagger::{
    self, best_valid_tag, previous_tags, SentenceFeatures, Tagger, WeightMap, N_TAGS, TAGS,
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

/// Features of a sentence, with the flags of the country and place gazetteers.
pub fn sentence_features(gazetteers: &Gazetteers, words: &[&str]) -> SentenceFeatures {
    let flags = gazetteers.flags(words, &gazetteers.countries.find(words));
    SentenceFeatures::new(words, &flags)
}

/// A document ready for tagging: features of each sentence and its context.
struct Prepared {
    sentences: Vec<SentenceFeatures>,
    words: Vec<Vec<String>>,
}

impl Prepared {
    fn new(gazetteers: &Gazetteers, sentences: Vec<Vec<String>>) -> Prepared {
        let features = sentences
            .iter()
            .map(|s| {
                sentence_features(
                    gazetteers,
                    &s.iter().map(String::as_str).collect::<Vec<_>>(),
                )
            })
            .collect();
        Prepared {
            sentences: features,
            words: sentences,
        }
    }

    fn context(&self) -> DocContext {
        let refs: Vec<Vec<&str>> = self
            .words
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        DocContext::new(refs.iter().map(Vec::as_slice))
    }
}

/// One weight row during training: current weights, running sums and last-update times.
#[derive(Clone, Default)]
struct Row {
    weights: [f32; N_TAGS],
    totals: [f64; N_TAGS],
    stamps: [u32; N_TAGS],
}

/// Averaged perceptron training with greedy decoding on predicted history, document by
/// document (the tagger's document features need the sentences in order).
pub fn train(documents: &[Document], epochs: usize, mut progress: impl FnMut(usize)) -> Tagger {
    let gazetteers = Gazetteers::load();
    let prepared: Vec<Prepared> = documents
        .iter()
        .map(|d| Prepared::new(&gazetteers, d.iter().map(|s| s.words.clone()).collect()))
        .collect();
    let mut rows: HashMap<u64, Row> = HashMap::new();
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut time = 0u32;
    let mut buffer = Vec::new();
    for epoch in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &d in &order {
            let mut context = prepared[d].context();
            for (sentence, features) in documents[d].iter().zip(&prepared[d].sentences) {
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
        progress(epoch + 1);
    }
    Tagger::new(average(rows, time))
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
        let mut averaged = [0f32; N_TAGS];
        for t in 0..N_TAGS {
            let total = row.totals[t] + f64::from(time - row.stamps[t]) * f64::from(row.weights[t]);
            averaged[t] = (total / f64::from(time)) as f32;
        }
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
            .map(|s| s.iter().map(|(w, _)| w.to_string()).collect())
            .collect();
        let prepared = Prepared::new(&gazetteers, words);
        let mut context = prepared.context();
        for (rows, features) in document.iter().zip(&prepared.sentences) {
            let tags = tagger.tag_sentence(features, &mut context);
            let words: Vec<&str> = rows.iter().map(|(word, _)| *word).collect();
            let predicted = bio_labels(&tagger::name_spans(&tags, &words), words.len());
            for ((word, gold), tag) in rows.iter().zip(predicted) {
                writeln!(out, "{word} {gold} {tag}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// BIO labels of the tokens of a sentence with the given name spans.
fn bio_labels(spans: &[tagger::Span], len: usize) -> Vec<String> {
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
