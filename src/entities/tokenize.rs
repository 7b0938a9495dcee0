//! Splits text into word, number and punctuation tokens, each a slice of the text, the way
//! CoNLL-2003 tokenizes news: "U.S." and "Jae-myung" stay whole, "Lee's" is "Lee" + "'s",
//! and a known abbreviation keeps its period ("Mr.", "St.", "Corp."), so it ends no sentence.

/// Where `token`, a slice of `text`, starts in it, in bytes.
pub fn offset_in(text: &str, token: &str) -> usize {
    let offset = (token.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    assert!(offset <= text.len(), "the token is not a slice of the text");
    offset
}

/// The tokens of `text`, each a slice of it.
pub fn tokenize(text: &str) -> Vec<&str> {
    // News runs about 4.6 bytes a token: one allocation for almost every text.
    let mut tokens = Vec::with_capacity(text.len() / 4 + 16);
    // No token crosses a line break, and none looks past one, so a huge text is walked a
    // block of lines at a time and only that block's chars are held at once.
    for block in line_blocks(text, 1 << 16) {
        tokenize_block(block, &mut tokens);
    }
    tokens
}

/// `text` in pieces of at least `size` bytes, each ending with a line break (but the last).
fn line_blocks(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let end = rest[cut..].find('\n').map_or(rest.len(), |n| cut + n + 1);
        let (block, after) = rest.split_at(end);
        rest = after;
        Some(block)
    })
}

/// Appends the tokens of `block`.
fn tokenize_block<'a>(block: &'a str, tokens: &mut Vec<&'a str>) {
    // Chars alone (not with their byte offsets) keep the working set small; the offsets
    // are counted while walking forward.
    let chars: Vec<char> = block.chars().collect();
    let (mut i, mut byte) = (0, 0);
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            byte += c.len_utf8();
            continue;
        }
        let next = if c.is_alphanumeric() {
            word_end(&chars, i)
        } else {
            punct_end(&chars, i)
        };
        let start = byte;
        byte += chars[i..next].iter().map(|c| c.len_utf8()).sum::<usize>();
        tokens.push(&block[start..byte]);
        i = next;
    }
}

/// End (char index) of the word starting at `i`: letters and digits, joined by `-` or by
/// `.`/`,` between digits, by `.` between single letters ("U.S."), by `'` inside a word
/// ("O'Neill") but not before a final "s" ("Lee's").
fn word_end(chars: &[char], mut i: usize) -> usize {
    let at = |j: usize| chars.get(j).copied();
    let start = i;
    let is_apostrophe = |c: char| c == '\'' || c == '\u{2019}';
    i += 1;
    loop {
        match (at(i), at(i + 1)) {
            (Some(c), _) if c.is_alphanumeric() => i += 1,
            (Some('-'), Some(n)) if n.is_alphanumeric() => i += 2,
            (Some('.' | ','), Some(n))
                if n.is_ascii_digit() && at(i - 1).is_some_and(|p| p.is_ascii_digit()) =>
            {
                i += 2
            }
            (Some('.'), Some(n)) if n.is_alphabetic() && is_abbreviation_so_far(chars, i) => i += 2,
            (Some(a), Some(n))
                if is_apostrophe(a) && n.is_alphabetic() && !is_possessive(chars, i) =>
            {
                i += 2
            }
            _ => break,
        }
    }
    // "U.S." keeps its final period, and so does an initial ("S. Korea", "John F. Kennedy").
    let is_initial = i >= 1
        && at(i - 1).is_some_and(char::is_uppercase)
        && (i < 2 || !at(i - 2).is_some_and(char::is_alphanumeric));
    if at(i) == Some('.')
        && is_abbreviation_so_far(chars, i)
        && ((i >= 2 && at(i - 2) == Some('.')) || is_initial)
    {
        i += 1;
    }
    if at(i) == Some('.') && is_known_abbreviation(&chars[start..i]) {
        i += 1;
    }
    i
}

