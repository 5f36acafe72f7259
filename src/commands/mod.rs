//! One file per subcommand, each a short composition of the library modules.

pub(crate) mod add;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod cram;
pub(crate) mod decks;
pub(crate) mod derive;
pub(crate) mod export;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod manpage;
pub(crate) mod missed;
pub(crate) mod new;
pub(crate) mod optimize;
pub(crate) mod overview;
pub(crate) mod start;
pub(crate) mod stats;
pub(crate) mod suspended;
