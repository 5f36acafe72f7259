//! The review log as a session writes it: sessions, one answer at a time (the review and
//! the card's row in one transaction), overrides, undo, and the reads a session needs (card
//! states, what is due next, what was missed).

use std::collections::HashMap;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::types::{Millis, VerdictWord};
use super::{Result, Store};
use crate::deck::{CardId, DeckId};
use crate::schedule::{CardState, Memory, Rating};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Review,
    Missed,
    Cram,
    Import,
}

impl Mode {
    pub(crate) const ALL: [Mode; 4] = [Mode::Review, Mode::Missed, Mode::Cram, Mode::Import];

    /// The one name table: the text the log and the sessions table store.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mode::Review => "review",
            Mode::Missed => "missed",
            Mode::Cram => "cram",
            Mode::Import => "import",
        }
    }

    /// Whether answers in this mode change the card's schedule: all but cram's do.
    pub(crate) fn schedules(self) -> bool {
        self != Mode::Cram
    }

    /// The mode stored as `text`, if it names one.
    pub(crate) fn from_name(text: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SessionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReviewId(pub i64);

/// One answer, as written to the log.
#[derive(Debug, Clone)]
pub(crate) struct Review<'a> {
    pub reviewed_at: Timestamp,
    pub deck: &'a DeckId,
    pub card: &'a CardId,
    pub rating: Rating,
    pub verdict: &'a VerdictWord,
    pub given_answer: &'a str,
    pub elapsed_ms: u64,
    pub session: Option<SessionId>,
    pub mode: Mode,
}

/// Cards answered wrong, and when the session they come from started (for the header).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Misses {
    pub cards: Vec<(DeckId, CardId)>,
    pub session_started: Option<Timestamp>,
}

impl Store {
    pub(crate) fn start_session(
        &self,
        started_at: Timestamp,
        decks: &[DeckId],
        mode: Mode,
    ) -> Result<SessionId> {
        let names = decks
            .iter()
            .map(|d| d.0.as_str())
            .collect::<Vec<_>>()
            .join(",");
        self.conn.execute(
            "INSERT INTO sessions (started_at, decks, mode) VALUES (?1, ?2, ?3)",
            params![Millis(started_at), names, mode],
        )?;
        Ok(SessionId(self.conn.last_insert_rowid()))
    }

