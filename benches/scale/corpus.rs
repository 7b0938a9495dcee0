//! Builds the benchmark corpus: the real articles, then replicas under new ids. A replica
//! keeps an original's title and length but takes each sentence from a random original,
//! with some words swapped, so its text is real news words without being a copy of any one
//! article (a copy would rightly be grouped with it as the same story).
use std::io::{BufRead, Write};
use std::path::Path;

use tidings::text::mix;

/// One article of the corpus.
#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub struct Record {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: String,
    pub body: String,
}

/// Writes `articles` records as JSONL to `out`; returns (count, bytes of title + body).
pub fn build(corpus_dir: &Path, out: &Path, articles: usize) -> (usize, usize) {
    let originals = read_originals(corpus_dir);
    let sentences: Vec<Vec<&str>> = originals.iter().map(|r| split_sentences(&r.body)).collect();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).expect("corpus file"));
    let mut bytes = 0;
    for i in 0..articles {
        let record = replica(&originals, &sentences, i);
        bytes += record.title.len() + record.body.len();
        serde_json::to_writer(&mut file, &record).expect("write corpus");
        file.write_all(b"\n").expect("write corpus");
    }
    (articles, bytes)
}

/// (count, bytes of title + body) of a corpus built earlier.
pub fn measure(corpus: &Path) -> (usize, usize) {
    let file = std::io::BufReader::new(std::fs::File::open(corpus).expect("corpus file"));
    file.lines().fold((0, 0), |(count, bytes), line| {
        let record: Record = serde_json::from_str(&line.expect("line")).expect("record");
        (count + 1, bytes + record.title.len() + record.body.len())
    })
}

/// The i-th article: an original, or for later rounds a collage of other originals' sentences.
fn replica(originals: &[Record], sentences: &[Vec<&str>], i: usize) -> Record {
    let n = originals.len();
    let (round, at) = (i / n, i % n);
    let base = &originals[at];
    if round == 0 {
        return base.clone();
    }
    let length = sentences[at].len().max(1);
    let body: Vec<String> = (0..length)
        .map(|k| {
            let draw = mix((i as u64) << 16 | k as u64);
            let source = &sentences[(draw % n as u64) as usize];
            let sentence = source
                .get((draw >> 32) as usize % source.len().max(1))
                .copied()
                .unwrap_or_default();
            reword(sentence, draw)
        })
        .collect();
    Record {
        id: format!("{}-r{round}", base.id),
        body: body.join(" "),
        ..base.clone()
    }
}

/// The sentence with about one word in four swapped with the next. Each sentence is drawn
/// many times (about 11 at 250k articles, 46 at 1M); drawn as it is, every replica would
/// hold whole sentences of a dozen others (and often the whole body of a one-sentence
/// original), so most articles would have same-story candidates to check, where a real
/// archive's articles have few. Swapped words keep the words and their counts.
fn reword(sentence: &str, seed: u64) -> String {
    let mut words: Vec<&str> = sentence.split(' ').collect();
    let mut at = 0;
    while at + 1 < words.len() {
        if mix(seed ^ at as u64).is_multiple_of(SWAP_ONE_IN) {
            words.swap(at, at + 1);
            at += 1;
        }
        at += 1;
    }
    words.join(" ")
}

const SWAP_ONE_IN: u64 = 4;

/// Sentences of a body, split after ". " (good enough for building test text).
fn split_sentences(body: &str) -> Vec<&str> {
    body.split_inclusive(". ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn read_originals(dir: &Path) -> Vec<Record> {
    let mut records = Vec::new();
    for name in ["reuters21578.jsonl.gz", "bbc-fulltext.jsonl.gz"] {
        let file = std::fs::File::open(dir.join(name)).expect("corpus file");
        for line in std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
            let record: Record = match serde_json::from_str(&line.expect("corpus line")) {
                Ok(record) => record,
                Err(_) => continue, // records without a body or title are not articles
            };
            if !record.body.trim().is_empty() {
                records.push(record);
            }
        }
    }
    records
}
