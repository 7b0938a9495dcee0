//! Training and evaluating the name tagger on CoNLL-2003 files.
//!
//! `tidings train-ner` reads `eng.train`, trains an averaged perceptron for a fixed number
//! of epochs over a fixed-seed shuffle (so the same data gives the same weights), drops
//! near-zero weights and writes `assets/ner.model.gz`.
use std::collections::HashMap;
use std::path::Path;

use super::countries::Gazetteer;
use super::tagger::{
    self, best_valid_tag, previous_tags, SentenceFeatures, Tagger, WeightMap, N_TAGS, TAGS,
};

/// Epochs over the training data; chosen by F1 on eng.testa.
pub const DEFAULT_EPOCHS: usize = 10;

/// One CoNLL sentence: tokens and their gold BIO tag indices.
pub struct Sentence {
    pub words: Vec<String>,
    pub gold: Vec<usize>,
}

/// Reads a CoNLL-2003 file (`token POS chunk NER`), converting IOB1 tags to BIO.
pub fn read_conll(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)?;
    let mut sentences = Vec::new();
    let mut current = Sentence {
        words: Vec::new(),
        gold: Vec::new(),
    };
    for line in text.lines().chain([""]) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.is_empty() || columns[0] == "-DOCSTART-" {
            if !current.words.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        words: Vec::new(),
                        gold: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let previous = current.gold.last().copied().unwrap_or(0);
        current
            .gold
            .push(bio_tag(columns[columns.len() - 1], previous));
        current.words.push(columns[0].to_string());
    }
    Ok(sentences)
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

/// Features of a sentence, with gazetteer flags from the country gazetteer.
pub fn sentence_features(gazetteer: &Gazetteer, words: &[String]) -> SentenceFeatures {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let flags = tagger::gazetteer_flags(refs.len(), &gazetteer.find(&refs));
    SentenceFeatures::new(&refs, &flags)
}

/// One weight row during training: current weights, running sums and last-update times.
#[derive(Clone, Default)]
struct Row {
    weights: [f32; N_TAGS],
    totals: [f64; N_TAGS],
    stamps: [u32; N_TAGS],
}

/// Averaged perceptron training with greedy decoding on predicted history.
pub fn train(sentences: &[Sentence], epochs: usize, mut progress: impl FnMut(usize)) -> Tagger {
    let gazetteer = Gazetteer::load();
    let features: Vec<SentenceFeatures> = sentences
        .iter()
        .map(|s| sentence_features(&gazetteer, &s.words))
        .collect();
    let mut rows: HashMap<u64, Row> = HashMap::new();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut time = 0u32;
    let mut buffer = Vec::new();
    for epoch in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &s in &order {
            let mut predicted: Vec<usize> = Vec::new();
            for (i, &gold) in sentences[s].gold.iter().enumerate() {
                time += 1;
                let (prev, prev2) = previous_tags(&predicted, i);
                features[s].features(i, prev, prev2, &mut buffer);
                let guess = best_valid_tag(&score(&rows, &buffer), prev);
                if guess != gold {
                    for &f in &buffer {
                        let row = rows.entry(f).or_default();
                        update(row, gold, 1.0, time);
                        update(row, guess, -1.0, time);
                    }
                }
                predicted.push(guess);
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
    let gazetteer = Gazetteer::load();
    let text = std::fs::read_to_string(path)?;
    let mut block: Vec<(String, String)> = Vec::new();
    for line in text.lines().chain([""]) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.first().is_some_and(|c| *c == "-DOCSTART-") {
            continue;
        }
        if columns.is_empty() {
            if !block.is_empty() {
                write_tagged_block(tagger, &gazetteer, &block, out)?;
                block.clear();
            }
            continue;
        }
        block.push((
            columns[0].to_string(),
            columns[columns.len() - 1].to_string(),
        ));
    }
    Ok(())
}

fn write_tagged_block(
    tagger: &Tagger,
    gazetteer: &Gazetteer,
    block: &[(String, String)],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let words: Vec<String> = block.iter().map(|(w, _)| w.clone()).collect();
    let tags = tagger.tag_sentence(&sentence_features(gazetteer, &words));
    for ((word, gold), tag) in block.iter().zip(tags) {
        writeln!(out, "{word} {gold} {}", TAGS[tag])?;
    }
    writeln!(out)
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
