//! The verdict as the study screen draws it: the word, the typed answer beside the right
//! one, the letters that differ (wrong, missing, extra; for a close answer, what was
//! forgiven), the explanation and when the card comes back.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::escape::escape_line;
use crate::judge::{Change, Expected, Reason, Verdict, alignment};
use crate::store::types::VerdictWord;
use crate::ui::Outcome;
use crate::ui::format::{nothing_given, verdict_detail};

/// The labels of the lines under the verdict, padded to one width so the answers line up.
const TYPED: &str = "you typed ";
const CHOSE: &str = "you chose ";
const ANSWER: &str = "answer    ";
const LETTERS: &str = "letters   ";
const FORGIVEN: &str = "forgiven  ";

pub(crate) struct Palette {
    pub color: bool,
}

impl Palette {
    pub(crate) fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub(crate) fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub(crate) fn bold(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }
}

/// The answer a typed answer is compared with letter by letter: the spelling a close
/// answer is accepted as, or a typed card's answer when the answer is wrong. A swapped
/// order, initials, a rounded value or another script are no misspelling; choices,
/// true/false and empty answers have nothing to align.
fn aligned_with(outcome: &Outcome<'_>) -> Option<String> {
    if outcome.given.trim().is_empty() || outcome.answer_to.is_some() {
        return None;
    }
    match (outcome.verdict, &outcome.card.expected) {
        (
            Verdict::Close {
                correct,
                missing,
                reason: Reason::Typo | Reason::SurnameOnly | Reason::Unit,
            },
            Expected::Text { .. },
        ) if missing.is_empty() => Some(correct.clone()),
        (Verdict::Wrong { .. }, Expected::Text { answer, .. }) => Some(answer.trim().to_string()),
        _ => None,
    }
}

/// How many letters of the typed answer stand where the expected answer has them.
fn shared_letters(runs: &[(Change, String)]) -> usize {
    runs.iter()
        .filter(|(change, _)| *change == Change::Equal)
        .map(|(_, text)| text.chars().count())
        .sum()
}

/// The typed answer with its differences marked: letters it lacks underlined in green,
/// letters it has too many struck through in red (a wrong letter is both); without colour,
/// `[+a]` and `[-b]`.
pub(crate) fn diff_spans(runs: &[(Change, String)], palette: &Palette) -> Vec<Span<'static>> {
    runs.iter()
        .map(|(change, text)| {
            let text = escape_line(text);
            match (change, palette.color) {
                (Change::Equal, _) => Span::raw(text),
                (Change::Missing, true) => Span::styled(
                    text,
                    Style::new()
                        .fg(Color::Green)
                        .add_modifier(Modifier::UNDERLINED),
                ),
                (Change::Extra, true) => Span::styled(
                    text,
                    Style::new()
                        .fg(Color::Red)
                        .add_modifier(Modifier::CROSSED_OUT),
                ),
                (Change::Missing, false) => Span::raw(format!("[+{text}]")),
                (Change::Extra, false) => Span::raw(format!("[-{text}]")),
            }
        })
        .collect()
}

/// What the learner gave, as they would name it: the choice picked, or the text typed.
fn given_text(outcome: &Outcome<'_>) -> (&'static str, String) {
    let given = outcome.given.trim();
    match &outcome.card.expected {
        Expected::Choice { choices, .. } => {
            let picked = given
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| choices.get(i).map(|choice| (i, choice)));
            match picked {
                Some((i, choice)) => (CHOSE, format!("{}. {}", i + 1, escape_line(choice))),
                None => (CHOSE, escape_line(given)),
            }
        }
        Expected::TrueFalse(_) => (CHOSE, escape_line(given)),
        _ => (TYPED, escape_line(outcome.given)),
    }
}

/// The rest of the verdict line. The spelling a close answer was accepted as is said once,
/// on the `answer` line under it, not in the verdict line too.
fn detail(outcome: &Outcome<'_>) -> String {
    match outcome.verdict {
        Verdict::Close { missing, .. } if missing.is_empty() => {
            let hinted = if outcome.hinted { " (with a hint)" } else { "" };
            format!(" — accepted{hinted}")
        }
        _ if nothing_given(outcome.verdict, &outcome.card.expected) => String::new(),
        verdict => verdict_detail(verdict, outcome.hinted, outcome.answer_to),
    }
}

/// A verdict's lines, and which of them matter most on a screen too low for all.
#[derive(Debug, Clone, Default)]
pub(crate) struct Drawn {
    pub lines: Vec<Line<'static>>,
    /// The first lines — the verdict, the answer given, the right one — stay in view.
    pub must: usize,
    /// Where the explanation is in `lines`: what scrolls first.
    pub explain: std::ops::Range<usize>,
    /// Where the `next:` line is in `lines`, if there is one.
    pub next: Option<usize>,
}

