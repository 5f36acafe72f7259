//! `quiz check` on the decks folder, a folder or one file: which files it reads, what it
//! says of each, how it counts cards and findings, and its exit code.

use crate::common::{brief, capitals_deck, field, fixture, json_findings, run_in};
use crate::harness::Quiz;

#[test]
fn check_without_arguments_checks_every_deck_in_the_decks_folder() {
    let quiz = Quiz::new();
    let run = quiz.run(&["check"], "");
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("no decks to check in"),
        "{}",
        run.stderr
    );

    quiz.write("decks/good.toml", &capitals_deck(2));
    quiz.write("decks/warned.toml", &fixture("decks/one-warning.toml"));
    quiz.write("decks/notes.txt", "not a deck = [");
    quiz.write("decks/old/bad.toml", &fixture("decks/one-error.toml"));
    let data = quiz.data_dir().display().to_string();
    let tidy = |text: &str| text.replace(&data, "<data>");

    let run = quiz.run(&["check"], "");
    assert_eq!(run.code, 0, "warnings only; stdout:\n{}", run.stdout);
    let stdout = tidy(&run.stdout);
    assert!(
        stdout.starts_with("<data>/decks/good.toml: ok (2 cards)\nwarning[W001]: "),
        "{stdout}"
    );
    assert!(
        stdout.contains(" --> <data>/decks/warned.toml:3:1\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n0 errors, 1 warning\n"), "{stdout}");
    assert!(!stdout.contains("secret-speech"), "{stdout}");
    assert!(!stdout.contains("notes.txt"), "{stdout}");
    assert!(!stdout.contains("old/bad"), "{stdout}");

    quiz.write("decks/bad.toml", &fixture("decks/one-error.toml"));
    let run = quiz.run(&["check"], "");
    assert_eq!(run.code, 1, "an error in one deck; stdout:\n{}", run.stdout);
    let stdout = tidy(&run.stdout);
    assert!(
        stdout.contains("error[E005]: answer `20th congress` is not one of the choices\n --> <data>/decks/bad.toml:6:10\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("<data>/decks/good.toml: ok (2 cards)\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n1 error, 1 warning\n"), "{stdout}");

    let run = quiz.run(&["check", "--format", "json"], "");
    assert_eq!(run.code, 1);
    let findings = json_findings(&run);
    let places: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                brief(f),
                tidy(field(f, "path").as_str().unwrap_or_default())
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            "E005 6:10 error <data>/decks/bad.toml",
            "W001 3:1 warning <data>/decks/warned.toml"
        ]
    );
}

#[test]
fn check_a_folder_checks_the_toml_files_in_it() {
    let quiz = Quiz::new();
    quiz.write("elsewhere/good.toml", &capitals_deck(2));
    quiz.write("elsewhere/bad.toml", &fixture("decks/one-error.toml"));
    quiz.write("elsewhere/README.md", "# not a deck = [");
    quiz.write("elsewhere/drafts/worse.toml", "title = ");
    let run = run_in(&quiz, quiz.data_dir(), &["check", "elsewhere"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert_eq!(
        run.stdout,
        r#"error[E005]: answer `20th congress` is not one of the choices
 --> elsewhere/bad.toml:6:10
  |
6 | answer = "20th congress"
  |          ^^^^^^^^^^^^^^^ not among the choices
7 | choices = ["19th Congress", "20th Congress"]
  |           ---------------------------------- the choices
elsewhere/good.toml: ok (2 cards)
1 error, 0 warnings
"#
    );

    std::fs::remove_file(quiz.data_dir().join("elsewhere/bad.toml")).expect("remove");
    quiz.write("elsewhere/warned.toml", &fixture("decks/one-warning.toml"));
    let run = run_in(&quiz, quiz.data_dir(), &["check", "elsewhere"]);
    assert_eq!(run.code, 0, "warnings alone pass:\n{}", run.stdout);
    assert!(
        run.stdout.contains(" --> elsewhere/warned.toml:3:1\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("\n0 errors, 1 warning\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unreadable_deck_is_reported_and_the_others_still_checked() {
    let quiz = Quiz::new();
    quiz.write("decks/good.toml", &capitals_deck(2));
    let latin1 = quiz.data_dir().join("decks/latin1.toml");
    std::fs::write(&latin1, b"title = \"caf\xe9\"\n").expect("write latin-1 deck");

    let run = quiz.run(&["check"], "");
    let output = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 1, "{output}");
    assert!(!output.contains("latin1.toml: ok"), "{output}");
    assert!(output.contains("latin1.toml"), "{output}");
    assert!(output.contains("good.toml: ok (2 cards)"), "{output}");

    let run = run_in(&quiz, quiz.data_dir(), &["check", "decks"]);
    let output = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 1, "{output}");
    assert!(output.contains("decks/good.toml: ok (2 cards)"), "{output}");
}

#[test]
fn one_card_is_one_card() {
    let quiz = Quiz::new();
    quiz.write(
        "decks/one.toml",
        fixture("decks/one-error.toml")
            .replace("20th congress", "20th Congress")
            .as_str(),
    );
    let run = run_in(
        &quiz,
        &quiz.data_dir().join("decks"),
        &["check", "one.toml"],
    );
    run.success();
    assert_eq!(run.stdout, "one.toml: ok (1 card)\n0 errors, 0 warnings\n");
}

#[test]
fn a_card_with_an_error_still_counts_for_the_duplicate_checks() {
    let quiz = Quiz::new();
    quiz.write(
        "decks/dup.toml",
        r#"[[cards]]
id = "speech-date"
question = "On what date did Khrushchev deliver the Secret Speech?"
answer = ""

[[cards]]
id = "speech-date"
question = "On what date did Khrushchev deliver the Secret Speech?"
answer = "February 25, 1956"
"#,
    );
    let run = quiz.run(&["check", "--format", "json", "dup"], "");
    assert_eq!(run.code, 1);
    let findings = json_findings(&run);
    let found: Vec<String> = findings.iter().map(brief).collect();
    assert_eq!(
        found,
        ["E004 4:10 error", "E011 7:6 error", "W002 8:12 warning"]
    );
}
