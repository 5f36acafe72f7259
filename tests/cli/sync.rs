//! `quiz sync`: data directories (devices) sharing a folder end with the same reviews and
//! card rows; bad lines, conflict copies, links and a copied data directory are handled;
//! git moves the logs; a session and a sync never run at once on one data directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{capitals_deck, path_arg, question_line, quiz_with, with_config};
use crate::harness::{Quiz, Run, TIMEOUT, spawn, stdout_lines};

/// A device: a data directory with the capitals deck as `t`, its clock at `now`.
pub(crate) fn device(now: &str) -> Quiz {
    let mut quiz = quiz_with(&capitals_deck(3));
    quiz.at(now);
    quiz
}

pub(crate) fn sync(quiz: &Quiz, dir: &Path, name: &str) -> Run {
    quiz.run(&["sync", path_arg(dir), "--name", name], "")
}

pub(crate) fn device_id(quiz: &Quiz) -> String {
    quiz.rows("SELECT value FROM meta WHERE key = 'device_id'")[0][0].clone()
}

/// Reviews as every device must hold them: by event id, without the local row id.
pub(crate) fn reviews(quiz: &Quiz) -> Vec<Vec<String>> {
    quiz.rows(
        "SELECT device, seq, reviewed_at, deck, card, rating, verdict, mode, given_answer, elapsed_ms
         FROM reviews ORDER BY device, seq",
    )
}

pub(crate) fn cards(quiz: &Quiz) -> Vec<Vec<String>> {
    quiz.rows("SELECT * FROM cards ORDER BY deck, card")
}

/// Copies a data directory's database as a user copying the folder would (a copied data
/// directory: the same device id in two places).
pub(crate) fn copy_data_directory(from: &Quiz, to: &Quiz) {
    for file in ["quiz.sqlite3", "quiz.sqlite3-wal", "quiz.sqlite3-shm"] {
        let source = from.data_dir().join(file);
        if source.exists() {
            std::fs::copy(&source, to.data_dir().join(file)).unwrap();
        }
    }
}

pub(crate) fn log_path(dir: &Path, quiz: &Quiz) -> PathBuf {
    dir.join("quiz/devices")
        .join(format!("{}.jsonl", device_id(quiz)))
}

