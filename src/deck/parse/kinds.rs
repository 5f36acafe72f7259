//! What a card's kind decides: the kind its fields imply, an explicit `kind` that
//! contradicts them, and the answer each kind expects (a choice, true or false, parts).

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::cards::Fields;
use super::values::{items, nonempty_string, strings, wrong_type};
use crate::deck::Kind;
use crate::deck::codes::Code;
use crate::diagnostic::Finding;
use crate::judge::{self, Expected};

pub(super) fn read_expected(
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
            Some(Expected::Text {
                answer,
                accept: accept.into(),
            })
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

pub(super) fn infer_kind(fields: &Fields<'_, '_>) -> Kind {
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
pub(super) fn contradiction(kind: Kind, fields: &Fields<'_, '_>) -> Option<String> {
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
