//! A name's kind from what the whole text says of it, where the tagger's guess for one
//! mention says otherwise, and the pieces of names that are no names at all:
//! - a name right after a title only people hold is a person's ("President Reagan", which
//!   the tagger read as an organisation 474 times in Reuters-21578), and so are the other
//!   one-word mentions of that name in the text;
//! - so is the name after the title in an "organisation" that ends in a title and a name
//!   ("Treasury Secretary James Baker", 106 times in Reuters-21578; "Chancellor of the
//!   Exchequer Nigel Lawson", read as "Exchequer Nigel Lawson"), or in a "place" or a
//!   "person" whose name has a title past its first word ("Trade Representative Clayton
//!   Yeutter");
//! - an "organisation" or a "place" that is an honorific and a name is that person, the
//!   honorific left out as it is of a person's name ("Lord Goldsmith", which the tagger read
//!   as an organisation or a place 14 times in 500 BBC News articles; "Mr Blair" as a
//!   place), and so are the other one-word mentions of the name;
//! - a "person" that the words around it show to be an organisation is one
//!   ([`organisations`]: "electronics firm Hitachi", "Chelsea boss Jose Mourinho");
//! - a name in a list takes the kind most of the list has ([`lists`]: "Everton, Chelsea
//!   and Charlton", "Cate Blanchett, Leonardo DiCaprio and Richard Gere");
//! - a one-word "person" that begins an organisation's name in the same text or is one,
//!   and is no word of a person's full name there, is that organisation ("Chrysler" after
//!   "Chrysler Corp", "Chelsea" the "person" beside "Chelsea" the club);
//! - a lone letter ("S and P", a ticker's ".F"), a company suffix alone ("Co" of "Charles
//!   Schwab and Co") and an economic measure ("GNP") are no organisation.
use std::collections::HashSet;
use std::ops::Range;

use super::context::{is_capitalised, is_one_of};
use super::plausible::{is_made_of_common_words, CommonWords};
use super::tagger::HONORIFICS;
use super::{ByteEntity, Kind};

mod lists;
mod organisations;

/// Titles that only people hold, written before the name.
pub(super) const PERSONAL_TITLES: [&str; 31] = [
    "president",
    "mp",
    "mep",
    "msp",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "chancellor",
    "senator",
    "sen",
    "governor",
    "gov",
    "premier",
    "minister",
    "secretary",
    "chairman",
    "chairwoman",
    "judge",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "ambassador",
    "spokesman",
    "speaker",
    "representative",
    "director",
    "commissioner",
];

/// Titles that are also people's names: inside a person's name, "King" is no title
/// ("Martin Luther King Jnr", "Billie Jean King").
const TITLES_ALSO_NAMES: [&str; 6] = ["king", "queen", "prince", "princess", "judge", "speaker"];

/// Lowercase words inside people's names: "Jacques de Larosiere", "Ludwig van Beethoven".
const NAME_PARTICLES: [&str; 10] = [
    "de", "del", "della", "di", "da", "du", "van", "von", "der", "la",
];

/// Last words of titles that end one only inside an organisation's name: "White House Chief
/// of Staff Howard Baker", "Chancellor of the Exchequer Nigel Lawson" (read by the tagger as
/// an organisation "Exchequer Nigel Lawson", 42 times in Reuters-21578), "Liffe Chief
/// Executive Michael Jenkins". Before a name of its own a word of them is no title: "Chief
/// Treasury Secretary Paul Boateng".
const TITLE_ENDINGS_INSIDE_NAMES: [&str; 5] =
    ["chief", "staff", "exchequer", "executive", "officer"];

/// First words after an honorific that make it an office, not a name: "Lord Mayor", "Lord
/// Chief Justice", "Lord Privy Seal" (and the personal titles: "Lord Chancellor").
const OFFICES_AFTER_HONORIFICS: [&str; 6] = [
    "mayor",
    "justice",
    "privy",
    "advocate",
    "lieutenant",
    "provost",
];

