//! `quiz check --format json`: one object per finding with its code, severity and place,
//! counted as the human format counts them.

use crate::check_corpus::{RULES, corpus, corpus_files};
use crate::common::{field, json_findings, run_in};
use crate::harness::Quiz;

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
