//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by feed-rs: each item becomes an article.
use feed_rs::model::{Entry, Feed};

use super::{decode, guard, html, IngestError};
use crate::article::{content_id, Article};
use crate::text::sanitize;

/// A feed's name and its items as articles.
#[derive(Debug)]
pub struct ParsedFeed {
    pub title: String,
    /// Each item as an article, or why it has none (an item with neither text nor title).
    pub items: Vec<Result<Article, IngestError>>,
}

/// Parses a feed's bytes. `origin` (the file or URL) names the source when the feed has no
/// title. feed-rs decodes by the XML declaration and panics on some wide encodings, so
/// the text is decoded here and the parse is guarded.
pub fn parse(
    bytes: &[u8],
    http_charset: Option<&str>,
    origin: &str,
) -> Result<ParsedFeed, IngestError> {
    let decoded = decode::decode(bytes, http_charset);
    let text = decode::without_xml_declaration(&decoded.text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    if text.contains("<rss") && !text.contains("<channel") {
        // feed-rs rejects an RSS document without a channel; it is a feed with no items.
        return Ok(ParsedFeed {
            title: origin.to_string(),
            items: Vec::new(),
        });
    }
    let text = with_rss_version(text);
    // Relative links are resolved against the feed's URL; a file has none.
    let base = Some(origin).filter(|o| super::is_url(o));
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let feed = guard::catch_panic(|| parser.parse(text.as_bytes()))
        .map_err(|panic| IngestError::Unreadable(format!("feed parser failed: {panic}")))?
        .map_err(|e| IngestError::Unreadable(format!("not a feed: {e}")))?;
    Ok(items_of(feed, origin))
}

/// feed-rs takes `<rss>` without a `version` for something else; real feeds omit it.
fn with_rss_version(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(start) = text.find("<rss") else {
        return text.into();
    };
    let after = start + "<rss".len();
    let Some(end) = text[after..].find('>').map(|e| after + e) else {
        return text.into();
    };
    let tag = &text[after..end];
    let is_rss_element = tag.is_empty() || tag.starts_with([' ', '\t', '\r', '\n', '/']);
    if !is_rss_element || tag.contains("version") {
        return text.into();
    }
    format!("{} version=\"2.0\"{}", &text[..after], &text[after..]).into()
}

/// Is this the start of a feed (RSS, RDF, Atom or JSON Feed)?
pub fn looks_like_feed(head: &str) -> bool {
    let head = &head[..head.floor_char_boundary(4096)];
    [
        "<rss",
        "<feed",
        "<rdf:RDF",
        "<RDF",
        "<channel",
        "jsonfeed.org",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

fn items_of(feed: Feed, origin: &str) -> ParsedFeed {
    let title = feed
        .title
        .map(|t| one_line(&t.content))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| origin.to_string());
    let items = feed
        .entries
        .into_iter()
        .map(|entry| article_of(entry, &title))
        .collect();
    ParsedFeed { title, items }
}

fn article_of(entry: Entry, feed_title: &str) -> Result<Article, IngestError> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| sanitize(l.href.trim()));
    let html_body = entry
        .content
        .and_then(|c| c.body)
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.map(|s| s.content));
    let body = html_body
        .map(|b| html::fragment_to_text(&b))
        .unwrap_or_default();
    let title = entry
        .title
        .map(|t| one_line(&t.content))
        .unwrap_or_default();
    if body.is_empty() && title.is_empty() {
        return Err(IngestError::NoText);
    }
    let title = if title.is_empty() {
        super::text::title_from_lead(&body)
    } else {
        title
    };
    let id = match &link {
        Some(link) => content_id(&["url", link]),
        None => content_id(&[feed_title, &title, &body]),
    };
    Ok(Article {
        id,
        title,
        // A headline-only item (a link post) is kept: its title and link are the news.
        body,
        source: feed_title.to_string(),
        date: entry
            .published
            .or(entry.updated)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        url: link,
        ..Article::default()
    })
}

/// Titles may hold markup and line breaks: one line of text.
fn one_line(text: &str) -> String {
    html::fragment_to_text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_articles() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
            <item><title>Leaders meet</title><link>https://example.com/a</link>
            <pubDate>Thu, 30 Oct 2025 08:00:00 GMT</pubDate>
            <description>&lt;p&gt;Lee met Takaichi.&lt;/p&gt;</description></item></channel></rss>"#;
        let feed = parse(rss, None, "wire.xml").expect("parsed");
        let article = feed.items[0].as_ref().expect("an article");
        assert_eq!(feed.title, "Wire");
        assert_eq!(article.title, "Leaders meet");
        assert_eq!(article.body, "Lee met Takaichi.");
        assert_eq!(article.date.as_deref(), Some("2025-10-30"));
        assert_eq!(article.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(
            article.id,
            parse(rss, None, "other").unwrap().items[0]
                .as_ref()
                .unwrap()
                .id
        );
    }

    #[test]
    fn not_a_feed_says_so() {
        let error = parse(b"<html><body>hi</body></html>", None, "page").unwrap_err();
        assert!(error.to_string().contains("not a feed"), "{error}");
    }
}
