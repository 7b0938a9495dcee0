//! The command line: clap definitions and one function per subcommand.
//! Errors are `anyhow` here, printed with their causes by [`main`].

/// `print!` that returns the error instead of panicking on it, so that a command whose
/// reader stops early (`tidings search x | head`) ends quietly.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `println!` that returns the error instead of panicking on it: see [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod feeds;
mod reading;
mod recognition;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::config::{Config, Paths};
use crate::entities::{train, Recognizer};
use crate::import;
use crate::ingest::Format;
use crate::library::Library;

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
    /// Import articles: text, JSONL (optionally gzipped), feeds, web pages, OPML lists
    /// (whose feeds are followed), folders of them, and http(s) URLs of feeds or pages
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
    /// Fetch every followed feed and add the new items
    Sync {
        /// Print the summary as one JSON object
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value = "bar")]
        progress: feeds::Progress,
    },
    /// List the followed feeds, with the error of the last sync if there was one
    Feeds {
        /// One JSON object a line
        #[arg(long)]
        json: bool,
    },
    /// Print the article in an HTML page or a plain-text file (or standard input, "-")
    /// without its boilerplate
    Extract {
        file: Option<PathBuf>,
        /// One JSON object: {title, body, date, source, url}
        #[arg(long)]
        json: bool,
    },
    /// Search the library: words, "phrases", -word, person:, country:, place:, source:, date:
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
        /// Where the list of common words goes (words never in a person's name)
        #[arg(long, default_value = "assets/common-words.txt")]
        words: PathBuf,
    },
    /// Print where the library and the config file are
    Paths,
    /// Print the documented default config file (every setting with its default)
    Config,
    /// Print a shell completion script, e.g. `tidings completions bash > /etc/bash_completion.d/tidings`
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `tidings man > tidings.1`
    Man,
}

/// Runs the command line and maps errors to a message and exit code 1.
pub fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output has gone (`| head`): nothing is left to tell it.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tidings: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<()> {
    let paths = Paths::resolve(cli.data_dir, cli.config)?;
    match cli.command {
        None => read(&paths),
        Some(Command::Import {
            paths: inputs,
            format,
            json,
        }) => feeds::import_command(&paths, &inputs, format, json),
        Some(Command::Sync { json, progress }) => feeds::sync_command(&paths, json, progress),
        Some(Command::Feeds { json }) => feeds::feeds_command(&paths, json),
        Some(Command::Extract { file, json }) => feeds::extract_command(file.as_deref(), json),
        Some(Command::Search { query, limit, json }) => {
            reading::search(&paths, &query.join(" "), limit, json)
        }
        Some(Command::Show { id, json }) => reading::show(&paths, &id, json),
        Some(Command::Related { id, limit, json }) => {
            reading::related_command(&paths, &id, limit, json)
        }
        Some(Command::Entities { file, json }) => recognition::entities(file.as_deref(), json),
        Some(Command::Stats { json }) => reading::stats(&paths, json),
        Some(Command::Ner { conll }) => recognition::ner(&conll),
        Some(Command::TrainNer {
            train,
            epochs,
            out,
            words,
        }) => recognition::train_ner(&train, epochs, &out, &words),
        Some(Command::Config) => {
            out!("{}", crate::config::EXAMPLE)?;
            Ok(())
        }
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "tidings",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Some(Command::Man) => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(())
        }
        Some(Command::Paths) => {
            outln!(
                "library: {}\nconfig:  {}",
                paths.data_dir.display(),
                paths.config_file.display()
            )?;
            Ok(())
        }
    }
}

pub(crate) fn open<R: std::borrow::Borrow<Recognizer>>(
    paths: &Paths,
    recognizer: impl FnOnce() -> R,
) -> Result<Library> {
    import::open_library(&paths.data_dir, recognizer)
        .with_context(|| format!("cannot open the library in '{}'", paths.data_dir.display()))
}

/// The reader; an empty library first gets the bundled sample.
fn read(paths: &Paths) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal; `tidings search`, `show` and `related` work without one"
        );
    }
    // A config that cannot be used must not keep the reader from starting: it starts with
    // the defaults and says why in its bottom line.
    let (config, notice) = match Config::load(&paths.config_file) {
        Ok(config) => (config, None),
        Err(error) => {
            let reason = format!("{error:#}");
            let first_line = reason
                .lines()
                .next()
                .unwrap_or_default()
                .trim_end_matches(['|', ' ']);
            (
                Config::default(),
                Some(format!("{first_line} — started with the defaults")),
            )
        }
    };
    let mut library = open(paths, Recognizer::load)?;
    if library.is_empty() {
        import::import_sample(&mut library, &Recognizer::load())
            .context("cannot import the bundled sample")?;
        library.release_writer()?;
    }
    crate::tui::run(library, config, paths, notice)
}

/// How many failures `import` lists one by one before it only counts the rest.
const FAILURES_LISTED: usize = 20;

pub(crate) fn report_failures(failed: &[(String, String)]) {
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

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
