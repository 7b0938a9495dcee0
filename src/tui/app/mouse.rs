//! The mouse: a click selects a story (and opens a related one) or searches for the
//! person, country or place clicked in the article; the wheel scrolls the pane under the
//! pointer.
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Focus};
use crate::tui::action::Motion;

/// Lines the wheel scrolls an article by.
const WHEEL_LINES: isize = 3;

impl App {
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        if self.overlay.is_some() {
            if let MouseEventKind::Down(_) = event.kind {
                self.overlay = None;
            }
            return;
        }
        let Some(pane) = self.pane_at(event.column, event.row) else {
            return;
        };
        match event.kind {
            MouseEventKind::ScrollDown => self.scroll(pane, 1),
            MouseEventKind::ScrollUp => self.scroll(pane, -1),
            MouseEventKind::Down(MouseButton::Left) => self.click(pane, event.column, event.row),
            _ => {}
        }
    }

    fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        let at = Position::new(column, row);
        [
            (Focus::List, &self.panes.list),
            (Focus::Article, &self.panes.article),
            (Focus::Related, &self.panes.related),
        ]
        .into_iter()
        .find(|(_, area)| area.get().contains(at))
        .map(|(pane, _)| pane)
    }

    fn scroll(&mut self, pane: Focus, direction: isize) {
        self.focus = pane;
        let lines = if pane == Focus::Article {
            WHEEL_LINES
        } else {
            1
        };
        self.move_by(Motion::Step(direction * lines));
    }

    fn click(&mut self, pane: Focus, column: u16, row: u16) {
        self.focus = pane;
        match pane {
            Focus::List => {
                if let Some(index) = self.stories.drawn.get().index_at(column, row) {
                    if index < self.stories.len() {
                        self.stories.selected = index;
                        self.prepare_frame();
                        self.show_selected();
                    }
                }
            }
            Focus::Related => {
                if let Some(index) = self.related.drawn.get().index_at(column, row) {
                    if index < self.related.items.len() {
                        self.related.selected = index;
                        self.open();
                    }
                }
            }
            Focus::Article => {
                let entity = self
                    .article
                    .as_ref()
                    .and_then(|view| view.entity_at(column, row));
                if let Some(query) = entity.map(super::overlays::query_for) {
                    self.focus = Focus::List;
                    self.set_query(query);
                }
            }
        }
    }
}
