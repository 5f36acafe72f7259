//! The store's side of sync (see `migration_7.sql` and docs/sync.md): this device's id, the
//! events it records as progress is saved, the events of all devices taken in as a union by
//! event id, and the replay of the cards they touch.
//!
//! A review is its own event (the `reviews` row carries its device and sequence number);
//! every other change is a row of `sync_events`. Applying an event twice, or an undo
//! before or after its review, ends the same way, which is what makes re-reading a log
//! that was replaced or copied safe.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::reviews::Mode;
use super::types::{Millis, VerdictWord};
use super::{Result, Store, StoreError};
use crate::schedule::Rating;

mod compare;
mod merge;

pub(crate) use compare::Held;

/// The `meta` key of this device's id.
const DEVICE_KEY: &str = "device_id";
/// The `meta` key of this device's name.
const NAME_KEY: &str = "device_name";

/// One event of a device's log.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyncEvent {
    pub device: String,
    pub seq: i64,
    pub at: Timestamp,
    pub change: Change,
}

/// What an event does.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    Review {
        deck: String,
        card: String,
        rating: Rating,
        verdict: VerdictWord,
        mode: Mode,
        elapsed_ms: u64,
        answer: String,
    },
    /// Takes back the device's own review `of` (its sequence number).
    Undo { of: i64 },
    /// Changes the rating and verdict of the device's own review `of`.
    Override {
        of: i64,
        rating: Rating,
        verdict: VerdictWord,
    },
    /// An answer added to a bundled deck's card's accept list.
    Accept {
        deck: String,
        card: String,
        answer: String,
    },
    /// Scheduler parameters (a JSON array, as `meta` keeps them).
    Parameters { json: String },
    /// The desired retention.
    Retention { value: f64 },
    /// The device's name.
    Device { name: String },
    /// A card suspended ("do not ask me this"): the latest suspension or restoration of a
    /// card wins, by instant, then device id, then sequence number.
    Suspend { deck: String, card: String },
    /// A suspended card restored.
    Restore { deck: String, card: String },
}

impl Change {
    /// The one name table: the `kind` column and the `type` of a log line.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Change::Review { .. } => "review",
            Change::Undo { .. } => "undo",
            Change::Override { .. } => "override",
            Change::Accept { .. } => "accept",
            Change::Parameters { .. } => "parameters",
            Change::Retention { .. } => "retention",
            Change::Device { .. } => "device",
            Change::Suspend { .. } => "suspend",
            Change::Restore { .. } => "restore",
        }
    }
}

/// What taking events in did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Applied {
    /// Events new to this store.
    pub added: usize,
    /// Events it had already.
    pub known: usize,
    /// Reviews added (an undone one is not).
    pub reviews: usize,
    /// Cards whose row was rebuilt from their whole history.
    pub cards: usize,
}

/// How far a device log was read (see `sync_files`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileMark {
    pub offset: u64,
    pub lines: u64,
    pub prefix_hash: String,
    pub size: u64,
    pub modified: i64,
    pub last_seq: i64,
}

/// A device this store has events of, for `quiz sync --status`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeviceSummary {
    pub device: String,
    pub name: Option<String>,
    pub last_seq: i64,
    pub last_at: Option<Timestamp>,
    pub reviews: u64,
}

/// The latest value of a last-writer-wins setting.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Latest {
    pub value: String,
    pub at: Timestamp,
    pub device: String,
}

impl Store {
    /// This device's id (made at random by the migration that introduced it).
    pub(crate) fn device_id(&self) -> Result<String> {
        Ok(device_id(&self.conn)?)
    }

    /// This device's name, once one was given.
    pub(crate) fn device_name(&self) -> Result<Option<String>> {
        self.meta(NAME_KEY)
    }

