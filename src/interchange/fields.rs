//! Separated text, field by field: the quoting rules Anki text and CSV share.
//!
//! A field that starts with `"` (after spaces) runs to its closing quote, across
//! separators and newlines, with `""` inside for one quote; other fields are trimmed.
//! Readers get [`Record`]s with the line each starts on, so a skipped row can be named;
//! writers quote only where a field would otherwise not read back the same.

use super::Skipped;

/// A separator as the user may name it.
pub(super) fn separator_text(name: &str) -> String {
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

pub(super) fn single_char(name: Option<&str>) -> Option<char> {
    let text = separator_text(name?);
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != '\n' && c != '"' => Some(c),
        _ => None,
    }
}

/// One row of a separated file: the line it starts on and its fields, unquoted fields
/// trimmed, quoted ones as written.
#[derive(Debug)]
pub(super) struct Record {
    pub(super) line: usize,
    pub(super) fields: Vec<String>,
}

/// Splits separated text into records. A field that starts with `"` (after spaces) runs to
/// its closing quote, across separators and newlines; `""` inside is one quote. A quote
/// left open skips its row and reading goes on at the next line. Rows with no text at all
/// (blank lines, lone separators) are dropped.
pub(super) fn records(text: &str, first_line: usize, sep: char) -> Vec<Result<Record, Skipped>> {
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

pub(super) fn write_record(out: &mut String, fields: &[String], sep: char) {
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
