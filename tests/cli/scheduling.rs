//! What `quiz start` asks and when: the daily limit of new cards, due instants, the learner
//! day that rolls over at 04:00, and damaged scheduler parameters.

use crate::common::{NOW, capitals_deck, due_of, instant, millis, questions, quiz_with};

#[test]
fn new_cards_stop_at_the_daily_limit_counting_cards_first_seen_today() {
    let quiz = quiz_with(&capitals_deck(6));
    let run = quiz.run(&["start", "t", "--new", "2"], "Paris\nBerlin\nRome\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![
            (1, 2, "Capital of France?".to_string()),
            (2, 2, "Capital of Germany?".to_string())
        ]
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 2);

    // Same learner day: the two seen count against --new 3.
    let run = quiz.run(&["start", "t", "--new", "3"], "Rome\nMadrid\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of Italy?".to_string())]
    );
    assert_eq!(run.verdicts(), ["right"]);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 3);
    assert_eq!(
        quiz.rows("SELECT card FROM cards ORDER BY card"),
        vec![vec!["de"], vec!["fr"], vec!["it"]]
    );

    // The limit is used up: nothing new for --new 3 today.
    let run = quiz.run(&["start", "t", "--new", "3"], "Madrid\n");
    run.success();
    assert!(
        run.stdout.starts_with("Nothing to study now: "),
        "{}",
        run.stdout
    );

    // --limit caps the session whatever the new-card allowance.
    let quiz = quiz_with(&capitals_deck(6));
    let run = quiz.run(&["start", "t", "--limit", "1"], "Paris\nBerlin\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of France?".to_string())]
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);
}

#[test]
fn nothing_to_study_after_every_card_is_answered_right() {
    let quiz = quiz_with(&capitals_deck(3));
    let run = quiz.run(&["start", "t"], "Paris\nBerlin\nRome\n");
    run.success();
    assert_eq!(run.verdicts(), ["right", "right", "right"]);

    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(
        run.stdout,
        "\
Nothing to study now: no cards are due and no new cards are left for today.
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 3);
    // Nothing to study opens no session.
    assert_eq!(quiz.count("SELECT COUNT(*) FROM sessions"), 1);
}

#[test]
fn a_card_answered_right_comes_back_once_its_due_instant_has_passed() {
    let mut quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(run.verdicts(), ["right"]);
    let due = due_of(&quiz, "fr");
    assert!(due > millis(NOW));

    // Later the same day: nothing.
    let run = quiz
        .at("2026-03-01T20:00:00Z")
        .run(&["start", "t"], "Paris\n");
    run.success();
    assert!(
        run.stdout.starts_with("Nothing to study now: "),
        "{}",
        run.stdout
    );

    // Once its due instant has passed: asked again.
    let after = instant(due + 60_000);
    let run = quiz.at(&after).run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of France?".to_string())],
        "at {after}"
    );
    assert_eq!(run.verdicts(), ["right"]);
    assert_eq!(
        quiz.rows("SELECT reps, lapses FROM cards"),
        vec![vec!["2", "0"]]
    );
    assert_eq!(
        quiz.rows("SELECT reviewed_at FROM reviews ORDER BY id"),
        vec![
            vec![millis(NOW).to_string()],
            vec![millis(&after).to_string()]
        ]
    );
}

#[test]
fn the_learner_day_rolls_over_at_four_in_the_morning() {
    let mut quiz = quiz_with(&capitals_deck(3));
    let run = quiz
        .at("2026-03-01T23:00:00Z")
        .run(&["start", "t", "--new", "1"], "Paris\nBerlin\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of France?".to_string())]
    );

    // 03:00 the next calendar day is still the same learner day: the one new card is used.
    let run = quiz
        .at("2026-03-02T03:00:00Z")
        .run(&["start", "t", "--new", "1"], "Berlin\n");
    run.success();
    assert!(
        run.stdout.starts_with("Nothing to study now: "),
        "{}",
        run.stdout
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);

    // After 04:00 a new day starts and one new card is offered again.
    let run = quiz
        .at("2026-03-02T04:30:00Z")
        .run(&["start", "t", "--new", "1"], "Berlin\nRome\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of Germany?".to_string())]
    );
    assert_eq!(
        quiz.rows("SELECT card, first_review FROM cards ORDER BY first_review"),
        vec![
            vec!["fr".to_string(), millis("2026-03-01T23:00:00Z").to_string()],
            vec!["de".to_string(), millis("2026-03-02T04:30:00Z").to_string()],
        ]
    );
}

#[test]
fn damaged_saved_parameters_warn_and_do_not_stop_a_session() {
    let quiz = quiz_with(&capitals_deck(1));
    // A session that ends before its first answer creates the store (a reader creates nothing).
    quiz.run(&["start", "t"], "").success();
    quiz.db()
        .execute(
            "INSERT INTO meta (key, value) VALUES ('fsrs_parameters', '[1, 2]')",
            [],
        )
        .expect("damage the parameters");
    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(run.verdicts(), ["right"]);
    assert!(
        run.stderr.contains("the scheduler parameters saved in")
            && run.stderr.contains("are damaged; using the defaults"),
        "{}",
        run.stderr
    );
}
