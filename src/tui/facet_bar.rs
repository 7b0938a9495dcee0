//! The facet bar under the search: the people and countries most named among the hits,
//! with counts; one can be picked (`f`) and added to the search (`+`).
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::entities::countries::Gazetteer;
use crate::entities::Kind;
use crate::library::query::entity_clause;
use crate::library::Facets;

/// One facet: what is shown, how many hits, and the clause that narrows to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Facet {
    pub label: String,
    pub count: usize,
    pub clause: String,
}

#[derive(Default)]
pub struct FacetBar {
    pub items: Vec<Facet>,
    pub selected: Option<usize>,
}

impl FacetBar {
    /// The bar for a search's facets: people first, then countries by name.
    pub fn new(facets: &Facets, countries: &Gazetteer) -> FacetBar {
        let people = facets.people.iter().map(|(name, count)| Facet {
            label: name.clone(),
            count: *count,
            clause: entity_clause(Kind::Person, name).unwrap_or_default(),
        });
        let places = facets.countries.iter().map(|(code, count)| Facet {
            label: countries.name_of(code),
            count: *count,
            clause: entity_clause(Kind::Country, code).unwrap_or_default(),
        });
        FacetBar {
            items: people.chain(places).collect(),
            selected: None,
        }
    }

    /// Picks the next facet, round and round; returns it.
    pub fn select_next(&mut self) -> Option<&Facet> {
        if self.items.is_empty() {
            return None;
        }
        let next = self.selected.map_or(0, |i| (i + 1) % self.items.len());
        self.selected = Some(next);
        self.items.get(next)
    }

    pub fn selected_facet(&self) -> Option<&Facet> {
        self.selected.and_then(|i| self.items.get(i))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for (i, facet) in self.items.iter().enumerate() {
            let style = if Some(i) == self.selected {
                theme::selected()
            } else {
                theme::dim()
            };
            spans.push(Span::styled(
                format!("{} {}", facet.label, facet.count),
                style,
            ));
            spans.push(Span::raw("  "));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}
