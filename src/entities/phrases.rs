//! A table of multi-word names looked up over tokens, longest match first: the shared
//! machinery of the country and place gazetteers.
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::context::lower_hash;
use super::tagger::KeyHasher;

pub struct PhraseTable<V> {
    entries: HashMap<String, V>,
    /// For each first word of a name (by its lowercase hash), the most tokens a name
    /// starting with it has: most capitalised words start none, and are passed over with
    /// one lookup that allocates nothing.
    longest_from: HashMap<u64, usize, BuildHasherDefault<KeyHasher>>,
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            entries: HashMap::new(),
            longest_from: HashMap::default(),
        }
    }
}

impl<V> PhraseTable<V> {
    /// Adds a name; an existing entry is kept unless `replace`.
    pub fn insert(&mut self, name: &str, value: V, replace: bool) {
        let key = token_key(name);
        let first = lower_hash(key.split(' ').next().unwrap_or_default());
        let tokens = key.split(' ').count();
        let longest = self.longest_from.entry(first).or_insert(0);
        *longest = (*longest).max(tokens);
        if replace {
            self.entries.insert(key, value);
        } else {
            self.entries.entry(key).or_insert(value);
        }
    }

    /// The entry of a name written any way ("NEW  YORK", "new york").
    pub fn get(&self, name: &str) -> Option<&V> {
        self.entries.get(&token_key(name))
    }

    /// Names in a token sequence, longest match first, not overlapping.
    pub fn find(&self, words: &[&str]) -> Vec<(Range<usize>, &V)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i) {
                Some((range, value)) => {
                    i = range.end;
                    found.push((range, value));
                }
                None => i += 1,
            }
        }
        found
    }

    /// A name starts with a capital; its last word is never lowercase ("New" alone is no
    /// place, and "Korea" in "Korea Exchange Bank"-like runs is fine).
    fn longest_at(&self, words: &[&str], i: usize) -> Option<(Range<usize>, &V)> {
        if !words[i].starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let longest = (*self.longest_from.get(&lower_hash(words[i]))?).min(words.len() - i);
        (1..=longest).rev().find_map(|n| {
            let value = self.entries.get(&key_of_words(&words[i..i + n]))?;
            let last = words[i + n - 1];
            (!last.starts_with(|c: char| c.is_lowercase())).then_some((i..i + n, value))
        })
    }
}

/// Lookup key: lowercase, tokens joined by one space, curly apostrophes straightened.
fn token_key(name: &str) -> String {
    key_of_words(&super::tokenize::tokenize(name))
}

fn key_of_words(words: &[&str]) -> String {
    words.join(" ").to_lowercase().replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_longest_capitalised_name_in_any_case() {
        let mut table = PhraseTable::default();
        table.insert("New York", 1, false);
        table.insert("New York City", 2, false);
        table.insert("York", 3, false);
        let words = [
            "in", "NEW", "YORK", "CITY", "and", "new", "york", "and", "York",
        ];
        let found: Vec<_> = table
            .find(&words)
            .into_iter()
            .map(|(r, v)| (r, *v))
            .collect();
        assert_eq!(found, [(1..4, 2), (8..9, 3)]);
        assert_eq!(table.get("new  york"), Some(&1));
    }
}
