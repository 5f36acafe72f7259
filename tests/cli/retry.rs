//! A card answered wrong comes back in the same session three to five cards later (at the
//! end when few are left), at a place the seed fixes, until it is answered right.

use crate::common::{
    NOW, asked, capital_of, capitals_deck, card_row, instant, millis, questions, quiz_with,
    summary, without_time,
};
use crate::harness::{Quiz, Run, converse};

/// A six-card session where the first card (France) is missed once, every other answer right.
fn miss_the_first(quiz: &Quiz, seed: &str) -> Run {
    let mut missed = false;
    converse(quiz, &["start", "t", "--seed", seed], |question| {
        if question == "Capital of France?" && !missed {
            missed = true;
            return Some("Lyon".into());
        }
        Some(capital_of(question).into())
    })
}

#[test]
fn a_missed_card_comes_back_three_to_five_cards_later_until_answered_right() {
    for seed in ["1", "2", "3", "7", "42", "1000"] {
        let quiz = quiz_with(&capitals_deck(6));
        let run = miss_the_first(&quiz, seed);
        run.success();
        let asked = questions(&run.stdout);
        let order: Vec<&str> = asked.iter().map(|(_, _, q)| q.as_str()).collect();
        assert_eq!(order.len(), 7, "seed {seed}:\n{}", run.stdout);
        assert_eq!(order[0], "Capital of France?");
        let again = order[1..]
            .iter()
            .position(|q| *q == "Capital of France?")
            .map(|p| p + 1)
            .unwrap_or_else(|| panic!("seed {seed}: never asked again:\n{}", run.stdout));
        let between = again - 1;
        assert!(
            (3..=5).contains(&between),
            "seed {seed}: {between} cards between:\n{}",
            run.stdout
        );
        // Every other card exactly once, in file order.
        let others: Vec<&str> = order
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 0 && *i != again)
            .map(|(_, q)| *q)
            .collect();
        assert_eq!(
            others,
            [
                "Capital of Germany?",
                "Capital of Italy?",
                "Capital of Spain?",
                "Capital of Portugal?",
                "Capital of Austria?"
            ]
        );
        // `[N/T]`: the miss adds one question to the session.
        let counts: Vec<(usize, usize)> = asked.iter().map(|(n, t, _)| (*n, *t)).collect();
        assert_eq!(
            counts,
            [(1, 6), (2, 7), (3, 7), (4, 7), (5, 7), (6, 7), (7, 7)]
        );
        assert_eq!(
            run.verdicts(),
            [
                "wrong", "right", "right", "right", "right", "right", "right"
            ]
        );
        assert_eq!(
            summary(&run)[0],
            "session: 7 asked, 6 right, 0 close, 1 wrong in <time>"
        );

        let now = millis(NOW).to_string();
        assert_eq!(
            quiz.rows(
                "SELECT rating, verdict, given_answer FROM reviews WHERE card = 'fr' ORDER BY id"
            ),
            vec![vec!["1", "wrong", "Lyon"], vec!["3", "right", "Paris"]]
        );
        assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 7);
        // Same-day repeat: two reps, no lapse (nothing was learned yet), first seen now.
        assert_eq!(
            quiz.rows(
                "SELECT reps, lapses, last_review, first_review FROM cards WHERE card = 'fr'"
            ),
            vec![vec!["2", "0", &now, &now]]
        );
        let fr = card_row(&quiz, "fr");
        let de = card_row(&quiz, "de");
        let due: i64 = fr[2].parse().expect("due");
        assert!(
            due >= millis("2026-03-02T04:00:00Z"),
            "due {}",
            instant(due)
        );
        // Again-then-Good leaves a weaker memory than a plain Good.
        assert_ne!(fr[..2], de[..2]);
        assert!(
            fr[0].parse::<f64>().expect("stability") < de[0].parse::<f64>().expect("stability")
        );
    }
}

#[test]
fn the_same_seed_brings_a_missed_card_back_at_the_same_place() {
    let first = quiz_with(&capitals_deck(6));
    let second = quiz_with(&capitals_deck(6));
    let a = miss_the_first(&first, "11");
    let b = miss_the_first(&second, "11");
    assert_eq!(without_time(&a.stdout), without_time(&b.stdout));
}

#[test]
fn a_miss_with_few_cards_left_comes_back_at_the_end() {
    let quiz = quiz_with(&capitals_deck(3));
    let run = quiz.run(&["start", "t"], "Paris\nBonn\nRome\nBerlin\n");
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            "Capital of France?",
            "Capital of Germany?",
            "Capital of Italy?",
            "Capital of Germany?"
        ]
    );
    assert_eq!(run.verdicts(), ["right", "wrong", "right", "right"]);
}
