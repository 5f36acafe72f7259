//! Wrong answers for showing a typed card as multiple choice (`--mode choice`).
//!
//! A distractor that looks nothing like the answer gives it away, so candidates are other
//! cards' answers of the same shape (a date for a date, a number for a number, a name for a
//! name). Pure and seeded: the same seed and card give the same choices.

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use crate::judge::{self, Expected};

pub const DISTRACTORS: usize = 3;

/// Choices for a typed card whose answer is `expected`, drawn from `pool` (other cards'
/// answers); `None` when the card is not a typed card. `salt` makes each card's choices its own.
pub fn as_choice(expected: &Expected, pool: &[&str], seed: u64, salt: &str) -> Option<Expected> {
    let Expected::Text { answer, .. } = expected else {
        return None;
    };
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ crate::stable_hash::fnv1a(salt.bytes()));
    let wanted = judge::shape(answer);
    let mut seen = vec![judge::normalise(answer)];
    let mut same = Vec::new();
    let mut other = Vec::new();
    for candidate in pool {
        let key = judge::normalise(candidate);
        // Anything the card would accept as right cannot be offered as wrong.
        if key.is_empty() || seen.contains(&key) || judge::judge(expected, candidate).is_accepted()
        {
            continue;
        }
        seen.push(key);
        if judge::shape(candidate) == wanted {
            same.push((*candidate).to_string());
        } else {
            other.push((*candidate).to_string());
        }
    }
    same.shuffle(&mut rng);
    other.shuffle(&mut rng);
    let mut choices: Vec<String> = same.into_iter().chain(other).take(DISTRACTORS).collect();
    let at = rng.random_range(0..=choices.len());
    choices.insert(at, answer.clone());
    Some(Expected::Choice {
        choices,
        answer: at,
    })
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
            accept: vec![],
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
            assert_eq!(judge::shape(choice), judge::Shape::Number, "{choices:?}");
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
    fn accepted_spellings_are_not_offered_as_wrong() {
        let expected = Expected::Text {
            answer: "1956".into(),
            accept: vec!["1953".into()],
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
    fn only_typed_cards_become_choices() {
        assert_eq!(as_choice(&Expected::TrueFalse(true), &POOL, 1, "x"), None);
    }
}
