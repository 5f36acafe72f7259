//! Decks, fixtures, instants, scripted answers and readers of quiz's output (transcripts,
//! JSON findings, database rows) that several test modules share.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::{Quiz, Run};

/// The instant every test's clock starts at unless it says otherwise.
pub(crate) const NOW: &str = "2026-03-01T09:00:00Z";

/// A file of the repository, e.g. `tests/broken` or `decks/secret-speech.toml`.
pub(crate) fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A file under `tests/fixtures` as text, e.g. `decks/typed.toml`.
pub(crate) fn fixture(relative: &str) -> String {
    let path = repo_path("tests/fixtures").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// A path as an argument for `quiz` (temp paths are always UTF-8).
pub(crate) fn path_arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// Six text cards: (id, country, capital); the question is `Capital of COUNTRY?`.
pub(crate) const CAPITALS: [(&str, &str, &str); 6] = [
    ("fr", "France", "Paris"),
    ("de", "Germany", "Berlin"),
    ("it", "Italy", "Rome"),
    ("es", "Spain", "Madrid"),
    ("pt", "Portugal", "Lisbon"),
    ("at", "Austria", "Vienna"),
];

/// A deck titled "Capitals" of the first `count` [`CAPITALS`], in that order.
pub(crate) fn capitals_deck(count: usize) -> String {
    let mut text = String::from("title = \"Capitals\"\n");
    for (id, country, capital) in &CAPITALS[..count] {
        text.push_str(&format!(
            "\n[[cards]]\nid = \"{id}\"\nquestion = \"Capital of {country}?\"\nanswer = \"{capital}\"\n"
        ));
    }
    text
}

/// The question of a [`capitals_deck`] card: `Capital of COUNTRY?`.
pub(crate) fn q(country: &str) -> String {
    format!("Capital of {country}?")
}

/// The questions of `capitals_deck(count)`, in file order.
pub(crate) fn capital_questions(count: usize) -> Vec<String> {
    CAPITALS[..count].iter().map(|(_, c, _)| q(c)).collect()
}

/// The right answer to a question of [`capitals_deck`].
pub(crate) fn capital_of(question: &str) -> &'static str {
    CAPITALS
        .iter()
        .find(|(_, country, _)| question == q(country))
        .map(|(_, _, capital)| *capital)
        .unwrap_or_else(|| panic!("not a capitals question: {question}"))
}

/// Answers capitals right, except that each question in `miss` is answered wrong the first
/// time it is asked.
pub(crate) fn capitals_missing<'a>(miss: &'a [String]) -> impl FnMut(&str) -> Option<String> + 'a {
    let mut missed: Vec<String> = Vec::new();
    move |question| {
        if miss.iter().any(|m| m == question) && !missed.iter().any(|m| m == question) {
            missed.push(question.to_string());
            return Some("no idea".into());
        }
        Some(capital_of(question).into())
    }
}

/// Answers every capitals question right.
pub(crate) fn all_right(question: &str) -> Option<String> {
    Some(capital_of(question).into())
}

/// A data dir with `deck` as deck `t` (`decks/t.toml`) and the clock at [`NOW`].
pub(crate) fn quiz_with(deck: &str) -> Quiz {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/t.toml", deck);
    quiz
}

/// Runs `quiz ARGS` from `dir` (so paths in the output are relative), stdin closed.
pub(crate) fn run_in(quiz: &Quiz, dir: &Path, args: &[&str]) -> Run {
    let output = quiz
        .command(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run quiz");
    Run::from(output)
}

/// `quiz ARGS` with `QUIZ_CONFIG` set to `config`.
pub(crate) fn with_config(quiz: &Quiz, config: &Path, args: &[&str]) -> Command {
    let mut command = quiz.command(args);
    command.env("QUIZ_CONFIG", config);
    command
}

/// An RFC 3339 instant as Unix milliseconds, the way the database stores it.
pub(crate) fn millis(instant: &str) -> i64 {
    instant
        .parse::<jiff::Timestamp>()
        .expect("RFC 3339 instant")
        .as_millisecond()
}

/// Unix milliseconds as an RFC 3339 instant, e.g. for [`Quiz::at`].
pub(crate) fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .expect("instant")
        .to_string()
}

