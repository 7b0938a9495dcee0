//! OPML subscription lists: the feeds (`<outline xmlUrl=…>`) they name, at any depth.
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{decode, IngestError};
use crate::text::sanitize;

/// A feed to follow: its address and the name the list gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRef {
    pub url: String,
    pub title: String,
}

/// Reads the feeds an OPML document lists.
pub fn parse(bytes: &[u8]) -> Result<Vec<FeedRef>, IngestError> {
    let decoded = decode::decode(bytes, None);
    let mut reader = Reader::from_str(decode::without_xml_declaration(&decoded.text));
    let mut feeds = Vec::new();
    let mut seen_root = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            IngestError::Unreadable(format!(
                "broken XML at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let name = tag.local_name();
                if !seen_root {
                    if !name.as_ref().eq_ignore_ascii_case("opml") {
                        return Err(IngestError::Unreadable("not OPML (no <opml> root)".into()));
                    }
                    seen_root = true;
                } else if name.as_ref().eq_ignore_ascii_case("outline") {
                    feeds.extend(feed_of(&tag));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(IngestError::Unreadable("not OPML (no <opml> root)".into()));
    }
    if feeds.is_empty() {
        return Err(IngestError::Unreadable(
            "the OPML lists no feeds (no outline has an xmlUrl)".into(),
        ));
    }
    Ok(feeds)
}

fn feed_of(outline: &BytesStart) -> Option<FeedRef> {
    let attribute = |wanted: &str| {
        outline.attributes().flatten().find_map(|a| {
            a.key
                .local_name()
                .as_ref()
                .eq_ignore_ascii_case(wanted)
                .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                .flatten()
                .map(|v| sanitize(v.trim()))
        })
    };
    let url = attribute("xmlUrl").filter(|u| !u.is_empty())?;
    let title = attribute("title")
        .or_else(|| attribute("text"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| url.clone());
    Some(FeedRef { url, title })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_are_found() {
        let opml = br#"<opml version="2.0"><body><outline text="News"><outline text="Wire" xmlUrl="https://example.com/rss"/></outline></body></opml>"#;
        assert_eq!(
            parse(opml).unwrap(),
            [FeedRef {
                url: "https://example.com/rss".into(),
                title: "Wire".into()
            }]
        );
    }

    #[test]
    fn a_list_without_feeds_or_broken_xml_is_an_error() {
        assert!(parse(b"<opml><body><outline text=\"x\"/></body></opml>").is_err());
        assert!(parse(b"<opml><body><outline</body>").is_err());
        assert!(parse(b"<rss/>").is_err());
    }
}
