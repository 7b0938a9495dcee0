//! Figures: dates, money, percentages, quantities with units, ordinals and numbers,
//! found by patterns over the raw text (newswire shorthand such as "5.93 mln dlrs" included).
use std::sync::LazyLock;

use regex::Regex;

use super::{ByteEntity, Kind};

const MONTH: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";
const FULL_MONTH: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUM: &str = r"\d+(?:[.,]\d+)*";
const SCALE: &str = r"(?:bn|m|k|mn|mln|bln|billion|million|trillion|thousand)";
const SPELLED: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a few|several|a dozen)";
const UNIT: &str = r"(?:bags|tonnes|tons|tonnes|kilos|kg|barrels|bushels|ounces|shares|years|year|months|month|weeks|week|days|day|hours|hour|minutes|minute|seconds|miles|mile|km|kilometres|kilometers|metres|meters|feet|acres|hectares|people|workers|jobs|visas|flights|vehicles|cars|units|points|votes|seats|troops|soldiers|rounds)";
const ORDINAL_WORD: &str = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|hundredth)";
const CURRENCY_WORD: &str =
    r"(?:dlrs|dollars|pounds|sterling|yen|euros|marks|francs|won|yuan|rupees|pesos|lire|crowns)";

/// One pattern per subtype, in the order they win when two overlap with the same length.
/// Word boundaries are ASCII (`(?-u:\b)`): Unicode ones force the regex crate onto its
/// slowest engine, and every figure starts and ends with an ASCII character anyway.
static PATTERNS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let build = |subtype, pattern: String| {
        (
            subtype,
            Regex::new(&pattern).expect("figure pattern is valid"),
        )
    };
    vec![
        build(
            "money",
            format!(
                r"(?:US|A|C|HK|NZ)?[$£€¥]\s?{NUM}(?:\s?{SCALE}(?-u:\b))?|(?-u:\b){NUM}(?:\s?{SCALE})?\s{CURRENCY_WORD}(?-u:\b)|(?-u:\b)(?:hundreds|thousands|millions|billions|trillions) of (?:{CURRENCY_WORD})(?-u:\b)"
            ),
        ),
        build(
            "percent",
            format!(r"(?-u:\b){NUM}\s?(?:%|pct(?-u:\b)|percent(?-u:\b)|per cent(?-u:\b))"),
        ),
        build(
            "date",
            format!(
                r"(?-u:\b)(?:{WEEKDAY},?\s)?{MONTH}\s\d{{1,2}}(?:-\d{{1,2}})?(?:,?\s\d{{4}})?(?-u:\b)|(?-u:\b)\d{{1,2}}\s{FULL_MONTH}(?:,?\s\d{{4}})?(?-u:\b)|(?-u:\b){FULL_MONTH}\s\d{{4}}(?-u:\b)|(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}(?-u:\b)|(?-u:\b)(?:1[5-9]|20)\d\d(?:-(?:1[5-9]|20)\d\d)?(?-u:\b)|(?-u:\b){WEEKDAY}(?-u:\b)|(?-u:\b)(?:in|since|by|until|early|late|mid-|last|next|this)\s{FULL_MONTH}(?-u:\b)"
            ),
        ),
        build(
            "quantity",
            format!(
                r"(?-u:\b)(?:(?:about|some|nearly|almost|around|roughly|up to|more than|over)\s)?(?:{NUM}|{SPELLED})(?:\s{SCALE})?\s{UNIT}(?-u:\b)|(?-u:\b){NUM}-(?:year|month|day|hour|minute|mile)(?-u:\b)"
            ),
        ),
        build(
            "ordinal",
            format!(r"(?-u:\b)\d+(?:st|nd|rd|th)(?-u:\b)|(?-u:\b){ORDINAL_WORD}(?-u:\b)"),
        ),
        build(
            "number",
            format!(r"(?-u:\b){NUM}(?:\s{SCALE}(?-u:\b))?|(?-u:\b){SPELLED}(?-u:\b)"),
        ),
    ]
});

/// All figures in `text` by byte offsets: the longest match wins, then the earlier pattern.
pub(crate) fn find(text: &str) -> Vec<ByteEntity> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (rank, (_, regex)) in PATTERNS.iter().enumerate() {
        candidates.extend(regex.find_iter(text).map(|m| (m.start(), m.end(), rank)));
    }
    candidates.sort_by_key(|&(start, end, rank)| (std::cmp::Reverse(end - start), rank, start));
    let mut chosen: Vec<ByteEntity> = Vec::new();
    let mut occupied = super::occupied::Occupied::default();
    for (start, end, rank) in candidates {
        let (start, end) = trim_date_preposition(text, start, end, rank);
        if occupied.take(start, end) {
            let subtype = Some(PATTERNS[rank].0.to_string());
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

/// "in June" is matched with its preposition for context, but the figure is "June".
fn trim_date_preposition(text: &str, start: usize, end: usize, rank: usize) -> (usize, usize) {
    let matched = &text[start..end];
    let Some(space) = matched.rfind(' ') else {
        return (start, end);
    };
    let is_month_after_word =
        PATTERNS[rank].0 == "date" && matched.starts_with(|c: char| c.is_lowercase());
    if is_month_after_word {
        (start + space + 1, end)
    } else {
        (start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
