//! Everything the reader can be asked to do, from a key or from inside.

/// One user intent; the keymap maps keys to these and [`super::app::App::handle`] applies
/// them. What each does is said once, in [`ACTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextPane,
    PreviousPane,
    Open,
    Back,
    Forward,
    ToggleThread,
    NextEntity,
    PreviousEntity,
    NextMatch,
    PreviousMatch,
    ToggleRemoved,
    NextFacet,
    NarrowByFacet,
    StartSearch,
    Cancel,
    Sync,
    Help,
    ToggleStar,
    ToggleRead,
    UnreadOnly,
    StarredOnly,
    ToggleSort,
    OpenLink,
    CopyLink,
    EntityList,
    WhoAndWhere,
}

/// Every action with its name in the config file's `[keys]` table and what it does, as
/// the help overlay shows it.
#[rustfmt::skip]
pub const ACTIONS: &[(Action, &str, &str)] = &[
    (Action::Quit, "quit", "leave the reader"),
    (Action::Down, "down", "next row; scroll the article down"),
    (Action::Up, "up", "previous row; scroll the article up"),
    (Action::PageDown, "page_down", "a page down"),
    (Action::PageUp, "page_up", "a page up"),
    (Action::Top, "top", "first row; top of the article"),
    (Action::Bottom, "bottom", "last row; end of the article"),
    (Action::NextPane, "next_pane", "next pane"),
    (Action::PreviousPane, "previous_pane", "previous pane"),
    (Action::Open, "open", "read the selected story; search for the selected entity"),
    (Action::Back, "back", "back to the previous article, where you were in it"),
    (Action::Forward, "forward", "forward again"),
    (Action::ToggleThread, "thread", "related stories or the story's thread"),
    (Action::NextEntity, "next_entity", "onto the next highlighted entity"),
    (Action::PreviousEntity, "previous_entity", "onto the previous highlighted entity"),
    (Action::NextMatch, "next_match", "next word the search matched"),
    (Action::PreviousMatch, "previous_match", "previous word the search matched"),
    (Action::ToggleRemoved, "boilerplate", "show or hide the lines removed as boilerplate"),
    (Action::NextFacet, "next_facet", "pick the next person or country of the search"),
    (Action::NarrowByFacet, "narrow", "add the picked facet to the search"),
    (Action::StartSearch, "search", "search as you type"),
    (Action::Cancel, "cancel", "clear the search, close an overlay"),
    (Action::Sync, "sync", "fetch the followed feeds in the background"),
    (Action::Help, "help", "this help"),
    (Action::ToggleStar, "star", "star or unstar the story"),
    (Action::ToggleRead, "mark_read", "mark the story read or unread"),
    (Action::UnreadOnly, "unread_only", "show only unread stories, or all"),
    (Action::StarredOnly, "starred_only", "show only starred stories, or all"),
    (Action::ToggleSort, "sort", "sort search hits by relevance or by date"),
    (Action::OpenLink, "open_link", "open the story's link in the browser"),
    (Action::CopyLink, "copy_link", "copy the story's link (OSC 52)"),
    (Action::EntityList, "entities", "the people and countries of this story"),
    (Action::WhoAndWhere, "who_and_where", "the library's top people and countries"),
];

impl Action {
    /// The name used in the config file, e.g. `page_down`.
    pub fn name(self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(a, ..)| *a == self)
            .map_or("", |(_, name, _)| name)
    }

    /// The movement this action is, in whatever pane or window has the focus.
    pub fn motion(self) -> Option<Motion> {
        Some(match self {
            Action::Down => Motion::Step(1),
            Action::Up => Motion::Step(-1),
            Action::PageDown => Motion::Page(1),
            Action::PageUp => Motion::Page(-1),
            Action::Top => Motion::Top,
            Action::Bottom => Motion::Bottom,
            _ => return None,
        })
    }

    pub fn describe(self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(a, ..)| *a == self)
            .map_or("", |(.., text)| text)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, ..)| *a)
    }
}

/// A movement inside a pane: a row (or line) at a time, a page, or to either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Step(isize),
    Page(isize),
    Top,
    Bottom,
}

impl Motion {
    /// The new position in `0..=last` after this motion from `at`, `page` rows a page.
    pub fn apply(self, at: usize, last: usize, page: usize) -> usize {
        match self {
            Motion::Step(n) => at.saturating_add_signed(n).min(last),
            Motion::Page(n) => at.saturating_add_signed(n * page.max(1) as isize).min(last),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
    }
}
