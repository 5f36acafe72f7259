//! `quiz stats`, `quiz history export/import` and `quiz optimize` end to end: figures on a
//! hand-built history, the JSON schema the README documents, the CSV round trip, and
//! replay agreeing with live scheduling to the last bit.

use serde_json::Value;

use crate::common::{NOW, capitals_deck, path_arg};
use crate::harness::{Quiz, Run};

const JOSH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/history/review_logs_josh.csv"
);

/// The history of `caps` (`capitals_deck(4)`: fr, de, it, es), in the plain FSRS columns
/// plus `mode`: the deck comes from the file name. `es` is never reviewed; `fr` lapses on
/// the 27th and is retried the same day; `it` is crammed on the 28th (no effect on its
/// schedule or on retention).
const CAPITALS_LOG: &str = "\
card_id,review_time,review_rating,review_duration,mode
it,2026-01-10T10:00:00Z,3,5000,
it,2026-02-05T10:00:00Z,3,4000,
fr,2026-02-20T10:00:00Z,3,3000,
fr,2026-02-22T10:00:00Z,3,3000,
de,2026-02-25T10:00:00Z,3,6000,
de,2026-02-26T10:00:00Z,2,7000,
fr,2026-02-27T10:00:00Z,1,9000,
fr,2026-02-27T10:05:00Z,3,2000,
it,2026-02-28T10:00:00Z,1,1000,cram
de,2026-03-01T08:00:00Z,3,2500,
";

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

fn with_capitals_history() -> Quiz {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/caps.toml", &capitals_deck(4));
    let log = quiz.write("caps.csv", CAPITALS_LOG);
    let run = quiz.run(&["history", "import", path_arg(&log)], "");
    run.success();
    assert_eq!(
        run.stdout,
        "added 10 reviews into caps, skipped 0 already in the log; rescheduled 3 cards\n"
    );
    quiz
}

#[track_caller]
fn json(run: &Run) -> Value {
    run.success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}:\n{}", run.stdout))
}

#[track_caller]
fn close(actual: &Value, expected: f64, within: f64) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    assert!(
        (actual - expected).abs() <= within,
        "{actual} is not {expected} ± {within}"
    );
}

/// The non-empty days of the heatmap, as (date, reviews).
fn studied_days(report: &Value) -> Vec<(String, u64)> {
    report["heatmap"]["days"]
        .as_array()
        .expect("days")
        .iter()
        .filter(|day| day["reviews"].as_u64() != Some(0))
        .map(|day| {
            (
                day["date"].as_str().expect("date").to_owned(),
                day["reviews"].as_u64().expect("reviews"),
            )
        })
        .collect()
}

