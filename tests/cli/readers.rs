//! Readers (`decks`, `stats`, `history export`, `missed --leeches`, `export`) take no lock,
//! so they work while a session runs; on a read-only data directory they read it without
//! writing; on a missing one they create nothing.
//!
//! A read-only data directory is the folder at 555 and its files at 444. Root is not bound
//! by permissions, so when the tests run as root quiz runs as `nobody` there (a bind mount
//! or `chattr +i` would need more than a test may ask of the machine).

use std::io::Write as _;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{capitals_deck, path_arg, question_line, with_capitals_history, with_config};
use crate::harness::{Quiz, Run, TIMEOUT, is_verdict, run_command, spawn, stdout_lines};

/// The id `nobody` has on Linux.
const NOBODY: u32 = 65534;

/// The data directory of `quiz`, read-only for the quiz runs of a test until dropped.
struct ReadOnly<'a> {
    quiz: &'a Quiz,
    as_nobody: bool,
}

impl<'a> ReadOnly<'a> {
    fn new(quiz: &'a Quiz) -> ReadOnly<'a> {
        let as_nobody = std::fs::metadata(quiz.data_dir()).expect("data dir").uid() == 0;
        set_modes(quiz.data_dir(), 0o555, 0o444);
        ReadOnly { quiz, as_nobody }
    }

    fn command(&self, args: &[&str]) -> Command {
        self.as_user(self.quiz.command(args))
    }

    fn as_user(&self, mut command: Command) -> Command {
        if self.as_nobody {
            command.uid(NOBODY).gid(NOBODY);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        run_command(self.command(args), "")
    }
}

impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        // So that the temporary directory can be removed.
        set_modes(self.quiz.data_dir(), 0o755, 0o644);
    }
}

/// Sets `dir` and the folders under it to `folders`, the files in them to `files`.
fn set_modes(dir: &Path, folders: u32, files: u32) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            set_modes(&path, folders, files);
        } else {
            set_mode(&path, files);
        }
    }
    set_mode(dir, folders);
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Every file under `dir` with its contents, to show that nothing was written.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            let bytes = std::fs::read(&path).expect("read");
            files.push((path, bytes));
        }
    }
    files.sort();
    files
}

/// The capitals history (`caps`, where `fr` has lapsed once) with a config that makes one
/// lapse a leech.
fn with_a_leech() -> (Quiz, PathBuf) {
    let quiz = with_capitals_history();
    let config = quiz.write("config.toml", "leech_threshold = 1\n");
    (quiz, config)
}

const LEECHES: &str = "\
+------+------+--------+---------+--------------------+
| deck | card | lapses | reviews | question           |
+=====================================================+
| caps | fr   |      1 |       4 | Capital of France? |
+------+------+--------+---------+--------------------+
";

/// What the readers print, each as (args, stdout).
fn read_everything(run: impl Fn(&[&str]) -> Run) -> Vec<(String, String)> {
    let commands: [&[&str]; 6] = [
        &["decks"],
        &["stats"],
        &["stats", "--json", "caps"],
        &["history", "export"],
        &["missed", "--leeches"],
        &["export", "caps"],
    ];
    commands
        .iter()
        .map(|args| {
            let run = run(args);
            run.success();
            assert_eq!(run.stderr, "", "{args:?}");
            (args.join(" "), run.stdout)
        })
        .collect()
}

#[test]
fn readers_work_while_a_session_holds_the_lock() {
    let (quiz, config) = with_a_leech();
    let mut session = spawn(with_config(&quiz, &config, &["start", "caps"]));
    let lines = stdout_lines(&mut session);
    let line = lines.recv_timeout(TIMEOUT).expect("first question");
    assert!(question_line(&line).is_some(), "{line}");

    let leeches = run_command(with_config(&quiz, &config, &["missed", "--leeches"]), "");
    assert_eq!(
        (
            leeches.code,
            leeches.stdout.as_str(),
            leeches.stderr.as_str()
        ),
        (0, LEECHES, "")
    );
    let read = read_everything(|args| run_command(with_config(&quiz, &config, args), ""));
    assert_eq!(read[4].1, LEECHES);
    assert_eq!(read[3].1.lines().count(), 11, "{}", read[3].1);
    // The lock is still held: a second session is refused.
    let second = quiz.run(&["start", "caps"], "");
    assert_eq!(second.code, 1);
    assert!(
        second
            .stderr
            .starts_with("quiz: error: another quiz is studying"),
        "{}",
        second.stderr
    );

    drop(session.stdin.take());
    assert_eq!(session.wait().expect("wait").code(), Some(0));
}

