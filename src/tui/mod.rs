//! The terminal reader: app state ([`app`]), keymap ([`keymap`]), one file per pane,
//! and the event loop here. Only this module touches the terminal.
pub mod action;
pub mod app;
pub mod article_pane;
pub mod facet_bar;
mod fit;
pub mod highlight;
pub mod history;
pub mod keymap;
pub mod list_pane;
pub mod mouse;
pub mod overlay;
pub mod related_pane;
pub mod related_worker;
mod screen;
pub mod search_bar;
pub mod search_worker;
mod status_bar;
pub mod sync_job;
pub mod theme;
mod worker;

use std::sync::Arc;

use crossterm::event::{self, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::config::{Config, Paths};
use crate::library::Library;
use crate::reading::ReadingState;
pub use app::App;
use theme::{Palette, ThemeName};

/// What wakes the event loop.
enum Event {
    Terminal(event::Event),
    Search(search_worker::SearchResponse),
    Related(related_worker::RelatedResponse),
    /// The whole story list, read after the first frame.
    FullList(Result<Vec<crate::library::ListEntry>, String>),
    Sync(sync_job::SyncUpdate),
    /// SIGTERM or SIGHUP: leave the way `q` does, restoring the terminal.
    Terminate,
}

type Events = std::sync::mpsc::Sender<Event>;

/// Runs the reader until the user quits. `ratatui::init` installs a panic hook that
/// restores the terminal, and the terminal is restored on every other way out too.
pub fn run(
    library: Library,
    config: Config,
    paths: &Paths,
    notice: Option<String>,
) -> anyhow::Result<()> {
    let palette = config
        .theme
        .palette(crate::config::no_color())
        .unwrap_or_else(|_| Palette::named(ThemeName::Dark));
    theme::use_palette(palette);
    let reading = ReadingState::open(&paths.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot open the reading marks in '{}': {e}",
            paths.data_dir.display()
        )
    })?;
    let library = Arc::new(library);
    let (events, inbox) = std::sync::mpsc::channel();
    let related_events = events.clone();
    let related = related_worker::spawn(Arc::clone(&library), move |answer| {
        related_events.send(Event::Related(answer)).is_ok()
    });
    let mut app = App::with_related_worker(library, config, related)?.with_reading_state(reading);
    app.message = notice;
    let search_events = events.clone();
    app.search_in_background(search_worker::spawn(app.library(), move |answer| {
        search_events.send(Event::Search(answer)).is_ok()
    }));
    let loop_events = events.clone();
    forward_signals(events.clone());
    std::thread::spawn(move || read_terminal(events));
    let mut terminal = ratatui::init();
    set_mouse(true);
    let result = event_loop(&mut terminal, &mut app, &inbox, &loop_events, paths);
    set_mouse(false);
    ratatui::restore();
    result
}

/// Mouse reports on or off. ratatui's restore does not turn them off, so the panic hook
/// installed here does, before ratatui's own restores the rest.
fn set_mouse(on: bool) {
    use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    static HOOK: std::sync::Once = std::sync::Once::new();
    if on {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
                previous(info);
            }));
        });
        let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    } else {
        let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    }
}

/// Turns SIGTERM and SIGHUP into a quit, so the terminal is restored when the reader is
/// killed politely or its terminal goes away.
fn forward_signals(events: Events) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = events.send(Event::Terminate);
        }
    });
}

/// What is read in the background once the first frame and the first story are up, and
/// not before: with the library out of the page cache, these reads queued before their own
/// (at a million articles, 81–93 ms to the first frame with the postings prefetch started
/// first, 44–56 ms without; then 67–78 ms to open the newest story with the prefetch
/// started before it, 7–12 ms without).
fn start_background_reads(app: &App, events: &Events) {
    app.library().prefetch_terms_and_postings();
    if app.needs_full_list() {
        read_full_list(app, events.clone());
    }
}

/// Reads the whole story list on a thread of its own.
fn read_full_list(app: &App, events: Events) {
    let library = app.library();
    std::thread::spawn(move || {
        worker::lower_this_threads_priority();
        // If the reader has quit meanwhile, nobody is listening: nothing to do.
        let _ = events.send(Event::FullList(
            library.story_entries().map_err(|e| e.to_string()),
        ));
    });
}

/// Forwards terminal events to the loop until it stops listening.
fn read_terminal(events: std::sync::mpsc::Sender<Event>) {
    while let Ok(event) = event::read() {
        if events.send(Event::Terminal(event)).is_err() {
            break;
        }
    }
}

/// Blocks until something happens, handles everything that is waiting, then draws once.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    inbox: &std::sync::mpsc::Receiver<Event>,
    events: &Events,
    paths: &Paths,
) -> anyhow::Result<()> {
    paint(terminal, app)?;
    app.open_first_story();
    paint(terminal, app)?;
    start_background_reads(app, events);
    while !app.quit {
        let Some(first) = next_event(app, inbox)? else {
            continue;
        };
        for event in std::iter::once(first).chain(inbox.try_iter()) {
            match event {
                Event::Terminal(event::Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key)
                }
                Event::Terminal(event::Event::Mouse(mouse)) => app.handle_mouse(mouse),
                Event::Terminate => app.quit = true,
                Event::Terminal(_) => {}
                Event::Search(answer) => app.apply_search(answer),
                Event::Related(answer) => app.apply_related(answer),
                Event::FullList(rows) => app.apply_full_list(rows),
                Event::Sync(update) => {
                    if app.apply_sync(update) {
                        read_full_list(app, events.clone());
                    }
                }
            }
        }
        if app.take_sync_request() {
            let events = events.clone();
            sync_job::spawn(paths, move |update| {
                events.send(Event::Sync(update)).is_ok()
            });
        }
        if let Some(text) = app.take_clipboard() {
            use std::io::Write;
            let mut out = std::io::stdout();
            out.write_all(app::reading::osc52(&text).as_bytes())?;
            out.flush()?;
        }
        paint(terminal, app)?;
    }
    Ok(())
}

/// Waits for the next event; `None` when the related stories put off while a search was
/// typed came due first, and were asked for (nothing on screen changes then).
fn next_event(
    app: &mut App,
    inbox: &std::sync::mpsc::Receiver<Event>,
) -> anyhow::Result<Option<Event>> {
    use std::sync::mpsc::RecvTimeoutError;
    let Some(due) = app.related_due() else {
        return Ok(Some(inbox.recv()?));
    };
    match inbox.recv_timeout(due.saturating_duration_since(std::time::Instant::now())) {
        Ok(event) => Ok(Some(event)),
        Err(RecvTimeoutError::Timeout) => {
            app.ask_due_related(std::time::Instant::now());
            Ok(None)
        }
        Err(RecvTimeoutError::Disconnected) => Err(RecvTimeoutError::Disconnected.into()),
    }
}

fn paint(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    app.prepare_frame();
    terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    Ok(())
}
