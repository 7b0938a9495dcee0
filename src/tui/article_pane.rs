//! The article: title, source and date, and the body with its entities highlighted;
//! an entity cursor (`]`/`[`) and the words the search matched (`n`/`N`) are marked on top.
use std::cell::Cell;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::action::Motion;
use super::highlight::highlight;
use super::theme;
use crate::article::Article;
use crate::entities::Entity;
use crate::library::Summary;

/// The open article, its styled lines and where the reader is in it.
pub struct ArticleView {
    pub article: Article,
    /// The other articles of its same-story group.
    pub copies: Vec<Summary>,
    header: Vec<Line<'static>>,
    lines: Vec<Line<'static>>,
    pub scroll: usize,
    /// The body entity the cursor is on.
    cursor: Option<usize>,
    /// Char ranges of the body that the search matched, and the current one.
    matches: Vec<Range<usize>>,
    current_match: Option<usize>,
    /// Showing the lines removed as page boilerplate, after the body.
    show_removed: bool,
    /// Width and height of the last render, to keep scrolling inside the text.
    viewport: Cell<(u16, u16)>,
    /// Wrapped line count for a width, computed once per width and content.
    wrapped: Cell<Option<(u16, usize)>>,
    /// Where the text was last drawn and from which line, so a click can find its word.
    drawn: Cell<(Rect, u16)>,
}

impl ArticleView {
    /// The view of `article`; `copies` are the other articles of its story, whose outlets
    /// the header names.
    pub fn new(article: Article, copies: Vec<Summary>) -> ArticleView {
        let also_from: Vec<String> = copies
            .iter()
            .map(|c| crate::related::outlet(&c.source).to_string())
            .collect();
        let mut header = highlight(&article.title, &article.title_entities, &[], theme::title());
        let meta = format!(
            "{} · {}",
            blank_as(&article.source, "unknown source"),
            article.date.as_deref().unwrap_or("undated")
        );
        header.push(Line::from(Span::styled(meta, theme::dim())));
        if !also_from.is_empty() {
            let note = format!(
                "Same story also from {} (in Related)",
                count_outlets(&also_from)
            );
            header.push(Line::from(Span::styled(note, theme::same_story())));
        }
        header.push(Line::default());
        let mut view = ArticleView {
            article,
            copies,
            header,
            lines: Vec::new(),
            scroll: 0,
            cursor: None,
            matches: Vec::new(),
            current_match: None,
            show_removed: false,
            viewport: Cell::new((80, 24)),
            wrapped: Cell::new(None),
            drawn: Cell::default(),
        };
        view.rebuild();
        view
    }

