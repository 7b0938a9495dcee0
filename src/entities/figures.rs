//! Figures: dates, money, percentages, quantities with units, ordinals and numbers,
//! found by patterns over the raw text (newswire shorthand such as "5.93 mln dlrs" included).
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{ByteEntity, Kind};

/// Every way the date pattern writes a month, abbreviations with and without a period.
const MONTHS: &[&str] = &[
    "January",
    "Jan.",
    "Jan",
    "February",
    "Feb.",
    "Feb",
    "March",
    "Mar.",
    "Mar",
    "April",
    "Apr.",
    "Apr",
    "May",
    "June",
    "Jun",
    "July",
    "Jul",
    "August",
    "Aug.",
    "Aug",
    "September",
    "Sept.",
    "Sept",
    "Sep.",
    "Sep",
    "October",
    "Oct.",
    "Oct",
    "November",
    "Nov.",
    "Nov",
    "December",
    "Dec.",
    "Dec",
];
const FULL_MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const NUM: &str = r"\d+(?:[.,]\d+)*";
const SCALE: &str = r"(?:bn|m|k|mn|mln|bln|billion|million|trillion|thousand)";
const SPELLED: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "a few", "several",
    "a dozen",
];
const UNIT: &str = r"(?:bags|tonnes|tons|tonnes|kilos|kg|barrels|bushels|ounces|shares|years|year|months|month|weeks|week|days|day|hours|hour|minutes|minute|seconds|miles|mile|km|kilometres|kilometers|metres|meters|feet|acres|hectares|people|workers|jobs|visas|flights|vehicles|cars|units|points|votes|seats|troops|soldiers|rounds)";
const ORDINAL_WORDS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "twentieth",
    "hundredth",
];
/// Sums of money without a number: "millions of dollars".
const MULTITUDES: &[&str] = &["hundreds", "thousands", "millions", "billions", "trillions"];
const CURRENCY_WORD: &str =
    r"(?:dlrs|dollars|pounds|sterling|yen|euros|marks|francs|won|yuan|rupees|pesos|lire|crowns)";

/// What a figure needs to hold, as bits: every pattern matches only text that holds one
/// of the things its [`Pattern::needs`] names, and is run only over the windows that do.
type Needs = u8;
const DIGIT: Needs = 1;
const CURRENCY_SIGN: Needs = 1 << 1;
/// A month or a weekday.
const CALENDAR_WORD: Needs = 1 << 2;
const NUMBER_WORD: Needs = 1 << 3;
const ORDINAL_WORD: Needs = 1 << 4;
const MULTITUDE_WORD: Needs = 1 << 5;

struct Pattern {
    subtype: &'static str,
    needs: Needs,
    regex: Regex,
}

/// One pattern per subtype, in the order they win when two overlap with the same length.
/// Word boundaries are ASCII (`(?-u:\b)`): Unicode ones force the regex crate onto its
/// slowest engine, and every figure starts and ends with an ASCII character anyway.
static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let [month, full_month, weekday, spelled, ordinal_word, multitudes] = [
        MONTHS,
        FULL_MONTHS,
        WEEKDAYS,
        SPELLED,
        ORDINAL_WORDS,
        MULTITUDES,
    ]
    .map(one_of);
    let build = |subtype, needs, pattern: String| Pattern {
        subtype,
        needs,
        regex: Regex::new(&pattern).expect("figure pattern is valid"),
    };
    vec![
        build(
            "money",
            DIGIT | CURRENCY_SIGN | MULTITUDE_WORD,
            format!(
                r"(?:US|A|C|HK|NZ)?[$£€¥]\s?{NUM}(?:\s?{SCALE}(?-u:\b))?|(?-u:\b){NUM}(?:\s?{SCALE})?\s{CURRENCY_WORD}(?-u:\b)|(?-u:\b){multitudes} of (?:{CURRENCY_WORD})(?-u:\b)"
            ),
        ),
        build(
            "percent",
            DIGIT,
            format!(r"(?-u:\b){NUM}\s?(?:%|pct(?-u:\b)|percent(?-u:\b)|per cent(?-u:\b))"),
        ),
        build(
            "date",
            DIGIT | CALENDAR_WORD,
            format!(
                r"(?-u:\b)(?:{weekday},?\s)?{month}\s\d{{1,2}}(?:-\d{{1,2}})?(?:,?\s\d{{4}})?(?-u:\b)|(?-u:\b)\d{{1,2}}\s{full_month}(?:,?\s\d{{4}})?(?-u:\b)|(?-u:\b){full_month}\s\d{{4}}(?-u:\b)|(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}(?-u:\b)|(?-u:\b)(?:1[5-9]|20)\d\d(?:-(?:1[5-9]|20)\d\d)?(?-u:\b)|(?-u:\b){weekday}(?-u:\b)|(?-u:\b)(?:in|since|by|until|early|late|mid-|last|next|this)\s{full_month}(?-u:\b)"
            ),
        ),
        build(
            "quantity",
            DIGIT | NUMBER_WORD,
            format!(
                r"(?-u:\b)(?:(?:about|some|nearly|almost|around|roughly|up to|more than|over)\s)?(?:{NUM}|{spelled})(?:\s{SCALE})?\s{UNIT}(?-u:\b)|(?-u:\b){NUM}-(?:year|month|day|hour|minute|mile)(?-u:\b)"
            ),
        ),
        build(
            "ordinal",
            DIGIT | ORDINAL_WORD,
            format!(r"(?-u:\b)\d+(?:st|nd|rd|th)(?-u:\b)|(?-u:\b){ordinal_word}(?-u:\b)"),
        ),
        build(
            "number",
            DIGIT | NUMBER_WORD,
            format!(r"(?-u:\b){NUM}(?:\s{SCALE}(?-u:\b))?|(?-u:\b){spelled}(?-u:\b)"),
        ),
    ]
});

