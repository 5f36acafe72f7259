//! Leeches: a card missed `leech_threshold` times is marked in the transcript, listed by
//! `quiz missed --leeches` and counted by `quiz decks`.

use crate::common::{
    capitals_deck, capitals_missing, card_row, decks_row, due_of, instant, path_arg, q, quiz_with,
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
    assert_eq!(
        run.stdout,
        "\
+------+------+--------+---------+--------------------+
| deck | card | lapses | reviews | question           |
+=====================================================+
| t    | fr   |      2 |       5 | Capital of France? |
+------+------+--------+---------+--------------------+
"
    );

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

/// A review log for deck `deck`: card `fr` right, then missed on two later days (two
/// lapses), and card `de` right once.
fn two_lapses(deck: &str) -> String {
    format!(
        "card_id,review_time,review_rating,deck,card\n\
         1,2026-02-01T09:00:00Z,3,{deck},fr\n\
         1,2026-02-10T09:00:00Z,1,{deck},fr\n\
         1,2026-02-20T09:00:00Z,1,{deck},fr\n\
         2,2026-02-01T09:00:00Z,3,{deck},de\n"
    )
}

#[test]
fn a_deck_known_from_its_history_alone_has_its_leeches_listed_as_a_table_or_json() {
    let quiz = quiz_with(&capitals_deck(2));
    let config = quiz.write("config.toml", "leech_threshold = 2\n");
    let log = quiz.write("scratch/one.csv", &two_lapses("one"));
    quiz.run(&["history", "import", path_arg(&log)], "")
        .success();
    let table = "\
+------+------+--------+---------+----------------+
| deck | card | lapses | reviews | question       |
+=================================================+
| one  | fr   |      2 |       3 | (no deck file) |
+------+------+--------+---------+----------------+
";
    // Named, or among every known deck: the same deck that `quiz stats one` shows.
    for args in [
        &["missed", "--leeches", "one"][..],
        &["missed", "--leeches"],
    ] {
        let run = run_command(with_config(&quiz, &config, args), "");
        run.success();
        assert_eq!(run.stdout, table, "{args:?}");
        assert_eq!(run.stderr, "", "{args:?}");
    }
    quiz.run(&["stats", "one"], "").success();

    let json = run_command(
        with_config(&quiz, &config, &["missed", "--leeches", "--json"]),
        "",
    );
    json.success();
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!([
            {"deck": "one", "card": "fr", "lapses": 2, "reviews": 3, "question": null}
        ])
    );
    let none = quiz.run(&["missed", "--leeches", "--json"], "");
    none.success();
    assert_eq!(none.stdout, "[]\n", "no leech at the default threshold");

    // Its cards cannot be asked, and the error says why rather than "no deck named".
    for command in ["start", "missed", "cram"] {
        let run = quiz.run(&[command, "one"], "");
        assert_eq!(run.code, 1, "{command}");
        assert_eq!(
            run.stderr,
            "quiz: error: deck `one` has no deck file: it is known only from its history, so it \
             has no cards to ask (`quiz stats one` shows its progress)\n",
            "{command}"
        );
    }
    // An unknown name lists every known deck, those from history too.
    let run = quiz.run(&["missed", "--leeches", "two"], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "quiz: error: no deck named `two`; known decks: secret-speech, t, one\n"
    );
}

#[test]
fn a_deck_studied_by_its_path_keeps_its_leeches_listed_with_their_questions() {
    let quiz = quiz_with(&capitals_deck(1));
    let config = quiz.write("config.toml", "leech_threshold = 2\n");
    let path = quiz.write("elsewhere/geo.toml", &capitals_deck(2));
    let log = quiz.write("scratch/geo.csv", &two_lapses("geo"));
    quiz.run(&["history", "import", path_arg(&log)], "")
        .success();
    // Named by its path once, so its cards are indexed.
    let named = run_command(
        with_config(&quiz, &config, &["missed", "--leeches", path_arg(&path)]),
        "",
    );
    named.success();
    let table = "\
+------+------+--------+---------+--------------------+
| deck | card | lapses | reviews | question           |
+=====================================================+
| geo  | fr   |      2 |       3 | Capital of France? |
+------+------+--------+---------+--------------------+
";
    assert_eq!(named.stdout, table);
    // Without a deck named, the path deck is known from its history.
    let all = run_command(with_config(&quiz, &config, &["missed", "--leeches"]), "");
    all.success();
    assert_eq!(all.stdout, table);
}
