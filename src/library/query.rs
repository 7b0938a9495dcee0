//! The query language: free words, `"phrases"`, `-word`, `person:`, `country:`, `place:`, `source:`
//! and `date:FROM..TO`, translated clause by clause into tantivy's query syntax with every
//! user word quoted, so no character of the user's can be read as query syntax.
use tantivy::query::Occur;

use super::completions::Completion;
use crate::entities::countries::Gazetteer;
use crate::entities::link::{name_words, person_key, separates_name_words};

/// The query language, a form and what it finds a line: the reader's help shows it.
pub const SYNTAX: [(&str, &str); 9] = [
    (
        "summit tariffs",
        "every word (the word being typed also finds words it begins)",
    ),
    ("\"prime minister\"", "the phrase"),
    ("-trade", "without the word"),
    (
        "person:\"Lee Jae-myung\"",
        "that person, in any spelling (Lee Jae Myung)",
    ),
    ("person:Takaichi", "everyone with that word in their name"),
    (
        "country:KR",
        "the country, by code, name or demonym (country:Korean)",
    ),
    ("place:Busan", "the city or region"),
    ("source:ap", "by outlet"),
    (
        "date:2025-10..2025-11",
        "by date: years, months or days, inclusive",
    ),
];

/// What is wrong with a query, said so a person can fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    #[error("empty query")]
    Empty,
    #[error("unbalanced quote")]
    UnbalancedQuote,
    #[error("unknown field '{0}' (use person:, country:, place:, source: or date:)")]
    UnknownField(String),
    #[error("unknown country '{0}'")]
    UnknownCountry(String),
    #[error("bad date range '{0}' (write date:2025-10..2025-11)")]
    BadDate(String),
    #[error("nothing to search for after '-'")]
    OnlyExclusions,
}

/// One piece of a user query: an optional field, the value, whether it was in quotes
/// and whether it is excluded.
#[derive(Debug, PartialEq)]
struct Clause {
    field: Option<String>,
    value: String,
    quoted: bool,
    negated: bool,
}

/// What a translation needs to know besides the query text.
pub struct Context<'a> {
    pub countries: &'a Gazetteer,
    /// Whether the library knows a person by this [`person_key`].
    pub is_person: &'a dyn Fn(&str) -> bool,
    /// While the user is typing, the words the last word stands for (see [`typed_stem`]):
    /// itself and words it begins. Empty otherwise.
    pub completions: &'a [Completion],
}

/// The word being typed, as the index holds words, and where the words it begins are.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedStem {
    /// A free word: it begins words of titles and bodies.
    Word(String),
    /// The one word of a `person:` clause (`person:stolt`): it begins words of people's
    /// names.
    NameWord(String),
}

/// While the user types, the start of a word the query's last word is taken as, if it is
/// a plain word or a `person:` word long enough: lowercased, as the index holds words.
pub fn typed_stem(query: &str) -> Option<TypedStem> {
    let clauses = split_clauses(query).ok()?;
    let last = clauses.last()?;
    if is_plain_word(last) {
        Some(TypedStem::Word(last.value.to_lowercase()))
    } else if is_typed_name_word(last) {
        Some(TypedStem::NameWord(person_key(&last.value)))
    } else {
        None
    }
}

/// While the user types, the query to search: without its last word if that is a plain
/// word still too short to stand for the words it begins ("volcker ra" on the way to
/// "volcker rates"; "s" alone, on the way to "saudi", leaves nothing to search). Searched
/// as a whole word it matches next to nothing, and the hits would blink away for a
/// keystroke or two, or, for "s" or "in", nearly every article, scored for nothing. So
/// does a `person:` clause with fewer letters than that ("person:" and "person:st" on the
/// way to "person:stoltenberg"). One followed by a space, or after nothing but
/// exclusions, is searched as typed.
pub fn while_typing(query: &str) -> &str {
    let (head, last) = query
        .rsplit_once(char::is_whitespace)
        .unwrap_or(("", query));
    let unfinished = match field_of(last) {
        (Some(field), name) if field == "person" => {
            plain_word_length(name).is_some_and(|n| n < MIN_PREFIX_CHARS)
        }
        _ => plain_word_length(last).is_some_and(|n| (1..MIN_PREFIX_CHARS).contains(&n)),
    };
    let only_exclusions =
        split_clauses(head).is_ok_and(|c| !c.is_empty() && c.iter().all(|c| c.negated));
    if unfinished && !only_exclusions {
        head.trim_end()
    } else {
        query
    }
}

