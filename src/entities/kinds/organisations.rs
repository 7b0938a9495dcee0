//! People whom the words around them show to be organisations, which the tagger, trained
//! on news of 1996, reads as people (counted over 500 BBC News and 500 Reuters-21578
//! articles drawn at random, every change read by hand):
//! - after a noun naming a kind of organisation, not after a determiner: "Japanese
//!   electronics firm Hitachi", "search engine Google", but "the company Bill Gates
//!   founded" (73 mentions in 26 articles);
//! - before a role in an organisation and a person's name: "Chelsea boss Jose Mourinho",
//!   "William Hill spokesman Rupert Adams" (36 mentions in 12 articles), where before
//!   "star" the name is a film's or a show's and is not marked ("Vera Drake star Imelda
//!   Staunton");
//! - before a role or a possession only an organisation has: "Bates stepped down as
//!   Chelsea chairman", "DaimlerChrysler's profits" (15 mentions in 5 articles);
//! - in parentheses right after a person's name, in a team's list: "Damien Traille
//!   (Biarritz)", "A Foley (Munster)" (24 mentions in 2 articles);
//! - when the next pronoun in its clause is "its": "Yahoo has tweaked its search",
//!   "GlaxoSmithKline saw its profits rise" (32 mentions in 10 articles, 18 right and the
//!   others products, a game and a film, "Nintendo DS", "Closer", no people).
//!
//! The other mentions of such a name follow it, and so does its last word alone ("Hardie"
//! after "group James Hardie"), and so does a "person" it begins ("Goodyear Tire", "Yahoo
//! Messenger"), which would otherwise make it a person again (42 mentions in 8 articles,
//! all right but a film's, "Moped Vs Santa").
use std::collections::{BTreeMap, HashSet};

use crate::entities::context::is_one_of;
use crate::entities::tagger::HONORIFICS;
use crate::entities::{ByteEntity, Kind};

/// Roles held in an organisation, written between its name and its member's: "William
/// Hill spokesman Rupert Adams", "Cheung Kong director Albert Chow" (those of
/// [`ORGANISATION_ROLES_ALONE`], "Chelsea boss Jose Mourinho", need no name after them).
/// Before one and a name, a "person" is the organisation (the tagger read "Chelsea" as a
/// person 19 times in 500 BBC News articles). Alone these may follow a person's name: "a
/// Chirac spokesman".
const ORGANISATION_ROLES: [&str; 8] = [
    "captain",
    "keeper",
    "founder",
    "co-founder",
    "analyst",
    "director",
    "spokesman",
    "spokeswoman",
];

/// Roles only an organisation has, written right after its name with or without a
/// member's after them: "Bates stepped down as Chelsea chairman".
const ORGANISATION_ROLES_ALONE: [&str; 12] = [
    "boss",
    "manager",
    "coach",
    "chairman",
    "chairwoman",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "winger",
    "chief executive",
    "managing director",
];

/// What only an organisation has, written after its name and "'s": "Jurgen Schrempp,
/// DaimlerChrysler's chairman", "Sony Ericsson's profits tripled".
const ORGANISATION_POSSESSIONS: [&str; 12] = [
    "chairman",
    "chief executive",
    "shareholders",
    "share price",
    "profits",
    "profit",
    "revenues",
    "revenue",
    "turnover",
    "headquarters",
    "subsidiary",
    "board",
];

/// The most words between a name and "its" that may still be one clause's.
const WORDS_TO_A_PRONOUN: usize = 6;

/// Pronouns of a thing and of a person, either of which may stand for the name before it.
const THINGS_PRONOUNS: [&str; 2] = ["its", "itself"];
const PERSONAL_PRONOUNS: [&str; 7] = ["he", "his", "him", "himself", "she", "her", "herself"];

/// A film's, a show's or a team's name before it and an actor's or a player's after it:
/// "Vera Drake star Imelda Staunton". The "person" before it is no name the reader marks.
const STAR: &str = "star";

/// Nouns naming a kind of organisation, written before its name: "Japanese electronics
/// firm Hitachi", "search engine Google", "French club side Narbonne". After one, a
/// "person" is the organisation, unless a determiner comes before the noun: "the club
/// Mourinho built" names the person.
const ORGANISATION_NOUNS: [&str; 26] = [
    "firm",
    "firms",
    "company",
    "companies",
    "carmaker",
    "airline",
    "bank",
    "retailer",
    "provider",
    "giant",
    "club",
    "insurer",
    "engine",
    "label",
    "agency",
    "group",
    "manufacturer",
    "conglomerate",
    "subsidiary",
    "carrier",
    "bookmaker",
    "bookmakers",
    "studio",
    "studios",
    "side",
    "outfit",
];

