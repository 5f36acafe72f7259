//! Asking an author for fields, one at a time: dialoguer on a terminal, lines otherwise.
//!
//! `None` from any question means the author wants to stop (end of input, Esc, Ctrl-C).

use std::io::{self, BufRead, Write};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, Select};

use crate::escape::escape_control;

pub trait Form {
    /// A line of text; empty is allowed (the caller decides what empty means).
    fn text(&mut self, prompt: &str) -> io::Result<Option<String>>;
    fn select(&mut self, prompt: &str, items: &[&str]) -> io::Result<Option<usize>>;
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>>;
    fn say(&mut self, text: &str) -> io::Result<()>;
}

pub struct PlainForm<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> PlainForm<R, W> {
    pub fn new(input: R, output: W) -> Self {
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

pub struct TermForm {
    theme: Box<dyn Theme>,
}

impl TermForm {
    pub fn new(color: bool) -> TermForm {
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TermForm { theme }
    }
}

fn stopped<T>(result: dialoguer::Result<T>) -> io::Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(dialoguer::Error::IO(error)) if error.kind() == io::ErrorKind::Interrupted => Ok(None),
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
