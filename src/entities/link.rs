//! Linking name variants: within an article "Lee", "President Lee" and "Lee Jae Myung"
//! are one person; across the library "Lee Jae-myung" and "Lee Jae Myung" share one key.

use std::collections::HashMap;

use super::{Entity, Kind};

/// The library-wide identity of a person's name: lowercase letters and digits only,
/// so spacing and hyphenation variants ("Jae-myung", "Jae Myung") compare equal.
pub fn person_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What parts the words of a name: a space or a hyphen ("Lee Jae-myung").
pub fn separates_name_words(c: char) -> bool {
    c.is_whitespace() || c == '-'
}

/// The words of a name of two or more words, each by [`person_key`] ("Lee Jae-myung":
/// "lee", "jae", "myung"), so one word of a name finds the person; none for a one-word name,
/// which its [`person_key`] finds already.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(separates_name_words)
        .map(person_key)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    if words.len() < 2 {
        words.clear();
    }
    words
}

/// One-word names the tagger called a place or an organisation but that are a word of a
/// person's full name in the same text ("Takaichi" after "Sanae Takaichi") become that person.
pub fn promote_surnames(entities: &mut [Entity]) {
    let name_words: std::collections::HashSet<String> = entities
        .iter()
        .filter(|e| e.kind == Kind::Person && e.text.split_whitespace().count() > 1)
        .flat_map(|e| {
            e.text
                .split([' ', '-'])
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    for entity in entities.iter_mut() {
        let single = !entity.text.contains(' ');
        if single
            && matches!(entity.kind, Kind::Place | Kind::Org)
            && name_words.contains(&entity.text.to_lowercase())
        {
            entity.kind = Kind::Person;
            // A person is in no country: "Houston" of "Donald Houston" is not the city.
            entity.country = None;
        }
    }
}

/// A place or an organisation written in capitals (a headline's "WHITE HOUSE") takes the
/// spelling the same text gives it in mixed case ("White House"), if it gives one. One
/// short word in capitals is left alone: it is likely an acronym ("WHO", "PCS"), which
/// the text may also write as a word that is not it ("Who", "PCs").
pub fn respell_capitals(entities: &mut [Entity]) {
    let is_named = |e: &Entity| matches!(e.kind, Kind::Place | Kind::Org);
    let has_lowercase = |e: &Entity| e.canonical.chars().any(char::is_lowercase);
    let may_be_acronym = |e: &Entity| !e.canonical.contains(' ') && e.canonical.len() <= 5;
    let mut spelling: HashMap<String, String> = HashMap::new();
    for entity in entities.iter().filter(|e| is_named(e) && has_lowercase(e)) {
        spelling
            .entry(entity.canonical.to_lowercase())
            .or_insert_with(|| entity.canonical.clone());
    }
    for entity in entities
        .iter_mut()
        .filter(|e| is_named(e) && !has_lowercase(e) && !may_be_acronym(e))
    {
        if let Some(spelled) = spelling.get(&entity.canonical.to_lowercase()) {
            entity.canonical = spelled.clone();
        }
    }
}

/// Sets each person's `canonical`: full names grouped by key take one spelling (the
/// hyphenated romanization if any, else the longest); a one-word mention takes the
/// nearest earlier full name holding that word (or the first one after it).
/// Linear in the number of mentions, so a huge text cannot stall an import.
pub fn link_people(entities: &mut [Entity]) {
    let mut spelling: HashMap<String, &str> = HashMap::new();
    let mut holders: HashMap<String, Vec<(usize, &str)>> = HashMap::new();
    for (i, entity) in entities.iter().enumerate().filter(|(_, e)| is_full_name(e)) {
        let name = entity.text.as_str();
        let best = spelling.entry(person_key(name)).or_insert(name);
        if (name.contains('-'), name.len()) > (best.contains('-'), best.len()) {
            *best = name;
        }
        for word in name.split([' ', '-']) {
            holders
                .entry(word.to_lowercase())
                .or_default()
                .push((i, name));
        }
    }
    let canonical: Vec<Option<String>> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let full = if is_full_name(e) {
                Some(e.text.as_str())
            } else {
                nearest_holder(&holders, &e.text, i)
            };
            (e.kind == Kind::Person)
                .then(|| full.map_or(e.text.clone(), |f| spelling[&person_key(f)].to_string()))
        })
        .collect();
    for (entity, canonical) in entities.iter_mut().zip(canonical) {
        if let Some(canonical) = canonical {
            entity.canonical = canonical;
        }
    }
}

fn is_full_name(entity: &Entity) -> bool {
    entity.kind == Kind::Person && entity.text.split_whitespace().count() > 1
}

/// The full name containing `word`, nearest before position `at`, else the first after it.
fn nearest_holder<'a>(
    holders: &HashMap<String, Vec<(usize, &'a str)>>,
    word: &str,
    at: usize,
) -> Option<&'a str> {
    let list = holders.get(&word.to_lowercase())?;
    let after = list.partition_point(|(i, _)| *i < at);
    list.get(after.checked_sub(1).unwrap_or(after))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str) -> Entity {
        Entity {
            kind: Kind::Person,
            text: text.into(),
            start: 0,
            end: 0,
            canonical: String::new(),
            subtype: None,
            country: None,
        }
    }

    #[test]
    fn short_mentions_and_variants_link_to_one_spelling() {
        let mut entities = vec![
            person("Lee Jae Myung"),
            person("Lee"),
            person("Lee Jae-myung"),
            person("Takaichi"),
            person("Sanae Takaichi"),
        ];
        link_people(&mut entities);
        let canonical: Vec<&str> = entities.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(
            canonical,
            [
                "Lee Jae-myung",
                "Lee Jae-myung",
                "Lee Jae-myung",
                "Sanae Takaichi",
                "Sanae Takaichi"
            ]
        );
        assert_eq!(person_key("Lee Jae-myung"), person_key("Lee Jae Myung"));
    }

    #[test]
    fn a_name_in_capitals_takes_the_mixed_case_spelling_of_the_text() {
        let named = |kind, text: &str| Entity {
            kind,
            canonical: text.into(),
            ..person(text)
        };
        let mut entities = vec![
            named(Kind::Place, "WHITE HOUSE"),
            named(Kind::Org, "REUTERS"),
            named(Kind::Org, "WHO"),
            named(Kind::Org, "NASA"),
            named(Kind::Place, "White House"),
            named(Kind::Org, "Reuters"),
            named(Kind::Org, "Who"),
        ];
        respell_capitals(&mut entities);
        let canonical: Vec<&str> = entities.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(
            canonical,
            [
                "White House",
                "Reuters",
                "WHO",
                "NASA",
                "White House",
                "Reuters",
                "Who"
            ]
        );
    }

    #[test]
    fn a_place_that_is_a_word_of_a_full_name_becomes_the_person_without_its_country() {
        let houston = Entity {
            kind: Kind::Place,
            canonical: "Houston".into(),
            country: Some("US".into()),
            ..person("Houston")
        };
        let mut entities = vec![person("Donald Houston"), houston];
        promote_surnames(&mut entities);
        link_people(&mut entities);
        let promoted = &entities[1];
        assert_eq!(
            (
                promoted.kind,
                promoted.canonical.as_str(),
                promoted.country.as_deref()
            ),
            (Kind::Person, "Donald Houston", None)
        );
    }
}
