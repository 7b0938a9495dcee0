//! One function per measured phase; each runs in its own process and returns its metrics.
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{QueryParser, RegexQuery};
use tantivy::schema::{DateOptions, Schema, Value, FAST, INDEXED, STORED, TEXT};

use super::corpus::Record;
use super::report::{anon_rss_mb, peak_rss_mb, percentiles, Metrics};
use tidings::entities::Recognizer;

/// Runs of each query, for the percentiles.
const RUNS: usize = 20;
/// LIKE scans everything: fewer runs keep the benchmark short.
const LIKE_RUNS: usize = 3;
const RELATED_SAMPLES: usize = 200;

pub fn run(phase: &str, args: &[String]) -> Metrics {
    let (corpus, target) = (Path::new(&args[0]), PathBuf::from(&args[1]));
    match phase {
        "phase-import" => import(corpus, &target, true),
        "phase-import-ungrouped" => import(corpus, &target, false),
        "phase-bare-index" => bare_index(corpus, &target),
        "phase-sqlite-load" => sqlite_load(corpus, &target),
        "phase-reader" => reader(&target),
        // No figures when the cache cannot be dropped: the report says it was not measured.
        "phase-reader-cold" => match drop_page_cache() {
            Ok(()) => reader(&target),
            Err(_) => Metrics::new(),
        },
        "phase-search" => search(&target),
        "phase-bare-search" => bare_search(&target),
        "phase-sqlite-like" => sqlite_search(&target, false),
        "phase-sqlite-fts" => sqlite_search(&target, true),
        "phase-related" => related(corpus, &target),
        other => panic!("unknown phase {other}"),
    }
}

fn import(corpus: &Path, dir: &Path, grouping: bool) -> Metrics {
    let start = Instant::now();
    let recognizer = Recognizer::load();
    let mut library = tidings::import::open_library(dir, || &recognizer).expect("library");
    library.set_grouping(grouping);
    let summary = tidings::import::import_paths(
        &mut library,
        &recognizer,
        &[corpus.to_path_buf()],
        None,
        Default::default(),
    )
    .expect("import");
    assert!(
        summary.failed.is_empty(),
        "{:?}",
        &summary.failed[..summary.failed.len().min(3)]
    );
    Metrics::new()
        .with("seconds", start.elapsed().as_secs_f64())
        .with("articles", summary.imported as f64)
        .with("peak_mb", peak_rss_mb())
}

fn records(corpus: &Path) -> impl Iterator<Item = Record> {
    let file = std::io::BufReader::new(std::fs::File::open(corpus).expect("corpus"));
    file.lines()
        .map(|l| serde_json::from_str(&l.expect("line")).expect("record"))
}

/// Bare tantivy as the bench README describes it: title and body TEXT and stored, date a
/// fast field, 2 threads, 1 GB budget, one commit.
fn bare_index(corpus: &Path, dir: &Path) -> Metrics {
    let start = Instant::now();
    std::fs::create_dir_all(dir).expect("dir");
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    let date = builder.add_date_field("date", DateOptions::from(INDEXED | STORED | FAST));
    let index = tantivy::Index::create_in_dir(dir, builder.build()).expect("index");
    let mut writer: tantivy::IndexWriter = index
        .writer_with_num_threads(2, 1_000_000_000)
        .expect("writer");
    for record in records(corpus) {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(title, &record.title);
        doc.add_text(body, &record.body);
        if let Some(day) = record
            .date
            .as_deref()
            .and_then(|d| tidings::library::date::to_index(d.get(..10).unwrap_or(d)))
        {
            doc.add_date(date, day);
        }
        writer.add_document(doc).expect("add");
    }
    writer.commit().expect("commit");
    Metrics::new()
        .with("seconds", start.elapsed().as_secs_f64())
        .with("peak_mb", peak_rss_mb())
}

fn sqlite_load(corpus: &Path, file: &Path) -> Metrics {
    let connection = rusqlite::Connection::open(file).expect("sqlite");
    connection
        .execute_batch("CREATE TABLE articles(id TEXT, title TEXT, body TEXT, date TEXT); CREATE VIRTUAL TABLE fts USING fts5(title, body);")
        .expect("schema");
    let records: Vec<Record> = records(corpus).collect();
    let like_start = Instant::now();
    let transaction = connection.unchecked_transaction().expect("transaction");
    for r in &records {
        transaction
            .execute(
                "INSERT INTO articles VALUES (?1, ?2, ?3, ?4)",
                (&r.id, &r.title, &r.body, &r.date),
            )
            .expect("insert");
    }
    transaction.commit().expect("commit");
    let like_seconds = like_start.elapsed().as_secs_f64();
    let fts_start = Instant::now();
    connection
        .execute_batch(
            "INSERT INTO fts(rowid, title, body) SELECT rowid, title, body FROM articles;",
        )
        .expect("fts");
    Metrics::new()
        .with("like_seconds", like_seconds)
        .with("fts_seconds", fts_start.elapsed().as_secs_f64())
}

