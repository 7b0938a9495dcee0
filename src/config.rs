//! Configuration (one TOML file, strict) and every path the program uses, resolved here.
use std::path::{Path, PathBuf};

use std::collections::BTreeMap;
use std::str::FromStr;

use anyhow::Context;
use ratatui::style::Color;
use serde::Deserialize;

use crate::tui::keymap::Keymap;
use crate::tui::theme::{Palette, ThemeName};

/// The documented default configuration, printed by `tidings config`.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// Settings read from `config.toml`; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub reader: ReaderConfig,
    pub sync: SyncConfig,
    pub theme: ThemeConfig,
    /// Action name → keys, replacing that action's default keys.
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The palette and, optionally, entity colours of one's own.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub name: ThemeName,
    pub person: Option<String>,
    pub country: Option<String>,
    pub place: Option<String>,
    pub org: Option<String>,
    pub figure: Option<String>,
}

impl ThemeConfig {
    /// The palette to draw with: NO_COLOR in the environment means mono, whatever the file says.
    pub fn palette(&self, no_color: bool) -> Result<Palette, String> {
        if no_color {
            return Ok(Palette::named(ThemeName::Mono));
        }
        let mut palette = Palette::named(self.name);
        let own = [
            &self.person,
            &self.country,
            &self.place,
            &self.org,
            &self.figure,
        ];
        for (slot, colour) in palette.entities.iter_mut().zip(own) {
            if let Some(name) = colour {
                let colour =
                    Color::from_str(name).map_err(|_| format!("unknown colour '{name}'"))?;
                *slot = Some(colour);
            }
        }
        Ok(palette)
    }
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
            Ok(text) => {
                let bad = || format!("bad config file '{}'", path.display());
                let config: Config = toml::from_str(&text).with_context(bad)?;
                config
                    .check()
                    .map_err(anyhow::Error::msg)
                    .with_context(bad)?;
                Ok(config)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => {
                Err(e).with_context(|| format!("cannot read config file '{}'", path.display()))
            }
        }
    }

    /// The checks serde cannot make: keys and colours that must be known.
    fn check(&self) -> Result<(), String> {
        Keymap::with_overrides(&self.keys).map_err(|e| format!("[keys]: {e}"))?;
        self.theme
            .palette(false)
            .map_err(|e| format!("[theme]: {e}"))?;
        Ok(())
    }
}

/// True when the environment asks for no colour (https://no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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
    fn every_setting_of_the_example_round_trips_when_changed() {
        // The example with every value changed (and the commented keys set) reads back as
        // those values: each documented key is a real one.
        let changed = EXAMPLE
            .replace("related_limit = 8", "related_limit = 3")
            .replace("timeout_secs = 20", "timeout_secs = 7")
            .replace("max_megabytes = 10", "max_megabytes = 2")
            .replace("max_redirects = 5", "max_redirects = 1")
            .replace("name = \"dark\"", "name = \"light\"")
            .replace("# person = \"#ffd75f\"", "person = \"#ffd75f\"")
            .replace(
                "# down = [\"j\", \"down\", \"ctrl-n\"]",
                "down = [\"j\", \"down\", \"ctrl-n\"]",
            );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, changed).unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.reader.related_limit, 3);
        assert_eq!(
            (
                config.sync.timeout_secs,
                config.sync.max_megabytes,
                config.sync.max_redirects
            ),
            (7, 2, 1)
        );
        assert_eq!(config.theme.name, ThemeName::Light);
        assert_eq!(
            config.theme.palette(false).unwrap().entities[0],
            Some(Color::Rgb(0xff, 0xd7, 0x5f))
        );
        assert_eq!(config.keys["down"], ["j", "down", "ctrl-n"]);
        assert_eq!(
            config.theme.palette(true).unwrap(),
            Palette::named(ThemeName::Mono),
            "NO_COLOR wins"
        );
    }

    #[test]
    fn unknown_actions_keys_and_colours_are_rejected_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        for (text, named) in [
            ("[keys]\nfly = [\"f\"]\n", "fly"),
            ("[keys]\ndown = [\"hyper-j\"]\n", "hyper-j"),
            ("[theme]\nperson = \"mauve-ish\"\n", "mauve-ish"),
        ] {
            std::fs::write(&path, text).unwrap();
            let error = format!("{:#}", Config::load(&path).unwrap_err());
            assert!(
                error.contains(named) && error.contains("config.toml"),
                "{error}"
            );
        }
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let error = toml::from_str::<Config>("[reader]\nrelated_limt = 3\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("related_limt"), "{error}");
    }
}
