//! TOML text → deck model, collecting every finding with its exact span.
//!
//! We walk toml's spanned document tree by hand instead of deriving `Deserialize`: serde
//! stops at the first mistake, and `quiz check` must report all of them, each at its place.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::cloze::{self, ClozeError};
use super::codes::Code;
use super::{Card, CardId, Deck, DeckId, Kind, Origin};
use crate::diagnostic::Finding;
use crate::judge::{self, Expected};

pub const DECK_FIELDS: [&str; 6] = ["title", "description", "source", "tags", "reverse", "cards"];
pub const CARD_FIELDS: [&str; 11] = [
    "id", "kind", "question", "answer", "accept", "choices", "cloze", "explain", "hint", "tags",
    "reverse",
];

/// The outcome of reading one deck file: the deck when it has no errors, and every finding.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub deck: Option<Deck>,
    pub findings: Vec<Finding>,
}

/// Which findings to look for. The same errors stop a deck from loading either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Errors and warnings, as `quiz check` reports them.
    All,
    /// Errors only, for commands that never show warnings (a study session): this skips
    /// the costliest warning, a duplicate question, which normalises every question.
    Errors,
}

/// Reads a deck file with every finding (`quiz check`'s view).
pub fn parse_deck(id: DeckId, source: &str, origin: Origin) -> Parsed {
    parse_deck_with(id, source, origin, Checks::All)
}

pub fn parse_deck_with(id: DeckId, source: &str, origin: Origin, checks: Checks) -> Parsed {
    let mut cards = Vec::new();
    let Parsed { deck, findings } = read_deck(id, source, origin, checks, &mut cards);
    Parsed {
        deck: deck.map(|deck| Deck { cards, ..deck }),
        findings,
    }
}

/// Where [`read_deck`] puts a deck's cards, one at a time in file order.
pub trait CardSink {
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
pub fn read_deck(
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
            read_whole(source, checks, sink, &mut findings)
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
    Some(head)
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
    let head = {
        let root = DeTable::parse(&source[..head_end]).ok()?;
        let root = root.get_ref();
        // `cards = [...]` with `[[cards]]` after it is a TOML error; either way, whole.
        if root.iter().any(|(key, _)| key.get_ref() == "cards") {
            return None;
        }
        read_head(root, findings).0
    };
    let mut reader = CardReader::new(source, checks, &head, starts.len());
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(source.len());
        let text = &source[start..end];
        if let Some(value) = plain_card_table(text) {
            reader.read(text, start, &value, findings, sink);
            continue;
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
    Some(head)
}

/// Reads a `[[cards]]` table written the plain way — one `key = value` a line, with bare
/// keys, strings without escapes, booleans and one-line lists of such strings, blank lines
/// and comments — to what `DeTable::parse` gives for its one table, spans included, without
/// its general machinery, which takes most of the time of reading a big deck. `None` for
/// anything else (a duplicate key too): `DeTable::parse` reads that.
fn plain_card_table(text: &str) -> Option<Spanned<DeValue<'_>>> {
    let mut lines = text.split_inclusive('\n');
    let header = lines.next()?;
    let indent = header.len() - header.trim_start_matches([' ', '\t']).len();
    let header_span = indent..indent + "[[cards]]".len();
    let mut line = Line::new(header, 0)?;
    line.at = header_span.end;
    if text.get(header_span.clone())? != "[[cards]]" || !line.rest_is_blank() {
        return None;
    }
    let mut table = DeTable::new();
    let mut offset = header.len();
    for text_line in lines {
        let mut line = Line::new(text_line, offset)?;
        offset += text_line.len();
        line.skip_blanks();
        if line.rest_is_blank() {
            continue;
        }
        let key = line.bare_key()?;
        line.skip_blanks();
        line.expect(b'=')?;
        line.skip_blanks();
        let value = match line.peek()? {
            b'[' => {
                let start = line.at;
                line.at += 1;
                let mut array = DeArray::new();
                loop {
                    line.skip_blanks();
                    if line.peek()? == b']' {
                        break;
                    }
                    array.push(line.string()?);
                    line.skip_blanks();
                    match line.peek()? {
                        b',' => line.at += 1,
                        b']' => {}
                        _ => return None,
                    }
                }
                line.at += 1;
                Spanned::new(line.span(start), DeValue::Array(array))
            }
            b't' | b'f' => {
                let start = line.at;
                let value = if line.rest().starts_with(b"true") {
                    true
                } else if line.rest().starts_with(b"false") {
                    false
                } else {
                    return None;
                };
                line.at += if value { 4 } else { 5 };
                Spanned::new(line.span(start), DeValue::Boolean(value))
            }
            _ => line.string()?,
        };
        if !line.rest_is_blank() || table.iter().any(|(k, _)| k.get_ref() == key.get_ref()) {
            return None;
        }
        table.insert(key, value);
    }
    Some(Spanned::new(header_span, DeValue::Table(table)))
}

/// One line of a card table, for [`plain_card_table`]: its text without the line end, where
/// it starts in the table's text, and how far it has been read.
struct Line<'i> {
    text: &'i str,
    offset: usize,
    at: usize,
}

