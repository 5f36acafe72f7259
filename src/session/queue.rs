//! The study queue: which card to ask next and what an answer does to the queue.
//!
//! Pure logic over plain data — no terminal, no database, no clock — so the ordering rules
//! (due first, least remembered first, new cards up to each deck's daily limit and taken
//! from the decks in turn, siblings apart, misses coming back) are unit-tested exactly.
//!
//! Siblings are the cards of one note: the gaps of one cloze, a card and its reverse. Seeing
//! one gives the others away, so a session asks a note's second card only after every card
//! whose note it has not asked yet (its "round": how many of its siblings come before it),
//! and the daily limit of new cards takes first-round cards first: a note's other new
//! cards are left to the next day when the session has enough other cards.

use std::collections::{HashMap, HashSet, VecDeque};

use jiff::Timestamp;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

/// What the queue needs to know about one card. `index` is the caller's handle for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    pub index: usize,
    /// `None` for a card never reviewed.
    pub due: Option<Timestamp>,
    /// Probability of recall now (ignored for new cards).
    pub retrievability: f32,
    /// The session's deck it belongs to, counted from 0: each deck has its own allowance of
    /// new cards.
    pub deck: usize,
    /// Its note: siblings share one (see the top of this file); every other card has its own.
    pub note: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    /// Cards due before this instant (the start of the learner's next day) are due today.
    pub due_before: Timestamp,
    /// The start of the learner's day: a card reviewed since then has had its turn, so its
    /// siblings count as a note's second cards (see [`order`]'s `earlier`).
    pub day_start: Timestamp,
    /// New cards a day, in each deck.
    pub new_limit: usize,
    /// New cards already introduced today in each deck (by [`Candidate::deck`]; a deck
    /// past the end has none): they count against its limit.
    pub new_seen_today: Vec<usize>,
    /// At most this many cards in the session.
    pub limit: Option<usize>,
    /// Shuffle the new cards with this seed; file order otherwise.
    pub shuffle: Option<u64>,
}

/// The order in which to ask cards: due cards first, lowest retrievability first, then new
/// cards up to what is left of each deck's allowance for today, taken from the decks in turn,
/// each deck's in file order (or shuffled); siblings after every card of a note not asked
/// yet, and never two of one note back to back while another card can go between.
///
/// `earlier` are the notes of the cards reviewed since the day began ([`Plan::day_start`]):
/// their cards come as a note's second. A deck's new cards may come in file order from its
/// first new card up to any point past its allowance of first-round cards: the cards after
/// those play no part (see [`FirstRound`]).
pub(crate) fn order(candidates: &[Candidate], plan: &Plan, earlier: &HashSet<usize>) -> Vec<usize> {
    let mut due: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.due.is_some_and(|due| due < plan.due_before))
        .collect();
    // Stable sort: ties keep file order, so the order is reproducible.
    due.sort_by(|a, b| a.retrievability.total_cmp(&b.retrievability));
    let mut new: Vec<&Candidate> = candidates.iter().filter(|c| c.due.is_none()).collect();
    if let Some(seed) = plan.shuffle {
        new.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    }
    let mut rounds = Rounds(earlier.iter().map(|&note| (note, 1)).collect());
    let mut asked: Vec<Slot> = due
        .into_iter()
        .map(|c| Slot::of(c, rounds.next(c.note)))
        .collect();
    // Each deck's new cards, first round first, up to its allowance.
    let mut decks: Vec<Vec<Slot>> = Vec::new();
    for card in new {
        if decks.len() <= card.deck {
            decks.resize_with(card.deck + 1, Vec::new);
        }
        decks[card.deck].push(Slot::of(card, rounds.next(card.note)));
    }
    for (deck, cards) in decks.iter_mut().enumerate() {
        cards.sort_by_key(|slot| slot.round);
        let seen = plan.new_seen_today.get(deck).copied().unwrap_or(0);
        cards.truncate(plan.new_limit.saturating_sub(seen));
    }
    asked.extend(interleave(decks));
    let mut order = apart(asked);
    if let Some(limit) = plan.limit {
        order.truncate(limit);
    }
    order
}

/// Cards given in the order they are to be asked (a cram's shuffle, a drill's file order),
/// reordered so that siblings are apart: a note's second card after every card of a note
/// not asked yet, never two of one note back to back while another card can go between.
/// Each item is (the caller's handle, its note).
pub(crate) fn spread(cards: &[(usize, usize)]) -> Vec<usize> {
    let mut rounds = Rounds::default();
    let slots = cards
        .iter()
        .map(|&(index, note)| Slot {
            index,
            note,
            round: rounds.next(note),
        })
        .collect();
    apart(slots)
}

