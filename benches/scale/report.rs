//! Metrics, percentiles, peak memory and the printed table.
use std::collections::BTreeMap;
use std::path::Path;

/// Named numbers a phase reports.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Metrics(BTreeMap<String, f64>);

impl Metrics {
    pub fn new() -> Metrics {
        Metrics::default()
    }

    pub fn with(mut self, name: &str, value: f64) -> Metrics {
        self.0.insert(name.to_string(), value);
        self
    }

    pub fn get(&self, name: &str) -> f64 {
        self.0.get(name).copied().unwrap_or(f64::NAN)
    }
}

/// p50 and p99 (milliseconds) of a set of timings.
pub fn percentiles(times: &[f64]) -> Metrics {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    Metrics::new().with("p50", at(0.5)).with("p99", at(0.99))
}

/// This process's peak resident memory in MB (VmHWM).
pub fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// This process's resident memory that is not a mapped file, in MB (RssAnon): the index is
/// read through mmap, and the pages of it touched count in the peak above although the
/// kernel can drop them at will.
pub fn anon_rss_mb() -> f64 {
    status_mb("RssAnon:")
}

fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok());
    kb.map_or(f64::NAN, |kb| kb / 1024.0)
}

fn dir_mb(path: &Path) -> f64 {
    let files = walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok());
    files.filter(|m| m.is_file()).map(|m| m.len()).sum::<u64>() as f64 / 1e6
}

/// Prints the table for one scale.
pub fn print(articles: usize, text_bytes: usize, phases: &[(&str, Metrics)], dirs: &[&Path; 3]) {
    let m = |name: &str| {
        &phases
            .iter()
            .find(|(p, _)| *p == name)
            .expect("phase ran")
            .1
    };
    let mb = text_bytes as f64 / 1e6;
    let (ours, bare, sqlite) = (
        m("phase-import"),
        m("phase-bare-index"),
        m("phase-sqlite-load"),
    );
    let rate = |seconds: f64| mb / seconds;
    println!("\n## {articles} articles, {mb:.0} MB of text\n");
    println!("| | index MB/s | articles/s | disk / text | search p50 | search p99 | peak MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let (search, bare_search, like, fts) = (
        m("phase-search"),
        m("phase-bare-search"),
        m("phase-sqlite-like"),
        m("phase-sqlite-fts"),
    );
    let index_row = |name: &str, build: &Metrics, search: &Metrics, dir: &Path| {
        let seconds = build.get("seconds");
        println!(
            "| {name} | {:.1} | {:.0} | {:.2} | {:.2} ms | {:.2} ms | {:.0} |",
            rate(seconds),
            articles as f64 / seconds,
            dir_mb(dir) / mb,
            search.get("p50"),
            search.get("p99"),
            build.get("peak_mb")
        );
    };
    index_row("tidings (recognition, grouping)", ours, search, dirs[0]);
    index_row("bare tantivy 0.27", bare, bare_search, dirs[1]);
    println!(
        "| SQLite LIKE '%q%' | {:.1} | | | {:.1} ms | {:.1} ms | |",
        rate(sqlite.get("like_seconds")),
        like.get("p50"),
        like.get("p99")
    );
    println!(
        "| SQLite FTS5 bm25 | {:.1} | | {:.2} (both tables) | {:.2} ms | {:.2} ms | |",
        rate(sqlite.get("fts_seconds")),
        dir_mb(dirs[2]) / mb,
        fts.get("p50"),
        fts.get("p99")
    );
    print_search_by_kind(search, bare_search);
    let reader = m("phase-reader");
    let related = m("phase-related");
    let ungrouped = m("phase-import-ungrouped").get("seconds");
    println!(
        "\nsame-story grouping adds {:.0}% to the import ({:.1} s; {:.1} s without it)",
        100.0 * (ours.get("seconds") / ungrouped - 1.0),
        ours.get("seconds"),
        ungrouped
    );
    println!("ratios: import {:.2}× bare tantivy; search p99 {:.2}× bare tantivy, {:.0}× faster than LIKE, {:.1}× faster than FTS5",
        bare.get("seconds") / ours.get("seconds"),
        search.get("p99") / bare_search.get("p99"),
        like.get("p99") / search.get("p99"),
        fts.get("p99") / search.get("p99"));
    println!(
        "related pane p50 {:.2} ms, p99 {:.2} ms; reader: first frame {:.0} ms, newest story open {:.0} ms after it, keystroke to frame p50 {:.2} ms p99 {:.2} ms, whole story list read in {:.0} ms, peak {:.0} MB with the first page, {:.0} MB with the whole list ({:.0} MB of it not the mapped index)",
        related.get("p50"),
        related.get("p99"),
        reader.get("first_frame_ms"),
        reader.get("first_story_ms"),
        reader.get("p50"),
        reader.get("p99"),
        reader.get("whole_list_ms"),
        reader.get("first_page_peak_mb"),
        reader.get("peak_mb"),
        reader.get("anon_mb")
    );
    let cold = m("phase-reader-cold");
    if cold.get("p99").is_nan() {
        println!("reader with the page cache dropped: not measured (writing /proc/sys/vm/drop_caches needs root)");
    } else {
        println!(
            "reader with the page cache dropped: first frame {:.0} ms, keystroke to frame p50 {:.2} ms p99 {:.2} ms, peak {:.0} MB",
            cold.get("first_frame_ms"),
            cold.get("p50"),
            cold.get("p99"),
            cold.get("peak_mb")
        );
    }
}

/// The p99 of each kind of query, tidings beside bare tantivy.
fn print_search_by_kind(ours: &Metrics, bare: &Metrics) {
    let kinds: Vec<String> = ours
        .0
        .iter()
        .filter_map(|(name, &us)| {
            let kind = name.strip_prefix("p99 ")?;
            let them = bare.get(name);
            Some(format!("{kind} {us:.2} ms ({them:.2}, {:.2}×)", us / them))
        })
        .collect();
    println!(
        "search p99 by kind of query, tidings (bare tantivy, ratio): {}",
        kinds.join("; ")
    );
}
