//! Evaluations on ../shared/data with floors just under the measured scores, so a
//! regression fails and an honest gain can raise the floor.
mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// Measured on eng.testa with conlleval.py: PER 94.0, LOC 94.6 (see the README).
const PER_FLOOR: f64 = 0.935;
const LOC_FLOOR: f64 = 0.94;

#[test]
fn ner_on_conll_testa_stays_above_its_floor() {
    let testa = common::shared_data().join("conll2003/eng.testa");
    let tagged = common::tidings_ok(
        std::path::Path::new("/nonexistent"),
        &["ner", "--conll", testa.to_str().unwrap()],
    );
    let scorer =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/conlleval.py");
    let mut child = Command::new("python3")
        .arg(scorer)
        .arg("--json")
        .arg("/dev/stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs conlleval.py");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(tagged.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scores: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let f1 = |label: &str| {
        scores[label]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no {label} in {scores}"))
    };
    assert!(
        f1("PER") >= PER_FLOOR,
        "PER F1 {} under {PER_FLOOR}",
        f1("PER")
    );
    assert!(
        f1("LOC") >= LOC_FLOOR,
        "LOC F1 {} under {LOC_FLOOR}",
        f1("LOC")
    );
}

#[test]
fn the_committed_model_is_what_training_rebuilds() {
    let train = common::shared_data().join("conll2003/eng.train");
    let out = tempfile::tempdir().unwrap();
    let model = out.path().join("ner.model.gz");
    let words = out.path().join("common-words.txt");
    common::tidings_ok(
        out.path(),
        &[
            "train-ner",
            "--train",
            train.to_str().unwrap(),
            "--out",
            model.to_str().unwrap(),
            "--words",
            words.to_str().unwrap(),
        ],
    );
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for (built, committed) in [(model, "ner.model.gz"), (words, "common-words.txt")] {
        assert!(
            std::fs::read(built).unwrap() == std::fs::read(assets.join(committed)).unwrap(),
            "assets/{committed} differs from a fresh `tidings train-ner`"
        );
    }
}

/// Measured: precision 0.760, recall 0.965 over 18,453 articles, places counting for their
/// country (named countries alone: 0.660, 0.487); 0.741 and 0.871 before a dateline's
/// state abbreviation ("Calif.") counted as its state. Reuters labels a story's subject
/// countries, often from the dateline alone, not every country a text names.
const COUNTRY_PRECISION_FLOOR: f64 = 0.75;
const COUNTRY_RECALL_FLOOR: f64 = 0.955;

/// The Reuters-21578 articles with labels, each read as an import reads it (the dateline
/// goes back before the body) and recognized, with its labels: `labels_of` makes them from
/// a record, and an article without any is left out.
fn labelled_reuters(
    recognizer: &tidings::entities::Recognizer,
    labels_of: impl Fn(&serde_json::Value) -> Vec<String>,
) -> (Vec<tidings::article::Article>, Vec<Vec<String>>) {
    use std::io::BufRead;
    let path = common::shared_data().join("corpus/reuters21578.jsonl.gz");
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(
        std::fs::File::open(path).unwrap(),
    ));
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    for line in reader.lines() {
        let line = line.unwrap();
        let labels = labels_of(&serde_json::from_str(&line).unwrap());
        let article = tidings::ingest::jsonl::records(std::io::Cursor::new(line)).next();
        if let (false, Some(Ok(article))) = (labels.is_empty(), article) {
            articles.push(article);
            gold.push(labels);
        }
    }
    tidings::import::recognize_all(recognizer, &mut articles);
    (articles, gold)
}

/// A record's labels of one kind ("places", "people"): Reuters writes them lowercase, words
/// joined by hyphens ("james-baker").
fn labels<'r>(record: &'r serde_json::Value, kind: &str) -> impl Iterator<Item = &'r str> {
    record[kind]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str())
}

