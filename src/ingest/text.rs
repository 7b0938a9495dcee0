//! Plain-text articles like the seeds: a headline near the top when there is one,
//! a `date YYYY-MM-DD` marker, paragraphs below, and web chrome around them.
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::IngestError;
use crate::article::{content_id, Article};
use crate::text::{sanitize, truncate_words};

static DATE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bdate (\d{4}-\d{2}-\d{2})\b").expect("valid"));
/// "SEOUL, South Korea — ", "GYEONGJU, South Korea (AP) — ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Z .'/-]+(?:, [A-Z][\w .'-]+){0,2}(?: \(([A-Za-z ]+)\))? [—–-]+ ")
        .expect("valid")
});
/// "© KYODO", "©2025 Bloomberg L.P. Visit …".
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:©|\(c\)|Copyright)\s*(?:\d{4}\s*)?([A-Z][\w&.' -]*?)(?:\.\s|$)")
        .expect("valid")
});
/// "Associated Press writer Mari Yamaguchi in Tokyo contributed", "AP writer … contributed".
static CONTRIBUTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|_+\s*)([A-Z][\w ]{0,30}?) writers? .* contributed").expect("valid")
});
/// "Oct. 29, 2025", "June 18, 2025", "Jun 18 2025": a full date written out in the text.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}),? (\d{4})\b",
    )
    .expect("valid")
});
/// How many lines from the top a headline may be found in.
const HEADLINE_WINDOW: usize = 4;
const TITLE_MAX_CHARS: usize = 120;

/// Parses a plain-text article. Repeated lines are kept once.
pub fn parse(raw: &str) -> Result<Article, IngestError> {
    let text = sanitize(raw);
    let date = DATE_MARKER
        .captures(&text)
        .map(|c| c[1].to_string())
        .or_else(|| latest_date_in(&text));
    let mut seen = HashSet::new();
    let lines: Vec<String> = text
        .lines()
        .map(|l| DATE_MARKER.replace(l, "").trim().to_string())
        .filter(|l| !l.is_empty() && seen.insert(l.clone()))
        .collect();
    if lines.is_empty() {
        return Err(IngestError::NoText);
    }
    let marker_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| DATE_MARKER.is_match(l));
    let headline = lines
        .iter()
        .enumerate()
        .take(HEADLINE_WINDOW)
        .skip(usize::from(marker_line))
        .find(|(_, l)| is_headline(l))
        .map(|(i, _)| i);
    let rest: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != headline)
        .map(|(_, l)| l.clone())
        .collect();
    // The line that carried the page's date marker is page header, not story.
    let split =
        super::clean::split_boilerplate(&rest, usize::from(marker_line && headline != Some(0)));
    let body = split.kept.join("\n\n");
    let title = match headline {
        Some(i) => lines[i].clone(),
        None => title_from_lead(&body),
    };
    Ok(Article {
        id: content_id(&[&title, &body]),
        source: source_of(&lines),
        title,
        body,
        date,
        removed: split.removed,
        ..Article::default()
    })
}

/// The latest full date the text mentions, as `YYYY-MM-DD`: a report is written on or
/// after the days it reports, so when the page gave no date this is the best estimate.
fn latest_date_in(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    FULL_DATE
        .captures_iter(text)
        .filter_map(|c| {
            let month = MONTHS.iter().position(|m| *m == &c[1])? + 1;
            let day: u32 = c[2].parse().ok().filter(|d| (1..=31).contains(d))?;
            Some(format!("{}-{month:02}-{day:02}", &c[3]))
        })
        .max()
}

/// A headline: 4 to 25 words, at most 150 chars, not ending like a sentence, capitalised.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (4..=25).contains(&words)
        && line.chars().count() <= 150
        && !line.ends_with(['.', ';', ':', ','])
        && line.starts_with(|c: char| c.is_uppercase() || c.is_numeric() || c == '"' || c == '“')
}

/// The text without the wire dateline it opens with ("WASHINGTON, March 2 - "), which
/// differs between copies of one story filed on two days.
pub fn without_dateline(text: &str) -> &str {
    DATELINE.find(text).map_or(text, |m| &text[m.end()..])
}

