//! The deck index: each deck file's cards as parsed, with the key of the text they were
//! read from. A session over decks that have not changed parses nothing: it asks the index
//! for the cards it needs — the due ones through `cards_by_deck_due`, the first new ones
//! through `deck_cards_new` — instead of reading and holding every card.
//!
//! `catalog::refresh` decides when a deck is read again; this module only stores and reads.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::sync::Arc;

use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::types::Millis;
use super::{Result, Store, StoreError};
use crate::deck::cloze::Cloze;
use crate::deck::parse::CardSink;
use crate::deck::{Card, CardId, DeckId, Question};
use crate::judge::Expected;
use crate::schedule::{CardState, Memory};
use encoding::{decode, encode, head_distance};

mod due;
mod encoding;

pub(crate) use due::{DueCard, DueCursor};

/// The columns of a card's row in `deck_cards`, then of its state in `cards` (all NULL for
/// a card never reviewed), as every query below selects them.
const CARD_COLUMNS: &str = "c.card, c.data, c.tags, p.stability, p.difficulty, p.due, \
     p.last_review, p.reps, p.lapses, c.position";

/// Limits a query to the cards carrying any of the tags in the JSON array `?2` (no limit
/// when `?2` is NULL), as `Card::has_tag` does.
const TAGGED: &str = "(?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(c.tags) AS t \
     WHERE t.value IN (SELECT value FROM json_each(?2))))";

/// Leaves out of a query over `deck_cards AS c` the cards the learner suspended.
const NOT_SUSPENDED: &str =
    "NOT EXISTS (SELECT 1 FROM suspended AS s WHERE s.deck = c.deck AND s.card = c.card)";

/// Limits a query over `cards AS p` to the deck's indexed cards, unless `?2` says they all
/// are (see [`Store::progress_all_indexed`]).
const INDEXED: &str =
    "(?2 OR EXISTS (SELECT 1 FROM deck_cards AS c WHERE c.deck = p.deck AND c.card = p.card))";

/// A UTC day in milliseconds: the unit of `cards_due_days` (migration 8).
const DAY_MS: i64 = 86_400_000;

/// A deck's line of `quiz decks`, as [`Store::indexed_deck_counts`] counts it.
pub(crate) struct DeckCounts {
    pub cards: u64,
    pub new: u64,
    pub due_now: u64,
    pub due_7_days: u64,
    pub leeches: u64,
    pub suspended: u64,
}

/// The cards due by two instants, and the suspended ones among them.
struct DueBy {
    soon: u64,
    later: u64,
    suspended_soon: u64,
    suspended_later: u64,
}

/// Names the encoding of `data` below; a change to it must change this.
const FORMAT: u32 = 4;

/// The start of every key this quiz writes: a newer parser may read the same text
/// differently, so an index is used only by the version that wrote it.
fn key_prefix() -> String {
    format!("quiz {} index {FORMAT}", env!("CARGO_PKG_VERSION"))
}

/// The key of a deck file's text: its index is used only while the key is the same, so a
/// touched file is not parsed again and an edited one is, whatever the file system says of
/// times. The hash is std's SipHash: it may change with the Rust release quiz is built
/// with, which only means the decks are read once more.
pub(crate) fn key(text: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(text.as_bytes());
    format!(
        "{} text {} {:016x}",
        key_prefix(),
        text.len(),
        hasher.finish()
    )
}

/// What the file system says of a deck file, and when it said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub path: String,
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: i64,
    /// When the stamp was taken, nanoseconds since 1970 (the real clock, not `QUIZ_NOW`).
    pub taken: i64,
}

impl Stamp {
    /// A file system may keep modification times to the second, or two (FAT): a file
    /// stamped less than this after it last changed may change again without its time
    /// changing.
    pub(crate) const SETTLED_NS: i64 = 2_000_000_000;

    /// Whether a file stamped `self` earlier is, going by `now` alone, unchanged: the same
    /// path, size and modification time, and stamped long enough after it last changed
    /// that any later change would have moved the time.
    pub(crate) fn vouches_for(&self, now: &Stamp) -> bool {
        self.path == now.path
            && self.size == now.size
            && self.modified == now.modified
            && self.taken - self.modified >= Stamp::SETTLED_NS
    }
}

/// What the index knows of a deck's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexEntry {
    pub key: String,
    pub stamp: Option<Stamp>,
}

impl IndexEntry {
    /// Whether the index was written by this quiz.
    pub(crate) fn current(&self) -> bool {
        self.key.starts_with(&key_prefix())
    }
}

impl Store {
    /// What the index knows of a deck's file, if the deck is indexed.
    pub(crate) fn deck_index_entry(&self, deck: &DeckId) -> Result<Option<IndexEntry>> {
        Ok(self
            .conn
            .query_row(
                "SELECT key, path, size, modified, stamped FROM deck_files WHERE deck = ?1",
                params![deck],
                |row| {
                    let stamp = match (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?) {
                        (Some(path), Some(size), Some(modified), Some(taken)) => Some(Stamp {
                            path,
                            size,
                            modified,
                            taken,
                        }),
                        _ => None,
                    };
                    Ok(IndexEntry {
                        key: row.get(0)?,
                        stamp,
                    })
                },
            )
            .optional()?)
    }

    /// Records a new stamp for a deck whose file was found unchanged.
    pub(crate) fn restamp_deck_index(&self, deck: &DeckId, stamp: Option<&Stamp>) -> Result<()> {
        // A new stamp only spares a later read of the file: not worth a copy of the index.
        if self.access == super::Access::ReadOnly {
            return Ok(());
        }
        let (path, size, modified, stamped) = stamp_columns(stamp);
        self.conn.execute(
            "UPDATE deck_files SET path = ?2, size = ?3, modified = ?4, stamped = ?5 WHERE deck = ?1",
            params![deck, path, size, modified, stamped],
        )?;
        Ok(())
    }

