//! Appending another log to the review log one review at a time, so that an import of
//! millions of reviews holds none of them: what it must remember while it runs (how many of
//! a review already in the log it has skipped, which cards it touched) is kept in TEMP
//! tables, and the touched cards are replayed from the log as one ordered stream at the end.
//! Everything happens in one transaction: an import that stops halfway leaves no trace.

use std::collections::BTreeSet;

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::log::{ImportOutcome, RebuildError, Replay, rebuild_card, text};
use super::reviews::insert_review;
use super::types::Millis;
use super::{Mode, Result, Review, Store};
use crate::schedule::Rating;

/// The page cache of an import, in KiB: most of the peak memory of a big one.
const IMPORT_CACHE_KIB: i64 = 48 * 1024;

/// An import under way; [`Importer::finish`] commits it, dropping it undoes it.
pub(crate) struct Importer<'s> {
    tx: Transaction<'s>,
    /// The largest review id before the import: reviews after it are the import's own.
    before: i64,
    added: usize,
    skipped: usize,
    decks: BTreeSet<String>,
}

impl Store {
    /// Starts appending reviews from another log (see [`Importer::add`]).
    pub(crate) fn begin_import(&mut self) -> Result<Importer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_skipped (
                 deck TEXT NOT NULL, card TEXT NOT NULL, at INTEGER NOT NULL, n INTEGER NOT NULL,
                 PRIMARY KEY (deck, card, at)) WITHOUT ROWID;
             CREATE TEMP TABLE IF NOT EXISTS import_touched (
                 deck TEXT NOT NULL, card TEXT NOT NULL, PRIMARY KEY (deck, card)) WITHOUT ROWID;
             DELETE FROM import_skipped;
             DELETE FROM import_touched;",
        )?;
        let before: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM reviews", [], |row| {
            row.get(0)
        })?;
        // A million reviews land all over the log's four indexes: with SQLite's default
        // 2 MiB of cache most of the import is spent re-reading and spilling index pages.
        // This connection ends with the command, and the cache with it.
        tx.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        Ok(Importer {
            tx,
            before,
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
        // Into an empty log, as on a new device, nothing can be there already.
        let (held, added): (i64, i64) = if self.before == 0 {
            (0, 0)
        } else {
            self.tx
                .prepare_cached(
                    "SELECT COALESCE(SUM(id <= ?4), 0), COALESCE(SUM(id > ?4), 0) FROM reviews
                 WHERE deck = ?1 AND card = ?2 AND reviewed_at = ?3",
                )?
                .query_row(params![review.deck, review.card, at, self.before], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
        };
        // Rows of a key are skipped first, so once one was added the rest are too.
        if held > 0 && added == 0 {
            let skipped: i64 = self
                .tx
                .prepare_cached(
                    "SELECT n FROM import_skipped WHERE deck = ?1 AND card = ?2 AND at = ?3",
                )?
                .query_row(params![review.deck, review.card, at], |row| row.get(0))
                .optional()?
                .unwrap_or(0);
            if skipped < held {
                self.tx
                    .prepare_cached(
                        "INSERT INTO import_skipped (deck, card, at, n) VALUES (?1, ?2, ?3, 1)
                         ON CONFLICT (deck, card, at) DO UPDATE SET n = n + 1",
                    )?
                    .execute(params![review.deck, review.card, at])?;
                self.skipped += 1;
                return Ok(());
            }
        }
        insert_review(&self.tx, review)?;
        self.added += 1;
        if !self.decks.contains(&review.deck.0) {
            self.decks.insert(review.deck.0.clone());
        }
        if review.mode.schedules() {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO import_touched (deck, card) VALUES (?1, ?2)",
                )?
                .execute(params![review.deck, review.card])?;
        }
        Ok(())
    }

    /// Rebuilds the row of every card that got a review from its whole history, and
    /// commits.
    pub(crate) fn finish(
        self,
        replay: &mut Replay<'_>,
    ) -> std::result::Result<ImportOutcome, RebuildError> {
        let mut cards = 0;
        {
            // Each card's reviews in the order given, one card after another, straight from
            // the (deck, card, reviewed_at) index; reviews of one instant in the order every
            // device replays them (device, then sequence: see `log::card_log`).
            let mut statement = self.tx.prepare_cached(
                "SELECT r.deck, r.card, r.reviewed_at, r.rating
                 FROM temp.import_touched AS t
                 CROSS JOIN reviews AS r INDEXED BY reviews_by_card
                     ON r.deck = t.deck AND r.card = t.card
                 WHERE r.mode <> ?1
                 ORDER BY t.deck, t.card, r.reviewed_at, r.device, r.seq, r.id",
            )?;
            let mut rows = statement.query(params![Mode::Cram])?;
            let mut current: Option<(String, String)> = None;
            let mut log: Vec<(jiff::Timestamp, Rating)> = Vec::new();
            while let Some(row) = rows.next()? {
                let deck = text(row, 0)?;
                let card = text(row, 1)?;
                if current.as_ref().is_none_or(|(d, c)| d != deck || c != card) {
                    if let Some((d, c)) = current.take() {
                        rebuild_card(&self.tx, &d, &c, &log, replay)?;
                        cards += 1;
                    }
                    log.clear();
                    current = Some((deck.to_owned(), card.to_owned()));
                }
                log.push((row.get::<_, Millis>(2)?.0, row.get(3)?));
            }
            if let Some((d, c)) = current.take() {
                rebuild_card(&self.tx, &d, &c, &log, replay)?;
                cards += 1;
            }
        }
        self.tx
            .execute_batch("DELETE FROM import_skipped; DELETE FROM import_touched;")?;
        self.tx.commit()?;
        Ok(ImportOutcome {
            added: self.added,
            skipped: self.skipped,
            cards,
            decks: self.decks.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::deck::{CardId, DeckId};
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
}
