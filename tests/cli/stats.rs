//! `quiz stats` end to end: exact figures on a hand-built history, the same figures in the
//! terminal, the JSON document the README documents, and the learner's day and zone.

use serde_json::Value;

use crate::common::{CAPITALS_LOG, NOW, path_arg, with_capitals_history};
use crate::harness::{Quiz, Run};

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

#[test]
fn reviews_at_one_instant_count_once_for_retention_in_the_order_given() {
    // Ties on the millisecond (a history with duplicates, sessions under a fixed QUIZ_NOW)
    // are settled by the order the reviews were given in: only the first of a run at one
    // instant can follow an earlier learner day; the rest repeat it on the same day. A cram
    // review in the run is no previous review of anything.
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let mut log = String::from("card_id,review_time,review_rating,mode\n");
    log.push_str("a,2026-01-10T10:00:00Z,3,\n"); // before the 30 days: only a previous review
    for rating in [1, 3, 3] {
        log.push_str(&format!("a,2026-02-10T10:00:00.250Z,{rating},\n"));
    }
    log.push_str("a,2026-02-10T10:00:00.250Z,3,cram\n");
    for rating in [3, 1] {
        log.push_str(&format!("a,2026-02-25T10:00:00Z,{rating},\n"));
    }
    log.push_str("b,2026-02-27T10:00:00Z,3,\n");
    log.push_str("b,2026-03-01T05:00:00Z,1,cram\n");
    log.push_str("b,2026-03-01T05:00:00Z,2,\n");
    for _ in 0..500 {
        log.push_str("b,2026-03-01T05:00:00Z,1,\n");
    }
    let file = quiz.write("ties.csv", &log);
    let run = quiz.run(&["history", "import", path_arg(&file)], "");
    run.success();
    assert_eq!(
        run.stdout,
        "added 510 reviews into ties, skipped 0 already in the log; rescheduled 2 cards\n"
    );

    let report = json(&quiz.run(&["stats", "ties", "--json"], ""));
    let ties = &report["decks"][0];
    assert_eq!(ties["deck"], "ties");
    // Last 7 days: a's first review on Feb 25 (Good) and b's first non-cram review on Mar 1
    // (Hard). The last 30 days add a's first on Feb 10 (Again).
    assert_eq!(
        ties["retention_7_days"],
        serde_json::json!({"reviews": 2, "passed": 2, "rate": 1.0})
    );
    assert_eq!(
        ties["retention_30_days"],
        serde_json::json!({"reviews": 3, "passed": 2, "rate": 2.0 / 3.0})
    );
    assert_eq!(report["heatmap"]["reviews"], 510);
}
