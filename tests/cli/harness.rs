//! A small builder that runs the real binary against a temporary data directory.
//!
//! Every run sets `QUIZ_DATA_DIR` to the temp dir and clears the variables that would make
//! a run depend on the machine (`NO_COLOR` is set, `TZ` fixed to UTC unless a test says otherwise).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;
use tempfile::TempDir;

pub struct Quiz {
    dir: TempDir,
    now: Option<String>,
    tz: String,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Quiz {
    pub fn new() -> Quiz {
        Quiz {
            dir: tempfile::tempdir().expect("temp dir"),
            now: None,
            tz: "UTC".into(),
        }
    }

    /// Fixes the clock (`QUIZ_NOW`) for every later run.
    pub fn at(&mut self, now: &str) -> &mut Quiz {
        self.now = Some(now.to_string());
        self
    }

    pub fn tz(&mut self, tz: &str) -> &mut Quiz {
        self.tz = tz.to_string();
        self
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("quiz.sqlite3")
    }

    /// Writes a file under the data dir (e.g. `decks/mine.toml`) and returns its path.
    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, text).expect("write file");
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("quiz").expect("quiz binary");
        command
            .args(args)
            .env("QUIZ_DATA_DIR", self.dir.path())
            .env("NO_COLOR", "1")
            .env("TZ", &self.tz)
            .env_remove("QUIZ_CONFIG")
            .env("HOME", self.dir.path().join("home"));
        match &self.now {
            Some(now) => command.env("QUIZ_NOW", now),
            None => command.env_remove("QUIZ_NOW"),
        };
        command
    }

    /// Runs `quiz ARGS` with `stdin` piped in.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn quiz");
        let mut input = child.stdin.take().expect("stdin");
        let text = stdin.to_string();
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(text.as_bytes());
        });
        let output: Output = child.wait_with_output().expect("wait for quiz");
        let _ = writer.join();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db_path()).expect("open quiz.sqlite3")
    }

    /// Rows of a query as strings (NULL → "NULL"), for exact comparisons.
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
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

    pub fn count(&self, sql: &str) -> i64 {
        self.db()
            .query_row(sql, [], |row| row.get(0))
            .expect("count")
    }
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Lines of stdout that begin a verdict (`right`, `close`, `wrong`).
    pub fn verdicts(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("right") || l.starts_with("close") || l.starts_with("wrong"))
            .map(str::to_string)
            .collect()
    }
}
