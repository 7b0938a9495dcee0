//! Reading state in the reader: read and starred marks, the list's filters and sort, and
//! the story's link (opened in the browser or copied).
use super::App;
use crate::library::{ListEntry, Summary};

/// Which stories the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub unread_only: bool,
    pub starred_only: bool,
}

impl App {
    /// Do the filters let this story through?
    fn shows(&self, id: &str) -> bool {
        (!self.filter.unread_only || !self.reading.is_read(id))
            && (!self.filter.starred_only || self.reading.is_starred(id))
    }

    /// The rows the filters let through.
    pub(super) fn filtered(&self, mut rows: Vec<Summary>) -> Vec<Summary> {
        rows.retain(|row| self.shows(&row.id));
        rows
    }

    /// The entries the filters let through (their ids come from a fast field).
    pub(super) fn filtered_entries(
        &self,
        mut entries: Vec<ListEntry>,
    ) -> crate::library::Result<Vec<ListEntry>> {
        if self.filter == ListFilter::default() {
            return Ok(entries);
        }
        let ids = self.library.ids_of(&entries)?;
        let mut keep = ids.iter().map(|id| self.shows(id));
        entries.retain(|_| keep.next().unwrap_or(false));
        Ok(entries)
    }

    pub(super) fn toggle_star(&mut self) {
        let Some(id) = self.open_id() else { return };
        let starred = self.reading.toggle_star(&id);
        self.message = Some(if starred { "starred" } else { "unstarred" }.into());
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(id) = self.open_id() else { return };
        let read = !self.reading.is_read(&id);
        self.reading.set_read(&id, read);
        self.message = Some(if read { "marked read" } else { "marked unread" }.into());
    }

    /// Switches a filter and shows the list (or the hits) through it.
    pub(super) fn toggle_filter(&mut self, change: fn(&mut ListFilter)) {
        change(&mut self.filter);
        self.message = Some(
            self.filter_label()
                .map_or("showing every story".into(), |label| {
                    format!("showing {label} stories")
                }),
        );
        self.refresh_rows();
    }

    /// "unread", "starred", "unread starred", or nothing without a filter.
    pub fn filter_label(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.filter.unread_only {
            parts.push("unread");
        }
        if self.filter.starred_only {
            parts.push("starred");
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    pub(super) fn toggle_sort(&mut self) {
        self.sort_by_date = !self.sort_by_date;
        self.message = Some(
            if self.sort_by_date {
                "search hits by date, newest first"
            } else {
                "search hits by relevance"
            }
            .into(),
        );
        self.refresh_rows();
    }

    /// Shows the rows again: the search's hits when searching, else every story.
    fn refresh_rows(&mut self) {
        if self.search.is_active() {
            self.set_query(self.search.query.clone());
        } else {
            self.show_list();
        }
    }

    /// Opens the story's link with `$BROWSER`, or the system's opener.
    pub(super) fn open_link(&mut self) {
        let Some(url) = self.open_url() else { return };
        let opener = std::env::var("BROWSER")
            .ok()
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| {
                if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                }
                .to_string()
            });
        let started = std::process::Command::new(&opener)
            .arg(&url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        self.message = Some(match started {
            Ok(_) => format!("opening {url}"),
            Err(error) => format!("cannot run {opener}: {error}"),
        });
    }

    /// Asks the terminal to copy the story's link (OSC 52, written by the event loop).
    pub(super) fn copy_link(&mut self) {
        let Some(url) = self.open_url() else { return };
        self.message = Some(format!("copied {url} (where the terminal allows OSC 52)"));
        self.clipboard = Some(url);
    }

    /// The text the event loop must send to the clipboard, once.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    fn open_id(&mut self) -> Option<String> {
        let id = self.article.as_ref().map(|v| v.article.id.clone());
        if id.is_none() {
            self.message = Some("no story is open".into());
        }
        id
    }

    fn open_url(&mut self) -> Option<String> {
        let view = self.article.as_ref()?;
        let url = view.article.url.clone().filter(|u| !u.is_empty());
        if url.is_none() {
            self.message = Some("this story has no link".into());
        }
        url
    }
}

/// The escape sequence that puts `text` on the clipboard (OSC 52). The text is base64, so
/// nothing in it can act on the terminal.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads() {
        assert_eq!(super::base64(b"https://a.b/c"), "aHR0cHM6Ly9hLmIvYw==");
        assert_eq!(super::base64(b"abc"), "YWJj");
        assert_eq!(super::osc52("ab"), "\x1b]52;c;YWI=\x07");
    }
}
