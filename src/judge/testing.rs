//! Builders for the judge's unit tests, shared by every file of the module so each
//! test reads as one line: the card, what the learner typed, the verdict wanted.

use super::{Expected, Reason, Verdict, judge};

pub(super) fn text(answer: &str) -> Expected {
    text_with(answer, &[])
}

pub(super) fn text_with(answer: &str, accept: &[&str]) -> Expected {
    Expected::Text {
        answer: answer.to_string(),
        accept: accept.iter().map(|a| a.to_string()).collect(),
    }
}

pub(super) fn several(parts: &[&str]) -> Expected {
    Expected::Several {
        parts: parts.iter().map(|p| p.to_string()).collect(),
    }
}

pub(super) fn choice(choices: &[&str], answer: usize) -> Expected {
    Expected::Choice {
        choices: choices.iter().map(|c| c.to_string()).collect(),
        answer,
    }
}

pub(super) fn close(correct: &str) -> Verdict {
    close_because(correct, Reason::Typo)
}

pub(super) fn close_because(correct: &str, reason: Reason) -> Verdict {
    Verdict::Close {
        correct: correct.to_string(),
        missing: Vec::new(),
        reason,
    }
}

pub(super) fn missing(parts: &[&str]) -> Verdict {
    Verdict::Wrong {
        missing: parts.iter().map(|p| p.to_string()).collect(),
    }
}

pub(super) fn no() -> Verdict {
    missing(&[])
}

#[track_caller]
pub(super) fn check(expected: &Expected, given: &str, want: Verdict) {
    assert_eq!(
        judge(expected, given),
        want,
        "judging {given:?} against {expected:?}"
    );
}

pub(super) const REVOLUTIONARIES: [&str; 5] = ["1905", "1917", "Lenin", "Trotsky", "Stalin"];
