//! One `[[cards]]` table → its cards: the fields a card may have, what is missing, the
//! cloze gaps, and the card's id (as written, or derived from its wording).

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::kinds::{contradiction, infer_kind, read_expected};
use super::values::{boolean, items, nonempty_string, string, strings, tag_list, unknown_field};
use crate::deck::cloze::{self, Cloze, ClozeError};
use crate::deck::codes::Code;
use crate::deck::id::implicit_id;
use crate::deck::{Card, CardId, Kind, Question};
use crate::diagnostic::Finding;
use crate::judge::{Expected, Strictness};

pub(super) const CARD_FIELDS: [&str; 14] = [
    "id",
    "kind",
    "question",
    "answer",
    "accept",
    "choices",
    "cloze",
    "explain",
    "hint",
    "tags",
    "reverse",
    "case_sensitive",
    "exact",
    "transliterate",
];

/// One `[[cards]]` table, before ids are checked against the rest of the deck.
pub(super) struct RawCard {
    pub(super) id: String,
    pub(super) id_span: Range<usize>,
    pub(super) cards: Vec<Card>,
    /// The card's own `reverse`, which beats the deck's.
    pub(super) reverse: Option<bool>,
    /// The card's own `case_sensitive` and `exact` (with the span of the value), which
    /// beat the deck's.
    pub(super) case_sensitive: Option<(bool, Range<usize>)>,
    pub(super) exact: Option<bool>,
    pub(super) transliterate: Option<bool>,
}

#[derive(Default)]
pub(super) struct Fields<'a, 'i> {
    pub(super) id: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) kind: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) question: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) answer: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) accept: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) choices: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) cloze: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) explain: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) hint: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) tags: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) reverse: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) case_sensitive: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) exact: Option<&'a Spanned<DeValue<'i>>>,
    pub(super) transliterate: Option<&'a Spanned<DeValue<'i>>>,
}