impl<'i> Line<'i> {
    fn new(line: &'i str, offset: usize) -> Option<Line<'i>> {
        let text = line
            .strip_suffix('\n')
            .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        // A lone carriage return is not a line end in TOML.
        (!text.contains('\r')).then_some(Line {
            text,
            offset,
            at: 0,
        })
    }

    fn rest(&self) -> &'i [u8] {
        &self.text.as_bytes()[self.at..]
    }

    fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    fn span(&self, start: usize) -> Range<usize> {
        self.offset + start..self.offset + self.at
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Blanks and perhaps a comment up to the end of the line.
    fn rest_is_blank(&mut self) -> bool {
        self.skip_blanks();
        match self.rest().split_first() {
            None => true,
            Some((b'#', comment)) => comment.iter().all(|&b| allowed_in_text(b)),
            Some(_) => false,
        }
    }

    fn bare_key(&mut self) -> Option<Spanned<Cow<'i, str>>> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.at += 1;
        }
        (self.at > start)
            .then(|| Spanned::new(self.span(start), Cow::Borrowed(&self.text[start..self.at])))
    }

    /// A one-line string without escapes: `"…"` or `'…'`.
    fn string(&mut self) -> Option<Spanned<DeValue<'i>>> {
        let start = self.at;
        let quote = self.peek().filter(|&q| q == b'"' || q == b'\'')?;
        let body = &self.rest()[1..];
        let len = body.iter().position(|&b| b == quote)?;
        if !body[..len]
            .iter()
            .all(|&b| allowed_in_text(b) && (quote == b'\'' || b != b'\\'))
        {
            return None;
        }
        let value = &self.text[start + 1..start + 1 + len];
        self.at = start + len + 2;
        Some(Spanned::new(
            self.span(start),
            DeValue::String(Cow::Borrowed(value)),
        ))
    }
}

/// What TOML allows in a comment or a one-line string: no control character but tab.
fn allowed_in_text(byte: u8) -> bool {
    byte == b'\t' || !(byte < 0x20 || byte == 0x7f)
}

/// The byte offset of every `[[cards]]` header line, when every line that opens with `[`
/// is one; `None` otherwise. A line inside a multi-line string may be taken for a header:
/// the part before it then ends inside that string, fails to parse, and the file is parsed
/// whole.
fn card_table_starts(source: &str) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('[') {
            let rest = trimmed.strip_prefix("[[cards]]")?;
            let rest = rest.trim_start_matches([' ', '\t']);
            if !(rest.is_empty() || rest.starts_with(['#', '\n', '\r'])) {
                return None;
            }
            starts.push(offset);
        }
        offset += line.len();
    }
    Some(starts)
}

/// What a deck file says about the deck as a whole.
struct Head {
    title: Option<String>,
    description: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
    reverse: bool,
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
    };
    let mut card_values: &[Spanned<DeValue<'_>>] = &[];
    for (key, value) in root {
        match key.get_ref().as_ref() {
            "title" => head.title = string(value, "title", findings),
            "description" => head.description = string(value, "description", findings),
            "source" => head.source = string(value, "source", findings),
            "tags" => head.tags = strings(value, "tags", findings).unwrap_or_default(),
            "reverse" => head.reverse = boolean(value, "reverse", findings).unwrap_or(false),
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
    (head, card_values)
}

/// Reads `[[cards]]` tables in file order, checking ids (and questions) across them.
struct CardReader<'s> {
    checks: Checks,
    deck_tags: Vec<String>,
    deck_reverse: bool,
    lines: LineCounter<'s>,
    first_ids: HashMap<String, Range<usize>>,
    first_questions: HashMap<String, Range<usize>>,
}

impl<'s> CardReader<'s> {
    fn new(source: &'s str, checks: Checks, head: &Head, tables: usize) -> Self {
        CardReader {
            checks,
            deck_tags: head.tags.clone(),
            deck_reverse: head.reverse,
            lines: LineCounter::new(source),
            first_ids: HashMap::with_capacity(tables),
            first_questions: HashMap::new(),
        }
    }

    /// Reads one `[[cards]]` value, whose spans count from `text`, which starts at byte
    /// `offset` of the file; findings are given spans in the file.
    fn read(
        &mut self,
        text: &str,
        offset: usize,
        value: &Spanned<DeValue<'_>>,
        findings: &mut Vec<Finding>,
        sink: &mut dyn CardSink,
    ) {
        let in_file = |span: Range<usize>| span.start + offset..span.end + offset;
        let DeValue::Table(table) = value.get_ref() else {
            findings.push(wrong_type(
                in_file(value.span()),
                "cards",
                "a [[cards]] table",
                value.get_ref(),
            ));
            return;
        };
        // Ids and questions are compared before the card is read, so a card with some other
        // mistake still counts as the first holder of its id.
        let explicit_id = string_field(table, "id");
        let question = (self.checks == Checks::All)
            .then(|| string_field(table, "question").or_else(|| string_field(table, "cloze")))
            .flatten();
        let before = findings.len();
        let raw = read_card(text, value.span(), table, findings);
        for finding in &mut findings[before..] {
            finding.span = in_file(finding.span.clone());
            for (span, _) in &mut finding.related {
                *span = in_file(span.clone());
            }
        }
        let id = match (explicit_id, &raw) {
            (Some(explicit), _) => Some(explicit),
            (None, Some(raw)) => Some((raw.id.clone(), raw.id_span.clone())),
            (None, None) => None,
        };
        if let Some((id, span)) = id {
            let span = in_file(span);
            if let Some(first) = self.first_ids.get(&id) {
                findings.push(
                    Finding::error(Code::DuplicateId, span, format!("duplicate card id `{id}`"))
                        .label("used again here")
                        .related(first.clone(), "first used here"),
                );
            } else {
                self.first_ids.insert(id, span);
            }
        }
        if let Some((text, span)) = question {
            let span = in_file(span);
            let key = judge::normalise(&text);
            if let Some(first) = self.first_questions.get(&key).filter(|_| !key.is_empty()) {
                findings.push(
                    Finding::warning(
                        Code::DuplicateQuestion,
                        span,
                        "duplicate question: another card asks the same",
                    )
                    .label("asked again here")
                    .related(first.clone(), "first asked here"),
                );
            } else {
                self.first_questions.insert(key, span);
            }
        }
        let Some(raw) = raw else {
            return;
        };
        let line = self.lines.line_at(offset + value.span().start);
        let reverse = raw.reverse.unwrap_or(self.deck_reverse);
        let reversed: Vec<Card> = raw
            .cards
            .iter()
            .filter(|card| reverse && card.kind == Kind::Text)
            .map(reversed)
            .collect();
        for mut card in raw.cards.into_iter().chain(reversed) {
            card.line = line;
            for tag in &self.deck_tags {
                if !card.tags.contains(tag) {
                    card.tags.push(tag.clone());
                }
            }
            sink.card(card);
        }
    }
}

/// Cards come in file order, so counting newlines on from the previous card keeps loading
/// linear in the size of the file (counting from the start each time made 100,000 cards
/// take minutes).
struct LineCounter<'a> {
    source: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(source: &'a str) -> Self {
        LineCounter {
            source,
            offset: 0,
            line: 1,
        }
    }

    /// 1-based line of a byte offset.
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        if offset < self.offset {
            *self = LineCounter::new(self.source);
        }
        let newlines = self.source.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines;
        self.offset = offset;
        self.line
    }
}

