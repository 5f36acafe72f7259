//! TOML text → deck model, collecting every finding with its exact span.
//!
//! We walk toml's spanned document tree by hand instead of deriving `Deserialize`: serde
//! stops at the first mistake, and `quiz check` must report all of them, each at its place.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::cloze::{self, ClozeError};
use super::{Card, CardId, Deck, DeckId, Finding, Kind, Origin};
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

pub fn parse_deck(id: DeckId, source: &str, origin: Origin) -> Parsed {
    let mut findings = Vec::new();
    let deck = match DeTable::parse(source) {
        Ok(root) => read_deck(id, source, origin, root.get_ref(), &mut findings),
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_string();
            findings.push(
                Finding::error("E001", span, format!("invalid TOML: {message}"))
                    .label("TOML syntax error"),
            );
            None
        }
    };
    findings.sort_by_key(|f| (f.span.start, f.code));
    let deck = if findings.iter().any(Finding::is_error) {
        None
    } else {
        deck
    };
    Parsed { deck, findings }
}

fn read_deck(
    id: DeckId,
    source: &str,
    origin: Origin,
    root: &DeTable<'_>,
    findings: &mut Vec<Finding>,
) -> Option<Deck> {
    let mut title = None;
    let mut description = None;
    let mut deck_source = None;
    let mut tags = Vec::new();
    let mut deck_reverse = false;
    let mut card_values: &[Spanned<DeValue<'_>>] = &[];
    for (key, value) in root {
        match key.get_ref().as_ref() {
            "title" => title = string(value, "title", findings),
            "description" => description = string(value, "description", findings),
            "source" => deck_source = string(value, "source", findings),
            "tags" => tags = strings(value, "tags", findings).unwrap_or_default(),
            "reverse" => deck_reverse = boolean(value, "reverse", findings).unwrap_or(false),
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

    let mut cards = Vec::new();
    let mut lines = LineCounter::new(source);
    let mut first_ids: HashMap<String, Range<usize>> = HashMap::new();
    let mut first_questions: HashMap<String, Range<usize>> = HashMap::new();
    for value in card_values {
        let DeValue::Table(table) = value.get_ref() else {
            findings.push(wrong_type(
                value.span(),
                "cards",
                "a [[cards]] table",
                value.get_ref(),
            ));
            continue;
        };
        // Ids and questions are compared before the card is read, so a card with some other
        // mistake still counts as the first holder of its id.
        let explicit_id = string_field(table, "id");
        let question = string_field(table, "question").or_else(|| string_field(table, "cloze"));
        let raw = read_card(source, value.span(), table, findings);
        let id = match (&explicit_id, &raw) {
            (Some(explicit), _) => Some(explicit.clone()),
            (None, Some(raw)) => Some((raw.id.clone(), raw.id_span.clone())),
            (None, None) => None,
        };
        if let Some((id, span)) = id {
            if let Some(first) = first_ids.get(&id) {
                findings.push(
                    Finding::error("E011", span, format!("duplicate card id `{id}`"))
                        .label("used again here")
                        .related(first.clone(), "first used here"),
                );
            } else {
                first_ids.insert(id, span);
            }
        }
        if let Some((text, span)) = question {
            let key = judge::normalise(&text);
            if let Some(first) = first_questions.get(&key).filter(|_| !key.is_empty()) {
                findings.push(
                    Finding::warning(
                        "W002",
                        span,
                        "duplicate question: another card asks the same",
                    )
                    .label("asked again here")
                    .related(first.clone(), "first asked here"),
                );
            } else {
                first_questions.insert(key, span);
            }
        }
        let Some(raw) = raw else {
            continue;
        };
        let line = lines.line_at(value.span().start);
        let reverse = raw.reverse.unwrap_or(deck_reverse);
        let reversed: Vec<Card> = raw
            .cards
            .iter()
            .filter(|card| reverse && card.kind == Kind::Text)
            .map(reversed)
            .collect();
        for mut card in raw.cards.into_iter().chain(reversed) {
            card.line = line;
            for tag in &tags {
                if !card.tags.contains(tag) {
                    card.tags.push(tag.clone());
                }
            }
            cards.push(card);
        }
    }

    Some(Deck {
        title: title.unwrap_or_else(|| id.0.clone()),
        id,
        description,
        source: deck_source,
        tags,
        cards,
        origin,
    })
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
                    "E013",
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
                Finding::error("E004", value.span(), "empty entry in `accept`").label("empty"),
            );
        }
    }

    let inferred = infer_kind(&fields);
    let kind = match explicit_kind {
        Some(kind) => {
            if let Some(message) = contradiction(kind, &fields) {
                findings.push(
                    Finding::error(
                        "E013",
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
                            "E013",
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
                            "E008",
                            None,
                            "cloze text has no {{gap}}",
                            "no gaps in this text",
                        ),
                        ClozeError::Empty(range) => (
                            "E009",
                            Some(range),
                            "empty cloze gap",
                            "nothing to ask here",
                        ),
                        ClozeError::Unbalanced(range) => (
                            "E010",
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
                        "E013",
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
                        Finding::error("E012", header.clone(), "card without a `question`")
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
                        Finding::error("E012", header.clone(), "card without an `answer`")
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
                Finding::warning("W001", header.clone(), format!("card has no `id`; it is known as `{derived}` until its wording changes"))
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
                "E013",
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
                    findings
                        .push(Finding::error("E004", value.span(), "empty choice").label("empty"));
                    continue;
                }
                let key = judge::normalise(choice);
                if let Some(first) = seen.get(&key) {
                    findings.push(
                        Finding::error(
                            "E006",
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
                        "E006",
                        choices_value.span(),
                        "a multiple-choice card needs at least two choices",
                    )
                    .label("too few choices"),
                );
            }
            let Some(index) = choices.iter().position(|c| c == &answer) else {
                findings.push(
                    Finding::error(
                        "E005",
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
                        "E013",
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
                        "E007",
                        choices.span(),
                        "a true/false card takes no `choices`",
                    )
                    .label("remove these: the choices are true and false"),
                );
            }
            if let Some(accept) = fields.accept {
                findings.push(
                    Finding::error(
                        "E013",
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
                    findings
                        .push(Finding::error("E004", value.span(), "empty answer").label("empty"));
                }
            }
            if parts.is_empty() {
                findings.push(
                    Finding::error("E004", answer_value.span(), "empty answer list")
                        .label("no answers"),
                );
                return None;
            }
            for (name, value) in [("choices", fields.choices), ("accept", fields.accept)] {
                if let Some(value) = value {
                    findings.push(
                        Finding::error(
                            "E013",
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
        findings.push(Finding::error("E004", span, "empty card id").label("empty"));
    } else if let Some(bad) = id
        .chars()
        .find(|c| matches!(c, '#' | '~') || c.is_control() || c.is_whitespace())
    {
        findings.push(
            Finding::error("E015", span, format!("card id `{id}` contains {bad:?}; `#` and `~` are reserved, and ids have no spaces"))
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
        "E003",
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
        findings
            .push(Finding::error("E004", value.span(), format!("empty `{field}`")).label("empty"));
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
                        "E003",
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
        "E002",
        span,
        format!(
            "unknown {what} field `{name}`; allowed fields are {}",
            allowed.join(", ")
        ),
    )
    .label(label)
}
