//! `quiz start` in plain mode, end to end: the documented transcript, the answer forms of
//! each kind of card, hints, escaped deck text, the bundled deck, and broken or unknown
//! decks. Each test checks the transcript, the exit code and the rows left in `quiz.sqlite3`.

use crate::common::{
    NOW, answers, capitals_deck, due_of, millis, question_line, questions, quiz_with, repo_path,
    without_time,
};
use crate::harness::{Live, Quiz, Run};

/// Text, multiple choice and true/false, each with an explanation where it reads well.
const THREE: &str = r#"
title = "Three kinds"

[[cards]]
id = "river"
question = "Which river flows through New Orleans?"
answer = "Mississippi"
explain = "New Orleans lies on the Mississippi."

[[cards]]
id = "sky"
question = "What colour is a clear daytime sky?"
answer = "blue"
choices = ["red", "blue", "green"]

[[cards]]
id = "flat"
question = "The earth is flat."
answer = false
explain = "It is round."
"#;

#[test]
fn a_piped_session_prints_the_documented_transcript_and_saves_each_answer() {
    let quiz = quiz_with(THREE);
    let run = quiz.run(&["start", "t"], "the Misisippi\n2\ntrue\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/3] Which river flows through New Orleans?
close — forgiven: typo
  answer: Mississippi
  explain: New Orleans lies on the Mississippi.

[2/3] What colour is a clear daytime sky?
  1. green
  2. blue
  3. red
right
  answer: blue

[3/3] The earth is flat.
  (true/false)
wrong
  answer: False
  explain: It is round.
  next: again right away, then tomorrow

[4/4] The earth is flat.
  (true/false)
session: 3 asked, 1 right, 1 close, 1 wrong in <time>
next card due: 2026-03-02 09:00 (tomorrow)
"
    );
    assert_eq!(run.stderr, "");

    let now = millis(NOW).to_string();
    assert_eq!(
        quiz.rows(
            "SELECT reviewed_at, deck, card, rating, verdict, given_answer, mode \
             FROM reviews ORDER BY id"
        ),
        vec![
            vec![&now, "t", "river", "2", "close", "the Misisippi", "review"],
            vec![&now, "t", "sky", "3", "right", "blue", "review"],
            vec![&now, "t", "flat", "1", "wrong", "true", "review"],
        ]
    );
    assert_eq!(
        quiz.rows("SELECT card, reps, lapses, last_review, first_review FROM cards ORDER BY card"),
        vec![
            vec!["flat", "1", "0", &now, &now],
            vec!["river", "1", "0", &now, &now],
            vec!["sky", "1", "0", &now, &now],
        ]
    );
    // Never due again the same learner day: not before 04:00 the next morning.
    assert_eq!(
        quiz.count(&format!(
            "SELECT COUNT(*) FROM cards WHERE due > last_review AND due >= {}",
            millis("2026-03-02T04:00:00Z")
        )),
        3
    );
    // A right answer is scheduled further out than a miss.
    let due = |card: &str| due_of(&quiz, card);
    assert!(due("sky") > due("flat"));
    assert_eq!(
        quiz.rows("SELECT mode, started_at, ended_at, decks FROM sessions"),
        vec![vec!["review", &now, &now, "t"]]
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE session = (SELECT id FROM sessions)"),
        3
    );
}