/// Counts how many of a deck's new cards, read in file order, are first in their note (no
/// sibling among the due cards, the cards reviewed earlier today or the new cards before
/// them): enough have been read once they reach the deck's allowance, since `order` takes
/// those before any second card.
pub(crate) struct FirstRound<'a> {
    /// The notes of the session's due cards and of the cards reviewed earlier today.
    due_notes: &'a HashSet<usize>,
    seen: HashSet<usize>,
    pub count: usize,
}

impl<'a> FirstRound<'a> {
    pub(crate) fn new(due_notes: &'a HashSet<usize>) -> FirstRound<'a> {
        FirstRound {
            due_notes,
            seen: HashSet::new(),
            count: 0,
        }
    }

    /// The next new card read is of `note`.
    pub(crate) fn add(&mut self, note: usize) {
        if !self.due_notes.contains(&note) && self.seen.insert(note) {
            self.count += 1;
        }
    }
}

/// A card in the making of an order.
#[derive(Debug, Clone, Copy)]
struct Slot {
    index: usize,
    note: usize,
    /// How many of its siblings come before it.
    round: usize,
}

impl Slot {
    fn of(candidate: &Candidate, round: usize) -> Slot {
        Slot {
            index: candidate.index,
            note: candidate.note,
            round,
        }
    }
}

/// Counts the cards of each note as they are taken.
#[derive(Default)]
struct Rounds(HashMap<usize, usize>);

impl Rounds {
    /// The round of the next card of `note`.
    fn next(&mut self, note: usize) -> usize {
        let count = self.0.entry(note).or_insert(0);
        *count += 1;
        *count - 1
    }
}

/// The decks' cards taken in turn: each deck's first, then each deck's second, and so on.
fn interleave(decks: Vec<Vec<Slot>>) -> Vec<Slot> {
    let mut out = Vec::with_capacity(decks.iter().map(Vec::len).sum());
    let mut decks: Vec<std::vec::IntoIter<Slot>> = decks.into_iter().map(Vec::into_iter).collect();
    loop {
        let before = out.len();
        out.extend(decks.iter_mut().filter_map(Iterator::next));
        if out.len() == before {
            return out;
        }
    }
}

/// `slots` in their order, each round after the one before (a stable sort, so the order
/// within a round stays); within a round every note is once, so two siblings can only meet
/// where one round ends and the next begins, and there the next round's first two swap, or
/// else (a round of one) the ending round's last two.
fn apart(mut slots: Vec<Slot>) -> Vec<usize> {
    slots.sort_by_key(|slot| slot.round);
    for at in 1..slots.len() {
        if slots[at].round == slots[at - 1].round || slots[at].note != slots[at - 1].note {
            continue;
        }
        if slots
            .get(at + 1)
            .is_some_and(|next| next.round == slots[at].round)
        {
            slots.swap(at, at + 1);
        } else if at >= 2
            && slots[at - 2].round == slots[at - 1].round
            && (at < 3 || slots[at - 3].note != slots[at - 1].note)
        {
            slots.swap(at - 2, at - 1);
        }
    }
    slots.into_iter().map(|slot| slot.index).collect()
}

/// How many other cards come between a miss and its next showing.
pub(crate) const RETRY_GAP: std::ops::RangeInclusive<usize> = 3..=5;

/// The live queue of a session.
#[derive(Debug, Clone)]
pub(crate) struct Queue {
    pending: VecDeque<usize>,
    rng: Xoshiro256PlusPlus,
    /// Cards taken out of the session for good (suspended): nothing puts them back.
    dropped: HashSet<usize>,
    /// Each card's note, by the caller's handle; empty when not known.
    notes: Vec<usize>,
}

impl Queue {
    pub(crate) fn new(order: Vec<usize>, seed: u64) -> Queue {
        Queue {
            pending: order.into(),
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            dropped: HashSet::new(),
            notes: Vec::new(),
        }
    }

    /// The note of each card (by the caller's handle), so that a miss comes back where it
    /// is not beside a sibling when [`RETRY_GAP`] leaves such a place.
    pub(crate) fn with_notes(mut self, notes: Vec<usize>) -> Queue {
        self.notes = notes;
        self
    }

