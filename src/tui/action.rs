//! Everything the reader can be asked to do, from a key or from inside.

/// One user intent; the keymap maps keys to these and [`super::app::App::handle`] applies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Move down a row, or scroll the article down a line.
    Down,
    /// Move up a row, or scroll the article up a line.
    Up,
    /// Move or scroll a page down.
    PageDown,
    /// Move or scroll a page up.
    PageUp,
    /// Go to the first row or the top of the article.
    Top,
    /// Go to the last row or the end of the article.
    Bottom,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PreviousPane,
    /// Open the selected story.
    Open,
    /// Return to the previous article, where the reader was in it.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Switch the related pane between related stories and the story's thread.
    ToggleThread,
    /// Move onto the next highlighted entity in the article.
    NextEntity,
    /// Move onto the previous highlighted entity in the article.
    PreviousEntity,
    /// Go to the next word the search matched in the article.
    NextMatch,
    /// Go to the previous word the search matched in the article.
    PreviousMatch,
    /// Show or hide the lines removed from the article as page boilerplate.
    ToggleRemoved,
    /// Pick the next person or country among the search's facets.
    NextFacet,
    /// Add the picked facet to the search.
    NarrowByFacet,
    /// Start typing a search.
    StartSearch,
    /// Clear the search, or return to the story list.
    Cancel,
    /// Fetch the followed feeds in the background.
    Sync,
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
