//! Appending another log to the review log, so that an import of millions of reviews holds
//! none of them in memory and costs SQLite's bulk rate rather than a statement per row.
//! Each review handed over is checked against the log (the duplicate rule, one index
//! look-up, read only) and parked in a TEMP table with its event number; [`Importer::finish`]
//! moves them all into `reviews` with one `INSERT … SELECT` and replays the cards they touch
//! as one ordered stream. One statement writes each index page once, where a statement a row
//! re-journals every page it touches (SQLite's statement journal) and pays rusqlite's call
//! overhead a million times. Everything happens in one transaction: an import that stops
//! halfway leaves no trace.
//!
//! Into an empty log (a new device, a first import) nothing can be a duplicate, so the
//! reviews go straight into `reviews` with its indexes dropped for the while: each insert
//! then appends to one b-tree (no statement journal, no parking), the indexes are built
//! afterwards by sorting, and the touched cards are replayed from one sorted scan of the
//! table instead of a look-up of every review's row through the card index. The
//! transaction holds the dropping and the building alike, so a reader never sees the log
//! without its indexes and an import stopped halfway still leaves nothing.

use std::collections::BTreeSet;

use rusqlite::{Transaction, TransactionBehavior, params};

use super::log::{ImportOutcome, RebuildError, Replay, replay_cards};
use super::types::Millis;
use super::{Mode, Result, Review, Store};

/// The page cache of an import, in KiB: most of the peak memory of a big one.
const IMPORT_CACHE_KIB: i64 = 48 * 1024;

/// The page cache of an import into an empty log, in KiB. Appending to one b-tree needs
/// few pages in memory, and SQLite's sorter, which builds the indexes and orders the
/// replay, takes as much again as the cache beside it.
const EMPTY_LOG_CACHE_KIB: i64 = 16 * 1024;

/// An import under way; [`Importer::finish`] commits it, dropping it undoes it.
pub(crate) struct Importer<'s> {
    tx: Transaction<'s>,
    /// Whether the log held any review before the import (else none can be a duplicate).
    held_any: bool,
    /// Into an empty log: the `CREATE INDEX` statements of the log's indexes, dropped
    /// until [`Importer::finish`] builds them again (empty when the log held reviews).
    dropped: Vec<String>,
    /// This device, whose events the imported reviews become, and its next sequence number.
    device: String,
    next_seq: i64,
    added: usize,
    skipped: usize,
    /// The decks the file names (a handful): those that got a review are reported.
    decks: BTreeSet<String>,
}

impl Store {
    /// Starts appending reviews from another log (see [`Importer::add`]).
    pub(crate) fn begin_import(&mut self) -> Result<Importer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The parked reviews are written once and read once, in order: a TEMP table on
        // disk (the default `temp_store`) with its own small cache keeps them out of memory.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_rows (
                 reviewed_at INTEGER NOT NULL, deck TEXT NOT NULL, card TEXT NOT NULL,
                 rating INTEGER NOT NULL, verdict TEXT NOT NULL, given_answer TEXT NOT NULL,
                 elapsed_ms INTEGER NOT NULL, session INTEGER, mode TEXT NOT NULL,
                 seq INTEGER NOT NULL);
             CREATE TEMP TABLE IF NOT EXISTS import_skipped (
                 deck TEXT NOT NULL, card TEXT NOT NULL, at INTEGER NOT NULL, n INTEGER NOT NULL,
                 PRIMARY KEY (deck, card, at)) WITHOUT ROWID;
             CREATE TEMP TABLE IF NOT EXISTS import_touched (
                 deck TEXT NOT NULL, card TEXT NOT NULL, PRIMARY KEY (deck, card)) WITHOUT ROWID;
             DELETE FROM import_rows;
             DELETE FROM import_skipped;
             DELETE FROM import_touched;",
        )?;
        let held_any: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM reviews)", [], |row| {
            row.get(0)
        })?;
        let device = super::sync::device_id(&tx)?;
        let next_seq = super::sync::next_seq(&tx, &device)?;
        let dropped = if held_any {
            Vec::new()
        } else {
            drop_log_indexes(&tx)?
        };
        // A million reviews land all over the log's five indexes: with SQLite's default
        // 2 MiB of cache most of the import is spent re-reading and spilling index pages.
        // This connection ends with the command, and the cache with it.
        let cache = if held_any {
            IMPORT_CACHE_KIB
        } else {
            EMPTY_LOG_CACHE_KIB
        };
        tx.pragma_update(None, "cache_size", -cache)?;
        Ok(Importer {
            tx,
            held_any,
            dropped,
            device,
            next_seq,
            added: 0,
            skipped: 0,
            decks: BTreeSet::new(),
        })
    }
}

