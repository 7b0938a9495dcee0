//! Windows over the panes: the help generated from the keymap and the query language, the
//! people and countries of the open story, and the library's "who and where" with a trend
//! line each.
use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::action::Motion;
use super::fit::{fit, window_start};
use super::theme;
use crate::entities::Kind;

/// One thing to pick: an entity with its count, the query that finds it, and a trend.
#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub kind: Kind,
    pub label: String,
    pub count: u64,
    pub query: String,
    pub trend: Vec<u64>,
}

/// The window open over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// `(keys, what they do)`, how far it is scrolled, and how many rows the last render
    /// showed (so that scrolling stops with the last row at the bottom).
    Help {
        rows: Vec<(String, &'static str)>,
        scroll: usize,
        visible: Cell<usize>,
    },
    /// A list to pick from; Enter searches for the selected item.
    Pick {
        title: String,
        items: Vec<PickItem>,
        selected: usize,
    },
}

impl Overlay {
    pub fn apply(&mut self, motion: Motion) {
        match self {
            Overlay::Help {
                rows,
                scroll,
                visible,
            } => {
                let page = visible.get().max(1);
                *scroll = motion.apply(*scroll, rows.len().saturating_sub(page), page)
            }
            Overlay::Pick {
                items, selected, ..
            } => *selected = motion.apply(*selected, items.len().saturating_sub(1), 10),
        }
    }

    /// The query of the selected item, if this is a list to pick from.
    pub fn selected_query(&self) -> Option<&str> {
        match self {
            Overlay::Pick {
                items, selected, ..
            } => items.get(*selected).map(|i| i.query.as_str()),
            Overlay::Help { .. } => None,
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let area = centered(area);
        Clear.render(area, buf);
        let (title, lines) = match self {
            Overlay::Help {
                rows,
                scroll,
                visible,
            } => {
                visible.set(area.height.saturating_sub(2) as usize);
                (
                    " Keys, then searching (j k scroll, Esc closes) ".to_string(),
                    help_lines(rows, *scroll, area.width),
                )
            }
            Overlay::Pick {
                title,
                items,
                selected,
            } => (
                format!(" {title} (Enter searches, Esc closes) "),
                pick_lines(items, *selected, area),
            ),
        };
        let block = Block::bordered()
            .title(title)
            .border_style(theme::focused_border());
        let inner = block.inner(area);
        block.render(area, buf);
        Paragraph::new(lines).render(inner, buf);
    }
}

/// Most of the screen, leaving the panes visible around it.
fn centered(area: Rect) -> Rect {
    let width = (area.width * 4 / 5).max(area.width.min(40));
    let height = (area.height * 4 / 5).max(area.height.min(10));
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn help_lines(rows: &[(String, &'static str)], scroll: usize, width: u16) -> Vec<Line<'static>> {
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let text_width = (width as usize).saturating_sub(key_width + 4);
    rows.iter()
        .skip(scroll)
        .map(|(keys, text)| {
            Line::from(vec![
                Span::styled(
                    format!("{:<key_width$}  ", fit(keys, key_width)),
                    theme::title(),
                ),
                Span::raw(fit(text, text_width)),
            ])
        })
        .collect()
}

/// "Lee Jae-myung      12  ▁▂▅█▃", the selected row reversed.
fn pick_lines(items: &[PickItem], selected: usize, area: Rect) -> Vec<Line<'static>> {
    let visible = area.height.saturating_sub(2) as usize;
    let trend_width = items.iter().map(|i| i.trend.len()).max().unwrap_or(0);
    let label_width = (area.width as usize)
        .saturating_sub(trend_width + 12)
        .min(40);
    items
        .iter()
        .enumerate()
        .skip(window_start(selected, visible))
        .take(visible)
        .map(|(i, item)| {
            let line = Line::from(vec![
                Span::styled(
                    format!("{:<label_width$}", fit(&item.label, label_width)),
                    theme::entity(item.kind),
                ),
                Span::styled(format!(" {:>6}  ", item.count), theme::dim()),
                Span::raw(sparkline(&item.trend)),
            ]);
            if i == selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect()
}

/// Counts as block characters, scaled to the largest.
pub fn sparkline(values: &[u64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let most = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|&v| {
            if v == 0 {
                ' '
            } else {
                BARS[((v * 7) / most) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sparklines_scale_to_the_largest() {
        assert_eq!(super::sparkline(&[0, 1, 4, 8]), " ▁▄█");
        assert_eq!(super::sparkline(&[]), "");
    }
}
