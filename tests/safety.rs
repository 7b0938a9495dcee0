//! Nothing lost, nothing injected: imports killed at random moments, a second writer,
//! and hostile text that must never reach the terminal as control sequences.
mod common;

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A JSONL file of `count` distinct articles.
fn corpus(dir: &std::path::Path, count: usize) -> std::path::PathBuf {
    let path = dir.join("corpus.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..count {
        let body = format!("Report number {i} from the capital. Prime Minister Jane Doe{i} met officials in Paris and Tokyo on Monday to discuss trade worth {i} million dollars. The talks will continue next week, officials said.");
        writeln!(file, "{}", serde_json::json!({"id": format!("a{i}"), "title": format!("Story {i}"), "date": "2025-10-30", "source": "Wire", "body": body})).unwrap();
    }
    path
}

fn import_command(data: &std::path::Path, corpus: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tidings"));
    command
        .args(["import", corpus.to_str().unwrap()])
        .env("TIDINGS_DATA_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Ids in the library, through the real binary, failing on any duplicate.
fn ids_in(data: &std::path::Path) -> HashSet<String> {
    let stats: serde_json::Value =
        serde_json::from_str(&common::tidings_ok(data, &["stats", "--json"])).unwrap();
    let count = stats["articles"].as_u64().unwrap() as usize;
    let hits = common::tidings_ok(data, &["search", "capital", "--limit", "100000", "--json"]);
    let ids: Vec<String> = hits
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let unique: HashSet<String> = ids.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "an article is in the library twice"
    );
    assert_eq!(unique.len(), count, "every article is searchable");
    unique
}

#[test]
fn imports_killed_at_random_moments_never_corrupt_the_library() {
    // More than one commit batch (20,000), so kills land between commits too.
    const ARTICLES: usize = 25_000;
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), ARTICLES);
    let data = dir.path().join("library");
    // How long a whole import takes here, to spread the kills over it.
    let started = Instant::now();
    let full = import_command(&dir.path().join("timing"), &corpus)
        .status()
        .unwrap();
    assert!(full.success());
    let duration = started.elapsed();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut previous = 0;
    for kill in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let after = duration.mul_f64(0.05 + (seed % 1000) as f64 / 1000.0 * 0.9);
        let mut child = import_command(&data, &corpus).spawn().unwrap();
        std::thread::sleep(after);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let ids = ids_in(&data);
        assert!(
            ids.len() >= previous,
            "kill {kill}: committed articles were lost ({} < {previous})",
            ids.len()
        );
        previous = ids.len();
    }
    let finish = import_command(&data, &corpus).output().unwrap();
    assert!(
        finish.status.success(),
        "{}",
        String::from_utf8_lossy(&finish.stderr)
    );
    assert_eq!(
        ids_in(&data).len(),
        ARTICLES,
        "importing again completes the library"
    );
}

#[test]
fn a_second_writer_is_told_the_library_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 30_000);
    let data = dir.path().join("library");
    let mut first = import_command(&data, &corpus).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let second = import_command(&data, &corpus).output().unwrap();
    let first_status = first.wait().unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(first_status.success());
    assert!(
        !second.status.success(),
        "the second import waited for nothing"
    );
    assert!(
        stderr.contains("another tidings is writing to this library"),
        "{stderr}"
    );
    assert!(
        !stderr.to_lowercase().contains("lock"),
        "no raw lock error: {stderr}"
    );
    assert_eq!(ids_in(&data).len(), 30_000);
}

const HOSTILE: &str = "Evil \u{1b}[31mred\u{1b}[0m \u{1b}]0;pwned\u{7} \u{1b}]52;c;SGVsbG8=\u{1b}\\ \u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\ bell\u{7} back\u{8}space cr\rreturn \u{202e}reversed\u{202c} nul\u{0} zero\u{200b}width e\u{301} 日本語 👍🏽";

#[test]
fn hostile_text_never_reaches_the_terminal_as_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.txt");
    let long_line = "word ".repeat(2_000_000);
    std::fs::write(
        &file,
        format!("{HOSTILE} headline here\n\n{HOSTILE}\n\n{long_line}\n"),
    )
    .unwrap();
    let data = dir.path().join("library");
    common::tidings_ok(&data, &["import", file.to_str().unwrap()]);
    let library =
        tidings::import::open_library(&data, &tidings::entities::Recognizer::load()).unwrap();
    let mut app = tidings::tui::App::new(library, tidings::config::Config::default()).unwrap();
    for (width, height) in [(160, 45), (80, 24), (20, 5)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        for cell in terminal.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(tidings::text::is_unsafe),
                "control character on screen: {:?}",
                cell.symbol()
            );
        }
    }
    app.handle_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('q'),
        crossterm::event::KeyModifiers::NONE,
    ));
    let shown = common::tidings_ok(&data, &["search", "Evil", "--json"]);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains("\\u001b"),
        "{shown}"
    );
}

#[test]
fn hostile_stdin_for_entities_is_answered_without_escapes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["entities", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(HOSTILE.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(
        !printed
            .chars()
            .any(|c| tidings::text::is_unsafe(c) && c != '\n' && c != '\t'),
        "{printed:?}"
    );
}
