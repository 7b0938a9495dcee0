//! The reader's state and how actions change it. No terminal code here: the event loop
//! (`super::run`) feeds keys in, and `super::screen` draws from a shared borrow.
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod mouse;
mod overlays;
pub mod reading;
mod related;

use super::action::{Action, Motion};
use super::article_pane::ArticleView;
use super::facet_bar::FacetBar;
use super::history::{History, Visit};
use super::keymap::Keymap;
use super::list_pane::{snippet_line, StoryList};
use super::overlay::Overlay;
use super::related_pane::RelatedList;
use super::related_worker::RelatedRequest;
use super::search_bar::SearchBar;
use super::search_worker::{self, Generation, SearchRequest, SearchResponse};
use super::sync_job::SyncUpdate;
use crate::config::Config;
use crate::library::{Library, ListEntry, Summary};
use crate::reading::ReadingState;
use reading::ListFilter;

/// Stories read before the first frame is painted.
pub const FIRST_PAGE: usize = 500;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Article,
    Related,
}

pub struct App {
    library: Arc<Library>,
    config: Config,
    /// False while only the first page of the story list is loaded.
    list_complete: bool,
    /// Numbers the queries sent, so late answers to older ones are dropped (and a worker
    /// stops reading hits for them).
    search_generation: Generation,
    /// Where searches go when they run off this thread.
    background_search: Option<Sender<SearchRequest>>,
    /// Numbers the related-story requests, so answers for an article left are dropped.
    related_generation: u64,
    background_related: Option<Sender<RelatedRequest>>,
    /// The related stories of the story opened while a search is typed, asked for once
    /// the typing pauses (see [`related`]).
    deferred_related: Option<RelatedRequest>,
    /// When the last key was typed into the search bar.
    last_typed: Option<Instant>,
    /// Every story, newest first; the list shows these when no search is active.
    first_page: Vec<Summary>,
    /// Every story, newest first, once read (cheaply, from fast fields): the list is paged
    /// through these.
    entries: Option<Vec<ListEntry>>,
    pub focus: Focus,
    pub stories: StoryList,
    pub article: Option<ArticleView>,
    pub related: RelatedList,
    pub search: SearchBar,
    pub facets: FacetBar,
    history: History,
    keymap: Keymap,
    reading: ReadingState,
    filter: ListFilter,
    /// Search hits newest first instead of best first.
    sort_by_date: bool,
    /// The window open over the panes, if any.
    pub overlay: Option<Overlay>,
    /// A link to put on the clipboard: the event loop writes it to the terminal.
    clipboard: Option<String>,
    /// Where the panes were drawn, for the mouse.
    pub(crate) panes: crate::tui::mouse::PaneAreas,
    pub message: Option<String>,
    /// What the running (or the last) sync of the feeds says.
    pub sync_status: Option<String>,
    /// Set by the sync key; the event loop starts the sync, which needs its channel.
    sync_requested: bool,
    syncing: bool,
    pub quit: bool,
}

/// A terminal sends Esc and a key typed right after it as that key with Alt, and
/// crossterm reads them as one: in the search bar, where Alt means nothing, they are the
/// two keys typed (Esc to end the search, "/" to begin the next one).
fn esc_then_key(key: KeyEvent) -> Option<(KeyEvent, KeyEvent)> {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let after = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
    (alt && matches!(key.code, KeyCode::Char(_))).then(|| (KeyEvent::from(KeyCode::Esc), after))
}

impl App {
    /// The reader on `library`, the newest story open, its related stories found here.
    /// The first screen reads only the newest [`FIRST_PAGE`] stories; in a larger library
    /// the rest arrives through [`App::apply_full_list`] (see [`App::needs_full_list`]).
    pub fn new(library: impl Into<Arc<Library>>, config: Config) -> anyhow::Result<App> {
        let mut app = App::build(library.into(), config, None)?;
        app.show_selected();
        Ok(app)
    }

    /// The reader as it starts in a terminal: the first frame shows the list alone, and
    /// [`App::open_first_story`] opens the newest story once it is painted; related stories
    /// are found on a worker. At a million articles out of the page cache, the story's
    /// same-story copies took 85 ms to read and its related stories 400 ms.
    pub fn with_related_worker(
        library: Arc<Library>,
        config: Config,
        worker: Sender<RelatedRequest>,
    ) -> anyhow::Result<App> {
        App::build(library, config, Some(worker))
    }

