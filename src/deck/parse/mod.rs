//! TOML text → deck model, collecting every finding with its exact span.
//!
//! We walk toml's spanned document tree by hand instead of deriving `Deserialize`: serde
//! stops at the first mistake, and `quiz check` must report all of them, each at its place.
//! This file holds the entry points, the two ways of reading a file (whole, or one
//! `[[cards]]` table at a time) and the deck's own fields; the files beside it read the cards.

mod cards;
mod cross_card;
mod kinds;
mod plain_table;
mod values;

pub(crate) use values::nearest;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use self::cross_card::CardReader;
use self::plain_table::{card_table_starts, plain_card_table};
use self::values::{array_items, boolean, string, tag_list, unknown_field, wrong_type};
use super::codes::Code;
use super::{Card, Deck, DeckId, Origin};
use crate::diagnostic::Finding;

pub(crate) const DECK_FIELDS: [&str; 9] = [
    "title",
    "description",
    "source",
    "tags",
    "reverse",
    "case_sensitive",
    "exact",
    "transliterate",
    "cards",
];

/// The outcome of reading one deck file: the deck when it has no errors, and every finding.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub deck: Option<Deck>,
    pub findings: Vec<Finding>,
}

/// Which findings to look for. The same errors stop a deck from loading either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checks {
    /// Errors and warnings, as `quiz check` reports them.
    All,
    /// Errors only, for commands that never show warnings (a study session): this skips
    /// the costliest warning, a duplicate question, which normalises every question.
    Errors,
}

/// Reads a deck file with every finding (`quiz check`'s view).
pub(crate) fn parse_deck(id: DeckId, source: &str, origin: Origin) -> Parsed {
    parse_deck_with(id, source, origin, Checks::All)
}

pub(crate) fn parse_deck_with(id: DeckId, source: &str, origin: Origin, checks: Checks) -> Parsed {
    let mut cards = Vec::new();
    let Parsed { deck, findings } = read_deck(id, source, origin, checks, &mut cards);
    Parsed {
        deck: deck.map(|deck| Deck { cards, ..deck }),
        findings,
    }
}

/// Where [`read_deck`] puts a deck's cards, one at a time in file order.
pub(crate) trait CardSink {
    fn card(&mut self, card: Card);
    /// Forgets every card received so far: the file is being read again from the start.
    fn restart(&mut self);
}

impl CardSink for Vec<Card> {
    fn card(&mut self, card: Card) {
        self.push(card);
    }

    fn restart(&mut self) {
        self.clear();
    }
}

/// Reads a deck file, handing its cards to `sink` as they are read, so a big deck need not
/// be held whole; the deck returned has no cards. When the file has an error the deck is
/// `None` and what the sink received must be dropped.
///
/// A file whose every table is a `[[cards]]` table is read one card at a time: each card's
/// text is parsed on its own, so the parsed TOML of only one card is in memory at once
/// (the whole file's tree takes about 2 KB a card). Anything else, and any file with a
/// TOML error, is parsed whole. Both give the same deck and the same findings.
pub(crate) fn read_deck(
    id: DeckId,
    source: &str,
    origin: Origin,
    checks: Checks,
    sink: &mut dyn CardSink,
) -> Parsed {
    let mut findings = Vec::new();
    let head = match read_by_card(source, checks, sink, &mut findings) {
        Some(head) => Some(head),
        None => {
            sink.restart();
            findings.clear();
            if source.len() as u64 > crate::input::WHOLE_TOML {
                findings.push(too_big_to_read_whole(source.len()));
                None
            } else {
                read_whole(source, checks, sink, &mut findings)
            }
        }
    };
    finish(id, origin, checks, head, findings)
}

fn finish(
    id: DeckId,
    origin: Origin,
    checks: Checks,
    head: Option<Head>,
    mut findings: Vec<Finding>,
) -> Parsed {
    if checks == Checks::Errors {
        findings.retain(Finding::is_error);
    }
    findings.sort_by_key(|f| (f.span.start, f.code));
    let deck = head
        .filter(|_| !findings.iter().any(Finding::is_error))
        .map(|head| Deck {
            title: head.title.unwrap_or_else(|| id.0.clone()),
            id,
            description: head.description,
            source: head.source,
            tags: head.tags,
            cards: Vec::new(),
            origin,
        });
    Parsed { deck, findings }
}

/// A deck over [`crate::input::WHOLE_TOML`] that must be parsed whole (or whose head, or
/// one of whose tables, is that big): refused, as the parser would take several times the
/// file's size of memory.
fn too_big_to_read_whole(len: usize) -> Finding {
    let human = crate::input::human_size;
    Finding::error(
        Code::Unreadable,
        0..0,
        format!(
            "could not read this deck: it is {} ({len} bytes), and a deck over {} must be \
             [[cards]] tables, each of them and the text before the first at most {}",
            human(len as u64),
            human(crate::input::WHOLE_TOML),
            human(crate::input::WHOLE_TOML),
        ),
    )
    .label("unreadable file")
}

/// Parses the whole file at once; `None` on a TOML error (reported as E001).
fn read_whole(
    source: &str,
    checks: Checks,
    sink: &mut dyn CardSink,
    findings: &mut Vec<Finding>,
) -> Option<Head> {
    let root = match DeTable::parse(source) {
        Ok(root) => root,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_string();
            findings.push(
                Finding::error(Code::InvalidToml, span, format!("invalid TOML: {message}"))
                    .label("TOML syntax error"),
            );
            return None;
        }
    };
    let (head, card_values) = read_head(root.get_ref(), findings);
    let mut reader = CardReader::new(source, checks, &head, card_values.len());
    for value in card_values {
        reader.read(source, 0, value, findings, sink);
    }
    reader.finish(findings);
    no_cards(source, card_values.len(), checks, findings);
    Some(head)
}

