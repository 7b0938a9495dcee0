//! Search hits as the reader shows them: a snippet with the matched words and the
//! entities inside it (char offsets in the snippet), and facets of the hits.
use std::collections::HashMap;
use std::ops::Range;

use tantivy::snippet::Snippet;

use super::Summary;
use crate::entities::Entity;

/// How many people and countries a facet lists.
const FACET_SIZE: usize = 5;

/// A search hit.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    pub summary: Summary,
    pub score: f32,
    /// A passage of the body around the matches, on one line.
    pub snippet: String,
    /// Char ranges of the snippet that the query matched.
    pub matched: Vec<Range<usize>>,
    /// The entities inside the snippet, with char offsets in the snippet.
    pub entities: Vec<Entity>,
    /// Canonical people and country codes of the whole article.
    pub people: Vec<String>,
    pub countries: Vec<String>,
}

/// The people and countries most often among the hits, with how many hits name each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    pub people: Vec<(String, usize)>,
    pub countries: Vec<(String, usize)>,
}

/// Counts the people and countries of the hits.
pub fn facets(hits: &[Hit]) -> Facets {
    Facets {
        people: top(hits.iter().map(|h| &h.people)),
        countries: top(hits.iter().map(|h| &h.countries)),
    }
}

fn top<'a>(lists: impl Iterator<Item = &'a Vec<String>>) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for name in lists.flatten() {
        *counts.entry(name).or_default() += 1;
    }
    let mut counted: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted.truncate(FACET_SIZE);
    counted
}

/// The snippet's text on one line and the body's entities inside it, moved to snippet
/// char offsets. When no query word is in the body (a word still being typed), the
/// snippet is the body's opening.
pub fn snippet_parts(
    body: &str,
    body_entities: &[Entity],
    snippet: &Snippet,
    max_chars: usize,
) -> (String, Vec<Entity>) {
    let (fragment, range) = if snippet.fragment().is_empty() {
        let end = body
            .char_indices()
            .nth(max_chars)
            .map_or(body.len(), |(b, _)| b);
        (&body[..end], 0..end)
    } else {
        (snippet.fragment(), snippet.fragment_range())
    };
    let char_in_fragment = |byte: usize| fragment[..byte.min(fragment.len())].chars().count();
    let byte_of_char: Vec<usize> = body
        .char_indices()
        .map(|(b, _)| b)
        .chain([body.len()])
        .collect();
    let byte = |c: usize| byte_of_char.get(c).copied().unwrap_or(body.len());
    let entities = body_entities
        .iter()
        .filter(|e| byte(e.start) >= range.start && byte(e.end) <= range.end)
        .map(|e| Entity {
            start: char_in_fragment(byte(e.start) - range.start),
            end: char_in_fragment(byte(e.end) - range.start),
            ..e.clone()
        })
        .collect();
    (fragment.replace('\n', " "), entities)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(people: &[&str], countries: &[&str]) -> Hit {
        Hit {
            summary: Summary {
                id: String::new(),
                title: String::new(),
                source: String::new(),
                date: None,
                story: String::new(),
                copies: 0,
            },
            score: 0.0,
            snippet: String::new(),
            matched: Vec::new(),
            entities: Vec::new(),
            people: people.iter().map(|p| p.to_string()).collect(),
            countries: countries.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn facets_count_hits_per_name() {
        let hits = [
            hit(&["Lee Jae-myung", "Shigeru Ishiba"], &["JP", "KR"]),
            hit(&["Lee Jae-myung"], &["KR"]),
        ];
        let facets = facets(&hits);
        assert_eq!(
            facets.people,
            [
                ("Lee Jae-myung".to_string(), 2),
                ("Shigeru Ishiba".to_string(), 1)
            ]
        );
        assert_eq!(
            facets.countries,
            [("KR".to_string(), 2), ("JP".to_string(), 1)]
        );
    }
}
