//! Issue 17, point 1 and 2: no C0, C1, DEL or bidi character from a deck, an import, a
//! document or an argument reaches the terminal raw, on every path that prints one (the
//! plain transcript, `decks`, `stats` and `--json`, `export`, `import`, `check`, `add`,
//! `derive`, and clap's usage errors on a real pty, where clap would echo them raw).

use std::process::Command;

use rexpect::session::spawn_command;

use crate::common::{NOW, path_arg, quiz_with};
use crate::harness::Quiz;
use crate::pty_harness::Tty;

/// A deck whose every text field holds C1 controls (CSI, OSC, ST) and bidi marks.
const HOSTILE: &str = r#"
title = "Bidi \u200F title \u009B2J"

[[cards]]
id = "c1"
question = "Clear \u009B2J now \u202Eevil\u202C?"
answer = "Paris\u200E"
accept = ["paris"]
explain = "isolate \u2067x\u2069 and \u061C mark \u009D0;t\u009C del \u007F"
"#;

/// The characters of issue 17 that must never be printed raw (newlines and tabs may).
fn raw_unsafe(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t' && c != '\r')
                || matches!(
                    c,
                    '\u{202a}'..='\u{202e}'
                        | '\u{2066}'..='\u{2069}'
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{61c}'
                )
        })
        .collect()
}

#[track_caller]
fn assert_safe(what: &str, text: &str) {
    assert_eq!(raw_unsafe(text), [] as [char; 0], "{what}: {text:?}");
}

/// A quiz with the hostile deck as `t`, answered once (so `stats` has a review to show).
fn studied() -> Quiz {
    let quiz = quiz_with(HOSTILE);
    let run = quiz.run(&["start", "t"], "paris\n");
    run.success();
    quiz
}

