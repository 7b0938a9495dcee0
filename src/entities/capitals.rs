//! Sentences written in capitals, as wire headlines are ("VOLCKER URGES CAUTION ON RATES
//! AS JAPAN AND WEST GERMANY MEET"). The tagger reads a capital as the start of a name,
//! so in them it takes whole runs of words for one ("VOLCKER URGES CAUTION ON RATES AS"
//! an organisation, "WEST GERMANY MEET" a place). Its names there are dropped; countries
//! and figures are found in them as anywhere else, and the names the rest of the text
//! gives in mixed case are found again in them: "VOLCKER" is the body's "Paul Volcker".
//! An organisation the tagger ends with a company's legal form ("REXHAM CORP") is kept:
//! that word closes the name whatever the case.
use std::ops::Range;

use super::context::is_one_of;
use super::kinds::COMPANY_SUFFIXES;
use super::occupied::Occupied;
use super::tagger::Span;
use super::{Entity, Kind};

/// Fewer words of letters than this make no sentence in capitals ("NATO." may be a name).
const MIN_WORDS: usize = 3;

/// The word ranges of `sentences` with no lowercase letter and [`MIN_WORDS`] words of two
/// letters or more.
pub fn sentences_in_capitals(words: &[&str], sentences: &[Range<usize>]) -> Vec<Range<usize>> {
    let is_word = |w: &&&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    sentences
        .iter()
        .filter(|range| {
            let words = &words[(*range).clone()];
            !words.iter().any(|w| w.chars().any(char::is_lowercase))
                && words.iter().filter(is_word).count() >= MIN_WORDS
        })
        .cloned()
        .collect()
}

/// Whether the tagger's name `span` of `words` is taken: outside the sentences
/// `capitals`, or an organisation that ends with a company's legal form.
pub fn keeps(span: &Span, words: &[&str], capitals: &[Range<usize>]) -> bool {
    let within = |sentence: &Range<usize>| sentence.start <= span.start && span.end <= sentence.end;
    let last = || words[span.end - 1].trim_end_matches('.');
    !capitals.iter().any(within) || (span.label == "ORG" && is_one_of(&COMPANY_SUFFIXES, last()))
}

/// Adds to `entities` the people, places and organisations they name outside the byte
/// ranges `regions` of `text` (in capitals) wherever those names appear in capitals in
/// them (sorted, apart), with their kind, spelling and country: the longest first, whole
/// words only, where no entity is yet. A person is found by their full name or by its last word.
pub fn find_names_again(text: &str, regions: &[Range<usize>], entities: &mut Vec<Entity>) {
    if regions.is_empty() {
        return;
    }
    let names = names_in_capitals(entities);
    let mut taken = Occupied::default();
    for entity in entities.iter() {
        taken.take(entity.start, entity.end);
    }
    let mut found = Vec::new();
    // Chars before the region, counted on from the region before (they come in order).
    let (mut counted_to, mut region_chars) = (0, 0);
    for region in regions {
        region_chars += text[counted_to..region.start].chars().count();
        counted_to = region.start;
        let written = &text[region.clone()];
        for (capitals, entity) in &names {
            for (at, _) in written.match_indices(capitals.as_str()) {
                let end = at + capitals.len();
                if !stands_alone(written, at, end) {
                    continue;
                }
                let start = region_chars + written[..at].chars().count();
                let end_char = start + capitals.chars().count();
                if !taken.take(start, end_char) {
                    continue;
                }
                found.push(Entity {
                    text: written[at..end].to_string(),
                    start,
                    end: end_char,
                    ..(*entity).clone()
                });
            }
        }
    }
    entities.extend(found);
    entities.sort_by_key(|e| e.start);
}

