//! The reader rendered with ratatui's TestBackend: panes, highlight styles, keys.
mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use tidings::config::Config;
use tidings::entities::Kind;
use tidings::tui::related_worker::RelatedResponse;
use tidings::tui::search_worker::{
    answer_in_steps, Generation, SearchRequest, SearchResponse, SEARCH_LIMIT,
};
use tidings::tui::{theme, App};

use common::render;

/// Columns of the article pane at 160 columns.
const ARTICLE_COLUMNS: std::ops::Range<u16> = 48..120;

/// Positions (x, y) where `word` starts on screen.
fn find(buffer: &Buffer, word: &str) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        let row: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        for x in 0..row.len() {
            let text: String = row[x..]
                .iter()
                .take(word.chars().count())
                .copied()
                .collect();
            if text == word {
                found.push((x as u16, y));
            }
        }
    }
    found
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The reader on the sample as a terminal starts it (the list alone, related stories on a
/// worker), and the worker's answers.
fn app_with_related_worker(
    dir: &std::path::Path,
) -> (App, std::sync::mpsc::Receiver<RelatedResponse>) {
    let library = std::sync::Arc::new(common::sample_library(dir));
    let (answers, inbox) = std::sync::mpsc::channel();
    let worker =
        tidings::tui::related_worker::spawn(library.clone(), move |a| answers.send(a).is_ok());
    let app = App::with_related_worker(library, Config::default(), worker).unwrap();
    (app, inbox)
}

fn sample_app(dir: &std::path::Path) -> App {
    App::new(common::sample_library(dir), Config::default()).unwrap()
}

/// The reader on the sample with its searches sent off to be answered, and where they go.
fn app_asking_searches(dir: &std::path::Path) -> (App, std::sync::mpsc::Receiver<SearchRequest>) {
    let mut app = sample_app(dir);
    let (requests, asked) = std::sync::mpsc::channel();
    app.search_in_background(requests);
    (app, asked)
}

#[test]
fn three_panes_with_person_and_country_styles() {
    let dir = tempfile::tempdir().unwrap();
    let app = sample_app(dir.path());
    let buffer = render(&app, 160, 45);
    // Seeds 000 and 001 are one AP story: one row, "+1".
    for title in [" Stories (4) ", " Article ", " Related ", "AP +1"] {
        assert!(!find(&buffer, title).is_empty(), "{title} missing");
    }
    let takaichi = find(&buffer, "Takaichi");
    assert!(!takaichi.is_empty(), "Takaichi is on screen");
    let person = theme::entity(Kind::Person);
    let country = theme::entity(Kind::Country);
    // In the article pane, every "Takaichi" is a person and "Japan" a country.
    let in_article = |(x, _): &(u16, u16)| ARTICLE_COLUMNS.contains(x);
    for (x, y) in takaichi.iter().filter(|p| in_article(p)) {
        assert_eq!(
            buffer[(*x, *y)].fg,
            person.fg.unwrap(),
            "Takaichi at {x},{y}"
        );
        assert!(buffer[(*x, *y)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD));
    }
    let japan: Vec<_> = find(&buffer, "Japan")
        .into_iter()
        .filter(in_article)
        .collect();
    assert!(!japan.is_empty());
    for (x, y) in japan {
        assert_eq!(buffer[(x, y)].fg, country.fg.unwrap(), "Japan at {x},{y}");
    }
    assert!(!find(&buffer, "■ person").is_empty(), "the legend is shown");
}

#[test]
fn search_as_you_type_narrows_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "/Ishi");
    assert_eq!(
        app.stories.rows.len(),
        3,
        "a word being typed matches as a prefix"
    );
    press(&mut app, "ba Takaic");
    assert_eq!(
        app.stories.rows.len(),
        0,
        "Ishiba and Takaichi never meet in one seed"
    );
    key(&mut app, KeyCode::Esc);
    press(&mut app, "/Takai");
    assert_eq!(app.stories.rows.len(), 1);
    press(&mut app, "chi");
    assert_eq!(
        app.stories.rows.len(),
        1,
        "the two copies of the AP story are one row"
    );
    assert_eq!(app.stories.rows[0].copies, 1);
    let buffer = render(&app, 160, 45);
    assert!(!find(&buffer, "2 matching").is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.stories.rows.len(), 4);
}

