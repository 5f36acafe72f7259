//! A small builder that runs the real binary against a temporary data directory, and the
//! ways a test talks to a run: piped in one go ([`Quiz::run`], [`run_command`]), line by
//! line ([`Live`], [`converse`]) or as a raw child ([`spawn`], [`stdout_lines`]).
//!
//! Every run sets `QUIZ_DATA_DIR` to the temp dir and clears the variables that would make
//! a run depend on the machine (`NO_COLOR` is set, `TZ` fixed to UTC unless a test says otherwise,
//! `COLUMNS` removed).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use tempfile::TempDir;

use crate::common::question_line;

/// How long a spawned quiz may stay silent before a test gives up on it.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) struct Quiz {
    dir: TempDir,
    now: Option<String>,
    tz: String,
}

/// What a finished run left: its exit code (-1 if killed by a signal) and its output.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Quiz {
    pub(crate) fn new() -> Quiz {
        Quiz {
            dir: tempfile::tempdir().expect("temp dir"),
            now: None,
            tz: "UTC".into(),
        }
    }

    /// Fixes the clock (`QUIZ_NOW`) for every later run.
    pub(crate) fn at(&mut self, now: &str) -> &mut Quiz {
        self.now = Some(now.to_string());
        self
    }

    pub(crate) fn tz(&mut self, tz: &str) -> &mut Quiz {
        self.tz = tz.to_string();
        self
    }

    pub(crate) fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn db_path(&self) -> PathBuf {
        self.dir.path().join("quiz.sqlite3")
    }

    /// Writes a file under the data dir (e.g. `decks/mine.toml`) and returns its path.
    pub(crate) fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, text).expect("write file");
        path
    }

    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("quiz").expect("quiz binary");
        command
            .args(args)
            .env("QUIZ_DATA_DIR", self.dir.path())
            .env("NO_COLOR", "1")
            .env("TZ", &self.tz)
            .env_remove("QUIZ_CONFIG")
            .env_remove("COLUMNS")
            .env("HOME", self.dir.path().join("home"));
        match &self.now {
            Some(now) => command.env("QUIZ_NOW", now),
            None => command.env_remove("QUIZ_NOW"),
        };
        command
    }

    /// Runs `quiz ARGS` with `stdin` piped in.
    pub(crate) fn run(&self, args: &[&str], stdin: &str) -> Run {
        run_command(self.command(args), stdin)
    }

    pub(crate) fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db_path()).expect("open quiz.sqlite3")
    }

    /// Rows of a query as strings (NULL → "NULL"), for exact comparisons.
    pub(crate) fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let db = self.db();
        let mut statement = db.prepare(sql).expect("prepare");
        let columns = statement.column_count();
        statement
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        let value: rusqlite::types::Value = row.get(i)?;
                        Ok(match value {
                            rusqlite::types::Value::Null => "NULL".to_string(),
                            rusqlite::types::Value::Integer(n) => n.to_string(),
                            rusqlite::types::Value::Real(x) => x.to_string(),
                            rusqlite::types::Value::Text(t) => t,
                            rusqlite::types::Value::Blob(b) => format!("{b:?}"),
                        })
                    })
                    .collect()
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    pub(crate) fn count(&self, sql: &str) -> i64 {
        self.db()
            .query_row(sql, [], |row| row.get(0))
            .expect("count")
    }
}

