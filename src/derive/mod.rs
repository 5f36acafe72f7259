//! A first draft of a deck from a document, for `quiz derive`.
//!
//! A learner who has just read a document wants its facts as cards without typing them
//! out. [`derive`] reads the document as it comes (plain text with hard-wrapped lines,
//! Markdown, HTML: [`input`]), as sentences ([`sentences`]), finds in each the facts a
//! learner would be asked about, each whole ([`facts`], [`names`], [`words`]), ranks them
//! and keeps those worth asking ([`rank`]), and turns each sentence that has some into a
//! cloze card, or a question card where the sentence has a clear shape ([`questions`]),
//! with the sentence itself as the card's `explain`; the lines above the first paragraph
//! (a by-line, a date) are asked of the work ([`front`]). It invents nothing: every gap is the
//! document's own text. It knows no grammar, so the result is a draft to review, and the
//! deck says so; `--explain` prints why each fact was asked or not. The file is built with
//! toml_edit (so any text is escaped right) and read back with the real deck parser
//! ([`deck_file`]): it loads with no error and no warning, or [`derive`] fails rather than
//! return it. The same document always drafts the same deck.

mod deck_file;
mod definitions;
mod facts;
mod front;
mod input;
mod names;
mod pointers;
mod questions;
mod quotes;
mod rank;
mod sentences;
mod vocabulary;
mod words;

use std::collections::HashSet;
use std::fmt::Write as _;

use toml_edit::{ArrayOfTables, Table};

use crate::deck::id;
use crate::judge;
use deck_file::{
    blank_table, card_table, check, deck_text, front_table, list_table, loads_alone, names_table,
    question_table,
};
use facts::{context, facts};
pub(crate) use input::Format;
use input::{BlockKind, blocks, detect};
use sentences::{clean, sentences};

/// What [`derive`] needs besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DeriveOptions {
    /// The document's file name, written as the deck's `source` and in its description;
    /// its extension tells the format unless `from` does.
    pub file_name: String,
    /// The deck's title; `None` (or blank) takes the document's first heading (or line).
    pub title: Option<String>,
    /// At most this many cards; `None` keeps every one.
    pub limit: Option<usize>,
    /// How the document is written; `None` guesses from the file name, then the content.
    pub from: Option<Format>,
}

/// A drafted deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Derived {
    /// The deck file; `parse_deck` loads it with no finding at all.
    pub toml: String,
    /// `[[cards]]` tables written.
    pub cards: usize,
    /// Gaps over all cloze cards, plus one per question and list card: what is asked.
    pub gaps: usize,
    /// Sentences read in the document (with or without facts).
    pub sentences: usize,
    /// For each sentence, the facts found and why each was asked or not (`--explain`).
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DeriveError {
    #[error("no sentence with a date, number or name found")]
    NothingFound,
    /// A bug guard: the drafted file did not load cleanly, so it is not handed out.
    #[error("the drafted deck does not load ({0}); please report this")]
    Invalid(String),
}

/// The cards drafted so far, their ids and what they ask.
#[derive(Default)]
struct Draft {
    tables: ArrayOfTables,
    ids: HashSet<String>,
    asked: HashSet<String>,
    questions: HashSet<String>,
    gaps: usize,
}

impl Draft {
    /// Adds a card unless the deck parser would reject it alone; whether it did.
    fn add(&mut self, id: &str, table: Table, asks: usize) -> bool {
        let question = table
            .get("question")
            .and_then(|q| q.as_str())
            .map(judge::normalise);
        if question
            .as_ref()
            .is_some_and(|q| self.questions.contains(q))
            || !loads_alone(&table)
        {
            return false;
        }
        self.questions.extend(question);
        self.ids.insert(id.to_string());
        self.gaps += asks;
        self.tables.push(table);
        true
    }

    fn id(&self, text: &str) -> String {
        id::unique(&id::slug(text, 6, 40), &self.ids)
    }
}

/// The title's own question, when it is a dated headline.
fn headline(text: &str, context: &facts::Context, draft: &mut Draft, explanation: &mut String) {
    let sentence = sentences::Sentence {
        text: text.to_string(),
        ..sentences::Sentence::default()
    };
    let found = facts(&sentence, context);
    let gaps = rank::choose(&sentence, &found, context, &draft.asked).gaps;
    let Some(question) = questions::headline(text, &gaps) else {
        return;
    };
    let fact = &gaps[question.gap];
    let id = draft.id(text);
    if draft.add(
        &id,
        question_table(&id, &sentence, fact, &question.question),
        1,
    ) {
        draft
            .asked
            .insert(judge::normalise(&text[fact.range.clone()]));
        let _ = writeln!(
            explanation,
            "title: {}\n  ? asked as a question: {}",
            crate::escape::escape_line(text),
            crate::escape::escape_line(&question.question)
        );
    }
}