/// The titles written abbreviated, with a period ("Mr.", "Sen."); any other title ending in
/// a period ends a sentence instead ("…added the spokesman. REM played").
const ABBREVIATED_TITLES: [&str; 6] = ["mr", "mrs", "ms", "dr", "sen", "gov"];

/// Last words of a government's name, which begins with its leader's ("Reagan
/// Administration"): no evidence that the leader's name is an organisation's.
const GOVERNMENTS: [&str; 3] = ["administration", "government", "cabinet"];

/// Words that end a company's name and are no name alone.
pub(super) const COMPANY_SUFFIXES: [&str; 12] = [
    "co", "corp", "inc", "ltd", "plc", "ag", "sa", "nv", "llc", "gmbh", "bhd", "cos",
];

/// Capitalised abbreviations of economics, which the tagger takes for organisations.
const MEASURES: [&str; 4] = ["gnp", "gdp", "cpi", "ppi"];

/// Applies the rules of the module to `found` (byte offsets into `text`); `common`: the
/// words never seen in a person's name.
pub(crate) fn settle(text: &str, found: &mut Vec<ByteEntity>, common: &CommonWords) {
    split_pairs_after_honorifics(text, found, common);
    people_after_honorifics(text, found, common);
    let titled = people_after_titles(text, found, common);
    people_inside_titled_names(text, found, common);
    organisations::named_by_context(text, found, &titled);
    companies_named_like_people(text, found, &titled);
    lists::kinds_of_lists(text, found, &titled);
    found.retain(|e| e.kind != Kind::Org || !is_fragment(&text[e.start..e.end]));
}

/// Organisations and places after a personal title become people, with every other
/// one-word mention of a one-word name so titled; returns the titled names, lowercase.
/// A name made of `common` words is left as it is: "Premier" and "King" are also words
/// of names ("Premier League", "King County").
fn people_after_titles(
    text: &str,
    found: &mut [ByteEntity],
    common: &CommonWords,
) -> HashSet<String> {
    let may_be_person = |e: &ByteEntity| matches!(e.kind, Kind::Org | Kind::Place);
    let mut titled: HashSet<String> = HashSet::new();
    for entity in found
        .iter_mut()
        .filter(|e| may_be_person(e) || e.kind == Kind::Person)
    {
        let name = &text[entity.start..entity.end];
        if follows_title(&text[..entity.start]) && !is_made_of_common_words(name, common) {
            titled.insert(name.to_lowercase());
            make_person(entity);
        }
    }
    for entity in found.iter_mut().filter(|e| may_be_person(e)) {
        let name = &text[entity.start..entity.end];
        if !name.contains(' ') && titled.contains(&name.to_lowercase()) {
            make_person(entity);
        }
    }
    titled
}

/// Two people the tagger ran into one organisation or place at an "and", each an honorific
/// and a name ("Lord Falconer and Baroness Morgan"), become two names.
fn split_pairs_after_honorifics(text: &str, found: &mut Vec<ByteEntity>, common: &CommonWords) {
    let is_titled_name = |words: &str| name_after_honorific(words, common).is_some();
    let mut second_halves = Vec::new();
    for entity in found
        .iter_mut()
        .filter(|e| matches!(e.kind, Kind::Org | Kind::Place))
    {
        let name = &text[entity.start..entity.end];
        let Some((first, second)) = name.split_once(" and ") else {
            continue;
        };
        if is_titled_name(first) && is_titled_name(second) {
            let mut second_half = entity.clone();
            second_half.start = entity.end - second.len();
            entity.end = entity.start + first.len();
            second_halves.push(second_half);
        }
    }
    found.extend(second_halves);
}

