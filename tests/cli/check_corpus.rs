//! `quiz check` over the corpus of broken decks under `tests/broken/`: each deck is reported
//! at its one mistake, in JSON and rendered, and every rule has a deck.
//!
//! Every file of the corpus holds one mistake and names it on its first line:
//! `# expect: E002 7:1` (the code, line and column of the primary finding).

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{brief, field, json_lines, repo_path, run_in};
use crate::harness::Quiz;

/// Every code a deck can be reported with (E014 is unused, E016 is an unreadable file).
pub(crate) const RULES: [&str; 19] = [
    "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012",
    "E013", "E015", "E017", "E018", "E019", "W001", "W002",
];

/// Corpus files whose expectation the program does not meet yet; each has an ignored test.
const KNOWN_BUGS: [(&str, &str); 0] = [];

/// The corpus of broken decks, `tests/broken`.
pub(crate) fn corpus() -> PathBuf {
    repo_path("tests/broken")
}

/// The corpus file names, sorted.
pub(crate) fn corpus_files() -> Vec<String> {
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