#[test]
fn readers_read_a_read_only_data_dir_as_they_read_a_writable_one() {
    let (quiz, config) = with_a_leech();
    let writable = read_everything(|args| run_command(with_config(&quiz, &config, args), ""));
    let before = snapshot(quiz.data_dir());

    let read_only = ReadOnly::new(&quiz);
    let read = read_everything(|args| {
        run_command(read_only.as_user(with_config(&quiz, &config, args)), "")
    });
    assert_eq!(read, writable);
    drop(read_only);
    assert_eq!(snapshot(quiz.data_dir()), before, "nothing written");
}

#[test]
fn a_deck_edited_since_it_was_indexed_is_read_again_on_a_read_only_data_dir() {
    let quiz = with_capitals_history();
    quiz.run(&["decks"], "").success();
    // Six cards where the index holds four; the file's new size tells quiz it changed.
    quiz.write("decks/caps.toml", &capitals_deck(6));
    let writable = quiz.run(&["decks"], "");
    quiz.write("decks/caps.toml", &capitals_deck(4));
    quiz.run(&["decks"], "").success();
    quiz.write("decks/caps.toml", &capitals_deck(6));
    let before = snapshot(quiz.data_dir());

    let read_only = ReadOnly::new(&quiz);
    let run = read_only.run(&["decks"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, writable.stdout);
    assert!(
        run.stdout.contains("| caps          | Capitals"),
        "{}",
        run.stdout
    );
    let stats = read_only.run(&["stats", "--json", "caps"]);
    stats.success();
    assert!(stats.stdout.contains("\"cards\": 6"), "{}", stats.stdout);
    drop(read_only);
    assert_eq!(snapshot(quiz.data_dir()), before, "nothing written");
}

#[test]
fn a_writer_on_a_read_only_data_dir_says_the_folder_is_read_only() {
    let quiz = with_capitals_history();
    let before = snapshot(quiz.data_dir());
    let read_only = ReadOnly::new(&quiz);
    let run = read_only.run(&["start", "caps"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: the data directory {} is read-only: quiz cannot save progress there \
             (`quiz decks`, `quiz stats` and `quiz history export` still read it)\n",
            quiz.data_dir().display()
        )
    );
    drop(read_only);
    assert_eq!(snapshot(quiz.data_dir()), before);
}

#[test]
fn a_writer_on_a_read_only_database_in_a_writable_folder_says_so_and_readers_read_it() {
    let quiz = with_capitals_history();
    let read_only = ReadOnly::new(&quiz);
    // The folder writable by whoever runs quiz, the lock file too; the database not.
    set_mode(quiz.data_dir(), 0o777);
    set_mode(&quiz.data_dir().join("quiz.lock"), 0o666);
    let run = read_only.run(&["start", "caps"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: the progress database {} is read-only, or its folder is: quiz cannot \
             save progress there\n",
            quiz.db_path().display()
        )
    );
    let run = read_only.run(&["history", "export"]);
    run.success();
    assert_eq!(run.stdout.lines().count(), 1 + 10, "{}", run.stdout);
}

#[test]
fn a_read_only_database_of_an_older_schema_is_not_migrated_but_refused() {
    let quiz = with_capitals_history();
    // A real schema-2 file: without what migrations 3 to 8 made (a version that disagrees
    // with the tables is a damaged file, issue 17).
    let db = quiz.db();
    db.execute_batch(
        "DROP TABLE cards_due_days; DROP TRIGGER cards_due_days_insert;
         DROP TRIGGER cards_due_days_delete; DROP TRIGGER cards_due_days_update;
         DROP INDEX cards_unplaced;
         DROP TABLE sync_events; DROP TABLE sync_files; DROP TABLE sync_replay;
         DROP INDEX reviews_by_event;
         ALTER TABLE reviews DROP COLUMN device; ALTER TABLE reviews DROP COLUMN seq;
         DROP TRIGGER cards_position; DROP INDEX cards_by_deck_lapses;
         DROP TABLE suspended; DROP TABLE learner_accepts;
         DROP TRIGGER deck_cards_reviewed; DROP TRIGGER deck_cards_unreviewed;
         DROP INDEX cards_by_deck_due; DROP INDEX cards_by_deck_first_review;
         DROP TABLE deck_cards; DROP TABLE deck_files;",
    )
    .expect("back to schema 2");
    db.pragma_update(None, "user_version", 2)
        .expect("user_version");
    drop(db);
    let read_only = ReadOnly::new(&quiz);
    let run = read_only.run(&["decks"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: the progress database {} is read-only and was written by an older \
             quiz (schema 2, this quiz reads 8): run quiz once where it can be written, which \
             brings it up to date\n",
            quiz.db_path().display()
        )
    );
}

#[test]
fn a_killed_session_on_a_read_only_copy_is_read_from_its_log_or_refused_without_it() {
    let quiz = with_capitals_history();
    let mut session = spawn(quiz.command(&["start", "caps", "--plain"]));
    let lines = stdout_lines(&mut session);
    let mut stdin = session.stdin.take().expect("stdin");
    let mut verdicts = 0;
    // A verdict is shown once its answer is saved.
    while verdicts < 2 {
        let line = lines.recv_timeout(TIMEOUT).expect("line");
        if question_line(&line).is_some() {
            writeln!(stdin, "no idea").expect("answer");
        }
        if is_verdict(&line) {
            verdicts += 1;
        }
    }
    session.kill().expect("kill");
    session.wait().expect("wait");
    drop(stdin);
    let log = {
        let mut path = quiz.db_path().into_os_string();
        path.push("-wal");
        PathBuf::from(path)
    };
    assert!(std::fs::metadata(&log).expect("-wal").len() > 0);

    let read_only = ReadOnly::new(&quiz);
    let run = read_only.run(&["history", "export"]);
    run.success();
    assert_eq!(run.stdout.lines().count(), 1 + 10 + 2, "{}", run.stdout);

    // Without the `-shm` file the log cannot be read from a read-only folder.
    drop(read_only);
    let mut shm = quiz.db_path().into_os_string();
    shm.push("-shm");
    std::fs::remove_file(shm).expect("remove -shm");
    let read_only = ReadOnly::new(&quiz);
    let run = read_only.run(&["history", "export"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: the progress database {} is read-only and its last answers are still \
             in {}, which quiz cannot read without writing to the folder: run quiz once where \
             the folder can be written\n",
            quiz.db_path().display(),
            log.display()
        )
    );
}

#[test]
fn readers_create_no_data_directory() {
    let quiz = Quiz::new();
    let missing = quiz.data_dir().join("new");
    let run = |args: &[&str]| {
        let mut full = vec!["--data-dir", path_arg(&missing)];
        full.extend_from_slice(args);
        let run = quiz.run(&full, "");
        run.success();
        assert_eq!(run.stderr, "", "{args:?}");
        run.stdout
    };
    let decks = run(&["decks"]);
    assert!(
        decks.contains("| secret-speech | Khrushchev's Secret Speech (1956) | bundled |    53 |  53 |       0 |          0 |       0 |"),
        "{decks}"
    );
    assert_eq!(
        run(&["history", "export"]),
        "card_id,review_time,review_rating,review_duration,deck,card,verdict,mode\n"
    );
    assert_eq!(
        run(&["missed", "--leeches"]),
        "No leeches: no card has been missed 8 times.\n"
    );
    run(&["stats"]);
    run(&["export", "secret-speech"]);
    assert!(!missing.exists(), "{} was created", missing.display());
}
