//! Command-line definitions only (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::settings::Presentation;

#[derive(Debug, Parser)]
#[command(name = "quiz", version, about = "A quiz and flashcard trainer with spaced repetition", long_about = None)]
pub(crate) struct Cli {
    /// Where progress and your decks are kept [default: the platform data directory]
    #[arg(long, global = true, value_name = "DIR", env = "QUIZ_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Plain line prompts, no colour (automatic when stdin is not a terminal)
    #[arg(long, global = true)]
    pub plain: bool,

    /// None: a short overview of the first commands and where data and settings live.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Study: due cards first, then new cards up to the daily limit
    Start(StartArgs),
    /// Drill the cards you missed lately, until each is answered right
    Missed(MissedArgs),
    /// Practise every card without touching the schedule
    Cram(CramArgs),
    /// List known decks with their cards, new, and due counts
    Decks(DecksArgs),
    /// Your progress: retention, a reviews heatmap, the due forecast, the hardest cards
    Stats(StatsArgs),
    /// List the cards you suspended (`:suspend` in a session), or restore them
    Suspended(SuspendedArgs),
    /// The review log as CSV, out and in (the columns FSRS tools read)
    #[command(subcommand)]
    History(HistoryCommand),
    /// Fit the scheduler's parameters to your review history
    Optimize(OptimizeArgs),
    /// Check decks for mistakes: errors point at file:line:col
    Check(CheckArgs),
    /// Create a new deck from a commented template
    New(NewArgs),
    /// Add cards to a deck, one at a time (the file keeps its formatting)
    Add(AddArgs),
    /// Turn an Anki, Quizlet or CSV export into a deck
    Import(ImportArgs),
    /// Write a deck as an Anki-importable TSV or a CSV
    Export(ExportArgs),
    /// Draft a deck from a plain-text document: its dates, numbers and names become cards
    Derive(DeriveArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell), deck names included
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page quiz(1), or write every command's page into a folder
    Manpage(ManpageArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ManpageArgs {
    /// Write quiz.1 and one page per command (quiz-start.1, …) into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// rustc-style diagnostics
    Human,
    /// one JSON object per finding, one per line
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Deck files, folders of decks, or deck names [default: every deck in your decks folder]
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Write an `id` into every card that lacks one (the id it already has, so no progress is lost)
    #[arg(long)]
    pub fix: bool,

    /// Check the progress database instead of decks: its schema version against its tables,
    /// and every page (SQLite's quick_check)
    #[arg(long, conflicts_with_all = ["paths", "fix"])]
    pub database: bool,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Name of the deck (its file name without .toml)
    pub name: String,

    /// Create the deck at this path instead of in your decks folder
    #[arg(long, value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// Deck name or path
    pub deck: String,
}

/// What every study command shares: which cards, and how they are put.
#[derive(Debug, Args)]
pub(crate) struct StudyArgs {
    /// Deck names or paths [default: every deck found]
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,

    /// Only cards with this tag (a card's or its deck's); repeat for any of several
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// How cards are put [default: from config.toml, else type]
    #[arg(short, long, value_enum)]
    pub mode: Option<Presentation>,

    /// Ask at most N cards
    #[arg(short, long, value_name = "N")]
    pub limit: Option<usize>,

    /// Seed for shuffling, choices and where missed cards come back (reproducible sessions)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub(crate) struct StartArgs {
    #[command(flatten)]
    pub study: StudyArgs,

    /// New cards a day [default: from config.toml, else 20]
    #[arg(short = 'n', long = "new", value_name = "N")]
    pub new_cards: Option<usize>,

    /// Shuffle the new cards
    #[arg(long)]
    pub shuffle: bool,
}

#[derive(Debug, Args)]
pub(crate) struct MissedArgs {
    #[command(flatten)]
    pub study: StudyArgs,

    /// Cards missed within this long ago (30m, 12h, 7d, 2w) [default: the latest session with misses]
    #[arg(long, value_name = "DURATION", value_parser = parse_since)]
    pub since: Option<jiff::SignedDuration>,

    /// List the leeches (cards missed again and again) instead of drilling
    #[arg(long)]
    pub leeches: bool,

    /// With --leeches: print the list as JSON
    #[arg(long, requires = "leeches")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CramArgs {
    #[command(flatten)]
    pub study: StudyArgs,
}

/// "7d" → 7 days; units m, h, d, w.
pub(crate) fn parse_since(text: &str) -> Result<jiff::SignedDuration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: i64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 7d, 12h or 2w"))?;
    let too_long = || format!("`{text}` is too long a time to look back");
    let minutes = match unit {
        "m" | "min" => Some(number),
        "h" => number.checked_mul(60),
        "d" | "" => number.checked_mul(24 * 60),
        "w" => number.checked_mul(7 * 24 * 60),
        _ => {
            return Err(format!(
                "unknown unit `{unit}` in `{text}`: use m, h, d or w"
            ));
        }
    };
    // Beyond a few thousand years the instant would fall before year -9999 anyway.
    minutes
        .filter(|&m| m <= 10_000 * 366 * 24 * 60)
        .map(jiff::SignedDuration::from_mins)
        .ok_or_else(too_long)
}

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Deck names or paths [default: every deck found]
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,

