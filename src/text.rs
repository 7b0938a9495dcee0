//! Small text helpers shared by every stage: hashing, sanitizing untrusted text, truncation.

/// 64-bit FNV-1a: stable across runs and platforms, which `std`'s hasher is not.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// FNV-1a of a word's lowercase UTF-8, without building the lowercase string when the
/// word is ASCII (nearly every word of English news).
pub fn fnv1a_lowercase(word: &str) -> u64 {
    if word.is_ascii() {
        fnv1a(word.bytes().map(|b| b.to_ascii_lowercase()))
    } else {
        fnv1a(word.to_lowercase().bytes())
    }
}

/// Char offsets of a text (entities keep theirs in chars) as byte offsets. An ASCII text,
/// nearly every English article, needs no table: its chars are its bytes.
pub struct CharOffsets {
    /// The byte offset of every char and of the end; `None` for an ASCII text.
    starts: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    pub fn of(text: &str) -> CharOffsets {
        let starts = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        });
        CharOffsets {
            starts,
            len: text.len(),
        }
    }

    /// The byte offset of char `c` (the text's length for its end); `None` past the end.
    pub fn byte(&self, c: usize) -> Option<usize> {
        match &self.starts {
            Some(starts) => starts.get(c).copied(),
            None => (c <= self.len).then_some(c),
        }
    }

    /// The text from char `start` to char `end`, if both are in it.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        text.get(self.byte(start)?..self.byte(end)?)
    }
}

/// splitmix64's finalizer: spreads every input bit over the output.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Removes what must never reach a terminal: escape sequences (CSI, OSC, others),
/// C0 and C1 control characters except newline, and bidi overrides.
/// Tabs become spaces and `\r\n` / lone `\r` become `\n`.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True for characters that are controls or reorder text on screen.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Skips one escape sequence after ESC: CSI (`ESC [ ... final`), OSC / DCS / APC / PM / SOS
/// strings (ended by BEL or `ESC \`), or a two-character escape.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || (c == '\u{1b}' && chars.peek() == Some(&'\\')) {
                    if c == '\u{1b}' {
                        chars.next();
                    }
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Cuts `text` to at most `max` chars at a word boundary, adding "…" when it cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let end = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escape_sequences_and_controls() {
        let hostile = "a\u{1b}[31mred\u{1b}[0m \u{1b}]0;title\u{7}b\u{1b}]52;c;SGVsbG8=\u{1b}\\c\u{7}\u{8}\u{0}\u{202e}d\r\ne";
        assert_eq!(sanitize(hostile), "ared bcd\ne");
    }

    #[test]
    fn truncate_words_cuts_at_a_space() {
        assert_eq!(truncate_words("one two three four", 10), "one two…");
        assert_eq!(truncate_words("short", 10), "short");
    }
}
