//! Reading articles from files: format detection, folder walking and per-file errors.
//!
//! Each format has its own file; every text that enters goes through
//! [`crate::text::sanitize`] here, so nothing downstream sees control characters.
pub mod clean;
pub mod jsonl;
pub mod text;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::article::Article;

/// Why a file or a record could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    #[error("empty file")]
    Empty,
    #[error("no article text")]
    NoText,
    #[error("line {line}: {reason}")]
    Record { line: usize, reason: String },
}

/// The reason given for a record that has no article text.
pub const NO_TEXT: &str = "no body";

/// Input formats `import` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A plain-text article: headline near the top, paragraphs below.
    Text,
    /// One JSON object a line: `{id, title, date, source, body, ...}`.
    Jsonl,
}

/// The articles of one file as they are read, each one or the reason it failed.
pub type Records = Box<dyn Iterator<Item = Result<Article, IngestError>>>;

/// The files under `paths`: files as given, folders walked in sorted order.
pub fn collect_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, IngestError)>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path).sort_by_file_name().into_iter();
            for entry in walker.filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
            {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(Ok(e.into_path())),
                    Ok(_) => {}
                    Err(err) => files.push(Err((
                        err.path().unwrap_or(path).to_path_buf(),
                        IngestError::Io(err.into()),
                    ))),
                }
            }
        } else {
            files.push(Ok(path.clone()));
        }
    }
    files
}

/// Opens one file in the given format, or the one its name and first bytes suggest.
/// JSONL is read a line at a time, so a file of a million articles is never in memory whole.
pub fn read_file(path: &Path, format: Option<Format>) -> Result<Records, IngestError> {
    let mut reader = open_decompressed(path)?;
    let head = reader.fill_buf()?;
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary(at));
    }
    if head.is_empty() {
        return Err(IngestError::Empty);
    }
    match format.unwrap_or_else(|| detect_format(path, head)) {
        Format::Jsonl => Ok(Box::new(jsonl::records(reader))),
        Format::Text => {
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes)?;
            let article = text::parse(&decode_text(bytes)?);
            Ok(Box::new(std::iter::once(article)))
        }
    }
}

/// A buffered reader of the file's bytes, gunzipped when the file is gzip.
fn open_decompressed(path: &Path) -> Result<Box<dyn BufRead>, IngestError> {
    let mut file = std::io::BufReader::new(std::fs::File::open(path)?);
    let is_gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if is_gzip {
        Box::new(std::io::BufReader::new(
            flate2::bufread::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(file)
    })
}

/// The file's whole text: gunzipped when it is gzip, checked for binary content and UTF-8.
pub fn read_text(path: &Path) -> Result<String, IngestError> {
    let mut bytes = Vec::new();
    open_decompressed(path)?.read_to_end(&mut bytes)?;
    decode_text(bytes)
}

/// Checks bytes are text (no NUL, valid UTF-8, not blank) and strips a UTF-8 BOM.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, IngestError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary(at));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| IngestError::InvalidUtf8(e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn detect_format(path: &Path, head: &[u8]) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let looks_like_json = head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if name.contains(".jsonl") || name.contains(".ndjson") || looks_like_json {
        Format::Jsonl
    } else {
        Format::Text
    }
}
