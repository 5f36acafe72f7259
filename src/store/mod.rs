//! The progress store: one SQLite file, the only code in quiz that speaks SQL.
//!
//! Each answer is one small transaction (append the review, update the card's row), so an
//! interrupted session loses nothing that was answered and saving stays cheap however long
//! the log grows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::deck::{CardId, DeckId};
use crate::schedule::{CardState, Memory, Rating};
use types::{Millis, VerdictWord};

pub mod deck_index;
pub mod history;
pub mod lock;
pub mod types;

pub const FILE_NAME: &str = "quiz.sqlite3";

/// Migrations, in order; the database's `PRAGMA user_version` says how many have run.
const MIGRATIONS: [&str; 3] = [
    include_str!("../schema.sql"),
    include_str!("migration_2.sql"),
    include_str!("migration_3.sql"),
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not create the data directory {path}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not open the progress database {path}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the progress database {path} was written by a newer quiz (schema {found}, this quiz knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error("progress database error")]
    Sql(#[from] rusqlite::Error),
    #[error("the progress database holds an invalid time ({0} ms)")]
    BadTime(i64),
    #[error(
        "the index of deck `{0}` in the progress database is damaged; it is rebuilt from the deck file next time"
    )]
    DamagedIndex(String),
}

type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Review,
    Missed,
    Cram,
    Import,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Review, Mode::Missed, Mode::Cram, Mode::Import];

    /// The one name table: the text the log and the sessions table store.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Review => "review",
            Mode::Missed => "missed",
            Mode::Cram => "cram",
            Mode::Import => "import",
        }
    }

    /// Whether answers in this mode change the card's schedule: all but cram's do.
    pub fn schedules(self) -> bool {
        self != Mode::Cram
    }

    /// The mode stored as `text`, if it names one.
    pub fn from_name(text: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewId(pub i64);

/// One answer, as written to the log.
#[derive(Debug, Clone)]
pub struct Review<'a> {
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
pub struct Misses {
    pub cards: Vec<(DeckId, CardId)>,
    pub session_started: Option<Timestamp>,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Instants as deck_index.rs binds and reads them (the rest of the store uses [`Millis`]).
fn millis(t: Timestamp) -> i64 {
    t.as_millisecond()
}

fn instant(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|_| StoreError::BadTime(ms))
}

impl Store {
    /// Opens (creating if needed) `<data_dir>/quiz.sqlite3` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        Store::open_file(&data_dir.join(FILE_NAME))
    }

    pub fn open_file(path: &Path) -> Result<Store> {
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(open_error)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_error)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_error)?;
        // In WAL mode NORMAL still survives a killed process; only a power cut can lose the
        // last answers, and it keeps each save to a couple of milliseconds.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_error)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self) -> Result<()> {
        let known = MIGRATIONS.len();
        let version = self.user_version()?;
        if version > known as i64 {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        if version == known as i64 {
            return Ok(());
        }
        // Two quiz processes opening a new data directory at once must not both run a
        // migration: the immediate transaction makes the second wait, then re-read.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let done = usize::try_from(version).unwrap_or(0);
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(done) {
            tx.execute_batch(migration)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn user_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    pub fn start_session(
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

    pub fn end_session(&self, session: SessionId, ended_at: Timestamp) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET ended_at = ?2 WHERE id = ?1",
            params![session.0, Millis(ended_at)],
        )?;
        Ok(())
    }

    /// Every card of a deck that has been reviewed, by card id.
    pub fn card_states(&self, deck: &DeckId) -> Result<HashMap<CardId, CardState>> {
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

    pub fn card_state(&self, deck: &DeckId, card: &CardId) -> Result<Option<CardState>> {
        Ok(self.card_states(deck)?.remove(card))
    }

    /// Cards of a deck first reviewed at or after `since` (they count against today's new cards).
    pub fn new_cards_since(&self, deck: &DeckId, since: Timestamp) -> Result<usize> {
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM cards WHERE deck = ?1 AND first_review >= ?2",
            params![deck, Millis(since)],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// The earliest due instant among a deck's cards, if any were reviewed.
    pub fn next_due(&self, deck: &DeckId) -> Result<Option<Timestamp>> {
        let due: Option<Millis> = self.conn.query_row(
            "SELECT MIN(due) FROM cards WHERE deck = ?1",
            params![deck],
            |row| row.get(0),
        )?;
        Ok(due.map(|due| due.0))
    }

    /// Appends a review and, unless `state` is `None` (cram), writes the card's new row, in
    /// one transaction.
    pub fn record(&mut self, review: &Review<'_>, state: Option<&CardState>) -> Result<ReviewId> {
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
    pub fn revise(
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
    pub fn undo(
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
    pub fn missed_since(&self, decks: &[DeckId], since: Timestamp) -> Result<Misses> {
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
    pub fn missed_in_latest_session(&self, decks: &[DeckId]) -> Result<Misses> {
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

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                params![key],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

fn insert_review(tx: &Transaction<'_>, review: &Review<'_>) -> Result<ReviewId> {
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

    #[test]
    fn reopening_keeps_the_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let store = Store::open(dir.path()).unwrap();
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 3);
        store.set_meta("k", "v").unwrap();
        assert_eq!(store.meta("k").unwrap().as_deref(), Some("v"));
    }
}