    /// Print the same figures as one JSON document
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DecksArgs {
    /// Print the same figures as one JSON document
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SuspendedArgs {
    /// Deck names or paths [default: every deck]
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,

    /// Restore this card (its id, as listed): it is asked again, with the progress it had
    #[arg(long, value_name = "CARD", conflicts_with = "all")]
    pub restore: Option<String>,

    /// Restore every suspended card of the decks named (of every deck when none is)
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum HistoryCommand {
    /// Write the review log as CSV (card_id,review_time,review_rating,review_duration,deck,card,…)
    Export {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read a review log in the same CSV format into a deck named after the file
    Import {
        /// The CSV file
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub(crate) struct OptimizeArgs {
    /// Deck names whose history to use [default: all history]
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,

    /// Only measure: log loss and RMSE(bins) of the default parameters and of 5-split time-series cross-validation
    #[arg(long)]
    pub evaluate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportFrom {
    /// Anki "Notes in Plain Text" (with its #separator:, #html:, #tags column: headers)
    Anki,
    /// Quizlet export: term, separator, definition
    Quizlet,
    /// CSV with a header row naming question, answer and optional columns
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The export to read: a text export, or an Anki package (.apkg, .colpkg)
    pub file: PathBuf,

    /// Write the deck here instead of standard output (never overwrites); for an Anki
    /// package, the folder its deck files go to [default: the decks folder]
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,

    /// Anki package: replace deck files edited since the last import of this package
    #[arg(long)]
    pub update: bool,

    /// Anki package: import the cards only, not the review history
    #[arg(long)]
    pub no_history: bool,

    /// What the file is [default: detected]
    #[arg(long, value_enum)]
    pub from: Option<ImportFrom>,

    /// Quizlet: between term and definition (tab, comma, or any text) [default: tab]
    #[arg(long, value_name = "SEP")]
    pub term_separator: Option<String>,

    /// Quizlet: between cards (newline, semicolon, or any text) [default: newline]
    #[arg(long, value_name = "SEP")]
    pub card_separator: Option<String>,

    /// The deck's title [default: Anki's #deck: header, else the file name]
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportTo {
    /// tab-separated, with Anki's headers
    Tsv,
    /// comma-separated, with a header row
    Csv,
    /// Anki's "Notes in Plain Text", with its own note types and field names
    Anki,
    /// an Anki package (.apkg) Anki and AnkiDroid import
    Apkg,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Deck name or path
    pub deck: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = ExportTo::Tsv)]
    pub format: ExportTo,

    /// Write here instead of standard output (never overwrites)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// apkg: add your reviews of the deck, so your progress moves to Anki
    #[arg(long)]
    pub with_history: bool,
}

/// How a document for `quiz derive` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DeriveFrom {
    /// Plain text (hard-wrapped lines are joined into paragraphs)
    Text,
    /// Markdown
    Markdown,
    /// HTML (the article's text; scripts, navigation and footers dropped)
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct DeriveArgs {
    /// The document: plain text, Markdown or HTML
    pub document: PathBuf,

    /// How the document is written [default: from its extension, else its content]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<DeriveFrom>,

    /// Print, for each sentence, the facts found and why each was asked or not
    #[arg(long)]
    pub explain: bool,

    /// Write the deck here instead of standard output (never overwrites)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The deck's title [default: the document's first line]
    #[arg(long)]
    pub title: Option<String>,

    /// At most this many cards
    #[arg(short, long, value_name = "N")]
    pub limit: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::parse_since;

    #[test]
    fn since_reads_units_and_refuses_what_it_cannot_hold() {
        assert_eq!(parse_since("30m"), Ok(jiff::SignedDuration::from_mins(30)));
        assert_eq!(parse_since("12h"), Ok(jiff::SignedDuration::from_hours(12)));
        assert_eq!(
            parse_since("7d"),
            Ok(jiff::SignedDuration::from_hours(7 * 24))
        );
        assert_eq!(
            parse_since("2w"),
            Ok(jiff::SignedDuration::from_hours(14 * 24))
        );
        assert_eq!(
            parse_since("3"),
            Ok(jiff::SignedDuration::from_hours(3 * 24))
        );
        assert!(parse_since("7y").unwrap_err().contains("unknown unit"));
        assert!(parse_since("d").unwrap_err().contains("not a duration"));
        assert!(
            parse_since("99999999999999999d")
                .unwrap_err()
                .contains("too long")
        );
        assert!(
            parse_since("384307168202282326d")
                .unwrap_err()
                .contains("too long")
        );
    }
}