impl Drawn {
    /// The lines held in view when the page is too tall, and the explanation's.
    pub(crate) fn split(&self) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
        let held = self.lines[..self.explain.start]
            .iter()
            .chain(&self.lines[self.explain.end..])
            .cloned()
            .collect();
        (held, self.lines[self.explain.clone()].to_vec())
    }
}

/// The lines of a verdict, under the question.
pub(crate) fn lines(outcome: &Outcome<'_>, palette: &Palette) -> Drawn {
    let color = match outcome.verdict {
        Verdict::Right => Color::Green,
        Verdict::Close { .. } => Color::Yellow,
        Verdict::Wrong { .. } => Color::Red,
    };
    let mut head = vec![
        Span::styled(
            VerdictWord::judged(outcome.verdict).name().to_string(),
            palette.fg(color).patch(palette.bold()),
        ),
        Span::raw(escape_line(&detail(outcome))),
    ];
    if outcome.leech {
        head.push(Span::styled(" [leech]", palette.fg(Color::Magenta)));
    }
    let mut lines = vec![Line::from(head)];
    let label = |text: &'static str| Span::styled(format!("  {text}"), palette.dim());
    // A close answer is shown against the spelling it was accepted as.
    let answer = match outcome.verdict {
        Verdict::Close {
            correct, missing, ..
        } if missing.is_empty() => escape_line(correct),
        _ => escape_line(&outcome.card.answer_text()),
    };
    if outcome.given.trim().is_empty() {
        lines.push(Line::from(vec![label(TYPED), Span::raw("(nothing)")]));
    } else {
        let (name, given) = given_text(outcome);
        lines.push(Line::from(vec![label(name), Span::raw(given)]));
    }
    // A right answer as typed, give or take case, needs no second line saying it again.
    // A right pick names the answer already.
    let same = matches!(outcome.verdict, Verdict::Right)
        && (matches!(
            outcome.card.expected,
            Expected::Choice { .. } | Expected::TrueFalse(_)
        ) || outcome.given.trim().to_lowercase()
            == outcome.card.answer_text().trim().to_lowercase());
    if !same {
        lines.push(Line::from(vec![
            label(ANSWER),
            Span::styled(answer, palette.bold()),
        ]));
    }
    let must = lines.len();
    if let Some(expected) = aligned_with(outcome)
        && let runs = alignment(&expected, outcome.given)
        // Only a misspelling is worth a letter-by-letter line: an answer sharing a stray
        // letter or two with the right one ("Moskow" for "March 27, 1958") is not one.
        && shared_letters(&runs) * 2 >= expected.chars().count()
    {
        let mut spans = vec![label(LETTERS)];
        spans.extend(diff_spans(&runs, palette));
        lines.push(Line::from(spans));
    }
    if let Verdict::Close { reason, .. } = outcome.verdict {
        lines.push(Line::from(vec![label(FORGIVEN), Span::raw(reason.label())]));
    }
    let explain_start = lines.len();
    if let Some(explain) = &outcome.card.explain {
        for line in crate::escape::escape_control(explain).lines() {
            lines.push(Line::from(Span::styled(
                format!("  {}", line.replace('\t', "    ")),
                palette.dim(),
            )));
        }
    }
    let explain = explain_start..lines.len();
    let mut drawn = Drawn {
        lines,
        must,
        explain,
        next: None,
    };
    drawn.set_next(outcome.next.as_deref(), palette);
    drawn
}

impl Drawn {
    /// Says when the card comes back (`None`: nothing to say), in place of what it said.
    pub(crate) fn set_next(&mut self, next: Option<&str>, palette: &Palette) {
        if let Some(at) = self.next.take() {
            self.lines.remove(at);
        }
        if let Some(next) = next {
            self.next = Some(self.lines.len());
            self.lines.push(Line::from(Span::styled(
                format!("  next: {next}"),
                palette.dim(),
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|span| span.content.as_ref()).collect()
    }

    #[test]
    fn the_diff_marks_letters_missing_and_extra() {
        let plain = Palette { color: false };
        assert!(shared_letters(&alignment("March 27, 1958", "Moskow")) * 2 < 14);
        assert!(shared_letters(&alignment("Moscow", "Mosow")) * 2 >= 6);
        let runs = alignment("Stalin", "Stallyn");
        assert_eq!(text(&diff_spans(&runs, &plain)), "Stal[+i][-ly]n");
        let runs = alignment("Moscow", "Mosow");
        assert_eq!(text(&diff_spans(&runs, &plain)), "Mos[+c]ow");
        let coloured = diff_spans(&runs, &Palette { color: true });
        assert_eq!(text(&coloured), "Moscow");
        assert_eq!(coloured[1].style.fg, Some(Color::Green));
        let runs = alignment("a", "a\u{1b}[31m");
        assert!(!text(&diff_spans(&runs, &plain)).contains('\u{1b}'));
    }
}
