//! Reports that fit the terminal (issue 12, point 9): `quiz decks`, `quiz stats` and
//! `quiz suspended` at 40, 80 and 120 columns (`COLUMNS`), exactly; whole rows in a pipe
//! without `COLUMNS`; box lines on a terminal whether or not `NO_COLOR` is set; and
//! `quiz decks --json`.

use crate::common::{capitals_deck, fixture, quiz_with, with_capitals_history};
use crate::harness::{Quiz, run_command};
use crate::pty_harness::Tty;

/// `quiz ARGS` with `COLUMNS` set to `columns`.
fn at_width(quiz: &Quiz, columns: u16, args: &[&str]) -> String {
    let mut command = quiz.command(args);
    command.env("COLUMNS", columns.to_string());
    let run = run_command(command, "");
    run.success();
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= usize::from(columns),
            "{} characters at {columns} columns: {line:?}\n{}",
            line.chars().count(),
            run.stdout
        );
    }
    run.stdout
}

#[test]
fn decks_and_stats_fit_40_80_and_120_columns_exactly() {
    let quiz = with_capitals_history();
    for columns in [40, 80, 120] {
        assert_eq!(
            at_width(&quiz, columns, &["decks"]),
            fixture(&format!("widths/decks-{columns}.txt")),
            "decks at {columns}"
        );
        assert_eq!(
            at_width(&quiz, columns, &["stats"]),
            fixture(&format!("widths/stats-{columns}.txt")),
            "stats at {columns}"
        );
    }
}

#[test]
fn a_pipe_without_columns_gets_whole_rows() {
    let quiz = with_capitals_history();
    let run = quiz.run(&["decks"], "");
    run.success();
    assert!(
        run.stdout.contains(
            "| secret-speech | Khrushchev's Secret Speech (1956) | bundled     |    53 |  53 |       0 |          0 |       0 |         0 |\n"
        ),
        "{}",
        run.stdout
    );
    let run = quiz.run(&["stats"], "");
    run.success();
    assert!(
        run.stdout
            .contains(&format!("Sun 03-01 today        1 {}\n", "#".repeat(40))),
        "{}",
        run.stdout
    );
}

#[test]
fn a_long_question_is_cut_with_an_ellipsis() {
    let quiz = quiz_with(
        "title = \"Long\"\n\n[[cards]]\nid = \"speech\"\nquestion = \"On what date did Khrushchev deliver the Secret Speech to the closed session?\"\nanswer = \"February 25, 1956\"\n",
    );
    quiz.run(&["start", "t"], ":suspend\n").success();
    assert_eq!(
        at_width(&quiz, 60, &["suspended"]),
        "\
+------+--------+-----------------------+------------------+
| deck | card   | question              | suspended        |
+==========================================================+
| t    | speech | On what date did…     | 2026-03-01 09:00 |
+------+--------+-----------------------+------------------+
1 card suspended; `quiz suspended --restore CARD` restores
  one, `--all` every one.
"
    );
    // Too narrow for a table: a block, the question cut to the line.
    assert_eq!(
        at_width(&quiz, 40, &["suspended"]),
        "\
deck: t
  card       speech
  question   On what date did Khrushche…
  suspended  2026-03-01 09:00
1 card suspended; `quiz suspended
  --restore CARD` restores one, `--all`
  every one.
"
    );
}

#[test]
fn decks_json_gives_every_count() {
    let quiz = quiz_with(&capitals_deck(2));
    quiz.run(&["start", "t"], "Paris\n:suspend\n").success();
    let run = quiz.run(&["decks", "--json"], "");
    run.success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        json["decks"][1],
        serde_json::json!({
            "deck": "t",
            "title": "Capitals",
            "from": "user folder",
            "cards": 2,
            "new": 0,
            "due_now": 0,
            "due_7_days": 1,
            "leeches": 0,
            "suspended": 1,
        })
    );
    assert_eq!(json["decks"][0]["deck"], "secret-speech");
    assert_eq!(json["decks"].as_array().map(Vec::len), Some(2));
}

/// The screen of `quiz ARGS` on a terminal 80 columns wide (and tall enough for the whole
/// report), with or without `NO_COLOR`, and whether anything on it was drawn in colour.
fn on_a_terminal(quiz: &Quiz, args: &[&str], no_color: bool) -> (String, bool) {
    // An empty NO_COLOR is no NO_COLOR (see the README).
    let env: &[(&str, &str)] = if no_color { &[] } else { &[("NO_COLOR", "")] };
    let mut tty = Tty::spawn_sized_with_env(quiz, args, (80, 200), env);
    tty.expect("deck");
    std::thread::sleep(crate::pty_harness::SETTLE);
    let coloured = tty.any_colour();
    (tty.exits_with(0), coloured)
}

#[test]
fn on_a_terminal_no_color_takes_the_colour_away_and_keeps_the_box_lines() {
    let quiz = with_capitals_history();
    let (plain, coloured) = on_a_terminal(&quiz, &["decks"], true);
    assert!(
        plain.contains("│ deck          ┆ title       ┆ cards ┆"),
        "{plain}"
    );
    assert!(plain.contains("┌───"), "{plain}");
    assert!(!coloured, "{plain}");
    assert_eq!(on_a_terminal(&quiz, &["decks"], false).0, plain);

    let (stats, coloured) = on_a_terminal(&quiz, &["stats", "caps"], true);
    assert!(!coloured, "{stats}");
    assert!(
        stats.contains("Fri . . . . . . . . . . . . . . . . . . . . . . . . - #"),
        "{stats}"
    );
    let (in_colour, coloured) = on_a_terminal(&quiz, &["stats", "caps"], false);
    assert!(coloured, "{in_colour}");
    // The same lines either way: only the glyphs of the heatmap and bars take colour.
    let boxes = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|line| line.starts_with(['┌', '│', '╞', '└']))
            .map(str::to_string)
            .collect()
    };
    assert!(!boxes(&stats).is_empty(), "{stats}");
    assert_eq!(boxes(&in_colour), boxes(&stats));
}
