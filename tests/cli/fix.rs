//! `quiz check --fix`: the implicit ids written into a deck and nothing else changed, the
//! progress kept by its cards; a deck that is not valid TOML left alone.

use serde_json::Value;

use crate::common::{NOW, brief, field, json_findings};
use crate::harness::Quiz;

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
    // The cloze's other gap comes after the card of another note (its first gap had its
    // turn today).
    let run = quiz.run(&["start", "history", "--limit", "10"], "2\n1956\n");
    run.success();
    assert_eq!(run.verdicts(), ["right", "right"], "{}", run.stdout);
    assert!(run.stdout.starts_with("[1/2] "), "{}", run.stdout);
    assert_eq!(
        quiz.rows("SELECT card FROM reviews ORDER BY id"),
        vec![
            vec![ids[0].clone()],
            vec!["premier".to_string()],
            vec![format!("{}#1", ids[1])],
            vec![ids[2].clone()],
            vec![format!("{}#2", ids[1])],
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
