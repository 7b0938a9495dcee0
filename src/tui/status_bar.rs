//! The bottom line: key hints taken from the keymap, or a message.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;

/// Renders the hints ("j down  k up  …"), or `message` when there is one.
pub fn render(
    message: Option<&str>,
    hints: &[(String, &'static str)],
    area: Rect,
    buf: &mut Buffer,
) {
    let line = match message {
        Some(message) => Line::styled(message.to_string(), theme::dim()),
        None => {
            let spans = hints.iter().flat_map(|(key, hint)| {
                [
                    Span::styled(key.clone(), theme::title()),
                    Span::styled(format!(" {hint}  "), theme::dim()),
                ]
            });
            Line::from(spans.collect::<Vec<_>>())
        }
    };
    Paragraph::new(line).render(area, buf);
}
