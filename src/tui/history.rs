//! Where the reader has been: back and forward, like a browser, scroll position included.

/// An article and how far down it the reader was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: String,
    pub scroll: usize,
}

#[derive(Default)]
pub struct History {
    back: Vec<Visit>,
    forward: Vec<Visit>,
}

impl History {
    /// Leaving `from` for a new article: it can be come back to; the forward list ends.
    pub fn leave(&mut self, from: Visit) {
        self.back.push(from);
        self.forward.clear();
    }

    /// The visit before `current`, which becomes the next forward one.
    pub fn back(&mut self, current: Option<Visit>) -> Option<Visit> {
        let previous = self.back.pop()?;
        self.forward.extend(current);
        Some(previous)
    }

    /// The visit after `current`, which becomes the next back one.
    pub fn forward(&mut self, current: Option<Visit>) -> Option<Visit> {
        let next = self.forward.pop()?;
        self.back.extend(current);
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: &str, scroll: usize) -> Visit {
        Visit {
            id: id.into(),
            scroll,
        }
    }

    #[test]
    fn back_and_forward_return_exactly() {
        let mut history = History::default();
        history.leave(at("a", 3));
        history.leave(at("b", 7));
        assert_eq!(history.back(Some(at("c", 1))), Some(at("b", 7)));
        assert_eq!(history.back(Some(at("b", 9))), Some(at("a", 3)));
        assert_eq!(history.back(Some(at("a", 3))), None);
        assert_eq!(history.forward(Some(at("a", 4))), Some(at("b", 9)));
        assert_eq!(history.forward(Some(at("b", 9))), Some(at("c", 1)));
        history.leave(at("c", 1));
        assert_eq!(
            history.forward(Some(at("d", 0))),
            None,
            "a new visit ends the forward list"
        );
    }
}
