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
//! Rules worth knowing, since a user's file meets them:
//!
//! * Anki: the `#key:value` header lines Anki writes are understood (`#separator`, `#html`,
//!   `#tags`, `#deck`, `#notetype`, `#columns`, and the `#… column:N` ones). The first field
//!   is the question and the second the answer; a note with `{{cN::…}}` becomes a cloze
//!   card whose second field (Anki's "Back Extra") becomes `explain`; further fields are
//!   ignored unless `#columns:` names them with this crate's names (`accept`, `choices`,
//!   `explain`, `hint`, `kind`, `id`, `tags`; `front`/`text`, `back` and `back extra`/`extra`
//!   are understood too). Every `cN` marker is one gap, in reading order. `#tags:` becomes
//!   the deck's `tags`, `#deck:` its title. Without `#html:` a field is read as HTML when
//!   the file holds `<br>`, `<div>` or `&nbsp;`.
//! * Quizlet: term, separator, definition; one card a line unless told otherwise. Quotes
//!   mean nothing there.
//! * CSV: a header row naming `question` and `answer` (any case), and optionally `accept`,
//!   `choices`, `explain`, `hint`, `tags`, `id` and `kind`. List columns hold items
//!   separated by `|` (`\|` is a literal bar, `\\` a backslash). Without a `kind` the card
//!   is a cloze when its question has Anki `{{cN::…}}` gaps, multiple choice when it has
//!   choices, and a typed answer otherwise; `truefalse` takes `true`/`false` (or yes/no),
//!   `several` takes its parts separated by `|`, `cloze` takes `{{gap}}` or `{{cN::gap}}`.
//! * Everywhere: a UTF-8 BOM is dropped, CRLF is LF, blank lines are ignored, unquoted
//!   fields are trimmed, quoted fields are kept as written (quotes doubled inside), and a
//!   card without an `id` gets a slug of its wording (`-2`, `-3`… when taken). Anki's
//!   guid column is not used as the id: guids may hold `#` and `~`, which ids may not.
//!
//! What export cannot carry. The deck model keeps a cloze note only as its expanded
//! cards (`id#1`, `id#2`… with this gap blanked and the others filled in), so the note's
//! text is rebuilt from those prompts and checked to give the same cards back; a note's
//! own hint is lost when every gap has its own (no card shows it then), and a group that
//! cannot be rebuilt goes out as typed-answer cards `id-1`, `id-2`… rather than be lost.
//! Neither format carries the deck's `description` or `source`; deck-level tags go out as
//! every card's tags; CSV carries no title (TSV has `#deck:`); TSV tags are single words
//! (inner spaces become `_`, as Anki requires); list items lose outer spaces; an empty
//! `explain` or `hint` is dropped; an id derived from the wording (`q-…`) is written out,
//! so the imported card keeps its progress but no longer follows its wording.

use std::collections::{HashMap, HashSet};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::cloze::{self, ClozeError};
use super::parse::parse_deck;
use super::{Card, Deck, DeckId, Kind, Origin};
use crate::judge::{self, Expected};

// ---------------------------------------------------------------------------
// Public API

/// Where an imported file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Anki's "Notes in Plain Text" export (also Anki-style files without headers).
    Anki,
    /// Quizlet's export: term, separator, definition; no header.
    Quizlet,
    /// A CSV with a header row in this crate's column names (what [`export`] writes).
    Csv,
}

impl Source {
    pub const NAMES: [&'static str; 3] = ["anki", "quizlet", "csv"];

    pub fn from_name(name: &str) -> Option<Source> {
        match name.trim().to_ascii_lowercase().as_str() {
            "anki" => Some(Source::Anki),
            "quizlet" => Some(Source::Quizlet),
            "csv" => Some(Source::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Source::Anki => "anki",
            Source::Quizlet => "quizlet",
            Source::Csv => "csv",
        }
    }
}

/// How to read a file. `Default` detects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
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
pub struct Imported {
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
pub struct Skipped {
    /// 1-based line in the input where the row starts.
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Anki-importable text: `#` headers, tab-separated, cloze notes in `{{cN::…}}` form.
    Tsv,
    /// A header row and comma-separated rows in the CSV import format.
    Csv,
}

impl ExportFormat {
    pub const NAMES: [&'static str; 2] = ["tsv", "csv"];

    pub fn from_name(name: &str) -> Option<ExportFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "tsv" | "anki" | "txt" => Some(ExportFormat::Tsv),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Tsv => "tsv",
            ExportFormat::Csv => "csv",
        }
    }

    /// The usual file extension (Anki looks for `.txt`).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Tsv => "txt",
            ExportFormat::Csv => "csv",
        }
    }
}

/// Reads `text` as `options` say and builds a deck file. Never fails and never panics: a
/// row that cannot become a valid card is skipped and reported with its line.
pub fn import(text: &str, options: &ImportOptions) -> Imported {
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
pub fn detect(text: &str) -> Source {
    detect_prepared(&prepare(text), None)
}

/// Writes `deck` in `format`. Cards keep their ids, so importing the result gives the
/// same cards back (see the module notes for what a format cannot carry). TSV has
/// Anki's `#separator:tab`, `#html:false`, `#deck:`, `#columns:` and `#tags column:`
/// headers, and a cloze note as one row in `{{cN::…}}` form with its `explain` also in
/// the second column (Anki's "Back Extra"); CSV has a header row and `{{gap}}` clozes.
pub fn export(deck: &Deck, format: ExportFormat) -> String {
    let rows = export_rows(deck);
    match format {
        ExportFormat::Tsv => write_tsv(deck, &rows),
        ExportFormat::Csv => write_csv(&rows),
    }
}

// ---------------------------------------------------------------------------
// Reading: common shapes

/// One input row, in this crate's terms, before it is checked.
#[derive(Debug, Default)]
struct Note {
    line: usize,
    id: String,
    kind: String,
    question: String,
    answer: String,
    accept: Vec<String>,
    choices: Vec<String>,
    explain: String,
    hint: String,
    tags: Vec<String>,
    /// Also asked answer → question (`reverse = true`).
    reverse: bool,
}

/// What a reader found in a file.
#[derive(Debug, Default)]
struct Read {
    notes: Vec<Note>,
    skipped: Vec<Skipped>,
    title: Option<String>,
    deck_tags: Vec<String>,
}

/// A column's meaning, from a CSV header or Anki's `#columns:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Question,
    Answer,
    Accept,
    Choices,
    Explain,
    Hint,
    Tags,
    Id,
    Kind,
    Reverse,
}

impl Column {
    /// The column a header name means, and whether the name is this crate's own (`front`,
    /// `back`, `text`, `back extra` and `extra` are Anki's names for the same things).
    fn from_name(name: &str) -> Option<(Column, bool)> {
        let name = name.trim().trim_matches('"').trim().to_lowercase();
        let own = |column| Some((column, true));
        let alias = |column| Some((column, false));
        match name.as_str() {
            "question" => own(Column::Question),
            "answer" => own(Column::Answer),
            "accept" => own(Column::Accept),
            "choices" => own(Column::Choices),
            "explain" => own(Column::Explain),
            "hint" => own(Column::Hint),
            "tags" => own(Column::Tags),
            "id" => own(Column::Id),
            "kind" => own(Column::Kind),
            "reverse" => own(Column::Reverse),
            "front" | "text" => alias(Column::Question),
            "back" => alias(Column::Answer),
            "back extra" | "extra" => alias(Column::Explain),
            _ => None,
        }
    }
}

/// Column meanings by position. Each meaning goes to one column: our own names win over
/// Anki's, and among equals the first column wins.
fn column_roles(names: &[String]) -> Vec<Option<Column>> {
    let mut roles: Vec<Option<Column>> = vec![None; names.len()];
    for own_names in [true, false] {
        for (i, name) in names.iter().enumerate() {
            let Some((column, own)) = Column::from_name(name) else {
                continue;
            };
            if own == own_names && roles[i].is_none() && !roles.contains(&Some(column)) {
                roles[i] = Some(column);
            }
        }
    }
    roles
}

