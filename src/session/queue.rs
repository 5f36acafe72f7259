//! The study queue: which card to ask next and what an answer does to the queue.
//!
//! Pure logic over plain data — no terminal, no database, no clock — so the ordering rules
//! (due first, least remembered first, new cards up to the daily limit, misses coming back)
//! are unit-tested exactly.

use std::collections::VecDeque;

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
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Plan {
    /// Cards due before this instant (the start of the learner's next day) are due today.
    pub due_before: Timestamp,
    /// New cards a day.
    pub new_limit: usize,
    /// New cards already introduced today (they count against the limit).
    pub new_seen_today: usize,
    /// At most this many cards in the session.
    pub limit: Option<usize>,
    /// Shuffle the new cards with this seed; file order otherwise.
    pub shuffle: Option<u64>,
}

/// The order in which to ask cards: due cards first, lowest retrievability first, then new
/// cards in file order up to what is left of today's new-card allowance.
pub(crate) fn order(candidates: &[Candidate], plan: &Plan) -> Vec<usize> {
    let mut due: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.due.is_some_and(|due| due < plan.due_before))
        .collect();
    // Stable sort: ties keep file order, so the order is reproducible.
    due.sort_by(|a, b| a.retrievability.total_cmp(&b.retrievability));
    let mut new: Vec<usize> = candidates
        .iter()
        .filter(|c| c.due.is_none())
        .map(|c| c.index)
        .collect();
    if let Some(seed) = plan.shuffle {
        new.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    }
    new.truncate(plan.new_limit.saturating_sub(plan.new_seen_today));
    let mut order: Vec<usize> = due.into_iter().map(|c| c.index).collect();
    order.extend(new);
    if let Some(limit) = plan.limit {
        order.truncate(limit);
    }
    order
}

/// How many other cards come between a miss and its next showing.
pub(crate) const RETRY_GAP: std::ops::RangeInclusive<usize> = 3..=5;

/// The live queue of a session.
#[derive(Debug, Clone)]
pub(crate) struct Queue {
    pending: VecDeque<usize>,
    rng: Xoshiro256PlusPlus,
}

impl Queue {
    pub(crate) fn new(order: Vec<usize>, seed: u64) -> Queue {
        Queue {
            pending: order.into(),
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
        }
    }

    pub(crate) fn pop(&mut self) -> Option<usize> {
        self.pending.pop_front()
    }

    /// Puts a card back at the front, as when an answer is taken back.
    pub(crate) fn push_front(&mut self, item: usize) {
        self.pending.push_front(item);
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
        if accepted {
            return;
        }
        let gap = self.rng.random_range(RETRY_GAP);
        let at = gap.min(self.pending.len());
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
            new_limit: 20,
            new_seen_today: 0,
            limit: None,
            shuffle: None,
        }
    }

    fn due(index: usize, when: i64, retrievability: f32) -> Candidate {
        Candidate {
            index,
            due: Some(at(when)),
            retrievability,
        }
    }

    fn new(index: usize) -> Candidate {
        Candidate {
            index,
            due: None,
            retrievability: 0.0,
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
        assert_eq!(order(&cards, &plan()), vec![3, 1, 0, 2, 5]);
    }

    #[test]
    fn cards_due_later_than_today_are_left_out() {
        let cards = [due(0, 999, 0.9), due(1, 1_000, 0.1)];
        assert_eq!(order(&cards, &plan()), vec![0]);
    }

    #[test]
    fn new_cards_stop_at_the_daily_limit_counting_those_seen_today() {
        let cards: Vec<Candidate> = (0..10).map(new).collect();
        let plan = Plan {
            new_limit: 5,
            new_seen_today: 2,
            ..plan()
        };
        assert_eq!(order(&cards, &plan), vec![0, 1, 2]);
        let plan = Plan {
            new_limit: 5,
            new_seen_today: 7,
            ..plan
        };
        assert!(order(&cards, &plan).is_empty());
    }

    #[test]
    fn the_new_limit_does_not_hold_back_due_cards() {
        let cards = [due(0, 1, 0.5), due(1, 1, 0.4), new(2)];
        let plan = Plan {
            new_limit: 0,
            ..plan()
        };
        assert_eq!(order(&cards, &plan), vec![1, 0]);
    }

    #[test]
    fn limit_caps_the_session() {
        let cards = [due(0, 1, 0.5), new(1), new(2), new(3)];
        let plan = Plan {
            limit: Some(2),
            ..plan()
        };
        assert_eq!(order(&cards, &plan), vec![0, 1]);
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
        );
        let b = order(
            &cards,
            &Plan {
                shuffle: Some(7),
                ..plan()
            },
        );
        assert_eq!(a, b);
        assert_ne!(a, (0..12).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..12).collect::<Vec<_>>());
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
