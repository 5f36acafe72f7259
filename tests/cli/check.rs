//! Deck authoring end to end: `quiz check` (the corpus of broken decks under `tests/broken/`,
//! the rendered diagnostics, JSON lines, `--fix`), `quiz new` and plain-mode `quiz add`.
//!
//! Every file of the corpus holds one mistake and names it on its first line:
//! `# expect: E002 7:1` (the code, line and column of the primary finding).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

use crate::common::{NOW, capitals_deck, path_arg, repo_path};
use crate::harness::{Quiz, Run};

/// Every code a deck can be reported with (E014 is unused, E016 is an unreadable file).
const RULES: [&str; 16] = [
    "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012",
    "E013", "E015", "W001", "W002",
];

/// Corpus files whose expectation the program does not meet yet; each has an ignored test.
const KNOWN_BUGS: [(&str, &str); 0] = [];

/// The corpus of broken decks, `tests/broken`.
fn corpus() -> PathBuf {
    repo_path("tests/broken")
}

/// Runs `quiz ARGS` from `dir` (so paths in the output are relative), stdin closed.
fn run_in(quiz: &Quiz, dir: &Path, args: &[&str]) -> Run {
    let output = quiz
        .command(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run quiz");
    Run::from(output)
}

/// The corpus file names, sorted.
fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .expect("read tests/broken")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

struct Expect {
    code: String,
    line: u64,
    column: u64,
}

/// Reads `# expect: CODE LINE:COL` from the first line of a corpus file.
fn expectation(text: &str) -> Result<Expect, String> {
    let first = text.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix("# expect: ")
        .ok_or_else(|| format!("first line is not `# expect: CODE LINE:COL`: {first:?}"))?;
    let (code, place) = rest
        .split_once(' ')
        .ok_or_else(|| format!("no place in {first:?}"))?;
    let (line, column) = place
        .trim()
        .split_once(':')
        .ok_or_else(|| format!("no LINE:COL in {first:?}"))?;
    let number = |text: &str| {
        text.parse::<u64>()
            .map_err(|_| format!("bad number in {first:?}"))
    };
    Ok(Expect {
        code: code.to_string(),
        line: number(line)?,
        column: number(column)?,
    })
}

/// Each stdout line of `quiz check --format json`, parsed.
fn json_lines(run: &Run) -> Result<Vec<Value>, String> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("not JSON ({e}): {line}")))
        .collect()
}

/// [`json_lines`] of a run whose every line must be JSON.
#[track_caller]
fn json_findings(run: &Run) -> Vec<Value> {
    json_lines(run).unwrap_or_else(|e| panic!("{e}"))
}

/// `finding[key]`, or null when it has no such key.
fn field<'a>(finding: &'a Value, key: &str) -> &'a Value {
    finding.get(key).unwrap_or(&Value::Null)
}

/// `E002 7:1 error` for a JSON finding.
fn brief(finding: &Value) -> String {
    format!(
        "{} {}:{} {}",
        field(finding, "code").as_str().unwrap_or("?"),
        field(finding, "line"),
        field(finding, "column"),
        field(finding, "severity").as_str().unwrap_or("?"),
    )
}