    /// Rebuilds the styled lines after the cursor or the matches changed.
    fn rebuild(&mut self) {
        let mut marks: Vec<(Range<usize>, Style)> = self
            .matches
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    r.clone(),
                    theme::search_match(Some(i) == self.current_match),
                )
            })
            .collect();
        if let Some(entity) = self.cursor.and_then(|i| self.article.entities.get(i)) {
            marks.retain(|(r, _)| r.end <= entity.start || r.start >= entity.end);
            marks.push((entity.start..entity.end, theme::cursor()));
            marks.sort_by_key(|(r, _)| r.start);
        }
        self.lines = self.header.clone();
        self.lines.extend(highlight(
            &self.article.body,
            &self.article.entities,
            &marks,
            Style::new(),
        ));
        if self.show_removed {
            let note = format!(
                "── {} lines removed as page boilerplate (b hides them) ──",
                self.article.removed.len()
            );
            self.lines
                .extend([Line::default(), Line::styled(note, theme::same_story())]);
            self.lines.extend(
                self.article
                    .removed
                    .iter()
                    .map(|l| Line::styled(l.clone(), theme::dim())),
            );
        }
        self.wrapped.set(None);
    }

    /// Shows or hides the removed boilerplate; says what it did.
    pub fn toggle_removed(&mut self) -> String {
        if self.article.removed.is_empty() {
            return "nothing was removed from this article".into();
        }
        self.show_removed = !self.show_removed;
        self.rebuild();
        if self.show_removed {
            self.scroll = self.max_scroll();
            format!(
                "{} removed lines shown at the end",
                self.article.removed.len()
            )
        } else {
            "removed lines hidden".into()
        }
    }

    /// Scrolls, staying inside the text; a page is the pane's height less two lines of overlap.
    pub fn apply(&mut self, motion: Motion) {
        let page = (self.viewport.get().1 as usize).saturating_sub(2);
        self.scroll = motion.apply(self.scroll, self.max_scroll(), page);
    }

    /// Moves the entity cursor by `step` (1 next, -1 previous) and scrolls to it.
    pub fn move_cursor(&mut self, step: isize) -> Option<&Entity> {
        let count = self.article.entities.len();
        if count == 0 {
            return None;
        }
        let next = match self.cursor {
            None if step < 0 => count - 1,
            None => 0,
            Some(at) => (at as isize + step).rem_euclid(count as isize) as usize,
        };
        self.cursor = Some(next);
        self.rebuild();
        self.scroll_to_char(self.article.entities[next].start);
        self.article.entities.get(next)
    }

    /// The entity under the cursor.
    pub fn selected_entity(&self) -> Option<&Entity> {
        self.cursor.and_then(|i| self.article.entities.get(i))
    }

    /// Marks the search's matches and scrolls to the first.
    pub fn set_matches(&mut self, matches: Vec<Range<usize>>) {
        self.current_match = (!matches.is_empty()).then_some(0);
        self.matches = matches;
        self.rebuild();
        if let Some(first) = self.matches.first() {
            self.scroll_to_char(first.start);
        }
    }

    /// Goes to the next (1) or previous (-1) match; returns "match i of n" when there are any.
    pub fn move_match(&mut self, step: isize) -> Option<String> {
        let count = self.matches.len();
        let at = (self.current_match? as isize + step).rem_euclid(count as isize) as usize;
        self.current_match = Some(at);
        self.rebuild();
        self.scroll_to_char(self.matches[at].start);
        Some(format!("match {} of {count}", at + 1))
    }

    /// Scrolls so the body line holding char `offset` is near the top, unless it is on the
    /// article's first screen, which then stays in view with the title.
    fn scroll_to_char(&mut self, offset: usize) {
        let body_line = self
            .article
            .body
            .chars()
            .take(offset)
            .filter(|&c| c == '\n')
            .count();
        let before = &self.lines[..(self.header.len() + body_line).min(self.lines.len())];
        let (width, height) = self.viewport.get();
        let rows = Paragraph::new(before.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width);
        // `rows` come before the line: it is in view unscrolled when one more still fits.
        let on_first_screen = rows < usize::from(height);
        self.scroll = if on_first_screen {
            0
        } else {
            rows.saturating_sub(2).min(self.max_scroll())
        };
    }

    fn paragraph(&self) -> Paragraph<'_> {
        Paragraph::new(self.lines.clone()).wrap(Wrap { trim: false })
    }

    fn max_scroll(&self) -> usize {
        let (width, height) = self.viewport.get();
        let rows = match self.wrapped.get() {
            Some((w, rows)) if w == width => rows,
            _ => {
                let rows = self.paragraph().line_count(width);
                self.wrapped.set(Some((width, rows)));
                rows
            }
        };
        rows.saturating_sub(height as usize)
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, block: Block) {
        let block = block.title_bottom(theme::legend());
        let inner = block.inner(area);
        self.viewport.set((inner.width, inner.height));
        let scroll = self.scroll.min(self.max_scroll()).min(u16::MAX as usize) as u16;
        self.paragraph()
            .block(block)
            .scroll((scroll, 0))
            .render(area, buf);
        self.drawn.set((inner, scroll));
    }

    /// The entity whose name holds the word drawn at this screen position, if any. The
    /// row is drawn again, off screen, only when asked: drawing stays as cheap as it was.
    pub fn entity_at(&self, column: u16, row: u16) -> Option<&Entity> {
        let (area, scroll) = self.drawn.get();
        if !area.contains(ratatui::layout::Position::new(column, row)) {
            return None;
        }
        let line = Rect {
            y: row,
            height: 1,
            ..area
        };
        let mut drawn = Buffer::empty(line);
        self.paragraph()
            .scroll((scroll + (row - area.y), 0))
            .render(line, &mut drawn);
        let cells: Vec<&str> = drawn.content().iter().map(|c| c.symbol()).collect();
        let at = (column - area.x) as usize;
        let is_word = |cell: &&str| {
            cell.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
                && !cell.is_empty()
        };
        if !cells.get(at).is_some_and(is_word) {
            return None;
        }
        let start = (0..at)
            .rev()
            .take_while(|&i| is_word(&cells[i]))
            .last()
            .unwrap_or(at);
        let end = (at..cells.len())
            .take_while(|&i| is_word(&cells[i]))
            .last()
            .unwrap_or(at);
        let word: String = cells[start..=end].concat();
        let word = word.trim_end_matches("'s");
        self.article
            .entities
            .iter()
            .chain(&self.article.title_entities)
            .find(|e| {
                e.text
                    .split([' ', '-'])
                    .any(|w| w.trim_end_matches("'s") == word)
            })
    }
}

/// "AP, Reuters ×3": each outlet once, with how many copies it ran when more than one.
fn count_outlets(outlets: &[String]) -> String {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for outlet in outlets {
        match counted.iter_mut().find(|(name, _)| name == outlet) {
            Some((_, n)) => *n += 1,
            None => counted.push((outlet, 1)),
        }
    }
    let named = counted.iter().map(|(name, n)| {
        if *n > 1 {
            format!("{name} ×{n}")
        } else {
            name.to_string()
        }
    });
    named.collect::<Vec<_>>().join(", ")
}

fn blank_as<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}