/// All figures in `text` by byte offsets: the longest match wins, then the earlier pattern.
pub(crate) fn find(text: &str) -> Vec<ByteEntity> {
    find_in(text, windows(text))
}

/// Drops the names that lie wholly inside a date of `figures` (both by byte offsets, the
/// figures in text order): the tagger reads a month or a weekday as a name ("Feb" in
/// "Feb 27, 1987", "Jan" in a table's "Jan 87"), and names take their words before
/// figures do.
pub(crate) fn drop_names_inside_dates(names: &mut Vec<ByteEntity>, figures: &[ByteEntity]) {
    let inside_a_date = |name: &ByteEntity| {
        let at = figures.partition_point(|f| f.end < name.end);
        figures.get(at).is_some_and(|f| {
            f.subtype.as_deref() == Some("date") && f.start <= name.start && name.end <= f.end
        })
    };
    names.retain(|name| !inside_a_date(name));
}

/// The figures of `text` that lie in `parts`, each searched by the patterns whose needs
/// it holds.
fn find_in(text: &str, parts: impl IntoIterator<Item = (Range<usize>, Needs)>) -> Vec<ByteEntity> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (window, holds) in parts {
        let part = &text[window.clone()];
        for (rank, pattern) in PATTERNS.iter().enumerate() {
            if pattern.needs & holds == 0 {
                continue;
            }
            candidates.extend(
                pattern
                    .regex
                    .find_iter(part)
                    .map(|m| (window.start + m.start(), window.start + m.end(), rank)),
            );
        }
    }
    choose(text, candidates)
}

/// The longest candidates that do not overlap, as figures in text order.
fn choose(text: &str, mut candidates: Vec<(usize, usize, usize)>) -> Vec<ByteEntity> {
    candidates.sort_by_key(|&(start, end, rank)| (std::cmp::Reverse(end - start), rank, start));
    let mut chosen: Vec<ByteEntity> = Vec::new();
    let mut occupied = super::occupied::Occupied::default();
    for (start, end, rank) in candidates {
        let (start, end) = trim_date_preposition(text, start, end, rank);
        if occupied.take(start, end) {
            let subtype = Some(PATTERNS[rank].subtype.to_string());
            chosen.push(ByteEntity {
                kind: Kind::Figure,
                canonical: String::new(),
                subtype,
                country: None,
                start,
                end,
            });
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen
}

/// A regex alternation of the words, in their order.
fn one_of(words: &[&str]) -> String {
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// Every figure holds a digit, a currency sign or one of these words: the words the
/// patterns start a figure with and need no number for, as runs of ASCII letters (the
/// patterns' word boundaries are ASCII), of three letters or more ("a few" is found
/// through "few"), each with what it is. Sorted, for a binary search.
static TRIGGER_WORDS: LazyLock<Vec<(&'static str, Needs)>> = LazyLock::new(|| {
    let lists = [
        (MONTHS, CALENDAR_WORD),
        (WEEKDAYS, CALENDAR_WORD),
        (SPELLED, NUMBER_WORD),
        (ORDINAL_WORDS, ORDINAL_WORD),
        (MULTITUDES, MULTITUDE_WORD),
    ];
    let mut words: Vec<(&str, Needs)> = lists
        .iter()
        .flat_map(|&(list, what)| list.iter().map(move |spelling| (spelling, what)))
        .flat_map(|(spelling, what)| {
            spelling
                .split(|c: char| !c.is_ascii_alphabetic())
                .map(move |word| (word, what))
        })
        .filter(|(word, _)| word.len() >= 3)
        .collect();
    words.sort_unstable();
    words.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 |= later.1;
        }
        same
    });
    words
});

