//! `reverse = true` on a card or a deck: the card is also asked answer to question, with
//! its own progress.

use crate::common::{asked, capital_of, card_row, decks_row, q, quiz_with};
use crate::harness::converse;

const REVERSED: &str = r#"
title = "Reversed"

[[cards]]
id = "fr"
question = "Capital of France?"
answer = "Paris"
reverse = true

[[cards]]
id = "de"
question = "Capital of Germany?"
answer = "Berlin"
"#;

const REVERSED_DECK: &str = r#"
title = "Reversed deck"
reverse = true

[[cards]]
id = "it"
question = "Capital of Italy?"
answer = "Rome"

[[cards]]
id = "es"
question = "Capital of Spain?"
answer = "Madrid"

[[cards]]
id = "pt"
question = "Capital of Portugal?"
answer = "Lisbon"
reverse = false

[[cards]]
id = "flat"
question = "The earth is flat."
answer = false
"#;

#[test]
fn a_reversed_card_is_asked_answer_to_question_with_its_own_progress() {
    let quiz = quiz_with(REVERSED);
    quiz.write("decks/u.toml", REVERSED_DECK);

    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(
        decks_row(&run, "t")[3..5],
        ["3", "3"],
        "fr, fr~r and de:\n{}",
        run.stdout
    );
    assert_eq!(
        decks_row(&run, "u")[3..5],
        ["6", "6"],
        "it, it~r, es, es~r, pt and flat:\n{}",
        run.stdout
    );

    // fr right, de right, then fr~r (a card's reverse waits for the other notes' cards)
    // wrong, then right when it comes back.
    let mut reverse_seen = false;
    let run = converse(&quiz, &["start", "t"], |question| {
        Some(
            match question {
                "Paris" if !reverse_seen => {
                    reverse_seen = true;
                    "Capital of Spain?"
                }
                "Paris" => "Capital of France?",
                other => capital_of(other),
            }
            .into(),
        )
    });
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("France"), q("Germany"), "Paris".into(), "Paris".into()],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("wrong\n  answer: Capital of France?\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts(), ["right", "right", "wrong", "right"]);
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict FROM reviews ORDER BY id"),
        [
            ["fr", "3", "right"],
            ["de", "3", "right"],
            ["fr~r", "1", "wrong"],
            ["fr~r", "3", "right"]
        ]
    );
    let fr = card_row(&quiz, "fr");
    let reverse = card_row(&quiz, "fr~r");
    assert_eq!(fr[4], "1", "reps of fr");
    assert_eq!(reverse[4], "2", "reps of fr~r");
    assert_ne!(
        fr[..3],
        reverse[..3],
        "stability, difficulty and due differ"
    );
    assert_eq!(
        card_row(&quiz, "de")[..3],
        fr[..3],
        "fr and de: one Good each"
    );

    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(decks_row(&run, "t")[3..7], ["3", "0", "0", "3"]);

    // The deck-level flag: answered the other way round, each with its own row; the
    // reverses come after every card of another note.
    let run = quiz.run(
        &["start", "u", "--limit", "5"],
        "Rome\nMadrid\nLisbon\nfalse\nCapital of Italy?\n",
    );
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            q("Italy"),
            q("Spain"),
            q("Portugal"),
            "The earth is flat.".into(),
            "Rome".into()
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.verdicts(),
        ["right", "right", "right", "right", "right"]
    );
    assert_eq!(
        quiz.rows("SELECT card FROM cards WHERE deck = 'u' ORDER BY card"),
        [["es"], ["flat"], ["it"], ["it~r"], ["pt"]]
    );
    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(decks_row(&run, "u")[3..5], ["6", "1"]);
}
