//! Facts → deck file: the cloze text of each card, the card tables and the deck around
//! them, with the comment that says it is a draft.
//!
//! The file is built with toml_edit (so any text is escaped right) and read back with the
//! real deck parser, one card at a time and then whole: it loads with no error and no
//! warning, or [`super::derive`] fails rather than return it.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::facts::Fact;
use super::sentences::{Sentence, clean};
use super::{DeriveError, DeriveOptions};
use crate::deck::parse::parse_deck;
use crate::deck::{DeckId, Origin};

/// The cloze text: the sentence with `{{gaps}}`, a hidden conversion left out. A brace of
/// the document's own becomes a parenthesis, so it cannot open or close a gap.
pub(super) fn cloze_text(text: &str, gaps: &[Fact]) -> String {
    let plain = |s: &str| s.replace('{', "(").replace('}', ")");
    let mut out = String::with_capacity(text.len() + 8 * gaps.len());
    let mut last = 0;
    for gap in gaps {
        out.push_str(&plain(&text[last..gap.range.start]));
        out.push_str("{{");
        out.push_str(&text[gap.range.clone()]);
        out.push_str("}}");
        last = gap.hide.as_ref().map_or(gap.range.end, |h| h.end);
    }
    out.push_str(&plain(&text[last..]));
    out
}

/// A prompt with every fact but the asked one shown, and its conversion hidden.
fn prompt_text(text: &str, gaps: &[Fact]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for gap in gaps.iter().filter(|g| g.hide.is_some()) {
        out.push_str(&text[last..gap.range.end]);
        last = gap.hide.as_ref().map_or(gap.range.end, |h| h.end);
    }
    out.push_str(&text[last..]);
    out
}

pub(super) fn card_table(id: &str, sentence: &Sentence, gaps: &[Fact]) -> Table {
    let mut table = Table::new();
    table["id"] = value(id);
    table["cloze"] = value(cloze_text(&sentence.text, gaps));
    let accept: Vec<&str> = gaps
        .iter()
        .flat_map(|g| g.accept.iter().map(String::as_str))
        .collect();
    if !accept.is_empty() {
        table["accept"] = value(Array::from_iter(accept));
    }
    table["explain"] = value(sentence.text.as_str());
    table["tags"] = value(Array::from_iter(["derived"]));
    table
}

/// A question card for `fact`, with the sentence's cloze written above it as the
/// alternative an author may prefer.
pub(super) fn question_table(id: &str, sentence: &Sentence, fact: &Fact, question: &str) -> Table {
    let mut table = Table::new();
    table["id"] = value(id);
    table["question"] = value(question);
    table["answer"] = value(&sentence.text[fact.range.clone()]);
    if !fact.accept.is_empty() {
        table["accept"] = value(Array::from_iter(fact.accept.iter()));
    }
    table["explain"] = value(prompt_text(&sentence.text, std::slice::from_ref(fact)));
    table["tags"] = value(Array::from_iter(["derived"]));
    let alternative = cloze_text(&sentence.text, std::slice::from_ref(fact));
    table.decor_mut().set_prefix(format!(
        "\n# or as a cloze: {}\n",
        crate::escape::escape_line(&alternative).replace('\n', " ")
    ));
    table
}

/// A gap with an alternative answer (`FRG`) as a card of its own: a cloze's `accept` would
/// apply to all its gaps, so this one is a question, the sentence with a blank.
pub(super) fn blank_table(id: &str, sentence: &Sentence, fact: &Fact) -> Table {
    let text = &sentence.text;
    let after = fact.hide.as_ref().map_or(fact.range.end, |h| h.end);
    let question = format!("{}___{}", &text[..fact.range.start], &text[after..]);
    let mut table = Table::new();
    table["id"] = value(id);
    table["question"] = value(question);
    table["answer"] = value(&text[fact.range.clone()]);
    table["accept"] = value(Array::from_iter(fact.accept.iter()));
    table["explain"] = value(text.as_str());
    table["tags"] = value(Array::from_iter(["derived"]));
    table
}

/// A question about the work its front answers (`Who wrote “…”?`), the reference line
/// built from the front as its explanation.
pub(super) fn front_table(id: &str, question: &super::front::FrontQuestion) -> Table {
    let mut table = Table::new();
    table["id"] = value(id);
    table["question"] = value(&question.question);
    table["answer"] = value(&question.answer);
    if !question.accept.is_empty() {
        table["accept"] = value(Array::from_iter(question.accept.iter()));
    }
    table["explain"] = value(&question.explain);
    table["tags"] = value(Array::from_iter(["derived"]));
    table
}

