//! `quiz start` in plain mode, end to end: the transcript a learner sees, the exit code and
//! the rows left in `quiz.sqlite3`.

use std::io::Write;

use crate::common::{
    NOW, answers, asked, capital_of, capitals_deck, card_row, decks_row, due_of, instant, millis,
    question_line, quiz_with, repo_path, without_time,
};
use crate::harness::{Quiz, Run, TIMEOUT, converse, is_verdict, spawn, stdout_lines};

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

/// Every question line as (N, T, QUESTION).
fn questions(stdout: &str) -> Vec<(usize, usize, String)> {
    stdout
        .lines()
        .filter_map(question_line)
        .map(|(n, t, q)| (n, t, q.to_string()))
        .collect()
}

/// The last two lines of stdout: the summary without its time, and the next-due line.
#[track_caller]
fn summary(run: &Run) -> Vec<String> {
    let text = without_time(&run.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 2, "stdout:\n{}", run.stdout);
    lines[lines.len() - 2..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn a_piped_session_prints_the_documented_transcript_and_saves_each_answer() {
    let quiz = quiz_with(THREE);
    let run = quiz.run(&["start", "t"], "the Misisippi\n2\ntrue\n");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/3] Which river flows through New Orleans?
close — accepted, spelled \"Mississippi\"
  answer: Mississippi
  explain: New Orleans lies on the Mississippi.

[2/3] What colour is a clear daytime sky?
  1. red
  2. blue
  3. green
right
  answer: blue

[3/3] The earth is flat.
  (true/false)
wrong
  answer: false
  explain: It is round.

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
            vec![&now, "t", "sky", "3", "right", "2", "review"],
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
    let quiz = quiz_with(&deck);
    let right = ["2", "b", "Blue", "t", "f", "yes", "no", "y", "n"];
    let run = quiz.run(&["start", "t"], &(right.join("\n") + "\n"));
    run.success();
    assert_eq!(run.verdicts(), vec!["right"; 9], "stdout:\n{}", run.stdout);
    assert_eq!(
        answers(&quiz),
        vec![
            vec!["mc1", "3", "right", "2"],
            vec!["mc2", "3", "right", "b"],
            vec!["mc3", "3", "right", "Blue"],
            vec!["tf0", "3", "right", "t"],
            vec!["tf1", "3", "right", "f"],
            vec!["tf2", "3", "right", "yes"],
            vec!["tf3", "3", "right", "no"],
            vec!["tf4", "3", "right", "y"],
            vec!["tf5", "3", "right", "n"],
        ]
    );

    // The same forms pointing at the wrong choice are wrong. Answers go by the question
    // shown, since the misses come back in between; the second time each is answered right.
    let quiz = quiz_with(&deck);
    // (question, wrong answer, right answer)
    let answers = [
        ("Choice 1: which is blue?", "3", "2"),
        ("Choice 2: which is blue?", "a", "b"),
        ("Choice 3: which is blue?", "green", "blue"),
        ("Statement 0.", "f", "true"),
        ("Statement 1.", "yes", "false"),
        ("Statement 2.", "n", "true"),
        ("Statement 3.", "t", "false"),
        ("Statement 4.", "no", "true"),
        ("Statement 5.", "y", "false"),
    ];
    let mut asked = Vec::new();
    let run = converse(&quiz, &["start", "t"], |question| {
        let (_, wrong, right) = answers.iter().find(|(q, _, _)| *q == question)?;
        if asked.iter().any(|q| q == question) {
            return Some(right.to_string());
        }
        asked.push(question.to_string());
        Some(wrong.to_string())
    });
    run.success();
    let mut rows = quiz
        .rows("SELECT card, rating, verdict, given_answer FROM reviews WHERE verdict = 'wrong'");
    rows.sort();
    assert_eq!(
        rows,
        vec![
            vec!["mc1", "1", "wrong", "3"],
            vec!["mc2", "1", "wrong", "a"],
            vec!["mc3", "1", "wrong", "green"],
            vec!["tf0", "1", "wrong", "f"],
            vec!["tf1", "1", "wrong", "yes"],
            vec!["tf2", "1", "wrong", "n"],
            vec!["tf3", "1", "wrong", "t"],
            vec!["tf4", "1", "wrong", "no"],
            vec!["tf5", "1", "wrong", "y"],
        ],
        "stdout:\n{}",
        run.stdout
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE verdict = 'right'"),
        9
    );
    assert_eq!(run.verdicts().len(), 18);
}

/// A six-card session where the first card (France) is missed once, every other answer right.
fn miss_the_first(quiz: &Quiz, seed: &str) -> Run {
    let mut missed = false;
    converse(quiz, &["start", "t", "--seed", seed], |question| {
        if question == "Capital of France?" && !missed {
            missed = true;
            return Some("Lyon".into());
        }
        Some(capital_of(question).into())
    })
}

#[test]
fn a_missed_card_comes_back_three_to_five_cards_later_until_answered_right() {
    for seed in ["1", "2", "3", "7", "42", "1000"] {
        let quiz = quiz_with(&capitals_deck(6));
        let run = miss_the_first(&quiz, seed);
        run.success();
        let asked = questions(&run.stdout);
        let order: Vec<&str> = asked.iter().map(|(_, _, q)| q.as_str()).collect();
        assert_eq!(order.len(), 7, "seed {seed}:\n{}", run.stdout);
        assert_eq!(order[0], "Capital of France?");
        let again = order[1..]
            .iter()
            .position(|q| *q == "Capital of France?")
            .map(|p| p + 1)
            .unwrap_or_else(|| panic!("seed {seed}: never asked again:\n{}", run.stdout));
        let between = again - 1;
        assert!(
            (3..=5).contains(&between),
            "seed {seed}: {between} cards between:\n{}",
            run.stdout
        );
        // Every other card exactly once, in file order.
        let others: Vec<&str> = order
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 0 && *i != again)
            .map(|(_, q)| *q)
            .collect();
        assert_eq!(
            others,
            [
                "Capital of Germany?",
                "Capital of Italy?",
                "Capital of Spain?",
                "Capital of Portugal?",
                "Capital of Austria?"
            ]
        );
        // `[N/T]`: the miss adds one question to the session.
        let counts: Vec<(usize, usize)> = asked.iter().map(|(n, t, _)| (*n, *t)).collect();
        assert_eq!(
            counts,
            [(1, 6), (2, 7), (3, 7), (4, 7), (5, 7), (6, 7), (7, 7)]
        );
        assert_eq!(
            run.verdicts(),
            [
                "wrong", "right", "right", "right", "right", "right", "right"
            ]
        );
        assert_eq!(
            summary(&run)[0],
            "session: 7 asked, 6 right, 0 close, 1 wrong in <time>"
        );

        let now = millis(NOW).to_string();
        assert_eq!(
            quiz.rows(
                "SELECT rating, verdict, given_answer FROM reviews WHERE card = 'fr' ORDER BY id"
            ),
            vec![vec!["1", "wrong", "Lyon"], vec!["3", "right", "Paris"]]
        );
        assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 7);
        // Same-day repeat: two reps, no lapse (nothing was learned yet), first seen now.
        assert_eq!(
            quiz.rows(
                "SELECT reps, lapses, last_review, first_review FROM cards WHERE card = 'fr'"
            ),
            vec![vec!["2", "0", &now, &now]]
        );
        let fr = card_row(&quiz, "fr");
        let de = card_row(&quiz, "de");
        let due: i64 = fr[2].parse().expect("due");
        assert!(
            due >= millis("2026-03-02T04:00:00Z"),
            "due {}",
            instant(due)
        );
        // Again-then-Good leaves a weaker memory than a plain Good.
        assert_ne!(fr[..2], de[..2]);
        assert!(
            fr[0].parse::<f64>().expect("stability") < de[0].parse::<f64>().expect("stability")
        );
    }
}

