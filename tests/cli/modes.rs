//! The study modes of issue 4, end to end in plain mode (and one PTY test of flip mode):
//! `quiz missed`, `quiz cram`, `--mode choice|flip`, `:undo`, reversed cards, tags, the
//! config file and leeches. Each test checks the transcript, the exit code and the rows
//! left in `quiz.sqlite3`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use crate::common::{
    answers, asked, capital_of, capital_questions, capitals_deck, card_row, decks_row, due_of,
    instant, millis, q, question_line, quiz_with, without_time,
};
use crate::harness::{Live, Quiz, Run, converse, converse_command, run_command};
use crate::pty_harness::{ENTER, Tty};

const UNDONE: &str = "undone: asking that card again";

/// `[N/T]` of every question line.
fn positions(stdout: &str) -> Vec<(usize, usize)> {
    stdout
        .lines()
        .filter_map(question_line)
        .map(|(n, t, _)| (n, t))
        .collect()
}

/// Each question with the numbered choices printed under it (`  1. CHOICE`).
fn choice_blocks(stdout: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        if let Some((_, _, question)) = question_line(line) {
            blocks.push((question.to_string(), Vec::new()));
        } else if let Some((number, choice)) = line
            .strip_prefix("  ")
            .and_then(|rest| rest.split_once(". "))
            && let Ok(number) = number.parse::<usize>()
            && let Some((_, choices)) = blocks.last_mut()
        {
            assert_eq!(number, choices.len() + 1, "choice numbering in:\n{stdout}");
            choices.push(choice.to_string());
        }
    }
    blocks
}

/// Every row of `cards` and of `reviews`, as strings: two snapshots are equal only if the
/// tables are (REAL columns print in Rust's shortest round-trip form, so equal text is an
/// equal value).
fn snapshot(quiz: &Quiz) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    (
        cards_table(quiz),
        quiz.rows("SELECT * FROM reviews ORDER BY id"),
    )
}

/// The whole `cards` table.
fn cards_table(quiz: &Quiz) -> Vec<Vec<String>> {
    quiz.rows("SELECT * FROM cards ORDER BY deck, card")
}

/// `quiz ARGS` with `QUIZ_CONFIG` set to `config`.
fn with_config(quiz: &Quiz, config: &Path, args: &[&str]) -> Command {
    let mut command = quiz.command(args);
    command.env("QUIZ_CONFIG", config);
    command
}

/// Answers capitals right, except that each question in `miss` is answered wrong the first
/// time it is asked.
fn capitals_missing<'a>(miss: &'a [String]) -> impl FnMut(&str) -> Option<String> + 'a {
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
fn all_right(question: &str) -> Option<String> {
    Some(capital_of(question).into())
}

// ---------------------------------------------------------------------------------------
// quiz missed

#[test]
fn missed_drills_exactly_the_cards_answered_wrong_and_records_real_reviews() {
    let mut quiz = quiz_with(&capitals_deck(5));
    let miss = [q("Germany"), q("Spain")];
    let run = converse(
        &quiz,
        &["start", "t", "--seed", "3"],
        capitals_missing(&miss),
    );
    run.success();
    assert_eq!(
        run.verdicts(),
        [
            "right", "wrong", "right", "wrong", "right", "right", "right"
        ],
        "{}",
        run.stdout
    );
    let before = cards_table(&quiz);
    let reviews_before = quiz.count("SELECT COUNT(*) FROM reviews");

    // An hour later: only Germany and Spain, in file order, each answered right once.
    let run = quiz
        .at("2026-03-01T10:00:00Z")
        .run(&["missed", "t"], "Berlin\nMadrid\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
Drilling 2 cards missed in the session of 2026-03-01 09:00.
[1/2] Capital of Germany?
right
  answer: Berlin

[2/2] Capital of Spain?
right
  answer: Madrid

All done for now.
session: 2 asked, 2 right, 0 close, 0 wrong in <time>
next card due: 2026-03-02 10:00 (tomorrow)
"
    );
    assert_eq!(run.stderr, "");

    // Real reviews: logged with mode `missed`, in a `missed` session, and scheduled.
    let at = millis("2026-03-01T10:00:00Z").to_string();
    assert_eq!(
        quiz.rows(&format!(
            "SELECT reviewed_at, card, rating, verdict, given_answer, mode FROM reviews \
             WHERE id > {reviews_before} ORDER BY id"
        )),
        [
            [at.as_str(), "de", "3", "right", "Berlin", "missed"],
            [at.as_str(), "es", "3", "right", "Madrid", "missed"],
        ]
    );
    assert_eq!(
        quiz.rows("SELECT mode FROM sessions ORDER BY id"),
        [["review"], ["missed"]]
    );
    let after = cards_table(&quiz);
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(old[..2], new[..2], "same cards in the same order");
        if old[1] == "de" || old[1] == "es" {
            assert_ne!(old, new, "drilled card {} is rescheduled", old[1]);
        } else {
            assert_eq!(old, new, "card {} is untouched", old[1]);
        }
    }
    assert_eq!(before.len(), after.len());
    assert_eq!(card_row(&quiz, "de")[3], at, "last_review");
    assert_eq!(card_row(&quiz, "de")[4], "3", "reps: wrong, right, right");

    // A miss inside the drill comes back until answered right; that drill is now the
    // latest session with misses, so the next `quiz missed` asks Germany only.
    let run = quiz
        .at("2026-03-01T11:00:00Z")
        .run(&["missed", "t", "--seed", "1"], "Bonn\nMadrid\nBerlin\n");
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("Germany"), q("Spain"), q("Germany")],
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts(), ["wrong", "right", "right"]);
    let run = quiz
        .at("2026-03-01T12:00:00Z")
        .run(&["missed", "t"], "Berlin\n");
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 1 card missed in the session of 2026-03-01 11:00.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("Germany")]);
}