/// One `[[cards]]` table, before ids are checked against the rest of the deck.
struct RawCard {
    id: String,
    id_span: Range<usize>,
    cards: Vec<Card>,
    /// The card's own `reverse`, which beats the deck's.
    reverse: Option<bool>,
}

/// A string field of a card table with the span of its value, when it is a string.
fn string_field(table: &DeTable<'_>, name: &str) -> Option<(String, Range<usize>)> {
    table
        .iter()
        .find(|(key, _)| key.get_ref() == name)
        .and_then(|(_, value)| match value.get_ref() {
            DeValue::String(text) => Some((text.to_string(), value.span())),
            _ => None,
        })
}

#[derive(Default)]
struct Fields<'a, 'i> {
    id: Option<&'a Spanned<DeValue<'i>>>,
    kind: Option<&'a Spanned<DeValue<'i>>>,
    question: Option<&'a Spanned<DeValue<'i>>>,
    answer: Option<&'a Spanned<DeValue<'i>>>,
    accept: Option<&'a Spanned<DeValue<'i>>>,
    choices: Option<&'a Spanned<DeValue<'i>>>,
    cloze: Option<&'a Spanned<DeValue<'i>>>,
    explain: Option<&'a Spanned<DeValue<'i>>>,
    hint: Option<&'a Spanned<DeValue<'i>>>,
    tags: Option<&'a Spanned<DeValue<'i>>>,
    reverse: Option<&'a Spanned<DeValue<'i>>>,
}

