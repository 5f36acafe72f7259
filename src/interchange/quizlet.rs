//! Quizlet's export: term, separator, definition, one card a line unless told otherwise.
//!
//! Quizlet lets the learner pick both separators when exporting, so both can be given
//! (`--term-separator`, `--card-separator`); by default the term ends at a tab, or at a
//! comma when the file has no tab. Quotes mean nothing here, and there is no header.

use super::fields::separator_text;
use super::row::{Read, Row};
use super::{ImportOptions, Skipped};

pub(super) fn read_quizlet(text: &str, options: &ImportOptions) -> Read {
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
            Some((term, definition)) => read.rows.push(Row {
                line,
                question: term.trim().to_string(),
                answer: definition.trim().to_string(),
                ..Row::default()
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