/// A user query translated: its clauses in tantivy's query syntax, and the word being
/// typed, if it stands for its completions, left for [`completions::any_of`] to build.
/// Built as terms, a union of 51 completions over title and body costs nothing to read;
/// written out for the query parser, reading it was a fifth of a keystroke's search.
///
/// [`completions::any_of`]: super::completions::any_of
#[derive(Debug, Clone, PartialEq)]
pub enum Translation {
    /// One clause in tantivy's query syntax.
    Syntax(String),
    /// The word being typed: any of [`Context::completions`].
    AnyCompletion,
    /// Every part with [`Occur::Must`], none with [`Occur::MustNot`].
    All(Vec<(Occur, Translation)>),
    /// Either part.
    Either(Box<Translation>, Box<Translation>),
}

/// Translates a user query into tantivy query-parser syntax, clause by clause. Free words
/// that name a known person also match that person's canonical name; a capitalised
/// country name or demonym also matches the country's code.
pub fn translate(query: &str, context: &Context) -> Result<Translation, QueryError> {
    let clauses = split_clauses(query)?;
    if clauses.is_empty() {
        return Err(QueryError::Empty);
    }
    if clauses.iter().all(|c| c.negated) {
        return Err(QueryError::OnlyExclusions);
    }
    let last = clauses.len() - 1;
    let parts: Result<Vec<(Occur, Translation)>, QueryError> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let completions = if i == last { context.completions } else { &[] };
            let occur = if c.negated {
                Occur::MustNot
            } else {
                Occur::Must
            };
            Ok((occur, translate_clause(c, context, completions)?))
        })
        .collect();
    let every_clause = Translation::All(parts?);
    let free: Vec<&str> = clauses
        .iter()
        .filter(|c| c.field.is_none() && !c.negated)
        .map(|c| c.value.as_str())
        .collect();
    let key = person_key(&free.join(" "));
    let names_person = free.len() == clauses.len()
        && free.join(" ").split_whitespace().count() >= 2
        && (context.is_person)(&key);
    Ok(if names_person {
        let person = Translation::Syntax(format!("people:\"{key}\""));
        Translation::Either(Box::new(every_clause), Box::new(person))
    } else {
        every_clause
    })
}

/// `completions`: the words the clause stands for if it is the word being typed, or none.
/// A negated clause is translated as if it were not: the caller excludes it.
fn translate_clause(
    clause: &Clause,
    context: &Context,
    completions: &[Completion],
) -> Result<Translation, QueryError> {
    if !completions.is_empty() && is_plain_word(clause) {
        return Ok(Translation::AnyCompletion);
    }
    let value = quoted(&clause.value);
    let translated = match clause.field.as_deref() {
        None => match country_named(clause, context.countries) {
            Some(code) => format!("({value} OR countries:{code})"),
            None => value,
        },
        Some("person") => person_query(&clause.value, completions),
        Some("country") => {
            let code = context
                .countries
                .resolve(&clause.value)
                .ok_or_else(|| QueryError::UnknownCountry(clause.value.clone()))?;
            format!("countries:{code}")
        }
        Some("place") => format!("places:{}", quoted(&clause.value.to_lowercase())),
        Some("source") => format!("source:{value}"),
        Some("date") => date_range(&clause.value)?,
        Some(other) => return Err(QueryError::UnknownField(other.to_string())),
    };
    Ok(Translation::Syntax(translated))
}

/// The articles naming a person by `name` in full or, if `name` is one word, by a word of
/// their name (`person:Stoltenberg` finds Gerhard Stoltenberg); as that word is typed, by
/// any of the words of names it stands for, its `completions` (`person:stolt`).
fn person_query(name: &str, completions: &[Completion]) -> String {
    let key = quoted(&person_key(name));
    if !is_one_name_word(name) {
        return format!("people:{key}");
    }
    let any_word: String = match completions {
        [] => format!(" OR name_words:{key}"),
        typed => typed
            .iter()
            .map(|c| format!(" OR name_words:{}", quoted(&c.word)))
            .collect(),
    };
    format!("(people:{key}{any_word})")
}

/// A name with no space or hyphen in it: a word that [`name_words`] may index.
fn is_one_name_word(name: &str) -> bool {
    !name.trim().contains(separates_name_words)
}