fn read_card(
    source: &str,
    table_span: Range<usize>,
    table: &DeTable<'_>,
    findings: &mut Vec<Finding>,
) -> Option<RawCard> {
    let errors_before = error_count(findings);
    let mut fields = Fields::default();
    let mut misspelt = false;
    for (key, value) in table {
        let slot = match key.get_ref().as_ref() {
            "id" => &mut fields.id,
            "kind" => &mut fields.kind,
            "question" => &mut fields.question,
            "answer" => &mut fields.answer,
            "accept" => &mut fields.accept,
            "choices" => &mut fields.choices,
            "cloze" => &mut fields.cloze,
            "explain" => &mut fields.explain,
            "hint" => &mut fields.hint,
            "tags" => &mut fields.tags,
            "reverse" => &mut fields.reverse,
            name => {
                findings.push(unknown_field(key.span(), name, "card", &CARD_FIELDS));
                misspelt = true;
                continue;
            }
        };
        *slot = Some(value);
    }
    // The card's header line is where a missing field is reported.
    let header = header_span(source, &table_span);

    let id = fields.id.and_then(|v| string(v, "id", findings));
    if let (Some(id), Some(value)) = (&id, fields.id) {
        check_id(id, value.span(), findings);
    }
    let explicit_kind = fields.kind.and_then(|v| {
        let name = string(v, "kind", findings)?;
        let kind = Kind::from_name(&name);
        if kind.is_none() {
            findings.push(
                Finding::error(
                    Code::KindMismatch,
                    v.span(),
                    format!(
                        "unknown kind `{name}`; kinds are {}",
                        Kind::NAMES.join(", ")
                    ),
                )
                .label("unknown kind"),
            );
        }
        kind
    });
    let question = fields
        .question
        .and_then(|v| nonempty_string(v, "question", findings));
    let cloze_text = fields
        .cloze
        .and_then(|v| nonempty_string(v, "cloze", findings));
    let accept = fields
        .accept
        .and_then(|v| strings(v, "accept", findings))
        .unwrap_or_default();
    let choices = fields.choices.and_then(|v| strings(v, "choices", findings));
    let explain = fields.explain.and_then(|v| string(v, "explain", findings));
    let hint = fields.hint.and_then(|v| string(v, "hint", findings));
    let tags = fields
        .tags
        .and_then(|v| strings(v, "tags", findings))
        .unwrap_or_default();
    for (value, text) in fields
        .accept
        .into_iter()
        .flat_map(|v| items(v).iter())
        .zip(&accept)
    {
        if text.trim().is_empty() {
            findings.push(
                Finding::error(Code::Empty, value.span(), "empty entry in `accept`").label("empty"),
            );
        }
    }

    let inferred = infer_kind(&fields);
    let kind = match explicit_kind {
        Some(kind) => {
            if let Some(message) = contradiction(kind, &fields) {
                findings.push(
                    Finding::error(
                        Code::KindMismatch,
                        fields.kind.map_or(header.clone(), Spanned::span),
                        message,
                    )
                    .label("this kind does not fit the card's fields"),
                );
            }
            kind
        }
        None => inferred,
    };

    let mut cards = Vec::new();
    let question_text;
    match kind {
        Kind::Cloze => {
            for (name, value) in [
                ("question", fields.question),
                ("answer", fields.answer),
                ("choices", fields.choices),
            ] {
                if let Some(value) = value {
                    findings.push(
                        Finding::error(
                            Code::KindMismatch,
                            value.span(),
                            format!("a cloze card takes no `{name}`: its gaps are the answers"),
                        )
                        .label("not used by cloze cards"),
                    );
                }
            }
            let Some(cloze_value) = fields.cloze else {
                // Only an explicit `kind = "cloze"` gets here, and the contradiction
                // (E013) already names what is missing.
                return None;
            };
            question_text = cloze_text.clone().unwrap_or_default();
            let text = cloze_text?;
            match cloze::gaps(&text) {
                Ok(gaps) => {
                    for (index, gap) in gaps.iter().enumerate() {
                        cards.push(Card {
                            id: CardId(String::new()),
                            kind,
                            question: cloze::prompt(&text, &gaps, index),
                            expected: Expected::Text {
                                answer: gap.answer.clone(),
                                accept: accept.clone(),
                            },
                            explain: explain.clone(),
                            hint: gap.hint.clone().or_else(|| hint.clone()),
                            tags: tags.clone(),
                            line: 0,
                            implicit_id: false,
                        });
                    }
                }
                Err(error) => {
                    let (code, inner, message, label) = match error {
                        ClozeError::NoGaps => (
                            Code::NoGaps,
                            None,
                            "cloze text has no {{gap}}",
                            "no gaps in this text",
                        ),
                        ClozeError::Empty(range) => (
                            Code::EmptyGap,
                            Some(range),
                            "empty cloze gap",
                            "nothing to ask here",
                        ),
                        ClozeError::Unbalanced(range) => (
                            Code::UnbalancedBraces,
                            Some(range),
                            "unbalanced cloze braces",
                            "no matching pair",
                        ),
                    };
                    let span = inner
                        .and_then(|range| inner_span(source, &cloze_value.span(), &text, &range))
                        .unwrap_or_else(|| cloze_value.span());
                    findings.push(Finding::error(code, span, message).label(label));
                }
            }
        }
        _ => {
            if let Some(value) = fields.cloze {
                findings.push(
                    Finding::error(
                        Code::KindMismatch,
                        value.span(),
                        "`cloze` cannot be combined with `question`/`answer`",
                    )
                    .label("remove this or the question"),
                );
            }
            if fields.question.is_none() {
                // A misspelt field already says what is missing.
                if !misspelt {
                    findings.push(
                        Finding::error(
                            Code::MissingField,
                            header.clone(),
                            "card without a `question`",
                        )
                        .label("this card"),
                    );
                }
                return None;
            };
            question_text = question.clone().unwrap_or_default();
            let Some(answer_value) = fields.answer else {
                // A misspelt field already says what is missing.
                if !misspelt {
                    findings.push(
                        Finding::error(
                            Code::MissingField,
                            header.clone(),
                            "card without an `answer`",
                        )
                        .label("this card"),
                    );
                }
                return None;
            };
            let expected = read_expected(kind, answer_value, &fields, accept, choices, findings)?;
            cards.push(Card {
                id: CardId(String::new()),
                kind,
                question: question?,
                expected,
                explain,
                hint,
                tags,
                line: 0,
                implicit_id: false,
            });
        }
    }

    let (id, id_span, implicit) = match id {
        Some(id) => (id, fields.id.map_or(header.clone(), Spanned::span), false),
        // An id of the wrong type is already an error; it is not also a missing id.
        None if fields.id.is_some() => return None,
        None => {
            let derived = implicit_id(&question_text);
            findings.push(
                Finding::warning(Code::MissingId, header.clone(), format!("card has no `id`; it is known as `{derived}` until its wording changes"))
                    .label("editing this card's text will reset its progress (`quiz check --fix` writes the id in)"),
            );
            (derived, header.clone(), true)
        }
    };
    let reverse = fields.reverse.and_then(|v| boolean(v, "reverse", findings));
    if let (Some(true), Some(value)) = (reverse, fields.reverse)
        && kind != Kind::Text
    {
        findings.push(
            Finding::error(
                Code::KindMismatch,
                value.span(),
                "`reverse` works only on typed-answer cards",
            )
            .label("this card's answer cannot be asked back as a question"),
        );
    }
    if error_count(findings) > errors_before {
        return None;
    }
    let several = cards.len() > 1;
    for (index, card) in cards.iter_mut().enumerate() {
        card.id = CardId(if several || kind == Kind::Cloze {
            format!("{id}#{}", index + 1)
        } else {
            id.clone()
        });
        card.implicit_id = implicit;
    }
    Some(RawCard {
        id,
        id_span,
        cards,
        reverse,
    })
}

