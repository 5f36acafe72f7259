//! The plain front end: lines in, lines out, no colour and no cursor movement.
//!
//! Used when stdin is not a terminal or with `--plain`. The transcript is documented in the
//! README as stable, so scripts and tests can drive a session by piping answers.

use std::io::{self, BufRead, Write};

use super::format::{nothing_given, summary_lines, verdict_detail_above};
use super::{Frontend, Next, Outcome, Prompt, Reply, Summary, command, is_quit, parse_grade};
use crate::deck::{Card, Kind};
use crate::escape::{escape_control, escape_line};
use crate::judge::Expected;
use crate::schedule::Rating;
use crate::store::types::VerdictWord;

pub(crate) struct Plain<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    pub(crate) fn new(input: R, output: W) -> Self {
        Plain { input, output }
    }

    fn read_line(&mut self) -> io::Result<Option<String>> {
        super::read_line(&mut self.input)
    }
}

impl<R: BufRead, W: Write> Frontend for Plain<R, W> {
    fn notice(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{}", escape_control(text))?;
        self.output.flush()
    }

    fn ask(&mut self, prompt: &Prompt<'_>) -> io::Result<Reply> {
        let card = prompt.card;
        if !prompt.hint_shown {
            writeln!(
                self.output,
                "[{}/{}] {}",
                prompt.position,
                prompt.total,
                escape_line(&card.question.text())
            )?;
            match &card.expected {
                _ if prompt.flip => writeln!(self.output, "  (Enter shows the answer)")?,
                Expected::Choice { choices, .. } => {
                    for (number, choice) in choices.iter().enumerate() {
                        writeln!(self.output, "  {}. {}", number + 1, escape_line(choice))?;
                    }
                }
                Expected::TrueFalse(_) => writeln!(self.output, "  (true/false)")?,
                Expected::Several { parts } => {
                    writeln!(
                        self.output,
                        "  ({} answers, separated by commas)",
                        parts.len()
                    )?;
                }
                Expected::Text { .. } if card.kind == Kind::Cloze => {
                    writeln!(self.output, "  (fill the gap)")?
                }
                Expected::Text { .. } => {}
            }
        }
        self.output.flush()?;
        let Some(line) = self.read_line()? else {
            return Ok(Reply::Quit);
        };
        // A flip-mode question reads no answer, so `q` there is no answer either.
        if prompt.flip && is_quit(&line) {
            return Ok(Reply::Quit);
        }
        Ok(command(&line).unwrap_or(Reply::Answer(line)))
    }

    fn show_hint(&mut self, card: &Card) -> io::Result<()> {
        match &card.hint {
            Some(hint) => writeln!(self.output, "  hint: {}", escape_line(hint))?,
            None => writeln!(self.output, "  hint: (this card has no hint)")?,
        }
        self.output.flush()
    }

    fn show_outcome(&mut self, outcome: &Outcome<'_>) -> io::Result<Next> {
        let leech = if outcome.leech { " [leech]" } else { "" };
        let answer = outcome.card.answer_text();
        let detail = if nothing_given(outcome.verdict, &outcome.card.expected) {
            String::new()
        } else {
            verdict_detail_above(outcome.verdict, outcome.hinted, outcome.answer_to, &answer)
        };
        writeln!(
            self.output,
            "{}{}{leech}",
            VerdictWord::judged(outcome.verdict).name(),
            escape_line(&detail)
        )?;
        writeln!(self.output, "  answer: {}", escape_line(&answer))?;
        if let Some(explain) = &outcome.card.explain {
            writeln!(self.output, "  explain: {}", escape_line(explain))?;
        }
        // A miss comes back in this session, which "tomorrow" alone would hide; a right
        // answer's interval is the screen's business, and the transcript stays as it was.
        if !outcome.verdict.is_accepted()
            && let Some(next) = &outcome.next
        {
            writeln!(self.output, "  next: {next}")?;
        }
        writeln!(self.output)?;
        self.output.flush()?;
        // Overrides come as the next line, read with the next question.
        Ok(Next::Continue)
    }

    fn show_override(&mut self, accepted: bool) -> io::Result<()> {
        writeln!(
            self.output,
            "overridden: {}",
            if accepted { "right" } else { "wrong" }
        )?;
        self.output.flush()
    }

    fn grade(&mut self, card: &Card, _grades: &[super::GradeChoice]) -> io::Result<Option<Rating>> {
        writeln!(
            self.output,
            "  answer: {}",
            escape_line(&card.answer_text())
        )?;
        if let Some(explain) = &card.explain {
            writeln!(self.output, "  explain: {}", escape_line(explain))?;
        }
        loop {
            writeln!(self.output, "grade: {}", super::grade_choices(", "))?;
            self.output.flush()?;
            let Some(line) = self.read_line()? else {
                return Ok(None);
            };
            if is_quit(&line) {
                return Ok(None);
            }
            if let Some(rating) = parse_grade(&line) {
                return Ok(Some(rating));
            }
        }
    }

    fn show_grade(&mut self, _card: &Card, graded: &super::Graded<'_>) -> io::Result<Next> {
        let leech = if graded.leech { " [leech]" } else { "" };
        writeln!(self.output, "graded {}{leech}", graded.word)?;
        // As after a missed verdict: when the card comes back in this session.
        if graded.missed
            && let Some(next) = graded.next
        {
            writeln!(self.output, "  next: {next}")?;
        }
        writeln!(self.output)?;
        self.output.flush()?;
        Ok(Next::Continue)
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        for line in summary_lines(summary) {
            writeln!(self.output, "{line}")?;
        }
        self.output.flush()
    }
}