/// The names of people, places and organisations written in mixed case (or acronyms), in
/// capitals, each with the entity it was found as, the longest first: a person's full
/// name and, when it is three letters or more, its last word.
fn names_in_capitals(entities: &[Entity]) -> Vec<(String, &Entity)> {
    let named = |e: &&Entity| matches!(e.kind, Kind::Person | Kind::Place | Kind::Org);
    let mut names: Vec<(String, &Entity)> = Vec::new();
    for entity in entities.iter().filter(named) {
        let acronym = !entity.text.chars().any(char::is_lowercase);
        let words: Vec<&str> = entity.text.split_whitespace().collect();
        if acronym && words.len() > 1 {
            // A name of several words in capitals is in a sentence in capitals, or is one.
            continue;
        }
        names.push((entity.text.to_uppercase(), entity));
        let surname = words.last().filter(|w| w.chars().count() >= 3);
        if entity.kind == Kind::Person && words.len() > 1 {
            names.extend(surname.map(|s| (s.to_uppercase(), entity)));
        }
    }
    // The first entity to give a name gives it its kind and spelling.
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    let mut seen = std::collections::HashSet::new();
    names.retain(|(name, _)| seen.insert(name.clone()));
    names
}

/// Whether `text[start..end]` is whole words: no letter or digit right before or after.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: Kind, text: &str, start: usize, canonical: &str) -> Entity {
        Entity {
            kind,
            text: text.to_string(),
            start,
            end: start + text.chars().count(),
            canonical: canonical.to_string(),
            subtype: None,
            country: None,
        }
    }

    #[test]
    fn a_sentence_in_capitals_has_three_words_and_no_lowercase_letter() {
        let words = [
            "VOLCKER", "URGES", "CAUTION", ".", "Paul", "Volcker", "SPOKE", "NATO", ".",
        ];
        let sentences = [0..4, 4..7, 7..9];
        let headline = 0..4;
        assert_eq!(sentences_in_capitals(&words, &sentences), [headline]);
    }

    #[test]
    fn in_capitals_only_a_company_with_its_legal_form_is_kept() {
        let words = ["REXHAM", "CORP", "SEES", "GAINS", "Rexham", "Corp", "SEES"];
        let headline = 0..4;
        let capitals = [headline];
        let span = |start, end, label| Span { start, end, label };
        assert!(keeps(&span(0, 2, "ORG"), &words, &capitals));
        assert!(!keeps(&span(0, 3, "ORG"), &words, &capitals));
        assert!(!keeps(&span(0, 2, "PER"), &words, &capitals));
        assert!(
            keeps(&span(4, 7, "ORG"), &words, &capitals),
            "not in capitals"
        );
    }

    #[test]
    fn names_of_the_text_are_found_again_in_capitals() {
        let text = "BAKER AND VOLCKER MEET ON U.S. RATES\n\nPaul Volcker met James Baker at the \
                    Federal Reserve. VOLCKERS";
        let body = text.find("Paul").unwrap();
        let mut entities = vec![
            entity(Kind::Person, "Paul Volcker", body, "Paul Volcker"),
            entity(Kind::Person, "James Baker", body + 17, "James Baker"),
            entity(Kind::Org, "Federal Reserve", body + 36, "Federal Reserve"),
        ];
        let title = 0..text.find('\n').unwrap();
        find_names_again(text, &[title], &mut entities);
        let found: Vec<(&str, &str, usize)> = entities
            .iter()
            .map(|e| (e.text.as_str(), e.canonical.as_str(), e.start))
            .collect();
        assert_eq!(
            found[..2],
            [("BAKER", "James Baker", 0), ("VOLCKER", "Paul Volcker", 10)]
        );
        assert_eq!(entities.len(), 5, "only in the regions given: {found:?}");
    }

    #[test]
    fn the_longest_name_wins_and_words_are_whole() {
        let text = "NEW YORK BANKS AND YORKSHIRE\n\nNew York and York.";
        let body = text.find("New").unwrap();
        let mut entities = vec![
            entity(Kind::Place, "New York", body, "New York"),
            entity(Kind::Place, "York", body + 13, "York"),
        ];
        let title = 0..text.find('\n').unwrap();
        find_names_again(text, &[title], &mut entities);
        let texts: Vec<&str> = entities.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["NEW YORK", "New York", "York"]);
    }
}