impl Run {
    #[track_caller]
    pub(crate) fn success(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Lines of stdout that begin a verdict (`right`, `close`, `wrong`).
    pub(crate) fn verdicts(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter(|l| is_verdict(l))
            .map(str::to_string)
            .collect()
    }
}

impl From<Output> for Run {
    /// The exit code and the output of a finished process, decoded leniently.
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Whether a line begins a verdict (`right`, `close` or `wrong`, with whatever follows).
pub(crate) fn is_verdict(line: &str) -> bool {
    line.starts_with("right") || line.starts_with("close") || line.starts_with("wrong")
}

/// Starts `command` with stdin, stdout and stderr piped.
pub(crate) fn spawn(mut command: Command) -> Child {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn quiz")
}

/// Reads the child's stdout on a thread, one line per message; the channel closes when
/// quiz closes its stdout.
pub(crate) fn stdout_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Runs `command` with `stdin` piped in, like [`Quiz::run`], for a command a test has
/// changed (e.g. with `QUIZ_CONFIG` set, or another working directory).
pub(crate) fn run_command(command: Command, stdin: &str) -> Run {
    let mut child = spawn(command);
    let mut input = child.stdin.take().expect("stdin");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let output = child.wait_with_output().expect("wait for quiz");
    let _ = writer.join();
    Run::from(output)
}

/// A running `quiz` in plain mode, read line by line, written to as the test goes.
pub(crate) struct Live {
    child: Child,
    lines: mpsc::Receiver<String>,
    stdin: Option<ChildStdin>,
    errors: JoinHandle<String>,
    transcript: String,
}

impl Live {
    pub(crate) fn start(command: Command) -> Live {
        let mut child = spawn(command);
        let mut stderr = child.stderr.take().expect("stderr");
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let lines = stdout_lines(&mut child);
        let stdin = child.stdin.take();
        Live {
            child,
            lines,
            stdin,
            errors,
            transcript: String::new(),
        }
    }

    pub(crate) fn spawn(quiz: &Quiz, args: &[&str]) -> Live {
        Live::start(quiz.command(args))
    }

    /// The next line of stdout; `None` once quiz has closed it. Panics (after killing
    /// quiz) if nothing comes within [`TIMEOUT`].
    pub(crate) fn next_line(&mut self) -> Option<String> {
        match self.lines.recv_timeout(TIMEOUT) {
            Ok(line) => {
                self.transcript.push_str(&line);
                self.transcript.push('\n');
                Some(line)
            }
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("quiz went silent; transcript so far:\n{}", self.transcript);
            }
        }
    }

    /// Reads until the line `wanted` (quiz is then waiting for input if it is a question).
    #[track_caller]
    pub(crate) fn until(&mut self, wanted: &str) {
        loop {
            match self.next_line() {
                Some(line) if line == wanted => return,
                Some(_) => {}
                None => panic!(
                    "quiz ended before {wanted:?}; transcript:\n{}",
                    self.transcript
                ),
            }
        }
    }

    /// Types `line` and Enter (ignored once stdin is closed or quiz has gone).
    pub(crate) fn send(&mut self, line: &str) {
        if let Some(input) = self.stdin.as_mut() {
            let _ = writeln!(input, "{line}");
            let _ = input.flush();
        }
    }

    /// Closes stdin: quiz reads end of input.
    pub(crate) fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Closes stdin, reads the rest and waits for the exit.
    pub(crate) fn finish(mut self) -> Run {
        self.close_stdin();
        while self.next_line().is_some() {}
        let status = self.child.wait().expect("wait for quiz");
        Run {
            code: status.code().unwrap_or(-1),
            stdout: self.transcript,
            stderr: self.errors.join().expect("stderr reader"),
        }
    }
}

/// Runs `command` and answers each question as it is printed: `reply` gets the question
/// text (as printed) and returns the line to type, or `None` to close stdin.
pub(crate) fn converse_command(
    command: Command,
    mut reply: impl FnMut(&str) -> Option<String>,
) -> Run {
    let mut live = Live::start(command);
    while let Some(line) = live.next_line() {
        if let Some((_, _, question)) = question_line(&line) {
            match reply(question) {
                Some(answer) => live.send(&answer),
                None => live.close_stdin(),
            }
        }
    }
    live.finish()
}

/// [`converse_command`] for `quiz ARGS`.
pub(crate) fn converse(
    quiz: &Quiz,
    args: &[&str],
    reply: impl FnMut(&str) -> Option<String>,
) -> Run {
    converse_command(quiz.command(args), reply)
}
