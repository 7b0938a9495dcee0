//! The command line: clap definitions and one function per subcommand.
//! Errors are `anyhow` here, printed with their causes by [`main`].
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use crate::config::{Config, Paths};
use crate::entities::{train, Recognizer};
use crate::ingest::Format;
use crate::library::Library;
use crate::text::sanitize;
use crate::{import, related};

/// A terminal news reader that knows who and where a story is about.
#[derive(Debug, Parser)]
#[command(name = "tidings", version, about)]
pub struct Cli {
    /// Library folder [default: the platform's data directory for tidings]
    #[arg(long, global = true, env = "TIDINGS_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Config file [default: config.toml in the platform's config directory for tidings]
    #[arg(long, global = true, env = "TIDINGS_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import article files, JSONL (optionally gzipped) and folders of them
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Force the input format instead of detecting it
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Print the summary as one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Search the library: words, "phrases", -word, person:, country:, source:, date:
    Search {
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// One JSON object a line: {id, title, source, date, score, snippet}
        #[arg(long)]
        json: bool,
    },
    /// Show an article with its entity spans
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Stories related to an article, with the reason for each
    Related {
        id: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// One JSON object a line: {id, title, source, date, score, reason, same_story}
        #[arg(long)]
        json: bool,
    },
    /// Recognize entities in the exact text of FILE (or standard input, "-")
    Entities {
        file: Option<PathBuf>,
        /// One JSON array of entity objects
        #[arg(long)]
        json: bool,
    },
    /// Counts: articles, sources, people, countries; index size on disk
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Tag a CoNLL-2003 file: prints `token gold predicted` a line, for conlleval.py
    Ner {
        #[arg(long, value_name = "FILE")]
        conll: PathBuf,
    },
    /// Train the name tagger on CoNLL-2003 and write the model file (deterministic)
    TrainNer {
        #[arg(long, default_value = "../shared/data/conll2003/eng.train")]
        train: PathBuf,
        #[arg(long, default_value_t = train::DEFAULT_EPOCHS)]
        epochs: usize,
        #[arg(long, default_value = "assets/ner.model.gz")]
        out: PathBuf,
    },
    /// Print where the library and the config file are
    Paths,
}

/// Runs the command line and maps errors to a message and exit code 1.
pub fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tidings: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let paths = Paths::resolve(cli.data_dir, cli.config)?;
    match cli.command {
        None => read(&paths),
        Some(Command::Import {
            paths: inputs,
            format,
            json,
        }) => import_command(&paths, &inputs, format, json),
        Some(Command::Search { query, limit, json }) => {
            search(&paths, &query.join(" "), limit, json)
        }
        Some(Command::Show { id, json }) => show(&paths, &id, json),
        Some(Command::Related { id, limit, json }) => related_command(&paths, &id, limit, json),
        Some(Command::Entities { file, json }) => entities(file.as_deref(), json),
        Some(Command::Stats { json }) => stats(&paths, json),
        Some(Command::Ner { conll }) => ner(&conll),
        Some(Command::TrainNer { train, epochs, out }) => train_ner(&train, epochs, &out),
        Some(Command::Paths) => {
            println!(
                "library: {}\nconfig:  {}",
                paths.data_dir.display(),
                paths.config_file.display()
            );
            Ok(())
        }
    }
}

fn open(paths: &Paths, recognizer: &Recognizer) -> Result<Library> {
    import::open_library(&paths.data_dir, recognizer)
        .with_context(|| format!("cannot open the library in '{}'", paths.data_dir.display()))
}

/// The reader; an empty library first gets the bundled sample.
fn read(paths: &Paths) -> Result<()> {
    let config = Config::load(&paths.config_file)?;
    let recognizer = Recognizer::load();
    let mut library = open(paths, &recognizer)?;
    if library.is_empty() {
        import::import_sample(&mut library, &recognizer)
            .context("cannot import the bundled sample")?;
    }
    crate::tui::run(library, config)
}