    /// Starts indexing a deck again, over its old index, which is kept if the indexer is
    /// dropped unfinished.
    pub(crate) fn index_deck(&mut self, deck: &DeckId) -> Result<DeckIndexer<'_>> {
        self.writable_index()?;
        let read_only = self.access == super::Access::ReadOnly;
        // Taking the write lock now lets another quiz indexing the same deck finish first,
        // and keeps what is asked below true until the index is written.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A deck without progress (its first start) has no card to mark reviewed, nor
        // places to move, and a row added later takes its place itself. A read-only store
        // indexes into a copy of its own (see `writable_index`), beside a `cards` it cannot
        // write.
        let progress = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM cards WHERE deck = ?1)",
            params![deck],
            |row| row.get::<_, bool>(0),
        )?;
        let places = !read_only && progress;
        let fresh = !tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM deck_cards WHERE deck = ?1)",
            params![deck],
            |row| row.get::<_, bool>(0),
        )?;
        if fresh && places {
            unplace_all(&tx, &deck.0)?;
        }
        Ok(DeckIndexer {
            tx,
            deck: deck.0.clone(),
            written: 0,
            pending: Vec::new(),
            spare: Vec::new(),
            error: None,
            head: None,
            progress,
            places,
            fresh,
            dropped: None,
        })
    }

    /// The file positions and ids of a deck's first `limit` (all, when `None`) indexed cards
    /// after position `after` (from the first, when `None`) never reviewed and not suspended
    /// that carry any of `tags` (all when empty), in file order: a page of its new cards.
    pub(crate) fn new_indexed_cards(
        &self,
        deck: &DeckId,
        tags: &[String],
        after: Option<u32>,
        limit: Option<usize>,
    ) -> Result<Vec<(u32, CardId)>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT c.position, c.card FROM deck_cards AS c INDEXED BY deck_cards_new
             WHERE c.deck = ?1 AND c.reviewed = 0 AND c.position > ?4 AND {TAGGED}
               AND {NOT_SUSPENDED}
             ORDER BY c.position LIMIT ?3"
        ))?;
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let after = after.map_or(-1, i64::from);
        let cards = statement
            .query_map(params![deck, tags_filter(tags), limit, after], |row| {
                Ok((row.get(0)?, CardId(row.get(1)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cards)
    }

    /// The indexed card at a file position, with its state. The cards of a cloze read
    /// through the same `heads` share its text.
    pub(crate) fn indexed_card_at(
        &self,
        deck: &DeckId,
        position: u32,
        heads: &mut ClozeHeads,
    ) -> Result<Option<(Card, Option<CardState>)>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM deck_cards AS c
             LEFT JOIN cards AS p ON p.deck = c.deck AND p.card = c.card
             WHERE c.deck = ?1 AND c.position = ?2"
        ))?;
        let mut rows = statement.query(params![deck, position])?;
        match rows.next()? {
            Some(row) => Ok(Some(self.indexed_row(deck, row, heads)?)),
            None => Ok(None),
        }
    }

    /// Hands every indexed card of a deck carrying any of `tags` (all when empty) to
    /// `each`, in file order, with its state.
    pub(crate) fn each_indexed_card(
        &self,
        deck: &DeckId,
        tags: &[String],
        each: &mut dyn FnMut(Card, Option<CardState>),
    ) -> Result<()> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM deck_cards AS c
             LEFT JOIN cards AS p ON p.deck = c.deck AND p.card = c.card
             WHERE c.deck = ?1 AND {TAGGED} ORDER BY c.position"
        ))?;
        let mut rows = statement.query(params![deck, tags_filter(tags)])?;
        let mut heads = ClozeHeads::last();
        while let Some(row) = rows.next()? {
            let (card, state) = self.indexed_row(deck, row, &mut heads)?;
            each(card, state);
        }
        Ok(())
    }

    /// Whether a deck has an indexed card carrying any of `tags` (any card when empty).
    pub(crate) fn has_indexed_cards(&self, deck: &DeckId, tags: &[String]) -> Result<bool> {
        Ok(self.conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM deck_cards AS c WHERE c.deck = ?1 AND {TAGGED})"
            ),
            params![deck, tags_filter(tags)],
            |row| row.get(0),
        )?)
    }

    /// Every tag the deck's indexed cards carry (their own and the deck's), sorted, each once:
    /// what a learner could have meant by a tag no card has.
    pub(crate) fn indexed_tags(&self, deck: &DeckId) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT t.value FROM deck_cards AS c, json_each(c.tags) AS t
             WHERE c.deck = ?1 ORDER BY t.value",
        )?;
        let tags = statement
            .query_map(params![deck], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(tags)
    }

    /// The answers of a deck's typed cards, in file order (what a typed card shown as
    /// multiple choice draws its wrong choices from).
    pub(crate) fn indexed_answers(&self, deck: &DeckId) -> Result<Vec<String>> {
        let answers = self.indexed_answers_and_questions(deck)?;
        Ok(answers.into_iter().map(|(answer, _)| answer).collect())
    }

    /// [`Self::indexed_answers`], each with its card's question (to tell a learner who
    /// typed another card's answer which card that is).
    pub(crate) fn indexed_answers_and_questions(
        &self,
        deck: &DeckId,
    ) -> Result<Vec<(String, String)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT data, position FROM deck_cards WHERE deck = ?1 ORDER BY position",
        )?;
        let mut rows = statement.query(params![deck])?;
        let mut answers = Vec::new();
        let mut heads = ClozeHeads::last();
        while let Some(row) = rows.next()? {
            let data = row.get_ref(0)?.as_blob().map_err(|_| self.damaged(deck))?;
            let position = row.get(1)?;
            let card = self.decode_at(
                deck,
                position,
                CardId(String::new()),
                data,
                Vec::new(),
                &mut heads,
            )?;
            if let Expected::Text { answer, .. } = card.expected {
                answers.push((answer, card.question.text().into_owned()));
            }
        }
        Ok(answers)
    }

    /// How many cards a deck's index holds: its last position and one, read from the
    /// primary key. The indexer writes a deck's cards at positions 0, 1, 2… in file order and
    /// deletes the rows past the last, so the positions have no gap; counting the rows walked
    /// all 100,000 of them.
    pub(crate) fn indexed_card_count(&self, deck: &DeckId) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM deck_cards WHERE deck = ?1",
            params![deck],
            |row| row.get(0),
        )?)
    }

    /// How many of a deck's indexed cards have never been reviewed.
    pub(crate) fn new_indexed_card_count(&self, deck: &DeckId) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM deck_cards INDEXED BY deck_cards_new WHERE deck = ?1 AND reviewed = 0",
            params![deck],
            |row| row.get(0),
        )?)
    }

    /// Whether every card of a deck with progress (a row in `cards`) is in the deck's index,
    /// that is, no progress of a card that left the deck is kept. The queries below are then
    /// told so (`all_indexed`) and need not look a card up in the index: on 100,000 cards
    /// that look-up is most of their time. A card's row has no place (`position`) exactly
    /// when the index does not hold it (migration 6), and `cards_unplaced` holds those rows
    /// alone. A reader's copy of the index (see [`Store::writable_index`]) has places the
    /// file's rows do not say; there the cards are counted instead: `reviewed` marks exactly
    /// the indexed cards with progress.
    /// `indexed_cards` is the deck's [`Store::indexed_card_count`], which every caller has
    /// read already.
    pub(crate) fn progress_all_indexed(&self, deck: &DeckId, indexed_cards: u64) -> Result<bool> {
        if !self.shadowed {
            return self.all_placed(deck);
        }
        Ok(self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM cards WHERE deck = ?1)
                  = ?2 - (SELECT COUNT(*) FROM deck_cards INDEXED BY deck_cards_new
                     WHERE deck = ?1 AND reviewed = 0)",
            params![deck, indexed_cards],
            |row| row.get(0),
        )?)
    }

    /// Whether every card of a deck with progress has its place in the index, read from
    /// `cards_unplaced` (migration 8); a reader's copy of the index is not told (see
    /// [`Store::progress_all_indexed`]).
    pub(super) fn all_placed(&self, deck: &DeckId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM cards INDEXED BY cards_unplaced
                 WHERE deck = ?1 AND position IS NULL)",
            params![deck],
            |row| row.get(0),
        )?)
    }

    /// What `quiz decks` says of a deck with a file: its indexed cards, the new and due ones
    /// a session would ask (suspended cards left out), its leeches and suspended cards.
    pub(crate) fn indexed_deck_counts(
        &self,
        deck: &DeckId,
        now: jiff::Timestamp,
        week: jiff::Timestamp,
        leech_threshold: u32,
    ) -> Result<DeckCounts> {
        let cards = self.indexed_card_count(deck)?;
        let all_indexed = self.progress_all_indexed(deck, cards)?;
        let (due_now, due_7_days) = self.unsuspended_due_by(deck, now, week, all_indexed)?;
        Ok(DeckCounts {
            cards,
            new: self
                .new_indexed_card_count(deck)?
                .saturating_sub(self.suspended_new_count(deck)?),
            due_now,
            due_7_days,
            leeches: self.indexed_cards_lapsed(deck, leech_threshold, all_indexed)?,
            suspended: self.suspended_indexed_count(deck)?,
        })
    }

    /// How many of a deck's indexed cards are due at or before `soon`, and how many at or
    /// before `later` (not before `soon`), suspended or not; `all_indexed` as
    /// [`Store::progress_all_indexed`] says.
    pub(crate) fn indexed_cards_due_by(
        &self,
        deck: &DeckId,
        soon: jiff::Timestamp,
        later: jiff::Timestamp,
        all_indexed: bool,
    ) -> Result<(u64, u64)> {
        let later = later.max(soon);
        if all_indexed {
            let counts = self.cards_due_by(deck, soon, later)?;
            return Ok((counts.soon, counts.later));
        }
        self.scan_due_by(deck, soon, later)
    }

    /// As [`Store::indexed_cards_due_by`], less the suspended cards: what a session asks.
    pub(crate) fn unsuspended_due_by(
        &self,
        deck: &DeckId,
        soon: jiff::Timestamp,
        later: jiff::Timestamp,
        all_indexed: bool,
    ) -> Result<(u64, u64)> {
        let later = later.max(soon);
        let counts = match all_indexed {
            true => self.cards_due_by(deck, soon, later)?,
            false => {
                let (soon_due, later_due) = self.scan_due_by(deck, soon, later)?;
                DueBy {
                    soon: soon_due,
                    later: later_due,
                    suspended_soon: self.suspended_due_count(deck, soon)?,
                    suspended_later: self.suspended_due_count(deck, later)?,
                }
            }
        };
        Ok((
            counts.soon.saturating_sub(counts.suspended_soon),
            counts.later.saturating_sub(counts.suspended_later),
        ))
    }

    /// The due counts of [`Store::indexed_cards_due_by`] from one scan of the due cards, each
    /// looked up in the index: for a deck whose progress is not all indexed.
    fn scan_due_by(
        &self,
        deck: &DeckId,
        soon: jiff::Timestamp,
        later: jiff::Timestamp,
    ) -> Result<(u64, u64)> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT COALESCE(SUM(p.due <= ?3), 0), COUNT(*) FROM cards AS p
             WHERE p.deck = ?1 AND p.due <= ?4 AND {INDEXED}"
        ))?;
        Ok(
            statement.query_row(params![deck, false, Millis(soon), Millis(later)], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?,
        )
    }

    /// A deck's cards with progress due at or before `soon` and at or before `later`, and its
    /// suspended indexed cards due by each: every due count the sum of the days before its
    /// instant's in `cards_due_days` (migration 8) and the cards due on that day up to it.
    /// One statement, so the counts are of one state of the database (a session may be
    /// saving beside a reader).
    fn cards_due_by(
        &self,
        deck: &DeckId,
        soon: jiff::Timestamp,
        later: jiff::Timestamp,
    ) -> Result<DueBy> {
        // Divided as the triggers divide (towards zero); the first bound is at or before the
        // first instant of that day whatever the sign, and the query checks the day itself.
        let day = |at: jiff::Timestamp| {
            let day = at.as_millisecond() / DAY_MS;
            (day, day * DAY_MS - (DAY_MS - 1), at.as_millisecond())
        };
        let due_by = |first: usize| {
            let (day, from, at) = (first, first + 1, first + 2);
            format!(
                "(SELECT COALESCE(SUM(cards), 0) FROM cards_due_days
                  WHERE deck = ?1 AND day < ?{day})
                 + (SELECT COUNT(*) FROM cards INDEXED BY cards_by_deck_due
                    WHERE deck = ?1 AND due >= ?{from} AND due <= ?{at}
                        AND due / {DAY_MS} = ?{day}),
                 (SELECT COUNT(*) FROM suspended AS s
                  CROSS JOIN deck_cards AS c ON c.deck = s.deck AND c.card = s.card
                  CROSS JOIN cards AS p ON p.deck = s.deck AND p.card = s.card
                  WHERE s.deck = ?1 AND p.due <= ?{at})"
            )
        };
        let mut statement =
            self.conn
                .prepare_cached(&format!("SELECT {}, {}", due_by(2), due_by(5)))?;
        let (soon, later) = (day(soon), day(later));
        Ok(statement.query_row(
            params![deck, soon.0, soon.1, soon.2, later.0, later.1, later.2],
            |row| {
                Ok(DueBy {
                    soon: row.get(0)?,
                    suspended_soon: row.get(1)?,
                    later: row.get(2)?,
                    suspended_later: row.get(3)?,
                })
            },
        )?)
    }

    /// How many of a deck's indexed cards have lapsed `lapses` times or more (its leeches);
    /// `all_indexed` as [`Store::progress_all_indexed`] says.
    pub(crate) fn indexed_cards_lapsed(
        &self,
        deck: &DeckId,
        lapses: u32,
        all_indexed: bool,
    ) -> Result<u64> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM cards AS p WHERE p.deck = ?1 AND p.lapses >= ?3 AND {INDEXED}"
        ))?;
        Ok(statement.query_row(params![deck, all_indexed, lapses], |row| row.get(0))?)
    }

    /// The indexed cards of a deck that have lapsed `lapses` times or more (its leeches), in
    /// file order, with their state: read through `cards_by_deck_lapses`, so the cards that
    /// are not leeches are not read at all. Each is found in the index at the place its row
    /// keeps (one look-up in the primary key, where going by its id took two: a third of
    /// the time for 2,000 leeches), except in a reader's copy of the index, whose places the
    /// rows do not know (see [`Store::writable_index`]).
    pub(crate) fn indexed_leeches(
        &self,
        deck: &DeckId,
        lapses: u32,
    ) -> Result<Vec<(Card, CardState)>> {
        let join = match self.shadowed {
            false => "c.deck = p.deck AND c.position = p.position AND c.card = p.card",
            true => "c.deck = p.deck AND c.card = p.card",
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM cards AS p INDEXED BY cards_by_deck_lapses
             CROSS JOIN deck_cards AS c ON {join}
             WHERE p.deck = ?1 AND p.lapses >= ?2 ORDER BY c.position"
        ))?;
        let mut rows = statement.query(params![deck, lapses])?;
        let mut cards = Vec::new();
        let mut heads = ClozeHeads::all();
        while let Some(row) = rows.next()? {
            if let (card, Some(state)) = self.indexed_row(deck, row, &mut heads)? {
                cards.push((card, state));
            }
        }
        Ok(cards)
    }

    /// Hands the state of every reviewed card in a deck's index to `each`, with the card's
    /// id (progress of a card that left the deck is kept in `cards`, but it is not the
    /// deck's any more); `all_indexed` as [`Store::progress_all_indexed`] says.
    pub(crate) fn each_indexed_card_state(
        &self,
        deck: &DeckId,
        all_indexed: bool,
        each: &mut dyn FnMut(&str, &CardState),
    ) -> Result<()> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.card, p.stability, p.difficulty, p.due, p.last_review, p.reps, p.lapses
             FROM cards AS p WHERE p.deck = ?1 AND {INDEXED}"
        ))?;
        let mut rows = statement.query(params![deck, all_indexed])?;
        while let Some(row) = rows.next()? {
            let state = CardState {
                memory: Memory {
                    stability: row.get::<_, f64>(1)? as f32,
                    difficulty: row.get::<_, f64>(2)? as f32,
                },
                due: row.get::<_, Millis>(3)?.0,
                last_review: row.get::<_, Millis>(4)?.0,
                reps: row.get(5)?,
                lapses: row.get(6)?,
            };
            // Borrowed, not copied: a deck can have 100,000 of them.
            let card = row.get_ref(0)?.as_str().map_err(|_| self.damaged(deck))?;
            each(card, &state);
        }
        Ok(())
    }

    /// The question of a card in a deck's index, if the index holds the card.
    pub(crate) fn indexed_question(&self, deck: &DeckId, card: &CardId) -> Result<Option<String>> {
        let data: Option<(Vec<u8>, u32)> = self
            .conn
            .query_row(
                "SELECT data, position FROM deck_cards WHERE deck = ?1 AND card = ?2",
                params![deck, card],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        match data {
            None => Ok(None),
            Some((data, position)) => {
                let card = self.decode_at(
                    deck,
                    position,
                    card.clone(),
                    &data,
                    Vec::new(),
                    &mut ClozeHeads::last(),
                )?;
                Ok(Some(card.question.text().into_owned()))
            }
        }
    }

    /// A row of `CARD_COLUMNS`.
    fn indexed_row(
        &self,
        deck: &DeckId,
        row: &Row<'_>,
        heads: &mut ClozeHeads,
    ) -> Result<(Card, Option<CardState>)> {
        let id = CardId(row.get(0)?);
        let data = row.get_ref(1)?.as_blob().map_err(|_| self.damaged(deck))?;
        let tags = row.get_ref(2)?.as_str().map_err(|_| self.damaged(deck))?;
        let tags: Vec<String> = serde_json::from_str(tags).map_err(|_| self.damaged(deck))?;
        let card = self.decode_at(deck, row.get(9)?, id, data, tags, heads)?;
        let state = match row.get::<_, Option<f64>>(3)? {
            None => None,
            Some(stability) => Some(CardState {
                memory: Memory {
                    stability: stability as f32,
                    difficulty: row.get::<_, f64>(4)? as f32,
                },
                due: row.get::<_, Millis>(5)?.0,
                last_review: row.get::<_, Millis>(6)?.0,
                reps: row.get(7)?,
                lapses: row.get(8)?,
            }),
        };
        Ok((card, state))
    }

    /// Decodes the card at `position`, reading the head row that holds its cloze when it
    /// shares one (unless `heads` has it already).
    fn decode_at(
        &self,
        deck: &DeckId,
        position: u32,
        id: CardId,
        data: &[u8],
        tags: Vec<String>,
        heads: &mut ClozeHeads,
    ) -> Result<Card> {
        let shared = match head_distance(data) {
            None => None,
            Some(back) => {
                let at = position
                    .checked_sub(back)
                    .ok_or_else(|| self.damaged(deck))?;
                if heads.get(deck, at).is_none() {
                    let row: Option<(Vec<u8>, String)> = self
                        .conn
                        .prepare_cached(
                            "SELECT data, tags FROM deck_cards WHERE deck = ?1 AND position = ?2",
                        )?
                        .query_row(params![deck, at], |row| Ok((row.get(0)?, row.get(1)?)))
                        .optional()?;
                    // Its tags too: the cards of the cloze that have the same share them.
                    let card = row
                        .and_then(|(data, tags)| {
                            let tags = serde_json::from_str(&tags).ok()?;
                            decode(CardId(String::new()), &data, tags, None)
                        })
                        .ok_or_else(|| self.damaged(deck))?;
                    heads.keep(deck, at, card);
                }
                heads.get(deck, at)
            }
        };
        let mut card = decode(id, data, tags, shared).ok_or_else(|| self.damaged(deck))?;
        if shared.is_none()
            && let Question::Gap { cloze, index } = &card.question
            && cloze.gaps.len() > 1
        {
            // A head read before as the head of a later gap: its cloze (and the fields its
            // gaps share) are shared already.
            match heads.get(deck, position) {
                Some(kept) if same_cloze(kept, cloze) => {
                    card.question = Question::Gap {
                        cloze: shared_cloze(kept).unwrap_or_else(|| Arc::clone(cloze)),
                        index: *index,
                    };
                    if kept.explain == card.explain {
                        card.explain.clone_from(&kept.explain);
                    }
                    if kept.hint == card.hint {
                        card.hint.clone_from(&kept.hint);
                    }
                    if kept.tags == card.tags {
                        card.tags = Arc::clone(&kept.tags);
                    }
                    if let (Expected::Text { accept: shared, .. }, Expected::Text { accept, .. }) =
                        (&kept.expected, &mut card.expected)
                        && shared == accept
                    {
                        *accept = Arc::clone(shared);
                    }
                }
                _ => heads.keep(deck, position, card.clone()),
            }
        }
        Ok(card)
    }

    /// A deck's index that cannot be read is dropped, so the next start reads the file.
    fn damaged(&self, deck: &DeckId) -> StoreError {
        let _ = self
            .conn
            .execute("DELETE FROM deck_files WHERE deck = ?1", params![deck]);
        StoreError::DamagedIndex(deck.0.clone())
    }
}

