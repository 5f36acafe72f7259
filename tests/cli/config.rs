//! The config file (`QUIZ_CONFIG`): new cards per day and the default mode, the flags that
//! beat them, and a bad value named by file, line and key.

use crate::common::{asked, capitals_deck, q, question_line, quiz_with, with_config};
use crate::harness::run_command;

/// `[N/T]` of every question line.
fn positions(stdout: &str) -> Vec<(usize, usize)> {
    stdout
        .lines()
        .filter_map(question_line)
        .map(|(n, t, _)| (n, t))
        .collect()
}

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

#[test]
fn every_bad_key_of_the_config_is_reported_at_once_with_a_suggestion() {
    let quiz = quiz_with(&capitals_deck(2));
    let config = quiz.write(
        "config.toml",
        "new_cards_per_dya = 5\ndesired_retention = 2\ndefault_mode = \"flip\"\n",
    );
    let shown = config.display().to_string();
    let run = run_command(with_config(&quiz, &config, &["start", "t"]), "Paris\n");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "\
quiz: error: bad config file (2 errors)
error[C001]: unknown setting `new_cards_per_dya`; settings are desired_retention, new_cards_per_day, leech_threshold, default_mode, show_bundled
 --> {shown}:1:1
  |
1 | new_cards_per_dya = 5
  | ^^^^^^^^^^^^^^^^^ did you mean `new_cards_per_day`?

error[C001]: `desired_retention` must be a number between 0 and 1, such as 0.9
 --> {shown}:2:21
  |
2 | desired_retention = 2
  |                     ^ not a retention
"
        )
    );
    assert!(!quiz.db_path().exists(), "nothing is written");
}

#[test]
fn an_unknown_time_zone_is_a_warning_naming_it_and_days_count_in_utc() {
    let mut quiz = quiz_with(&capitals_deck(1));
    quiz.tz("Mars/Olympus_Mons");
    let run = quiz.run(&["start", "t"], "Paris\n");
    run.success();
    assert_eq!(
        run.stderr,
        "quiz: warning: TZ=Mars/Olympus_Mons is not a time zone (an IANA name such as \
         Europe/Paris, or a POSIX rule such as EST5EDT); days are counted in UTC\n"
    );
    assert!(
        run.stdout
            .contains("next card due: 2026-03-03 09:00 (in 2 days)"),
        "{}",
        run.stdout
    );
    let stats = quiz.run(&["stats", "--json"], "");
    stats.success();
    assert!(
        stats.stdout.contains("\"time_zone\": \"UTC\""),
        "{}",
        stats.stdout
    );

    // A zone it knows says nothing.
    quiz.tz("Europe/Paris");
    let known = quiz.run(&["stats", "--json"], "");
    known.success();
    assert_eq!(known.stderr, "");
    assert!(
        known.stdout.contains("\"time_zone\": \"Europe/Paris\""),
        "{}",
        known.stdout
    );
}
