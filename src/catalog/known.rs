//! One idea of the "known decks", the same for every command that takes deck names: the deck
//! files quiz finds (bundled, the user's decks folder) and the decks known only from their
//! history (an imported log, a deck file since deleted).

use std::path::Path;

use crate::deck::DeckId;
use crate::deck::library;
use crate::store::Store;

/// The deck files' names, then those of decks with reviews but no file, each once.
pub(crate) fn known_decks(data_dir: &Path, store: &Store) -> anyhow::Result<Vec<DeckId>> {
    let mut known: Vec<DeckId> = library::locate(&[], data_dir)?
        .into_iter()
        .map(|deck| deck.id)
        .collect();
    for logged in store.reviewed_decks()? {
        if !known.contains(&logged) {
            known.push(logged);
        }
    }
    Ok(known)
}

/// [`known_decks`] for a shell's completion: nothing (rather than an error) when the data
/// directory cannot be read, since a completion has nowhere to say why.
pub(crate) fn known_deck_names(data_dir: &Path) -> Vec<String> {
    let Ok(store) = Store::open_to_read(data_dir) else {
        return Vec::new();
    };
    known_decks(data_dir, &store)
        .map(|decks| decks.into_iter().map(|deck| deck.0).collect())
        .unwrap_or_default()
}
