//! Typed readers of TOML values — a string, a non-empty string, a list of strings, a
//! boolean — each reporting a value of another type at its span; and the unknown-field
//! finding with its "did you mean" suggestion.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::deck::codes::Code;
use crate::diagnostic::Finding;

/// A string field of a card table with the span of its value, when it is a string.
pub(super) fn string_field<'a>(
    table: &'a DeTable<'_>,
    name: &str,
) -> Option<(&'a str, Range<usize>)> {
    table
        .iter()
        .find(|(key, _)| key.get_ref() == name)
        .and_then(|(_, value)| match value.get_ref() {
            DeValue::String(text) => Some((text.as_ref(), value.span())),
            _ => None,
        })
}

pub(super) fn boolean(
    value: &Spanned<DeValue<'_>>,
    field: &str,
    findings: &mut Vec<Finding>,
) -> Option<bool> {
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

pub(super) fn array_items<'a, 'i>(array: &'a DeArray<'i>) -> &'a [Spanned<DeValue<'i>>] {
    array
}

pub(super) fn items<'a, 'i>(value: &'a Spanned<DeValue<'i>>) -> &'a [Spanned<DeValue<'i>>] {
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

pub(super) fn wrong_type(
    span: Range<usize>,
    field: &str,
    expected: &str,
    found: &DeValue<'_>,
) -> Finding {
    Finding::error(
        Code::WrongType,
        span,
        format!("`{field}` must be {expected}, found {}", type_name(found)),
    )
    .label(format!("expected {expected}"))
}

/// The longest text a field (or an entry of a list) may hold. A deck is read by people: no
/// question, answer or explanation needs a megabyte, and a cloze text repeats in every card
/// a session shows, so a limit keeps a hostile or broken deck from costing what it likes.
pub(crate) const MAX_FIELD_BYTES: usize = 1 << 20;

/// E018 when `text` is longer than a field may hold. It points at the value's first
/// character only: a caret under a megabyte (or its lines) would print all of it. The
/// field's name is made only then: this runs for every field of a million-card deck.
fn too_long(span: &Range<usize>, field: impl FnOnce() -> String, text: &str) -> Option<Finding> {
    (text.len() > MAX_FIELD_BYTES).then(|| {
        let field = field();
        Finding::error(
            Code::FieldTooLong,
            span.start..span.start + 1,
            format!(
                "{field} is {} bytes long; a text field holds at most {MAX_FIELD_BYTES} (1 MiB)",
                text.len()
            ),
        )
        .label("this text is too long")
    })
}

pub(super) fn string(
    value: &Spanned<DeValue<'_>>,
    field: &str,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    match value.get_ref() {
        DeValue::String(text) => {
            if let Some(finding) = too_long(&value.span(), || format!("`{field}`"), text) {
                findings.push(finding);
                return None;
            }
            Some(text.to_string())
        }
        other => {
            findings.push(wrong_type(value.span(), field, "a string", other));
            None
        }
    }
}

pub(super) fn nonempty_string(
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

pub(super) fn strings(
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
            DeValue::String(text) => {
                match too_long(&item.span(), || format!("an entry of `{field}`"), text) {
                    Some(finding) => {
                        findings.push(finding);
                        ok = false;
                    }
                    None => out.push(text.to_string()),
                }
            }
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

/// The most bytes the tags of a card, or of a deck, may hold in all. Tags are labels to
/// pick cards by (`--tag`), and every card's row in the deck index keeps its tags and its
/// deck's, so a deck's tags are stored once per card, and a cloze's once per gap.
pub(crate) const MAX_TAGS_BYTES: usize = 4096;

/// A `tags` list: strings (each checked as [`strings`] does) holding at most
/// [`MAX_TAGS_BYTES`] in all (E018 at the list's first character).
pub(super) fn tag_list(
    value: &Spanned<DeValue<'_>>,
    findings: &mut Vec<Finding>,
) -> Option<Vec<String>> {
    let tags = strings(value, "tags", findings)?;
    let total: usize = tags.iter().map(String::len).sum();
    if total > MAX_TAGS_BYTES {
        let start = value.span().start;
        findings.push(
            Finding::error(
                Code::FieldTooLong,
                start..start + 1,
                format!("`tags` hold {total} bytes in all; tags hold at most {MAX_TAGS_BYTES}"),
            )
            .label("too many or too long tags"),
        );
        return None;
    }
    Some(tags)
}

/// The allowed name nearest `name` (two edits at most), to suggest for a misspelt key.
pub(crate) fn nearest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(name, candidate), *candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, candidate)| candidate)
}

pub(super) fn unknown_field(
    span: Range<usize>,
    name: &str,
    what: &str,
    allowed: &[&str],
) -> Finding {
    let label = match nearest(name, allowed) {
        Some(candidate) => format!("did you mean `{candidate}`?"),
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
