//! Taking other devices' events in: the union by event id, what each kind of event does
//! to the log, and the replay of the cards they touched. Applying an event twice, or an
//! undo before or after its review, ends the same way.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::super::log::{RebuildError, Replay, replay_cards};
use super::super::types::Millis;
use super::super::{Mode, Result, Store};
use super::{Applied, Change, SyncEvent, insert_event, mark_retention_change, target};

impl Store {
    /// Takes in events of other devices, leaving out the ones this store has, and marks
    /// the cards they touch (and `also`, cards this device's own new events touched) for
    /// [`Store::replay_marked`]; in one transaction. A long log is taken in a batch at a
    /// time and its cards replayed once at the end; the marks survive a sync that stops
    /// halfway, and the next one replays them.
    ///
    /// Reviews, nearly all of a log, are parked in a TEMP table as they come and moved into
    /// the log by one statement whenever another kind of event is next (which may name one
    /// of them) and at the end: one `INSERT … SELECT` writes each index page once, where a
    /// statement per review re-journals every page it touches.
    pub(crate) fn take_in(
        &mut self,
        events: &[SyncEvent],
        also: &[(String, String)],
    ) -> Result<Applied> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS sync_rows (
                 device TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
                 deck TEXT NOT NULL, card TEXT NOT NULL, rating INTEGER NOT NULL,
                 verdict TEXT NOT NULL, answer TEXT NOT NULL, elapsed_ms INTEGER NOT NULL,
                 mode TEXT NOT NULL);
             DELETE FROM temp.sync_rows;",
        )?;
        let mut applied = Applied::default();
        let mut touched: BTreeSet<(String, String)> = also.iter().cloned().collect();
        let mut parked = 0;
        for event in events {
            if let Change::Review { .. } = &event.change {
                park(&tx, event)?;
                parked += 1;
                continue;
            }
            if parked > 0 {
                move_parked(&tx, parked, &mut applied)?;
                parked = 0;
            }
            if has_event(&tx, &event.device, event.seq)? {
                applied.known += 1;
                continue;
            }
            applied.added += 1;
            apply(&tx, event, &mut touched)?;
        }
        if parked > 0 {
            move_parked(&tx, parked, &mut applied)?;
        }
        {
            let mut mark = tx
                .prepare_cached("INSERT OR IGNORE INTO sync_replay (deck, card) VALUES (?1, ?2)")?;
            for (deck, card) in &touched {
                mark.execute(params![deck, card])?;
            }
        }
        tx.commit()?;
        Ok(applied)
    }

    /// Rebuilds the row of every card marked by [`Store::take_in`] with `replay`, and
    /// clears the marks, in one transaction; returns how many cards were replayed.
    pub(crate) fn replay_marked(
        &mut self,
        replay: &mut Replay<'_>,
    ) -> std::result::Result<usize, RebuildError> {
        // A sync with nothing new writes nothing here.
        let any: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM sync_replay)", [], |row| {
                    row.get(0)
                })?;
        if !any {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        // Every marked card's reviews other than cram in one stream, oldest first, those of
        // one instant in device then sequence order as every device replays them; a card
        // left with none (its review undone) comes once with NULLs, and its row goes.
        let cards = replay_cards(
            &tx,
            "SELECT t.deck, t.card, r.reviewed_at, r.rating
             FROM sync_replay AS t
             LEFT JOIN reviews AS r INDEXED BY reviews_by_card
                 ON r.deck = t.deck AND r.card = t.card AND r.mode <> ?1
             ORDER BY t.deck, t.card, r.reviewed_at, r.device, r.seq, r.id",
            params![Mode::Cram],
            replay,
        )?;
        tx.execute("DELETE FROM sync_replay", [])?;
        tx.commit()?;
        Ok(cards)
    }

    /// Whether this store holds `event` of its own device as the log line says (a review
    /// of the same card at the same instant, or one it took back; another event of the
    /// same kind): a line that is not is another data directory's using this device's id.
    pub(crate) fn holds_own_event(&self, event: &SyncEvent) -> Result<bool> {
        if let Change::Review { deck, card, .. } = &event.change {
            let row: Option<(String, String, Millis)> = self
                .conn
                .prepare_cached(
                    "SELECT deck, card, reviewed_at FROM reviews WHERE device = ?1 AND seq = ?2",
                )?
                .query_row(params![event.device, event.seq], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })
                .optional()?;
            if let Some((d, c, at)) = row {
                return Ok(&d == deck && &c == card && at.0 == event.at);
            }
            let undone = self
                .conn
                .prepare_cached(
                    "SELECT 1 FROM sync_events WHERE device = ?1 AND kind = 'undo' AND target = ?2",
                )?
                .query_row(params![event.device, event.seq], |_| Ok(()))
                .optional()?;
            return Ok(undone.is_some());
        }
        let kind: Option<String> = self
            .conn
            .prepare_cached("SELECT kind FROM sync_events WHERE device = ?1 AND seq = ?2")?
            .query_row(params![event.device, event.seq], |row| row.get(0))
            .optional()?;
        Ok(kind.as_deref() == Some(event.change.kind()))
    }
}

