//! Words and numbers as the learner reads them, the same in every front end: the verdict
//! line, durations, the session summary, counts of things.

use std::time::Duration;

use super::Summary;
use crate::judge::{Expected, Reason, Verdict};
use crate::schedule::optimize::Metrics;

/// "1 card", "2 cards": `count` and `noun`, with an "s" unless the count is one.
pub(crate) fn plural(count: impl TryInto<u64>, noun: &str) -> String {
    let count = count.try_into().unwrap_or(u64::MAX);
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The rest of the verdict line after its first word; `answer_to` is the question of
/// the other card whose answer a wrong answer is.
pub(crate) fn verdict_detail(verdict: &Verdict, hinted: bool, answer_to: Option<&str>) -> String {
    let mut detail = match verdict {
        Verdict::Right => String::new(),
        Verdict::Close {
            correct, missing, ..
        } if !missing.is_empty() => {
            format!(
                " — accepted, missing: {} (all: \"{correct}\")",
                missing.join(", ")
            )
        }
        Verdict::Close {
            correct,
            reason: Reason::Romanisation,
            ..
        } => format!(" — accepted as a romanisation of \"{correct}\""),
        Verdict::Close { correct, .. } => format!(" — accepted, spelled \"{correct}\""),
        Verdict::Wrong { missing } if !missing.is_empty() => {
            format!(" — missing: {}", missing.join(", "))
        }
        Verdict::Wrong { .. } => match answer_to {
            Some(question) => format!(" — that is the answer to: {question}"),
            None => String::new(),
        },
    };
    if hinted && verdict.is_accepted() {
        detail.push_str(" (with a hint)");
    }
    detail
}

/// A wrong answer to a several-answer card that gave none of its parts: its `missing`
/// list is the whole answer, which the next line shows already (three rows of it at 40
/// columns), so the verdict line does not list it.
pub(crate) fn nothing_given(verdict: &Verdict, expected: &Expected) -> bool {
    matches!(
        (verdict, expected),
        (Verdict::Wrong { missing }, Expected::Several { parts })
            if !missing.is_empty() && missing.len() >= parts.len()
    )
}

/// [`verdict_detail`] for a front end that prints the card's answer on the next line
/// (`shown_answer`): what that line says is not said again on the verdict line, so a close
/// answer spelled as the card's answer says which rule forgave it instead.
pub(crate) fn verdict_detail_above(
    verdict: &Verdict,
    hinted: bool,
    answer_to: Option<&str>,
    shown_answer: &str,
) -> String {
    let mut detail = match verdict {
        Verdict::Close {
            correct, missing, ..
        } if !missing.is_empty() && correct == shown_answer => {
            format!(" — accepted, missing: {}", missing.join(", "))
        }
        Verdict::Close {
            correct, reason, ..
        } if correct == shown_answer => format!(" — forgiven: {}", reason.label()),
        _ => return verdict_detail(verdict, hinted, answer_to),
    };
    if hinted {
        detail.push_str(" (with a hint)");
    }
    detail
}

pub(crate) fn format_duration(spent: Duration) -> String {
    let seconds = spent.as_secs();
    if seconds >= 3600 {
        format!(
            "{}h{:02}m{:02}s",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    } else {
        format!("{}m{:02}s", seconds / 60, seconds % 60)
    }
}

pub(crate) fn summary_lines(summary: &Summary) -> Vec<String> {
    let mut lines = vec![format!(
        "session: {} asked, {} right, {} close, {} wrong in {}",
        summary.asked,
        summary.right,
        summary.close,
        summary.wrong,
        format_duration(summary.spent)
    )];
    lines.push(match (&summary.next_due, summary.cram) {
        (Some((_, text)), false) => format!("next card due: {text}"),
        (Some((_, text)), true) => {
            format!("next card due in your schedule (cramming leaves it alone): {text}")
        }
        (None, false) => format!("next card due: {NONE_SCHEDULED}"),
        (None, true) => {
            format!("next card due: {NONE_SCHEDULED} (cramming schedules nothing; quiz start does)")
        }
    });
    lines
}

/// What "next card due" says when no card of the decks has a review scheduled, the same
/// words wherever it is said.
pub(crate) const NONE_SCHEDULED: &str = "none scheduled yet";

/// When the next card is due, as "next card due: …" goes on.
pub(crate) fn describe_next(
    next: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
    clock: &crate::env::Clock,
) -> String {
    match next {
        Some(due) => crate::calendar::describe_due(due, now, clock),
        None => NONE_SCHEDULED.to_string(),
    }
}

/// What the study screen leaves on the normal screen when it closes: the summary, what was
/// left for today, and the questions missed (escaped), so the scrollback keeps a record.
pub(crate) fn screen_summary_lines(summary: &Summary) -> Vec<String> {
    let mut lines = summary_lines(summary);
    if summary.left > 0 {
        lines.insert(
            1,
            format!("left for today: {}", plural(summary.left, "card")),
        );
    }
    if !summary.missed.is_empty() {
        lines.push(format!("missed ({}):", summary.missed.len()));
        for question in &summary.missed {
            lines.push(format!("  - {}", crate::escape::escape_line(question)));
        }
    }
    lines
}

/// How well parameters predict a history, one row each: log loss, RMSE over bins, and how
/// many predictions were scored (a row without figures is drawn with dashes).
pub(crate) fn metrics_table(rows: &[(&str, Option<Metrics>)]) -> String {
    let mut out = format!(
        "{:<40} {:>9} {:>11} {:>12}\n",
        "", "log loss", "RMSE(bins)", "predictions"
    );
    for (name, metrics) in rows {
        out.push_str(&match metrics {
            Some(m) => format!(
                "{name:<40} {:>9.4} {:>11.4} {:>12}\n",
                m.log_loss, m.rmse_bins, m.predictions
            ),
            None => format!("{name:<40} {:>9} {:>11} {:>12}\n", "-", "-", "-"),
        });
    }
    out
}

/// The scheduler's parameters before and after a fit, side by side (`w0`, `w1`, …).
pub(crate) fn parameters_table(current: &[f32], fitted: &[f32]) -> String {
    let mut out = format!("{:<10} {:>10} {:>10}\n", "parameter", "current", "fitted");
    for (index, (old, new)) in current.iter().zip(fitted).enumerate() {
        out.push_str(&format!(
            "{:<10} {old:>10.4} {new:>10.4}\n",
            format!("w{index}")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_adds_an_s_unless_one() {
        assert_eq!(plural(0u32, "card"), "0 cards");
        assert_eq!(plural(1u32, "card"), "1 card");
        assert_eq!(plural(2usize, "review"), "2 reviews");
    }

    #[test]
    fn the_screen_summary_adds_what_is_left_and_the_missed_questions() {
        let summary = Summary {
            asked: 2,
            right: 1,
            wrong: 1,
            spent: Duration::from_secs(65),
            left: 3,
            missed: vec!["Capital of\u{1b}[31m Peru?".into()],
            ..Summary::default()
        };
        assert_eq!(
            screen_summary_lines(&summary),
            [
                "session: 2 asked, 1 right, 0 close, 1 wrong in 1m05s",
                "left for today: 3 cards",
                "next card due: none scheduled yet",
                "missed (1):",
                "  - Capital of\\e[31m Peru?",
            ]
        );
    }

    #[test]
    fn wrong_verdict_names_the_card_whose_answer_it_is() {
        let wrong = Verdict::Wrong { missing: vec![] };
        assert_eq!(verdict_detail(&wrong, false, None), "");
        assert_eq!(
            verdict_detail(&wrong, true, Some("Lenin's family name?")),
            " — that is the answer to: Lenin's family name?"
        );
    }

    #[test]
    fn close_verdict_names_the_spelling_or_the_missing_parts() {
        let typo = Verdict::Close {
            correct: "Stalin".into(),
            missing: vec![],
            reason: Reason::Typo,
        };
        assert_eq!(
            verdict_detail(&typo, false, None),
            " — accepted, spelled \"Stalin\""
        );
        let half = Verdict::Close {
            correct: "Lenin, Stalin".into(),
            missing: vec!["Stalin".into()],
            reason: Reason::SomeParts,
        };
        assert_eq!(
            verdict_detail(&half, false, None),
            " — accepted, missing: Stalin (all: \"Lenin, Stalin\")"
        );
        let romanised = Verdict::Close {
            correct: "спасибо".into(),
            missing: Vec::new(),
            reason: Reason::Romanisation,
        };
        assert_eq!(
            verdict_detail(&romanised, false, None),
            " — accepted as a romanisation of \"спасибо\""
        );
    }

    #[test]
    fn above_the_answer_line_a_close_verdict_does_not_repeat_it() {
        let typo = Verdict::Close {
            correct: "Moscow".into(),
            missing: vec![],
            reason: Reason::Typo,
        };
        assert_eq!(
            verdict_detail_above(&typo, false, None, "Moscow"),
            " — forgiven: typo"
        );
        assert_eq!(
            verdict_detail_above(&typo, true, None, "Moscow"),
            " — forgiven: typo (with a hint)"
        );
        // An accepted spelling other than the card's answer is still named.
        assert_eq!(
            verdict_detail_above(&typo, false, None, "Moskva"),
            " — accepted, spelled \"Moscow\""
        );
        let half = Verdict::Close {
            correct: "Lenin, Stalin".into(),
            missing: vec!["Stalin".into()],
            reason: Reason::SomeParts,
        };
        assert_eq!(
            verdict_detail_above(&half, false, None, "Lenin, Stalin"),
            " — accepted, missing: Stalin"
        );
        let wrong = Verdict::Wrong { missing: vec![] };
        assert_eq!(
            verdict_detail_above(&wrong, false, Some("Q?"), "A"),
            " — that is the answer to: Q?"
        );
    }
}
