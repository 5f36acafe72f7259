//! The leeches of `quiz missed --leeches`: the cards missed `leech_threshold` times or more,
//! most lapses first, as a table like `quiz decks` or as JSON. A deck file's leeches come
//! from the deck index (a card that left the file is no longer the deck's); a deck known
//! only from its history lists its cards' progress rows, with the questions the index may
//! still hold (a deck once studied by its path).

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{CellAlignment, Table};
use serde::Serialize;

use crate::deck::DeckId;
use crate::escape::escape_line;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Leech {
    pub deck: String,
    pub card: String,
    pub lapses: u32,
    pub reviews: u32,
    /// `None` for a card of a deck without a deck file, unless the index still holds it.
    pub question: Option<String>,
}

/// The leeches of `files` (decks in the index) and `logged` (decks without a file), most
/// lapses first, then in the decks' order and each deck's own.
pub(crate) fn gather(
    store: &Store,
    files: &[DeckId],
    logged: &[DeckId],
    threshold: u32,
) -> anyhow::Result<Vec<Leech>> {
    let mut leeches = Vec::new();
    for deck in files {
        // Through the lapses index: the cards that are not leeches are not read.
        for (card, state) in store.indexed_leeches(deck, threshold)? {
            leeches.push(Leech {
                deck: deck.0.clone(),
                card: card.id.0,
                lapses: state.lapses,
                reviews: state.reps,
                question: Some(card.question.text().into_owned()),
            });
        }
    }
    for deck in logged {
        let mut states: Vec<_> = store
            .card_states(deck)?
            .into_iter()
            .filter(|(_, state)| state.lapses >= threshold)
            .collect();
        states.sort_by(|a, b| a.0.0.cmp(&b.0.0));
        for (card, state) in states {
            // A deck once studied by its path may still be in the index.
            let question = store.indexed_question(deck, &card)?;
            leeches.push(Leech {
                deck: deck.0.clone(),
                card: card.0,
                lapses: state.lapses,
                reviews: state.reps,
                question,
            });
        }
    }
    // Stable: equal lapses keep the decks' order.
    leeches.sort_by_key(|leech| std::cmp::Reverse(leech.lapses));
    Ok(leeches)
}

/// The leeches as a table, every cell escaped; ASCII when `plain`.
pub(crate) fn table(leeches: &[Leech], plain: bool) -> String {
    let mut table = Table::new();
    table.load_style(if plain {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    });
    table.set_header(vec!["deck", "card", "lapses", "reviews", "question"]);
    for leech in leeches {
        table.add_row(vec![
            escape_line(&leech.deck),
            escape_line(&leech.card),
            leech.lapses.to_string(),
            leech.reviews.to_string(),
            leech
                .question
                .as_deref()
                .map_or_else(|| "(no deck file)".to_string(), escape_line),
        ]);
    }
    for column in 2..4 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table.to_string()
}
