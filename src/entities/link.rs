//! Linking name variants: within an article "Lee", "President Lee" and "Lee Jae Myung"
//! are one person; across the library "Lee Jae-myung" and "Lee Jae Myung" share one key.

use super::{Entity, Kind};

/// The library-wide identity of a person's name: lowercase letters and digits only,
/// so spacing and hyphenation variants ("Jae-myung", "Jae Myung") compare equal.
pub fn person_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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
        }
    }
}

/// Sets each person's `canonical`: full names grouped by key take one spelling (the
/// hyphenated romanization if any, else the longest); a one-word mention takes the
/// nearest earlier full name holding that word (or the first one after it).
pub fn link_people(entities: &mut [Entity]) {
    let full_names: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Person && e.text.split_whitespace().count() > 1)
        .map(|(i, e)| (i, e.text.clone()))
        .collect();
    let spelling_of = |name: &str| {
        preferred_spelling(
            full_names.iter().map(|(_, n)| n.as_str()),
            &person_key(name),
        )
    };
    for i in 0..entities.len() {
        if entities[i].kind != Kind::Person {
            continue;
        }
        let name = entities[i].text.clone();
        let full = if name.split_whitespace().count() > 1 {
            Some(name.clone())
        } else {
            holder_of(&full_names, &name, i)
        };
        entities[i].canonical = full.map_or(name, |f| spelling_of(&f));
    }
}

/// The full name containing `word` as one of its words, nearest before position `at`.
fn holder_of(full_names: &[(usize, String)], word: &str, at: usize) -> Option<String> {
    let holds = |name: &String| {
        name.split([' ', '-'])
            .any(|part| part.eq_ignore_ascii_case(word))
    };
    let before = full_names.iter().rev().find(|(i, n)| *i < at && holds(n));
    before
        .or_else(|| full_names.iter().find(|(_, n)| holds(n)))
        .map(|(_, n)| n.clone())
}

/// Among the spellings with `key`, the hyphenated one if any, else the longest.
fn preferred_spelling<'a>(names: impl Iterator<Item = &'a str>, key: &str) -> String {
    let variants: Vec<&str> = names.filter(|n| person_key(n) == key).collect();
    variants
        .iter()
        .copied()
        .max_by_key(|n| (n.contains('-'), n.len()))
        .unwrap_or_default()
        .to_string()
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
}
