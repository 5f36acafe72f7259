//! What an answer, an override and an undo do to a session, as a pure state machine: the
//! rating and the word an answer is recorded with, the answers that can still be taken
//! back, the retry of a miss, and the tally the summary prints.
//!
//! Nothing here saves, shows or reads the clock. Each step says what the store must do
//! (record, revise or undo, and from which previous state), and the study loop does it;
//! so every rule of a session is unit-tested here without a database or a terminal.

use crate::judge::Verdict;
use crate::schedule::Rating;
use crate::store::types::{Score, VerdictWord};

use super::queue::Queue;

/// What the learner gave for one card.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Given<'a> {
    /// A typed answer, as judged; `hinted` when the card's hint was shown first.
    Judged { verdict: &'a Verdict, hinted: bool },
    /// A flip-mode grade.
    Graded(Rating),
}

/// The rating an answer schedules with and the word it is logged with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub rating: Rating,
    pub word: VerdictWord,
}

impl Decision {
    /// Verdicts map to ratings as a fair teacher would grade: wrong → Again, close or right
    /// after a hint → Hard, right → Good; a flip-mode grade is its own rating.
    pub(crate) fn of(given: Given<'_>) -> Decision {
        let (rating, word) = match given {
            Given::Judged { verdict, hinted } => {
                let rating = match verdict {
                    Verdict::Right if hinted => Rating::Hard,
                    Verdict::Right => Rating::Good,
                    Verdict::Close { .. } => Rating::Hard,
                    Verdict::Wrong { .. } => Rating::Again,
                };
                (rating, VerdictWord::judged(verdict))
            }
            Given::Graded(rating) => (rating, VerdictWord::graded(rating)),
        };
        Decision { rating, word }
    }

    /// Whether the learner gets credit: anything but Again.
    pub(crate) fn accepted(&self) -> bool {
        self.rating != Rating::Again
    }
}

/// Right, close and wrong answers so far, as the summary prints them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub right: usize,
    pub close: usize,
    pub wrong: usize,
}

impl Tally {
    pub(crate) fn asked(&self) -> usize {
        self.right + self.close + self.wrong
    }

    fn count(&mut self, word: &VerdictWord, delta: isize) {
        let field = match word.score() {
            Score::Right => &mut self.right,
            Score::Close => &mut self.close,
            Score::Wrong => &mut self.wrong,
        };
        *field = field.saturating_add_signed(delta);
    }
}

/// An answer that can still be overridden or undone. `saved` is what the store needs to
/// take it back (the review's id, the card's state before it, when it was given).
#[derive(Debug, Clone)]
struct Answered<S> {
    item: usize,
    saved: S,
    accepted: bool,
    /// The word the tally counted it under.
    word: VerdictWord,
}

/// What the store must do for an override: rewrite the answer `saved` with `rating` and
/// the logged `word`, and, when `schedules`, reschedule the card from the state before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Revision<S> {
    pub item: usize,
    pub saved: S,
    pub rating: Rating,
    pub word: VerdictWord,
    pub schedules: bool,
    /// The card on screen was the retry of the miss just overridden to right: it is not
    /// asked any more.
    pub drops_on_screen: bool,
}

/// What the store must do for an undo: delete the answer `saved` and, when `schedules`,
/// put the card's row back as it was before it. `item` is asked again next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undo<S> {
    pub item: usize,
    pub saved: S,
    pub schedules: bool,
}

/// One study session's answers and what is left to ask. `S` is what the store keeps of an
/// answer to revise or undo it.
#[derive(Debug, Clone)]
pub(crate) struct Session<S> {
    queue: Queue,
    history: Vec<Answered<S>>,
    tally: Tally,
    /// Cram leaves every card's schedule alone.
    schedules: bool,
    /// The card asked and not answered yet.
    on_screen: Option<usize>,
}

