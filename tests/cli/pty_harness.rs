//! Running `quiz` on a pseudo-terminal of a given size (rexpect), with everything it writes
//! fed to a VT100 parser (the `vt100` crate), so tests assert the screen a learner sees:
//! [`Tty`] waits for text on the screen, sends keys, resizes, and reads the normal screen
//! left behind after the study screen closes.
//!
//! The harness sets `NO_COLOR`, so the screen is plain text and its marks (`[+c]`) are words.

use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::Quiz;

/// Every wait is this long at most: slow CI machines still pass, a hang still fails.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The Enter key as a terminal sends it.
pub(crate) const ENTER: &str = "\r";
pub(crate) const ESC: &str = "\x1b";
pub(crate) const DOWN: &str = "\x1b[B";
pub(crate) const UP: &str = "\x1b[A";

/// Longer than the screen's type-ahead guard (300 ms), so the next key is a decision.
pub(crate) const SETTLE: Duration = Duration::from_millis(450);

fn nonzero(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).expect("a terminal at least one cell wide and high")
}

/// A running `quiz` on a pty of a fixed size, and the screen it has drawn so far.
pub(crate) struct Tty {
    session: PtySession,
    parser: vt100::Parser,
    /// Where the shell that starts quiz writes the name of its terminal, for `stty -F`.
    tty_name: std::path::PathBuf,
}

impl Tty {
    /// `quiz ARGS` on a terminal `cols` wide and `rows` high (set with `stty` before quiz
    /// starts, so its first frame already has the size).
    pub(crate) fn spawn_sized(quiz: &Quiz, args: &[&str], cols: u16, rows: u16) -> Tty {
        Tty::start(quiz.command(args), quiz, cols, rows)
    }

    /// `quiz ARGS` on a terminal `cols` × `rows` with more environment variables set.
    pub(crate) fn spawn_sized_with_env(
        quiz: &Quiz,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
    ) -> Tty {
        let mut command = quiz.command(args);
        command.envs(env.iter().copied());
        Tty::start(command, quiz, cols, rows)
    }

    /// `quiz ARGS` at 80×24 with more environment variables set.
    pub(crate) fn spawn_with_env(quiz: &Quiz, args: &[&str], env: &[(&str, &str)]) -> Tty {
        let mut command = quiz.command(args);
        command.envs(env.iter().copied());
        Tty::start(command, quiz, 80, 24)
    }

