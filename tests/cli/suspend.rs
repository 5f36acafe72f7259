//! Suspension: `:suspend` at a question keeps a card out of every session (start, missed,
//! cram) until `quiz suspended --restore` brings it back; the suspension lives in the
//! database, `quiz suspended` lists it and `quiz decks` counts it.

use crate::common::{
    NOW, all_right, asked, capitals_deck, decks_row, millis, q, quiz_with, without_time,
};
use crate::harness::{Quiz, converse};

/// In `capitals_deck(5)`: suspends Germany and Spain at their questions, and Italy at the
/// retry of its miss. Returns the run's stdout.
fn suspend_three(quiz: &Quiz) -> String {
    let run = quiz.run(
        &["start", "t"],
        "Paris\n:suspend\nOslo\n:suspend\nLisbon\n:suspend\n",
    );
    run.success();
    run.stdout
}

#[test]
fn suspend_at_a_question_leaves_the_card_unanswered_and_out_of_the_session() {
    let quiz = quiz_with(&capitals_deck(5));
    let run = quiz.run(&["start", "t"], "Paris\n:suspend\nRome\n:suspend\nLisbon\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/5] Capital of France?
right
  answer: Paris

[2/5] Capital of Germany?
suspended: not asked again until `quiz suspended t --restore de`
[2/4] Capital of Italy?
right
  answer: Rome

[3/4] Capital of Spain?
suspended: not asked again until `quiz suspended t --restore es`
[3/3] Capital of Portugal?
right
  answer: Lisbon

All done for now.
session: 3 asked, 3 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
    assert_eq!(
        quiz.rows("SELECT deck, card, suspended_at FROM suspended ORDER BY card"),
        [
            ["t", "de", &millis(NOW).to_string()],
            ["t", "es", &millis(NOW).to_string()],
        ]
    );
    // Never answered, so never reviewed: no review and no card row.
    assert_eq!(
        quiz.rows("SELECT card FROM reviews ORDER BY id"),
        [["fr"], ["it"], ["pt"]]
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM cards WHERE card IN ('de', 'es')"),
        0
    );
    // The deck file is not touched.
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    assert_eq!(text, capitals_deck(5));
}

#[test]
fn a_card_suspended_after_a_miss_keeps_its_answer_but_is_not_retried() {
    let quiz = quiz_with(&capitals_deck(3));
    // Germany is missed; `:suspend` at the next question suspends Italy, the card on
    // screen; the miss of Germany still comes back.
    let run = quiz.run(&["start", "t"], "Paris\nOslo\n:suspend\nBerlin\n");
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("France"), q("Germany"), q("Italy"), q("Germany")]
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        [["fr", "right"], ["de", "wrong"], ["de", "right"]]
    );
    assert_eq!(quiz.rows("SELECT card FROM suspended"), [["it"]]);
}

