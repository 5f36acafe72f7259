//! A `quiz start` session's cards in the order they are asked, read a page at a time: the
//! due cards of every deck merged least likely remembered first (each deck's in the store's
//! order, see `store::deck_index::due`), then the new cards. Only the counts are read up
//! front, so the first question waits for one page, not for every due card.
//!
//! Each page of due cards still goes through `queue::order`, the one rule for what is asked
//! first. Siblings keep `queue::order`'s rounds: a due card whose note has had its turn (a
//! sibling asked earlier today or handed out before it) is held back, and once the due
//! cards first in their note are out, the held-back ones and the new cards (at most a
//! day's worth per deck, or only their places when shuffled) are put in order by it at
//! once, exactly as over every card.

use std::collections::{HashSet, VecDeque};

use jiff::Timestamp;

use super::{Item, NEW_PAGE, Notes};
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
    decks: &'a [DeckId],
    due: Vec<DueStream<'a>>,
    tags: Vec<String>,
    plan: Plan,
    now: Timestamp,
    page: usize,
    notes: Notes,
    /// The notes that have had their turn: of the cards reviewed earlier today, then of the
    /// due cards handed out.
    turned: HashSet<usize>,
    /// The due cards held back as a note's second (with their deck number and note).
    held: Vec<(usize, usize, Item<'a>)>,
    /// The cards after the due cards first in their note, once put in order.
    rest: Option<VecDeque<Rest<'a>>>,
    new_heads: ClozeHeads,
    /// The note of each card handed out, in order.
    handed_notes: Vec<usize>,
    /// Cards in the whole session, and how many were handed out.
    total: usize,
    handed: usize,
    /// Due cards in the whole session (before its limit), and how many were handed out.
    due_total: usize,
    due_handed: usize,
}

