//! Shared helpers for the integration tests: seed files, temp libraries, the binary.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled sample: the five seed articles.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// `../shared/data`, which evaluations need; fails with a message when it is missing.
pub fn shared_data() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        dir.is_dir(),
        "this test needs ../shared/data beside the project (see the README)"
    );
    dir
}

/// The id tidings gives the seed whose file name starts with `prefix` ("000").
pub fn seed_id(prefix: &str) -> String {
    let file = std::fs::read_dir(sample_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    tidings::ingest::text::parse(&std::fs::read_to_string(file).unwrap())
        .unwrap()
        .id
}

/// Runs the real binary with its library in `data_dir`.
pub fn tidings(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .env("TIDINGS_DATA_DIR", data_dir)
        .env("TIDINGS_CONFIG", data_dir.join("no-config.toml"))
        .output()
        .expect("the tidings binary runs")
}

/// Runs the binary and returns its stdout, failing the test on a non-zero exit.
pub fn tidings_ok(data_dir: &Path, args: &[&str]) -> String {
    let output = tidings(data_dir, args);
    assert!(
        output.status.success(),
        "tidings {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A library in a temporary folder holding the bundled sample.
pub fn sample_library(dir: &Path) -> tidings::library::Library {
    let recognizer = tidings::entities::Recognizer::load();
    let mut library = tidings::import::open_library(dir, || &recognizer).unwrap();
    tidings::import::import_sample(&mut library, &recognizer).unwrap();
    library
}

/// The reader drawn once on a `TestBackend` of this size.
pub fn render(app: &tidings::tui::App, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}