#[test]
fn missed_with_nothing_missed_says_so_and_exits_0() {
    let quiz = quiz_with(&capitals_deck(3));
    // No review at all yet.
    let run = quiz.run(&["missed", "t"], "Paris\n");
    run.success();
    assert!(run.stdout.starts_with("Nothing missed"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);

    // Every answer right.
    let run = quiz.run(&["start", "t"], "Paris\nBerlin\nRome\n");
    run.success();
    let run = quiz.run(&["missed", "t"], "Paris\n");
    run.success();
    assert_eq!(
        run.stdout,
        "Nothing missed: no card has been answered wrong yet.\n"
    );
    assert_eq!(run.stderr, "");
    // No session is opened and no review is written.
    assert_eq!(quiz.count("SELECT COUNT(*) FROM sessions"), 1);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 3);
}

#[test]
fn missed_since_leaves_out_misses_older_than_the_window() {
    let mut quiz = quiz_with(&capitals_deck(3));
    // Day 0: France missed (then right).
    let run = converse(&quiz, &["start", "t"], capitals_missing(&[q("France")]));
    run.success();
    assert_eq!(run.verdicts(), ["wrong", "right", "right", "right"]);

    // Three days later: nothing missed within a day, France within a week.
    quiz.at("2026-03-04T09:00:00Z");
    let run = quiz.run(&["missed", "t", "--since", "1d"], "Paris\n");
    run.success();
    assert_eq!(run.stdout, "Nothing missed in the last day.\n");
    assert_eq!(quiz.count("SELECT COUNT(*) FROM sessions"), 1);

    // Two hours before that instant, Germany is missed in a review session.
    let run = converse(
        quiz.at("2026-03-04T07:00:00Z"),
        &["start", "t"],
        capitals_missing(&[q("Germany")]),
    );
    run.success();
    assert!(run.verdicts().contains(&"wrong".to_string()));

    quiz.at("2026-03-04T09:00:00Z");
    let run = converse(&quiz, &["missed", "t", "--since", "1d"], all_right);
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 1 card missed in the last day.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("Germany")]);

    let run = converse(&quiz, &["missed", "t", "--since", "7d"], all_right);
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 2 cards missed in the last 7 days.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany")]);
    assert_eq!(run.verdicts(), ["right", "right"]);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE mode = 'missed'"),
        3
    );
}

