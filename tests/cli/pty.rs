//! The interactive UI, driven through a pseudo-terminal: what the learner sees on the
//! screen, which keys move the Select lists, and what ends up in the database (through
//! [`Tty`], see `pty_harness.rs`).

use rexpect::reader::Regex;

use crate::common::{answers, fixture, quiz_with};
use crate::pty_harness::{ENTER, Tty, visible_lines};

const TYPED_PROMPT: &str = "Your answer (? for a hint, Esc to quit)";
const SELECT_PROMPT: &str = "Your answer (arrows, Enter; Esc or q to quit)";

const DOWN: &str = "\x1b[B";

/// Waits for `above` (a question, or what else comes just before the typed-answer prompt)
/// and the prompt under it, then types `answer` and Enter.
#[track_caller]
fn answer_typed(tty: &mut Tty, above: &str, answer: &str) {
    tty.expect(above);
    tty.expect(TYPED_PROMPT);
    tty.type_line(answer);
}

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

/// [`assert_summary`] for an interrupted session, whose summary must be printed once only.
#[track_caller]
fn assert_summary_once(screen: &str, counts: &str) {
    assert_summary(screen, counts);
    assert_eq!(
        screen.matches("session: ").count(),
        1,
        "the summary, once; screen:\n{screen}"
    );
}

#[test]
fn typed_answers_right_then_wrong_then_quit() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(&mut tty, "[1/2] What is the capital of France?", "paris");
    assert_eq!(
        tty.outcome(),
        [
            "right",
            "  It has been the capital for centuries.",
            "Enter: next · w: I was wrong · u: undo · q: quit",
        ]
    );
    tty.keys(ENTER);

    answer_typed(
        &mut tty,
        "[2/2] In what year was the Secret Speech delivered?",
        "1965",
    );
    assert_eq!(
        tty.outcome(),
        [
            "wrong",
            "  answer: 1956",
            "  typed: 19[-6]5[+6]",
            "  At the 20th Party Congress.",
            "Enter: next · r: I was right · u: undo · q: quit",
        ]
    );
    tty.keys("q");

    let screen = tty.exits_with(0);
    assert_summary(&screen, "2 asked, 1 right, 0 close, 1 wrong");
    assert!(
        !screen.contains("All done for now."),
        "quitting is not finishing; screen:\n{screen}"
    );
    assert_eq!(
        answers(&quiz),
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

#[test]
fn choices_and_true_false_are_picked_with_the_arrow_keys() {
    let quiz = quiz_with(&fixture("decks/choices.toml"));
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

    let screen = tty.exits_with(0);
    assert!(screen.contains("All done for now."), "screen:\n{screen}");
    assert_summary(&screen, "2 asked, 2 right, 0 close, 0 wrong");
    assert_eq!(
        answers(&quiz),
        [
            ["congress", "3", "right", "3"],
            ["published", "3", "right", "false"]
        ]
    );
}

#[test]
fn a_wrong_choice_picked_with_the_arrow_keys_is_wrong() {
    let quiz = quiz_with(&fixture("decks/choices.toml"));
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

    let screen = tty.exits_with(0);
    assert_summary(&screen, "1 asked, 0 right, 0 close, 1 wrong");
    assert_eq!(answers(&quiz), [["congress", "1", "wrong", "2"]]);
}

#[test]
fn pressing_r_after_a_wrong_answer_counts_it_as_right() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);

    answer_typed(&mut tty, "[1/1] What is the capital of France?", "Lyon");
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
    tty.expect("a: accept this answer from now on · Enter: next");
    tty.keys(ENTER);

    // The missed card no longer comes back: the session is over.
    let screen = tty.exits_with(0);
    assert!(screen.contains("All done for now."), "screen:\n{screen}");
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        answers(&quiz),
        [["capital", "3", "overridden-right", "Lyon"]]
    );
    // The card is scheduled as a Good answer, not as a lapse.
    assert_eq!(
        quiz.rows("SELECT card, reps, lapses FROM cards"),
        [["capital", "1", "0"]]
    );
}

#[test]
fn pressing_a_after_r_accepts_the_typed_answer_from_now_on() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);

    answer_typed(&mut tty, "[1/1] What is the capital of France?", "Lyon");
    tty.outcome();
    tty.keys("r");
    tty.expect("a: accept this answer from now on · Enter: next");
    tty.keys("a");
    tty.expect("added \"Lyon\" to the answers accepted for this card");
    tty.exits_with(0);
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    assert_eq!(
        text,
        fixture("decks/typed.toml").replacen(
            "answer = \"Paris\"\n",
            "answer = \"Paris\"\naccept = [\"Lyon\"]\n",
            1
        )
    );
}

