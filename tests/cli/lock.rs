//! The data-directory lock: a second study session on the same data directory is refused
//! while the first runs.

use crate::common::{capitals_deck, question_line, quiz_with};
use crate::harness::{TIMEOUT, spawn, stdout_lines};

#[test]
fn a_second_session_on_the_same_data_dir_is_refused_while_the_first_runs() {
    let quiz = quiz_with(&capitals_deck(3));
    let mut first = spawn(quiz.command(&["start", "t"]));
    let lines = stdout_lines(&mut first);
    let line = lines.recv_timeout(TIMEOUT).expect("first question");
    assert!(question_line(&line).is_some(), "{line}");

    let second = quiz.run(&["start", "t"], "Paris\n");
    assert_eq!(second.code, 1, "{}", second.stdout);
    assert!(
        second
            .stderr
            .starts_with("quiz: error: another quiz is studying"),
        "{}",
        second.stderr
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);

    drop(first.stdin.take());
    assert_eq!(first.wait().expect("wait").code(), Some(0));
    quiz.run(&["start", "t"], "Paris\n").success();
}
