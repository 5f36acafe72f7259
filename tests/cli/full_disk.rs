//! Issue 17, point 5: a session on a disk that fills up stops with a clear message and the
//! summary of what was saved, exit 1, and loses no answer it gave a verdict for. The "full
//! disk" is a file-size limit (`ulimit -f`, with SIGXFSZ ignored so the write fails instead
//! of killing quiz): SQLite's writes to its log then fail part-way, as on a full disk.

use std::process::Command;

use crate::common::{capitals_deck, quiz_with};
use crate::harness::{Quiz, run_command};

/// `quiz ARGS` under a file-size limit of `kib` KiB for every file it writes.
fn with_file_size_limit(quiz: &Quiz, args: &[&str], kib: u32) -> Command {
    let inner = quiz.command(args);
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\""))
        .arg(inner.get_program())
        .args(inner.get_args());
    for (key, value) in inner.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    command
}

#[test]
fn a_full_disk_stops_the_session_with_what_was_saved() {
    let quiz = quiz_with(&capitals_deck(6));
    // The database and the deck index exist before the disk fills.
    quiz.run(&["start", "t"], ":q\n").success();

    let answers = "Paris\nBerlin\nRome\nMadrid\nLisbon\nVienna\n";
    let run = run_command(with_file_size_limit(&quiz, &["start", "t"], 100), answers);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "quiz: error: the session stopped; every answer with a verdict above is saved: \
             could not save the answer"
        ),
        "{}",
        run.stderr
    );
    let shown = run.verdicts().len();
    assert!(shown < 6, "the limit must stop the session: {}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "session: {shown} asked, {shown} right, 0 close, 0 wrong"
        )),
        "{}",
        run.stdout
    );
    // Every answer shown with a verdict is in the log, and the file is sound.
    let saved = quiz.rows("SELECT COUNT(*) FROM reviews");
    assert_eq!(saved, [[shown.to_string()]], "{}", run.stdout);
    let integrity = quiz.rows("PRAGMA integrity_check");
    assert_eq!(integrity, [["ok"]]);

    // With room again, the rest of the cards are asked and the session ends cleanly.
    // (New cards come in file order, so the answers left are the last ones.)
    let left: String = answers
        .lines()
        .skip(shown)
        .map(|a| format!("{a}\n"))
        .collect();
    let rest = quiz.run(&["start", "t"], &left);
    rest.success();
    assert_eq!(rest.verdicts(), vec!["right"; 6 - shown], "{}", rest.stdout);
}
