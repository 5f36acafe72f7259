//! Leeches: a card missed `leech_threshold` times is marked in the transcript, listed by
//! `quiz missed --leeches` and counted by `quiz decks`.

use crate::common::{
    capitals_deck, capitals_missing, card_row, decks_row, due_of, instant, q, quiz_with,
    with_config,
};
use crate::harness::{Quiz, converse_command, run_command};

#[test]
fn a_card_missed_leech_threshold_times_is_marked_listed_and_counted() {
    let mut quiz = quiz_with(&capitals_deck(2));
    let config = quiz.write("config.toml", "leech_threshold = 2\n");
    let start = |quiz: &Quiz, stdin: &str| {
        let run = run_command(with_config(quiz, &config, &["start", "t"]), stdin);
        run.success();
        run
    };

    // Day 0: both right (a first review is never a lapse).
    let run = start(&quiz, "Paris\nBerlin\n");
    assert_eq!(run.verdicts(), ["right", "right"]);

    // When France is due: missed (lapse 1), then right.
    let first_miss = instant(due_of(&quiz, "fr") + 60_000);
    quiz.at(&first_miss);
    let run = converse_command(
        with_config(&quiz, &config, &["start", "t"]),
        capitals_missing(&[q("France")]),
    );
    run.success();
    assert_eq!(
        run.verdicts().first().map(String::as_str),
        Some("wrong"),
        "{}",
        run.stdout
    );
    assert_eq!(card_row(&quiz, "fr")[5], "1", "one lapse");

    // On a later day, when due again: missed a second time, a leech now.
    let again = due_of(&quiz, "fr") + 60_000;
    let second_miss = instant(again);
    assert_ne!(
        second_miss[..10],
        first_miss[..10],
        "a later day: {first_miss}, {second_miss}"
    );
    quiz.at(&second_miss);
    let run = converse_command(
        with_config(&quiz, &config, &["start", "t"]),
        capitals_missing(&[q("France")]),
    );
    run.success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("] Capital of France?"))
        .expect("France asked");
    assert_eq!(lines[at + 1], "wrong [leech]", "{}", run.stdout);
    assert_eq!(card_row(&quiz, "fr")[5], "2", "two lapses");

    let run = run_command(
        with_config(&quiz, &config, &["missed", "t", "--leeches"]),
        "",
    );
    run.success();
    assert_eq!(run.stdout, "t/fr\t2 lapses\tCapital of France?\n");

    let run = run_command(with_config(&quiz, &config, &["decks"]), "");
    run.success();
    assert_eq!(decks_row(&run, "t")[7], "1", "{}", run.stdout);

    // With the default threshold (8) it is no leech.
    let run = quiz.run(&["missed", "t", "--leeches"], "");
    run.success();
    assert_eq!(run.stdout, "No leeches: no card has been missed 8 times.\n");
    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(decks_row(&run, "t")[7], "0");
}
