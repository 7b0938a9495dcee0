//! The search bar: the query being typed, the match count, or what is wrong with the query.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;

#[derive(Default)]
pub struct SearchBar {
    pub query: String,
    /// True while keys go into the query.
    pub typing: bool,
    pub total: Option<usize>,
    pub error: Option<String>,
    /// A search is running for the query shown.
    pub pending: bool,
    /// The query whose results are shown: the one typed, or while its search runs, the
    /// one before it.
    pub answered: String,
    /// The words the last word of the answered query stood for (see
    /// [`crate::library::Library::search_as_you_type`]).
    pub completions: Vec<crate::library::Completion>,
}

impl SearchBar {
    /// True when a query filters the list.
    pub fn is_active(&self) -> bool {
        self.typing || !self.query.is_empty()
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let cursor = if self.typing { "▏" } else { "" };
        let mut spans = vec![
            Span::styled("/", theme::dim()),
            Span::raw(format!("{}{cursor}", self.query)),
        ];
        match (&self.error, self.total) {
            (Some(error), _) => spans.push(Span::styled(format!("  {error}"), theme::error())),
            (None, _) if self.pending => spans.push(Span::styled("  searching…", theme::dim())),
            (None, Some(total)) => {
                spans.push(Span::styled(format!("  {total} matching"), theme::dim()))
            }
            // A word too short to search is being typed (see `while_typing`).
            (None, None) if self.typing && !self.query.trim().is_empty() => spans.push(
                Span::styled("  a third letter or Enter searches", theme::dim()),
            ),
            _ => {}
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}
