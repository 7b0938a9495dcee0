//! The place gazetteer: cities, states and provinces, each with the country it is in,
//! from `assets/places.tsv` (its header names the source). A place the tagger finds
//! keeps the gazetteer's spelling and counts for its country.
use std::ops::Range;

use super::phrases::PhraseTable;

const PLACES: &str = include_str!("../../assets/places.tsv");

/// A known place: its usual spelling and the ISO code of its country.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub name: &'static str,
    pub country: &'static str,
}

pub struct Places {
    names: PhraseTable<Place>,
    /// Abbreviations ("Calif."): they name a place the tagger found, but are not looked
    /// for in the text, whose known places are a feature the tagger was trained with.
    abbreviations: PhraseTable<Place>,
}

impl Places {
    pub fn load() -> Places {
        let mut places = Places {
            names: PhraseTable::default(),
            abbreviations: PhraseTable::default(),
        };
        for line in PLACES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        {
            let mut columns = line.split('\t');
            let (Some(written), Some(country)) = (columns.next(), columns.next()) else {
                continue;
            };
            match columns.next() {
                Some(name) => places
                    .abbreviations
                    .insert(written, Place { name, country }, false),
                None => places.names.insert(
                    written,
                    Place {
                        name: written,
                        country,
                    },
                    false,
                ),
            }
        }
        places
    }

    /// The place a name or an abbreviation (any case, any spacing) stands for, if it is
    /// known.
    pub fn find(&self, name: &str) -> Option<Place> {
        self.names
            .get(name)
            .or_else(|| self.abbreviations.get(name))
            .copied()
    }

    /// Token ranges of known places in a token sequence, longest first.
    pub fn find_in(&self, words: &[&str]) -> Vec<Range<usize>> {
        self.names.find(words).into_iter().map(|(r, _)| r).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    #[test]
    fn places_resolve_in_any_case_to_their_country() {
        let places = Places::load();
        let houston = places.find("HOUSTON").unwrap();
        assert_eq!((houston.name, houston.country), ("Houston", "US"));
        assert_eq!(places.find("new  york").unwrap().name, "New York");
        assert_eq!(places.find("Tokyo").unwrap().country, "JP");
        assert_eq!(places.find("Atlantis"), None);
        let california = places.find("Calif.").unwrap();
        assert_eq!((california.name, california.country), ("California", "US"));
        assert_eq!(places.find("N.Y.").unwrap().name, "New York");
        assert_eq!(places.find("MICH.").unwrap().name, "Michigan");
        assert_eq!(places.find("LA."), None, "Los Angeles, not Louisiana");
    }

    #[test]
    fn a_dateline_state_abbreviation_is_the_state() {
        let text = "SANTA BARBARA, Calif., April 17 - Shares rose.";
        assert_eq!(found_as(text, "Calif."), ["place California US"]);
    }

    /// (kind, text, canonical, country) of each place and country the recognizer finds.
    fn places_and_countries(text: &str) -> Vec<(String, String, String, Option<String>)> {
        crate::entities::Recognizer::load()
            .recognize(text)
            .into_iter()
            .filter(|e| matches!(e.kind, Kind::Place | Kind::Country))
            .map(|e| (e.kind.label().to_string(), e.text, e.canonical, e.country))
            .collect()
    }

    /// "kind canonical country" of each place and country found written as `written`.
    fn found_as(text: &str, written: &str) -> Vec<String> {
        places_and_countries(text)
            .into_iter()
            .filter(|(_, text, _, _)| text == written)
            .map(|(kind, _, canonical, country)| {
                format!("{kind} {canonical} {}", country.as_deref().unwrap_or("-"))
            })
            .collect()
    }

    #[test]
    fn a_place_the_tagger_finds_keeps_the_usual_spelling_and_its_country() {
        let found = places_and_countries("HOUSTON, Feb 26 - Shares rose.");
        let houston = ("place", "HOUSTON", "Houston", Some("US"));
        assert_eq!(found.len(), 1, "{found:?}");
        let (kind, text, canonical, country) = &found[0];
        assert_eq!(
            (
                kind.as_str(),
                text.as_str(),
                canonical.as_str(),
                country.as_deref()
            ),
            houston
        );
    }

    #[test]
    fn georgia_after_one_of_its_cities_is_the_state() {
        let text = "He lives in Savannah, Georgia, near the coast. Georgia's president spoke.";
        assert_eq!(
            found_as(text, "Georgia"),
            ["place Georgia US", "country GE -"]
        );
    }

    #[test]
    fn every_line_names_a_place_and_a_two_letter_code() {
        let places = Places::load();
        for line in PLACES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let columns: Vec<&str> = line.split('\t').collect();
            assert!(matches!(columns.len(), 2 | 3), "{line}");
            assert!(!columns[0].trim().is_empty(), "{line}");
            let code = columns[1];
            assert!(
                code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()),
                "{line}"
            );
            if let Some(name) = columns.get(2) {
                let place = places
                    .names
                    .get(name)
                    .expect("an abbreviated place is listed");
                assert_eq!(place.country, code, "{line}");
            }
        }
    }
}
