//! `:accept` (plain) and `a` (the study screen) for a deck file of the learner's own: the
//! typed answer joins the card's `accept` list in the file, formatting kept, only if the deck
//! still loads with it.

use crate::deck::{CardId, DeckId, Origin};

/// Adds `typed` to the accept list of `card` in the deck file at `path`, if the deck still
/// loads with it: what the learner is told, `Ok` when it was added.
pub(super) fn accept_in_file(
    path: &std::path::Path,
    deck: &DeckId,
    card: &CardId,
    typed: &str,
    shown: &str,
) -> Result<String, String> {
    use crate::deck::edit::{Accepted, add_accept};
    use crate::deck_edit_lock::{Change, edit};
    let file = path.display();
    // Under the deck's lock, on what the file holds now: an edit made meanwhile (`quiz add`,
    // `check --fix`) is kept.
    let outcome = edit(path, |text| {
        let edited = match add_accept(text, &card.0, typed) {
            Ok(Accepted::Added(edited)) => edited,
            Ok(Accepted::AlreadyThere) => {
                return Change::Keep(Err(format!(
                    "\"{shown}\" is already accepted for this card"
                )));
            }
            Err(error) => return Change::Keep(Err(format!("not added to {file}: {error}"))),
        };
        let parsed = crate::deck::parse::parse_deck_with(
            deck.clone(),
            &edited,
            Origin::Path(path.to_path_buf()),
            crate::deck::parse::Checks::Errors,
        );
        if parsed.deck.is_none() {
            return Change::Keep(Err(format!(
                "not added: {file} would not load with it; nothing was written"
            )));
        }
        Change::Write(edited, Ok(()))
    });
    match outcome {
        Ok(Ok(())) => Ok(format!(
            "added \"{shown}\" to the answers accepted for this card, in {file}"
        )),
        Ok(Err(message)) => Err(message),
        Err(error) => Err(format!("not added: {:#}", anyhow::Error::new(error))),
    }
}