/// Puts one field's text where its column says. Tags are split by `split_tags`.
fn place(note: &mut Note, column: Column, text: String, split_tags: fn(&str) -> Vec<String>) {
    match column {
        Column::Question => note.question = text,
        Column::Answer => note.answer = text,
        Column::Accept => note.accept = split_list(&text),
        Column::Choices => note.choices = split_list(&text),
        Column::Explain => note.explain = text,
        Column::Hint => note.hint = text,
        Column::Tags => note.tags.extend(split_tags(&text)),
        Column::Id => note.id = text.trim().to_string(),
        Column::Kind => note.kind = text.trim().to_string(),
        Column::Reverse => note.reverse = judge::parse_bool(&text).unwrap_or(false),
    }
}

fn space_tags(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Drops a UTF-8 byte order mark and turns CRLF into LF.
fn prepare(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n")
}

/// A separator as the user may name it.
fn separator_text(name: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "tab" | "\\t" => "\t".to_string(),
        "newline" | "\\n" => "\n".to_string(),
        "comma" => ",".to_string(),
        "semicolon" => ";".to_string(),
        "space" => " ".to_string(),
        "pipe" => "|".to_string(),
        "colon" => ":".to_string(),
        _ => name.to_string(),
    }
}

fn single_char(name: Option<&str>) -> Option<char> {
    let text = separator_text(name?);
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != '\n' && c != '"' => Some(c),
        _ => None,
    }
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

/// The separator with which the first non-blank line names `question` and `answer`.
fn csv_header_separator(text: &str, preferred: Option<char>) -> Option<char> {
    let line = text.lines().find(|line| !line.trim().is_empty())?;
    preferred.into_iter().chain([',', ';', '\t']).find(|&sep| {
        let names: Vec<String> = line
            .split(sep)
            .map(|name| name.trim().trim_matches('"').trim().to_ascii_lowercase())
            .collect();
        names.iter().any(|n| n == "question") && names.iter().any(|n| n == "answer")
    })
}

// ---------------------------------------------------------------------------
// Reading: fields and records

/// One row of a separated file: the line it starts on and its fields, unquoted fields
/// trimmed, quoted ones as written.
#[derive(Debug)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Splits separated text into records. A field that starts with `"` (after spaces) runs to
/// its closing quote, across separators and newlines; `""` inside is one quote. A quote
/// left open skips its row and reading goes on at the next line. Rows with no text at all
/// (blank lines, lone separators) are dropped.
fn records(text: &str, first_line: usize, sep: char) -> Vec<Result<Record, Skipped>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut line = first_line;
    while pos < text.len() {
        match read_record(text, pos, sep) {
            Some((fields, end, newlines)) => {
                if fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push(Ok(Record { line, fields }));
                }
                line += newlines;
                pos = end;
            }
            None => {
                out.push(Err(Skipped {
                    line,
                    reason: "a quoted field is never closed".to_string(),
                }));
                match text[pos..].find('\n') {
                    Some(i) => {
                        pos += i + 1;
                        line += 1;
                    }
                    None => pos = text.len(),
                }
            }
        }
    }
    out
}

/// One record from `pos`: its fields, where the next starts, and the newlines consumed.
/// `None` when a quoted field is not closed before the end of the text.
fn read_record(text: &str, mut pos: usize, sep: char) -> Option<(Vec<String>, usize, usize)> {
    let mut fields = Vec::new();
    let mut newlines = 0;
    loop {
        let rest = &text[pos..];
        let padded = rest.trim_start_matches(|c: char| (c == ' ' || c == '\t') && c != sep);
        let (field, stop) = if let Some(quoted) = padded.strip_prefix('"') {
            let mut value = String::new();
            let mut i = text.len() - quoted.len();
            loop {
                let c = text[i..].chars().next()?;
                i += c.len_utf8();
                if c == '"' {
                    if text[i..].starts_with('"') {
                        value.push('"');
                        i += 1;
                    } else {
                        break;
                    }
                } else {
                    if c == '\n' {
                        newlines += 1;
                    }
                    value.push(c);
                }
            }
            // Text after the closing quote is kept rather than lost (`"5" disk`).
            let stop = field_end(text, i, sep);
            let tail = &text[i..stop];
            if !tail.trim().is_empty() {
                value.push_str(tail.trim_end());
            }
            (value, stop)
        } else {
            let stop = field_end(text, pos, sep);
            (text[pos..stop].trim().to_string(), stop)
        };
        fields.push(field);
        match text[stop..].chars().next() {
            None => return Some((fields, text.len(), newlines)),
            Some('\n') => return Some((fields, stop + 1, newlines + 1)),
            Some(c) => pos = stop + c.len_utf8(),
        }
    }
}

/// Where the unquoted field starting at `from` ends: at the separator, a newline or the end.
fn field_end(text: &str, from: usize, sep: char) -> usize {
    text[from..]
        .find([sep, '\n'])
        .map_or(text.len(), |i| from + i)
}

/// Splits a list column on `|`; `\|` is a literal bar and `\\` a backslash. Items are
/// trimmed and empty ones dropped.
fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('|' | '\\')) => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '|' => items.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// The inverse of [`split_list`].
fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| item.replace('\\', "\\\\").replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("|")
}

// ---------------------------------------------------------------------------
// Reading: Quizlet

fn read_quizlet(text: &str, options: &ImportOptions) -> Read {
    let card_sep = options
        .card_separator
        .as_deref()
        .map(separator_text)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "\n".to_string());
    let term_sep = options
        .term_separator
        .as_deref()
        .map(separator_text)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| if text.contains('\t') { "\t" } else { "," }.to_string());
    let lines = LineIndex::new(text);
    let mut read = Read::default();
    let mut start = 0;
    let ends = text
        .match_indices(card_sep.as_str())
        .map(|(i, _)| (i, i + card_sep.len()))
        .chain([(text.len(), text.len())]);
    for (end, next) in ends {
        let piece = &text[start..end];
        let from = start;
        start = next;
        if piece.trim().is_empty() {
            continue;
        }
        // Whitespace that is part of the term separator (a tab, the spaces of " - ") stays.
        let card = piece.trim_matches(|c: char| c.is_whitespace() && !term_sep.contains(c));
        let offset = from
            + (piece.len()
                - piece
                    .trim_start_matches(|c: char| c.is_whitespace() && !term_sep.contains(c))
                    .len());
        let line = lines.line(offset);
        match card.split_once(term_sep.as_str()) {
            Some((term, definition)) => read.notes.push(Note {
                line,
                question: term.trim().to_string(),
                answer: definition.trim().to_string(),
                ..Note::default()
            }),
            None => read.skipped.push(Skipped {
                line,
                reason: format!(
                    "only one field: no {} between term and definition",
                    describe_separator(&term_sep)
                ),
            }),
        }
    }
    read
}

fn describe_separator(sep: &str) -> String {
    match sep {
        "\t" => "tab".to_string(),
        "\n" => "newline".to_string(),
        other => format!("`{other}`"),
    }
}

/// 1-based line numbers of byte offsets.
struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&i| i < offset) + 1
    }
}

// ---------------------------------------------------------------------------
// Reading: CSV

fn read_csv(text: &str, separator: Option<char>) -> Read {
    let sep = csv_header_separator(text, separator)
        .or(separator)
        .unwrap_or(',');
    let mut read = Read::default();
    let mut rows = records(text, 1, sep).into_iter();
    let header = loop {
        match rows.next() {
            None => return read,
            Some(Err(skipped)) => read.skipped.push(skipped),
            Some(Ok(record)) => break record,
        }
    };
    let roles = column_roles(&header.fields);
    if !roles.contains(&Some(Column::Question)) || !roles.contains(&Some(Column::Answer)) {
        read.skipped.push(Skipped {
            line: header.line,
            reason:
                "the header row must name a `question` and an `answer` column; nothing was imported"
                    .to_string(),
        });
        return read;
    }
    for row in rows {
        let record = match row {
            Ok(record) => record,
            Err(skipped) => {
                read.skipped.push(skipped);
                continue;
            }
        };
        if record.fields.len() == 1 {
            read.skipped.push(Skipped {
                line: record.line,
                reason: "only one field: no answer".to_string(),
            });
            continue;
        }
        let mut note = Note {
            line: record.line,
            ..Note::default()
        };
        for (field, role) in record.fields.into_iter().zip(&roles) {
            if let Some(column) = role {
                place(&mut note, *column, field, split_list);
            }
        }
        read.notes.push(note);
    }
    read
}

// ---------------------------------------------------------------------------
// Reading: Anki