#[test]
fn the_same_seed_brings_a_missed_card_back_at_the_same_place() {
    let first = quiz_with(&capitals_deck(6));
    let second = quiz_with(&capitals_deck(6));
    let a = miss_the_first(&first, "11");
    let b = miss_the_first(&second, "11");
    assert_eq!(without_time(&a.stdout), without_time(&b.stdout));
}

#[test]
fn a_miss_with_few_cards_left_comes_back_at_the_end() {
    let quiz = quiz_with(&capitals_deck(3));
    let run = quiz.run(&["start", "t"], "Paris\nBonn\nRome\nBerlin\n");
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            "Capital of France?",
            "Capital of Germany?",
            "Capital of Italy?",
            "Capital of Germany?"
        ]
    );
    assert_eq!(run.verdicts(), ["right", "wrong", "right", "right"]);
}

#[test]
fn right_and_wrong_override_the_previous_verdict_and_the_card_row() {
    let quiz = quiz_with(&capitals_deck(6));
    // fr: wrong, overridden right. de: right, overridden wrong (it comes back after the
    // three cards still pending, so `q` lands on it). it: right. es: wrong.
    let input = "Lyon\n:right\nBerlin\n:wrong\nRome\nBarcelona\nLisbon\nVienna\nq\n";
    let run = quiz.run(&["start", "t"], input);
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/6] Capital of France?
wrong
  answer: Paris

