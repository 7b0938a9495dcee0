//! What the user has read and starred, kept across runs in `reading.log` in the data
//! folder: one line appended per change ("r ID", "u ID", "s ID", "x ID"), replayed on
//! open and rewritten shorter when it has grown. An append cannot corrupt what is
//! already there; a torn last line is ignored.
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

const FILE: &str = "reading.log";

/// Read and starred stories by id.
#[derive(Debug, Default)]
pub struct ReadingState {
    read: HashSet<String>,
    starred: HashSet<String>,
    log: Option<(PathBuf, File)>,
}

impl ReadingState {
    /// Loads the state kept in `data_dir`, compacting its log when it has grown.
    pub fn open(data_dir: &Path) -> std::io::Result<ReadingState> {
        let path = data_dir.join(FILE);
        let mut state = ReadingState::default();
        let mut lines = 0;
        if let Ok(file) = File::open(&path) {
            for line in BufReader::new(file).lines().map_while(Result::ok) {
                state.replay(&line);
                lines += 1;
            }
        }
        if lines > 2 * (state.read.len() + state.starred.len()) + 1_000 {
            state.rewrite(&path)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        state.log = Some((path, file));
        Ok(state)
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.starred.contains(id)
    }

    /// Marks a story read or unread; nothing is written when nothing changes.
    pub fn set_read(&mut self, id: &str, read: bool) {
        let changed = if read {
            self.read.insert(id.to_string())
        } else {
            self.read.remove(id)
        };
        if changed {
            self.append(if read { 'r' } else { 'u' }, id);
        }
    }

    /// Stars or unstars a story; returns whether it is starred now.
    pub fn toggle_star(&mut self, id: &str) -> bool {
        let starred = !self.starred.remove(id);
        if starred {
            self.starred.insert(id.to_string());
        }
        self.append(if starred { 's' } else { 'x' }, id);
        starred
    }

    fn replay(&mut self, line: &str) {
        let Some((op, id)) = line.split_once(' ') else {
            return;
        };
        let id = id.to_string();
        match op {
            "r" => self.read.insert(id),
            "u" => self.read.remove(&id),
            "s" => self.starred.insert(id),
            "x" => self.starred.remove(&id),
            _ => false,
        };
    }

    /// A lost line costs a mark, not the library: errors are not worth stopping the reader.
    fn append(&mut self, op: char, id: &str) {
        if let Some((_, file)) = self.log.as_mut() {
            let _ = writeln!(file, "{op} {id}");
        }
    }

    fn rewrite(&self, path: &Path) -> std::io::Result<()> {
        let mut text = String::new();
        for id in &self.read {
            text.push_str(&format!("r {id}\n"));
        }
        for id in &self.starred {
            text.push_str(&format!("s {id}\n"));
        }
        crate::files::write_atomically(path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_kept_across_runs() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = ReadingState::open(dir.path()).unwrap();
        state.set_read("a", true);
        state.set_read("b", true);
        state.set_read("b", false);
        assert!(state.toggle_star("c"));
        assert!(state.toggle_star("d"));
        assert!(!state.toggle_star("d"));
        drop(state);
        let again = ReadingState::open(dir.path()).unwrap();
        assert!(again.is_read("a") && !again.is_read("b"));
        assert!(again.is_starred("c") && !again.is_starred("d"));
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_a_long_log_compacted() {
        let dir = tempfile::tempdir().unwrap();
        let flips: String = (0..3_000)
            .map(|i| if i % 2 == 0 { "s x\n" } else { "x x\n" })
            .collect();
        std::fs::write(dir.path().join(FILE), format!("r a\n{flips}r")).unwrap();
        let state = ReadingState::open(dir.path()).unwrap();
        assert!(state.is_read("a") && !state.is_starred("x"));
        let lines = std::fs::read_to_string(dir.path().join(FILE))
            .unwrap()
            .lines()
            .count();
        assert_eq!(lines, 1, "rewritten to what it holds");
    }
}
