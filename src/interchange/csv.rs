//! CSV in this crate's own columns: what `quiz export --format csv` writes and reads back.
//!
//! A header row names `question` and `answer` (any case), and optionally `accept`,
//! `choices`, `explain`, `hint`, `tags`, `id`, `kind` and `reverse`. List columns hold
//! items separated by `|` (`\|` is a literal bar, `\\` a backslash). Without a `kind` the
//! card is a cloze when its question has Anki `{{cN::…}}` gaps, multiple choice when it
//! has choices, and a typed answer otherwise; `truefalse` takes `true`/`false` (or
//! yes/no), `several` takes its parts separated by `|`, `cloze` takes `{{gap}}` or
//! `{{cN::gap}}`. The separator is the one the header row uses: comma, semicolon or tab.

use super::Skipped;
use super::fields::{records, write_record};
use super::row::{
    COLUMNS, Column, Read, Row, column_roles, join_list, place, row_fields, split_list,
};

/// The separator with which the first non-blank line names `question` and `answer`.
pub(super) fn csv_header_separator(text: &str, preferred: Option<char>) -> Option<char> {
    let line = text.lines().find(|line| !line.trim().is_empty())?;
    preferred.into_iter().chain([',', ';', '\t']).find(|&sep| {
        let names: Vec<String> = line
            .split(sep)
            .map(|name| name.trim().trim_matches('"').trim().to_ascii_lowercase())
            .collect();
        names.iter().any(|n| n == "question") && names.iter().any(|n| n == "answer")
    })
}

pub(super) fn read_csv(text: &str, separator: Option<char>) -> Read {
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
    for record in rows {
        let record = match record {
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
        let mut row = Row {
            line: record.line,
            ..Row::default()
        };
        for (field, role) in record.fields.into_iter().zip(&roles) {
            if let Some(column) = role {
                place(&mut row, *column, field, split_list);
            }
        }
        read.rows.push(row);
    }
    read
}

pub(super) fn write_csv(rows: &[Row]) -> String {
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
