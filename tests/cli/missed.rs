//! `quiz missed`: drilling the cards answered wrong in the last session (or within
//! `--since`), recorded as real reviews that reschedule only those cards.

use crate::common::{
    all_right, asked, capital_of, capitals_deck, capitals_missing, card_row, cards_table, millis,
    q, quiz_with, without_time,
};
use crate::harness::converse;

#[test]
fn missed_drills_exactly_the_cards_answered_wrong_and_records_real_reviews() {
    let mut quiz = quiz_with(&capitals_deck(5));
    let miss = [q("Germany"), q("Spain")];
    let run = converse(
        &quiz,
        &["start", "t", "--seed", "3"],
        capitals_missing(&miss),
    );
    run.success();
    assert_eq!(
        run.verdicts(),
        [
            "right", "wrong", "right", "wrong", "right", "right", "right"
        ],
        "{}",
        run.stdout
    );
    let before = cards_table(&quiz);
    let reviews_before = quiz.count("SELECT COUNT(*) FROM reviews");

    // An hour later: only Germany and Spain, in file order, each answered right once.
    let run = quiz
        .at("2026-03-01T10:00:00Z")
        .run(&["missed", "t"], "Berlin\nMadrid\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
Drilling 2 cards missed in the session of 2026-03-01 09:00.
[1/2] Capital of Germany?
right
  answer: Berlin

[2/2] Capital of Spain?
right
  answer: Madrid

All done for now.
session: 2 asked, 2 right, 0 close, 0 wrong in <time>
next card due: 2026-03-02 10:00 (tomorrow)
"
    );
    assert_eq!(run.stderr, "");

    // Real reviews: logged with mode `missed`, in a `missed` session, and scheduled.
    let at = millis("2026-03-01T10:00:00Z").to_string();
    assert_eq!(
        quiz.rows(&format!(
            "SELECT reviewed_at, card, rating, verdict, given_answer, mode FROM reviews \
             WHERE id > {reviews_before} ORDER BY id"
        )),
        [
            [at.as_str(), "de", "3", "right", "Berlin", "missed"],
            [at.as_str(), "es", "3", "right", "Madrid", "missed"],
        ]
    );
    assert_eq!(
        quiz.rows("SELECT mode FROM sessions ORDER BY id"),
        [["review"], ["missed"]]
    );
    let after = cards_table(&quiz);
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(old[..2], new[..2], "same cards in the same order");
        if old[1] == "de" || old[1] == "es" {
            assert_ne!(old, new, "drilled card {} is rescheduled", old[1]);
        } else {
            assert_eq!(old, new, "card {} is untouched", old[1]);
        }
    }
    assert_eq!(before.len(), after.len());
    assert_eq!(card_row(&quiz, "de")[3], at, "last_review");
    assert_eq!(card_row(&quiz, "de")[4], "3", "reps: wrong, right, right");

    // A miss inside the drill comes back until answered right; that drill is now the
    // latest session with misses, so the next `quiz missed` asks Germany only.
    let run = quiz
        .at("2026-03-01T11:00:00Z")
        .run(&["missed", "t", "--seed", "1"], "Bonn\nMadrid\nBerlin\n");
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("Germany"), q("Spain"), q("Germany")],
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts(), ["wrong", "right", "right"]);
    let run = quiz
        .at("2026-03-01T12:00:00Z")
        .run(&["missed", "t"], "Berlin\n");
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 1 card missed in the session of 2026-03-01 11:00.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("Germany")]);
}

#[test]
fn missed_with_nothing_missed_says_so_and_exits_0() {
    let quiz = quiz_with(&capitals_deck(3));
    // No review at all yet.
    let run = quiz.run(&["missed", "t"], "Paris\n");
    run.success();
    assert!(run.stdout.starts_with("Nothing missed"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);

    // Every answer right.
    let run = quiz.run(&["start", "t"], "Paris\nBerlin\nRome\n");
    run.success();
    let run = quiz.run(&["missed", "t"], "Paris\n");
    run.success();
    assert_eq!(
        run.stdout,
        "Nothing missed: no card has been answered wrong yet.\n"
    );
    assert_eq!(run.stderr, "");
    // No session is opened and no review is written.
    assert_eq!(quiz.count("SELECT COUNT(*) FROM sessions"), 1);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 3);
}

#[test]
fn missed_since_leaves_out_misses_older_than_the_window() {
    let mut quiz = quiz_with(&capitals_deck(3));
    // Day 0: France missed (then right).
    let run = converse(&quiz, &["start", "t"], capitals_missing(&[q("France")]));
    run.success();
    assert_eq!(run.verdicts(), ["wrong", "right", "right", "right"]);

    // Three days later: nothing missed within a day, France within a week.
    quiz.at("2026-03-04T09:00:00Z");
    let run = quiz.run(&["missed", "t", "--since", "1d"], "Paris\n");
    run.success();
    assert_eq!(run.stdout, "Nothing missed in the last day.\n");
    assert_eq!(quiz.count("SELECT COUNT(*) FROM sessions"), 1);

    // Two hours before that instant, Germany is missed in a review session.
    let run = converse(
        quiz.at("2026-03-04T07:00:00Z"),
        &["start", "t"],
        capitals_missing(&[q("Germany")]),
    );
    run.success();
    assert!(run.verdicts().contains(&"wrong".to_string()));

    quiz.at("2026-03-04T09:00:00Z");
    let run = converse(&quiz, &["missed", "t", "--since", "1d"], all_right);
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 1 card missed in the last day.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("Germany")]);

    let run = converse(&quiz, &["missed", "t", "--since", "7d"], all_right);
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 2 cards missed in the last 7 days.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany")]);
    assert_eq!(run.verdicts(), ["right", "right"]);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE mode = 'missed'"),
        3
    );
}

#[test]
fn a_miss_overridden_to_right_is_not_missed() {
    let quiz = quiz_with(&capitals_deck(5));
    // France: wrong, then `:right` at Germany's question. Germany: really missed.
    let mut overridden = false;
    let mut germany = 0;
    let run = converse(&quiz, &["start", "t", "--seed", "2"], |question| {
        if question == q("France") {
            return Some("Lyon".into());
        }
        if question == q("Germany") {
            if !overridden {
                overridden = true;
                return Some(":right".into());
            }
            germany += 1;
            return Some(if germany == 1 { "Bonn" } else { "Berlin" }.into());
        }
        Some(capital_of(question).into())
    });
    run.success();
    assert!(
        run.stdout.contains("\noverridden: right\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        asked(&run.stdout)
            .iter()
            .filter(|a| **a == q("France"))
            .count(),
        1,
        "the overridden miss does not come back:\n{}",
        run.stdout
    );
    assert_eq!(
        quiz.rows(
            "SELECT card, rating, verdict FROM reviews WHERE card IN ('fr', 'de') ORDER BY id"
        ),
        [
            ["fr", "3", "overridden-right"],
            ["de", "1", "wrong"],
            ["de", "3", "right"]
        ]
    );

    let run = quiz.run(&["missed", "t"], "Berlin\nParis\n");
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 1 card missed in the session of 2026-03-01 09:00.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("Germany")]);

    // Overriding the only miss leaves nothing missed.
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t"], "Lyon\n:right\nBerlin\n");
    run.success();
    let run = quiz.run(&["missed", "t"], "Paris\n");
    run.success();
    assert!(run.stdout.starts_with("Nothing missed"), "{}", run.stdout);
    assert!(asked(&run.stdout).is_empty(), "{}", run.stdout);
}
