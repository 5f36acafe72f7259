//! Wrong answers for showing a typed card as multiple choice (`--mode choice`).
//!
//! A distractor that looks nothing like the answer gives it away, so candidates are other
//! cards' answers of the same shape (a date for a date, a year for a year, a name for a
//! name), then of the same sort (a year for a date, an amount for a number), then any.
//! Pure and seeded: the same seed and card give the same choices.

use std::collections::HashSet;

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use crate::judge::{self, Expected, Shape};
use crate::stable_hash::fnv1a;

pub(crate) const DISTRACTORS: usize = 3;

/// Other cards' answers, each once, with their comparison form and shape worked out once
/// for the whole session.
pub(crate) struct Pool {
    entries: Vec<Entry>,
}

struct Entry {
    text: String,
    key: String,
    shape: Shape,
}

impl Pool {
    pub(crate) fn new<'a>(answers: impl IntoIterator<Item = &'a str>) -> Pool {
        let mut seen = HashSet::new();
        let entries = answers
            .into_iter()
            .filter_map(|text| {
                let key = judge::normalise(text);
                (!key.is_empty() && seen.insert(key.clone())).then(|| Entry {
                    text: text.to_string(),
                    key,
                    shape: judge::shape(text),
                })
            })
            .collect();
        Pool { entries }
    }

    /// Choices for a typed card: its answer and up to three distractors, same shape first,
    /// then the same sort of shape.
    /// `None` when the card is not a typed card or nothing in the pool can be offered (a
    /// one-item list would give the answer away). `salt` makes each card's choices its own.
    pub(crate) fn as_choice(&self, expected: &Expected, seed: u64, salt: &str) -> Option<Expected> {
        let Expected::Text { answer, accept } = expected else {
            return None;
        };
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ fnv1a(salt.bytes()));
        let wanted = judge::shape(answer);
        let excluded: HashSet<String> = std::iter::once(answer)
            .chain(accept.iter())
            .map(|text| judge::normalise(text))
            .collect();
        // The answer's shape first, then its sort (a year among dates rather than a name),
        // then anything: a small deck may have too few of a kind.
        let mut tiers: [Vec<&Entry>; 3] = Default::default();
        for entry in self
            .entries
            .iter()
            .filter(|entry| !excluded.contains(&entry.key))
        {
            let tier = if entry.shape == wanted {
                0
            } else if entry.shape.family() == wanted.family() {
                1
            } else {
                2
            };
            tiers[tier].push(entry);
        }
        for tier in &mut tiers {
            tier.shuffle(&mut rng);
        }
        // Only the candidates about to be offered are judged (a typo of the answer would be
        // accepted, so it cannot be offered as wrong): judging the whole pool for every card
        // took seconds on a large deck.
        let mut choices: Vec<String> = tiers
            .iter()
            .flatten()
            .filter(|entry| !judge::judge(expected, &entry.text).is_accepted())
            .take(DISTRACTORS)
            .map(|entry| entry.text.clone())
            .collect();
        if choices.is_empty() {
            return None;
        }
        let at = rng.random_range(0..=choices.len());
        choices.insert(at, answer.clone());
        Some(Expected::Choice {
            choices,
            answer: at,
        })
    }
}

#[cfg(test)]
/// [`Pool::as_choice`] over a pool built for this one card.
pub(crate) fn as_choice(
    expected: &Expected,
    pool: &[&str],
    seed: u64,
    salt: &str,
) -> Option<Expected> {
    Pool::new(pool.iter().copied()).as_choice(expected, seed, salt)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOL: [&str; 10] = [
        "1953",
        "1924",
        "1958",
        "March 27, 1958",
        "Joseph Stalin",
        "Moscow",
        "a closed session",
        "1955",
        "Lenin",
        "1956",
    ];

    fn text(answer: &str) -> Expected {
        Expected::Text {
            answer: answer.into(),
            accept: vec![].into(),
        }
    }

    fn choices(expected: &Expected, seed: u64) -> (Vec<String>, usize) {
        match as_choice(expected, &POOL, seed, "card").unwrap() {
            Expected::Choice { choices, answer } => (choices, answer),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_year_gets_years_and_never_itself_twice() {
        let (choices, answer) = choices(&text("1956"), 1);
        assert_eq!(choices.len(), 4);
        assert_eq!(choices[answer], "1956");
        assert_eq!(choices.iter().filter(|c| *c == "1956").count(), 1);
        for choice in &choices {
            assert_eq!(judge::shape(choice), judge::Shape::Year, "{choices:?}");
        }
    }

    #[test]
    fn a_date_gets_a_date_first_and_a_name_gets_names() {
        let (choices, _) = choices(&text("February 25, 1956"), 2);
        assert!(
            choices.contains(&"March 27, 1958".to_string()),
            "{choices:?}"
        );
        let (choices, answer) = choices_for_name();
        let names: Vec<_> = choices
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != answer)
            .map(|(_, c)| judge::shape(c))
            .collect();
        assert_eq!(names, vec![judge::Shape::Name; 3], "{choices:?}");
    }

    fn choices_for_name() -> (Vec<String>, usize) {
        choices(&text("Nikita Khrushchev"), 3)
    }

    #[test]
    fn with_too_few_of_its_shape_an_answer_gets_its_sort_before_any_other() {
        // A small deck: two dates, two years, a decade, three names and a phrase.
        let pool = [
            "February 25, 1956",
            "March 27, 1958",
            "1953",
            "1955",
            "1930s",
            "Joseph Stalin",
            "Moscow",
            "First Secretary",
            "a closed session",
        ];
        for seed in 0..20 {
            let Some(Expected::Choice { choices, answer }) =
                as_choice(&text("February 25, 1956"), &pool, seed, "card")
            else {
                panic!("no choices");
            };
            let shapes: Vec<Shape> = choices
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != answer)
                .map(|(_, c)| judge::shape(c))
                .collect();
            // The other date always, then two of the years and the decade, never a name.
            assert!(
                choices.contains(&"March 27, 1958".to_string()),
                "{choices:?}"
            );
            assert!(
                shapes.iter().all(|s| s.family() == judge::Family::Time),
                "{choices:?}"
            );
        }
        // A figure with no other figure in the pool falls back to anything, as before.
        let Some(Expected::Choice { choices, .. }) = as_choice(&text("42 km"), &pool, 1, "card")
        else {
            panic!("no choices");
        };
        assert_eq!(choices.len(), 4, "{choices:?}");
    }

    #[test]
    fn accepted_spellings_are_not_offered_as_wrong() {
        let expected = Expected::Text {
            answer: "1956".into(),
            accept: vec!["1953".into()].into(),
        };
        let (choices, _) = choices(&expected, 4);
        assert!(!choices.contains(&"1953".to_string()), "{choices:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_choices_and_another_seed_may_not() {
        assert_eq!(choices(&text("1956"), 9), choices(&text("1956"), 9));
        let differ = (0..20).any(|seed| choices(&text("1956"), seed) != choices(&text("1956"), 9));
        assert!(differ);
    }

    #[test]
    fn with_nothing_to_offer_a_card_stays_typed() {
        let expected = text("1956");
        assert_eq!(as_choice(&expected, &["1956", " 1956. "], 1, "x"), None);
        assert!(as_choice(&expected, &["1957"], 1, "x").is_some());
    }

    #[test]
    fn only_typed_cards_become_choices() {
        assert_eq!(as_choice(&Expected::TrueFalse(true), &POOL, 1, "x"), None);
    }
}
