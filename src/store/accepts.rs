//! The learner's own accepted answers for the cards of bundled decks (see `migration_4.sql`).

use jiff::Timestamp;
use rusqlite::params;

use super::{Result, Store};
use crate::deck::{CardId, DeckId};

impl Store {
    /// Adds `answer` to the answers the learner accepts for `card`; false when it was there.
    pub(crate) fn add_learner_accept(
        &self,
        deck: &DeckId,
        card: &CardId,
        answer: &str,
        at: Timestamp,
    ) -> Result<bool> {
        let tx = self.conn.unchecked_transaction()?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO learner_accepts (deck, card, answer, added_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![deck, card, answer, at.as_second()],
        )?;
        if added > 0 {
            super::sync::record_local(
                &tx,
                at,
                &super::sync::Change::Accept {
                    deck: deck.0.clone(),
                    card: card.0.clone(),
                    answer: answer.to_owned(),
                },
            )?;
        }
        tx.commit()?;
        Ok(added > 0)
    }

    /// The answers the learner accepts for the cards of `deck`, by card, in the order added.
    pub(crate) fn learner_accepts(&self, deck: &DeckId) -> Result<Vec<(CardId, String)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT card, answer FROM learner_accepts WHERE deck = ?1 ORDER BY added_at, answer",
        )?;
        let rows = statement.query_map(params![deck], |row| {
            Ok((CardId(row.get(0)?), row.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_are_kept_per_card_once_each() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let deck = DeckId("bundled:capitals".into());
        let card = CardId("france".into());
        let at = Timestamp::from_second(1_700_000_000).unwrap();
        assert!(
            store
                .add_learner_accept(&deck, &card, "Paname", at)
                .unwrap()
        );
        assert!(
            !store
                .add_learner_accept(&deck, &card, "Paname", at)
                .unwrap()
        );
        assert_eq!(
            store.learner_accepts(&deck).unwrap(),
            vec![(card, "Paname".to_string())]
        );
        assert!(
            store
                .learner_accepts(&DeckId("other".into()))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_version_3_database_gains_the_table_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::FILE_NAME);
        super::super::database_at_version(
            &path,
            3,
            "INSERT INTO meta (key, value) VALUES ('k', 'v')",
        );
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.meta("k").unwrap().as_deref(), Some("v"));
        let deck = DeckId("bundled:capitals".into());
        let at = Timestamp::from_second(1).unwrap();
        assert!(
            store
                .add_learner_accept(&deck, &CardId("c".into()), "x", at)
                .unwrap()
        );
        assert_eq!(store.learner_accepts(&deck).unwrap().len(), 1);
    }
}