[2/7] Capital of Germany?
overridden: right
[2/6] Capital of Germany?
right
  answer: Berlin

[3/6] Capital of Italy?
overridden: wrong
[3/7] Capital of Italy?
right
  answer: Rome

[4/7] Capital of Spain?
wrong
  answer: Madrid

[5/8] Capital of Portugal?
right
  answer: Lisbon

[6/8] Capital of Austria?
right
  answer: Vienna

[7/8] Capital of Germany?
session: 6 asked, 4 right, 0 close, 2 wrong in <time>
next card due: 2026-03-02 09:00 (tomorrow)
"
    );
    assert_eq!(
        answers(&quiz),
        vec![
            vec!["fr", "3", "overridden-right", "Lyon"],
            vec!["de", "1", "overridden-wrong", "Berlin"],
            vec!["it", "3", "right", "Rome"],
            vec!["es", "1", "wrong", "Barcelona"],
            vec!["pt", "3", "right", "Lisbon"],
            vec!["at", "3", "right", "Vienna"],
        ]
    );
    // The overridden cards are scheduled exactly as if they had been judged that way.
    assert_eq!(card_row(&quiz, "fr"), card_row(&quiz, "it"));
    assert_eq!(card_row(&quiz, "de"), card_row(&quiz, "es"));
    assert_eq!(card_row(&quiz, "fr")[4..], ["1", "0"]);
    assert_eq!(card_row(&quiz, "de")[4..], ["1", "0"]);
}

#[test]
fn overriding_a_miss_to_right_on_the_last_card_does_not_ask_it_again() {
    // printf 'Paris\nBonn\n:right\n' | quiz start t   (two-card deck)
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t"], "Paris\nBonn\n:right\n");
    run.success();
    let after = run
        .stdout
        .split_once("overridden: right\n")
        .unwrap_or_else(|| panic!("no override:\n{}", run.stdout))
        .1;
    assert!(
        questions(after).is_empty(),
        "the card answered right (by override) was asked again:\n{}",
        run.stdout
    );
    assert_eq!(
        summary(&run)[0],
        "session: 2 asked, 2 right, 0 close, 0 wrong in <time>"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 2);
}

/// Documented limit of plain mode: the session ends after the last verdict, so a script
/// that pipes a trailing `:wrong` changes nothing (the interactive UI offers `w` instead).
#[test]
fn the_session_ends_after_the_last_verdict_in_plain_mode() {
    let quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "t"], "Paris\n:wrong\n");
    run.success();
    assert!(
        !run.stdout.contains("overridden"),
        "stdout:\n{}",
        run.stdout
    );
    assert_eq!(
        quiz.rows("SELECT rating, verdict FROM reviews"),
        vec![vec!["3", "right"]]
    );
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
    let run = quiz.run(&["start", "t"], ":hint\nParis\n?\nRome\nBerlin\n");
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

