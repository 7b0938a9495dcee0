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
        tidings::import::open_library(&data, tidings::entities::Recognizer::load).unwrap();
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

/// Each kind of hostile text, alone: `(kind, text)`.
const HOSTILE_KINDS: &[(&str, &str)] = &[
    ("CSI colour", "\u{1b}[31mred\u{1b}[0m"),
    (
        "CSI cursor moves and clear",
        "\u{1b}[2J\u{1b}[10;10H\u{1b}[1A\u{1b}[?1049l",
    ),
    ("OSC window title", "\u{1b}]0;pwned\u{7}"),
    ("OSC 52 clipboard", "\u{1b}]52;c;SGVsbG8=\u{1b}\\"),
    (
        "OSC 8 link",
        "\u{1b}]8;;http://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\",
    ),
    ("BEL", "ring\u{7}ring"),
    ("backspace", "over\u{8}\u{8}write"),
    ("carriage return", "hidden\rshown"),
    (
        "bidi overrides",
        "\u{202e}desrever\u{202c} \u{2066}isolate\u{2069}",
    ),
    ("NUL", "nul\u{0}byte"),
    ("C1 controls", "\u{9b}31m\u{9d}0;title\u{9c}"),
    ("zero-width", "zero\u{200b}width\u{200d}joiner\u{feff}"),
    (
        "combining",
        "e\u{301}e\u{301}e\u{301} Z\u{351}\u{34d}\u{32b}",
    ),
    ("wide CJK", "日本語の記事と한국어"),
    ("emoji", "👍🏽 👨‍👩‍👧 🇯🇵"),
];

/// An RSS feed, a web page and a JSONL record, each holding `text` in its title and body.
fn hostile_inputs(dir: &std::path::Path, kind: usize, text: &str) -> Vec<std::path::PathBuf> {
    let json = serde_json::to_string(text).unwrap();
    let words = "The leaders met on Tuesday and agreed to build on the recent thaw in relations.";
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
    let files = [
        (format!("k{kind}.jsonl"), format!("{{\"id\":\"j{kind}\",\"title\":{json},\"body\":{json}}}\n")),
        (
            format!("k{kind}.xml"),
            format!("<rss version=\"2.0\"><channel><title>{escaped}</title><item><title>{escaped} f{kind}</title><link>http://x/{kind}</link><description>{escaped} {words}</description></item></channel></rss>"),
        ),
        (
            format!("k{kind}.html"),
            format!("<html><head><title>{escaped} h{kind}</title></head><body><article><p>{escaped} {words} {words}</p><p>{words} {words} {words}</p></article></body></html>"),
        ),
    ];
    files
        .into_iter()
        .map(|(name, content)| {
            let path = dir.join(name);
            std::fs::write(&path, content).unwrap();
            path
        })
        .collect()
}

#[test]
fn each_kind_of_hostile_text_is_neutralised_from_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let recognizer = tidings::entities::Recognizer::load();
    for (kind, (name, text)) in HOSTILE_KINDS.iter().enumerate() {
        let mut library = tidings::library::Library::in_memory().unwrap();
        let inputs = hostile_inputs(dir.path(), kind, text);
        let summary = tidings::import::import_paths(
            &mut library,
            &recognizer,
            &inputs,
            None,
            Default::default(),
        )
        .unwrap();
        if text.contains('\0') {
            // A raw NUL makes a markup file binary: named and skipped. JSON escapes it.
            assert_eq!(summary.failed.len(), 2, "{name}: {:?}", summary.failed);
            assert!(summary
                .failed
                .iter()
                .all(|(_, reason)| reason.starts_with("binary file")));
            assert_eq!(summary.imported, 1, "{name}: the JSONL record");
        } else {
            assert!(summary.failed.is_empty(), "{name}: {:?}", summary.failed);
            // A record that is nothing but escape sequences has no text left, and says so.
            assert_eq!(
                summary.imported + summary.without_text,
                3,
                "{name}: each format read"
            );
            assert!(
                summary.imported >= 2,
                "{name}: the feed item and the page have words"
            );
        }
        let mut app = tidings::tui::App::new(library, tidings::config::Config::default()).unwrap();
        for _ in 0..summary.imported {
            for (width, height) in [(160, 45), (80, 24)] {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .unwrap();
                let buffer = terminal.backend().buffer();
                for cell in buffer.content() {
                    assert!(
                        !cell.symbol().chars().any(tidings::text::is_unsafe),
                        "{name}: {:?} on screen",
                        cell.symbol()
                    );
                }
                assert_borders_line_up(buffer, name);
            }
            app.handle_key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char('j'),
                crossterm::event::KeyModifiers::NONE,
            ));
        }
    }
}

/// Every pane's right border stands in the same column on every row: wide or zero-width
/// characters did not push the panes out of line.
fn assert_borders_line_up(buffer: &ratatui::buffer::Buffer, kind: &str) {
    let top: Vec<u16> = (0..buffer.area.width)
        .filter(|&x| buffer[(x, 0)].symbol() == "┐")
        .collect();
    for y in 1..buffer.area.height.saturating_sub(2) {
        for &x in &top {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                ["│", "┘", "┐", "┤"].contains(&symbol),
                "{kind}: row {y} column {x} holds {symbol:?}, not a border"
            );
        }
    }
}

