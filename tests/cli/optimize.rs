//! `quiz optimize`: too little history is refused politely, `--evaluate` reproduces the
//! reference figures on a real review log, and better fitted parameters are saved and
//! reschedule every card.

use crate::common::{CARD_COLUMNS, with_capitals_history};
use crate::harness::Quiz;

/// A real FSRS review log (see `tests/fixtures/history/README.md`).
const JOSH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/history/review_logs_josh.csv"
);

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
    // A session that ends before its first answer creates the store (a reader creates nothing).
    fresh.run(&["start"], "").success();
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
