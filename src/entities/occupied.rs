//! A set of non-overlapping ranges (of bytes or chars), to decide in log time whether a
//! new mention overlaps one already taken.
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Occupied {
    /// start → end of each range taken.
    ranges: BTreeMap<usize, usize>,
}

impl Occupied {
    /// True if `start..end` overlaps a range already taken.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let before = self.ranges.range(..end).next_back();
        before.is_some_and(|(_, &taken_end)| taken_end > start)
    }

    /// Takes `start..end` unless it overlaps; returns whether it was taken.
    pub fn take(&mut self, start: usize, end: usize) -> bool {
        let free = !self.overlaps(start, end);
        if free {
            self.ranges.insert(start, end);
        }
        free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_ranges_are_refused() {
        let mut occupied = Occupied::default();
        assert!(occupied.take(10, 20));
        assert!(!occupied.take(15, 25));
        assert!(!occupied.take(5, 11));
        assert!(!occupied.take(12, 13));
        assert!(occupied.take(20, 30));
        assert!(occupied.take(0, 10));
    }
}