/// Parks a review event for [`move_parked`].
fn park(conn: &Connection, event: &SyncEvent) -> Result<()> {
    let Change::Review {
        deck,
        card,
        rating,
        verdict,
        mode,
        elapsed_ms,
        answer,
    } = &event.change
    else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO temp.sync_rows (device, seq, at, deck, card, rating, verdict, answer,
             elapsed_ms, mode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event.device,
        event.seq,
        Millis(event.at),
        deck,
        card,
        rating,
        verdict,
        answer,
        i64::try_from(*elapsed_ms).unwrap_or(i64::MAX),
        mode,
    ])?;
    Ok(())
}

/// Moves the `parked` review events into the log, leaving out those it holds (the union
/// by event id: `reviews_by_event` is unique) and those another event says it held (an
/// undo of it, or another kind of event with its id), with the latest override of each
/// that arrived first (from a copy read out of order); marks the cards they touch.
fn move_parked(conn: &Connection, parked: usize, applied: &mut Applied) -> Result<()> {
    let first_new: i64 =
        conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM reviews", [], |row| {
            row.get(0)
        })?;
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO reviews (reviewed_at, deck, card, rating, verdict,
                 given_answer, elapsed_ms, session, mode, device, seq)
             SELECT s.at, s.deck, s.card,
                 COALESCE((SELECT o.rating FROM sync_events AS o
                           WHERE o.device = s.device AND o.target = s.seq AND o.kind = 'override'
                           ORDER BY o.seq DESC LIMIT 1), s.rating),
                 COALESCE((SELECT o.verdict FROM sync_events AS o
                           WHERE o.device = s.device AND o.target = s.seq AND o.kind = 'override'
                           ORDER BY o.seq DESC LIMIT 1), s.verdict),
                 s.answer, s.elapsed_ms, NULL, s.mode, s.device, s.seq
             FROM temp.sync_rows AS s
             WHERE NOT EXISTS (SELECT 1 FROM sync_events AS e
                               WHERE e.device = s.device AND e.seq = s.seq)
               AND NOT EXISTS (SELECT 1 FROM sync_events AS e
                               WHERE e.device = s.device AND e.target = s.seq AND e.kind = 'undo')
             ORDER BY s.rowid",
        )?
        .execute([])?;
    // The reviews just added are the ids from `first_new` on.
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_replay (deck, card)
         SELECT deck, card FROM reviews WHERE id >= ?1 AND mode <> ?2",
    )?
    .execute(params![first_new, Mode::Cram])?;
    conn.execute("DELETE FROM temp.sync_rows", [])?;
    applied.added += inserted;
    applied.reviews += inserted;
    applied.known += parked - inserted;
    Ok(())
}

fn has_event(conn: &Connection, device: &str, seq: i64) -> rusqlite::Result<bool> {
    let review = conn
        .prepare_cached("SELECT 1 FROM reviews WHERE device = ?1 AND seq = ?2")?
        .query_row(params![device, seq], |_| Ok(()))
        .optional()?;
    if review.is_some() {
        return Ok(true);
    }
    // An undone review left the log, but its undo says it was there.
    let other = conn
        .prepare_cached(
            "SELECT 1 FROM sync_events WHERE device = ?1 AND (seq = ?2 OR (kind = 'undo' AND target = ?2))",
        )?
        .query_row(params![device, seq], |_| Ok(()))
        .optional()?;
    Ok(other.is_some())
}

