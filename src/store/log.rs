//! The store's side of `quiz stats`, `quiz history` and `quiz optimize`: reading the review
//! log in bulk, appending someone else's log to it, and rebuilding the `cards` cache from it.
//!
//! The log can hold millions of reviews, so nothing here loads all of it at once when a
//! smaller answer will do: statistics come back already counted (per day, from an index),
//! the export is streamed row by row, and a rebuild replays one card at a time.
//! Rebuilding and importing each run in one transaction, so the cache can never disagree
//! with the log it was built from, not even after a crash halfway.

use jiff::Timestamp;
use rusqlite::{Connection, Row, params};

use super::reviews::{FirstReview, write_card};
use super::types::{Millis, VerdictWord};
use super::{Mode, Result, Review, Store, StoreError};
use crate::deck::DeckId;
use crate::schedule::{CardState, Rating, ScheduleError};

/// A scheduled review in a statistics window, with the card's scheduled review before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RetentionSample<'a> {
    pub deck: &'a str,
    pub at: Timestamp,
    pub rating: Rating,
    /// The card's previous review other than cram; `None` for a card's first review.
    pub previous: Option<Timestamp>,
}

/// One row of the review log, as `quiz history export` writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LoggedRow<'a> {
    pub reviewed_at: Timestamp,
    pub deck: &'a str,
    pub card: &'a str,
    pub rating: Rating,
    pub elapsed_ms: i64,
    pub verdict: VerdictWord,
    /// As stored: an export is a faithful copy of the log, even of a mode this quiz does
    /// not know (a newer quiz may write one).
    pub mode: &'a str,
}

/// A review that counts for scheduling (anything but cram), for fitting parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ScheduledReview<'a> {
    pub deck: &'a str,
    pub card: &'a str,
    pub at: Timestamp,
    pub rating: Rating,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ImportOutcome {
    /// Reviews appended to the log.
    pub added: usize,
    /// Reviews left out because the log already held them.
    pub skipped: usize,
    /// Cards whose row was rebuilt from their whole history.
    pub cards: usize,
    /// The decks that received reviews, sorted.
    pub decks: Vec<String>,
}

/// Why the card cache could not be rebuilt.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RebuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("could not replay the reviews of card `{card}` in deck `{deck}`")]
    Replay {
        deck: String,
        card: String,
        #[source]
        source: ScheduleError,
    },
}

impl From<rusqlite::Error> for RebuildError {
    fn from(error: rusqlite::Error) -> Self {
        RebuildError::Store(StoreError::Sql(error))
    }
}

/// Turns a card's scheduled reviews, oldest first, into its state (`None`: never scheduled).
pub(crate) type Replay<'r> =
    dyn FnMut(&[(Timestamp, Rating)]) -> std::result::Result<Option<CardState>, ScheduleError> + 'r;

