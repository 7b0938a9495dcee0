//! The library on the bundled sample: import, search, related stories, versioned index.
mod common;

use common::{sample_library, seed_id};
use tidings::entities::Recognizer;
use tidings::import;

#[test]
fn searching_takaichi_finds_seeds_000_and_001() {
    let dir = tempfile::tempdir().unwrap();
    let library = sample_library(dir.path());
    let results = library.search("Takaichi", 10).unwrap();
    let mut ids: Vec<String> = results.hits.iter().map(|h| h.summary.id.clone()).collect();
    ids.sort();
    let mut expected = vec![seed_id("000"), seed_id("001")];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(results.total, 2);
}

#[test]
fn a_word_being_typed_stands_for_the_words_it_begins() {
    let dir = tempfile::tempdir().unwrap();
    let library = sample_library(dir.path());
    let typing = library.search_as_you_type("Takai", 10).unwrap();
    let words: Vec<&str> = typing.completions.iter().map(|c| c.word.as_str()).collect();
    assert_eq!(words, ["takai", "takaichi"]);
    assert_eq!(typing.total, 2, "the two seeds naming Takaichi");
    let first = &typing.hits[0];
    assert!(
        first.snippet.contains("Takaichi") && !first.matched.is_empty(),
        "the snippet is cut around the completion and marks it: {first:?}"
    );
    let whole = library.search("Takai", 10).unwrap();
    assert_eq!((whole.total, whole.completions.len()), (0, 0));
}

#[test]
fn related_pane_of_002_lists_the_other_three_stories() {
    let dir = tempfile::tempdir().unwrap();
    let library = sample_library(dir.path());
    let article = library.get(&seed_id("002")).unwrap().unwrap();
    let related = tidings::related::related(&library, library.countries(), &article, 8).unwrap();
    let mut ids: Vec<String> = related.iter().map(|r| r.summary.id.clone()).collect();
    ids.sort();
    // 000 and 001 are one AP story: one entry, whichever copy scored best.
    let ap = ids
        .iter()
        .position(|id| *id == seed_id("000") || *id == seed_id("001"));
    let ap = ids.remove(ap.expect("the AP story is listed"));
    let mut others = vec![seed_id("003"), seed_id("004")];
    others.sort();
    assert_eq!(ids, others);
    let ap_entry = related.iter().find(|r| r.summary.id == ap).unwrap();
    assert_eq!(ap_entry.summary.copies, 1);
    assert!(
        related.iter().all(|r| r.reason.starts_with("shares ")),
        "{related:?}"
    );
}

#[test]
fn entity_queries_use_canonical_names_and_country_codes() {
    let dir = tempfile::tempdir().unwrap();
    let library = sample_library(dir.path());
    // Seed 002 spells the name "Lee Jae-myung", the others "Lee Jae Myung": all five match.
    assert_eq!(
        library
            .search("person:\"Lee Jae-myung\"", 10)
            .unwrap()
            .total,
        5
    );
    assert_eq!(
        library
            .search("person:\"Lee Jae Myung\"", 10)
            .unwrap()
            .total,
        5
    );
    // One word of a name finds the person, whichever of its spellings an article has.
    let total = |query| library.search(query, 10).unwrap().total;
    assert_eq!(total("person:Takaichi"), 2);
    assert_eq!(total("person:Takaichi"), total("person:\"Sanae Takaichi\""));
    assert_eq!(total("person:myung"), 5);
    // As it is typed, a person's word stands for the words of names it begins.
    let typing = library.search_as_you_type("person:Takai", 10).unwrap();
    assert_eq!(typing.total, 2);
    let words: Vec<&str> = typing.completions.iter().map(|c| c.word.as_str()).collect();
    assert_eq!(words, ["takai", "takaichi"]);
    assert_eq!(
        total("person:Takai"),
        0,
        "searched whole, it is no word of a name"
    );
    assert_eq!(library.search("country:Japanese", 10).unwrap().total, 5);
    assert_eq!(library.search("country:KR -Takaichi", 10).unwrap().total, 3);
    // Busan is named only in seed 002.
    let busan = library.search("place:Busan", 10).unwrap();
    assert_eq!(
        busan
            .hits
            .iter()
            .map(|h| h.summary.id.clone())
            .collect::<Vec<_>>(),
        [seed_id("002")]
    );
}

#[test]
fn reimporting_adds_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let recognizer = Recognizer::load();
    let mut library = import::open_library(dir.path(), || &recognizer).unwrap();
    let sample = vec![common::sample_dir()];
    let first =
        import::import_paths(&mut library, &recognizer, &sample, None, Default::default()).unwrap();
    let second =
        import::import_paths(&mut library, &recognizer, &sample, None, Default::default()).unwrap();
    assert_eq!((first.imported, second.imported, second.skipped), (5, 0, 5));
    assert_eq!(library.len(), 5);
    drop(library);
    // Opening a library of the current format needs no recognizer: none is loaded.
    let reopened = import::open_library(dir.path(), || -> Recognizer {
        panic!("loaded a recognizer")
    })
    .unwrap();
    assert_eq!(reopened.len(), 5);
}

#[test]
fn seeds_keep_their_headline_date_and_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let library = sample_library(dir.path());
    let get = |prefix: &str| library.get(&seed_id(prefix)).unwrap().unwrap();
    assert_eq!(
        get("003").title,
        "Japan, South Korea leaders vow to boost ties in 1st in-person meeting"
    );
    let seed_001 = get("001");
    assert_eq!(seed_001.date.as_deref(), Some("2025-10-30"));
    assert!(
        seed_001
            .title
            .starts_with("South Korean President Lee Jae Myung and Japan’s new Prime Minister"),
        "{}",
        seed_001.title
    );
    assert!(
        get("002")
            .title
            .starts_with("Japan’s outgoing prime minister"),
        "{}",
        get("002").title
    );
    assert_eq!(get("000").source, "AP");
    assert_eq!(get("003").source, "KYODO");
}