#[test]
fn a_miss_overridden_to_right_is_not_missed() {
    let quiz = quiz_with(&capitals_deck(5));
    // France: wrong, then `:right` at Germany's question. Germany: really missed.
    let mut overridden = false;
    let mut germany = 0;
    let run = converse(&quiz, &["start", "t", "--seed", "2"], |question| {
        if question == q("France") {
            return Some("Lyon".into());
        }
        if question == q("Germany") {
            if !overridden {
                overridden = true;
                return Some(":right".into());
            }
            germany += 1;
            return Some(if germany == 1 { "Bonn" } else { "Berlin" }.into());
        }
        Some(capital_of(question).into())
    });
    run.success();
    assert!(
        run.stdout.contains("\noverridden: right\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        asked(&run.stdout)
            .iter()
            .filter(|a| **a == q("France"))
            .count(),
        1,
        "the overridden miss does not come back:\n{}",
        run.stdout
    );
    assert_eq!(
        quiz.rows(
            "SELECT card, rating, verdict FROM reviews WHERE card IN ('fr', 'de') ORDER BY id"
        ),
        [
            ["fr", "3", "overridden-right"],
            ["de", "1", "wrong"],
            ["de", "3", "right"]
        ]
    );

    let run = quiz.run(&["missed", "t"], "Berlin\nParis\n");
    run.success();
    assert!(
        run.stdout
            .starts_with("Drilling 1 card missed in the session of 2026-03-01 09:00.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("Germany")]);

    // Overriding the only miss leaves nothing missed.
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t"], "Lyon\n:right\nBerlin\n");
    run.success();
    let run = quiz.run(&["missed", "t"], "Paris\n");
    run.success();
    assert!(run.stdout.starts_with("Nothing missed"), "{}", run.stdout);
    assert!(asked(&run.stdout).is_empty(), "{}", run.stdout);
}

// ---------------------------------------------------------------------------------------
// quiz cram

#[test]
fn cram_asks_every_card_and_leaves_the_cards_table_unchanged() {
    let quiz = quiz_with(&capitals_deck(5));
    // Two cards studied already (not due again for days), three never seen.
    let run = quiz.run(&["start", "t", "--new", "2"], "Paris\nBerlin\n");
    run.success();
    let before = cards_table(&quiz);
    assert_eq!(before.len(), 2);
    let reviews_before = quiz.count("SELECT COUNT(*) FROM reviews");

    // The first card: wrong, taken back (`:undo` at the second question), wrong again,
    // overridden right (`:right` at the second question); everything else right.
    let mut calls = 0;
    let mut first = String::new();
    let run = converse(&quiz, &["cram", "t", "--seed", "5"], |question| {
        calls += 1;
        match calls {
            1 => {
                first = question.to_string();
                Some("no idea".into())
            }
            2 => Some(":undo".into()),
            3 => {
                assert_eq!(question, first, "the undone card is asked again");
                Some("still no idea".into())
            }
            4 => Some(":right".into()),
            _ => Some(capital_of(question).into()),
        }
    });
    run.success();
    assert!(
        run.stdout
            .starts_with("Cramming 5 cards: answers are logged, schedules are left alone.\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("\n{UNDONE}\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\noverridden: right\n"),
        "{}",
        run.stdout
    );
    let questions = asked(&run.stdout);
    let every: BTreeSet<String> = capital_questions(5).into_iter().collect();
    assert_eq!(
        questions.iter().cloned().collect::<BTreeSet<_>>(),
        every,
        "every card, studied or not:\n{}",
        run.stdout
    );
    // The first card twice (undo); the second card at the undo, after it, and read again
    // after the override; then the other three once each. The overridden miss never returns.
    assert_eq!(questions.len(), 8, "{}", run.stdout);
    assert_eq!(questions[2], questions[0], "{}", run.stdout);
    assert_eq!(questions[3], questions[1], "{}", run.stdout);
    assert_eq!(questions[4], questions[1], "{}", run.stdout);
    assert!(
        !questions[5..].contains(&questions[0]) && !questions[5..].contains(&questions[1]),
        "{}",
        run.stdout
    );
    assert_eq!(
        summary_line(&run),
        "session: 5 asked, 5 right, 0 close, 0 wrong in <time>"
    );

    assert_eq!(
        cards_table(&quiz),
        before,
        "cram leaves every card row as it was"
    );
    assert_eq!(
        quiz.rows(&format!(
            "SELECT mode, COUNT(*) FROM reviews WHERE id > {reviews_before} GROUP BY mode"
        )),
        [["cram", "5"]]
    );
    assert_eq!(
        quiz.count(
            "SELECT COUNT(*) FROM reviews WHERE verdict = 'overridden-right' AND mode = 'cram'"
        ),
        1
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE rating = 1"),
        0,
        "the undone miss is gone and the other was overridden"
    );
    assert_eq!(
        quiz.rows("SELECT mode FROM sessions ORDER BY id"),
        [["review"], ["cram"]]
    );

    // A real miss in cram comes back and still changes no card row.
    let run = converse(
        &quiz,
        &["cram", "t", "--seed", "9"],
        capitals_missing(&[q("France")]),
    );
    run.success();
    assert_eq!(asked(&run.stdout).len(), 6, "{}", run.stdout);
    assert_eq!(cards_table(&quiz), before);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE mode = 'cram' AND rating = 1"),
        1
    );
}

/// The summary line, its time replaced.
fn summary_line(run: &Run) -> String {
    without_time(&run.stdout)
        .lines()
        .find(|l| l.starts_with("session: "))
        .unwrap_or_else(|| panic!("no summary:\n{}", run.stdout))
        .to_string()
}

#[test]
fn cram_order_follows_the_seed() {
    let quiz = quiz_with(&capitals_deck(5));
    let order = |seed: &str| {
        let run = converse(&quiz, &["cram", "t", "--seed", seed], all_right);
        run.success();
        assert_eq!(run.verdicts(), ["right"; 5], "{}", run.stdout);
        asked(&run.stdout)
    };
    let five = order("5");
    assert_eq!(five, order("5"), "same seed, same order");
    let mut sorted = five.clone();
    sorted.sort();
    let mut every = capital_questions(5);
    every.sort();
    assert_eq!(sorted, every);
    let others: Vec<Vec<String>> = ["6", "7", "8", "9"].iter().map(|s| order(s)).collect();
    assert!(
        others.iter().any(|o| *o != five),
        "four other seeds all gave the order of seed 5: {five:?}"
    );
    // Cramming never schedules: the deck is still all new.
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 0);
}

// ---------------------------------------------------------------------------------------
// --mode choice

/// (id, question, answer, shape): five years, five dates, five names.
const SHAPES: [(&str, &str, &str, &str); 15] = [
    (
        "y1",
        "In what year did the October Revolution take place?",
        "1917",
        "year",
    ),
    ("y2", "In what year did Lenin die?", "1924", "year"),
    ("y3", "In what year did Stalin die?", "1953", "year"),
    (
        "y4",
        "In what year was the Secret Speech delivered?",
        "1956",
        "year",
    ),
    (
        "y5",
        "In what year did Gagarin fly to space?",
        "1961",
        "year",
    ),
    (
        "d1",
        "On what date did Stalin die?",
        "March 5, 1953",
        "date",
    ),
    (
        "d2",
        "On what date was the Secret Speech delivered?",
        "February 25, 1956",
        "date",
    ),
    (
        "d3",
        "On what date did Lenin die?",
        "January 21, 1924",
        "date",
    ),
    (
        "d4",
        "On what date did Gagarin fly?",
        "April 12, 1961",
        "date",
    ),
    (
        "d5",
        "On what date was Sputnik launched?",
        "October 4, 1957",
        "date",
    ),
    (
        "n1",
        "Who delivered the Secret Speech?",
        "Nikita Khrushchev",
        "name",
    ),
    (
        "n2",
        "Who led the secret police until 1953?",
        "Lavrentiy Beria",
        "name",
    ),
    (
        "n3",
        "Who founded the Soviet state?",
        "Vladimir Lenin",
        "name",
    ),
    (
        "n4",
        "Who was the first man in space?",
        "Yuri Gagarin",
        "name",
    ),
    ("n5", "Who succeeded Khrushchev?", "Leonid Brezhnev", "name"),
];

fn shapes_deck() -> String {
    let mut text = String::from("title = \"Shapes\"\n");
    for (id, question, answer, _) in SHAPES {
        text.push_str(&format!(
            "\n[[cards]]\nid = \"{id}\"\nquestion = \"{question}\"\nanswer = \"{answer}\"\n"
        ));
    }
    text
}

fn shape_card(question: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    *SHAPES
        .iter()
        .find(|(_, q, _, _)| *q == question)
        .unwrap_or_else(|| panic!("not a shapes question: {question}"))
}

/// The shape of a choice as a learner would see it, judged by the test itself.
fn looks_like(text: &str) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()) {
        return "year";
    }
    let date = text.split_once(' ').is_some_and(|(month, rest)| {
        MONTHS.contains(&month)
            && rest.split_once(", ").is_some_and(|(day, year)| {
                day.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
                    && year.len() == 4
                    && year.parse::<u16>().is_ok()
            })
    });
    if date {
        return "date";
    }
    let name = text.split(' ').count() == 2
        && text.split(' ').all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        });
    if name { "name" } else { "other" }
}