/// The benchmark's queries: (kind, text) from ../shared/bench/queries.tsv.
fn queries() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/queries.tsv");
    let text = std::fs::read_to_string(path).expect("../shared/bench/queries.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            l.split_once('\t')
                .map(|(k, t)| (k.to_string(), t.to_string()))
        })
        .collect()
}

/// Times `run` over every query, `runs` times each (after one warm-up run): p50 and p99
/// over all, and the p99 of each kind of query (`p99 prefix`…), which says where the
/// slowest come from.
fn time_queries(runs: usize, mut run: impl FnMut(&str, &str)) -> Metrics {
    let mut by_kind: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (kind, text) in queries() {
        run(&kind, &text);
        for _ in 0..runs {
            let start = Instant::now();
            run(&kind, &text);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            by_kind.entry(kind.clone()).or_default().push(ms);
        }
    }
    let all: Vec<f64> = by_kind.values().flatten().copied().collect();
    by_kind
        .iter()
        .fold(percentiles(&all), |metrics, (kind, times)| {
            metrics.with(&format!("p99 {kind}"), percentiles(times).get("p99"))
        })
}

/// tidings' own search: the query language, top 10 with snippets, and the count.
/// A prefix query runs as the reader runs it while the user types (the last word a prefix).
fn search(dir: &Path) -> Metrics {
    let library = open_library(dir);
    time_queries(RUNS, |kind, text| {
        let results = match kind {
            "phrase" => library.search(&format!("\"{text}\""), 10),
            "prefix" => library.search_as_you_type(text, 10),
            _ => library.search(text, 10),
        };
        results.expect("search");
    })
}

/// The library as the reader opens it, the prefetch of its dictionaries and postings
/// included.
fn open_library(dir: &Path) -> tidings::library::Library {
    let library = tidings::import::open_library(dir, Recognizer::load).expect("library");
    library.prefetch_terms_and_postings();
    library
}

fn bare_search(dir: &Path) -> Metrics {
    let index = tantivy::Index::open_in_dir(dir).expect("index");
    let schema = index.schema();
    let (title, body) = (
        schema.get_field("title").unwrap(),
        schema.get_field("body").unwrap(),
    );
    let searcher = index.reader().expect("reader").searcher();
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_conjunction_by_default();
    time_queries(RUNS, |kind, text| {
        let query: Box<dyn tantivy::query::Query> = match kind {
            "prefix" => {
                Box::new(RegexQuery::from_pattern(&format!("{text}.*"), body).expect("regex"))
            }
            "phrase" => parser.parse_query(&format!("\"{text}\"")).expect("query"),
            _ => parser.parse_query(text).expect("query"),
        };
        let (top, _count) = searcher
            .search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))
            .expect("search");
        for (_, address) in top {
            let doc: tantivy::TantivyDocument = searcher.doc(address).expect("doc");
            std::hint::black_box(doc.get_first(title).and_then(|v| v.as_str().map(str::len)));
        }
    })
}

fn sqlite_search(file: &Path, fts: bool) -> Metrics {
    let connection = rusqlite::Connection::open(file).expect("sqlite");
    let runs = if fts { RUNS } else { LIKE_RUNS };
    time_queries(runs, |kind, text| {
        let (count_sql, top_sql, param) = if fts {
            let param = match kind {
                "phrase" => format!("\"{text}\""),
                "prefix" => format!("{text}*"),
                _ => text.to_string(),
            };
            (
                "SELECT count(*) FROM fts WHERE fts MATCH ?1",
                "SELECT rowid, title FROM fts WHERE fts MATCH ?1 ORDER BY bm25(fts) LIMIT 10",
                param,
            )
        } else {
            let pattern = format!(
                "%{}%",
                if kind == "and" {
                    text.replace(' ', "%")
                } else {
                    text.to_string()
                }
            );
            (
                "SELECT count(*) FROM articles WHERE title LIKE ?1 OR body LIKE ?1",
                "SELECT id, title FROM articles WHERE title LIKE ?1 OR body LIKE ?1 LIMIT 10",
                pattern,
            )
        };
        let count: i64 = connection
            .query_row(count_sql, [&param], |row| row.get(0))
            .expect("count");
        let mut statement = connection.prepare_cached(top_sql).expect("prepare");
        let rows: Vec<String> = statement
            .query_map([&param], |row| row.get(1))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        std::hint::black_box((count, rows));
    })
}