const ANKI_HEADERS: [&str; 12] = [
    "separator",
    "html",
    "tags",
    "deck",
    "notetype",
    "columns",
    "tags column",
    "guid column",
    "notetype column",
    "deck column",
    "if matches",
    "match scope",
];

/// `(key, value)` of an Anki header line such as `#separator:tab`.
fn anki_header(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.strip_prefix('#')?.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    ANKI_HEADERS.contains(&key.as_str()).then_some((key, value))
}

fn anki_separator(name: &str) -> Option<char> {
    match name.trim().to_ascii_lowercase().as_str() {
        "tab" | "\\t" => Some('\t'),
        "comma" => Some(','),
        "semicolon" => Some(';'),
        "space" => Some(' '),
        "pipe" => Some('|'),
        "colon" => Some(':'),
        _ => single_char(Some(name)).or_else(|| (name == "\t").then_some('\t')),
    }
}

/// A 1-based column number from a header, as a 0-based index.
fn column_index(value: &str) -> Option<usize> {
    value.trim().parse::<usize>().ok()?.checked_sub(1)
}

fn read_anki(text: &str, separator: Option<char>) -> Read {
    let mut read = Read::default();
    let mut header_sep = None;
    let mut html = None;
    let mut columns = None;
    let (mut tags_col, mut guid_col, mut notetype_col, mut deck_col) = (None, None, None, None);
    let mut offset = 0;
    let mut header_lines = 0;
    for line in text.split_inclusive('\n') {
        let Some((key, raw)) = anki_header(line.trim_end_matches('\n')) else {
            break;
        };
        offset += line.len();
        header_lines += 1;
        let trimmed = raw.trim();
        match key.as_str() {
            "separator" => header_sep = anki_separator(raw),
            "html" => html = Some(trimmed.eq_ignore_ascii_case("true")),
            "tags" => read.deck_tags.extend(space_tags(trimmed)),
            "deck" if !trimmed.is_empty() => read.title = Some(trimmed.to_string()),
            "columns" => columns = Some(raw.to_string()),
            "tags column" => tags_col = column_index(trimmed),
            "guid column" => guid_col = column_index(trimmed),
            "notetype column" => notetype_col = column_index(trimmed),
            "deck column" => deck_col = column_index(trimmed),
            _ => {}
        }
    }
    let data = &text[offset..];
    let sep = separator.or(header_sep).unwrap_or_else(|| {
        let first = data.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        ['\t', ';', ',']
            .into_iter()
            .find(|&c| first.contains(c))
            .unwrap_or('\t')
    });
    let html = html.unwrap_or_else(|| {
        let lower = data.to_ascii_lowercase();
        ["<br>", "<br/>", "<br />", "<div>", "&nbsp;"]
            .iter()
            .any(|marker| lower.contains(marker))
    });
    let names: Vec<String> = columns
        .map(|raw| raw.split(sep).map(|n| n.trim().to_string()).collect())
        .unwrap_or_default();
    let mut roles = column_roles(&names);
    let named = roles.contains(&Some(Column::Question));
    if !named {
        roles.clear();
    }
    let meta = [tags_col, guid_col, notetype_col, deck_col];

    for row in records(data, header_lines + 1, sep) {
        let record = match row {
            Ok(record) => record,
            Err(skipped) => {
                read.skipped.push(skipped);
                continue;
            }
        };
        let mut note = Note {
            line: record.line,
            ..Note::default()
        };
        let mut fields = 0;
        for (i, raw) in record.fields.into_iter().enumerate() {
            if Some(i) == tags_col {
                note.tags.extend(space_tags(&raw));
                continue;
            }
            if meta.contains(&Some(i)) {
                continue;
            }
            let role = if named {
                roles.get(i).copied().flatten()
            } else {
                match fields {
                    0 => Some(Column::Question),
                    1 => Some(Column::Answer),
                    _ => None,
                }
            };
            fields += 1;
            let Some(column) = role else { continue };
            let text = if html && !matches!(column, Column::Tags | Column::Id | Column::Kind) {
                html_to_text(&raw)
            } else {
                raw
            };
            place(&mut note, column, text, space_tags);
        }
        let cloze = note.kind.eq_ignore_ascii_case("cloze")
            || (note.kind.is_empty() && has_anki_cloze(&note.question));
        if fields < 2 && !cloze {
            read.skipped.push(Skipped {
                line: note.line,
                reason: "only one field: no answer".to_string(),
            });
            continue;
        }
        read.notes.push(note);
    }
    read
}

// ---------------------------------------------------------------------------
// Notes → deck file

/// A checked card table, waiting for its id.
struct Built {
    line: usize,
    id: Option<String>,
    /// The text its id is derived from when it has none.
    wording: String,
    table: Table,
}

fn assemble(read: Read, options: &ImportOptions, source: Source) -> Imported {
    let mut skipped = read.skipped;
    let mut built = Vec::new();
    for note in &read.notes {
        match build_card(note) {
            Ok(card) => built.push(card),
            Err(reason) => skipped.push(Skipped {
                line: note.line,
                reason,
            }),
        }
    }

    // Written ids first, so a derived id never takes one a later row asks for.
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::new();
    for card in built {
        if let Some(id) = &card.id {
            let problem = match used.get(id) {
                Some(first) => Some(format!("duplicate id `{id}` (first used on line {first})")),
                None => id_problem(id),
            };
            if let Some(reason) = problem {
                skipped.push(Skipped {
                    line: card.line,
                    reason,
                });
                continue;
            }
            used.insert(id.clone(), card.line);
        }
        kept.push(card);
    }

    let mut tables = ArrayOfTables::new();
    for mut card in kept {
        let id = match card.id.take() {
            Some(id) => id,
            None => {
                let base = super::id::slug(&card.wording, usize::MAX, 48);
                let mut id = base.clone();
                let mut n = 2;
                while used.contains_key(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                used.insert(id.clone(), card.line);
                id
            }
        };
        card.table["id"] = value(id);
        tables.push(card.table);
    }

    let mut doc = DocumentMut::new();
    let title = if options.title.trim().is_empty() {
        read.title.unwrap_or_default()
    } else {
        options.title.clone()
    };
    if !title.trim().is_empty() {
        doc["title"] = value(title);
    }
    if !options.source_note.trim().is_empty() {
        doc["source"] = value(options.source_note.clone());
    }
    if !read.deck_tags.is_empty() {
        doc["tags"] = value(Array::from_iter(read.deck_tags));
    }
    let cards = tables.len();
    if cards > 0 {
        doc.insert("cards", Item::ArrayOfTables(tables));
    }
    skipped.sort_by_key(|s| s.line);
    Imported {
        toml: doc.to_string(),
        cards,
        skipped,
        source,
    }
}

/// Turns a note into a card table that loads on its own, or says why it cannot.
fn build_card(note: &Note) -> Result<Built, String> {
    let kind = match note.kind.trim() {
        "" if has_anki_cloze(&note.question) => Kind::Cloze,
        "" if !note.choices.is_empty() => Kind::Choice,
        "" => Kind::Text,
        name => Kind::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
            format!(
                "unknown kind `{name}`; kinds are {}",
                Kind::NAMES.join(", ")
            )
        })?,
    };
    let mut table = Table::new();
    table["id"] = value("placeholder");
    if note.question.trim().is_empty() {
        return Err(if kind == Kind::Cloze {
            "missing cloze text".to_string()
        } else {
            "missing question".to_string()
        });
    }
    let unused = |field: &str, list: &[String]| -> Result<(), String> {
        if list.is_empty() {
            Ok(())
        } else {
            Err(format!("a {} card takes no `{field}`", kind.name()))
        }
    };
    let mut explain = note.explain.clone();
    let wording;
    match kind {
        Kind::Cloze => {
            unused("choices", &note.choices)?;
            let text = native_cloze(&note.question);
            let gaps = cloze::gaps(&text).map_err(|error| {
                match error {
                    ClozeError::NoGaps => "cloze text has no {{gap}}",
                    ClozeError::Empty(_) => "empty cloze gap",
                    ClozeError::Unbalanced(_) => "unbalanced cloze braces",
                }
                .to_string()
            })?;
            wording = filled(&text, &gaps);
            table["cloze"] = value(text);
            // Anki's second cloze field is "Back Extra": shown after answering.
            let back = note.answer.trim();
            if explain.trim().is_empty() {
                explain = note.answer.clone();
            } else if !back.is_empty() && back != explain.trim() {
                explain = format!("{}\n\n{back}", explain.trim_end());
            }
            if !note.accept.is_empty() {
                table["accept"] = value(Array::from_iter(&note.accept));
            }
        }
        Kind::Text => {
            let answer = required_answer(note)?;
            wording = note.question.clone();
            table["question"] = value(&note.question);
            table["answer"] = value(answer);
            if !note.accept.is_empty() {
                table["accept"] = value(Array::from_iter(&note.accept));
            }
        }
        Kind::Choice => {
            let answer = required_answer(note)?;
            unused("accept", &note.accept)?;
            let choice = note
                .choices
                .iter()
                .find(|c| c.as_str() == answer)
                .or_else(|| {
                    let key = judge::normalise(answer);
                    note.choices.iter().find(|c| judge::normalise(c) == key)
                })
                .ok_or_else(|| format!("the answer `{answer}` is not one of the choices"))?;
            wording = note.question.clone();
            table["question"] = value(&note.question);
            table["answer"] = value(choice);
            table["choices"] = value(Array::from_iter(&note.choices));
        }
        Kind::TrueFalse => {
            let answer = required_answer(note)?;
            unused("choices", &note.choices)?;
            unused("accept", &note.accept)?;
            let truth = judge::parse_bool(answer).ok_or_else(|| {
                format!("a true/false card needs the answer true or false, not `{answer}`")
            })?;
            wording = note.question.clone();
            table["question"] = value(&note.question);
            table["answer"] = value(truth);
        }
        Kind::Several => {
            unused("choices", &note.choices)?;
            unused("accept", &note.accept)?;
            let parts = split_list(&note.answer);
            if parts.is_empty() {
                return Err("missing answer".to_string());
            }
            wording = note.question.clone();
            table["question"] = value(&note.question);
            table["answer"] = value(Array::from_iter(parts));
        }
    }
    if !explain.trim().is_empty() {
        table["explain"] = value(explain);
    }
    if !note.hint.trim().is_empty() {
        table["hint"] = value(&note.hint);
    }
    if !note.tags.is_empty() {
        table["tags"] = value(Array::from_iter(&note.tags));
    }
    if note.reverse {
        table["reverse"] = value(true);
    }
    check_alone(&table)?;
    Ok(Built {
        line: note.line,
        id: (!note.id.is_empty()).then(|| note.id.clone()),
        wording,
        table,
    })
}

