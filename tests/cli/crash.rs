//! Crash safety: `quiz start` killed with SIGKILL at random points loses no answer it has
//! acknowledged, never corrupts the database, and leaves card rows equal to a replay of the
//! review log. DESIGN promises "each answer is one transaction": this is that promise under
//! the worst stop there is, tested as SQLite's own engineers test theirs.
//!
//! One data directory lives through every kill, so later sessions start on what earlier kills
//! left (a half-written WAL, a session never ended, due cards). A kill lands either after a
//! random number of printed verdicts or after a random delay (which may be during startup,
//! the migrations or the deck index). `QUIZ_CRASH_KILLS` and `QUIZ_CRASH_SEED` set how many
//! and which; `bench/crash.sh` runs thousands.

use std::io::Write;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use crate::common::{CARD_COLUMNS, NOW, instant, millis, path_arg};
use crate::harness::{Quiz, TIMEOUT, is_verdict, spawn, stdout_lines};

/// Typed cards whose every answer is `x`, so answers can be piped blind. With no daily limit
/// on new cards (see [`CONFIG`]) every session has cards to ask, so the kills land in sessions.
fn deck() -> String {
    let mut text = String::from("title = \"Crash\"\n");
    for n in 0..500 {
        text.push_str(&format!(
            "\n[[cards]]\nid = \"c{n}\"\nquestion = \"Card {n}?\"\nanswer = \"x\"\n"
        ));
    }
    text
}

const CONFIG: &str = "new_cards_per_day = 100000\n";

/// xorshift64*: a few lines instead of a dependency, and the same kills for the same seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one killed session printed and how it was stopped.
struct Killed {
    verdicts: usize,
    /// Whether quiz had already exited on its own (every card answered) before the kill.
    finished: bool,
}

/// Starts `quiz start crash` with `answers` piped in and SIGKILLs it after `after_verdicts`
/// verdicts or `delay`, whichever comes first. Every verdict line that reached the pipe
/// counts as acknowledged, including those the reader had not yet seen when the kill landed.
fn start_and_kill(quiz: &Quiz, answers: &str, after_verdicts: usize, delay: Duration) -> Killed {
    let mut command = quiz.command(&["--plain", "start", "crash"]);
    command.env("QUIZ_CONFIG", quiz.data_dir().join("config.toml"));
    let mut child = spawn(command);
    let mut stdin = child.stdin.take().expect("stdin");
    // Quiz reads lines as it asks; one write up front keeps the pipe full without a thread
    // (the answers are far smaller than a pipe's buffer). Quiz may already have gone: with
    // nothing due it ends at once.
    let _ = stdin.write_all(answers.as_bytes());
    let lines = stdout_lines(&mut child);
    let started = Instant::now();
    let mut verdicts = 0;
    let mut finished = false;
    while verdicts < after_verdicts {
        let left = delay.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match lines.recv_timeout(left.min(TIMEOUT)) {
            Ok(line) => verdicts += usize::from(is_verdict(&line)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                finished = true;
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    drop(stdin);
    // The pipe closes with the process: what is left is what quiz wrote before it died.
    while let Ok(line) = lines.recv_timeout(TIMEOUT) {
        verdicts += usize::from(is_verdict(&line));
    }
    Killed { verdicts, finished }
}

/// `PRAGMA integrity_check`, or "ok" while quiz has not created the file yet (the test must
/// not create it either: quiz would then find an empty file where it expects none).
fn integrity(quiz: &Quiz) -> String {
    if !quiz.db_path().exists() {
        return "ok".into();
    }
    quiz.db()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check")
}

/// How many reviews are saved; none before the first kill that let quiz make its schema.
fn reviews(quiz: &Quiz) -> i64 {
    if !quiz.db_path().exists()
        || quiz.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'reviews'") == 0
    {
        return 0;
    }
    quiz.count("SELECT COUNT(*) FROM reviews")
}

/// The card rows a replay of the log gives: export the history and import it into a new
/// data directory that has no deck file, as `history.rs` does for the round trip.
#[track_caller]
fn replayed_cards(quiz: &Quiz, now: &str) -> Vec<Vec<String>> {
    let log = quiz.data_dir().join("replay.csv");
    let _ = std::fs::remove_file(&log);
    quiz.run(&["history", "export", "-o", path_arg(&log)], "")
        .success();
    let mut fresh = Quiz::new();
    fresh.at(now);
    let text = std::fs::read_to_string(&log).expect("exported log");
    let copy = fresh.write("crash.csv", &text);
    fresh
        .run(&["history", "import", path_arg(&copy)], "")
        .success();
    fresh.rows(CARD_COLUMNS)
}

#[test]
fn sigkill_at_random_points_loses_no_acknowledged_answer() {
    let kills = env_number("QUIZ_CRASH_KILLS", 150);
    let seed = env_number("QUIZ_CRASH_SEED", 10);
    let check_every = env_number("QUIZ_CRASH_REPLAY_EVERY", 20).max(1);
    let mut random = Random(seed.max(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut quiz = Quiz::new();
    quiz.write("decks/crash.toml", &deck());
    quiz.write("config.toml", CONFIG);
    let mut now = millis(NOW);
    let (mut acknowledged, mut finished) = (0usize, 0u64);
    for kill in 1..=kills {
        // Sessions a minute to two days apart: some on one learner day, some with cards due.
        now += i64::try_from((60 + random.below(48 * 3600)) * 1000).expect("ms");
        let at = instant(now);
        quiz.at(&at);
        let answers: String = (0..40)
            .map(|_| {
                if random.below(3) == 0 {
                    "nope\n"
                } else {
                    "x\n"
                }
            })
            .collect();
        let (after, delay) = if random.below(3) == 0 {
            (usize::MAX, Duration::from_millis(random.below(60)))
        } else {
            (
                usize::try_from(random.below(12)).expect("small"),
                Duration::from_secs(10),
            )
        };
        let before = reviews(&quiz);
        let killed = start_and_kill(&quiz, &answers, after, delay);
        let context = format!(
            "kill {kill} of {kills} (QUIZ_CRASH_SEED={seed}, QUIZ_NOW={at}, after {after} \
             verdicts or {delay:?})"
        );
        acknowledged += killed.verdicts;
        finished += u64::from(killed.finished);

        assert_eq!(integrity(&quiz), "ok", "{context}");
        let saved = reviews(&quiz) - before;
        assert!(
            saved >= i64::try_from(killed.verdicts).expect("count"),
            "{context}: {} verdicts printed but {saved} reviews saved",
            killed.verdicts
        );
        // The answers saved are the answers typed, in order.
        let given = if saved > 0 {
            quiz.rows(&format!(
                "SELECT given_answer FROM reviews ORDER BY id LIMIT -1 OFFSET {before}"
            ))
        } else {
            Vec::new()
        };
        let typed: Vec<&str> = answers.lines().take(given.len()).collect();
        let given: Vec<&str> = given.iter().map(|row| row[0].as_str()).collect();
        assert_eq!(given, typed, "{context}");

        if (kill % check_every == 0 || kill == kills) && reviews(&quiz) > 0 {
            assert_eq!(
                quiz.rows(CARD_COLUMNS),
                replayed_cards(&quiz, &at),
                "{context}: card rows differ from a replay of the log"
            );
        }
    }
    let reviews = reviews(&quiz);
    eprintln!(
        "crash: {kills} kills (seed {seed}), {acknowledged} verdicts acknowledged, {reviews} \
         reviews saved, {finished} sessions ended before their kill, 0 integrity failures"
    );
    assert!(
        acknowledged > 0 && reviews > 0,
        "the kills never let an answer through"
    );
}