/// How many whitespace-separated chunks a figure reaches past the chunks holding its
/// triggers, at most: "more than | five million | tonnes" reaches two before and after.
const REACH: usize = 3;

/// The parts of `text` the patterns need to search, as byte ranges cut at whitespace,
/// each with the triggers it holds: every chunk holding a trigger with [`REACH`] chunks
/// either side, overlapping ones joined. Searching only there, with only the patterns
/// whose needs a part holds, finds the same figures as searching the whole text, and
/// saves most of six passes over prose without numbers.
fn windows(text: &str) -> Vec<(Range<usize>, Needs)> {
    let chunks = chunks(text);
    let mut windows: Vec<(Range<usize>, Needs)> = Vec::new();
    for (i, &(_, holds)) in chunks
        .iter()
        .enumerate()
        .filter(|(_, (_, holds))| *holds != 0)
    {
        let first = chunks[i.saturating_sub(REACH)].0.start;
        let last = chunks[(i + REACH).min(chunks.len() - 1)].0.end;
        match windows.last_mut() {
            Some((previous, held)) if previous.end >= first => {
                previous.end = last;
                *held |= holds;
            }
            _ => windows.push((first..last, holds)),
        }
    }
    windows
}

/// The byte ranges of `text` between whitespace (as the patterns' `\s` knows it), each
/// with the triggers it holds, in one pass.
fn chunks(text: &str) -> Vec<(Range<usize>, Needs)> {
    let mut chunks = Vec::new();
    let (mut chunk_start, mut word_start, mut trigger) = (None, None, 0);
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if c.is_ascii_alphabetic() {
            word_start.get_or_insert(i);
            chunk_start.get_or_insert(i);
            continue;
        }
        if let Some(from) = word_start.take() {
            trigger |= trigger_word(&text[from..i]);
        }
        if c.is_whitespace() {
            if let Some(from) = chunk_start.take() {
                chunks.push((from..i, trigger));
            }
            trigger = 0;
        } else {
            chunk_start.get_or_insert(i);
            if c.is_numeric() {
                trigger |= DIGIT;
            } else if matches!(c, '$' | '£' | '€' | '¥') {
                trigger |= CURRENCY_SIGN;
            }
        }
    }
    chunks
}

/// What `word` is as a trigger, or nothing.
fn trigger_word(word: &str) -> Needs {
    let Some(slot) = trigger_slot(word) else {
        return 0;
    };
    if TRIGGER_FILTER[slot / 64] & 1 << (slot % 64) == 0 {
        return 0;
    }
    TRIGGER_WORDS
        .binary_search_by_key(&word, |&(trigger, _)| trigger)
        .map_or(0, |found| TRIGGER_WORDS[found].1)
}

/// A bit for each trigger word, set by [`trigger_slot`]: most words of prose are ruled
/// out by one load, without comparing strings.
static TRIGGER_FILTER: LazyLock<[u64; 16]> = LazyLock::new(|| {
    let mut filter = [0; 16];
    for slot in TRIGGER_WORDS.iter().filter_map(|(w, _)| trigger_slot(w)) {
        filter[slot / 64] |= 1 << (slot % 64);
    }
    filter
});

/// Where a word of 3 to 9 letters falls in [`TRIGGER_FILTER`], from its length and its
/// first, second and last letters (no trigger word is shorter or longer).
fn trigger_slot(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    if !(3..=9).contains(&bytes.len()) {
        return None;
    }
    let key = bytes.len() as u64
        | u64::from(bytes[0]) << 8
        | u64::from(bytes[1]) << 16
        | u64::from(bytes[bytes.len() - 1]) << 24;
    Some((crate::text::mix(key) % 1024) as usize)
}

