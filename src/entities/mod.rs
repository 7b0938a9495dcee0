//! Entity recognition: people, countries, places, organisations and figures.
//!
//! [`Recognizer::recognize`] tokenizes, tags names with the trained perceptron
//! ([`tagger`]), resolves countries with the gazetteer ([`countries`]), finds figures
//! ([`figures`]) and links name variants to one canonical spelling ([`link`]).
//! It runs once per article at import; nothing here is called at render time.
mod capitals;
pub mod context;
mod coordination;
pub mod countries;
pub mod figures;
mod kinds;
pub mod link;
mod occupied;
mod phrases;
pub mod places;
mod plausible;
pub mod tagger;
pub mod tokenize;
pub mod train;
mod weights;

use serde::{Deserialize, Serialize};

pub use plausible::COMMON_WORDS_HEADER;

use countries::{CountryMatch, Gazetteer};
use places::Places;
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
    /// For a known place, the ISO code of the country it is in.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
}

/// The whole recognizer: tagger weights plus gazetteers, loaded once.
pub struct Recognizer {
    tagger: Tagger,
    gazetteers: Gazetteers,
}

/// The name lists recognition consults, beside the tagger's weights.
pub struct Gazetteers {
    pub countries: Gazetteer,
    pub places: Places,
    /// Words never in a person's name (`assets/common-words.txt`).
    common_words: plausible::CommonWords,
}

impl Gazetteers {
    pub fn load() -> Gazetteers {
        Gazetteers {
            countries: Gazetteer::load(),
            places: Places::load(),
            common_words: plausible::load_common_words(),
        }
    }

    /// The tagger's gazetteer feature of each token: 1 inside a country's name, 2 inside
    /// a demonym, 3 inside a known place, 0 elsewhere; with the bit
    /// [`tagger::CONTINUES_COUNTRY`] on every word of a country's name but its first.
    pub fn flags(&self, words: &[&str], countries: &[CountryMatch]) -> Vec<u8> {
        let mut flags = vec![0u8; words.len()];
        for place in self.places.find_in(words) {
            flags[place].fill(3);
        }
        for m in countries {
            flags[m.start..m.end].fill(if m.is_demonym { 2 } else { 1 });
            for flag in &mut flags[m.start + 1..m.end] {
                *flag |= tagger::CONTINUES_COUNTRY;
            }
        }
        flags
    }
}

/// The tagger weights, trained by `tidings train-ner` and committed.
const MODEL: &[u8] = include_bytes!("../../assets/ner.model.gz");

impl Recognizer {
    /// Loads the bundled model and gazetteers.
    pub fn load() -> Recognizer {
        let tagger = Tagger::from_gzip(MODEL).expect("the bundled NER model is valid");
        Recognizer::with_tagger(tagger)
    }

