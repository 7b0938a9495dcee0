//! Reading articles from files: format detection, folder walking and per-file errors.
//!
//! Each format has its own file; every text that enters goes through
//! [`crate::text::sanitize`] here, so nothing downstream sees control characters.
pub mod clean;
pub mod decode;
pub mod feed;
mod guard;
pub mod html;
pub mod jsonl;
pub mod opml;
pub mod text;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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
    /// A feed, page or list its parser could not make sense of, and why.
    #[error("{0}")]
    Unreadable(String),
}

/// The reason given for a record that has no article text.
pub const NO_TEXT: &str = "no body";

impl IngestError {
    /// A record or item that holds no article text (counted, not reported as a failure).
    pub fn is_without_text(&self) -> bool {
        match self {
            IngestError::NoText => true,
            IngestError::Record { reason, .. } => reason == NO_TEXT,
            _ => false,
        }
    }
}

/// Input formats `import` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A plain-text article: headline near the top, paragraphs below.
    Text,
    /// One JSON object a line: `{id, title, date, source, body, ...}`.
    Jsonl,
    /// RSS 0.9x/1.0/2.0, Atom or JSON Feed: every item an article.
    Feed,
    /// A saved web page: its article is extracted.
    Html,
    /// An OPML subscription list: its feeds are subscribed to.
    Opml,
}

/// The articles of one file as they are read, each one or the reason it failed.
pub type Records = Box<dyn Iterator<Item = Result<Article, IngestError>>>;

/// What a file holds: articles, or feeds to subscribe to.
pub enum Contents {
    Articles(Records),
    /// A feed read from its URL: its items, and the feed to follow.
    FeedItems(opml::FeedRef, Records),
    /// An OPML list's feeds.
    Feeds(Vec<opml::FeedRef>),
}

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
pub fn read_file(path: &Path, format: Option<Format>) -> Result<Contents, IngestError> {
    read_file_counted(path, format, &Arc::default())
}

/// [`read_file`], adding the file's bytes to `bytes_read` as they are read (for progress).
pub fn read_file_counted(
    path: &Path,
    format: Option<Format>,
    bytes_read: &Arc<AtomicU64>,
) -> Result<Contents, IngestError> {
    let mut reader = open_counted(path, Arc::clone(bytes_read))?;
    let head = reader.fill_buf()?;
    if head.is_empty() {
        return Err(IngestError::Empty);
    }
    // UTF-16 and UTF-32 text is full of NUL bytes and still text.
    let wide = decode::wide_encoding(head).is_some();
    if let Some(at) = head.iter().position(|&b| b == 0).filter(|_| !wide) {
        return Err(IngestError::Binary(at));
    }
    let format = format.unwrap_or_else(|| detect_format(path, head));
    if format == Format::Jsonl {
        return Ok(Contents::Articles(Box::new(jsonl::records(reader))));
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    read_bytes(bytes, format, None, &path.display().to_string())
}

/// What the whole bytes of a file or a fetched page hold, read in `format`. `origin` is
/// the file or the URL: a feed fetched from a URL is one to follow, and a page keeps its
/// URL; `charset` is the one the server named, if any.
pub fn read_bytes(
    bytes: Vec<u8>,
    format: Format,
    charset: Option<&str>,
    origin: &str,
) -> Result<Contents, IngestError> {
    let one = |article| Contents::Articles(Box::new(std::iter::once(article)));
    Ok(match format {
        Format::Jsonl => Contents::Articles(Box::new(jsonl::records(std::io::Cursor::new(bytes)))),
        Format::Text => one(text::parse(&decode_text(bytes)?)),
        Format::Html => one(html::extract_page(&bytes, charset).map(|mut page| {
            if is_url(origin) {
                page.url.get_or_insert_with(|| origin.to_string());
            }
            page.into_article()
        })),
        Format::Feed => {
            let feed = feed::parse(&bytes, charset, origin)?;
            let items = Box::new(feed.items.into_iter());
            if is_url(origin) {
                let follow = opml::FeedRef {
                    url: origin.to_string(),
                    title: feed.title,
                };
                Contents::FeedItems(follow, items)
            } else {
                Contents::Articles(items)
            }
        }
        Format::Opml => Contents::Feeds(opml::parse(&bytes)?),
    })
}

/// Is this name an http(s) address rather than a path?
pub fn is_url(name: &str) -> bool {
    name.starts_with("http://") || name.starts_with("https://")
}

/// A buffered reader of the file's bytes, gunzipped when the file is gzip.
fn open_decompressed(path: &Path) -> Result<Box<dyn BufRead>, IngestError> {
    open_counted(path, Arc::default())
}

fn open_counted(path: &Path, bytes_read: Arc<AtomicU64>) -> Result<Box<dyn BufRead>, IngestError> {
    let file = Counted {
        inner: std::fs::File::open(path)?,
        bytes_read,
    };
    let mut file = std::io::BufReader::new(file);
    let is_gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if is_gzip {
        Box::new(std::io::BufReader::new(
            flate2::bufread::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(file)
    })
}

/// A reader that counts the bytes it reads from the file (before any gunzipping).
struct Counted<R> {
    inner: R,
    bytes_read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
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

/// The format a file's name and first bytes suggest: markup is told apart by its root
/// element, JSON by whether it is a JSON Feed.
pub fn detect_format(path: &Path, head: &[u8]) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let head = decode::decode(&head[..head.len().min(4096)], None).text;
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if name.ends_with(".opml") || head.contains("<opml") {
        Format::Opml
    } else if feed::looks_like_feed(&head) {
        Format::Feed
    } else if name.contains(".jsonl") || name.contains(".ndjson") || start.starts_with('{') {
        Format::Jsonl
    } else if name.ends_with(".html") || name.ends_with(".htm") || html::looks_like_html(&head) {
        Format::Html
    } else if [".rss", ".atom", ".xml"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        Format::Feed
    } else {
        Format::Text
    }
}
