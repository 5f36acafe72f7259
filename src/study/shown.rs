//! What the loop tells the screen besides the card: the choices in the order of this
//! showing, the counts of what is left, when a card comes back ("again after 3 cards,
//! then tomorrow", "4d"), and the answer a review row keeps.

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
use crate::ui::format::plural;

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

/// The cards left, `on_screen` included (none while a verdict is shown: the answer just
/// given already counts, its card as learning when it comes back): misses coming back count
/// as learning, cards without a schedule as new, the rest as due. The cards after `items`,
/// not read yet, are counted by `unread` (due, new): none of them has been answered.
pub(crate) fn counts(
    session: &Session<Saved>,
    items: &[Item<'_>],
    on_screen: Option<usize>,
    unread: (usize, usize),
) -> Counts {
    let mut counts = Counts {
        new: unread.1,
        learning: 0,
        due: unread.0,
    };
    for item in on_screen.into_iter().chain(session.pending()) {
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

/// What the verdict says of the card's next showing: a miss comes back in this session
/// after `back_after` other cards, then (or if the learner leaves first) when `due` says;
/// a card not coming back in this session is next seen when `due` says. `None` when there is
/// nothing to say (a right answer in a cram).
pub(crate) fn next_showing(back_after: Option<usize>, due: Option<String>) -> Option<String> {
    let again = back_after.map(|cards| match cards {
        0 => "again right away".to_string(),
        cards => format!("again after {}", plural(cards, "card")),
    });
    match (again, due) {
        (Some(again), Some(due)) => Some(format!("{again}, then {due}")),
        (again, due) => again.or(due),
    }
}

/// The answer a review row keeps: for a choice card, the text of the choice picked by its
/// number or letter, since the choices are shuffled at each showing and the number alone
/// would name a different choice the next time; anything else as given. The number and
/// letter forms are those the judge reads ("2", "2.", "(2)", "b", "B)").
pub(crate) fn logged_answer<'a>(card: &'a Card, given: &'a str) -> &'a str {
    let Expected::Choice { choices, .. } = &card.expected else {
        return given;
    };
    let index = crate::judge::choice_index(given, choices.len());
    index
        .and_then(|i| choices.get(i))
        .map_or(given, String::as_str)
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
    /// What the verdict on the card at `index` shows besides the verdict itself, the answer
    /// just given counted: what is left of the session (a miss coming back as learning), the
    /// number of questions it now holds, and when the card is seen next (`due`: when its
    /// schedule says, `None` in a cram).
    pub(super) fn after_answer(
        &self,
        index: usize,
        due: Option<Timestamp>,
        now: Timestamp,
    ) -> (Counts, usize, Option<String>) {
        let session = lock(&self.session);
        let unread = self
            .more
            .as_ref()
            .map_or((0, 0), crate::catalog::Pages::unread);
        let left = counts(&session, &self.items, None, unread);
        let back_after = session.pending().position(|item| item == index);
        let total = session.asked() + session.remaining();
        let due = due.map(|due| next_in(due, now, self.clock));
        (left, total, next_showing(back_after, due))
    }

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
    fn a_miss_says_when_it_comes_back_in_the_session_and_after() {
        let tomorrow = Some("tomorrow".to_string());
        assert_eq!(
            next_showing(Some(3), tomorrow.clone()).as_deref(),
            Some("again after 3 cards, then tomorrow")
        );
        assert_eq!(
            next_showing(Some(1), None).as_deref(),
            Some("again after 1 card")
        );
        assert_eq!(
            next_showing(Some(0), tomorrow.clone()).as_deref(),
            Some("again right away, then tomorrow")
        );
        assert_eq!(next_showing(None, tomorrow).as_deref(), Some("tomorrow"));
        assert_eq!(next_showing(None, None), None);
    }

    #[test]
    fn a_choice_named_by_number_or_letter_is_logged_by_its_text() {
        let card = choice_card();
        for given in ["2", " 2. ", "(2)", "b", "B)"] {
            assert_eq!(logged_answer(&card, given), "20th", "{given:?}");
        }
        for given in ["20th", "5", "e", "1917", "", "2 and 3"] {
            assert_eq!(logged_answer(&card, given), given, "{given:?}");
        }
        let mut typed = choice_card();
        typed.expected = Expected::Text {
            answer: "Paris".into(),
            accept: Vec::new().into(),
        };
        assert_eq!(logged_answer(&typed, "2"), "2");
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