fn shared_cloze(card: &Card) -> Option<Arc<Cloze>> {
    match &card.question {
        Question::Gap { cloze, .. } => Some(Arc::clone(cloze)),
        Question::Text(_) => None,
    }
}

fn same_cloze(card: &Card, cloze: &Cloze) -> bool {
    shared_cloze(card).is_some_and(|kept| *kept == *cloze)
}

/// The cloze heads (the rows that hold a cloze's text) read so far, so that the cards of a
/// cloze read one after another read their head once and share one cloze in memory too.
pub(crate) struct ClozeHeads {
    heads: HashMap<(DeckId, u32), Card>,
    /// Whether to keep every head, for cards read in any order (a session's new cards),
    /// or only the last, for a read in file order (where a cloze's cards follow its head).
    keep_all: bool,
}

impl ClozeHeads {
    /// For cards read in any order: keeps every head read, one per cloze.
    pub(crate) fn all() -> ClozeHeads {
        ClozeHeads {
            heads: HashMap::new(),
            keep_all: true,
        }
    }

    fn last() -> ClozeHeads {
        ClozeHeads {
            heads: HashMap::new(),
            keep_all: false,
        }
    }

    fn get(&self, deck: &DeckId, position: u32) -> Option<&Card> {
        self.heads.get(&(deck.clone(), position))
    }

