//! Keys to actions: one table of defaults, which the config file's `[keys]` table can
//! change action by action. The hint bar and the help overlay are built from the keymap
//! in use, so they always tell the truth.
use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, ACTIONS};

/// A key with the modifiers that matter (Ctrl and Alt; Shift is in the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// One binding: key, action, and the label shown in the hint bar (if any).
#[derive(Debug, Clone)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    pub hint: Option<&'static str>,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

const fn bind(code: KeyCode, action: Action, hint: Option<&'static str>) -> Binding {
    Binding {
        key: plain(code),
        action,
        hint,
    }
}

use KeyCode::Char;

/// The default keymap: one binding a line, so it reads as a table.
#[rustfmt::skip]
const DEFAULT: &[Binding] = &[
    bind(Char('?'), Action::Help, Some("help")),
    bind(Char('q'), Action::Quit, Some("quit")),
    bind(Char('j'), Action::Down, Some("down")),
    bind(KeyCode::Down, Action::Down, None),
    bind(Char('k'), Action::Up, Some("up")),
    bind(KeyCode::Up, Action::Up, None),
    bind(KeyCode::PageDown, Action::PageDown, None),
    bind(KeyCode::PageUp, Action::PageUp, None),
    bind(Char(' '), Action::PageDown, None),
    bind(Char('g'), Action::Top, None),
    bind(KeyCode::Home, Action::Top, None),
    bind(Char('G'), Action::Bottom, None),
    bind(KeyCode::End, Action::Bottom, None),
    bind(KeyCode::Tab, Action::NextPane, Some("pane")),
    bind(KeyCode::BackTab, Action::PreviousPane, None),
    bind(KeyCode::Enter, Action::Open, Some("open")),
    bind(KeyCode::Backspace, Action::Back, Some("back")),
    bind(Char('H'), Action::Back, None),
    bind(Char('L'), Action::Forward, None),
    bind(Char('t'), Action::ToggleThread, Some("thread")),
    bind(Char(']'), Action::NextEntity, None),
    bind(Char('['), Action::PreviousEntity, None),
    bind(Char('n'), Action::NextMatch, None),
    bind(Char('N'), Action::PreviousMatch, None),
    bind(Char('b'), Action::ToggleRemoved, None),
    bind(Char('f'), Action::NextFacet, None),
    bind(Char('+'), Action::NarrowByFacet, None),
    bind(Char('/'), Action::StartSearch, Some("search")),
    bind(KeyCode::Esc, Action::Cancel, None),
    bind(Char('S'), Action::Sync, Some("sync")),
    bind(Char('s'), Action::ToggleStar, Some("star")),
    bind(Char('m'), Action::ToggleRead, None),
    bind(Char('U'), Action::UnreadOnly, Some("unread")),
    bind(Char('*'), Action::StarredOnly, None),
    bind(Char('r'), Action::ToggleSort, None),
    bind(Char('o'), Action::OpenLink, None),
    bind(Char('y'), Action::CopyLink, None),
    bind(Char('e'), Action::EntityList, Some("entities")),
    bind(Char('W'), Action::WhoAndWhere, None),
];

/// The keys in use.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULT.to_vec(),
        }
    }
}

impl Keymap {
    /// The defaults, with the keys of each action named in `overrides` (action name →
    /// keys, as in the config file's `[keys]` table) replaced.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        for (name, keys) in overrides {
            let action =
                Action::from_name(name).ok_or_else(|| format!("unknown action '{name}'"))?;
            let keys = keys
                .iter()
                .map(|k| parse_key(k))
                .collect::<Result<Vec<_>, _>>()?;
            let hint = keymap
                .bindings
                .iter()
                .find(|b| b.action == action)
                .and_then(|b| b.hint);
            keymap
                .bindings
                .retain(|b| b.action != action && !keys.contains(&b.key));
            for (i, key) in keys.into_iter().enumerate() {
                keymap.bindings.push(Binding {
                    key,
                    action,
                    hint: hint.filter(|_| i == 0),
                });
            }
        }
        Ok(keymap)
    }

    /// The action bound to a key press. Ctrl-C always quits, whatever the config says.
    pub fn action_for(&self, event: KeyEvent) -> Option<Action> {
        let key = Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        };
        if key.ctrl && key.code == Char('c') {
            return Some(Action::Quit);
        }
        self.bindings
            .iter()
            .find(|b| b.key == key)
            .map(|b| b.action)
    }

    /// `(key, label)` pairs for the hint bar.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter_map(|b| b.hint.map(|hint| (key_name(b.key), hint)))
            .collect()
    }

    /// `(keys, what the action does)` for every bound action, in the order of [`ACTIONS`].
    pub fn help(&self) -> Vec<(String, &'static str)> {
        ACTIONS
            .iter()
            .filter_map(|(action, _, text)| {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|b| b.action == *action)
                    .map(|b| key_name(b.key))
                    .collect();
                (!keys.is_empty()).then(|| (keys.join(" "), *text))
            })
            .collect()
    }
}

