//! Colours and styles: one per entity kind, plus the frame's own.
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::entities::Kind;

/// The style an entity of `kind` is drawn in.
pub fn entity(kind: Kind) -> Style {
    let colour = match kind {
        Kind::Person => Color::LightYellow,
        Kind::Country => Color::LightCyan,
        Kind::Place => Color::LightGreen,
        Kind::Org => Color::LightMagenta,
        Kind::Figure => Color::LightBlue,
    };
    let style = Style::new().fg(colour);
    if kind == Kind::Person {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    }
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan)
}

/// The entity the cursor is on.
pub fn cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A word the search matched; the current one stands out more.
pub fn search_match(current: bool) -> Style {
    let style = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    if current {
        style.bg(Color::Yellow).fg(Color::Black)
    } else {
        style
    }
}

/// Marks copies of the same story.
pub fn same_story() -> Style {
    Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::ITALIC)
}

pub fn error() -> Style {
    Style::new().fg(Color::LightRed)
}

/// "■ person ■ country ■ place ■ org ■ figure", each in its colour.
pub fn legend() -> Line<'static> {
    let spans = Kind::ALL.iter().flat_map(|&k| {
        [
            Span::styled(format!("■ {}", k.label()), entity(k)),
            Span::raw(" "),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}