#[test]
fn a_last_word_too_short_to_complete_is_searched_once_the_search_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "/Takaichi z");
    assert_eq!(
        app.stories.rows.len(),
        1,
        "the hits stay while a word begins"
    );
    press(&mut app, "q");
    assert_eq!(app.stories.rows.len(), 1);
    assert!(!find(&render(&app, 160, 45), "2 matching").is_empty());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.stories.rows.len(), 0, "no seed holds the word \"zq\"");
    let buffer = render(&app, 160, 45);
    assert!(!find(&buffer, "0 matching").is_empty());
    assert!(
        !find(&buffer, "no story matches the search").is_empty(),
        "the empty article pane says why"
    );
    assert!(find(&buffer, "no related stories").is_empty());
    key(&mut app, KeyCode::Esc);
    press(&mut app, "/zq");
    assert_eq!(app.stories.rows.len(), 4, "a word alone waits too");
    assert!(!find(&render(&app, 160, 45), "a third letter or Enter searches").is_empty());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.stories.rows.len(), 0);
}

#[test]
fn esc_read_with_the_next_key_as_alt_is_both_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "/Takaichi");
    app.handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::ALT));
    assert_eq!(
        app.search.query, "",
        "Esc ended the search and / began the next"
    );
    assert!(app.search.typing);
    press(&mut app, "Ishiba");
    assert_eq!(app.search.query, "Ishiba");
}

#[test]
fn a_bad_query_says_why_and_keeps_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "/Takaichi \"open");
    assert_eq!(app.stories.rows.len(), 1, "previous results stay");
    assert!(!find(&render(&app, 160, 45), "unbalanced quote").is_empty());
}

#[test]
fn enter_on_a_related_story_opens_it_and_backspace_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    let first = app.article.as_ref().unwrap().article.id.clone();
    key(&mut app, KeyCode::Tab);
    press(&mut app, "jjj");
    let scroll = app.article.as_ref().unwrap().scroll;
    assert!(scroll > 0, "the article scrolled");
    key(&mut app, KeyCode::Tab);
    let target = app.related_ids()[0].to_string();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.article.as_ref().unwrap().article.id, target);
    assert!(
        !app.related_ids().contains(&target.as_str()),
        "an article is never related to itself"
    );
    key(&mut app, KeyCode::Backspace);
    let view = app.article.as_ref().unwrap();
    assert_eq!(
        (view.article.id.as_str(), view.scroll),
        (first.as_str(), scroll)
    );
    press(&mut app, "L");
    assert_eq!(
        app.article.as_ref().unwrap().article.id,
        target,
        "forward returns to the related story"
    );
    press(&mut app, "H");
    assert_eq!(app.article.as_ref().unwrap().article.id, first);
}

#[test]
fn t_shows_the_story_thread_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "t");
    assert!(app.related.thread);
    let dates: Vec<Option<String>> = app
        .related
        .items
        .iter()
        .map(|r| r.summary.date.clone())
        .collect();
    let dated: Vec<&String> = dates.iter().flatten().collect();
    assert!(
        dated.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {dates:?}"
    );
    assert!(
        dates
            .iter()
            .skip_while(|d| d.is_some())
            .all(Option::is_none),
        "undated last: {dates:?}"
    );
    assert!(app.related.items.iter().any(|r| r.reason == "this story"));
    assert!(!find(&render(&app, 160, 45), " Thread (oldest first) ").is_empty());
}

#[test]
fn q_quits_and_small_screens_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    for (w, h) in [(1, 1), (10, 3), (40, 10), (80, 24), (119, 30), (200, 60)] {
        render(&app, w, h);
    }
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn matches_are_marked_and_n_moves_between_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "/Takaichi");
    key(&mut app, KeyCode::Enter);
    press(&mut app, "n");
    let message = app.message.clone().unwrap();
    assert!(message.starts_with("match 2 of "), "{message}");
    let buffer = render(&app, 160, 45);
    assert!(
        underlined_in_article(&buffer, "Takaichi") > 0,
        "the matches are underlined in the article"
    );
    press(&mut app, "N");
    assert!(app.message.clone().unwrap().starts_with("match 1 of "));
}

