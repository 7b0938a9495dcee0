//! The daily reader: snapshots at 80x24 and 160x45 in the dark and the mono palette, the
//! help from the keymap, keys from the config, read and starred marks, the mouse, the
//! overlays, and resize storms.
mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tidings::config::Config;
use tidings::tui::overlay::Overlay;
use tidings::tui::theme::{self, Palette, ThemeName};
use tidings::tui::App;

use common::render;

/// The screen as text, one line a row.
fn text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn cell_of<'a>(buffer: &'a Buffer, word: &str) -> Option<&'a ratatui::buffer::Cell> {
    let screen = text(buffer);
    let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains(word))?;
    let x = line[..line.find(word)?].chars().count();
    Some(&buffer[(x as u16, y as u16)])
}

fn press(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn sample_app(dir: &std::path::Path, config: Config) -> App {
    App::new(common::sample_library(dir), config).unwrap()
}

/// The sample reader keeping its read and starred marks in `marks`.
fn sample_app_with_marks(dir: &std::path::Path, marks: &std::path::Path) -> App {
    let reading = tidings::reading::ReadingState::open(marks).unwrap();
    sample_app(dir, Config::default()).with_reading_state(reading)
}

/// The sample in the reader under `palette`, at 160x45 and at 80x24, each screen as `show`
/// writes it.
fn sample_screens(palette: ThemeName, show: fn(&Buffer) -> String) -> [String; 2] {
    theme::use_palette(Palette::named(palette));
    let dir = tempfile::tempdir().unwrap();
    let app = sample_app(dir.path(), Config::default());
    [show(&render(&app, 160, 45)), show(&render(&app, 80, 24))]
}

#[test]
fn snapshots_at_80x24_and_160x45() {
    let [large, small] = sample_screens(ThemeName::Dark, text);
    insta::assert_snapshot!("reader_160x45", large);
    insta::assert_snapshot!("reader_80x24", small);
}

/// The screen as text with each run of styled cells marked by its modifiers, e.g.
/// `{BU:Takaichi}`: in mono, the modifiers are all there is to a style.
fn marked_text(buffer: &Buffer) -> String {
    let marks = |m: Modifier| {
        [
            (Modifier::BOLD, 'B'),
            (Modifier::UNDERLINED, 'U'),
            (Modifier::ITALIC, 'I'),
            (Modifier::REVERSED, 'R'),
            (Modifier::DIM, 'D'),
        ]
        .iter()
        .filter(|(bit, _)| m.contains(*bit))
        .map(|(_, c)| *c)
        .collect::<String>()
    };
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut open = String::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let now = marks(cell.modifier);
            if now != open {
                if !open.is_empty() {
                    out.push('}');
                }
                if !now.is_empty() {
                    out.push_str(&format!("{{{now}:"));
                }
                open = now;
            }
            out.push_str(cell.symbol());
        }
        if !open.is_empty() {
            out.push('}');
        }
        out.push('\n');
    }
    out
}

#[test]
fn snapshots_in_mono_mark_entities_by_modifier() {
    let [large, small] = sample_screens(ThemeName::Mono, marked_text);
    insta::assert_snapshot!("reader_mono_160x45", large);
    insta::assert_snapshot!("reader_mono_80x24", small);
}

#[test]
fn mono_marks_entities_without_colour() {
    // Styles are taken when an article is laid out: choose the palette first, as the reader does.
    theme::use_palette(Palette::named(ThemeName::Mono));
    let dir = tempfile::tempdir().unwrap();
    let app = sample_app(dir.path(), Config::default());
    for (width, height) in [(160, 45), (80, 24)] {
        let buffer = render(&app, width, height);
        assert!(
            buffer
                .content()
                .iter()
                .all(|c| matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset)),
            "a colour in mono at {width}x{height}"
        );
        let person = cell_of(&buffer, "Takaichi").expect("Takaichi on screen");
        assert!(person.modifier.contains(Modifier::BOLD), "person bold");
        let country = cell_of(&buffer, "Japan’s").expect("Japan on screen");
        assert!(
            country.modifier.contains(Modifier::UNDERLINED),
            "country underlined"
        );
    }
    theme::use_palette(Palette::named(ThemeName::Dark));
    let app = sample_app(tempfile::tempdir().unwrap().path(), Config::default());
    let buffer = render(&app, 160, 45);
    assert_ne!(
        cell_of(&buffer, "Takaichi").unwrap().fg,
        Color::Reset,
        "dark has colour"
    );
}

