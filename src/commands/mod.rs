//! One file per subcommand, each a short composition of the library modules.

pub mod add;
pub mod check;
pub mod cram;
pub mod decks;
pub mod derive;
pub mod export;
pub mod history;
pub mod import;
pub mod missed;
pub mod new;
pub mod optimize;
pub mod start;
pub mod stats;

use std::path::PathBuf;

use crate::env::Clock;

/// What every command gets from `run`: the environment, already read.
pub struct Context {
    pub data_dir: PathBuf,
    pub clock: Clock,
    pub plain: bool,
    pub color: bool,
    pub interactive: bool,
    /// Where `config.toml` is looked for (read only by the commands that use settings).
    pub config_path: Option<PathBuf>,
}

impl Context {
    pub fn settings(&self) -> anyhow::Result<crate::settings::Settings> {
        crate::settings::load_settings(self.config_path.as_deref(), self.color)
    }
}
