//! What the learner does to the answer just saved: overrides its verdict (`:right`/`:wrong`
//! in the transcript, `r`/`w` on the screen), adds an answer overridden to right to the
//! card's accepted answers (`:accept`, `a`), or takes it back (`:undo`, `u`). Each rewrites
//! the saved review and the card's row as [`crate::session::answer`] decides, so a corrected
//! answer is stored as if it had been given that way.

use super::{Run, accept, lock};
use crate::deck::{Kind, Origin};
use crate::judge;
use crate::session::answer::{Revision, Undo};
use crate::ui::Frontend;

impl Run<'_, '_> {
    /// Applies "I was right" / "I was wrong" to the latest answer; `None` if there is none,
    /// else whether the card on screen is dropped (it was the retry of that miss).
    pub(super) fn override_last(&mut self, accepted: bool) -> anyhow::Result<Option<bool>> {
        let mut session = lock(&self.session);
        let Some(revision) = session.override_last(accepted) else {
            return Ok(None);
        };
        let Revision {
            item,
            saved,
            rating,
            word,
            schedules,
            drops_on_screen,
        } = revision;
        self.acceptable = if accepted {
            saved.typed.clone().map(|typed| (item, typed))
        } else {
            None
        };
        let item = &mut self.items[item];
        let state = if schedules {
            Some(self.scheduler.review(
                saved.previous.as_ref(),
                rating,
                saved.at,
                &self.clock.tz,
            )?)
        } else {
            saved.previous
        };
        self.store.revise(
            saved.review,
            item.deck,
            &item.card.id,
            rating,
            &word,
            if schedules { state.as_ref() } else { None },
        )?;
        item.state = state;
        Ok(Some(drops_on_screen))
    }

    /// `:accept`: adds the answer just overridden to right to its card's accepted answers —
    /// in the deck file when it is the learner's, in the store for a bundled deck — and
    /// says what became of it. The card accepts it at once, and every session after.
    pub(super) fn accept_last(&mut self, ui: &mut dyn Frontend) -> anyhow::Result<()> {
        let Some((index, typed)) = self.acceptable.take() else {
            return Ok(ui.notice(
                "nothing to accept: :accept adds the answer you just overrode to right (:right)",
            )?);
        };
        let shown = crate::escape::escape_line(&typed);
        if typed.trim().is_empty() {
            return Ok(ui.notice("nothing to accept: the answer was empty")?);
        }
        let item = &self.items[index];
        let message = match self.options.origins.get(item.deck) {
            None | Some(Origin::Bundled) => {
                let at = self.clock.now();
                if self
                    .store
                    .add_learner_accept(item.deck, &item.card.id, &typed, at)?
                {
                    Ok(format!(
                        "added \"{shown}\" to the answers accepted for this card"
                    ))
                } else {
                    Err(format!("\"{shown}\" is already accepted for this card"))
                }
            }
            Some(Origin::UserFolder(path) | Origin::Path(path)) => {
                if item.card.kind == Kind::Cloze {
                    Err(
                        "not added: a cloze card's accept list is shared by all its gaps; \
                         edit the deck file to add it"
                            .to_string(),
                    )
                } else {
                    accept::accept_in_file(path, item.deck, &item.card.id, &typed, &shown)
                }
            }
        };
        let message = match message {
            Ok(added) => {
                let item = &mut self.items[index];
                if let judge::Expected::Text { accept, .. } = &mut item.card.expected {
                    *accept = accept.iter().cloned().chain([typed]).collect();
                }
                added
            }
            Err(not_added) => not_added,
        };
        Ok(ui.notice(&message)?)
    }

    /// Takes back the latest answer, whose card the session asks next unless the learner
    /// suspended it; the card's handle, `None` if there is no answer to take back.
    pub(super) fn undo_last(&mut self) -> anyhow::Result<Option<usize>> {
        let mut session = lock(&self.session);
        let Some(Undo {
            item,
            saved,
            schedules,
        }) = session.undo_last()
        else {
            return Ok(None);
        };
        let undone = item;
        let item = &mut self.items[item];
        self.store.undo(
            saved.review,
            item.deck,
            &item.card.id,
            saved.previous.as_ref(),
            schedules,
        )?;
        item.state = saved.previous;
        Ok(Some(undone))
    }
}
