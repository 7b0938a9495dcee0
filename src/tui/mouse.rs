//! Where things were drawn, so a click or a wheel turn finds what is under the pointer.
use std::cell::Cell;

use ratatui::layout::{Position, Rect};

/// The rows of a list as last drawn: where, from which index, how many lines each.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowMap {
    area: Rect,
    first: usize,
    lines_per_row: usize,
}

impl RowMap {
    pub fn new(area: Rect, first: usize, lines_per_row: usize) -> RowMap {
        RowMap {
            area,
            first,
            lines_per_row: lines_per_row.max(1),
        }
    }

    /// The index of the row drawn at this screen position.
    pub fn index_at(&self, column: u16, row: u16) -> Option<usize> {
        self.area
            .contains(Position::new(column, row))
            .then(|| self.first + (row - self.area.y) as usize / self.lines_per_row)
    }
}

/// The three panes' areas at the last draw.
#[derive(Debug, Default)]
pub struct PaneAreas {
    pub list: Cell<Rect>,
    pub article: Cell<Rect>,
    pub related: Cell<Rect>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_found_under_the_pointer() {
        let map = RowMap::new(Rect::new(1, 2, 20, 10), 5, 2);
        assert_eq!(map.index_at(3, 2), Some(5));
        assert_eq!(map.index_at(3, 5), Some(6));
        assert_eq!(map.index_at(0, 5), None);
        assert_eq!(map.index_at(3, 12), None);
    }
}