fn apply(
    conn: &Connection,
    event: &SyncEvent,
    touched: &mut BTreeSet<(String, String)>,
) -> Result<()> {
    match &event.change {
        // Parked and moved in bulk by `take_in` (see `move_parked`).
        Change::Review { .. } => {}
        Change::Undo { of } => {
            insert_event(conn, event)?;
            if let Some((deck, card, mode)) = target(conn, &event.device, *of)? {
                conn.prepare_cached("DELETE FROM reviews WHERE device = ?1 AND seq = ?2")?
                    .execute(params![event.device, of])?;
                if mode.schedules() {
                    touched.insert((deck, card));
                }
            }
        }
        Change::Override {
            of,
            rating,
            verdict,
        } => {
            insert_event(conn, event)?;
            let later: Option<i64> = conn
                .prepare_cached(
                    "SELECT seq FROM sync_events WHERE device = ?1 AND target = ?2
                     AND kind = 'override' AND seq > ?3 LIMIT 1",
                )?
                .query_row(params![event.device, of, event.seq], |row| row.get(0))
                .optional()?;
            if later.is_none()
                && let Some((deck, card, mode)) = target(conn, &event.device, *of)?
            {
                conn.prepare_cached(
                    "UPDATE reviews SET rating = ?3, verdict = ?4 WHERE device = ?1 AND seq = ?2",
                )?
                .execute(params![event.device, of, rating, verdict])?;
                if mode.schedules() {
                    touched.insert((deck, card));
                }
            }
        }
        Change::Accept { deck, card, answer } => {
            insert_event(conn, event)?;
            conn.prepare_cached(
                "INSERT OR IGNORE INTO learner_accepts (deck, card, answer, added_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![deck, card, answer, event.at.as_second()])?;
        }
        Change::Suspend { deck, card } | Change::Restore { deck, card } => {
            insert_event(conn, event)?;
            settle_suspension(conn, deck, card)?;
        }
        Change::Retention { .. } => {
            insert_event(conn, event)?;
            mark_retention_change(conn, event.at)?;
        }
        Change::Parameters { .. } | Change::Device { .. } => {
            insert_event(conn, event)?;
        }
    }
    Ok(())
}

/// Suspends or restores a card as its latest suspension or restoration says.
fn settle_suspension(conn: &Connection, deck: &str, card: &str) -> Result<()> {
    let latest: Option<(String, Millis)> = conn
        .prepare_cached(
            "SELECT kind, at FROM sync_events
             WHERE deck = ?1 AND card = ?2 AND kind IN ('suspend', 'restore')
             ORDER BY at DESC, device DESC, seq DESC LIMIT 1",
        )?
        .query_row(params![deck, card], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match latest {
        Some((kind, at)) if kind == "suspend" => {
            conn.prepare_cached(
                "INSERT INTO suspended (deck, card, suspended_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (deck, card) DO UPDATE SET suspended_at = excluded.suspended_at",
            )?
            .execute(params![deck, card, at])?;
        }
        _ => {
            conn.prepare_cached("DELETE FROM suspended WHERE deck = ?1 AND card = ?2")?
                .execute(params![deck, card])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::schedule::{CardState, Rating};
    use crate::store::types::VerdictWord;

    fn event(seq: i64, change: Change) -> SyncEvent {
        SyncEvent {
            device: "peer".into(),
            seq,
            at: Timestamp::from_millisecond(seq * 1000).unwrap(),
            change,
        }
    }

    fn review(card: &str) -> Change {
        Change::Review {
            deck: "d".into(),
            card: card.into(),
            rating: Rating::Good,
            verdict: VerdictWord::Right,
            mode: Mode::Review,
            elapsed_ms: 0,
            answer: "a".into(),
        }
    }

    #[test]
    fn parked_reviews_keep_the_union_and_the_corrections_that_came_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        // One batch: an override and an undo read before the reviews they name (a copy out
        // of order), a review twice (two copies of one log), and an undo after its review.
        let events = [
            event(
                4,
                Change::Override {
                    of: 2,
                    rating: Rating::Again,
                    verdict: VerdictWord::Wrong,
                },
            ),
            event(5, Change::Undo { of: 3 }),
            event(1, review("a")),
            event(2, review("b")),
            event(3, review("c")),
            event(1, review("a")),
            event(6, review("e")),
            event(7, Change::Undo { of: 6 }),
        ];
        let applied = store.take_in(&events, &[]).unwrap();
        assert_eq!((applied.added, applied.known, applied.reviews), (6, 2, 3));
        let rows: Vec<(i64, String, i64, String)> = store
            .conn
            .prepare("SELECT seq, card, rating, verdict FROM reviews ORDER BY id")
            .unwrap()
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "a".into(), 3, "right".into()),
                (2, "b".into(), 1, "wrong".into())
            ]
        );
        // Taking the same batch in again changes nothing.
        let again = store.take_in(&events, &[]).unwrap();
        assert_eq!((again.added, again.reviews), (0, 0));
        // Every card a review touched is replayed; the undone ones have no row.
        let mut replayed = Vec::new();
        let cards = store
            .replay_marked(&mut |log: &[(Timestamp, Rating)]| {
                replayed.push(log.iter().map(|(_, rating)| *rating).collect::<Vec<_>>());
                Ok(log.last().map(|&(at, _)| CardState {
                    memory: crate::schedule::Memory {
                        stability: 1.0,
                        difficulty: 5.0,
                    },
                    due: at,
                    last_review: at,
                    reps: 1,
                    lapses: 0,
                }))
            })
            .unwrap();
        assert_eq!(cards, 3);
        assert_eq!(replayed, [vec![Rating::Good], vec![Rating::Again], vec![]]);
        let rows: Vec<String> = store
            .conn
            .prepare("SELECT card FROM cards ORDER BY card")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows, ["a", "b"]);
    }
}
