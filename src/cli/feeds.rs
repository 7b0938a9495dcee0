//! Commands that bring articles in: `import`, `sync`, `feeds` and `extract`.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{open, report_failures};
use crate::config::{Config, Paths};
use crate::entities::Recognizer;
use crate::import;
use crate::ingest::{self, html, Format};
use crate::sync::subscriptions::Subscriptions;

pub fn import_command(
    paths: &Paths,
    inputs: &[PathBuf],
    format: Option<Format>,
    json: bool,
) -> Result<()> {
    let config = Config::load(&paths.config_file)?;
    let recognizer = Recognizer::load();
    let mut library = open(paths, || &recognizer)?;
    let started = std::time::Instant::now();
    let progress = import::Progress::default();
    let done = std::sync::atomic::AtomicBool::new(false);
    let summary = std::thread::scope(|scope| {
        scope.spawn(|| show_progress(&progress, total_bytes(inputs), &done));
        let summary = import::import_paths_with_progress(
            &mut library,
            &recognizer,
            inputs,
            format,
            config.sync.limits(),
            &progress,
        );
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        summary
    })?;
    let followed = follow(paths, &summary.feeds)?;
    if json {
        let mut value = serde_json::to_value(&summary)?;
        value["followed"] = followed.into();
        outln!("{value}")?;
    } else {
        report_failures(&summary.failed);
        outln!("{summary} in {:.1} s", started.elapsed().as_secs_f64())?;
        if followed > 0 {
            outln!("following {followed} new feeds: `tidings sync` fetches them")?;
        }
    }
    Ok(())
}

/// Draws a progress bar (on a terminal only) until `done`: bytes read of the inputs,
/// speed, time left, and the articles of the files finished so far.
fn show_progress(progress: &import::Progress, total: u64, done: &std::sync::atomic::AtomicBool) {
    use std::sync::atomic::Ordering::Relaxed;
    let bar = indicatif::ProgressBar::new(total).with_style(
        indicatif::ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg} ({eta} left)",
        )
        .expect("valid template"),
    );
    while !done.load(Relaxed) {
        let read = progress.bytes_read.load(Relaxed);
        bar.set_position(read);
        let articles = progress.articles.load(Relaxed);
        bar.set_message(match (read >= total, articles) {
            (true, _) => "all read, indexing the last articles…".to_string(),
            (false, 0) => String::new(),
            (false, n) => format!("{n} articles"),
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    bar.finish_and_clear();
}

/// The size of the input files and folders (URLs count nothing: they are no files).
fn total_bytes(inputs: &[PathBuf]) -> u64 {
    // The files the import will read, found the way it finds them (hidden ones skipped).
    ingest::collect_files(inputs)
        .into_iter()
        .flatten()
        .filter_map(|path| path.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Adds feeds to the subscription list; returns how many were new.
fn follow(paths: &Paths, feeds: &[ingest::opml::FeedRef]) -> Result<usize> {
    if feeds.is_empty() {
        return Ok(0);
    }
    let mut subscriptions = Subscriptions::load(&paths.data_dir)?;
    let added = subscriptions.add(feeds.iter().map(|f| (f.url.clone(), f.title.clone())));
    subscriptions.save()?;
    Ok(added)
}

/// How `sync` shows its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Progress {
    /// A progress bar on a terminal, nothing otherwise
    Bar,
    /// A line `progress DONE/TOTAL TITLE` on standard output per feed (for other programs)
    Lines,
}

pub fn sync_command(paths: &Paths, json: bool, progress: Progress) -> Result<()> {
    let config = Config::load(&paths.config_file)?;
    let mut subscriptions = Subscriptions::load(&paths.data_dir)?;
    if subscriptions.feeds.is_empty() {
        anyhow::bail!("no feeds followed yet: `tidings import` an OPML list or a feed's URL first");
    }
    let recognizer = Recognizer::load();
    let mut library = open(paths, || &recognizer)?;
    let bar = indicatif::ProgressBar::new(subscriptions.feeds.len() as u64).with_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {elapsed} {wide_msg}")
            .expect("valid template"),
    );
    if progress == Progress::Lines {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let summary = crate::sync::sync(
        &mut library,
        &recognizer,
        &mut subscriptions,
        config.sync.limits(),
        |done, total, title| {
            bar.set_position(done as u64);
            bar.set_message(title.to_string());
            if progress == Progress::Lines {
                // A closed pipe ends the output, not the sync.
                let _ = outln!("progress {done}/{total} {title}");
                let _ = std::io::stdout().flush();
            }
        },
    );
    bar.finish_and_clear();
    // What was learned of the feeds is kept even when storing failed half-way.
    subscriptions.save()?;
    let summary = summary?;
    if json {
        outln!("{}", serde_json::to_string(&summary)?)?;
    } else {
        report_failures(&summary.import.failed);
        outln!("{summary}")?;
    }
    Ok(())
}

pub fn feeds_command(paths: &Paths, json: bool) -> Result<()> {
    let subscriptions = Subscriptions::load(&paths.data_dir)?;
    for feed in &subscriptions.feeds {
        if json {
            outln!("{}", serde_json::to_string(feed)?)?;
        } else {
            let status = feed
                .last_error
                .as_deref()
                .map(|e| format!("  (last sync: {e})"))
                .unwrap_or_default();
            outln!("{}  <{}>{status}", feed.title, feed.url)?;
        }
    }
    Ok(())
}

/// Prints the article of an HTML page or a plain-text file without its boilerplate.
pub fn extract_command(file: Option<&Path>, json: bool) -> Result<()> {
    let (name, bytes) = read_input(file)?;
    let extracted =
        extract(&bytes).with_context(|| format!("cannot extract an article from {name}"))?;
    if json {
        outln!("{}", serde_json::to_string(&extracted)?)?;
    } else {
        let date = extracted.date.as_deref().unwrap_or("undated");
        let url = extracted.url.as_deref().unwrap_or("");
        outln!(
            "{}\n{} · {date} {url}\n\n{}",
            extracted.title,
            extracted.source,
            extracted.body
        )?;
    }
    Ok(())
}

fn extract(bytes: &[u8]) -> Result<html::Extracted, ingest::IngestError> {
    let wide = ingest::decode::wide_encoding(bytes).is_some();
    if let Some(at) = bytes.iter().position(|&b| b == 0).filter(|_| !wide) {
        return Err(ingest::IngestError::Binary(at));
    }
    let text = ingest::decode::decode(bytes, None).text;
    if html::looks_like_html(&text) {
        return html::extract_page(bytes, None);
    }
    let article = ingest::text::parse(&text)?;
    Ok(html::Extracted {
        title: article.title,
        body: article.body,
        date: article.date,
        source: article.source,
        url: article.url,
        author: None,
    })
}

/// The bytes of FILE, or of standard input for "-" or no file, and a name for errors.
fn read_input(file: Option<&Path>) -> Result<(String, Vec<u8>)> {
    let mut bytes = Vec::new();
    match file {
        Some(path) if path != Path::new("-") => {
            let name = format!("'{}'", path.display());
            bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
            Ok((name, bytes))
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            Ok(("standard input".to_string(), bytes))
        }
    }
}
