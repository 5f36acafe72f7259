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

/// A deck of `cards` cards, each five lines from line 2 on (a blank line, `[[cards]]`, `id`,
/// `question`, then `answer` on line 6 + 5 × its index). `misspelt(i)` writes `anwser` on
/// card `i` (one E002); `no_id(i)` leaves out its `id` line, keeping the line count with a
/// comment (one W001).
pub(crate) fn deck_with_findings(
    cards: usize,
    misspelt: impl Fn(usize) -> bool,
    no_id: impl Fn(usize) -> bool,
) -> String {
    let mut deck = String::from("title = \"Many\"\n");
    for i in 0..cards {
        let id = if no_id(i) {
            "# no id".to_string()
        } else {
            format!("id = \"c{i}\"")
        };
        let key = if misspelt(i) { "anwser" } else { "answer" };
        deck.push_str(&format!(
            "\n[[cards]]\n{id}\nquestion = \"Question {i}?\"\n{key} = \"a{i}\"\n"
        ));
    }
    deck
}

/// The E002 of card `i` of [`deck_with_findings`], drawn as `quiz check` draws it.
pub(crate) fn misspelt_drawn(path: &str, i: usize) -> String {
    let line = 6 + 5 * i;
    let width = line.to_string().len();
    let (pad, bar) = (" ".repeat(width), " ".repeat(width + 1));
    format!(
        "error[E002]: unknown card field `anwser`; allowed fields are id, kind, question, answer, accept, choices, cloze, explain, hint, tags, reverse, case_sensitive, exact, transliterate\n\
         {pad}--> {path}:{line}:1\n\
         {bar}|\n\
         {line} | anwser = \"a{i}\"\n\
         {bar}| ^^^^^^ did you mean `answer`?\n"
    )
}

#[test]
fn check_draws_the_first_twenty_findings_of_a_file_and_counts_the_rest() {
    let quiz = Quiz::new();
    quiz.write(
        "decks/many.toml",
        &deck_with_findings(25, |_| true, |_| false),
    );
    let decks = quiz.data_dir().join("decks");
    let run = run_in(&quiz, &decks, &["check", "many.toml"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    let mut expected: String = (0..20).map(|i| misspelt_drawn("many.toml", i)).collect();
    expected.push_str(
        "… and 5 more errors in many.toml; `quiz check --format json many.toml` lists them all\n\
         25 errors, 0 warnings\n",
    );
    assert_eq!(run.stdout, expected);
    assert_eq!(run.stderr, "");

    // Twenty are drawn with no line after them.
    quiz.write(
        "decks/twenty.toml",
        &deck_with_findings(20, |_| true, |_| false),
    );
    let run = run_in(&quiz, &decks, &["check", "twenty.toml"]);
    assert_eq!(run.code, 1);
    let mut expected: String = (0..20).map(|i| misspelt_drawn("twenty.toml", i)).collect();
    expected.push_str("20 errors, 0 warnings\n");
    assert_eq!(run.stdout, expected);

    // The rest are counted by severity; warnings alone still pass.
    quiz.write(
        "decks/mixed.toml",
        &deck_with_findings(25, |i| i % 2 == 0, |i| i % 2 == 1),
    );
    quiz.write(
        "decks/warned.toml",
        &deck_with_findings(21, |_| false, |_| true),
    );
    let run = run_in(&quiz, &decks, &["check", "mixed.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with(
            "\n… and 5 more findings in mixed.toml (3 errors, 2 warnings); `quiz check --format json mixed.toml` lists them all\n\
             13 errors, 12 warnings\n"
        ),
        "{}",
        run.stdout
    );
    let run = run_in(&quiz, &decks, &["check", "warned.toml", "many.toml"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.matches("\nerror[E002]").count(), 20);
    assert_eq!(run.stdout.matches("warning[W001]").count(), 20);
    assert!(
        run.stdout.contains(
            "\n… and 1 more warning in warned.toml; `quiz check --format json warned.toml` lists them all\nerror[E002]"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("\n25 errors, 21 warnings\n"),
        "{}",
        run.stdout
    );
    let run = run_in(&quiz, &decks, &["check", "warned.toml"]);
    assert_eq!(run.code, 0, "warnings alone pass:\n{}", run.stdout);
}

#[test]
fn check_json_lists_every_finding_past_the_twenty_drawn() {
    let quiz = Quiz::new();
    quiz.write(
        "decks/many.toml",
        &deck_with_findings(30, |i| i % 3 != 0, |i| i % 3 == 0),
    );
    let decks = quiz.data_dir().join("decks");
    let run = run_in(&quiz, &decks, &["check", "--format", "json", "many.toml"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    let found: Vec<String> = json_findings(&run).iter().map(brief).collect();
    let expected: Vec<String> = (0..30)
        .map(|i| {
            if i % 3 == 0 {
                format!("W001 {}:1 warning", 3 + 5 * i)
            } else {
                format!("E002 {}:1 error", 6 + 5 * i)
            }
        })
        .collect();
    assert_eq!(found, expected);
    assert!(!run.stdout.contains("… and"), "{}", run.stdout);
}

#[test]
fn a_deck_without_cards_is_a_warning() {
    let quiz = Quiz::new();
    quiz.write("decks/empty.toml", "title = \"Nothing yet\"\n");
    let run = run_in(&quiz, quiz.data_dir(), &["check", "decks/empty.toml"]);
    assert_eq!(run.code, 0, "a warning, not an error");
    assert_eq!(
        run.stdout,
        "\
warning[W003]: the deck has no cards
 --> decks/empty.toml:1:1
  |
1 | title = \"Nothing yet\"
  | ^^^^^^^^^^^^^^^^^^^^^ add [[cards]] tables below, or run `quiz add` with this deck
0 errors, 1 warning
"
    );
}
