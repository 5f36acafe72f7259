//! The interactive UI, driven through a pseudo-terminal: what the learner sees on the
//! screen, which keys move the Select lists, and what ends up in the database.
//!
//! rexpect spawns `quiz` with stdin, stdout and stderr on a pty (echo off), so `quiz`
//! takes its interactive path; the harness sets `NO_COLOR`, so verdicts are plain words.

use rexpect::process::WaitStatus;
use rexpect::reader::Regex;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::Quiz;

/// Every wait is this long at most: slow CI machines still pass, a hang still fails.
const TIMEOUT_MS: u64 = 10_000;

const NOW: &str = "2026-03-01T09:00:00Z";

const TYPED_PROMPT: &str = "Your answer (? for a hint, q to quit)";
const SELECT_PROMPT: &str = "Your answer (arrows, Enter; Esc or q to quit)";
/// The key line after each verdict ends with this.
const KEYS_HINT: &str = "u: undo · q: quit";

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

/// rexpect reads the pty byte by byte and turns each byte into a `char` on its own, so
/// UTF-8 text ("·", "—") arrives as Latin-1 mojibake. Needles are encoded the same way
/// before matching, and what was read is decoded back before anyone looks at it.
fn to_pty(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn from_pty(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// rexpect's error, with the unread output decoded.
fn describe(error: rexpect::error::Error) -> String {
    match error {
        rexpect::error::Error::Timeout { got, timeout, .. } => {
            format!(
                "timed out after {timeout:?}; unread output: {:?}",
                from_pty(&got)
            )
        }
        rexpect::error::Error::EOF { got, .. } => {
            format!("quiz exited; unread output: {:?}", from_pty(&got))
        }
        other => format!("{other} ({other:?})"),
    }
}

/// The lines a terminal would show for `text`: escape sequences dropped, and a carriage
/// return inside a line starts it over (dialoguer clears its prompt line that way).
fn visible_lines(text: &str) -> Vec<String> {
    let escapes = Regex::new("\x1b\\[[0-9;?]*[A-Za-z]").expect("escape regex");
    escapes
        .replace_all(text, "")
        .split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.rsplit('\r').next().unwrap_or(line).to_string()
        })
        .collect()
}

/// A running `quiz` on a pty, with everything read from it so far kept for failure messages.
struct Tty {
    session: PtySession,
    seen: String,
}

impl Tty {
    fn spawn(quiz: &Quiz, args: &[&str]) -> Tty {
        let session =
            spawn_command(quiz.command(args), Some(TIMEOUT_MS)).expect("spawn quiz on a pty");
        Tty {
            session,
            seen: String::new(),
        }
    }

    /// Waits for `needle` on the screen; returns what came before it.
    #[track_caller]
    fn expect(&mut self, needle: &str) -> String {
        match self.session.exp_string(&to_pty(needle)) {
            Ok(before) => {
                let before = from_pty(&before);
                self.seen.push_str(&before);
                self.seen.push_str(needle);
                before
            }
            Err(error) => panic!(
                "waiting for {needle:?}: {}\n--- screen so far ---\n{}",
                describe(error),
                self.seen
            ),
        }
    }

    /// Waits for the key line after a verdict; returns the lines shown from the verdict
    /// line to that key line.
    #[track_caller]
    fn outcome(&mut self) -> Vec<String> {
        let before = self.expect(KEYS_HINT);
        let mut lines = visible_lines(&format!("{before}{KEYS_HINT}"));
        let start = lines.iter().position(|l| {
            l.starts_with("right") || l.starts_with("close") || l.starts_with("wrong")
        });
        match start {
            Some(start) => lines.split_off(start),
            None => panic!(
                "no verdict line in {lines:?}\n--- screen so far ---\n{}",
                self.seen
            ),
        }
    }

    /// Sends raw bytes (keys) and makes sure they reach the process now: `send` alone
    /// leaves text without a newline in rexpect's `LineWriter`.
    #[track_caller]
    fn keys(&mut self, text: &str) {
        self.session.send(text).expect("write to the pty");
        self.session.flush().expect("flush the pty");
    }