fn read_expected(
    kind: Kind,
    answer_value: &Spanned<DeValue<'_>>,
    fields: &Fields<'_, '_>,
    accept: Vec<String>,
    choices: Option<Vec<String>>,
    findings: &mut Vec<Finding>,
) -> Option<Expected> {
    match kind {
        Kind::Text => {
            let answer = nonempty_string(answer_value, "answer", findings)?;
            Some(Expected::Text { answer, accept })
        }
        Kind::Choice => {
            let answer = nonempty_string(answer_value, "answer", findings)?;
            let choices_value = fields.choices?;
            let choices = choices?;
            let mut seen: HashMap<String, Range<usize>> = HashMap::new();
            for (value, choice) in items(choices_value).iter().zip(&choices) {
                if choice.trim().is_empty() {
                    findings.push(
                        Finding::error(Code::Empty, value.span(), "empty choice").label("empty"),
                    );
                    continue;
                }
                let key = judge::normalise(choice);
                if let Some(first) = seen.get(&key) {
                    findings.push(
                        Finding::error(
                            Code::BadChoices,
                            value.span(),
                            format!("duplicated choice `{choice}`"),
                        )
                        .label("same as an earlier choice")
                        .related(first.clone(), "first listed here"),
                    );
                } else {
                    seen.insert(key, value.span());
                }
            }
            if choices.len() < 2 {
                findings.push(
                    Finding::error(
                        Code::BadChoices,
                        choices_value.span(),
                        "a multiple-choice card needs at least two choices",
                    )
                    .label("too few choices"),
                );
            }
            let Some(index) = choices.iter().position(|c| c == &answer) else {
                findings.push(
                    Finding::error(
                        Code::AnswerNotAChoice,
                        answer_value.span(),
                        format!("answer `{answer}` is not one of the choices"),
                    )
                    .label("not among the choices")
                    .related(choices_value.span(), "the choices"),
                );
                return None;
            };
            if let Some(value) = fields.accept.filter(|_| !accept.is_empty()) {
                findings.push(
                    Finding::error(
                        Code::KindMismatch,
                        value.span(),
                        "`accept` is not used on multiple-choice cards",
                    )
                    .label("the learner picks a choice"),
                );
            }
            Some(Expected::Choice {
                choices,
                answer: index,
            })
        }
        Kind::TrueFalse => {
            let DeValue::Boolean(value) = answer_value.get_ref() else {
                findings.push(wrong_type(
                    answer_value.span(),
                    "answer",
                    "a boolean (true or false) for a true/false card",
                    answer_value.get_ref(),
                ));
                return None;
            };
            if let Some(choices) = fields.choices {
                findings.push(
                    Finding::error(
                        Code::TrueFalseWithChoices,
                        choices.span(),
                        "a true/false card takes no `choices`",
                    )
                    .label("remove these: the choices are true and false"),
                );
            }
            if let Some(accept) = fields.accept {
                findings.push(
                    Finding::error(
                        Code::KindMismatch,
                        accept.span(),
                        "`accept` is not used on true/false cards",
                    )
                    .label("not used"),
                );
            }
            Some(Expected::TrueFalse(*value))
        }
        Kind::Several => {
            let parts = strings(answer_value, "answer", findings)?;
            for (value, part) in items(answer_value).iter().zip(&parts) {
                if part.trim().is_empty() {
                    findings.push(
                        Finding::error(Code::Empty, value.span(), "empty answer").label("empty"),
                    );
                }
            }
            if parts.is_empty() {
                findings.push(
                    Finding::error(Code::Empty, answer_value.span(), "empty answer list")
                        .label("no answers"),
                );
                return None;
            }
            for (name, value) in [("choices", fields.choices), ("accept", fields.accept)] {
                if let Some(value) = value {
                    findings.push(
                        Finding::error(
                            Code::KindMismatch,
                            value.span(),
                            format!("`{name}` is not used on several-answer cards"),
                        )
                        .label("not used"),
                    );
                }
            }
            Some(Expected::Several { parts })
        }
        Kind::Cloze => None,
    }
}