    /// Names this device, recording the name as an event when it changes.
    pub(crate) fn set_device_name(&mut self, name: &str, at: Timestamp) -> Result<()> {
        if self.device_name()?.as_deref() == Some(name) {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        set_meta(&tx, NAME_KEY, name)?;
        record_local(
            &tx,
            at,
            &Change::Device {
                name: name.to_owned(),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Readies this connection for taking in a long log: a page cache large enough that
    /// the indexes of `reviews` (written in card order, not file order) stay in memory, and
    /// statement journals in memory too (each card row written fires a trigger, and SQLite
    /// would otherwise journal every such statement to a temporary file).
    pub(crate) fn bulk_cache(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// Records a change of this device's (parameters, retention) as its next event.
    pub(crate) fn record_event(&mut self, at: Timestamp, change: &Change) -> Result<()> {
        let tx = self.conn.transaction()?;
        record_local(&tx, at, change)?;
        tx.commit()?;
        Ok(())
    }

    /// Gives this device a new id: another data directory (a copy of this one) uses the old
    /// one. Events from `from` on are re-numbered as the new device's, in order; the ones
    /// before stay the old id's, which both copies share.
    pub(crate) fn take_new_device_id(&mut self, from: i64) -> Result<(String, String)> {
        let tx = self.conn.transaction()?;
        let old = device_id(&tx)?;
        let new: String = tx.query_row("SELECT lower(hex(randomblob(8)))", [], |row| row.get(0))?;
        set_meta(&tx, DEVICE_KEY, &new)?;
        // Sequence numbers from 1 in the old order: reviews and other events interleave.
        tx.execute(
            "CREATE TEMP TABLE renumber AS
             SELECT seq AS old, ROW_NUMBER() OVER (ORDER BY seq) AS new FROM (
                 SELECT seq FROM main.reviews WHERE device = ?1 AND seq >= ?2
                 UNION ALL
                 SELECT seq FROM main.sync_events WHERE device = ?1 AND seq >= ?2)",
            params![old, from],
        )?;
        tx.execute(
            "UPDATE reviews SET device = ?2, seq = (SELECT new FROM renumber WHERE old = reviews.seq)
             WHERE device = ?1 AND seq >= ?3",
            params![old, new, from],
        )?;
        tx.execute(
            "UPDATE sync_events SET device = ?2,
                 seq = (SELECT new FROM renumber WHERE old = sync_events.seq),
                 target = (SELECT new FROM renumber WHERE old = sync_events.target)
             WHERE device = ?1 AND seq >= ?3",
            params![old, new, from],
        )?;
        tx.execute("DROP TABLE temp.renumber", [])?;
        tx.commit()?;
        Ok((old, new))
    }

    /// The highest sequence number among this device's events (0 for none).
    pub(crate) fn last_own_seq(&self) -> Result<i64> {
        let device = self.device_id()?;
        Ok(next_seq(&self.conn, &device)? - 1)
    }

    /// Calls `each` for every event of `device` after sequence number `after`, in order.
    /// An undone review is gone from the log, so its number is skipped.
    pub(crate) fn events_of<E: From<StoreError>>(
        &self,
        device: &str,
        after: i64,
        mut each: impl FnMut(&SyncEvent) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT seq, reviewed_at, 'review', NULL, deck, card, rating, verdict,
                     given_answer, elapsed_ms, mode
                 FROM reviews WHERE device = ?1 AND seq > ?2
                 UNION ALL
                 SELECT seq, at, kind, target, deck, card, rating, verdict, value, NULL, NULL
                 FROM sync_events WHERE device = ?1 AND seq > ?2
                 ORDER BY 1",
            )
            .map_err(StoreError::from)?;
        let mut rows = statement
            .query(params![device, after])
            .map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let event = event_row(device, row).map_err(StoreError::from)?;
            each(&event)?;
        }
        Ok(())
    }

    /// The cards this device's events after `after` touch (reviews, undos, overrides).
    pub(crate) fn cards_touched_since(&self, after: i64) -> Result<Vec<(String, String)>> {
        let device = self.device_id()?;
        let mut statement = self.conn.prepare_cached(
            "SELECT deck, card FROM reviews WHERE device = ?1 AND seq > ?2 AND mode <> ?3
             UNION
             SELECT deck, card FROM sync_events
             WHERE device = ?1 AND seq > ?2 AND kind IN ('undo', 'override')",
        )?;
        let rows = statement.query_map(params![device, after, Mode::Cram], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest event of `kind` (`parameters`, `retention`): last writer wins, by
    /// instant, then device id.
    pub(crate) fn latest_setting(&self, kind: &str) -> Result<Option<Latest>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT value, at, device FROM sync_events WHERE kind = ?1
                 ORDER BY at DESC, device DESC, seq DESC LIMIT 1",
            )?
            .query_row(params![kind], |row| {
                Ok(Latest {
                    value: row.get(0)?,
                    at: row.get::<_, Millis>(1)?.0,
                    device: row.get(2)?,
                })
            })
            .optional()?)
    }

    /// Every `retention` event of every device, in the order of instant, then device id,
    /// then sequence number (see [`crate::schedule::Scheduler::with_retention_changes`]).
    pub(crate) fn retention_changes(&self) -> Result<Vec<(Timestamp, f32)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT at, value FROM sync_events WHERE kind = 'retention'
             ORDER BY at, device, seq",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, Millis>(0)?.0, row.get::<_, String>(1)?))
        })?;
        let mut changes = Vec::new();
        for row in rows {
            let (at, value) = row?;
            // Written by this program from a checked number; anything else is left out.
            if let Ok(value) = value.parse::<f32>() {
                changes.push((at, value));
            }
        }
        Ok(changes)
    }

    /// Sets a `meta` entry and records `changes` as this device's next events, in one
    /// transaction (a setting noticed and published at once).
    pub(crate) fn note_setting(
        &mut self,
        key: &str,
        value: &str,
        changes: &[(Timestamp, Change)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        set_meta(&tx, key, value)?;
        for (at, change) in changes {
            record_local(&tx, *at, change)?;
            if let Change::Retention { .. } = change {
                mark_retention_change(&tx, *at)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The instant of the earliest review in the log, if any.
    pub(crate) fn first_review_at(&self) -> Result<Option<Timestamp>> {
        let first: Option<Millis> = self
            .conn
            .prepare_cached("SELECT MIN(reviewed_at) FROM reviews")?
            .query_row([], |row| row.get(0))?;
        Ok(first.map(|m| m.0))
    }

    /// Sets a `meta` entry (sync's own bookkeeping: what was published, what is in effect).
    pub(crate) fn set_meta_value(&self, key: &str, value: &str) -> Result<()> {
        set_meta(&self.conn, key, value)
    }

    /// Sets several `meta` entries in one transaction.
    pub(crate) fn set_meta_values(&mut self, entries: &[(&str, &str)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (key, value) in entries {
            set_meta(&tx, key, value)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn file_mark(&self, path: &str) -> Result<Option<FileMark>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT offset, lines, prefix_hash, size, modified, last_seq FROM sync_files
                 WHERE path = ?1",
            )?
            .query_row(params![path], |row| {
                Ok(FileMark {
                    offset: row.get::<_, i64>(0)?.max(0).unsigned_abs(),
                    lines: row.get::<_, i64>(1)?.max(0).unsigned_abs(),
                    prefix_hash: row.get(2)?,
                    size: row.get::<_, i64>(3)?.max(0).unsigned_abs(),
                    modified: row.get(4)?,
                    last_seq: row.get(5)?,
                })
            })
            .optional()?)
    }

    pub(crate) fn set_file_mark(&self, path: &str, mark: &FileMark) -> Result<()> {
        let clamp = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        self.conn
            .prepare_cached(
                "INSERT INTO sync_files (path, offset, lines, prefix_hash, size, modified, last_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (path) DO UPDATE SET offset = excluded.offset, lines = excluded.lines,
                     prefix_hash = excluded.prefix_hash, size = excluded.size,
                     modified = excluded.modified, last_seq = excluded.last_seq",
            )?
            .execute(params![
                path,
                clamp(mark.offset),
                clamp(mark.lines),
                mark.prefix_hash,
                clamp(mark.size),
                mark.modified,
                mark.last_seq
            ])?;
        Ok(())
    }

    /// Every device this store has events of, this one included, by id.
    pub(crate) fn devices(&self) -> Result<Vec<DeviceSummary>> {
        // A skip scan over each table's (device, seq) index: one seek per device.
        let mut statement = self.conn.prepare_cached(
            "WITH RECURSIVE r (device) AS (
                 SELECT MIN(device) FROM reviews
                 UNION ALL
                 SELECT (SELECT MIN(device) FROM reviews WHERE device > r.device)
                 FROM r WHERE r.device IS NOT NULL
             ),
             e (device) AS (
                 SELECT MIN(device) FROM sync_events
                 UNION ALL
                 SELECT (SELECT MIN(device) FROM sync_events WHERE device > e.device)
                 FROM e WHERE e.device IS NOT NULL
             )
             SELECT device FROM r WHERE device IS NOT NULL
             UNION SELECT device FROM e WHERE device IS NOT NULL
             UNION SELECT value FROM meta WHERE key = 'device_id'
             ORDER BY 1",
        )?;
        let ids: Vec<String> = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut devices = Vec::new();
        for device in ids {
            let name: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT value FROM sync_events WHERE device = ?1 AND kind = 'device'
                     ORDER BY seq DESC LIMIT 1",
                )?
                .query_row(params![device], |row| row.get(0))
                .optional()?;
            let last_review: Option<(i64, Millis)> = self
                .conn
                .prepare_cached(
                    "SELECT seq, reviewed_at FROM reviews WHERE device = ?1
                     ORDER BY seq DESC LIMIT 1",
                )?
                .query_row(params![device], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let last_other: Option<(i64, Millis)> = self
                .conn
                .prepare_cached(
                    "SELECT seq, at FROM sync_events WHERE device = ?1 ORDER BY seq DESC LIMIT 1",
                )?
                .query_row(params![device], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let last = last_review
                .into_iter()
                .chain(last_other)
                .max_by_key(|l| l.0);
            let reviews: u64 = self
                .conn
                .prepare_cached("SELECT COUNT(*) FROM reviews WHERE device = ?1")?
                .query_row(params![device], |row| row.get(0))?;
            devices.push(DeviceSummary {
                device,
                name,
                last_seq: last.map_or(0, |l| l.0),
                last_at: last.map(|l| l.1.0),
                reviews,
            });
        }
        Ok(devices)
    }
}

pub(super) fn device_id(conn: &Connection) -> rusqlite::Result<String> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row(params![DEVICE_KEY], |row| row.get(0))
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// The sequence number `device`'s next event gets.
pub(super) fn next_seq(conn: &Connection, device: &str) -> rusqlite::Result<i64> {
    let reviews: Option<i64> = conn
        .prepare_cached("SELECT MAX(seq) FROM reviews WHERE device = ?1")?
        .query_row(params![device], |row| row.get(0))?;
    let others: Option<i64> = conn
        .prepare_cached("SELECT MAX(seq) FROM sync_events WHERE device = ?1")?
        .query_row(params![device], |row| row.get(0))?;
    Ok(reviews.unwrap_or(0).max(others.unwrap_or(0)) + 1)
}

/// Records a change made on this device other than a review, as its next event.
pub(super) fn record_local(conn: &Connection, at: Timestamp, change: &Change) -> Result<()> {
    let device = device_id(conn)?;
    let seq = next_seq(conn, &device)?;
    insert_event(
        conn,
        &SyncEvent {
            device,
            seq,
            at,
            change: change.clone(),
        },
    )
}

/// Marks for replay (by the next sync) the cards whose row a change of the desired
/// retention at `at` may alter: a review's interval is the retention's in effect at its
/// instant, so the cards last reviewed at or after `at`; every card when no change is
/// earlier, since the first change holds before it too. A change made here at this
/// instant usually marks none; one whose instant other devices' reviews are later than
/// (clocks apart) marks those.
pub(super) fn mark_retention_change(conn: &Connection, at: Timestamp) -> Result<()> {
    let earlier: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_events WHERE kind = 'retention' AND at < ?1)",
        )?
        .query_row(params![Millis(at)], |row| row.get(0))?;
    let since = if earlier {
        Millis(at)
    } else {
        Millis(Timestamp::MIN)
    };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_replay (deck, card)
         SELECT deck, card FROM cards WHERE last_review >= ?1",
    )?
    .execute(params![since])?;
    Ok(())
}