/// Drafts a deck from `text`. Pure: no files, no clock.
pub(crate) fn derive(text: &str, options: &DeriveOptions) -> Result<Derived, DeriveError> {
    let text = clean(text);
    let format = options
        .from
        .unwrap_or_else(|| detect(&options.file_name, &text));
    let blocks = blocks(&text, format);
    // The first heading is the title and names the subject; without one, the first
    // paragraph is only the title.
    let heading = blocks.iter().find(|b| b.kind == BlockKind::Heading);
    let title = heading
        .or(blocks.first())
        .map_or("", |b| b.text.as_str())
        .to_string();
    let sentences = sentences(&blocks);
    let context = context(&sentences, heading.map_or("", |b| b.text.as_str()));
    let limit = options.limit.unwrap_or(usize::MAX);
    let mut draft = Draft::default();
    let mut explanation = String::new();
    if let Some(heading) = heading {
        headline(&heading.text, &context, &mut draft, &mut explanation);
    }
    let (asked, notes) = front::questions(&blocks, &context);
    explanation.push_str(&notes);
    for q in asked {
        let id = draft.id(&q.question);
        let answer = judge::normalise(&q.answer);
        if draft.add(&id, front_table(&id, &q), 1) {
            draft.asked.insert(answer);
        }
    }
    for (number, sentence) in sentences.iter().enumerate() {
        if draft.tables.len() >= limit {
            break;
        }
        let shown = crate::escape::escape_line(&sentence.text);
        let _ = writeln!(explanation, "sentence {}: {shown}", number + 1);
        if !sentence.items.is_empty() {
            let id = draft.id(&sentence.text);
            let added = draft.add(&id, list_table(&id, sentence), 1);
            let _ = writeln!(
                explanation,
                "  = a list of {} bare items: {}",
                sentence.items.len(),
                if added {
                    "asked whole, as one card"
                } else {
                    "not asked, it would not load"
                }
            );
            continue;
        }
        if let Some(definition) = definitions::draft(sentence, &context) {
            let id = draft.id(&sentence.text);
            let table = question_table(&id, sentence, &definition.term, &definition.question);
            if draft.add(&id, table, 1) {
                draft.asked.insert(judge::normalise(
                    &sentence.text[definition.term.range.clone()],
                ));
                let _ = writeln!(
                    explanation,
                    "  ? its term asked from its definition: {}",
                    crate::escape::escape_line(&definition.question)
                );
            }
        }
        let found = facts(sentence, &context);
        if found.is_empty() {
            let _ = writeln!(explanation, "  (no facts)");
            continue;
        }
        let choice = rank::choose(sentence, &found, &context, &draft.asked);
        for note in &choice.notes {
            let _ = writeln!(explanation, "{note}");
        }
        for list in &choice.lists {
            let id = draft.id(&sentence.text);
            if draft.add(&id, names_table(&id, sentence, list), 1) {
                for fact in list {
                    draft
                        .asked
                        .insert(judge::normalise(&sentence.text[fact.range.clone()]));
                }
            }
        }
        let mut gaps = choice.gaps;
        if gaps.is_empty() {
            continue;
        }
        for fact in &gaps {
            draft
                .asked
                .insert(judge::normalise(&sentence.text[fact.range.clone()]));
        }
        if let Some(question) = questions::draft(sentence, &gaps) {
            let fact = gaps.remove(question.gap);
            let id = draft.id(&sentence.text);
            let table = question_table(&id, sentence, &fact, &question.question);
            if draft.add(&id, table, 1) {
                let _ = writeln!(
                    explanation,
                    "  ? asked as a question: {}",
                    crate::escape::escape_line(&question.question)
                );
            } else {
                gaps.insert(question.gap, fact);
            }
        }
        // An accepted alternative applies to every gap of a cloze, so a gap that has one is
        // a card of its own.
        let (own, shared): (Vec<_>, Vec<_>) = gaps.into_iter().partition(|g| !g.accept.is_empty());
        for gap in own {
            let id = draft.id(&sentence.text);
            draft.add(&id, blank_table(&id, sentence, &gap), 1);
        }
        if !shared.is_empty() {
            let id = draft.id(&sentence.text);
            let asks = shared.len();
            draft.add(&id, card_table(&id, sentence, &shared), asks);
        }
    }
    if draft.tables.is_empty() {
        return Err(DeriveError::NothingFound);
    }
    let cards = draft.tables.len();
    let gaps = draft.gaps;
    let toml = deck_text(&title, options, draft.tables);
    check(&toml)?;
    Ok(Derived {
        toml,
        cards,
        gaps,
        sentences: sentences.len(),
        explanation,
    })
}

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod tests;
