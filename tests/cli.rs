//! The real binary, as scripts and users run it.
mod common;

use common::{sample_dir, seed_id, tidings, tidings_ok};

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn import_search_show_related_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let summary = tidings_ok(
        dir.path(),
        &["import", sample_dir().to_str().unwrap(), "--json"],
    );
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(summary["imported"], 5);

    let hits = json_lines(&tidings_ok(dir.path(), &["search", "Takaichi", "--json"]));
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&seed_id("000").as_str()) && ids.contains(&seed_id("001").as_str()));
    for key in ["id", "title", "source", "date", "score", "snippet"] {
        assert!(hits[0].get(key).is_some(), "search JSON lacks {key}");
    }

    let shown: serde_json::Value = serde_json::from_str(&tidings_ok(
        dir.path(),
        &["show", &seed_id("002"), "--json"],
    ))
    .unwrap();
    let people: Vec<&str> = shown["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "person")
        .map(|e| e["canonical"].as_str().unwrap())
        .collect();
    assert!(
        people.contains(&"Shigeru Ishiba") && people.contains(&"Lee Jae-myung"),
        "{people:?}"
    );

    let related = json_lines(&tidings_ok(
        dir.path(),
        &["related", &seed_id("002"), "--json"],
    ));
    // The AP story's two copies are one entry, with its group and the other copy counted.
    assert_eq!(related.len(), 3);
    let ap = related.iter().find(|r| r["source"] == "AP").unwrap();
    assert_eq!(ap["copies"], 1);
    // The text output says so too.
    let text = tidings_ok(dir.path(), &["related", &seed_id("002")]);
    let ap_line = text
        .lines()
        .find(|l| l.starts_with(ap["id"].as_str().unwrap()));
    assert!(
        ap_line.is_some_and(|l| l.ends_with("; 1 more source)")),
        "{text}"
    );
    // The group is named by its first copy: one of the two AP seeds.
    let group = ap["story"].as_str().unwrap().to_string();
    assert!([seed_id("000"), seed_id("001")].contains(&group), "{group}");
    for key in [
        "id",
        "title",
        "source",
        "date",
        "score",
        "reason",
        "same_story",
        "story",
        "copies",
    ] {
        assert!(related[0].get(key).is_some(), "related JSON lacks {key}");
    }
}

#[test]
fn entities_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let text = "South Korean President Lee Jae-myung met Japan’s Sanae Takaichi in Tokyo on Oct. 21, 2025; tariffs fell 25%.";
    let file = dir.path().join("text.txt");
    std::fs::write(&file, text).unwrap();
    let out = tidings_ok(dir.path(), &["entities", file.to_str().unwrap(), "--json"]);
    let entities: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for e in &entities {
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[start..end].iter().collect::<String>(),
            e["text"].as_str().unwrap(),
            "offsets count chars"
        );
    }
    let find = |kind: &str, text: &str| {
        entities
            .iter()
            .find(|e| e["kind"] == kind && e["text"] == text)
            .unwrap_or_else(|| panic!("{kind} {text} in {out}"))
    };
    assert_eq!(find("country", "South Korean")["canonical"], "KR");
    assert_eq!(find("country", "Japan")["canonical"], "JP");
    assert_eq!(
        find("person", "Lee Jae-myung")["canonical"],
        "Lee Jae-myung"
    );
    find("person", "Sanae Takaichi");
    assert_eq!(find("figure", "Oct. 21, 2025")["subtype"], "date");
    assert_eq!(find("figure", "25%")["subtype"], "percent");
}

