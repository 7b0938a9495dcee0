//! A name in a list of names takes the kind most of the list has, where the tagger's
//! guess for it says otherwise (counted over 500 BBC News and 500 Reuters-21578 articles
//! drawn at random, every change read by hand):
//! - a one-word "person" among more organisations than people is one of them: "Everton,
//!   Chelsea and Charlton", "Volkswagen, DaimlerChrysler and Siemens";
//! - an "organisation" shaped like a person's name, in a list of three names or more with
//!   more people than organisations, one of them named in full, is a person: "Cate
//!   Blanchett, Leonardo DiCaprio and Richard Gere", a player in a team's list.
//!
//! A lone "person" (one word, named in full and titled nowhere in the text) counts for
//! little: in a list of three names or more, as many organisations as lone people, and
//! more than the people named, make those people organisations too ("Sony, Microsoft and
//! Nintendo"). Over the 22,004 articles of BBC News and Reuters-21578 this changed 51
//! mentions more, in 32 articles, every one read: 32 right ("Nintendo", "Google",
//! "Woolworths", "Peat, Marwick, Mitchell and Co"), 8 products that are neither ("Crisco",
//! "Mini"), 11 wrong: surnames in lists where as many were read as organisations ("Lords
//! Bingham, Steyn, Hope and Carswell", a team's list, "Ludacris, Ja Rule and Ashanti"),
//! "Ky" in "Ind, Ky, Ohio", "Xiamen" and "Merseyside".
//!
//! The other mentions of the name follow it. A list of companies written as one-word
//! "people" has no evidence either way and is left alone. Of the 51 mentions this changed
//! in 20 of the 1,000 articles, 47 were right; three bands became people ("Keane",
//! "Mogwai", "Hoobastank", which CoNLL counts as organisations), and "Youngsters Ben
//! Hudell" a person with the word before the name.
use std::collections::{BTreeMap, HashSet};

use crate::entities::context::is_one_of;
use crate::entities::plausible::ARTICLES;
use crate::entities::{ByteEntity, Kind};

/// What joins the names of a list: a comma, or a word that joins its last name, after
/// which the list is over ("Oliver Letwin, David Davis and Theresa May, Lib Dem's elections
/// chief Lord Rennard said").
const COMMA: &str = ", ";
const LAST_SEPARATORS: [&str; 5] = [" and ", ", and ", " or ", ", or ", " & "];

/// Last words of the names of events, which the tagger reads as organisations: "Athens
/// Games".
const EVENT_ENDINGS: [&str; 8] = [
    "games",
    "olympics",
    "cup",
    "open",
    "championship",
    "championships",
    "festival",
    "awards",
];

/// The most names that only commas part and that may be one name said twice, or a name
/// and what it is: a list of names without an "and" has more.
const LONGEST_APPOSITION: usize = 3;

/// The fewest names of a list whose people may make an organisation a person, or whose
/// organisations may make as many lone people organisations: of two names, one is no
/// more evidence than the other.
const SHORTEST_DECIDING_LIST: usize = 3;

/// Renames the people and organisations of `found` (byte offsets into `text`) that the
/// lists they are in show to be of the other kind. A `titled` name (lowercase) stays a
/// person.
pub(super) fn kinds_of_lists(text: &str, found: &mut [ByteEntity], titled: &HashSet<String>) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].start);
    let lists = lists(text, found, &order);
    // Most texts have no list: the words of their people's names are not gathered.
    if lists.is_empty() {
        return;
    }
    let full_name_words = words_of_full_names(text, found);
    let is_lone = |e: &ByteEntity| {
        let name = text[e.start..e.end].to_lowercase();
        e.kind == Kind::Person
            && !name.contains(' ')
            && !full_name_words.contains(&name)
            && !titled.contains(&name)
    };
    // By name, lowercase: the kind it had and the kind it takes. The first list to rename
    // a name decides.
    let mut renamed: BTreeMap<String, (Kind, Kind)> = BTreeMap::new();
    for list in lists {
        let names: Vec<&ByteEntity> = list.iter().map(|&i| &found[i]).collect();
        for (entity, from, to) in renames_in_list(text, &names, &is_lone) {
            let name = text[entity.start..entity.end].to_lowercase();
            renamed.entry(name).or_insert((from, to));
        }
    }
    if renamed.is_empty() {
        return;
    }
    for entity in found.iter_mut() {
        let name = text[entity.start..entity.end].to_lowercase();
        if let Some(&(_, to)) = renamed.get(&name).filter(|(from, _)| *from == entity.kind) {
            entity.kind = to;
        }
    }
}