/// Everything wrong with how `quiz check` reports one corpus file; empty when all is right.
fn corpus_mismatches(quiz: &Quiz, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(corpus().join(name)).expect("read corpus file");
    let expect = match expectation(&text) {
        Ok(expect) => expect,
        Err(error) => return vec![format!("{name}: {error}")],
    };
    let mut wrong = Vec::new();
    if !name.starts_with(&format!("{}-", expect.code.to_lowercase())) {
        wrong.push(format!(
            "{name}: the file name does not start with its code {}",
            expect.code
        ));
    }

    let run = run_in(quiz, &corpus(), &["check", "--format", "json", name]);
    let findings = match json_lines(&run) {
        Ok(findings) => findings,
        Err(error) => return vec![format!("{name}: {error}")],
    };
    let all = findings.iter().map(brief).collect::<Vec<_>>().join(", ");
    let is_expected = |f: &Value| {
        field(f, "code").as_str() == Some(expect.code.as_str())
            && field(f, "line").as_u64() == Some(expect.line)
            && field(f, "column").as_u64() == Some(expect.column)
    };
    if !findings.iter().any(is_expected) {
        wrong.push(format!(
            "{name}: no {} at {}:{}; found [{all}]",
            expect.code, expect.line, expect.column
        ));
    }
    let other_errors: Vec<String> = findings
        .iter()
        .filter(|f| field(f, "severity").as_str() == Some("error") && !is_expected(f))
        .map(brief)
        .collect();
    if !other_errors.is_empty() {
        wrong.push(format!(
            "{name}: errors other than the one mistake: {}",
            other_errors.join(", ")
        ));
    }
    let exit = if expect.code.starts_with('E') { 1 } else { 0 };
    if run.code != exit {
        wrong.push(format!(
            "{name}: exit code {} instead of {exit}; stderr: {}",
            run.code, run.stderr
        ));
    }

    // The human rendering names the same code and place.
    let human = run_in(quiz, &corpus(), &["check", name]);
    let header = format!("[{}]: ", expect.code);
    let place = format!(" --> {name}:{}:{}\n", expect.line, expect.column);
    if !human.stdout.contains(&header) || !human.stdout.contains(&place) {
        wrong.push(format!(
            "{name}: human output lacks `{header}` or `{}`:\n{}",
            place.trim(),
            human.stdout
        ));
    }
    if human.code != run.code {
        wrong.push(format!(
            "{name}: exit code {} in human format, {} in JSON",
            human.code, run.code
        ));
    }
    wrong
}

#[test]
fn every_broken_deck_is_reported_at_its_mistake() {
    let quiz = Quiz::new();
    let files = corpus_files();
    assert!(
        files.len() >= 32,
        "only {} decks in tests/broken",
        files.len()
    );
    for (name, bug) in KNOWN_BUGS {
        assert!(
            files.iter().any(|f| f == name),
            "{name} is not in the corpus"
        );
        eprintln!("skipped {name} (known bug: {bug}); see its ignored test");
    }
    let mismatches: Vec<String> = files
        .iter()
        .filter(|name| !KNOWN_BUGS.iter().any(|(bug, _)| bug == name))
        .flat_map(|name| corpus_mismatches(&quiz, name))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn the_corpus_covers_every_rule() {
    let codes: Vec<String> = corpus_files()
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(corpus().join(name)).expect("read");
            expectation(&text)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .code
        })
        .collect();
    let missing: Vec<&str> = RULES
        .iter()
        .copied()
        .filter(|rule| !codes.iter().any(|c| c == rule))
        .collect();
    assert_eq!(missing, Vec::<&str>::new(), "rules without a broken deck");
    let unknown: Vec<&String> = codes
        .iter()
        .filter(|c| !RULES.contains(&c.as_str()))
        .collect();
    assert_eq!(unknown, Vec::<&String>::new(), "codes that are not rules");
}

// ---------------------------------------------------------------- rendered diagnostics

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
error[E002]: unknown card field `anwser`; allowed fields are id, kind, question, answer, accept, choices, cloze, explain, hint, tags, reverse
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

// ---------------------------------------------------------------- JSON, folders, no arguments