    /// A recognizer with the given tagger (used by training and evaluation).
    pub fn with_tagger(tagger: Tagger) -> Recognizer {
        Recognizer {
            tagger,
            gazetteers: Gazetteers::load(),
        }
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    pub fn countries(&self) -> &Gazetteer {
        &self.gazetteers.countries
    }

    /// All entities in `text`, sorted by position, not overlapping, people linked.
    pub fn recognize(&self, text: &str) -> Vec<Entity> {
        let (mut found, in_capitals) = self.find(text);
        found.sort_by_key(|e| e.start);
        self.states_after_their_cities(text, &mut found);
        let mut entities = to_char_offsets(text, found);
        link::promote_surnames(&mut entities);
        link::link_people(&mut entities);
        link::respell_capitals(&mut entities);
        capitals::find_names_again(text, &in_capitals, &mut entities);
        entities
    }

    /// The entities of a title and of its body. They are recognized as one text, so that
    /// the title has the body's evidence ("Trump" in "Lee met Trump in Seoul" is the
    /// person the body calls "President Donald Trump") and its names link to the body's.
    pub fn recognize_titled(&self, title: &str, body: &str) -> (Vec<Entity>, Vec<Entity>) {
        // A blank line ends the title's sentence and keeps its words apart from the body's.
        const BETWEEN: &str = "\n\n";
        let entities = self.recognize(&format!("{title}{BETWEEN}{body}"));
        let body_start = title.chars().count() + BETWEEN.len();
        let (in_title, in_body): (Vec<Entity>, Vec<Entity>) =
            entities.into_iter().partition(|e| e.start < body_start);
        let in_body = in_body
            .into_iter()
            .map(|e| Entity {
                start: e.start - body_start,
                end: e.end - body_start,
                ..e
            })
            .collect();
        (in_title, in_body)
    }

    /// Names, countries and figures by byte offsets, unsorted, and the byte ranges of the
    /// sentences in capitals, where the tagger's names are not taken (see [`capitals`]).
    /// The tokens are gone when this returns, before the entities' strings are made: on a
    /// long text the two would otherwise be held at once.
    fn find(&self, text: &str) -> (Vec<ByteEntity>, Vec<std::ops::Range<usize>>) {
        let words = tokenize::tokenize(text);
        // Byte offsets in `text` of the start of word `i` and of the end of word `j`.
        let start_of = |i: usize| tokenize::offset_in(text, words[i]);
        let end_of = |j: usize| tokenize::offset_in(text, words[j]) + words[j].len();
        let country_matches = self.gazetteers.countries.find(&words);
        let sentences = tokenize::sentences(text, &words);
        let flags = self.gazetteers.flags(&words, &country_matches);
        let spans = self.tagger.tag_spans(&words, &sentences, &flags);
        let in_capitals = capitals::sentences_in_capitals(&words, &sentences);
        let mut found: Vec<ByteEntity> = spans
            .iter()
            .filter(|span| capitals::keeps(span, &words, &in_capitals))
            .filter_map(|span| {
                let (start, end) = (start_of(span.start), end_of(span.end - 1));
                let entity = self.name_entity(span, &text[start..end], &country_matches)?;
                Some(entity.at(start, end))
            })
            .collect();
        let figures = figures::find(text);
        figures::drop_names_inside_dates(&mut found, &figures);
        // Before countries and figures take the gaps: what is no person leaves its words
        // to them ("3.55m" in "3.55m Euros" is a figure).
        plausible::cut_post_nominals(text, &mut found);
        plausible::drop_implausible_people(text, &mut found, &self.gazetteers.common_words);
        kinds::settle(text, &mut found, &self.gazetteers.common_words);
        let mut occupied = occupied::Occupied::default();
        for name in &found {
            occupied.take(name.start, name.end);
        }
        let gazetteer_countries = country_matches.iter().map(|m| ByteEntity {
            kind: Kind::Country,
            canonical: m.code.clone(),
            subtype: None,
            country: None,
            start: start_of(m.start),
            end: end_of(m.end - 1),
        });
        // Countries the tagger left untagged, then figures, where nothing was found yet.
        for entity in gazetteer_countries.chain(figures) {
            if occupied.take(entity.start, entity.end) {
                found.push(entity);
            }
        }
        let in_capitals = in_capitals
            .iter()
            .map(|words| start_of(words.start)..end_of(words.end - 1))
            .collect();
        (found, in_capitals)
    }

    /// Turns a tagged name span into an entity: countries resolved by the gazetteer,
    /// other locations as places, nationalities as countries, other MISC dropped.
    fn name_entity(
        &self,
        span: &Span,
        span_text: &str,
        countries: &[CountryMatch],
    ) -> Option<ByteEntity> {
        let at = countries.partition_point(|m| m.start < span.start);
        let country = countries
            .get(at)
            .filter(|m| m.start == span.start && m.end == span.end);
        let (kind, canonical) = match (span.label, country) {
            ("LOC" | "MISC" | "ORG", Some(m)) if span.label != "ORG" || !m.is_demonym => {
                (Kind::Country, m.code.to_string())
            }
            // "Liberation Day", "Boxing Day", "Christmas", "Oscar": a named day or an
            // award is an event, and events (MISC) are not shown.
            (_, None) if is_event(span_text) => return None,
            // "the South", "(South) Korea": a bare direction is no place to show.
            ("LOC", None) if context::is_one_of(&DIRECTIONS, span_text) => return None,
            ("LOC", None) => return Some(place(self.gazetteers.places.find(span_text))),
            // "good Japan-Korea relations": places joined to describe something else.
            ("PER" | "ORG", _) if self.joins_places(span_text) => return None,
            // "SAO PAULO" in capitals can read as a name to the tagger, and a city's
            // name as an organisation (its government, its team): shown as the place, as
            // a country's name is shown as the country.
            ("PER" | "ORG", _) => match self.gazetteers.places.find(span_text) {
                Some(known) => return Some(place(Some(known))),
                None if span.label == "PER" => (Kind::Person, String::new()),
                None => (Kind::Org, String::new()),
            },
            _ => return None,
        };
        Some(ByteEntity {
            kind,
            canonical,
            subtype: None,
            country: None,
            start: 0,
            end: 0,
        })
    }

    /// Two or more countries or known places joined by hyphens ("Japan-Korea").
    fn joins_places(&self, name: &str) -> bool {
        let mut parts = name.split('-');
        let is_place = |part: &str| {
            self.gazetteers.countries.resolve(part).is_some()
                || self.gazetteers.places.find(part).is_some()
        };
        name.contains('-') && parts.all(is_place)
    }

    /// "Atlanta, Georgia": a country's name right after a city of another country, when
    /// that country has a state of the same name, is the state.
    fn states_after_their_cities(&self, text: &str, found: &mut [ByteEntity]) {
        for i in 1..found.len() {
            let (before, rest) = found.split_at_mut(i);
            let (city, named) = (&before[i - 1], &mut rest[0]);
            if named.kind != Kind::Country || city.country.is_none() {
                continue;
            }
            let Some(state) = self.gazetteers.places.find(&text[named.start..named.end]) else {
                continue;
            };
            if city.country == Some(state.country) && text[city.end..named.start].trim() == "," {
                *named = place(Some(state)).at(named.start, named.end);
            }
        }
    }
}

const DIRECTIONS: [&str; 4] = ["north", "south", "east", "west"];

/// Holidays, which the tagger reads as a person's name ("Christmas", 24 times in 500 BBC
/// News articles) or an organisation's ("New Year").
const HOLIDAYS: [&str; 10] = [
    "christmas",
    "easter",
    "new year",
    "ramadan",
    "eid",
    "diwali",
    "hanukkah",
    "passover",
    "thanksgiving",
    "halloween",
];

/// Awards, which the tagger reads as a person's name ("Oscar", 27 times in 500 BBC News
/// articles; "Grammy") or an organisation's ("Golden Globe").
const AWARDS: [&str; 8] = [
    "oscar",
    "oscars",
    "grammy",
    "grammys",
    "emmy",
    "emmys",
    "golden globe",
    "golden globes",
];

/// A holiday, or its eve, an award, or a name of two words or more whose last is "Day".
fn is_event(name: &str) -> bool {
    let name = name.strip_suffix("'s").unwrap_or(name);
    let (before_last, last) = name.rsplit_once(' ').unwrap_or(("", name));
    context::is_one_of(&HOLIDAYS, name)
        || context::is_one_of(&AWARDS, name)
        || last.eq_ignore_ascii_case("eve") && context::is_one_of(&HOLIDAYS, before_last)
        || !before_last.is_empty() && last.eq_ignore_ascii_case("day")
}

/// A place, spelled as the gazetteer spells it and with its country when it is known (an
/// unknown place keeps the text's spelling).
fn place(known: Option<places::Place>) -> ByteEntity {
    ByteEntity {
        kind: Kind::Place,
        canonical: known.map_or_else(String::new, |p| p.name.to_string()),
        subtype: None,
        country: known.map(|p| p.country),
        start: 0,
        end: 0,
    }
}

/// An entity located by byte offsets, before conversion to the char offsets of the contract.
#[derive(Debug, Clone)]
pub(crate) struct ByteEntity {
    pub kind: Kind,
    pub canonical: String,
    pub subtype: Option<String>,
    pub country: Option<&'static str>,
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

/// Converts byte offsets (sorted by start) to char offsets, counting the chars between
/// one boundary and the next (std counts them many bytes at a time).
fn to_char_offsets(text: &str, found: Vec<ByteEntity>) -> Vec<Entity> {
    let mut boundaries: Vec<usize> = found.iter().flat_map(|e| [e.start, e.end]).collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let (mut byte, mut chars) = (0, 0);
    let char_at: Vec<(usize, usize)> = boundaries
        .into_iter()
        .map(|boundary| {
            chars += text[byte..boundary].chars().count();
            byte = boundary;
            (boundary, chars)
        })
        .collect();
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
                country: e.country.map(str::to_string),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Kind, Recognizer};

