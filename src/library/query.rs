//! The query language: free words, `"phrases"`, `-word`, `person:`, `country:`, `place:`, `source:`
//! and `date:FROM..TO`, translated into tantivy's query syntax with every user word quoted,
//! so no character of the user's can be read as query syntax.
use crate::entities::countries::Gazetteer;
use crate::entities::link::person_key;

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
    /// While the user is typing, the last word also matches as the start of a word.
    pub prefix_last: bool,
}

/// Translates a user query into tantivy query-parser syntax. Free words that name a
/// known person also match that person's canonical name; a capitalised country name or
/// demonym also matches the country's code.
pub fn translate(query: &str, context: &Context) -> Result<String, QueryError> {
    let clauses = split_clauses(query)?;
    if clauses.is_empty() {
        return Err(QueryError::Empty);
    }
    if clauses.iter().all(|c| c.negated) {
        return Err(QueryError::OnlyExclusions);
    }
    let last = clauses.len() - 1;
    let parts: Result<Vec<String>, QueryError> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| translate_clause(c, context, context.prefix_last && i == last))
        .collect();
    let translated = parts?.join(" ");
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
        format!("({translated}) OR people:\"{key}\"")
    } else {
        translated
    })
}

fn translate_clause(
    clause: &Clause,
    context: &Context,
    prefix: bool,
) -> Result<String, QueryError> {
    let value = quoted(&clause.value);
    let translated = match clause.field.as_deref() {
        None if prefix && is_plain_word(clause) => {
            let stem = clause.value.to_lowercase();
            format!("(title:/{stem}.*/ OR body:/{stem}.*/)")
        }
        None => match country_named(clause, context.countries) {
            Some(code) => format!("({value} OR countries:{code})"),
            None => value,
        },
        Some("person") => format!("people:{}", quoted(&person_key(&clause.value))),
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
    Ok(if clause.negated {
        format!("-{translated}")
    } else {
        translated
    })
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

/// Char ranges of `body` that a query matches: its free words (the last one also as a
/// prefix when `prefix_last`), and the entities its `person:` and `country:` name.
pub fn match_ranges(
    query: &str,
    body: &str,
    entities: &[crate::entities::Entity],
    countries: &Gazetteer,
    prefix_last: bool,
) -> Vec<std::ops::Range<usize>> {
    use crate::entities::Kind;
    let clauses = split_clauses(query).unwrap_or_default();
    let free = clauses.iter().filter(|c| c.field.is_none() && !c.negated);
    let words: Vec<String> = free
        .flat_map(|c| {
            c.value
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let prefix = clauses
        .last()
        .filter(|c| prefix_last && is_plain_word(c))
        .map(|c| c.value.to_lowercase());
    let people: Vec<String> = clauses
        .iter()
        .filter(|c| c.field.as_deref() == Some("person"))
        .map(|c| person_key(&c.value))
        .collect();
    let codes: Vec<String> = clauses
        .iter()
        .filter(|c| c.field.as_deref() == Some("country"))
        .filter_map(|c| countries.resolve(&c.value))
        .collect();
    let mut ranges = Vec::new();
    let mut start = None;
    for (i, c) in body.chars().chain([' ']).enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                let word: String = body
                    .chars()
                    .skip(from)
                    .take(i - from)
                    .flat_map(char::to_lowercase)
                    .collect();
                if words.contains(&word)
                    || prefix
                        .as_ref()
                        .is_some_and(|p| word.starts_with(p.as_str()))
                {
                    ranges.push(from..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    let named = |e: &&crate::entities::Entity| {
        (e.kind == Kind::Person && people.contains(&person_key(&e.canonical)))
            || (e.kind == Kind::Country && codes.contains(&e.canonical))
    };
    ranges.extend(entities.iter().filter(named).map(|e| e.start..e.end));
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    ranges.dedup_by(|later, earlier| later.start < earlier.end);
    ranges
}

/// Shorter prefixes match so many words that they cost more than they narrow.
const MIN_PREFIX_CHARS: usize = 3;

/// A free word of letters and digits only (so it can stand in a regex as it is), long
/// enough to be worth treating as a prefix.
fn is_plain_word(clause: &Clause) -> bool {
    let plain =
        !clause.quoted && !clause.negated && clause.value.chars().all(char::is_alphanumeric);
    plain && clause.value.chars().count() >= MIN_PREFIX_CHARS
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
        let body = rest.trim_start_matches('-');
        let field_end = body
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(body.len());
        let field = (body[field_end..].starts_with(':') && field_end > 0)
            .then(|| body[..field_end].to_lowercase());
        let value_start = if field.is_some() {
            &body[field_end + 1..]
        } else {
            body
        };
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

    fn translate_with(query: &str, prefix_last: bool) -> Result<String, QueryError> {
        let countries = Gazetteer::load();
        let is_person = |key: &str| key == "leejaemyung";
        translate(
            query,
            &Context {
                countries: &countries,
                is_person: &is_person,
                prefix_last,
            },
        )
    }

    fn t(query: &str) -> Result<String, QueryError> {
        translate_with(query, false)
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
    fn while_typing_the_last_word_is_a_prefix() {
        assert_eq!(
            translate_with("summit Takai", true).unwrap(),
            "\"summit\" (title:/takai.*/ OR body:/takai.*/)"
        );
        assert_eq!(
            translate_with("\"Takai", true),
            Err(QueryError::UnbalancedQuote)
        );
        assert_eq!(
            translate_with("a.b", true).unwrap(),
            "\"a.b\"",
            "only plain words become prefixes"
        );
        let short = translate_with("summit el", true).unwrap();
        assert_eq!(
            short, "\"summit\" \"el\"",
            "two letters are too short to be a prefix"
        );
    }

    #[test]
    fn match_ranges_find_words_prefixes_and_named_entities() {
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
            match_ranges("lee", body, &[], &countries, false),
            [0..3, 28..31]
        );
        assert_eq!(
            match_ranges("met Taka", body, &[], &countries, true),
            [4..7, 8..16]
        );
        assert_eq!(
            match_ranges("country:Japanese", body, &[japan], &countries, false),
            vec![std::ops::Range { start: 18, end: 23 }]
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
