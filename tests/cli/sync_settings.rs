//! The desired retention travels between devices: a change of `desired_retention` in one
//! device's config file is its event, the last writer (by instant, then device id) holds on
//! every device, and a device's own config file counts again once it is edited.

use std::path::Path;

use crate::common::{path_arg, with_config};
use crate::harness::{Quiz, Run, run_command};
use crate::sync::{cards, device, log_path, reviews};

/// `quiz ARGS` on `quiz` with its own config file, `config.toml` in its data directory
/// (none at first: the defaults).
fn quiz_run(quiz: &Quiz, args: &[&str], stdin: &str) -> Run {
    let path = quiz.data_dir().join("config.toml");
    run_command(with_config(quiz, &path, args), stdin)
}

/// [`quiz_run`], after the config file was made to say `config`.
fn with(quiz: &Quiz, config: &str, args: &[&str], stdin: &str) -> Run {
    quiz.write("config.toml", config);
    quiz_run(quiz, args, stdin)
}

/// The interval, in whole hours, France got at its latest review.
fn france_hours(quiz: &Quiz) -> i64 {
    quiz.count("SELECT (due - last_review) / 3600000 FROM cards WHERE card = 'fr'")
}

fn log(dir: &Path, quiz: &Quiz) -> String {
    std::fs::read_to_string(log_path(dir, quiz)).expect("device log")
}

#[test]
fn a_change_of_desired_retention_reaches_the_other_devices_and_the_last_writer_holds() {
    let shared = tempfile::tempdir().expect("shared folder");
    let mut a = device("2026-03-01T09:00:00Z");
    let mut b = device("2026-03-01T09:00:00Z");
    let mut c = device("2026-03-01T09:00:00Z");
    let dir = shared.path();

    // The same first answer, at the same instant, with the default and with 0.7.
    quiz_run(&c, &["start", "t"], "Paris\n:q\n").success();
    let default_hours = france_hours(&c);
    with(
        &a,
        "desired_retention = 0.7\n",
        &["start", "t"],
        "Paris\n:q\n",
    )
    .success();
    let low_hours = france_hours(&a);
    assert!(low_hours > default_hours, "{low_hours} <= {default_hours}");

    // A's config file gave a value: it is A's event; B (no config file) takes it.
    with(
        &a,
        "desired_retention = 0.7\n",
        &["sync", path_arg(dir), "--name", "a"],
        "",
    )
    .success();
    assert!(
        log(dir, &a)
            .contains(r#""at":"2026-03-01T09:00:00.000Z","type":"retention","retention":0.7}"#),
        "{}",
        log(dir, &a)
    );
    b.at("2026-03-01T09:30:00Z");
    let run = quiz_run(&b, &["sync", path_arg(dir), "--name", "b"], "");
    run.success();
    assert!(
        run.stdout
            .ends_with("; desired retention now 0.7 (another device's)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
    // France came with A's review; Germany's first answer on B, after the change's
    // instant, gets 0.7's interval, as France's first answer on A did.
    quiz_run(&b, &["start", "t"], "Berlin\n:q\n").success();
    assert_eq!(france_hours(&b), low_hours);
    assert_eq!(
        b.count("SELECT (due - last_review) / 3600000 FROM cards WHERE card = 'de'"),
        low_hours
    );

    // C sets 0.95 later: the last writer holds everywhere, and A's config file, which still
    // says 0.7, is told to count again only once it is changed.
    c.at("2026-03-01T10:00:00Z");
    with(
        &c,
        "desired_retention = 0.95\n",
        &["sync", path_arg(dir), "--name", "c"],
        "",
    )
    .success();
    a.at("2026-03-01T10:05:00Z");
    let run = with(
        &a,
        "desired_retention = 0.7\n",
        &["sync", path_arg(dir), "--name", "a"],
        "",
    );
    run.success();
    assert!(
        run.stdout.contains("desired retention now 0.95"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        "quiz: warning: another device set the desired retention to 0.95; the config file \
         here says 0.7, which counts again once it is changed there\n"
    );
    a.at("2026-03-01T10:10:00Z");
    with(
        &a,
        "desired_retention = 0.7\n",
        &["start", "t"],
        "Berlin\n:q\n",
    )
    .success();
    let germany_high = a.count("SELECT (due - last_review) / 3600000 FROM cards WHERE card = 'de'");

    // A edits its config file: 0.8 is now the last writer, on B too.
    a.at("2026-03-01T11:00:00Z");
    with(
        &a,
        "desired_retention = 0.8\n",
        &["sync", path_arg(dir), "--name", "a"],
        "",
    )
    .success();
    b.at("2026-03-01T11:30:00Z");
    let run = quiz_run(&b, &["sync", path_arg(dir), "--name", "b"], "");
    assert!(
        run.stdout.contains("desired retention now 0.8"),
        "{}",
        run.stdout
    );
    // Italy's first answer on B (its first answer on any device) gets 0.8's interval:
    // longer than the default's, which is longer than 0.95's that Germany got on A.
    quiz_run(&b, &["start", "t"], "Rome\n:q\n").success();
    let italy_b = b.count("SELECT (due - last_review) / 3600000 FROM cards WHERE card = 'it'");
    assert!(
        italy_b > default_hours && default_hours > germany_high,
        "{italy_b}, {default_hours}, {germany_high}"
    );
    // C made the first change it knew of: it said first what it had used since its first
    // review (the default), so that its intervals given before keep theirs.
    assert_eq!(
        b.rows("SELECT at, value FROM sync_events WHERE kind = 'retention' ORDER BY at, value"),
        [
            ["1772355600000", "0.7"],
            ["1772355600000", "0.9"],
            ["1772359200000", "0.95"],
            ["1772362800000", "0.8"]
        ]
    );

    let status = quiz_run(&b, &["sync", "--status"], "");
    status.success();
    assert!(
        status.stdout.ends_with(&format!(
            "desired retention: 0.8 (set by {} at 2026-03-01T11:00:00Z)\n",
            crate::sync::device_id(&a)
        )),
        "{}",
        status.stdout
    );

    // Everyone in: identical reviews and card rows, each replayed with the retention in
    // effect at its own review.
    for (quiz, name) in [(&b, "b"), (&a, "a"), (&c, "c"), (&b, "b")] {
        quiz_run(quiz, &["sync", path_arg(dir), "--name", name], "").success();
    }
    assert_eq!(reviews(&a), reviews(&b));
    assert_eq!(reviews(&c), reviews(&a));
    assert_eq!(cards(&a), cards(&b));
    assert_eq!(cards(&c), cards(&a));
}