/// Organisations and places that are an honorific and a name become that person, without
/// the honorific ([`name_after_honorific`]).
fn people_after_honorifics(text: &str, found: &mut [ByteEntity], common: &CommonWords) {
    for entity in found
        .iter_mut()
        .filter(|e| matches!(e.kind, Kind::Org | Kind::Place))
    {
        if let Some(name) = name_after_honorific(&text[entity.start..entity.end], common) {
            entity.end = entity.start + name.end;
            entity.start += name.start;
            make_person(entity);
        }
    }
}

/// Where the person's name lies in `words` that are an honorific and a name, as a byte
/// range of them: "Lord Goldsmith" → "Goldsmith", "Lord Kinnock of Bedwellty" → "Kinnock"
/// (a peer's territorial designation is no part of the name). "Lord of the Rings" and
/// "Lord Chancellor" hold none.
fn name_after_honorific(words: &str, common: &CommonWords) -> Option<Range<usize>> {
    let (honorific, rest) = words.split_once(' ')?;
    let honorific = honorific.trim_end_matches('.');
    if !is_one_of(&HONORIFICS, honorific) {
        return None;
    }
    let name = rest.split(" of ").next().unwrap_or(rest);
    let first = name.split(' ').next().unwrap_or_default();
    let is_office = [
        &PERSONAL_TITLES[..],
        &TITLE_ENDINGS_INSIDE_NAMES,
        &OFFICES_AFTER_HONORIFICS,
    ]
    .iter()
    .any(|offices| is_one_of(offices, first));
    let start = words.len() - rest.len();
    (!is_office && is_name_after(honorific, name, common)).then(|| start..start + name.len())
}

/// An organisation's name, or a place's or a person's past its first word, that ends in a
/// personal title and a name is that name's person ("U.S. Agriculture Secretary Richard
/// Lyng", read as a place, "Trade Representative Clayton Yeutter" as a person; but "Prince
/// Edward Island" is a place).
fn people_inside_titled_names(text: &str, found: &mut [ByteEntity], common: &CommonWords) {
    for entity in found.iter_mut() {
        let name = &text[entity.start..entity.end];
        let Some((title, after)) = name_after_last_title(name) else {
            continue;
        };
        // Nothing but the title's word ("Sen.", "Secretary") before the name.
        let title_first = !name[..name.len() - after.len()].trim_end().contains(' ');
        let may_hold_a_person = match entity.kind {
            Kind::Org => true,
            Kind::Place => !title_first,
            Kind::Person => !title_first && !is_one_of(&TITLES_ALSO_NAMES, title),
            _ => false,
        };
        if may_hold_a_person && is_name_after(title, after, common) {
            entity.start = entity.end - after.len();
            make_person(entity);
        }
    }
}

/// Whether the words `after` a title make a person's name: one to three capitalised words
/// (and particles: "Gerhard de Kock"), not all `common` ones, nor a government's or a
/// company's name; after a word of [`TITLE_ENDINGS_INSIDE_NAMES`], two words at least
/// ("Lord Chief Justice" is an office).
fn is_name_after(title: &str, after: &str, common: &CommonWords) -> bool {
    let words: Vec<&str> = after.split(' ').collect();
    let (first, last) = (words[0], words[words.len() - 1]);
    let fewest = if is_one_of(&TITLE_ENDINGS_INSIDE_NAMES, title) {
        2
    } else {
        1
    };
    let inner = &words[1..words.len().saturating_sub(1).max(1)];
    (fewest..=3).contains(&words.len())
        && is_capitalised(first)
        && is_capitalised(last)
        && inner
            .iter()
            .all(|w| is_capitalised(w) || is_one_of(&NAME_PARTICLES, w))
        && !is_made_of_common_words(after, common)
        && !is_one_of(&GOVERNMENTS, last)
        && !is_one_of(&COMPANY_SUFFIXES, last.trim_end_matches('.'))
}

/// The last personal title among the words of `name` but its last word, and the words
/// after it.
fn name_after_last_title(name: &str) -> Option<(&str, &str)> {
    let mut after = None;
    let mut rest = name;
    while let Some((word, next)) = rest.split_once(' ') {
        let word = word.trim_end_matches('.');
        if is_one_of(&PERSONAL_TITLES, word) || is_one_of(&TITLE_ENDINGS_INSIDE_NAMES, word) {
            after = Some((word, next));
        }
        rest = next;
    }
    after
}