    /// Types `text` and presses Enter.
    #[track_caller]
    fn type_line(&mut self, text: &str) {
        self.keys(&format!("{text}{ENTER}"));
    }

    /// Ctrl-`key` (rexpect writes the control byte and flushes).
    #[track_caller]
    fn control(&mut self, key: char) {
        self.session.send_control(key).expect("send a control key");
    }

    /// Reads the rest of the output and waits for the exit; returns the exit code and
    /// the whole screen transcript.
    #[track_caller]
    fn finish(mut self) -> (i32, String) {
        match self.session.exp_eof() {
            Ok(rest) => self.seen.push_str(&from_pty(&rest)),
            Err(error) => panic!(
                "waiting for quiz to exit: {}\n--- screen so far ---\n{}",
                describe(error),
                self.seen
            ),
        }
        let status = self.session.process().wait().expect("wait for quiz");
        match status {
            WaitStatus::Exited(_, code) => (code, self.seen),
            other => panic!(
                "quiz did not exit normally: {other:?}\n--- screen ---\n{}",
                self.seen
            ),
        }
    }
}

fn quiz_with_deck(deck: &str) -> Quiz {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/t.toml", deck);
    quiz
}

const TYPED_DECK: &str = r#"
title = "Typed"

[[cards]]
id = "capital"
question = "What is the capital of France?"
answer = "Paris"
explain = "It has been the capital for centuries."

[[cards]]
id = "year"
question = "In what year was the Secret Speech delivered?"
answer = "1956"
explain = "At the 20th Party Congress."
"#;

/// Asserts the end of the screen: the summary line (with any time spent) and the
/// `next card due:` line after it.
#[track_caller]
fn assert_summary(screen: &str, counts: &str) {
    let lines = visible_lines(screen);
    let summary = Regex::new(&format!(r"^session: {counts} in \d+m\d\ds$")).expect("regex");
    let at = lines.iter().position(|l| summary.is_match(l));
    let Some(at) = at else {
        panic!("no `session: {counts} in …` line; screen:\n{screen}");
    };
    let next = Regex::new(r"^next card due: \d{4}-\d\d-\d\d \d\d:\d\d \(.+\)$").expect("regex");
    assert!(
        lines.get(at + 1).is_some_and(|l| next.is_match(l)),
        "`next card due:` after the summary; screen:\n{screen}"
    );
}

#[test]
fn typed_answers_right_then_wrong_then_quit() {
    let quiz = quiz_with_deck(TYPED_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/2] What is the capital of France?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("paris");
    assert_eq!(
        tty.outcome(),
        [
            "right",
            "  It has been the capital for centuries.",
            "Enter: next · w: I was wrong · u: undo · q: quit",
        ]
    );
    tty.keys(ENTER);

    tty.expect("[2/2] In what year was the Secret Speech delivered?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("1965");
    assert_eq!(
        tty.outcome(),
        [
            "wrong",
            "  answer: 1956",
            "  At the 20th Party Congress.",
            "Enter: next · r: I was right · u: undo · q: quit",
        ]
    );
    tty.keys("q");

    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert_summary(&screen, "2 asked, 1 right, 0 close, 1 wrong");
    assert!(
        !screen.contains("All done for now."),
        "quitting is not finishing; screen:\n{screen}"
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [
            ["capital", "3", "right", "paris"],
            ["year", "1", "wrong", "1965"]
        ]
    );
    assert_eq!(
        quiz.count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL"),
        1,
        "the session is closed"
    );
}

const CHOICE_DECK: &str = r#"
title = "Choices"

[[cards]]
id = "congress"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["18th Congress", "19th Congress", "20th Congress", "21st Congress"]

[[cards]]
id = "published"
question = "The speech was published in the Soviet Union at the time."
answer = false
"#;

#[test]
fn choices_and_true_false_are_picked_with_the_arrow_keys() {
    let quiz = quiz_with_deck(CHOICE_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/2] Which congress heard the speech?");
    tty.expect(SELECT_PROMPT);
    // The list starts on the first choice; each Down redraws it one further.
    tty.expect("> 18th Congress");
    tty.expect("  21st Congress");
    tty.keys(DOWN);
    tty.expect("> 19th Congress");
    tty.keys(DOWN);
    tty.expect("  19th Congress");
    tty.expect("> 20th Congress");
    tty.expect("  21st Congress");
    tty.keys(ENTER);
    assert_eq!(
        tty.outcome(),
        ["right", "Enter: next · w: I was wrong · u: undo · q: quit"]
    );
    tty.keys(ENTER);

    tty.expect("[2/2] The speech was published in the Soviet Union at the time.");
    tty.expect(SELECT_PROMPT);
    tty.expect("> True");
    tty.expect("  False");
    tty.keys(DOWN);
    tty.expect("  True");
    tty.expect("> False");
    tty.keys(ENTER);
    assert_eq!(
        tty.outcome(),
        ["right", "Enter: next · w: I was wrong · u: undo · q: quit"]
    );
    tty.keys(ENTER);

    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert!(screen.contains("All done for now."), "screen:\n{screen}");
    assert_summary(&screen, "2 asked, 2 right, 0 close, 0 wrong");
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [
            ["congress", "3", "right", "3"],
            ["published", "3", "right", "false"]
        ]
    );
}

