//! A progress bar for long work (`quiz optimize`): on stderr, only once the work has run
//! for a second, and never when stderr is not a terminal or output is plain.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::env::Context;

/// How long work may run silently before a progress bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// A progress bar on stderr that appears only once work has run for a second, and never
/// when stderr is not a terminal or output is plain.
pub(crate) struct Progress {
    bar: ProgressBar,
    started: Instant,
    allowed: bool,
    shown: bool,
}

impl Progress {
    pub(crate) fn new(message: &'static str, context: &Context) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg:>14} [{bar:40}] {percent:>3}% {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        Progress {
            bar,
            started: Instant::now(),
            allowed: !context.plain,
            shown: false,
        }
    }

    pub(crate) fn update(&mut self, done: u64, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        if self.allowed && !self.shown && self.started.elapsed() >= QUIET_FOR {
            self.shown = true;
            // indicatif draws nothing when stderr is not a terminal.
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub(crate) fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}