fn import_command(
    paths: &Paths,
    inputs: &[PathBuf],
    format: Option<Format>,
    json: bool,
) -> Result<()> {
    let recognizer = Recognizer::load();
    let mut library = open(paths, &recognizer)?;
    let started = std::time::Instant::now();
    let summary = import::import_paths(&mut library, &recognizer, inputs, format)?;
    if json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        report_failures(&summary.failed);
        println!("{summary} in {:.1} s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// How many failures `import` lists one by one before it only counts the rest.
const FAILURES_LISTED: usize = 20;

fn report_failures(failed: &[(String, String)]) {
    for (file, reason) in failed.iter().take(FAILURES_LISTED) {
        eprintln!("{file}: {reason}");
    }
    if failed.len() > FAILURES_LISTED {
        eprintln!(
            "… and {} more (--json lists them all)",
            failed.len() - FAILURES_LISTED
        );
    }
}

fn search(paths: &Paths, query: &str, limit: usize, json: bool) -> Result<()> {
    let library = open(paths, &Recognizer::load())?;
    let results = library.search(query, limit)?;
    let mut out = std::io::stdout().lock();
    if !json {
        writeln!(out, "{} matching", results.total)?;
    }
    for hit in results.hits {
        let s = &hit.summary;
        if json {
            let line = serde_json::json!({"id": s.id, "title": s.title, "source": s.source, "date": s.date, "score": hit.score, "snippet": hit.snippet});
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{}  {}  {} · {}",
                s.id,
                s.title,
                s.source,
                s.date.as_deref().unwrap_or("undated")
            )?;
        }
    }
    Ok(())
}

fn find_article(library: &Library, id: &str) -> Result<crate::article::Article> {
    library
        .get(id)?
        .with_context(|| format!("no article with id '{id}'"))
}

fn show(paths: &Paths, id: &str, json: bool) -> Result<()> {
    let library = open(paths, &Recognizer::load())?;
    let article = find_article(&library, id)?;
    if json {
        println!("{}", serde_json::to_string(&article)?);
    } else {
        println!(
            "{}\n{} · {}\n\n{}",
            article.title,
            article.source,
            article.date.as_deref().unwrap_or("undated"),
            article.body
        );
    }
    Ok(())
}

fn related_command(paths: &Paths, id: &str, limit: usize, json: bool) -> Result<()> {
    let recognizer = Recognizer::load();
    let library = open(paths, &recognizer)?;
    let article = find_article(&library, id)?;
    for item in related::related(&library, recognizer.countries(), &article, limit)? {
        if json {
            println!("{}", serde_json::to_string(&item)?);
        } else {
            println!(
                "{}  {}  ({}; {})",
                item.summary.id,
                item.summary.title,
                item.reason,
                item.summary.date.as_deref().unwrap_or("undated")
            );
        }
    }
    Ok(())
}

fn entities(file: Option<&Path>, json: bool) -> Result<()> {
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
        println!("{}", serde_json::to_string(&found)?);
    } else {
        for e in found {
            // The text given may hold escape sequences: never print them raw.
            let detail = sanitize(e.subtype.as_deref().unwrap_or(&e.canonical));
            let text = sanitize(&e.text);
            println!(
                "{}\t{text}\t{}..{}\t{detail}",
                e.kind.label(),
                e.start,
                e.end
            );
        }
    }
    Ok(())
}

fn stats(paths: &Paths, json: bool) -> Result<()> {
    let library = open(paths, &Recognizer::load())?;
    let stats = library.stats()?;
    let index_bytes = dir_size(&paths.data_dir);
    if json {
        let value = serde_json::json!({"articles": stats.articles, "sources": stats.sources, "people": stats.people, "countries": stats.countries, "index_bytes": index_bytes});
        println!("{value}");
    } else {
        println!(
            "articles {}\nsources {}\npeople {}\ncountries {}\nindex size {:.1} MB",
            stats.articles,
            stats.sources,
            stats.people,
            stats.countries,
            index_bytes as f64 / 1e6
        );
    }
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn ner(conll: &Path) -> Result<()> {
    let recognizer = Recognizer::load();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    train::tag_conll(recognizer.tagger(), conll, &mut out)
        .with_context(|| format!("cannot tag '{}'", conll.display()))?;
    Ok(out.flush()?)
}

fn train_ner(train_file: &Path, epochs: usize, out: &Path) -> Result<()> {
    let documents = train::read_conll(train_file)
        .with_context(|| format!("cannot read '{}'", train_file.display()))?;
    if documents.is_empty() {
        bail!("'{}' holds no CoNLL sentences", train_file.display());
    }
    eprintln!("training on {} documents, {epochs} epochs", documents.len());
    let tagger = train::train(&documents, epochs, |epoch| eprintln!("epoch {epoch} done"));
    std::fs::write(out, tagger.to_gzip())
        .with_context(|| format!("cannot write '{}'", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