#[test]
fn a_wrong_choice_picked_with_the_arrow_keys_is_wrong() {
    let quiz = quiz_with_deck(CHOICE_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);

    tty.expect("[1/1] Which congress heard the speech?");
    tty.expect("> 18th Congress");
    tty.keys(DOWN);
    tty.expect("> 19th Congress");
    tty.keys(ENTER);
    assert_eq!(
        tty.outcome(),
        [
            "wrong",
            "  answer: 20th Congress",
            "Enter: next · r: I was right · u: undo · q: quit",
        ]
    );
    tty.keys("q");

    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert_summary(&screen, "1 asked, 0 right, 0 close, 1 wrong");
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["congress", "1", "wrong", "2"]]
    );
}

#[test]
fn pressing_r_after_a_wrong_answer_counts_it_as_right() {
    let quiz = quiz_with_deck(TYPED_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);

    tty.expect("[1/1] What is the capital of France?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Lyon");
    assert_eq!(
        tty.outcome(),
        [
            "wrong",
            "  answer: Paris",
            "  It has been the capital for centuries.",
            "Enter: next · r: I was right · u: undo · q: quit",
        ]
    );
    tty.keys("r");
    tty.expect("counted as right");

    // The missed card no longer comes back: the session is over.
    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert!(screen.contains("All done for now."), "screen:\n{screen}");
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["capital", "3", "overridden-right", "Lyon"]]
    );
    // The card is scheduled as a Good answer, not as a lapse.
    assert_eq!(
        quiz.rows("SELECT card, reps, lapses FROM cards"),
        [["capital", "1", "0"]]
    );
}

/// Ctrl-C in the interactive UI. The terminal is in raw mode while dialoguer or the key
/// line reads, so Ctrl-C arrives as the byte 0x03; console's `Term::read_key` then both
/// raises SIGINT (the `ctrlc` handler prints the summary and exits 130) and returns an
/// `Interrupted` error that the UI turns into a quit. Only the handler may finish: these
/// tests fail if the main thread also prints the summary, or returns 0 first.
#[test]
fn ctrl_c_at_a_prompt_prints_the_summary_and_exits_130() {
    let quiz = quiz_with_deck(TYPED_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/2] What is the capital of France?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Paris");
    tty.outcome();
    tty.keys(ENTER);
    tty.expect("[2/2] In what year was the Secret Speech delivered?");
    tty.expect(TYPED_PROMPT);
    tty.control('c');

    let (code, screen) = tty.finish();
    assert_eq!(code, 130, "exit code; screen:\n{screen}");
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        screen.matches("session: ").count(),
        1,
        "the summary, once; screen:\n{screen}"
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["capital", "3", "right", "Paris"]]
    );
    assert_eq!(
        quiz.count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL"),
        1,
        "the session is closed"
    );
}

