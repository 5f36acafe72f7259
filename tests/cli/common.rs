//! Decks, instants and readers of quiz's output that several test modules share.

use std::path::{Path, PathBuf};

use crate::harness::{Quiz, Run};

/// The instant every test's clock starts at unless it says otherwise.
pub const NOW: &str = "2026-03-01T09:00:00Z";

/// A file of the repository, e.g. `tests/broken` or `decks/secret-speech.toml`.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A path as an argument for `quiz` (temp paths are always UTF-8).
pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// Six text cards: (id, country, capital); the question is `Capital of COUNTRY?`.
pub const CAPITALS: [(&str, &str, &str); 6] = [
    ("fr", "France", "Paris"),
    ("de", "Germany", "Berlin"),
    ("it", "Italy", "Rome"),
    ("es", "Spain", "Madrid"),
    ("pt", "Portugal", "Lisbon"),
    ("at", "Austria", "Vienna"),
];

/// A deck titled "Capitals" of the first `count` [`CAPITALS`], in that order.
pub fn capitals_deck(count: usize) -> String {
    let mut text = String::from("title = \"Capitals\"\n");
    for (id, country, capital) in &CAPITALS[..count] {
        text.push_str(&format!(
            "\n[[cards]]\nid = \"{id}\"\nquestion = \"Capital of {country}?\"\nanswer = \"{capital}\"\n"
        ));
    }
    text
}

/// The question of a [`capitals_deck`] card: `Capital of COUNTRY?`.
pub fn q(country: &str) -> String {
    format!("Capital of {country}?")
}

/// The questions of `capitals_deck(count)`, in file order.
pub fn capital_questions(count: usize) -> Vec<String> {
    CAPITALS[..count].iter().map(|(_, c, _)| q(c)).collect()
}

/// The right answer to a question of [`capitals_deck`].
pub fn capital_of(question: &str) -> &'static str {
    CAPITALS
        .iter()
        .find(|(_, country, _)| question == q(country))
        .map(|(_, _, capital)| *capital)
        .unwrap_or_else(|| panic!("not a capitals question: {question}"))
}

/// A data dir with `deck` as deck `t` (`decks/t.toml`) and the clock at [`NOW`].
pub fn quiz_with(deck: &str) -> Quiz {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/t.toml", deck);
    quiz
}

/// An RFC 3339 instant as Unix milliseconds, the way the database stores it.
pub fn millis(instant: &str) -> i64 {
    instant
        .parse::<jiff::Timestamp>()
        .expect("RFC 3339 instant")
        .as_millisecond()
}

/// Unix milliseconds as an RFC 3339 instant, e.g. for [`Quiz::at`].
pub fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .expect("instant")
        .to_string()
}

/// stdout with the summary's time (`in 0m00s`) replaced by `in <time>`, after checking its form.
#[track_caller]
pub fn without_time(stdout: &str) -> String {
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

/// `[N/T] QUESTION` → (N, T, QUESTION).
pub fn question_line(line: &str) -> Option<(usize, usize, &str)> {
    let rest = line.strip_prefix('[')?;
    let (counts, question) = rest.split_once("] ")?;
    let (n, t) = counts.split_once('/')?;
    Some((n.parse().ok()?, t.parse().ok()?, question))
}

/// The questions asked, in order, as printed.
pub fn asked(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(question_line)
        .map(|(_, _, q)| q.to_string())
        .collect()
}

/// The cells of the `quiz decks` row for `deck`.
#[track_caller]
pub fn decks_row(run: &Run, deck: &str) -> Vec<String> {
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

/// The row of one card of deck `t`: (stability, difficulty, due, last_review, reps, lapses).
#[track_caller]
pub fn card_row(quiz: &Quiz, card: &str) -> Vec<String> {
    let rows = quiz.rows(&format!(
        "SELECT stability, difficulty, due, last_review, reps, lapses FROM cards \
         WHERE deck = 't' AND card = '{card}'"
    ));
    assert_eq!(rows.len(), 1, "one row for card {card}");
    rows.into_iter().next().expect("row")
}

/// When a card of deck `t` is due, in Unix milliseconds.
#[track_caller]
pub fn due_of(quiz: &Quiz, card: &str) -> i64 {
    card_row(quiz, card)[2].parse().expect("due")
}

/// (card, rating, verdict, given_answer) of every review, in the order they were written.
pub fn answers(quiz: &Quiz) -> Vec<Vec<String>> {
    quiz.rows("SELECT card, rating, verdict, given_answer FROM reviews ORDER BY id")
}
