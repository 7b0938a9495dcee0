//! The reader's sync: `tidings sync` run as a child process on the reader's library and
//! config, so the reader never holds the index writer and never freezes; its progress
//! lines come back as updates.
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

/// What the reader hears of a running sync.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncUpdate {
    Progress {
        done: usize,
        total: usize,
        feed: String,
    },
    /// The summary line, with the first failure when there was one; or why sync failed.
    Finished(Result<String, String>),
}

/// Starts the sync; `send` gets each update and returns false when nobody listens.
pub fn spawn(paths: &crate::config::Paths, send: impl Fn(SyncUpdate) -> bool + Send + 'static) {
    let child = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .arg("--data-dir")
            .arg(&paths.data_dir)
            .arg("--config")
            .arg(&paths.config_file)
            .args(["sync", "--progress", "lines"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    });
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            send(SyncUpdate::Finished(Err(format!(
                "cannot start sync: {error}"
            ))));
            return;
        }
    };
    std::thread::spawn(move || {
        let mut summary = String::new();
        for line in BufReader::new(child.stdout.take().expect("piped"))
            .lines()
            .map_while(Result::ok)
        {
            match parse_progress(&line) {
                Some(update) => {
                    if !send(update) {
                        return;
                    }
                }
                None => summary = line,
            }
        }
        let mut errors = String::new();
        let _ = child
            .stderr
            .take()
            .expect("piped")
            .read_to_string(&mut errors);
        let succeeded = child.wait().is_ok_and(|status| status.success());
        // The child says "tidings: …" as any command does; the status line says "sync failed: …".
        let first_error = errors
            .lines()
            .next()
            .map(|line| crate::text::sanitize(line.strip_prefix("tidings: ").unwrap_or(line)));
        send(SyncUpdate::Finished(match (succeeded, first_error) {
            (true, None) => Ok(summary),
            (true, Some(failure)) => Ok(format!("{summary} — {failure}")),
            (false, failure) => Err(failure.unwrap_or_else(|| "sync failed".into())),
        }));
    });
}

/// `progress 3/12 Feed title`.
fn parse_progress(line: &str) -> Option<SyncUpdate> {
    let rest = line.strip_prefix("progress ")?;
    let (counts, feed) = rest.split_once(' ').unwrap_or((rest, ""));
    let (done, total) = counts.split_once('/')?;
    Some(SyncUpdate::Progress {
        done: done.parse().ok()?,
        total: total.parse().ok()?,
        feed: crate::text::sanitize(feed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_are_read() {
        assert_eq!(
            parse_progress("progress 3/12 Local Wire"),
            Some(SyncUpdate::Progress {
                done: 3,
                total: 12,
                feed: "Local Wire".into()
            })
        );
        assert_eq!(parse_progress("5 feeds (1 unchanged): imported 3"), None);
    }
}
