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
pub mod related_pane;
mod screen;
pub mod search_bar;
pub mod search_worker;
mod status_bar;
pub mod sync_job;
pub mod theme;

use crossterm::event::{self, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::config::Config;
use crate::library::Library;
pub use app::App;

/// What wakes the event loop.
enum Event {
    Terminal(event::Event),
    Search(search_worker::SearchResponse),
    /// The whole story list, read after the first frame.
    FullList(Result<Vec<crate::library::Summary>, String>),
    Sync(sync_job::SyncUpdate),
}

type Events = std::sync::mpsc::Sender<Event>;

/// Runs the reader until the user quits. `ratatui::init` installs a panic hook that
/// restores the terminal, and the terminal is restored on every other way out too.
pub fn run(library: Library, config: Config, sync: sync_job::SyncCommand) -> anyhow::Result<()> {
    let mut app = App::new(library, config)?;
    let (events, inbox) = std::sync::mpsc::channel();
    let search_events = events.clone();
    app.search_in_background(search_worker::spawn(app.library(), move |answer| {
        search_events.send(Event::Search(answer)).is_ok()
    }));
    if app.needs_full_list() {
        read_full_list(&app, events.clone());
    }
    let loop_events = events.clone();
    std::thread::spawn(move || read_terminal(events));
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app, &inbox, &loop_events, &sync);
    ratatui::restore();
    result
}

/// Reads the whole story list on a thread of its own.
fn read_full_list(app: &App, events: Events) {
    let library = app.library();
    std::thread::spawn(move || {
        // If the reader has quit meanwhile, nobody is listening: nothing to do.
        let _ = events.send(Event::FullList(library.list().map_err(|e| e.to_string())));
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
    sync: &sync_job::SyncCommand,
) -> anyhow::Result<()> {
    terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    while !app.quit {
        let first = inbox.recv()?;
        for event in std::iter::once(first).chain(inbox.try_iter()) {
            match event {
                Event::Terminal(event::Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key)
                }
                Event::Terminal(_) => {}
                Event::Search(answer) => app.apply_search(answer),
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
            sync_job::spawn(sync, move |update| events.send(Event::Sync(update)).is_ok());
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    }
    Ok(())
}