#[test]
fn end_of_input_q_and_colon_q_end_the_session_keeping_what_was_answered() {
    for (how, input) in [
        ("end of input", "Paris\nBerlin\n"),
        ("q", "Paris\nBerlin\nq\nRome\n"),
        (":q", "Paris\nBerlin\n:q\nRome\n"),
        ("end of input without a newline", "Paris\nBerlin"),
    ] {
        let quiz = quiz_with(&capitals_deck(4));
        let run = quiz.run(&["start", "t"], input);
        run.success();
        let text = without_time(&run.stdout);
        assert!(
            text.ends_with(
                "\
[3/4] Capital of Italy?
session: 2 asked, 2 right, 0 close, 0 wrong in <time>
next card due: 2026-03-03 09:00 (in 2 days)
"
            ),
            "{how}:\n{}",
            run.stdout
        );
        assert_eq!(run.verdicts(), ["right", "right"], "{how}");
        assert_eq!(
            quiz.rows("SELECT card, verdict, given_answer FROM reviews ORDER BY id"),
            vec![vec!["fr", "right", "Paris"], vec!["de", "right", "Berlin"]],
            "{how}"
        );
        assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 2, "{how}");
        assert_eq!(
            quiz.count("SELECT COUNT(*) FROM sessions WHERE ended_at IS NOT NULL"),
            1,
            "{how}"
        );
    }
}

#[test]
fn quitting_at_the_first_question_saves_nothing() {
    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["start", "t"], "");
    run.success();
    assert_eq!(
        without_time(&run.stdout),
        "\
[1/2] Capital of France?
session: 0 asked, 0 right, 0 close, 0 wrong in <time>
next card due: no cards studied yet
"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 0);
}

#[test]
fn new_cards_stop_at_the_daily_limit_counting_cards_first_seen_today() {
    let quiz = quiz_with(&capitals_deck(6));
    let run = quiz.run(&["start", "t", "--new", "2"], "Paris\nBerlin\nRome\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![
            (1, 2, "Capital of France?".to_string()),
            (2, 2, "Capital of Germany?".to_string())
        ]
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 2);

    // Same learner day: the two seen count against --new 3.
    let run = quiz.run(&["start", "t", "--new", "3"], "Rome\nMadrid\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of Italy?".to_string())]
    );
    assert_eq!(run.verdicts(), ["right"]);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 3);
    assert_eq!(
        quiz.rows("SELECT card FROM cards ORDER BY card"),
        vec![vec!["de"], vec!["fr"], vec!["it"]]
    );

    // The limit is used up: nothing new for --new 3 today.
    let run = quiz.run(&["start", "t", "--new", "3"], "Madrid\n");
    run.success();
    assert!(
        run.stdout.starts_with("Nothing to study now: "),
        "{}",
        run.stdout
    );

    // --limit caps the session whatever the new-card allowance.
    let quiz = quiz_with(&capitals_deck(6));
    let run = quiz.run(&["start", "t", "--limit", "1"], "Paris\nBerlin\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of France?".to_string())]
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);
}

