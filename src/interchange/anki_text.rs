//! Anki's "Notes in Plain Text": read Anki's exports, and write text Anki imports.
//!
//! The `#key:value` header lines Anki writes are understood (`#separator`, `#html`,
//! `#tags`, `#deck`, `#notetype`, `#columns`, and the `#… column:N` ones). The first field
//! is the question and the second the answer; a note with `{{cN::…}}` becomes a cloze card
//! whose second field (Anki's "Back Extra") becomes `explain`; further fields are ignored
//! unless `#columns:` names them with this crate's names (`accept`, `choices`, `explain`,
//! `hint`, `kind`, `id`, `tags`; `front`/`text`, `back` and `back extra`/`extra` are
//! understood too). Every `cN` marker is one gap, in reading order. `#tags:` becomes the
//! deck's `tags`, `#deck:` its title. Anki's own export columns are read too: the guid
//! column is the card id (as a package's guid is, see `anki_package`), a reversed note type
//! gives `reverse = true` (the optional one when its "Add Reverse" field is set), a Cloze
//! note is a cloze, and the deck column is the title when every note is in one deck, else
//! each card's tag. Without `#html:` a field is read as HTML when the
//! file holds `<br>`, `<div>` or `&nbsp;`. What is written has Anki's `#separator:tab`,
//! `#html:false`, `#deck:`, `#columns:` and `#tags column:` headers, and a cloze note as
//! one row in `{{cN::…}}` form with its `explain` also in the second column.

use super::Skipped;
use super::anki_package::{field_text, id_of, split_media};
use super::fields::{records, single_char, write_record};
use super::html::{anki_cloze, has_anki_cloze, html_to_text};
use super::row::{COLUMNS, Column, Read, Row, column_roles, place, row_fields};
use crate::deck::{Deck, Kind};

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
pub(super) fn anki_header(line: &str) -> Option<(String, &str)> {
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

fn space_tags(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// A 1-based column number from a header, as a 0-based index.
fn column_index(value: &str) -> Option<usize> {
    value.trim().parse::<usize>().ok()?.checked_sub(1)
}

pub(super) fn read_anki(text: &str, separator: Option<char>) -> Read {
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
    let mut row_decks: Vec<Option<String>> = Vec::new();

    for record in records(data, header_lines + 1, sep) {
        let record = match record {
            Ok(record) => record,
            Err(skipped) => {
                read.skipped.push(skipped);
                continue;
            }
        };
        let mut row = Row {
            line: record.line,
            ..Row::default()
        };
        let mut fields = 0;
        let mut notetype = String::new();
        let mut third = String::new();
        let mut row_deck = None;
        for (i, raw) in record.fields.into_iter().enumerate() {
            if Some(i) == tags_col {
                row.tags.extend(space_tags(&raw));
                continue;
            }
            if Some(i) == guid_col {
                row.id = id_of(raw.trim());
                continue;
            }
            if Some(i) == notetype_col {
                notetype = raw.trim().to_string();
                continue;
            }
            if Some(i) == deck_col {
                row_deck = Some(raw.trim().to_string()).filter(|d| !d.is_empty());
                continue;
            }
            if meta.contains(&Some(i)) {
                continue;
            }
            if !named && fields == 2 {
                third = raw.clone();
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
                // Media become `[image: …]`/`[sound: …]`, as in a package.
                field_text(&raw, &mut Vec::new())
            } else {
                raw
            };
            place(&mut row, column, text, space_tags);
        }
        // Anki's own note types say what a note asks: a reversed type asks it back (the
        // optional one only when its third field, "Add Reverse", is filled).
        let lower = notetype.to_lowercase();
        if lower.starts_with("cloze") && row.kind.is_empty() {
            row.kind = "cloze".to_string();
        } else if lower.contains("optional reversed") {
            row.reverse = !html_to_text(&third).trim().is_empty();
        } else if lower.contains("reversed") {
            row.reverse = true;
        }
        let cloze = row.kind.eq_ignore_ascii_case("cloze")
            || (row.kind.is_empty() && has_anki_cloze(&row.question));
        if fields < 2 && !cloze {
            read.skipped.push(Skipped {
                line: row.line,
                reason: "only one field: no answer".to_string(),
            });
            continue;
        }
        // An image or a sound on the back is shown after answering, never typed.
        if row.kind != "cloze" && !has_anki_cloze(&row.question) {
            let (answer, shown) = split_media(&row.answer);
            if !shown.is_empty() {
                row.answer = answer;
                row.explain = [row.explain.trim(), &shown.join(" ")]
                    .iter()
                    .filter(|part| !part.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n\n");
            }
        }
        read.rows.push(row);
        row_decks.push(row_deck);
    }
    // One Anki deck is the deck's title; notes of several keep their deck as a tag.
    let mut decks: Vec<&String> = row_decks.iter().flatten().collect();
    decks.sort();
    decks.dedup();
    if let [deck] = decks[..] {
        read.title.get_or_insert_with(|| deck.clone());
    } else {
        for (row, deck) in read.rows.iter_mut().zip(&row_decks) {
            row.tags.extend(deck.iter().cloned());
        }
    }
    read
}

/// 1-based, for Anki's `#tags column:`.
const TAGS_COLUMN: usize = 7;

pub(super) fn write_tsv(deck: &Deck, rows: &[Row]) -> String {
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
        let (question, answer) = if row.kind == Kind::Cloze.name() {
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
