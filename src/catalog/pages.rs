//! A `quiz start` session's cards in the order they are asked, read a page at a time: the
//! due cards of every deck merged least likely remembered first (each deck's in the store's
//! order, see `store::deck_index::due`), then the new cards. Only the counts are read up
//! front, so the first question waits for one page, not for every due card.
//!
//! Each page of due cards still goes through `queue::order`, the one rule for what is asked
//! first; the new cards are put in order by it once, at the start (there are at most a
//! day's worth, or only their places when shuffled).

use std::collections::{HashSet, VecDeque};

use jiff::Timestamp;

use super::Item;
use crate::deck::DeckId;
use crate::schedule::Scheduler;
use crate::session::queue::{self, Candidate, Plan};
use crate::store::Store;
use crate::store::deck_index::{ClozeHeads, DueCard, DueCursor};

/// Cards read at a time.
pub(crate) const PAGE: usize = 64;

/// One deck's due cards not handed out yet.
struct DueStream<'a> {
    deck: &'a DeckId,
    read: VecDeque<DueCard>,
    /// Where the next read starts; `None` before the first.
    cursor: Option<DueCursor>,
    /// The store has no more.
    done: bool,
    /// The places of the cards handed out: an answer moves a card later in the order, and
    /// a wrong one keeps it due, so a later page can read it again.
    handed: HashSet<u32>,
}

/// The rest of a session's cards, in the order they are asked.
pub(crate) struct Pages<'a> {
    due: Vec<DueStream<'a>>,
    tags: Vec<String>,
    plan: Plan,
    now: Timestamp,
    page: usize,
    /// The new cards in the order they are asked, and how many were handed out.
    new: Vec<(&'a DeckId, u32)>,
    new_taken: usize,
    new_heads: ClozeHeads,
    /// Cards in the whole session, and how many were handed out.
    total: usize,
    handed: usize,
}

impl<'a> Pages<'a> {
    /// The session over `decks` (their cards carrying any of `tags`; all when empty) that
    /// `plan` makes at `now`, reading `page` cards at a time.
    pub(crate) fn new(
        decks: &'a [DeckId],
        tags: &[String],
        store: &Store,
        now: Timestamp,
        plan: &Plan,
        page: usize,
    ) -> anyhow::Result<Pages<'a>> {
        let mut due_total = 0;
        for deck in decks {
            due_total += store.due_indexed_count(deck, plan.due_before, tags)?;
        }
        let mut wanted = match plan.shuffle {
            Some(_) => None,
            None => Some(plan.new_limit.saturating_sub(plan.new_seen_today)),
        };
        let mut new = Vec::new();
        for deck in decks {
            if wanted == Some(0) {
                break;
            }
            let positions = store.new_indexed_positions(deck, tags, wanted)?;
            wanted = wanted.map(|w| w.saturating_sub(positions.len()));
            new.extend(positions.into_iter().map(|position| (deck, position)));
        }
        let candidates: Vec<Candidate> = (0..new.len())
            .map(|index| Candidate {
                index,
                due: None,
                retrievability: 0.0,
            })
            .collect();
        let no_limit = Plan {
            limit: None,
            ..*plan
        };
        let new = queue::order(&candidates, &no_limit)
            .into_iter()
            .map(|index| new[index])
            .collect::<Vec<_>>();
        let total = (due_total + new.len()).min(plan.limit.unwrap_or(usize::MAX));
        Ok(Pages {
            due: decks
                .iter()
                .map(|deck| DueStream {
                    deck,
                    read: VecDeque::new(),
                    cursor: None,
                    done: false,
                    handed: HashSet::new(),
                })
                .collect(),
            tags: tags.to_vec(),
            plan: *plan,
            now,
            page: page.max(1),
            new,
            new_taken: 0,
            new_heads: ClozeHeads::all(),
            total,
            handed: 0,
        })
    }

    /// How many cards the session has.
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// The next cards in the order they are asked (empty when all were handed out), with
    /// the answers the learner accepts for them.
    pub(crate) fn next_page(
        &mut self,
        store: &Store,
        scheduler: &Scheduler,
    ) -> anyhow::Result<Vec<Item<'a>>> {
        let want = self.page.min(self.total - self.handed);
        let mut due = Vec::with_capacity(want);
        while due.len() < want {
            match self.next_due(store)? {
                Some(card) => due.push(card),
                None => break,
            }
        }
        let candidates: Vec<Candidate> = due
            .iter()
            .enumerate()
            .map(|(index, (_, card))| Candidate {
                index,
                due: Some(card.state.due),
                retrievability: scheduler.retrievability_at(&card.state, self.now),
            })
            .collect();
        let due_only = Plan {
            new_limit: 0,
            new_seen_today: 0,
            limit: None,
            shuffle: None,
            ..self.plan
        };
        let mut due: Vec<Option<(&'a DeckId, DueCard)>> = due.into_iter().map(Some).collect();
        let mut items = Vec::with_capacity(want);
        for index in queue::order(&candidates, &due_only) {
            if let Some((deck, card)) = due.get_mut(index).and_then(Option::take) {
                items.push(Item {
                    deck,
                    card: card.card,
                    state: Some(card.state),
                });
            }
        }
        while items.len() < want {
            let Some(&(deck, position)) = self.new.get(self.new_taken) else {
                break;
            };
            self.new_taken += 1;
            let (card, state) = store
                .indexed_card_at(deck, position, &mut self.new_heads)?
                .ok_or_else(changed)?;
            items.push(Item { deck, card, state });
        }
        if items.len() < want {
            return Err(changed());
        }
        super::add_learner_accepts(&mut items, store)?;
        self.handed += items.len();
        Ok(items)
    }

    /// The next due card of any deck: the least likely remembered, ties in deck order.
    fn next_due(&mut self, store: &Store) -> anyhow::Result<Option<(&'a DeckId, DueCard)>> {
        let mut best: Option<usize> = None;
        for index in 0..self.due.len() {
            let stream = &mut self.due[index];
            loop {
                while let Some(head) = stream.read.front()
                    && stream.handed.contains(&head.cursor.position)
                {
                    stream.read.pop_front();
                }
                if !stream.read.is_empty() || stream.done {
                    break;
                }
                let page = store.due_indexed_page(
                    stream.deck,
                    self.plan.due_before,
                    self.now,
                    &self.tags,
                    stream.cursor,
                    self.page,
                )?;
                stream.done = page.len() < self.page;
                stream.cursor = page.last().map(|card| card.cursor).or(stream.cursor);
                stream.read.extend(page);
            }
            let Some(head) = stream.read.front() else {
                continue;
            };
            let forgetting = head.cursor.forgetting;
            if best.is_none_or(|best| {
                self.due[best]
                    .read
                    .front()
                    .is_none_or(|other| forgetting > other.cursor.forgetting)
            }) {
                best = Some(index);
            }
        }
        Ok(best.and_then(|index| {
            let stream = &mut self.due[index];
            let card = stream.read.pop_front()?;
            stream.handed.insert(card.cursor.position);
            Some((stream.deck, card))
        }))
    }
}

fn changed() -> anyhow::Error {
    anyhow::anyhow!("the deck index changed during the session")
}
