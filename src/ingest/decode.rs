//! Bytes of a feed or a web page to UTF-8 text. The order of evidence: a byte-order mark,
//! then the HTTP charset, then the document's own declaration (XML or `<meta>`), then the
//! byte pattern of UTF-16/32 without a mark, then a statistical guess for undeclared
//! legacy encodings (Big5, EUC-JP, KOI8-R, ...).
use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

/// A document turned into UTF-8, and the name of the encoding it was read in.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// The wide Unicode encodings encoding_rs leaves out (UTF-32) or only decodes (UTF-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wide {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

/// `encoding="…"` in an XML declaration; `charset=…` in a `<meta>` tag.
static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']|<meta[^>]*?charset\s*=\s*["']?([\w.:-]+)"#)
        .expect("valid")
});

/// How far into the document a declaration is looked for.
const DECLARATION_WINDOW: usize = 2048;

/// Decodes the document with the best evidence available.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if let Some((wide, mark)) = byte_order_mark(bytes) {
        return decode_wide(&bytes[mark..], wide);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return utf8_lossy(&bytes[3..]);
    }
    if let Some(encoding) = http_charset.and_then(label) {
        return with_encoding(bytes, encoding);
    }
    if let Some(wide) = wide_without_mark(bytes) {
        return decode_wide(bytes, wide);
    }
    if let Some(encoding) = declared(bytes) {
        // A document that says UTF-8 but is not is decoded by what it really is.
        if encoding != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() {
            return with_encoding(bytes, encoding);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return utf8_lossy(bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    with_encoding(bytes, detector.guess(None, chardetng::Utf8Detection::Deny))
}

/// The wide encoding the bytes start in, with or without a mark: such a file holds NUL
/// bytes and must not be taken for binary.
pub fn wide_encoding(head: &[u8]) -> Option<Wide> {
    byte_order_mark(head)
        .map(|(wide, _)| wide)
        .or_else(|| wide_without_mark(head))
}

/// The XML declaration taken off, so a parser does not decode the UTF-8 text a second
/// time by the encoding it names.
pub fn without_xml_declaration(text: &str) -> &str {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    match trimmed.strip_prefix("<?xml") {
        Some(rest) => rest.find("?>").map_or(trimmed, |end| &rest[end + 2..]),
        None => text,
    }
}

fn label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().trim_matches(['"', '\'']).as_bytes())
}

fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let captures = DECLARED.captures(head)?;
    let name = captures.get(1).or_else(|| captures.get(2))?;
    // A declaration of UTF-16 in bytes that are not wide is wrong; go by the bytes.
    Encoding::for_label(name.as_bytes())
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
}

fn with_encoding(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    if encoding == encoding_rs::UTF_16LE {
        return decode_wide(bytes, Wide::Utf16Le);
    }
    if encoding == encoding_rs::UTF_16BE {
        return decode_wide(bytes, Wide::Utf16Be);
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
    }
}

fn byte_order_mark(bytes: &[u8]) -> Option<(Wide, usize)> {
    // UTF-32LE's mark begins with UTF-16LE's: test it first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some((Wide::Utf32Le, 4))
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some((Wide::Utf32Be, 4))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((Wide::Utf16Le, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((Wide::Utf16Be, 2))
    } else {
        None
    }
}

/// A document that starts with `<` or `{` (after blanks) written in a wide encoding.
fn wide_without_mark(bytes: &[u8]) -> Option<Wide> {
    let start = |b: u8| b == b'<' || b == b'{' || b.is_ascii_whitespace();
    match bytes {
        [0, 0, 0, b, ..] if start(*b) => Some(Wide::Utf32Be),
        [b, 0, 0, 0, ..] if start(*b) => Some(Wide::Utf32Le),
        [0, b, _, _, ..] if start(*b) => Some(Wide::Utf16Be),
        [b, 0, _, _, ..] if start(*b) => Some(Wide::Utf16Le),
        _ => None,
    }
}

fn decode_wide(bytes: &[u8], wide: Wide) -> Decoded {
    let (text, encoding) = match wide {
        Wide::Utf16Le => (
            encoding_rs::UTF_16LE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            "UTF-16LE",
        ),
        Wide::Utf16Be => (
            encoding_rs::UTF_16BE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            "UTF-16BE",
        ),
        Wide::Utf32Le => (utf32(bytes, u32::from_le_bytes), "UTF-32LE"),
        Wide::Utf32Be => (utf32(bytes, u32::from_be_bytes), "UTF-32BE"),
    };
    Decoded { text, encoding }
}

fn utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(read([c[0], c[1], c[2], c[3]])).unwrap_or('\u{fffd}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_decides_first() {
        let mut bytes = vec![0xFF, 0xFE, 0, 0];
        for c in "<rss/>".chars() {
            bytes.extend((c as u32).to_le_bytes());
        }
        let decoded = decode(&bytes, Some("iso-8859-1"));
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("<rss/>", "UTF-32LE")
        );
    }

    #[test]
    fn http_charset_overrides_the_declaration() {
        let bytes = b"<?xml version='1.0' encoding='koi8-r'?><a>\xE9</a>";
        assert_eq!(
            decode(bytes, Some("iso-8859-1")).text,
            "<?xml version='1.0' encoding='koi8-r'?><a>é</a>"
        );
        assert_eq!(decode(bytes, None).encoding, "KOI8-R");
    }

    #[test]
    fn wide_text_without_a_mark_is_recognised() {
        let bytes: Vec<u8> = "<feed>".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(wide_encoding(&bytes), Some(Wide::Utf16Be));
        assert_eq!(decode(&bytes, None).text, "<feed>");
    }

    #[test]
    fn the_declaration_is_taken_off() {
        assert_eq!(
            without_xml_declaration("<?xml version=\"1.0\" encoding=\"big5\"?>\n<rss/>"),
            "\n<rss/>"
        );
        assert_eq!(without_xml_declaration("<rss/>"), "<rss/>");
    }
}