/// "Does this article mention country X", against Reuters-21578's own `places` labels
/// mapped to ISO codes (labels that are not countries, or no longer exist, are dropped).
#[test]
fn countries_per_article_against_reuters_places() {
    let recognizer = tidings::entities::Recognizer::load();
    let countries = recognizer.countries();
    let (articles, gold) = labelled_reuters(&recognizer, |record| {
        labels(record, "places")
            .filter_map(|p| countries.resolve(&p.replace('-', " ")))
            .collect()
    });
    let score = |countries_of: fn(&tidings::article::Article) -> Vec<String>| {
        let (mut found, mut predicted, mut expected) = (0usize, 0usize, 0usize);
        for (article, labels) in articles.iter().zip(&gold) {
            let mentioned = countries_of(article);
            found += mentioned.iter().filter(|c| labels.contains(c)).count();
            predicted += mentioned.len();
            expected += labels
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len();
        }
        (
            found as f64 / predicted as f64,
            found as f64 / expected as f64,
        )
    };
    let (named_precision, named_recall) = score(tidings::article::Article::named_countries);
    let (precision, recall) = score(tidings::article::Article::countries);
    println!(
        "countries over {} Reuters articles: precision {precision:.3}, recall {recall:.3} \
         (countries named only: precision {named_precision:.3}, recall {named_recall:.3})",
        articles.len()
    );
    assert!(
        precision >= COUNTRY_PRECISION_FLOOR && recall >= COUNTRY_RECALL_FLOOR,
        "P {precision} R {recall}"
    );
}

/// Measured 0.933 (1,151 of 1,233 labels over 1,013 articles); 0.882 before an office the
/// tagger ran into a name ("Exchequer Nigel Lawson", "Trade Representative Clayton
/// Yeutter") left the person after it.
const PEOPLE_RECALL_FLOOR: f64 = 0.925;

/// "Does this article name person X as a person", against Reuters-21578's own `people`
/// labels (1,156 articles, mostly the officials a story is about: "james-baker",
/// "volcker"): a label is found when a person the article names has every word of it in
/// their name. A labelled person shown as an organisation, or not at all, is a miss.
#[test]
fn people_per_article_against_reuters_people() {
    let recognizer = tidings::entities::Recognizer::load();
    let (articles, gold) = labelled_reuters(&recognizer, |record| {
        labels(record, "people").map(str::to_string).collect()
    });
    let (mut found, mut expected) = (0usize, 0usize);
    for (article, labels) in articles.iter().zip(&gold) {
        let people: Vec<Vec<String>> = article
            .people()
            .iter()
            .map(|name| words_of_name(name))
            .collect();
        for label in labels {
            let wanted: Vec<String> = label.split('-').map(str::to_string).collect();
            expected += 1;
            found += usize::from(
                people
                    .iter()
                    .any(|name| wanted.iter().all(|w| name.contains(w))),
            );
        }
    }
    let recall = found as f64 / expected as f64;
    println!(
        "people over {} Reuters articles: {found} of {expected} labels found, recall {recall:.3}",
        articles.len()
    );
    assert!(recall >= PEOPLE_RECALL_FLOOR, "recall {recall}");
}

/// A name's words as `person:` reads them ("Willy De Clercq": "willy", "de", "clercq"), a
/// one-word name being its one word.
fn words_of_name(name: &str) -> Vec<String> {
    use tidings::entities::link::{name_words, person_key};
    let words = name_words(name);
    if words.is_empty() {
        vec![person_key(name)]
    } else {
        words
    }
}

/// Measured 0.9638 (P 0.938, R 0.991) over the 121 pages with `aeb_eval.py`.
const EXTRACTION_F1_FLOOR: f64 = 0.96;

#[test]
fn article_extraction_on_the_benchmark_stays_above_its_floor() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(root.join("../shared/tools/aeb_eval.py"))
        .args(["--bin", env!("CARGO_BIN_EXE_tidings"), "--json", "--data"])
        .arg(common::shared_data().join("extraction/aeb"))
        .output()
        .expect("python3 runs aeb_eval.py");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scores: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(scores["failed_runs"], 0, "{scores}");
    let f1 = scores["f1"].as_f64().expect("an F1");
    assert!(
        f1 >= EXTRACTION_F1_FLOOR,
        "extraction F1 {f1} under {EXTRACTION_F1_FLOOR}: {scores}"
    );
}
