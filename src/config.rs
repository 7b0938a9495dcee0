//! Configuration (one TOML file, strict) and every path the program uses, resolved here.
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// The documented default configuration, printed by `tidings config --default`.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// Settings read from `config.toml`; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub reader: ReaderConfig,
    pub sync: SyncConfig,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReaderConfig {
    /// How many related stories the related pane shows.
    pub related_limit: usize,
}

/// How feeds are fetched by `import URL` and `sync`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncConfig {
    /// Seconds one fetch may take in all, redirects included.
    pub timeout_secs: u64,
    /// The largest feed or page accepted, in megabytes.
    pub max_megabytes: u64,
    /// How many redirects are followed.
    pub max_redirects: u32,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            timeout_secs: 20,
            max_megabytes: 10,
            max_redirects: 5,
        }
    }
}

impl SyncConfig {
    pub fn limits(&self) -> crate::sync::fetch::Limits {
        crate::sync::fetch::Limits {
            timeout: std::time::Duration::from_secs(self.timeout_secs),
            max_bytes: self.max_megabytes * 1_000_000,
            max_redirects: self.max_redirects,
        }
    }
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig { related_limit: 8 }
    }
}

impl Config {
    /// Reads the config file; a missing file means defaults, a bad one is an error naming it.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("bad config file '{}'", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => {
                Err(e).with_context(|| format!("cannot read config file '{}'", path.display()))
            }
        }
    }
}

/// Where the library and the config live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
}

impl Paths {
    /// Resolves paths: explicit options (or `TIDINGS_DATA_DIR` / `TIDINGS_CONFIG`, which
    /// clap reads into them) first, then the platform's directories for "tidings".
    pub fn resolve(
        data_dir: Option<PathBuf>,
        config_file: Option<PathBuf>,
    ) -> anyhow::Result<Paths> {
        let project = directories::ProjectDirs::from("", "", "tidings");
        let missing = || anyhow::anyhow!("no home directory: set --data-dir or TIDINGS_DATA_DIR");
        let data_dir = match data_dir {
            Some(dir) => dir,
            None => project
                .as_ref()
                .ok_or_else(missing)?
                .data_dir()
                .to_path_buf(),
        };
        let config_file = match config_file {
            Some(file) => file,
            None => project
                .as_ref()
                .map(|p| p.config_dir().join("config.toml"))
                .unwrap_or_else(|| data_dir.join("config.toml")),
        };
        Ok(Paths {
            data_dir,
            config_file,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_parses_to_the_defaults() {
        assert_eq!(
            toml::from_str::<Config>(EXAMPLE).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let error = toml::from_str::<Config>("[reader]\nrelated_limt = 3\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("related_limt"), "{error}");
    }
}
