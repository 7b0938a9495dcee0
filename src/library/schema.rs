//! The index schema, built in one place, with every field handle in one struct.
use tantivy::schema::{DateOptions, Field, Schema, FAST, INDEXED, STORED, STRING, TEXT};

/// Bump when the schema or what recognition stores changes: the index lives in
/// `index-v{VERSION}` and older folders are rebuilt from their stored documents on open
/// (10: entity spans stored as compact bytes, not JSON; 11: state abbreviations resolve to
/// their state, capitals take the text's spelling; 12: same-story band keys of 32 bits; 13:
/// each word of a person's name indexed, for `person:Surname`; 14: the person after an
/// office the tagger ran into a name, "Exchequer Nigel Lawson"; 15: a peer the tagger read
/// as an organisation or a place, "Lord Goldsmith", is a person, and no person begins with
/// an article, "The Boxer"; a holiday or an award is no name, "Christmas", "Oscar"; 16: a
/// "person" after a kind of organisation or before a role and a name is the organisation,
/// "electronics firm Hitachi", "Chelsea boss Jose Mourinho"; 17: a club in parentheses
/// after a player, "QC" or "MP" after a name is no part of it, "Labour MP Stephen Pound" is
/// a person and "Labour MP" alone the party, the "Day" of "New Year's Day" no person; 18: a
/// month inside a date is the date, "Feb 27, 1987"; 19: a name in a list takes the kind
/// most of the list has, "Everton, Chelsea and Charlton"; a "person" the next pronoun calls
/// "its" is an organisation, and so is a "person" an organisation's name begins, "Goodyear
/// Tire"; 20: two names the tagger ran into one at an "and" are two, "Morgan Freeman and
/// Cate Blanchett"; 21: lone one-word "people" as many as the organisations of a list of
/// three are organisations, "Sony, Microsoft and Nintendo"; 22: a one-word "person" after
/// "the" and before no noun is none, "oppose the Bill in the Lords").
pub const VERSION: u32 = 22;

/// Names of the fast fields read by name.
pub const STORY: &str = "story";

/// Handles of every field of the index.
#[derive(Clone, Copy)]
pub struct Fields {
    /// The article id (exact match; the key for upserts and lookups).
    pub id: Field,
    pub title: Field,
    pub body: Field,
    /// The outlet, searchable by word (`source:ap`).
    pub source: Field,
    pub date: Field,
    pub url: Field,
    /// Canonical people, by [`crate::entities::link::person_key`].
    pub people: Field,
    /// Each word of a canonical person's name of two or more words, by
    /// [`crate::entities::link::person_key`]: `person:Stoltenberg` finds Gerhard Stoltenberg.
    pub name_words: Field,
    /// ISO 3166-1 alpha-2 codes of the countries mentioned (stored too, for reasons).
    pub countries: Field,
    /// Canonical people as spelled (stored only): read with a hit, without parsing spans.
    pub names: Field,
    /// Places (cities, regions) mentioned, lowercased.
    pub places: Field,
    /// Lines removed from the body as boilerplate, as a JSON array (stored only).
    pub removed: Field,
    /// Entity spans of title and body, as [`super::spans`] encodes them (stored only).
    pub entities: Field,
    /// The same-story group: the id of the group's first article.
    pub story: Field,
    /// MinHash LSH band keys, to find copies of a text.
    pub bands: Field,
}

impl Fields {
    /// The schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let fields = Fields {
            id: builder.add_text_field("id", STRING | STORED | FAST),
            title: builder.add_text_field("title", TEXT | STORED),
            body: builder.add_text_field("body", TEXT | STORED),
            source: builder.add_text_field("source", TEXT | STORED),
            date: builder.add_date_field("date", DateOptions::from(INDEXED | STORED | FAST)),
            url: builder.add_text_field("url", STORED),
            people: builder.add_text_field("people", STRING),
            name_words: builder.add_text_field("name_words", STRING),
            countries: builder.add_text_field("countries", STRING | STORED),
            names: builder.add_text_field("names", STORED),
            places: builder.add_text_field("places", STRING),
            removed: builder.add_text_field("removed", STORED),
            entities: builder.add_bytes_field("entities", STORED),
            story: builder.add_text_field(STORY, STRING | STORED | FAST),
            bands: builder.add_u64_field("bands", INDEXED),
        };
        (builder.build(), fields)
    }
}
