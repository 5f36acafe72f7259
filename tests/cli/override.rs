//! `:right` and `:wrong`: overriding the previous verdict rewrites its review and its card's
//! schedule; in plain mode the session ends after the last verdict.

use crate::common::{
    answers, capitals_deck, card_row, questions, quiz_with, summary, without_time,
};

#[test]
fn right_and_wrong_override_the_previous_verdict_and_the_card_row() {
    let quiz = quiz_with(&capitals_deck(6));
    // fr: wrong, overridden right. de: right, overridden wrong (it comes back after the
    // three cards still pending, so `:q` lands on it). it: right. es: wrong.
    let input = "Lyon\n:right\nBerlin\n:wrong\nRome\nBarcelona\nLisbon\nVienna\n:q\n";
    let run = quiz.run(&["start", "t"], input);
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/6] Capital of France?
wrong
  answer: Paris
  next: again after 3 cards, then tomorrow

[2/7] Capital of Germany?
overridden: right
[2/6] Capital of Germany?
right
  answer: Berlin

[3/6] Capital of Italy?
overridden: wrong
[3/7] Capital of Italy?
right
  answer: Rome

[4/7] Capital of Spain?
wrong
  answer: Madrid
  next: again after 3 cards, then tomorrow

[5/8] Capital of Portugal?
right
  answer: Lisbon

[6/8] Capital of Austria?
right
  answer: Vienna

[7/8] Capital of Germany?
session: 6 asked, 4 right, 0 close, 2 wrong in <time>
next card due: 2026-03-02 09:00 (tomorrow)
"
    );
    assert_eq!(
        answers(&quiz),
        vec![
            vec!["fr", "3", "overridden-right", "Lyon"],
            vec!["de", "1", "overridden-wrong", "Berlin"],
            vec!["it", "3", "right", "Rome"],
            vec!["es", "1", "wrong", "Barcelona"],
            vec!["pt", "3", "right", "Lisbon"],
            vec!["at", "3", "right", "Vienna"],
        ]
    );
    // The overridden cards are scheduled exactly as if they had been judged that way.
    assert_eq!(card_row(&quiz, "fr"), card_row(&quiz, "it"));
    assert_eq!(card_row(&quiz, "de"), card_row(&quiz, "es"));
    assert_eq!(card_row(&quiz, "fr")[4..], ["1", "0"]);
    assert_eq!(card_row(&quiz, "de")[4..], ["1", "0"]);
}

#[test]
fn overriding_a_miss_to_right_on_the_last_card_does_not_ask_it_again() {
    // printf 'Paris\nBonn\n:right\n' | quiz start t   (two-card deck)
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t"], "Paris\nBonn\n:right\n");
    run.success();
    let after = run
        .stdout
        .split_once("overridden: right\n")
        .unwrap_or_else(|| panic!("no override:\n{}", run.stdout))
        .1;
    assert!(
        questions(after).is_empty(),
        "the card answered right (by override) was asked again:\n{}",
        run.stdout
    );
    assert_eq!(
        summary(&run)[0],
        "session: 2 asked, 2 right, 0 close, 0 wrong in <time>"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 2);
}

/// Documented limit of plain mode: the session ends after the last verdict, so a script
/// that pipes a trailing `:wrong` changes nothing (the interactive UI offers `w` instead).
#[test]
fn the_session_ends_after_the_last_verdict_in_plain_mode() {
    let quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "t"], "Paris\n:wrong\n");
    run.success();
    assert!(
        !run.stdout.contains("overridden"),
        "stdout:\n{}",
        run.stdout
    );
    assert_eq!(
        quiz.rows("SELECT rating, verdict FROM reviews"),
        vec![vec!["3", "right"]]
    );
}