/// The text before a name ends in a personal title or an honorific, and a space.
fn follows_title(before: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or_default();
    match word.strip_suffix('.') {
        Some(abbreviated) => is_one_of(&ABBREVIATED_TITLES, abbreviated),
        None => is_one_of(&PERSONAL_TITLES, word) || is_one_of(&HONORIFICS, word),
    }
}

fn make_person(entity: &mut ByteEntity) {
    entity.kind = Kind::Person;
    entity.canonical.clear();
    entity.country = None;
}

/// One-word people that begin an organisation's name or are one ("Chelsea" the club
/// beside "Chelsea" the "person"), and are no word of a person's name of two words or more
/// nor a `titled` name, become organisations.
fn companies_named_like_people(text: &str, found: &mut [ByteEntity], titled: &HashSet<String>) {
    let names_of = |kind: Kind| {
        found
            .iter()
            .filter(move |e| e.kind == kind)
            .map(|e| &text[e.start..e.end])
    };
    let people: HashSet<String> = names_of(Kind::Person)
        .filter(|name| name.contains(' '))
        .flat_map(|name| name.split([' ', '-']))
        .map(str::to_lowercase)
        .collect();
    // Capitals run a headline's words together into "names" ("LAWSON SAYS"), and a
    // government is named after its leader ("Reagan Administration").
    let is_evidence = |name: &&str| {
        let last = name.rsplit(' ').next().unwrap_or_default();
        name.chars().any(char::is_lowercase) && !is_one_of(&GOVERNMENTS, last)
    };
    let first_words: HashSet<String> = names_of(Kind::Org)
        .filter(is_evidence)
        .filter_map(|name| name.split(' ').next())
        .map(str::to_lowercase)
        .collect();
    for entity in found.iter_mut().filter(|e| e.kind == Kind::Person) {
        let name = text[entity.start..entity.end].to_lowercase();
        let a_person_elsewhere = people.contains(&name) || titled.contains(&name);
        if !name.contains(' ') && first_words.contains(&name) && !a_person_elsewhere {
            entity.kind = Kind::Org;
        }
    }
}

/// A lone letter, company suffixes alone, or an economic measure.
fn is_fragment(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let words = || name.split(' ').map(|w| w.trim_end_matches('.'));
    letters <= 1 || words().all(|w| is_one_of(&COMPANY_SUFFIXES, w)) || is_one_of(&MEASURES, name)
}

#[cfg(test)]
mod tests {
    use super::super::{Kind, Recognizer};

    pub(super) fn names(text: &str) -> Vec<(Kind, String)> {
        Recognizer::load()
            .recognize(text)
            .into_iter()
            .filter(|e| !matches!(e.kind, Kind::Figure | Kind::Country))
            .map(|e| (e.kind, e.text))
            .collect()
    }

    fn titled(title: &str, body: &str) -> Vec<(Kind, String)> {
        let (in_title, in_body) = Recognizer::load().recognize_titled(title, body);
        in_title
            .into_iter()
            .chain(in_body)
            .filter(|e| matches!(e.kind, Kind::Person | Kind::Org))
            .map(|e| (e.kind, e.text))
            .collect()
    }

    /// Asserts that each of `people` was found as a person.
    pub(super) fn assert_people(found: &[(Kind, String)], people: &[&str]) {
        for person in people {
            assert!(
                found.contains(&(Kind::Person, person.to_string())),
                "{person}: {found:?}"
            );
        }
    }

    /// The kinds of the mentions of `name`, in any case.
    pub(super) fn kinds_of(found: &[(Kind, String)], name: &str) -> Vec<Kind> {
        let mentions = found.iter().filter(|(_, n)| n.eq_ignore_ascii_case(name));
        mentions.map(|(kind, _)| *kind).collect()
    }