#[test]
fn bad_files_are_reported_by_name_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("binary.txt"), b"\x00\x01\x02garbage").unwrap();
    std::fs::write(
        inputs.join("latin1.txt"),
        b"Caf\xe9 owners in Paris said prices rose again this week.",
    )
    .unwrap();
    std::fs::write(
        inputs.join("records.jsonl"),
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"Alpha text.\"}\n{broken\n",
    )
    .unwrap();
    std::fs::copy(
        sample_dir().join("004_d2a5567b2d8e0d99.txt"),
        inputs.join("good.txt"),
    )
    .unwrap();
    let output = tidings(dir.path(), &["import", inputs.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("binary.txt: binary file"), "{stderr}");
    assert!(
        stderr.contains("latin1.txt: invalid UTF-8 at byte 3"),
        "{stderr}"
    );
    assert!(stderr.contains("records.jsonl: line 2:"), "{stderr}");
    assert!(stdout.starts_with("imported 2,"), "{stdout}");
}

#[test]
fn a_bad_query_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    tidings_ok(dir.path(), &["import", sample_dir().to_str().unwrap()]);
    let output = tidings(dir.path(), &["search", "country:Atlantis"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown country 'Atlantis'"));
}

#[test]
fn a_bad_config_is_an_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nrelated_limt = 3\n").unwrap();
    let seed = common::sample_dir().join("002_bcae3c17cc8b8aff.txt");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("import")
        .arg(seed)
        .env("TIDINGS_DATA_DIR", dir.path())
        .env("TIDINGS_CONFIG", &config)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("config.toml") && stderr.contains("related_limt"),
        "{stderr}"
    );
}

#[test]
fn extract_gives_the_article_of_a_page_or_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let para = "The two leaders met in Gyeongju on Thursday and agreed to keep talking about trade and security. ";
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        format!("<html><head><title>Leaders meet</title></head><body><nav>Home | World | Sport</nav><article><p>{}</p><p>{}</p></article></body></html>", para.repeat(3), para.repeat(2)),
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&common::tidings_ok(
        dir.path(),
        &["extract", page.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(json["title"], "Leaders meet");
    assert!(
        json["body"]
            .as_str()
            .unwrap()
            .starts_with("The two leaders"),
        "{json}"
    );
    assert!(!json["body"].as_str().unwrap().contains("Sport"), "{json}");

    let seed = common::sample_dir().join("001_8eebe78d4c51217c.txt");
    let json: serde_json::Value = serde_json::from_str(&common::tidings_ok(
        dir.path(),
        &["extract", seed.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    for key in ["title", "body", "date", "source", "url"] {
        assert!(json.get(key).is_some(), "no {key} in {json}");
    }
    assert!(
        !json["body"].as_str().unwrap().contains("donation"),
        "{json}"
    );

    let binary = dir.path().join("x.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3]).unwrap();
    let output = common::tidings(dir.path(), &["extract", binary.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("x.bin"));

    // The page imports as an article too, found by its words.
    common::tidings_ok(dir.path(), &["import", page.to_str().unwrap()]);
    assert!(common::tidings_ok(dir.path(), &["search", "Gyeongju"]).contains("Leaders meet"));
}

#[test]
fn completions_man_page_and_default_config_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let bash = common::tidings_ok(dir.path(), &["completions", "bash"]);
    assert!(
        bash.contains("_tidings") && bash.contains("import"),
        "{bash}"
    );
    assert!(common::tidings_ok(dir.path(), &["completions", "zsh"]).contains("#compdef tidings"));
    let man = common::tidings_ok(dir.path(), &["man"]);
    assert!(
        man.contains(".TH tidings 1") && man.contains("sync"),
        "{man}"
    );
    let example = common::tidings_ok(dir.path(), &["config"]);
    let config: tidings::config::Config = toml::from_str(&example).unwrap();
    assert_eq!(config, tidings::config::Config::default());
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    // Far more entity lines than a pipe holds, so that the command is still writing
    // when the reader goes, as with `tidings entities big.txt | head -1`.
    let first_seed = std::fs::read_dir(sample_dir()).unwrap().next().unwrap();
    let seed = std::fs::read_to_string(first_seed.unwrap().path()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["entities", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = seed.repeat(300);
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    writer.join().unwrap().unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit status {}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
