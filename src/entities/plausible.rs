//! What the tagger calls a person but a reader would not: letters after a name ("QC" in
//! "Philippe Sands QC", or alone), the "Day" of "New Year's Day", "names" that start with
//! a number or a number word ("3.55m Euros", "NINE MTHS") or with an article (the title of
//! a work, "The Boxer", or a sentence's first word, "The", where a title in the text is
//! taken for a person's name), names made of common words only ("Joy Division", "Money
//! Market Certificate"), and one-word names made of table shorthand, capitals that never
//! appear as a name elsewhere in the text, a word alone on its line or after the last
//! sentence ("REUTER" or "Reuter" signing off a wire, "Shr 18 cts" in an earnings table,
//! "MICH." in a dateline), or a word after "the" and before no noun ("oppose the Bill in
//! the Lords": over the 22,004 articles of BBC News and Reuters-21578, 37 mentions in 31
//! articles, every one read and none a person: "the Gulf,", "the Administration to", "the
//! Gurkhas might", "the Mark." for the currency).
use std::collections::HashSet;

use crate::text::fnv1a_lowercase;

use super::{ByteEntity, Kind};

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "fifty", "hundred", "thousand", "million", "billion",
];

/// Words no person's name begins with.
pub(super) const ARTICLES: &[&str] = &["the", "a", "an"];

/// Letters written after a person's name for an office or an honour: no part of the name
/// ("Philippe Sands QC", "Frank Field MP"), and no person alone.
const POST_NOMINALS: &[&str] = &["QC", "KC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE"];

/// Words never seen in a person's name, one a line after the header's `#` lines.
const COMMON_WORDS: &str = include_str!("../../assets/common-words.txt");

/// The header of `assets/common-words.txt`, as `tidings train-ner` writes it.
pub const COMMON_WORDS_HEADER: &str = "\
# Words CoNLL-2003's eng.train writes in lowercase letters and never in a person's name.
# Rebuilt by `tidings train-ner`. A name made of these words alone is shown as no person.
";

/// The common words, by the hash of their lowercase form (so that no lowercase copy of a
/// word is made to look it up).
pub(crate) type CommonWords = HashSet<u64>;

pub(crate) fn load_common_words() -> CommonWords {
    COMMON_WORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(fnv1a_lowercase)
        .collect()
}

/// Every word of the name is a common word ("Joy Division", "Market Certificate").
pub(crate) fn is_made_of_common_words(name: &str, common: &CommonWords) -> bool {
    name.split([' ', '-'])
        .filter(|word| !word.is_empty())
        .all(|word| {
            let word = word.strip_suffix("'s").unwrap_or(word);
            common.contains(&fnv1a_lowercase(word))
        })
}

/// Cuts the [`POST_NOMINALS`] off the end of the names of people and organisations in
/// `found` (byte offsets into `text`: "Labour MP", which the tagger reads as an
/// organisation, is Labour), and drops those that are nothing else ("a former MP").
pub(crate) fn cut_post_nominals(text: &str, found: &mut Vec<ByteEntity>) {
    found.retain_mut(|e| {
        if !matches!(e.kind, Kind::Person | Kind::Org) {
            return true;
        }
        let name = &text[e.start..e.end];
        let (rest, last) = name.rsplit_once(' ').unwrap_or(("", name));
        if POST_NOMINALS.contains(&last) {
            e.end = e.start + rest.len();
        }
        e.end > e.start
    });
}

/// Drops implausible one-word people from `found` (byte offsets into `text`).
pub(crate) fn drop_implausible_people(
    text: &str,
    found: &mut Vec<ByteEntity>,
    common: &CommonWords,
) {
    let written_as_names: HashSet<String> = found
        .iter()
        .filter(|e| e.kind == Kind::Person)
        .map(|e| &text[e.start..e.end])
        .filter(|name| !is_capitals(name))
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect();
    found.retain(|e| {
        if e.kind != Kind::Person {
            return true;
        }
        let name = &text[e.start..e.end];
        let first_word = name.split_whitespace().next().unwrap_or_default();
        let first_lower = first_word.to_lowercase();
        let starts_with_number = first_word.starts_with(|c: char| c.is_ascii_digit())
            || NUMBER_WORDS.contains(&first_lower.as_str());
        let one_word = first_word == name;
        let before = text[..e.start].trim_end_matches([' ', '\t']);
        let after = text[e.end..].trim_start_matches([' ', '\t']);
        let alone_on_its_line = (before.is_empty() || before.ends_with('\n'))
            && (after.is_empty() || after.starts_with('\n'));
        // "… approval. Reuter...": a word after the last sentence signs the text off.
        let signs_off = before.ends_with(['.', '!', '?'])
            && after
                .trim_matches(|c: char| c.is_whitespace() || c == '.')
                .is_empty();
        let starts_with_article = ARTICLES.contains(&first_lower.as_str());
        // "New Year's Day", "Mother's Day": the tagger leaves "Day" a name of its own.
        let ends_a_named_day =
            first_lower == "day" && (before.ends_with("'s") || before.ends_with("\u{2019}s"));
        let implausible = starts_with_number
            || starts_with_article
            || (!one_word && is_made_of_common_words(name, common))
            || (one_word
                && (alone_on_its_line
                    || signs_off
                    || ends_a_named_day
                    || is_a_thing_after_the(before, after)
                    || is_implausible(name, &text[e.end..], &written_as_names)));
        !implausible
    });
}