fn required_answer(note: &Note) -> Result<&str, String> {
    let answer = note.answer.as_str();
    if answer.trim().is_empty() {
        Err("missing answer".to_string())
    } else {
        Ok(answer)
    }
}

/// The deck parser's verdict on one card table, so nothing it would reject is written.
fn check_alone(table: &Table) -> Result<(), String> {
    let mut doc = DocumentMut::new();
    let mut cards = ArrayOfTables::new();
    cards.push(table.clone());
    doc.insert("cards", Item::ArrayOfTables(cards));
    let parsed = parse_deck(
        DeckId("import".to_string()),
        &doc.to_string(),
        Origin::Bundled,
    );
    match parsed.findings.iter().find(|f| f.is_error()) {
        Some(finding) => Err(finding.message.clone()),
        None => Ok(()),
    }
}

/// Why a written id cannot be used, mirroring the deck parser's rule.
fn id_problem(id: &str) -> Option<String> {
    let bad = id
        .chars()
        .find(|&c| matches!(c, '#' | '~') || c.is_control() || c.is_whitespace())?;
    Some(format!(
        "id `{id}` contains {bad:?}; ids have no spaces, `#` or `~`"
    ))
}

/// Cloze text with every gap filled in: what a cloze card's id is derived from.
fn filled(text: &str, gaps: &[cloze::Gap]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for gap in gaps {
        out.push_str(&text[last..gap.range.start]);
        out.push_str(&gap.answer);
        last = gap.range.end;
    }
    out.push_str(&text[last..]);
    out
}

// ---------------------------------------------------------------------------
// Anki's cloze markers and HTML

/// Length of `cN::` at the start of `after` (the text after `{{`), if it is there.
fn anki_marker_len(after: &str) -> Option<usize> {
    let rest = after.strip_prefix('c')?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && rest[digits..].starts_with("::")).then_some(1 + digits + 2)
}

fn has_anki_cloze(text: &str) -> bool {
    text.match_indices("{{")
        .any(|(i, _)| anki_marker_len(&text[i + 2..]).is_some())
}

/// `{{c1::answer::hint}}` → `{{answer::hint}}`; other text unchanged.
fn native_cloze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at + 2]);
        let after = &rest[at + 2..];
        rest = anki_marker_len(after).map_or(after, |len| &after[len..]);
    }
    out.push_str(rest);
    out
}

/// `{{answer::hint}}` → `{{cN::answer::hint}}`, numbering the gaps in reading order.
fn anki_cloze(text: &str) -> String {
    let Ok(gaps) = cloze::gaps(text) else {
        return text.to_string();
    };
    let mut out = String::new();
    let mut last = 0;
    for (i, gap) in gaps.iter().enumerate() {
        out.push_str(&text[last..gap.range.start]);
        out.push_str(&format!("{{{{c{}::{}", i + 1, gap.answer));
        if let Some(hint) = &gap.hint {
            out.push_str("::");
            out.push_str(hint);
        }
        out.push_str("}}");
        last = gap.range.end;
    }
    out.push_str(&text[last..]);
    out
}

const BLOCK_TAGS: [&str; 16] = [
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "hr",
];