#[test]
fn multiple_choice_takes_number_letter_or_text_and_true_false_takes_every_spelling() {
    let mut deck = String::from("title = \"Forms\"\n");
    for i in 1..=3 {
        deck.push_str(&format!(
            "\n[[cards]]\nid = \"mc{i}\"\nquestion = \"Choice {i}: which is blue?\"\n\
             answer = \"blue\"\nchoices = [\"red\", \"blue\", \"green\"]\n"
        ));
    }
    for (i, answer) in ["true", "false", "true", "false", "true", "false"]
        .iter()
        .enumerate()
    {
        deck.push_str(&format!(
            "\n[[cards]]\nid = \"tf{i}\"\nquestion = \"Statement {i}.\"\nanswer = {answer}\n"
        ));
    }
    // Choices are shuffled at each showing: the number and the letter are read from the
    // choices as printed (`form` turns blue's position into what is typed).
    let form = |question: &str, position: usize| -> String {
        match question {
            "Choice 1: which is blue?" => (position + 1).to_string(),
            "Choice 2: which is blue?" => char::from(b'a' + position as u8).to_string(),
            _ => "Blue".to_string(),
        }
    };
    let quiz = quiz_with(&deck);
    let tf = ["t", "f", "yes", "no", "y", "n"];
    let run = answer_blocks(&quiz, |question, choices, _| match choices {
        [] => {
            let i: usize = question["Statement ".len()..question.len() - 1]
                .parse()
                .unwrap();
            tf[i].to_string()
        }
        _ => form(question, choices.iter().position(|c| c == "blue").unwrap()),
    });
    run.success();
    assert_eq!(run.verdicts(), vec!["right"; 9], "stdout:\n{}", run.stdout);
    let rows = answers(&quiz);
    // A choice named by its number or letter is logged by its text: the next showing
    // numbers the choices anew.
    let given: Vec<&str> = rows.iter().map(|row| row[3].as_str()).collect();
    assert_eq!(
        given,
        ["blue", "blue", "Blue", "t", "f", "yes", "no", "y", "n"],
        "{rows:?}"
    );
    for row in &rows {
        assert_eq!(row[1..3], ["3", "right"], "{row:?}");
    }

    // The same forms pointing at a wrong choice are wrong; the second time each card is
    // answered right.
    let quiz = quiz_with(&deck);
    // (statement, wrong answer, right answer)
    let statements = [
        ("Statement 0.", "f", "true"),
        ("Statement 1.", "yes", "false"),
        ("Statement 2.", "n", "true"),
        ("Statement 3.", "t", "false"),
        ("Statement 4.", "no", "true"),
        ("Statement 5.", "y", "false"),
    ];
    let run = answer_blocks(&quiz, |question, choices, again| match choices {
        [] => {
            let (_, wrong, right) = statements.iter().find(|(q, _, _)| *q == question).unwrap();
            (if again { right } else { wrong }).to_string()
        }
        _ => {
            let blue = choices.iter().position(|c| c == "blue").unwrap();
            let red = choices.iter().position(|c| c == "red").unwrap();
            let pick = if again { blue } else { red };
            match question {
                "Choice 3: which is blue?" => choices[pick].clone(),
                _ => form(question, pick),
            }
        }
    });
    run.success();
    let mut rows = quiz
        .rows("SELECT card, rating, verdict, given_answer FROM reviews WHERE verdict = 'wrong'");
    rows.sort();
    let wrong: Vec<Vec<String>> = rows.iter().map(|row| row[..3].to_vec()).collect();
    assert_eq!(
        wrong,
        [
            "mc1", "mc2", "mc3", "tf0", "tf1", "tf2", "tf3", "tf4", "tf5"
        ]
        .map(|card| vec![card.to_string(), "1".to_string(), "wrong".to_string()])
        .to_vec(),
        "stdout:\n{}",
        run.stdout
    );
    assert_eq!(rows[2][3], "red");
    assert_eq!(
        rows[3..]
            .iter()
            .map(|row| row[3].as_str())
            .collect::<Vec<_>>(),
        ["f", "yes", "n", "t", "no", "y"]
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE verdict = 'right'"),
        9
    );
    assert_eq!(run.verdicts().len(), 18);
}