fn infer_kind(fields: &Fields<'_, '_>) -> Kind {
    if fields.cloze.is_some() && fields.question.is_none() {
        return Kind::Cloze;
    }
    match fields.answer.map(Spanned::get_ref) {
        Some(DeValue::Boolean(_)) => Kind::TrueFalse,
        Some(DeValue::Array(_)) => Kind::Several,
        _ if fields.choices.is_some() => Kind::Choice,
        _ => Kind::Text,
    }
}

/// Says why an explicit `kind` contradicts the card's fields, if it does.
fn contradiction(kind: Kind, fields: &Fields<'_, '_>) -> Option<String> {
    let answer = fields.answer.map(Spanned::get_ref);
    match kind {
        Kind::Text if fields.choices.is_some() => {
            Some("kind `text` with `choices`: use kind `choice`".into())
        }
        Kind::Text | Kind::Choice if matches!(answer, Some(DeValue::Boolean(_))) => Some(format!(
            "kind `{}` with a boolean answer: use kind `truefalse`",
            kind.name()
        )),
        Kind::Text | Kind::Choice if matches!(answer, Some(DeValue::Array(_))) => Some(format!(
            "kind `{}` with a list of answers: use kind `several`",
            kind.name()
        )),
        Kind::Choice if fields.choices.is_none() => Some("kind `choice` without `choices`".into()),
        Kind::Cloze if fields.cloze.is_none() => Some("kind `cloze` without `cloze` text".into()),
        _ => None,
    }
}

/// The card asked the other way round (answer → question), with its own id and progress.
fn reversed(card: &Card) -> Card {
    Card {
        id: CardId(format!("{}~r", card.id)),
        question: card.answer_text(),
        expected: Expected::Text {
            answer: card.question.clone(),
            accept: Vec::new(),
        },
        hint: None,
        ..card.clone()
    }
}

fn boolean(value: &Spanned<DeValue<'_>>, field: &str, findings: &mut Vec<Finding>) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        other => {
            findings.push(wrong_type(
                value.span(),
                field,
                "a boolean (true or false)",
                other,
            ));
            None
        }
    }
}

fn check_id(id: &str, span: Range<usize>, findings: &mut Vec<Finding>) {
    if id.trim().is_empty() {
        findings.push(Finding::error(Code::Empty, span, "empty card id").label("empty"));
    } else if let Some(bad) = id
        .chars()
        .find(|c| matches!(c, '#' | '~') || c.is_control() || c.is_whitespace())
    {
        findings.push(
            Finding::error(Code::InvalidId, span, format!("card id `{id}` contains {bad:?}; `#` and `~` are reserved, and ids have no spaces"))
                .label("invalid character in id"),
        );
    }
}

/// A stable id from the question's wording (FNV-1a, which, unlike std's hasher, is the same
/// on every platform and Rust version, so progress survives upgrades).
pub fn implicit_id(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let hash = crate::stable_hash::fnv1a(words.bytes());
    format!("q-{:010x}", hash >> 24)
}

fn header_span(source: &str, table_span: &Range<usize>) -> Range<usize> {
    // toml's span for an array-of-tables entry may start at its `[[cards]]` header or at its
    // first key; either way the line it starts on names the card.
    let start = table_span.start.min(source.len());
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = &source[start..end];
    let trimmed = line.trim_end();
    start..start + trimmed.len().max(1).min(line.len().max(1))
}

/// Maps a range inside a string value to the file, when the value is written without escapes.
fn inner_span(
    source: &str,
    value_span: &Range<usize>,
    text: &str,
    range: &Range<usize>,
) -> Option<Range<usize>> {
    let raw = source.get(value_span.clone())?;
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if raw.starts_with(quote) && raw.ends_with(quote) && raw.len() >= 2 * quote.len() {
            let body = &raw[quote.len()..raw.len() - quote.len()];
            if body == text {
                let start = value_span.start + quote.len();
                return Some(start + range.start..start + range.end);
            }
        }
    }
    None
}

fn error_count(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.is_error()).count()
}

fn array_items<'a, 'i>(array: &'a DeArray<'i>) -> &'a [Spanned<DeValue<'i>>] {
    array
}

