//! The entity spans stored with an article, as compact bytes rather than JSON: a span's
//! text is left out when it is the title's or body's text at its offsets (always, for the
//! spans recognition makes), and its canonical name when that is its text. Spans were
//! once JSON, which made the stored field larger than the body it annotates and cost the
//! import more to write than the tantivy document it goes into.
//!
//! Each list (title, then body) is a count, then for each span a flags byte (the kind in
//! the low bits, then which strings follow), its start and length in chars, and the
//! strings flagged, each as a length and UTF-8. Numbers are LEB128 varints.
use crate::entities::{Entity, Kind};
use crate::text::CharOffsets;

/// An article's spans, title and body apart, as stored.
#[derive(Default, Debug, PartialEq)]
pub struct StoredSpans {
    pub title: Vec<Entity>,
    pub body: Vec<Entity>,
}

const KIND_BITS: u8 = 0b0111;
const HAS_TEXT: u8 = 1 << 3;
const HAS_CANONICAL: u8 = 1 << 4;
const HAS_SUBTYPE: u8 = 1 << 5;
const HAS_COUNTRY: u8 = 1 << 6;

/// The bytes of `title_spans` over `title` and `body_spans` over `body`.
pub fn encode(title: &str, title_spans: &[Entity], body: &str, body_spans: &[Entity]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 * (title_spans.len() + body_spans.len()) + 2);
    encode_list(&mut out, title, title_spans);
    encode_list(&mut out, body, body_spans);
    out
}

/// The spans of [`encode`]'s bytes, given the same title and body; `None` if the bytes do
/// not read as spans of these texts.
pub fn decode(bytes: &[u8], title: &str, body: &str) -> Option<StoredSpans> {
    let mut reader = Reader { bytes };
    let title = decode_list(&mut reader, title)?;
    let body = decode_list(&mut reader, body)?;
    reader
        .bytes
        .is_empty()
        .then_some(StoredSpans { title, body })
}

fn encode_list(out: &mut Vec<u8>, text: &str, spans: &[Entity]) {
    let chars = CharOffsets::of(text);
    write_varint(out, spans.len() as u64);
    for span in spans {
        let text_kept = chars.slice(text, span.start, span.end) == Some(span.text.as_str());
        let mut flags = kind_code(span.kind);
        flags |= if text_kept { 0 } else { HAS_TEXT };
        flags |= if span.canonical == span.text {
            0
        } else {
            HAS_CANONICAL
        };
        flags |= if span.subtype.is_some() {
            HAS_SUBTYPE
        } else {
            0
        };
        flags |= if span.country.is_some() {
            HAS_COUNTRY
        } else {
            0
        };
        out.push(flags);
        write_varint(out, span.start as u64);
        write_varint(out, span.end.saturating_sub(span.start) as u64);
        let strings = [
            (HAS_TEXT, Some(&span.text)),
            (HAS_CANONICAL, Some(&span.canonical)),
            (HAS_SUBTYPE, span.subtype.as_ref()),
            (HAS_COUNTRY, span.country.as_ref()),
        ];
        for (flag, string) in strings {
            if let Some(string) = string.filter(|_| flags & flag != 0) {
                write_varint(out, string.len() as u64);
                out.extend_from_slice(string.as_bytes());
            }
        }
    }
}

fn decode_list(reader: &mut Reader, text: &str) -> Option<Vec<Entity>> {
    let chars = CharOffsets::of(text);
    let count = usize::try_from(reader.varint()?).ok()?;
    // Each span takes at least three bytes: a count past that is corrupt.
    let mut spans = Vec::with_capacity(count.min(reader.bytes.len() / 3));
    for _ in 0..count {
        let flags = reader.byte()?;
        let kind = kind_of(flags & KIND_BITS)?;
        let start = usize::try_from(reader.varint()?).ok()?;
        let end = start.checked_add(usize::try_from(reader.varint()?).ok()?)?;
        let mut string_if = |flag: u8| match flags & flag {
            0 => Some(None),
            _ => reader.string().map(Some),
        };
        let surface = match string_if(HAS_TEXT)? {
            Some(surface) => surface,
            None => chars.slice(text, start, end)?.to_string(),
        };
        let canonical = string_if(HAS_CANONICAL)?.unwrap_or_else(|| surface.clone());
        spans.push(Entity {
            kind,
            text: surface,
            start,
            end,
            canonical,
            subtype: string_if(HAS_SUBTYPE)?,
            country: string_if(HAS_COUNTRY)?,
        });
    }
    Some(spans)
}

fn kind_code(kind: Kind) -> u8 {
    Kind::ALL
        .iter()
        .position(|&k| k == kind)
        .expect("every kind is in Kind::ALL") as u8
}

fn kind_of(code: u8) -> Option<Kind> {
    Kind::ALL.get(usize::from(code)).copied()
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

struct Reader<'b> {
    bytes: &'b [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    fn string(&mut self) -> Option<String> {
        let len = usize::try_from(self.varint()?).ok()?;
        if len > self.bytes.len() {
            return None;
        }
        let (string, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        String::from_utf8(string.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Recognizer;

    #[test]
    fn recognized_spans_read_back_as_they_were() {
        let title = "Lee and Takaichi meet in Gyeongju";
        let body = "South Korean President Lee Jae Myung met Japan’s Sanae Takaichi \
                    on Thursday. Lee said trade rose 5.3% to $1.2bn. Émile Zola’s Paris.";
        let recognizer = Recognizer::load();
        let (title_spans, body_spans) = recognizer.recognize_titled(title, body);
        assert!(body_spans.iter().any(|e| e.canonical != e.text));
        assert!(body_spans.iter().any(|e| e.subtype.is_some()));
        let bytes = encode(title, &title_spans, body, &body_spans);
        let expected = StoredSpans {
            title: title_spans,
            body: body_spans,
        };
        assert_eq!(decode(&bytes, title, body), Some(expected));
    }

    #[test]
    fn a_span_whose_text_is_not_at_its_offsets_keeps_its_text() {
        let span = Entity {
            kind: Kind::Country,
            text: "U.S.".into(),
            start: 3,
            end: 7,
            canonical: "US".into(),
            subtype: None,
            country: Some("US".into()),
        };
        let body = "In the United States";
        let bytes = encode("", &[], body, std::slice::from_ref(&span));
        assert_eq!(decode(&bytes, "", body).unwrap().body, vec![span]);
    }

    #[test]
    fn bytes_that_do_not_fit_the_text_read_as_nothing() {
        let span = Entity {
            kind: Kind::Person,
            text: "Lee".into(),
            start: 0,
            end: 3,
            canonical: "Lee".into(),
            subtype: None,
            country: None,
        };
        let bytes = encode("", &[], "Lee said", &[span]);
        assert_eq!(decode(&bytes, "", "Le"), None, "offsets past the text");
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], "", "Lee said"), None, "cut at {cut}");
        }
        assert_eq!(
            decode(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "", ""),
            None
        );
    }
}
