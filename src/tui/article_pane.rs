//! The article: title, source and date, and the body with its entities highlighted.
use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::action::Motion;
use super::highlight::highlight;
use super::theme;
use crate::article::Article;

/// The open article, its styled lines (built once) and the scroll position.
pub struct ArticleView {
    pub article: Article,
    lines: Vec<Line<'static>>,
    pub scroll: usize,
    /// Width and height of the last render, to keep scrolling inside the text.
    viewport: Cell<(u16, u16)>,
}

impl ArticleView {
    /// The view of `article`; `also_from` names the outlets that ran the same story.
    pub fn new(article: Article, also_from: &[String]) -> ArticleView {
        let mut lines = highlight(&article.title, &article.title_entities, theme::title());
        let meta = format!(
            "{} · {}",
            blank_as(&article.source, "unknown source"),
            article.date.as_deref().unwrap_or("undated")
        );
        lines.push(Line::from(Span::styled(meta, theme::dim())));
        if !also_from.is_empty() {
            let note = format!("Same story also from {} (in Related)", also_from.join(", "));
            lines.push(Line::from(Span::styled(note, theme::same_story())));
        }
        lines.push(Line::default());
        lines.extend(highlight(
            &article.body,
            &article.entities,
            ratatui::style::Style::new(),
        ));
        ArticleView {
            article,
            lines,
            scroll: 0,
            viewport: Cell::new((80, 24)),
        }
    }

    /// Scrolls, staying inside the text; a page is the pane's height less two lines of overlap.
    pub fn apply(&mut self, motion: Motion) {
        let page = (self.viewport.get().1 as usize).saturating_sub(2);
        self.scroll = motion.apply(self.scroll, self.max_scroll(), page);
    }

    fn paragraph(&self) -> Paragraph<'_> {
        Paragraph::new(self.lines.clone()).wrap(Wrap { trim: false })
    }

    fn max_scroll(&self) -> usize {
        let (width, height) = self.viewport.get();
        self.paragraph()
            .line_count(width)
            .saturating_sub(height as usize)
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
    }
}

fn blank_as<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}
