//! The related pane's stories: asked of the worker for the open story, and put off while a
//! search is typed. Each keystroke's search opens its top hit, and looking for the related
//! stories of every hit that flashed past ran beside the next keystroke's search, on the
//! same two cores: at a million articles a related search takes 13 ms (p50), and
//! keystrokes typed while one ran were the slowest. They are asked for once the typing
//! pauses for [`TYPING_PAUSE`] or ends.
use std::time::{Duration, Instant};

use super::App;
use crate::tui::related_pane::RelatedList;
use crate::tui::related_worker::{self, RelatedRequest, RelatedResponse};

/// How long typing must pause before the open story's related stories are looked for:
/// longer than the gap between the keys of a word, shorter than a glance at the hits.
pub const TYPING_PAUSE: Duration = Duration::from_millis(150);

impl App {
    /// Fills the related pane for the open article (related stories, or its thread): on
    /// the worker when there is one, the pane saying so meanwhile; while a search is typed,
    /// once the typing pauses (see [`App::related_due`]).
    pub(super) fn refresh_related(&mut self) {
        let Some(view) = &self.article else { return };
        self.related_generation += 1;
        let request = RelatedRequest {
            generation: self.related_generation,
            article: view.article.clone(),
            copies: view.copies.clone(),
            thread: self.related.thread,
            limit: self.config.reader.related_limit,
        };
        self.related.selected = 0;
        self.deferred_related = None;
        if self.background_related.is_some() && self.search.typing {
            self.related.items.clear();
            self.related.pending = true;
            self.deferred_related = Some(request);
        } else {
            self.ask_related(request);
        }
    }

    /// Asks the worker for the stories of `request`, the pane saying so meanwhile, or
    /// finds them here without one.
    fn ask_related(&mut self, request: RelatedRequest) {
        match &self.background_related {
            Some(worker) if worker.send(request.clone()).is_ok() => {
                self.related.items.clear();
                self.related.pending = true;
            }
            _ => self.apply_related(related_worker::answer(&self.library, &request)),
        }
    }

    /// Empties the related pane when no story is open: stories put off are no longer
    /// asked for, and an answer on its way is for a story no longer open.
    pub(super) fn clear_related(&mut self) {
        self.related_generation += 1;
        self.deferred_related = None;
        self.related = RelatedList::default();
    }

    /// After a key: notes when it was typed into the search bar, or, once the typing is
    /// over, asks for the related stories put off while it went on.
    pub(super) fn follow_typing(&mut self) {
        if self.search.typing {
            self.last_typed = Some(Instant::now());
        } else {
            self.ask_deferred_related();
        }
    }

    /// When the related stories put off while a search is typed are to be asked for, if
    /// any are: [`TYPING_PAUSE`] after the last key typed. The event loop waits until then
    /// and calls [`App::ask_due_related`].
    pub fn related_due(&self) -> Option<Instant> {
        self.deferred_related.as_ref()?;
        Some(
            self.last_typed
                .map_or_else(Instant::now, |typed| typed + TYPING_PAUSE),
        )
    }

    /// Asks for the related stories put off while a search is typed, if they are due at
    /// `now`.
    pub fn ask_due_related(&mut self, now: Instant) {
        if self.related_due().is_some_and(|due| due <= now) {
            self.ask_deferred_related();
        }
    }

    fn ask_deferred_related(&mut self) {
        if let Some(request) = self.deferred_related.take() {
            self.ask_related(request);
        }
    }

    /// Shows the related stories found for the open article (answers for an article no
    /// longer open are dropped).
    pub fn apply_related(&mut self, response: RelatedResponse) {
        if response.generation != self.related_generation {
            return;
        }
        self.related.pending = false;
        self.related.items = response.result.unwrap_or_else(|error| {
            self.message = Some(format!("related stories: {error}"));
            Vec::new()
        });
    }

    /// Ids of the related stories shown (for tests and scripts).
    pub fn related_ids(&self) -> Vec<&str> {
        self.related
            .items
            .iter()
            .map(|r| r.summary.id.as_str())
            .collect()
    }
}
