//! Entity recognition: people, countries, places, organisations and figures.
//!
//! [`Recognizer::recognize`] tokenizes, tags names with the trained perceptron
//! ([`tagger`]), resolves countries with the gazetteer ([`countries`]), finds figures
//! ([`figures`]) and links name variants to one canonical spelling ([`link`]).
//! It runs once per article at import; nothing here is called at render time.
pub mod context;
pub mod countries;
pub mod figures;
pub mod link;
mod occupied;
pub mod tagger;
pub mod tokenize;
pub mod train;

use serde::{Deserialize, Serialize};

use countries::{CountryMatch, Gazetteer};
use tagger::{Span, Tagger};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Country,
    Place,
    Org,
    Figure,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Country,
        Kind::Place,
        Kind::Org,
        Kind::Figure,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Country => "country",
            Kind::Place => "place",
            Kind::Org => "org",
            Kind::Figure => "figure",
        }
    }
}

/// One recognized mention. `start`/`end` count chars from the start of the text given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: Kind,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub canonical: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subtype: Option<String>,
}

/// The whole recognizer: tagger weights plus gazetteers, loaded once.
pub struct Recognizer {
    tagger: Tagger,
    countries: Gazetteer,
}

/// The tagger weights, trained by `tidings train-ner` and committed.
const MODEL: &[u8] = include_bytes!("../../assets/ner.model.gz");

impl Recognizer {
    /// Loads the bundled model and gazetteers.
    pub fn load() -> Recognizer {
        let countries = Gazetteer::load();
        let tagger = Tagger::from_gzip(MODEL).expect("the bundled NER model is valid");
        Recognizer { tagger, countries }
    }

    /// A recognizer with the given tagger (used by training and evaluation).
    pub fn with_tagger(tagger: Tagger) -> Recognizer {
        Recognizer {
            tagger,
            countries: Gazetteer::load(),
        }
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    pub fn countries(&self) -> &Gazetteer {
        &self.countries
    }

    /// All entities in `text`, sorted by position, not overlapping, people linked.
    pub fn recognize(&self, text: &str) -> Vec<Entity> {
        let tokens = tokenize::tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let country_matches = self.countries.find(&words);
        let sentences = tokenize::sentences(text, &tokens);
        let spans = self.tagger.tag_spans(&words, &sentences, &country_matches);
        let mut found: Vec<ByteEntity> = Vec::new();
        let mut occupied = occupied::Occupied::default();
        for span in &spans {
            if let Some(entity) = self.name_entity(span, &country_matches) {
                let (start, end) = (tokens[span.start].start, tokens[span.end - 1].end);
                occupied.take(start, end);
                found.push(entity.at(start, end));
            }
        }
        let gazetteer_countries = country_matches.iter().map(|m| ByteEntity {
            kind: Kind::Country,
            canonical: m.code.clone(),
            subtype: None,
            start: tokens[m.start].start,
            end: tokens[m.end - 1].end,
        });
        // Countries the tagger left untagged, then figures, where nothing was found yet.
        for entity in gazetteer_countries.chain(figures::find(text)) {
            if occupied.take(entity.start, entity.end) {
                found.push(entity);
            }
        }
        found.sort_by_key(|e| e.start);
        let mut entities = to_char_offsets(text, found);
        link::promote_surnames(&mut entities);
        link::link_people(&mut entities);
        entities
    }

    /// Turns a tagged name span into an entity: countries resolved by the gazetteer,
    /// other locations as places, nationalities as countries, other MISC dropped.
    fn name_entity(&self, span: &Span, countries: &[CountryMatch]) -> Option<ByteEntity> {
        let at = countries.partition_point(|m| m.start < span.start);
        let country = countries
            .get(at)
            .filter(|m| m.start == span.start && m.end == span.end);
        let (kind, canonical) = match (span.label, country) {
            ("LOC" | "MISC" | "ORG", Some(m)) if span.label != "ORG" || !m.is_demonym => {
                (Kind::Country, m.code.to_string())
            }
            ("LOC", None) => (Kind::Place, String::new()),
            ("PER", _) => (Kind::Person, String::new()),
            ("ORG", _) => (Kind::Org, String::new()),
            _ => return None,
        };
        Some(ByteEntity {
            kind,
            canonical,
            subtype: None,
            start: 0,
            end: 0,
        })
    }
}

/// An entity located by byte offsets, before conversion to the char offsets of the contract.
#[derive(Debug, Clone)]
pub(crate) struct ByteEntity {
    pub kind: Kind,
    pub canonical: String,
    pub subtype: Option<String>,
    pub start: usize,
    pub end: usize,
}

impl ByteEntity {
    fn at(mut self, start: usize, end: usize) -> ByteEntity {
        self.start = start;
        self.end = end;
        self
    }
}

/// Converts byte offsets (sorted by start) to char offsets in one pass over the text.
fn to_char_offsets(text: &str, found: Vec<ByteEntity>) -> Vec<Entity> {
    let mut char_at = Vec::with_capacity(found.len() * 2);
    let mut boundaries: Vec<usize> = found.iter().flat_map(|e| [e.start, e.end]).collect();
    boundaries.sort_unstable();
    let mut chars = 0;
    let mut next = boundaries.iter().peekable();
    for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
        while next.peek().is_some_and(|&&b| b == byte) {
            char_at.push((byte, chars));
            next.next();
        }
        chars += 1;
    }
    let char_of = |byte: usize| {
        char_at
            .binary_search_by_key(&byte, |&(b, _)| b)
            .map(|i| char_at[i].1)
            .unwrap_or(0)
    };
    found
        .into_iter()
        .map(|e| {
            let surface = text[e.start..e.end].to_string();
            let canonical = if e.canonical.is_empty() {
                surface.clone()
            } else {
                e.canonical
            };
            Entity {
                kind: e.kind,
                text: surface,
                start: char_of(e.start),
                end: char_of(e.end),
                canonical,
                subtype: e.subtype,
            }
        })
        .collect()
}
