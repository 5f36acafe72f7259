//! `quiz import` and `quiz export` end to end: real-looking exports in, decks that load out,
//! and a deck that survives the trip out and back.

use crate::common::{path_arg, repo_path};
use crate::harness::Quiz;

/// The path of an export under `tests/fixtures/import`, as an argument for `quiz import`.
fn export_file(name: &str) -> String {
    repo_path("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn an_anki_export_becomes_a_deck_that_loads_and_bad_rows_are_named_by_line() {
    let quiz = Quiz::new();
    let out = quiz.data_dir().join("decks/anki.toml");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = quiz.run(
        &[
            "import",
            &export_file("anki-notes.txt"),
            "-o",
            path_arg(&out),
        ],
        "",
    );
    run.success();
    assert!(
        run.stderr
            .contains("anki-notes.txt:14: skipped: missing answer"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("anki-notes.txt:15: skipped: unbalanced cloze braces"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("imported 7 cards"), "{}", run.stderr);

    let check = quiz.run(&["check", "anki"], "");
    check.success();
    assert!(
        check.stdout.ends_with("0 errors, 0 warnings\n"),
        "{}",
        check.stdout
    );

    let study = quiz.run(&["start", "anki", "--limit", "1"], "Nikita Khrushchev\n");
    study.success();
    assert_eq!(study.verdicts(), ["right"]);
    assert!(
        study
            .stdout
            .starts_with("[1/1] Who delivered the Secret Speech?\n"),
        "{}",
        study.stdout
    );
}

#[test]
fn quizlet_separators_are_chosen_on_the_command_line() {
    let quiz = Quiz::new();
    let run = quiz.run(
        &[
            "import",
            &export_file("quizlet-custom.txt"),
            "--from",
            "quizlet",
            "--term-separator",
            " - ",
            "--card-separator",
            ";",
        ],
        "",
    );
    run.success();
    assert!(
        run.stdout
            .contains("question = \"Khrushchev\"\nanswer = \"First Secretary, 1953-1964\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("question = \"Zhukov\"\nanswer = \"Marshal of the Soviet Union\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("quizlet-custom.txt:2: skipped"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_never_overwrites_and_a_file_with_no_card_fails() {
    let quiz = Quiz::new();
    let existing = quiz.write("decks/mine.toml", "title = \"mine\"\n");
    let run = quiz.run(
        &[
            "import",
            &export_file("cards.csv"),
            "-o",
            path_arg(&existing),
        ],
        "",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("already exists; not overwriting it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "title = \"mine\"\n"
    );

    let empty = quiz.write("empty.csv", "question,answer\n,\n");
    let run = quiz.run(&["import", path_arg(&empty)], "");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("imported 0 cards"), "{}", run.stderr);

    let missing = quiz.run(&["import", "/nonexistent/export.txt"], "");
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .starts_with("quiz: error: could not read /nonexistent/export.txt"),
        "{}",
        missing.stderr
    );
}

#[test]
fn export_then_import_gives_back_the_same_cards() {
    for format in ["tsv", "csv"] {
        let quiz = Quiz::new();
        let exported = quiz.run(&["export", "secret-speech", "--format", format], "");
        exported.success();
        let file = quiz.write(&format!("out.{format}"), &exported.stdout);
        let deck = quiz.data_dir().join("decks/again.toml");
        std::fs::create_dir_all(deck.parent().unwrap()).unwrap();
        let imported = quiz.run(&["import", path_arg(&file), "-o", path_arg(&deck)], "");
        imported.success();
        assert!(
            imported.stderr.contains("skipped 0 rows"),
            "{format}: {}",
            imported.stderr
        );
        // The same cards export to the same text, id for id and field for field.
        let again = quiz.run(&["export", "again", "--format", format], "");
        again.success();
        let body = |text: &str| {
            text.lines()
                .filter(|l| !l.starts_with("#deck:"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(body(&again.stdout), body(&exported.stdout), "{format}");
    }
}

/// `quiz export big | head -1`: the reader goes away early; quiz must end quietly, not panic.
#[test]
fn a_closed_pipe_ends_output_commands_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let quiz = Quiz::new();
    let mut deck = String::from("title = \"big\"\n");
    for i in 0..5000 {
        deck.push_str(&format!(
            "\n[[cards]]\nid = \"c{i}\"\nquestion = \"Question {i}?\"\nanswer = \"a{i}\"\n"
        ));
    }
    quiz.write("decks/big.toml", &deck);
    // Thousands of findings, so `check` writes far more than a pipe buffer holds.
    quiz.write("decks/bad.toml", &deck.replace("answer =", "anwser ="));
    for args in [
        &["export", "big"][..],
        &["export", "big", "--format", "csv"],
        &["check", "bad"],
        &["completions", "bash"],
    ] {
        let mut child = quiz
            .command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn quiz");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("first line");
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert!(
            output.status.code() == Some(0) || output.status.code() == Some(expected),
            "{args:?}: {:?} {stderr}",
            output.status
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