/// Related stories for articles spread over the corpus.
fn related(corpus: &Path, dir: &Path) -> Metrics {
    let library = open_library(dir);
    let ids: Vec<String> = records(corpus).map(|r| r.id).collect();
    let step = (ids.len() / RELATED_SAMPLES).max(1);
    let mut times = Vec::new();
    for id in ids.iter().step_by(step) {
        let start = Instant::now();
        let article = library.get(id).expect("get").expect("article exists");
        tidings::related::related(&library, library.countries(), &article, 8).expect("related");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    percentiles(&times)
}

/// Milliseconds from a change to the app to its repainted frame.
fn timed_repaint(
    terminal: &mut Terminal<TestBackend>,
    app: &mut tidings::tui::App,
    change: impl FnOnce(&mut tidings::tui::App),
) -> f64 {
    let start = Instant::now();
    change(app);
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .expect("draw");
    start.elapsed().as_secs_f64() * 1000.0
}

/// Shows the search answers that come until the newest query's first one is shown (none
/// if no search is awaited); says whether that answer had every hit.
fn await_search(
    app: &mut tidings::tui::App,
    answers: &std::sync::mpsc::Receiver<tidings::tui::search_worker::SearchResponse>,
) -> bool {
    let mut complete = true;
    while app.search.pending {
        let answer = answers.recv().expect("the search worker answers");
        complete = answer.complete;
        app.apply_search(answer);
    }
    complete
}

/// Empties the kernel's page cache, as after a reboot: the library is then read from disk.
/// Needs root (writing `/proc/sys/vm/drop_caches`).
fn drop_page_cache() -> std::io::Result<()> {
    // SAFETY: sync takes no arguments and only asks the kernel to write dirty pages out.
    unsafe { libc::sync() };
    std::fs::write("/proc/sys/vm/drop_caches", "1\n")
}

/// The reader: open to first painted frame, then keystroke-to-repaint while typing each
/// query of the query set.
fn reader(dir: &Path) -> Metrics {
    let start = Instant::now();
    let library = tidings::import::open_library(dir, Recognizer::load).expect("library");
    let library = std::sync::Arc::new(library);
    // As in the reader, searches and related stories are answered on workers and arrive
    // as events of their own.
    let (related_tx, related_rx) = std::sync::mpsc::channel();
    let related = tidings::tui::related_worker::spawn(library.clone(), move |answer| {
        related_tx.send(answer).is_ok()
    });
    let (search_tx, search_rx) = std::sync::mpsc::channel();
    let searches = tidings::tui::search_worker::spawn(library.clone(), move |answer| {
        search_tx.send(answer).is_ok()
    });
    let config = tidings::config::Config::default();
    let mut app = tidings::tui::App::with_related_worker(library, config, related).expect("app");
    app.search_in_background(searches);
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("draw");
    let first_frame = start.elapsed().as_secs_f64() * 1000.0;
    // The newest story opens right after the first frame, as in the reader: timed like a
    // keystroke, and given on its own too.
    let first_story = timed_repaint(&mut terminal, &mut app, |app| app.open_first_story());
    let mut times = vec![first_story];
    // As in the reader, the dictionaries and postings are prefetched once the first story
    // is up.
    app.library().prefetch_terms_and_postings();
    // Every query of the query set typed as a user types it: `/`, its words, Esc. A
    // keystroke is timed to the frame that shows its search's first answer; each
    // keystroke's search opens its top hit, and the rest of its hits arrive while the next
    // keys are typed: each arrival repaints, and is timed too. Before Esc the user reads
    // the hits: the last answer is awaited, and the typing has paused long enough for the
    // related stories of the open hit to be asked for (the reader puts them off while a
    // query is typed). Those of the story Esc opens arrive while the next query is typed.
    for (_, text) in queries() {
        let keys = std::iter::once('/').chain(text.chars()).map(KeyCode::Char);
        let mut keys = keys.chain([KeyCode::Esc]).peekable();
        while let Some(key) = keys.next() {
            for answer in related_rx.try_iter() {
                times.push(timed_repaint(&mut terminal, &mut app, |app| {
                    app.apply_related(answer)
                }));
            }
            for answer in search_rx.try_iter() {
                times.push(timed_repaint(&mut terminal, &mut app, |app| {
                    app.apply_search(answer)
                }));
            }
            let event = KeyEvent::new(key, KeyModifiers::NONE);
            let mut complete = true;
            times.push(timed_repaint(&mut terminal, &mut app, |app| {
                app.handle_key(event);
                complete = await_search(app, &search_rx);
            }));
            if keys.peek() == Some(&KeyCode::Esc) {
                if !complete {
                    let rest = search_rx.recv().expect("the rest of the hits");
                    times.push(timed_repaint(&mut terminal, &mut app, |app| {
                        app.apply_search(rest)
                    }));
                }
                // The pause that lets the reader ask for the open hit's related stories,
                // put off while the query was typed; they arrive while the hits are read.
                if let Some(due) = app.related_due() {
                    app.ask_due_related(due);
                    let answer = related_rx.recv().expect("the related stories");
                    times.push(timed_repaint(&mut terminal, &mut app, |app| {
                        app.apply_related(answer)
                    }));
                }
            }
        }
    }
    let first_page_peak = peak_rss_mb();
    // The reader then reads the whole story list in the background: count it too.
    let start = Instant::now();
    let list = app.library().story_entries().expect("the story list");
    let whole_list = start.elapsed().as_secs_f64() * 1000.0;
    app.apply_full_list(Ok(list));
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("draw");
    percentiles(&times)
        .with("repaints", times.len() as f64)
        .with("first_frame_ms", first_frame)
        .with("first_story_ms", first_story)
        .with("whole_list_ms", whole_list)
        .with("first_page_peak_mb", first_page_peak)
        .with("peak_mb", peak_rss_mb())
        .with("anon_mb", anon_rss_mb())
}
