//! The terminal reader: app state ([`app`]), keymap ([`keymap`]), one file per pane,
//! and the event loop here. Only this module touches the terminal.
pub mod action;
pub mod app;
pub mod article_pane;
mod fit;
pub mod highlight;
pub mod history;
pub mod keymap;
pub mod list_pane;
pub mod related_pane;
mod screen;
pub mod search_bar;
mod status_bar;
pub mod theme;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::config::Config;
use crate::library::Library;
pub use app::App;

/// Runs the reader until the user quits. `ratatui::init` installs a panic hook that
/// restores the terminal, and the terminal is restored on every other way out too.
pub fn run(library: Library, config: Config) -> anyhow::Result<()> {
    let mut app = App::new(library, config)?;
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

/// Blocks on terminal events and redraws only after one changed something.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    while !app.quit {
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
            Event::Resize(..) => {}
            _ => continue,
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    }
    Ok(())
}
