//! Commands that read the library: `search`, `show`, `related`, `stats`.
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::open;
use crate::config::Paths;
use crate::entities::Recognizer;
use crate::library::Library;
use crate::related;

pub fn search(paths: &Paths, query: &str, limit: usize, json: bool) -> Result<()> {
    let library = open(paths, Recognizer::load)?;
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

pub fn show(paths: &Paths, id: &str, json: bool) -> Result<()> {
    let library = open(paths, Recognizer::load)?;
    let article = find_article(&library, id)?;
    if json {
        outln!("{}", serde_json::to_string(&article)?)?;
    } else {
        outln!(
            "{}\n{} · {}\n\n{}",
            article.title,
            article.source,
            article.date.as_deref().unwrap_or("undated"),
            article.body
        )?;
    }
    Ok(())
}

pub fn related_command(paths: &Paths, id: &str, limit: usize, json: bool) -> Result<()> {
    let recognizer = Recognizer::load();
    let library = open(paths, || &recognizer)?;
    let article = find_article(&library, id)?;
    for item in related::related(&library, recognizer.countries(), &article, limit)? {
        if json {
            outln!("{}", serde_json::to_string(&item)?)?;
        } else {
            let more = match item.summary.copies {
                0 => String::new(),
                1 => "; 1 more source".to_string(),
                n => format!("; {n} more sources"),
            };
            outln!(
                "{}  {}  ({}; {}{more})",
                item.summary.id,
                item.summary.title,
                item.reason,
                item.summary.date.as_deref().unwrap_or("undated")
            )?;
        }
    }
    Ok(())
}

pub fn stats(paths: &Paths, json: bool) -> Result<()> {
    let library = open(paths, Recognizer::load)?;
    let stats = library.stats()?;
    let index_bytes = dir_size(&paths.data_dir);
    if json {
        let value = serde_json::json!({"articles": stats.articles, "sources": stats.sources, "people": stats.people, "countries": stats.countries, "index_bytes": index_bytes});
        outln!("{value}")?;
    } else {
        outln!(
            "articles {}\nsources {}\npeople {}\ncountries {}\nindex size {:.1} MB",
            stats.articles,
            stats.sources,
            stats.people,
            stats.countries,
            index_bytes as f64 / 1e6
        )?;
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