impl Store {
    /// Every deck that has reviews, sorted by name.
    pub(crate) fn reviewed_decks(&self) -> Result<Vec<DeckId>> {
        // A skip scan over the (deck, card, reviewed_at) index: one seek per deck, where a
        // plain DISTINCT would read every review.
        let mut statement = self.conn.prepare_cached(
            "WITH RECURSIVE decks (deck) AS (
                 SELECT MIN(deck) FROM reviews
                 UNION ALL
                 SELECT (SELECT MIN(deck) FROM reviews WHERE deck > decks.deck)
                 FROM decks WHERE decks.deck IS NOT NULL
             )
             SELECT deck FROM decks WHERE deck IS NOT NULL",
        )?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
        let mut decks = Vec::new();
        for deck in rows {
            decks.push(DeckId(deck?));
        }
        Ok(decks)
    }

    /// Reviews of every mode from `from` (inclusive) to `to` (exclusive), of one deck or
    /// of all (`None`): one heatmap day. Counted from an index alone, both ways.
    pub(crate) fn reviews_between(
        &self,
        deck: Option<&DeckId>,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<u64> {
        let count = match deck {
            None => self
                .conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM reviews WHERE reviewed_at >= ?1 AND reviewed_at < ?2",
                )?
                .query_row(params![Millis(from), Millis(to)], |row| row.get(0))?,
            Some(deck) => self
                .conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM reviews
                     WHERE deck = ?1 AND reviewed_at >= ?2 AND reviewed_at < ?3",
                )?
                .query_row(params![deck, Millis(from), Millis(to)], |row| row.get(0))?,
        };
        Ok(count)
    }

    /// The latest review of any mode before `before`, of one deck or of all (`None`): one
    /// index seek, so a streak can be followed back a day at a time however long it is.
    pub(crate) fn latest_review_before(
        &self,
        deck: Option<&DeckId>,
        before: Timestamp,
    ) -> Result<Option<Timestamp>> {
        let latest: Option<Millis> = match deck {
            None => self
                .conn
                .prepare_cached("SELECT MAX(reviewed_at) FROM reviews WHERE reviewed_at < ?1")?
                .query_row(params![Millis(before)], |row| row.get(0))?,
            Some(deck) => self
                .conn
                .prepare_cached(
                    "SELECT MAX(reviewed_at) FROM reviews WHERE deck = ?1 AND reviewed_at < ?2",
                )?
                .query_row(params![deck, Millis(before)], |row| row.get(0))?,
        };
        Ok(latest.map(|latest| latest.0))
    }

    /// Calls `each` for every review other than cram from `from` (inclusive) to `to`
    /// (exclusive), with the same card's previous review other than cram, so the caller
    /// can tell same-day repeats from real tests of memory.
    pub(crate) fn retention_samples(
        &self,
        from: Timestamp,
        to: Timestamp,
        mut each: impl FnMut(RetentionSample<'_>),
    ) -> Result<()> {
        // The previous review is the card's latest at the same instant with a smaller id (ties
        // are settled by id, the order the reviews were given in), else its latest at an
        // earlier instant: two seeks of the (deck, card, reviewed_at) index, whose entries
        // end in the rowid. One look-up ordered by (reviewed_at, id) instead walked past every
        // later review of the card at the same instant, which is quadratic when a card has
        // thousands in one millisecond (a history with duplicates, a fixed QUIZ_NOW). Each
        // walk here passes only cram reviews, and each of those once: the ones between this
        // review and the previous.
        let mut statement = self.conn.prepare_cached(
            "SELECT r.deck, r.reviewed_at, r.rating,
                 COALESCE(
                     (SELECT p.reviewed_at FROM reviews AS p
                      WHERE p.deck = r.deck AND p.card = r.card AND p.reviewed_at = r.reviewed_at
                          AND p.id < r.id AND p.mode <> ?3
                      ORDER BY p.id DESC LIMIT 1),
                     (SELECT p.reviewed_at FROM reviews AS p
                      WHERE p.deck = r.deck AND p.card = r.card AND p.reviewed_at < r.reviewed_at
                          AND p.mode <> ?3
                      ORDER BY p.reviewed_at DESC LIMIT 1))
             FROM reviews AS r
             WHERE r.reviewed_at >= ?1 AND r.reviewed_at < ?2 AND r.mode <> ?3",
        )?;
        let mut rows = statement.query(params![Millis(from), Millis(to), Mode::Cram])?;
        while let Some(row) = rows.next()? {
            let deck = text(row, 0)?;
            let previous: Option<Millis> = row.get(3)?;
            each(RetentionSample {
                deck,
                at: row.get::<_, Millis>(1)?.0,
                rating: row.get(2)?,
                previous: previous.map(|previous| previous.0),
            });
        }
        Ok(())
    }

    /// Streams the whole review log in the order it happened; returns how many rows went
    /// out. An error from `each` stops the stream and is handed back.
    pub(crate) fn export_reviews<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(&LoggedRow<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT reviewed_at, deck, card, rating, elapsed_ms, verdict, mode FROM reviews
                 ORDER BY reviewed_at, id",
            )
            .map_err(StoreError::from)?;
        let mut rows = statement.query([]).map_err(StoreError::from)?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let logged = logged_row(row).map_err(StoreError::from)?;
            each(&LoggedRow {
                reviewed_at: logged.0.0,
                deck: logged.1,
                card: logged.2,
                rating: logged.3,
                elapsed_ms: logged.4,
                verdict: logged.5,
                mode: logged.6,
            })?;
            count += 1;
        }
        Ok(count)
    }

    /// Calls `each` for every review other than cram (of one deck, or of all with `None`),
    /// in the order they happened.
    pub(crate) fn scheduled_reviews(
        &self,
        deck: Option<&DeckId>,
        mut each: impl FnMut(ScheduledReview<'_>),
    ) -> Result<()> {
        let mut statement = match deck {
            None => self.conn.prepare_cached(
                "SELECT deck, card, reviewed_at, rating FROM reviews WHERE mode <> ?1
                 ORDER BY reviewed_at, id",
            )?,
            Some(_) => self.conn.prepare_cached(
                "SELECT deck, card, reviewed_at, rating FROM reviews
                 WHERE deck = ?1 AND mode <> ?2 ORDER BY reviewed_at, id",
            )?,
        };
        let mut rows = match deck {
            None => statement.query(params![Mode::Cram])?,
            Some(deck) => statement.query(params![deck, Mode::Cram])?,
        };
        while let Some(row) = rows.next()? {
            each(ScheduledReview {
                deck: text(row, 0)?,
                card: text(row, 1)?,
                at: row.get::<_, Millis>(2)?.0,
                rating: row.get(3)?,
            });
        }
        Ok(())
    }

    /// How many reviews other than cram the log holds: the work a full rebuild replays.
    pub(crate) fn scheduled_review_count(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM reviews WHERE mode <> ?1",
            params![Mode::Cram],
            |row| row.get(0),
        )?)
    }

    /// Appends reviews from another log, leaving out the ones already there, then rebuilds
    /// the row of every card that got one; all in one transaction. (A log too big to hold
    /// is streamed through [`Store::begin_import`] instead; this is that, over a slice.)
    #[allow(
        dead_code,
        reason = "the import of an Anki package's review log (branch `anki`) calls it"
    )]
    pub(crate) fn import_reviews(
        &mut self,
        reviews: &[Review<'_>],
        replay: &mut Replay<'_>,
    ) -> std::result::Result<ImportOutcome, RebuildError> {
        let mut import = self.begin_import()?;
        for review in reviews {
            import.add(review)?;
        }
        import.finish(replay)
    }

    /// Throws the whole `cards` cache away and rebuilds it by replaying every card's
    /// reviews; returns how many cards it holds afterwards. `meta` entries (the parameters
    /// the replay used) are written in the same transaction, so the cache always matches
    /// the parameters stored beside it. `progress` gets the number of reviews replayed.
    pub(crate) fn rebuild_all_cards(
        &mut self,
        meta: &[(&str, &str)],
        replay: &mut Replay<'_>,
        mut progress: impl FnMut(u64),
    ) -> std::result::Result<usize, RebuildError> {
        let tx = self.conn.transaction()?;
        for (key, value) in meta {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        tx.execute("DELETE FROM cards", [])?;
        let mut cards = 0;
        {
            // Index order, so each card's reviews arrive together and in the order given.
            let mut statement = tx.prepare_cached(
                "SELECT deck, card, reviewed_at, rating FROM reviews WHERE mode <> ?1
                 ORDER BY deck, card, reviewed_at, device, seq, id",
            )?;
            let mut rows = statement.query(params![Mode::Cram])?;
            let mut current: Option<(String, String)> = None;
            let mut log: Vec<(Timestamp, Rating)> = Vec::new();
            let mut done = 0;
            while let Some(row) = rows.next()? {
                let deck = text(row, 0)?;
                let card = text(row, 1)?;
                let same = current
                    .as_ref()
                    .is_some_and(|(d, c)| d == deck && c == card);
                if !same {
                    if let Some((d, c)) = current.take() {
                        rebuild_card(&tx, &d, &c, &log, replay)?;
                        cards += 1;
                        progress(done);
                    }
                    log.clear();
                    current = Some((deck.to_owned(), card.to_owned()));
                }
                log.push((row.get::<_, Millis>(2)?.0, row.get(3)?));
                done += 1;
            }
            if let Some((d, c)) = current.take() {
                rebuild_card(&tx, &d, &c, &log, replay)?;
                cards += 1;
                progress(done);
            }
        }
        tx.commit()?;
        Ok(cards)
    }
}

type RowFields<'a> = (Millis, &'a str, &'a str, Rating, i64, VerdictWord, &'a str);

