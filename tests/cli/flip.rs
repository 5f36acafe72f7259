//! `--mode flip`: the answer shown on Enter and graded by the learner, in plain mode and on
//! a terminal.

use crate::common::{asked, capitals_deck, q, quiz_with, without_time};
use crate::pty_harness::{ENTER, SETTLE, Tty};

#[test]
fn flip_mode_in_plain_mode_reads_enter_then_a_grade() {
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t", "--mode", "flip"], "\n3\n\nagain\n\n3\n");
    run.success();
    let text = without_time(&run.stdout);
    assert!(
        text.starts_with("[1/2] Capital of France?\n"),
        "{}",
        run.stdout
    );
    assert!(
        text.contains("  answer: Paris\ngrade: 1 again, 2 hard, 3 good, 4 easy\ngraded good\n"),
        "{}",
        run.stdout
    );
    assert!(text.contains("\ngraded again\n"), "{}", run.stdout);
    assert_eq!(
        asked(&run.stdout),
        [q("France"), q("Germany"), q("Germany")]
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer, mode FROM reviews ORDER BY id"),
        [
            ["fr", "3", "good", "", "review"],
            ["de", "1", "again", "", "review"],
            ["de", "3", "good", "", "review"]
        ]
    );
    assert!(
        text.contains("session: 3 asked, 2 right, 0 close, 1 wrong in <time>"),
        "{}",
        run.stdout
    );
}

#[test]
fn flip_mode_in_plain_mode_prints_the_documented_transcript() {
    let quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "t", "--mode", "flip"], "\n3\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/1] Capital of France?
  (Enter shows the answer)
  answer: Paris
grade: 1 again, 2 hard, 3 good, 4 easy
graded good

All done for now.
session: 1 asked, 1 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
}

#[test]
fn flip_mode_on_a_terminal_shows_the_answer_on_enter_and_each_grade_with_its_interval() {
    let quiz = quiz_with(&capitals_deck(1));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t", "--mode", "flip"], 80, 12);
    let before = tty.expect("show the answer");
    assert!(
        before.contains("Capital of France?\n(think of the answer, then show it)"),
        "{before}"
    );
    assert!(!before.contains("Paris"), "the answer is hidden:\n{before}");
    tty.keys(ENTER);
    let screen = tty.expect("1–4 grade");
    assert!(
        screen.contains(
            "  answer  Paris\n\nHow well did you know it?\n1 again 1d · 2 hard 1d · 3 good 2d · 4 easy 8d\n"
        ),
        "{screen}"
    );
    // A grade key on the heels of the Enter that showed the answer is not a grade.
    tty.keys("3");
    std::thread::sleep(SETTLE);
    assert_eq!(quiz.count("SELECT count(*) FROM reviews"), 0);
    tty.keys("3");
    let screen = tty.exits_with(0);
    assert!(screen.contains("graded good"), "{screen}");
    assert!(
        screen.contains("session: 1 asked, 1 right, 0 close, 0 wrong"),
        "{screen}"
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer, mode FROM reviews"),
        [["fr", "3", "good", "", "review"]]
    );
    assert_eq!(quiz.rows("SELECT reps, lapses FROM cards"), [["1", "0"]]);
}
