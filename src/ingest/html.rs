//! Saved web pages and the HTML inside feed items. A page's article is found by
//! rs-trafilatura; an item's HTML is only turned into paragraphs of text.
use dom_query::{Document, NodeRef};

use super::{decode, IngestError};
use crate::article::{content_id, Article};
use crate::text::sanitize;

/// Pages nested deeper than this are not given to the extractor, whose time grows with
/// the square of the depth (20,000 levels: about a minute); their text is kept instead.
const MAX_DEPTH: usize = 400;

/// Elements whose text is not the page's words.
const SKIPPED: [&str; 7] = [
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];
/// Elements that start a new paragraph.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "blockquote",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "figure",
];

/// What `tidings extract` prints: the article without its page.
#[derive(Debug, Default, PartialEq, serde::Serialize)]
pub struct Extracted {
    pub title: String,
    pub body: String,
    pub date: Option<String>,
    pub source: String,
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl Extracted {
    pub fn into_article(self) -> Article {
        let id = match &self.url {
            Some(url) => content_id(&["url", url]),
            None => content_id(&[&self.title, &self.body]),
        };
        Article {
            id,
            title: self.title,
            body: self.body,
            source: self.source,
            date: self.date,
            url: self.url,
            ..Article::default()
        }
    }
}

/// Does this text look like an HTML page (rather than plain text)?
pub fn looks_like_html(head: &str) -> bool {
    let head = head[..head.floor_char_boundary(4096)].to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<head",
        "<meta ",
        "<p>",
        "<div",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// Extracts the article of a web page: its text, title, date, author and site.
pub fn extract_page(bytes: &[u8], http_charset: Option<&str>) -> Result<Extracted, IngestError> {
    let html = decode::decode(bytes, http_charset).text;
    let document = Document::from(html.as_str());
    if depth_exceeds(&document.root(), MAX_DEPTH) {
        let body = text_of(&document.root());
        return non_empty(Extracted {
            title: sanitize(document.select("title").text().trim()),
            body,
            ..Extracted::default()
        });
    }
    let options = rs_trafilatura::Options::default();
    let result =
        super::guard::catch_panic(|| rs_trafilatura::extract_with_options(&html, &options))
            .map_err(|panic| IngestError::Unreadable(format!("extractor failed: {panic}")))?
            .map_err(|e| IngestError::Unreadable(e.to_string()))?;
    let meta = result.metadata;
    let clean = |s: Option<String>| s.map(|s| sanitize(s.trim())).filter(|s| !s.is_empty());
    non_empty(Extracted {
        title: clean(meta.title).unwrap_or_default(),
        body: paragraphs(&sanitize(&result.content_text)),
        date: meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        source: clean(meta.sitename.or(meta.hostname)).unwrap_or_default(),
        url: clean(meta.url),
        author: clean(meta.author),
    })
}

/// The text of an HTML fragment (a feed item's content), a blank line between paragraphs.
pub fn fragment_to_text(html: &str) -> String {
    // Plain text too goes through the parser: it decodes every entity (&amp;, &#8217;, …).
    text_of(&Document::fragment(html).root())
}

fn non_empty(extracted: Extracted) -> Result<Extracted, IngestError> {
    if extracted.body.trim().is_empty() {
        Err(IngestError::NoText)
    } else {
        Ok(extracted)
    }
}

/// One paragraph a line in, a blank line between paragraphs out, as bodies are stored.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Walks the tree without recursion (pages can be nested thousands deep).
fn text_of(root: &NodeRef) -> String {
    let mut out = String::new();
    let mut stack = vec![(*root, false)];
    while let Some((node, leaving)) = stack.pop() {
        let name = node.node_name().map(|n| n.to_ascii_lowercase());
        let name = name.as_deref().unwrap_or("");
        if leaving {
            if BLOCKS.contains(&name) {
                out.push('\n');
            }
            continue;
        }
        if node.is_text() {
            out.push_str(&node.text());
        } else if name == "br" {
            out.push('\n');
        } else if node.is_element() && SKIPPED.contains(&name) {
            continue;
        } else if !node.is_comment() {
            if BLOCKS.contains(&name) {
                out.push('\n');
            }
            stack.push((node, true));
            stack.extend(node.children().into_iter().rev().map(|c| (c, false)));
        }
    }
    paragraphs(&sanitize(&out))
}

fn depth_exceeds(root: &NodeRef, limit: usize) -> bool {
    let mut stack = vec![(*root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.children().into_iter().map(|c| (c, depth + 1)));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_paragraphs() {
        let html =
            "<p>Lee met <b>Takaichi</b>.</p><script>x()</script><p>They spoke.<br>Later.</p>";
        assert_eq!(
            fragment_to_text(html),
            "Lee met Takaichi.\n\nThey spoke.\n\nLater."
        );
    }

    #[test]
    fn plain_fragments_have_their_entities_decoded() {
        assert_eq!(
            fragment_to_text("Tom &amp; Jerry&#8217;s &lt;show&gt;"),
            "Tom & Jerry’s <show>"
        );
    }

    #[test]
    fn deep_pages_are_not_given_to_the_extractor() {
        let depth = 20_000;
        let html = format!(
            "<html><body>{}deep words{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = std::time::Instant::now();
        let page = extract_page(html.as_bytes(), None).expect("text kept");
        assert_eq!(page.body, "deep words");
        assert!(
            started.elapsed().as_secs() < 10,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_page_gives_its_article_and_metadata() {
        let para = "The two leaders met in Gyeongju on Thursday and agreed to keep talking about trade, security and the history that divides their countries. ";
        let html = format!(
            "<html><head><title>Leaders meet</title><meta property=\"og:site_name\" content=\"Example News\"></head>\
             <body><nav><a href=/>Home</a><a href=/world>World</a></nav><article><h1>Leaders meet</h1><p>{}</p><p>{}</p></article>\
             <footer>Copyright Example News. All rights reserved.</footer></body></html>",
            para.repeat(3),
            para.repeat(2)
        );
        let page = extract_page(html.as_bytes(), None).expect("extracted");
        assert_eq!(page.title, "Leaders meet");
        assert!(
            page.body.starts_with("The two leaders met"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("Home") && !page.body.contains("rights reserved"));
    }
}