fn items<'a, 'i>(value: &'a Spanned<DeValue<'i>>) -> &'a [Spanned<DeValue<'i>>] {
    match value.get_ref() {
        DeValue::Array(array) => array,
        _ => &[],
    }
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn wrong_type(span: Range<usize>, field: &str, expected: &str, found: &DeValue<'_>) -> Finding {
    Finding::error(
        Code::WrongType,
        span,
        format!("`{field}` must be {expected}, found {}", type_name(found)),
    )
    .label(format!("expected {expected}"))
}

fn string(
    value: &Spanned<DeValue<'_>>,
    field: &str,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    match value.get_ref() {
        DeValue::String(text) => Some(text.to_string()),
        other => {
            findings.push(wrong_type(value.span(), field, "a string", other));
            None
        }
    }
}

fn nonempty_string(
    value: &Spanned<DeValue<'_>>,
    field: &str,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let text = string(value, field, findings)?;
    if text.trim().is_empty() {
        findings.push(
            Finding::error(Code::Empty, value.span(), format!("empty `{field}`")).label("empty"),
        );
        return None;
    }
    Some(text)
}

fn strings(
    value: &Spanned<DeValue<'_>>,
    field: &str,
    findings: &mut Vec<Finding>,
) -> Option<Vec<String>> {
    let DeValue::Array(array) = value.get_ref() else {
        findings.push(wrong_type(
            value.span(),
            field,
            "an array of strings",
            value.get_ref(),
        ));
        return None;
    };
    let mut out = Vec::with_capacity(array.len());
    let mut ok = true;
    for item in array.iter() {
        match item.get_ref() {
            DeValue::String(text) => out.push(text.to_string()),
            other => {
                findings.push(
                    Finding::error(
                        Code::WrongType,
                        item.span(),
                        format!(
                            "every entry of `{field}` must be a string, found {}",
                            type_name(other)
                        ),
                    )
                    .label("expected a string"),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn unknown_field(span: Range<usize>, name: &str, what: &str, allowed: &[&str]) -> Finding {
    let closest = allowed
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(name, candidate), *candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min();
    let label = match closest {
        Some((_, candidate)) => format!("did you mean `{candidate}`?"),
        None => "unknown field".to_string(),
    };
    Finding::error(
        Code::UnknownField,
        span,
        format!(
            "unknown {what} field `{name}`; allowed fields are {}",
            allowed.join(", ")
        ),
    )
    .label(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deck and findings of one way of reading: whole, or card by card (`None` when
    /// the file cannot be read card by card).
    fn read_one_way(source: &str, checks: Checks, by_card: bool) -> Option<Parsed> {
        let mut cards = Vec::new();
        let mut findings = Vec::new();
        let head = if by_card {
            Some(read_by_card(source, checks, &mut cards, &mut findings)?)
        } else {
            read_whole(source, checks, &mut cards, &mut findings)
        };
        let parsed = finish(DeckId("d".into()), Origin::Bundled, checks, head, findings);
        Some(Parsed {
            deck: parsed.deck.map(|deck| Deck { cards, ..deck }),
            findings: parsed.findings,
        })
    }

    /// Every deck file of the repository and some written for the splitting.
    fn corpus() -> Vec<(String, String)> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut files = Vec::new();
        for folder in ["tests/broken", "decks", "src/deck"] {
            let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{folder}"))
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path.display().to_string(), text));
            }
        }
        let written = [
            // Every kind, deck tags and reverse, ids missing and repeated, questions repeated.
            "title = \"t\"\ntags = [\"deck\"]\nreverse = true\n\n[[cards]]\nid = \"a\"\nquestion = \"The Q?\"\nanswer = \"A\"\ntags = [\"x\"]\n\n  [[cards]]   # indented, with a comment\nquestion = \"q?\"\nanswer = \"B\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Other?\"\nanswer = [\"x\", \"y\"]\n\n[[cards]]\nid = \"c\"\ncloze = \"In {{1956}} the {{speech}}.\"\n\n[[cards]]\nid = \"t\"\nquestion = \"True?\"\nanswer = true\n\n[[cards]]\nid = \"m\"\nquestion = \"Pick\"\nanswer = \"b\"\nchoices = [\"a\", \"b\"]\nreverse = false\n",
            // A `[[cards]]` line inside a multi-line string: not a header.
            "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nexplain = \"\"\"\n[[cards]]\nid = \"a\"\n\"\"\"\n\n[[cards]]\nid = \"b\"\nquestion = \"R?\"\nanswer = \"B\"\n",
            "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nexplain = \'\'\'\n[[cards]]\n\'\'\'\n",
            // CRLF line ends, errors in several cards.
            "title = \"crlf\"\r\n\r\n[[cards]]\r\nid = \"a b\"\r\nquestion = \"Q?\"\r\nanswer = 1\r\n\r\n[[cards]]\r\nid = \"b\"\r\nquestoin = \"Q?\"\r\nanswer = \"A\"\r\n",
            // A card table with a sub-table, a key for `cards` at the top, and other tables.
            "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n[cards.extra]\nx = 1\n",
            "cards = []\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
            "title = \"t\"\n[meta]\nx = 1\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
            // No cards at all, and an empty file.
            "title = \"empty\"\n",
            "",
            // A TOML error in the last card only.
            "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n\n[[cards]]\nid = \"b\"\nquestion = \"Q?\nanswer = \"A\"\n",
        ];
        for (index, text) in written.iter().enumerate() {
            files.push((format!("written #{index}"), (*text).to_string()));
        }
        files
    }

    #[test]
    fn reading_card_by_card_gives_what_reading_whole_gives() {
        let mut by_card = 0;
        for (name, text) in corpus() {
            for checks in [Checks::All, Checks::Errors] {
                let whole = read_one_way(&text, checks, false).unwrap();
                if let Some(split) = read_one_way(&text, checks, true) {
                    assert_eq!(split.deck, whole.deck, "{name}");
                    assert_eq!(split.findings, whole.findings, "{name}");
                    by_card += 1;
                }
                let mut cards = Vec::new();
                let parsed = read_deck(
                    DeckId("d".into()),
                    &text,
                    Origin::Bundled,
                    checks,
                    &mut cards,
                );
                let parsed = Parsed {
                    deck: parsed.deck.map(|deck| Deck { cards, ..deck }),
                    findings: parsed.findings,
                };
                assert_eq!(parsed.deck, whole.deck, "{name}");
                assert_eq!(parsed.findings, whole.findings, "{name}");
            }
        }
        assert!(by_card > 50, "only {by_card} files were read card by card");
    }

    #[test]
    fn only_plain_card_tables_are_read_card_by_card() {
        let corpus = corpus();
        let split = |name: &str| {
            let (_, text) = corpus.iter().find(|(n, _)| n == name).unwrap();
            read_one_way(text, Checks::All, true).is_some()
        };
        assert!(split("written #0"));
        assert!(split("written #3"));
        assert!(split("written #7"));
        for name in [
            "written #1",
            "written #2",
            "written #4",
            "written #5",
            "written #6",
            "written #9",
        ] {
            assert!(!split(name), "{name}");
        }
    }

    /// Spans and values alike.
    fn same(a: &Spanned<DeValue<'_>>, b: &Spanned<DeValue<'_>>) -> bool {
        a.span() == b.span()
            && match (a.get_ref(), b.get_ref()) {
                (DeValue::Table(x), DeValue::Table(y)) => {
                    x.len() == y.len()
                        && x.iter().zip(y.iter()).all(|((k, v), (l, w))| {
                            k.span() == l.span() && k.get_ref() == l.get_ref() && same(v, w)
                        })
                }
                (DeValue::Array(x), DeValue::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y.iter()).all(|(v, w)| same(v, w))
                }
                (x, y) => format!("{x:?}") == format!("{y:?}"),
            }
    }

    #[test]
    fn plain_card_tables_read_as_toml_reads_them() {
        let headers = [
            "[[cards]]",
            "  [[cards]]",
            "[[cards]]  # note",
            "\t[[cards]]\t",
        ];
        // Lines read the plain way, then lines left to toml.
        let plain = [
            r#"id = "c1""#,
            r#"id="c2""#,
            r#"question = 'Literal "q" \ here'"#,
            r#"answer = "é ü 😀 no""#,
            r#"answer = """#,
            r#"accept = ["a", 'b']"#,
            "accept = []",
            r#"accept = [ "x" , ]"#,
            r#"tags=["t","u"]"#,
            "reverse = true",
            "reverse = false # no",
            "hint = \"tab\there\"",
            r#"explain = "with # hash""#,
            "",
            "   ",
            "# comment",
            "  # ü comment",
            "kind-2_x = \"text\"\t# trailing",
        ];
        let other = [
            r#"question = "escaped \" quote""#,
            r#"question = """multi""""#,
            "question = '''multi'''",
            "answer = 5",
            "answer = 1.5",
            r#"x = { a = "b" }"#,
            r#"a.b = "x""#,
            r#""quoted" = "x""#,
            "reverse = truex",
            "accept = [1]",
            r#"accept = ["x""#,
            r#"accept = ["x" "y"]"#,
            "answer = \"bell \u{7}\"",
            "answer = \"del \u{7f}\"",
            "# bell \u{7}",
            "answer = \"cr\rhere\"",
            r#"id = "c1""#,
            r#"ü = "x""#,
            r#"= "x""#,
            r#"id "x""#,
            r#"answer = "open"#,
            "[[cards]]",
            "[x]",
        ];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut read_plain = 0;
        for round in 0..3000 {
            let end = if next(3) == 0 { "\r\n" } else { "\n" };
            let mut text = headers[next(headers.len())].to_string();
            let mut plain_only = true;
            for _ in 0..next(7) {
                text.push_str(end);
                if round % 3 == 0 && next(6) == 0 {
                    text.push_str(other[next(other.len())]);
                    plain_only = false;
                } else {
                    text.push_str(plain[next(plain.len())]);
                }
            }
            if next(2) == 0 {
                text.push_str(end);
            }
            let keys: Vec<&str> = text
                .lines()
                .skip(1)
                .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
                .filter(|k| !k.starts_with('#'))
                .collect();
            let repeated = (1..keys.len()).any(|i| keys[..i].contains(&keys[i]));
            let fast = plain_card_table(&text);
            if plain_only && !repeated {
                assert!(fast.is_some(), "not read the plain way: {text:?}");
            }
            if let Some(fast) = fast {
                read_plain += 1;
                let root = DeTable::parse(&text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
                let DeValue::Array(cards) = root.get_ref().get("cards").unwrap().get_ref() else {
                    panic!("{text:?}");
                };
                assert!(
                    same(&fast, &cards[0]),
                    "{text:?}:\n{fast:?}\n{:?}",
                    cards[0]
                );
            }
        }
        assert!(read_plain > 1500, "only {read_plain} read the plain way");
    }

    #[test]
    fn checking_errors_only_gives_the_same_deck_and_errors() {
        for (name, text) in corpus() {
            let all = parse_deck_with(DeckId("d".into()), &text, Origin::Bundled, Checks::All);
            let errors =
                parse_deck_with(DeckId("d".into()), &text, Origin::Bundled, Checks::Errors);
            assert_eq!(errors.deck, all.deck, "{name}");
            let all_errors: Vec<_> = all.findings.into_iter().filter(Finding::is_error).collect();
            assert_eq!(errors.findings, all_errors, "{name}");
        }
    }
}