/// An index of format version 0 in `data_dir`, holding `(id, body)` articles.
fn old_index(data_dir: &std::path::Path, articles: &[(&str, &str)]) -> std::path::PathBuf {
    use tantivy::schema::{Schema, STORED, STRING, TEXT};
    let old_dir = data_dir.join("index-v0");
    std::fs::create_dir_all(&old_dir).unwrap();
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    let index = tantivy::Index::create_in_dir(&old_dir, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    for &(article, text) in articles {
        writer
            .add_document(tantivy::doc!(id => article, title => "Old story", body => text))
            .unwrap();
    }
    writer.commit().unwrap();
    old_dir
}

#[test]
fn an_index_of_an_older_format_is_rebuilt_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let old_dir = old_index(
        dir.path(),
        &[("old-1", "Prime Minister Shigeru Ishiba visited Seoul.")],
    );
    let library = import::open_library(dir.path(), Recognizer::load).unwrap();
    let article = library
        .get("old-1")
        .unwrap()
        .expect("the old article was carried over");
    assert!(
        article.people().contains(&"Shigeru Ishiba".to_string()),
        "{:?}",
        article.entities
    );
    assert!(
        !old_dir.exists(),
        "the old index folder is removed once rebuilt"
    );
}

#[test]
fn a_rebuild_cut_short_carries_on_at_the_next_open_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let stories = [
        ("old-1", "Lee Jae-myung met Sanae Takaichi."),
        ("old-2", "Shigeru Ishiba visited Seoul."),
        ("old-3", "Busan hosted the summit."),
    ];
    let old_dir = old_index(dir.path(), &stories);
    // What a rebuild killed after its first commit leaves: part of the articles in the new
    // index, and the old one still there.
    let (mut library, older) = tidings::library::Library::open(dir.path()).unwrap();
    assert_eq!(older.len(), 1);
    drop(older);
    let mut first = tidings::article::Article {
        id: "old-1".into(),
        title: "Old story".into(),
        body: stories[0].1.into(),
        ..Default::default()
    };
    library.add(&mut first).unwrap();
    library.commit().unwrap();
    drop(library);

    let library = import::open_library(dir.path(), Recognizer::load).unwrap();
    for (id, _) in stories {
        assert!(library.get(id).unwrap().is_some(), "{id} was lost");
    }
    assert_eq!(library.len(), 3, "nothing twice");
    assert!(!old_dir.exists(), "removed once the rebuild is complete");
}

#[test]
fn seed_boilerplate_is_set_aside_and_no_line_is_lost() {
    // The first and the last line of each story, which must stay in the body.
    let story_lines = [
        ("South Korean President Lee Jae Myung and Japan", "contributed from Tokyo."),
        ("SEOUL, South Korea — Japan’s outgoing", "contributed to this report."),
        ("Japanese Prime Minister Shigeru Ishiba and South Korean President Lee Jae Myung agreed", "The predecessors of Ishiba and Lee"),
        ("The leaders of Japan and South Korea met on Saturday", "working holiday program"),
    ];
    let marker = regex::Regex::new(r"\bdate \d{4}-\d{2}-\d{2}\b").unwrap();
    for entry in std::fs::read_dir(common::sample_dir()).unwrap() {
        let raw = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let article = tidings::ingest::text::parse(&raw).unwrap();
        let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
        let (first, last) = (paragraphs[0], paragraphs[paragraphs.len() - 1]);
        assert!(
            story_lines
                .iter()
                .any(|(start, end)| first.contains(start) && last.contains(end)),
            "the story of {} is cut: starts {first:?}, ends {last:?}",
            article.title
        );
        for line in raw
            .lines()
            .map(|l| marker.replace(l, "").trim().to_string())
            .filter(|l| !l.is_empty())
        {
            let kept = article.title == line
                || article.body.split("\n\n").any(|p| p == line)
                || article.removed.contains(&line);
            assert!(kept, "line lost from {}: {line}", article.title);
        }
        for chrome in [
            "Audio By Carbonatix",
            "Try Our AI Features",
            "Related Articles",
            "Your support helps us",
            "See the Full Program Guide",
            "Please read our comment policy",
            "Japan Today5 hours ago",
            "Published in News & Features",
            "Distributed by Tribune Content Agency",
            "(L) and South Korean President",
        ] {
            assert!(
                !article.body.contains(chrome),
                "'{chrome}' left in the body of {}",
                article.title
            );
        }
    }
}

#[test]
fn list_entries_give_their_ids_from_every_segment_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = sample_library(dir.path());
    let file = dir.path().join("more.jsonl");
    let lines: Vec<String> = (0..40)
        .map(|i| serde_json::json!({"id": format!("more-{i:02}"), "title": format!("Story {i}"), "date": "2025-06-01", "body": format!("Prices rose by {i} points in a quiet session.")}).to_string())
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let recognizer = Recognizer::load();
    import::import_paths(&mut library, &recognizer, &[file], None, Default::default()).unwrap();
    let entries = library.story_entries().unwrap();
    let segments: std::collections::BTreeSet<u32> =
        entries.iter().map(|e| e.address.segment_ord).collect();
    assert!(
        segments.len() > 1,
        "the sample and the import are two segments"
    );
    let stored: Vec<String> = library
        .summaries(&entries)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(library.ids_of(&entries).unwrap(), stored);
    let some: Vec<_> = entries.iter().rev().step_by(3).copied().collect();
    let expected: Vec<String> = stored.iter().rev().step_by(3).cloned().collect();
    assert_eq!(library.ids_of(&some).unwrap(), expected);
}
