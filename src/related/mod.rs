//! Related stories and same-story groups. The copies of an article's own story come
//! first, marked; then other stories ranked by text similarity, shared people and
//! countries, and closeness in time, each with the reason it is related.
pub mod minhash;
pub mod thread;

use std::collections::HashSet;

use crate::article::Article;
use crate::entities::countries::Gazetteer;
use crate::library::stories::fold_groups;
use crate::library::{self, Library, Similar, Summary};

/// How many more-like-this candidates are re-ranked for each related story shown.
const CANDIDATES_PER_RESULT: usize = 3;

/// One related story and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub summary: Summary,
    pub score: f32,
    pub reason: String,
    pub same_story: bool,
}

/// Copies of the article's story, then up to `limit` related stories, best first;
/// the article itself is never listed.
pub fn related(
    library: &Library,
    countries: &Gazetteer,
    article: &Article,
    limit: usize,
) -> library::Result<Vec<Related>> {
    let copies = library.copies_of(article)?;
    related_with_copies(library, countries, article, &copies, limit)
}

/// [`related`], for a caller that already has the article's same-story copies.
pub fn related_with_copies(
    library: &Library,
    countries: &Gazetteer,
    article: &Article,
    copies: &[Summary],
    limit: usize,
) -> library::Result<Vec<Related>> {
    let own: HashSet<&str> = copies
        .iter()
        .map(|c| c.id.as_str())
        .chain([article.id.as_str()])
        .collect();
    let candidates = library.more_like_this(article, limit * CANDIDATES_PER_RESULT + own.len())?;
    let best_text = candidates
        .first()
        .map_or(1.0, |c| c.score.max(f32::EPSILON));
    let mut ranked = Vec::new();
    for candidate in candidates
        .into_iter()
        .filter(|c| !own.contains(c.summary.id.as_str()))
    {
        let shared = Shared::between(article, &candidate, countries);
        let days = days_apart(&article.date, &candidate.summary.date);
        let score = combined_score(candidate.score / best_text, &shared, days);
        ranked.push(Related {
            summary: candidate.summary,
            score,
            reason: shared.reason(),
            same_story: false,
        });
    }
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    // A story several outlets ran is one entry, its best-scoring copy, counting the others.
    let ranked = fold_groups(
        ranked,
        |r| Some(r.summary.story.clone()).filter(|s| !s.is_empty()),
        |first| first.summary.copies += 1,
    );
    let same_story = copies.iter().cloned().map(|summary| Related {
        reason: format!("same story · {}", outlet(&summary.source)),
        summary,
        score: 1.0,
        same_story: true,
    });
    Ok(same_story.chain(ranked.into_iter().take(limit)).collect())
}

/// Text similarity (0–1, relative to the best candidate) weighs most; each shared person
/// and country adds, up to two of each; stories close in time rank a little higher.
fn combined_score(text: f32, shared: &Shared, days: Option<i64>) -> f32 {
    let people = shared.people.len().min(2) as f32 / 2.0;
    let countries = shared.countries.len().min(2) as f32 / 2.0;
    let closeness = days.map_or(0.0, |d| 1.0 / (1.0 + d as f32 / 30.0));
    0.6 * text + 0.25 * people + 0.1 * countries + 0.05 * closeness
}

/// What two articles have in common.
struct Shared {
    people: Vec<String>,
    countries: Vec<String>,
}

impl Shared {
    fn between(article: &Article, other: &Similar, countries: &Gazetteer) -> Shared {
        let people = article.people();
        let codes = article.countries();
        Shared {
            people: other
                .people
                .iter()
                .filter(|p| people.contains(p))
                .cloned()
                .collect(),
            countries: other
                .countries
                .iter()
                .filter(|c| codes.contains(c))
                .map(|c| countries.name_of(c))
                .collect(),
        }
    }

    /// "shares Lee Jae-myung, Japan", or "similar text" when nothing is shared.
    /// A one-word name that is part of another shared name ("Blair" beside "Tony Blair")
    /// is left out.
    fn reason(&self) -> String {
        let is_part_of_another = |p: &String| {
            !p.contains(' ')
                && self
                    .people
                    .iter()
                    .any(|q| q != p && q.split(' ').any(|w| w == p))
        };
        let people = self.people.iter().filter(|p| !is_part_of_another(p));
        let names: Vec<&str> = people
            .take(2)
            .chain(self.countries.iter().take(2))
            .map(String::as_str)
            .collect();
        if names.is_empty() {
            "similar text".to_string()
        } else {
            format!("shares {}", names.join(", "))
        }
    }
}

fn days_apart(a: &Option<String>, b: &Option<String>) -> Option<i64> {
    let day = |date: &Option<String>| {
        date.as_deref()
            .and_then(library::date::to_index)
            .map(|d| d.into_timestamp_secs() / 86_400)
    };
    Some((day(a)? - day(b)?).abs())
}

/// "Reuters (Reuters-21578, Distribution 1.0)" → "Reuters".
pub fn outlet(source: &str) -> &str {
    let short = source.split(" (").next().unwrap_or(source).trim();
    if short.is_empty() {
        "unknown source"
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_beside_the_full_name_is_said_once() {
        let shared = Shared {
            people: vec!["Blair".into(), "Tony Blair".into(), "Gordon Brown".into()],
            countries: vec!["United Kingdom".into()],
        };
        assert_eq!(
            shared.reason(),
            "shares Tony Blair, Gordon Brown, United Kingdom"
        );
        assert_eq!(
            Shared {
                people: vec![],
                countries: vec![]
            }
            .reason(),
            "similar text"
        );
    }
}
