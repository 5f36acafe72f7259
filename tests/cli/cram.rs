//! `quiz cram`: every card asked in an order the seed fixes; the answers are logged and the
//! schedules left alone.

use std::collections::BTreeSet;

use crate::common::{
    UNDONE, all_right, asked, capital_of, capital_questions, capitals_deck, capitals_missing,
    cards_table, q, quiz_with, summary, summary_line,
};
use crate::harness::converse;

#[test]
fn cram_asks_every_card_and_leaves_the_cards_table_unchanged() {
    let quiz = quiz_with(&capitals_deck(5));
    // Two cards studied already (not due again for days), three never seen.
    let run = quiz.run(&["start", "t", "--new", "2"], "Paris\nBerlin\n");
    run.success();
    let before = cards_table(&quiz);
    assert_eq!(before.len(), 2);
    let reviews_before = quiz.count("SELECT COUNT(*) FROM reviews");

    // The first card: wrong, taken back (`:undo` at the second question), wrong again,
    // overridden right (`:right` at the second question); everything else right.
    let mut calls = 0;
    let mut first = String::new();
    let run = converse(&quiz, &["cram", "t", "--seed", "5"], |question| {
        calls += 1;
        match calls {
            1 => {
                first = question.to_string();
                Some("no idea".into())
            }
            2 => Some(":undo".into()),
            3 => {
                assert_eq!(question, first, "the undone card is asked again");
                Some("still no idea".into())
            }
            4 => Some(":right".into()),
            _ => Some(capital_of(question).into()),
        }
    });
    run.success();
    assert!(
        run.stdout
            .starts_with("Cramming 5 cards: answers are logged, schedules are left alone.\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("\n{UNDONE}\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\noverridden: right\n"),
        "{}",
        run.stdout
    );
    let questions = asked(&run.stdout);
    let every: BTreeSet<String> = capital_questions(5).into_iter().collect();
    assert_eq!(
        questions.iter().cloned().collect::<BTreeSet<_>>(),
        every,
        "every card, studied or not:\n{}",
        run.stdout
    );
    // The first card twice (undo); the second card at the undo, after it, and read again
    // after the override; then the other three once each. The overridden miss never returns.
    assert_eq!(questions.len(), 8, "{}", run.stdout);
    assert_eq!(questions[2], questions[0], "{}", run.stdout);
    assert_eq!(questions[3], questions[1], "{}", run.stdout);
    assert_eq!(questions[4], questions[1], "{}", run.stdout);
    assert!(
        !questions[5..].contains(&questions[0]) && !questions[5..].contains(&questions[1]),
        "{}",
        run.stdout
    );
    assert_eq!(
        summary_line(&run),
        "session: 5 asked, 5 right, 0 close, 0 wrong in <time>"
    );

    assert_eq!(
        cards_table(&quiz),
        before,
        "cram leaves every card row as it was"
    );
    assert_eq!(
        quiz.rows(&format!(
            "SELECT mode, COUNT(*) FROM reviews WHERE id > {reviews_before} GROUP BY mode"
        )),
        [["cram", "5"]]
    );
    assert_eq!(
        quiz.count(
            "SELECT COUNT(*) FROM reviews WHERE verdict = 'overridden-right' AND mode = 'cram'"
        ),
        1
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE rating = 1"),
        0,
        "the undone miss is gone and the other was overridden"
    );
    assert_eq!(
        quiz.rows("SELECT mode FROM sessions ORDER BY id"),
        [["review"], ["cram"]]
    );

    // A real miss in cram comes back and still changes no card row.
    let run = converse(
        &quiz,
        &["cram", "t", "--seed", "9"],
        capitals_missing(&[q("France")]),
    );
    run.success();
    assert_eq!(asked(&run.stdout).len(), 6, "{}", run.stdout);
    assert_eq!(cards_table(&quiz), before);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE mode = 'cram' AND rating = 1"),
        1
    );
}

#[test]
fn cram_order_follows_the_seed() {
    let quiz = quiz_with(&capitals_deck(5));
    let order = |seed: &str| {
        let run = converse(&quiz, &["cram", "t", "--seed", seed], all_right);
        run.success();
        assert_eq!(run.verdicts(), ["right"; 5], "{}", run.stdout);
        asked(&run.stdout)
    };
    let five = order("5");
    assert_eq!(five, order("5"), "same seed, same order");
    let mut sorted = five.clone();
    sorted.sort();
    let mut every = capital_questions(5);
    every.sort();
    assert_eq!(sorted, every);
    let others: Vec<Vec<String>> = ["6", "7", "8", "9"].iter().map(|s| order(s)).collect();
    assert!(
        others.iter().any(|o| *o != five),
        "four other seeds all gave the order of seed 5: {five:?}"
    );
    // Cramming never schedules: the deck is still all new.
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 0);
}

#[test]
fn the_cram_summary_says_when_the_real_schedule_is_due() {
    let quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["cram", "t"], "Paris\n");
    run.success();
    assert_eq!(
        summary(&run)[1],
        "next card due: none scheduled yet (cramming schedules nothing; quiz start does)"
    );
    quiz.run(&["start", "t"], "Paris\n").success();
    let run = quiz.run(&["cram", "t"], "Paris\n");
    run.success();
    assert_eq!(
        summary(&run)[1],
        "next card due in your schedule (cramming leaves it alone): 2026-03-03 09:00 (in 2 days)"
    );
}
