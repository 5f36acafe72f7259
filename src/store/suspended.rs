//! The cards the learner suspended (see `migration_5.sql`): suspending, restoring, listing
//! and counting them. The session queries of the deck index leave them out by themselves.

use std::collections::HashSet;

use jiff::Timestamp;
use rusqlite::params;

use super::sync::Change;
use super::types::Millis;
use super::{Result, Store};
use crate::deck::{CardId, DeckId};

/// One suspended card, as `quiz suspended` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Suspension {
    pub deck: DeckId,
    pub card: CardId,
    pub at: Timestamp,
}

// The counts below read the suspended cards first (CROSS JOIN keeps that order): there are
// few of them, where SQLite would otherwise walk a deck's due cards and look each one up.
/// A suspension (`true`) or restoration of `card` as an event.
fn suspension(suspend: bool, deck: &DeckId, card: &CardId) -> Change {
    let (deck, card) = (deck.0.clone(), card.0.clone());
    if suspend {
        Change::Suspend { deck, card }
    } else {
        Change::Restore { deck, card }
    }
}

impl Store {
    /// Suspends `card` of `deck` from `at`; false when it already was (its time is kept).
    pub(crate) fn suspend(&self, deck: &DeckId, card: &CardId, at: Timestamp) -> Result<bool> {
        let tx = self.conn.unchecked_transaction()?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO suspended (deck, card, suspended_at) VALUES (?1, ?2, ?3)",
            params![deck, card, Millis(at)],
        )?;
        if added > 0 {
            // Other devices learn of it through sync (see `store::sync`).
            super::sync::record_local(&tx, at, &suspension(true, deck, card))?;
        }
        tx.commit()?;
        Ok(added > 0)
    }

    /// Restores `card` of `deck`, with the progress it had; false when it was not suspended.
    /// `at` is when, for the other devices: the latest suspension or restoration wins.
    pub(crate) fn restore(&self, deck: &DeckId, card: &CardId, at: Timestamp) -> Result<bool> {
        let tx = self.conn.unchecked_transaction()?;
        let removed = tx.execute(
            "DELETE FROM suspended WHERE deck = ?1 AND card = ?2",
            params![deck, card],
        )?;
        if removed > 0 {
            super::sync::record_local(&tx, at, &suspension(false, deck, card))?;
        }
        tx.commit()?;
        Ok(removed > 0)
    }

    /// Restores every suspended card of `decks`; how many there were.
    pub(crate) fn restore_all(&mut self, decks: &[DeckId], at: Timestamp) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut removed = 0;
        {
            let mut cards = tx.prepare_cached("SELECT card FROM suspended WHERE deck = ?1")?;
            let mut statement = tx.prepare_cached("DELETE FROM suspended WHERE deck = ?1")?;
            for deck in decks {
                let restored: Vec<CardId> = cards
                    .query_map(params![deck], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for card in &restored {
                    super::sync::record_local(&tx, at, &suspension(false, deck, card))?;
                }
                removed += statement.execute(params![deck])?;
            }
        }
        tx.commit()?;
        Ok(removed)
    }

    /// The suspended cards of `decks` (of every deck when `None`), by deck, then the oldest
    /// suspension first.
    pub(crate) fn suspensions(&self, decks: Option<&[DeckId]>) -> Result<Vec<Suspension>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT deck, card, suspended_at FROM suspended
             WHERE ?1 IS NULL OR deck IN (SELECT value FROM json_each(?1))
             ORDER BY deck, suspended_at, card",
        )?;
        let filter = decks.map(|decks| {
            serde_json::Value::from(decks.iter().map(|d| d.0.as_str()).collect::<Vec<_>>())
                .to_string()
        });
        let rows = statement.query_map(params![filter], |row| {
            Ok(Suspension {
                deck: row.get(0)?,
                card: row.get(1)?,
                at: row.get::<_, Millis>(2)?.0,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the suspended cards of `deck`.
    pub(crate) fn suspended_cards(&self, deck: &DeckId) -> Result<HashSet<CardId>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT card FROM suspended WHERE deck = ?1")?;
        let rows = statement.query_map(params![deck], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether any card of `deck` is suspended.
    pub(crate) fn any_suspended(&self, deck: &DeckId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM suspended WHERE deck = ?1)",
            params![deck],
            |row| row.get(0),
        )?)
    }

    /// How many of `deck`'s indexed cards are suspended (a suspension of a card that left
    /// the deck is kept, but it is not the deck's card any more).
    pub(crate) fn suspended_indexed_count(&self, deck: &DeckId) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM suspended AS s
             CROSS JOIN deck_cards AS c ON c.deck = s.deck AND c.card = s.card
             WHERE s.deck = ?1",
            params![deck],
            |row| row.get(0),
        )?)
    }

    /// How many of `deck`'s suspended indexed cards have never been reviewed: what
    /// `quiz decks` takes from its count of new cards.
    pub(crate) fn suspended_new_count(&self, deck: &DeckId) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM suspended AS s
             CROSS JOIN deck_cards AS c ON c.deck = s.deck AND c.card = s.card
             WHERE s.deck = ?1 AND c.reviewed = 0",
            params![deck],
            |row| row.get(0),
        )?)
    }

    /// How many of `deck`'s suspended indexed cards are due at or before `at`: what
    /// `quiz decks` takes from its counts of due cards.
    pub(crate) fn suspended_due_count(&self, deck: &DeckId, at: Timestamp) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM suspended AS s
             CROSS JOIN deck_cards AS c ON c.deck = s.deck AND c.card = s.card
             CROSS JOIN cards AS p ON p.deck = s.deck AND p.card = s.card
             WHERE s.deck = ?1 AND p.due <= ?2",
            params![deck, Millis(at)],
            |row| row.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    #[test]
    fn a_card_is_suspended_once_and_restored_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("t".into());
        let other = DeckId("u".into());
        let card = CardId("fr".into());
        assert!(store.suspend(&deck, &card, at(10)).unwrap());
        assert!(!store.suspend(&deck, &card, at(20)).unwrap());
        assert!(store.suspend(&other, &card, at(5)).unwrap());
        assert_eq!(
            store
                .suspensions(Some(std::slice::from_ref(&deck)))
                .unwrap(),
            [Suspension {
                deck: deck.clone(),
                card: card.clone(),
                at: at(10)
            }]
        );
        assert_eq!(store.suspensions(None).unwrap().len(), 2);
        assert_eq!(
            store.suspended_cards(&deck).unwrap(),
            HashSet::from([card.clone()])
        );
        assert!(store.restore(&deck, &card, at(40)).unwrap());
        assert!(!store.restore(&deck, &card, at(40)).unwrap());
        assert_eq!(store.suspensions(None).unwrap().len(), 1);
        assert!(store.suspend(&deck, &card, at(30)).unwrap());
        assert_eq!(
            store
                .restore_all(&[deck.clone(), other.clone()], at(50))
                .unwrap(),
            2
        );
        assert!(store.suspensions(None).unwrap().is_empty());
    }
}
