//! Real feeds: every file of `../shared/data/feeds` (the archive of well-formed cases
//! unpacked too) is parsed or rejected with a one-line reason, never a panic; feed-rs's
//! fixtures give the items their expected parse lists; undeclared encodings are detected.
mod common;

use std::path::{Path, PathBuf};

use tidings::ingest::{self, decode, Contents};

fn feeds_dir() -> PathBuf {
    common::shared_data().join("feeds")
}

/// Every file under the feeds folder, and the cases of `wellformed.tar.gz` unpacked into `into`.
fn all_feed_files(into: &Path) -> Vec<PathBuf> {
    let archive = feeds_dir().join("feedparser-tests/wellformed.tar.gz");
    let file = std::fs::File::open(&archive).expect("the well-formed feed archive");
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(into)
        .expect("unpacked");
    let mut files = Vec::new();
    for root in [feeds_dir(), into.to_path_buf()] {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.expect("readable");
            if entry.file_type().is_file() && !entry.path().to_string_lossy().contains("LICENSE") {
                files.push(entry.into_path());
            }
        }
    }
    files
}

/// Reads a file to the end: `Ok(articles)` or the first reason it was refused.
fn read_all(path: &Path) -> Result<usize, String> {
    match ingest::read_file(path, None).map_err(|e| e.to_string())? {
        Contents::Articles(records) | Contents::FeedItems(_, records) => {
            let mut articles = 0;
            for record in records {
                match record {
                    Ok(_) => articles += 1,
                    Err(ingest::IngestError::NoText) => {}
                    Err(e) => return Err(e.to_string()),
                }
            }
            Ok(articles)
        }
        Contents::Feeds(feeds) => Ok(feeds.len()),
    }
}

#[test]
fn every_feed_file_is_parsed_or_rejected_with_a_reason() {
    let unpacked = tempfile::tempdir().unwrap();
    let files = all_feed_files(unpacked.path());
    let (mut parsed, mut rejected, mut panicked) = (0, Vec::new(), Vec::new());
    for path in &files {
        match std::panic::catch_unwind(|| read_all(path)) {
            Ok(Ok(_)) => parsed += 1,
            Ok(Err(reason)) => rejected.push((path.clone(), reason)),
            Err(_) => panicked.push(path.clone()),
        }
    }
    eprintln!(
        "{} files: {parsed} parsed, {} rejected, {} panics",
        files.len(),
        rejected.len(),
        panicked.len()
    );
    assert!(panicked.is_empty(), "panics on {panicked:?}");
    assert!(files.len() > 1_900, "only {} files found", files.len());
    for (path, reason) in &rejected {
        assert!(
            !reason.is_empty() && !reason.contains('\n'),
            "{}: {reason:?}",
            path.display()
        );
    }
    // Measured: 1,890 of 2,005 parsed; the rejected are broken on purpose, OPML lists
    // without feeds, and feed-rs's expected-output JSON files.
    assert!(parsed >= 1_880, "only {parsed} parsed");
}

#[test]
fn feed_rs_fixtures_give_their_expected_items() {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(feeds_dir().join("feed-rs-fixtures")) {
        let expected_path = entry.unwrap().into_path();
        let name = expected_path.to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".serde.json") else {
            continue;
        };
        let Some(feed_path) = ["xml", "json"]
            .iter()
            .map(|ext| PathBuf::from(format!("{stem}.{ext}")))
            .find(|p| p.exists())
        else {
            continue;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        let entries = expected["entries"].as_array().expect("entries");
        let feed = ingest::feed::parse(&std::fs::read(&feed_path).unwrap(), None, &name)
            .unwrap_or_else(|e| panic!("{}: {e}", feed_path.display()));
        assert_eq!(feed.items.len(), entries.len(), "{}", feed_path.display());
        for (item, entry) in feed.items.iter().zip(entries) {
            let (Ok(article), Some(title)) = (item, entry["title"]["content"].as_str()) else {
                continue;
            };
            let words = |s: &str| {
                ingest::html::fragment_to_text(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(article.title, words(title), "{}", feed_path.display());
        }
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} fixtures checked");
}

/// `Expect: … encoding == 'big5'` and `Header: Content-type: …; charset=X` of a test case.
fn expectation(text: &str) -> (Option<String>, Option<String>) {
    let find = |key: &str| {
        text.lines().find_map(|l| {
            l.trim()
                .strip_prefix(key)
                .map(str::trim)
                .map(str::to_string)
        })
    };
    let encoding = find("Expect:").and_then(|e| {
        e.split("encoding == '")
            .nth(1)
            .map(|r| r.trim_end_matches('\'').to_string())
    });
    let charset = find("Header:").and_then(|h| {
        let lower = h.to_lowercase();
        let at = lower.find("charset")?;
        let value = lower[at..]
            .split('=')
            .nth(1)?
            .trim()
            .trim_matches(['"', '\''])
            .to_string();
        Some(value.split([';', ' ']).next()?.to_string())
    });
    (encoding, charset)
}

/// Decoding with `got` gives the text `expected` would: the same encoding, one its
/// superset (GB18030 of GBK, KOI8-U of KOI8-R), or any ASCII-compatible one for ASCII bytes.
fn same_encoding(got: &str, expected: &str, ascii: bool) -> bool {
    let canonical = |n: &str| {
        let name = encoding_rs::Encoding::for_label(n.as_bytes())
            .map_or(n.to_lowercase(), |e| e.name().to_lowercase());
        match name.as_str() {
            "gb18030" => "gbk".to_string(),
            "koi8-u" => "koi8-r".to_string(),
            _ => name,
        }
    };
    let wide = |n: &str| n.to_lowercase().replace(['-', '_'], "");
    canonical(got) == canonical(expected)
        || wide(got).starts_with(&wide(expected))
        || (ascii
            && ["us-ascii", "utf-8", "windows-1252"].contains(&expected.to_lowercase().as_str()))
}

#[test]
fn undeclared_and_declared_encodings_are_decoded() {
    let dirs = [
        "feedparser-tests/illformed/chardet",
        "feedparser-tests/encoding",
    ];
    let (mut right, mut wrong) = (0, Vec::new());
    for dir in dirs {
        for entry in std::fs::read_dir(feeds_dir().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let shown = decode::decode(&bytes, None).text;
            let (Some(expected), charset) = expectation(&shown) else {
                continue;
            };
            let got = decode::decode(&bytes, charset.as_deref()).encoding;
            if same_encoding(got, &expected, bytes.is_ascii()) {
                right += 1
            } else {
                wrong.push(format!("{}: {got} for {expected}", path.display()));
            }
        }
    }
    eprintln!(
        "encodings: {right} right, {} wrong: {wrong:#?}",
        wrong.len()
    );
    assert!(
        right >= 68 && wrong.len() <= 2,
        "{right} right; wrong: {wrong:#?}"
    );
}