/// A deck of `tables` card tables with none is worth a warning (W003): it loads, but a
/// session over it has nothing to ask.
fn no_cards(source: &str, tables: usize, checks: Checks, findings: &mut Vec<Finding>) {
    if tables == 0 && checks == Checks::All && findings.is_empty() {
        let first_line = source.find(['\r', '\n']).unwrap_or(source.len());
        findings.push(
            Finding::warning(Code::NoCards, 0..first_line, "the deck has no cards")
                .label("add [[cards]] tables below, or run `quiz add` with this deck"),
        );
    }
}

/// Parses the file one `[[cards]]` table at a time; `None` when the file does not split
/// that way or a part of it is not valid TOML (the whole file is then parsed instead, which
/// reports the TOML error where a whole-file parser finds it).
fn read_by_card(
    source: &str,
    checks: Checks,
    sink: &mut dyn CardSink,
    findings: &mut Vec<Finding>,
) -> Option<Head> {
    let starts = card_table_starts(source)?;
    let head_end = starts.first().copied().unwrap_or(source.len());
    let whole_toml = |text: &str| text.len() as u64 <= crate::input::WHOLE_TOML;
    let head = {
        let text = Some(&source[..head_end]).filter(|text| whole_toml(text))?;
        let root = DeTable::parse(text).ok()?;
        let root = root.get_ref();
        // `cards = [...]` with `[[cards]]` after it is a TOML error; either way, whole.
        if root.iter().any(|(key, _)| key.get_ref() == "cards") {
            return None;
        }
        read_head(root, findings).0
    };
    let mut reader = CardReader::new(source, checks, &head, starts.len());
    let mut spare = None;
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(source.len());
        let text = &source[start..end];
        if let Some(value) = plain_card_table(text, &mut spare) {
            reader.read(text, start, &value, findings, sink);
            if let DeValue::Table(table) = value.into_inner() {
                spare = Some(table);
            }
            continue;
        }
        if !whole_toml(text) {
            return None;
        }
        let table = DeTable::parse(text).ok()?;
        let mut entries = table.get_ref().iter();
        let (Some((key, value)), None) = (entries.next(), entries.next()) else {
            return None;
        };
        let DeValue::Array(array) = value.get_ref() else {
            return None;
        };
        let [value] = array_items(array) else {
            return None;
        };
        if key.get_ref() != "cards" {
            return None;
        }
        reader.read(text, start, value, findings, sink);
    }
    reader.finish(findings);
    no_cards(source, starts.len(), checks, findings);
    Some(head)
}

/// What a deck file says about the deck as a whole.
struct Head {
    title: Option<String>,
    description: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
    reverse: bool,
    /// The deck's `case_sensitive`, `exact` and `transliterate`: the default of its cards.
    case_sensitive: bool,
    exact: bool,
    transliterate: bool,
}

fn read_head<'a, 'i>(
    root: &'a DeTable<'i>,
    findings: &mut Vec<Finding>,
) -> (Head, &'a [Spanned<DeValue<'i>>]) {
    let mut head = Head {
        title: None,
        description: None,
        source: None,
        tags: Vec::new(),
        reverse: false,
        case_sensitive: false,
        exact: false,
        transliterate: false,
    };
    let mut case_insensitive_span = None;
    let mut transliterate_span = None;
    let mut card_values: &[Spanned<DeValue<'_>>] = &[];
    for (key, value) in root {
        match key.get_ref().as_ref() {
            "title" => head.title = string(value, "title", findings),
            "description" => head.description = string(value, "description", findings),
            "source" => head.source = string(value, "source", findings),
            "tags" => head.tags = tag_list(value, findings).unwrap_or_default(),
            "reverse" => head.reverse = boolean(value, "reverse", findings).unwrap_or(false),
            "case_sensitive" => {
                let set = boolean(value, "case_sensitive", findings);
                head.case_sensitive = set.unwrap_or(false);
                if set == Some(false) {
                    case_insensitive_span = Some(value.span());
                }
            }
            "exact" => head.exact = boolean(value, "exact", findings).unwrap_or(false),
            "transliterate" => {
                head.transliterate = boolean(value, "transliterate", findings).unwrap_or(false);
                transliterate_span = Some(value.span());
            }
            "cards" => match value.get_ref() {
                DeValue::Array(array) => card_values = array_items(array),
                other => findings.push(wrong_type(
                    value.span(),
                    "cards",
                    "an array of [[cards]] tables",
                    other,
                )),
            },
            name => findings.push(unknown_field(key.span(), name, "deck", &DECK_FIELDS)),
        }
    }
    if let (true, Some(span)) = (head.exact, case_insensitive_span) {
        findings.push(self::cards::exact_contradiction(span, "deck"));
    }
    if let (true, Some(span)) = (head.transliterate, transliterate_span)
        && let Some(strict) =
            self::cards::stricter_than_romanisation(head.exact, head.case_sensitive)
    {
        findings.push(self::cards::transliterate_contradiction(
            span, strict, "deck",
        ));
    }
    (head, card_values)
}

#[cfg(test)]
mod tests;