#[test]
fn nothing_to_study_after_every_card_is_answered_right() {
    let quiz = quiz_with(&capitals_deck(3));
    let run = quiz.run(&["start", "t"], "Paris\nBerlin\nRome\n");
    run.success();
    assert_eq!(run.verdicts(), ["right", "right", "right"]);

    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(
        run.stdout,
        "\
Nothing to study now: no cards are due and no new cards are left for today.
next card due: 2026-03-03 09:00 (in 2 days)
"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 3);
    // Nothing to study opens no session.
    assert_eq!(quiz.count("SELECT COUNT(*) FROM sessions"), 1);
}

#[test]
fn a_card_answered_right_comes_back_once_its_due_instant_has_passed() {
    let mut quiz = quiz_with(&capitals_deck(1));
    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(run.verdicts(), ["right"]);
    let due = due_of(&quiz, "fr");
    assert!(due > millis(NOW));

    // Later the same day: nothing.
    let run = quiz
        .at("2026-03-01T20:00:00Z")
        .run(&["start", "t"], "Paris\n");
    run.success();
    assert!(
        run.stdout.starts_with("Nothing to study now: "),
        "{}",
        run.stdout
    );

    // Once its due instant has passed: asked again.
    let after = instant(due + 60_000);
    let run = quiz.at(&after).run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of France?".to_string())],
        "at {after}"
    );
    assert_eq!(run.verdicts(), ["right"]);
    assert_eq!(
        quiz.rows("SELECT reps, lapses FROM cards"),
        vec![vec!["2", "0"]]
    );
    assert_eq!(
        quiz.rows("SELECT reviewed_at FROM reviews ORDER BY id"),
        vec![
            vec![millis(NOW).to_string()],
            vec![millis(&after).to_string()]
        ]
    );
}

#[test]
fn the_learner_day_rolls_over_at_four_in_the_morning() {
    let mut quiz = quiz_with(&capitals_deck(3));
    let run = quiz
        .at("2026-03-01T23:00:00Z")
        .run(&["start", "t", "--new", "1"], "Paris\nBerlin\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of France?".to_string())]
    );

    // 03:00 the next calendar day is still the same learner day: the one new card is used.
    let run = quiz
        .at("2026-03-02T03:00:00Z")
        .run(&["start", "t", "--new", "1"], "Berlin\n");
    run.success();
    assert!(
        run.stdout.starts_with("Nothing to study now: "),
        "{}",
        run.stdout
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);

    // After 04:00 a new day starts and one new card is offered again.
    let run = quiz
        .at("2026-03-02T04:30:00Z")
        .run(&["start", "t", "--new", "1"], "Berlin\nRome\n");
    run.success();
    assert_eq!(
        questions(&run.stdout),
        vec![(1, 1, "Capital of Germany?".to_string())]
    );
    assert_eq!(
        quiz.rows("SELECT card, first_review FROM cards ORDER BY first_review"),
        vec![
            vec!["fr".to_string(), millis("2026-03-01T23:00:00Z").to_string()],
            vec!["de".to_string(), millis("2026-03-02T04:30:00Z").to_string()],
        ]
    );
}

