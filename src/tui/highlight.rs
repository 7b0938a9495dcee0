//! Turns text plus entity spans (char offsets) into styled lines, once per article.
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme;
use crate::entities::Entity;

/// Styled lines of `text` (split at `\n`), each entity in its kind's style on top of `base`.
pub fn highlight(text: &str, entities: &[Entity], base: Style) -> Vec<Line<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = vec![Line::default()];
    let mut position = 0;
    for entity in entities {
        let (start, end) = (entity.start.min(chars.len()), entity.end.min(chars.len()));
        if start < position || start >= end {
            continue;
        }
        push(&mut lines, &chars[position..start], base);
        push(
            &mut lines,
            &chars[start..end],
            base.patch(theme::entity(entity.kind)),
        );
        position = end;
    }
    push(&mut lines, &chars[position..], base);
    lines
}

fn push(lines: &mut Vec<Line<'static>>, chars: &[char], style: Style) {
    let text: String = chars.iter().collect();
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        if !part.is_empty() {
            lines
                .last_mut()
                .expect("never empty")
                .push_span(Span::styled(part.to_string(), style));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    #[test]
    fn styles_entities_and_splits_lines() {
        let person = Entity {
            kind: Kind::Person,
            text: "Lee".into(),
            start: 4,
            end: 7,
            canonical: "Lee".into(),
            subtype: None,
        };
        let lines = highlight("Mr. Lee\nsaid", &[person], Style::new());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].spans[1].content, "Lee");
        assert_eq!(lines[0].spans[1].style, theme::entity(Kind::Person));
        assert_eq!(lines[1].spans[0].content, "said");
    }
}