    fn start(inner: std::process::Command, quiz: &Quiz, cols: u16, rows: u16) -> Tty {
        let tty_name = quiz.data_dir().join("tty-name");
        let mut command = std::process::Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "tty > '{}' && stty cols {cols} rows {rows} && exec \"$@\"",
                tty_name.display()
            ))
            .arg("sh")
            .arg(inner.get_program())
            .args(inner.get_args());
        for (key, value) in inner.get_envs() {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        let session =
            spawn_command(command, Some(TIMEOUT.as_millis() as u64)).expect("spawn quiz on a pty");
        Tty {
            session,
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            tty_name,
        }
    }

    pub(crate) fn spawn(quiz: &Quiz, args: &[&str]) -> Tty {
        Tty::spawn_sized(quiz, args, 80, 24)
    }

    /// Feeds what quiz wrote so far to the parser; false when nothing was waiting.
    fn pump(&mut self) -> bool {
        let mut bytes = Vec::new();
        // rexpect hands the pty's bytes over one `char` each (Latin-1).
        while let Some(c) = self.session.try_read() {
            bytes.push(c as u32 as u8);
            if bytes.len() > 1 << 16 {
                break;
            }
        }
        self.parser.process(&bytes);
        !bytes.is_empty()
    }

    /// Whether any cell on the screen now has a colour of its own (foreground or background).
    pub(crate) fn any_colour(&mut self) -> bool {
        self.pump();
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|row| {
            (0..cols.get()).any(|col| {
                screen.cell(row, col).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    }

    /// Whether the cursor is hidden now (after what quiz wrote so far).
    pub(crate) fn cursor_hidden(&mut self) -> bool {
        self.pump();
        self.parser.screen().hide_cursor()
    }

    /// The screen as text: each row with its trailing blanks cut, trailing empty rows too.
    pub(crate) fn screen(&self) -> String {
        let screen = self.parser.screen();
        let (_, cols) = screen.size();
        let rows: Vec<String> = screen
            .rows(0, cols.into())
            .map(|row| row.trim_end().to_string())
            .collect();
        let end = rows
            .iter()
            .rposition(|r| !r.is_empty())
            .map_or(0, |i| i + 1);
        rows[..end].join("\n")
    }

    /// The colour of the first cell of the first place `text` shows on the screen, and
    /// whether it is bold; `None` when it is not on screen.
    pub(crate) fn style_of(&self, text: &str) -> Option<(vt100::Color, bool)> {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        for (row, line) in screen
            .rows(0, cols.into())
            .enumerate()
            .take(usize::from(rows.get()))
        {
            if let Some(at) = line.find(text) {
                let col = line[..at].chars().count();
                let cell = screen.cell(u16::try_from(row).ok()?, u16::try_from(col).ok()?)?;
                return Some((cell.fgcolor(), cell.bold()));
            }
        }
        None
    }

    /// Waits until the screen shows `needle`; returns the screen.
    #[track_caller]
    pub(crate) fn expect(&mut self, needle: &str) -> String {
        self.until(|screen| screen.contains(needle), needle)
    }

    /// Waits until `ready(screen)`; returns the screen. Then waits for quiz to stop
    /// drawing for a moment, so the screen returned is a whole frame.
    #[track_caller]
    pub(crate) fn until(&mut self, ready: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let got = self.pump();
            if !got {
                let screen = self.screen();
                if ready(&screen) {
                    std::thread::sleep(Duration::from_millis(30));
                    if !self.pump() {
                        return self.screen();
                    }
                    continue;
                }
                if start.elapsed() > TIMEOUT {
                    panic!("waiting for {what:?}; the screen:\n{screen}");
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }

    /// Sends raw bytes (keys) at once.
    #[track_caller]
    pub(crate) fn keys(&mut self, text: &str) {
        self.session.send(text).expect("write to the pty");
        self.session.flush().expect("flush the pty");
    }

    /// Waits past the type-ahead guard, then sends `text`: a deliberate key.
    #[track_caller]
    pub(crate) fn decide(&mut self, text: &str) {
        std::thread::sleep(SETTLE);
        self.keys(text);
    }

    /// Types `text` and presses Enter.
    #[track_caller]
    pub(crate) fn type_line(&mut self, text: &str) {
        self.keys(&format!("{text}{ENTER}"));
    }

    /// Ctrl-`key`.
    #[track_caller]
    pub(crate) fn control(&mut self, key: char) {
        self.session.send_control(key).expect("send a control key");
    }

    /// Resizes the terminal, as a window manager would (quiz gets SIGWINCH).
    #[track_caller]
    pub(crate) fn resize(&mut self, cols: u16, rows: u16) {
        let tty = std::fs::read_to_string(&self.tty_name).expect("quiz's terminal");
        let tty = tty.trim();
        let status = std::process::Command::new("stty")
            .arg("-F")
            .arg(tty)
            .args(["cols", &cols.to_string(), "rows", &rows.to_string()])
            .status()
            .expect("run stty");
        assert!(status.success(), "stty -F {tty:?}");
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }

    /// Sends `signal` to quiz.
    pub(crate) fn signal(&mut self, signal: rexpect::process::Signal) {
        self.session
            .process_mut()
            .signal(signal)
            .expect("signal quiz");
    }

    /// Waits for quiz to exit, asserting the exit code and that the terminal is handed back: the
    /// alternate screen closed and the cursor shown. Returns the screen left behind.
    #[track_caller]
    pub(crate) fn exits_with(self, expected: i32) -> String {
        let (code, screen) = self.finish_checked();
        assert_eq!(code, expected, "exit code; screen:\n{screen}");
        screen
    }

    #[track_caller]
    fn finish_checked(self) -> (i32, String) {
        let (code, screen, alternate, hidden) = {
            let mut tty = self;
            let start = Instant::now();
            let code = loop {
                tty.pump();
                match tty.session.process().status() {
                    Some(WaitStatus::Exited(_, code)) => break code,
                    Some(WaitStatus::StillAlive) | None => {}
                    Some(other) => {
                        panic!("quiz did not exit normally: {other:?}\n{}", tty.screen())
                    }
                }
                if start.elapsed() > TIMEOUT {
                    panic!("waiting for quiz to exit; the screen:\n{}", tty.screen());
                }
                std::thread::sleep(Duration::from_millis(10));
            };
            // The reader thread may still hold the last bytes quiz wrote before it exited:
            // read until the pty has been quiet for a while.
            let mut quiet = 0;
            while quiet < 10 {
                if tty.pump() {
                    quiet = 0;
                } else {
                    quiet += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            let screen = tty.parser.screen();
            (
                code,
                tty.screen(),
                screen.alternate_screen(),
                screen.hide_cursor(),
            )
        };
        assert!(
            !alternate,
            "the alternate screen is closed; screen:\n{screen}"
        );
        assert!(!hidden, "the cursor is shown; screen:\n{screen}");
        (code, screen)
    }
}