#[test]
fn three_devices_sharing_a_folder_end_with_the_same_reviews_and_card_rows() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    let b = device("2026-03-01T09:30:00Z");
    let c = device("2026-03-02T08:00:00Z");
    // Offline: A answers all three; B overrides a wrong answer to right; C takes one back.
    a.run(&["start", "t"], "Paris\nBerlin\nRome\n").success();
    b.run(&["start", "t"], "Paris\nMunich\n:right\nRome\n")
        .success();
    c.run(&["start", "t"], "Lyon\n:undo\nParis\n:q\n").success();

    let first = sync(&a, shared.path(), "laptop");
    first.success();
    assert_eq!(
        first.stdout,
        format!(
            "synced with {}: wrote 4 events, took in 0 new events from 0 device logs; rescheduled 0 cards\n",
            std::fs::canonicalize(shared.path()).unwrap().display()
        )
    );
    assert_eq!(first.stderr, "");
    for (quiz, name) in [
        (&b, "desktop"),
        (&c, "phone"),
        (&a, "laptop"),
        (&b, "desktop"),
    ] {
        sync(quiz, shared.path(), name).success();
    }
    let all = reviews(&a);
    assert_eq!(all.len(), 3 + 3 + 1, "{all:?}");
    assert_eq!(reviews(&b), all);
    assert_eq!(reviews(&c), all);
    assert_eq!(cards(&b), cards(&a));
    assert_eq!(cards(&c), cards(&a));
    // France was answered on all three: its row replays the three reviews in instant order.
    let france = a.rows("SELECT reps, lapses, last_review FROM cards WHERE card = 'fr'");
    assert_eq!(
        france,
        [[
            "3",
            "0",
            &crate::common::millis("2026-03-02T08:00:00Z").to_string()
        ]]
    );

    // B's log holds its override; C's its undo, which the others applied.
    let b_log = std::fs::read_to_string(log_path(shared.path(), &b)).unwrap();
    let b_id = device_id(&b);
    assert!(
        b_log.contains(&format!(
            r#"{{"v":1,"id":"{b_id}-3","at":"2026-03-01T09:30:00.000Z","type":"override","of":2,"rating":3,"verdict":"overridden-right"}}"#
        )),
        "{b_log}"
    );
    let c_log = std::fs::read_to_string(log_path(shared.path(), &c)).unwrap();
    assert!(c_log.contains(r#""type":"undo","of":1"#), "{c_log}");
    assert_eq!(
        a.count("SELECT COUNT(*) FROM reviews WHERE given_answer = 'Lyon'"),
        0
    );

    let status = a.run(&["sync", "--status"], "");
    status.success();
    let lines: Vec<&str> = status.stdout.lines().collect();
    assert_eq!(lines[0], format!("this device: {} (laptop)", device_id(&a)));
    assert!(
        lines[1].starts_with("last sync: 2026-03-01T09:00:00Z with "),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "devices:");
    assert_eq!(lines.len(), 6, "{}", status.stdout);
    assert!(
        lines.iter().any(|line| line.contains(&format!(
            "{}  phone: 1 review, last event #",
            device_id(&c)
        ))),
        "{}",
        status.stdout
    );

    // Nothing new: nothing written, nothing taken in.
    let again = sync(&c, shared.path(), "phone");
    assert!(
        again
            .stdout
            .contains("wrote 0 events, took in 0 new events from 0 device logs"),
        "{}",
        again.stdout
    );
}

/// A line of a review event of `device`, number `seq`, of card `card`.
fn review_line(device: &str, seq: u32, card: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{device}-{seq}","at":"2026-02-27T10:00:00.000Z","type":"review","deck":"t","card":"{card}","rating":3,"verdict":"right","mode":"review","duration_ms":900,"answer":"x"}}"#
    )
}

const PEER: &str = "1111111111111111";

#[test]
fn a_bad_line_is_reported_with_its_file_and_line_and_skipped_and_a_cut_line_waits() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    a.run(&["start", "t"], "Paris\n").success();
    sync(&a, shared.path(), "a").success();
    let own = device_id(&a);
    let log = shared
        .path()
        .join("quiz/devices")
        .join(format!("{PEER}.jsonl"));
    let last = review_line(PEER, 4, "it");
    let (cut, rest) = last.split_at(40);
    // An undo in this log cannot name another device's review.
    let undo =
        format!(r#"{{"v":1,"id":"{own}-9","at":"2026-03-01T09:00:00Z","type":"undo","of":1}}"#);
    let text = format!(
        "{}\nnot json \u{1b}[2J\n{}\n{undo}\n{cut}",
        review_line(PEER, 1, "fr"),
        review_line("2222222222222222", 2, "de"),
    );
    std::fs::write(&log, text).unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    let shown = std::fs::canonicalize(&log).unwrap();
    let shown = shown.display();
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    assert!(
        warnings[0].starts_with(&format!(
            "quiz: warning: {shown}:2: skipped a line: not an event: "
        )),
        "{}",
        warnings[0]
    );
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert_eq!(
        warnings[1],
        format!(
            "quiz: warning: {shown}:3: skipped a line: the event belongs to another device's log"
        )
    );
    assert_eq!(
        warnings[2],
        format!(
            "quiz: warning: {shown}:4: skipped a line: the event belongs to another device's log"
        )
    );
    assert!(
        run.stdout
            .contains("took in 1 new event from 1 device log (1 review)"),
        "{}",
        run.stdout
    );
    assert_eq!(a.count("SELECT COUNT(*) FROM reviews"), 2);
    assert_eq!(
        a.count(&format!(
            "SELECT COUNT(*) FROM reviews WHERE device = '{own}'"
        )),
        1
    );

    // The copy in flight arrives whole: the next sync reads only what is new.
    let mut file = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    std::io::Write::write_all(&mut file, format!("{rest}\n").as_bytes()).unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    assert_eq!(run.stderr, "", "the bad lines are not read twice");
    assert!(
        run.stdout
            .contains("took in 1 new event from 1 device log (1 review)"),
        "{}",
        run.stdout
    );
    assert_eq!(a.count("SELECT COUNT(*) FROM reviews"), 3);
}

