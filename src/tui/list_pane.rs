//! The story list: date, title and source of every story (or of the search hits). The
//! whole library's list is paged: it holds every story as a [`ListEntry`] and only a
//! window of rows read from the store, which the app refills as the selection moves.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use std::cell::Cell;
use std::collections::HashMap;

use super::action::Motion;
use super::fit::{fit, fit_with_copies, window_start};
use super::mouse::RowMap;
use super::theme;
use crate::library::{ListEntry, Summary};

const DATE_WIDTH: usize = 10;
/// Sources get at most this many columns, and never more than a fifth of the row.
const SOURCE_WIDTH: usize = 12;
/// Below this many columns the list shows no source.
const NARROW: usize = 30;

/// Rows read at a time from a paged list: several screens, so moving a row or a page
/// rarely waits for the store.
pub const WINDOW: usize = 300;
/// The page height assumed before the first draw.
const FIRST_VISIBLE: usize = 60;

/// The rows shown and which one is selected.
#[derive(Default)]
pub struct StoryList {
    /// The rows read: all of them, or, when paged, `entries[offset..offset + rows.len()]`.
    pub rows: Vec<Summary>,
    /// When paged: every story of the list.
    entries: Option<Vec<ListEntry>>,
    offset: usize,
    /// Index of the selected story in the whole list.
    pub selected: usize,
    /// For search hits: a snippet line under the row, by article id.
    pub snippets: HashMap<String, Line<'static>>,
    /// Rows visible at the last render: the size of a page.
    visible: Cell<usize>,
    /// Where the rows were drawn, for the mouse.
    pub drawn: Cell<RowMap>,
}

impl StoryList {
    pub fn selected_id(&self) -> Option<&str> {
        self.row(self.selected).map(|r| r.id.as_str())
    }

    /// The row at this index of the whole list, if it has been read.
    pub fn row(&self, index: usize) -> Option<&Summary> {
        self.rows.get(index.checked_sub(self.offset)?)
    }

    /// How many stories the list holds (read or not).
    pub fn len(&self) -> usize {
        self.entries.as_ref().map_or(self.rows.len(), Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A paged list of these stories with the first selected; rows come with [`StoryList::fill`].
    pub fn paged(entries: Vec<ListEntry>) -> StoryList {
        StoryList {
            entries: Some(entries),
            ..StoryList::default()
        }
    }

    /// The entries to read so that every row a draw can show is there, if some are not.
    pub fn window_needed(&self) -> Option<(usize, &[ListEntry])> {
        let entries = self.entries.as_ref()?;
        let visible = self.visible_rows();
        let first = window_start(self.selected, visible);
        let last = (first + visible).min(entries.len());
        let read = self.offset..self.offset + self.rows.len();
        if first >= read.start && last <= read.end {
            return None;
        }
        let offset = first.saturating_sub((WINDOW - visible.min(WINDOW)) / 2);
        let end = (offset + WINDOW).min(entries.len());
        Some((offset, &entries[offset..end]))
    }

    /// Takes the rows read for the entries from `offset` on.
    pub fn fill(&mut self, offset: usize, rows: Vec<Summary>) {
        (self.offset, self.rows) = (offset, rows);
    }

    /// A list of these rows with the first selected.
    pub fn new(rows: Vec<Summary>) -> StoryList {
        StoryList {
            rows,
            ..StoryList::default()
        }
    }

    /// Rows the pane showed at its last render, or as many as it is assumed to show before
    /// the first.
    fn visible_rows(&self) -> usize {
        match self.visible.get() {
            0 => FIRST_VISIBLE,
            n => n,
        }
    }

    /// How many search hits (two lines each) the pane shows.
    pub fn hit_page(&self) -> usize {
        (self.visible_rows() * self.lines_per_row()).div_ceil(2)
    }

    /// Search hits take a line for their snippet under the row.
    fn lines_per_row(&self) -> usize {
        if self.snippets.is_empty() {
            1
        } else {
            2
        }
    }

    /// Moves the selection, staying inside the list.
    pub fn apply(&mut self, motion: Motion) {
        self.selected = motion.apply(
            self.selected,
            self.len().saturating_sub(1),
            self.visible.get(),
        );
    }

    /// Selects the row with this id, if it has been read.
    pub fn select_id(&mut self, id: &str) {
        if let Some(i) = self.rows.iter().position(|r| r.id == id) {
            self.selected = self.offset + i;
        }
    }

    /// Draws the visible rows into `inner` (the pane's block is drawn by the screen).
    /// `marks(id)` tells whether a story is read and whether it is starred.
    pub fn render(&self, inner: Rect, buf: &mut Buffer, marks: impl Fn(&str) -> (bool, bool)) {
        let lines_per_row = self.lines_per_row();
        let visible = inner.height as usize / lines_per_row;
        self.visible.set(visible);
        let width = inner.width as usize;
        let start = window_start(self.selected, visible);
        self.drawn.set(RowMap::new(inner, start, lines_per_row));
        let mut lines: Vec<Line> = Vec::new();
        for i in start..(start + visible).min(self.len()) {
            let Some(row) = self.row(i) else {
                lines.push(Line::styled("…", theme::dim()));
                continue;
            };
            lines.push(row_line(row, width, i == self.selected, marks(&row.id)));
            if lines_per_row == 2 {
                lines.push(self.snippets.get(&row.id).cloned().unwrap_or_default());
            }
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

/// "2025-10-30 ★Title…          Source", padded to the pane's width; unread titles bold.
fn row_line(
    row: &Summary,
    width: usize,
    selected: bool,
    (read, starred): (bool, bool),
) -> Line<'static> {
    let date = row.date.clone().unwrap_or_default();
    // A narrow list gives the title the source's columns: the article names the outlet.
    let source = if width < NARROW {
        String::new()
    } else {
        source_label(row, SOURCE_WIDTH.min(width / 5))
    };
    let title_width = width.saturating_sub(DATE_WIDTH + 2 + source.chars().count() + 1);
    let title = format!("{}{}", if starred { "★" } else { "" }, row.title);
    let title = format!("{:<title_width$}", fit(&title, title_width));
    let line = Line::from(vec![
        Span::styled(format!("{date:<DATE_WIDTH$} "), theme::dim()),
        Span::styled(
            title,
            if read {
                ratatui::style::Style::new()
            } else {
                theme::unread()
            },
        ),
        Span::raw(" "),
        Span::styled(source, theme::dim()),
    ]);
    if selected {
        line.style(theme::selected())
    } else {
        line
    }
}

/// The outlet, with "+N" when N more sources ran the same story ("AP +1").
fn source_label(row: &Summary, width: usize) -> String {
    fit_with_copies(crate::related::outlet(&row.source), row.copies, width)
}

/// A search hit's snippet on one line: entities in their colours, matched words marked.
pub fn snippet_line(hit: &crate::library::Hit) -> Line<'static> {
    let marks: Vec<_> = hit
        .matched
        .iter()
        .map(|r| (r.clone(), theme::search_match(false)))
        .collect();
    let lines = super::highlight::highlight(&hit.snippet, &hit.entities, &marks, theme::dim());
    let mut line = lines.into_iter().next().unwrap_or_default();
    line.spans.insert(0, Span::raw("  "));
    line
}
