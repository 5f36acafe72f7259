//! A `decks/` folder inside the sync folder is a user decks folder too, so decks travel
//! with the progress: a deck written there on one device is listed, checked, studied and
//! counted on another after its sync; what is there is untrusted (links are refused, names
//! printed escaped).

use crate::common::{capitals_deck, decks_row, path_arg, with_config};
use crate::harness::{Quiz, Run, run_command};

/// A device whose config file sets `sync_dir` to `shared`.
fn device(now: &str, shared: &std::path::Path) -> Quiz {
    let mut quiz = Quiz::new();
    quiz.at(now);
    quiz.write(
        "config.toml",
        &format!("sync_dir = {:?}\n", path_arg(shared)),
    );
    quiz
}

fn run(quiz: &Quiz, args: &[&str], stdin: &str) -> Run {
    let config = quiz.data_dir().join("config.toml");
    run_command(with_config(quiz, &config, args), stdin)
}

#[test]
fn a_deck_in_the_sync_folder_written_on_one_device_is_studied_on_another() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z", shared.path());
    let b = device("2026-03-01T10:00:00Z", shared.path());
    let decks = shared.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(decks.join("geo.toml"), capitals_deck(3)).unwrap();

    let check = run(&a, &["check"], "");
    check.success();
    assert_eq!(
        check.stdout,
        format!(
            "{}: ok (3 cards)\n0 errors, 0 warnings\n",
            decks.join("geo.toml").display()
        )
    );
    let session = run(&a, &["start", "geo"], "Paris\n:q\n");
    session.success();
    assert_eq!(session.verdicts(), ["right"]);

    // B never had the file: it comes with the folder, and A's review with the logs.
    let listed = run(&b, &["decks"], "");
    listed.success();
    assert_eq!(
        decks_row(&listed, "geo"),
        [
            "geo",
            "Capitals",
            "user folder",
            "3",
            "3",
            "0",
            "0",
            "0",
            "0"
        ]
    );
    let session = run(&b, &["start", "geo"], "Berlin\nRome\n");
    session.success();
    assert!(
        session.stderr.contains("took in"),
        "B's session starts with A's review: {}",
        session.stderr
    );
    assert_eq!(session.verdicts(), ["right", "right"]);
    assert!(
        !session.stdout.contains("Capital of France?"),
        "{}",
        session.stdout
    );
    let listed = run(&b, &["decks"], "");
    assert_eq!(
        decks_row(&listed, "geo"),
        [
            "geo",
            "Capitals",
            "user folder",
            "3",
            "0",
            "0",
            "3",
            "0",
            "0"
        ]
    );
    let stats = run(&b, &["stats", "geo", "--json"], "");
    stats.success();
    assert!(stats.stdout.contains("\"geo\""), "{}", stats.stdout);
    assert_eq!(
        b.count("SELECT COUNT(*) FROM reviews WHERE deck = 'geo'"),
        3
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_the_sync_folders_decks_is_refused_and_names_are_escaped() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z", shared.path());
    let secret = a.write("secret.toml", &capitals_deck(1));
    let decks = shared.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::os::unix::fs::symlink(&secret, decks.join("stolen.toml")).unwrap();
    std::fs::write(decks.join("bad\u{1b}[2J.toml"), "title = \n").unwrap();

    let check = run(&a, &["check"], "");
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check
            .stdout
            .contains("could not read this deck: this file is a link, and quiz follows no links out of the sync folder"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("bad\\e[2J.toml"), "{}", check.stdout);
    assert!(!check.stdout.contains('\u{1b}'), "{}", check.stdout);
    let session = run(&a, &["start", "stolen"], "");
    assert_ne!(session.code, 0);
    assert!(
        !session.stdout.contains("Capital of France?"),
        "{}",
        session.stdout
    );
}

#[test]
fn a_config_file_that_cannot_be_read_leaves_the_synced_decks_out_of_check_and_says_so() {
    let shared = tempfile::tempdir().expect("shared folder");
    let a = device("2026-03-01T09:00:00Z", shared.path());
    let decks = shared.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(decks.join("synced.toml"), capitals_deck(1)).unwrap();
    a.write("decks/own.toml", &capitals_deck(2));
    let config = a.write(
        "config.toml",
        &format!(
            "sync_dir = {:?}\nleech_threshold = \"many\"\n",
            path_arg(shared.path())
        ),
    );

    let check = run(&a, &["check"], "");
    assert_eq!(check.code, 0, "{}", check.stderr);
    let dir = path_arg(a.data_dir());
    assert_eq!(
        check.stdout,
        format!("{dir}/decks/own.toml: ok (2 cards)\n0 errors, 0 warnings\n")
    );
    let config = path_arg(&config);
    assert!(
        check.stderr.starts_with(
            "quiz: warning: the decks of the sync folder are left out: bad config file\n\
             error[C001]: `leech_threshold` "
        ) && check.stderr.contains(&format!(" --> {config}:2:19\n")),
        "{}",
        check.stderr
    );
}
