//! The verdict explains itself in the plain transcript: an answer that is another card's
//! answer in the same deck is wrong, and says whose answer it is.

use crate::common::quiz_with;

const CAPITALS: &str = r#"
title = "Ulyanovs"

[[cards]]
id = "canberra"
question = "The surname of Lenin's sister Maria?"
answer = "Ulyanova"

[[cards]]
id = "vienna"
question = "Lenin's family name?\u001b[2J"
answer = "Ulyanov"
"#;

#[test]
fn another_cards_answer_is_wrong_and_names_that_card() {
    let quiz = quiz_with(CAPITALS);
    let run = quiz.run(&["start", "t"], "Ulyanov\nUlyanov\nUlyanova\n");
    run.success();
    // The question is escaped like every line of the transcript.
    assert_eq!(
        run.verdicts(),
        [
            "wrong — that is the answer to: Lenin's family name?\\e[2J",
            "right",
            "right"
        ],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
}

#[test]
fn a_slip_that_is_no_other_answer_stays_close() {
    let quiz = quiz_with(CAPITALS);
    let run = quiz.run(&["start", "t"], "Ulianova\nUlyanov\n");
    run.success();
    assert!(
        run.stdout
            .contains("close — forgiven: typo\n  answer: Ulyanova\n"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("that is the answer to"),
        "{}",
        run.stdout
    );
}