#[test]
fn help_is_the_keymap_and_the_config_can_change_keys() {
    let dir = tempfile::tempdir().unwrap();
    let config: Config = toml::from_str("[keys]\ndown = [\"ctrl-n\"]\nstar = [\"x\"]\n").unwrap();
    let mut app = sample_app(dir.path(), config);
    press(&mut app, '?');
    let Some(Overlay::Help { rows, .. }) = &app.overlay else {
        panic!("no help")
    };
    for (_, name, what) in tidings::tui::action::ACTIONS {
        assert!(
            rows.iter().any(|(_, text)| text == what),
            "{name} missing from the help"
        );
    }
    assert!(rows
        .iter()
        .any(|(keys, text)| keys == "Ctrl-n" && text.starts_with("next row")));
    assert!(text(&render(&app, 160, 45)).contains("star or unstar the story"));
    for (form, _) in tidings::library::query::SYNTAX {
        assert!(
            rows.iter().any(|(keys, _)| keys == form),
            "{form} missing from the help"
        );
    }
    // End scrolls to the last page: the last row at the bottom, the rows before it above.
    press(&mut app, 'G');
    let screen = text(&render(&app, 160, 45));
    assert!(
        screen.contains("date:2025-10..2025-11") && screen.contains("Searching"),
        "{screen}"
    );
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.overlay.is_none(), "Esc closes the help");
    let first = app.stories.selected;
    press(&mut app, 'j');
    assert_eq!(app.stories.selected, first, "j is no longer down");
    app.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    assert_eq!(app.stories.selected, first + 1);
    press(&mut app, 'x');
    assert_eq!(app.message.as_deref(), Some("starred"));
}

#[test]
fn read_and_starred_marks_are_shown_filtered_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let marks = tempfile::tempdir().unwrap();
    let mut app = sample_app_with_marks(dir.path(), marks.path());
    let first = app.stories.rows[0].id.clone();
    assert!(app.is_read(&first), "the story open at start is read");
    let second = app.stories.rows[1].id.clone();
    assert!(!app.is_read(&second));
    let buffer = render(&app, 160, 45);
    let title = &app.stories.rows[1].title[..12];
    assert!(
        cell_of(&buffer, title)
            .unwrap()
            .modifier
            .contains(Modifier::BOLD),
        "unread is bold"
    );
    press(&mut app, 's');
    assert!(text(&render(&app, 160, 45)).contains('★'));
    press(&mut app, 'U');
    assert!(
        app.stories.rows.iter().all(|r| r.id != first),
        "read stories hidden"
    );
    press(&mut app, 'U');
    press(&mut app, '*');
    assert_eq!(app.stories.rows.len(), 1, "only the starred story");
    drop(app);
    let kept = tidings::reading::ReadingState::open(marks.path()).unwrap();
    assert!(kept.is_read(&first) && kept.is_starred(&first));
}

#[test]
fn hits_shown_while_a_search_is_typed_stay_unread_until_enter() {
    let dir = tempfile::tempdir().unwrap();
    let marks = tempfile::tempdir().unwrap();
    let mut app = sample_app_with_marks(dir.path(), marks.path());
    let first = app.stories.rows[0].id.clone();
    let mut shown = Vec::new();
    press(&mut app, '/');
    for c in "Chinese".chars() {
        press(&mut app, c);
        shown.extend(app.stories.selected_id().map(str::to_string));
    }
    let top = shown.last().cloned().unwrap();
    assert!(shown.iter().any(|id| *id != first), "{shown:?}");
    for id in shown.iter().filter(|id| **id != first) {
        assert!(!app.is_read(id), "{id} was only flashed past while typing");
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(
        app.is_read(&top),
        "the hit open when the search is entered is read"
    );
}

#[test]
fn the_mouse_selects_scrolls_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path(), Config::default());
    render(&app, 160, 45);
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The list's second row is on screen line 2 (line 0 is its border).
    app.handle_mouse(mouse(MouseEventKind::Down(MouseButton::Left), 5, 2));
    assert_eq!(app.stories.selected, 1);
    let opened = app.article.as_ref().unwrap().article.id.clone();
    assert_eq!(opened, app.stories.rows[1].id);
    render(&app, 160, 45);
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, 80, 10));
    assert_eq!(
        app.article.as_ref().unwrap().scroll,
        3,
        "the wheel scrolls the article"
    );
    render(&app, 160, 45);
    let related = app.related.items[0].summary.id.clone();
    app.handle_mouse(mouse(MouseEventKind::Down(MouseButton::Left), 140, 1));
    assert_eq!(
        app.article.as_ref().unwrap().article.id,
        related,
        "a click opens a related story"
    );
    // A click on a name in the article searches for that person.
    let buffer = render(&app, 160, 45);
    let screen = text(&buffer);
    let people: Vec<String> = app.article.as_ref().unwrap().article.people();
    let (y, x, name) = screen
        .lines()
        .enumerate()
        .skip(1)
        .find_map(|(y, line)| {
            let name = people.iter().find(|p| line.contains(p.as_str()))?;
            let x = line[..line.find(name.as_str())?].chars().count();
            (48..110).contains(&x).then(|| (y, x, name.clone()))
        })
        .expect("a person's name in the article pane");
    app.handle_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        x as u16 + 1,
        y as u16,
    ));
    assert!(
        app.search.query.starts_with("person:"),
        "{} for {name}",
        app.search.query
    );
}

