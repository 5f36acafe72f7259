//! `case_sensitive`, `exact` and `transliterate` on a deck and on a card: `quiz check` reads them, and a
//! session judges by them, also when the cards come back from the deck index.

use crate::common::{asked, quiz_with};
use crate::harness::converse;

const FORMULAS: &str = r#"
title = "Formulas"
case_sensitive = true

[[cards]]
id = "co"
question = "Carbon monoxide?"
answer = "CO"

[[cards]]
id = "salt"
question = "Table salt, in words?"
answer = "sodium chloride"
case_sensitive = false

[[cards]]
id = "inc"
question = "Add one to x, in place?"
answer = "x += 1"
exact = true
"#;

#[test]
fn a_case_sensitive_deck_tells_co_from_co() {
    let mut quiz = quiz_with(FORMULAS);
    let run = quiz.run(&["check", "t"], "");
    run.success();

    // `Co` is cobalt: wrong, and the card comes back. The card that turns case off takes
    // any case; the exact card takes no typo.
    let run = quiz.run(&["start", "t"], "Co\nSodium Chloride\nx+=1\nCO\nx  +=  1\n");
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            "Carbon monoxide?",
            "Table salt, in words?",
            "Add one to x, in place?",
            "Carbon monoxide?",
            "Add one to x, in place?"
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.verdicts(),
        ["wrong", "right", "wrong", "right", "right"],
        "{}",
        run.stdout
    );

    // A month later the cards are due and read from the deck index: still strict.
    quiz.at("2026-04-01T09:00:00Z");
    let mut tried = Vec::new();
    let run = converse(&quiz, &["start", "t"], |question| {
        let first = !tried.contains(&question.to_string());
        tried.push(question.to_string());
        Some(
            match (question, first) {
                ("Carbon monoxide?", true) => "co",
                ("Carbon monoxide?", false) => "CO",
                ("Table salt, in words?", _) => "SODIUM CHLORIDE",
                (_, true) => "X += 1",
                (_, false) => "x += 1",
            }
            .into(),
        )
    });
    run.success();
    let mut verdicts = run.verdicts();
    verdicts.sort();
    assert_eq!(
        verdicts,
        ["right", "right", "right", "wrong", "wrong"],
        "{}",
        run.stdout
    );
}

#[test]
fn check_reports_strictness_that_makes_no_sense() {
    let quiz = quiz_with(
        r#"
exact = true

[[cards]]
id = "flat"
question = "The earth is flat."
answer = false
case_sensitive = true

[[cards]]
id = "co"
question = "Carbon monoxide?"
answer = "CO"
case_sensitive = false
"#,
    );
    let run = quiz.run(&["check", "t"], "");
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "error[E013]: `case_sensitive` works only on typed-answer cards; a truefalse card's answer is picked, not spelled"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("t.toml:8:18"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "error[E013]: `case_sensitive = false` contradicts the deck's `exact = true`"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("t.toml:14:18"), "{}", run.stdout);
}

#[test]
fn a_transliterating_deck_takes_a_romanisation_as_close() {
    let quiz = quiz_with(
        r#"
title = "Russian"
transliterate = true

[[cards]]
id = "thanks"
question = "Thank you, in Russian?"
answer = "спасибо"

[[cards]]
id = "yes"
question = "Yes, in Russian?"
answer = "да"
transliterate = false
"#,
    );
    quiz.run(&["check", "t"], "").success();
    let run = quiz.run(&["start", "t"], "spasibo\nda\nда\n");
    run.success();
    assert_eq!(
        run.verdicts(),
        ["close — forgiven: romanisation", "wrong", "right"],
        "{}",
        run.stdout
    );
    // Close is a Hard review.
    let ratings = quiz.rows("SELECT card, rating, verdict FROM reviews ORDER BY id");
    assert_eq!(ratings[0], ["thanks", "2", "close"], "{ratings:?}");
}
