//! `e` after a verdict: the card opens in the learner's editor at its line; on save the deck
//! is checked again, a broken file is shown with its line:col and offered again, and the
//! edited card — its progress kept by id — is asked again in place of the answer just given.

use std::path::Path;
use std::process::Command;

use super::{Run, lock};
use crate::deck::parse::{Checks, parse_deck_with};
use crate::deck::{DeckId, Origin};
use crate::diagnostic::line_col;
use crate::ui::Frontend;

/// `$VISUAL`, else `$EDITOR`, split into a program and its arguments (`code --wait`).
fn editor() -> Option<Vec<String>> {
    ["VISUAL", "EDITOR"].into_iter().find_map(|name| {
        let value = std::env::var(name).ok()?;
        let words: Vec<String> = value.split_whitespace().map(String::from).collect();
        (!words.is_empty()).then_some(words)
    })
}

/// What became of an edit of `file`: the deck as it now reads, or the first error at its
/// `file:line:col` and the line to reopen the editor at.
fn recheck(deck: &DeckId, file: &Path) -> Result<crate::deck::Deck, (String, usize)> {
    let shown = file.display();
    let text = std::fs::read_to_string(file)
        .map_err(|error| (format!("could not read {shown}: {error}"), 1))?;
    let parsed = parse_deck_with(
        deck.clone(),
        &text,
        Origin::Path(file.to_path_buf()),
        Checks::Errors,
    );
    match parsed.deck {
        Some(deck) => Ok(deck),
        None => {
            let (line, column, message) = parsed
                .findings
                .iter()
                .find(|finding| finding.is_error())
                .map_or((1, 1, "the deck does not load".to_string()), |finding| {
                    let (line, column) = line_col(&text, finding.span.start);
                    (line, column, finding.message.clone())
                });
            Err((
                format!(
                    "{shown}:{line}:{column}: {}",
                    crate::escape::escape_line(&message)
                ),
                line,
            ))
        }
    }
}

impl Run<'_, '_> {
    /// Whether `e` can open the card at `index`: its deck is a file of the learner's own
    /// and an editor is set.
    pub(super) fn can_edit(&self, index: usize) -> bool {
        matches!(
            self.options.origins.get(self.items[index].deck),
            Some(Origin::UserFolder(_) | Origin::Path(_))
        ) && editor().is_some()
    }

    /// Edits the card at `index`, just answered, in the learner's editor.
    pub(super) fn edit(&mut self, ui: &mut dyn Frontend, index: usize) -> anyhow::Result<()> {
        let deck = self.items[index].deck;
        let file = match self.options.origins.get(deck) {
            Some(Origin::UserFolder(path) | Origin::Path(path)) => path.clone(),
            None | Some(Origin::Bundled) => {
                let folder = self.data_dir.join("decks");
                return Ok(ui.notice(&format!(
                    "{} is bundled with quiz and cannot be edited: copy its TOML file into {} \
                     under a name of your own, edit that copy and study it by that name",
                    deck.0,
                    folder.display()
                ))?);
            }
        };
        let Some(words) = editor() else {
            return Ok(ui.notice("set $VISUAL or $EDITOR to edit a card from here")?);
        };
        let mut line = self.items[index].card.line;
        let edited = loop {
            let mut command = Command::new(&words[0]);
            command.args(&words[1..]).arg(format!("+{line}")).arg(&file);
            match ui.run_editor(&mut command) {
                Ok(status) if status.success() => {}
                Ok(status) => {
                    return Ok(ui.notice(&format!(
                        "{} ended with {status}; the card is unchanged",
                        words[0]
                    ))?);
                }
                Err(error) => {
                    return Ok(ui.notice(&format!("could not start {}: {error}", words[0]))?);
                }
            }
            match recheck(deck, &file) {
                Ok(edited) => break edited,
                Err((problem, at)) => {
                    if !ui.offer_reopen(&problem)? {
                        return Ok(ui.notice(
                            "the deck file does not load as it is: fix it before the next session",
                        )?);
                    }
                    line = at;
                }
            }
        };
        let id = self.items[index].card.id.clone();
        let Some(card) = edited.cards.into_iter().find(|card| card.id == id) else {
            return Ok(ui.notice(&format!(
                "saved; the card {} is no longer in the deck (its progress stays under that id)",
                id.0
            ))?);
        };
        self.items[index].card = card;
        self.acceptable = None;
        // The answer was judged against the card as it was: it is taken back and the
        // edited card asked again, from the progress it had before.
        self.undo_last()?;
        if lock(&self.session).suspended(index) {
            return Ok(ui.notice("saved; the card stays suspended")?);
        }
        Ok(ui.notice("saved: the edited card is asked again")?)
    }
}