    fn keep(&mut self, deck: &DeckId, position: u32, head: Card) {
        if !self.keep_all {
            self.heads.clear();
        }
        self.heads.insert((deck.clone(), position), head);
    }
}

/// A stamp's columns of `deck_files`: path, size, modified, stamped.
fn stamp_columns(stamp: Option<&Stamp>) -> (Option<&str>, Option<i64>, Option<i64>, Option<i64>) {
    match stamp {
        Some(s) => (
            Some(s.path.as_str()),
            Some(i64::try_from(s.size).unwrap_or(i64::MAX)),
            Some(s.modified),
            Some(s.taken),
        ),
        None => (None, None, None, None),
    }
}

fn tags_filter(tags: &[String]) -> Option<String> {
    (!tags.is_empty()).then(|| serde_json::to_string(tags).unwrap_or_default())
}

/// Writes one deck's cards into the index, in one transaction; it is a [`CardSink`], so a
/// deck file is parsed straight into it. An edited deck is compared with its old index a
/// few hundred cards at a time and only the cards that changed are written: an edit to one
/// card of 100,000 writes one row.
pub(crate) struct DeckIndexer<'s> {
    tx: Transaction<'s>,
    deck: String,
    /// Cards before `pending` (their rows are written).
    written: u32,
    pending: Vec<CardRow>,
    /// Rows of earlier batches, for their buffers.
    spare: Vec<CardRow>,
    /// The first failure: the cards after it are not written and `finish` reports it.
    error: Option<StoreError>,
    /// The last card that holds its cloze in its row, and its position: the later cards
    /// of that cloze name it instead of holding the text again.
    head: Option<(u32, Card)>,
    /// Whether the deck has progress (rows in `cards`) when indexing began: without it no
    /// card written is reviewed.
    progress: bool,
    /// Whether to move the places of the cards written in their `cards` rows.
    places: bool,
    /// Whether the deck had no rows in the index when indexing began (its first indexing):
    /// there is nothing old to compare with, move or write over, so each card is one plain
    /// insert.
    fresh: bool,
    /// The `CREATE INDEX` statement of the index of `deck_cards` by card dropped for a big
    /// first indexing (see [`DeckIndexer::maybe_drop_indexes`]), run again in `finish`.
    dropped: Option<Vec<String>>,
}