#[test]
fn ctrl_c_at_a_select_list_prints_the_summary_and_exits_130() {
    let quiz = quiz_with_deck(CHOICE_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/2] Which congress heard the speech?");
    tty.expect("> 18th Congress");
    tty.keys(DOWN);
    tty.keys(DOWN);
    tty.expect("> 20th Congress");
    tty.keys(ENTER);
    tty.outcome();
    tty.keys(ENTER);
    tty.expect("[2/2] The speech was published in the Soviet Union at the time.");
    tty.expect("> True");
    tty.control('c');

    let (code, screen) = tty.finish();
    assert_eq!(code, 130, "exit code; screen:\n{screen}");
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        screen.matches("session: ").count(),
        1,
        "the summary, once; screen:\n{screen}"
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["congress", "3", "right", "3"]]
    );
}

const TYPO_DECK: &str = r#"
title = "Typos"

[[cards]]
id = "leader"
question = "Who delivered the Secret Speech?"
answer = "Khrushchev"
"#;

#[test]
fn a_typo_is_close_and_shows_the_spelling() {
    let quiz = quiz_with_deck(TYPO_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/1] Who delivered the Secret Speech?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Krushchev");
    assert_eq!(
        tty.outcome(),
        [
            "close — accepted, spelled \"Khrushchev\"",
            "  answer: Khrushchev",
            "Enter: next · w: I was wrong · u: undo · q: quit",
        ]
    );
    tty.keys(ENTER);

    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert!(screen.contains("All done for now."), "screen:\n{screen}");
    assert_summary(&screen, "1 asked, 0 right, 1 close, 0 wrong");
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["leader", "2", "close", "Krushchev"]]
    );
}

#[test]
fn ctrl_c_at_the_key_line_after_a_verdict_prints_the_summary_and_exits_130() {
    let quiz = quiz_with_deck(TYPED_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/2] What is the capital of France?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Paris");
    tty.outcome();
    tty.control('c');

    let (code, screen) = tty.finish();
    assert_eq!(code, 130, "exit code; screen:\n{screen}");
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        screen.matches("session: ").count(),
        1,
        "the summary, once; screen:\n{screen}"
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["capital", "3", "right", "Paris"]]
    );
}

#[test]
fn pressing_u_takes_the_answer_back_and_asks_the_card_again() {
    let quiz = quiz_with_deck(TYPED_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/2] What is the capital of France?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Lyon");
    assert_eq!(tty.outcome()[0], "wrong");
    tty.keys("u");

    tty.expect("[1/2] What is the capital of France?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Paris");
    assert_eq!(tty.outcome()[0], "right");
    tty.keys("q");

    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["capital", "3", "right", "Paris"]]
    );
    assert_eq!(
        quiz.rows("SELECT card, reps, lapses FROM cards"),
        [["capital", "1", "0"]]
    );
}

const HINT_DECK: &str = r#"
title = "Hints"

[[cards]]
id = "city"
question = "In which city was the speech given?"
answer = "Moscow"
hint = "The capital."
"#;

#[test]
fn a_question_mark_shows_the_hint_and_a_hinted_answer_is_hard() {
    let quiz = quiz_with_deck(HINT_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    tty.expect("[1/1] In which city was the speech given?");
    tty.expect(TYPED_PROMPT);
    tty.type_line("?");
    tty.expect("  hint: The capital.");
    tty.expect(TYPED_PROMPT);
    tty.type_line("Moscow");
    assert_eq!(
        tty.outcome(),
        [
            "right (with a hint)",
            "Enter: next · w: I was wrong · u: undo · q: quit",
        ]
    );
    tty.keys(ENTER);

    let (code, screen) = tty.finish();
    assert_eq!(code, 0, "exit code; screen:\n{screen}");
    assert_eq!(
        screen.matches("[1/1] In which city").count(),
        1,
        "the question is not repeated after the hint; screen:\n{screen}"
    );
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id"),
        [["city", "2", "right", "Moscow"]]
    );
}