    /// Replaces the note of each card (see [`Queue::with_notes`]).
    pub(crate) fn set_notes(&mut self, notes: Vec<usize>) {
        self.notes = notes;
    }

    /// Whether `a` and `b` are siblings.
    fn siblings(&self, a: usize, b: usize) -> bool {
        matches!((self.notes.get(a), self.notes.get(b)), (Some(x), Some(y)) if x == y)
    }

    /// Whether `item` put at `at` in the pending cards would sit beside a sibling.
    fn beside_sibling(&self, item: usize, at: usize) -> bool {
        let before = at.checked_sub(1).and_then(|b| self.pending.get(b));
        let after = self.pending.get(at);
        before
            .into_iter()
            .chain(after)
            .any(|&other| other != item && self.siblings(item, other))
    }

    pub(crate) fn pop(&mut self) -> Option<usize> {
        self.pending.pop_front()
    }

    /// Puts a card back at the front, as when an answer is taken back.
    pub(crate) fn push_front(&mut self, item: usize) {
        if !self.dropped.contains(&item) {
            self.pending.push_front(item);
        }
    }

    /// Takes `item` out of the session for good (the learner suspended it): every showing
    /// still pending goes, and no later miss, override or undo brings it back.
    pub(crate) fn drop_item(&mut self, item: usize) {
        self.pending.retain(|&pending| pending != item);
        self.dropped.insert(item);
    }

    /// Whether `item` was taken out of the session.
    pub(crate) fn dropped(&self, item: usize) -> bool {
        self.dropped.contains(&item)
    }

    pub(crate) fn remaining(&self) -> usize {
        self.pending.len()
    }

    /// The cards still to ask, next first.
    pub(crate) fn pending(&self) -> impl Iterator<Item = usize> + '_ {
        self.pending.iter().copied()
    }

    /// Records the outcome of the card just asked: a miss comes back after 3–5 other cards,
    /// or at the end when fewer remain.
    pub(crate) fn answered(&mut self, item: usize, accepted: bool) {
        if accepted || self.dropped.contains(&item) {
            return;
        }
        let gap = self.rng.random_range(RETRY_GAP);
        let at = gap.min(self.pending.len());
        // The place drawn, else the nearest one in the range not beside a sibling.
        let at = std::iter::once(at)
            .chain(RETRY_GAP.filter(|&g| g != gap))
            .map(|g| g.min(self.pending.len()))
            .find(|&place| !self.beside_sibling(item, place))
            .unwrap_or(at);
        self.pending.insert(at, item);
    }

    /// The learner overrode the verdict on `item` after the next card was taken: undo the
    /// retry a miss scheduled, or schedule one for what is now a miss.
    pub(crate) fn revise(&mut self, item: usize, accepted: bool) {
        if accepted {
            if let Some(at) = self.pending.iter().position(|&i| i == item) {
                self.pending.remove(at);
            }
        } else if !self.pending.contains(&item) {
            self.answered(item, false);
        }
    }

