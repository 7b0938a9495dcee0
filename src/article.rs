//! `Article`, the one type every stage passes on, and its stable id.
use serde::{Deserialize, Serialize};

use crate::entities::Entity;
use crate::related::minhash::Fingerprint;

/// A news article as stored in the library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub body: String,
    pub source: String,
    /// ISO date `YYYY-MM-DD`, from the article's own metadata or text; never the import time.
    pub date: Option<String>,
    pub url: Option<String>,
    /// Entity spans over `title` (char offsets).
    pub title_entities: Vec<Entity>,
    /// Entity spans over `body` (char offsets).
    pub entities: Vec<Entity>,
    /// The id of the story this article is a copy of: the first article of its
    /// same-story group (its own id when it has no copy).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub story: String,
    /// Lines taken out of the body as page boilerplate, kept so nothing is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// MinHash fingerprint of the body, computed at import (for grouping: an article read
    /// back from the library has none).
    #[serde(skip)]
    pub fingerprint: Option<Fingerprint>,
}

impl Article {
    /// Canonical names of the people the article mentions, without repeats.
    pub fn people(&self) -> Vec<String> {
        self.canonicals(crate::entities::Kind::Person)
    }

    /// ISO country codes the article names, without repeats.
    pub fn named_countries(&self) -> Vec<String> {
        self.canonicals(crate::entities::Kind::Country)
    }

    /// ISO country codes the article is in: those it names, then those of the known
    /// places it names ("Houston" counts for the US), without repeats.
    pub fn countries(&self) -> Vec<String> {
        let mut codes = self.named_countries();
        let of_places = self
            .title_entities
            .iter()
            .chain(&self.entities)
            .filter_map(|e| e.country.as_ref());
        for code in of_places {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
        codes
    }

    /// Places (cities, regions) the article mentions, without repeats.
    pub fn places(&self) -> Vec<String> {
        self.canonicals(crate::entities::Kind::Place)
    }

    /// The person and the country the article mentions most (ties: the first mentioned).
    pub fn main_person_and_country(&self) -> (Option<String>, Option<String>) {
        use crate::entities::Kind;
        (
            self.most_mentioned(Kind::Person),
            self.most_mentioned(Kind::Country),
        )
    }

    fn most_mentioned(&self, kind: crate::entities::Kind) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for entity in self
            .title_entities
            .iter()
            .chain(&self.entities)
            .filter(|e| e.kind == kind)
        {
            match counts
                .iter_mut()
                .find(|(name, _)| *name == entity.canonical)
            {
                Some((_, count)) => *count += 1,
                None => counts.push((entity.canonical.clone(), 1)),
            }
        }
        let best = counts.iter().map(|(_, c)| *c).max()?;
        counts
            .into_iter()
            .find(|(_, c)| *c == best)
            .map(|(name, _)| name)
    }

    fn canonicals(&self, kind: crate::entities::Kind) -> Vec<String> {
        let mut seen = Vec::new();
        for entity in self.title_entities.iter().chain(&self.entities) {
            if entity.kind == kind && !seen.contains(&entity.canonical) {
                seen.push(entity.canonical.clone());
            }
        }
        seen
    }
}

/// A short id that is the same on every import of the same content:
/// 64-bit FNV-1a of the text, as 16 hex digits.
pub fn content_id(parts: &[&str]) -> String {
    format!(
        "{:016x}",
        crate::text::fnv1a(parts.iter().flat_map(|p| p.bytes().chain([0])))
    )
}
