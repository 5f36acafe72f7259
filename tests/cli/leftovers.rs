//! Issue 17, point 4: a killed writer leaves no temporary file for good (a new file is filled
//! nameless on Linux; a replaced deck's leftovers are removed by the next write of it), and
//! two writers of one deck (`quiz add` while `check --fix` runs) do not revert each other.

use std::path::Path;
use std::time::Duration;

use crate::common::{NOW, path_arg};
use crate::harness::{Live, Quiz, spawn};

/// Names in `folder` that are a temporary file of quiz's (`.NAME.XXXXXX.tmp`).
fn temporary_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

/// xorshift: the same kill delays on every run.
fn delays(count: usize, max_ms: u64) -> Vec<u64> {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % max_ms
        })
        .collect()
}

#[test]
#[cfg(unix)]
fn issue_17_a_killed_history_export_leaves_no_temporary_file() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write(
        "decks/t.toml",
        "title = \"T\"\n[[cards]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"x\"\n",
    );
    quiz.run(&["start", "t"], "x\n").success();
    // A log long enough that a kill lands while it is written.
    quiz.db()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
             INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer,
                                  elapsed_ms, session, mode)
             SELECT 1700000000000 + i, 'big', 'c' || (i % 500), 3, 'right', 'an answer', 1000,
                    NULL, 'import' FROM n;",
        )
        .expect("fill the log");
    let full = quiz.run(&["history", "export"], "");
    full.success();
    let out = quiz.data_dir().join("out");
    std::fs::create_dir_all(&out).expect("out folder");
    let mut killed_while_writing = 0;
    for (n, delay) in delays(30, 400).into_iter().enumerate() {
        let target = out.join(format!("log-{n}.csv"));
        let mut child = spawn(quiz.command(&["history", "export", "-o", path_arg(&target)]));
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if status.code().is_none() {
            killed_while_writing += 1;
        }
        // Either the whole log is there or nothing is.
        if let Ok(text) = std::fs::read_to_string(&target) {
            assert_eq!(text, full.stdout, "log-{n}.csv is incomplete");
        }
    }
    assert!(killed_while_writing > 0, "no kill landed in a run");
    assert_eq!(temporary_files(&out), Vec::<String>::new());
}

const UNFIXED: &str =
    "title = \"Unfixed\"\n\n[[cards]]\nquestion = \"Capital of France?\"\nanswer = \"Paris\"\n";

#[test]
#[cfg(unix)]
fn issue_17_the_next_write_of_a_deck_removes_what_a_killed_writer_left() {
    let quiz = Quiz::new();
    let folder = quiz.data_dir().join("decks");
    let deck = quiz.write("decks/mine.toml", UNFIXED);
    // A killed writer's file (nobody holds its lock), one a writer is filling right now
    // (locked), and a symlink planted under such a name: only the first may go.
    let dead = quiz.write("decks/.mine.toml.a1B2c3.tmp", "half a deck");
    // And one an older quiz left, named after its process id.
    let older = quiz.write("decks/.mine.toml.48213.tmp", "half a deck");
    let busy = quiz.write("decks/.mine.toml.x9Y8z7.tmp", "being written");
    let held = std::fs::File::open(&busy).expect("open");
    held.lock().expect("lock");
    let victim = quiz.write("victim.txt", "mine");
    std::os::unix::fs::symlink(&victim, folder.join(".mine.toml.s0S0s0.tmp")).expect("symlink");
    let other = quiz.write("decks/.other.toml.q1Q1q1.tmp", "another deck's");
    let run = quiz.run(&["check", "--fix", path_arg(&deck)], "");
    run.success();
    assert!(!dead.exists(), "the dead writer's file is removed");
    assert!(!older.exists(), "the older quiz's leftover is removed");
    assert_eq!(
        temporary_files(&folder),
        [
            ".mine.toml.s0S0s0.tmp",
            ".mine.toml.x9Y8z7.tmp",
            ".other.toml.q1Q1q1.tmp"
        ]
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "mine");
    assert_eq!(
        std::fs::read_to_string(&other).expect("other"),
        "another deck's"
    );
    drop(held);
}

#[test]
#[cfg(unix)]
fn issue_17_killed_fixes_of_a_big_deck_leave_nothing_after_the_next_write() {
    let quiz = Quiz::new();
    let mut text = String::from("title = \"Big\"\n");
    for n in 0..5000 {
        text.push_str(&format!(
            "\n[[cards]]\nquestion = \"Question {n}?\"\nanswer = \"answer {n}\"\n"
        ));
    }
    let folder = quiz.data_dir().join("decks");
    let deck = quiz.write("decks/big.toml", &text);
    let mut left = 0;
    for delay in delays(20, 600) {
        std::fs::write(&deck, &text).expect("reset the deck");
        let mut child = spawn(quiz.command(&["check", "--fix", path_arg(&deck)]));
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().expect("wait");
        left = left.max(temporary_files(&folder).len());
        // The deck is the old one or the fixed one, never half of either.
        let now = std::fs::read_to_string(&deck).expect("deck");
        assert!(now == text || now.matches("\nid = ").count() == 5000);
    }
    quiz.run(&["check", "--fix", path_arg(&deck)], "").success();
    assert_eq!(
        temporary_files(&folder),
        Vec::<String>::new(),
        "(at most {left} were left)"
    );
}

#[test]
fn issue_17_add_while_check_fix_runs_keeps_both_edits() {
    let quiz = Quiz::new();
    let deck = quiz.write("decks/mine.toml", UNFIXED);
    let mut add = Live::spawn(&quiz, &["add", path_arg(&deck)]);
    for line in ["text", "Capital of Spain?", "Madrid", "", "", "", ""] {
        add.send(line);
    }
    add.until("add this card? [Y/n]:");
    // While the card waits for its confirmation, another quiz rewrites the deck.
    let fix = quiz.run(&["check", "--fix", path_arg(&deck)], "");
    fix.success();
    assert!(fix.stderr.contains("wrote 1 id"), "{}", fix.stderr);
    add.send("y");
    add.send("n");
    let run = add.finish();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = std::fs::read_to_string(&deck).expect("deck");
    assert!(
        text.contains("id = \"q-11b450f07a\"\nquestion = \"Capital of France?\""),
        "check --fix's id is kept:\n{text}"
    );
    assert!(
        text.contains("question = \"Capital of Spain?\""),
        "the added card is there:\n{text}"
    );
}
