//! Rows → deck file: each row checked by the real deck parser, ids given, one TOML deck.
//!
//! Whatever a reader found becomes a `[[cards]]` table only once the deck parser accepts
//! it alone, so the written deck always loads; a row it rejects is skipped with the
//! parser's reason. Ids written in the file are kept (and checked: unique, no spaces,
//! `#` or `~`) before any is derived from a card's wording, so a derived id never takes
//! one a later row asks for.

use std::collections::HashMap;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::html::{has_anki_cloze, native_cloze};
use super::row::{Read, Row, split_list};
use super::{ImportOptions, Imported, Skipped, Source};
use crate::deck::cloze::{self, ClozeError};
use crate::deck::parse::parse_deck;
use crate::deck::{DeckId, Kind, Origin};
use crate::judge;

/// A checked card, waiting for its id.
struct Built {
    line: usize,
    id: Option<String>,
    /// The text its id is derived from when it has none.
    wording: String,
    /// Its table as written in the deck, less the `[[cards]]` header and the `id` line:
    /// text, not a `toml_edit::Table`, which took ten times the memory (a package of
    /// 100,000 notes held 100 MB of tables until the deck was written).
    body: String,
}

/// How [`build_card`] renders a card before its id is known (the id comes first).
const PLACEHOLDER_HEAD: &str = "[[cards]]\nid = \"placeholder\"\n";

pub(super) fn assemble(read: Read, options: &ImportOptions, source: Source) -> Imported {
    let mut skipped = read.skipped;
    let mut built = Vec::new();
    // Each row is dropped once its card is built, so rows and cards are not both held whole.
    for row in read.rows {
        match build_card(&row) {
            Ok(card) => built.push(card),
            Err(reason) => skipped.push(Skipped {
                line: row.line,
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
    // The deck is often printed to a terminal: its unsafe characters become TOML escapes.
    crate::escape::toml(&mut doc);
    let mut toml = doc.to_string();
    let cards = kept.len();
    for mut card in kept {
        let id = match card.id.take() {
            Some(id) => id,
            None => {
                let base = crate::deck::id::slug(&card.wording, usize::MAX, 48);
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
        if !toml.is_empty() {
            toml.push('\n');
        }
        toml.push_str("[[cards]]\n");
        toml.push_str(&id_line(id));
        toml.push_str(&card.body);
    }
    skipped.sort_by_key(|s| s.line);
    Imported {
        toml,
        cards,
        skipped,
        source,
    }
}

/// Turns a row into a card table that loads on its own, or says why it cannot.
fn build_card(row: &Row) -> Result<Built, String> {
    let kind = match row.kind.trim() {
        "" if has_anki_cloze(&row.question) => Kind::Cloze,
        "" if !row.choices.is_empty() => Kind::Choice,
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
    if row.question.trim().is_empty() {
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
    let mut explain = row.explain.clone();
    let wording;
    match kind {
        Kind::Cloze => {
            unused("choices", &row.choices)?;
            let text = native_cloze(&row.question);
            let gaps = cloze::gaps(&text).map_err(|error| {
                match error {
                    ClozeError::NoGaps => "cloze text has no {{gap}}",
                    ClozeError::Empty(_) => "empty cloze gap",
                    ClozeError::Unbalanced(_) => "unbalanced cloze braces",
                    ClozeError::Numbering(_) => "cloze gaps numbered from c1, all or none",
                }
                .to_string()
            })?;
            wording = filled(&text, &gaps);
            table["cloze"] = value(text);
            // Anki's second cloze field is "Back Extra": shown after answering.
            let back = row.answer.trim();
            if explain.trim().is_empty() {
                explain = row.answer.clone();
            } else if !back.is_empty() && back != explain.trim() {
                explain = format!("{}\n\n{back}", explain.trim_end());
            }
            if !row.accept.is_empty() {
                table["accept"] = value(Array::from_iter(&row.accept));
            }
        }
        Kind::Text => {
            let answer = required_answer(row)?;
            wording = row.question.clone();
            table["question"] = value(&row.question);
            table["answer"] = value(answer);
            if !row.accept.is_empty() {
                table["accept"] = value(Array::from_iter(&row.accept));
            }
        }
        Kind::Choice => {
            let answer = required_answer(row)?;
            unused("accept", &row.accept)?;
            let choice = row
                .choices
                .iter()
                .find(|c| c.as_str() == answer)
                .or_else(|| {
                    let key = judge::normalise(answer);
                    row.choices.iter().find(|c| judge::normalise(c) == key)
                })
                .ok_or_else(|| format!("the answer `{answer}` is not one of the choices"))?;
            wording = row.question.clone();
            table["question"] = value(&row.question);
            table["answer"] = value(choice);
            table["choices"] = value(Array::from_iter(&row.choices));
        }
        Kind::TrueFalse => {
            let answer = required_answer(row)?;
            unused("choices", &row.choices)?;
            unused("accept", &row.accept)?;
            let truth = judge::parse_bool(answer).ok_or_else(|| {
                format!("a true/false card needs the answer true or false, not `{answer}`")
            })?;
            wording = row.question.clone();
            table["question"] = value(&row.question);
            table["answer"] = value(truth);
        }
        Kind::Several => {
            unused("choices", &row.choices)?;
            unused("accept", &row.accept)?;
            let parts = split_list(&row.answer);
            if parts.is_empty() {
                return Err("missing answer".to_string());
            }
            wording = row.question.clone();
            table["question"] = value(&row.question);
            table["answer"] = value(Array::from_iter(parts));
        }
    }
    if !explain.trim().is_empty() {
        table["explain"] = value(explain);
    }
    if !row.hint.trim().is_empty() {
        table["hint"] = value(&row.hint);
    }
    if !row.tags.is_empty() {
        table["tags"] = value(Array::from_iter(&row.tags));
    }
    if row.reverse {
        table["reverse"] = value(true);
    }
    let text = check_alone(table)?;
    let body = text
        .strip_prefix(PLACEHOLDER_HEAD)
        .ok_or_else(|| "the card could not be written".to_string())?
        .to_string();
    Ok(Built {
        line: row.line,
        id: (!row.id.is_empty()).then(|| row.id.clone()),
        wording,
        body,
    })
}

/// A card's `id = "…"` line, escaped as the rest of the deck is.
fn id_line(id: String) -> String {
    let mut doc = DocumentMut::new();
    doc["id"] = value(id);
    crate::escape::toml(&mut doc);
    doc.to_string()
}

fn required_answer(row: &Row) -> Result<&str, String> {
    let answer = row.answer.as_str();
    if answer.trim().is_empty() {
        Err("missing answer".to_string())
    } else {
        Ok(answer)
    }
}

/// The deck parser's verdict on one card table, so nothing it would reject is written;
/// the table as the deck will hold it (escaped) when the parser accepts it.
fn check_alone(table: Table) -> Result<String, String> {
    let mut doc = DocumentMut::new();
    let mut cards = ArrayOfTables::new();
    cards.push(table);
    doc.insert("cards", Item::ArrayOfTables(cards));
    crate::escape::toml(&mut doc);
    let text = doc.to_string();
    let parsed = parse_deck(DeckId("import".to_string()), &text, Origin::Bundled);
    match parsed.findings.iter().find(|f| f.is_error()) {
        Some(finding) => Err(finding.message.clone()),
        None => Ok(text),
    }
}

/// Why a written id cannot be used: the deck parser's rule.
pub(super) fn id_problem(id: &str) -> Option<String> {
    let bad = crate::deck::id::forbidden_char(id)?;
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
