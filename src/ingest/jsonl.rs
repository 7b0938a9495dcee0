//! JSONL records `{id, title, date, source, body, url?, dateline?}`, one a line; a broken
//! line is reported with its number and the good lines are kept. A wire dateline
//! ("HOUSTON, Feb 26 -") kept apart from the body is put back in front of it, as the wire
//! printed it: it says where the story was filed.
use serde::Deserialize;

use std::io::BufRead;

use super::IngestError;
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
    dateline: Option<String>,
}

/// The records of a JSONL stream, one a line; blank lines are skipped. A line that is
/// not a record is reported with its number; a read error (a truncated gzip) ends the stream.
pub fn records(
    reader: impl BufRead + 'static,
) -> impl Iterator<Item = Result<Article, IngestError>> {
    let mut lines = reader.split(b'\n').enumerate();
    let mut failed = false;
    std::iter::from_fn(move || loop {
        if failed {
            return None;
        }
        let (index, line) = lines.next()?;
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                failed = true;
                return Some(Err(IngestError::Record {
                    line: index + 1,
                    reason: format!("cannot read further: {error}"),
                }));
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = parse_line(&line).and_then(to_article);
        return Some(record.map_err(|reason| IngestError::Record {
            line: index + 1,
            reason,
        }));
    })
}

fn parse_line(line: &[u8]) -> Result<Record, String> {
    if line.contains(&0) {
        return Err("binary data".into());
    }
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    serde_json::from_str(text).map_err(|e| e.to_string())
}

fn to_article(record: Record) -> Result<Article, String> {
    let body = sanitize(record.body.as_deref().unwrap_or_default())
        .trim()
        .to_string();
    if body.is_empty() {
        return Err(super::NO_TEXT.into());
    }
    let dateline = sanitize(record.dateline.as_deref().unwrap_or_default());
    let body = match dateline.trim() {
        "" => body,
        dateline => format!("{dateline} {body}"),
    };
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
        let (articles, failures): (Vec<_>, Vec<_>) =
            records(text.as_bytes()).partition(Result::is_ok);
        assert_eq!(articles.len(), 1);
        assert_eq!(
            articles[0].as_ref().unwrap().date.as_deref(),
            Some("1987-02-26")
        );
        let lines: Vec<String> = failures
            .into_iter()
            .map(|f| f.unwrap_err().to_string())
            .collect();
        assert!(lines[0].starts_with("line 2:"), "{lines:?}");
        assert_eq!(lines[1], "line 3: no body");
    }

    #[test]
    fn a_dateline_goes_back_in_front_of_the_body() {
        let text = "{\"id\":\"a\",\"dateline\":\"  HOUSTON, Feb 26 - \",\"body\":\"Oil rose.\"}\n";
        let article = records(text.as_bytes()).next().unwrap().unwrap();
        assert_eq!(article.body, "HOUSTON, Feb 26 - Oil rose.");
    }
}
