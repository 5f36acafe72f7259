//! `quiz history export` and `quiz history import`: the CSV round trip gives the same
//! reviews and, by replay, the very same card rows; imports are idempotent and a bad row is
//! named by its line.

use crate::common::{CAPITALS_LOG, CARD_COLUMNS, path_arg, with_capitals_history};
use crate::harness::Quiz;

/// A deck whose every answer is `x`, so a piped session can be scripted without knowing
/// the order the cards come in.
const EXES: &str = r#"
title = "Exes"

[[cards]]
id = "a"
question = "First?"
answer = "x"

[[cards]]
id = "b"
question = "Second?"
answer = "x"

[[cards]]
id = "c"
question = "Third?"
answer = "x"

[[cards]]
id = "d"
question = "Fourth?"
answer = "x"
"#;

/// Studies `t` (the EXES deck) at several instants in plain mode, with a miss and its
/// same-instant retry, self-graded flip answers, an override, and a cram session.
fn study_exes(quiz: &mut Quiz) {
    quiz.write("decks/t.toml", EXES);
    let sessions: [(&str, &[&str], &str); 5] = [
        (
            "2026-03-01T14:00:00Z",
            &["start", "t"],
            "nope\nx\nx\nx\nx\n",
        ),
        (
            "2026-03-04T02:30:00Z",
            &["start", "t", "--mode", "flip"],
            "\n4\n\n2\n\n1\n\n3\n\n3\n\n3\n",
        ),
        (
            "2026-03-10T12:00:00Z",
            &["start", "t"],
            "x\n:wrong\nx\nx\nwrong\nx\nx\nx\n",
        ),
        ("2026-03-11T12:00:00Z", &["cram", "t"], "x\nnope\nx\nx\nx\n"),
        (
            "2026-03-20T08:30:00Z",
            &["start", "t"],
            "x\nx\nx\nx\nx\nx\n",
        ),
    ];
    for (now, args, input) in sessions {
        quiz.at(now);
        quiz.run(args, input).success();
    }
}

const REVIEW_COLUMNS: &str = "SELECT reviewed_at, deck, card, rating, verdict, elapsed_ms, mode \
                              FROM reviews ORDER BY reviewed_at, id";

#[test]
fn history_round_trip_gives_identical_reviews_and_replay_the_same_card_rows() {
    let mut live = Quiz::new();
    live.tz("America/New_York");
    study_exes(&mut live);
    let reviews = live.rows(REVIEW_COLUMNS);
    let modes: Vec<&str> = reviews.iter().map(|r| r[6].as_str()).collect();
    assert!(
        modes.contains(&"cram") && modes.contains(&"review"),
        "{modes:?}"
    );
    let ratings: std::collections::BTreeSet<&str> = reviews.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(ratings.len(), 4, "every rating occurs: {reviews:?}");
    assert!(
        reviews.iter().any(|r| r[4] == "overridden-wrong"),
        "{reviews:?}"
    );
    let cards = live.rows(CARD_COLUMNS);
    assert_eq!(cards.len(), 4);

    let kept = live.write("out/log.csv", "kept");
    let refused = live.run(&["history", "export", "-o", path_arg(&kept)], "");
    assert_eq!(refused.code, 1);
    assert!(
        refused
            .stderr
            .ends_with("log.csv already exists; not overwriting it\n"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read_to_string(&kept).expect("kept"), "kept");
    let exported = kept.with_file_name("new-log.csv");
    live.run(&["history", "export", "-o", path_arg(&exported)], "")
        .success();
    let text = std::fs::read_to_string(&exported).expect("export");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("card_id,review_time,review_rating,review_duration,deck,card,verdict,mode")
    );
    let first: Vec<&str> = lines.next().expect("a review").split(',').collect();
    assert!(first[0].parse::<i64>().is_ok_and(|id| id >= 0), "{first:?}");
    assert_eq!(first[1], "2026-03-01T14:00:00.000Z");
    assert_eq!(first[2], "1");
    assert_eq!(first[4..], ["t", first[5], "wrong", "review"]);
    assert_eq!(text.lines().count(), reviews.len() + 1);
    // stdout gives the same bytes as -o.
    assert_eq!(live.run(&["history", "export"], "").stdout, text);

    // A fresh data directory (no deck file there) gets the same log and, by replaying
    // it, the very same card rows the live sessions wrote.
    let mut fresh = Quiz::new();
    fresh.tz("America/New_York").at("2026-04-01T00:00:00Z");
    let copy = fresh.write("log.csv", &text);
    let run = fresh.run(&["history", "import", path_arg(&copy)], "");
    run.success();
    assert_eq!(
        run.stdout,
        format!(
            "added {} reviews into t, skipped 0 already in the log; rescheduled 4 cards\n",
            reviews.len()
        )
    );
    assert_eq!(fresh.rows(REVIEW_COLUMNS), reviews);
    assert_eq!(fresh.rows(CARD_COLUMNS), cards);
    assert_eq!(
        fresh.count("SELECT COUNT(*) FROM reviews WHERE given_answer <> '' OR session IS NOT NULL"),
        0
    );
    assert_eq!(fresh.run(&["history", "export"], "").stdout, text);

    // Importing a log into the store it came from changes nothing.
    let run = live.run(&["history", "import", path_arg(&exported)], "");
    run.success();
    assert_eq!(
        run.stdout,
        format!(
            "added 0 reviews, skipped {} already in the log; rescheduled 0 cards\n",
            reviews.len()
        )
    );
    assert_eq!(live.rows(CARD_COLUMNS), cards);
}