/// Words that, before an [`ORGANISATION_NOUNS`] noun, may begin a relative clause after it.
const DETERMINERS: [&str; 14] = [
    "the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your", "which",
    "whose",
];

/// People the words around them show to be organisations become those, or no name before
/// [`STAR`], as do the other mentions of the same name. A `titled` name stays a person
/// ("President Chirac" and "Chirac spokesman Jerome Bonnafont"), and so, through
/// [`crate::entities::link::promote_surnames`], does a word of a person's full name in the
/// text ("Jacques Chirac").
pub(super) fn named_by_context(text: &str, found: &mut Vec<ByteEntity>, titled: &HashSet<String>) {
    let mut renamed = kinds_by_context(text, found, titled);
    surnames_follow_their_names(text, found, &mut renamed);
    found.retain_mut(|entity| {
        if entity.kind != Kind::Person {
            return true;
        }
        let name = text[entity.start..entity.end].to_lowercase();
        match renamed
            .get(&name)
            .or_else(|| led_by_an_organisation(&name, &renamed))
        {
            Some(Some(kind)) => {
                entity.kind = *kind;
                true
            }
            Some(None) => false,
            None => true,
        }
    });
}

/// The kind of a "person" of two words or more whose first word alone is a name renamed an
/// organisation's: a product, a service or a part of it ("Yahoo Messenger", "Google News",
/// "Goodyear Tire"), which the tagger read as a person and which would otherwise make its
/// first word a person's again ([`crate::entities::link::promote_surnames`]).
fn led_by_an_organisation<'r>(
    name: &str,
    renamed: &'r BTreeMap<String, Option<Kind>>,
) -> Option<&'r Option<Kind>> {
    let (first, _) = name.split_once(' ')?;
    renamed.get(first).filter(|kind| **kind == Some(Kind::Org))
}

/// The people's names, lowercase, that their context makes an organisation's (or no
/// name: `None`), but for the `titled` ones.
fn kinds_by_context(
    text: &str,
    found: &[ByteEntity],
    titled: &HashSet<String>,
) -> BTreeMap<String, Option<Kind>> {
    let people = || found.iter().filter(|e| e.kind == Kind::Person);
    let bounds = PeopleBounds {
        starts: people().map(|e| e.start).collect(),
        ends: people().map(|e| e.end).collect(),
    };
    let mut renamed = BTreeMap::new();
    for entity in people() {
        if let Some(kind) = kind_from_context(text, entity, &bounds) {
            let name = text[entity.start..entity.end].to_lowercase();
            if !titled.contains(&name) {
                renamed.insert(name, kind);
            }
        }
    }
    renamed
}

/// Where the "people" of a text start and end, in bytes.
struct PeopleBounds {
    starts: HashSet<usize>,
    ends: HashSet<usize>,
}

/// What the words around a "person" make of it, if anything: an organisation
/// (`Some(Some(Kind::Org))`) or no name (`Some(None)`).
fn kind_from_context(
    text: &str,
    entity: &ByteEntity,
    people: &PeopleBounds,
) -> Option<Option<Kind>> {
    let (before, after) = (&text[..entity.start], &text[entity.end..]);
    if precedes_organisation_words(after)
        || owns_what_follows_as_a_thing(after)
        || follows_organisation_noun(before)
        || in_parentheses_after_a_person(before, after, &people.ends)
    {
        return Some(Some(Kind::Org));
    }
    role_before_person(text, entity.end, &people.starts)
        .map(|role| (role != STAR).then_some(Kind::Org))
}

/// A name in parentheses right after a person's is their club's, party's or firm's:
/// "Damien Traille (Biarritz)", "A Foley (Munster)" in a team's list.
fn in_parentheses_after_a_person(before: &str, after: &str, people_ends: &HashSet<usize>) -> bool {
    after.starts_with(')')
        && before
            .strip_suffix(" (")
            .is_some_and(|person| people_ends.contains(&person.len()))
}