    fn found(text: &str) -> Vec<(Kind, String)> {
        Recognizer::load()
            .recognize(text)
            .into_iter()
            .filter(|e| e.kind != Kind::Figure)
            .map(|e| (e.kind, e.text))
            .collect()
    }

    #[test]
    fn places_joined_by_a_hyphen_and_a_bare_direction_are_not_shown_as_names() {
        let joined = found("Ishiba said he wants good Japan-Korea relations.");
        assert!(
            joined.iter().all(|(_, text)| text != "Japan-Korea"),
            "{joined:?}"
        );
        let direction = found("“I hope that (South) Korea and Japan can grow closer,” Lee said.");
        assert!(
            direction.iter().all(|(_, text)| text != "South"),
            "{direction:?}"
        );
    }

    #[test]
    fn a_title_is_read_with_its_body() {
        let recognizer = Recognizer::load();
        let body = "SEOUL (AP) — South Korean President Lee Jae-myung met U.S. President \
                    Donald Trump on Wednesday. Trump praised the talks.";
        let (title, in_body) = recognizer.recognize_titled("Lee met Trump in Seoul", body);
        let person = |e: &super::Entity| (e.kind == Kind::Person).then(|| e.canonical.clone());
        let title_people: Vec<String> = title.iter().filter_map(person).collect();
        assert_eq!(title_people, ["Lee Jae-myung", "Donald Trump"], "{title:?}");
        let trump = in_body.iter().find(|e| e.text == "Donald Trump").unwrap();
        let chars: Vec<char> = body.chars().collect();
        let text: String = chars[trump.start..trump.end].iter().collect();
        assert_eq!(text, "Donald Trump", "body offsets are the body's own");
    }