/// A card of the session's rest: held back due, or new (its deck and place).
enum Rest<'a> {
    Held(Box<Item<'a>>, usize),
    New(&'a DeckId, u32, usize),
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
        let mut notes = Notes::default();
        let mut turned = HashSet::new();
        for (number, deck) in decks.iter().enumerate() {
            for card in store.cards_reviewed_since(deck, plan.day_start)? {
                turned.insert(notes.of(number, &card));
            }
        }
        // How many new cards each deck gives: as many as it has, up to what is left of its
        // allowance (which cards, the due cards' notes decide later).
        let mut new_total = 0;
        for number in 0..decks.len() {
            let read = read_new(decks, number, tags, store, plan, &turned, &mut notes)?;
            new_total += read.len().min(allowance(plan, number));
        }
        let total = (due_total + new_total).min(plan.limit.unwrap_or(usize::MAX));
        Ok(Pages {
            decks,
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
            plan: plan.clone(),
            now,
            page: page.max(1),
            notes,
            turned,
            held: Vec::new(),
            rest: None,
            new_heads: ClozeHeads::all(),
            handed_notes: Vec::new(),
            total,
            handed: 0,
            due_total,
            due_handed: 0,
        })
    }

    /// How many of the cards not handed out yet are due, and how many are new: the due
    /// ones come first, up to the session's limit.
    pub(crate) fn unread(&self) -> (usize, usize) {
        let left = self.total - self.handed;
        let due = self.due_total.saturating_sub(self.due_handed).min(left);
        (due, left - due)
    }

    /// The note of each card handed out so far, in order (siblings share one).
    pub(crate) fn handed_notes(&self) -> &[usize] {
        &self.handed_notes
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
        while self.rest.is_none() && due.len() < want {
            match self.next_due(store)? {
                Some((number, deck, card)) => {
                    let note = self.notes.of(number, &card.card.id);
                    if self.turned.contains(&note) {
                        let item = Item {
                            deck,
                            card: card.card,
                            state: Some(card.state),
                        };
                        self.held.push((number, note, item));
                    } else {
                        self.turned.insert(note);
                        due.push((number, note, deck, card));
                    }
                }
                None => self.rest = Some(self.order_rest(store, scheduler)?),
            }
        }
        let candidates: Vec<Candidate> = due
            .iter()
            .enumerate()
            .map(|(index, (number, note, _, card))| Candidate {
                index,
                due: Some(card.state.due),
                retrievability: scheduler.retrievability_at(&card.state, self.now),
                deck: *number,
                note: *note,
            })
            .collect();
        let due_only = Plan {
            new_limit: 0,
            new_seen_today: Vec::new(),
            limit: None,
            shuffle: None,
            ..self.plan.clone()
        };
        let mut due: Vec<Option<_>> = due.into_iter().map(Some).collect();
        let mut items = Vec::with_capacity(want);
        for index in queue::order(&candidates, &due_only, &HashSet::new()) {
            if let Some((_, note, deck, card)) = due.get_mut(index).and_then(Option::take) {
                self.handed_notes.push(note);
                self.due_handed += 1;
                items.push(Item {
                    deck,
                    card: card.card,
                    state: Some(card.state),
                });
            }
        }
        while items.len() < want {
            let Some(next) = self.rest.as_mut().and_then(VecDeque::pop_front) else {
                break;
            };
            let (item, note) = match next {
                Rest::Held(item, note) => {
                    self.due_handed += 1;
                    (*item, note)
                }
                Rest::New(deck, position, note) => {
                    let (card, state) = store
                        .indexed_card_at(deck, position, &mut self.new_heads)?
                        .ok_or_else(changed)?;
                    (Item { deck, card, state }, note)
                }
            };
            self.handed_notes.push(note);
            items.push(item);
        }
        if items.len() < want {
            return Err(changed());
        }
        super::add_learner_accepts(&mut items, store)?;
        self.handed += items.len();
        Ok(items)
    }

    /// The cards after the due cards first in their note, in `queue::order`'s order: the
    /// due cards held back and the new cards, each deck's read as far as its allowance of
    /// cards first in their note needs (see [`queue::FirstRound`]).
    fn order_rest(
        &mut self,
        store: &Store,
        scheduler: &Scheduler,
    ) -> anyhow::Result<VecDeque<Rest<'a>>> {
        let mut candidates = Vec::new();
        let mut rest = Vec::new();
        for (number, note, item) in std::mem::take(&mut self.held) {
            let state = item.state.ok_or_else(changed)?;
            candidates.push(Candidate {
                index: candidates.len(),
                due: Some(state.due),
                retrievability: scheduler.retrievability_at(&state, self.now),
                deck: number,
                note,
            });
            rest.push(Some(Rest::Held(Box::new(item), note)));
        }
        for number in 0..self.decks.len() {
            let read = read_new(
                self.decks,
                number,
                &self.tags,
                store,
                &self.plan,
                &self.turned,
                &mut self.notes,
            )?;
            for (position, note) in read {
                candidates.push(Candidate {
                    index: candidates.len(),
                    due: None,
                    retrievability: 0.0,
                    deck: number,
                    note,
                });
                rest.push(Some(Rest::New(&self.decks[number], position, note)));
            }
        }
        let plan = Plan {
            limit: None,
            ..self.plan.clone()
        };
        Ok(queue::order(&candidates, &plan, &self.turned)
            .into_iter()
            .filter_map(|index| rest.get_mut(index).and_then(Option::take))
            .collect())
    }

    /// The next due card of any deck: the least likely remembered, ties in deck order.
    fn next_due(&mut self, store: &Store) -> anyhow::Result<Option<(usize, &'a DeckId, DueCard)>> {
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
            Some((index, stream.deck, card))
        }))
    }
}

/// What is left of deck `number`'s allowance of new cards today.
fn allowance(plan: &Plan, number: usize) -> usize {
    let seen = plan.new_seen_today.get(number).copied().unwrap_or(0);
    plan.new_limit.saturating_sub(seen)
}

/// The places and notes of deck `number`'s new cards a session may take, in file order:
/// page by page until its allowance of cards first in their note (not among `turned`) is
/// reached, or, to shuffle, all of them.
fn read_new(
    decks: &[DeckId],
    number: usize,
    tags: &[String],
    store: &Store,
    plan: &Plan,
    turned: &HashSet<usize>,
    notes: &mut Notes,
) -> anyhow::Result<Vec<(u32, usize)>> {
    let deck = &decks[number];
    let wanted = match plan.shuffle {
        Some(_) => None,
        None => Some(allowance(plan, number)),
    };
    let mut read: Vec<(u32, usize)> = Vec::new();
    if wanted == Some(0) {
        return Ok(read);
    }
    let page = wanted.map(|w| w.max(NEW_PAGE));
    let mut first_round = queue::FirstRound::new(turned);
    loop {
        let after = read.last().map(|&(position, _)| position);
        let cards = store.new_indexed_cards(deck, tags, after, page)?;
        let last_page = page.is_none_or(|page| cards.len() < page);
        for (position, id) in cards {
            let note = notes.of(number, &id);
            first_round.add(note);
            read.push((position, note));
        }
        if last_page || wanted.is_some_and(|w| first_round.count >= w) {
            return Ok(read);
        }
    }
}

fn changed() -> anyhow::Error {
    anyhow::anyhow!("the deck index changed during the session")
}