    /// Removes the retry a miss of `item` scheduled (for undo).
    pub(crate) fn forget_retry(&mut self, item: usize) {
        if let Some(at) = self.pending.iter().position(|&i| i == item) {
            self.pending.remove(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).unwrap()
    }

    fn plan() -> Plan {
        Plan {
            due_before: at(1_000),
            day_start: at(0),
            new_limit: 20,
            new_seen_today: Vec::new(),
            limit: None,
            shuffle: None,
        }
    }

    fn due(index: usize, when: i64, retrievability: f32) -> Candidate {
        Candidate {
            index,
            due: Some(at(when)),
            retrievability,
            deck: 0,
            note: index,
        }
    }

    fn new(index: usize) -> Candidate {
        Candidate {
            index,
            due: None,
            retrievability: 0.0,
            deck: 0,
            note: index,
        }
    }

    /// A new card of `deck` whose note is `note`.
    fn new_in(index: usize, deck: usize, note: usize) -> Candidate {
        Candidate {
            deck,
            note,
            ..new(index)
        }
    }

    #[test]
    fn due_cards_come_first_least_remembered_first_then_new_in_file_order() {
        let cards = [
            new(0),
            due(1, 10, 0.8),
            new(2),
            due(3, 20, 0.5),
            due(4, 5_000, 0.1),
            new(5),
        ];
        assert_eq!(order(&cards, &plan(), &HashSet::new()), vec![3, 1, 0, 2, 5]);
    }

    #[test]
    fn cards_due_later_than_today_are_left_out() {
        let cards = [due(0, 999, 0.9), due(1, 1_000, 0.1)];
        assert_eq!(order(&cards, &plan(), &HashSet::new()), vec![0]);
    }

    #[test]
    fn new_cards_stop_at_the_daily_limit_counting_those_seen_today() {
        let cards: Vec<Candidate> = (0..10).map(new).collect();
        let plan = Plan {
            new_limit: 5,
            new_seen_today: vec![2],
            ..plan()
        };
        assert_eq!(order(&cards, &plan, &HashSet::new()), vec![0, 1, 2]);
        let plan = Plan {
            new_limit: 5,
            new_seen_today: vec![7],
            ..plan
        };
        assert!(order(&cards, &plan, &HashSet::new()).is_empty());
    }

    #[test]
    fn the_new_limit_does_not_hold_back_due_cards() {
        let cards = [due(0, 1, 0.5), due(1, 1, 0.4), new(2)];
        let plan = Plan {
            new_limit: 0,
            ..plan()
        };
        assert_eq!(order(&cards, &plan, &HashSet::new()), vec![1, 0]);
    }

    #[test]
    fn limit_caps_the_session() {
        let cards = [due(0, 1, 0.5), new(1), new(2), new(3)];
        let plan = Plan {
            limit: Some(2),
            ..plan()
        };
        assert_eq!(order(&cards, &plan, &HashSet::new()), vec![0, 1]);
    }

    #[test]
    fn shuffle_is_reproducible_with_a_seed_and_keeps_every_card() {
        let cards: Vec<Candidate> = (0..12).map(new).collect();
        let a = order(
            &cards,
            &Plan {
                shuffle: Some(7),
                ..plan()
            },
            &HashSet::new(),
        );
        let b = order(
            &cards,
            &Plan {
                shuffle: Some(7),
                ..plan()
            },
            &HashSet::new(),
        );
        assert_eq!(a, b);
        assert_ne!(a, (0..12).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..12).collect::<Vec<_>>());
    }

    #[test]
    fn new_cards_are_taken_from_the_decks_in_turn_each_up_to_its_own_limit() {
        // Deck 0 has six new cards, deck 1 three, deck 2 one; deck 1 saw two today.
        let cards: Vec<Candidate> = (0..6)
            .map(|i| new_in(i, 0, i))
            .chain((6..9).map(|i| new_in(i, 1, i)))
            .chain([new_in(9, 2, 9)])
            .collect();
        let plan = Plan {
            new_limit: 3,
            new_seen_today: vec![0, 2],
            ..plan()
        };
        assert_eq!(order(&cards, &plan, &HashSet::new()), vec![0, 6, 9, 1, 2]);
    }

    #[test]
    fn siblings_come_after_every_card_of_another_note_and_never_back_to_back() {
        // Two clozes of three gaps (notes 10 and 11) and a card with its reverse (note 12),
        // in file order, then a card of its own.
        let notes = [10, 10, 10, 11, 11, 11, 12, 12, 13];
        let cards: Vec<Candidate> = notes
            .iter()
            .enumerate()
            .map(|(i, &note)| new_in(i, 0, note))
            .collect();
        assert_eq!(
            order(&cards, &plan(), &HashSet::new()),
            vec![0, 3, 6, 8, 1, 4, 7, 2, 5]
        );
        // With room for four new cards, the other gaps are left to the next day.
        let plan = Plan {
            new_limit: 4,
            ..plan()
        };
        assert_eq!(order(&cards, &plan, &HashSet::new()), vec![0, 3, 6, 8]);
        // A note's due card counts: its new sibling (6) waits for the other new cards, and
        // the room left goes to a second gap of another note (1), after the first ones.
        let mut with_due = cards.clone();
        with_due[7] = Candidate {
            note: 12,
            ..due(7, 10, 0.5)
        };
        assert_eq!(
            order(&with_due, &plan, &HashSet::new()),
            vec![7, 0, 3, 8, 1]
        );
        // So does a card of a note reviewed earlier today.
        assert_eq!(order(&cards, &plan, &HashSet::from([10])), vec![3, 6, 8, 0]);
    }