#[test]
fn json_gives_one_object_per_finding_with_its_place() {
    let quiz = Quiz::new();
    let tests = corpus().parent().expect("tests folder").to_path_buf();
    let run = run_in(&quiz, &tests, &["check", "--format", "json", "broken"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    let findings = json_findings(&run);
    assert!(findings.len() >= corpus_files().len());

    let mut problems = Vec::new();
    for finding in &findings {
        let code = field(finding, "code").as_str().unwrap_or_default();
        let severity = field(finding, "severity").as_str().unwrap_or_default();
        let path = field(finding, "path").as_str().unwrap_or_default();
        let line = field(finding, "line").as_u64().unwrap_or(0);
        let column = field(finding, "column").as_u64().unwrap_or(0);
        let message = field(finding, "message").as_str().unwrap_or_default();
        let ok = RULES.contains(&code)
            && severity
                == if code.starts_with('E') {
                    "error"
                } else {
                    "warning"
                }
            && path.starts_with("broken/")
            && path.ends_with(".toml")
            && line >= 1
            && column >= 1
            && !message.is_empty()
            && field(finding, "end_line").as_u64() >= Some(line);
        if !ok {
            problems.push(finding.to_string());
        }
    }
    assert!(problems.is_empty(), "malformed:\n{}", problems.join("\n"));

    // Every deck of the corpus has at least one finding.
    for name in corpus_files() {
        let path = format!("broken/{name}");
        assert!(
            findings.iter().any(|f| field(f, "path") == path.as_str()),
            "nothing reported for {path}"
        );
    }
    // The human format counts the same findings.
    let human = run_in(&quiz, &tests, &["check", "broken"]);
    let errors = findings
        .iter()
        .filter(|f| field(f, "severity") == "error")
        .count();
    let warnings = findings.len() - errors;
    assert!(
        human
            .stdout
            .ends_with(&format!("\n{errors} errors, {warnings} warnings\n")),
        "{}",
        human.stdout
    );
    assert_eq!(human.code, 1);
}

/// One warning (W001 on line 4).
const WARNED: &str = r#"title = "Rivers"

[[cards]]
question = "Which river flows through Cairo?"
answer = "Nile"
"#;

/// One error (E005 at 6:10).
const BAD: &str = r#"title = "Congress"

[[cards]]
id = "congress"
question = "Which congress heard the Secret Speech?"
answer = "20th congress"
choices = ["19th Congress", "20th Congress"]
"#;

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
    quiz.write("decks/warned.toml", WARNED);
    quiz.write("decks/notes.txt", "not a deck = [");
    quiz.write("decks/old/bad.toml", BAD);
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

    quiz.write("decks/bad.toml", BAD);
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
    quiz.write("elsewhere/bad.toml", BAD);
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
    quiz.write("elsewhere/warned.toml", WARNED);
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
        BAD.replace("20th congress", "20th Congress").as_str(),
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

// ---------------------------------------------------------------- --fix

/// Comments, odd spacing, a tab-indented card; three cards without ids (one cloze).
const UNFIXED: &str = "# Russian history — my own deck
title   =   \"Russian history\"    # spacing kept
tags = [ \"history\",  \"russia\" ]

# ------------------------------------------------------------ cards

[[cards]]
# the speech itself
question   = \"On what date did Khrushchev deliver the Secret Speech?\"
answer = \"February 25, 1956\"   # the date
accept = [ \"25 February 1956\" ]

[[cards]]
id = \"premier\"
question = \"When did Khrushchev become Premier?\"
answer = \"March 27, 1958\"

[[cards]]
cloze = \"The speech began the {{Khrushchev Thaw}} in {{1956::year}}.\"   # two gaps
explain = \"De-Stalinization.\"

[[cards]]
\tquestion = \"Which congress   heard the speech?\"
\tanswer = \"20th Congress\"
\tchoices = [\"19th Congress\", \"20th Congress\"]
";

/// The implicit id a W001 finding names: ``card has no `id`; it is known as `q-…` …``.
fn named_id(finding: &Value) -> String {
    let message = field(finding, "message").as_str().unwrap_or_default();
    message
        .split('`')
        .nth(3)
        .unwrap_or_else(|| panic!("no id in {message}"))
        .to_string()
}

#[test]
fn fix_writes_the_implicit_ids_and_changes_nothing_else() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let path = quiz.write("decks/history.toml", UNFIXED);

    let run = quiz.run(&["check", "--format", "json"], "");
    run.success();
    let warnings = json_findings(&run);
    assert_eq!(
        warnings.iter().map(brief).collect::<Vec<_>>(),
        ["W001 7:1 warning", "W001 18:1 warning", "W001 22:1 warning"]
    );
    let ids: Vec<String> = warnings.iter().map(named_id).collect();
    for id in &ids {
        assert!(
            id.len() == 12
                && id.starts_with("q-")
                && id[2..].chars().all(|c| c.is_ascii_hexdigit()),
            "{id}"
        );
    }

    // Progress before the fix is stored under the implicit ids.
    let run = quiz.run(
        &["start", "history", "--limit", "3"],
        "February 25, 1956\nMarch 27, 1958\nKhrushchev Thaw\n",
    );
    run.success();
    assert_eq!(run.verdicts(), ["right", "right", "right"]);
    let mut studied = vec![
        vec![ids[0].clone()],
        vec!["premier".to_string()],
        vec![format!("{}#1", ids[1])],
    ];
    studied.sort();
    assert_eq!(quiz.rows("SELECT card FROM cards ORDER BY card"), studied);
    let rows_before = quiz.rows("SELECT card, due, stability, reps FROM cards ORDER BY card");

    let run = quiz.run(&["check", "--fix"], "");
    run.success();
    assert!(run.stderr.contains("wrote 3 ids"), "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("history.toml: ok (5 cards)\n0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
    let fixed = std::fs::read_to_string(&path).expect("read fixed deck");

    // Each id is written on its own line right under its card's header…
    let lines: Vec<String> = ids.iter().map(|id| format!("id = \"{id}\"\n")).collect();
    for line in &lines {
        assert_eq!(fixed.matches(line.as_str()).count(), 1, "{fixed}");
        assert!(fixed.contains(&format!("[[cards]]\n{line}")), "{fixed}");
    }
    // …and without those lines the file is the original, byte for byte.
    let mut restored = fixed.clone();
    for line in &lines {
        restored = restored.replacen(line.as_str(), "", 1);
    }
    assert_eq!(restored, UNFIXED);
    assert_eq!(
        fixed.len(),
        UNFIXED.len() + lines.iter().map(String::len).sum::<usize>()
    );

    // W001 is gone, and nothing else appeared.
    let run = quiz.run(&["check", "--format", "json"], "");
    run.success();
    assert_eq!(run.stdout, "");

    // A second --fix changes nothing.
    let run = quiz.run(&["check", "--fix"], "");
    run.success();
    assert!(!run.stderr.contains("wrote"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), fixed);

    // The progress still belongs to the cards: the three studied are not new, the other two are.
    assert_eq!(
        quiz.rows("SELECT card, due, stability, reps FROM cards ORDER BY card"),
        rows_before
    );
    let run = quiz.run(&["start", "history", "--limit", "10"], "1956\n2\n");
    run.success();
    assert_eq!(run.verdicts(), ["right", "right"], "{}", run.stdout);
    assert!(run.stdout.starts_with("[1/2] "), "{}", run.stdout);
    assert_eq!(
        quiz.rows("SELECT card FROM reviews ORDER BY id"),
        vec![
            vec![ids[0].clone()],
            vec!["premier".to_string()],
            vec![format!("{}#1", ids[1])],
            vec![format!("{}#2", ids[1])],
            vec![ids[2].clone()],
        ]
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM cards WHERE reps = 1"),
        5,
        "no card was asked twice"
    );
}

#[test]
fn fix_leaves_a_deck_that_is_not_valid_toml_alone() {
    let quiz = Quiz::new();
    let text = "title = \"Broken\"\n\n[[cards]\nquestion = \"Q?\"\nanswer = \"A\"\n";
    let path = quiz.write("decks/broken.toml", text);
    let run = quiz.run(&["check", "--fix"], "");
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[E001]"), "{}", run.stdout);
    assert!(!run.stderr.contains("wrote"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(path).expect("read"), text);
}

// ---------------------------------------------------------------- quiz new

#[test]
fn new_creates_a_deck_that_passes_check() {
    let quiz = Quiz::new();
    let run = quiz.run(&["new", "capitals"], "");
    run.success();
    let path = quiz.data_dir().join("decks/capitals.toml");
    assert!(
        run.stdout
            .starts_with(&format!("created {}\n", path.display())),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(&path).expect("the new deck");
    assert!(text.starts_with("# "), "a commented template:\n{text}");
    assert!(text.contains("title = \"capitals\"\n"), "{text}");

    let run = quiz.run(&["check", "capitals"], "");
    run.success();
    assert!(
        run.stdout.ends_with("\n0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
    let run = quiz.run(&["check", "--format", "json"], "");
    run.success();
    assert_eq!(run.stdout, "");
}

#[test]
fn new_never_overwrites() {
    let quiz = Quiz::new();
    let good = capitals_deck(2);
    let path = quiz.write("decks/mine.toml", &good);
    let run = quiz.run(&["new", "mine"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "{} already exists; not overwriting it",
            path.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good);

    let elsewhere = quiz.write("elsewhere.toml", WARNED);
    let run = quiz.run(&["new", "other", "--path", path_arg(&elsewhere)], "");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), WARNED);
}

#[test]
fn new_with_path_writes_there() {
    let quiz = Quiz::new();
    let target = quiz.data_dir().join("shared/history.toml");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    let run = quiz.run(&["new", "history", "--path", path_arg(&target)], "");
    run.success();
    assert!(target.is_file());
    assert!(!quiz.data_dir().join("decks/history.toml").exists());
    let run = run_in(&quiz, quiz.data_dir(), &["check", "shared/history.toml"]);
    run.success();
    assert!(
        run.stdout.ends_with("\n0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn new_refuses_a_name_that_is_a_path() {
    let quiz = Quiz::new();
    for name in ["../x", "a/b", ".hidden", ""] {
        let run = quiz.run(&["new", name], "");
        assert_eq!(run.code, 1, "{name:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("is not a deck name"),
            "{name:?}: {}",
            run.stderr
        );
    }
    assert!(!quiz.data_dir().join("x.toml").exists());
    let made: Vec<_> = std::fs::read_dir(quiz.data_dir().join("decks"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(made.is_empty(), "{made:?}");
}

// ---------------------------------------------------------------- quiz add

const BEFORE_ADD: &str = "# Soviet history, typed by hand
title = \"Soviet history\"   # the title
tags = [\"history\"]

# Dates first.
[[cards]]
id = \"speech-date\"
question = \"On what date did Khrushchev deliver the Secret Speech?\"
answer = \"February 25, 1956\"   # the day of the speech
";

/// Five cards (text, choice, true/false, several, cloze), then a choice card whose answer is
/// not among its choices, then no more.
const ADD_SCRIPT: &str = "text
Who succeeded Lenin?
Joseph Stalin
Stalin | Josef Stalin
He outmanoeuvred Trotsky.

people, leaders
y
y
choice
Which congress heard the speech?
19th Congress | 20th Congress | 21st Congress
2



y
y
truefalse
The speech was published in the USSR in 1956.
false
It was published there in 1989.


y
y
several
Name two effects of de-Stalinization.
release of political prisoners | relaxed censorship


thaw
y
y
cloze
The speech began the {{Khrushchev Thaw}} in {{1956::year}}.

A season's end.

y
y
choice
Which city hosted the congress?
Moscow | Kyiv
Leningrad



y
n
";

const ADDED: &str = r#"
[[cards]]
id = "who-succeeded-lenin"
question = "Who succeeded Lenin?"
answer = "Joseph Stalin"
accept = ["Stalin", "Josef Stalin"]
explain = "He outmanoeuvred Trotsky."
tags = ["people", "leaders"]

[[cards]]
id = "which-congress-heard-the-speech"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["19th Congress", "20th Congress", "21st Congress"]

[[cards]]
id = "the-speech-was-published-in-the"
question = "The speech was published in the USSR in 1956."
answer = false
explain = "It was published there in 1989."

[[cards]]
id = "name-two-effects-of-de-stalinization"
question = "Name two effects of de-Stalinization."
answer = ["release of political prisoners", "relaxed censorship"]
tags = ["thaw"]

[[cards]]
id = "the-speech-began-the-khrushchev-thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}."
hint = "A season's end."
"#;

const ADD_TRANSCRIPT: &str = r#"kind (text/choice/truefalse/several/cloze):
question:
answer:
other answers that count as right (separated by |, optional):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "who-succeeded-lenin"
question = "Who succeeded Lenin?"
answer = "Joseph Stalin"
accept = ["Stalin", "Josef Stalin"]
explain = "He outmanoeuvred Trotsky."
tags = ["people", "leaders"]
add this card? [Y/n]:
added `who-succeeded-lenin` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
question:
choices (separated by |):
the right choice (its text or number):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "which-congress-heard-the-speech"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["19th Congress", "20th Congress", "21st Congress"]
add this card? [Y/n]:
added `which-congress-heard-the-speech` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
statement (true or false):
answer (true/false):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "the-speech-was-published-in-the"
question = "The speech was published in the USSR in 1956."
answer = false
explain = "It was published there in 1989."
add this card? [Y/n]:
added `the-speech-was-published-in-the` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
question:
answers (separated by |):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "name-two-effects-of-de-stalinization"
question = "Name two effects of de-Stalinization."
answer = ["release of political prisoners", "relaxed censorship"]
tags = ["thaw"]
add this card? [Y/n]:
added `name-two-effects-of-de-stalinization` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
cloze text (mark each gap as {{answer}}):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "the-speech-began-the-khrushchev-thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}."
hint = "A season's end."
add this card? [Y/n]:
added `the-speech-began-the-khrushchev-thaw` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
question:
choices (separated by |):
the right choice (its text or number):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "which-city-hosted-the-congress"
question = "Which city hosted the congress?"
answer = "Leningrad"
choices = ["Moscow", "Kyiv"]
add this card? [Y/n]:
error[E005]: answer `Leningrad` is not one of the choices
  --> <data>/decks/soviet.toml:45:10
   |
45 | answer = "Leningrad"
   |          ^^^^^^^^^^^ not among the choices
46 | choices = ["Moscow", "Kyiv"]
   |           ------------------ the choices
not added: the card has the mistakes shown above
add another card? [Y/n]:
5 cards added
"#;

#[test]
fn add_in_plain_mode_appends_cards_and_refuses_a_broken_one() {
    let quiz = Quiz::new();
    let path = quiz.write("decks/soviet.toml", BEFORE_ADD);
    let run = quiz.run(&["add", "soviet"], ADD_SCRIPT);
    run.success();
    let data = quiz.data_dir().display().to_string();
    assert_eq!(run.stdout.replace(&data, "<data>"), ADD_TRANSCRIPT);

    let text = std::fs::read_to_string(&path).expect("read deck");
    assert!(text.starts_with(BEFORE_ADD), "{text}");
    assert_eq!(&text[BEFORE_ADD.len()..], ADDED);
    assert!(!text.contains("Leningrad"), "the refused card was written");

    let run = quiz.run(&["check", "soviet"], "");
    run.success();
    assert_eq!(
        run.stdout.replace(&data, "<data>"),
        "<data>/decks/soviet.toml: ok (7 cards)\n0 errors, 0 warnings\n"
    );
}

#[test]
fn add_refuses_a_bundled_deck() {
    let quiz = Quiz::new();
    let run = quiz.run(&["add", "secret-speech"], "text\nQ?\nA\n\n\n\n\ny\nn\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`secret-speech` is a bundled deck and cannot be edited"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert!(!quiz.data_dir().join("decks/secret-speech.toml").exists());
}