/// Runs `quiz start t` and answers each card once it is shown whole: `reply` gets the
/// question, the choices as numbered (none for true/false) and whether it was asked before.
fn answer_blocks(quiz: &Quiz, mut reply: impl FnMut(&str, &[String], bool) -> String) -> Run {
    let mut live = Live::start(quiz.command(&["start", "t"]));
    let mut asked: Vec<String> = Vec::new();
    let mut block: Option<(String, Vec<String>)> = None;
    while let Some(line) = live.next_line() {
        if let Some((_, _, question)) = question_line(&line) {
            block = Some((question.to_string(), Vec::new()));
            continue;
        }
        let Some((question, choices)) = &mut block else {
            continue;
        };
        if let Some((_, choice)) = line.strip_prefix("  ").and_then(|l| l.split_once(". ")) {
            choices.push(choice.to_string());
        }
        // The forms deck: three choices, or a true/false line.
        if choices.len() == 3 || line == "  (true/false)" {
            let again = asked.contains(question);
            asked.push(question.clone());
            live.send(&reply(question, choices, again));
            block = None;
        }
    }
    live.finish()
}

#[test]
fn a_hint_is_shown_and_a_right_answer_after_it_is_rated_hard() {
    let quiz = quiz_with(
        r#"
title = "Hints"

[[cards]]
id = "paris"
question = "What is the capital of France?"
answer = "Paris"
hint = "The City of Light."

[[cards]]
id = "rome"
question = "What is the capital of Italy?"
answer = "Rome"
hint = "All roads lead there."

[[cards]]
id = "berlin"
question = "What is the capital of Germany?"
answer = "Berlin"
"#,
    );
    // A card without a hint says so, and its question is not put again.
    let run = quiz.run(&["start", "t"], ":hint\nParis\n?\nRome\n?\nBerlin\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/3] What is the capital of France?
  hint: The City of Light.
right (with a hint)
  answer: Paris

[2/3] What is the capital of Italy?
  hint: All roads lead there.
right (with a hint)
  answer: Rome

[3/3] What is the capital of Germany?
  hint: (this card has no hint)
right
  answer: Berlin

All done for now.
session: 3 asked, 3 right, 0 close, 0 wrong in <time>
next card due: 2026-03-02 09:00 (tomorrow)
"
    );
    assert_eq!(
        answers(&quiz),
        vec![
            vec!["paris", "2", "right", "Paris"],
            vec!["rome", "2", "right", "Rome"],
            vec!["berlin", "3", "right", "Berlin"],
        ]
    );
    // Hard schedules sooner than Good.
    let due = |card: &str| due_of(&quiz, card);
    assert!(due("paris") < due("berlin"));
    assert_eq!(due("paris"), due("rome"));
}

const BROKEN: &str =
    "title = \"Broken\"\n\n[[cards]]\nid = \"x\"\nquestion = \"Q?\"\nanwser = \"A\"\n";