#[test]
fn suspended_cards_are_left_out_of_start_missed_and_cram_until_restored() {
    let mut quiz = quiz_with(&capitals_deck(5));
    let stdout = suspend_three(&quiz);
    assert_eq!(
        asked(&stdout),
        [
            q("France"),
            q("Germany"),
            q("Italy"),
            q("Spain"),
            q("Portugal"),
            q("Italy")
        ]
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        [["fr", "right"], ["it", "wrong"], ["pt", "right"]]
    );
    assert_eq!(
        quiz.rows("SELECT card FROM suspended ORDER BY card"),
        [["de"], ["es"], ["it"]]
    );

    // Italy was missed in that session, but `missed` does not drill a suspended card.
    let missed = quiz.run(&["missed", "t"], "");
    missed.success();
    assert_eq!(
        missed.stdout,
        "Nothing missed in the session of 2026-03-01 09:00.\n"
    );
    let cram = converse(&quiz, &["cram", "t", "--seed", "1"], all_right);
    cram.success();
    let mut crammed = asked(&cram.stdout);
    crammed.sort();
    assert_eq!(crammed, [q("France"), q("Portugal")]);

    // The next day France and Portugal are due; Germany, Italy and Spain are not asked.
    quiz.at("2026-03-20T09:00:00Z");
    let later = converse(&quiz, &["start", "t"], all_right);
    later.success();
    let mut due = asked(&later.stdout);
    due.sort();
    assert_eq!(due, [q("France"), q("Portugal")]);

    let restored = quiz.run(&["suspended", "--restore", "it"], "");
    restored.success();
    assert_eq!(
        restored.stdout,
        "restored `it` of deck `t`: it is asked again, with the progress it had\n"
    );
    assert_eq!(
        quiz.rows("SELECT card FROM suspended ORDER BY card"),
        [["de"], ["es"]]
    );
    let again = converse(&quiz, &["start", "t"], all_right);
    assert!(
        asked(&again.stdout).contains(&q("Italy")),
        "{}",
        again.stdout
    );

    let all = quiz.run(&["suspended", "--all"], "");
    all.success();
    assert_eq!(
        all.stdout,
        "restored 2 cards: they are asked again, with the progress they had\n"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM suspended"), 0);
    let new = converse(&quiz, &["start", "t"], all_right);
    let asked_now = asked(&new.stdout);
    assert!(asked_now.contains(&q("Germany")), "{}", new.stdout);
}

#[test]
fn quiz_suspended_lists_the_cards_and_quiz_decks_counts_them() {
    let quiz = quiz_with(&capitals_deck(5));
    quiz.write(
        "decks/u.toml",
        "title = \"More\"\n\n[[cards]]\nid = \"de\"\nquestion = \"Largest city of Germany?\"\nanswer = \"Berlin\"\n",
    );
    suspend_three(&quiz);
    let run = quiz.run(&["start", "u"], ":suspend\n");
    run.success();

    let list = quiz.run(&["suspended"], "");
    list.success();
    assert_eq!(
        list.stdout,
        "\
+------+------+--------------------------+------------------+
| deck | card | question                 | suspended        |
+===========================================================+
| t    | de   | Capital of Germany?      | 2026-03-01 09:00 |
| t    | es   | Capital of Spain?        | 2026-03-01 09:00 |
| t    | it   | Capital of Italy?        | 2026-03-01 09:00 |
| u    | de   | Largest city of Germany? | 2026-03-01 09:00 |
+------+------+--------------------------+------------------+
4 cards suspended; `quiz suspended --restore CARD` restores one, `--all` every one.
"
    );
    let one_deck = quiz.run(&["suspended", "u"], "");
    one_deck.success();
    assert!(
        one_deck
            .stdout
            .contains("| u    | de   | Largest city of Germany? |"),
        "{}",
        one_deck.stdout
    );
    assert!(!one_deck.stdout.contains("| t "), "{}", one_deck.stdout);

    // Cards: 5; new: Germany and Spain are new but suspended; due in 7 days: France and
    // Portugal (Italy is due but suspended).
    let decks = quiz.run(&["decks"], "");
    decks.success();
    assert_eq!(decks_row(&decks, "deck")[8], "suspended");
    assert_eq!(
        decks_row(&decks, "t"),
        ["t", "Capitals", "user folder", "5", "0", "0", "2", "0", "3"]
    );
    assert_eq!(
        decks_row(&decks, "u"),
        ["u", "More", "user folder", "1", "0", "0", "0", "0", "1"]
    );
    // `quiz stats` counts the due as `quiz decks` does: Italy is due but suspended.
    let stats = quiz.run(&["stats", "t", "--json"], "");
    stats.success();
    let report: serde_json::Value = serde_json::from_str(&stats.stdout).expect("json");
    let t = &report["decks"][0];
    assert_eq!(
        (t["cards"].as_u64(), t["due_7_days"].as_u64()),
        (Some(5), Some(2)),
        "{t}"
    );

    // `de` is suspended in both decks: restoring it needs the deck.
    let ambiguous = quiz.run(&["suspended", "--restore", "de"], "");
    assert_eq!(ambiguous.code, 2, "{}", ambiguous.stderr);
    assert_eq!(
        ambiguous.stderr,
        "quiz: error: card `de` is suspended in several decks (`t`, `u`): name the deck, as in `quiz suspended t --restore de`\n"
    );
    let chosen = quiz.run(&["suspended", "u", "--restore", "de"], "");
    chosen.success();
    assert_eq!(
        quiz.rows("SELECT deck, card FROM suspended ORDER BY deck, card"),
        [["t", "de"], ["t", "es"], ["t", "it"]]
    );
    let unknown = quiz.run(&["suspended", "--restore", "fr"], "");
    assert_eq!(unknown.code, 1);
    assert_eq!(
        unknown.stderr,
        "quiz: error: card `fr` is not suspended (`quiz suspended` lists the suspended cards)\n"
    );
    let only_u = quiz.run(&["suspended", "u", "--all"], "");
    only_u.success();
    assert_eq!(only_u.stdout, "Nothing to restore: no card is suspended.\n");
    assert_eq!(quiz.count("SELECT COUNT(*) FROM suspended"), 3);
}

#[test]
fn a_suspension_outlives_a_card_that_left_the_deck_and_nothing_is_listed_without_one() {
    let quiz = quiz_with(&capitals_deck(2));
    let empty = quiz.run(&["suspended"], "");
    empty.success();
    assert_eq!(
        empty.stdout,
        "No card is suspended (`:suspend` at a question suspends it).\n"
    );
    assert!(!quiz.db_path().exists(), "listing creates no database");
    quiz.run(&["start", "t"], "Paris\n:suspend\n").success();
    quiz.write("decks/t.toml", &capitals_deck(1));
    let list = quiz.run(&["suspended"], "");
    list.success();
    assert!(
        list.stdout
            .contains("| t    | de   | (not in the deck any more) | 2026-03-01 09:00 |"),
        "{}",
        list.stdout
    );
}