/// A choice-mode session over the shapes deck answering every card right by its text.
fn choice_session(seed: &str) -> Run {
    let quiz = quiz_with(&shapes_deck());
    let input: String = SHAPES.iter().map(|(_, _, a, _)| format!("{a}\n")).collect();
    let run = quiz.run(&["start", "t", "--mode", "choice", "--seed", seed], &input);
    run.success();
    assert_eq!(run.verdicts(), ["right"; 15], "{}", run.stdout);
    run
}

#[test]
fn choice_mode_offers_three_distractors_of_the_answers_shape() {
    let run = choice_session("5");
    let blocks = choice_blocks(&run.stdout);
    assert_eq!(blocks.len(), 15, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("[1/15] In what year did the October Revolution take place?\n  1. "),
        "{}",
        run.stdout
    );
    for (question, choices) in &blocks {
        let (_, _, answer, shape) = shape_card(question);
        assert_eq!(choices.len(), 4, "{question}: {choices:?}");
        assert_eq!(
            choices.iter().filter(|c| *c == answer).count(),
            1,
            "{question}: the answer exactly once in {choices:?}"
        );
        let distinct: BTreeSet<&String> = choices.iter().collect();
        assert_eq!(distinct.len(), 4, "{question}: {choices:?}");
        for choice in choices {
            assert_eq!(
                looks_like(choice),
                shape,
                "{question}: {choice:?} in {choices:?} is not a {shape}"
            );
            // Distractors are other cards' answers.
            assert!(
                SHAPES.iter().any(|(_, _, a, _)| a == choice),
                "{question}: {choice:?}"
            );
        }
    }
    // The shape check itself tells the three kinds apart.
    assert_eq!(
        [
            "1956",
            "February 25, 1956",
            "Joseph Stalin",
            "a closed session"
        ]
        .map(looks_like),
        ["year", "date", "name", "other"]
    );
}

