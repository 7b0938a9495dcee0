//! Turns text plus entity spans (char offsets) into styled lines, and lays marks (the
//! selected entity, the words a search matched) over them.
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme;
use crate::entities::Entity;

/// Styled lines of `text` (split at `\n`): each entity in its kind's style on top of
/// `base`, and each mark's style on top of that. Marks are sorted and do not overlap.
pub fn highlight(
    text: &str,
    entities: &[Entity],
    marks: &[(Range<usize>, Style)],
    base: Style,
) -> Vec<Line<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let clamp = |r: Range<usize>| r.start.min(chars.len())..r.end.min(chars.len());
    let spans: Vec<(Range<usize>, Style)> = entities
        .iter()
        .map(|e| (clamp(e.start..e.end), theme::entity(e.kind)))
        .collect();
    let marks: Vec<(Range<usize>, Style)> =
        marks.iter().map(|(r, s)| (clamp(r.clone()), *s)).collect();
    let mut cuts: Vec<usize> = spans
        .iter()
        .chain(&marks)
        .flat_map(|(r, _)| [r.start, r.end])
        .chain([0, chars.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut lines = vec![Line::default()];
    let (mut entity, mut mark) = (0, 0);
    for window in cuts.windows(2) {
        let (from, to) = (window[0], window[1]);
        let style = base
            .patch(covering(&spans, &mut entity, from))
            .patch(covering(&marks, &mut mark, from));
        push(&mut lines, &chars[from..to], style);
    }
    lines
}

/// The style of the range covering `at`, advancing `next` through ranges sorted by start.
fn covering(ranges: &[(Range<usize>, Style)], next: &mut usize, at: usize) -> Style {
    while ranges.get(*next).is_some_and(|(r, _)| r.end <= at) {
        *next += 1;
    }
    match ranges.get(*next) {
        Some((range, style)) if range.contains(&at) => *style,
        _ => Style::new(),
    }
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
    use ratatui::style::Modifier;

    #[test]
    fn styles_entities_marks_and_splits_lines() {
        let person = Entity {
            kind: Kind::Person,
            text: "Lee".into(),
            start: 4,
            end: 7,
            canonical: "Lee".into(),
            subtype: None,
            country: None,
        };
        let mark = Style::new().add_modifier(Modifier::UNDERLINED);
        let lines = highlight("Mr. Lee\nsaid", &[person], &[(5..7, mark)], Style::new());
        assert_eq!(lines.len(), 2);
        let spans: Vec<(&str, Style)> = lines[0]
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            spans,
            [
                ("Mr. ", Style::new()),
                ("L", theme::entity(Kind::Person)),
                ("ee", theme::entity(Kind::Person).patch(mark))
            ]
        );
        assert_eq!(lines[1].spans[0].content, "said");
    }
}