/// The names of a list that most of it shows to be of the other kind, each with the kind
/// it had and the kind it takes. `is_lone`: a one-word person named in full nowhere in the
/// text, and titled nowhere.
fn renames_in_list<'e>(
    text: &str,
    names: &[&'e ByteEntity],
    is_lone: &dyn Fn(&ByteEntity) -> bool,
) -> Vec<(&'e ByteEntity, Kind, Kind)> {
    let count = |kind: Kind| names.iter().filter(|e| e.kind == kind).count();
    let (people, organisations) = (count(Kind::Person), count(Kind::Org));
    let lone = names.iter().filter(|e| is_lone(e)).count();
    let named_in_full = people > lone;
    // A lone "person" says little of the list: in a list of three names or more, as many
    // organisations as lone people, and more than the people named, make those
    // organisations ("Sony, Microsoft and Nintendo"), while a team's list of surnames with
    // one club in it stays, and so does "Madonna and Elton John" with the singer read as
    // an organisation.
    let outnumber_lone =
        organisations > lone || (organisations == lone && names.len() >= SHORTEST_DECIDING_LIST);
    let (from, to) = if outnumber_lone && organisations > people - lone {
        (Kind::Person, Kind::Org)
    } else if people > organisations && named_in_full && names.len() >= SHORTEST_DECIDING_LIST {
        (Kind::Org, Kind::Person)
    } else {
        return Vec::new();
    };
    let may_rename = |e: &ByteEntity| match to {
        Kind::Org => is_lone(e),
        _ => e.kind == Kind::Org && is_shaped_like_a_persons_name(&text[e.start..e.end]),
    };
    names
        .iter()
        .copied()
        .filter(|e| may_rename(e))
        .map(|e| (e, from, to))
        .collect()
}