    #[test]
    fn where_one_round_ends_with_a_note_the_next_does_not_begin_with_it() {
        // Rounds: [a1, b1] then [b2, a2]: b1 and b2 would meet.
        assert_eq!(spread(&[(0, 1), (1, 2), (2, 2), (3, 1)]), vec![0, 1, 3, 2]);
        // A last round of one: the round before ends with another note.
        assert_eq!(spread(&[(0, 1), (1, 2), (2, 2)]), vec![1, 0, 2]);
        // One note alone has no other card to put between.
        assert_eq!(spread(&[(0, 5), (1, 5), (2, 5)]), vec![0, 1, 2]);
        // A drill in file order: each cloze's first gap, then the second ones.
        assert_eq!(
            spread(&[(0, 1), (1, 1), (2, 2), (3, 2), (4, 3)]),
            vec![0, 2, 4, 1, 3]
        );
    }

    #[test]
    fn first_round_counts_the_new_cards_first_in_their_note() {
        let due = HashSet::from([7]);
        let mut first = FirstRound::new(&due);
        for note in [1, 1, 2, 7, 3, 2] {
            first.add(note);
        }
        assert_eq!(first.count, 3);
        assert_eq!(FirstRound::new(&due).count, 0);
    }

    #[test]
    fn a_miss_comes_back_after_three_to_five_other_cards() {
        for seed in 0..50 {
            let mut queue = Queue::new((0..10).collect(), seed);
            let first = queue.pop().unwrap();
            queue.answered(first, false);
            let mut between = 0;
            while let Some(next) = queue.pop() {
                if next == first {
                    break;
                }
                between += 1;
            }
            assert!(
                (3..=5).contains(&between),
                "seed {seed}: {between} cards between"
            );
        }
    }

    #[test]
    fn a_miss_does_not_come_back_beside_a_sibling_when_it_can_go_elsewhere() {
        // Cards 0 and 5 are siblings (note 9); every other card has its own note.
        let notes = vec![9, 1, 2, 3, 4, 9, 6, 7, 8];
        for seed in 0..50 {
            let mut queue = Queue::new((0..9).collect(), seed).with_notes(notes.clone());
            assert_eq!(queue.pop(), Some(0));
            queue.answered(0, false);
            let rest: Vec<usize> = std::iter::from_fn(|| queue.pop()).collect();
            let at = rest.iter().position(|&i| i == 0).unwrap();
            assert!((3..=5).contains(&at), "seed {seed}: {rest:?}");
            for pair in rest.windows(2) {
                assert!(
                    !(pair.contains(&0) && pair.contains(&5)),
                    "seed {seed}: {rest:?}"
                );
            }
        }
    }

    #[test]
    fn a_miss_goes_to_the_end_when_few_cards_remain() {
        let mut queue = Queue::new(vec![0, 1, 2], 1);
        assert_eq!(queue.pop(), Some(0));
        queue.answered(0, false);
        assert_eq!(queue.pop(), Some(1));
        assert_eq!(queue.pop(), Some(2));
        assert_eq!(queue.pop(), Some(0));
        assert_eq!(queue.pop(), None);
    }

    #[test]
    fn a_card_keeps_coming_back_until_answered_right() {
        let mut queue = Queue::new(vec![0], 3);
        for _ in 0..4 {
            assert_eq!(queue.pop(), Some(0));
            queue.answered(0, false);
        }
        assert_eq!(queue.pop(), Some(0));
        queue.answered(0, true);
        assert_eq!(queue.pop(), None);
    }

    #[test]
    fn a_dropped_card_leaves_the_queue_and_nothing_brings_it_back() {
        let mut queue = Queue::new(vec![0, 1, 2, 3], 1);
        assert_eq!(queue.pop(), Some(0));
        queue.answered(0, false);
        queue.drop_item(0);
        assert!(queue.dropped(0));
        assert_eq!(queue.remaining(), 3);
        queue.answered(0, false);
        queue.revise(0, false);
        queue.push_front(0);
        assert_eq!(queue.remaining(), 3);
        queue.drop_item(2);
        let rest: Vec<usize> = std::iter::from_fn(|| queue.pop()).collect();
        assert_eq!(rest, [1, 3]);
    }

    #[test]
    fn overriding_a_miss_to_right_cancels_its_retry_and_the_reverse_adds_one() {
        let mut queue = Queue::new(vec![0, 1, 2], 1);
        assert_eq!(queue.pop(), Some(0));
        queue.answered(0, false);
        queue.revise(0, true);
        assert_eq!(queue.remaining(), 2);
        assert_eq!(queue.pop(), Some(1));
        queue.answered(1, true);
        queue.revise(1, false);
        assert_eq!(queue.remaining(), 2);
    }
}
