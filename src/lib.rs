//! tidings: a terminal news reader that knows who and where a story is about.
//!
//! Data flows one way: `ingest` turns files into [`article::Article`]s, `entities`
//! adds spans, `library` stores both in tantivy, and `cli` and `tui` only read.
//! Only `tui` touches the terminal.
pub mod article;
pub mod cli;
pub mod config;
pub mod entities;
pub mod files;
pub mod import;
pub mod ingest;
pub mod library;
pub mod reading;
pub mod related;
pub mod sync;
pub mod text;
pub mod tui;