    pub(crate) fn end_session(&self, session: SessionId, ended_at: Timestamp) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET ended_at = ?2 WHERE id = ?1",
            params![session.0, Millis(ended_at)],
        )?;
        Ok(())
    }

    /// Every card of a deck that has been reviewed, by card id.
    pub(crate) fn card_states(&self, deck: &DeckId) -> Result<HashMap<CardId, CardState>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT card, stability, difficulty, due, last_review, reps, lapses FROM cards WHERE deck = ?1",
        )?;
        let rows = statement.query_map(params![deck], |row| {
            Ok((
                row.get::<_, CardId>(0)?,
                row.get::<_, f64>(1)?,
                row.get::<_, f64>(2)?,
                row.get::<_, Millis>(3)?,
                row.get::<_, Millis>(4)?,
                row.get::<_, u32>(5)?,
                row.get::<_, u32>(6)?,
            ))
        })?;
        let mut states = HashMap::new();
        for row in rows {
            let (card, stability, difficulty, due, last_review, reps, lapses) = row?;
            states.insert(
                card,
                CardState {
                    memory: Memory {
                        stability: stability as f32,
                        difficulty: difficulty as f32,
                    },
                    due: due.0,
                    last_review: last_review.0,
                    reps,
                    lapses,
                },
            );
        }
        Ok(states)
    }

    #[cfg(test)]
    pub(crate) fn card_state(&self, deck: &DeckId, card: &CardId) -> Result<Option<CardState>> {
        Ok(self.card_states(deck)?.remove(card))
    }

    /// Cards of a deck first reviewed at or after `since` (they count against today's new cards).
    pub(crate) fn new_cards_since(&self, deck: &DeckId, since: Timestamp) -> Result<usize> {
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM cards WHERE deck = ?1 AND first_review >= ?2",
            params![deck, Millis(since)],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// The cards of a deck reviewed at or after `since`, each once (through the index on a
    /// deck's reviews by time, so only those reviews are read).
    pub(crate) fn cards_reviewed_since(
        &self,
        deck: &DeckId,
        since: Timestamp,
    ) -> Result<Vec<CardId>> {
        // Not DISTINCT: SQLite would then walk every review of the deck in card order.
        let mut statement = self.conn.prepare_cached(
            "SELECT card FROM reviews INDEXED BY reviews_by_deck_time
             WHERE deck = ?1 AND reviewed_at >= ?2",
        )?;
        let mut cards: Vec<CardId> = statement
            .query_map(params![deck, Millis(since)], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        cards.sort_unstable();
        cards.dedup();
        Ok(cards)
    }

    /// The earliest due instant among a deck's cards not suspended, if any were reviewed.
    pub(crate) fn next_due(&self, deck: &DeckId) -> Result<Option<Timestamp>> {
        // In due order, so only the suspended cards due first are stepped over.
        let due: Option<Millis> = self
            .conn
            .query_row(
                "SELECT p.due FROM cards AS p WHERE p.deck = ?1 AND NOT EXISTS
                   (SELECT 1 FROM suspended AS s WHERE s.deck = p.deck AND s.card = p.card)
                 ORDER BY p.due LIMIT 1",
                params![deck],
                |row| row.get(0),
            )
            .optional()?;
        Ok(due.map(|due| due.0))
    }

    /// Appends a review and, unless `state` is `None` (cram), writes the card's new row, in
    /// one transaction.
    pub(crate) fn record(
        &mut self,
        review: &Review<'_>,
        state: Option<&CardState>,
    ) -> Result<ReviewId> {
        let tx = self.conn.transaction()?;
        let id = insert_review(&tx, review)?;
        if let Some(state) = state {
            write_card(
                &tx,
                &review.deck.0,
                &review.card.0,
                state,
                review.reviewed_at,
                FirstReview::Keep,
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Changes an answer's rating and verdict after the fact (the learner overrode the
    /// verdict), with the card's row set to `state`, in one transaction.
    pub(crate) fn revise(
        &mut self,
        id: ReviewId,
        deck: &DeckId,
        card: &CardId,
        rating: Rating,
        verdict: &VerdictWord,
        state: Option<&CardState>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE reviews SET rating = ?2, verdict = ?3 WHERE id = ?1",
            params![id.0, rating, verdict],
        )?;
        if let Some(state) = state {
            write_card(
                &tx,
                &deck.0,
                &card.0,
                state,
                state.last_review,
                FirstReview::Keep,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes an answer back: deletes its review and puts the card's row back as it was
    /// (`previous` = `None` removes the row of a card that was new).
    pub(crate) fn undo(
        &mut self,
        id: ReviewId,
        deck: &DeckId,
        card: &CardId,
        previous: Option<&CardState>,
        touches_card: bool,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM reviews WHERE id = ?1", params![id.0])?;
        if touches_card {
            match previous {
                Some(state) => write_card(
                    &tx,
                    &deck.0,
                    &card.0,
                    state,
                    state.last_review,
                    FirstReview::Keep,
                )?,
                None => {
                    tx.execute(
                        "DELETE FROM cards WHERE deck = ?1 AND card = ?2",
                        params![deck, card],
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Cards of these decks answered wrong (rating Again) at or after `since`.
    pub(crate) fn missed_since(&self, decks: &[DeckId], since: Timestamp) -> Result<Misses> {
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT card FROM reviews WHERE deck = ?1 AND rating = ?2 AND reviewed_at >= ?3 AND mode <> ?4",
        )?;
        let mut cards = Vec::new();
        for deck in decks {
            let rows = statement.query_map(
                params![deck, Rating::Again, Millis(since), Mode::Import],
                |row| row.get::<_, CardId>(0),
            )?;
            for card in rows {
                cards.push((deck.clone(), card?));
            }
        }
        Ok(Misses {
            cards,
            session_started: None,
        })
    }

    /// Cards of these decks answered wrong in the latest session that had a miss among them.
    pub(crate) fn missed_in_latest_session(&self, decks: &[DeckId]) -> Result<Misses> {
        let mut latest: Option<(i64, Millis)> = None;
        for deck in decks {
            let found: Option<(i64, Millis)> = self
                .conn
                .query_row(
                    "SELECT session, reviewed_at FROM reviews WHERE deck = ?1 AND rating = ?2 AND session IS NOT NULL
                     ORDER BY reviewed_at DESC, id DESC LIMIT 1",
                    params![deck, Rating::Again],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some(found) = found
                && latest.is_none_or(|l| found.1 > l.1)
            {
                latest = Some(found);
            }
        }
        let Some((session, _)) = latest else {
            return Ok(Misses::default());
        };
        let started: Millis = self.conn.query_row(
            "SELECT started_at FROM sessions WHERE id = ?1",
            params![session],
            |row| row.get(0),
        )?;
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT card FROM reviews WHERE session = ?1 AND deck = ?2 AND rating = ?3",
        )?;
        let mut cards = Vec::new();
        for deck in decks {
            let rows = statement.query_map(params![session, deck, Rating::Again], |row| {
                row.get::<_, CardId>(0)
            })?;
            for card in rows {
                cards.push((deck.clone(), card?));
            }
        }
        Ok(Misses {
            cards,
            session_started: Some(started.0),
        })
    }
}

pub(super) fn insert_review(tx: &Transaction<'_>, review: &Review<'_>) -> Result<ReviewId> {
    tx.prepare_cached(
        "INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer, elapsed_ms, session, mode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        Millis(review.reviewed_at),
        review.deck,
        review.card,
        review.rating,
        review.verdict,
        review.given_answer,
        i64::try_from(review.elapsed_ms).unwrap_or(i64::MAX),
        review.session.map(|s| s.0),
        review.mode,
    ])?;
    Ok(ReviewId(tx.last_insert_rowid()))
}

/// How a card row's `first_review` is written when the row exists already.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FirstReview {
    /// A live answer: the card was first seen when its row was created.
    Keep,
    /// A rebuild from the log: the log says when.
    Set,
}

/// Inserts or updates a card's scheduling row.
pub(super) fn write_card(
    conn: &Connection,
    deck: &str,
    card: &str,
    state: &CardState,
    first_review: Timestamp,
    on_conflict: FirstReview,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (deck, card) DO UPDATE SET
             stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
             last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
             first_review = CASE WHEN ?10 THEN excluded.first_review ELSE cards.first_review END",
    )?
    .execute(params![
        deck,
        card,
        f64::from(state.memory.stability),
        f64::from(state.memory.difficulty),
        Millis(state.due),
        Millis(state.last_review),
        state.reps,
        state.lapses,
        Millis(first_review),
        on_conflict == FirstReview::Set,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(due_ms: i64) -> CardState {
        CardState {
            memory: Memory {
                stability: 3.25,
                difficulty: 5.5,
            },
            due: Timestamp::from_millisecond(due_ms).unwrap(),
            last_review: Timestamp::from_millisecond(1_000).unwrap(),
            reps: 1,
            lapses: 0,
        }
    }

    #[test]
    fn records_a_review_and_the_card_row_together_and_undo_restores_them() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let card = CardId("c".into());
        let at = Timestamp::from_millisecond(1_000).unwrap();
        let session = store
            .start_session(at, std::slice::from_ref(&deck), Mode::Review)
            .unwrap();
        let review = Review {
            reviewed_at: at,
            deck: &deck,
            card: &card,
            rating: Rating::Good,
            verdict: &VerdictWord::Right,
            given_answer: "x",
            elapsed_ms: 12,
            session: Some(session),
            mode: Mode::Review,
        };
        let id = store.record(&review, Some(&state(90_000))).unwrap();
        assert_eq!(store.card_state(&deck, &card).unwrap(), Some(state(90_000)));
        assert_eq!(store.new_cards_since(&deck, at).unwrap(), 1);
        store.undo(id, &deck, &card, None, true).unwrap();
        assert_eq!(store.card_state(&deck, &card).unwrap(), None);
        let reviews: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert_eq!(reviews, 0);
    }
}
