//! Siblings and decks (issue 12, point 7): a cloze's other gaps and a card's reverse are not
//! asked back to back and are left to the next day when the day's new cards can be others;
//! new cards are taken from the decks in turn, each deck with its own daily limit; and
//! `show_bundled = false` hides the bundled deck.

use crate::common::{asked, decks_row, quiz_with, with_config};
use crate::harness::{converse, run_command};

/// Two clozes, a card with its reverse and a plain card, in that file order.
const SIBLINGS: &str = r#"title = "Siblings"

[[cards]]
id = "a"
cloze = "{{one}} {{two}} {{three}}."

[[cards]]
id = "b"
cloze = "{{red}} and {{green}}."

[[cards]]
id = "c"
question = "Capital of France?"
answer = "Paris"
reverse = true

[[cards]]
id = "d"
question = "Capital of Italy?"
answer = "Rome"
"#;

const SUMS: &str = r#"title = "Sums"

[[cards]]
id = "x"
question = "Two plus two?"
answer = "4"

[[cards]]
id = "y"
question = "Three plus three?"
answer = "6"

[[cards]]
id = "z"
question = "Four plus four?"
answer = "8"
"#;

#[test]
fn other_gaps_and_reverses_wait_for_the_next_day_and_then_come_apart() {
    let mut quiz = quiz_with(SIBLINGS);
    let first = quiz.run(&["start", "t", "--new", "4"], "one\nred\nParis\nRome\n");
    first.success();
    assert_eq!(
        asked(&first.stdout),
        [
            "[...] two three.",
            "[...] and green.",
            "Capital of France?",
            "Capital of Italy?"
        ]
    );
    assert_eq!(first.verdicts(), ["right"; 4]);

    // The next day nothing is due yet: the other gaps and the reverse, one of each note
    // before a note's second.
    quiz.at("2026-03-02T09:00:00Z");
    let second = quiz.run(
        &["start", "t", "--new", "4"],
        "two\ngreen\nCapital of France?\nthree\n",
    );
    second.success();
    assert_eq!(
        asked(&second.stdout),
        [
            "one [...] three.",
            "red and [...].",
            "Paris",
            "one two [...]."
        ]
    );
    assert_eq!(second.verdicts(), ["right"; 4]);
    assert_eq!(
        quiz.rows("SELECT card FROM reviews ORDER BY id"),
        [
            ["a#1"],
            ["b#1"],
            ["c"],
            ["d"],
            ["a#2"],
            ["b#2"],
            ["c~r"],
            ["a#3"]
        ]
    );
}

/// The right answer to a question of [`SIBLINGS`].
fn right(question: &str) -> &'static str {
    match question {
        "[...] two three." => "one",
        "one [...] three." => "two",
        "one two [...]." => "three",
        "[...] and green." => "red",
        "red and [...]." => "green",
        "Capital of France?" => "Paris",
        "Paris" => "Capital of France?",
        _ => "Rome",
    }
}

/// The note of a question of [`SIBLINGS`].
fn note(question: &str) -> &'static str {
    match question {
        "[...] two three." | "one [...] three." | "one two [...]." => "a",
        "[...] and green." | "red and [...]." => "b",
        "Capital of France?" | "Paris" => "c",
        _ => "d",
    }
}

#[test]
fn a_cram_and_a_drill_keep_siblings_apart() {
    let quiz = quiz_with(SIBLINGS);
    // Every card wrong the first time, right when it comes back.
    let mut seen = Vec::new();
    let first = converse(&quiz, &["start", "t"], |question| {
        if seen.iter().any(|q| q == question) {
            return Some(right(question).into());
        }
        seen.push(question.to_string());
        Some("x".into())
    });
    first.success();
    assert_eq!(seen.len(), 8);

    // The drill takes the missed cards in file order: each note's first, then the others.
    let missed = converse(&quiz, &["missed", "t"], |question| {
        Some(right(question).into())
    });
    missed.success();
    assert_eq!(
        asked(&missed.stdout),
        [
            "[...] two three.",
            "[...] and green.",
            "Capital of France?",
            "Capital of Italy?",
            "one [...] three.",
            "red and [...].",
            "Paris",
            "one two [...]."
        ]
    );

    for seed in ["1", "5", "9"] {
        let cram = converse(&quiz, &["cram", "t", "--seed", seed], |question| {
            Some(right(question).into())
        });
        cram.success();
        let crammed = asked(&cram.stdout);
        assert_eq!(crammed.len(), 8, "{}", cram.stdout);
        for pair in crammed.windows(2) {
            assert_ne!(note(&pair[0]), note(&pair[1]), "seed {seed}: {crammed:?}");
        }
    }
}

