//! The interactive front end: dialoguer prompts, coloured verdicts, a key to override.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use console::{Key, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

use super::format::{summary_lines, verdict_detail};
use super::{Frontend, Next, Outcome, Prompt, Reply, Summary, await_interrupt_handler, command};
use crate::deck::{Card, Kind};
use crate::escape::{escape_control, escape_line};
use crate::judge::{Change, Expected, Reason, Verdict, alignment};
use crate::schedule::Rating;
use crate::store::types::VerdictWord;

pub(crate) struct Interactive {
    term: Term,
    theme: Box<dyn Theme>,
    color: bool,
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// The answer a typed answer is aligned with, letter by letter: the spelling a close
/// answer is accepted as, or a typed card's answer when the answer is wrong. Choices,
/// true/false and empty answers have nothing to align.
fn aligned_with(outcome: &Outcome<'_>) -> Option<String> {
    if outcome.given.trim().is_empty() || outcome.answer_to.is_some() {
        return None;
    }
    match (outcome.verdict, &outcome.card.expected) {
        // A swapped order, initials, a rounded value or another script are no misspelling.
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

/// The typed answer with its differences marked: letters it lacks in green, letters it
/// has too many struck through in red; without colour, `[+a]` and `[-b]`.
/// How many letters of the typed answer stand where the expected answer has them.
fn shared_letters(runs: &[(Change, String)]) -> usize {
    runs.iter()
        .filter(|(change, _)| *change == Change::Equal)
        .map(|(_, text)| text.chars().count())
        .sum()
}

fn render_alignment(runs: &[(Change, String)], color: bool) -> String {
    const MISSING: Style = Style::new()
        .underline()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
    const EXTRA: Style = Style::new()
        .strikethrough()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
    let mut out = String::new();
    for (change, text) in runs {
        let text = escape_control(text);
        match (change, color) {
            (Change::Equal, _) => out.push_str(&text),
            (Change::Missing, true) => out.push_str(&format!("{MISSING}{text}{MISSING:#}")),
            (Change::Extra, true) => out.push_str(&format!("{EXTRA}{text}{EXTRA:#}")),
            (Change::Missing, false) => out.push_str(&format!("[+{text}]")),
            (Change::Extra, false) => out.push_str(&format!("[-{text}]")),
        }
    }
    out
}

impl Interactive {
    pub(crate) fn new(color: bool) -> Interactive {
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Interactive {
            term: Term::stderr(),
            theme,
            color,
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn line(&self, text: &str) -> io::Result<()> {
        self.term.write_line(text)
    }

    /// A typed answer's first key, read before dialoguer's text input starts, since that
    /// input has no key to give up: Esc (or Ctrl-D) on the empty line quits, Enter is an
    /// empty answer, and a character begins the answer. `q` is a character like any other:
    /// quitting is Esc, Ctrl-C or `:q`.
    fn first_key(&self, label: &str) -> io::Result<Result<String, Reply>> {
        let mut prompt = String::new();
        self.theme
            .format_input_prompt(&mut prompt, label, None)
            .map_err(io::Error::other)?;
        self.term.write_str(&prompt)?;
        self.term.flush()?;
        let first = loop {
            match self.term.read_key() {
                Ok(Key::Escape | Key::CtrlC | Key::Char('\u{4}')) => break Err(Reply::Quit),
                Ok(Key::Enter) => break Err(Reply::Answer(String::new())),
                Ok(Key::Char(c)) if !c.is_control() => break Ok(c.to_string()),
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                    await_interrupt_handler();
                    break Err(Reply::Quit);
                }
                Err(error) => return Err(error),
            }
        };
        self.term.clear_line()?;
        Ok(first)
    }
}

/// dialoguer reports an interrupted read as an error; the session treats it as a quit.
fn reply_from(result: dialoguer::Result<String>) -> io::Result<Reply> {
    match result {
        Ok(text) => Ok(command(&text).unwrap_or(Reply::Answer(text))),
        Err(dialoguer::Error::IO(error)) if error.kind() == io::ErrorKind::Interrupted => {
            await_interrupt_handler();
            Ok(Reply::Quit)
        }
        Err(dialoguer::Error::IO(error)) => Err(error),
    }
}

impl Frontend for Interactive {
    fn notice(&mut self, text: &str) -> io::Result<()> {
        self.line(&escape_control(text))
    }

    fn ask(&mut self, prompt: &Prompt<'_>) -> io::Result<Reply> {
        let card = prompt.card;
        if !prompt.hint_shown {
            self.line("")?;
            let mark = self.paint(DIM, &format!("[{}/{}]", prompt.position, prompt.total));
            self.line(&format!(
                "{mark} {}",
                self.paint(BOLD, &escape_control(&card.question.text()))
            ))?;
        }
        if prompt.flip {
            self.term
                .write_str(&self.paint(DIM, "Enter shows the answer · q: quit "))?;
            self.term.flush()?;
            let key = loop {
                match self.term.read_key() {
                    Ok(Key::Enter | Key::Char(' ')) => break Reply::Answer(String::new()),
                    Ok(Key::Char('q') | Key::Escape | Key::CtrlC | Key::Char('\u{4}')) => {
                        break Reply::Quit;
                    }
                    Ok(Key::Char('u')) => break Reply::Undo,
                    Ok(_) => {}
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                        await_interrupt_handler();
                        break Reply::Quit;
                    }
                    Err(error) => return Err(error),
                }
            };
            self.term.clear_line()?;
            return Ok(key);
        }
        let items: Vec<String> = match &card.expected {
            Expected::Choice { choices, .. } => choices.iter().map(|c| escape_line(c)).collect(),
            Expected::TrueFalse(_) => vec!["True".into(), "False".into()],
            _ => Vec::new(),
        };
        if !items.is_empty() {
            let chosen = Select::with_theme(self.theme.as_ref())
                .with_prompt("Your answer (arrows, Enter; Esc or q to quit)")
                .items(&items)
                .default(0)
                .report(false)
                .interact_on_opt(&self.term);
            return match chosen {
                Ok(Some(index)) => Ok(Reply::Answer(match &card.expected {
                    Expected::TrueFalse(_) => {
                        (if index == 0 { "true" } else { "false" }).to_string()
                    }
                    _ => (index + 1).to_string(),
                })),
                Ok(None) => Ok(Reply::Quit),
                Err(error) => reply_from(Err(error)),
            };
        }
        let label = match card.kind {
            Kind::Several => "Your answers (comma-separated; ? for a hint, Esc to quit)",
            // Gaps that share an Anki number are one card: every gap is answered.
            Kind::Cloze if matches!(card.expected, Expected::Several { .. }) => {
                "Fill the gaps (comma-separated; ? for a hint, Esc to quit)"
            }
            Kind::Cloze => "Fill the gap (? for a hint, Esc to quit)",
            _ => "Your answer (? for a hint, Esc to quit)",
        };
        let first = match self.first_key(label)? {
            Ok(first) => first,
            Err(reply) => return Ok(reply),
        };
        let result = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(label)
            .with_initial_text(first)
            .allow_empty(true)
            .report(false)
            .interact_text_on(&self.term);
        reply_from(result)
    }

    fn show_hint(&mut self, card: &Card) -> io::Result<()> {
        let hint = card
            .hint
            .as_deref()
            .map_or_else(|| "(this card has no hint)".to_string(), escape_line);
        self.line(&format!("  {} {hint}", self.paint(DIM, "hint:")))
    }

    fn show_outcome(&mut self, outcome: &Outcome<'_>) -> io::Result<Next> {
        let color = match outcome.verdict {
            Verdict::Right => AnsiColor::Green,
            Verdict::Close { .. } => AnsiColor::Yellow,
            Verdict::Wrong { .. } => AnsiColor::Red,
        };
        let word = self.paint(
            Style::new().bold().fg_color(Some(color.into())),
            VerdictWord::judged(outcome.verdict).name(),
        );
        let leech = if outcome.leech {
            self.paint(
                Style::new().fg_color(Some(AnsiColor::Magenta.into())),
                " [leech]",
            )
        } else {
            String::new()
        };
        self.line(&format!(
            "{word}{}{leech}",
            escape_line(&verdict_detail(
                outcome.verdict,
                outcome.hinted,
                outcome.answer_to
            ))
        ))?;
        if !matches!(outcome.verdict, Verdict::Right) {
            self.line(&format!(
                "  {} {}",
                self.paint(DIM, "answer:"),
                escape_line(&outcome.card.answer_text())
            ))?;
        }
        if let Verdict::Close { reason, .. } = outcome.verdict {
            self.line(&format!(
                "  {} {}",
                self.paint(DIM, "forgiven:"),
                reason.label()
            ))?;
        }
        if let Some(expected) = aligned_with(outcome)
            && let runs = alignment(&expected, outcome.given)
            // Only a misspelling is worth a letter-by-letter line: an answer sharing a stray
            // letter or two with the right one ("Moskow" for "March 27, 1958") is not one.
            && shared_letters(&runs) * 2 >= expected.chars().count()
        {
            self.line(&format!(
                "  {} {}",
                self.paint(DIM, "typed:"),
                render_alignment(&runs, self.color)
            ))?;
        }
        if let Some(explain) = &outcome.card.explain {
            self.line(&format!("  {}", self.paint(DIM, &escape_control(explain))))?;
        }
        let flip = if outcome.verdict.is_accepted() {
            "w: I was wrong"
        } else {
            "r: I was right"
        };
        self.term
            .write_str(&self.paint(DIM, &format!("Enter: next · {flip} · u: undo · q: quit ")))?;
        self.term.flush()?;
        let next = loop {
            let key = match self.term.read_key() {
                Ok(key) => key,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                    await_interrupt_handler();
                    break Next::Quit;
                }
                Err(error) => return Err(error),
            };
            match key {
                Key::Enter | Key::Char(' ') => break Next::Continue,
                Key::Char('r') if !outcome.verdict.is_accepted() => break Next::Override(true),
                Key::Char('w') if outcome.verdict.is_accepted() => break Next::Override(false),
                Key::Char('u') => break Next::Undo,
                Key::Char('q') | Key::Escape | Key::Char('\u{4}') | Key::CtrlC => break Next::Quit,
                _ => {}
            }
        };
        self.term.clear_line()?;
        Ok(next)
    }

    fn show_override(&mut self, accepted: bool) -> io::Result<()> {
        let text = if accepted {
            "counted as right"
        } else {
            "counted as wrong"
        };
        self.line(&self.paint(DIM, text))
    }

    fn offer_accept(&mut self) -> io::Result<bool> {
        self.term
            .write_str(&self.paint(DIM, "a: accept this answer from now on · Enter: next "))?;
        self.term.flush()?;
        let accept = loop {
            match self.term.read_key() {
                Ok(Key::Char('a')) => break true,
                Ok(Key::Enter | Key::Char(' ') | Key::Escape | Key::Char('q')) => break false,
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                    await_interrupt_handler();
                    break false;
                }
                Err(error) => return Err(error),
            }
        };
        self.term.clear_line()?;
        Ok(accept)
    }

    fn grade(&mut self, card: &Card) -> io::Result<Option<Rating>> {
        self.line(&format!(
            "  {} {}",
            self.paint(DIM, "answer:"),
            self.paint(BOLD, &escape_line(&card.answer_text()))
        ))?;
        if let Some(explain) = &card.explain {
            self.line(&format!("  {}", self.paint(DIM, &escape_control(explain))))?;
        }
        self.term.write_str(&self.paint(
            DIM,
            &format!(
                "How well did you know it? {} · q: quit ",
                super::grade_choices(" · ")
            ),
        ))?;
        self.term.flush()?;
        let grade = loop {
            match self.term.read_key() {
                Ok(Key::Char(c @ '1'..='4')) => break Rating::from_number(c as u8 - b'0'),
                Ok(Key::Char('q') | Key::Escape | Key::CtrlC | Key::Char('\u{4}')) => break None,
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                    await_interrupt_handler();
                    break None;
                }
                Err(error) => return Err(error),
            }
        };
        self.term.clear_line()?;
        Ok(grade)
    }

    fn show_grade(&mut self, _card: &Card, word: &str, leech: bool) -> io::Result<Next> {
        let leech = if leech { " [leech]" } else { "" };
        self.line(&self.paint(DIM, &format!("graded {word}{leech}")))?;
        Ok(Next::Continue)
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        self.term.show_cursor()?;
        self.line("")?;
        for line in summary_lines(summary) {
            self.line(&line)?;
        }
        io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_marks_letters_missing_and_extra() {
        assert!(shared_letters(&alignment("March 27, 1958", "Moskow")) * 2 < 14);
        assert!(shared_letters(&alignment("Moscow", "Mosow")) * 2 >= 6);
        let runs = alignment("Stalin", "Stallyn");
        assert_eq!(render_alignment(&runs, false), "Stal[+i][-ly]n");
        let runs = alignment("Moscow", "Mosow");
        assert_eq!(render_alignment(&runs, false), "Mos[+c]ow");
        assert_eq!(
            render_alignment(&runs, true),
            "Mos\u{1b}[4m\u{1b}[32mc\u{1b}[0mow"
        );
        let runs = alignment("a", "a\u{1b}[31m");
        assert!(!render_alignment(&runs, false).contains('\u{1b}'));
    }
}
