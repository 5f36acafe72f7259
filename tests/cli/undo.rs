//! `:undo` in plain mode: the last answer taken back, the database restored exactly, the
//! card asked again.

use crate::common::{
    UNDONE, asked, capitals_deck, cards_table, due_of, instant, q, question_line, quiz_with,
    summary_line, without_time,
};
use crate::harness::{Live, Quiz};

/// Every row of `cards` and of `reviews`, as strings: two snapshots are equal only if the
/// tables are (REAL columns print in Rust's shortest round-trip form, so equal text is an
/// equal value).
fn snapshot(quiz: &Quiz) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    (
        cards_table(quiz),
        quiz.rows("SELECT * FROM reviews ORDER BY id"),
    )
}

#[test]
fn undo_restores_the_database_exactly_and_asks_the_card_again() {
    let mut quiz = quiz_with(&capitals_deck(3));

    // A new card: its row is removed again and its review deleted.
    let mut live = Live::spawn(&quiz, &["start", "t"]);
    live.until("[1/3] Capital of France?");
    let before = snapshot(&quiz);
    assert_eq!(before, (vec![], vec![]));
    live.send("Paris");
    live.until("[2/3] Capital of Germany?");
    let (cards, reviews) = snapshot(&quiz);
    assert_eq!((cards.len(), reviews.len()), (1, 1), "the answer is saved");
    live.send(":undo");
    live.until(UNDONE);
    live.until("[1/3] Capital of France?");
    assert_eq!(snapshot(&quiz), before, "right answer undone");

    // A wrong answer: undone, and its retry forgotten.
    live.send("Lyon");
    live.until("[2/4] Capital of Germany?");
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE rating = 1"),
        1
    );
    live.send(":undo");
    live.until(UNDONE);
    live.until("[1/3] Capital of France?");
    assert_eq!(snapshot(&quiz), before, "wrong answer undone");
    for answer in ["Paris", "Berlin", "Rome"] {
        live.send(answer);
    }
    let run = live.finish();
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            q("France"),
            q("Germany"),
            q("France"),
            q("Germany"),
            q("France"),
            q("Germany"),
            q("Italy"),
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.verdicts(),
        ["right", "wrong", "right", "right", "right"]
    );
    assert_eq!(
        summary_line(&run),
        "session: 3 asked, 3 right, 0 close, 0 wrong in <time>"
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        [["fr", "right"], ["de", "right"], ["it", "right"]]
    );

    // A card with progress: its row is put back exactly as it was.
    let later = instant(due_of(&quiz, "fr").max(due_of(&quiz, "it")) + 60_000);
    quiz.at(&later);
    let mut live = Live::spawn(&quiz, &["start", "t"]);
    let first = loop {
        let line = live.next_line().expect("a question");
        if let Some((1, 3, question)) = question_line(&line) {
            break question.to_string();
        }
    };
    let before = snapshot(&quiz);
    assert_eq!((before.0.len(), before.1.len()), (3, 3));
    live.send("no idea");
    let mut after_answer = None;
    while let Some(line) = live.next_line() {
        if line.starts_with("[2/") {
            after_answer = Some(snapshot(&quiz));
            break;
        }
    }
    let (cards, reviews) = after_answer.expect("a second question");
    assert_ne!(cards, before.0, "the miss changed the card's row");
    assert_eq!(reviews.len(), 4);
    live.send(":undo");
    live.until(UNDONE);
    live.until(&format!("[1/3] {first}"));
    assert_eq!(
        snapshot(&quiz),
        before,
        "the card's row and the log as before"
    );
    live.send(":q");
    let run = live.finish();
    run.success();
    assert_eq!(
        summary_line(&run),
        "session: 0 asked, 0 right, 0 close, 0 wrong in <time>"
    );
}

#[test]
fn undo_at_the_retry_of_the_last_miss_asks_the_card_once() {
    let quiz = quiz_with(&capitals_deck(2));
    // Germany is missed; its retry comes at once (no card left); `:undo` there takes the
    // miss back, so Germany is asked once more and the session ends when it is right.
    let run = quiz.run(&["start", "t"], "Paris\nBonn\n:undo\nBerlin\nBerlin\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/2] Capital of France?
right
  answer: Paris

[2/2] Capital of Germany?
wrong
  answer: Berlin
  next: again right away, then tomorrow

[3/3] Capital of Germany?
undone: asking that card again
[2/2] Capital of Germany?
right
  answer: Berlin

All done for now.
session: 2 asked, 2 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        [["fr", "right"], ["de", "right"]]
    );
}