/// Reads a key as the config file writes it: "j", "G", "?", "space", "enter", "pagedown",
/// "ctrl-d", "alt-x", "f5".
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut key = plain(Char(' '));
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(tail) = lower
            .strip_prefix("ctrl-")
            .map(|t| &rest[rest.len() - t.len()..])
        {
            (key.ctrl, rest) = (true, tail);
        } else if let Some(tail) = lower
            .strip_prefix("alt-")
            .map(|t| &rest[rest.len() - t.len()..])
        {
            (key.alt, rest) = (true, tail);
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    key.code = match (chars.next(), chars.next()) {
        (Some(c), None) => Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
        _ => {
            named_key(&rest.to_ascii_lowercase()).ok_or_else(|| format!("unknown key '{text}'"))?
        }
    };
    Ok(key)
}

fn named_key(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" => Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "delete" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        _ => KeyCode::F(
            name.strip_prefix('f')?
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))?,
        ),
    })
}

/// How a key is written in hints and help: "j", "Enter", "Ctrl-d".
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => other.to_string(),
    };
    let ctrl = if key.ctrl { "Ctrl-" } else { "" };
    let alt = if key.alt { "Alt-" } else { "" };
    format!("{ctrl}{alt}{base}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_key_is_bound_once_and_every_action_has_a_name() {
        for (i, a) in DEFAULT.iter().enumerate() {
            assert!(!a.action.name().is_empty(), "{:?} has no name", a.action);
            for b in &DEFAULT[i + 1..] {
                assert!(a.key != b.key, "{:?} bound twice", a.key);
            }
        }
        for (i, (_, name, _)) in ACTIONS.iter().enumerate() {
            assert!(
                ACTIONS[i + 1..].iter().all(|(_, other, _)| other != name),
                "{name} twice"
            );
        }
    }

    #[test]
    fn looks_keys_up() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.action_for(press(Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action_for(press(Char('S'), KeyModifiers::SHIFT)),
            Some(Action::Sync)
        );
        assert_eq!(
            keymap.action_for(press(Char('j'), KeyModifiers::CONTROL)),
            None
        );
        assert_eq!(
            keymap.action_for(press(Char('x'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            keymap.action_for(press(Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn the_config_can_rebind_an_action() {
        let overrides = BTreeMap::from([(
            "down".to_string(),
            vec!["ctrl-n".to_string(), "x".to_string()],
        )]);
        let keymap = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(
            keymap.action_for(press(Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action_for(press(Char('x'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action_for(press(Char('j'), KeyModifiers::NONE)),
            None,
            "j is no longer down"
        );
        assert!(keymap
            .help()
            .iter()
            .any(|(keys, text)| keys == "Ctrl-n x" && text.starts_with("next row")));
        let unknown = BTreeMap::from([("fly".to_string(), vec!["f".to_string()])]);
        assert_eq!(
            Keymap::with_overrides(&unknown).unwrap_err(),
            "unknown action 'fly'"
        );
        let bad_key = BTreeMap::from([("down".to_string(), vec!["hyper-j".to_string()])]);
        assert!(Keymap::with_overrides(&bad_key)
            .unwrap_err()
            .contains("hyper-j"));
    }
}