#[test]
fn issue_17_the_plain_transcript_escapes_c1_and_bidi_marks() {
    let quiz = quiz_with(HOSTILE);
    let run = quiz.run(&["start", "t"], "paris\n");
    run.success();
    assert_safe("start", &run.stdout);
    assert!(
        run.stdout
            .contains("[1/1] Clear \\u{9b}2J now \\u{202e}evil\\u{202c}?"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("answer: Paris\\u{200e}"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "isolate \\u{2067}x\\u{2069} and \\u{61c} mark \\u{9d}0;t\\u{9c} del \\u{7f}"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn issue_17_decks_and_stats_escape_the_title_and_the_questions() {
    let quiz = studied();
    let decks = quiz.run(&["decks"], "");
    decks.success();
    assert_safe("decks", &decks.stdout);
    assert!(
        decks.stdout.contains("Bidi \\u{200f} title \\u{9b}2J"),
        "{}",
        decks.stdout
    );
    let stats = quiz.run(&["stats", "t"], "");
    stats.success();
    assert_safe("stats", &stats.stdout);
}

#[test]
fn issue_17_stats_json_writes_c1_and_bidi_as_u_escapes_and_means_the_same() {
    let quiz = studied();
    let run = quiz.run(&["stats", "--json", "t"], "");
    run.success();
    assert_safe("stats --json", &run.stdout);
    assert!(run.stdout.contains("\\u009b2J"), "{}", run.stdout);
    assert!(run.stdout.contains("\\u200f"), "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    // Decoded, the document holds the deck's real characters.
    let decoded = serde_json::to_string(&report).expect("encodes");
    assert!(
        decoded.contains("Bidi \u{200f} title \u{9b}2J"),
        "{decoded}"
    );
}

#[test]
fn issue_17_import_to_stdout_writes_toml_escapes_that_read_back_the_same() {
    let quiz = Quiz::new();
    let export = quiz.write(
        "hostile.txt",
        "Clear \u{9b}2J now\tParis \u{202e}x\u{202c}\nIsolate \u{2067}y\u{2069}\tOSC \u{9d}0;t\u{9c}\n",
    );
    let run = quiz.run(&["import", path_arg(&export)], "");
    run.success();
    assert_safe("import", &run.stdout);
    assert!(run.stdout.contains("\\u009B2J"), "{}", run.stdout);
    // The escaped deck loads with the imported characters intact.
    quiz.write("decks/back.toml", &run.stdout);
    let back = quiz.run(&["export", "back"], "");
    back.success();
    assert!(
        back.stdout
            .contains("Clear \u{9b}2J now\tParis \u{202e}x\u{202c}"),
        "{:?}",
        back.stdout
    );
    assert!(
        back.stdout
            .contains("Isolate \u{2067}y\u{2069}\tOSC \u{9d}0;t\u{9c}"),
        "{:?}",
        back.stdout
    );
}

#[test]
fn issue_17_derive_to_stdout_writes_toml_escapes() {
    let quiz = Quiz::new();
    let document = quiz.write(
        "doc.txt",
        "The treaty \u{9b}2J was signed in 1648 by \u{202e}Sweden\u{202c} and France.\n",
    );
    let run = quiz.run(&["derive", path_arg(&document)], "");
    run.success();
    assert_safe("derive", &run.stdout);
    assert!(run.stdout.contains("Sweden"), "{}", run.stdout);
}

#[test]
fn issue_17_check_escapes_the_deck_line_in_both_formats() {
    let quiz = Quiz::new();
    let deck = quiz.write(
        "bad.toml",
        "title = \"x\"\n[[cards]]\nquestion = \"\u{9b}2J \u{202e}q\" \u{202e}x\nanswer = \"a\"\n",
    );
    let human = quiz.run(&["check", path_arg(&deck)], "");
    assert_eq!(human.code, 1, "{}{}", human.stdout, human.stderr);
    assert_safe("check", &human.stdout);
    assert_safe("check (stderr)", &human.stderr);
    assert!(
        // One `?` per byte, so the caret still points at the right column.
        human.stdout.contains("question = \"??2J ???q\" ???x"),
        "{}{}",
        human.stdout,
        human.stderr
    );
    let json = quiz.run(&["check", "--format", "json", path_arg(&deck)], "");
    assert_eq!(json.code, 1, "{}{}", json.stdout, json.stderr);
    assert_safe("check --format json", &json.stdout);
    for line in json.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
    }
}

#[test]
fn issue_17_add_shows_the_typed_card_escaped() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let deck = quiz.write("decks/mine.toml", "title = \"Mine\"\n");
    let run = quiz.run(
        &["add", path_arg(&deck)],
        "text\nClear \u{9b}2J \u{200f}q\nA\u{2067}\n\n\n\n\ny\nn\n",
    );
    run.success();
    assert_safe("add", &run.stdout);
    assert_safe("add (stderr)", &run.stderr);
    assert!(
        run.stdout.contains("\\u{9b}2J \\u{200f}q"),
        "{}",
        run.stdout
    );
    // The file keeps what was typed.
    let written = std::fs::read_to_string(&deck).expect("deck");
    assert!(
        written.contains('\u{9b}') || written.contains("\\u009"),
        "{written}"
    );
}

/// Runs `command` on a pty with colours allowed (clap's own styles then reach the screen)
/// and returns everything it wrote, as bytes.
fn on_a_pty(mut command: Command) -> Vec<u8> {
    command.env_remove("NO_COLOR").env("TERM", "xterm-256color");
    let mut session = spawn_command(command, Some(10_000)).expect("spawn quiz on a pty");
    let rest = session.exp_eof().expect("quiz ends");
    // rexpect turns each byte into a char of its own.
    rest.chars().map(|c| c as u32 as u8).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn issue_17_a_usage_error_on_a_terminal_shows_the_value_escaped() {
    let quiz = Quiz::new();
    for args in [
        &["start", "--mode", "x\u{1b}]0;PWNED\u{7}"][..],
        &["missed", "--since", "x\u{1b}]0;PWNED\u{7}"][..],
        &["start", "--bogus\u{9b}2J"][..],
        &["start", "--limit", "\u{202e}3"][..],
    ] {
        let screen = on_a_pty(quiz.command(args));
        let text = String::from_utf8_lossy(&screen);
        assert!(!contains(&screen, b"\x1b]"), "{args:?}: {text:?}");
        assert!(!contains(&screen, b"\x07"), "{args:?}: {text:?}");
        assert!(
            !contains(&screen, "\u{9b}".as_bytes()),
            "{args:?}: {text:?}"
        );
        assert!(
            !contains(&screen, "\u{202e}".as_bytes()),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("error:"), "{args:?}: {text:?}");
    }
    let screen = on_a_pty(quiz.command(&["start", "--mode", "x\u{1b}]0;PWNED\u{7}"]));
    let text = String::from_utf8_lossy(&screen);
    assert!(text.contains("x\\e]0;PWNED\\u{7}"), "{text:?}");
}

#[test]
fn issue_17_export_to_a_terminal_escapes_c1_and_bidi() {
    let quiz = quiz_with(HOSTILE);
    let screen = on_a_pty(quiz.command(&["export", "t"]));
    let text = String::from_utf8_lossy(&screen);
    assert!(!contains(&screen, "\u{9b}".as_bytes()), "{text:?}");
    assert!(!contains(&screen, "\u{202e}".as_bytes()), "{text:?}");
    assert!(!contains(&screen, "\u{200e}".as_bytes()), "{text:?}");
    assert!(text.contains("Clear \\u{9b}2J"), "{text:?}");
}

#[test]
fn issue_17_the_study_screen_shows_c1_and_bidi_escaped() {
    let quiz = quiz_with(HOSTILE);
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("\\u{9b}2J now \\u{202e}evil\\u{202c}?");
    tty.type_line("London");
    let outcome = tty.expect("Paris\\u{200e}");
    assert!(
        outcome.contains("and \\u{61c} mark \\u{9d}0;t\\u{9c}"),
        "{outcome}"
    );
    assert_safe("the verdict", &outcome);
    // Keys right after a verdict are type-ahead, not commands (issue 12).
    std::thread::sleep(crate::pty_harness::SETTLE);
    tty.keys(crate::pty_harness::ESC);
    let screen = tty.exits_with(0);
    assert_safe("the study screen", &screen.replace('\u{1b}', ""));
}