#[test]
fn conflict_copies_are_more_copies_of_their_log_and_a_replaced_log_is_read_again() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    let devices = shared.path().join("quiz/devices");
    std::fs::create_dir_all(&devices).unwrap();
    let lines = |seqs: &[(u32, &str)]| -> String {
        seqs.iter()
            .map(|(seq, card)| review_line(PEER, *seq, card) + "\n")
            .collect()
    };
    std::fs::write(
        devices.join(format!("{PEER}.jsonl")),
        lines(&[(1, "fr"), (2, "de")]),
    )
    .unwrap();
    std::fs::write(
        devices.join(format!(
            "{PEER}.sync-conflict-20260301-090000-ABCDEFG.jsonl"
        )),
        lines(&[(1, "fr"), (3, "it")]),
    )
    .unwrap();
    std::fs::write(
        devices.join(format!("{PEER} (Ann's conflicted copy 2026-03-01).jsonl")),
        lines(&[(2, "de"), (4, "es")]),
    )
    .unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    assert!(
        run.stdout
            .contains("took in 4 new events from 3 device logs (4 reviews)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        a.rows("SELECT seq, card FROM reviews ORDER BY seq"),
        [["1", "fr"], ["2", "de"], ["3", "it"], ["4", "es"]]
    );
    // The sync engine replaces the log with another copy: it is read again from its start,
    // and what was taken in already is not taken in twice.
    std::fs::write(
        devices.join(format!("{PEER}.jsonl")),
        lines(&[(1, "fr"), (2, "de"), (5, "pt")]),
    )
    .unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    assert!(
        run.stdout
            .contains("took in 1 new event from 1 device log (1 review)"),
        "{}",
        run.stdout
    );
    assert_eq!(a.count("SELECT COUNT(*) FROM reviews"), 5);
}

#[cfg(unix)]
#[test]
fn a_link_in_the_folder_is_not_followed() {
    let shared = tempfile::tempdir().expect("shared folder");
    let outside = tempfile::tempdir().expect("outside");
    let a = device("2026-03-01T09:00:00Z");
    let devices = shared.path().join("quiz/devices");
    std::fs::create_dir_all(&devices).unwrap();
    let secret = outside.path().join("log.jsonl");
    std::fs::write(&secret, review_line(PEER, 1, "fr") + "\n").unwrap();
    std::os::unix::fs::symlink(&secret, devices.join(format!("{PEER}.jsonl"))).unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "quiz: warning: skipped {PEER}.jsonl: not a regular file (quiz follows no links out of the sync folder)\n"
        )
    );
    assert_eq!(a.count("SELECT COUNT(*) FROM reviews"), 0);

    // A link planted in this device's own place is replaced, its target left alone.
    let own = log_path(shared.path(), &a);
    std::fs::remove_file(&own).unwrap();
    std::os::unix::fs::symlink(&secret, &own).unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    assert!(
        run.stderr
            .contains("this device's log was not a regular file"),
        "{}",
        run.stderr
    );
    assert!(std::fs::symlink_metadata(&own).unwrap().is_file());
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        review_line(PEER, 1, "fr") + "\n"
    );

    // A devices folder that is a link out of the folder is refused whole.
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let linked = elsewhere.path().join("share");
    std::fs::create_dir_all(linked.join("quiz")).unwrap();
    std::os::unix::fs::symlink(outside.path(), linked.join("quiz/devices")).unwrap();
    let run = sync(&a, &linked, "a");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("quiz follows no links out of the sync folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_copied_data_directory_is_given_a_new_id_and_both_keep_every_review() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    a.run(&["start", "t"], "Paris\n").success();
    sync(&a, shared.path(), "a").success();
    let copy = device("2026-03-01T11:00:00Z");
    copy_data_directory(&a, &copy);
    let old = device_id(&a);
    assert_eq!(device_id(&copy), old);
    // Both study on; the original syncs first.
    a.run(&["start", "t"], "Berlin\n").success();
    copy.run(&["start", "t"], "Rome\n").success();
    sync(&a, shared.path(), "a").success();
    let run = sync(&copy, shared.path(), "copy");
    run.success();
    let new = device_id(&copy);
    assert_ne!(new, old);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: warning: another data directory uses this device's id {old} (a copy of this one?): this one is device {new} from now on, and reads {old} as another device\n"
        )
    );
    sync(&a, shared.path(), "a").success();
    assert_eq!(reviews(&a), reviews(&copy));
    assert_eq!(cards(&a), cards(&copy));
    assert_eq!(
        a.rows("SELECT given_answer FROM reviews ORDER BY reviewed_at"),
        [["Paris"], ["Berlin"], ["Rome"]]
    );
}