    /// Opens the selected story if none is open yet (see [`App::with_related_worker`]).
    pub fn open_first_story(&mut self) {
        if self.article.is_none() {
            self.show_selected();
        }
    }

    fn build(
        library: Arc<Library>,
        config: Config,
        background_related: Option<Sender<RelatedRequest>>,
    ) -> anyhow::Result<App> {
        let first_page = crate::library::fold_copies(library.newest(FIRST_PAGE)?);
        let list_complete = library.len() as usize <= FIRST_PAGE;
        // A small library's whole list costs nothing to read now.
        let entries = if list_complete {
            Some(library.story_entries()?)
        } else {
            None
        };
        // The config was checked when it was read; a keymap it cannot make is the default.
        let keymap = Keymap::with_overrides(&config.keys).unwrap_or_default();
        Ok(App {
            list_complete,
            library,
            search_generation: Generation::default(),
            background_search: None,
            related_generation: 0,
            background_related,
            deferred_related: None,
            last_typed: None,
            config,
            stories: StoryList::new(first_page.clone()),
            first_page,
            entries,
            focus: Focus::List,
            article: None,
            related: RelatedList::default(),
            search: SearchBar::default(),
            facets: FacetBar::default(),
            history: History::default(),
            keymap,
            reading: ReadingState::default(),
            filter: ListFilter::default(),
            sort_by_date: false,
            overlay: None,
            clipboard: None,
            panes: Default::default(),
            message: None,
            sync_status: None,
            sync_requested: false,
            syncing: false,
            quit: false,
        })
    }

    /// Keeps read and starred marks in `reading` (and its file) from now on; the story
    /// open at start is marked read there.
    pub fn with_reading_state(mut self, reading: ReadingState) -> App {
        self.reading = reading;
        self.mark_open_read();
        self
    }

    /// Marks the open story read, unless a search is being typed: the hits it shows then
    /// flash past unread.
    fn mark_open_read(&mut self) {
        if self.search.typing {
            return;
        }
        if let Some(id) = self.article.as_ref().map(|v| v.article.id.clone()) {
            self.reading.set_read(&id, true);
        }
    }

    /// Is this story read? (Unread stories are bold in the list.)
    pub fn is_read(&self, id: &str) -> bool {
        self.reading.is_read(id)
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.reading.is_starred(id)
    }