#[test]
fn choice_mode_is_stable_under_a_seed_and_takes_the_number() {
    let first = choice_session("5");
    let second = choice_session("5");
    assert_eq!(
        without_time(&first.stdout),
        without_time(&second.stdout),
        "the same seed gives the same choices in two fresh runs"
    );
    let other = choice_session("6");
    assert_ne!(
        choice_blocks(&first.stdout),
        choice_blocks(&other.stdout),
        "another seed shuffles differently"
    );

    // The same seed in a third fresh run: answer by number, the years wrong first.
    let choices: BTreeMap<String, Vec<String>> = choice_blocks(&first.stdout).into_iter().collect();
    let number = |question: &str, right: bool| -> String {
        let (_, _, answer, _) = shape_card(question);
        let at = choices[question]
            .iter()
            .position(|c| (c == answer) == right)
            .expect("a choice");
        (at + 1).to_string()
    };
    let quiz = quiz_with(&shapes_deck());
    let mut seen: Vec<String> = Vec::new();
    let run = converse(
        &quiz,
        &["start", "t", "--mode", "choice", "--seed", "5"],
        |question| {
            let (_, _, _, shape) = shape_card(question);
            let again = seen.iter().any(|s| s == question);
            seen.push(question.to_string());
            Some(number(question, shape != "year" || again))
        },
    );
    run.success();
    let blocks: BTreeMap<String, Vec<String>> = choice_blocks(&run.stdout).into_iter().collect();
    assert_eq!(blocks, choices, "the same choices again");
    assert_eq!(
        run.verdicts().iter().filter(|v| *v == "wrong").count(),
        5,
        "{}",
        run.stdout
    );
    assert_eq!(
        run.verdicts().iter().filter(|v| *v == "right").count(),
        15,
        "{}",
        run.stdout
    );
    let reviews = answers(&quiz);
    assert_eq!(reviews.len(), 20);
    for row in &reviews {
        let (_, question, answer, _) = *SHAPES.iter().find(|s| s.0 == row[0]).expect("card");
        let given: usize = row[3].parse().expect("a number was typed");
        let picked = &choices[question][given - 1];
        let expected = if picked == answer {
            ["3", "right"]
        } else {
            ["1", "wrong"]
        };
        assert_eq!(row[1..3], expected, "{row:?}: picked {picked:?}");
    }
}

// ---------------------------------------------------------------------------------------
// :undo

#[test]
fn undo_restores_the_database_exactly_and_asks_the_card_again() {
    let mut quiz = quiz_with(&capitals_deck(3));

    // A new card: its row is removed again and its review deleted.
    let mut live = Live::spawn(&quiz, &["start", "t"]);
    live.until("[1/3] Capital of France?");
    let before = snapshot(&quiz);
    assert_eq!(before, (vec![], vec![]));
    live.send("Paris");
    live.until("[2/3] Capital of Germany?");
    let (cards, reviews) = snapshot(&quiz);
    assert_eq!((cards.len(), reviews.len()), (1, 1), "the answer is saved");
    live.send(":undo");
    live.until(UNDONE);
    live.until("[1/3] Capital of France?");
    assert_eq!(snapshot(&quiz), before, "right answer undone");

    // A wrong answer: undone, and its retry forgotten.
    live.send("Lyon");
    live.until("[2/4] Capital of Germany?");
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE rating = 1"),
        1
    );
    live.send(":undo");
    live.until(UNDONE);
    live.until("[1/3] Capital of France?");
    assert_eq!(snapshot(&quiz), before, "wrong answer undone");
    for answer in ["Paris", "Berlin", "Rome"] {
        live.send(answer);
    }
    let run = live.finish();
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            q("France"),
            q("Germany"),
            q("France"),
            q("Germany"),
            q("France"),
            q("Germany"),
            q("Italy"),
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.verdicts(),
        ["right", "wrong", "right", "right", "right"]
    );
    assert_eq!(
        summary_line(&run),
        "session: 3 asked, 3 right, 0 close, 0 wrong in <time>"
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        [["fr", "right"], ["de", "right"], ["it", "right"]]
    );

    // A card with progress: its row is put back exactly as it was.
    let later = instant(due_of(&quiz, "fr").max(due_of(&quiz, "it")) + 60_000);
    quiz.at(&later);
    let mut live = Live::spawn(&quiz, &["start", "t"]);
    let first = loop {
        let line = live.next_line().expect("a question");
        if let Some((1, 3, question)) = question_line(&line) {
            break question.to_string();
        }
    };
    let before = snapshot(&quiz);
    assert_eq!((before.0.len(), before.1.len()), (3, 3));
    live.send("no idea");
    let mut after_answer = None;
    while let Some(line) = live.next_line() {
        if line.starts_with("[2/") {
            after_answer = Some(snapshot(&quiz));
            break;
        }
    }
    let (cards, reviews) = after_answer.expect("a second question");
    assert_ne!(cards, before.0, "the miss changed the card's row");
    assert_eq!(reviews.len(), 4);
    live.send(":undo");
    live.until(UNDONE);
    live.until(&format!("[1/3] {first}"));
    assert_eq!(
        snapshot(&quiz),
        before,
        "the card's row and the log as before"
    );
    live.send("q");
    let run = live.finish();
    run.success();
    assert_eq!(
        summary_line(&run),
        "session: 0 asked, 0 right, 0 close, 0 wrong in <time>"
    );
}