#[test]
fn new_cards_come_from_the_decks_in_turn_each_with_its_own_limit() {
    let quiz = quiz_with(SIBLINGS);
    quiz.write("decks/u.toml", SUMS);
    let run = quiz.run(
        &["start", "t", "u", "--new", "3"],
        "one\n4\nred\n6\nParis\n8\n",
    );
    run.success();
    assert_eq!(
        asked(&run.stdout),
        [
            "[...] two three.",
            "Two plus two?",
            "[...] and green.",
            "Three plus three?",
            "Capital of France?",
            "Four plus four?"
        ]
    );
    assert_eq!(run.verdicts(), ["right"; 6]);
    // Later that day `t` has used its three, `u` all it has: nothing new is left.
    let later = quiz.run(&["start", "t", "u", "--new", "3"], "");
    later.success();
    assert_eq!(
        later.stdout.lines().next(),
        Some("Nothing to study now: no cards are due and no new cards are left for today.")
    );
    // A larger allowance is each deck's own: `t` gets two more, `u` has none left. The
    // notes reviewed earlier today had their turn: a card of a note not asked yet first.
    let more = quiz.run(&["start", "t", "u", "--new", "5"], "Rome\ntwo\n");
    more.success();
    assert_eq!(
        asked(&more.stdout),
        ["Capital of Italy?", "one [...] three."]
    );
}

#[test]
fn show_bundled_false_hides_the_bundled_deck_unless_it_is_named() {
    let quiz = quiz_with(SIBLINGS);
    let config = quiz.write(
        "config.toml",
        "show_bundled = false\nnew_cards_per_day = 1\n",
    );
    let decks = run_command(with_config(&quiz, &config, &["decks"]), "");
    decks.success();
    assert!(!decks.stdout.contains("secret-speech"), "{}", decks.stdout);
    assert_eq!(
        decks_row(&decks, "t")[..4],
        ["t", "Siblings", "user folder", "8"]
    );
    let shown = quiz.run(&["decks"], "");
    assert_eq!(decks_row(&shown, "secret-speech")[2], "bundled");

    let start = run_command(with_config(&quiz, &config, &["start"]), "one\n");
    start.success();
    assert_eq!(asked(&start.stdout), ["[...] two three."]);
    assert_eq!(
        quiz.rows("SELECT DISTINCT deck FROM reviews"),
        [["t"]],
        "only the learner's deck is studied"
    );
    // Named, the bundled deck is studied all the same.
    let named = run_command(with_config(&quiz, &config, &["start", "secret-speech"]), "");
    named.success();
    assert_eq!(asked(&named.stdout).len(), 1, "{}", named.stdout);

    let stats = run_command(with_config(&quiz, &config, &["stats", "--json"]), "");
    stats.success();
    let json: serde_json::Value = serde_json::from_str(&stats.stdout).unwrap();
    let decks: Vec<&str> = json["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|deck| deck["deck"].as_str().unwrap())
        .collect();
    assert_eq!(decks, ["t"]);
    let all = quiz.run(&["stats", "--json"], "");
    assert!(all.stdout.contains("\"secret-speech\""), "{}", all.stdout);

    // With no deck of one's own, a session says what to do.
    std::fs::remove_file(quiz.data_dir().join("decks/t.toml")).unwrap();
    let none = run_command(with_config(&quiz, &config, &["start"]), "");
    assert_eq!(none.code, 1);
    assert_eq!(
        none.stderr,
        format!(
            "quiz: error: no deck to study: the bundled decks are hidden (show_bundled = false in \
             the config) and {} holds none; name a deck, or make one with `quiz new NAME`\n",
            quiz.data_dir().join("decks").display()
        )
    );
}
