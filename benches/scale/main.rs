//! The scale benchmark: tidings beside bare tantivy and SQLite (LIKE and FTS5) on the same
//! corpus, in one run, printing one table with ratios.
//!
//!   cargo bench --bench scale                         # 25k articles
//!   cargo bench --bench scale -- --articles 25000,250000
//!   cargo bench --bench scale -- --work DIR     # keep the corpora and indexes in DIR and
//!                                               # reuse them next time (query phases only)
//!
//! The corpus is Reuters-21578 + BBC News from ../shared/data/corpus, replicated to the
//! requested size: a replica takes each of its sentences from a random original, with some
//! words swapped, so texts are not copies of each other (see `corpus.rs`).
//! Every measurement runs in its own child process, so peak memory is per phase.
mod corpus;
mod phases;
mod report;

use std::path::{Path, PathBuf};
use std::process::Command;

use report::Metrics;

/// The allocator the `tidings` binary ships with, so tidings' phases measure what users run
/// (the baselines' phases run under it too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(phase) = args.first().filter(|a| a.starts_with("phase-")) {
        let metrics = phases::run(phase, &args[1..]);
        println!(
            "{}",
            serde_json::to_string(&metrics).expect("metrics serialize")
        );
        return;
    }
    let scales = option(&args, "--articles").unwrap_or_else(|| "25000".into());
    let temporary = tempfile::Builder::new()
        .prefix("tidings-bench")
        .tempdir()
        .expect("temp dir");
    let work =
        option(&args, "--work").map_or_else(|| temporary.path().to_path_buf(), PathBuf::from);
    println!(
        "tidings scale benchmark: {} cores; corpus Reuters-21578 + BBC News replicated",
        cores()
    );
    for scale in scales.split(',') {
        let articles: usize = scale.trim().parse().expect("--articles takes numbers");
        run_scale(articles, &work);
    }
}

fn run_scale(articles: usize, work: &Path) {
    let dir = work.join(articles.to_string());
    let reuse = dir.join("built").exists();
    std::fs::create_dir_all(&dir).expect("bench folder");
    let corpus = dir.join("corpus.jsonl");
    let (count, text_bytes) = if reuse {
        corpus::measure(&corpus)
    } else {
        corpus::build(&shared_corpus(), &corpus, articles)
    };
    eprintln!(
        "{count} articles, {:.0} MB of title+body text",
        text_bytes as f64 / 1e6
    );
    let library = dir.join("library");
    // Imported a second time without same-story grouping, to measure what grouping costs;
    // removed once measured.
    let ungrouped = dir.join("library-ungrouped");
    let bare = dir.join("bare-tantivy");
    let sqlite = dir.join("sqlite.db");
    let path = |p: &Path| p.to_string_lossy().to_string();
    // Each system is queried right after it is built, so that none is queried in a page
    // cache another has just filled with gigabytes of its own files (at 1M the SQLite
    // load writes 3.8 GB: tidings' reader queried after it once had keystroke p99 138 ms
    // against 13-20 ms). Last, with nothing of any system cached, the reader again.
    let phases = [
        ("phase-import", &library),
        ("phase-reader", &library),
        ("phase-search", &library),
        ("phase-related", &library),
        ("phase-import-ungrouped", &ungrouped),
        ("phase-bare-index", &bare),
        ("phase-bare-search", &bare),
        ("phase-sqlite-load", &sqlite),
        ("phase-sqlite-like", &sqlite),
        ("phase-sqlite-fts", &sqlite),
        ("phase-reader-cold", &library),
    ];
    let mut all = Vec::new();
    for (phase, target) in phases {
        let saved = dir.join(format!("{phase}.json"));
        let metrics = match std::fs::read(&saved) {
            Ok(json) if reuse && BUILD_PHASES.contains(&phase) => {
                serde_json::from_slice(&json).expect("saved metrics")
            }
            _ => {
                eprintln!("{phase}…");
                child(phase, &[&path(&corpus), &path(target)])
            }
        };
        std::fs::write(
            &saved,
            serde_json::to_vec(&metrics).expect("metrics serialize"),
        )
        .expect("save metrics");
        all.push((phase, metrics));
        if target == &ungrouped {
            let _ = std::fs::remove_dir_all(&ungrouped);
        }
    }
    std::fs::write(dir.join("built"), "").expect("mark built");
    report::print(count, text_bytes, &all, &[&library, &bare, &sqlite]);
}

/// Phases that build indexes: with `--work`, their saved figures are reused.
const BUILD_PHASES: [&str; 4] = [
    "phase-import",
    "phase-import-ungrouped",
    "phase-bare-index",
    "phase-sqlite-load",
];

/// Runs one phase in a child process and reads its metrics.
fn child(phase: &str, args: &[&str]) -> Metrics {
    let output = Command::new(std::env::current_exe().expect("own path"))
        .arg(phase)
        .args(args)
        .output()
        .expect("the bench runs");
    if !output.status.success() {
        panic!(
            "{phase} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{phase} printed no metrics: {e}"))
}

fn shared_corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus");
    assert!(
        dir.is_dir(),
        "the benchmark needs ../shared/data/corpus beside the project"
    );
    dir
}

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