impl<S: Clone> Session<S> {
    /// A session asking `order` (the caller's handles for its cards); misses come back at
    /// places drawn from `seed`. `schedules` is false for cram.
    pub(crate) fn new(order: Vec<usize>, seed: u64, schedules: bool) -> Session<S> {
        Session {
            queue: Queue::new(order, seed),
            history: Vec::new(),
            tally: Tally::default(),
            schedules,
            on_screen: None,
        }
    }

    /// The note of each card (by the caller's handle), so that a miss does not come back
    /// beside a sibling (see [`Queue::with_notes`]).
    pub(crate) fn with_notes(mut self, notes: Vec<usize>) -> Session<S> {
        self.queue = self.queue.with_notes(notes);
        self
    }

    /// Replaces the note of each card, as [`Session::with_notes`] sets them, once more
    /// cards have been read.
    pub(crate) fn set_notes(&mut self, notes: Vec<usize>) {
        self.queue.set_notes(notes);
    }

    /// The next card to ask, now on screen; `None` when the session is over.
    pub(crate) fn ask_next(&mut self) -> Option<usize> {
        self.on_screen = self.queue.pop();
        self.on_screen
    }

    /// The card asked and not answered yet.
    pub(crate) fn on_screen(&self) -> Option<usize> {
        self.on_screen
    }

    /// Answers given and not undone.
    pub(crate) fn asked(&self) -> usize {
        self.history.len()
    }

    /// Cards still to ask after the one on screen.
    pub(crate) fn remaining(&self) -> usize {
        self.queue.remaining()
    }

    pub(crate) fn schedules(&self) -> bool {
        self.schedules
    }

