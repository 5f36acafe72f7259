//! `--mode choice`: three distractors of the answer's shape, the same under the same seed,
//! picked by number or by text.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{answers, question_line, quiz_with, without_time};
use crate::harness::{Live, Run};

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

    // The same seed in a third fresh run: answer by the number shown, the years wrong
    // first. Each showing shuffles anew, so the number is read from the choices printed.
    let choices: BTreeMap<String, Vec<String>> = choice_blocks(&first.stdout).into_iter().collect();
    let quiz = quiz_with(&shapes_deck());
    let mut seen: Vec<String> = Vec::new();
    let mut live = Live::start(quiz.command(&["start", "t", "--mode", "choice", "--seed", "5"]));
    let mut block: Option<(String, Vec<String>)> = None;
    while let Some(line) = live.next_line() {
        if let Some((_, _, question)) = question_line(&line) {
            block = Some((question.to_string(), Vec::new()));
        } else if let Some((question, shown)) = &mut block
            && let Some((_, choice)) = line.strip_prefix("  ").and_then(|l| l.split_once(". "))
        {
            shown.push(choice.to_string());
            // Choice mode offers the answer and three distractors.
            if shown.len() == 4 {
                let (_, _, answer, shape) = shape_card(question);
                let again = seen.iter().any(|s| s == question);
                seen.push(question.clone());
                let right = shape != "year" || again;
                let at = shown
                    .iter()
                    .position(|c| (c == answer) == right)
                    .expect("a choice");
                live.send(&(at + 1).to_string());
                block = None;
            }
        }
    }
    let run = live.finish();
    run.success();
    let mut firsts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut retries: Vec<(String, Vec<String>)> = Vec::new();
    for (question, shown) in choice_blocks(&run.stdout) {
        match firsts.entry(question) {
            std::collections::btree_map::Entry::Occupied(entry) => {
                retries.push((entry.key().clone(), shown));
            }
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(shown);
            }
        }
    }
    assert_eq!(
        firsts, choices,
        "the same choices again at each first showing"
    );
    assert_eq!(retries.len(), 5, "{}", run.stdout);
    for (question, shown) in &retries {
        let mut sorted = shown.clone();
        sorted.sort();
        let mut first = choices[question].clone();
        first.sort();
        assert_eq!(sorted, first, "a retry shows the same choices, reshuffled");
    }
    assert!(
        retries
            .iter()
            .any(|(question, shown)| *shown != choices[question]),
        "a retry is shuffled anew: {retries:?}"
    );
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
    // Each answer is read against the choices as that showing numbered them, and logged
    // as the text of the choice picked (the next showing numbers them anew).
    for (row, (shown_question, shown)) in reviews.iter().zip(choice_blocks(&run.stdout)) {
        let (_, question, answer, _) = *SHAPES.iter().find(|s| s.0 == row[0]).expect("card");
        assert_eq!(question, shown_question);
        let picked = shown
            .iter()
            .find(|choice| **choice == row[3])
            .unwrap_or_else(|| panic!("{row:?} logs a choice shown: {shown:?}"));
        let expected = if picked == answer {
            ["3", "right"]
        } else {
            ["1", "wrong"]
        };
        assert_eq!(row[1..3], expected, "{row:?}: picked {picked:?}");
    }
}

#[test]
fn a_small_deck_offers_a_date_years_before_names_when_it_has_too_few_dates() {
    let deck = "title = \"Small\"\n\n\
        [[cards]]\nid = \"d1\"\nquestion = \"On what date did Stalin die?\"\nanswer = \"March 5, 1953\"\n\n\
        [[cards]]\nid = \"d2\"\nquestion = \"On what date was the Secret Speech delivered?\"\nanswer = \"February 25, 1956\"\n\n\
        [[cards]]\nid = \"y1\"\nquestion = \"In what year did Lenin die?\"\nanswer = \"1924\"\n\n\
        [[cards]]\nid = \"y2\"\nquestion = \"In what year was Sputnik launched?\"\nanswer = \"1957\"\n\n\
        [[cards]]\nid = \"n1\"\nquestion = \"Who delivered the Secret Speech?\"\nanswer = \"Nikita Khrushchev\"\n\n\
        [[cards]]\nid = \"n2\"\nquestion = \"Who founded the Soviet state?\"\nanswer = \"Vladimir Lenin\"\n\n\
        [[cards]]\nid = \"n3\"\nquestion = \"Who was the first man in space?\"\nanswer = \"Yuri Gagarin\"\n\n\
        [[cards]]\nid = \"p1\"\nquestion = \"What did the speech denounce?\"\nanswer = \"the cult of personality\"\n";
    let input = "March 5, 1953\nFebruary 25, 1956\n1924\n1957\nNikita Khrushchev\nVladimir Lenin\nYuri Gagarin\nthe cult of personality\n";
    for seed in ["1", "2", "3"] {
        let quiz = quiz_with(deck);
        let run = quiz.run(&["start", "t", "--mode", "choice", "--seed", seed], input);
        run.success();
        let blocks: BTreeMap<String, Vec<String>> =
            choice_blocks(&run.stdout).into_iter().collect();
        // One other date in the deck: the two years fill in, not a name.
        let mut date = blocks["On what date did Stalin die?"].clone();
        date.sort();
        assert_eq!(
            date,
            ["1924", "1957", "February 25, 1956", "March 5, 1953"],
            "{}",
            run.stdout
        );
        // Two other names, then the phrase: words before figures.
        let mut name = blocks["Who delivered the Secret Speech?"].clone();
        name.sort();
        assert_eq!(
            name,
            [
                "Nikita Khrushchev",
                "Vladimir Lenin",
                "Yuri Gagarin",
                "the cult of personality"
            ],
            "{}",
            run.stdout
        );
    }
}