impl Importer<'_> {
    /// Appends a review unless the log held it already.
    ///
    /// A review is the same review when deck, card and instant match. Counting rather than
    /// merely testing for a match keeps two answers given in the same millisecond (which a
    /// fixed `QUIZ_NOW` produces) apart: the n-th such review in the file is added only
    /// when the log held fewer than n of them before the import.
    pub(crate) fn add(&mut self, review: &Review<'_>) -> Result<()> {
        let at = Millis(review.reviewed_at);
        if !self.decks.contains(&review.deck.0) {
            self.decks.insert(review.deck.0.clone());
        }
        // Into an empty log, as on a new device, nothing can be there already. Otherwise
        // the log holds only reviews from before the import (this one's are parked).
        let held: i64 = if self.held_any {
            self.tx
                .prepare_cached(
                    "SELECT COUNT(*) FROM reviews WHERE deck = ?1 AND card = ?2 AND reviewed_at = ?3",
                )?
                .query_row(params![review.deck, review.card, at], |row| row.get(0))?
        } else {
            0
        };
        // The first `held` reviews of a key in the file are the log's; the rest are new
        // (counting on past `held` is harmless: every later one of the key is new too).
        if held > 0 {
            let nth: i64 = self
                .tx
                .prepare_cached(
                    "INSERT INTO import_skipped (deck, card, at, n) VALUES (?1, ?2, ?3, 1)
                     ON CONFLICT (deck, card, at) DO UPDATE SET n = n + 1
                     RETURNING n",
                )?
                .query_row(params![review.deck, review.card, at], |row| row.get(0))?;
            if nth <= held {
                self.skipped += 1;
                return Ok(());
            }
        }
        let elapsed_ms = i64::try_from(review.elapsed_ms).unwrap_or(i64::MAX);
        if self.held_any {
            self.tx
                .prepare_cached(
                    "INSERT INTO temp.import_rows (reviewed_at, deck, card, rating, verdict,
                         given_answer, elapsed_ms, session, mode, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    at,
                    review.deck,
                    review.card,
                    review.rating,
                    review.verdict,
                    review.given_answer,
                    elapsed_ms,
                    review.session.map(|s| s.0),
                    review.mode,
                    self.next_seq,
                ])?;
        } else {
            self.tx
                .prepare_cached(
                    "INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer,
                         elapsed_ms, session, mode, device, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    at,
                    review.deck,
                    review.card,
                    review.rating,
                    review.verdict,
                    review.given_answer,
                    elapsed_ms,
                    review.session.map(|s| s.0),
                    review.mode,
                    self.device,
                    self.next_seq,
                ])?;
        }
        self.next_seq += 1;
        self.added += 1;
        Ok(())
    }

    /// Moves the parked reviews into a log that held reviews before and replays every card
    /// they touch; returns how many cards it replayed.
    fn append_parked(&self, replay: &mut Replay<'_>) -> std::result::Result<usize, RebuildError> {
        // In the file's order, so ids and sequence numbers keep the order given.
        self.tx.execute(
            "INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer,
                 elapsed_ms, session, mode, device, seq)
             SELECT reviewed_at, deck, card, rating, verdict, given_answer, elapsed_ms,
                 session, mode, ?1, seq
             FROM temp.import_rows ORDER BY rowid",
            params![self.device],
        )?;
        self.tx.execute(
            "INSERT OR IGNORE INTO temp.import_touched (deck, card)
             SELECT deck, card FROM temp.import_rows WHERE mode <> ?1",
            params![Mode::Cram],
        )?;
        // Each touched card's reviews straight from the (deck, card, reviewed_at) index;
        // reviews of one instant in the order every device replays them (device, then
        // sequence, as sync does).
        replay_cards(
            &self.tx,
            "SELECT r.deck, r.card, r.reviewed_at, r.rating
             FROM temp.import_touched AS t
             CROSS JOIN reviews AS r INDEXED BY reviews_by_card
                 ON r.deck = t.deck AND r.card = t.card
             WHERE r.mode <> ?1
             ORDER BY t.deck, t.card, r.reviewed_at, r.device, r.seq, r.id",
            params![Mode::Cram],
            replay,
        )
    }

    /// Moves the parked reviews into the log, rebuilds the row of every card that got one
    /// from its whole history, and commits.
    pub(crate) fn finish(
        self,
        replay: &mut Replay<'_>,
    ) -> std::result::Result<ImportOutcome, RebuildError> {
        let first_new: i64 = if self.held_any {
            self.tx
                .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM reviews", [], |row| {
                    row.get(0)
                })?
        } else {
            // The log was empty: every review in it is this import's.
            0
        };
        let cards = if self.held_any {
            self.append_parked(replay)?
        } else {
            // Every review in the log is one of this import's: one scan of the table,
            // sorted, hands each card's reviews over together, in the order every device
            // replays them (instant, device, sequence, as sync does).
            let cards = replay_cards(
                &self.tx,
                "SELECT deck, card, reviewed_at, rating FROM reviews NOT INDEXED
                 WHERE mode <> ?1
                 ORDER BY deck, card, reviewed_at, device, seq, id",
                params![Mode::Cram],
                replay,
            )?;
            for index in &self.dropped {
                self.tx.execute_batch(index)?;
            }
            cards
        };
        let mut decks = Vec::new();
        {
            // The reviews just added are the ids from `first_new` on: a scan of them that
            // stops at the deck's first (the deck's index would walk all its older ones).
            let mut got = self.tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reviews NOT INDEXED WHERE id >= ?1 AND deck = ?2)",
            )?;
            for deck in self.decks {
                if got.query_row(params![first_new, deck], |row| row.get(0))? {
                    decks.push(deck);
                }
            }
        }
        self.tx.execute_batch(
            "DELETE FROM import_rows; DELETE FROM import_skipped; DELETE FROM import_touched;",
        )?;
        self.tx.commit()?;
        Ok(ImportOutcome {
            added: self.added,
            skipped: self.skipped,
            cards,
            decks,
        })
    }
}