#[test]
fn undo_at_the_retry_of_the_last_miss_asks_the_card_once() {
    let quiz = quiz_with(&capitals_deck(2));
    // Germany is missed; its retry comes at once (no card left); `:undo` there takes the
    // miss back, so Germany is asked once more and the session ends when it is right.
    let run = quiz.run(&["start", "t"], "Paris\nBonn\n:undo\nBerlin\nBerlin\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/2] Capital of France?
right
  answer: Paris

[2/2] Capital of Germany?
wrong
  answer: Berlin

[3/3] Capital of Germany?
undone: asking that card again
[2/2] Capital of Germany?
right
  answer: Berlin

All done for now.
session: 2 asked, 2 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        [["fr", "right"], ["de", "right"]]
    );
}

// ---------------------------------------------------------------------------------------
// reverse = true

const REVERSED: &str = r#"
title = "Reversed"

[[cards]]
id = "fr"
question = "Capital of France?"
answer = "Paris"
reverse = true

[[cards]]
id = "de"
question = "Capital of Germany?"
answer = "Berlin"
"#;

const REVERSED_DECK: &str = r#"
title = "Reversed deck"
reverse = true

[[cards]]
id = "it"
question = "Capital of Italy?"
answer = "Rome"

[[cards]]
id = "es"
question = "Capital of Spain?"
answer = "Madrid"

[[cards]]
id = "pt"
question = "Capital of Portugal?"
answer = "Lisbon"
reverse = false

[[cards]]
id = "flat"
question = "The earth is flat."
answer = false
"#;

#[test]
fn a_reversed_card_is_asked_answer_to_question_with_its_own_progress() {
    let quiz = quiz_with(REVERSED);
    quiz.write("decks/u.toml", REVERSED_DECK);

    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(
        decks_row(&run, "t")[3..5],
        ["3", "3"],
        "fr, fr~r and de:\n{}",
        run.stdout
    );
    assert_eq!(
        decks_row(&run, "u")[3..5],
        ["6", "6"],
        "it, it~r, es, es~r, pt and flat:\n{}",
        run.stdout
    );

    // fr right, fr~r wrong (then right when it comes back), de right.
    let mut reverse_seen = false;
    let run = converse(&quiz, &["start", "t"], |question| {
        Some(
            match question {
                "Paris" if !reverse_seen => {
                    reverse_seen = true;
                    "Capital of Spain?"
                }
                "Paris" => "Capital of France?",
                other => capital_of(other),
            }
            .into(),
        )
    });
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("France"), "Paris".into(), q("Germany"), "Paris".into()],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("wrong\n  answer: Capital of France?\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts(), ["right", "wrong", "right", "right"]);
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict FROM reviews ORDER BY id"),
        [
            ["fr", "3", "right"],
            ["fr~r", "1", "wrong"],
            ["de", "3", "right"],
            ["fr~r", "3", "right"]
        ]
    );
    let fr = card_row(&quiz, "fr");
    let reverse = card_row(&quiz, "fr~r");
    assert_eq!(fr[4], "1", "reps of fr");
    assert_eq!(reverse[4], "2", "reps of fr~r");
    assert_ne!(
        fr[..3],
        reverse[..3],
        "stability, difficulty and due differ"
    );
    assert_eq!(
        card_row(&quiz, "de")[..3],
        fr[..3],
        "fr and de: one Good each"
    );

    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(decks_row(&run, "t")[3..7], ["3", "0", "0", "3"]);

    // The deck-level flag: answered the other way round, each with its own row.
    let run = quiz.run(
        &["start", "u", "--limit", "3"],
        "Rome\nCapital of Italy?\nMadrid\n",
    );
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("Italy"), "Rome".into(), q("Spain")],
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts(), ["right", "right", "right"]);
    assert_eq!(
        quiz.rows("SELECT card FROM cards WHERE deck = 'u' ORDER BY card"),
        [["es"], ["it"], ["it~r"]]
    );
    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(decks_row(&run, "u")[3..5], ["6", "3"]);
}

// ---------------------------------------------------------------------------------------
// --tag

const TAGGED: &str = r#"
title = "Tagged"
tags = ["geo"]

[[cards]]
id = "fr"
question = "Capital of France?"
answer = "Paris"
tags = ["x"]

[[cards]]
id = "de"
question = "Capital of Germany?"
answer = "Berlin"

[[cards]]
id = "it"
question = "Capital of Italy?"
answer = "Rome"
tags = ["x", "y"]
"#;

const UNTAGGED_DECK: &str = r#"
title = "Other"

[[cards]]
id = "es"
question = "Capital of Spain?"
answer = "Madrid"
tags = ["x"]

[[cards]]
id = "pt"
question = "Capital of Portugal?"
answer = "Lisbon"
"#;

fn tagged_quiz() -> Quiz {
    let quiz = quiz_with(TAGGED);
    quiz.write("decks/u.toml", UNTAGGED_DECK);
    quiz
}

