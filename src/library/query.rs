//! The query language: free words, `"phrases"`, `-word`, `person:`, `country:`, `source:`
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
    #[error("unknown field '{0}' (use person:, country:, source: or date:)")]
    UnknownField(String),
    #[error("unknown country '{0}'")]
    UnknownCountry(String),
    #[error("bad date range '{0}' (write date:2025-10..2025-11)")]
    BadDate(String),
    #[error("nothing to search for after '-'")]
    OnlyExclusions,
}

/// One piece of a user query: an optional field, the value, and whether it is excluded.
#[derive(Debug, PartialEq)]
struct Clause {
    field: Option<String>,
    value: String,
    negated: bool,
}

/// Translates a user query into tantivy query-parser syntax.
pub fn translate(query: &str, countries: &Gazetteer) -> Result<String, QueryError> {
    let clauses = split_clauses(query)?;
    if clauses.is_empty() {
        return Err(QueryError::Empty);
    }
    if clauses.iter().all(|c| c.negated) {
        return Err(QueryError::OnlyExclusions);
    }
    let parts: Result<Vec<String>, QueryError> = clauses
        .iter()
        .map(|c| translate_clause(c, countries))
        .collect();
    Ok(parts?.join(" "))
}

fn translate_clause(clause: &Clause, countries: &Gazetteer) -> Result<String, QueryError> {
    let value = quoted(&clause.value);
    let translated = match clause.field.as_deref() {
        None => value,
        Some("person") => format!("people:{}", quoted(&person_key(&clause.value))),
        Some("country") => {
            let code = countries
                .resolve(&clause.value)
                .ok_or_else(|| QueryError::UnknownCountry(clause.value.clone()))?;
            format!("countries:{code}")
        }
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
        let (value, remainder) = take_value(value_start)?;
        if !value.trim().is_empty() {
            clauses.push(Clause {
                field,
                value: value.trim().to_string(),
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

    fn t(query: &str) -> Result<String, QueryError> {
        translate(query, &Gazetteer::load())
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