    #[test]
    fn a_named_day_is_no_organisation() {
        let text = "Japan avoided the worst of Trump's Liberation Day tariffs, the Asahi said.";
        let names = found(text);
        assert!(
            names.iter().all(|(_, text)| !text.ends_with("Day")),
            "{names:?}"
        );
        assert!(
            names.contains(&(Kind::Org, "Asahi".to_string())),
            "{names:?}"
        );
    }

    #[test]
    fn a_holiday_or_an_award_is_no_one_but_an_island_named_after_it_is_a_place() {
        // Sentences of BBC News articles, where the tagger read "Christmas" and "Oscar" as
        // a person.
        let text = "Online sales over Christmas were up by a third. Retailers had a good \
                    Christmas, and the New Year sales began on Christmas Eve. He won an \
                    Oscar for the role and a Grammy. He flew on to Christmas Island.";
        let names = found(text);
        assert!(
            names
                .iter()
                .all(|(kind, name)| *kind == Kind::Country && name == "Christmas Island"),
            "{names:?}"
        );
        assert!(!names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_sentence_opening_word_is_not_part_of_the_name_after_it() {
        let unlike = found("Unlike Seoul, Tokyo has already put its trade deal in writing.");
        assert!(
            unlike.contains(&(Kind::Place, "Seoul".to_string())),
            "{unlike:?}"
        );
    }

    #[test]
    fn a_month_inside_a_date_is_the_date_not_a_name() {
        // From Reuters-21578, where the tagger read "Feb" as an organisation and so took
        // the date's words before the figures were found.
        let text = "The initiative was announced Dec 19, 1986, and Feb 27, 1987, the \
                    department said. Output, in mln lbs: Feb 87 Jan 87 Feb 86.";
        let entities = Recognizer::load().recognize(text);
        let dates: Vec<&str> = entities
            .iter()
            .filter(|e| e.kind == Kind::Figure)
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(
            dates,
            ["Dec 19, 1986", "Feb 27, 1987", "Feb 87", "Jan 87", "Feb 86"],
            "{entities:?}"
        );
        assert!(
            entities.iter().all(|e| e.kind == Kind::Figure),
            "{entities:?}"
        );
    }
}