#[test]
fn story_entities_and_who_and_where_search_what_is_picked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path(), Config::default());
    press(&mut app, 'e');
    let Some(Overlay::Pick { items, .. }) = &app.overlay else {
        panic!("no entity list")
    };
    assert!(
        items.iter().any(|i| i.label == "Sanae Takaichi"),
        "{items:?}"
    );
    assert!(
        items.windows(2).all(|w| w[0].count >= w[1].count),
        "most mentioned first"
    );
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.overlay.is_none());
    assert!(
        app.search.query.starts_with("country:") || app.search.query.starts_with("person:"),
        "{}",
        app.search.query
    );
    press(&mut app, 'W');
    let Some(Overlay::Pick { items, .. }) = &app.overlay else {
        panic!("no who and where")
    };
    let lee = items
        .iter()
        .find(|i| i.label.starts_with("Lee Jae"))
        .expect("Lee in who and where");
    assert_eq!(lee.count, 5, "Lee is named in all five seeds");
    assert_eq!(lee.trend.iter().sum::<u64>(), 3, "three seeds have a date");
    assert!(text(&render(&app, 160, 45)).contains("Who and where"));
}

#[test]
fn resize_storms_and_tiny_screens_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path(), Config::default());
    press(&mut app, 'e');
    for width in (1..=200).step_by(7) {
        for height in (1..=60).step_by(5) {
            render(&app, width, height);
        }
    }
    app.overlay = None;
    for (width, height) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (80, 24),
        (119, 40),
        (120, 40),
        (300, 100),
    ] {
        render(&app, width, height);
    }
}

#[test]
fn s_syncs_in_the_background_and_says_how_far_it_got() {
    use tidings::tui::sync_job::SyncUpdate;
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path(), Config::default());
    press(&mut app, 'S');
    assert!(
        app.take_sync_request(),
        "the event loop is asked to start the sync"
    );
    assert!(!app.take_sync_request(), "once");
    press(&mut app, 'S');
    assert_eq!(app.message.as_deref(), Some("a sync is running"));
    app.message = None; // a message covers the sync's line until the next key
    let progress = SyncUpdate::Progress {
        done: 2,
        total: 5,
        feed: "Local Wire".into(),
    };
    assert!(!app.apply_sync(progress));
    assert!(text(&render(&app, 160, 45)).contains("sync: 2/5 feeds — Local Wire"));
    assert!(
        app.apply_sync(SyncUpdate::Finished(Ok(
            "5 feeds (1 unchanged): imported 3".into()
        ))),
        "the list is read again"
    );
    assert!(text(&render(&app, 160, 45)).contains("sync: 5 feeds (1 unchanged): imported 3"));
    press(&mut app, 'S');
    assert!(
        app.take_sync_request(),
        "a new sync can start once the last is done"
    );
    // The event loop reads the list again after a sync that ran.
    let list = app.library().story_entries().map_err(|e| e.to_string());
    app.apply_full_list(list);
    let failed = SyncUpdate::Finished(Err("no feeds followed yet".into()));
    assert!(
        !app.apply_sync(failed),
        "a failed sync brings nothing to read"
    );
    assert!(!app.needs_full_list(), "the list is still whole");
    assert!(text(&render(&app, 160, 45)).contains("sync failed: no feeds followed yet"));
}