/// Ctrl-C in the interactive UI. The terminal is in raw mode while dialoguer or the key
/// line reads, so Ctrl-C arrives as the byte 0x03; console's `Term::read_key` then both
/// raises SIGINT (the `ctrlc` handler prints the summary and exits 130) and returns an
/// `Interrupted` error that the UI turns into a quit. Only the handler may finish: these
/// tests fail if the main thread also prints the summary, or returns 0 first.
#[test]
fn ctrl_c_at_a_prompt_prints_the_summary_and_exits_130() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(&mut tty, "[1/2] What is the capital of France?", "Paris");
    tty.outcome();
    tty.keys(ENTER);
    tty.expect("[2/2] In what year was the Secret Speech delivered?");
    tty.expect(TYPED_PROMPT);
    tty.control('c');

    let screen = tty.exits_with(130);
    assert_summary_once(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
    assert_eq!(
        quiz.count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL"),
        1,
        "the session is closed"
    );
}

#[test]
fn ctrl_c_at_a_select_list_prints_the_summary_and_exits_130() {
    let quiz = quiz_with(&fixture("decks/choices.toml"));
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

    let screen = tty.exits_with(130);
    assert_summary_once(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(answers(&quiz), [["congress", "3", "right", "3"]]);
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
    let quiz = quiz_with(TYPO_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(
        &mut tty,
        "[1/1] Who delivered the Secret Speech?",
        "Krushchev",
    );
    assert_eq!(
        tty.outcome(),
        [
            "close — accepted, spelled \"Khrushchev\"",
            "  answer: Khrushchev",
            "  forgiven: typo",
            "  typed: K[+h]rushchev",
            "Enter: next · w: I was wrong · u: undo · q: quit",
        ]
    );
    tty.keys(ENTER);

    let screen = tty.exits_with(0);
    assert!(screen.contains("All done for now."), "screen:\n{screen}");
    assert_summary(&screen, "1 asked, 0 right, 1 close, 0 wrong");
    assert_eq!(answers(&quiz), [["leader", "2", "close", "Krushchev"]]);
}

#[test]
fn ctrl_c_at_the_key_line_after_a_verdict_prints_the_summary_and_exits_130() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(&mut tty, "[1/2] What is the capital of France?", "Paris");
    tty.outcome();
    tty.control('c');

    let screen = tty.exits_with(130);
    assert_summary_once(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
}

#[test]
fn a_typed_q_is_an_answer_and_esc_quits() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(&mut tty, "[1/2] What is the capital of France?", "q");
    assert_eq!(tty.outcome()[..2], ["wrong", "  answer: Paris"]);
    tty.keys(ENTER);

    // Esc on the empty answer line ends the session.
    tty.expect("[2/3] In what year was the Secret Speech delivered?");
    tty.expect(TYPED_PROMPT);
    tty.keys("\x1b");

    let screen = tty.exits_with(0);
    assert_summary(&screen, "1 asked, 0 right, 0 close, 1 wrong");
    assert_eq!(answers(&quiz), [["capital", "1", "wrong", "q"]]);
}

#[test]
fn pressing_u_takes_the_answer_back_and_asks_the_card_again() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(&mut tty, "[1/2] What is the capital of France?", "Lyon");
    assert_eq!(tty.outcome()[0], "wrong");
    tty.keys("u");

    answer_typed(&mut tty, "[1/2] What is the capital of France?", "Paris");
    assert_eq!(tty.outcome()[0], "right");
    tty.keys("q");

    let screen = tty.exits_with(0);
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
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
    let quiz = quiz_with(HINT_DECK);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);

    answer_typed(&mut tty, "[1/1] In which city was the speech given?", "?");
    answer_typed(&mut tty, "  hint: The capital.", "Moscow");
    assert_eq!(
        tty.outcome(),
        [
            "right (with a hint)",
            "Enter: next · w: I was wrong · u: undo · q: quit",
        ]
    );
    tty.keys(ENTER);

    let screen = tty.exits_with(0);
    assert_eq!(
        screen.matches("[1/1] In which city").count(),
        1,
        "the question is not repeated after the hint; screen:\n{screen}"
    );
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(answers(&quiz), [["city", "2", "right", "Moscow"]]);
}
