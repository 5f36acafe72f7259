//! Asking an author for fields, one at a time: dialoguer on a terminal, lines otherwise;
//! and the questions `quiz add` asks for each kind of card.
//!
//! `None` from any question means the author wants to stop (end of input, Esc, Ctrl-C).

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, Select};

use crate::deck::edit::{NewAnswer, NewCard, append_card};
use crate::deck::{Kind, id};
use crate::escape::escape_control;

pub(crate) trait Form {
    /// A line of text; empty is allowed (the caller decides what empty means).
    fn text(&mut self, prompt: &str) -> io::Result<Option<String>>;
    fn select(&mut self, prompt: &str, items: &[&str]) -> io::Result<Option<usize>>;
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>>;
    fn say(&mut self, text: &str) -> io::Result<()>;
}

fn list(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn optional(text: String) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Asks for one card of any kind, field by field, with a readable id not in `ids`; `None`
/// when the author stops.
pub(crate) fn ask_card(
    form: &mut dyn Form,
    ids: &HashSet<String>,
) -> anyhow::Result<Option<NewCard>> {
    let kinds = Kind::NAMES;
    let Some(kind_index) = form.select("kind", &kinds)? else {
        return Ok(None);
    };
    let kind = Kind::from_name(kinds[kind_index]).unwrap_or(Kind::Text);
    let mut card = NewCard::default();
    let prompt_text = if kind == Kind::Cloze {
        let Some(cloze) = ask_required(form, "cloze text (mark each gap as {{answer}})")? else {
            return Ok(None);
        };
        card.cloze = Some(cloze.clone());
        cloze
    } else {
        let question = if kind == Kind::TrueFalse {
            "statement (true or false)"
        } else {
            "question"
        };
        let Some(question) = ask_required(form, question)? else {
            return Ok(None);
        };
        card.question = Some(question.clone());
        question
    };
    match kind {
        Kind::Text => {
            let Some(answer) = ask_required(form, "answer")? else {
                return Ok(None);
            };
            card.answer = Some(NewAnswer::Text(answer));
            let Some(accept) =
                form.text("other answers that count as right (separated by |, optional)")?
            else {
                return Ok(None);
            };
            card.accept = list(&accept);
        }
        Kind::Choice => {
            let Some(choices) = ask_required(form, "choices (separated by |)")? else {
                return Ok(None);
            };
            card.choices = list(&choices);
            let Some(answer) = ask_required(form, "the right choice (its text or number)")? else {
                return Ok(None);
            };
            let answer = match answer.trim().parse::<usize>() {
                Ok(n) if (1..=card.choices.len()).contains(&n) => card.choices[n - 1].clone(),
                _ => answer,
            };
            card.answer = Some(NewAnswer::Text(answer));
        }
        Kind::TrueFalse => {
            let Some(answer) = form.select("answer", &["true", "false"])? else {
                return Ok(None);
            };
            card.answer = Some(NewAnswer::Bool(answer == 0));
        }
        Kind::Several => {
            let Some(parts) = ask_required(form, "answers (separated by |)")? else {
                return Ok(None);
            };
            card.answer = Some(NewAnswer::Several(list(&parts)));
        }
        Kind::Cloze => {}
    }
    let Some(explain) = form.text("explanation shown after answering (optional)")? else {
        return Ok(None);
    };
    card.explain = optional(explain);
    let Some(hint) = form.text("hint (optional)")? else {
        return Ok(None);
    };
    card.hint = optional(hint);
    let Some(tags) = form.text("tags (separated by spaces or commas, optional)")? else {
        return Ok(None);
    };
    card.tags = tags
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    card.id = id::unique(&id::slug(&prompt_text.replace(['{', '}'], " "), 6, 48), ids);
    Ok(Some(card))
}

fn ask_required(form: &mut dyn Form, prompt: &str) -> anyhow::Result<Option<String>> {
    loop {
        let Some(text) = form.text(prompt)? else {
            return Ok(None);
        };
        if let Some(text) = optional(text) {
            return Ok(Some(text));
        }
        form.say("this field is needed")?;
    }
}

/// The card as it will appear in the file.
pub(crate) fn preview(card: &NewCard) -> anyhow::Result<String> {
    let appended = append_card("", card)?;
    Ok(appended.trim_end().to_string())
}

pub(crate) struct PlainForm<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> PlainForm<R, W> {
    pub(crate) fn new(input: R, output: W) -> Self {
        PlainForm { input, output }
    }

    fn line(&mut self) -> io::Result<Option<String>> {
        super::read_line(&mut self.input)
    }
}

impl<R: BufRead, W: Write> Form for PlainForm<R, W> {
    fn text(&mut self, prompt: &str) -> io::Result<Option<String>> {
        writeln!(self.output, "{prompt}:")?;
        self.output.flush()?;
        self.line()
    }

    /// Takes the item's number or its text.
    fn select(&mut self, prompt: &str, items: &[&str]) -> io::Result<Option<usize>> {
        loop {
            writeln!(self.output, "{prompt} ({}):", items.join("/"))?;
            self.output.flush()?;
            let Some(line) = self.line()? else {
                return Ok(None);
            };
            let answer = line.trim();
            if answer.is_empty() {
                return Ok(Some(0));
            }
            if let Some(index) = items
                .iter()
                .position(|item| item.eq_ignore_ascii_case(answer))
            {
                return Ok(Some(index));
            }
            if let Some(index) = answer
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=items.len()).contains(n))
            {
                return Ok(Some(index - 1));
            }
            writeln!(self.output, "please answer one of: {}", items.join(", "))?;
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        loop {
            writeln!(
                self.output,
                "{prompt} [{}]:",
                if default { "Y/n" } else { "y/N" }
            )?;
            self.output.flush()?;
            let Some(line) = self.line()? else {
                return Ok(None);
            };
            match line.trim().to_lowercase().as_str() {
                "" => return Ok(Some(default)),
                "y" | "yes" => return Ok(Some(true)),
                "n" | "no" => return Ok(Some(false)),
                _ => writeln!(self.output, "please answer y or n")?,
            }
        }
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{}", escape_control(text))?;
        self.output.flush()
    }
}

