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