/// Titles, company endings, months and US states as news abbreviates them.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "pres", "rev", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "jan",
    "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "mt", "ft", "ala",
    "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn",
    "tex", "va", "vt", "wash", "wis", "wyo",
];

fn is_known_abbreviation(word: &[char]) -> bool {
    word.len() <= 5
        && word[0].is_uppercase()
        && ABBREVIATIONS.iter().any(|a| {
            a.len() == word.len()
                && a.chars()
                    .zip(word)
                    .all(|(a, &c)| c.to_ascii_lowercase() == a)
        })
}

/// True when the token before `dot` is a run of single letters separated by dots ("U", "U.S").
fn is_abbreviation_so_far(chars: &[char], dot: usize) -> bool {
    dot >= 1 && chars[dot - 1].is_alphabetic() && (dot < 2 || !chars[dot - 2].is_alphanumeric())
}

/// True when the apostrophe at `i` starts a possessive or contraction "s" ending the word.
fn is_possessive(chars: &[char], i: usize) -> bool {
    let s = chars.get(i + 1).copied();
    let after = chars.get(i + 2).copied();
    matches!(s, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric)
}

/// End of a punctuation token: "'s" stays whole, everything else is one character.
fn punct_end(chars: &[char], i: usize) -> usize {
    let c = chars[i];
    if (c == '\'' || c == '\u{2019}') && is_possessive(chars, i) {
        return i + 2;
    }
    i + 1
}

/// Sentence ranges over `tokens`: a sentence ends at a line break, or after ".", "!" or "?"
/// when the next token starts with a capital letter or a quote.
pub fn sentences(text: &str, tokens: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        let previous = tokens[i - 1];
        let gap_start = offset_in(text, previous) + previous.len();
        let gap = &text[gap_start..offset_in(text, tokens[i])];
        let next_opens = tokens[i].starts_with(|c: char| c.is_uppercase() || "\"“‘'(".contains(c));
        if gap.contains('\n') || (matches!(previous, "." | "!" | "?") && next_opens) {
            ranges.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        ranges.push(start..tokens.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_tokenized_in_blocks_of_lines_is_tokenized_as_a_whole() {
        let text = "Mr. Lee met\nS. Korea’s\n\nJohn F. Kennedy. Lee's U.S.\nend";
        let offsets = |tokens: Vec<&str>| -> Vec<(usize, usize)> {
            let at = |t: &str| offset_in(text, t);
            tokens.iter().map(|t| (at(t), at(t) + t.len())).collect()
        };
        let mut whole = Vec::new();
        tokenize_block(text, &mut whole);
        for size in 0..text.len() {
            let mut tokens = Vec::new();
            for block in line_blocks(text, size) {
                tokenize_block(block, &mut tokens);
            }
            assert_eq!(
                offsets(tokens),
                offsets(whole.clone()),
                "blocks of {size} bytes"
            );
        }
        assert_eq!(line_blocks(text, 5).collect::<String>(), text);
    }

    #[test]
    fn keeps_abbreviations_hyphens_and_numbers_whole() {
        assert_eq!(
            tokenize("U.S. President Lee Jae-myung's $1,750.50 plan, 25%."),
            [
                "U.S.",
                "President",
                "Lee",
                "Jae-myung",
                "'s",
                "$",
                "1,750.50",
                "plan",
                ",",
                "25",
                "%",
                "."
            ]
        );
        assert_eq!(
            tokenize("S. Korea and John F. Kennedy."),
            ["S.", "Korea", "and", "John", "F.", "Kennedy", "."]
        );
        assert_eq!(
            tokenize("Lee’s office in O'Neill"),
            ["Lee", "’s", "office", "in", "O'Neill"]
        );
        assert_eq!(
            tokenize("Mr. Lee of ST. LOUIS, Mo. met Acme Corp. in Oct. now."),
            [
                "Mr.", "Lee", "of", "ST.", "LOUIS", ",", "Mo.", "met", "Acme", "Corp.", "in",
                "Oct.", "now", "."
            ]
        );
    }
}
