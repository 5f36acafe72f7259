//! The type-ahead guard: a key that arrives within [`SETTLE`] of a verdict (or of any page
//! that takes one-key commands), or hard on the heels of another key, was typed before the
//! learner could have read the page, so it is not obeyed. Typing `west⏎` just after a right
//! verdict must not override it to wrong.

use std::time::{Duration, Instant};

/// How long a page must have been on screen before a key on it is a command.
pub(crate) const SETTLE: Duration = Duration::from_millis(300);

/// Keys closer together than this are a burst of typing, not a decision.
pub(crate) const BURST: Duration = Duration::from_millis(120);

#[derive(Debug, Clone, Copy)]
pub(crate) struct Guard {
    shown: Instant,
    last_key: Option<Instant>,
}

impl Guard {
    /// A guard for a page drawn at `shown`; `last_key` is when the key before came.
    pub(crate) fn new(shown: Instant, last_key: Option<Instant>) -> Guard {
        Guard { shown, last_key }
    }

    /// Whether a key arriving at `at` is deliberate. Every key, obeyed or not, restarts the
    /// burst, so the tail of a fast word is dropped along with its head.
    pub(crate) fn deliberate(&mut self, at: Instant) -> bool {
        let settled = at.saturating_duration_since(self.shown) >= SETTLE;
        let apart = self
            .last_key
            .is_none_or(|last| at.saturating_duration_since(last) >= BURST);
        self.last_key = Some(at);
        settled && apart
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_right_after_the_page_or_in_a_burst_are_not_commands() {
        let shown = Instant::now();
        let ms = |n| shown + Duration::from_millis(n);
        let mut guard = Guard::new(shown, Some(shown));
        // `west⏎` typed straight after the verdict: none of it acts, not even the tail
        // that comes after the page has settled.
        for at in [20, 110, 200, 290, 380, 470] {
            assert!(!guard.deliberate(ms(at)), "{at} ms");
        }
        // A pause, then a key on its own: a decision.
        assert!(guard.deliberate(ms(900)));
        assert!(!guard.deliberate(ms(950)), "a key hard on its heels");
    }

    #[test]
    fn a_lone_key_after_the_page_settles_is_a_command() {
        let shown = Instant::now();
        let mut guard = Guard::new(shown, None);
        assert!(!guard.deliberate(shown + Duration::from_millis(299)));
        let mut guard = Guard::new(shown, None);
        assert!(guard.deliberate(shown + SETTLE));
    }
}
