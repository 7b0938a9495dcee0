//! Search hits as the reader shows them: a snippet with the matched words and the
//! entities inside it (char offsets in the snippet), and facets of the hits.
use std::collections::HashMap;
use std::ops::Range;

use super::Summary;
use crate::entities::Entity;
use crate::text::CharOffsets;

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
/// char offsets. `passage` is the byte range of the body to show; without one (no query
/// word in the body, as when a word is still being typed) the snippet is the body's
/// opening.
pub fn snippet_parts(
    body: &str,
    body_entities: &[Entity],
    passage: Option<Range<usize>>,
    max_chars: usize,
) -> (String, Vec<Entity>) {
    let range = passage.unwrap_or_else(|| {
        0..body
            .char_indices()
            .nth(max_chars)
            .map_or(body.len(), |(b, _)| b)
    });
    let fragment = &body[range.clone()];
    let (line, line_char) = one_line(fragment);
    let char_in_line = |byte: usize| line_char[byte.min(fragment.len())];
    let chars = CharOffsets::of(&body[..range.end]);
    let entities = body_entities
        .iter()
        .filter_map(|e| {
            let (start, end) = (chars.byte(e.start)?, chars.byte(e.end)?);
            (start >= range.start).then(|| Entity {
                start: char_in_line(start - range.start),
                end: char_in_line(end - range.start),
                ..e.clone()
            })
        })
        .collect();
    (line, entities)
}

/// `text` on one line, each run of whitespace one space (a paragraph break is two
/// newlines), and, for each byte offset of `text` and its end, the char offset in the
/// line of the char that byte is in.
fn one_line(text: &str) -> (String, Vec<usize>) {
    let mut line = String::with_capacity(text.len());
    let mut line_char = Vec::with_capacity(text.len() + 1);
    let (mut chars, mut after_space) = (0, false);
    for c in text.chars() {
        line_char.extend(std::iter::repeat_n(chars, c.len_utf8()));
        let space = c.is_whitespace();
        if !(space && after_space) {
            line.push(if space { ' ' } else { c });
            chars += 1;
        }
        after_space = space;
    }
    line_char.push(chars);
    (line, line_char)
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

    fn entity(text: &str, body: &str) -> Entity {
        let byte = body.find(text).unwrap();
        let start = body[..byte].chars().count();
        Entity {
            kind: crate::entities::Kind::Person,
            text: text.to_string(),
            start,
            end: start + text.chars().count(),
            canonical: text.to_string(),
            subtype: None,
            country: None,
        }
    }

    /// The entities a snippet shows, at their char offsets in it.
    fn shown(snippet: &str, entities: &[Entity]) -> Vec<String> {
        let chars: Vec<char> = snippet.chars().collect();
        entities
            .iter()
            .map(|e| chars[e.start..e.end].iter().collect())
            .collect()
    }

    #[test]
    fn a_snippet_is_one_line_with_the_entities_wholly_inside_it_at_its_char_offsets() {
        for body in [
            "Sanae Takaichi met Lee Jae-myung\nin Seoul; Shigeru Ishiba stayed.",
            "Ms Sanae Takaichi met Lee Jae-myung\n\nin Séoul;  Shigeru Ishiba stayed.",
        ] {
            let people = ["Sanae Takaichi", "Lee Jae-myung", "Shigeru Ishiba"];
            let entities: Vec<Entity> = people.iter().map(|p| entity(p, body)).collect();
            let start = body.find("Takaichi").unwrap();
            let end = body.find("Shigeru Ishiba").unwrap() + "Shigeru".len();
            let (snippet, inside) = snippet_parts(body, &entities, Some(start..end), 160);
            assert!(
                snippet.starts_with("Takaichi met Lee Jae-myung in S"),
                "{snippet}"
            );
            assert_eq!(shown(&snippet, &inside), ["Lee Jae-myung"]);
            let (opening, inside) = snippet_parts(body, &entities, None, 160);
            let words: Vec<&str> = body.split_whitespace().collect();
            assert_eq!(opening, words.join(" "), "each run of whitespace one space");
            assert_eq!(shown(&opening, &inside), people);
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