#[test]
fn a_broken_deck_is_reported_and_the_good_one_is_still_studied() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/good.toml", &capitals_deck(2));
    quiz.write("decks/bad.toml", BROKEN);

    let run = quiz.run(&["start", "good", "bad"], "Paris\nBerlin\n");
    run.success();
    assert!(
        run.stdout.starts_with("[1/2] Capital of France?\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts(), ["right", "right"]);
    assert!(run.stderr.contains("bad.toml:6:1"), "{}", run.stderr);
    assert!(run.stderr.contains("error[E002]"), "{}", run.stderr);
    assert!(run.stderr.contains("anwser"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped deck `bad`"), "{}", run.stderr);
    assert_eq!(
        quiz.rows("SELECT DISTINCT deck FROM reviews"),
        vec![vec!["good"]]
    );

    // With no names: every deck, the broken one reported and skipped.
    let run = quiz.run(&["start", "--limit", "1"], "x\n");
    run.success();
    assert!(run.stderr.contains("bad.toml:6:1"), "{}", run.stderr);
    assert!(run.stderr.contains("error[E"), "{}", run.stderr);
    assert!(run.stdout.starts_with("[1/1] "), "{}", run.stdout);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE deck = 'bad'"),
        0
    );
}

#[test]
fn a_toml_syntax_error_is_reported_with_its_place() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/good.toml", &capitals_deck(1));
    quiz.write(
        "decks/bad.toml",
        "title = \"Broken\"\n\n[[cards]\nid = \"x\"\n",
    );
    let run = quiz.run(&["start", "good", "bad"], "Paris\n");
    run.success();
    assert!(run.stderr.contains("bad.toml:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("error[E001]"), "{}", run.stderr);
    assert_eq!(run.verdicts(), ["right"]);
}

#[test]
fn an_unknown_deck_name_is_an_error() {
    let quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "nope"], "Paris\n");
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.starts_with("quiz: error: no deck named `nope`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    // A good deck named beside it does not help: the name is still unknown.
    let run = quiz.run(&["start", "t", "nope"], "Paris\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no deck named `nope`"),
        "{}",
        run.stderr
    );
}

#[test]
fn control_characters_in_deck_text_are_printed_escaped() {
    let quiz = quiz_with(
        r#"
title = "Hostile"

[[cards]]
id = "colour"
question = "Is this \u001b[31mred\u001b[0m?\u0007"
answer = "x\u001b]0;pwned\u0007"
choices = ["x\u001b]0;pwned\u0007", "y\u001b[2J"]
hint = "press \u001b[1mbold\u001b[0m"
explain = "clear \u001b[2J\u001b[H screen"
"#,
    );
    let run = quiz.run(&["start", "t"], "?\n1\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/1] Is this \\e[31mred\\e[0m?\\u{7}
  1. x\\e]0;pwned\\u{7}
  2. y\\e[2J
  hint: press \\e[1mbold\\e[0m
right (with a hint)
  answer: x\\e]0;pwned\\u{7}
  explain: clear \\e[2J\\e[H screen

All done for now.
session: 1 asked, 1 right, 0 close, 0 wrong in <time>
next card due: 2026-03-02 09:00 (tomorrow)
"
    );
    assert!(
        !run.stdout.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters in stdout: {:?}",
        run.stdout
    );
}

#[test]
fn the_bundled_deck_is_studied_from_a_fresh_data_dir() {
    let text = std::fs::read_to_string(repo_path("decks/secret-speech.toml"))
        .expect("bundled deck source");
    let deck: toml::Table = toml::from_str(&text).expect("bundled deck parses");
    let first = deck["cards"].as_array().expect("cards")[0]
        .as_table()
        .expect("card");
    let question = first["question"].as_str().expect("question");
    let id = first["id"].as_str().expect("id");
    let answer = first["answer"].as_str().expect("a text answer");

    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let run = quiz.run(&["start", "--limit", "2"], &format!("{answer}\nno idea\n"));
    run.success();
    assert!(
        run.stdout.starts_with(&format!("[1/2] {question}\n")),
        "{}",
        run.stdout
    );
    assert_eq!(run.verdicts().first().map(String::as_str), Some("right"));
    assert_eq!(run.verdicts().len(), 2);
    assert_eq!(
        quiz.rows("SELECT deck, card, verdict FROM reviews ORDER BY id")[0],
        ["secret-speech", id, "right"]
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 2);
    assert!(quiz.data_dir().join("quiz.sqlite3").is_file());
}

#[test]
fn a_typo_that_is_another_cards_answer_is_wrong() {
    let quiz = quiz_with(
        r#"
title = "Rivers and countries"

[[cards]]
id = "colombia"
question = "Which country has Bogotá as its capital?"
answer = "Colombia"

[[cards]]
id = "columbia"
question = "Which river flows into the Pacific at Astoria, Oregon?"
answer = "Columbia"
"#,
    );
    let run = quiz.run(&["start", "t"], "Columbia\nColumbia\n");
    run.success();
    let verdicts: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| {
            ["right", "close", "wrong"]
                .iter()
                .any(|v| line.starts_with(v))
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            "wrong — that is the answer to: Which river flows into the Pacific at Astoria, Oregon?",
            "right"
        ],
        "{}",
        run.stdout
    );
}

/// Issue 16: a returning learner's due cards are read a page at a time (64 cards), and the
/// session is the one every card read at once made: least likely remembered first, each card
/// once, the whole count shown from the first question.
#[test]
fn more_due_cards_than_a_page_are_asked_least_remembered_first_each_once() {
    let deck: String = (0..70)
        .map(|i| format!("[[cards]]\nid = \"c{i}\"\nquestion = \"Q{i}?\"\nanswer = \"A{i}\"\n\n"))
        .collect();
    let quiz = quiz_with(&deck);
    quiz.run(&["start", "t"], ":q\n").success();
    let now = millis(NOW);
    let day = 86_400_000;
    let db = quiz.db();
    for i in 0..70 {
        // All reviewed ten days ago and due an hour ago; the less stable, the less remembered.
        let stability = 1.0 + f64::from((i * 37) % 70);
        db.execute(
            "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
             VALUES ('t', ?1, ?2, 5.0, ?3, ?4, 1, 0, ?4)",
            rusqlite::params![format!("c{i}"), stability, now - 3_600_000, now - 10 * day],
        )
        .expect("insert a card row");
    }
    drop(db);
    let mut expected: Vec<u32> = (0..70).collect();
    expected.sort_by_key(|i| (i * 37) % 70);
    let input: String = expected.iter().map(|i| format!("A{i}\n")).collect();
    let run = quiz.run(&["start", "t"], &input);
    run.success();
    let asked = questions(&run.stdout);
    assert_eq!(asked.len(), 70, "{}", run.stdout);
    assert_eq!((asked[0].0, asked[0].1), (1, 70));
    let order: Vec<String> = asked.into_iter().map(|(_, _, q)| q).collect();
    let want: Vec<String> = expected.iter().map(|i| format!("Q{i}?")).collect();
    assert_eq!(order, want);
}

#[test]
fn a_close_verdict_does_not_repeat_the_answer_line_below_it() {
    let quiz = quiz_with(
        r#"
title = "Said once"

[[cards]]
id = "two"
question = "Name the two leaders."
answer = ["Lenin", "Stalin"]

[[cards]]
id = "moscow"
question = "Capital of Russia?"
answer = "Moscow"
accept = ["Moskva"]
"#,
    );
    let run = quiz.run(&["start", "t"], "Lenin\nMoskwa\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/2] Name the two leaders.
  (2 answers, separated by commas)
close — accepted, missing: Stalin
  answer: Lenin, Stalin

[2/2] Capital of Russia?
close — accepted, spelled \"Moskva\"
  answer: Moscow

All done for now.
session: 2 asked, 0 right, 2 close, 0 wrong in <time>
next card due: 2026-03-02 09:00 (tomorrow)
"
    );
}

#[test]
fn an_empty_deck_or_a_tag_no_card_has_is_named_as_the_reason() {
    let quiz = quiz_with("title = \"Empty\"\n");
    for (command, verb) in [("start", "study"), ("cram", "cram"), ("missed", "drill")] {
        let run = quiz.run(&[command, "t"], "");
        run.success();
        assert_eq!(
            run.stdout,
            format!("Nothing to {verb}: deck t has no cards.\n")
        );
    }
    let deck = capitals_deck(2).replace(
        "title = \"Capitals\"",
        "title = \"Capitals\"\ntags = [\"europe\"]",
    );
    let quiz = quiz_with(&deck);
    let run = quiz.run(&["start", "t", "--tag", "nosuchtag"], "");
    run.success();
    assert_eq!(
        run.stdout,
        "Nothing to study: no card has the tag nosuchtag (tags in this deck: europe).\n"
    );
    let run = quiz.run(&["missed", "t", "-t", "asia", "-t", "africa"], "");
    run.success();
    assert_eq!(
        run.stdout,
        "Nothing to drill: no card has any of the tags asia, africa (tags in this deck: europe).\n"
    );
    // Only when the day's new cards are used up is --new the way on.
    let run = quiz.run(&["start", "t", "--new", "0"], "");
    run.success();
    assert_eq!(
        run.stdout,
        "\
Nothing to study now: no cards are due and no new cards are left for today.
next card due: none scheduled yet
New cards are left: raise --new to study more of them today.
"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);
}
