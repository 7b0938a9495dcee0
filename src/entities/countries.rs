//! The country gazetteer: names, aliases and demonyms resolved to ISO 3166-1 alpha-2.
//!
//! Built from keshvar (ISO short names, unofficial names, nationalities) plus the alias
//! overlay in `assets/countries-overlay.tsv`. Matching works on tokens, longest first,
//! and needs a capital first letter, so "china" (porcelain) and "turkey" (bird) are not countries.
use std::collections::HashMap;

use super::phrases::PhraseTable;

use keshvar::CountryIterator;

const OVERLAY: &str = include_str!("../../assets/countries-overlay.tsv");

/// A country mention over tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryMatch {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub is_demonym: bool,
}

#[derive(Debug, Clone)]
struct Entry {
    code: String,
    is_demonym: bool,
}

/// Lowercased token-joined names to countries, and each code's display name.
pub struct Gazetteer {
    names: PhraseTable<Entry>,
    display: HashMap<String, String>,
    /// While loading the overlay, its entries replace keshvar's.
    overlay: bool,
}

impl Gazetteer {
    /// Builds the gazetteer from keshvar and the overlay.
    pub fn load() -> Gazetteer {
        let mut gazetteer = Gazetteer {
            names: PhraseTable::default(),
            display: HashMap::new(),
            overlay: false,
        };
        for country in CountryIterator::new() {
            let code = country.alpha2().to_string();
            let names = country
                .unofficial_name_list()
                .iter()
                .copied()
                .chain([country.iso_short_name()]);
            let mut english = names.filter(|n| is_plain_english_name(n));
            if let Some(first) = english.next() {
                gazetteer.display.insert(code.clone(), first.to_string());
                gazetteer.add(first, &code, false);
            }
            english.for_each(|name| gazetteer.add(name, &code, false));
            if let Some(nationality) = country.maybe_nationality() {
                gazetteer.add_demonym(nationality, &code);
            }
        }
        for line in OVERLAY
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut fields = line.split('\t');
            let (Some(code), Some(alias), kind) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            gazetteer.overlay = true;
            match kind {
                Some("demonym") => gazetteer.add_demonym(alias, code),
                _ => gazetteer.add(alias, code, false),
            }
        }
        gazetteer
    }

    fn add(&mut self, name: &str, code: &str, is_demonym: bool) {
        let entry = Entry {
            code: code.to_string(),
            is_demonym,
        };
        // keshvar lists some names under several codes ("American": US and MP); its first
        // wins, and the overlay settles the ones news means otherwise.
        self.names.insert(name, entry, self.overlay);
    }

    /// Adds a demonym and its plural where English forms one with "s" ("Americans", "Israelis").
    fn add_demonym(&mut self, demonym: &str, code: &str) {
        self.add(demonym, code, true);
        if demonym.ends_with("an") || demonym.ends_with('i') {
            self.add(&format!("{demonym}s"), code, true);
        }
    }

    /// Country mentions in a token sequence, longest match first, not overlapping.
    pub fn find(&self, words: &[&str]) -> Vec<CountryMatch> {
        self.names
            .find(words)
            .into_iter()
            .map(|(range, entry)| CountryMatch {
                start: range.start,
                end: range.end,
                code: entry.code.clone(),
                is_demonym: entry.is_demonym,
            })
            .collect()
    }

    /// Resolves a user's country query ("KR", "South Korea", "Korean", "korea") to its code.
    pub fn resolve(&self, query: &str) -> Option<String> {
        let trimmed = query.trim();
        if trimmed.len() == 2 && self.display.contains_key(&trimmed.to_uppercase()) {
            return Some(trimmed.to_uppercase());
        }
        self.names.get(trimmed).map(|e| e.code.clone())
    }

    /// The English name shown for a code ("KR" → "South Korea").
    pub fn name_of(&self, code: &str) -> String {
        self.display
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

/// Keeps English-looking names: Latin letters, no parentheses, no all-lowercase words.
fn is_plain_english_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphabetic() || " .-'".contains(c))
        && name
            .split(' ')
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "and" | "of" | "the"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        let words: Vec<&str> = text.split(' ').collect();
        Gazetteer::load()
            .find(&words)
            .into_iter()
            .map(|m| m.code)
            .collect()
    }

    #[test]
    fn resolves_names_aliases_and_demonyms() {
        assert_eq!(
            codes("U.S. and South Korea and Japanese and Americans and Britain"),
            ["US", "KR", "JP", "US", "GB"]
        );
        assert_eq!(
            codes("South Korean President and North Korea"),
            ["KR", "KP"]
        );
    }

    #[test]
    fn lowercase_words_are_not_countries() {
        assert!(codes("fine china and roast turkey").is_empty());
    }

    #[test]
    fn resolve_accepts_code_name_alias_and_demonym() {
        let gazetteer = Gazetteer::load();
        for query in [
            "KR",
            "kr",
            "South Korea",
            "south korea",
            "South Korean",
            "Korean",
        ] {
            assert_eq!(gazetteer.resolve(query).as_deref(), Some("KR"), "{query}");
        }
        assert_eq!(gazetteer.name_of("KR"), "South Korea");
    }
}
