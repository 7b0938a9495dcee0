//! Related stories: title (with "+N" when N more outlets ran it), then why it is related
//! and its date.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::action::Motion;
use std::cell::Cell;

use super::fit::{fit, fit_with_copies, window_start};
use super::mouse::RowMap;
use super::theme;
use crate::related::Related;

/// Lines each related story takes.
const ROW_HEIGHT: usize = 2;

#[derive(Default)]
pub struct RelatedList {
    pub items: Vec<Related>,
    pub selected: usize,
    /// Showing the story's thread (date order) instead of related stories.
    pub thread: bool,
    /// The stories are being looked for.
    pub pending: bool,
    /// Where the stories were drawn, for the mouse.
    pub drawn: Cell<RowMap>,
}

impl RelatedList {
    /// The pane's title, which says what it shows.
    pub fn title(&self) -> &'static str {
        if self.thread {
            " Thread (oldest first) "
        } else {
            " Related "
        }
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.items.get(self.selected).map(|r| r.summary.id.as_str())
    }

    /// Moves the selection, a page being the stories that fit on screen.
    pub fn apply(&mut self, motion: Motion) {
        self.selected = motion.apply(self.selected, self.items.len().saturating_sub(1), 4);
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, block: Block, focused: bool) {
        if self.items.is_empty() {
            let note = if self.pending {
                "finding related stories…"
            } else {
                "no related stories"
            };
            return theme::note_in(block, note, area, buf);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let visible = inner.height as usize / ROW_HEIGHT;
        let start = window_start(self.selected, visible);
        self.drawn.set(RowMap::new(inner, start, ROW_HEIGHT));
        let mut lines = Vec::new();
        for (i, item) in self.items.iter().enumerate().skip(start).take(visible) {
            let title = fit_with_copies(&item.summary.title, item.summary.copies, width);
            let title = Line::raw(format!("{title:<width$}"));
            let detail = format!(
                "{} · {}",
                item.reason,
                item.summary.date.as_deref().unwrap_or("undated")
            );
            lines.push(if focused && i == self.selected {
                title.style(theme::selected())
            } else {
                title
            });
            let style = if item.same_story {
                theme::same_story()
            } else {
                theme::dim()
            };
            lines.push(Line::styled(fit(&detail, width), style));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Summary;

    #[test]
    fn a_story_other_outlets_ran_too_says_how_many() {
        let item = |title: &str, copies| Related {
            summary: Summary {
                title: title.into(),
                copies,
                ..Summary::default()
            },
            score: 1.0,
            reason: "shares Gordon Brown".into(),
            same_story: false,
        };
        let list = RelatedList {
            items: vec![
                item("Brown outlines third term vision and more", 2),
                item("Blair and Brown criticised", 0),
            ],
            ..RelatedList::default()
        };
        let area = Rect::new(0, 0, 30, 6);
        let mut buf = Buffer::empty(area);
        list.render(area, &mut buf, Block::default(), false);
        let line = |y| (0..30).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert_eq!(line(0), "Brown outlines third term … +2");
        assert_eq!(line(2).trim_end(), "Blair and Brown criticised");
    }
}
