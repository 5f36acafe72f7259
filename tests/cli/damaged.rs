//! Issue 17, point 6: a damaged progress database is noticed before anything is appended to
//! it. A schema version that disagrees with the tables (0, -1, 2^31 on a populated file) is
//! refused by writers and readers alike, with the version the tables are; SQLite's
//! quick_check runs on `quiz check --database` and, once, when a writer finds a session a
//! killed process left open, and a damaged file is refused with how to recover.

use std::io::{Seek, SeekFrom, Write};

use crate::common::{path_arg, quiz_with};
use crate::harness::{Quiz, TIMEOUT, is_verdict, spawn, stdout_lines};

const DECK: &str = "title = \"T\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Capital of France?\"\nanswer = \"Paris\"\n\n[[cards]]\nid = \"b\"\nquestion = \"Capital of Spain?\"\nanswer = \"Madrid\"\n";

/// A data dir with one answered card, and the schema version the database is at.
fn populated() -> (Quiz, i64) {
    let quiz = quiz_with(DECK);
    quiz.run(&["start", "t", "--limit", "1"], "Paris\n")
        .success();
    let version: i64 = quiz
        .db()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version");
    (quiz, version)
}

#[test]
fn issue_17_a_schema_version_that_disagrees_with_the_tables_is_refused() {
    for set in [0_i64, -1, 1 << 31] {
        let (quiz, version) = populated();
        quiz.db()
            .pragma_update(None, "user_version", set)
            .expect("set user_version");
        // 2^31 does not fit SQLite's 32-bit user_version: what it keeps is what quiz reads.
        let stored: i64 = quiz
            .db()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("user_version");
        let expected = format!(
            "is damaged: it says schema version {stored} but holds the tables of schema {version}; \
             quiz leaves it as it is. To recover: if nothing else is wrong with it, `sqlite3 {} \
             \"PRAGMA user_version = {version}\"` puts it right",
            path_arg(&quiz.db_path())
        );
        for args in [
            &["start", "t"][..],
            &["decks"][..],
            &["check", "--database"][..],
        ] {
            let run = quiz.run(args, "Madrid\n");
            assert_eq!(run.code, 1, "{set} {args:?}: {}{}", run.stdout, run.stderr);
            assert!(
                run.stderr.contains(&expected),
                "{set} {args:?}: {}",
                run.stderr
            );
        }
        // Nothing was re-migrated or appended: the one review and the version stay.
        assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 1);
        let after: i64 = quiz
            .db()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("user_version");
        assert_eq!(after, stored);
        // The advice works.
        quiz.db()
            .pragma_update(None, "user_version", version)
            .expect("put it right");
        quiz.run(&["check", "--database"], "").success();
    }
}

#[test]
fn issue_17_an_older_schema_with_its_own_tables_still_opens() {
    let quiz = Quiz::new();
    let run = quiz.run(&["check", "--database"], "");
    run.success();
    assert!(
        run.stdout.starts_with("no progress database at "),
        "{}",
        run.stdout
    );
    let (quiz, _) = populated();
    let run = quiz.run(&["check", "--database"], "");
    run.success();
    assert_eq!(
        run.stdout,
        format!(
            "the progress database {} is sound (SQLite's quick_check found nothing)\n",
            path_arg(&quiz.db_path())
        )
    );
}

/// Fills the database with enough reviews for many pages, then breaks the last page's
/// b-tree header (a leaf nothing reads when the file opens); returns the damaged page.
fn break_a_page(quiz: &Quiz) -> u64 {
    {
        let db = quiz.db();
        db.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
             INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer,
                                  elapsed_ms, session, mode)
             SELECT 1700000000000 + i, 'other', 'c' || i, 3, 'right', 'an answer', 1000, NULL,
                    'import' FROM n;",
        )
        .expect("fill");
        db.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .expect("checkpoint");
    }
    let (page_size, pages): (u64, u64) = {
        let db = quiz.db();
        (
            db.pragma_query_value(None, "page_size", |r| r.get(0))
                .expect("page_size"),
            db.pragma_query_value(None, "page_count", |r| r.get(0))
                .expect("page_count"),
        )
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(quiz.db_path())
        .expect("open the database file");
    file.seek(SeekFrom::Start((pages - 1) * page_size))
        .expect("seek");
    // Page type 0x00 is no b-tree page at all.
    file.write_all(&[0u8; 16]).expect("break the page");
    pages
}

#[test]
fn issue_17_check_database_finds_a_broken_page_and_says_how_to_recover() {
    let (quiz, _) = populated();
    break_a_page(&quiz);
    let run = quiz.run(&["check", "--database"], "");
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let db = path_arg(&quiz.db_path()).to_string();
    assert!(
        run.stderr.starts_with(&format!(
            "quiz: error: the progress database {db} is damaged: SQLite finds "
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "To recover: save what it still holds with `quiz history export -o reviews.csv`, \
             move {db} aside, and `quiz history import reviews.csv` replays it into a fresh database"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_17_a_writer_after_a_killed_session_checks_the_file_before_appending() {
    let (quiz, _) = populated();
    break_a_page(&quiz);
    let reviews = quiz.count("SELECT COUNT(*) FROM reviews");
    // What a killed session leaves: its row never closed.
    quiz.db()
        .execute(
            "INSERT INTO sessions (started_at, decks, mode) VALUES (1772355600000, 't', 'review')",
            [],
        )
        .expect("an open session");
    let run = quiz.run(&["start", "t"], "Madrid\n");
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("is damaged: SQLite finds "),
        "{}",
        run.stderr
    );
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), reviews);
}

#[test]
#[cfg(unix)]
fn issue_17_a_really_killed_session_leaves_a_sound_file_the_next_session_checks_and_uses() {
    let quiz = quiz_with(DECK);
    let mut child = spawn(quiz.command(&["start", "t"]));
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"Paris\n").expect("answer");
    stdin.flush().expect("flush");
    // A verdict is printed once its answer is saved: then kill without warning.
    let lines = stdout_lines(&mut child);
    loop {
        let line = lines.recv_timeout(TIMEOUT).expect("a verdict");
        if is_verdict(&line) {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL"),
        1,
        "a killed session leaves its row open"
    );
    let run = quiz.run(&["start", "t"], "Madrid\n");
    run.success();
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 2);
    // Checked once: the next session does not read the whole file again.
    assert_eq!(
        quiz.rows("SELECT value FROM meta WHERE key = 'quick_checked_through_session'"),
        [["1".to_string()]]
    );
}
