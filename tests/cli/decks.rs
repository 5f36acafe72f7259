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