    /// The `(key, label)` hints of the keymap in use.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        self.keymap.hints()
    }

    /// True when the story list still has to be read in full (off the UI thread).
    pub fn needs_full_list(&self) -> bool {
        !self.list_complete
    }

    /// Takes the whole story list, read elsewhere; the selection stays where it was.
    pub fn apply_full_list(&mut self, entries: Result<Vec<ListEntry>, String>) {
        let entries = match entries {
            Ok(entries) => entries,
            Err(error) => {
                return self.message = Some(format!("cannot read the story list: {error}"))
            }
        };
        self.entries = Some(entries);
        self.list_complete = true;
        if !self.search.is_active() {
            self.show_list();
        }
    }

    /// Reads the rows the next draw shows, if they have not been read (the list is paged).
    pub fn prepare_frame(&mut self) {
        let needed = self
            .stories
            .window_needed()
            .map(|(offset, entries)| (offset, self.library.summaries(entries)));
        match needed {
            Some((offset, Ok(rows))) => self.stories.fill(offset, rows),
            Some((_, Err(error))) => {
                self.message = Some(format!("cannot read the story list: {error}"))
            }
            None => {}
        }
    }

    /// Handles one key press: typed into the search bar while searching, else via the keymap.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        if let Some((esc, after)) = esc_then_key(key).filter(|_| self.search.typing) {
            self.handle_key(esc);
            return self.handle_key(after);
        }
        if self.search.typing {
            self.handle_search_key(key);
        } else if let Some(action) = self.keymap.action_for(key) {
            if self.overlay.is_some() {
                self.handle_in_overlay(action);
            } else {
                self.handle(action);
            }
        }
        self.follow_typing();
    }

    /// Applies one action.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => self.move_by(action.motion().expect("a motion")),
            Action::NextPane => self.cycle_focus(1),
            Action::PreviousPane => self.cycle_focus(2),
            Action::Open => self.open(),
            Action::Back => self.go(History::back),
            Action::Forward => self.go(History::forward),
            Action::ToggleThread => {
                self.related.thread = !self.related.thread;
                self.refresh_related();
            }
            Action::NextEntity => self.move_entity_cursor(1),
            Action::PreviousEntity => self.move_entity_cursor(-1),
            Action::NextMatch => self.move_match(1),
            Action::PreviousMatch => self.move_match(-1),
            Action::ToggleRemoved => {
                if let Some(view) = self.article.as_mut() {
                    self.message = Some(view.toggle_removed());
                }
            }
            Action::NextFacet => {
                self.message = Some(match self.facets.select_next() {
                    Some(facet) => format!(
                        "{} ({} hits) — + adds it to the search",
                        facet.label, facet.count
                    ),
                    None => "no facets: search first".into(),
                });
            }
            Action::NarrowByFacet => {
                if let Some(facet) = self.facets.selected_facet() {
                    // In front, so the word being typed stays last (and stands for the
                    // words it begins).
                    let query = format!("{} {}", facet.clause, self.search.query.trim());
                    self.set_query(query);
                }
            }
            Action::StartSearch => {
                self.search.typing = true;
                self.focus = Focus::List;
            }
            Action::Cancel => self.cancel(),
            Action::Sync if self.syncing => self.message = Some("a sync is running".into()),
            Action::Sync => {
                (self.sync_requested, self.syncing) = (true, true);
                self.sync_status = Some("sync: starting…".into());
            }
            Action::Help => self.show_help(),
            Action::EntityList => self.show_story_entities(),
            Action::WhoAndWhere => self.show_who_and_where(),
            Action::ToggleStar => self.toggle_star(),
            Action::ToggleRead => self.toggle_read(),
            Action::UnreadOnly => self.toggle_filter(|f| f.unread_only = !f.unread_only),
            Action::StarredOnly => self.toggle_filter(|f| f.starred_only = !f.starred_only),
            Action::ToggleSort => self.toggle_sort(),
            Action::OpenLink => self.open_link(),
            Action::CopyLink => self.copy_link(),
        }
    }

    /// True once after the sync key was pressed: the caller starts the sync.
    pub fn take_sync_request(&mut self) -> bool {
        std::mem::take(&mut self.sync_requested)
    }

    /// Shows a sync's progress; when it is done, the library is read again. Returns true
    /// when the story list must be read again (the caller does it off this thread).
    pub fn apply_sync(&mut self, update: SyncUpdate) -> bool {
        match update {
            SyncUpdate::Progress { done, total, feed } => {
                self.sync_status = Some(format!("sync: {done}/{total} feeds — {feed}"));
                false
            }
            SyncUpdate::Finished(result) => {
                self.syncing = false;
                self.sync_status = Some(match &result {
                    Ok(summary) => format!("sync: {summary}"),
                    Err(error) => format!("sync failed: {error}"),
                });
                if let Err(error) = self.library.refresh() {
                    self.message = Some(format!("cannot read the library again: {error}"));
                }
                // Only a sync that ran has new stories for the list to take.
                if result.is_ok() {
                    self.list_complete = false;
                }
                result.is_ok()
            }
        }
    }

    fn handle_search_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => self.quit = true,
            KeyCode::Char('u') if ctrl => self.set_query(String::new()),
            KeyCode::Char(c) => self.set_query(format!("{}{c}", self.search.query)),
            KeyCode::Backspace => {
                let mut query = self.search.query.clone();
                query.pop();
                self.set_query(query);
            }
            KeyCode::Enter => {
                // A last word too short to search while typing is searched now.
                let word_waiting = self.searched_query() != self.search.query;
                self.search.typing = false;
                if word_waiting {
                    self.set_query(self.search.query.clone());
                }
                self.mark_open_read();
            }
            KeyCode::Esc => {
                self.search.typing = false;
                self.set_query(String::new());
            }
            KeyCode::Down => self.move_by(Motion::Step(1)),
            KeyCode::Up => self.move_by(Motion::Step(-1)),
            _ => {}
        }
    }

    /// Runs the query and shows its hits; a bad query keeps the previous hits and says why.
    fn set_query(&mut self, query: String) {
        self.search.query = query;
        // Any answer still on its way is for an older query now.
        let generation = self.search_generation.advance();
        if self.searched_query().trim().is_empty() {
            self.search.total = None;
            self.search.error = None;
            // No answer is awaited: one on its way is for an older query.
            self.search.pending = false;
            self.search.answered.clear();
            self.search.completions.clear();
            self.facets = FacetBar::default();
            self.show_list();
            return;
        }
        let request = SearchRequest {
            generation,
            query: self.searched_query().to_string(),
            first: self.stories.hit_page(),
            by_date: self.sort_by_date,
            newest: self.search_generation.clone(),
        };
        match &self.background_search {
            Some(worker) if worker.send(request.clone()).is_ok() => self.search.pending = true,
            _ => self.apply_search(search_worker::answer(&self.library, &request)),
        }
    }

    /// What is searched for the query in the search bar: while it is typed, without a last
    /// word too short to search yet (see [`crate::library::query::while_typing`]).
    fn searched_query(&self) -> &str {
        if self.search.typing {
            crate::library::query::while_typing(&self.search.query)
        } else {
            &self.search.query
        }
    }

    /// Shows a search's answer, unless the query changed since it was asked; a bad query
    /// keeps the previous results and says why.
    pub fn apply_search(&mut self, response: SearchResponse) {
        if response.generation != self.search_generation.get() {
            return;
        }
        self.search.pending = false;
        match response.result {
            Ok(results) => {
                self.search.error = None;
                self.search.total = Some(results.total);
                self.search.answered = self.searched_query().to_string();
                self.search.completions = results.completions;
                self.facets = FacetBar::new(&results.facets, self.library.countries());
                let snippets = results
                    .hits
                    .iter()
                    .map(|h| (h.summary.id.clone(), snippet_line(h)))
                    .collect();
                // In the order asked for: by date, the search put them newest first.
                let rows: Vec<Summary> = results.hits.into_iter().map(|h| h.summary).collect();
                self.show_rows(crate::library::fold_copies(rows));
                self.stories.snippets = snippets;
            }
            Err(error) => self.search.error = Some(error),
        }
    }

    /// From now on searches run on a worker thread; answers come to [`App::apply_search`].
    pub fn search_in_background(&mut self, worker: Sender<SearchRequest>) {
        self.background_search = Some(worker);
    }

    /// The library, to share with a search worker.
    pub fn library(&self) -> Arc<Library> {
        Arc::clone(&self.library)
    }

    /// Shows every story (through the filters): paged once the whole list is known, the
    /// first page until then.
    fn show_list(&mut self) {
        let Some(entries) = self.entries.clone() else {
            return self.show_rows(self.first_page.clone());
        };
        match self.filtered_entries(entries) {
            Ok(entries) => self.replace_list(StoryList::paged(entries)),
            Err(error) => self.message = Some(format!("cannot read the story list: {error}")),
        }
    }

    fn show_rows(&mut self, rows: Vec<Summary>) {
        let rows = self.filtered(rows);
        self.replace_list(StoryList::new(rows));
    }

    /// Puts a new list in place, keeping the selected story selected if it is there.
    fn replace_list(&mut self, list: StoryList) {
        let previous = self.stories.selected_id().map(str::to_string);
        self.stories = list;
        self.prepare_frame();
        if let Some(id) = previous {
            self.stories.select_id(&id);
        }
        let shown = self.article.as_ref().map(|v| v.article.id.clone());
        self.show_selected();
        // The same article stays open: its marks follow the new query.
        if let Some(mut view) = self.article.take() {
            if Some(&view.article.id) == shown.as_ref() {
                self.mark_matches(&mut view);
            }
            self.article = Some(view);
        }
    }

    fn move_by(&mut self, motion: Motion) {
        match self.focus {
            Focus::List => {
                self.stories.apply(motion);
                self.prepare_frame();
                self.show_selected();
            }
            Focus::Article => {
                if let Some(view) = self.article.as_mut() {
                    view.apply(motion);
                }
            }
            Focus::Related => self.related.apply(motion),
        }
    }

    fn cycle_focus(&mut self, steps: usize) {
        let order = [Focus::List, Focus::Article, Focus::Related];
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = order[(at + steps) % order.len()];
    }

    fn open(&mut self) {
        match self.focus {
            Focus::List => self.focus = Focus::Article,
            Focus::Related => {
                if let Some(id) = self.related.selected_id().map(str::to_string) {
                    if let Some(current) = self.current_visit() {
                        self.history.leave(current);
                    }
                    self.show_article(&id, 0);
                    self.stories.select_id(&id);
                    self.focus = Focus::Article;
                }
            }
            Focus::Article => self.search_selected_entity(),
        }
    }

    /// Moves through the history (back or forward) and shows where the reader was.
    fn go(&mut self, step: fn(&mut History, Option<Visit>) -> Option<Visit>) {
        let current = self.current_visit();
        match step(&mut self.history, current) {
            Some(visit) => {
                self.stories.select_id(&visit.id);
                self.show_article(&visit.id, visit.scroll);
            }
            None => self.message = Some("nothing further in the history".into()),
        }
    }

    fn cancel(&mut self) {
        if self.search.is_active() {
            self.set_query(String::new());
        } else {
            self.focus = Focus::List;
        }
    }

    fn current_visit(&self) -> Option<Visit> {
        self.article.as_ref().map(|view| Visit {
            id: view.article.id.clone(),
            scroll: view.scroll,
        })
    }

    fn show_selected(&mut self) {
        match self.stories.selected_id().map(str::to_string) {
            Some(id) if self.article.as_ref().is_none_or(|v| v.article.id != id) => {
                self.show_article(&id, 0)
            }
            Some(_) => {}
            None => {
                self.article = None;
                self.clear_related();
            }
        }
    }

    /// Opens an article and computes its related stories.
    fn show_article(&mut self, id: &str, scroll: usize) {
        let article = match self.library.get(id) {
            Ok(Some(article)) => article,
            Ok(None) => {
                return self.message = Some(format!("article '{id}' is no longer in the library"))
            }
            Err(error) => return self.message = Some(error.to_string()),
        };
        let copies = self.library.copies_of(&article).unwrap_or_else(|error| {
            self.message = Some(format!("same-story copies: {error}"));
            Vec::new()
        });
        let mut view = ArticleView::new(article, copies);
        self.mark_matches(&mut view);
        if scroll > 0 {
            view.scroll = scroll;
        }
        self.article = Some(view);
        self.mark_open_read();
        self.refresh_related();
    }

    /// Marks in an article the words the search whose results are shown matched (none
    /// without a search, whose answered query is cleared with it): while the next one
    /// runs, the completions known are those of the query before, and the marks stay
    /// those of the list.
    fn mark_matches(&self, view: &mut ArticleView) {
        let query = if self.search.error.is_none() {
            self.search.answered.trim()
        } else {
            ""
        };
        let a = &view.article;
        let matches = if query.is_empty() {
            Vec::new()
        } else {
            crate::library::query::match_ranges(
                query,
                &a.body,
                &a.entities,
                self.library.countries(),
                &self.search.completions,
            )
        };
        view.set_matches(matches);
    }

    fn move_entity_cursor(&mut self, step: isize) {
        let Some(view) = self.article.as_mut() else {
            return;
        };
        self.focus = Focus::Article;
        self.message = Some(match view.move_cursor(step) {
            Some(entity) => format!(
                "{} {} — Enter searches for it",
                entity.kind.label(),
                entity.canonical
            ),
            None => "no entities in this article".into(),
        });
    }

    fn move_match(&mut self, step: isize) {
        let Some(view) = self.article.as_mut() else {
            return;
        };
        self.message = Some(
            view.move_match(step)
                .unwrap_or_else(|| "no search matches in this article".into()),
        );
    }

    /// Searches for the entity under the article's cursor: the person or country by its
    /// canonical name, anything else by its words.
    fn search_selected_entity(&mut self) {
        let Some(entity) = self.article.as_ref().and_then(|v| v.selected_entity()) else {
            return;
        };
        let query = overlays::query_for(entity);
        self.search.typing = false;
        self.focus = Focus::List;
        self.set_query(query);
    }
}