#[test]
fn stats_figures_on_a_hand_built_history_are_exact() {
    let quiz = with_capitals_history();
    let report = json(&quiz.run(&["stats", "caps", "--json"], ""));

    assert_eq!(report["generated_at"], NOW);
    assert_eq!(report["today"], "2026-03-01");
    assert_eq!(report["time_zone"], "UTC");
    let decks = report["decks"].as_array().expect("decks");
    assert_eq!(decks.len(), 1);
    let caps = &decks[0];
    assert_eq!(caps["deck"], "caps");
    assert_eq!(caps["title"], "Capitals");
    // fr (interval 1 day, overdue since yesterday) and de (14 days) are young; it (36 days)
    // is mature; es was never reviewed.
    for (key, value) in [
        ("cards", 4),
        ("new", 1),
        ("young", 2),
        ("mature", 1),
        ("due_today", 1),
        ("due_7_days", 1),
    ] {
        assert_eq!(caps[key], value, "{key}");
    }
    // Last 7 days (Feb 23 – Mar 1): fr's lapse, de's hard and good; fr's same-day retry and
    // the cram review do not count. Last 30 days add fr on the 22nd and it on Feb 5.
    assert_eq!(
        caps["retention_7_days"],
        serde_json::json!({"reviews": 3, "passed": 2, "rate": 2.0 / 3.0})
    );
    assert_eq!(
        caps["retention_30_days"],
        serde_json::json!({"reviews": 5, "passed": 4, "rate": 0.8})
    );
    // The stabilities of the three cards' rows (FSRS-6 defaults), averaged.
    let stabilities: Vec<f64> = quiz
        .rows("SELECT stability FROM cards ORDER BY card")
        .iter()
        .map(|row| row[0].parse().expect("stability"))
        .collect();
    assert_eq!(stabilities.len(), 3);
    close(
        &caps["average_stability"],
        stabilities.iter().sum::<f64>() / 3.0,
        1e-9,
    );
    close(&caps["average_stability"], 17.1117, 1e-3);
    assert_eq!(report["total"]["cards"], 4);
    assert_eq!(report["total"]["retention_30_days"]["passed"], 4);

    let heatmap = &report["heatmap"];
    assert_eq!(heatmap["first_day"], "2025-09-01"); // a Monday, 25 weeks before this week's
    assert_eq!(heatmap["last_day"], "2026-03-01");
    assert_eq!(heatmap["days"].as_array().expect("days").len(), 25 * 7 + 7);
    assert_eq!(heatmap["reviews"], 10);
    assert_eq!(heatmap["days_studied"], 9);
    assert_eq!(heatmap["busiest_day"], 2);
    let days: Vec<(&str, u64)> = [
        ("2026-01-10", 1),
        ("2026-02-05", 1),
        ("2026-02-20", 1),
        ("2026-02-22", 1),
        ("2026-02-25", 1),
        ("2026-02-26", 1),
        ("2026-02-27", 2),
        ("2026-02-28", 1),
        ("2026-03-01", 1),
    ]
    .into();
    let studied = studied_days(&report);
    assert_eq!(
        studied
            .iter()
            .map(|(d, n)| (d.as_str(), *n))
            .collect::<Vec<_>>(),
        days
    );
    // Feb 25 to today, the cram day included.
    assert_eq!(
        report["streak"],
        serde_json::json!({"days": 5, "studied_today": true})
    );

    let forecast = report["forecast"].as_array().expect("forecast");
    assert_eq!(forecast.len(), 30);
    assert_eq!(forecast[0]["date"], "2026-03-01");
    assert_eq!(forecast[29]["date"], "2026-03-30");
    let due: Vec<(usize, u64)> = forecast
        .iter()
        .enumerate()
        .filter_map(|(i, day)| day["due"].as_u64().filter(|&n| n > 0).map(|n| (i, n)))
        .collect();
    // fr overdue (today), it on Mar 13, de on Mar 15: 14 days after their last reviews.
    assert_eq!(due, [(0, 1), (12, 1), (14, 1)]);

    let hardest = report["hardest"].as_array().expect("hardest");
    assert_eq!(hardest.len(), 1);
    assert_eq!(hardest[0]["deck"], "caps");
    assert_eq!(hardest[0]["card"], "fr");
    assert_eq!(hardest[0]["question"], "Capital of France?");
    assert_eq!(hardest[0]["lapses"], 1);
    assert_eq!(hardest[0]["reviews"], 4);
    assert_eq!(hardest[0]["due"], "2026-02-28T10:05:00Z");
    close(&hardest[0]["retrievability"], 0.879, 1e-3);
}