/// Reads one card table of `source`; `header` is where a finding about the whole card is
/// reported (see [`header_span`]).
pub(super) fn read_card(
    source: &str,
    header: Range<usize>,
    table: &DeTable<'_>,
    findings: &mut Vec<Finding>,
) -> Option<RawCard> {
    // Only this card's findings are counted: counting every finding so far, for each card,
    // made a deck with an error on every card quadratic.
    let findings_before = findings.len();
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
            "case_sensitive" => &mut fields.case_sensitive,
            "exact" => &mut fields.exact,
            "transliterate" => &mut fields.transliterate,
            name => {
                findings.push(unknown_field(key.span(), name, "card", &CARD_FIELDS));
                misspelt = true;
                continue;
            }
        };
        *slot = Some(value);
    }
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
    let explain: Option<Arc<str>> = fields
        .explain
        .and_then(|v| string(v, "explain", findings))
        .map(Arc::from);
    let hint: Option<Arc<str>> = fields
        .hint
        .and_then(|v| string(v, "hint", findings))
        .map(Arc::from);
    let tags: Arc<[String]> = fields
        .tags
        .and_then(|v| tag_list(v, findings))
        .unwrap_or_default()
        .into();
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
    // The number each cloze card's id ends in (`id#N`), in card order.
    let mut cloze_numbers: Vec<u32> = Vec::new();
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
                Ok(gaps) if gaps.len() > cloze::MAX_GAPS => {
                    let first_over = &gaps[cloze::MAX_GAPS].range;
                    let span = inner_span(source, &cloze_value.span(), &text, first_over)
                        .unwrap_or_else(|| {
                            let start = cloze_value.span().start;
                            start..start + 1
                        });
                    findings.push(
                        Finding::error(
                            Code::TooManyGaps,
                            span,
                            format!(
                                "cloze text has {} gaps; a cloze has at most {}",
                                gaps.len(),
                                cloze::MAX_GAPS
                            ),
                        )
                        .label(format!(
                            "gap {} (split the text into several cloze cards)",
                            cloze::MAX_GAPS + 1
                        )),
                    );
                }
                Ok(gaps) => {
                    let shared = Arc::new(Cloze { text, gaps });
                    let accept: Arc<[String]> = accept.into();
                    for (number, members) in cloze::cards(&shared.gaps) {
                        let index = members[0];
                        let gap = &shared.gaps[index];
                        // Gaps of one number are one card: each must be given, any order.
                        let expected = if members.len() == 1 {
                            Expected::Text {
                                answer: gap.answer.clone(),
                                accept: Arc::clone(&accept),
                            }
                        } else {
                            Expected::Several {
                                parts: members
                                    .iter()
                                    .map(|&m| shared.gaps[m].answer.clone())
                                    .collect(),
                            }
                        };
                        cloze_numbers.push(number);
                        cards.push(Card {
                            id: CardId(String::new()),
                            kind,
                            question: Question::Gap {
                                cloze: Arc::clone(&shared),
                                index,
                            },
                            expected,
                            strictness: Strictness::default(),
                            explain: explain.clone(),
                            hint: gap.hint.as_deref().map(Arc::from).or_else(|| hint.clone()),
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
                        ClozeError::Numbering(range) => (
                            Code::GapNumbering,
                            Some(range),
                            "cloze gaps are numbered from c1, all of them or none",
                            "this gap breaks the numbering",
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
                question: Question::Text(question?),
                expected,
                strictness: Strictness::default(),
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
    let case_sensitive = fields
        .case_sensitive
        .and_then(|v| Some((boolean(v, "case_sensitive", findings)?, v.span())));
    let exact = fields.exact.and_then(|v| boolean(v, "exact", findings));
    let transliterate = fields
        .transliterate
        .and_then(|v| boolean(v, "transliterate", findings));
    check_strictness(
        kind,
        &fields,
        case_sensitive.as_ref(),
        exact,
        transliterate,
        findings,
    );
    if findings[findings_before..].iter().any(Finding::is_error) {
        return None;
    }
    let several = cards.len() > 1;
    for (index, card) in cards.iter_mut().enumerate() {
        card.id = CardId(if several || kind == Kind::Cloze {
            let number = cloze_numbers.get(index).map_or(index + 1, |&n| n as usize);
            format!("{id}#{number}")
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
        case_sensitive,
        exact,
        transliterate,
    })
}

/// `case_sensitive`, `exact` and `transliterate` are about how a typed answer is spelled:
/// on a card whose answer is picked (choice, true/false) they mean nothing, `exact` (which
/// compares case) contradicts `case_sensitive = false`, and a romanisation can be neither
/// exact nor in the answer's case. Set on the deck, they are only a default, so a deck's
/// `exact` does not make its true/false cards wrong.
fn check_strictness(
    kind: Kind,
    fields: &Fields<'_, '_>,
    case_sensitive: Option<&(bool, Range<usize>)>,
    exact: Option<bool>,
    transliterate: Option<bool>,
    findings: &mut Vec<Finding>,
) {
    if matches!(kind, Kind::Choice | Kind::TrueFalse) {
        for (name, value, set) in [
            (
                "case_sensitive",
                fields.case_sensitive,
                case_sensitive.map(|(b, _)| *b),
            ),
            ("exact", fields.exact, exact),
            ("transliterate", fields.transliterate, transliterate),
        ] {
            if let (Some(true), Some(value)) = (set, value) {
                findings.push(
                    Finding::error(
                        Code::KindMismatch,
                        value.span(),
                        format!(
                            "`{name}` works only on typed-answer cards; a {} card's answer is picked, not spelled",
                            kind.name()
                        ),
                    )
                    .label("remove this: the answer is compared as a choice"),
                );
            }
        }
    }
    if let (Some(true), Some((false, span))) = (exact, case_sensitive) {
        findings.push(exact_contradiction(span.clone(), "card"));
    }
    if let (Some(true), Some(value)) = (transliterate, fields.transliterate)
        && let Some(strict) = stricter_than_romanisation(
            exact == Some(true),
            case_sensitive.is_some_and(|(set, _)| *set),
        )
    {
        findings.push(transliterate_contradiction(value.span(), strict, "card"));
    }
}

/// Which of `exact` and `case_sensitive`, when set, leaves `transliterate` without effect.
pub(super) fn stricter_than_romanisation(
    exact: bool,
    case_sensitive: bool,
) -> Option<&'static str> {
    if exact {
        Some("exact")
    } else if case_sensitive {
        Some("case_sensitive")
    } else {
        None
    }
}

/// E013 for `transliterate = true` beside `exact = true` or `case_sensitive = true` on the
/// same card or deck: a romanisation is neither the answer as written nor in its case.
pub(super) fn transliterate_contradiction(
    span: Range<usize>,
    strict: &str,
    whose: &str,
) -> Finding {
    Finding::error(
        Code::KindMismatch,
        span,
        format!("`transliterate = true` contradicts the {whose}'s `{strict} = true`: a romanisation is never the answer as written"),
    )
    .label(format!("remove this, or set `{strict} = false`"))
}

/// E013 for `case_sensitive = false` where `exact = true` holds: `exact` compares case too.
pub(super) fn exact_contradiction(span: Range<usize>, whose: &str) -> Finding {
    Finding::error(
        Code::KindMismatch,
        span,
        format!("`case_sensitive = false` contradicts the {whose}'s `exact = true`, which compares case as written"),
    )
    .label("remove this, or set `exact = false`")
}

/// The card asked the other way round (answer → question), with its own id and progress.
pub(super) fn reversed(card: &Card) -> Card {
    Card {
        id: CardId(format!("{}~r", card.id)),
        question: Question::Text(card.answer_text()),
        expected: Expected::Text {
            answer: card.question.text().into_owned(),
            accept: Arc::default(),
        },
        hint: None,
        ..card.clone()
    }
}

fn check_id(id: &str, span: Range<usize>, findings: &mut Vec<Finding>) {
    if id.trim().is_empty() {
        findings.push(Finding::error(Code::Empty, span, "empty card id").label("empty"));
    } else if let Some(bad) = crate::deck::id::forbidden_char(id) {
        findings.push(
            Finding::error(Code::InvalidId, span, format!("card id `{id}` contains {bad:?}; `#` and `~` are reserved, and ids have no spaces"))
                .label("invalid character in id"),
        );
    }
}

/// The card's header line, where a missing field is reported: from where toml's span for
/// the table starts (its `[[cards]]` header or its first key) to `line_end`, the end of that
/// line (the caller finds it: searching from each card on made a long line of many inline
/// tables quadratic), without trailing blanks.
pub(super) fn header_span(source: &str, table_start: usize, line_end: usize) -> Range<usize> {
    let start = table_start.min(source.len());
    let end = line_end.clamp(start, source.len());
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
