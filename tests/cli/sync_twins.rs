//! Two copies of one data directory (the same device id) that wrote at the same time: the
//! sync engine keeps one's log and makes the other's a conflict copy. The copy whose log
//! was not kept takes a new id and sends its events again under it; everyone reads the
//! conflict copy only up to where it differs; no review is lost or doubled.

use std::path::Path;

use crate::sync::{cards, copy_data_directory, device, device_id, log_path, reviews, sync};

/// What a sync engine does with a folder: `to` becomes a copy of `from`'s device logs.
fn replicate(from: &Path, to: &Path) {
    let (from, to) = (from.join("quiz/devices"), to.join("quiz/devices"));
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&to).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn copies_of_one_data_directory_writing_at_once_end_with_every_review_once() {
    let here = tempfile::tempdir().expect("the original's folder");
    let there = tempfile::tempdir().expect("the copy's folder");
    let a = device("2026-03-01T09:00:00Z");
    a.run(&["start", "t"], "Paris\n").success();
    sync(&a, here.path(), "a").success();
    replicate(here.path(), there.path());
    let copy = device("2026-03-01T11:00:00Z");
    copy_data_directory(&a, &copy);
    let old = device_id(&a);
    assert_eq!(device_id(&copy), old);

    // Both study and sync before the engine has moved anything: both append to the log of
    // the same id, each in its own copy of the folder.
    a.run(&["start", "t"], "Berlin\n").success();
    copy.run(&["start", "t"], "Rome\n").success();
    sync(&a, here.path(), "a").success();
    sync(&copy, there.path(), "copy").success();
    // The engine keeps the original's log and makes the copy's a conflict copy, everywhere.
    let conflict_name = format!("{old}.sync-conflict-20260301-110000-ABCDEFG.jsonl");
    std::fs::copy(
        log_path(there.path(), &copy),
        here.path().join("quiz/devices").join(&conflict_name),
    )
    .unwrap();
    replicate(here.path(), there.path());

    // The copy finds its log holding the original's events: it takes a new id, takes the
    // original's review in, and leaves its own old lines in the conflict copy alone.
    let run = sync(&copy, there.path(), "copy");
    run.success();
    let new = device_id(&copy);
    assert_ne!(new, old);
    let conflict = std::fs::canonicalize(there.path())
        .unwrap()
        .join("quiz/devices")
        .join(&conflict_name);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: warning: another data directory uses this device's id {old} (a copy of this \
             one?): this one is device {new} from now on, and reads {old} as another device\n\
             quiz: warning: {}: from event {old}-3 on, this copy differs from the events of \
             device {old} taken in under the same ids: another data directory (a copy of that \
             one) wrote under its id at the same time; its 2 events were left out (that copy \
             takes a new id and sends them again)\n",
            conflict.display()
        )
    );
    replicate(there.path(), here.path());

    // The original keeps its id, is told about the conflict copy, and takes the copy's
    // review in under its new id.
    let run = sync(&a, here.path(), "a");
    run.success();
    assert_eq!(device_id(&a), old);
    assert!(
        run.stderr.contains(&format!(
            "{conflict_name} holds 2 events under this device's id that this data directory \
             never wrote"
        )),
        "{}",
        run.stderr
    );
    replicate(here.path(), there.path());
    sync(&copy, there.path(), "copy").success();

    // A third device reads it all for the first time.
    let b = device("2026-03-01T12:00:00Z");
    sync(&b, here.path(), "b").success();
    assert_eq!(reviews(&copy), reviews(&a));
    assert_eq!(cards(&copy), cards(&a));
    assert_eq!(reviews(&b), reviews(&a));
    // B never opened the deck: its rows have no place in the deck's order yet.
    let schedule = "SELECT deck, card, stability, difficulty, due, last_review, reps, lapses \
                    FROM cards ORDER BY deck, card";
    assert_eq!(b.rows(schedule), a.rows(schedule));
    assert_eq!(
        a.rows("SELECT given_answer FROM reviews ORDER BY reviewed_at"),
        [["Paris"], ["Berlin"], ["Rome"]]
    );
}