#[test]
fn tags_select_cards_by_card_or_deck_tag_on_start_missed_and_cram() {
    // start
    let quiz = tagged_quiz();
    let run = converse(&quiz, &["start", "t", "u", "--tag", "x"], all_right);
    run.success();
    assert_eq!(asked(&run.stdout), [q("France"), q("Italy"), q("Spain")]);
    let quiz = tagged_quiz();
    let run = converse(&quiz, &["start", "t", "u", "--tag", "geo"], all_right);
    run.success();
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany"), q("Italy")]);
    let quiz = tagged_quiz();
    let run = converse(
        &quiz,
        &[
            "start", "t", "u", "--tag", "y", "--tag", "nope", "--tag", "geo",
        ],
        all_right,
    );
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [q("France"), q("Germany"), q("Italy")],
        "repeated: any of the tags"
    );

    // cram
    let run = converse(
        &quiz,
        &["cram", "t", "u", "--tag", "x", "--seed", "1"],
        all_right,
    );
    run.success();
    let crammed: BTreeSet<String> = asked(&run.stdout).into_iter().collect();
    assert_eq!(
        crammed,
        [q("France"), q("Italy"), q("Spain")].into_iter().collect()
    );
    assert!(run.stdout.starts_with("Cramming 3 cards"), "{}", run.stdout);
    let run = quiz.run(&["cram", "t", "u", "--tag", "nope"], "");
    run.success();
    assert_eq!(run.stdout, "No cards to cram with those tags.\n");

    // missed: every card missed once, then drilled by tag.
    let quiz = tagged_quiz();
    let every = capital_questions(5);
    let run = converse(&quiz, &["start", "t", "u"], capitals_missing(&every));
    run.success();
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE rating = 1"),
        5
    );
    let run = converse(&quiz, &["missed", "t", "u", "--tag", "x"], all_right);
    run.success();
    assert!(
        run.stdout.starts_with("Drilling 3 cards missed"),
        "{}",
        run.stdout
    );
    assert_eq!(asked(&run.stdout), [q("France"), q("Italy"), q("Spain")]);
    let run = converse(&quiz, &["missed", "t", "u", "--tag", "geo"], all_right);
    run.success();
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany"), q("Italy")]);
}

// ---------------------------------------------------------------------------------------
// config.toml

#[test]
fn the_config_file_sets_new_cards_per_day_and_the_new_flag_beats_it() {
    let quiz = quiz_with(&capitals_deck(3));
    let config = quiz.write("config.toml", "# mine\nnew_cards_per_day = 1\n");
    let run = run_command(
        with_config(&quiz, &config, &["start", "t"]),
        "Paris\nBerlin\n",
    );
    run.success();
    assert_eq!(positions(&run.stdout), [(1, 1)]);
    assert_eq!(asked(&run.stdout), [q("France")]);
    assert_eq!(run.stderr, "");

    let quiz = quiz_with(&capitals_deck(3));
    let config = quiz.write("config.toml", "new_cards_per_day = 1\n");
    let run = run_command(
        with_config(&quiz, &config, &["start", "t", "--new", "2"]),
        "Paris\nBerlin\nRome\n",
    );
    run.success();
    assert_eq!(asked(&run.stdout), [q("France"), q("Germany")]);

    // Without the file: the default of 20.
    let quiz = quiz_with(&capitals_deck(3));
    let run = quiz.run(&["start", "t"], "Paris\nBerlin\nRome\n");
    run.success();
    assert_eq!(asked(&run.stdout).len(), 3);
}

#[test]
fn the_config_default_mode_applies_and_the_mode_flag_beats_it() {
    let quiz = quiz_with(&capitals_deck(1));
    let config = quiz.write("config.toml", "default_mode = \"flip\"\n");
    let run = run_command(with_config(&quiz, &config, &["start", "t"]), "\n3\n");
    run.success();
    assert!(run.stdout.contains("\ngraded good\n"), "{}", run.stdout);
    let quiz = quiz_with(&capitals_deck(1));
    let config = quiz.write("config.toml", "default_mode = \"flip\"\n");
    let run = run_command(
        with_config(&quiz, &config, &["start", "t", "--mode", "type"]),
        "Paris\n",
    );
    run.success();
    assert_eq!(run.verdicts(), ["right"]);
    assert_eq!(
        quiz.rows("SELECT rating, verdict, given_answer FROM reviews"),
        [["3", "right", "Paris"]]
    );
}