    /// The cards still to ask after the one on screen, next first.
    pub(crate) fn pending(&self) -> impl Iterator<Item = usize> + '_ {
        self.queue.pending()
    }

    /// Whether `item` has been answered in this session (so a showing now is a retry).
    pub(crate) fn was_answered(&self, item: usize) -> bool {
        self.history.iter().any(|answered| answered.item == item)
    }

    /// What was saved of each card missed in this session (its first miss that stands,
    /// once per card), in the order they were missed.
    pub(crate) fn missed(&self) -> Vec<&S> {
        let mut seen = std::collections::HashSet::new();
        self.history
            .iter()
            .filter(|answered| !answered.accepted && seen.insert(answered.item))
            .map(|answered| &answered.saved)
            .collect()
    }

    pub(crate) fn tally(&self) -> Tally {
        self.tally
    }

    /// The answer to `item`, decided as `decision`, is saved as `saved`: it joins the
    /// answers that can be taken back, counts in the tally, and a miss comes back later.
    pub(crate) fn answered(&mut self, item: usize, decision: &Decision, saved: S) {
        let accepted = decision.accepted();
        self.tally.count(&decision.word, 1);
        self.history.push(Answered {
            item,
            saved,
            accepted,
            word: decision.word.clone(),
        });
        self.on_screen = None;
        self.queue.answered(item, accepted);
    }

    /// "I was right" / "I was wrong" on the latest answer; `None` when there is none. The
    /// override schedules as Good or Again, whatever the answer was rated.
    pub(crate) fn override_last(&mut self, accepted: bool) -> Option<Revision<S>> {
        let on_screen = self.on_screen;
        let last = self.history.last_mut()?;
        let (rating, counted, logged) = if accepted {
            (
                Rating::Good,
                VerdictWord::Right,
                VerdictWord::OverriddenRight,
            )
        } else {
            (
                Rating::Again,
                VerdictWord::Wrong,
                VerdictWord::OverriddenWrong,
            )
        };
        let drops_on_screen = accepted && !last.accepted && on_screen == Some(last.item);
        self.tally.count(&last.word, -1);
        self.tally.count(&counted, 1);
        last.word = counted;
        if last.accepted != accepted {
            self.queue.revise(last.item, accepted);
        }
        last.accepted = accepted;
        if drops_on_screen {
            self.on_screen = None;
        }
        Some(Revision {
            item: last.item,
            saved: last.saved.clone(),
            rating,
            word: logged,
            schedules: self.schedules,
            drops_on_screen,
        })
    }

    /// The learner suspended `item` (the card on screen, or the one just answered): it is
    /// not asked again in this session. Its answers stay recorded, and can still be
    /// overridden or undone; an undo then does not ask it again.
    pub(crate) fn suspend(&mut self, item: usize) {
        if self.on_screen == Some(item) {
            self.on_screen = None;
        }
        self.queue.drop_item(item);
    }

    /// Whether the learner suspended `item` during this session.
    pub(crate) fn suspended(&self, item: usize) -> bool {
        self.queue.dropped(item)
    }

    /// Takes back the latest answer; `None` when there is none. Its card is asked next,
    /// and the card on screen, if another, right after it.
    pub(crate) fn undo_last(&mut self) -> Option<Undo<S>> {
        let last = self.history.pop()?;
        self.tally.count(&last.word, -1);
        if !last.accepted {
            self.queue.forget_retry(last.item);
        }
        // The card on screen may be the retry of the miss just undone.
        if let Some(on_screen) = self.on_screen.take()
            && on_screen != last.item
        {
            self.queue.push_front(on_screen);
        }
        self.queue.push_front(last.item);
        Some(Undo {
            item: last.item,
            saved: last.saved,
            schedules: self.schedules,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn right() -> Verdict {
        Verdict::Right
    }

    fn close() -> Verdict {
        Verdict::Close {
            correct: "Lenin".into(),
            missing: vec![],
            reason: crate::judge::Reason::Typo,
        }
    }

    fn wrong() -> Verdict {
        Verdict::Wrong { missing: vec![] }
    }

    fn judged(verdict: &Verdict, hinted: bool) -> Decision {
        Decision::of(Given::Judged { verdict, hinted })
    }

    /// Asks every card left, answering each with `answer(card)`; the cards asked in order.
    fn drain<S: Clone + Default>(
        session: &mut Session<S>,
        answer: impl Fn(usize) -> Verdict,
    ) -> Vec<usize> {
        let mut asked = Vec::new();
        while let Some(card) = session.ask_next() {
            asked.push(card);
            session.answered(card, &judged(&answer(card), false), S::default());
        }
        asked
    }

    #[test]
    fn verdicts_map_to_ratings_and_words() {
        let decide = |verdict: Verdict, hinted| {
            let decision = judged(&verdict, hinted);
            (decision.rating, decision.word)
        };
        assert_eq!(decide(right(), false), (Rating::Good, VerdictWord::Right));
        assert_eq!(decide(right(), true), (Rating::Hard, VerdictWord::Right));
        assert_eq!(decide(close(), false), (Rating::Hard, VerdictWord::Close));
        assert_eq!(decide(close(), true), (Rating::Hard, VerdictWord::Close));
        assert_eq!(decide(wrong(), false), (Rating::Again, VerdictWord::Wrong));
        assert_eq!(decide(wrong(), true), (Rating::Again, VerdictWord::Wrong));
    }

    #[test]
    fn a_grade_is_its_own_rating_and_word() {
        let grades = [
            (Rating::Again, VerdictWord::Again),
            (Rating::Hard, VerdictWord::Hard),
            (Rating::Good, VerdictWord::Good),
            (Rating::Easy, VerdictWord::Easy),
        ];
        for (rating, word) in grades {
            assert_eq!(
                Decision::of(Given::Graded(rating)),
                Decision { rating, word }
            );
        }
        assert!(!Decision::of(Given::Graded(Rating::Again)).accepted());
        assert!(Decision::of(Given::Graded(Rating::Hard)).accepted());
    }

    #[test]
    fn the_tally_counts_right_close_and_wrong() {
        let mut session: Session<u32> = Session::new(vec![0, 1, 2, 3], 1, true);
        let verdicts = [right(), close(), wrong(), right()];
        for verdict in &verdicts {
            let card = session.ask_next().unwrap();
            session.answered(card, &judged(verdict, false), 0);
        }
        let grade = Decision::of(Given::Graded(Rating::Easy));
        let card = session.ask_next().unwrap();
        session.answered(card, &grade, 0);
        assert_eq!(
            session.tally(),
            Tally {
                right: 3,
                close: 1,
                wrong: 1
            }
        );
        assert_eq!(session.tally().asked(), 5);
        assert_eq!(session.asked(), 5);
    }

    #[test]
    fn a_miss_comes_back_until_it_is_answered_right() {
        let mut session: Session<u32> = Session::new(vec![0], 1, true);
        assert_eq!(session.ask_next(), Some(0));
        session.answered(0, &judged(&wrong(), false), 0);
        assert_eq!(session.remaining(), 1);
        assert_eq!(session.ask_next(), Some(0));
        session.answered(0, &judged(&right(), false), 1);
        assert_eq!(session.ask_next(), None);
    }

    #[test]
    fn an_override_rewrites_the_latest_answer_with_its_previous_state() {
        let mut session: Session<&str> = Session::new(vec![0, 1], 1, true);
        assert_eq!(session.override_last(true), None);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&close(), false), "saved 0");
        let revision = session.override_last(false).unwrap();
        assert_eq!(
            revision,
            Revision {
                item: 0,
                saved: "saved 0",
                rating: Rating::Again,
                word: VerdictWord::OverriddenWrong,
                schedules: true,
                drops_on_screen: false,
            }
        );
        assert_eq!(
            session.tally(),
            Tally {
                right: 0,
                close: 0,
                wrong: 1
            }
        );
        // Now a miss, it comes back after the other card.
        assert_eq!(drain(&mut session, |_| right()), vec![1, 0]);
    }

    #[test]
    fn overriding_a_miss_to_right_cancels_its_retry() {
        let mut session: Session<u32> = Session::new(vec![0, 1, 2], 1, true);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&wrong(), false), 7);
        let revision = session.override_last(true).unwrap();
        assert_eq!(revision.rating, Rating::Good);
        assert_eq!(revision.word, VerdictWord::OverriddenRight);
        assert_eq!(revision.saved, 7);
        assert!(!revision.drops_on_screen);
        assert_eq!(session.tally().right, 1);
        assert_eq!(session.tally().wrong, 0);
        assert_eq!(drain(&mut session, |_| right()), vec![1, 2]);
    }

    #[test]
    fn overriding_a_miss_at_its_retry_drops_the_retry_on_screen() {
        let mut session: Session<u32> = Session::new(vec![0], 1, true);
        assert_eq!(session.ask_next(), Some(0));
        session.answered(0, &judged(&wrong(), false), 1);
        // The retry is on screen when the learner says the miss was right after all.
        assert_eq!(session.ask_next(), Some(0));
        let revision = session.override_last(true).unwrap();
        assert!(revision.drops_on_screen);
        assert_eq!(revision.saved, 1);
        assert_eq!(session.ask_next(), None);
        assert_eq!(session.asked(), 1);
        assert_eq!(session.tally().right, 1);
    }

    #[test]
    fn overriding_a_right_answer_at_another_card_keeps_that_card() {
        let mut session: Session<u32> = Session::new(vec![0, 1], 1, true);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&right(), false), 0);
        assert_eq!(session.ask_next(), Some(1));
        let revision = session.override_last(true).unwrap();
        assert!(!revision.drops_on_screen);
        session.answered(1, &judged(&right(), false), 1);
        assert_eq!(session.ask_next(), None);
    }

    #[test]
    fn an_override_twice_counts_the_answer_once() {
        let mut session: Session<u32> = Session::new(vec![0, 1], 1, true);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&right(), false), 0);
        session.override_last(false);
        session.override_last(true);
        assert_eq!(
            session.tally(),
            Tally {
                right: 1,
                close: 0,
                wrong: 0
            }
        );
        assert_eq!(drain(&mut session, |_| right()), vec![1]);
    }

    #[test]
    fn undo_takes_the_answer_back_and_asks_its_card_again() {
        let mut session: Session<&str> = Session::new(vec![0, 1, 2], 1, true);
        assert_eq!(session.undo_last(), None);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&right(), false), "first");
        assert_eq!(
            session.undo_last(),
            Some(Undo {
                item: 0,
                saved: "first",
                schedules: true,
            })
        );
        assert_eq!(session.asked(), 0);
        assert_eq!(session.tally(), Tally::default());
        assert_eq!(drain(&mut session, |_| right()), vec![0, 1, 2]);
    }

    #[test]
    fn undo_at_the_next_card_asks_the_undone_card_then_the_one_on_screen() {
        let mut session: Session<u32> = Session::new(vec![0, 1, 2], 1, true);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&right(), false), 0);
        assert_eq!(session.ask_next(), Some(1));
        assert_eq!(session.undo_last().unwrap().item, 0);
        assert_eq!(drain(&mut session, |_| right()), vec![0, 1, 2]);
    }

    #[test]
    fn undo_of_a_miss_forgets_its_retry() {
        let mut session: Session<u32> = Session::new(vec![0, 1, 2, 3, 4], 1, true);
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&wrong(), false), 0);
        assert_eq!(session.remaining(), 5);
        session.undo_last();
        assert_eq!(session.remaining(), 5);
        assert_eq!(drain(&mut session, |_| right()), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn undo_at_a_miss_retry_asks_that_card_once() {
        let mut session: Session<u32> = Session::new(vec![0], 1, true);
        assert_eq!(session.ask_next(), Some(0));
        session.answered(0, &judged(&wrong(), false), 0);
        // The retry is on screen when the learner takes the miss back.
        assert_eq!(session.ask_next(), Some(0));
        let undo = session.undo_last().unwrap();
        assert_eq!(undo.item, 0);
        assert_eq!(session.tally(), Tally::default());
        assert_eq!(drain(&mut session, |_| right()), vec![0]);
    }

    #[test]
    fn missed_lists_each_card_missed_once_in_order_and_not_after_an_override() {
        let mut session: Session<&str> = Session::new(vec![0, 1, 2], 1, true);
        let verdicts = [wrong(), wrong(), right()];
        let saved = ["a", "b", "c"];
        for (verdict, saved) in verdicts.iter().zip(saved) {
            let card = session.ask_next().unwrap();
            session.answered(card, &judged(verdict, false), saved);
        }
        assert!(session.was_answered(1));
        assert_eq!(session.pending().count(), 2, "both misses come back");
        assert_eq!(session.missed(), [&"a", &"b"]);
        // "b" was card 1's miss; its retry answered wrong again still lists it once.
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&wrong(), false), "a again");
        assert_eq!(session.missed(), [&"a", &"b"]);
        session.override_last(true);
        assert_eq!(session.missed(), [&"a", &"b"]);
    }

    #[test]
    fn a_suspended_card_is_not_asked_again_on_screen_or_after_a_miss() {
        let mut session: Session<u32> = Session::new(vec![0, 1, 2], 1, true);
        // Suspended at its question: it goes unanswered.
        assert_eq!(session.ask_next(), Some(0));
        session.suspend(0);
        assert!(session.suspended(0));
        assert_eq!(session.asked(), 0);
        // Suspended after a miss: the answer counts, its retry goes, an undo does not bring
        // it back.
        assert_eq!(session.ask_next(), Some(1));
        session.answered(1, &judged(&wrong(), false), 0);
        assert_eq!(session.remaining(), 2);
        session.suspend(1);
        assert_eq!(session.remaining(), 1);
        assert_eq!(session.tally().wrong, 1);
        assert_eq!(session.undo_last().unwrap().item, 1);
        assert_eq!(drain(&mut session, |_| right()), vec![2]);
    }

    #[test]
    fn cram_does_not_schedule() {
        let mut session: Session<u32> = Session::new(vec![0, 1], 1, false);
        assert!(!session.schedules());
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&wrong(), false), 0);
        assert!(!session.override_last(true).unwrap().schedules);
        assert!(!session.undo_last().unwrap().schedules);
        // A miss in cram still comes back.
        let card = session.ask_next().unwrap();
        session.answered(card, &judged(&wrong(), false), 0);
        assert_eq!(session.remaining(), 2);
    }
}
