//! Story threads: the stories sharing an article's main person and country, oldest first,
//! so a reader can follow one story over months.
use super::{outlet, Related};
use crate::article::Article;
use crate::entities::Kind;
use crate::library::query::entity_clause;
use crate::library::{self, fold_copies, Library};

/// How many stories a thread shows at most.
const THREAD_LIMIT: usize = 200;

/// The thread of `article`: stories sharing its main person and country (or the one of
/// them it has), in date order with undated ones last; the article itself is included.
pub fn thread(library: &Library, article: &Article) -> library::Result<Vec<Related>> {
    let (person, country) = article.main_person_and_country();
    let terms: Vec<String> = [(Kind::Person, &person), (Kind::Country, &country)]
        .into_iter()
        .filter_map(|(kind, name)| entity_clause(kind, name.as_deref()?))
        .collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let hits = library.search(&terms.join(" "), THREAD_LIMIT)?.hits;
    let mut rows: Vec<_> = fold_copies(hits.into_iter().map(|h| h.summary).collect());
    rows.sort_by(|a, b| (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)));
    let shared = [person, country.map(|c| library.countries().name_of(&c))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    Ok(rows
        .into_iter()
        .map(|summary| {
            let reason = if summary.story == article.story {
                "this story".to_string()
            } else {
                format!("{} · {shared}", outlet(&summary.source))
            };
            Related {
                same_story: summary.story == article.story,
                summary,
                score: 0.0,
                reason,
            }
        })
        .collect())
}
