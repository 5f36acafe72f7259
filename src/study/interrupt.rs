//! The stop policy, all of it: on Ctrl-C (SIGINT), SIGTERM or SIGHUP a session hands the
//! terminal back, closes its session row, prints its summary where a terminal is still there
//! and exits 130, 143 or 129. Every answer is already committed, so nothing is lost. (The
//! study screen reads Ctrl-C as a key and raises SIGINT for it, then waits for this thread:
//! `ui::await_interrupt_handler`.)

use std::io::Write;
use std::time::Instant;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::{Shared, lock, summary};
use crate::calendar::describe_due;
use crate::deck::DeckId;
use crate::env::Clock;
use crate::exit::ExitCode;
use crate::store::{SessionId, Store};
use crate::ui::format::{screen_summary_lines, summary_lines};
use crate::ui::screen::terminal;

/// Closes the session row if the session ends by a panic (the signal thread covers
/// signals, the loop every ordinary end): a stop we could see never leaves `ended_at` empty.
pub(super) struct CloseOnPanic {
    path: std::path::PathBuf,
    id: SessionId,
    clock: Clock,
}

impl CloseOnPanic {
    pub(super) fn new(store: &Store, id: SessionId, clock: &Clock) -> CloseOnPanic {
        CloseOnPanic {
            path: store.path().to_path_buf(),
            id,
            clock: clock.clone(),
        }
    }
}

impl Drop for CloseOnPanic {
    fn drop(&mut self) {
        if std::thread::panicking()
            && let Ok(store) = Store::open_file(&self.path)
        {
            let _ = store.end_session(self.id, self.clock.now());
        }
    }
}

pub(super) fn install(
    session: &Shared,
    started: Instant,
    store: &Store,
    id: SessionId,
    clock: &Clock,
    decks: &[&DeckId],
    interactive: bool,
) {
    let mut signals = match Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(signals) => signals,
        Err(error) => {
            crate::ui::warn(format!(
                "Ctrl-C will not print a summary or close the session: {error}"
            ));
            return;
        }
    };
    let session = std::sync::Arc::clone(session);
    let path = store.path().to_path_buf();
    let clock = clock.clone();
    let deck_ids: Vec<DeckId> = decks.iter().map(|&d| d.clone()).collect();
    std::thread::spawn(move || {
        let Some(signal) = signals.forever().next() else {
            return;
        };
        // The lock is held until exit, so no answer can start saving meanwhile.
        let guard = lock(&session);
        terminal::restore();
        let now = clock.now();
        let mut next_due = None;
        if let Ok(store) = Store::open_file(&path) {
            let _ = store.end_session(id, now);
            let next = deck_ids
                .iter()
                .filter_map(|deck| store.next_due(deck).ok().flatten())
                .min();
            next_due = next.map(|due| (due, describe_due(due, now, &clock)));
        }
        let summary = summary(&guard, started, next_due);
        let code = match signal {
            SIGTERM => ExitCode::Terminated,
            SIGHUP => ExitCode::HungUp,
            _ => ExitCode::Interrupted,
        };
        // After a hang-up there may be no terminal to print to: a failed write is no
        // reason not to exit.
        if interactive {
            let _ = writeln!(std::io::stderr());
            let _ = crate::ui::screen::write_on_normal_screen(&screen_summary_lines(&summary));
        } else {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout);
            for line in summary_lines(&summary) {
                let _ = writeln!(stdout, "{line}");
            }
            let _ = stdout.flush();
        }
        std::process::exit(code.code())
    });
}