/// Words that begin no noun: after "the" and a one-word "person", one of them (or a
/// punctuation mark, or the end) shows a thing named, not a person ("oppose the Bill in the
/// Lords", "surpluses in the Gulf,"), where a noun would show a person's name used as a
/// modifier ("the Reagan budget", "the Baker initiative").
const NO_NOUN: &[&str] = &[
    "in", "on", "of", "to", "at", "for", "from", "by", "with", "and", "or", "but", "as", "that",
    "which", "who", "is", "was", "are", "were", "has", "had", "have", "will", "would", "could",
    "should", "may", "might", "can", "said", "says",
];
/// Marks that end a noun phrase; an apostrophe is not one ("the Manningham's family").
const NOUN_PHRASE_ENDS: [char; 8] = [',', '.', ';', ':', '?', '!', ')', '"'];

/// A one-word "person" right after "the" and before no noun: the tagger reads the
/// "Bill" of Parliament, "the Gulf" and "the Fund" as people.
fn is_a_thing_after_the(before: &str, after: &str) -> bool {
    let word_before = before.rsplit(|c: char| !c.is_alphanumeric()).next();
    let next_word = after.split(|c: char| !c.is_alphabetic()).next();
    word_before.is_some_and(|word| word.eq_ignore_ascii_case("the"))
        && (after.is_empty()
            || after.starts_with(NOUN_PHRASE_ENDS)
            || next_word.is_some_and(|word| NO_NOUN.contains(&word)))
}

/// `written_as_names`: the lowercased words of the names the text writes in mixed case.
fn is_implausible(name: &str, after: &str, written_as_names: &HashSet<String>) -> bool {
    let before_a_number = after
        .trim_start_matches([' ', '\t'])
        .starts_with(|c: char| c.is_ascii_digit());
    // "REAGAN" in a headline is a name when the text also writes "Reagan".
    let shouted = (is_capitals(name) || name.ends_with('.'))
        && !written_as_names.contains(&name.to_lowercase());
    before_a_number || shouted
}