fn logged_row<'a>(row: &'a Row<'_>) -> rusqlite::Result<RowFields<'a>> {
    Ok((
        row.get(0)?,
        text(row, 1)?,
        text(row, 2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        text(row, 6)?,
    ))
}

/// A text column, borrowed from the row rather than copied: the callers run over every review.
pub(super) fn text<'a>(row: &'a Row<'_>, column: usize) -> rusqlite::Result<&'a str> {
    Ok(row.get_ref(column)?.as_str()?)
}

/// Rebuilds the row of each card that `query` (run with `params`) lists: deck, card,
/// reviewed_at, rating, each card's reviews together and in the order to replay them, a card
/// with none once with NULLs. Returns how many cards it rebuilt. One query streams the
/// reviews, and the new rows go into `cards` by one statement at the end: a statement per
/// card would re-journal every page of `cards`, its indexes and `deck_cards` it touches.
pub(super) fn replay_cards(
    conn: &Connection,
    query: &str,
    params: impl rusqlite::Params,
    replay: &mut Replay<'_>,
) -> std::result::Result<usize, RebuildError> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS card_states (
             deck TEXT NOT NULL, card TEXT NOT NULL, stability REAL NOT NULL,
             difficulty REAL NOT NULL, due INTEGER NOT NULL, last_review INTEGER NOT NULL,
             reps INTEGER NOT NULL, lapses INTEGER NOT NULL, first_review INTEGER NOT NULL);
         DELETE FROM temp.card_states;",
    )?;
    let mut cards = 0;
    {
        let mut statement = conn.prepare_cached(query)?;
        let mut rows = statement.query(params)?;
        let mut current: Option<(String, String)> = None;
        let mut log: Vec<(Timestamp, Rating)> = Vec::new();
        while let Some(row) = rows.next()? {
            let deck = text(row, 0)?;
            let card = text(row, 1)?;
            if current.as_ref().is_none_or(|(d, c)| d != deck || c != card) {
                if let Some((d, c)) = current.take() {
                    park_card(conn, &d, &c, &log, replay)?;
                    cards += 1;
                }
                log.clear();
                current = Some((deck.to_owned(), card.to_owned()));
            }
            if let Some(at) = row.get::<_, Option<Millis>>(2)? {
                log.push((at.0, row.get(3)?));
            }
        }
        if let Some((d, c)) = current.take() {
            park_card(conn, &d, &c, &log, replay)?;
            cards += 1;
        }
    }
    // `WHERE true` tells SQLite's parser the ON CONFLICT is the upsert's, not a join's.
    conn.execute(
        "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses,
             first_review, position)
         SELECT s.deck, s.card, s.stability, s.difficulty, s.due, s.last_review, s.reps,
             s.lapses, s.first_review,
             (SELECT c.position FROM deck_cards AS c WHERE c.deck = s.deck AND c.card = s.card)
         FROM temp.card_states AS s WHERE true
         ON CONFLICT (deck, card) DO UPDATE SET
             stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
             last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
             first_review = excluded.first_review",
        [],
    )?;
    conn.execute("DELETE FROM temp.card_states", [])?;
    Ok(cards)
}

