//! What the loop tells the screen besides the card: the choices in the order of this
//! showing, the counts of what is left, and intervals in words ("in 4 days", "4d").

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use super::{Saved, lock};
use crate::calendar::{learner_days_between, next_day_start};
use crate::catalog::Item;
use crate::deck::Card;
use crate::env::Clock;
use crate::judge::Expected;
use crate::session::answer::Session;
use crate::stable_hash::fnv1a;
use crate::ui::Counts;

/// Shuffles a choice card's choices for its `showing`-th showing (1 for the first): the
/// same seed gives the same orders, and each showing of a card its own. The answer index
/// follows its choice, so a number typed or picked names the choice as shown.
pub(crate) fn shuffle_choices(card: &mut Card, seed: u64, showing: u64) {
    let Expected::Choice { choices, answer } = &mut card.expected else {
        return;
    };
    let salt = fnv1a(card.id.0.bytes()).wrapping_add(showing.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ salt);
    let mut order: Vec<usize> = (0..choices.len()).collect();
    order.shuffle(&mut rng);
    let shuffled: Vec<String> = order.iter().map(|&i| choices[i].clone()).collect();
    if let Some(at) = order.iter().position(|&i| i == *answer) {
        *answer = at;
    }
    *choices = shuffled;
}

/// The cards left, `on_screen` included: misses coming back count as learning, cards
/// without a schedule as new, the rest as due. The cards after `items`, not read yet, are
/// counted by `unread` (due, new): none of them has been answered.
pub(crate) fn counts(
    session: &Session<Saved>,
    items: &[Item<'_>],
    on_screen: usize,
    unread: (usize, usize),
) -> Counts {
    let mut counts = Counts {
        new: unread.1,
        learning: 0,
        due: unread.0,
    };
    for item in std::iter::once(on_screen).chain(session.pending()) {
        if item >= items.len() {
            continue;
        }
        if session.was_answered(item) {
            counts.learning += 1;
        } else if items[item].state.is_none() {
            counts.new += 1;
        } else {
            counts.due += 1;
        }
    }
    counts
}

/// When a card due at `due` comes back, seen at `now`: "in 10 minutes", "tomorrow",
/// "in 4 days" (learner days, as the summary's next due counts them).
pub(crate) fn next_in(due: Timestamp, now: Timestamp, clock: &Clock) -> String {
    let seconds = due.as_second() - now.as_second();
    if seconds <= 0 {
        "now".to_string()
    } else if due < next_day_start(now, &clock.tz) {
        match seconds / 3600 {
            0 => format!("in {} minutes", seconds / 60 + 1),
            1 => "in 1 hour".to_string(),
            hours => format!("in {hours} hours"),
        }
    } else {
        match learner_days_between(now, due, &clock.tz) {
            1 => "tomorrow".to_string(),
            days => format!("in {days} days"),
        }
    }
}

/// An interval as short as Anki's buttons put it: `10m`, `5h`, `4d`, `3.5mo`, `1.2y`.
pub(crate) fn short_interval(due: Timestamp, now: Timestamp) -> String {
    let seconds = (due.as_second() - now.as_second()).max(0);
    let days = seconds as f64 / 86_400.0;
    if seconds < 3600 {
        format!("{}m", (seconds / 60).max(1))
    } else if seconds < 86_400 {
        format!("{}h", seconds / 3600)
    } else if days < 30.0 {
        format!("{}d", days.round() as i64)
    } else if days < 365.0 {
        format!("{:.1}mo", days / 30.0)
    } else {
        format!("{:.1}y", days / 365.0)
    }
}

impl super::Run<'_, '_> {
    /// Flip mode: each grade with the interval it would give the card at `index` now.
    pub(super) fn grades(&self, index: usize) -> anyhow::Result<Vec<crate::ui::GradeChoice>> {
        let schedules = lock(&self.session).schedules();
        let now = self.clock.now();
        let previous = self.items[index].state;
        crate::schedule::Rating::ALL
            .into_iter()
            .map(|rating| {
                let interval = if schedules {
                    let state =
                        self.scheduler
                            .review(previous.as_ref(), rating, now, &self.clock.tz)?;
                    Some(short_interval(state.due, now))
                } else {
                    None
                };
                Ok((rating, interval))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::zones::{at, fixed_tz};
    use crate::deck::{CardId, Kind};

    fn choice_card() -> Card {
        Card {
            id: CardId("congress".into()),
            kind: Kind::Choice,
            question: "Which congress?".into(),
            expected: Expected::Choice {
                choices: ["19th", "20th", "21st", "22nd"].map(String::from).to_vec(),
                answer: 1,
            },
            strictness: Default::default(),
            explain: None,
            hint: None,
            tags: Vec::new().into(),
            line: 1,
            implicit_id: false,
        }
    }

    #[test]
    fn each_showing_has_its_own_order_and_the_answer_follows_its_choice() {
        let mut orders = Vec::new();
        for showing in 1..=4 {
            let mut card = choice_card();
            shuffle_choices(&mut card, 7, showing);
            let Expected::Choice { choices, answer } = &card.expected else {
                panic!("still a choice card");
            };
            assert_eq!(choices[*answer], "20th");
            let mut sorted = choices.clone();
            sorted.sort();
            assert_eq!(sorted, ["19th", "20th", "21st", "22nd"]);
            orders.push(choices.clone());
        }
        let mut again = choice_card();
        shuffle_choices(&mut again, 7, 1);
        assert!(
            matches!(&again.expected, Expected::Choice { choices, .. } if *choices == orders[0])
        );
        orders.dedup();
        assert!(orders.len() > 1, "showings differ: {orders:?}");
    }

    #[test]
    fn intervals_read_like_anki_buttons() {
        let now = at(&fixed_tz(), 2026, 3, 1, 9, 0);
        let later = |seconds: i64| Timestamp::from_second(now.as_second() + seconds).unwrap();
        assert_eq!(short_interval(later(600), now), "10m");
        assert_eq!(short_interval(later(5 * 3600), now), "5h");
        assert_eq!(short_interval(later(4 * 86_400), now), "4d");
        assert_eq!(short_interval(later(105 * 86_400), now), "3.5mo");
        let clock = Clock::fixed(now, fixed_tz());
        assert_eq!(next_in(later(4 * 86_400), now, &clock), "in 4 days");
        assert_eq!(next_in(later(86_400), now, &clock), "tomorrow");
    }
}