#[test]
fn a_bad_config_value_is_an_error_naming_the_file_line_and_key() {
    let quiz = quiz_with(&capitals_deck(2));
    let config = quiz.write(
        "config.toml",
        "new_cards_per_day = 5\ndesired_retention = 2\n",
    );
    let shown = config.display().to_string();
    for args in [
        &["start", "t"][..],
        &["missed", "t"][..],
        &["cram", "t"][..],
    ] {
        let run = run_command(with_config(&quiz, &config, args), "Paris\n");
        assert_eq!(run.code, 1, "{args:?}: stderr:\n{}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.contains(&format!("{shown}:2:21")),
            "{args:?}: file:line:col in\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("desired_retention"),
            "{args:?}: the key in\n{}",
            run.stderr
        );
    }
    assert!(!quiz.db_path().exists(), "nothing is written");

    let config = quiz.write("config.toml", "leech_threshold = 0\n");
    let run = run_command(with_config(&quiz, &config, &["start", "t"]), "Paris\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!("{shown}:1:19")) && run.stderr.contains("leech_threshold"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------
// leeches

#[test]
fn a_card_missed_leech_threshold_times_is_marked_listed_and_counted() {
    let mut quiz = quiz_with(&capitals_deck(2));
    let config = quiz.write("config.toml", "leech_threshold = 2\n");
    let start = |quiz: &Quiz, stdin: &str| {
        let run = run_command(with_config(quiz, &config, &["start", "t"]), stdin);
        run.success();
        run
    };

    // Day 0: both right (a first review is never a lapse).
    let run = start(&quiz, "Paris\nBerlin\n");
    assert_eq!(run.verdicts(), ["right", "right"]);

    // When France is due: missed (lapse 1), then right.
    let first_miss = instant(due_of(&quiz, "fr") + 60_000);
    quiz.at(&first_miss);
    let run = converse_command(
        with_config(&quiz, &config, &["start", "t"]),
        capitals_missing(&[q("France")]),
    );
    run.success();
    assert_eq!(
        run.verdicts().first().map(String::as_str),
        Some("wrong"),
        "{}",
        run.stdout
    );
    assert_eq!(card_row(&quiz, "fr")[5], "1", "one lapse");

    // On a later day, when due again: missed a second time, a leech now.
    let again = due_of(&quiz, "fr") + 60_000;
    let second_miss = instant(again);
    assert_ne!(
        second_miss[..10],
        first_miss[..10],
        "a later day: {first_miss}, {second_miss}"
    );
    quiz.at(&second_miss);
    let run = converse_command(
        with_config(&quiz, &config, &["start", "t"]),
        capitals_missing(&[q("France")]),
    );
    run.success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("] Capital of France?"))
        .expect("France asked");
    assert_eq!(lines[at + 1], "wrong [leech]", "{}", run.stdout);
    assert_eq!(card_row(&quiz, "fr")[5], "2", "two lapses");

    let run = run_command(
        with_config(&quiz, &config, &["missed", "t", "--leeches"]),
        "",
    );
    run.success();
    assert_eq!(run.stdout, "t/fr\t2 lapses\tCapital of France?\n");

    let run = run_command(with_config(&quiz, &config, &["decks"]), "");
    run.success();
    assert_eq!(decks_row(&run, "t")[7], "1", "{}", run.stdout);

    // With the default threshold (8) it is no leech.
    let run = quiz.run(&["missed", "t", "--leeches"], "");
    run.success();
    assert_eq!(run.stdout, "No leeches: no card has been missed 8 times.\n");
    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(decks_row(&run, "t")[7], "0");
}

// ---------------------------------------------------------------------------------------
// --mode flip

#[test]
fn flip_mode_in_plain_mode_reads_enter_then_a_grade() {
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t", "--mode", "flip"], "\n3\n\nagain\n\n3\n");
    run.success();
    let text = without_time(&run.stdout);
    assert!(
        text.starts_with("[1/2] Capital of France?\n"),
        "{}",
        run.stdout
    );
    assert!(
        text.contains("  answer: Paris\ngrade: 1 again, 2 hard, 3 good, 4 easy\ngraded good\n"),
        "{}",
        run.stdout
    );
    assert!(text.contains("\ngraded again\n"), "{}", run.stdout);
    assert_eq!(
        asked(&run.stdout),
        [q("France"), q("Germany"), q("Germany")]
    );
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer, mode FROM reviews ORDER BY id"),
        [
            ["fr", "3", "good", "", "review"],
            ["de", "1", "again", "", "review"],
            ["de", "3", "good", "", "review"]
        ]
    );
    assert!(
        text.contains("session: 3 asked, 2 right, 0 close, 1 wrong in <time>"),
        "{}",
        run.stdout
    );
}

#[test]
fn flip_mode_in_plain_mode_prints_the_documented_transcript() {
    let quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "t", "--mode", "flip"], "\n3\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/1] Capital of France?
  (Enter shows the answer)
  answer: Paris
grade: 1 again, 2 hard, 3 good, 4 easy
graded good

All done for now.
session: 1 asked, 1 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
}

#[test]
fn flip_mode_on_a_terminal_shows_the_answer_on_enter_and_takes_a_grade_key() {
    let quiz = quiz_with(&capitals_deck(1));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--mode", "flip"]);
    tty.expect("[1/1] Capital of France?");
    let before = tty.expect("Enter shows the answer");
    assert!(
        !before.contains("Paris"),
        "the answer is hidden: {before:?}"
    );
    tty.keys(ENTER);
    tty.expect("answer:");
    tty.expect("Paris");
    tty.expect("How well did you know it? 1 again");
    tty.keys("3");
    tty.expect("graded good");
    tty.expect("session: 1 asked, 1 right, 0 close, 0 wrong");
    tty.exits_with(0);
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict, given_answer, mode FROM reviews"),
        [["fr", "3", "good", "", "review"]]
    );
    assert_eq!(quiz.rows("SELECT reps, lapses FROM cards"), [["1", "0"]]);
}