/// Takes their places from a deck's cards with progress, when the index holds none of them.
fn unplace_all(tx: &Transaction<'_>, deck: &str) -> Result<()> {
    tx.execute(
        "UPDATE cards SET position = NULL WHERE deck = ?1 AND position IS NOT NULL",
        params![deck],
    )?;
    Ok(())
}

/// A card as its row in `deck_cards` holds it.
#[derive(Default)]
struct CardRow {
    card: String,
    data: Vec<u8>,
    tags: String,
}

/// Cards compared with the old index at a time.
const BATCH: usize = 512;

/// Rows one statement of a first indexing inserts (4 parameters a row, under SQLite's
/// limit of 32,766).
const INSERT_ROWS: usize = 64;

/// The statement that inserts `rows` cards of deck `?1`, each as position, card, data and
/// tags from `?2` on; a card is reviewed when the deck has `progress` and the card a row in
/// `cards`.
fn insert_sql(rows: usize, progress: bool) -> String {
    let mut sql =
        String::from("INSERT INTO deck_cards (deck, position, card, data, tags, reviewed) VALUES ");
    for row in 0..rows {
        let first = 2 + 4 * row;
        let (card, data, tags) = (first + 1, first + 2, first + 3);
        if row > 0 {
            sql.push_str(", ");
        }
        let reviewed = match progress {
            true => format!("EXISTS (SELECT 1 FROM cards WHERE deck = ?1 AND card = ?{card})"),
            false => "0".to_string(),
        };
        sql.push_str(&format!(
            "(?1, ?{first}, ?{card}, ?{data}, ?{tags}, {reviewed})"
        ));
    }
    sql
}

/// Binds the `index`th row of a statement of [`insert_sql`].
fn bind_row(
    statement: &mut rusqlite::CachedStatement<'_>,
    index: usize,
    position: u32,
    row: &CardRow,
) -> Result<()> {
    let first = 2 + 4 * index;
    statement.raw_bind_parameter(first, position)?;
    statement.raw_bind_parameter(first + 1, &row.card)?;
    statement.raw_bind_parameter(first + 2, &row.data)?;
    statement.raw_bind_parameter(first + 3, &row.tags)?;
    Ok(())
}

/// The cards of a first indexing after which the indexes of `deck_cards` are built at the
/// end instead of kept up to date (see [`DeckIndexer::maybe_drop_indexes`]).
const BULK: usize = 8 * BATCH;

impl DeckIndexer<'_> {
    /// Commits the deck's new index under `key`, for a file stamped `stamp`.
    pub(crate) fn finish(mut self, key: &str, stamp: Option<&Stamp>) -> Result<()> {
        self.flush();
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.places {
            self.tx.execute(
                "UPDATE cards SET position = NULL WHERE deck = ?1 AND position >= ?2
                     AND card IN (SELECT card FROM deck_cards WHERE deck = ?1 AND position >= ?2)",
                params![self.deck, self.written],
            )?;
        }
        self.tx.execute(
            "DELETE FROM deck_cards WHERE deck = ?1 AND position >= ?2",
            params![self.deck, self.written],
        )?;
        // Built from the rows in one sorted pass, which is several times quicker than
        // keeping it up to date a card at a time over a million cards (ids in any order).
        let dropped = self.dropped.take().unwrap_or_default();
        if !dropped.is_empty() {
            // SQLite's sort may use a second thread: the build is the one step of a first
            // start with nothing else to wait for.
            self.tx.pragma_update(None, "threads", 1)?;
        }
        for sql in &dropped {
            self.tx.execute(sql, [])?;
        }
        if !dropped.is_empty() {
            self.tx.pragma_update(None, "threads", 0)?;
        }
        let (path, size, modified, stamped) = stamp_columns(stamp);
        self.tx.execute(
            "INSERT INTO deck_files (deck, path, size, modified, stamped, key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (deck) DO UPDATE SET key = excluded.key, path = excluded.path,
                 size = excluded.size, modified = excluded.modified, stamped = excluded.stamped",
            params![self.deck, path, size, modified, stamped, key],
        )?;
        self.tx.commit()?;
        Ok(())
    }

    fn flush(&mut self) {
        if self.error.is_none()
            && let Err(error) = self.maybe_drop_indexes().and_then(|()| match self.fresh {
                true => self.insert_pending(),
                false => self.write_pending(),
            })
        {
            self.error = Some(error);
        }
        self.written += self.pending.len() as u32;
        self.spare.append(&mut self.pending);
    }

    /// On a first indexing that has reached [`BULK`] cards, and more than the index holds for
    /// every other deck, drops the index of `deck_cards` by card until `finish` builds it
    /// again (in the same transaction: no other reader ever sees the table without it).
    /// Building an index anew costs about what the rows already in the table cost, hence the
    /// second condition: a small deck added beside a big one keeps the index. The index of
    /// new cards is kept: its entries come in its own order, each appended at the same
    /// place, which costs less than a second read of every row to build it (in SQLite's
    /// shell, for a million cards: 0.1 to 0.2 s of CPU kept against 0.25 to 0.35 s built).
    fn maybe_drop_indexes(&mut self) -> Result<()> {
        if !self.fresh || self.dropped.is_some() || (self.written as usize) < BULK {
            return Ok(());
        }
        let others: u32 = self.tx.query_row(
            "SELECT COUNT(*) FROM deck_cards WHERE deck <> ?1",
            params![self.deck],
            |row| row.get(0),
        )?;
        if others > self.written {
            // Not asked again: the other decks' rows stay as many.
            self.dropped = Some(Vec::new());
            return Ok(());
        }
        let indexes: Vec<(String, String)> = self
            .tx
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'deck_cards' AND sql IS NOT NULL",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Only with the indexes this version knows; with another one (a later migration's)
        // the table keeps them all.
        let mut dropped = Vec::new();
        for (name, sql) in indexes {
            match name.as_str() {
                "deck_cards_by_card" => dropped.push(sql),
                "deck_cards_new" => {}
                _ => {
                    self.dropped = Some(Vec::new());
                    return Ok(());
                }
            }
        }
        if !dropped.is_empty() {
            self.tx.execute("DROP INDEX deck_cards_by_card", [])?;
        }
        self.dropped = Some(dropped);
        Ok(())
    }

    /// Writes the pending cards of a first indexing: nothing is there to compare or move.
    /// Cards go [`INSERT_ROWS`] to a statement: a statement's own work (its cursor opened,
    /// run, reset) was as much as a row's over a million cards.
    fn insert_pending(&mut self) -> Result<()> {
        let mut many = self
            .tx
            .prepare_cached(&insert_sql(INSERT_ROWS, self.progress))?;
        let mut one = self.tx.prepare_cached(&insert_sql(1, self.progress))?;
        let mut place = self
            .tx
            .prepare_cached("UPDATE cards SET position = ?2 WHERE deck = ?1 AND card = ?3")?;
        let mut chunks = self.pending.chunks_exact(INSERT_ROWS);
        let mut position = self.written;
        for chunk in chunks.by_ref() {
            many.raw_bind_parameter(1, &self.deck)?;
            for (index, row) in chunk.iter().enumerate() {
                bind_row(&mut many, index, position + index as u32, row)?;
            }
            many.raw_execute()?;
            position += INSERT_ROWS as u32;
        }
        for row in chunks.remainder() {
            one.raw_bind_parameter(1, &self.deck)?;
            bind_row(&mut one, 0, position, row)?;
            one.raw_execute()?;
            position += 1;
        }
        if self.places {
            for (offset, row) in self.pending.iter().enumerate() {
                let position = self.written + offset as u32;
                place.execute(params![self.deck, position, row.card])?;
            }
        }
        Ok(())
    }

    /// Writes the pending cards whose rows differ from the old index's.
    fn write_pending(&mut self) -> Result<()> {
        let mut same = vec![false; self.pending.len()];
        let end = self.written + self.pending.len() as u32;
        let mut old = self.tx.prepare_cached(
            "SELECT position, card, data, tags FROM deck_cards
             WHERE deck = ?1 AND position >= ?2 AND position < ?3",
        )?;
        let mut rows = old.query(params![self.deck, self.written, end])?;
        while let Some(row) = rows.next()? {
            let position: u32 = row.get(0)?;
            let new = &self.pending[(position - self.written) as usize];
            same[(position - self.written) as usize] = row.get_ref(1)?.as_str().ok()
                == Some(new.card.as_str())
                && row.get_ref(2)?.as_blob().ok() == Some(new.data.as_slice())
                && row.get_ref(3)?.as_str().ok() == Some(new.tags.as_str());
        }
        drop(rows);
        drop(old);
        // A card that moved leaves its old row behind until that row is written over; it
        // goes first, as a deck's ids are unique.
        let mut moved = self.tx.prepare_cached(
            "DELETE FROM deck_cards WHERE deck = ?1 AND card = ?2 AND position <> ?3",
        )?;
        let mut write = self.tx.prepare_cached(
            "INSERT INTO deck_cards (deck, position, card, data, tags, reviewed)
             VALUES (?1, ?2, ?3, ?4, ?5, EXISTS (SELECT 1 FROM cards WHERE deck = ?1 AND card = ?3))
             ON CONFLICT (deck, position) DO UPDATE SET
                 card = excluded.card, data = excluded.data, tags = excluded.tags,
                 reviewed = excluded.reviewed",
        )?;
        // A card's row in `cards` says where the index holds it (migration 6). The card
        // whose place this was loses it, until it is written at its new one. (Triggers on
        // deck_cards would do this too, at a statement journal written to a temporary file
        // for every card of a deck indexed.)
        let mut unplace = self.tx.prepare_cached(
            "UPDATE cards SET position = NULL WHERE deck = ?1 AND position = ?2
                 AND card = (SELECT card FROM deck_cards WHERE deck = ?1 AND position = ?2)",
        )?;
        let mut place = self
            .tx
            .prepare_cached("UPDATE cards SET position = ?2 WHERE deck = ?1 AND card = ?3")?;
        for (offset, row) in self.pending.iter().enumerate() {
            if !same[offset] {
                let position = self.written + offset as u32;
                if self.places {
                    unplace.execute(params![self.deck, position])?;
                }
                moved.execute(params![self.deck, row.card, position])?;
                write.execute(params![self.deck, position, row.card, row.data, row.tags])?;
                if self.places {
                    place.execute(params![self.deck, position, row.card])?;
                }
            }
        }
        Ok(())
    }
}

