//! A first draft of a deck from a plain-text document, for `quiz derive`.
//!
//! A learner who has just read a document wants its facts as cards without typing them
//! out. [`derive`] reads the text as sentences, finds in each the facts a learner would be
//! asked about — full dates, years and ranges of years, numbers (with their unit), ordinals,
//! quoted terms and proper names — and turns every sentence that has some into one cloze
//! card: at most three gaps, dates and numbers first, then names, with the sentence itself
//! as the card's `explain`. It invents nothing: every gap is the document's own text, and
//! a gap whose text can still be read elsewhere in the same sentence is not made. It knows
//! no grammar, so the result is a draft to review, and the deck says so. The file is built
//! with toml_edit (so any text is escaped right) and read back with the real deck parser:
//! it loads with no error and no warning, or [`derive`] fails rather than return it.
//!
//! The pipeline is here; its steps are [`sentences`] (text → sentences), [`facts`]
//! (sentence → facts and gaps), [`deck_file`] (gaps → the TOML deck, checked), with the
//! word lists they share in [`vocabulary`].

mod deck_file;
mod facts;
mod sentences;
mod vocabulary;

use std::collections::HashSet;

use toml_edit::ArrayOfTables;

use crate::deck::id;
use crate::judge;
use deck_file::{card_table, check, deck_text, loads_alone};
use facts::{choose, facts, known_names};
use sentences::{clean, sentences};

/// What [`derive`] needs besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DeriveOptions {
    /// The document's file name, written as the deck's `source` and in its description.
    pub file_name: String,
    /// The deck's title; `None` (or blank) takes the document's first non-empty line.
    pub title: Option<String>,
    /// At most this many cards (one card is one sentence); `None` keeps every one.
    pub limit: Option<usize>,
}

/// A drafted deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Derived {
    /// The deck file; `parse_deck` loads it with no finding at all.
    pub toml: String,
    /// `[[cards]]` tables written: one per sentence used.
    pub cards: usize,
    /// Gaps over all cards (each gap is asked as a card of its own).
    pub gaps: usize,
    /// Sentences read in the document (with or without facts).
    pub sentences: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DeriveError {
    #[error("no sentence with a date, number or name found")]
    NothingFound,
    /// A bug guard: the drafted file did not load cleanly, so it is not handed out.
    #[error("the drafted deck does not load ({0}); please report this")]
    Invalid(String),
}

/// Drafts a deck from `text`. Pure: no files, no clock.
pub(crate) fn derive(text: &str, options: &DeriveOptions) -> Result<Derived, DeriveError> {
    let text = clean(text);
    let sentences = sentences(&text);
    let known = known_names(&sentences);
    let mut used_gaps: HashSet<String> = HashSet::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut tables = ArrayOfTables::new();
    let mut gaps = 0;
    let limit = options.limit.unwrap_or(usize::MAX);
    for sentence in &sentences {
        if tables.len() >= limit {
            break;
        }
        let chosen = choose(sentence, &facts(sentence, &known), &used_gaps);
        if chosen.is_empty() {
            continue;
        }
        let id = id::unique(&id::slug(&sentence.text, 6, 40), &used_ids);
        let table = card_table(&id, sentence, &chosen);
        if !loads_alone(&table) {
            continue;
        }
        for fact in &chosen {
            used_gaps.insert(judge::normalise(&sentence.text[fact.range.clone()]));
        }
        used_ids.insert(id);
        gaps += chosen.len();
        tables.push(table);
    }
    if tables.is_empty() {
        return Err(DeriveError::NothingFound);
    }
    let cards = tables.len();
    let toml = deck_text(&text, options, tables);
    check(&toml)?;
    Ok(Derived {
        toml,
        cards,
        gaps,
        sentences: sentences.len(),
    })
}

#[cfg(test)]
mod tests;
