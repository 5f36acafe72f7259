//! `--tag`: cards picked by their own tags or their deck's, in `quiz start`, `quiz cram` and
//! `quiz missed`.

use std::collections::BTreeSet;

use crate::common::{all_right, asked, capital_questions, capitals_missing, q, quiz_with};
use crate::harness::{Quiz, converse};

const TAGGED: &str = r#"
title = "Tagged"
tags = ["geo"]

[[cards]]
id = "fr"
question = "Capital of France?"
answer = "Paris"
tags = ["x"]

[[cards]]
id = "de"
question = "Capital of Germany?"
answer = "Berlin"

[[cards]]
id = "it"
question = "Capital of Italy?"
answer = "Rome"
tags = ["x", "y"]
"#;

const UNTAGGED_DECK: &str = r#"
title = "Other"

[[cards]]
id = "es"
question = "Capital of Spain?"
answer = "Madrid"
tags = ["x"]

[[cards]]
id = "pt"
question = "Capital of Portugal?"
answer = "Lisbon"
"#;

fn tagged_quiz() -> Quiz {
    let quiz = quiz_with(TAGGED);
    quiz.write("decks/u.toml", UNTAGGED_DECK);
    quiz
}

#[test]
fn tags_select_cards_by_card_or_deck_tag_on_start_missed_and_cram() {
    // start
    let quiz = tagged_quiz();
    let run = converse(&quiz, &["start", "t", "u", "--tag", "x"], all_right);
    run.success();
    // New cards are taken from the decks in turn.
    assert_eq!(asked(&run.stdout), [q("France"), q("Spain"), q("Italy")]);
    let quiz = tagged_quiz();
    let run = converse(&quiz, &["start", "t", "u", "--tag", "geo"], all_right);
    run.success();
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany"), q("Italy")]);
    let quiz = tagged_quiz();
    let run = converse(
        &quiz,
        &[
            "start", "t", "u", "--tag", "y", "--tag", "nope", "--tag", "geo",
        ],
        all_right,
    );
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("France"), q("Germany"), q("Italy")],
        "repeated: any of the tags"
    );

    // cram
    let run = converse(
        &quiz,
        &["cram", "t", "u", "--tag", "x", "--seed", "1"],
        all_right,
    );
    run.success();
    let crammed: BTreeSet<String> = asked(&run.stdout).into_iter().collect();
    assert_eq!(
        crammed,
        [q("France"), q("Italy"), q("Spain")].into_iter().collect()
    );
    assert!(run.stdout.starts_with("Cramming 3 cards"), "{}", run.stdout);
    let run = quiz.run(&["cram", "t", "u", "--tag", "nope"], "");
    run.success();
    assert_eq!(
        run.stdout,
        "Nothing to cram: no card has the tag nope (tags in these decks: geo, x, y).\n"
    );

    // missed: every card missed once, then drilled by tag.
    let quiz = tagged_quiz();
    let every = capital_questions(5);
    let run = converse(&quiz, &["start", "t", "u"], capitals_missing(&every));
    run.success();
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE rating = 1"),
        5
    );
    let run = converse(&quiz, &["missed", "t", "u", "--tag", "x"], all_right);
    run.success();
    assert!(
        run.stdout.starts_with("Drilling 3 cards missed"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("France"), q("Italy"), q("Spain")]);
    let run = converse(&quiz, &["missed", "t", "u", "--tag", "geo"], all_right);
    run.success();
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany"), q("Italy")]);
}
