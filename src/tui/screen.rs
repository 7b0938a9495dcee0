//! Lays the panes out and draws the whole screen from a shared borrow of the app.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Widget};

use super::app::{App, Focus};
use super::{status_bar, theme};

/// From this width the related pane stands beside the article; below it, under it.
const THREE_COLUMNS_FROM: u16 = 120;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [main, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let (list, article, related) = pane_areas(main);
        self.panes.list.set(list);
        self.panes.article.set(article);
        self.panes.related.set(related);
        let count = if self.needs_full_list() && !self.search.is_active() {
            format!(" Stories ({}+, reading the rest…) ", self.stories.len())
        } else {
            format!(" Stories ({}) ", self.stories.len())
        };
        let count = match self.filter_label() {
            Some(label) => format!("{} {label} ", count.trim_end()),
            None => count,
        };
        let block = pane_block(&count, self.focus == Focus::List);
        let rows = block.inner(list);
        block.render(list, buf);
        let rows = if self.search.is_active() {
            let facet_height = u16::from(!self.facets.items.is_empty());
            let [bar, facets, rest] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(facet_height),
                Constraint::Min(0),
            ])
            .areas(rows);
            self.search.render(bar, buf);
            self.facets.render(facets, buf);
            rest
        } else {
            rows
        };
        self.stories
            .render(rows, buf, |id| (self.is_read(id), self.is_starred(id)));
        let related_block = pane_block(self.related.title(), self.focus == Focus::Related);
        match &self.article {
            Some(view) => {
                view.render(
                    article,
                    buf,
                    pane_block(" Article ", self.focus == Focus::Article),
                );
                self.related
                    .render(related, buf, related_block, self.focus == Focus::Related);
            }
            None => {
                theme::note_in(
                    pane_block(" Article ", false),
                    self.no_story_note(),
                    article,
                    buf,
                );
                related_block.render(related, buf);
            }
        }
        status_bar::render(
            self.message.as_deref().or(self.sync_status.as_deref()),
            &self.hints(),
            status,
            buf,
        );
        if let Some(overlay) = &self.overlay {
            overlay.render(main, buf);
        }
    }
}

impl App {
    /// Why no story is open: the search matched none, or the list shows none.
    fn no_story_note(&self) -> &'static str {
        if self.search.is_active() {
            "no story matches the search (Esc clears it)"
        } else {
            "no story to show"
        }
    }
}

/// List, article and related areas for the screen's width.
fn pane_areas(area: Rect) -> (Rect, Rect, Rect) {
    if area.width >= THREE_COLUMNS_FROM {
        let [list, article, related] = Layout::horizontal([
            Constraint::Percentage(30),
            Constraint::Percentage(45),
            Constraint::Percentage(25),
        ])
        .areas(area);
        (list, article, related)
    } else {
        let [list, right] =
            Layout::horizontal([Constraint::Percentage(35), Constraint::Percentage(65)])
                .areas(area);
        let [article, related] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(related_height(area.height)),
        ])
        .areas(right);
        (list, article, related)
    }
}

fn related_height(height: u16) -> u16 {
    (height / 3).clamp(0, 10)
}

fn pane_block(title: &str, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title.to_string());
    if focused {
        block.border_style(theme::focused_border())
    } else {
        block
    }
}