    #[test]
    fn a_name_after_a_personal_title_is_a_person_as_are_its_other_mentions() {
        let found = titled(
            "REAGAN SENDS KUWAITI PLAN TO CONGRESS",
            "President Reagan today sent a classified report to Congress.\n\n\
             Congress has demanded a detailed security plan. Reagan said it was ready.",
        );
        assert_eq!(kinds_of(&found, "reagan"), [Kind::Person; 3], "{found:?}");
        // The headline's capitals read as an organisation's name beginning with "REAGAN":
        // the title makes him a person all the same.
        let found = titled(
            "REAGAN SIGNS GNMA BILL WITH RESERVATIONS",
            "President Reagan signed a bill limiting fees that may be charged by the \
             Government National Mortgage Association (GNMA).",
        );
        assert!(
            found.contains(&(Kind::Person, "Reagan".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn the_name_after_a_title_inside_an_organisation_is_a_person() {
        let found = titled(
            "BAKER EXPRESSES DOUBTS ABOUT U.S. STOCK TAX",
            "Treasury Secretary James Baker expressed doubts about a proposal to tax \
             securities transactions.\n\n\"If you start taxing markets, it could impair \
             their efficiency,\" Baker said after a speech to the National Newspaper \
             Association.\n\nHouse Speaker Jim Wright has proposed a transfer tax.",
        );
        assert_people(&found, &["James Baker", "Baker", "Jim Wright"]);
        assert!(
            found.contains(&(Kind::Org, "National Newspaper Association".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn offices_the_tagger_runs_into_a_name_leave_the_person_after_them() {
        // Sentences of Reuters-21578 (20042, 16763, 16730, 8961) and of the BBC's news.
        let found = names(
            "Chancellor of the Exchequer Nigel Lawson said sterling was stable. U.S. Trade \
             Representative Clayton Yeutter met White House Chief of Staff Howard Baker. \
             ICCO Executive Director Kobena Erbynn spoke. Reserve Bank Governor Gerhard de \
             Kock agreed.",
        );
        assert_people(
            &found,
            &[
                "Nigel Lawson",
                "Clayton Yeutter",
                "Howard Baker",
                "Kobena Erbynn",
                "Gerhard de Kock",
            ],
        );
        // A company's name is no person's, though a title's word begins it.
        let found = titled(
            "EXECUTIVE TELECOM <XTEL> CHANGES MEETING DATE",
            "TULSA, Okla., March 3 - Executive Telecommunications Inc said the recently \
             announced joint board of directors meeting with <First Equipment Leasing Co> has \
             been changed from March 12 to March 16.",
        );
        assert!(
            found
                .iter()
                .all(|(kind, name)| *kind != Kind::Person || !name.ends_with("Inc")),
            "a company's name is no person's: {found:?}"
        );
        // After "Chief", one word is an office, not a name; inside a person's name, "King"
        // is a name.
        let found = names("The Suffolk Chief Constable said so. Martin Luther King Jnr spoke.");
        assert!(
            !found.contains(&(Kind::Person, "Constable".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Kind::Person, "Martin Luther King Jnr".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn an_honorific_and_a_name_read_as_an_organisation_or_a_place_is_that_person() {
        // Sentences of BBC News articles, where the tagger read each peer as an
        // organisation or a place.
        let found = names(
            "Lord Goldsmith said Lord Falconer and Baroness Morgan played no part in drafting \
             the answer. The former Labour leader said he would probably take the title of \
             Lord Kinnock of Bedwellty - his first constituency. The author's sources, all \
             unnamed \"allies\" of Mr Blair and Mr Brown, said so.",
        );
        assert_people(
            &found,
            &[
                "Goldsmith",
                "Falconer",
                "Morgan",
                "Kinnock",
                "Blair",
                "Brown",
            ],
        );
        let mentions = |word: &str| found.iter().filter(|(_, name)| name.contains(word)).count();
        assert_eq!(
            mentions("Lord") + mentions("Baroness") + mentions("Mr"),
            0,
            "{found:?}"
        );
        // No name after the honorific, or an office: left as the tagger read them.
        let found = names(
            "It was followed by Finding Nemo and The Lord of the Rings. The Lords rejected a \
             plea by current Lord Chancellor Lord Falconer.",
        );
        assert!(
            !found.iter().any(|(kind, name)| *kind == Kind::Person
                && (name.contains("Rings") || name.contains("Chancellor"))),
            "{found:?}"
        );
    }

    #[test]
    fn the_name_after_member_of_parliament_is_a_person() {
        // Of a BBC News article, where the tagger read "Labour MP Stephen Pound" and "Mr
        // Pound" as organisations.
        let found = titled(
            "MP's shock at long lost daughter",
            "Labour MP Stephen Pound has told of his shock and his joy on learning he \
             fathered a daughter. Lucy tracked down Mr Pound after her birth mother told her.",
        );
        assert_eq!(
            kinds_of(&found, "stephen pound"),
            [Kind::Person],
            "{found:?}"
        );
        assert_eq!(kinds_of(&found, "pound"), [Kind::Person], "{found:?}");
    }

    #[test]
    fn a_title_ending_a_sentence_or_a_common_word_after_a_title_make_no_person() {
        let band = "US rock band REM have cancelled concerts. REM was due to play on \
                    Wednesday, added the spokesman. REM played Sheffield Arena.";
        let found = names(band);
        assert!(
            found.iter().all(|(kind, _)| *kind != Kind::Person),
            "{found:?}"
        );
        let league = "If you examine the demands of the Premier League, he said.";
        let found = names(league);
        assert!(
            found.iter().all(|(kind, _)| *kind != Kind::Person),
            "{found:?}"
        );
    }

    #[test]
    fn a_one_word_person_that_begins_a_company_name_is_the_company() {
        let found = titled(
            "CHRYSLER <C> CANADA FEBRUARY CAR SALES FALL",
            "Chrysler Canada Ltd, wholly owned by Chrysler Corp, said February car sales \
             fell.\n\nLater, Chrysler said year-to-date car sales fell too.",
        );
        assert_eq!(kinds_of(&found, "chrysler"), [Kind::Org; 2], "{found:?}");
    }

    #[test]
    fn a_one_word_person_that_is_an_organisation_elsewhere_in_the_text_is_one() {
        let found = names(
            "Chelsea beat Arsenal at Stamford Bridge. Jose Mourinho said Chelsea were the \
             better side.",
        );
        let chelsea: Vec<&Kind> = found
            .iter()
            .filter(|(_, name)| name == "Chelsea")
            .map(|(kind, _)| kind)
            .collect();
        assert_eq!(chelsea, [&Kind::Org; 2], "{found:?}");
    }

    #[test]
    fn the_first_word_of_a_company_named_after_a_person_in_the_text_stays_a_person() {
        let found = names("Chrysler Corp was named after Walter Chrysler. Chrysler built cars.");
        assert!(
            found.contains(&(Kind::Person, "Walter Chrysler".to_string())),
            "{found:?}"
        );
        assert!(
            !found.contains(&(Kind::Org, "Chrysler".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn letters_company_suffixes_and_measures_alone_are_no_organisations() {
        for text in [
            "Moody's rates the bonds Aa-1 and S and P rates them AA-plus.",
            "Hoechst <HFAG.F> and BASF <BASF.F> issued bonds.",
            "Chase bought Laurie Milbank and Co last year.",
            "Levy predicts GNP will grow at a scant 1.5 pct rate.",
        ] {
            let found = names(text);
            let fragments = ["S", "P", "F", "Co", "GNP"];
            assert!(
                found
                    .iter()
                    .all(|(_, name)| !fragments.contains(&name.as_str())),
                "{text}: {found:?}"
            );
        }
    }
}
