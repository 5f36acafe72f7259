//! Taking other devices' events in: the union by event id, what each kind of event does
//! to the log, and the replay of the cards they touched. Applying an event twice, or an
//! undo before or after its review, ends the same way.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::super::log::{RebuildError, Replay, card_log, rebuild_card};
use super::super::reviews::insert_review_as;
use super::super::types::{Millis, VerdictWord};
use super::super::{Result, Store};
use super::{Applied, Change, SyncEvent, insert_event, mark_retention_change, target};
use crate::deck::{CardId, DeckId};
use crate::schedule::Rating;

impl Store {
    /// Takes in events of other devices, leaving out the ones this store has, and marks
    /// the cards they touch (and `also`, cards this device's own new events touched) for
    /// [`Store::replay_marked`]; in one transaction. A long log is taken in a batch at a
    /// time and its cards replayed once at the end; the marks survive a sync that stops
    /// halfway, and the next one replays them.
    pub(crate) fn take_in(
        &mut self,
        events: &[SyncEvent],
        also: &[(String, String)],
    ) -> Result<Applied> {
        let tx = self.conn.transaction()?;
        let mut applied = Applied::default();
        let mut touched: BTreeSet<(String, String)> = also.iter().cloned().collect();
        for event in events {
            if has_event(&tx, &event.device, event.seq)? {
                applied.known += 1;
                continue;
            }
            applied.added += 1;
            apply(&tx, event, &mut touched, &mut applied)?;
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
        let marked: Vec<(String, String)> = {
            let mut statement = tx.prepare_cached("SELECT deck, card FROM sync_replay")?;
            statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (deck, card) in &marked {
            let log = card_log(&tx, deck, card)?;
            rebuild_card(&tx, deck, card, &log, replay)?;
        }
        tx.execute("DELETE FROM sync_replay", [])?;
        tx.commit()?;
        Ok(marked.len())
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
    applied: &mut Applied,
) -> Result<()> {
    match &event.change {
        Change::Review {
            deck,
            card,
            rating,
            verdict,
            mode,
            elapsed_ms,
            answer,
        } => {
            // An override that arrived first (from a copy read out of order) still counts.
            let latest: Option<(Rating, VerdictWord)> = conn
                .prepare_cached(
                    "SELECT rating, verdict FROM sync_events
                     WHERE device = ?1 AND target = ?2 AND kind = 'override'
                     ORDER BY seq DESC LIMIT 1",
                )?
                .query_row(params![event.device, event.seq], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            let (rating, verdict) = latest.unwrap_or((*rating, verdict.clone()));
            let deck_id = DeckId(deck.clone());
            let card_id = CardId(card.clone());
            insert_review_as(
                conn,
                &super::super::Review {
                    reviewed_at: event.at,
                    deck: &deck_id,
                    card: &card_id,
                    rating,
                    verdict: &verdict,
                    given_answer: answer,
                    elapsed_ms: *elapsed_ms,
                    session: None,
                    mode: *mode,
                },
                &event.device,
                event.seq,
            )?;
            applied.reviews += 1;
            if mode.schedules() {
                touched.insert((deck.clone(), card.clone()));
            }
        }
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