#[test]
fn stats_in_the_terminal_shows_the_same_figures() {
    let quiz = with_capitals_history();
    let run = quiz.run(&["stats", "caps"], "");
    run.success();
    let out = &run.stdout;
    let row = out
        .lines()
        .find(|line| line.starts_with("| caps"))
        .unwrap_or_else(|| panic!("no caps row:\n{out}"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(
        cells[1..11],
        [
            "caps",
            "4",
            "1",
            "2",
            "1",
            "1",
            "1",
            "66.7% of 3",
            "80.0% of 5",
            "17.1 d"
        ]
    );
    assert!(
        out.contains("Reviews per day, last 26 weeks: 10 reviews on 9 days (busiest day: 2)\n"),
        "{out}"
    );
    // The last two weeks of the grid (plain glyphs: . none, - up to half the busiest, # most).
    let tail: Vec<String> = out
        .lines()
        .skip_while(|line| !line.starts_with("Mon "))
        .take(7)
        .map(|line| line[..4].to_owned() + &line[line.len() - 3..])
        .collect();
    assert_eq!(
        tail,
        [
            "Mon . .", "Tue . .", "Wed . -", "Thu . -", "Fri - #", "Sat . -", "Sun - -"
        ],
        "{out}"
    );
    assert!(out.contains("    less . : - = # more\n"), "{out}");
    assert!(
        out.contains("Streak: 5 days in a row, today included\n"),
        "{out}"
    );
    assert!(
        out.contains("Due in the next 30 days: 3 cards (today includes overdue cards)\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!("Sun 03-01 today        1 {}\n", "#".repeat(40))),
        "{out}"
    );
    assert!(out.contains("Mon 03-02 tomorrow     0\n"), "{out}");
    assert!(
        out.contains("| caps | fr   |      1 |       4 |        88% | Capital of France? |"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when piped:\n{out}");
    assert_eq!(run.stderr, "");
}

#[test]
fn stats_names_a_deck_known_only_from_its_history_and_rejects_unknown_ones() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let log = quiz.write("mine.csv", CAPITALS_LOG);
    quiz.run(&["history", "import", path_arg(&log)], "")
        .success();
    let report = json(&quiz.run(&["stats", "--json"], ""));
    let names: Vec<&str> = report["decks"]
        .as_array()
        .expect("decks")
        .iter()
        .map(|d| d["deck"].as_str().expect("deck"))
        .collect();
    assert_eq!(names, ["secret-speech", "mine"]);
    let mine = &report["decks"][1];
    assert_eq!(mine["title"], Value::Null);
    // Without a deck file, the cards are the ones with progress.
    assert_eq!(
        (mine["cards"].as_u64(), mine["new"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(report["hardest"][0]["question"], Value::Null);

    let only = json(&quiz.run(&["stats", "mine", "--json"], ""));
    assert_eq!(only["decks"].as_array().map(Vec::len), Some(1));
    assert_eq!(only["heatmap"]["reviews"], 10);
    let other = json(&quiz.run(&["stats", "secret-speech", "--json"], ""));
    assert_eq!(other["heatmap"]["reviews"], 0);
    assert_eq!(other["streak"]["days"], 0);

    let run = quiz.run(&["stats", "nope"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("quiz: error: no deck named `nope`; known decks: secret-speech, mine"),
        "{}",
        run.stderr
    );
}

/// Checks that `value` has every key of `schema` with the documented type; `?` after a
/// type allows null.
#[track_caller]
fn check_schema(value: &Value, schema: &[(&str, &str)], context: &str) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{context} is not an object: {value}"));
    let keys: Vec<&str> = schema.iter().map(|(key, _)| *key).collect();
    let mut actual: Vec<&str> = object.keys().map(String::as_str).collect();
    actual.sort_unstable();
    let mut expected = keys.clone();
    expected.sort_unstable();
    assert_eq!(actual, expected, "keys of {context}");
    for (key, kind) in schema {
        let field = &object[*key];
        let (kind, nullable) = match kind.strip_suffix('?') {
            Some(kind) => (kind, true),
            None => (*kind, false),
        };
        let ok = match kind {
            _ if nullable && field.is_null() => true,
            "string" => field.is_string(),
            "integer" => field.is_u64(),
            "number" => field.is_number(),
            "boolean" => field.is_boolean(),
            "array" => field.is_array(),
            "object" => field.is_object(),
            other => panic!("unknown type {other}"),
        };
        assert!(ok, "{context}.{key} should be {kind}: {field}");
    }
}

const FIGURES: [(&str, &str); 9] = [
    ("cards", "integer"),
    ("new", "integer"),
    ("young", "integer"),
    ("mature", "integer"),
    ("due_today", "integer"),
    ("due_7_days", "integer"),
    ("retention_7_days", "object"),
    ("retention_30_days", "object"),
    ("average_stability", "number?"),
];

#[track_caller]
fn check_report(report: &Value) {
    check_schema(
        report,
        &[
            ("generated_at", "string"),
            ("today", "string"),
            ("time_zone", "string"),
            ("decks", "array"),
            ("total", "object"),
            ("heatmap", "object"),
            ("streak", "object"),
            ("forecast", "array"),
            ("hardest", "array"),
        ],
        "report",
    );
    let retention = [
        ("reviews", "integer"),
        ("passed", "integer"),
        ("rate", "number?"),
    ];
    let mut deck_schema = vec![("deck", "string"), ("title", "string?")];
    deck_schema.extend(FIGURES);
    for deck in report["decks"].as_array().into_iter().flatten() {
        check_schema(deck, &deck_schema, "decks[]");
        check_schema(&deck["retention_7_days"], &retention, "retention_7_days");
        check_schema(&deck["retention_30_days"], &retention, "retention_30_days");
    }
    check_schema(&report["total"], &FIGURES, "total");
    check_schema(
        &report["heatmap"],
        &[
            ("first_day", "string"),
            ("last_day", "string"),
            ("reviews", "integer"),
            ("days_studied", "integer"),
            ("busiest_day", "integer"),
            ("days", "array"),
        ],
        "heatmap",
    );
    for day in report["heatmap"]["days"].as_array().into_iter().flatten() {
        check_schema(day, &[("date", "string"), ("reviews", "integer")], "days[]");
    }
    check_schema(
        &report["streak"],
        &[("days", "integer"), ("studied_today", "boolean")],
        "streak",
    );
    for day in report["forecast"].as_array().into_iter().flatten() {
        check_schema(day, &[("date", "string"), ("due", "integer")], "forecast[]");
    }
    for card in report["hardest"].as_array().into_iter().flatten() {
        check_schema(
            card,
            &[
                ("deck", "string"),
                ("card", "string"),
                ("question", "string?"),
                ("lapses", "integer"),
                ("reviews", "integer"),
                ("retrievability", "number"),
                ("due", "string"),
            ],
            "hardest[]",
        );
    }
}

#[test]
fn the_json_document_has_every_documented_key_with_its_type() {
    // An empty store: nulls where nothing can be said yet.
    let mut empty = Quiz::new();
    empty.at(NOW);
    let report = json(&empty.run(&["stats", "--json"], ""));
    check_report(&report);
    assert_eq!(report["total"]["average_stability"], Value::Null);
    assert_eq!(report["total"]["retention_7_days"]["rate"], Value::Null);
    assert_eq!(report["hardest"], serde_json::json!([]));

    let quiz = with_capitals_history();
    let report = json(&quiz.run(&["stats", "--json"], ""));
    check_report(&report);
    assert!(!report["hardest"].as_array().expect("hardest").is_empty());
    assert!(report["total"]["average_stability"].is_number());
}

#[test]
fn the_heatmap_and_retention_use_the_learners_day_and_zone() {
    // 03:30 in Tokyo is still the previous learner day; 04:30 is the next one.
    let mut quiz = Quiz::new();
    quiz.at("2026-03-01T03:00:00Z").tz("Asia/Tokyo"); // noon in Tokyo
    let log = quiz.write(
        "tokyo.csv",
        "card_id,review_time,review_rating\n\
         a,2026-02-27T18:30:00Z,3\n\
         a,2026-02-28T19:30:00Z,1\n\
         b,2026-02-27T19:30:00Z,3\n\
         b,2026-02-28T18:30:00Z,3\n",
    );
    quiz.run(&["history", "import", path_arg(&log)], "")
        .success();
    let report = json(&quiz.run(&["stats", "tokyo", "--json"], ""));
    assert_eq!(report["time_zone"], "Asia/Tokyo");
    assert_eq!(report["today"], "2026-03-01");
    // Tokyo times: a at 03:30 on the 28th (learner day 27th) and 04:30 on the 1st; b at
    // 04:30 on the 28th and 03:30 on the 1st (learner day 28th).
    assert_eq!(
        studied_days(&report),
        [
            ("2026-02-27".to_owned(), 1),
            ("2026-02-28".to_owned(), 2),
            ("2026-03-01".to_owned(), 1)
        ]
    );
    // a's lapse came two learner days after its first review and counts; b's second review
    // fell on the same learner day as its first and does not.
    assert_eq!(report["decks"][0]["retention_7_days"]["reviews"], 1);
    assert_eq!(report["decks"][0]["retention_7_days"]["passed"], 0);
    assert_eq!(report["streak"]["days"], 3);
}

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
const CARD_COLUMNS: &str = "SELECT deck, card, stability, difficulty, due, last_review, reps, \
                            lapses, first_review FROM cards ORDER BY deck, card";

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

#[test]
fn optimize_refuses_politely_with_too_few_reviews() {
    let quiz = with_capitals_history();
    let run = quiz.run(&["optimize"], "");
    run.success();
    assert_eq!(
        run.stdout,
        "Not enough history to fit parameters yet: 5 of your reviews came a day or more after \
         the card's previous review, and fitting needs at least 400 such reviews (395 more). \
         Until then quiz keeps its current parameters.\n"
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM meta WHERE key = 'fsrs_parameters'"),
        0
    );

    let run = quiz.run(&["optimize", "nope"], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "quiz: error: deck `nope` has no reviews; decks with reviews: caps\n"
    );
}

/// The figures of a row of `quiz optimize` output that starts with `name`.
fn metrics_row(stdout: &str, name: &str) -> (f64, f64, u64) {
    let line = stdout
        .lines()
        .find(|line| line.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} row:\n{stdout}"));
    let fields: Vec<&str> = line[name.len()..].split_whitespace().collect();
    (
        fields[0].parse().expect("log loss"),
        fields[1].parse().expect("RMSE"),
        fields[2].parse().expect("predictions"),
    )
}

#[test]
fn optimize_evaluate_reproduces_the_reference_figures_on_josh() {
    let quiz = Quiz::new();
    let run = quiz.run(&["history", "import", JOSH], "");
    run.success();
    assert_eq!(
        run.stdout,
        "added 12580 reviews into review_logs_josh, skipped 0 already in the log; \
         rescheduled 1205 cards\n"
    );
    let started = std::time::Instant::now();
    let run = quiz.run(&["optimize", "--evaluate"], "");
    println!("optimize --evaluate took {:?}", started.elapsed());
    run.success();
    let within = |actual: f64, expected: f64| (actual - expected).abs() <= 0.005;
    let (loss, rmse, predictions) = metrics_row(&run.stdout, "FSRS-6 default parameters");
    assert!(
        within(loss, 0.4650) && within(rmse, 0.0876),
        "{}",
        run.stdout
    );
    assert_eq!(predictions, 6276);
    let (loss, rmse, predictions) =
        metrics_row(&run.stdout, "5-split time-series cross-validation");
    assert!(
        within(loss, 0.4403) && within(rmse, 0.0418),
        "{}",
        run.stdout
    );
    assert_eq!(predictions, 6276 - 6276 / 6);
    assert!(
        run.stdout
            .starts_with("Evaluating on 12580 reviews: 6276 predictions"),
        "{}",
        run.stdout
    );
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM meta WHERE key = 'fsrs_parameters'"),
        0
    );
}

#[test]
fn optimize_saves_better_parameters_and_reschedules_every_card_with_them() {
    let quiz = Quiz::new();
    quiz.run(&["history", "import", JOSH], "").success();
    let before = quiz.rows(CARD_COLUMNS);
    let run = quiz.run(&["optimize"], "");
    run.success();
    let (old, _, _) = metrics_row(&run.stdout, "current (FSRS-6 defaults)");
    let (new, _, _) = metrics_row(&run.stdout, "fitted");
    assert!(new < old, "{}", run.stdout);
    assert!(
        run.stdout.ends_with(
            "Saved the fitted parameters: they predict your history better. Rescheduled 1205 \
             cards by replaying their reviews.\n"
        ),
        "{}",
        run.stdout
    );
    let saved = quiz.rows("SELECT value FROM meta WHERE key = 'fsrs_parameters'");
    let parameters: Vec<f32> = serde_json::from_str(&saved[0][0]).expect("a JSON array");
    assert_eq!(parameters.len(), 21);
    let after = quiz.rows(CARD_COLUMNS);
    assert_eq!(after.len(), before.len());
    assert_ne!(after, before);

    // The rows are what importing the same log with those parameters gives.
    let fresh = Quiz::new();
    fresh.run(&["stats", "--json"], "").success(); // creates the store
    fresh
        .db()
        .execute(
            "INSERT INTO meta (key, value) VALUES ('fsrs_parameters', ?1)",
            [&saved[0][0]],
        )
        .expect("store parameters");
    fresh.run(&["history", "import", JOSH], "").success();
    assert_eq!(fresh.rows(CARD_COLUMNS), after);

    // Fitting again finds nothing better and changes nothing.
    let run = quiz.run(&["optimize"], "");
    run.success();
    assert!(
        run.stdout.ends_with(
            "Kept the current parameters: the fitted ones predict your history no better.\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(quiz.rows(CARD_COLUMNS), after);
}