/// The last word of a renamed name of two words or more goes with it when it is a
/// "person" alone ("Hardie" after "James Hardie", the company), unless it is a word of a
/// person's name that keeps its kind. Names are taken in order, so that the first of two
/// sharing a last word gives it its kind on every run.
fn surnames_follow_their_names(
    text: &str,
    found: &[ByteEntity],
    renamed: &mut BTreeMap<String, Option<Kind>>,
) {
    let kept_words: HashSet<String> = found
        .iter()
        .filter(|e| e.kind == Kind::Person)
        .map(|e| text[e.start..e.end].to_lowercase())
        .filter(|name| name.contains(' ') && !renamed.contains_key(name))
        .flat_map(|name| name.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let last_words: Vec<(String, Option<Kind>)> = renamed
        .iter()
        .filter_map(|(name, kind)| Some((name.rsplit_once(' ')?.1.to_string(), *kind)))
        .filter(|(word, _)| !kept_words.contains(word))
        .collect();
    for (word, kind) in last_words {
        renamed.entry(word).or_insert(kind);
    }
}

/// The text before a name ends in a noun of [`ORGANISATION_NOUNS`] and a space, and the
/// word before the noun is no determiner.
fn follows_organisation_noun(before: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let mut words = before.rsplit(char::is_whitespace);
    let (noun, previous) = (words.next().unwrap_or_default(), words.next());
    ORGANISATION_NOUNS.contains(&noun)
        && previous.is_some_and(|word| !word.is_empty() && !is_one_of(&DETERMINERS, word))
}

/// The text after a name begins with a role of [`ORGANISATION_ROLES_ALONE`], or with "'s"
/// and a word of [`ORGANISATION_POSSESSIONS`].
fn precedes_organisation_words(after: &str) -> bool {
    let role = after
        .strip_prefix(' ')
        .and_then(|after| begins_with_one_of(after, &ORGANISATION_ROLES_ALONE));
    let possession = ["'s ", "\u{2019}s "]
        .iter()
        .filter_map(|s| after.strip_prefix(s))
        .find_map(|after| begins_with_one_of(after, &ORGANISATION_POSSESSIONS));
    role.or(possession).is_some()
}

/// The text after a name goes on in the same clause to the first pronoun that may be the
/// name's, and that is "its" or "itself": "Yahoo has tweaked its search", "Harvard is
/// limiting its participation". A pronoun right after the name is no evidence ("made
/// Kenzie its favourite"), nor one after another name, a determiner or a possessive, which
/// may be what it stands for ("Yahoo chose Google to power its search", "Ferguson said the
/// club needed its fans", "Stefan's murder dismissed its influence").
fn owns_what_follows_as_a_thing(after: &str) -> bool {
    if !after.starts_with(' ') {
        return false;
    }
    let words = after.split_whitespace().take(WORDS_TO_A_PRONOUN + 1);
    for (i, word) in words.enumerate() {
        let bare = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
        if is_one_of(&PERSONAL_PRONOUNS, bare) {
            return false;
        }
        if is_one_of(&THINGS_PRONOUNS, bare) {
            return i > 0;
        }
        let another_noun = is_one_of(&DETERMINERS, bare) || bare.starts_with(char::is_uppercase);
        let in_the_clause = bare.len() == word.len() && bare.chars().all(char::is_alphabetic);
        if another_noun || !in_the_clause {
            return false;
        }
    }
    false
}

/// The word of `words` that `text` begins with as a whole word, if there is one.
fn begins_with_one_of(text: &str, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|word| {
        text.strip_prefix(word)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

/// The role of [`ORGANISATION_ROLES`] or [`STAR`] written from byte `at` of `text`, if a
/// person's name (one of `people_starts`, perhaps after an honorific) follows it.
fn role_before_person(
    text: &str,
    at: usize,
    people_starts: &HashSet<usize>,
) -> Option<&'static str> {
    let after = text[at..].strip_prefix(' ')?;
    let roles = [&ORGANISATION_ROLES[..], &[STAR]];
    let role = roles
        .iter()
        .find_map(|roles| begins_with_one_of(after, roles))
        .filter(|role| after[role.len()..].starts_with(' '))?;
    let name_at = text.len() - after.len() + role.len() + 1;
    let honorific = text[name_at..]
        .split_once(' ')
        .filter(|(word, _)| is_one_of(&HONORIFICS, word.trim_end_matches('.')))
        .map_or(0, |(word, _)| word.len() + 1);
    people_starts
        .contains(&(name_at + honorific))
        .then_some(role)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_people, kinds_of, names};
    use super::owns_what_follows_as_a_thing;
    use crate::entities::Kind;

    #[test]
    fn a_person_before_a_role_and_a_name_is_the_organisation_or_no_name() {
        // Sentences of the BBC's news, which the tagger reads as people before a role.
        let found = names(
            "Chelsea boss Jose Mourinho has insisted that Sir Alex Ferguson would swap \
             places with him. Asked if his Chelsea honeymoon was over, Mourinho replied.\n\n\
             The odds were cut, said William Hill spokesman Rupert Adams. William Hill also \
             took bets on Vera Drake.\n\nVera Drake star Imelda Staunton was nominated. \
             President Chirac was in Paris, and Chirac spokesman Jerome Bonnafont said so. \
             Jacques Delors met Delors spokesman Jean Martin.",
        );
        assert_eq!(kinds_of(&found, "chelsea"), [Kind::Org; 2], "{found:?}");
        assert_eq!(
            kinds_of(&found, "william hill"),
            [Kind::Org; 2],
            "{found:?}"
        );
        assert_eq!(kinds_of(&found, "vera drake"), [], "{found:?}");
        assert_people(
            &found,
            &[
                "Jose Mourinho",
                "Rupert Adams",
                "Imelda Staunton",
                "Chirac",
                "Delors",
            ],
        );
        // Some roles and possessions only an organisation has, with no name after them.
        let found = names(
            "Bates stepped down as Chelsea chairman in March last year. Chelsea said so.\n\n\
             The carmaker's profits fell, said Jurgen Schrempp, DaimlerChrysler's chairman. \
             DaimlerChrysler took a hit.",
        );
        assert_eq!(kinds_of(&found, "chelsea"), [Kind::Org; 2], "{found:?}");
        assert_eq!(
            kinds_of(&found, "daimlerchrysler"),
            [Kind::Org; 2],
            "{found:?}"
        );
    }

    #[test]
    fn a_person_in_parentheses_after_a_person_is_their_club() {
        // A team's list and a quote of BBC Sport's.
        let found = names(
            "France: Clement Poitrenaud (Stade Toulousain), Damien Traille (Biarritz), Serge \
             Betsen (Biarritz), Nicolas Mas (Perpignan).\n\nWales coach Mike Ruddock was \
             pleased. \"But Mike (Ruddock) asked me to carry on,\" he said.",
        );
        assert_eq!(kinds_of(&found, "biarritz"), [Kind::Org; 2], "{found:?}");
        // A surname in parentheses after a first name stays the person's.
        assert_people(
            &found,
            &["Damien Traille", "Serge Betsen", "Mike Ruddock", "Ruddock"],
        );
    }

    #[test]
    fn a_person_after_a_noun_naming_a_kind_of_organisation_is_that_organisation() {
        // Sentences of the BBC's news, which the tagger reads as people.
        let found = names(
            "Japanese electronics firm Hitachi has unveiled its first humanoid robot. \
             Hitachi said the robot would go on sale.\n\nShares in building materials \
             group James Hardie fell. Hardie said it would pay.\n\nHe joined the club \
             Jose Mourinho manages. It was the company Bill Gates founded in 1975.",
        );
        assert_eq!(kinds_of(&found, "hitachi"), [Kind::Org; 2], "{found:?}");
        assert_eq!(kinds_of(&found, "james hardie"), [Kind::Org], "{found:?}");
        assert_eq!(kinds_of(&found, "hardie"), [Kind::Org], "{found:?}");
        // After a determiner, the name may begin a relative clause.
        assert_people(&found, &["Jose Mourinho", "Bill Gates"]);
    }

    #[test]
    fn a_person_the_next_pronoun_calls_it_is_an_organisation() {
        // Sentences of the BBC's news, which the tagger reads as people.
        let found = names(
            "Yahoo has tweaked its search engine. Users of Yahoo were pleased.\n\n\
             GlaxoSmithKline saw its profits rise.\n\nBookmakers made Kenzie its favourite. \
             Kenzie said he was delighted.",
        );
        assert_eq!(kinds_of(&found, "yahoo"), [Kind::Org; 2], "{found:?}");
        assert_eq!(
            kinds_of(&found, "glaxosmithkline"),
            [Kind::Org],
            "{found:?}"
        );
        assert_people(&found, &["Kenzie"]);
        for after_a_person in [
            " said the club needed its fans.",
            " chose Google to power its search.",
            " said he would keep its promise.",
            "'s murder dismissed its influence.",
            ", which lost money, cut its staff.",
            " told reporters in one long and rambling speech of its plans.",
        ] {
            assert!(
                !owns_what_follows_as_a_thing(after_a_person),
                "{after_a_person}"
            );
        }
    }

    #[test]
    fn a_person_led_by_a_renamed_organisation_is_one_too() {
        // From Reuters-21578, where the tagger read "Goodyear Tire" as a person, which made
        // "Goodyear" a person again after "Goodyear's chairman" made it an organisation.
        let found = names(
            "Goodyear Tire and Rubber Co said it expects to sell its Celeron Corp oil and \
             gas subsidiary for about two billion dlrs in about two months.\n\nAfter the \
             company's annual meeting, Rober Mercer, Goodyear's chairman and chief executive \
             officer, also said Goodyear expects to report a profit.",
        );
        assert_eq!(kinds_of(&found, "goodyear tire"), [Kind::Org], "{found:?}");
        assert_eq!(kinds_of(&found, "goodyear"), [Kind::Org; 2], "{found:?}");
    }
}
