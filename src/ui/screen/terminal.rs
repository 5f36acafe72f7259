//! The terminal while the study screen owns it: raw mode and the alternate screen on stderr,
//! and the one way back — [`restore`] — which the screen, the panic hook and the signal
//! thread all call, so the learner's shell never stays in raw mode or without a cursor.

use std::io::{self, Stderr, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Whether the alternate screen is up. Guarded by [`DRAWING`] so that a signal thread
/// restoring the terminal never lands in the middle of a frame.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static DRAWING: Mutex<()> = Mutex::new(());
/// The warnings said while the alternate screen was up, in order: the screen shows the
/// latest in its status line, and [`restore`] prints them all on the normal screen, where
/// the scrollback keeps them (a warning printed straight to stderr would be drawn over).
static WARNINGS: Mutex<Vec<String>> = Mutex::new(Vec::new());
static PANIC_HOOK: Once = Once::new();

pub(crate) type Backend = CrosstermBackend<Stderr>;

fn drawing() -> MutexGuard<'static, ()> {
    DRAWING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Raw mode, the alternate screen and a ratatui terminal drawing on stderr (stdout may be
/// piped to a log; the screen is for the person at the keyboard).
pub(crate) fn enter() -> io::Result<Terminal<Backend>> {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    let _guard = drawing();
    enable_raw_mode()?;
    let mut stderr = io::stderr();
    // Cleared here rather than by ratatui, whose clear asks the terminal where the cursor
    // is: a terminal that never answers would stop the session.
    if let Err(error) = execute!(
        stderr,
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    ) {
        let _ = disable_raw_mode();
        return Err(error);
    }
    ACTIVE.store(true, Ordering::SeqCst);
    Terminal::new(CrosstermBackend::new(stderr))
}

/// Runs `draw` unless the terminal has been handed back meanwhile (a signal arrived):
/// then nothing is drawn over the summary on the normal screen.
pub(crate) fn while_active<T>(draw: impl FnOnce() -> io::Result<T>) -> io::Result<Option<T>> {
    let _guard = drawing();
    if !ACTIVE.load(Ordering::SeqCst) {
        return Ok(None);
    }
    draw().map(Some)
}

fn warnings() -> MutexGuard<'static, Vec<String>> {
    WARNINGS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Keeps `line` (a whole `quiz: warning: …` line) for the study screen when it is up;
/// false when it is not, and the caller prints it.
pub(crate) fn post_warning(line: &str) -> bool {
    let _guard = drawing();
    let active = ACTIVE.load(Ordering::SeqCst);
    if active {
        warnings().push(line.to_string());
    }
    active
}

/// How many warnings have been posted since the screen came up, and the latest.
pub(crate) fn latest_warning() -> (usize, Option<String>) {
    let warnings = warnings();
    (warnings.len(), warnings.last().cloned())
}

/// Leaves the alternate screen, shows the cursor and turns raw mode off, then prints the
/// warnings posted meanwhile; does nothing the second time. Safe from any thread.
pub(crate) fn restore() {
    let _guard = drawing();
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut stderr = io::stderr();
        let _ = execute!(stderr, DisableBracketedPaste, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
        for line in warnings().drain(..) {
            let _ = writeln!(stderr, "{line}");
        }
        let _ = stderr.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_while_the_screen_is_up_waits_for_the_normal_screen() {
        // Not while the screen is up: the caller prints it.
        assert!(!post_warning("quiz: warning: before"));
        {
            let _guard = drawing();
            ACTIVE.store(true, Ordering::SeqCst);
        }
        assert!(post_warning("quiz: warning: one"));
        assert!(post_warning("quiz: warning: two"));
        assert_eq!(
            latest_warning(),
            (2, Some("quiz: warning: two".to_string()))
        );
        // What `restore` prints, without touching the test's terminal.
        let _guard = drawing();
        ACTIVE.store(false, Ordering::SeqCst);
        let printed: Vec<String> = warnings().drain(..).collect();
        assert_eq!(printed, ["quiz: warning: one", "quiz: warning: two"]);
    }
}