#[test]
fn a_hit_opens_with_its_title_in_view_when_its_first_match_is_on_the_first_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    render(&app, 160, 45);
    // The first hit names Takaichi in its opening sentence.
    press(&mut app, "/Takaichi");
    key(&mut app, KeyCode::Enter);
    let title: String = app.article.as_ref().unwrap().article.title.clone();
    let buffer = render(&app, 160, 45);
    let top_row: String = ARTICLE_COLUMNS
        .map(|x| buffer[(x, 1)].symbol().to_string())
        .collect();
    let opening: String = title.chars().take(30).collect();
    let top_row = top_row.trim_start_matches('│');
    assert!(
        top_row.starts_with(&opening),
        "{top_row:?} is not {title:?}"
    );
}

#[test]
fn an_entity_under_the_cursor_is_searched_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    // Move the cursor until it is on a person, then search for them.
    for _ in 0..50 {
        press(&mut app, "]");
        if app
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("person "))
        {
            break;
        }
    }
    let message = app.message.clone().unwrap();
    let name = message
        .strip_prefix("person ")
        .and_then(|m| m.split(" — ").next())
        .expect("a person in the first article")
        .to_string();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.query, format!("person:\"{name}\""));
    assert!(
        !app.stories.rows.is_empty(),
        "the person's stories are listed"
    );
}

