//! Ending a session early: end of input, `:q`, `:quit`, Ctrl-C (exit 130) and SIGKILL keep
//! every answer given and nothing more. A bare `q` is an answer, not a way out.

use std::io::Write;

use crate::common::{capital_of, capitals_deck, question_line, quiz_with, without_time};
use crate::harness::{TIMEOUT, is_verdict, spawn, stdout_lines};

#[test]
fn end_of_input_and_colon_q_end_the_session_keeping_what_was_answered() {
    for (how, input) in [
        ("end of input", "Paris\nBerlin\n"),
        (":q", "Paris\nBerlin\n:q\nRome\n"),
        (":quit", "Paris\nBerlin\n:quit\nRome\n"),
        (":q with spaces", "Paris\nBerlin\n  :q \nRome\n"),
        ("end of input without a newline", "Paris\nBerlin"),
    ] {
        let quiz = quiz_with(&capitals_deck(4));
        let run = quiz.run(&["start", "t"], input);
        run.success();
        let text = without_time(&run.stdout);
        assert!(
            text.ends_with(
                "\
[3/4] Capital of Italy?
session: 2 asked, 2 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
            ),
            "{how}:\n{}",
            run.stdout
        );
        assert_eq!(run.verdicts(), ["right", "right"], "{how}");
        assert_eq!(
            quiz.rows("SELECT card, verdict, given_answer FROM reviews ORDER BY id"),
            vec![vec!["fr", "right", "Paris"], vec!["de", "right", "Berlin"]],
            "{how}"
        );
        assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 2, "{how}");
        assert_eq!(
            quiz.count("SELECT COUNT(*) FROM sessions WHERE ended_at IS NOT NULL"),
            1,
            "{how}"
        );
    }
}

#[test]
fn a_bare_q_or_quit_is_an_answer_and_judged() {
    let quiz = quiz_with(
        r#"
[[cards]]
id = "letter"
question = "The letter after p?"
answer = "q"

[[cards]]
id = "fr"
question = "Capital of France?"
answer = "Paris"
"#,
    );
    let run = quiz.run(&["start", "t"], "q\nquit\nParis\n");
    run.success();
    assert_eq!(
        run.verdicts(),
        ["right", "wrong", "right"],
        "{}",
        run.stdout
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict, given_answer FROM reviews ORDER BY id"),
        [
            ["letter", "right", "q"],
            ["fr", "wrong", "quit"],
            ["fr", "right", "Paris"]
        ]
    );
    assert!(
        run.stdout.contains("All done for now."),
        "a q answered is no quit:\n{}",
        run.stdout
    );
}

#[test]
fn in_flip_mode_where_no_answer_is_read_q_still_quits() {
    for (how, input) in [
        ("at the question", "\n3\nq\n"),
        ("at the grade", "\n3\n\nq\n"),
    ] {
        let quiz = quiz_with(&capitals_deck(3));
        let run = quiz.run(&["start", "t", "--mode", "flip"], input);
        run.success();
        assert!(
            run.stdout
                .contains("session: 1 asked, 1 right, 0 close, 0 wrong in "),
            "{how}:\n{}",
            run.stdout
        );
        assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1, "{how}");
    }
}

#[test]
fn quitting_at_the_first_question_saves_nothing() {
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t"], "");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/2] Capital of France?
session: 0 asked, 0 right, 0 close, 0 wrong in <time>
next card due: none scheduled yet
"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 0);
}

#[test]
fn ctrl_c_in_plain_mode_prints_the_summary_and_exits_130() {
    stopped_by_a_signal_in_plain_mode("INT", 130);
}

/// SIGTERM and SIGHUP stop a session like Ctrl-C, with exit codes 143 and 129 (issue 17).
#[test]
fn sigterm_and_sighup_in_plain_mode_close_the_session_and_exit_143_and_129() {
    stopped_by_a_signal_in_plain_mode("TERM", 143);
    stopped_by_a_signal_in_plain_mode("HUP", 129);
}

fn stopped_by_a_signal_in_plain_mode(signal: &str, expected: i32) {
    let quiz = quiz_with(&capitals_deck(3));
    let mut child = spawn(quiz.command(&["start", "t"]));
    let lines = stdout_lines(&mut child);
    let mut stdin = child.stdin.take().expect("stdin");
    let mut seen = Vec::new();
    // Answer the first card, then interrupt while the second waits for its answer.
    loop {
        let line = lines.recv_timeout(TIMEOUT).expect("quiz went silent");
        if let Some((position, _, question)) = question_line(&line) {
            if position == 2 {
                seen.push(line);
                break;
            }
            writeln!(stdin, "{}", capital_of(question)).expect("answer");
            stdin.flush().expect("flush");
        }
        seen.push(line);
    }
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let rest: Vec<String> = lines.iter().collect();
    let code = child.wait().expect("wait").code();
    assert_eq!(code, Some(expected), "SIG{signal}: {seen:?} {rest:?}");
    let rest = rest.join("\n");
    assert!(
        rest.contains("session: 1 asked, 1 right, 0 close, 0 wrong in "),
        "{rest}"
    );
    assert!(rest.contains("next card due: "), "{rest}");
    assert!(
        !rest.contains('\u{1b}'),
        "no escape codes in plain mode: {rest:?}"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);
    assert_eq!(
        quiz.rows("SELECT ended_at IS NOT NULL FROM sessions"),
        vec![vec!["1"]]
    );
}

#[test]
fn answers_survive_sigkill() {
    const N: usize = 3;
    let quiz = quiz_with(&capitals_deck(6));
    let mut child = spawn(quiz.command(&["start", "t", "--plain"]));
    let lines = stdout_lines(&mut child);
    let mut stdin = child.stdin.take().expect("stdin");
    let mut transcript = String::new();
    let mut verdicts = 0;
    while verdicts < N {
        let line = match lines.recv_timeout(TIMEOUT) {
            Ok(line) => line,
            Err(error) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("no verdict ({error}); transcript so far:\n{transcript}");
            }
        };
        if let Some((_, _, question)) = question_line(&line) {
            writeln!(stdin, "{}", capital_of(question)).expect("write answer");
            stdin.flush().expect("flush answer");
        }
        if is_verdict(&line) {
            verdicts += 1;
        }
        transcript.push_str(&line);
        transcript.push('\n');
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL");
    }
    #[cfg(not(unix))]
    assert!(!status.success());
    drop(stdin);

    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews"),
        N as i64,
        "{transcript}"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), N as i64);
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        vec![
            vec!["fr", "right"],
            vec!["de", "right"],
            vec!["it", "right"]
        ]
    );
    // The killed session was never closed.
    assert_eq!(
        quiz.rows("SELECT ended_at FROM sessions"),
        vec![vec!["NULL"]]
    );
}