#[test]
fn import_is_idempotent_and_reports_what_it_added() {
    let quiz = with_capitals_history();
    let reviews = quiz.rows(REVIEW_COLUMNS);
    let cards = quiz.rows(CARD_COLUMNS);
    let log = quiz.data_dir().join("caps.csv");
    let run = quiz.run(&["history", "import", path_arg(&log)], "");
    run.success();
    assert_eq!(
        run.stdout,
        "added 0 reviews, skipped 10 already in the log; rescheduled 0 cards\n"
    );
    assert_eq!(quiz.rows(REVIEW_COLUMNS), reviews);
    assert_eq!(quiz.rows(CARD_COLUMNS), cards);

    // A longer log adds only what is new, and reschedules only the card it touches.
    let longer = quiz.write(
        "more/caps.csv",
        &format!("{CAPITALS_LOG}es,2026-03-01T08:30:00Z,4,1500,\n"),
    );
    let run = quiz.run(&["history", "import", path_arg(&longer)], "");
    run.success();
    assert_eq!(
        run.stdout,
        "added 1 review into caps, skipped 10 already in the log; rescheduled 1 card\n"
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 11);
    assert_eq!(
        quiz.rows("SELECT reps, lapses, verdict, mode FROM cards JOIN reviews USING (deck, card) WHERE card = 'es'"),
        vec![vec!["1", "0", "easy", "import"]]
    );
}

#[test]
fn a_bad_row_is_named_by_its_line_and_nothing_is_imported() {
    let quiz = with_capitals_history();
    let bad = quiz.write(
        "bad.csv",
        "card_id,review_time,review_rating,review_duration\n\
         a,2026-02-01T10:00:00Z,3,100\n\
         a,2026-02-02T10:00:00Z,5,100\n",
    );
    let run = quiz.run(&["history", "import", path_arg(&bad)], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: could not import {}: line 3 of the review log: review_rating must be \
             1, 2, 3 or 4, not \"5\"\n",
            bad.display()
        )
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE deck = 'bad'"),
        0
    );

    let run = quiz.run(&["history", "import", "no/such.csv"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("quiz: error: could not read no/such.csv: "),
        "{}",
        run.stderr
    );
}

