//! Evaluations on ../shared/data with floors just under the measured scores, so a
//! regression fails and an honest gain can raise the floor.
mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// Measured on eng.testa with conlleval.py: PER 91.2, LOC 93.1 (see the README).
const PER_FLOOR: f64 = 0.905;
const LOC_FLOOR: f64 = 0.925;

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
    common::tidings_ok(
        out.path(),
        &[
            "train-ner",
            "--train",
            train.to_str().unwrap(),
            "--out",
            model.to_str().unwrap(),
        ],
    );
    let committed =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ner.model.gz"))
            .unwrap();
    assert!(
        std::fs::read(model).unwrap() == committed,
        "assets/ner.model.gz differs from a fresh `tidings train-ner`"
    );
}
