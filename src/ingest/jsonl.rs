//! JSONL records `{id, title, date, source, body, url?}`, one a line; a broken line is
//! reported with its number and the good lines are kept.
use serde::Deserialize;

use super::{FileArticles, IngestError};
use crate::article::{content_id, Article};
use crate::text::sanitize;

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    body: Option<String>,
    url: Option<String>,
    link: Option<String>,
}

/// Parses every line; blank lines are skipped.
pub fn parse(text: &str) -> FileArticles {
    let mut result = FileArticles {
        articles: Vec::new(),
        failures: Vec::new(),
    };
    for (index, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let record = serde_json::from_str::<Record>(line)
            .map_err(|e| e.to_string())
            .and_then(to_article);
        match record {
            Ok(article) => result.articles.push(article),
            Err(reason) => result.failures.push(IngestError::Record {
                line: index + 1,
                reason,
            }),
        }
    }
    result
}

fn to_article(record: Record) -> Result<Article, String> {
    let body = sanitize(record.body.as_deref().unwrap_or_default())
        .trim()
        .to_string();
    if body.is_empty() {
        return Err(super::NO_TEXT.into());
    }
    let title = sanitize(record.title.as_deref().unwrap_or_default())
        .trim()
        .to_string();
    let title = if title.is_empty() {
        super::text::title_from_lead(&body)
    } else {
        title
    };
    let id = match record.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => sanitize(&s),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => content_id(&[&title, &body]),
    };
    Ok(Article {
        id,
        title,
        body,
        source: sanitize(record.source.as_deref().unwrap_or_default()),
        date: record.date.as_deref().and_then(iso_date),
        url: record.url.or(record.link).map(|u| sanitize(&u)),
        ..Article::default()
    })
}

/// The `YYYY-MM-DD` part of an ISO 8601 date or date-time, if it is a real date.
pub fn iso_date(value: &str) -> Option<String> {
    let date = value.trim().get(..10)?;
    let bytes = date.as_bytes();
    let digits_ok = bytes.iter().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            *b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    (digits_ok && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_good_lines_and_reports_broken_ones() {
        let text = "{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\",\"date\":\"1987-02-26T15:01:01\"}\nnot json\n{\"id\":\"c\",\"title\":\"No body\"}\n";
        let parsed = parse(text);
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].date.as_deref(), Some("1987-02-26"));
        let lines: Vec<String> = parsed.failures.iter().map(ToString::to_string).collect();
        assert!(lines[0].starts_with("line 2:"), "{lines:?}");
        assert_eq!(lines[1], "line 3: no body");
    }
}