#[test]
fn a_sync_folder_holding_the_data_directory_is_refused() {
    let a = device("2026-03-01T09:00:00Z");
    a.run(&["start", "t"], "Paris\n").success();
    let run = a.run(&["sync", path_arg(a.data_dir())], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("overlap: the progress database must never be synced as a file"),
        "{}",
        run.stderr
    );
    let missing = a.data_dir().join("nowhere");
    let run = a.run(&["sync", path_arg(&missing)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("quiz: error: the sync folder "),
        "{}",
        run.stderr
    );
    let run = a.run(&["sync"], "");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no sync folder"), "{}", run.stderr);
}

#[test]
fn with_sync_dir_set_a_session_syncs_at_its_start_and_end() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    let b = device("2026-03-01T10:00:00Z");
    let config_text = format!("sync_dir = {:?}\n", path_arg(shared.path()));
    let config_a = a.write("config.toml", &config_text);
    let config_b = b.write("config.toml", &config_text);
    let run = crate::harness::run_command(with_config(&a, &config_a, &["start", "t"]), "Paris\n");
    run.success();
    assert!(log_path(shared.path(), &a).exists());
    // B's session starts with A's review in: France is not new on B any more.
    let run = crate::harness::run_command(with_config(&b, &config_b, &["start", "t"]), "Berlin\n");
    run.success();
    assert!(
        run.stderr
            .contains("took in 2 new events from 1 device log (1 review)"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("Capital of France?"), "{}", run.stdout);
    sync(&a, shared.path(), "a").success();
    assert_eq!(reviews(&a), reviews(&b));
    assert_eq!(cards(&a), cards(&b));
}

#[test]
fn a_sync_waits_for_no_session_it_is_refused_while_one_runs() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    let mut session = spawn(a.command(&["start", "t"]));
    let lines = stdout_lines(&mut session);
    let line = lines.recv_timeout(TIMEOUT).expect("first question");
    assert!(question_line(&line).is_some(), "{line}");
    let run = sync(&a, shared.path(), "a");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("quiz: error: another quiz is studying"),
        "{}",
        run.stderr
    );
    assert!(!shared.path().join("quiz").exists());
    drop(session.stdin.take());
    assert_eq!(session.wait().expect("wait").code(), Some(0));
    sync(&a, shared.path(), "a").success();
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn git_carries_the_logs_through_a_bare_repository_and_two_clones() {
    let root = tempfile::tempdir().expect("git root");
    let bare = root.path().join("remote.git");
    git(root.path(), &["init", "--quiet", "--bare", "remote.git"]);
    git(root.path(), &["clone", "--quiet", path_arg(&bare), "one"]);
    let (one, two) = (root.path().join("one"), root.path().join("two"));
    // The remote needs a first commit for the second clone to track.
    std::fs::write(one.join("README"), "progress\n").unwrap();
    git(&one, &["add", "README"]);
    git(
        &one,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "--quiet",
            "-m",
            "start",
        ],
    );
    git(&one, &["push", "--quiet", "-u", "origin", "HEAD"]);
    git(root.path(), &["clone", "--quiet", path_arg(&bare), "two"]);

    let a = device("2026-03-01T09:00:00Z");
    let b = device("2026-03-01T10:00:00Z");
    a.run(&["start", "t"], "Paris\n").success();
    b.run(&["start", "t"], "Berlin\n").success();
    let run = sync(&a, &one, "a");
    assert_eq!(run.stderr, "", "{}", run.stdout);
    let run = sync(&b, &two, "b");
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("(1 review)"), "{}", run.stdout);
    let run = sync(&a, &one, "a");
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("(1 review)"), "{}", run.stdout);
    assert_eq!(reviews(&a), reviews(&b));
    assert_eq!(cards(&a), cards(&b));
    let log = Command::new("git")
        .arg("-C")
        .arg(&bare)
        .args(["log", "--format=%s", "--all"])
        .output()
        .expect("git log");
    let subjects = String::from_utf8_lossy(&log.stdout).into_owned();
    assert_eq!(
        subjects
            .lines()
            .filter(|s| s.starts_with("quiz sync: device "))
            .count(),
        2,
        "{subjects}"
    );

    // No remote any more: the sync says so and the local state is still right.
    std::fs::rename(&bare, root.path().join("gone.git")).unwrap();
    b.run(&["start", "t"], "Rome\n").success();
    let run = sync(&b, &two, "b");
    run.success();
    assert!(
        run.stderr.contains("quiz: warning: git pull failed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("quiz: warning: git push failed"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("wrote 1 event"), "{}", run.stdout);
}

#[test]
fn a_suspension_and_its_restoration_travel_and_the_latest_wins() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    let b = device("2026-03-01T10:00:00Z");
    // A suspends Germany; B, offline, suspends Italy.
    a.run(&["start", "t"], "Paris\n:suspend\n").success();
    b.run(&["start", "t"], "Paris\nBerlin\n:suspend\n")
        .success();
    for quiz in [&a, &b, &a] {
        sync(quiz, shared.path(), "x").success();
    }
    let suspended =
        |quiz: &Quiz| quiz.rows("SELECT deck, card, suspended_at FROM suspended ORDER BY card");
    assert_eq!(suspended(&a), suspended(&b));
    assert_eq!(
        suspended(&a),
        [
            [
                "t",
                "de",
                &crate::common::millis("2026-03-01T09:00:00Z").to_string()
            ],
            [
                "t",
                "it",
                &crate::common::millis("2026-03-01T10:00:00Z").to_string()
            ],
        ]
    );
    // B restores Germany later: after the syncs, A asks it again.
    b.run(&["suspended", "t", "--restore", "de"], "").success();
    sync(&b, shared.path(), "x").success();
    sync(&a, shared.path(), "x").success();
    assert_eq!(
        suspended(&a),
        [[
            "t",
            "it",
            &crate::common::millis("2026-03-01T10:00:00Z").to_string()
        ]]
    );
    assert_eq!(suspended(&a), suspended(&b));
    assert_eq!(reviews(&a), reviews(&b));
    assert_eq!(cards(&a), cards(&b));
}

#[test]
fn a_conflict_copy_of_this_devices_own_log_with_foreign_events_is_reported() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z");
    a.run(&["start", "t"], "Paris\n").success();
    sync(&a, shared.path(), "a").success();
    let own = device_id(&a);
    let log = log_path(shared.path(), &a);
    let mut copy = std::fs::read_to_string(&log).unwrap();
    copy.push_str(&review_line(&own, 7, "de"));
    copy.push('\n');
    let conflict = shared
        .path()
        .join("quiz/devices")
        .join(format!("{own}.sync-conflict-20260301-100000-ABCDEFG.jsonl"));
    std::fs::write(&conflict, copy).unwrap();
    let run = sync(&a, shared.path(), "a");
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "quiz: warning: {} holds 1 event under this device's id that this data directory never wrote: another data directory (a copy of this one?) wrote to this device's log at the same time; they were not taken in here: that copy sends them again under a new id of its own\n",
            std::fs::canonicalize(&conflict).unwrap().display()
        )
    );
    assert_eq!(a.count("SELECT COUNT(*) FROM reviews"), 1);
    // Told once: the copy has not changed since.
    assert_eq!(sync(&a, shared.path(), "a").stderr, "");
}