#[test]
fn a_huge_article_and_a_huge_line_import_and_render() {
    let dir = tempfile::tempdir().unwrap();
    let many_lines = dir.path().join("many-lines.txt");
    let line = "A line of the article that goes on about the summit in Gyeongju.\n";
    std::fs::write(
        &many_lines,
        format!(
            "Headline of a very long article\n\n{}",
            line.repeat(100_000)
        ),
    )
    .unwrap();
    let long_line = dir.path().join("long-line.txt");
    std::fs::write(
        &long_line,
        format!(
            "Headline of a one-line article\n\n{}.\n",
            "word ".repeat(2_000_000)
        ),
    )
    .unwrap();
    let data = dir.path().join("library");
    let imported = common::tidings_ok(
        &data,
        &[
            "import",
            many_lines.to_str().unwrap(),
            long_line.to_str().unwrap(),
        ],
    );
    assert!(imported.starts_with("imported 2,"), "{imported}");
    let library =
        tidings::import::open_library(&data, tidings::entities::Recognizer::load).unwrap();
    let mut app = tidings::tui::App::new(library, tidings::config::Config::default()).unwrap();
    for row in 0..2 {
        app.stories.selected = row;
        let started = Instant::now();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        app.handle_key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('G'),
            crossterm::event::KeyModifiers::NONE,
        ));
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "rendering took {:?}",
            started.elapsed()
        );
        app.handle_key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('j'),
            crossterm::event::KeyModifiers::NONE,
        ));
    }
}

#[test]
fn bad_files_of_every_kind_are_named_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    // A gzip cut in half: the records before the cut are kept, the cut is reported.
    let records: String = (0..2_000)
        .map(|i| format!("{{\"id\":\"r{i}\",\"title\":\"Record {i}\",\"body\":\"Body number {i} of the truncated file.\"}}\n"))
        .collect();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(records.as_bytes()).unwrap();
    let gz = encoder.finish().unwrap();
    std::fs::write(inputs.join("cut.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("blank.txt"), "\n  \n\t\n").unwrap();
    std::fs::write(
        inputs.join("broken.xml"),
        "<rss version=\"2.0\"><channel><item><title>cut",
    )
    .unwrap();
    std::fs::write(
        inputs.join("noise.bin"),
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(inputs.join("list.opml"), "<opml><body><outline").unwrap();
    std::fs::copy(
        common::sample_dir().join("003_25a36b2e330e5d01.txt"),
        inputs.join("good.txt"),
    )
    .unwrap();
    let output = common::tidings(dir.path(), &["import", inputs.to_str().unwrap(), "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let failed: Vec<String> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}: {}", f[0].as_str().unwrap(), f[1].as_str().unwrap()))
        .collect();
    for (file, reason) in [
        ("cut.jsonl.gz", ""),
        ("empty.txt", "empty file"),
        ("blank.txt", "empty"),
        ("broken.xml", "not a feed"),
        ("noise.bin", "binary file"),
        ("list.opml", "broken XML"),
    ] {
        assert!(
            failed
                .iter()
                .any(|f| f.contains(file) && f.contains(reason) && !f.contains('\n')),
            "{file} not reported with '{reason}': {failed:#?}"
        );
    }
    let imported = summary["imported"].as_u64().unwrap();
    assert!(
        imported > 100 && imported < 2_001,
        "the records before the cut and the good file: {imported}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    // The reader runs in a pseudo-terminal made by script(1), which records what it wrote.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("library");
    let typescript = dir.path().join("typescript");
    let command = format!(
        "{} --data-dir {}",
        env!("CARGO_BIN_EXE_tidings"),
        data.display()
    );
    let mut script = Command::new("script")
        .args(["-qfec", &command])
        .arg(&typescript)
        .env("TIDINGS_CONFIG", dir.path().join("none.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("script(1) from util-linux runs");
    let written =
        || String::from_utf8_lossy(&std::fs::read(&typescript).unwrap_or_default()).into_owned();
    let started = Instant::now();
    while !written().contains("\u{1b}[?1049h") || !written().contains("\u{1b}[?1000h") {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the reader did not start: {:?}",
            written()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    // Anchored, so that script(1), whose command line holds the same words, is spared.
    let killed = Command::new("pkill")
        .args(["-TERM", "-f", &format!("^{command}")])
        .status()
        .unwrap();
    assert!(killed.success(), "no reader to signal");
    assert!(
        script.wait().unwrap().success(),
        "the reader left with an error"
    );
    let screen = written();
    let after_start = &screen[screen.rfind("\u{1b}[?1049h").unwrap()..];
    for (what, sequence) in [
        ("alternate screen left", "\u{1b}[?1049l"),
        ("mouse reports off", "\u{1b}[?1000l"),
        ("cursor shown", "\u{1b}[?25h"),
    ] {
        assert!(
            after_start.contains(sequence),
            "{what}: not in {:?}",
            &after_start[after_start.len().saturating_sub(300)..]
        );
    }
}