/// The lowercase words of the names of people of two words or more.
fn words_of_full_names(text: &str, found: &[ByteEntity]) -> HashSet<String> {
    found
        .iter()
        .filter(|e| e.kind == Kind::Person)
        .map(|e| text[e.start..e.end].to_lowercase())
        .filter(|name| name.contains(' '))
        .flat_map(|name| name.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Lists of names (indices into `found`, taken in `order`): runs of names that only
/// commas part and one of [`LAST_SEPARATORS`] before the last, or runs of more than
/// [`LONGEST_APPOSITION`] names that only commas part, as a team's list is written.
/// Fewer names between commas may be one name said twice ("the U.S. National Cattlemen's
/// Association, NCA, Lyng attacked").
fn lists(text: &str, found: &[ByteEntity], order: &[usize]) -> Vec<Vec<usize>> {
    let is_list = |run: &[usize], complete: bool| {
        run.len() > LONGEST_APPOSITION || complete && run.len() >= 2
    };
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut complete = false;
    for &i in order {
        let separator = current.last().and_then(|&previous| {
            let (end, start) = (found[previous].end, found[i].start);
            (end <= start).then(|| &text[end..start])
        });
        let last = separator.is_some_and(|s| LAST_SEPARATORS.contains(&s));
        let joined = !complete && (last || separator == Some(COMMA));
        if !joined {
            if is_list(&current, complete) {
                lists.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        complete = joined && last;
        current.push(i);
    }
    if is_list(&current, complete) {
        lists.push(current);
    }
    lists
}

/// Capitalised words, no article first, no word in capitals but an initial, and no
/// event's last word: "Cate Blanchett", "S Easterby", but not "The Clash", "BBDO", "MGM
/// Studios", "House of Flying Daggers", "Athens Games" or the "M" of "M Worsley".
fn is_shaped_like_a_persons_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let is_name_word = |word: &&str| {
        word.starts_with(char::is_uppercase)
            && (word.chars().count() == 1 || word.chars().any(char::is_lowercase))
    };
    let (first, last) = (words[0], words[words.len() - 1]);
    name.chars().any(char::is_lowercase)
        && words.iter().all(is_name_word)
        && !is_one_of(ARTICLES, first)
        && !is_one_of(&EVENT_ENDINGS, last)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::super::tests::{kinds_of, names};
    use super::kinds_of_lists;
    use crate::entities::{ByteEntity, Kind, Kind::Org, Kind::Person};

    #[test]
    fn a_person_among_organisations_is_one() {
        // From BBC News, where the tagger read "Chelsea" and "DaimlerChrysler" as people.
        let found = names(
            "He has Premiership experience with Everton, Chelsea and Charlton. Chelsea \
             won again. Companies such as Volkswagen, DaimlerChrysler and Siemens cut jobs.",
        );
        assert_eq!(kinds_of(&found, "chelsea"), [Kind::Org; 2], "{found:?}");
        assert_eq!(
            kinds_of(&found, "daimlerchrysler"),
            [Kind::Org],
            "{found:?}"
        );
    }

    /// The kinds `names` take when the tagger has left them with the kinds given, each at
    /// its first place in `text`.
    fn settled(text: &str, names: &[(&str, Kind)]) -> Vec<Kind> {
        let at = |name: &str| text.find(name).expect("name in text");
        let mut found: Vec<ByteEntity> = names
            .iter()
            .map(|&(name, kind)| ByteEntity {
                kind,
                canonical: String::new(),
                subtype: None,
                country: None,
                start: at(name),
                end: at(name) + name.len(),
            })
            .collect();
        kinds_of_lists(text, &mut found, &HashSet::new());
        found.iter().map(|e| e.kind).collect()
    }

    #[test]
    fn an_organisation_shaped_like_a_name_among_people_is_a_person() {
        // From BBC News, where the tagger read "Cate Blanchett" as an organisation. A
        // band's name is shaped like no person's.
        let text = "Cate Blanchett, Leonardo DiCaprio and Richard Gere were there. The \
                    Clash, Keane Smith and Joe Strummer too.";
        let tagged = [
            ("Cate Blanchett", Org),
            ("Leonardo DiCaprio", Person),
            ("Richard Gere", Person),
            ("The Clash", Org),
            ("Keane Smith", Person),
            ("Joe Strummer", Person),
        ];
        let kinds = settled(text, &tagged);
        assert_eq!(kinds, [Person, Person, Person, Org, Person, Person]);
    }

    #[test]
    fn a_list_of_one_word_people_gives_no_evidence() {
        let text = "Firms such as Sony, Philips, Matsushita and Samsung agreed.";
        let tagged = [
            ("Sony", Person),
            ("Philips", Person),
            ("Matsushita", Person),
            ("Samsung", Org),
        ];
        assert_eq!(settled(text, &tagged), [Person, Person, Person, Org]);
    }

    #[test]
    fn lone_people_as_many_as_the_organisations_are_organisations() {
        // From BBC News, where the tagger read "Sony" as a place and "Nintendo" as a
        // person; a team's list of surnames with one read as a club stays people.
        let text = "Sony, Microsoft and Nintendo are coming. Dudek, Finnan, Carragher, \
                    Hyypia and Keane played.";
        let tagged = [
            ("Sony", Kind::Place),
            ("Microsoft", Org),
            ("Nintendo", Person),
            ("Dudek", Person),
            ("Finnan", Person),
            ("Carragher", Person),
            ("Hyypia", Person),
            ("Keane", Org),
        ];
        let kinds = settled(text, &tagged);
        assert_eq!(kinds[..3], [Kind::Place, Org, Org]);
        assert_eq!(kinds[3..], [Person, Person, Person, Person, Org]);
    }

    #[test]
    fn of_two_names_a_lone_person_and_an_organisation_stay() {
        // From BBC News, where the tagger read "Elton John" as an organisation.
        let text = "He beat artists such as Madonna and Elton John.";
        let tagged = [("Madonna", Person), ("Elton John", Org)];
        assert_eq!(settled(text, &tagged), [Person, Org]);
    }

    #[test]
    fn a_list_ends_at_its_last_name_and_an_event_is_no_person() {
        // From BBC News: the name after the list's last is no name of it.
        let text = "Others targeted include Oliver Letwin, David Davis and Theresa May, Lib \
                    Dem's elections chief said. Athens Games, Kenteris and Kostas Thanou.";
        let tagged = [
            ("Oliver Letwin", Person),
            ("David Davis", Person),
            ("Theresa May", Person),
            ("Lib Dem", Org),
            ("Athens Games", Org),
            ("Kenteris", Person),
            ("Kostas Thanou", Person),
        ];
        let kinds = settled(text, &tagged);
        assert_eq!(kinds[3..5], [Org, Org]);
    }

    #[test]
    fn a_name_said_twice_between_commas_is_no_list() {
        // From Reuters-21578, where a list would have made the Secretary an organisation.
        let text = "Speaking to the U.S. National Cattlemen's Association, NCA, Lyng attacked \
                    the reports.";
        let tagged = [
            ("U.S. National Cattlemen's Association", Org),
            ("NCA", Org),
            ("Lyng", Person),
        ];
        assert_eq!(settled(text, &tagged), [Org, Org, Person]);
    }
}
