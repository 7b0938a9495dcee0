//! `tidings sync` against feeds served on 127.0.0.1: one slow, one broken. The others
//! arrive, the bad ones are named, and an unchanged feed costs a 304.
mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>Leaders meet in Gyeongju</title><link>http://local/a</link><description>&lt;p&gt;Lee Jae-myung met Sanae Takaichi in Gyeongju on Thursday.&lt;/p&gt;</description></item>
<item><title>Markets rise</title><link>http://local/b</link><description>Shares in Tokyo rose 2% on Friday.</description></item>
</channel></rss>"#;
const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Local Atom</title><id>x</id>
<entry><title>Summit ends</title><id>e1</id><link href="http://local/c"/><updated>2025-10-31T09:00:00Z</updated><content type="html">&lt;p&gt;The summit ended with a joint statement.&lt;/p&gt;</content></entry></feed>"#;

const PAGE: &str = "<html><head><title>Summit ends in Gyeongju</title></head><body><nav>Home | World</nav><article>\
<p>The leaders of Japan and South Korea ended their summit in Gyeongju on Friday with a joint statement on trade and security.</p>\
<p>They agreed to meet again next year and to keep their shuttle diplomacy going despite the history that divides them.</p>\
</article></body></html>";

const RECORDS: &str =
    "{\"id\":\"r1\",\"title\":\"Copper rises\",\"body\":\"Copper prices rose 3 pct in London.\"}\n\
{\"id\":\"r2\",\"title\":\"Tin falls\",\"body\":\"Tin prices fell 2 pct in London.\"}\n";

/// Answers one request: the RSS feed with an ETag (304 when it is sent back), the Atom
/// feed, a page that is not a feed, or a feed that answers too late.
fn answer(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        request.push(line);
    }
    let path = request
        .first()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let etag_sent = request
        .iter()
        .any(|l| l.to_lowercase().starts_with("if-none-match: \"v1\""));
    let (status, body) = match path.as_str() {
        "/wire.xml" if etag_sent => ("304 Not Modified", ""),
        "/wire.xml" => ("200 OK", RSS),
        "/atom.xml" => ("200 OK", ATOM),
        "/broken.xml" => (
            "200 OK",
            "<html><body>Service temporarily unavailable</body></html>",
        ),
        "/page.html" => ("200 OK", PAGE),
        "/records.jsonl" => ("200 OK", RECORDS),
        "/slow.xml" => {
            std::thread::sleep(Duration::from_secs(4));
            ("200 OK", RSS)
        }
        _ => ("404 Not Found", ""),
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nETag: \"v1\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    address
}

#[test]
fn sync_fetches_every_feed_and_names_the_bad_ones() {
    let server = serve();
    let dir = tempfile::tempdir().unwrap();
    // The helper points TIDINGS_CONFIG at this file: a one-second limit for the slow feed.
    std::fs::write(
        dir.path().join("no-config.toml"),
        "[sync]\ntimeout_secs = 1\n",
    )
    .unwrap();
    let opml = dir.path().join("list.opml");
    let outline = |name: &str| format!(r#"<outline text="{name}" xmlUrl="{server}/{name}.xml"/>"#);
    let outlines: String = ["wire", "atom", "broken", "slow", "missing"]
        .iter()
        .map(|n| outline(n))
        .collect();
    std::fs::write(
        &opml,
        format!("<opml version=\"2.0\"><body>{outlines}</body></opml>"),
    )
    .unwrap();

    let imported = common::tidings_ok(dir.path(), &["import", opml.to_str().unwrap()]);
    assert!(imported.contains("following 5 new feeds"), "{imported}");

    let started = std::time::Instant::now();
    let output = common::tidings(dir.path(), &["sync"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the slow feed held the others up"
    );
    assert!(stdout.contains("imported 3"), "{stdout}");
    assert!(
        stderr.contains("broken") && stderr.contains("not a feed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("slow") && stderr.contains("timed out"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing") && stderr.contains("HTTP 404"),
        "{stderr}"
    );

    let hits = common::tidings_ok(dir.path(), &["search", "Gyeongju", "--json"]);
    assert!(
        hits.contains("Leaders meet in Gyeongju") && hits.contains("Local Wire"),
        "{hits}"
    );

    let again = common::tidings_ok(dir.path(), &["sync", "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(summary["imported"], 0, "{again}");
    assert_eq!(
        summary["unchanged"], 1,
        "the wire feed answered 304: {again}"
    );
    assert_eq!(
        summary["skipped"], 1,
        "the Atom item was already there: {again}"
    );

    // A web page by URL is extracted and imported; it is not followed.
    let page = format!("{server}/page.html");
    let imported = common::tidings_ok(dir.path(), &["import", &page]);
    assert!(
        imported.starts_with("imported 1,") && !imported.contains("following"),
        "{imported}"
    );
    let hits = common::tidings_ok(dir.path(), &["search", "joint statement", "--json"]);
    assert!(hits.contains("Summit ends in Gyeongju"), "{hits}");

    // JSONL by URL is read a record a line, as from a file.
    let records = format!("{server}/records.jsonl");
    let imported = common::tidings_ok(dir.path(), &["import", &records]);
    assert!(imported.starts_with("imported 2,"), "{imported}");

    let feeds = common::tidings_ok(dir.path(), &["feeds"]);
    assert!(
        feeds.contains("Local Wire") || feeds.contains("wire"),
        "{feeds}"
    );
    assert!(feeds.contains("timed out"), "{feeds}");
}