/// "in June" is matched with its preposition for context, but the figure is "June".
fn trim_date_preposition(text: &str, start: usize, end: usize, rank: usize) -> (usize, usize) {
    let matched = &text[start..end];
    let Some(space) = matched.rfind(' ') else {
        return (start, end);
    };
    let is_month_after_word =
        PATTERNS[rank].subtype == "date" && matched.starts_with(|c: char| c.is_lowercase());
    if is_month_after_word {
        (start + space + 1, end)
    } else {
        (start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever a pattern needs: a text searched as a whole.
    const ANYTHING: Needs = Needs::MAX;

    fn figures(text: &str) -> Vec<(String, String)> {
        find(text)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.subtype.unwrap()))
            .collect()
    }

    #[test]
    fn finds_each_subtype() {
        let text = "On Oct. 21, 2025, profits rose 76% to $1.13bn (£600m), 55 pct above 1,750 dlrs and 5.93 mln dlrs; 155,221 bags in about two hours, the 60th and third time, 1910-1945, in June, on Thursday, 17 years.";
        let found = figures(text);
        for expected in [
            ("Oct. 21, 2025", "date"),
            ("76%", "percent"),
            ("$1.13bn", "money"),
            ("£600m", "money"),
            ("55 pct", "percent"),
            ("1,750 dlrs", "money"),
            ("5.93 mln dlrs", "money"),
            ("155,221 bags", "quantity"),
            ("about two hours", "quantity"),
            ("60th", "ordinal"),
            ("third", "ordinal"),
            ("1910-1945", "date"),
            ("June", "date"),
            ("Thursday", "date"),
            ("17 years", "quantity"),
        ] {
            assert!(
                found.contains(&(expected.0.to_string(), expected.1.to_string())),
                "{expected:?} not in {found:?}"
            );
        }
    }

    fn spans(found: Vec<ByteEntity>) -> Vec<(usize, usize, Option<String>)> {
        found
            .into_iter()
            .map(|f| (f.start, f.end, f.subtype))
            .collect()
    }

    /// Searching the windows around triggers finds what searching the whole text does,
    /// on every article of Reuters-21578 and BBC News (`../shared/data`).
    #[test]
    fn windows_find_what_the_whole_text_holds() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus");
        let mut checked = 0;
        for name in ["reuters21578.jsonl.gz", "bbc-fulltext.jsonl.gz"] {
            let file = std::fs::File::open(corpus.join(name)).expect("the shared corpus");
            let lines = std::io::BufRead::lines(std::io::BufReader::new(
                flate2::read::GzDecoder::new(file),
            ));
            for line in lines {
                let record: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
                let body = record["body"].as_str().unwrap_or_default();
                let whole = spans(find_in(body, [(0..body.len(), ANYTHING)]));
                assert_eq!(spans(find(body)), whole, "in {}", record["id"]);
                checked += 1;
            }
        }
        assert!(checked > 20_000, "{checked} articles");
    }

    #[test]
    fn windows_reach_past_triggers_and_cut_at_whitespace() {
        let text =
            "Prices rose by more than five million tonnes\u{a0}this year, officials said today.";
        let parts: Vec<(&str, Needs)> = windows(text)
            .into_iter()
            .map(|(w, holds)| (&text[w], holds))
            .collect();
        assert_eq!(
            parts,
            [("by more than five million tonnes\u{a0}this", NUMBER_WORD)]
        );
        assert!(windows("No figure at all here.").is_empty());
        assert!(TRIGGER_WORDS.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert!(TRIGGER_WORDS
            .iter()
            .all(|&(word, what)| trigger_word(word) == what && what != 0));
        assert_eq!(trigger_word("Sept"), CALENDAR_WORD);
        assert!(!["the", "said", "Lee", "once", "tenths"]
            .iter()
            .any(|w| trigger_word(w) != 0));
        for text in [
            "a US$5 bn deal,\n\n3rd since  June 1987 - hundreds of dollars, about a dozen days",
            "١٢ percent on Sept. 3; the A320's 5th flight, ＄5",
        ] {
            let whole = spans(find_in(text, [(0..text.len(), ANYTHING)]));
            assert!(whole.len() >= 2, "{whole:?}");
            assert_eq!(spans(find(text)), whole);
        }
    }
}
