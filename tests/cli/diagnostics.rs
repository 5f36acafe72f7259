//! The diagnostics `quiz check` draws, rustc-style: snapshots of the exact rendering of
//! decks from the corpus, one finding or several in two files, and how many of a file's
//! findings are drawn.

use crate::check::{deck_with_findings, misspelt_drawn};
use crate::check_corpus::corpus;
use crate::common::run_in;
use crate::harness::Quiz;

/// `quiz check FILES…` run from the corpus folder: its exit code and exact stdout.
#[track_caller]
fn assert_rendered(files: &[&str], code: i32, expected: &str) {
    let mut args = vec!["check"];
    args.extend_from_slice(files);
    let run = run_in(&Quiz::new(), &corpus(), &args);
    assert_eq!(run.stdout, expected, "stdout of quiz check {files:?}");
    assert_eq!(run.code, code, "exit code; stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
}

#[test]
fn snapshot_toml_syntax_error() {
    assert_rendered(
        &["e001-unclosed-string.toml"],
        1,
        r#"error[E001]: invalid TOML: invalid basic string, expected `"`
 --> e001-unclosed-string.toml:6:43
  |
6 | question = "What is the capital of France?
  |                                           ^ TOML syntax error
1 error, 0 warnings
"#,
    );
}

#[test]
fn snapshot_misspelt_field_with_its_suggestion() {
    assert_rendered(
        &["e002-misspelt-answer.toml"],
        1,
        "\
error[E002]: unknown card field `anwser`; allowed fields are id, kind, question, answer, accept, choices, cloze, explain, hint, tags, reverse, case_sensitive, exact, transliterate
 --> e002-misspelt-answer.toml:7:1
  |
7 | anwser = \"Lisbon\"
  | ^^^^^^ did you mean `answer`?
1 error, 0 warnings
",
    );
}

#[test]
fn snapshot_answer_not_among_the_choices_shows_the_choices() {
    assert_rendered(
        &["e005-answer-not-among-choices.toml"],
        1,
        r#"error[E005]: answer `20th congress` is not one of the choices
 --> e005-answer-not-among-choices.toml:7:10
  |
7 | answer = "20th congress"
  |          ^^^^^^^^^^^^^^^ not among the choices
8 | choices = ["19th Congress", "20th Congress", "21st Congress"]
  |           --------------------------------------------------- the choices
1 error, 0 warnings
"#,
    );
}

#[test]
fn snapshot_duplicated_choice_counts_columns_in_characters() {
    assert_rendered(
        &["e006-duplicated-choice-accents.toml"],
        1,
        r#"error[E006]: duplicated choice `Geneve`
 --> e006-duplicated-choice-accents.toml:8:32
  |
8 | choices = ["Zürich", "Genève", "Geneve", "Bern"]
  |                      --------  ^^^^^^^^ same as an earlier choice
  |                      |
  |                      first listed here
1 error, 0 warnings
"#,
    );
}

#[test]
fn snapshot_empty_gap_points_inside_the_string() {
    assert_rendered(
        &["e009-empty-gap.toml"],
        1,
        r#"error[E009]: empty cloze gap
 --> e009-empty-gap.toml:6:36
  |
6 | cloze = "Voyager 1 was launched in {{ }} and left the heliosphere in {{2012}}."
  |                                    ^^^^^ nothing to ask here
1 error, 0 warnings
"#,
    );
}

#[test]
fn snapshot_duplicate_id_shows_both_places() {
    assert_rendered(
        &["e011-duplicate-id.toml"],
        1,
        r#"error[E011]: duplicate card id `speech-date`
  --> e011-duplicate-id.toml:15:6
   |
 5 | id = "speech-date"
   |      ------------- first used here
...
15 | id = "speech-date"
   |      ^^^^^^^^^^^^^ used again here
1 error, 0 warnings
"#,
    );
}

#[test]
fn snapshot_duplicate_question_is_a_warning() {
    assert_rendered(
        &["w002-duplicate-question.toml"],
        0,
        r#"warning[W002]: duplicate question: another card asks the same
  --> w002-duplicate-question.toml:16:12
   |
 6 | question = "Which bird cannot fly?"
   |            ------------------------ first asked here
...
16 | question = "  which BIRD cannot fly "
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^ asked again here
0 errors, 1 warning
"#,
    );
}

#[test]
fn snapshot_several_findings_in_two_files_sorted_and_counted() {
    assert_rendered(
        &[
            "e011-same-wording-without-ids.toml",
            "w001-card-without-id.toml",
        ],
        1,
        r#"warning[W001]: card has no `id`; it is known as `q-3581d6d60a` until its wording changes
 --> e011-same-wording-without-ids.toml:4:1
  |
4 | [[cards]]
  | ^^^^^^^^^ editing this card's text will reset its progress (`quiz check --fix` writes the id in)
error[E011]: duplicate card id `q-3581d6d60a`
  --> e011-same-wording-without-ids.toml:13:1
   |
 4 | [[cards]]
   | --------- first used here
...
13 | [[cards]]
   | ^^^^^^^^^ used again here
warning[W001]: card has no `id`; it is known as `q-3581d6d60a` until its wording changes
  --> e011-same-wording-without-ids.toml:13:1
   |
13 | [[cards]]
   | ^^^^^^^^^ editing this card's text will reset its progress (`quiz check --fix` writes the id in)
warning[W002]: duplicate question: another card asks the same
  --> e011-same-wording-without-ids.toml:14:12
   |
 5 | question = "Which tree produces acorns?"
   |            ----------------------------- first asked here
...
14 | question = "Which tree produces acorns?"
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ asked again here
warning[W001]: card has no `id`; it is known as `q-fb1e69a7a8` until its wording changes
 --> w001-card-without-id.toml:9:1
  |
9 | [[cards]]
  | ^^^^^^^^^ editing this card's text will reset its progress (`quiz check --fix` writes the id in)
1 error, 4 warnings
"#,
    );
}

#[test]
fn a_session_skipping_a_deck_draws_its_first_twenty_errors_and_counts_the_rest() {
    let mut quiz = Quiz::new();
    quiz.at("2026-03-01T09:00:00Z");
    quiz.write(
        "decks/many.toml",
        &deck_with_findings(27, |i| i != 3, |i| i % 2 == 0),
    );
    let decks = quiz.data_dir().join("decks");
    let run = run_in(&quiz, &decks, &["start", "many.toml"]);
    assert_eq!(run.code, 1, "stdout:\n{}", run.stdout);
    // Errors only: the cards without ids are not drawn, nor card 3, which has none.
    let mut expected: String = (0..27)
        .filter(|&i| i != 3)
        .take(20)
        .map(|i| misspelt_drawn("many.toml", i))
        .collect();
    expected.push_str(
        "… and 6 more errors; run `quiz check many.toml`\n\
         quiz: warning: skipped deck `many`: it has errors (see above)\n\
         quiz: error: no deck could be loaded\n",
    );
    assert_eq!(run.stderr, expected);

    // From the decks folder, beside a deck that loads: the same list, and the session runs.
    let run = quiz.run(&["start", "--limit", "1"], "x\n");
    run.success();
    assert_eq!(
        run.stderr.matches("error[E002]").count(),
        20,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("\n… and 6 more errors; run `quiz check "),
        "{}",
        run.stderr
    );
    assert!(run.stdout.starts_with("[1/1] "), "{}", run.stdout);

    // One error more than shown is counted in the singular.
    quiz.write(
        "decks/many.toml",
        &deck_with_findings(21, |_| true, |_| false),
    );
    let run = run_in(&quiz, &decks, &["start", "many.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "\n… and 1 more error; run `quiz check many.toml`\nquiz: warning: skipped deck `many`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn adding_to_a_deck_with_many_errors_draws_its_first_twenty() {
    let quiz = Quiz::new();
    quiz.write(
        "decks/many.toml",
        &deck_with_findings(22, |_| true, |_| false),
    );
    let decks = quiz.data_dir().join("decks");
    let run = run_in(&quiz, &decks, &["add", "many.toml"]);
    assert_eq!(run.code, 1, "stdout:\n{}", run.stdout);
    let mut expected: String = (0..20).map(|i| misspelt_drawn("many.toml", i)).collect();
    expected.push_str(
        "… and 2 more errors; run `quiz check many.toml`\n\
         quiz: error: many.toml has errors; fix them before adding cards\n",
    );
    assert_eq!(run.stderr, expected);
}