#[test]
fn answers_survive_sigkill() {
    const N: usize = 3;
    let quiz = quiz_with(&capitals_deck(6));
    let mut child = spawn(quiz.command(&["start", "t", "--plain"]));
    let lines = stdout_lines(&mut child);
    let mut stdin = child.stdin.take().expect("stdin");
    let mut transcript = String::new();
    let mut verdicts = 0;
    while verdicts < N {
        let line = match lines.recv_timeout(TIMEOUT) {
            Ok(line) => line,
            Err(error) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("no verdict ({error}); transcript so far:\n{transcript}");
            }
        };
        if let Some((_, _, question)) = question_line(&line) {
            writeln!(stdin, "{}", capital_of(question)).expect("write answer");
            stdin.flush().expect("flush answer");
        }
        if is_verdict(&line) {
            verdicts += 1;
        }
        transcript.push_str(&line);
        transcript.push('\n');
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL");
    }
    #[cfg(not(unix))]
    assert!(!status.success());
    drop(stdin);

    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews"),
        N as i64,
        "{transcript}"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), N as i64);
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews ORDER BY id"),
        vec![
            vec!["fr", "right"],
            vec!["de", "right"],
            vec!["it", "right"]
        ]
    );
    // The killed session was never closed.
    assert_eq!(
        quiz.rows("SELECT ended_at FROM sessions"),
        vec![vec!["NULL"]]
    );
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
fn decks_lists_bundled_and_user_decks_with_their_counts() {
    let quiz = quiz_with(&capitals_deck(4));
    let run = quiz.run(&["decks"], "");
    run.success();
    assert_eq!(
        decks_row(&run, "deck"),
        [
            "deck",
            "title",
            "source",
            "cards",
            "new",
            "due now",
            "due 7 days",
            "leeches"
        ]
    );
    let bundled = decks_row(&run, "secret-speech");
    assert_eq!(bundled[1], "Khrushchev's Secret Speech (1956)");
    assert_eq!(bundled[2], "bundled");
    assert_eq!(bundled[3], bundled[4], "every bundled card is new");
    assert_eq!(bundled[5..], ["0", "0", "0"]);
    assert_eq!(
        decks_row(&run, "t"),
        ["t", "Capitals", "user folder", "4", "4", "0", "0", "0"]
    );

    let studied = quiz.run(&["start", "t"], "Paris\nBerlin\nq\n");
    studied.success();
    assert_eq!(studied.verdicts(), ["right", "right"]);

    let after = quiz.run(&["decks"], "");
    after.success();
    assert_eq!(
        decks_row(&after, "t"),
        ["t", "Capitals", "user folder", "4", "2", "0", "2", "0"]
    );
    assert_eq!(decks_row(&after, "secret-speech"), bundled);
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
fn ctrl_c_in_plain_mode_prints_the_summary_and_exits_130() {
    let quiz = quiz_with(&capitals_deck(3));
    let mut child = spawn(quiz.command(&["start", "t"]));
    let lines = stdout_lines(&mut child);
    let mut stdin = child.stdin.take().expect("stdin");
    let mut seen = Vec::new();
    // Answer the first card, then interrupt while the second waits for its answer.
    loop {
        let line = lines.recv_timeout(TIMEOUT).expect("quiz went silent");
        if let Some((position, _, question)) = question_line(&line) {
            if position == 2 {
                seen.push(line);
                break;
            }
            writeln!(stdin, "{}", capital_of(question)).expect("answer");
            stdin.flush().expect("flush");
        }
        seen.push(line);
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    let rest: Vec<String> = lines.iter().collect();
    let code = child.wait().expect("wait").code();
    assert_eq!(code, Some(130), "{seen:?} {rest:?}");
    let rest = rest.join("\n");
    assert!(
        rest.contains("session: 1 asked, 1 right, 0 close, 0 wrong in "),
        "{rest}"
    );
    assert!(rest.contains("next card due: "), "{rest}");
    assert!(
        !rest.contains('\u{1b}'),
        "no escape codes in plain mode: {rest:?}"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);
    assert_eq!(
        quiz.rows("SELECT ended_at IS NOT NULL FROM sessions"),
        vec![vec!["1"]]
    );
}

#[test]
fn a_second_session_on_the_same_data_dir_is_refused_while_the_first_runs() {
    let quiz = quiz_with(&capitals_deck(3));
    let mut first = spawn(quiz.command(&["start", "t"]));
    let lines = stdout_lines(&mut first);
    let line = lines.recv_timeout(TIMEOUT).expect("first question");
    assert!(question_line(&line).is_some(), "{line}");

    let second = quiz.run(&["start", "t"], "Paris\n");
    assert_eq!(second.code, 1, "{}", second.stdout);
    assert!(
        second
            .stderr
            .starts_with("quiz: error: another quiz is studying"),
        "{}",
        second.stderr
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);

    drop(first.stdin.take());
    assert_eq!(first.wait().expect("wait").code(), Some(0));
    quiz.run(&["start", "t"], "Paris\n").success();
}

#[test]
fn damaged_saved_parameters_warn_and_do_not_stop_a_session() {
    let quiz = quiz_with(&capitals_deck(1));
    quiz.run(&["decks"], "").success();
    quiz.db()
        .execute(
            "INSERT INTO meta (key, value) VALUES ('fsrs_parameters', '[1, 2]')",
            [],
        )
        .expect("damage the parameters");
    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(run.verdicts(), ["right"]);
    assert!(
        run.stderr.contains("the scheduler parameters saved in")
            && run.stderr.contains("are damaged; using the defaults"),
        "{}",
        run.stderr
    );
}
