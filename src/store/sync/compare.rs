//! Telling whether the store holds the event of a log line, another event under the same
//! id, or none: a conflict copy of a device's log whose events differ from the ones taken
//! in under the same ids was written by a copy of that device's data directory (see
//! `crate::sync`, which reads such a copy only up to there).

use rusqlite::{OptionalExtension, params};

use super::super::types::Millis;
use super::super::{Result, Store};
use super::{Change, SyncEvent};

/// Whether a store holds an event of a log line (see [`Store::compare_event`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// No event has this id.
    Absent,
    /// The event with this id is this one (a review of the same card at the same instant,
    /// or one taken back; another event of the same kind at the same instant).
    Same,
    /// Another event has this id: the line is another data directory's that used the id.
    Different,
}

impl Store {
    /// Whether this store holds `event` (by its id) as the line says, another event under
    /// its id, or none: a conflict copy of a log whose events differ from the ones taken in
    /// under the same ids was written by a copy of that device's data directory.
    pub(crate) fn compare_event(&self, event: &SyncEvent) -> Result<Held> {
        let review: Option<(String, String, Millis)> = self
            .conn
            .prepare_cached(
                "SELECT deck, card, reviewed_at FROM reviews WHERE device = ?1 AND seq = ?2",
            )?
            .query_row(params![event.device, event.seq], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?;
        let other: Option<(String, Millis)> = self
            .conn
            .prepare_cached("SELECT kind, at FROM sync_events WHERE device = ?1 AND seq = ?2")?
            .query_row(params![event.device, event.seq], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        let undone = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM sync_events WHERE device = ?1 AND kind = 'undo' AND target = ?2",
            )?
            .query_row(params![event.device, event.seq], |_| Ok(()))
            .optional()?
            .is_some();
        let same = match (&event.change, review, other) {
            (Change::Review { deck, card, .. }, Some((d, c, at)), _) => {
                &d == deck && &c == card && at.0 == event.at
            }
            // An undone review's line cannot be told from another's: its row is gone.
            (Change::Review { .. }, None, None) if undone => true,
            (_, None, None) if !undone => return Ok(Held::Absent),
            (change, None, Some((kind, at))) => kind == change.kind() && at.0 == event.at,
            _ => false,
        };
        Ok(if same { Held::Same } else { Held::Different })
    }
}