/// A list of names in a sentence asked whole: the sentence with one blank where the list
/// stands, every name an answer, in any order.
pub(super) fn names_table(id: &str, sentence: &Sentence, names: &[Fact]) -> Table {
    let text = &sentence.text;
    let (start, end) = match (names.first(), names.last()) {
        (Some(first), Some(last)) => (first.range.start, last.range.end),
        _ => (0, 0),
    };
    let question = format!(
        "Name all {}: {}___{}",
        names.len(),
        &text[..start],
        &text[end..]
    );
    let mut table = Table::new();
    table["id"] = value(id);
    table["question"] = value(question);
    table["answer"] = value(Array::from_iter(
        names.iter().map(|f| &text[f.range.clone()]),
    ));
    table["explain"] = value(text.as_str());
    table["tags"] = value(Array::from_iter(["derived"]));
    table
}

/// A labelled list of bare items, asked whole: any item could fill another's gap.
pub(super) fn list_table(id: &str, sentence: &Sentence) -> Table {
    let mut table = Table::new();
    let label = sentence.text[..sentence.body]
        .trim_end()
        .trim_end_matches(':');
    table["id"] = value(id);
    table["question"] = value(format!("{label}: name all {}.", sentence.items.len()));
    table["answer"] = value(Array::from_iter(sentence.items.iter()));
    table["explain"] = value(sentence.text.as_str());
    table["tags"] = value(Array::from_iter(["derived"]));
    table
}

/// The deck parser's verdict on one card alone: nothing it would reject is written.
pub(super) fn loads_alone(table: &Table) -> bool {
    let mut doc = DocumentMut::new();
    let mut cards = ArrayOfTables::new();
    cards.push(table.clone());
    doc.insert("cards", Item::ArrayOfTables(cards));
    let parsed = parse_deck(DeckId("derive".into()), &doc.to_string(), Origin::Bundled);
    parsed.findings.is_empty()
}

pub(super) fn deck_text(title: &str, options: &DeriveOptions, cards: ArrayOfTables) -> String {
    let file = one_line(&options.file_name);
    let title = options
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| shorten(&one_line(title), 80));
    let mut doc = DocumentMut::new();
    doc["title"] = value(title);
    doc["description"] = value(format!(
        "Drafted by quiz derive from {file}; review every card before studying."
    ));
    doc["source"] = value(file.as_str());
    doc.insert("cards", Item::ArrayOfTables(cards));
    // The draft is often printed to a terminal: its unsafe characters become TOML escapes.
    crate::escape::toml(&mut doc);
    let shown = crate::escape::escape_line(&file);
    format!(
        "# Drafted automatically by `quiz derive` from {shown}.\n\
         # Each card is one sentence of the document with its dates, numbers and names as\n\
         # gaps (or a question, with the cloze beside it), and the sentence as the\n\
         # explanation. Check every gap against the document, fix or delete cards, then study.\n\n{doc}"
    )
}

/// At most `max` characters, cut at a space, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The deck parser's verdict on the whole file: a bug guard, so a file that would not
/// load cleanly is never handed out.
pub(super) fn check(toml: &str) -> Result<(), DeriveError> {
    let parsed = parse_deck(DeckId("derived".into()), toml, Origin::Bundled);
    if let Some(finding) = parsed.findings.first() {
        return Err(DeriveError::Invalid(format!(
            "{} {}",
            finding.code, finding.message
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::derive::tests::{assert_loads_cleanly, options};
    use crate::derive::{DeriveOptions, derive};

    #[test]
    fn title_and_file_name_are_written_safely() {
        let custom = DeriveOptions {
            file_name: "we\"ird\nname.txt".into(),
            title: Some("My \u{1b}[31mdeck".into()),
            limit: None,
            from: None,
        };
        let derived = derive("It happened in 1956 in Moscow.", &custom).unwrap();
        let deck = assert_loads_cleanly(&derived.toml);
        assert_eq!(deck.title, "My [31mdeck");
        assert_eq!(deck.source.as_deref(), Some("we\"ird name.txt"));
        let blank = DeriveOptions {
            title: Some("  ".into()),
            ..options()
        };
        let long = format!("{} in 1956.", "Word ".repeat(40));
        let deck = assert_loads_cleanly(&derive(&long, &blank).unwrap().toml);
        assert!(deck.title.ends_with('…') && deck.title.chars().count() <= 81);
    }
}
