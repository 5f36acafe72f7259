//! The one card-row type every format reads into and writes from, and its columns.
//!
//! Anki text, Quizlet and CSV all hold a card as one row of fields; a [`Row`] is that row
//! in this crate's terms, the same shape whether a reader found it in a file (then checked
//! by `deck_file`) or `export` made it from a deck (then written by a format's writer).
//! List columns (`accept`, `choices`, CSV `tags`, `several` answers) hold items separated
//! by `|`; `\|` is a literal bar and `\\` a backslash.

use super::Skipped;
use crate::judge;

/// One card as a file row: a card or a whole cloze note, its fields as text.
#[derive(Debug, Default)]
pub(super) struct Row {
    /// 1-based line in the input where the row starts; 0 for a row made from a deck.
    pub(super) line: usize,
    pub(super) id: String,
    /// A kind's name; empty when a file does not say, and the importer then infers it.
    pub(super) kind: String,
    /// For a cloze note, its text (in a file, with Anki's `{{cN::…}}` or this crate's
    /// `{{answer::hint}}` gaps; from a deck, always the latter).
    pub(super) question: String,
    pub(super) answer: String,
    pub(super) accept: Vec<String>,
    pub(super) choices: Vec<String>,
    pub(super) explain: String,
    pub(super) hint: String,
    pub(super) tags: Vec<String>,
    /// Also asked answer → question (`reverse = true`, the deck's `id~r` twin).
    pub(super) reverse: bool,
}

/// What a reader found in a file.
#[derive(Debug, Default)]
pub(super) struct Read {
    pub(super) rows: Vec<Row>,
    pub(super) skipped: Vec<Skipped>,
    pub(super) title: Option<String>,
    pub(super) deck_tags: Vec<String>,
}

/// The columns both writers write, in order; also the CSV header's names.
pub(super) const COLUMNS: [&str; 10] = [
    "question", "answer", "accept", "choices", "explain", "hint", "tags", "id", "kind", "reverse",
];

/// A row's fields in [`COLUMNS`] order.
pub(super) fn row_fields(
    row: &Row,
    question: String,
    answer: String,
    tags: String,
) -> [String; 10] {
    [
        question,
        answer,
        join_list(&row.accept),
        join_list(&row.choices),
        row.explain.clone(),
        row.hint.clone(),
        tags,
        row.id.clone(),
        row.kind.clone(),
        if row.reverse { "true" } else { "" }.to_string(),
    ]
}

/// A column's meaning, from a CSV header or Anki's `#columns:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
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
pub(super) fn column_roles(names: &[String]) -> Vec<Option<Column>> {
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
pub(super) fn place(
    row: &mut Row,
    column: Column,
    text: String,
    split_tags: fn(&str) -> Vec<String>,
) {
    match column {
        Column::Question => row.question = text,
        Column::Answer => row.answer = text,
        Column::Accept => row.accept = split_list(&text),
        Column::Choices => row.choices = split_list(&text),
        Column::Explain => row.explain = text,
        Column::Hint => row.hint = text,
        Column::Tags => row.tags.extend(split_tags(&text)),
        Column::Id => row.id = text.trim().to_string(),
        Column::Kind => row.kind = text.trim().to_string(),
        Column::Reverse => row.reverse = judge::parse_bool(&text).unwrap_or(false),
    }
}

/// Splits a list column on `|`; `\|` is a literal bar and `\\` a backslash. Items are
/// trimmed and empty ones dropped.
pub(super) fn split_list(text: &str) -> Vec<String> {
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
pub(super) fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| item.replace('\\', "\\\\").replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_columns_escape_bars() {
        assert_eq!(split_list(" a | b\\|c |\\\\| "), vec!["a", "b|c", "\\"]);
        assert_eq!(split_list("C:\\path"), vec!["C:\\path"]);
        let items = vec!["a|b".to_string(), "c\\".to_string(), "C:\\d".to_string()];
        assert_eq!(split_list(&join_list(&items)), items);
    }
}
