//! A session's due cards of one deck in the order they are asked — least likely remembered
//! first, ties in file order — a page at a time, so that a learner back after a month with
//! 81,000 cards due waits for the first page only and never holds them all.
//!
//! Retrievability falls as the time since the last review grows against the card's
//! stability, so "least likely remembered" is "largest elapsed time over stability": SQLite
//! orders that straight from `cards_by_deck_due` (one scan of the due rows, a top-N sort,
//! no look-up per card; see migration 6) and joins only the page to `deck_cards`.

use jiff::Timestamp;
use rusqlite::params;

use super::{ClozeHeads, tags_filter};
use crate::deck::{Card, DeckId};
use crate::schedule::{self, CardState};
use crate::store::types::Millis;
use crate::store::{Result, Store};

/// Where a deck's due cards left off: the last card of the page before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DueCursor {
    /// Elapsed milliseconds over stability: the larger, the less likely remembered.
    pub forgetting: f64,
    pub position: u32,
}

/// One due card of a page, with its state and its place in the order.
pub(crate) struct DueCard {
    pub card: Card,
    pub state: CardState,
    pub cursor: DueCursor,
}

/// The due cards of `cards AS p` as both queries below read them: the deck (`?1`), due
/// before `?2`, in the deck's index, not suspended, carrying any of the tags in the JSON
/// array `?3` (any card when NULL). The suspended cards are read once, as a list the scan
/// looks each due card up in: a subquery correlated with each of 81,000 due rows opened
/// and closed a cursor per row, a third of the count's time. A deck with no suspended card
/// (`suspensions` false) is not looked up in at all: the look-up was a quarter of the
/// time of a session's first page.
fn due_clause(suspensions: bool) -> String {
    let suspended = match suspensions {
        true => "AND p.card NOT IN (SELECT s.card FROM suspended AS s WHERE s.deck = ?1)",
        false => "",
    };
    format!(
        "p.deck = ?1 AND p.due < ?2 AND p.position IS NOT NULL {suspended}
         AND (?3 IS NULL OR EXISTS (SELECT 1 FROM deck_cards AS c, json_each(c.tags) AS t
             WHERE c.deck = p.deck AND c.position = p.position
                 AND t.value IN (SELECT value FROM json_each(?3))))"
    )
}

/// How far a card is forgotten at `?4`: elapsed milliseconds over stability, clamped as
/// [`crate::schedule::Scheduler::retrievability`] clamps both (as `CASE`, not `MAX`: a
/// function call for each of 81,000 due cards costs more than its test).
const FORGETTING: &str = "(CASE WHEN p.last_review < ?4 THEN ?4 - p.last_review ELSE 0 END)
     / (CASE WHEN p.stability > ?5 THEN p.stability ELSE ?5 END)";

impl Store {
    /// How many indexed cards of a deck carrying any of `tags` (all when empty) and not
    /// suspended are due before `before`.
    pub(crate) fn due_indexed_count(
        &self,
        deck: &DeckId,
        before: Timestamp,
        tags: &[String],
    ) -> Result<usize> {
        // Without a tag to check, the days of `cards_due_days` count it (migration 8): a scan
        // of 81,000 due cards was half of a session's start.
        if tags.is_empty() && !self.shadowed && self.all_placed(deck)? {
            let last = before
                .checked_sub(jiff::SignedDuration::from_millis(1))
                .unwrap_or(before);
            let (due, _) = self.unsuspended_due_by(deck, last, last, true)?;
            return Ok(usize::try_from(due).unwrap_or(usize::MAX));
        }
        let count: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM cards AS p WHERE {}",
                due_clause(self.any_suspended(deck)?)
            ))?
            .query_row(params![deck, Millis(before), tags_filter(tags)], |row| {
                row.get(0)
            })?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// The next `limit` indexed cards of a deck carrying any of `tags` (all when empty), not
    /// suspended, due before `before`, after `after` (from the first when `None`), least likely
    /// remembered at `now` first, ties in file order.
    pub(crate) fn due_indexed_page(
        &self,
        deck: &DeckId,
        before: Timestamp,
        now: Timestamp,
        tags: &[String],
        after: Option<DueCursor>,
        limit: usize,
    ) -> Result<Vec<DueCard>> {
        let due = due_clause(self.any_suspended(deck)?);
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT c.card, c.data, c.tags, p.stability, p.difficulty, p.due, p.last_review,
                 p.reps, p.lapses, c.position, p.forgetting
             FROM (SELECT p.card, p.stability, p.difficulty, p.due, p.last_review, p.reps,
                       p.lapses, p.position, {FORGETTING} AS forgetting
                   FROM cards AS p
                   WHERE {due} AND (?6 IS NULL OR {FORGETTING} < ?6
                       OR ({FORGETTING} = ?6 AND p.position > ?7))
                   ORDER BY forgetting DESC, p.position LIMIT ?8) AS p
             CROSS JOIN deck_cards AS c
                 ON c.deck = ?1 AND c.position = p.position AND c.card = p.card
             ORDER BY p.forgetting DESC, p.position"
        ))?;
        let mut rows = statement.query(params![
            deck,
            Millis(before),
            tags_filter(tags),
            Millis(now),
            f64::from(schedule::MIN_STABILITY),
            after.map(|cursor| cursor.forgetting),
            after.map(|cursor| cursor.position),
            i64::try_from(limit).unwrap_or(i64::MAX),
        ])?;
        let mut cards = Vec::new();
        let mut heads = ClozeHeads::all();
        while let Some(row) = rows.next()? {
            let cursor = DueCursor {
                forgetting: row.get(10)?,
                position: row.get(9)?,
            };
            if let (card, Some(state)) = self.indexed_row(deck, row, &mut heads)? {
                cards.push(DueCard {
                    card,
                    state,
                    cursor,
                });
            }
        }
        Ok(cards)
    }
}
