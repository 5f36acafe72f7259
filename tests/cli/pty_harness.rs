//! Running `quiz` on a pseudo-terminal (rexpect), so that it takes its interactive path:
//! [`Tty`] waits for text on the screen, sends keys and keeps everything read so far for
//! failure messages.
//!
//! rexpect spawns `quiz` with stdin, stdout and stderr on a pty (echo off); the harness
//! sets `NO_COLOR`, so verdicts are plain words.

use rexpect::process::WaitStatus;
use rexpect::reader::Regex;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::{Quiz, is_verdict};

/// Every wait is this long at most: slow CI machines still pass, a hang still fails.
const TIMEOUT_MS: u64 = 10_000;

/// The Enter key as a terminal sends it.
pub(crate) const ENTER: &str = "\r";

/// The key line after each verdict ends with this.
pub(crate) const KEYS_HINT: &str = "u: undo · q: quit";

/// rexpect reads the pty byte by byte and turns each byte into a `char` on its own, so
/// UTF-8 text ("·", "—") arrives as Latin-1 mojibake. Needles are encoded the same way
/// before matching, and what was read is decoded back before anyone looks at it.
fn to_pty(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn from_pty(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// rexpect's error, with the unread output decoded.
fn describe(error: rexpect::error::Error) -> String {
    match error {
        rexpect::error::Error::Timeout { got, timeout, .. } => {
            format!(
                "timed out after {timeout:?}; unread output: {:?}",
                from_pty(&got)
            )
        }
        rexpect::error::Error::EOF { got, .. } => {
            format!("quiz exited; unread output: {:?}", from_pty(&got))
        }
        other => format!("{other} ({other:?})"),
    }
}

/// The lines a terminal would show for `text`: escape sequences dropped, and a carriage
/// return inside a line starts it over (dialoguer clears its prompt line that way).
pub(crate) fn visible_lines(text: &str) -> Vec<String> {
    let escapes = Regex::new("\x1b\\[[0-9;?]*[A-Za-z]").expect("escape regex");
    escapes
        .replace_all(text, "")
        .split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.rsplit('\r').next().unwrap_or(line).to_string()
        })
        .collect()
}

/// A running `quiz` on a pty, with everything read from it so far kept for failure messages.
pub(crate) struct Tty {
    session: PtySession,
    seen: String,
}

impl Tty {
    pub(crate) fn spawn(quiz: &Quiz, args: &[&str]) -> Tty {
        Tty::spawn_command(quiz.command(args))
    }

    /// [`Tty::spawn`] of a command set up by the caller (its environment, say).
    pub(crate) fn spawn_command(command: std::process::Command) -> Tty {
        let session = spawn_command(command, Some(TIMEOUT_MS)).expect("spawn quiz on a pty");
        Tty {
            session,
            seen: String::new(),
        }
    }

    /// Waits for `needle` on the screen; returns what came before it.
    #[track_caller]
    pub(crate) fn expect(&mut self, needle: &str) -> String {
        match self.session.exp_string(&to_pty(needle)) {
            Ok(before) => {
                let before = from_pty(&before);
                self.seen.push_str(&before);
                self.seen.push_str(needle);
                before
            }
            Err(error) => panic!(
                "waiting for {needle:?}: {}\n--- screen so far ---\n{}",
                describe(error),
                self.seen
            ),
        }
    }

    /// Waits for the key line after a verdict; returns the lines shown from the verdict
    /// line to that key line.
    #[track_caller]
    pub(crate) fn outcome(&mut self) -> Vec<String> {
        let before = self.expect(KEYS_HINT);
        let mut lines = visible_lines(&format!("{before}{KEYS_HINT}"));
        match lines.iter().position(|l| is_verdict(l)) {
            Some(start) => lines.split_off(start),
            None => panic!(
                "no verdict line in {lines:?}\n--- screen so far ---\n{}",
                self.seen
            ),
        }
    }

    /// Sends raw bytes (keys) and makes sure they reach the process now: `send` alone
    /// leaves text without a newline in rexpect's `LineWriter`.
    #[track_caller]
    pub(crate) fn keys(&mut self, text: &str) {
        self.session.send(text).expect("write to the pty");
        self.session.flush().expect("flush the pty");
    }

    /// Types `text` and presses Enter.
    #[track_caller]
    pub(crate) fn type_line(&mut self, text: &str) {
        self.keys(&format!("{text}{ENTER}"));
    }

    /// Ctrl-`key` (rexpect writes the control byte and flushes).
    #[track_caller]
    pub(crate) fn control(&mut self, key: char) {
        self.session.send_control(key).expect("send a control key");
    }

    /// Reads the rest of the output and waits for the exit; returns the exit code and
    /// the whole screen transcript.
    #[track_caller]
    fn finish(mut self) -> (i32, String) {
        match self.session.exp_eof() {
            Ok(rest) => self.seen.push_str(&from_pty(&rest)),
            Err(error) => panic!(
                "waiting for quiz to exit: {}\n--- screen so far ---\n{}",
                describe(error),
                self.seen
            ),
        }
        let status = self.session.process().wait().expect("wait for quiz");
        match status {
            WaitStatus::Exited(_, code) => (code, self.seen),
            other => panic!(
                "quiz did not exit normally: {other:?}\n--- screen ---\n{}",
                self.seen
            ),
        }
    }

    /// [`Tty::finish`], asserting the exit code; returns the whole screen transcript.
    #[track_caller]
    pub(crate) fn exits_with(self, expected: i32) -> String {
        let (code, screen) = self.finish();
        assert_eq!(code, expected, "exit code; screen:\n{screen}");
        screen
    }
}
