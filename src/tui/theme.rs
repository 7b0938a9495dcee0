//! Colours and styles: one per entity kind, plus the frame's own. Three palettes: dark
//! (the default), light, and mono for NO_COLOR or monochrome terminals, where entities are
//! told apart by bold, underline and italic instead. The palette in use is per thread, so
//! tests can draw in several at once.
use std::cell::RefCell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::entities::Kind;

/// Which palette to draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

/// The colours of one palette; `None` means no colour (mono).
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// Person, country, place, org, figure, in [`Kind::ALL`] order.
    pub entities: [Option<Color>; 5],
    pub dim: Option<Color>,
    pub accent: Option<Color>,
    pub same_story: Option<Color>,
    pub error: Option<Color>,
}

impl Palette {
    pub fn named(name: ThemeName) -> Palette {
        use Color::*;
        match name {
            ThemeName::Dark => Palette {
                entities: [
                    Some(LightYellow),
                    Some(LightCyan),
                    Some(LightGreen),
                    Some(LightMagenta),
                    Some(LightBlue),
                ],
                dim: Some(DarkGray),
                accent: Some(Cyan),
                same_story: Some(LightGreen),
                error: Some(LightRed),
            },
            ThemeName::Light => Palette {
                entities: [
                    Some(Indexed(130)),
                    Some(Indexed(25)),
                    Some(Indexed(28)),
                    Some(Indexed(90)),
                    Some(Indexed(31)),
                ],
                dim: Some(Indexed(244)),
                accent: Some(Blue),
                same_story: Some(Indexed(28)),
                error: Some(Red),
            },
            ThemeName::Mono => Palette {
                entities: [None; 5],
                dim: None,
                accent: None,
                same_story: None,
                error: None,
            },
        }
    }

    fn is_mono(&self) -> bool {
        self.entities.iter().all(Option::is_none)
    }
}

thread_local! {
    static PALETTE: RefCell<Palette> = RefCell::new(Palette::named(ThemeName::Dark));
}

/// Draws with `palette` on this thread from now on.
pub fn use_palette(palette: Palette) {
    PALETTE.with(|p| *p.borrow_mut() = palette);
}

fn palette<T>(read: impl FnOnce(&Palette) -> T) -> T {
    PALETTE.with(|p| read(&p.borrow()))
}

/// The palette's colour for this purpose, or in mono the modifier that stands for it.
fn coloured(colour: fn(&Palette) -> Option<Color>, in_mono: Modifier) -> Style {
    palette(|p| {
        if p.is_mono() {
            Style::new().add_modifier(in_mono)
        } else {
            fg(colour(p))
        }
    })
}

fn fg(colour: Option<Color>) -> Style {
    colour.map_or(Style::new(), |c| Style::new().fg(c))
}

/// The style an entity of `kind` is drawn in. In mono, the modifiers alone tell the kinds
/// apart: person bold, country underlined, place italic, org bold italic, figure
/// underlined italic.
pub fn entity(kind: Kind) -> Style {
    let index = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    palette(|p| {
        let style = fg(p.entities[index]);
        let marks = if p.is_mono() {
            [
                Modifier::BOLD,
                Modifier::UNDERLINED,
                Modifier::ITALIC,
                Modifier::BOLD | Modifier::ITALIC,
                Modifier::UNDERLINED | Modifier::ITALIC,
            ][index]
        } else if kind == Kind::Person {
            Modifier::BOLD
        } else {
            Modifier::empty()
        };
        style.add_modifier(marks)
    })
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    coloured(|p| p.dim, Modifier::DIM)
}

/// An empty pane: its block, and dimmed in it why it is empty.
pub fn note_in(block: Block, note: &str, area: Rect, buf: &mut Buffer) {
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(Span::styled(note, dim())).render(inner, buf);
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn focused_border() -> Style {
    coloured(|p| p.accent, Modifier::BOLD)
}

/// The entity the cursor is on.
pub fn cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A word the search matched; the current one stands out more.
pub fn search_match(current: bool) -> Style {
    let style = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    match (current, palette(Palette::is_mono)) {
        (false, _) => style,
        (true, true) => style.add_modifier(Modifier::REVERSED),
        (true, false) => style.bg(Color::Yellow).fg(Color::Black),
    }
}

/// Marks copies of the same story.
pub fn same_story() -> Style {
    palette(|p| fg(p.same_story)).add_modifier(Modifier::ITALIC)
}

pub fn error() -> Style {
    coloured(|p| p.error, Modifier::BOLD)
}

/// An unread story in the list.
pub fn unread() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// "■ person ■ country ■ place ■ org ■ figure", each in its style.
pub fn legend() -> Line<'static> {
    let spans = Kind::ALL.iter().flat_map(|&k| {
        [
            Span::styled(format!("■ {}", k.label()), entity(k)),
            Span::raw(" "),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}