/// stdout with the summary's time (`in 0m00s`) replaced by `in <time>`, after checking its form.
#[track_caller]
pub(crate) fn without_time(stdout: &str) -> String {
    let mut out = String::new();
    for line in stdout.lines() {
        if line.starts_with("session: ") {
            let (head, time) = line.rsplit_once(" in ").expect("summary time");
            let digits: String = time.chars().filter(|c| !c.is_ascii_digit()).collect();
            assert!(
                matches!(digits.as_str(), "ms" | "hms") && time.ends_with('s'),
                "summary time {time:?} in {line:?}"
            );
            out.push_str(head);
            out.push_str(" in <time>");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// What plain mode prints when `:undo` takes the last answer back.
pub(crate) const UNDONE: &str = "undone: asking that card again";

/// The summary line, its time replaced.
pub(crate) fn summary_line(run: &Run) -> String {
    without_time(&run.stdout)
        .lines()
        .find(|l| l.starts_with("session: "))
        .unwrap_or_else(|| panic!("no summary:\n{}", run.stdout))
        .to_string()
}

/// Every question line as (N, T, QUESTION).
pub(crate) fn questions(stdout: &str) -> Vec<(usize, usize, String)> {
    stdout
        .lines()
        .filter_map(question_line)
        .map(|(n, t, q)| (n, t, q.to_string()))
        .collect()
}

/// The last two lines of stdout: the summary without its time, and the next-due line.
#[track_caller]
pub(crate) fn summary(run: &Run) -> Vec<String> {
    let text = without_time(&run.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 2, "stdout:\n{}", run.stdout);
    lines[lines.len() - 2..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

/// `[N/T] QUESTION` → (N, T, QUESTION).
pub(crate) fn question_line(line: &str) -> Option<(usize, usize, &str)> {
    let rest = line.strip_prefix('[')?;
    let (counts, question) = rest.split_once("] ")?;
    let (n, t) = counts.split_once('/')?;
    Some((n.parse().ok()?, t.parse().ok()?, question))
}

/// The questions asked, in order, as printed.
pub(crate) fn asked(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(question_line)
        .map(|(_, _, q)| q.to_string())
        .collect()
}

/// The cells of the `quiz decks` row for `deck`.
#[track_caller]
pub(crate) fn decks_row(run: &Run, deck: &str) -> Vec<String> {
    run.stdout
        .lines()
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().map(String::as_str) == Some(deck))
        .unwrap_or_else(|| panic!("no row for {deck}:\n{}", run.stdout))
}

/// The whole `cards` table.
pub(crate) fn cards_table(quiz: &Quiz) -> Vec<Vec<String>> {
    quiz.rows("SELECT * FROM cards ORDER BY deck, card")
}

/// The row of one card of deck `t`: (stability, difficulty, due, last_review, reps, lapses).
#[track_caller]
pub(crate) fn card_row(quiz: &Quiz, card: &str) -> Vec<String> {
    let rows = quiz.rows(&format!(
        "SELECT stability, difficulty, due, last_review, reps, lapses FROM cards \
         WHERE deck = 't' AND card = '{card}'"
    ));
    assert_eq!(rows.len(), 1, "one row for card {card}");
    rows.into_iter().next().expect("row")
}

/// When a card of deck `t` is due, in Unix milliseconds.
#[track_caller]
pub(crate) fn due_of(quiz: &Quiz, card: &str) -> i64 {
    card_row(quiz, card)[2].parse().expect("due")
}

/// (card, rating, verdict, given_answer) of every review, in the order they were written.
pub(crate) fn answers(quiz: &Quiz) -> Vec<Vec<String>> {
    quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id")
}

/// The history of `caps` (`capitals_deck(4)`: fr, de, it, es), in the plain FSRS columns
/// plus `mode`: the deck comes from the file name. `es` is never reviewed; `fr` lapses on
/// the 27th and is retried the same day; `it` is crammed on the 28th (no effect on its
/// schedule or on retention).
pub(crate) const CAPITALS_LOG: &str = "\
card_id,review_time,review_rating,review_duration,mode
it,2026-01-10T10:00:00Z,3,5000,
it,2026-02-05T10:00:00Z,3,4000,
fr,2026-02-20T10:00:00Z,3,3000,
fr,2026-02-22T10:00:00Z,3,3000,
de,2026-02-25T10:00:00Z,3,6000,
de,2026-02-26T10:00:00Z,2,7000,
fr,2026-02-27T10:00:00Z,1,9000,
fr,2026-02-27T10:05:00Z,3,2000,
it,2026-02-28T10:00:00Z,1,1000,cram
de,2026-03-01T08:00:00Z,3,2500,
";

/// A data dir with `capitals_deck(4)` as deck `caps` and [`CAPITALS_LOG`] imported, the
/// clock at [`NOW`].
pub(crate) fn with_capitals_history() -> Quiz {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/caps.toml", &capitals_deck(4));
    let log = quiz.write("caps.csv", CAPITALS_LOG);
    let run = quiz.run(&["history", "import", path_arg(&log)], "");
    run.success();
    assert_eq!(
        run.stdout,
        "added 10 reviews into caps, skipped 0 already in the log; rescheduled 3 cards\n"
    );
    quiz
}

/// Each card with its schedule and counts, to compare two stores row by row.
pub(crate) const CARD_COLUMNS: &str = "SELECT deck, card, stability, difficulty, due, last_review, reps, \
                            lapses, first_review FROM cards ORDER BY deck, card";

/// Each stdout line of `quiz check --format json`, parsed.
pub(crate) fn json_lines(run: &Run) -> Result<Vec<Value>, String> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("not JSON ({e}): {line}")))
        .collect()
}

/// [`json_lines`] of a run whose every line must be JSON.
#[track_caller]
pub(crate) fn json_findings(run: &Run) -> Vec<Value> {
    json_lines(run).unwrap_or_else(|e| panic!("{e}"))
}

/// `finding[key]`, or null when it has no such key.
pub(crate) fn field<'a>(finding: &'a Value, key: &str) -> &'a Value {
    finding.get(key).unwrap_or(&Value::Null)
}

/// `E002 7:1 error` for a JSON finding.
pub(crate) fn brief(finding: &Value) -> String {
    format!(
        "{} {}:{} {}",
        field(finding, "code").as_str().unwrap_or("?"),
        field(finding, "line"),
        field(finding, "column"),
        field(finding, "severity").as_str().unwrap_or("?"),
    )
}
