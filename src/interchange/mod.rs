//! Import from other flashcard tools, and export back to them.
//!
//! Learners arrive with cards already made elsewhere — an Anki "Notes in Plain Text"
//! export, a Quizlet set, a spreadsheet saved as CSV — and want to leave with them too.
//! [`import`] turns such a file into a deck file that loads with no error: every row it
//! cannot use is skipped and reported with its line, never fatal, and every card it keeps
//! has been checked by the real deck parser. [`export`] writes a deck as a tab-separated
//! file Anki imports, or as a CSV this module reads back, and export followed by import
//! gives back the same cards (ids, kinds, questions, answers, explain, hint, tags).
//!
//! This file is the public API: which format a file is in, import, export. Each format
//! reads and writes in its own file (`anki_text`, `quizlet`, `csv`, with Anki's HTML and
//! cloze markers in `html`); they meet in one card-row type (`row::Row`), which
//! `deck_file` turns into a deck file and `export` makes from a deck. The review log, a
//! file format of progress rather than of cards, is [`review_log`].
//!
//! Rules that hold for every format, since a user's file meets them: a file is identified
//! before it is read ([`text_of`]), so a binary file or text in another encoding is an
//! error naming the first wrong byte rather than a deck of garbage (a ZIP is read as an
//! Anki package, [`anki_package`]); a UTF-8 BOM is
//! dropped, CRLF is LF, blank lines are ignored, unquoted fields are trimmed, quoted fields
//! are kept as written (quotes doubled inside), and a card without an `id` gets a slug of
//! its wording (`-2`, `-3`… when taken). Anki's guid column is the id, with the `#`, `~`
//! and `%` that ids may not hold (or that the mapping uses) escaped (`anki_package::id_of`).

pub(crate) mod anki_notes;
pub(crate) mod anki_package;
mod anki_text;
mod csv;
mod deck_file;
mod export;
mod fields;
mod html;
mod identify;
mod quizlet;
pub(crate) mod review_log;
mod row;
#[cfg(test)]
mod tests;

use crate::deck::Deck;

pub(crate) use identify::{is_package, text_of};

use anki_text::{anki_header, read_anki, write_tsv};
use csv::{csv_header_separator, read_csv, write_csv};
use deck_file::assemble;
use export::export_rows;
use fields::single_char;
use html::has_anki_cloze;
use quizlet::read_quizlet;

/// Where an imported file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Anki's "Notes in Plain Text" export (also Anki-style files without headers).
    Anki,
    /// Quizlet's export: term, separator, definition; no header.
    Quizlet,
    /// A CSV with a header row in this crate's column names (what [`export`] writes).
    Csv,
}

impl Source {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Source::Anki => "anki",
            Source::Quizlet => "quizlet",
            Source::Csv => "csv",
        }
    }
}

/// How to read a file. `Default` detects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ImportOptions {
    /// `None` detects the source from the text (see [`detect`]).
    pub source: Option<Source>,
    /// Between term and definition (Quizlet; default tab, or comma when the file has no
    /// tab). For Anki and CSV a one-character separator here overrides the file's own.
    /// Names are understood: `tab`, `comma`, `semicolon`, `space`, `pipe`, `colon`,
    /// `newline`, `\t`, `\n`.
    pub term_separator: Option<String>,
    /// Between cards (Quizlet only; default newline). Same names as above.
    pub card_separator: Option<String>,
    /// The deck's title; empty takes Anki's `#deck:` header, else the deck has none
    /// (and is then titled by its file name).
    pub title: String,
    /// Written as the deck's `source` when not empty, e.g. `imported from cards.txt`.
    pub source_note: String,
}

/// The outcome of an import: always a loadable deck, possibly with rows left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Imported {
    /// A complete deck file that `parse_deck` loads with no error.
    pub toml: String,
    /// How many `[[cards]]` tables were written: one per imported row (a cloze row counts
    /// once, though it asks one card per gap).
    pub cards: usize,
    /// Rows left out, in line order.
    pub skipped: Vec<Skipped>,
    /// The source the text was read as (the detected one when none was given).
    pub source: Source,
}

/// A row that could not become a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// 1-based line in the input where the row starts.
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportFormat {
    /// Anki-importable text: `#` headers, tab-separated, cloze notes in `{{cN::…}}` form.
    Tsv,
    /// A header row and comma-separated rows in the CSV import format.
    Csv,
}

/// Reads `text` as `options` say and builds a deck file. Never fails and never panics: a
/// row that cannot become a valid card is skipped and reported with its line.
pub(crate) fn import(text: &str, options: &ImportOptions) -> Imported {
    let text = prepare(text);
    let separator = single_char(options.term_separator.as_deref());
    let source = options
        .source
        .unwrap_or_else(|| detect_prepared(&text, separator));
    let read = match source {
        Source::Anki => read_anki(&text, separator),
        Source::Quizlet => read_quizlet(&text, options),
        Source::Csv => read_csv(&text, separator),
    };
    assemble(read, options, source)
}

/// What [`import`] would read `text` as: Anki when it opens with Anki's `#` headers,
/// CSV when its first line names `question` and `answer` columns, Anki when it holds
/// `{{c1::` clozes, else Quizlet (tab- or comma-separated term and definition). The CSV
/// header is looked for before the clozes, so a CSV of Anki-style clozes stays a CSV.
#[cfg(test)]
pub(crate) fn detect(text: &str) -> Source {
    detect_prepared(&prepare(text), None)
}

/// Writes `deck` in `format`. Cards keep their ids, so importing the result gives the
/// same cards back (`export.rs` says what a format cannot carry). TSV has
/// Anki's `#separator:tab`, `#html:false`, `#deck:`, `#columns:` and `#tags column:`
/// headers, and a cloze note as one row in `{{cN::…}}` form with its `explain` also in
/// the second column (Anki's "Back Extra"); CSV has a header row and `{{gap}}` clozes.
pub(crate) fn export(deck: &Deck, format: ExportFormat) -> String {
    let rows = export_rows(deck);
    match format {
        ExportFormat::Tsv => write_tsv(deck, &rows),
        ExportFormat::Csv => write_csv(&rows),
    }
}

/// Drops a UTF-8 byte order mark and turns CRLF into LF.
fn prepare(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n")
}

fn detect_prepared(text: &str, separator: Option<char>) -> Source {
    if anki_header(text.lines().next().unwrap_or("")).is_some() {
        Source::Anki
    } else if csv_header_separator(text, separator).is_some() {
        Source::Csv
    } else if has_anki_cloze(text) {
        Source::Anki
    } else {
        Source::Quizlet
    }
}