/// Drops the indexes of `reviews` and returns the statements that make them again. They
/// are read from the schema itself, so a migration that changes an index changes what is
/// built here too.
fn drop_log_indexes(tx: &Transaction<'_>) -> rusqlite::Result<Vec<String>> {
    let indexes: Vec<(String, String)> = {
        let mut statement = tx.prepare(
            "SELECT name, sql FROM main.sqlite_schema
             WHERE type = 'index' AND tbl_name = 'reviews' AND sql IS NOT NULL
             ORDER BY name",
        )?;
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &indexes {
        // An identifier cannot be a parameter. The name comes from the file's own schema,
        // quoted as SQLite quotes identifiers.
        tx.execute_batch(&format!(
            "DROP INDEX main.\"{}\"",
            name.replace('"', "\"\"")
        ))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::deck::{CardId, DeckId};
    use crate::schedule::Rating;
    use crate::store::types::VerdictWord;

    #[test]
    fn the_nth_review_of_an_instant_is_added_only_when_the_log_held_fewer() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let (same, other) = (CardId("same".into()), CardId("other".into()));
        let review = |card, ms| Review {
            reviewed_at: Timestamp::from_millisecond(ms).unwrap(),
            deck: &deck,
            card,
            rating: Rating::Good,
            verdict: &VerdictWord::Right,
            given_answer: "",
            elapsed_ms: 0,
            session: None,
            mode: Mode::Review,
        };
        let mut replayed = Vec::new();
        let mut replay = |log: &[(Timestamp, Rating)]| {
            replayed.push(log.len());
            Ok(None)
        };
        // The log holds two answers of one card in one millisecond.
        let held = [review(&same, 5), review(&same, 5)];
        let outcome = store.import_reviews(&held, &mut replay).unwrap();
        assert_eq!((outcome.added, outcome.skipped, outcome.cards), (2, 0, 1));
        // A file with three of them and one more review: the third is new.
        let file = [
            review(&same, 5),
            review(&other, 5),
            review(&same, 5),
            review(&same, 5),
        ];
        let outcome = store.import_reviews(&file, &mut replay).unwrap();
        assert_eq!((outcome.added, outcome.skipped, outcome.cards), (2, 2, 2));
        assert_eq!(outcome.decks, ["d"]);
        let outcome = store.import_reviews(&file, &mut replay).unwrap();
        assert_eq!((outcome.added, outcome.skipped, outcome.cards), (0, 4, 0));
        // Each touched card replayed from its whole history: `other` (1), then `same` (3).
        assert_eq!(replayed, [2, 1, 3]);
        let count: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 4);
    }

    #[test]
    fn an_import_dropped_halfway_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let card = CardId("c".into());
        let mut import = store.begin_import().unwrap();
        import
            .add(&Review {
                reviewed_at: Timestamp::from_millisecond(1).unwrap(),
                deck: &deck,
                card: &card,
                rating: Rating::Again,
                verdict: &VerdictWord::Wrong,
                given_answer: "",
                elapsed_ms: 0,
                session: None,
                mode: Mode::Import,
            })
            .unwrap();
        drop(import);
        let count: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 0);
    }

    /// The rows a test compares: every card's, and every review's but its device.
    fn rows(store: &Store) -> (Vec<String>, Vec<String>) {
        let all = |sql: &str| store.text_rows(sql);
        (
            all(
                "SELECT deck || '/' || card || ' ' || stability || ' ' || difficulty || ' ' || due
                     || ' ' || last_review || ' ' || reps || ' ' || lapses || ' ' || first_review
                 FROM cards WHERE card <> 'before' ORDER BY deck, card",
            ),
            all(
                "SELECT deck || '/' || card || ' ' || reviewed_at || ' ' || rating || ' ' || mode
                 FROM reviews WHERE card <> 'before' ORDER BY seq",
            ),
        )
    }

    fn schema(store: &Store) -> Vec<String> {
        let mut statement = store
            .conn
            .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn an_import_into_an_empty_log_gives_the_rows_of_an_import_beside_older_reviews() {
        let scheduler = crate::schedule::Scheduler::new(None, 0.9).unwrap();
        let tz = jiff::tz::TimeZone::UTC;
        let mut replay = |log: &[(Timestamp, Rating)]| scheduler.replay(log, &tz);
        let deck = DeckId("d".into());
        let cards: Vec<CardId> = (0..5).map(|i| CardId(format!("c{i}"))).collect();
        let before = CardId("before".into());
        let (right, wrong) = (VerdictWord::Right, VerdictWord::Wrong);
        let day = 86_400_000;
        // Out of order, two of one card in one instant, a cram review that schedules nothing.
        let mut file = Vec::new();
        for round in (0..4).rev() {
            for (i, card) in cards.iter().enumerate() {
                let wrong_now = (i + round) % 3 == 0;
                file.push(Review {
                    reviewed_at: Timestamp::from_millisecond(round as i64 * 3 * day + i as i64)
                        .unwrap(),
                    deck: &deck,
                    card,
                    rating: if wrong_now {
                        Rating::Again
                    } else {
                        Rating::Good
                    },
                    verdict: if wrong_now { &wrong } else { &right },
                    given_answer: "",
                    elapsed_ms: 0,
                    session: None,
                    mode: if i == 4 { Mode::Cram } else { Mode::Import },
                });
            }
        }
        file.push(file[0].clone());

        let empty_dir = tempfile::tempdir().unwrap();
        let mut empty = Store::open(empty_dir.path()).unwrap();
        let indexes = schema(&empty);
        let outcome = empty.import_reviews(&file, &mut replay).unwrap();
        assert_eq!((outcome.added, outcome.skipped, outcome.cards), (21, 0, 4));
        assert_eq!(schema(&empty), indexes, "the log's indexes are built again");
        let quick: String = empty
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(quick, "ok");

        let held_dir = tempfile::tempdir().unwrap();
        let mut held = Store::open(held_dir.path()).unwrap();
        let older = Review {
            card: &before,
            ..file[0].clone()
        };
        held.import_reviews(&[older], &mut replay).unwrap();
        let outcome = held.import_reviews(&file, &mut replay).unwrap();
        assert_eq!((outcome.added, outcome.skipped, outcome.cards), (21, 0, 4));

        let (card_rows, review_rows) = rows(&empty);
        assert_eq!((card_rows.len(), review_rows.len()), (4, 21));
        assert_eq!(rows(&empty), rows(&held));
        // The same file again adds nothing, through the other path.
        let outcome = empty.import_reviews(&file, &mut replay).unwrap();
        assert_eq!((outcome.added, outcome.skipped), (0, 21));
    }

    #[test]
    fn an_import_into_an_empty_log_dropped_halfway_keeps_the_logs_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let indexes = schema(&store);
        let deck = DeckId("d".into());
        let card = CardId("c".into());
        let mut import = store.begin_import().unwrap();
        import
            .add(&Review {
                reviewed_at: Timestamp::from_millisecond(1).unwrap(),
                deck: &deck,
                card: &card,
                rating: Rating::Good,
                verdict: &VerdictWord::Right,
                given_answer: "",
                elapsed_ms: 0,
                session: None,
                mode: Mode::Import,
            })
            .unwrap();
        drop(import);
        assert_eq!(schema(&store), indexes);
    }
}
