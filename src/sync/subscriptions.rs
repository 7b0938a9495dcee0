//! The feeds the user follows, kept in `subscriptions.json` in the data folder with what
//! the last sync learned of each (ETag, Last-Modified, error). Written to a temporary file
//! and renamed, so a crash leaves the old list or the new one, never half of one.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "subscriptions.json";

/// One followed feed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub url: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Why the last sync failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// The list of followed feeds and the file it lives in.
#[derive(Debug)]
pub struct Subscriptions {
    path: PathBuf,
    pub feeds: Vec<Subscription>,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    feeds: Vec<Subscription>,
}

impl Subscriptions {
    /// Loads the list from the data folder; no file means no subscriptions yet.
    pub fn load(data_dir: &Path) -> anyhow::Result<Subscriptions> {
        let path = data_dir.join(FILE);
        let feeds = match std::fs::read_to_string(&path) {
            Ok(text) => {
                serde_json::from_str::<OnDisk>(&text)
                    .map_err(|e| {
                        anyhow::anyhow!("bad subscriptions file '{}': {e}", path.display())
                    })?
                    .feeds
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(anyhow::anyhow!("cannot read '{}': {e}", path.display())),
        };
        Ok(Subscriptions { path, feeds })
    }

    /// Adds feeds not yet followed (same URL); returns how many were new.
    pub fn add(&mut self, feeds: impl IntoIterator<Item = (String, String)>) -> usize {
        let before = self.feeds.len();
        for (url, title) in feeds {
            if !self.feeds.iter().any(|f| f.url == url) {
                self.feeds.push(Subscription {
                    url,
                    title,
                    ..Subscription::default()
                });
            }
        }
        self.feeds.len() - before
    }

    /// Writes the list atomically.
    pub fn save(&self) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(&OnDisk {
            feeds: self.feeds.clone(),
        })?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::files::write_atomically(&self.path, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write '{}': {e}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_survives_a_round_trip_without_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let mut list = Subscriptions::load(dir.path()).unwrap();
        let feed = ("https://example.com/rss".to_string(), "Wire".to_string());
        assert_eq!(list.add([feed.clone(), feed.clone()]), 1);
        list.feeds[0].etag = Some("\"abc\"".into());
        list.save().unwrap();
        let mut again = Subscriptions::load(dir.path()).unwrap();
        assert_eq!(again.feeds, list.feeds);
        assert_eq!(again.add([feed]), 0);
    }
}