/// The user query that finds the articles naming a person (`person:"…"`), a country
/// (`country:XX`) or a place (`place:"…"`) by its canonical form; `None` for other kinds.
pub fn entity_clause(kind: crate::entities::Kind, canonical: &str) -> Option<String> {
    use crate::entities::Kind;
    // A quote inside a name would end the phrase: the words alone find the same person.
    let phrase = || canonical.replace('"', " ");
    match kind {
        Kind::Person => Some(format!("person:\"{}\"", phrase())),
        Kind::Country => Some(format!("country:{canonical}")),
        Kind::Place => Some(format!("place:\"{}\"", phrase())),
        Kind::Org | Kind::Figure => None,
    }
}

/// Char ranges of `body` that a query matches: its free words and the `completions` its
/// last word stood for while it was typed (see [`typed_stem`]), and the entities its
/// `person:` and `country:` name.
pub fn match_ranges(
    query: &str,
    body: &str,
    entities: &[crate::entities::Entity],
    countries: &Gazetteer,
    completions: &[Completion],
) -> Vec<std::ops::Range<usize>> {
    use crate::entities::Kind;
    let clauses = split_clauses(query).unwrap_or_default();
    let free = clauses.iter().filter(|c| c.field.is_none() && !c.negated);
    let mut words: Vec<String> = free
        .flat_map(|c| {
            c.value
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut people: Vec<&str> = clauses
        .iter()
        .filter(|c| c.field.as_deref() == Some("person"))
        .map(|c| c.value.as_str())
        .collect();
    let completed = completions.iter().map(|c| c.word.as_str());
    if clauses.last().is_some_and(is_typed_name_word) {
        people.extend(completed);
    } else {
        words.extend(completed.map(str::to_string));
    }
    let codes: Vec<String> = clauses
        .iter()
        .filter(|c| c.field.as_deref() == Some("country"))
        .filter_map(|c| countries.resolve(&c.value))
        .collect();
    let mut ranges = Vec::new();
    // The word being read: its first char's index and its first byte's.
    let mut start = None;
    let ends = body.char_indices().chain([(body.len(), ' ')]);
    for (i, (byte, c)) in ends.enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some((i, byte)),
            (false, Some((from, from_byte))) => {
                let word = body[from_byte..byte].to_lowercase();
                if words.contains(&word) {
                    ranges.push(from..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    let named = |e: &&crate::entities::Entity| {
        (e.kind == Kind::Person && people.iter().any(|name| person_named(name, &e.canonical)))
            || (e.kind == Kind::Country && codes.contains(&e.canonical))
    };
    ranges.extend(entities.iter().filter(named).map(|e| e.start..e.end));
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    ranges.dedup_by(|later, earlier| later.start < earlier.end);
    ranges
}

/// Whether `person:name` finds the person spelled `canonical` (see [`person_query`]).
fn person_named(name: &str, canonical: &str) -> bool {
    let key = person_key(name);
    key == person_key(canonical) || (is_one_name_word(name) && name_words(canonical).contains(&key))
}

/// Shorter stems begin so many words that they cost more than they narrow.
const MIN_PREFIX_CHARS: usize = 3;

/// The one word of an unquoted `person:` clause, long enough to be worth completing.
fn is_typed_name_word(clause: &Clause) -> bool {
    let typed = clause.field.as_deref() == Some("person") && !clause.quoted && !clause.negated;
    typed
        && is_one_name_word(&clause.value)
        && person_key(&clause.value).chars().count() >= MIN_PREFIX_CHARS
}

/// A free word of letters and digits only (so it is one word of the index), long enough
/// to be worth completing.
fn is_plain_word(clause: &Clause) -> bool {
    let free = clause.field.is_none() && !clause.quoted && !clause.negated;
    free && plain_word_length(&clause.value).is_some_and(|n| n >= MIN_PREFIX_CHARS)
}

/// How many letters and digits `word` has, if it has nothing else.
fn plain_word_length(word: &str) -> Option<usize> {
    word.chars()
        .all(char::is_alphanumeric)
        .then(|| word.chars().count())
}

/// The code of the country a capitalised free word or phrase names ("Japan", "South Korean").
fn country_named(clause: &Clause, countries: &Gazetteer) -> Option<String> {
    let capitalised = clause.value.starts_with(|c: char| c.is_uppercase());
    (capitalised && !clause.negated)
        .then(|| countries.resolve(&clause.value))
        .flatten()
}

fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace(['"', '\\'], " "))
}

/// `2025-10..2025-11`, `2025-10-01..2025-10-31`, `2025`: an inclusive range of whole days.
fn date_range(value: &str) -> Result<String, QueryError> {
    let bad = || QueryError::BadDate(value.to_string());
    let (from, to) = value.split_once("..").unwrap_or((value, value));
    let start = period_bounds(from).ok_or_else(bad)?.0;
    let end = period_bounds(to).ok_or_else(bad)?.1;
    Ok(format!("date:[{start}T00:00:00Z TO {end}T00:00:00Z}}"))
}

/// First day of a year, month or day period, and the first day after it.
fn period_bounds(period: &str) -> Option<(String, String)> {
    let numbers: Vec<i64> = period
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (year, month, day) = match numbers[..] {
        [y] => (y, None, None),
        [y, m] if (1..=12).contains(&m) => (y, Some(m), None),
        [y, m, d] if (1..=12).contains(&m) && (1..=31).contains(&d) => (y, Some(m), Some(d)),
        _ => return None,
    };
    let start = super::date::days_from_civil(year, month.unwrap_or(1), day.unwrap_or(1));
    let after = match (month, day) {
        (None, _) => super::date::days_from_civil(year + 1, 1, 1),
        (Some(m), None) => super::date::days_from_civil(year + i64::from(m == 12), m % 12 + 1, 1),
        (Some(_), Some(_)) => start + 1,
    };
    let iso =
        |days: i64| super::date::from_index(tantivy::DateTime::from_timestamp_secs(days * 86_400));
    (1..=9999).contains(&year).then(|| (iso(start), iso(after)))
}

/// Splits a query into clauses, keeping quoted values whole.
fn split_clauses(query: &str) -> Result<Vec<Clause>, QueryError> {
    let mut clauses = Vec::new();
    let mut rest = query.trim();
    while !rest.is_empty() {
        let negated = rest.starts_with('-');
        let (field, value_start) = field_of(rest.trim_start_matches('-'));
        let quoted = value_start.starts_with('"');
        let (value, remainder) = take_value(value_start)?;
        if !value.trim().is_empty() {
            let value = value.trim().to_string();
            clauses.push(Clause {
                field,
                value,
                quoted,
                negated,
            });
        }
        rest = remainder.trim_start();
    }
    Ok(clauses)
}

/// The field a clause names, lowercased ("Person:" is `person:`), and the text after its
/// colon; no field, and all of `clause`, if it names none.
fn field_of(clause: &str) -> (Option<String>, &str) {
    let field_end = clause
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(clause.len());
    if field_end > 0 && clause[field_end..].starts_with(':') {
        (
            Some(clause[..field_end].to_lowercase()),
            &clause[field_end + 1..],
        )
    } else {
        (None, clause)
    }
}

/// A quoted value up to its closing quote, or a bare word up to the next space.
fn take_value(text: &str) -> Result<(&str, &str), QueryError> {
    if let Some(inner) = text.strip_prefix('"') {
        let end = inner.find('"').ok_or(QueryError::UnbalancedQuote)?;
        return Ok((&inner[..end], &inner[end + 1..]));
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    Ok((&text[..end], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The translation as one string of tantivy's syntax, the word being typed `<typed>`.
    fn translate_with(query: &str, completions: &[Completion]) -> Result<String, QueryError> {
        let countries = Gazetteer::load();
        let is_person = |key: &str| key == "leejaemyung";
        let context = Context {
            countries: &countries,
            is_person: &is_person,
            completions,
        };
        translate(query, &context).map(|translation| syntax(&translation))
    }

    fn syntax(translation: &Translation) -> String {
        match translation {
            Translation::Syntax(syntax) => syntax.clone(),
            Translation::AnyCompletion => "<typed>".to_string(),
            Translation::All(parts) => {
                let part = |(occur, part): &(Occur, Translation)| match occur {
                    Occur::MustNot => format!("-{}", syntax(part)),
                    _ => syntax(part),
                };
                parts.iter().map(part).collect::<Vec<_>>().join(" ")
            }
            Translation::Either(one, other) => format!("({}) OR {}", syntax(one), syntax(other)),
        }
    }

    fn t(query: &str) -> Result<String, QueryError> {
        translate_with(query, &[])
    }

    fn words(words: &[&str]) -> Vec<Completion> {
        let weight = |i| 1.0 / (i + 1) as f32;
        let completion = |(i, w): (usize, &&str)| Completion {
            word: w.to_string(),
            weight: weight(i),
        };
        words.iter().enumerate().map(completion).collect()
    }

    #[test]
    fn translates_every_clause_kind() {
        assert_eq!(
            t("summit \"prime minister\" -trade").unwrap(),
            "\"summit\" \"prime minister\" -\"trade\""
        );
        assert_eq!(
            t("person:\"Lee Jae Myung\" country:Japanese").unwrap(),
            "people:\"leejaemyung\" countries:JP"
        );
        assert_eq!(
            t("country:\"South Korea\" source:AP").unwrap(),
            "countries:KR source:\"AP\""
        );
        assert_eq!(
            t("date:2025-10..2025-11").unwrap(),
            "date:[2025-10-01T00:00:00Z TO 2025-12-01T00:00:00Z}"
        );
        assert_eq!(t("a(b):c^2").unwrap(), "\"a(b):c^2\"");
        assert_eq!(t("place:Seoul").unwrap(), "places:\"seoul\"");
    }

    #[test]
    fn one_word_of_a_person_finds_every_person_with_that_word_in_their_name() {
        assert_eq!(
            t("person:Stoltenberg").unwrap(),
            "(people:\"stoltenberg\" OR name_words:\"stoltenberg\")"
        );
        assert_eq!(
            t("summit -person:\"Takaichi\"").unwrap(),
            "\"summit\" -(people:\"takaichi\" OR name_words:\"takaichi\")"
        );
        assert_eq!(
            t("person:Jae-myung").unwrap(),
            "people:\"jaemyung\"",
            "a hyphenated name is a whole name, as its spelling variants are"
        );
    }

    #[test]
    fn free_words_naming_a_person_or_country_match_the_entity_fields() {
        assert_eq!(
            t("Lee Jae Myung").unwrap(),
            "(\"Lee\" \"Jae\" \"Myung\") OR people:\"leejaemyung\""
        );
        assert_eq!(
            t("Japan summit").unwrap(),
            "(\"Japan\" OR countries:JP) \"summit\""
        );
        assert_eq!(
            t("Jane Doe").unwrap(),
            "\"Jane\" \"Doe\"",
            "an unknown person is just words"
        );
        assert_eq!(
            t("japan").unwrap(),
            "\"japan\"",
            "only a capitalised word names a country"
        );
    }

    #[test]
    fn while_typing_the_last_word_stands_for_its_completions() {
        assert_eq!(
            typed_stem("summit Takai"),
            Some(TypedStem::Word("takai".into()))
        );
        let takai = words(&["takai", "takaichi"]);
        assert_eq!(
            translate_with("Takai Takai", &takai).unwrap(),
            "\"Takai\" <typed>",
            "only the last word stands for its completions"
        );
        assert_eq!(typed_stem("\"Takai"), None);
        assert_eq!(
            translate_with("\"Takai", &takai),
            Err(QueryError::UnbalancedQuote)
        );
        assert_eq!(typed_stem("a.b"), None, "only plain words are typed stems");
        assert_eq!(translate_with("a.b", &takai).unwrap(), "\"a.b\"");
        assert_eq!(
            typed_stem("summit el"),
            None,
            "two letters are too short to stand for the words they begin"
        );
        assert_eq!(typed_stem("summit -takai"), None);
        assert_eq!(typed_stem("-person:takai"), None);
        assert_eq!(typed_stem("person:\"takai"), None);
    }

    #[test]
    fn while_typing_a_person_word_stands_for_the_words_of_names_it_begins() {
        assert_eq!(
            typed_stem("summit person:Stolt"),
            Some(TypedStem::NameWord("stolt".into()))
        );
        assert_eq!(typed_stem("person:St"), None, "too short to complete");
        assert_eq!(
            typed_stem("person:Jae-my"),
            None,
            "a hyphenated name is whole"
        );
        let stolt = words(&["stolt", "stoltenberg"]);
        assert_eq!(
            translate_with("person:Stolt", &stolt).unwrap(),
            "(people:\"stolt\" OR name_words:\"stolt\" OR name_words:\"stoltenberg\")"
        );
        assert_eq!(while_typing("summit person:"), "summit");
        assert_eq!(while_typing("summit person:St"), "summit");
        assert_eq!(
            while_typing("summit Person:St"),
            "summit",
            "as the field is read"
        );
        assert_eq!(while_typing("person:Sto"), "person:Sto");
    }

    #[test]
    fn while_typing_a_last_word_too_short_to_complete_waits() {
        assert_eq!(while_typing("volcker ra"), "volcker");
        assert_eq!(while_typing("paul  volcker r"), "paul  volcker");
        assert_eq!(
            while_typing("volcker rat"),
            "volcker rat",
            "long enough to complete"
        );
        assert_eq!(while_typing("s"), "", "nothing to search yet");
        assert_eq!(while_typing("  sa"), "");
        assert_eq!(while_typing("prime minister uk "), "prime minister uk ");
        assert_eq!(
            while_typing("-war ra"),
            "-war ra",
            "exclusions alone search nothing"
        );
        assert_eq!(while_typing("volcker -r"), "volcker -r");
        assert_eq!(while_typing("country:jp r."), "country:jp r.");
        assert_eq!(
            while_typing("\"open ra"),
            "\"open",
            "a bad query still says why"
        );
    }

    #[test]
    fn match_ranges_find_words_completions_and_named_entities() {
        use crate::entities::{Entity, Kind};
        let body = "Lee met Takaichi. Japan and Lee agreed.";
        let japan = Entity {
            kind: Kind::Country,
            text: "Japan".into(),
            start: 18,
            end: 23,
            canonical: "JP".into(),
            subtype: None,
            country: None,
        };
        let countries = Gazetteer::load();
        assert_eq!(
            match_ranges("lee", body, &[], &countries, &[]),
            [0..3, 28..31]
        );
        let taka = words(&["taka", "takaichi"]);
        assert_eq!(
            match_ranges("met Taka", body, &[], &countries, &taka),
            [4..7, 8..16]
        );
        let not_agreed = words(&["agr", "agrarian"]);
        assert!(
            match_ranges("Agr", body, &[], &countries, &not_agreed).is_empty(),
            "a word the typed stem begins is matched only if it stood for it"
        );
        let accented = "Ça va, Élodie?";
        assert_eq!(
            match_ranges("élodie ça", accented, &[], &countries, &[]),
            [0..2, 7..13],
            "ranges count chars, not bytes"
        );
        assert_eq!(
            match_ranges("country:Japanese", body, &[japan], &countries, &[]),
            vec![std::ops::Range { start: 18, end: 23 }]
        );
    }

    #[test]
    fn match_ranges_find_a_person_by_one_word_of_their_name() {
        use crate::entities::{Entity, Kind};
        let body = "Lee Jae-myung met Sanae Takaichi.";
        let person = |start, end, canonical: &str| Entity {
            kind: Kind::Person,
            text: body[start..end].into(),
            start,
            end,
            canonical: canonical.into(),
            subtype: None,
            country: None,
        };
        let people = [
            person(0, 13, "Lee Jae-myung"),
            person(18, 32, "Sanae Takaichi"),
        ];
        let countries = Gazetteer::load();
        let ranges = |query| match_ranges(query, body, &people, &countries, &[]);
        let lee = vec![std::ops::Range { start: 0, end: 13 }];
        let sanae = vec![std::ops::Range { start: 18, end: 32 }];
        assert_eq!(ranges("person:Takaichi"), sanae);
        assert_eq!(ranges("person:myung"), lee);
        assert_eq!(ranges("person:\"Lee Jae Myung\""), lee);
        assert_eq!(ranges("person:Sanae-Takaichi"), sanae, "a spelling variant");
        assert_eq!(ranges("person:Jae"), lee);
        assert!(
            ranges("person:Sanae-Lee").is_empty(),
            "a hyphenated name is a whole name"
        );
        let typed = words(&["taka", "takaichi"]);
        assert_eq!(
            match_ranges("person:taka", body, &people, &countries, &typed),
            sanae,
            "a person word being typed finds the names of the words it stood for"
        );
        assert_eq!(
            match_ranges("met taka", "Takaichi met", &[], &countries, &typed),
            vec![
                std::ops::Range { start: 0, end: 8 },
                std::ops::Range { start: 9, end: 12 }
            ],
            "a free word's completions are words of the text"
        );
    }

    #[test]
    fn bad_queries_say_why() {
        assert_eq!(t("   "), Err(QueryError::Empty));
        assert_eq!(t("\"open"), Err(QueryError::UnbalancedQuote));
        assert_eq!(
            t("colour:red"),
            Err(QueryError::UnknownField("colour".into()))
        );
        assert_eq!(
            t("country:Atlantis"),
            Err(QueryError::UnknownCountry("Atlantis".into()))
        );
        assert_eq!(t("-trade"), Err(QueryError::OnlyExclusions));
        assert!(matches!(t("date:2025-13"), Err(QueryError::BadDate(_))));
    }
}