/// Parks the row `replay` makes of a card's log for [`replay_cards`] (or, for a card the
/// log no longer schedules, deletes its row).
fn park_card(
    conn: &Connection,
    deck: &str,
    card: &str,
    log: &[(Timestamp, Rating)],
    replay: &mut Replay<'_>,
) -> std::result::Result<(), RebuildError> {
    let Some((state, first_review)) = replayed(conn, deck, card, log, replay)? else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO temp.card_states (deck, card, stability, difficulty, due, last_review,
             reps, lapses, first_review)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
    ])?;
    Ok(())
}

/// Writes the row `replay` makes of a card's log, every column included: a card first
/// reviewed earlier than its row said (an imported history) counts from then on.
pub(super) fn rebuild_card(
    conn: &Connection,
    deck: &str,
    card: &str,
    log: &[(Timestamp, Rating)],
    replay: &mut Replay<'_>,
) -> std::result::Result<(), RebuildError> {
    if let Some((state, first_review)) = replayed(conn, deck, card, log, replay)? {
        write_card(conn, deck, card, &state, first_review, FirstReview::Set)?;
    }
    Ok(())
}

/// The state `replay` makes of a card's log and its first review; `None`, with the card's
/// row deleted, for a card the log no longer schedules (every review undone or retracted).
fn replayed(
    conn: &Connection,
    deck: &str,
    card: &str,
    log: &[(Timestamp, Rating)],
    replay: &mut Replay<'_>,
) -> std::result::Result<Option<(CardState, Timestamp)>, RebuildError> {
    let state = replay(log).map_err(|source| RebuildError::Replay {
        deck: deck.to_owned(),
        card: card.to_owned(),
        source,
    })?;
    let (Some(state), Some(&(first_review, _))) = (state, log.first()) else {
        conn.prepare_cached("DELETE FROM cards WHERE deck = ?1 AND card = ?2")?
            .execute(params![deck, card])?;
        return Ok(None);
    };
    Ok(Some((state, first_review)))
}
