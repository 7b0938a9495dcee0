//! Keys to actions: one table, looked up by the focused pane first, then globally.
//! The hint bar is built from the same table, so it always tells the truth.
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::Focus;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Pane(Focus),
}

/// One binding: scope, key, action, and the label shown in the hint bar (if any).
pub struct Binding {
    pub scope: Scope,
    pub key: KeyCode,
    pub action: Action,
    pub hint: Option<&'static str>,
}

const fn bind(scope: Scope, key: KeyCode, action: Action, hint: Option<&'static str>) -> Binding {
    Binding {
        scope,
        key,
        action,
        hint,
    }
}

use Scope::Global;

/// The default keymap: one binding a line, so it reads as a table.
#[rustfmt::skip]
pub const DEFAULT: &[Binding] = &[
    bind(Global, KeyCode::Char('q'), Action::Quit, Some("quit")),
    bind(Global, KeyCode::Char('j'), Action::Down, Some("down")),
    bind(Global, KeyCode::Down, Action::Down, None),
    bind(Global, KeyCode::Char('k'), Action::Up, Some("up")),
    bind(Global, KeyCode::Up, Action::Up, None),
    bind(Global, KeyCode::PageDown, Action::PageDown, None),
    bind(Global, KeyCode::PageUp, Action::PageUp, None),
    bind(Global, KeyCode::Char(' '), Action::PageDown, None),
    bind(Global, KeyCode::Char('g'), Action::Top, None),
    bind(Global, KeyCode::Home, Action::Top, None),
    bind(Global, KeyCode::Char('G'), Action::Bottom, None),
    bind(Global, KeyCode::End, Action::Bottom, None),
    bind(Global, KeyCode::Tab, Action::NextPane, Some("pane")),
    bind(Global, KeyCode::BackTab, Action::PreviousPane, None),
    bind(Global, KeyCode::Enter, Action::Open, Some("open")),
    bind(Global, KeyCode::Backspace, Action::Back, Some("back")),
    bind(Global, KeyCode::Char('H'), Action::Back, None),
    bind(Global, KeyCode::Char('L'), Action::Forward, Some("forward")),
    bind(Global, KeyCode::Char('t'), Action::ToggleThread, Some("thread")),
    bind(Global, KeyCode::Char(']'), Action::NextEntity, Some("entity")),
    bind(Global, KeyCode::Char('['), Action::PreviousEntity, None),
    bind(Global, KeyCode::Char('n'), Action::NextMatch, Some("match")),
    bind(Global, KeyCode::Char('N'), Action::PreviousMatch, None),
    bind(Global, KeyCode::Char('b'), Action::ToggleRemoved, Some("boilerplate")),
    bind(Global, KeyCode::Char('f'), Action::NextFacet, Some("facet")),
    bind(Global, KeyCode::Char('+'), Action::NarrowByFacet, None),
    bind(Global, KeyCode::Char('/'), Action::StartSearch, Some("search")),
    bind(Global, KeyCode::Esc, Action::Cancel, Some("clear")),
    bind(Global, KeyCode::Char('S'), Action::Sync, Some("sync")),
];

/// The action bound to a key in the focused pane (pane bindings win over global ones).
pub fn action_for(key: KeyEvent, focus: Focus) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let matches = |b: &&Binding| b.key == key.code;
    let pane = DEFAULT
        .iter()
        .filter(matches)
        .find(|b| b.scope == Scope::Pane(focus));
    pane.or_else(|| DEFAULT.iter().filter(matches).find(|b| b.scope == Global))
        .map(|b| b.action)
}

/// `(key, label)` pairs for the hint bar.
pub fn hints() -> Vec<(String, &'static str)> {
    DEFAULT
        .iter()
        .filter_map(|b| b.hint.map(|hint| (key_name(b.key), hint)))
        .collect()
}

/// How a key is written in hints: "j", "Enter", "Tab".
pub fn key_name(key: KeyCode) -> String {
    match key {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_bound_once_per_scope() {
        for (i, a) in DEFAULT.iter().enumerate() {
            for b in &DEFAULT[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.key == b.key),
                    "{:?} bound twice",
                    a.key
                );
            }
        }
    }

    #[test]
    fn looks_keys_up() {
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for(key('j'), Focus::List), Some(Action::Down));
        assert_eq!(
            action_for(key('/'), Focus::Article),
            Some(Action::StartSearch)
        );
        assert_eq!(action_for(key('x'), Focus::List), None);
        assert_eq!(
            action_for(
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Focus::List
            ),
            Some(Action::Quit)
        );
    }
}