pub(crate) struct TermForm {
    theme: Box<dyn Theme>,
}

impl TermForm {
    /// The terminal form, with Ctrl-C's handler installed: every card added so far is in the
    /// file already, so an interrupt only has to give the terminal back.
    pub(crate) fn new(color: bool) -> TermForm {
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        if let Err(error) = ctrlc::set_handler(interrupted) {
            super::warn(format!("Ctrl-C may leave the cursor hidden: {error}"));
        }
        TermForm { theme }
    }
}

/// Ctrl-C at any prompt: a select list hid the cursor, so it is shown again (dialoguer
/// shows it only on Enter or Esc), and quiz exits as interrupted.
fn interrupted() {
    let term = console::Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("");
    let _ = term.write_line("interrupted: the cards added before this one are saved");
    std::process::exit(crate::exit::ExitCode::Interrupted.code());
}

fn stopped<T>(result: dialoguer::Result<T>) -> io::Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(dialoguer::Error::IO(error)) if error.kind() == io::ErrorKind::Interrupted => {
            // console raised SIGINT as well: the handler restores the terminal and exits
            // 130, which a quiet `None` here (then exit 0) would race.
            let _ = console::Term::stderr().show_cursor();
            super::await_interrupt_handler();
            Ok(None)
        }
        Err(dialoguer::Error::IO(error)) => Err(error),
    }
}

impl Form for TermForm {
    fn text(&mut self, prompt: &str) -> io::Result<Option<String>> {
        stopped(
            Input::<String>::with_theme(self.theme.as_ref())
                .with_prompt(prompt)
                .allow_empty(true)
                .interact_text(),
        )
    }

    fn select(&mut self, prompt: &str, items: &[&str]) -> io::Result<Option<usize>> {
        match Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact_opt()
        {
            Ok(choice) => Ok(choice),
            Err(error) => stopped(Err(error)).map(Option::flatten),
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        match Confirm::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .default(default)
            .interact_opt()
        {
            Ok(choice) => Ok(choice),
            Err(error) => stopped(Err(error)).map(Option::flatten),
        }
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        eprintln!("{}", escape_control(text));
        Ok(())
    }
}
