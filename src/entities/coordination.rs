//! Whether the words around an "and" are two names or one. The tagger reads a word at a
//! time, so once a name has begun it went on over the "and": in 2,225 BBC News articles it
//! read "Morgan Freeman and Cate Blanchett", "Imelda Staunton and Charles Dance", "Apple
//! Computer and Cisco Systems" and "Citizens Bank and Canal Bank" as one organisation each
//! (101 such names). [`super::tagger`] ends the name at such an "and", and tags the words
//! after it afresh: that changed the names of 87 of those articles and of 299 of
//! Reuters-21578's (453 mentions gone, 843 found instead), and CoNLL-2003 eng.testa went
//! from 89.94 to 90.00 F1 (ORG 82.40 to 82.64).
//!
//! Two names are two capitalised words or more each, and not one name's words that share
//! its last ones: "Federal Savings and Loan Insurance Corp", "Candlewood Bank and Trust
//! Co", "Merrill Lynch and Co Inc", "US Food and Drug Administration" are one name each. A
//! name of one word on either side is left whole: "Procter and Gamble", "Marks and
//! Spencer".
use super::context::{is_capitalised, is_one_of};
use super::kinds::COMPANY_SUFFIXES;
use super::tagger::ending_label;

/// Last words of institutions' names, besides the tagger's name endings and the company
/// suffixes, that the names before them share when joined by an "and": "Agriculture and
/// Commerce Departments", "Coffee, Sugar and Cocoa Exchange".
const SHARED_LAST_WORDS: [&str; 24] = [
    "act",
    "administration",
    "associates",
    "bill",
    "board",
    "bureau",
    "center",
    "centre",
    "community",
    "conference",
    "department",
    "departments",
    "division",
    "exchange",
    "foundation",
    "holdings",
    "office",
    "pact",
    "service",
    "services",
    "society",
    "sons",
    "subcommittee",
    "workers",
];

/// The words `first` before an "and" and `second` after it are two names: two words or
/// more each, each word capitalised (initials count; a comma does not), sharing no last
/// words ([`share_last_words`]).
pub fn are_two_names(first: &[&str], second: &[&str]) -> bool {
    let is_name = |words: &[&str]| {
        words.len() >= 2 && words.iter().all(|w| is_capitalised(w) && !w.contains(','))
    };
    is_name(first) && is_name(second) && !share_last_words(first, second)
}

/// Whether `first` and `second` (the words around an "and") are one name's, sharing the
/// last words of `second`: it ends like a company's or an institution's name and `first`
/// does not ("Federal Savings and Loan Insurance Corp"), or `first` ends like an
/// institution's and `second` is a single word before its company suffixes ("Candlewood
/// Bank and Trust Co"). A `first` that ends in a company suffix is a company's whole name
/// ("Ford Motor Co and Chrysler Corp").
fn share_last_words(first: &[&str], second: &[&str]) -> bool {
    fn bare(word: &str) -> &str {
        word.trim_end_matches('.')
    }
    let is_suffix = |word: &str| is_one_of(&COMPANY_SUFFIXES, bare(word));
    let ends_a_name = |word: &str| {
        let word = bare(word);
        is_suffix(word) || ending_label(word).is_some() || is_one_of(&SHARED_LAST_WORDS, word)
    };
    let (first_last, second_last) = (first[first.len() - 1], second[second.len() - 1]);
    if is_suffix(first_last) || !ends_a_name(second_last) {
        return false;
    }
    let before_suffixes = second.iter().take_while(|w| !is_suffix(w)).count();
    !ends_a_name(first_last) || before_suffixes < 2
}

#[cfg(test)]
mod tests {
    use super::are_two_names;
    use crate::entities::{Kind, Recognizer};

    /// The names found in `text`, figures and countries left out.
    fn names(text: &str) -> Vec<String> {
        let entities = Recognizer::load().recognize(text).into_iter();
        let names = entities.filter(|e| !matches!(e.kind, Kind::Figure | Kind::Country));
        names.map(|e| e.text).collect()
    }

    fn two_names(first: &'static str, second: &'static str) -> bool {
        let words = |half: &'static str| half.split(' ').collect::<Vec<_>>();
        are_two_names(&words(first), &words(second))
    }

    #[test]
    fn names_run_together_at_an_and_are_two() {
        for (first, second) in [
            ("Morgan Freeman", "Cate Blanchett"),
            ("Sanwa Bank", "Sumitomo Bank"),
            ("Ford Motor Co", "Chrysler Corp"),
            ("International Monetary Fund", "World Bank"),
            ("Goldman Sachs", "Merrill Lynch"),
            ("PaineWebber Inc", "Advest Inc."),
        ] {
            assert!(two_names(first, second), "{first} and {second}");
        }
    }

    #[test]
    fn a_name_whose_first_words_share_its_last_is_one() {
        for (first, second) in [
            ("Federal Savings", "Loan Insurance Corp"),
            ("Candlewood Bank", "Trust Co"),
            ("Merrill Lynch", "Co Inc"),
            ("US Food", "Drug Administration"),
            ("U.S. Agriculture", "Commerce Departments"),
            ("Department of Trade", "Industry"),
            ("Procter", "Gamble"),
            ("The Edge ,", "Larry Mullen"),
        ] {
            assert!(!two_names(first, second), "{first} and {second}");
        }
    }

    #[test]
    fn the_tagger_ends_a_name_at_an_and_between_two() {
        // From BBC News, where the tagger read "Morgan Freeman and Cate Blanchett" as one
        // organisation.
        let found = names(
            "US actor Jamie Foxx has been given two nominations for Golden Globe awards, \
             with Meryl Streep, Morgan Freeman and Cate Blanchett also up for prizes.",
        );
        assert_eq!(
            found,
            [
                "Jamie Foxx",
                "Meryl Streep",
                "Morgan Freeman",
                "Cate Blanchett"
            ]
        );
        let found = names("The Federal Savings and Loan Insurance Corp closed the bank.");
        assert_eq!(found, ["Federal Savings and Loan Insurance Corp"]);
        // From Reuters-21578, where "House Ways" was split from the committee's name.
        let found =
            names("House Ways and Means Chairman Dan Rostenkowski said the bill would pass.");
        assert!(!found.contains(&"House Ways".to_string()), "{found:?}");
        let found = names("Fed Chairman Alan Greenspan and Treasury Secretary James Baker met.");
        assert_eq!(found, ["Alan Greenspan", "James Baker"]);
    }
}