#[test]
fn hits_show_a_snippet_and_facets_that_narrow_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    press(&mut app, "/summit");
    key(&mut app, KeyCode::Enter);
    let before = app.search.total.unwrap();
    let buffer = render(&app, 160, 45);
    let matched = find(&buffer, "summit")
        .into_iter()
        .filter(|&(x, y)| {
            x < ARTICLE_COLUMNS.start
                && buffer[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count();
    assert!(
        matched > 0,
        "the snippets under the hits mark the matched word"
    );
    assert!(
        !app.facets.items.is_empty(),
        "people and countries of the hits are offered"
    );
    let first = app.facets.items[0].clone();
    assert!(
        first.clause.starts_with("person:"),
        "people come first: {first:?}"
    );
    assert!(
        !find(&buffer, &format!("{} {}", first.label, first.count)).is_empty(),
        "the facet bar shows it with its count"
    );
    press(&mut app, "f+");
    assert_eq!(app.search.query, format!("{} summit", first.clause));
    assert_eq!(
        app.search.total,
        Some(first.count),
        "narrowed to the hits naming {}",
        first.label
    );
    assert!(app.search.total.unwrap() <= before);
}

#[test]
fn b_shows_the_lines_removed_as_boilerplate() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    let removed = app.article.as_ref().unwrap().article.removed.clone();
    assert!(!removed.is_empty(), "the newest seed has page chrome");
    press(&mut app, "b");
    assert!(app
        .message
        .clone()
        .unwrap()
        .ends_with("removed lines shown at the end"));
    let buffer = render(&app, 160, 45);
    assert!(!find(&buffer, "removed as page boilerplate").is_empty());
    press(&mut app, "b");
    assert!(find(&render(&app, 160, 45), "removed as page boilerplate").is_empty());
}

#[test]
fn a_large_library_paints_the_newest_page_first_and_takes_the_rest_later() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.jsonl");
    let lines: Vec<String> = (0..600)
        .map(|i| serde_json::json!({"id": format!("n{i}"), "title": format!("Story number {i}"), "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28), "source": "Wire", "body": format!("Body of story {i} about trade and prices, with figure {i}.")}).to_string())
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let recognizer = tidings::entities::Recognizer::load();
    let mut library =
        tidings::import::open_library(&dir.path().join("lib"), || &recognizer).unwrap();
    tidings::import::import_paths(&mut library, &recognizer, &[file], None, Default::default())
        .unwrap();
    let mut app = App::new(library, Config::default()).unwrap();
    assert_eq!(app.stories.rows.len(), tidings::tui::app::FIRST_PAGE);
    assert!(app.needs_full_list());
    assert!(!find(&render(&app, 160, 45), "reading the rest").is_empty());
    press(&mut app, "jj");
    let selected = app.stories.selected_id().unwrap().to_string();
    let rest = app.library().story_entries().map_err(|e| e.to_string());
    app.apply_full_list(rest);
    assert_eq!(app.stories.len(), 600);
    assert!(
        app.stories.rows.len() < 600,
        "only a window of rows is read"
    );
    assert!(!app.needs_full_list());
    assert_eq!(
        app.stories.selected_id(),
        Some(selected.as_str()),
        "the selection stays"
    );
    // The end of the list is read when the selection gets there.
    press(&mut app, "G");
    assert_eq!(app.stories.selected, 599);
    let last = app
        .stories
        .selected_id()
        .expect("the last row is read")
        .to_string();
    assert_eq!(app.article.as_ref().unwrap().article.id, last);
    let screen = render(&app, 160, 45);
    assert!(find(&screen, "…").len() < 3, "no unread rows on screen");
    // Filters work on the paged list: every story opened so far is read.
    press(&mut app, "U");
    assert_eq!(app.stories.len(), 600 - 4, "the stories opened are hidden");
}

#[test]
fn related_stories_found_on_a_worker_fill_the_pane_when_they_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, inbox) = app_with_related_worker(dir.path());
    app.open_first_story();
    press(&mut app, "j");
    assert!(
        app.related.pending && app.related.items.is_empty(),
        "the keystroke does not wait for related stories"
    );
    let rendered = render(&app, 160, 45);
    assert!(!find(&rendered, "finding related stories").is_empty());
    press(&mut app, "j");
    // An answer for the story left behind is dropped (the worker may skip it altogether);
    // the one for the open story fills the pane.
    while app.related.pending {
        let answer = inbox
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("an answer");
        app.apply_related(answer);
    }
    assert!(!app.related.pending);
    let open = app.article.as_ref().unwrap().article.id.clone();
    assert!(!app.related_ids().is_empty() && !app.related_ids().contains(&open.as_str()));
}

/// The reader on the sample with its related stories asked of a worker, and where the
/// requests go.
fn app_asking_related(
    dir: &std::path::Path,
) -> (
    App,
    std::sync::mpsc::Receiver<tidings::tui::related_worker::RelatedRequest>,
) {
    let (requests, asked) = std::sync::mpsc::channel();
    let app = App::with_related_worker(
        std::sync::Arc::new(common::sample_library(dir)),
        Config::default(),
        requests,
    )
    .unwrap();
    (app, asked)
}

/// The reader on the sample, the first story's related stories asked for and `/Japan`
/// typed after it: the request for the first story, and where the next ones go.
fn typing_japan(
    dir: &std::path::Path,
) -> (
    App,
    std::sync::mpsc::Receiver<tidings::tui::related_worker::RelatedRequest>,
    tidings::tui::related_worker::RelatedRequest,
) {
    let (mut app, asked) = app_asking_related(dir);
    app.open_first_story();
    let first = asked
        .try_recv()
        .expect("the first story's related stories are asked for");
    press(&mut app, "/Japan");
    (app, asked, first)
}

#[test]
fn related_stories_of_the_hits_typed_past_are_asked_for_once_the_typing_pauses() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, asked, first) = typing_japan(dir.path());
    let open = app.article.as_ref().unwrap().article.id.clone();
    assert_ne!(open, first.article.id, "the search opened its top hit");
    assert!(app.related.pending);
    assert!(asked.try_recv().is_err(), "nothing is asked while typing");
    let due = app
        .related_due()
        .expect("the open story's stories are put off");
    app.ask_due_related(due - std::time::Duration::from_millis(1));
    assert!(
        asked.try_recv().is_err(),
        "nor before the typing has paused"
    );
    app.ask_due_related(due);
    let request = asked.try_recv().expect("asked for once the typing paused");
    assert_eq!(request.article.id, open);
    assert_eq!(app.related_due(), None);
    assert!(asked.try_recv().is_err(), "asked for once");
}

