//! Related stories: text similarity from the library, with the reason each is related
//! (the people and countries it shares with the article).
use crate::article::Article;
use crate::entities::countries::Gazetteer;
use crate::library::{self, Library, Summary};

/// One related story and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub summary: Summary,
    pub score: f32,
    pub reason: String,
    pub same_story: bool,
}

/// The stories most related to `article`, best first, the article itself excluded.
pub fn related(
    library: &Library,
    countries: &Gazetteer,
    article: &Article,
    limit: usize,
) -> library::Result<Vec<Related>> {
    let people = article.people();
    let codes = article.countries();
    let mut out = Vec::new();
    for (score, summary) in library.more_like_this(article, limit)? {
        let other = library.get(&summary.id)?.unwrap_or_default();
        let shared_people: Vec<String> = other
            .people()
            .into_iter()
            .filter(|p| people.contains(p))
            .collect();
        let shared_countries: Vec<String> = other
            .countries()
            .into_iter()
            .filter(|c| codes.contains(c))
            .map(|c| countries.name_of(&c))
            .collect();
        out.push(Related {
            summary,
            score,
            reason: reason(&shared_people, &shared_countries),
            same_story: false,
        });
    }
    Ok(out)
}

/// "shares Lee Jae-myung, Japan", or "similar text" when nothing is shared.
fn reason(people: &[String], countries: &[String]) -> String {
    let shared: Vec<&str> = people
        .iter()
        .take(2)
        .chain(countries.iter().take(2))
        .map(String::as_str)
        .collect();
    if shared.is_empty() {
        "similar text".to_string()
    } else {
        format!("shares {}", shared.join(", "))
    }
}
