//! `quiz decks`: the bundled and user decks with their card counts, before and after
//! studying.

use crate::common::{capitals_deck, decks_row, quiz_with};

#[test]
fn decks_lists_bundled_and_user_decks_with_their_counts() {
    let quiz = quiz_with(&capitals_deck(4));
    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(
        decks_row(&run, "deck"),
        [
            "deck",
            "title",
            "from",
            "cards",
            "new",
            "due now",
            "due 7 days",
            "leeches",
            "suspended"
        ]
    );
    let bundled = decks_row(&run, "secret-speech");
    assert_eq!(bundled[1], "Khrushchev's Secret Speech (1956)");
    assert_eq!(bundled[2], "bundled");
    assert_eq!(bundled[3], bundled[4], "every bundled card is new");
    assert_eq!(bundled[5..], ["0", "0", "0", "0"]);
    assert_eq!(
        decks_row(&run, "t"),
        ["t", "Capitals", "user folder", "4", "4", "0", "0", "0", "0"]
    );

    let studied = quiz.run(&["start", "t"], "Paris\nBerlin\n:q\n");
    studied.success();
    assert_eq!(studied.verdicts(), ["right", "right"]);

    let after = quiz.run(&["decks"], "");
    after.success();
    assert_eq!(
        decks_row(&after, "t"),
        ["t", "Capitals", "user folder", "4", "2", "0", "2", "0", "0"]
    );
    assert_eq!(decks_row(&after, "secret-speech"), bundled);
}

/// Issue 18: a deck known only from its history (an imported log, a deck file since
/// deleted) is a known deck for `quiz decks` too, as it is for `stats` and the leech list.
#[test]
fn a_deck_known_only_from_its_history_is_listed_after_the_deck_files() {
    let quiz = quiz_with(&capitals_deck(2));
    let log = quiz.write(
        "scratch/gone.csv",
        "card_id,review_time,review_rating,deck,card\n\
         1,2026-02-01T09:00:00Z,3,gone,fr\n\
         2,2026-02-01T09:00:00Z,3,gone,de\n\
         2,2026-02-10T09:00:00Z,1,gone,de\n",
    );
    quiz.run(&["history", "import", crate::common::path_arg(&log)], "")
        .success();
    let run = quiz.run(&["decks"], "");
    run.success();
    let gone = decks_row(&run, "gone");
    assert_eq!(
        gone[..5],
        ["gone", "", "history only", "2", "0"],
        "{}",
        run.stdout
    );
    assert_eq!(gone[8], "0", "{}", run.stdout);
    // After the deck files, in the table and in the JSON.
    let order: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.trim_matches('|').split('|').next())
        .map(str::trim)
        .filter(|cell| ["secret-speech", "t", "gone"].contains(cell))
        .collect();
    assert_eq!(order, ["secret-speech", "t", "gone"], "{}", run.stdout);
    let json = quiz.run(&["decks", "--json"], "");
    json.success();
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["decks"][2]["deck"], "gone");
    assert_eq!(value["decks"][2]["from"], "history only");
    assert_eq!(value["decks"][2]["cards"], 2);
}