/// A title made from the lead sentence of the first paragraph of at least 15 words,
/// without its dateline, cut at a clause boundary when long.
pub fn title_from_lead(body: &str) -> String {
    let lead = body
        .split("\n\n")
        .find(|p| p.split_whitespace().count() >= 15)
        .or_else(|| body.split("\n\n").next())
        .unwrap_or_default();
    let sentence = first_sentence(without_dateline(lead));
    let clause = match sentence.char_indices().find(|&(i, c)| c == ',' && i > 40) {
        Some((i, _)) if sentence.chars().count() > TITLE_MAX_CHARS => &sentence[..i],
        _ => sentence,
    };
    truncate_words(clause.trim_end_matches('.'), TITLE_MAX_CHARS)
}

fn first_sentence(paragraph: &str) -> &str {
    let bytes = paragraph.as_bytes();
    for (i, c) in paragraph.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1) == Some(&b' ')
            && paragraph[i + 2..].starts_with(|n: char| n.is_uppercase());
        // "U.S. President": a period after a single capital is an abbreviation.
        let abbreviation = c == '.'
            && i >= 1
            && paragraph[..i]
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|p| p == '.' || p == ' ');
        if ends && !abbreviation {
            return &paragraph[..=i];
        }
    }
    paragraph
}

/// The outlet, from a copyright line, a wire dateline "(AP)" or a contributor line.
fn source_of(lines: &[String]) -> String {
    let from_copyright = lines
        .iter()
        .rev()
        .find_map(|l| COPYRIGHT.captures(l).map(|c| c[1].trim().to_string()));
    let from_dateline = lines.iter().find_map(|l| {
        DATELINE
            .captures(l)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    });
    let from_contributor = lines
        .iter()
        .rev()
        .find_map(|l| CONTRIBUTOR.captures(l).map(|c| c[1].trim().to_string()));
    from_copyright
        .or(from_dateline)
        .or(from_contributor)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_dateline_comes_off_the_front() {
        assert_eq!(
            without_dateline("WASHINGTON, March 2 - Volcker stays."),
            "Volcker stays."
        );
        assert_eq!(
            without_dateline("GYEONGJU, South Korea (AP) — Leaders met."),
            "Leaders met."
        );
        assert_eq!(
            without_dateline("Leaders met - again."),
            "Leaders met - again."
        );
    }

    #[test]
    fn headline_after_a_stray_line_and_repeats_dropped() {
        let article = parse("logo\nLeaders vow to boost ties in first meeting\n\nLeaders vow to boost ties in first meeting\nThe leaders met on Tuesday and agreed on many things.\n© KYODO\n").unwrap();
        assert_eq!(article.title, "Leaders vow to boost ties in first meeting");
        assert_eq!(
            article.body,
            "The leaders met on Tuesday and agreed on many things."
        );
        assert_eq!(
            article.removed,
            ["logo", "© KYODO"],
            "page chrome is set aside, not lost"
        );
        assert_eq!(article.source, "KYODO");
    }

    #[test]
    fn without_a_marker_the_latest_date_in_the_text_is_the_date() {
        let article = parse("Leaders meet again in the capital\nThey met on Oct. 21, 2025 and again on June 3, 2025, said officials on Oct. 29, 2025.\n").unwrap();
        assert_eq!(article.date.as_deref(), Some("2025-10-29"));
        assert_eq!(
            parse("No date here at all in this one\nJust text.\n")
                .unwrap()
                .date,
            None
        );
    }

    #[test]
    fn title_from_lead_sentence_and_date_marker() {
        let text = " date 2025-10-30 Support us now Read more\n\nSEOUL, South Korea (AP) — U.S. President Donald Trump met the leaders of both countries on Thursday in the city, pledging to strengthen their ties. More text follows here.\n";
        let article = parse(text).unwrap();
        assert_eq!(article.date.as_deref(), Some("2025-10-30"));
        assert_eq!(
            article.title,
            "U.S. President Donald Trump met the leaders of both countries on Thursday in the city"
        );
        assert_eq!(article.source, "AP");
        assert!(!article.body.contains("date 2025"));
    }
}