/// An Anki HTML field as plain text: tags dropped, `<br>` and block boundaries become line
/// breaks, entities decoded, runs of spaces collapsed as a browser would.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |i| &after[i + 3..]);
                continue;
            }
            if let Some((name, closing, len)) = tag_at(rest) {
                rest = &rest[len..];
                if name == "br" {
                    out.push('\n');
                } else if (name == "style" || name == "script") && !closing {
                    let end = format!("</{name}");
                    rest = match rest.to_ascii_lowercase().find(&end) {
                        Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                        None => "",
                    };
                } else if BLOCK_TAGS.contains(&name.as_str())
                    && !out.is_empty()
                    && !out.ends_with('\n')
                {
                    out.push('\n');
                }
                continue;
            }
        } else if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                out.push(decoded);
                rest = &rest[len..];
                continue;
            }
        } else if c.is_ascii_whitespace() {
            out.push(' ');
            rest = &rest[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split('\n')
        .map(|line| {
            line.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

/// `(lowercase name, closing, length)` of the tag `s` starts with, if it is one.
fn tag_at(s: &str) -> Option<(String, bool, usize)> {
    let body = s.strip_prefix('<')?;
    let (closing, name_part) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let first = name_part.chars().next()?;
    if !(first.is_ascii_alphabetic() || (first == '!' && !closing)) {
        return None;
    }
    let end = s.find('>')?;
    let name: String = name_part
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    Some((name, closing, end + 1))
}

/// The character an entity at the start of `s` stands for, and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(1..)?.find(';')? + 1;
    if end > 12 {
        return None;
    }
    let name = &s[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "laquo" => '«',
            "raquo" => '»',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "bdquo" => '„',
            "middot" => '·',
            "deg" => '°',
            "times" => '×',
            "copy" => '©',
            "euro" => '€',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

// ---------------------------------------------------------------------------
// Export

/// One exported row: a card, or a whole cloze note.
#[derive(Debug)]
struct Row {
    id: String,
    kind: Kind,
    /// For a cloze note, its text in this crate's `{{answer::hint}}` form.
    question: String,
    answer: String,
    accept: Vec<String>,
    choices: Vec<String>,
    explain: String,
    hint: String,
    tags: Vec<String>,
    /// The deck asks this card the other way round too (its `id~r` twin).
    reverse: bool,
}

const COLUMNS: [&str; 10] = [
    "question", "answer", "accept", "choices", "explain", "hint", "tags", "id", "kind", "reverse",
];
/// 1-based, for Anki's `#tags column:`.
const TAGS_COLUMN: usize = 7;

fn export_rows(deck: &Deck) -> Vec<Row> {
    // The cards of a cloze note (`id#1`, `id#2`…) are regrouped into one row.
    let mut groups: Vec<Vec<&Card>> = Vec::new();
    let mut cloze_group: HashMap<&str, usize> = HashMap::new();
    // A reversed card (`id~r`) is not a note of its own: its source row carries `reverse`.
    let reversed: HashSet<&str> = deck
        .cards
        .iter()
        .filter_map(|c| c.id.0.strip_suffix("~r"))
        .collect();
    for card in deck.cards.iter().filter(|c| !c.id.0.ends_with("~r")) {
        match (card.kind, card.id.0.split_once('#')) {
            (Kind::Cloze, Some((base, _))) => match cloze_group.get(base) {
                Some(&i) => groups[i].push(card),
                None => {
                    cloze_group.insert(base, groups.len());
                    groups.push(vec![card]);
                }
            },
            _ => groups.push(vec![card]),
        }
    }
    let mut rows = Vec::new();
    for mut group in groups {
        let first = group[0];
        if first.kind != Kind::Cloze {
            let mut row = card_row(first, first.id.0.clone(), first.kind);
            row.reverse = reversed.contains(first.id.0.as_str());
            rows.push(row);
            continue;
        }
        group.sort_by_key(|card| {
            card.id
                .0
                .rsplit_once('#')
                .and_then(|(_, n)| n.parse::<usize>().ok())
                .unwrap_or(0)
        });
        let base = first.id.0.split_once('#').map_or("", |(base, _)| base);
        match reconstruct_cloze(&group) {
            Some((text, hint)) => {
                let accept = match &first.expected {
                    Expected::Text { accept, .. } => accept.clone(),
                    _ => Vec::new(),
                };
                rows.push(Row {
                    id: base.to_string(),
                    kind: Kind::Cloze,
                    question: text,
                    answer: String::new(),
                    accept,
                    choices: Vec::new(),
                    explain: first.explain.clone().unwrap_or_default(),
                    hint: hint.unwrap_or_default(),
                    tags: first.tags.clone(),
                    reverse: false,
                });
            }
            // Prompts that cannot be one cloze text: keep every card's content as a
            // typed-answer card rather than lose it.
            None => {
                for card in group {
                    rows.push(card_row(card, card.id.0.replace('#', "-"), Kind::Text));
                }
            }
        }
    }
    rows
}

fn card_row(card: &Card, id: String, kind: Kind) -> Row {
    let (answer, accept, choices) = match &card.expected {
        Expected::Text { answer, accept } => (answer.clone(), accept.clone(), Vec::new()),
        Expected::Choice { choices, answer } => (
            choices.get(*answer).cloned().unwrap_or_default(),
            Vec::new(),
            choices.clone(),
        ),
        Expected::TrueFalse(truth) => (truth.to_string(), Vec::new(), Vec::new()),
        Expected::Several { parts } => (join_list(parts), Vec::new(), Vec::new()),
    };
    Row {
        id,
        kind,
        question: card.question.clone(),
        answer,
        accept,
        choices,
        explain: card.explain.clone().unwrap_or_default(),
        hint: card.hint.clone().unwrap_or_default(),
        tags: card.tags.clone(),
        reverse: false,
    }
}

/// Rebuilds a cloze note's text from its cards, which the model keeps only as prompts
/// (this card's gap as `[...]` or `[hint]`, the others filled in), and the note's own
/// hint. `None` when no text gives exactly these cards back.
fn reconstruct_cloze(cards: &[&Card]) -> Option<(String, Option<String>)> {
    let answers = cards
        .iter()
        .map(|card| match &card.expected {
            Expected::Text { answer, .. } => Some(answer.as_str()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    [true, false]
        .into_iter()
        .find_map(|prefer_gap_hint| try_reconstruct(cards, &answers, prefer_gap_hint))
}

fn try_reconstruct(
    cards: &[&Card],
    answers: &[&str],
    prefer_gap_hint: bool,
) -> Option<(String, Option<String>)> {
    let n = cards.len();
    let prompts: Vec<&str> = cards.iter().map(|card| card.question.as_str()).collect();
    let mut pos = vec![0; n];
    let mut text = String::new();
    let mut note_hint: Option<String> = None;
    for j in 0..n {
        // The blank is `[hint]` for a gap with its own hint, else `[...]` (the note's hint,
        // if any, is still the card's hint).
        let plain = ("[...]".to_string(), None);
        let markers = match &cards[j].hint {
            Some(hint) => {
                let own = (format!("[{hint}]"), Some(hint.clone()));
                if prefer_gap_hint {
                    vec![own, plain]
                } else {
                    vec![plain, own]
                }
            }
            None => vec![plain],
        };
        let rest = &prompts[j][pos[j]..];
        let (lead, marker, gap_hint) = if n == 1 {
            markers
                .iter()
                .find_map(|(m, h)| rest.find(m.as_str()).map(|at| (at, m, h)))?
        } else {
            let k = (j + 1) % n;
            let limit = common_prefix(rest, &prompts[k][pos[k]..]);
            (0..=limit)
                .rev()
                .filter(|&l| rest.is_char_boundary(l))
                .find_map(|l| {
                    let (m, h) = markers
                        .iter()
                        .find(|(m, _)| rest[l..].starts_with(m.as_str()))?;
                    let others_fit = (0..n).filter(|&i| i != j).all(|i| {
                        let other = &prompts[i][pos[i]..];
                        other.starts_with(&rest[..l]) && other[l..].starts_with(answers[j])
                    });
                    others_fit.then_some((l, m, h))
                })?
        };
        text.push_str(&rest[..lead]);
        text.push_str("{{");
        text.push_str(answers[j]);
        if let Some(hint) = gap_hint {
            text.push_str("::");
            text.push_str(hint);
        } else if note_hint.is_none() {
            note_hint = cards[j].hint.clone();
        }
        text.push_str("}}");
        for (i, at) in pos.iter_mut().enumerate() {
            *at += lead
                + if i == j {
                    marker.len()
                } else {
                    answers[j].len()
                };
        }
    }
    let tail = &prompts[0][pos[0]..];
    if (1..n).any(|i| &prompts[i][pos[i]..] != tail) {
        return None;
    }
    text.push_str(tail);

    let gaps = cloze::gaps(&text).ok()?;
    let same = gaps.len() == n
        && gaps.iter().zip(cards).enumerate().all(|(i, (gap, card))| {
            cloze::prompt(&text, &gaps, i) == card.question
                && gap.answer == answers[i]
                && gap.hint.clone().or_else(|| note_hint.clone()) == card.hint
        });
    same.then_some((text, note_hint))
}

/// Byte length of the longest common prefix of `a` and `b` (whole characters).
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

fn write_tsv(deck: &Deck, rows: &[Row]) -> String {
    let mut out = String::from("#separator:tab\n#html:false\n");
    let title = deck
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>();
    if !title.trim().is_empty() {
        out.push_str(&format!("#deck:{}\n", title.trim()));
    }
    out.push_str(&format!("#columns:{}\n", COLUMNS.join("\t")));
    out.push_str(&format!("#tags column:{TAGS_COLUMN}\n"));
    for row in rows {
        let (question, answer) = if row.kind == Kind::Cloze {
            // Anki's cloze note type: Text, then "Back Extra", shown after answering.
            (anki_cloze(&row.question), row.explain.clone())
        } else {
            (row.question.clone(), row.answer.clone())
        };
        // Anki tags are single words.
        let tags = row
            .tags
            .iter()
            .map(|tag| tag.split_whitespace().collect::<Vec<_>>().join("_"))
            .filter(|tag| !tag.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        write_record(&mut out, &row_fields(row, question, answer, tags), '\t');
    }
    out
}

fn write_csv(rows: &[Row]) -> String {
    let mut out = String::new();
    write_record(&mut out, &COLUMNS.map(str::to_string), ',');
    for row in rows {
        let tags = join_list(&row.tags);
        write_record(
            &mut out,
            &row_fields(row, row.question.clone(), row.answer.clone(), tags),
            ',',
        );
    }
    out
}

/// A row's fields in [`COLUMNS`] order.
fn row_fields(row: &Row, question: String, answer: String, tags: String) -> [String; 10] {
    [
        question,
        answer,
        join_list(&row.accept),
        join_list(&row.choices),
        row.explain.clone(),
        row.hint.clone(),
        tags,
        row.id.clone(),
        row.kind.name().to_string(),
        if row.reverse { "true" } else { "" }.to_string(),
    ]
}

fn write_record(out: &mut String, fields: &[String], sep: char) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        // Quoted when it would otherwise split, lose its outer spaces, or (first on its
        // line) pass for an Anki header.
        let quote = field.contains([sep, '"', '\n', '\r'])
            || field.trim() != field
            || (i == 0 && field.starts_with('#'));
        if quote {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse::Parsed;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
    }

    fn parse(toml: &str) -> Parsed {
        parse_deck(DeckId("imported".into()), toml, Origin::Bundled)
    }

    /// The deck an import wrote, which must load without a single error.
    #[track_caller]
    fn load(imported: &Imported) -> Deck {
        let parsed = parse(&imported.toml);
        let errors: Vec<_> = parsed.findings.iter().filter(|f| f.is_error()).collect();
        assert!(errors.is_empty(), "errors: {errors:#?}\n{}", imported.toml);
        parsed.deck.unwrap()
    }

    /// `(id, kind, question, answer, tags)` of every card.
    fn summary(deck: &Deck) -> Vec<(String, &'static str, String, String, Vec<String>)> {
        deck.cards
            .iter()
            .map(|c| {
                (
                    c.id.0.clone(),
                    c.kind.name(),
                    c.question.clone(),
                    c.answer_text(),
                    c.tags.clone(),
                )
            })
            .collect()
    }

    fn card(
        id: &str,
        kind: &'static str,
        question: &str,
        answer: &str,
        tags: &[&str],
    ) -> (String, &'static str, String, String, Vec<String>) {
        (
            id.to_string(),
            kind,
            question.to_string(),
            answer.to_string(),
            tags.iter().map(|t| t.to_string()).collect(),
        )
    }

    fn skipped(imported: &Imported) -> Vec<(usize, &str)> {
        imported
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect()
    }

    fn import_as(text: &str, source: Option<Source>) -> Imported {
        import(
            text,
            &ImportOptions {
                source,
                ..ImportOptions::default()
            },
        )
    }

    // -----------------------------------------------------------------------
    // Fixtures

    #[test]
    fn anki_export_with_headers() {
        let text = fixture("anki-notes.txt");
        assert_eq!(detect(&text), Source::Anki);
        let imported = import(
            &text,
            &ImportOptions {
                title: "Soviet History".into(),
                source_note: "imported from anki-notes.txt".into(),
                ..ImportOptions::default()
            },
        );
        assert_eq!(imported.source, Source::Anki);
        let deck = load(&imported);
        assert_eq!(deck.title, "Soviet History");
        assert_eq!(deck.source.as_deref(), Some("imported from anki-notes.txt"));
        assert_eq!(
            summary(&deck),
            vec![
                card(
                    "who-delivered-the-secret-speech",
                    "text",
                    "Who delivered the Secret Speech?",
                    "Nikita Khrushchev",
                    &["history", "people"],
                ),
                card(
                    "how-is-khrushchev-written-in-russian",
                    "text",
                    "How is Khrushchev written in Russian?",
                    "Хрущёв",
                    &["russian"],
                ),
                card(
                    "which-two-things-did-the-speech-denounce",
                    "text",
                    "Which two things did the speech denounce?",
                    "Mass repressions\nand the cult of personality",
                    &["history"],
                ),
                card(
                    "the-secret-speech-was-delivered-in-1956#1",
                    "cloze",
                    "The Secret Speech was delivered in [...].",
                    "1956",
                    &["history", "cloze"],
                ),
                card(
                    "khrushchev-spoke-to-the-20th-congress-in-moscow#1",
                    "cloze",
                    "[who] spoke to the 20th Congress in Moscow.",
                    "Khrushchev",
                    &["cloze"],
                ),
                card(
                    "khrushchev-spoke-to-the-20th-congress-in-moscow#2",
                    "cloze",
                    "Khrushchev spoke to the [...] in Moscow.",
                    "20th Congress",
                    &["cloze"],
                ),
                card(
                    "what-is-the-german-word-for-street",
                    "text",
                    "What is the German word for street?",
                    "Straße",
                    &[],
                ),
                card(
                    "speech-is-called-on-the-cult-its-consequences",
                    "text",
                    "<Speech> is called \"On the Cult\" & 'its consequences'?",
                    "On the Cult of Personality and Its Consequences — A",
                    &["history"],
                ),
            ]
        );
        // The cloze note's "Back Extra" is shown after answering; hints stay per gap.
        assert_eq!(
            deck.cards[4].explain.as_deref(),
            Some("It was a closed session.")
        );
        assert_eq!(deck.cards[4].hint.as_deref(), Some("who"));
        assert_eq!(deck.cards[3].explain, None);
        assert_eq!(imported.cards, 7);
        assert_eq!(
            skipped(&imported),
            vec![(14, "missing answer"), (15, "unbalanced cloze braces")]
        );
    }

    #[test]
    fn anki_export_with_semicolons_bom_and_crlf() {
        let text = fixture("anki-semicolon.txt");
        assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
        assert_eq!(detect(&text), Source::Anki);
        let imported = import(&text, &ImportOptions::default());
        let deck = load(&imported);
        assert_eq!(deck.title, "German Basics");
        assert_eq!(deck.tags, vec!["german"]);
        assert_eq!(
            summary(&deck),
            vec![
                card(
                    "der-hund",
                    "text",
                    "der Hund",
                    "the dog",
                    &["animals", "german"]
                ),
                card(
                    "die-strasse-the-road",
                    "text",
                    "die Straße; the road",
                    "the street \"Straße\"",
                    &["german"],
                ),
                card(
                    "guten-tag",
                    "text",
                    "Guten Tag",
                    "good day\nhello",
                    &["greetings", "phrases", "german"],
                ),
                card("das-haus", "text", "das Haus", "the house", &["german"]),
            ]
        );
        assert_eq!(skipped(&imported), vec![(12, "only one field: no answer")]);
    }

    #[test]
    fn quizlet_export_with_tabs_and_newlines() {
        let text = fixture("quizlet-tab.txt");
        assert_eq!(detect(&text), Source::Quizlet);
        let imported = import(&text, &ImportOptions::default());
        assert_eq!(imported.source, Source::Quizlet);
        let deck = load(&imported);
        assert_eq!(
            summary(&deck),
            vec![
                card(
                    "glasnost",
                    "text",
                    "Glasnost",
                    "Openness; a policy of transparency",
                    &[],
                ),
                card("perestroika", "text", "Perestroika", "Restructuring", &[]),
                card(
                    "gulag",
                    "text",
                    "Gulag",
                    "The Soviet forced-labour camp system",
                    &[],
                ),
            ]
        );
        assert_eq!(
            skipped(&imported),
            vec![
                (4, "missing answer"),
                (5, "only one field: no tab between term and definition"),
            ]
        );
    }

    #[test]
    fn quizlet_export_with_custom_separators() {
        let text = fixture("quizlet-custom.txt");
        let imported = import(
            &text,
            &ImportOptions {
                source: Some(Source::Quizlet),
                term_separator: Some(" - ".into()),
                card_separator: Some(";".into()),
                ..ImportOptions::default()
            },
        );
        let deck = load(&imported);
        assert_eq!(
            summary(&deck),
            vec![
                card(
                    "khrushchev",
                    "text",
                    "Khrushchev",
                    "First Secretary, 1953-1964",
                    &[],
                ),
                card("malenkov", "text", "Malenkov", "Premier after Stalin", &[]),
                card("beria", "text", "Beria", "Head of the secret police", &[]),
                card(
                    "zhukov",
                    "text",
                    "Zhukov",
                    "Marshal of the Soviet Union",
                    &[]
                ),
            ]
        );
        assert_eq!(
            skipped(&imported),
            vec![
                (2, "only one field: no ` - ` between term and definition"),
                (3, "missing question"),
            ]
        );
        // Detection sees no tab and no header: a comma-separated Quizlet file.
        assert_eq!(detect(&text), Source::Quizlet);
    }

    #[test]
    fn csv_with_header_and_list_columns() {
        let text = fixture("cards.csv");
        assert_eq!(detect(&text), Source::Csv);
        let imported = import(&text, &ImportOptions::default());
        let deck = load(&imported);
        assert_eq!(
            summary(&deck),
            vec![
                card(
                    "speech-date",
                    "text",
                    "On what date did Khrushchev deliver the Secret Speech?",
                    "25 February 1956",
                    &["history", "dates"],
                ),
                card(
                    "which-congress-heard-the-speech",
                    "choice",
                    "Which congress heard the speech?",
                    "20th Congress",
                    &["history"],
                ),
                card(
                    "published",
                    "truefalse",
                    "The speech was published in the Soviet Union at the time.",
                    "false",
                    &[],
                ),
                card(
                    "name-two-things-de-stalinization-brought",
                    "several",
                    "Name two things de-Stalinization brought.",
                    "release of political prisoners, relaxed censorship",
                    &[],
                ),
                card(
                    "thaw#1",
                    "cloze",
                    "The speech began the [...] in 1956.",
                    "Khrushchev Thaw",
                    &["history", "cloze"],
                ),
                card(
                    "thaw#2",
                    "cloze",
                    "The speech began the Khrushchev Thaw in [year].",
                    "1956",
                    &["history", "cloze"],
                ),
                card(
                    "who-succeeded-stalin-as-first-secretary",
                    "text",
                    "Who succeeded Stalin as First Secretary?",
                    "Khrushchev",
                    &["people"],
                ),
            ]
        );
        let cards = &deck.cards;
        assert_eq!(
            cards[0].expected,
            Expected::Text {
                answer: "25 February 1956".into(),
                accept: vec!["February 25 1956".into(), "25.02.1956".into()],
            }
        );
        assert_eq!(
            cards[0].explain.as_deref(),
            Some("Delivered to a closed session,\nafter midnight.")
        );
        assert_eq!(
            cards[1].expected,
            Expected::Choice {
                choices: vec![
                    "19th Congress".into(),
                    "20th Congress".into(),
                    "21st Congress".into()
                ],
                answer: 1,
            }
        );
        assert_eq!(cards[2].explain.as_deref(), Some("Not until 1989."));
        assert_eq!(cards[6].hint.as_deref(), Some("Not Malenkov"));
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    }

    #[test]
    fn csv_bad_rows_are_skipped_with_their_lines() {
        let text = fixture("bad-rows.csv");
        let imported = import(&text, &ImportOptions::default());
        assert_eq!(imported.source, Source::Csv);
        let deck = load(&imported);
        assert_eq!(
            summary(&deck),
            vec![
                card(
                    "what-year-did-stalin-die",
                    "text",
                    "What year did Stalin die?",
                    "1953",
                    &[],
                ),
                card(
                    "capital",
                    "text",
                    "What is the Soviet capital?",
                    "Moscow",
                    &[],
                ),
                card(
                    "who-wrote-the-speech",
                    "text",
                    "Who wrote the speech?",
                    "Khrushchev and his aides",
                    &[],
                ),
            ]
        );
        assert_eq!(
            skipped(&imported),
            vec![
                (3, "missing question"),
                (4, "missing answer"),
                (5, "only one field: no answer"),
                (
                    6,
                    "a true/false card needs the answer true or false, not `maybe`"
                ),
                (7, "the answer `Kiev` is not one of the choices"),
                (8, "unbalanced cloze braces"),
                (10, "duplicate id `capital` (first used on line 9)"),
                (
                    11,
                    "id `has space` contains ' '; ids have no spaces, `#` or `~`"
                ),
                (
                    12,
                    "unknown kind `shape`; kinds are text, choice, truefalse, several, cloze"
                ),
                (13, "a quoted field is never closed"),
            ]
        );
    }

    // -----------------------------------------------------------------------
    // Detection, ids, details

    #[test]
    fn detects_the_source() {
        assert_eq!(detect("#separator:tab\na\tb\n"), Source::Anki);
        assert_eq!(detect("#html:true\na\tb\n"), Source::Anki);
        assert_eq!(detect("\u{feff}#separator:comma\r\na,b\r\n"), Source::Anki);
        assert_eq!(detect("A {{c1::cloze}}\textra\n"), Source::Anki);
        assert_eq!(detect("Question,Answer\nq,a\n"), Source::Csv);
        assert_eq!(detect("\"question\";\"answer\"\nq;a\n"), Source::Csv);
        assert_eq!(detect("question,answer\n\"{{c1::x}} y\",\n"), Source::Csv);
        assert_eq!(detect("term\tdefinition\n"), Source::Quizlet);
        assert_eq!(detect("term,definition\n"), Source::Quizlet);
        assert_eq!(detect("#1 hit\tsong\n"), Source::Quizlet);
        assert_eq!(detect(""), Source::Quizlet);
    }

    #[test]
    fn comma_quizlet_and_headerless_anki() {
        let imported = import_as("Glasnost,openness\nThaw,the 1950s relaxation\n", None);
        assert_eq!(imported.source, Source::Quizlet);
        let deck = load(&imported);
        assert_eq!(deck.cards[1].answer_text(), "the 1950s relaxation");

        // An Anki file without headers: tab-separated, cloze by its markers.
        let imported = import_as(
            "In {{c1::1956}} he spoke.\tBack extra\ttag1\nPlain\tcard\n",
            Some(Source::Anki),
        );
        let deck = load(&imported);
        assert_eq!(deck.cards[0].question, "In [...] he spoke.");
        assert_eq!(deck.cards[0].explain.as_deref(), Some("Back extra"));
        assert_eq!(deck.cards[1].answer_text(), "card");
    }

    #[test]
    fn ids_are_slugs_made_unique() {
        let imported = import_as(
            "question,answer,id\nSame?,a,\nSame?,b,\nOther,c,same\nSame?,d,same-2\n\"!!!\",e,\n",
            None,
        );
        let deck = load(&imported);
        let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.0.as_str()).collect();
        assert_eq!(ids, vec!["same-3", "same-4", "same", "same-2", "card"]);
        for id in ids {
            assert!(id_problem(id).is_none());
        }
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(html_to_text("a<br>b<br/>c<br />d"), "a\nb\nc\nd");
        assert_eq!(html_to_text("<div>one</div><div>two</div>"), "one\ntwo");
        assert_eq!(
            html_to_text(
                "&nbsp;x&nbsp;&nbsp;y &amp; &lt;z&gt; &quot;q&quot; &#39;s&#39; &#65;&#x42;"
            ),
            "x y & <z> \"q\" 's' AB"
        );
        assert_eq!(
            html_to_text("raw\nnewline\t and  spaces"),
            "raw newline and spaces"
        );
        assert_eq!(html_to_text("a < b & c"), "a < b & c");
        assert_eq!(html_to_text("x<!-- note -->y<style>p{}</style>z"), "xyz");
        assert_eq!(
            html_to_text("&unknown; &#xD800; &#0;"),
            "&unknown; &#xD800; &#0;"
        );
        assert_eq!(html_to_text("<img src=\"a.png\">Bild"), "Bild");
    }

    #[test]
    fn anki_cloze_markers() {
        assert_eq!(
            native_cloze("{{c1::a}} {{c2::b::hint}} {{c1::c}} {{plain}} {{c::x}}"),
            "{{a}} {{b::hint}} {{c}} {{plain}} {{c::x}}"
        );
        assert!(has_anki_cloze("x {{c12::y}}"));
        assert!(!has_anki_cloze("x {{y}} {{c::z}}"));
        assert_eq!(
            anki_cloze("The {{Thaw}} in {{1956::year}}."),
            "The {{c1::Thaw}} in {{c2::1956::year}}."
        );
    }

    #[test]
    fn list_columns_escape_bars() {
        assert_eq!(split_list(" a | b\\|c |\\\\| "), vec!["a", "b|c", "\\"]);
        assert_eq!(split_list("C:\\path"), vec!["C:\\path"]);
        let items = vec!["a|b".to_string(), "c\\".to_string(), "C:\\d".to_string()];
        assert_eq!(split_list(&join_list(&items)), items);
    }

    #[test]
    fn own_column_names_win_over_anki_names() {
        let imported = import_as("text,question,answer,back\nt,q,a,b\n", Some(Source::Csv));
        let deck = load(&imported);
        assert_eq!(deck.cards[0].question, "q");
        assert_eq!(deck.cards[0].answer_text(), "a");
        let imported = import_as("Front,Back\nq,a\n", Some(Source::Csv));
        assert_eq!(load(&imported).cards[0].answer_text(), "a");
    }

    #[test]
    fn a_header_without_question_imports_nothing() {
        let imported = import_as("word,meaning\na,b\n", Some(Source::Csv));
        assert_eq!(imported.cards, 0);
        assert_eq!(imported.skipped.len(), 1);
        assert_eq!(imported.skipped[0].line, 1);
        load(&imported);
    }

    #[test]
    fn never_panics_and_always_loads() {
        let nasty = [
            "",
            "\u{feff}",
            "\"",
            "\"\"",
            "\n\n\n",
            "\t\t\t",
            "{{c1::",
            "{{c1::}}\t",
            "{{c1::a}}}}\tb",
            "#separator:",
            "#separator:tab\n#tags column:0\n#guid column:99\na\tb",
            "#columns:\n\"a\tb",
            "question,answer\n\"a\"x\"y,\"b",
            "question,answer,kind\nq,,several\nq,a|a,several\nq,x,choice",
            "question,answer,choices\nq,a,a|A|b\nq,a,a",
            "a\rb\tc\r",
            "<\t&\n&#xFFFFFFFF;\t&#55296;\n<b\tb>",
            "a - b - c;;;;",
            "é\tü\nß",
            "id,question,answer\n#x,a,b\n~,c,d\na\u{0}b,e,f",
            "question,answer,explain\n\"\u{1b}[31m\",\"\u{0}\",\"\"\"\"\"\"\"\"\n",
        ];
        for text in nasty {
            for source in [
                None,
                Some(Source::Anki),
                Some(Source::Quizlet),
                Some(Source::Csv),
            ] {
                for (term, card) in [
                    (None, None),
                    (Some(" - "), Some(";")),
                    (Some("\""), Some("")),
                ] {
                    let imported = import(
                        text,
                        &ImportOptions {
                            source,
                            term_separator: term.map(String::from),
                            card_separator: card.map(String::from),
                            title: "T \"x\"\n".into(),
                            source_note: "s".into(),
                        },
                    );
                    load(&imported);
                }
            }
        }
    }

    // -----------------------------------------------------------------------
    // Export and the round trip

    const EVERY_KIND: &str = r##"
title = "Round trip"
tags = ["deck-tag"]

[[cards]]
id = "speech-date"
question = "On what date did Khrushchev deliver the Secret Speech?"
answer = "February 25, 1956"
accept = ["25 February 1956", "a|b \\ c"]
explain = "Shown after answering.\nSecond line, with a\ttab and \"quotes\"; semicolons."
hint = "late February"
tags = ["history", "dates"]

[[cards]]
id = "congress"
question = "#1 Which congress heard the speech?"
answer = "21st | Congress"
choices = ["19th Congress", "20th Congress", "21st | Congress"]

[[cards]]
id = "published"
question = "  The speech was published, in the USSR, at the time.  "
answer = false
explain = "Not until 1989."

[[cards]]
id = "releases"
question = "Name two things de-Stalinization brought."
answer = ["release of political prisoners", "relaxed censorship"]
hint = "think of prisons and books"
tags = ["deck-tag", "first"]

[[cards]]
id = "thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}, said [...] Хрущёв."
accept = ["the Thaw"]
explain = "Ehrenburg's novel named it."
hint = "a season"
tags = ["cloze"]

[[cards]]
id = "single"
cloze = "{{Straße}} is German."

[[cards]]
id = "hinted"
cloze = "{{a::first}} and {{b::second}} and {{a::first}}"
hint = "never shown"

[[cards]]
id = "Straße-ü"
question = "Text with {{braces}} and {{c1::fake}} and <b>no html</b> &amp;"
answer = "literal"
accept = ["true"]

[[cards]]
id = "tf-true"
question = "Is it true?"
answer = true

[[cards]]
id = "capital"
question = "Capital of France?"
answer = "Paris"
reverse = true
"##;

    fn every_kind() -> Deck {
        let parsed = parse(EVERY_KIND);
        assert!(
            parsed.findings.iter().all(|f| !f.is_error()),
            "{:#?}",
            parsed.findings
        );
        parsed.deck.unwrap()
    }

    /// A card as the round trip must keep it (the line it sits on may change).
    fn comparable(card: &Card) -> Card {
        Card {
            line: 0,
            ..card.clone()
        }
    }

    #[track_caller]
    fn round_trip(format: ExportFormat) -> (Deck, Deck, String) {
        let deck = every_kind();
        let text = export(&deck, format);
        let imported = import(&text, &ImportOptions::default());
        assert!(
            imported.skipped.is_empty(),
            "{:?}\n{text}",
            imported.skipped
        );
        assert_eq!(imported.cards, 10);
        let back = load(&imported);
        let before: Vec<Card> = deck.cards.iter().map(comparable).collect();
        let after: Vec<Card> = back.cards.iter().map(comparable).collect();
        assert_eq!(before.len(), after.len(), "{text}");
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b, a, "\n{text}\n{}", imported.toml);
        }
        (deck, back, text)
    }

    #[test]
    fn tsv_round_trip_keeps_every_card() {
        let (deck, back, text) = round_trip(ExportFormat::Tsv);
        assert_eq!(detect(&text), Source::Anki);
        assert_eq!(back.title, deck.title);
        assert!(text.starts_with(
            "#separator:tab\n#html:false\n#deck:Round trip\n\
             #columns:question\tanswer\taccept\tchoices\texplain\thint\ttags\tid\tkind\treverse\n\
             #tags column:7\n"
        ));
        // Cloze notes go out in Anki's form, one row each, with explain as "Back Extra".
        assert!(text.contains(
            "The speech began the {{c1::Khrushchev Thaw}} in {{c2::1956::year}}, \
             said [...] Хрущёв.\tEhrenburg's novel named it.\tthe Thaw\t\t\
             Ehrenburg's novel named it.\ta season\tcloze deck-tag\tthaw\tcloze\t\n"
        ));
        assert!(text.contains("\"#1 Which congress heard the speech?\"\t"));
    }

    #[test]
    fn csv_round_trip_keeps_every_card() {
        let (_, _, text) = round_trip(ExportFormat::Csv);
        assert_eq!(detect(&text), Source::Csv);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "question,answer,accept,choices,explain,hint,tags,id,kind,reverse"
        );
        assert!(text.contains(
            "\"The speech began the {{Khrushchev Thaw}} in {{1956::year}}, said [...] Хрущёв.\",,\
             the Thaw,,Ehrenburg's novel named it.,a season,cloze|deck-tag,thaw,cloze,\n"
        ));
        assert!(text.contains(
            "Name two things de-Stalinization brought.,release of political prisoners|relaxed censorship,,,,\
             think of prisons and books,deck-tag|first,releases,several,\n"
        ));
    }

    #[test]
    fn export_small_deck_exactly() {
        let deck = parse(
            "title = \"Tiny\"\n[[cards]]\nid = \"a\"\nquestion = \"Q\"\nanswer = \"A\"\ntags = [\"two words\"]\n",
        )
        .deck
        .unwrap();
        assert_eq!(
            export(&deck, ExportFormat::Tsv),
            "#separator:tab\n#html:false\n#deck:Tiny\n\
             #columns:question\tanswer\taccept\tchoices\texplain\thint\ttags\tid\tkind\treverse\n\
             #tags column:7\nQ\tA\t\t\t\t\ttwo_words\ta\ttext\t\n"
        );
        assert_eq!(
            export(&deck, ExportFormat::Csv),
            "question,answer,accept,choices,explain,hint,tags,id,kind,reverse\nQ,A,,,,,two words,a,text,\n"
        );
    }

    #[test]
    fn cloze_that_cannot_be_rebuilt_goes_out_as_typed_cards() {
        let mut deck = every_kind();
        deck.cards.retain(|c| c.id.0.starts_with("thaw#"));
        deck.cards[1].question = "Something else entirely [year]".into();
        let text = export(&deck, ExportFormat::Csv);
        let back = load(&import(&text, &ImportOptions::default()));
        let ids: Vec<&str> = back.cards.iter().map(|c| c.id.0.as_str()).collect();
        assert_eq!(ids, vec!["thaw-1", "thaw-2"]);
        assert_eq!(back.cards[1].question, "Something else entirely [year]");
        assert_eq!(back.cards[1].answer_text(), "1956");
    }
}
