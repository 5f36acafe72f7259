//! Command-line definitions only (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "quiz", version, about = "A quiz and flashcard trainer with spaced repetition", long_about = None)]
pub struct Cli {
    /// Where progress and your decks are kept [default: the platform data directory]
    #[arg(long, global = true, value_name = "DIR", env = "QUIZ_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Plain line prompts, no colour (automatic when stdin is not a terminal)
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Study: due cards first, then new cards up to the daily limit
    Start(StartArgs),
    /// List known decks with their cards, new, and due counts
    Decks,
    /// Check decks for mistakes: errors point at file:line:col
    Check(CheckArgs),
    /// Create a new deck from a commented template
    New(NewArgs),
    /// Add cards to a deck, one at a time (the file keeps its formatting)
    Add(AddArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics
    Human,
    /// one JSON object per finding, one per line
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Deck files, folders of decks, or deck names [default: every deck in your decks folder]
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Write an `id` into every card that lacks one (the id it already has, so no progress is lost)
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Name of the deck (its file name without .toml)
    pub name: String,

    /// Create the deck at this path instead of in your decks folder
    #[arg(long, value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Deck name or path
    pub deck: String,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Deck names or paths [default: every deck found]
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,

    /// New cards a day
    #[arg(long = "new", value_name = "N", default_value_t = 20)]
    pub new_cards: usize,

    /// Ask at most N cards
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Shuffle the new cards
    #[arg(long)]
    pub shuffle: bool,

    /// Seed for shuffling and for where missed cards come back (reproducible sessions)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}
