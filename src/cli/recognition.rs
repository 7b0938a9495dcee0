//! Commands of the recognizer: `entities`, `ner` (CoNLL tagging), `train-ner`.
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::entities::{train, Recognizer};
use crate::text::sanitize;

pub fn entities(file: Option<&Path>, json: bool) -> Result<()> {
    let mut text = String::new();
    match file {
        Some(path) if path != Path::new("-") => {
            text = crate::ingest::read_text(path)
                .with_context(|| format!("cannot read '{}'", path.display()))?
        }
        _ => {
            std::io::stdin()
                .read_to_string(&mut text)
                .context("standard input is not UTF-8 text")?;
        }
    }
    let found = Recognizer::load().recognize(&text);
    if json {
        outln!("{}", serde_json::to_string(&found)?)?;
    } else {
        for e in found {
            // The text given may hold escape sequences: never print them raw.
            let detail = sanitize(e.subtype.as_deref().unwrap_or(&e.canonical));
            let text = sanitize(&e.text);
            outln!(
                "{}\t{text}\t{}..{}\t{detail}",
                e.kind.label(),
                e.start,
                e.end
            )?;
        }
    }
    Ok(())
}

pub fn ner(conll: &Path) -> Result<()> {
    let recognizer = Recognizer::load();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    train::tag_conll(recognizer.tagger(), conll, &mut out)
        .with_context(|| format!("cannot tag '{}'", conll.display()))?;
    Ok(out.flush()?)
}

pub fn train_ner(train_file: &Path, epochs: usize, out: &Path, words: &Path) -> Result<()> {
    let documents = train::read_conll(train_file)
        .with_context(|| format!("cannot read '{}'", train_file.display()))?;
    if documents.is_empty() {
        bail!("'{}' holds no CoNLL sentences", train_file.display());
    }
    eprintln!("training on {} documents, {epochs} epochs", documents.len());
    let tagger = train::train(&documents, epochs, |step| eprintln!("{step}"));
    std::fs::write(out, tagger.to_gzip())
        .with_context(|| format!("cannot write '{}'", out.display()))?;
    eprintln!("wrote {}", out.display());
    let list = train::common_words(&documents);
    let text = format!(
        "{}{}\n",
        crate::entities::COMMON_WORDS_HEADER,
        list.join("\n")
    );
    std::fs::write(words, text).with_context(|| format!("cannot write '{}'", words.display()))?;
    eprintln!("wrote {} ({} words)", words.display(), list.len());
    Ok(())
}