/// The review `id`'s device and sequence number.
pub(super) fn review_event(conn: &Connection, id: i64) -> rusqlite::Result<Option<(String, i64)>> {
    conn.prepare_cached("SELECT device, seq FROM reviews WHERE id = ?1")?
        .query_row(params![id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()
}

/// The deck, card and mode of `device`'s review `seq`, if the log holds it.
fn target(conn: &Connection, device: &str, seq: i64) -> Result<Option<(String, String, Mode)>> {
    Ok(conn
        .prepare_cached("SELECT deck, card, mode FROM reviews WHERE device = ?1 AND seq = ?2")?
        .query_row(params![device, seq], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?)
}

fn insert_event(conn: &Connection, event: &SyncEvent) -> Result<()> {
    let none = || None::<String>;
    let (target, deck, card, rating, verdict, value) = match &event.change {
        // A review is its row of `reviews`, written by `merge::move_parked`.
        Change::Review { .. } => return Ok(()),
        Change::Undo { of } => (Some(*of), none(), none(), None, None, none()),
        Change::Override {
            of,
            rating,
            verdict,
        } => (
            Some(*of),
            none(),
            none(),
            Some(*rating),
            Some(verdict.clone()),
            none(),
        ),
        Change::Accept { deck, card, answer } => (
            None,
            Some(deck.clone()),
            Some(card.clone()),
            None,
            None,
            Some(answer.clone()),
        ),
        Change::Suspend { deck, card } | Change::Restore { deck, card } => (
            None,
            Some(deck.clone()),
            Some(card.clone()),
            None,
            None,
            none(),
        ),
        Change::Parameters { json } => (None, none(), none(), None, None, Some(json.clone())),
        Change::Retention { value } => (None, none(), none(), None, None, Some(value.to_string())),
        Change::Device { name } => (None, none(), none(), None, None, Some(name.clone())),
    };
    // An undo or override names its review by number; keep its card beside it, so the
    // cards a device's events touched are found without the review (an undone one is gone).
    let (deck, card) = match (&deck, target) {
        (None, Some(of)) => match target_card(conn, &event.device, of)? {
            Some((deck, card)) => (Some(deck), Some(card)),
            None => (deck, card),
        },
        _ => (deck, card),
    };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_events (device, seq, at, kind, target, deck, card, rating, verdict, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event.device,
        event.seq,
        Millis(event.at),
        event.change.kind(),
        target,
        deck,
        card,
        rating,
        verdict,
        value
    ])?;
    Ok(())
}

fn target_card(conn: &Connection, device: &str, seq: i64) -> Result<Option<(String, String)>> {
    Ok(target(conn, device, seq)?.map(|(deck, card, _)| (deck, card)))
}

fn event_row(device: &str, row: &Row<'_>) -> rusqlite::Result<SyncEvent> {
    let seq: i64 = row.get(0)?;
    let at = row.get::<_, Millis>(1)?.0;
    let kind: String = row.get(2)?;
    let text = |column: usize| -> rusqlite::Result<String> {
        Ok(row.get::<_, Option<String>>(column)?.unwrap_or_default())
    };
    let change = match kind.as_str() {
        "review" => Change::Review {
            deck: text(4)?,
            card: text(5)?,
            rating: row.get(6)?,
            verdict: row.get(7)?,
            answer: text(8)?,
            elapsed_ms: row.get::<_, i64>(9)?.max(0).unsigned_abs(),
            mode: row.get(10)?,
        },
        "undo" => Change::Undo { of: row.get(3)? },
        "override" => Change::Override {
            of: row.get(3)?,
            rating: row.get(6)?,
            verdict: row.get(7)?,
        },
        "accept" => Change::Accept {
            deck: text(4)?,
            card: text(5)?,
            answer: text(8)?,
        },
        "suspend" => Change::Suspend {
            deck: text(4)?,
            card: text(5)?,
        },
        "restore" => Change::Restore {
            deck: text(4)?,
            card: text(5)?,
        },
        "parameters" => Change::Parameters { json: text(8)? },
        "retention" => Change::Retention {
            value: text(8)?.parse().unwrap_or(0.9),
        },
        _ => Change::Device { name: text(8)? },
    };
    Ok(SyncEvent {
        device: device.to_owned(),
        seq,
        at,
        change,
    })
}