/// Two or more letters, all capitals.
fn is_capitals(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !word.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::super::Recognizer;

    fn people(text: &str) -> Vec<String> {
        let recognizer = Recognizer::load();
        recognizer
            .recognize(text)
            .into_iter()
            .filter(|e| e.kind == super::Kind::Person)
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn table_shorthand_and_signatures_are_no_people() {
        let table = "Oper shr loss two cts vs profit seven cts\n\nNINE MTHS\n\nShr 18 cts vs 13 cts\n\nReuter\n";
        assert_eq!(people(table), Vec::<String>::new());
        let cut = "The offer needs approval from the Transportation Department. Reuter...";
        assert_eq!(people(cut), Vec::<String>::new());
        let pay = "He was earning 3.55m Euros (£2.45m) .";
        assert!(
            people(pay).iter().all(|p| !p.starts_with('3')),
            "{:?}",
            people(pay)
        );
        let figures: Vec<String> = Recognizer::load()
            .recognize(pay)
            .into_iter()
            .filter(|e| e.kind == super::Kind::Figure)
            .map(|e| e.text)
            .collect();
        assert!(figures.iter().any(|f| f.starts_with("3.55")), "{figures:?}");
    }

    #[test]
    fn letters_after_a_name_are_no_part_of_it_nor_a_person_alone() {
        // Sentences of BBC News articles.
        let found = people(
            "Philippe Sands QC said the war was illegal. Former welfare minister Frank \
             Field MP criticised the reported rivalry. Five other barristers - Nicholas Blake \
             QC, Andrew Nicol QC - resigned.",
        );
        let names = [
            "Philippe Sands",
            "Frank Field",
            "Nicholas Blake",
            "Andrew Nicol",
        ];
        assert_eq!(found, names);
        // The tagger reads "MP" alone as an organisation.
        let (title, body) = Recognizer::load().recognize_titled(
            "MP's shock at long lost daughter",
            "Labour MP Stephen Pound has told of his shock and his joy on learning he \
             fathered a daughter when he was \"out of control\" during the \"wild\" 1960s.",
        );
        let alone = [title, body].concat();
        assert!(alone.iter().all(|e| e.text != "MP"), "{alone:?}");
        // The tagger reads a party and "MP" as an organisation: the party.
        let (title, _) = Recognizer::load().recognize_titled(
            "Labour MP praises Tory campaign",
            "The Conservatives have been \"a lot smarter\" in the way they have conducted \
             the general election campaign, a Labour backbencher has said.",
        );
        let names: Vec<&str> = title.iter().map(|e| e.text.as_str()).collect();
        assert!(names.contains(&"Labour"), "{title:?}");
        assert!(!names.contains(&"Labour MP"), "{title:?}");
    }

    #[test]
    fn the_day_of_a_named_day_is_no_person() {
        // Of a BBC News article, where the tagger read each "Day" as a person.
        let text = "Shops will be allowed to open on Christmas Day and New Year's Day. Ms \
                    Whitefield said: \"Christmas Day and New Year's Day are special days for \
                    everyone in Scotland.\"";
        assert_eq!(people(text), Vec::<String>::new());
    }

    #[test]
    fn a_word_after_the_and_before_no_noun_is_no_person() {
        use super::is_a_thing_after_the;
        // Around one-word "people" of BBC News and Reuters-21578.
        assert!(is_a_thing_after_the("plan to oppose the", "in the Lords"));
        assert!(is_a_thing_after_the("surpluses in the", ", governments"));
        assert!(is_a_thing_after_the("said. The", "is managed by"));
        assert!(is_a_thing_after_the("against the", ""));
        // A name used as a modifier, a possessive, another word ending in "the".
        assert!(!is_a_thing_after_the("seriously at. The", "budget, which"));
        assert!(!is_a_thing_after_the("a great loss to the", "'s family"));
        assert!(!is_a_thing_after_the("said to soothe", "in March"));
        assert!(!is_a_thing_after_the("said", "in the Lords"));
        let text = "The Lib Dems plan to oppose the Bill in the Lords on Thursday.";
        assert!(
            !people(text).contains(&"Bill".to_string()),
            "{:?}",
            people(text)
        );
    }

    #[test]
    fn no_person_begins_with_an_article() {
        // Of a BBC News article, where the tagger took each film, and the "The" beginning
        // a sentence, for a person.
        let films = "Day-Lewis has competed four times at the Berlin Film Festival, with \
                     films In The Name Of The Father (1994), The Crucible (1997), The Boxer \
                     (1998) and Martin Scorsese's Gangs Of New York (2003). The festival \
                     praises him for roles in My Beautiful Launderette and A Room With A View.";
        let found = people(films);
        assert!(found.contains(&"Martin Scorsese".to_string()), "{found:?}");
        let after_article = |p: &&String| ["The", "A"].contains(&p.split(' ').next().unwrap());
        assert_eq!(found.iter().filter(after_article).count(), 0, "{found:?}");
    }

    #[test]
    fn a_name_made_of_common_words_is_no_person() {
        let common = super::load_common_words();
        let is_common = |name| super::is_made_of_common_words(name, &common);
        assert!(is_common("Market Certificate"));
        assert!(is_common("Joy Division"));
        assert!(!is_common("Tony Blair"));
        assert!(!is_common("Mark Bush"));
        let rates = "Money Market Certificate (MMC) ceiling rates for week starting from April 13";
        assert_eq!(people(rates), Vec::<String>::new());
    }

    #[test]
    fn capitals_stay_a_name_when_the_text_writes_it_as_one() {
        use super::is_implausible;
        let names = ["ronald".to_string(), "reagan".to_string()].into();
        assert!(!is_implausible("REAGAN", " SAYS", &names));
        assert!(is_implausible("REUTER", "", &names));
        assert!(is_implausible("MICH.", ", June", &names));
        assert!(!is_implausible("Reagan", " said 5 things", &names));
    }
}