/// Into an empty log the import drops the log's indexes and builds them again: a bad row
/// found after many good ones leaves the log empty and its indexes as they were.
#[test]
fn a_bad_row_into_an_empty_log_leaves_it_empty_and_indexed() {
    let quiz = Quiz::new();
    let indexes = |quiz: &Quiz| -> Vec<String> {
        let db = quiz.db();
        let mut statement = db
            .prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'reviews' AND type = 'index' ORDER BY name")
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let mut text = String::from("card_id,review_time,review_rating,review_duration\n");
    for day in 1..=28 {
        text.push_str(&format!("a,2026-02-{day:02}T10:00:00Z,3,100\n"));
    }
    let good = quiz.write("deck.csv", &text);
    text.push_str("a,2026-02-28T11:00:00Z,0,100\n");
    let bad = quiz.write("bad.csv", &text);
    // A first run makes the database, so that its indexes can be read before the import.
    assert_eq!(
        quiz.run(&["history", "import", path_arg(&good)], "").code,
        0
    );
    let made = indexes(&quiz);
    assert_eq!(made.len(), 5, "{made:?}");
    std::fs::remove_file(quiz.db_path()).unwrap();
    assert_eq!(quiz.run(&["decks"], "").code, 0);

    let run = quiz.run(&["history", "import", path_arg(&bad)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("line 30 of the review log"),
        "{}",
        run.stderr
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);
    assert_eq!(quiz.count("SELECT COUNT(*) FROM cards"), 0);
    assert_eq!(indexes(&quiz), made);

    let run = quiz.run(&["history", "import", path_arg(&good)], "");
    assert_eq!(
        run.stdout,
        "added 28 reviews into deck, skipped 0 already in the log; rescheduled 1 card\n"
    );
    assert_eq!(indexes(&quiz), made);
    let run = quiz.run(&["history", "import", path_arg(&good)], "");
    assert_eq!(
        run.stdout,
        "added 0 reviews, skipped 28 already in the log; rescheduled 0 cards\n"
    );
}

#[test]
fn a_damaged_database_value_is_named_once() {
    let quiz = with_capitals_history();
    quiz.db()
        .execute("UPDATE cards SET due = 9000000000000000000", [])
        .expect("damage a due time");
    let run = quiz.run(&["stats"], "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "quiz: error: the progress database holds an invalid time (9000000000000000000 ms)\n"
    );
}

#[test]
fn export_copies_a_mode_this_quiz_does_not_know() {
    let quiz = with_capitals_history();
    quiz.db()
        .execute("UPDATE reviews SET mode = 'study' WHERE id = 1", [])
        .expect("write a newer mode");
    let run = quiz.run(&["history", "export"], "");
    run.success();
    assert!(
        run.stdout
            .lines()
            .nth(1)
            .is_some_and(|row| row.ends_with(",study")),
        "{}",
        run.stdout
    );
}

#[test]
fn issue_17_reviews_at_the_calendars_edges_round_trip_through_export_and_import() {
    for now in [
        "-000001-06-01T12:00:00.250Z",
        "-009000-01-01T00:00:00Z",
        "9000-12-31T23:59:59Z",
    ] {
        let mut quiz = Quiz::new();
        quiz.at(now);
        quiz.write("decks/t.toml", EXES);
        quiz.run(&["start", "t", "--limit", "1"], "x\n").success();
        let export = quiz.run(&["history", "export"], "");
        export.success();
        let row = export.stdout.lines().nth(1).expect("one review");
        let time = row.split(',').nth(1).expect("review_time");
        let expected = match now {
            "-000001-06-01T12:00:00.250Z" => "-000001-06-01T12:00:00.250Z",
            "-009000-01-01T00:00:00Z" => "-009000-01-01T00:00:00.000Z",
            _ => "9000-12-31T23:59:59.000Z",
        };
        assert_eq!(time, expected);
        let log = quiz.write("log.csv", &export.stdout);
        let mut other = Quiz::new();
        other.at(now);
        other.write("decks/t.toml", EXES);
        let run = other.run(&["history", "import", path_arg(&log)], "");
        run.success();
        assert_eq!(
            other.rows("SELECT reviewed_at FROM reviews"),
            quiz.rows("SELECT reviewed_at FROM reviews"),
            "{now}"
        );
    }
}

#[test]
fn issue_17_quiz_now_messages_name_the_supported_range() {
    let range = "quiz supports -009000-01-01T00:00:00Z to 9000-12-31T23:59:59Z";
    for (now, expected) in [
        (
            "9001-01-01T00:00:00Z",
            format!(
                "quiz: error: QUIZ_NOW=\"9001-01-01T00:00:00Z\" is outside the range of the calendar: {range}\n"
            ),
        ),
        (
            "-009001-01-01T00:00:00Z",
            format!(
                "quiz: error: QUIZ_NOW=\"-009001-01-01T00:00:00Z\" is outside the range of the calendar: {range}\n"
            ),
        ),
    ] {
        let mut quiz = Quiz::new();
        quiz.at(now);
        let run = quiz.run(&["decks"], "");
        assert_eq!(run.code, 1);
        assert_eq!(run.stderr, expected);
    }
    let mut quiz = Quiz::new();
    quiz.at("10000-01-01T00:00:00Z");
    let run = quiz.run(&["decks"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "quiz: error: QUIZ_NOW=\"10000-01-01T00:00:00Z\" is not an RFC 3339 instant such as \
             2026-03-01T09:00:00Z ({range}; years before 0 or after 9999 are written with a sign \
             and six digits)"
        )),
        "{}",
        run.stderr
    );
}