impl CardSink for DeckIndexer<'_> {
    fn card(&mut self, card: Card) {
        let mut row = self.spare.pop().unwrap_or_default();
        let position = self.written + self.pending.len() as u32;
        let head = self
            .head
            .as_ref()
            .map(|(at, head)| (position.saturating_sub(*at), head));
        if encode(&card, head, &mut row.data) {
            self.head = Some((position, card.clone()));
        }
        row.card = card.id.0;
        row.tags.clear();
        match card.tags.is_empty() {
            // Most cards have no tags: no new text for each.
            true => row.tags.push_str("[]"),
            false => row.tags = serde_json::to_string(&card.tags[..]).unwrap_or_default(),
        }
        self.pending.push(row);
        if self.pending.len() == BATCH {
            self.flush();
        }
    }

    fn restart(&mut self) {
        // The old rows are compared again from the start; those past the end go in `finish`.
        // A first indexing wrote every row there is: they go, so it stays a first one.
        if self.fresh && self.error.is_none() {
            let cleared = self
                .tx
                .execute("DELETE FROM deck_cards WHERE deck = ?1", params![self.deck])
                .map_err(StoreError::from)
                .and_then(|_| match self.places {
                    true => unplace_all(&self.tx, &self.deck),
                    false => Ok(()),
                });
            if let Err(error) = cleared {
                self.error = Some(error);
            }
        }
        self.pending.clear();
        self.written = 0;
        self.head = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Kind;

    fn text_card(id: &str, answer: &str) -> Card {
        Card {
            id: CardId(id.into()),
            kind: Kind::Text,
            question: format!("{id}?").into(),
            expected: Expected::Text {
                answer: answer.into(),
                accept: Vec::new().into(),
            },
            explain: None,
            hint: None,
            tags: Arc::default(),
            line: 1,
            implicit_id: false,
            strictness: Default::default(),
        }
    }

    fn all(store: &Store, deck: &DeckId) -> Result<Vec<Card>> {
        let mut cards = Vec::new();
        store.each_indexed_card(deck, &[], &mut |card, _| cards.push(card))?;
        Ok(cards)
    }

    #[test]
    fn a_restarted_index_holds_only_the_cards_after_the_restart() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let mut indexer = store.index_deck(&deck).unwrap();
        for id in ["a", "b", "c"] {
            indexer.card(text_card(id, "1"));
        }
        indexer.restart();
        indexer.card(text_card("c", "2"));
        indexer.card(text_card("a", "2"));
        indexer.finish("k", None).unwrap();
        assert_eq!(
            all(&store, &deck).unwrap(),
            [text_card("c", "2"), text_card("a", "2")]
        );
        // Unfinished, nothing changes.
        let mut indexer = store.index_deck(&deck).unwrap();
        indexer.card(text_card("z", "3"));
        drop(indexer);
        assert_eq!(all(&store, &deck).unwrap().len(), 2);
        assert_eq!(store.deck_index_entry(&deck).unwrap().unwrap().key, "k");
    }

    #[test]
    fn a_damaged_index_is_an_error_and_is_dropped_to_be_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let mut indexer = store.index_deck(&deck).unwrap();
        indexer.card(text_card("a", "1"));
        indexer.finish("k", None).unwrap();
        store
            .conn
            .execute("UPDATE deck_cards SET data = x'ff'", [])
            .unwrap();
        assert!(matches!(all(&store, &deck), Err(StoreError::DamagedIndex(d)) if d == "d"));
        assert_eq!(store.deck_index_entry(&deck).unwrap(), None);
    }

    #[test]
    fn the_due_days_count_what_a_scan_of_the_due_cards_counts() {
        use rand::{RngExt as _, SeedableRng as _};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let mut indexer = store.index_deck(&deck).unwrap();
        for id in 0..300 {
            indexer.card(text_card(&format!("c{id}"), "1"));
        }
        indexer.finish("k", None).unwrap();
        // Some suspended, one of them never reviewed, one not in the deck at all.
        for card in ["c1", "c2", "c3", "c250", "gone"] {
            store
                .conn
                .execute(
                    "INSERT INTO suspended (deck, card, suspended_at) VALUES ('d', ?1, 0)",
                    params![card],
                )
                .unwrap();
        }
        let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(8);
        let day = DAY_MS;
        // Around the epoch (where division towards zero puts two days' cards in day 0) and
        // around a real instant, on and off the days' edges.
        let due = |rng: &mut rand::rngs::Xoshiro256PlusPlus| {
            let base = [0, 20_000 * day][rng.random_range(0..2)];
            base + rng.random_range(-5..5) * day + [0, 1, -1, 3_600_000][rng.random_range(0..4)]
        };
        let upsert = "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
             VALUES ('d', ?1, 2.5, 5.0, ?2, 0, 1, 0, 0)
             ON CONFLICT (deck, card) DO UPDATE SET due = excluded.due";
        for step in 0..600 {
            let card = format!("c{}", rng.random_range(0..300));
            if step % 7 == 6 {
                store
                    .conn
                    .execute("DELETE FROM cards WHERE card = ?1", params![card])
                    .unwrap();
            } else {
                let due = due(&mut rng);
                store.conn.execute(upsert, params![card, due]).unwrap();
            }
            if step % 50 == 0 {
                assert!(store.all_placed(&deck).unwrap());
                for _ in 0..20 {
                    let (soon, later) = (due(&mut rng), due(&mut rng));
                    let (soon, later) = (
                        jiff::Timestamp::from_millisecond(soon).unwrap(),
                        jiff::Timestamp::from_millisecond(later).unwrap(),
                    );
                    type Count = fn(
                        &Store,
                        &DeckId,
                        jiff::Timestamp,
                        jiff::Timestamp,
                        bool,
                    ) -> Result<(u64, u64)>;
                    let counts: [(&str, Count); 2] = [
                        ("all", Store::indexed_cards_due_by),
                        ("not suspended", Store::unsuspended_due_by),
                    ];
                    for (which, count) in counts {
                        assert_eq!(
                            count(&store, &deck, soon, later, true).unwrap(),
                            count(&store, &deck, soon, later, false).unwrap(),
                            "{which} due by {soon} and {later} after {step} changes"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn report_queries_count_only_the_cards_in_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let mut indexer = store.index_deck(&deck).unwrap();
        for id in ["a", "b", "c"] {
            indexer.card(text_card(id, "1"));
        }
        indexer.finish("k", None).unwrap();
        // a is due at 1000 with 9 lapses, b at 5000 with none; `gone` left the deck.
        for (card, due, lapses) in [("a", 1000, 9), ("b", 5000, 0), ("gone", 10, 9)] {
            store
                .conn
                .execute(
                    "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
                     VALUES ('d', ?1, 2.5, 5.0, ?2, 0, 1, ?3, 0)",
                    params![card, due, lapses],
                )
                .unwrap();
        }
        let at = |ms| jiff::Timestamp::from_millisecond(ms).unwrap();
        let figures = |store: &Store, all_indexed| {
            let mut states: Vec<String> = Vec::new();
            store
                .each_indexed_card_state(&deck, all_indexed, &mut |card, state| {
                    states.push(format!("{card} {}", state.due.as_millisecond()));
                })
                .unwrap();
            states.sort();
            (
                states,
                store
                    .indexed_cards_due_by(&deck, at(1000), at(4999), all_indexed)
                    .unwrap(),
                store.indexed_cards_lapsed(&deck, 8, all_indexed).unwrap(),
            )
        };
        let expected = (vec!["a 1000".to_string(), "b 5000".to_string()], (1, 1), 1);
        assert_eq!(store.indexed_card_count(&deck).unwrap(), 3);
        assert_eq!(store.new_indexed_card_count(&deck).unwrap(), 1);
        assert!(!store.progress_all_indexed(&deck, 3).unwrap());
        assert_eq!(figures(&store, false), expected);
        store
            .conn
            .execute("DELETE FROM cards WHERE card = 'gone'", [])
            .unwrap();
        assert!(store.progress_all_indexed(&deck, 3).unwrap());
        assert_eq!(figures(&store, true), expected);
        assert_eq!(figures(&store, false), expected);

        let question = |card: &str| store.indexed_question(&deck, &CardId(card.into())).unwrap();
        assert_eq!(question("b").as_deref(), Some("b?"));
        assert_eq!(question("gone"), None);
    }

    fn deck_cards_indexes(store: &Store) -> Vec<(String, String)> {
        store
            .conn
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'deck_cards' AND sql IS NOT NULL
                 ORDER BY name",
            )
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_big_first_indexing_builds_the_index_by_card_at_the_end_and_keeps_it_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let indexes = deck_cards_indexes(&store);
        assert_eq!(indexes.len(), 2, "{indexes:?}");
        // A small deck first: the big one has more cards than the index holds.
        index(&mut store, &[text_card("x", "1")]);
        let big = DeckId("big".into());
        let ids: Vec<String> = (0..BULK * 2 + 7)
            .map(|i| format!("k{}", i * 7919 % 10007))
            .collect();
        // Dropped unfinished (a deck with an error), past the point the indexes go: they
        // are all back, and the deck has no rows.
        let mut indexer = store.index_deck(&big).unwrap();
        for id in &ids {
            indexer.card(text_card(id, "1"));
        }
        // Only the index by card goes: the new cards' is appended to as the rows are.
        assert_eq!(live_indexes(&indexer), 1);
        drop(indexer);
        assert_eq!(deck_cards_indexes(&store), indexes);
        assert_eq!(store.indexed_card_count(&big).unwrap(), 0);
        // Read again from the start part way (the file parsed whole), then finished.
        let mut indexer = store.index_deck(&big).unwrap();
        for id in &ids[..BULK + 100] {
            indexer.card(text_card(id, "0"));
        }
        indexer.restart();
        for id in &ids {
            indexer.card(text_card(id, "2"));
        }
        indexer.finish("k", None).unwrap();
        assert_eq!(deck_cards_indexes(&store), indexes);
        let cards = all(&store, &big).unwrap();
        let expected: Vec<Card> = ids.iter().map(|id| text_card(id, "2")).collect();
        assert_eq!(cards, expected);
        // The indexes hold every card: a new card is found in file order, a card by its id.
        assert_eq!(
            store.new_indexed_cards(&big, &[], None, Some(2)).unwrap(),
            [(0, CardId(ids[0].clone())), (1, CardId(ids[1].clone()))]
        );
        let last = ids.last().unwrap();
        assert_eq!(
            store
                .indexed_question(&big, &CardId(last.clone()))
                .unwrap()
                .as_deref(),
            Some(format!("{last}?").as_str())
        );
        // And the unique one holds: the same id twice in a deck is refused.
        let duplicate = store.conn.execute(
            "INSERT INTO deck_cards (deck, position, card, data, tags, reviewed)
             VALUES ('big', 999999, ?1, x'00', '[]', 0)",
            params![ids[3]],
        );
        assert!(duplicate.is_err());
        // Indexed again, the deck is compared with its rows, and keeps its indexes.
        let mut edited = expected.clone();
        edited[5] = text_card(&ids[5], "edited");
        index_as(&mut store, &big, &edited);
        assert_eq!(all(&store, &big).unwrap(), edited);
        assert_eq!(deck_cards_indexes(&store), indexes);
    }

    #[test]
    fn a_first_indexing_of_a_deck_with_progress_marks_and_places_its_reviewed_cards() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        // Progress before any index (a history imported first), for cards on either side
        // of a statement's rows, one of them past the last full statement; `gone` is not
        // in the deck.
        let count = INSERT_ROWS * 2 + 3;
        let reviewed = [0, INSERT_ROWS - 1, INSERT_ROWS, count - 1];
        for card in reviewed
            .iter()
            .map(|i| format!("c{i}"))
            .chain(["gone".to_string()])
        {
            store
                .conn
                .execute(
                    "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
                     VALUES ('d', ?1, 2.5, 5.0, 0, 0, 1, 0, 0)",
                    params![card],
                )
                .unwrap();
        }
        let deck = DeckId("d".into());
        let cards: Vec<Card> = (0..count)
            .map(|i| text_card(&format!("c{i}"), "1"))
            .collect();
        index_as(&mut store, &deck, &cards);
        assert_eq!(all(&store, &deck).unwrap(), cards);
        assert_eq!(
            store.new_indexed_card_count(&deck).unwrap(),
            (count - reviewed.len()) as u64
        );
        let marked: Vec<u32> = store
            .conn
            .prepare("SELECT position FROM deck_cards WHERE deck = 'd' AND reviewed = 1 ORDER BY position")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let expected: Vec<u32> = reviewed.iter().map(|&i| i as u32).collect();
        assert_eq!(marked, expected);
        let placed: Vec<(String, Option<u32>)> = store
            .conn
            .prepare("SELECT card, position FROM cards WHERE deck = 'd' ORDER BY position, card")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut expected: Vec<(String, Option<u32>)> = vec![("gone".into(), None)];
        expected.extend(reviewed.iter().map(|&i| (format!("c{i}"), Some(i as u32))));
        assert_eq!(placed, expected);
        // And without progress, no card is reviewed.
        let other = DeckId("e".into());
        index_as(&mut store, &other, &cards);
        assert_eq!(store.new_indexed_card_count(&other).unwrap(), count as u64);
    }

    #[test]
    fn a_first_indexing_smaller_than_the_rest_of_the_index_keeps_its_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let indexes = deck_cards_indexes(&store);
        let many: Vec<Card> = (0..BULK * 2)
            .map(|i| text_card(&format!("a{i}"), "1"))
            .collect();
        index_as(&mut store, &DeckId("a".into()), &many);
        let mut indexer = store.index_deck(&DeckId("b".into())).unwrap();
        for i in 0..BULK + 600 {
            indexer.card(text_card(&format!("b{i}"), "1"));
        }
        // Mid-way, the indexes are still there.
        assert_eq!(live_indexes(&indexer), 2);
        indexer.finish("k", None).unwrap();
        assert_eq!(deck_cards_indexes(&store), indexes);
        assert_eq!(
            store.indexed_card_count(&DeckId("b".into())).unwrap(),
            (BULK + 600) as u64
        );
    }

    /// The indexes of `deck_cards` as the indexer's own transaction sees them.
    fn live_indexes(indexer: &DeckIndexer<'_>) -> i64 {
        indexer
            .tx
            .query_row(
                "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index'
                     AND tbl_name = 'deck_cards' AND sql IS NOT NULL",
                [],
                |row| row.get(0),
            )
            .unwrap()
    }

    fn index_as(store: &mut Store, deck: &DeckId, cards: &[Card]) {
        let mut indexer = store.index_deck(deck).unwrap();
        for card in cards {
            indexer.card(card.clone());
        }
        indexer.finish("k", None).unwrap();
    }

    /// The cards of a deck file as the parser gives them (a cloze's cards share its text).
    fn parsed(source: &str) -> Vec<Card> {
        let parsed = crate::deck::parse::parse_deck(
            DeckId("d".into()),
            source,
            crate::deck::Origin::Bundled,
        );
        parsed.deck.expect("the deck loads").cards
    }

    fn index(store: &mut Store, cards: &[Card]) {
        let mut indexer = store.index_deck(&DeckId("d".into())).unwrap();
        for card in cards {
            indexer.card(card.clone());
        }
        indexer.finish("k", None).unwrap();
    }

    /// Whether the cloze cards among `cards` share one text, explanation and tag list.
    fn shared_text(cards: &[Card]) -> bool {
        let clozes: Vec<_> = cards
            .iter()
            .filter_map(|card| match &card.question {
                Question::Gap { cloze, .. } => Some((cloze, card)),
                Question::Text(_) => None,
            })
            .collect();
        clozes.windows(2).all(|pair| {
            let [(a, first), (b, second)] = pair else {
                return false;
            };
            let explain = |card: &Card| card.explain.clone().unwrap_or_default();
            let accept = |card: &Card| match &card.expected {
                Expected::Text { accept, .. } => Arc::clone(accept),
                _ => Arc::default(),
            };
            Arc::ptr_eq(a, b)
                && Arc::ptr_eq(&accept(first), &accept(second))
                && Arc::ptr_eq(&explain(first), &explain(second))
                && Arc::ptr_eq(&first.tags, &second.tags)
        })
    }

    const CLOZES: &str = r#"tags = ["deck"]

[[cards]]
id = "t"
question = "Q?"
answer = "A"

[[cards]]
id = "thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}, «in {{Moscow}}»."
explain = "Why."
hint = "A season."
accept = ["thaw"]
"#;

    #[test]
    fn cloze_cards_come_back_from_the_index_as_they_went_in_sharing_their_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        let cards = parsed(CLOZES);
        assert!(shared_text(&cards[1..]));
        assert_eq!(cards[1].tags[..], ["deck"]);
        index(&mut store, &cards);
        let read = all(&store, &deck).unwrap();
        assert_eq!(read, cards);
        assert!(shared_text(&read[1..]));
        // Cards read one at a time, in any order, through one set of heads share it too.
        let mut heads = ClozeHeads::all();
        let mut one_by_one = Vec::new();
        for position in [3, 1, 0, 2] {
            let (card, _) = store
                .indexed_card_at(&deck, position, &mut heads)
                .unwrap()
                .unwrap();
            assert_eq!(card, cards[position as usize]);
            one_by_one.push(card);
        }
        assert!(shared_text(&one_by_one));
        let question = store
            .indexed_question(&deck, &CardId("thaw#3".into()))
            .unwrap();
        assert_eq!(
            question.as_deref(),
            Some("The speech began the Khrushchev Thaw in 1956, «in [...]».")
        );
        assert_eq!(
            store.indexed_answers(&deck).unwrap(),
            ["A", "Khrushchev Thaw", "1956", "Moscow"]
        );
        // The later gaps' rows are a few bytes: the text is in the first gap's row alone.
        let sizes: Vec<i64> = store
            .conn
            .prepare("SELECT length(data) FROM deck_cards ORDER BY position")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(sizes[1] > 80 && sizes[2] < 12 && sizes[3] < 12, "{sizes:?}");
    }

    #[test]
    fn an_edited_cloze_is_read_back_edited_wherever_its_cards_moved() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let deck = DeckId("d".into());
        index(&mut store, &parsed(CLOZES));
        // The text changes (its later gaps' rows stay the same bytes), then a card before
        // it moves every row of the cloze.
        let edited = CLOZES.replace("The speech began", "It began");
        for source in [
            edited.clone(),
            format!("[[cards]]\nid = \"new\"\nquestion = \"N?\"\nanswer = \"N\"\n{edited}"),
            CLOZES.replace("{{Moscow}}", "Moscow"),
        ] {
            let cards = parsed(&source);
            index(&mut store, &cards);
            assert_eq!(all(&store, &deck).unwrap(), cards);
        }
    }
}