#[test]
fn related_stories_of_a_story_typed_past_are_not_asked_for_once_no_story_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, asked, _) = typing_japan(dir.path());
    assert!(app.related_due().is_some(), "the top hit's are put off");
    press(&mut app, "qqqq");
    assert!(app.article.is_none(), "no hit, no story open");
    assert_eq!(app.related_due(), None, "nothing to ask for");
    key(&mut app, KeyCode::Enter);
    assert!(asked.try_recv().is_err(), "nothing asked for");
    assert!(!app.related.pending && app.related.items.is_empty());
}

#[test]
fn a_late_answer_for_a_story_no_longer_open_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, asked) = app_asking_related(dir.path());
    app.open_first_story();
    for _ in 1..app.stories.len() {
        press(&mut app, "j");
    }
    let last = asked
        .try_iter()
        .last()
        .expect("the last story's are asked for");
    press(&mut app, "U");
    assert!(app.article.is_none(), "every story is read, and hidden");
    let late = tidings::tui::related_worker::answer(&app.library(), &last);
    assert!(late.result.as_ref().is_ok_and(|r| !r.is_empty()));
    app.apply_related(late);
    assert!(app.related_ids().is_empty(), "the late answer is dropped");
}

#[test]
fn ending_the_search_asks_for_the_related_stories_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, asked, _) = typing_japan(dir.path());
    assert!(asked.try_recv().is_err(), "nothing is asked while typing");
    key(&mut app, KeyCode::Enter);
    let request = asked.try_recv().expect("asked for as the typing ends");
    assert_eq!(request.article.id, app.article.as_ref().unwrap().article.id);
    assert_eq!(app.related_due(), None);
}

#[test]
fn the_reader_paints_the_list_first_and_then_opens_the_newest_story() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, inbox) = app_with_related_worker(dir.path());
    assert!(
        app.article.is_none(),
        "nothing but the list is read for the first frame"
    );
    let first = render(&app, 160, 45);
    assert!(
        !find(&first, "AP +1").is_empty(),
        "the list is on the first frame"
    );
    app.open_first_story();
    let newest = app.stories.selected_id().unwrap().to_string();
    assert_eq!(app.article.as_ref().unwrap().article.id, newest);
    assert!(
        app.related.pending,
        "related stories are left to the worker"
    );
    let answer = inbox
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("an answer");
    app.apply_related(answer);
    assert!(!app.related_ids().is_empty());
    assert!(!find(&render(&app, 160, 45), "Takaichi").is_empty());
}

/// Positions in the article pane where `word` is on screen underlined, as a match is.
fn underlined_in_article(buffer: &Buffer, word: &str) -> usize {
    find(buffer, word)
        .into_iter()
        .filter(|&(x, y)| {
            ARTICLE_COLUMNS.contains(&x)
                && buffer[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count()
}

#[test]
fn while_a_search_runs_the_article_keeps_the_marks_of_the_list_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, asked) = app_asking_searches(dir.path());
    let answer_last = |app: &mut App| {
        let last = asked.try_iter().last().expect("a search was asked for");
        let answer = tidings::tui::search_worker::answer(&app.library(), &last);
        app.apply_search(answer);
    };
    press(&mut app, "/Trump");
    answer_last(&mut app);
    press(&mut app, " Japan");
    key(&mut app, KeyCode::Enter);
    // The next story opens before the search for "Trump Japan" has answered.
    key(&mut app, KeyCode::Down);
    let buffer = render(&app, 160, 45);
    // The list is still that of "Trump": so are the marks. The last word's completions
    // are not known yet, and marking the words typed would mark what the list was not
    // searched for.
    assert!(underlined_in_article(&buffer, "Trump") > 0);
    assert_eq!(
        underlined_in_article(&buffer, "Japan"),
        0,
        "not searched yet"
    );
    answer_last(&mut app);
    let buffer = render(&app, 160, 45);
    assert!(underlined_in_article(&buffer, "Japan") > 0, "searched now");
}

/// A request for `query` as the reader sends it, the newest so far; the screen shows
/// `first` hits.
fn newest_request(query: &str, first: usize) -> SearchRequest {
    let newest = Generation::default();
    SearchRequest {
        generation: newest.advance(),
        query: query.into(),
        first,
        by_date: false,
        newest,
    }
}

/// The answers a search worker posts for `request`; `on_post` runs as each is posted.
fn answers_in_steps(
    library: &tidings::library::Library,
    request: &SearchRequest,
    on_post: impl Fn(),
) -> Vec<SearchResponse> {
    let posted = std::cell::RefCell::new(Vec::new());
    assert!(answer_in_steps(library, request, &|answer| {
        posted.borrow_mut().push(answer);
        on_post();
        true
    }));
    posted.into_inner()
}

fn ids(hits: &[tidings::library::Hit]) -> Vec<String> {
    hits.iter().map(|h| h.summary.id.clone()).collect()
}

fn hit_ids(answer: &SearchResponse) -> Vec<String> {
    ids(&answer.result.as_ref().expect("hits").hits)
}

#[test]
fn a_search_answers_the_hits_on_screen_first_then_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let library = common::sample_library(dir.path());
    let whole = library.search_as_you_type("Japan", SEARCH_LIMIT).unwrap();
    assert!(whole.hits.len() > 2, "every sample story names Japan");
    let whole_ids = ids(&whole.hits);
    let posted = answers_in_steps(&library, &newest_request("Japan", 2), || {});
    assert_eq!(posted.len(), 2, "the screen's hits, then all of them");
    assert!(!posted[0].complete && posted[1].complete);
    assert_eq!(hit_ids(&posted[0]), whole_ids[..2]);
    assert_eq!(hit_ids(&posted[1]), whole_ids);
    for answer in &posted {
        assert_eq!(answer.result.as_ref().unwrap().total, whole.total);
    }
}

#[test]
fn a_search_overtaken_by_a_newer_query_stops_after_its_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let library = common::sample_library(dir.path());
    let request = newest_request("Japan", 2);
    // The user types on as the first answer arrives.
    let posted = answers_in_steps(&library, &request, || {
        request.newest.advance();
    });
    assert_eq!(posted.len(), 1, "the rest is left unread");
}

#[test]
fn the_rest_of_the_hits_fill_the_list_and_leave_the_open_story_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, asked) = app_asking_searches(dir.path());
    press(&mut app, "/Japan");
    let request = asked.try_iter().last().expect("a search was asked for");
    let request = SearchRequest {
        first: 1,
        ..request
    };
    let mut posted = answers_in_steps(&app.library(), &request, || {}).into_iter();
    app.apply_search(posted.next().unwrap());
    let open = app.article.as_ref().map(|v| v.article.id.clone());
    let rows = app.stories.len();
    assert!(open.is_some() && !app.search.pending);
    app.apply_search(posted.next().unwrap());
    assert!(
        app.stories.len() > rows,
        "{} rows, then {rows}",
        app.stories.len()
    );
    assert_eq!(app.article.as_ref().map(|v| v.article.id.clone()), open);
}

#[test]
fn hits_sorted_by_date_answer_the_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let library = common::sample_library(dir.path());
    let mut whole = library
        .search_as_you_type("Japan", SEARCH_LIMIT)
        .unwrap()
        .hits;
    whole.sort_by(|a, b| b.summary.date.cmp(&a.summary.date));
    let newest = ids(&whole[..2]);
    assert_ne!(
        whole[0].summary.date, whole[1].summary.date,
        "two dates apart"
    );
    let request = SearchRequest {
        by_date: true,
        ..newest_request("Japan", 2)
    };
    let posted = answers_in_steps(&library, &request, || {});
    assert_eq!(hit_ids(&posted[0]), newest);
}

#[test]
fn r_lists_the_hits_of_a_search_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    // A story's row is its first copy in the list's order: rows are told apart by story.
    let stories =
        |app: &App| -> Vec<String> { app.stories.rows.iter().map(|r| r.story.clone()).collect() };
    press(&mut app, "/Japan");
    let by_relevance = stories(&app);
    key(&mut app, KeyCode::Esc);
    press(&mut app, "r/Japan");
    let by_date = stories(&app);
    let dates: Vec<Option<String>> = app.stories.rows.iter().map(|r| r.date.clone()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let mut same_stories = by_relevance.clone();
    same_stories.sort();
    let mut sorted = by_date.clone();
    sorted.sort();
    assert_eq!(same_stories, sorted, "the same stories");
    assert_ne!(by_relevance, by_date, "in another order");
}
