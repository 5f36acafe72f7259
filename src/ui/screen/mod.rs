//! The study screen: `start`, `missed` and `cram` on a terminal, full screen (ratatui on
//! crossterm, the alternate screen on stderr). It shows what the session hands it and reports
//! the keys; it never judges, schedules or saves. Leaving — by Esc, `:q`, Ctrl-C, a signal
//! or a panic — hands the terminal back as it was and prints the summary on the normal
//! screen, where the scrollback keeps it.

mod asking;
mod guard;
pub(crate) mod terminal;
mod verdict;
mod view;

use std::collections::HashMap;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::Color;
use ratatui::text::{Line, Span};

use self::guard::Guard;
use self::terminal::Backend;
use self::verdict::{Drawn, Palette};
use self::view::{Compact, Field, Header, Page};
use super::format::screen_summary_lines;
use super::{
    Frontend, GradeChoice, Next, Outcome, Prompt, Reply, Summary, await_interrupt_handler,
};
use crate::deck::{Card, Kind};
use crate::escape::{escape_control, escape_line};
use crate::judge::Expected;
use crate::schedule::Rating;

/// What the learner did on a page: a key (with when it came) or pasted text.
enum Arrival {
    Key(KeyEvent, Instant),
    Paste(String),
}

pub(crate) struct Screen {
    terminal: Terminal<Backend>,
    palette: Palette,
    header: Header,
    started: Instant,
    page: Page,
    /// Lines from the session (notices, the hint) shown under the card until the next answer.
    messages: Vec<Line<'static>>,
    /// The card on screen as its question reads, with its kind, for every page of it.
    question: Vec<Line<'static>>,
    /// The hint, once asked for on this card.
    hint: Option<String>,
    last_key: Option<Instant>,
    /// The answer typed last at each card (by id), for Up.
    typed_before: HashMap<String, String>,
    /// The verdict just shown was of a typed card and not accepted: `a` may add the answer.
    accept_offered: bool,
    /// `a` at the verdict already asked to accept: the offer that follows is answered.
    accept_asked: bool,
    /// The verdict may be shown again after `o` or `e` (the opener's messages, or why the
    /// card cannot be edited): the messages stay on it.
    reshowing: bool,
    /// The verdict last shown, kept for the page that follows an override.
    last_verdict: Drawn,
    /// How far the learner has scrolled a card too tall for the screen, and whether some of
    /// it is still out of view below (as last drawn).
    offset: usize,
    hidden_below: bool,
    /// The latest warning said during the session, shown in the status line until the
    /// next card, and how many had been said when it was taken.
    status: Option<String>,
    warnings_seen: usize,
}

fn key(key: &str, action: &str) -> (String, String) {
    (key.to_string(), action.to_string())
}

/// Ctrl-C in raw mode is a key, not a signal: the screen raises SIGINT for it, so one
/// thread (the session's stop policy) hands the terminal back, prints and exits 130.
fn interrupt() -> Reply {
    terminal::restore();
    if signal_hook::low_level::raise(signal_hook::consts::SIGINT).is_ok() {
        await_interrupt_handler();
    }
    Reply::Quit
}

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c')
}

/// A plain key with no modifier but Shift.
fn plain(key: &KeyEvent) -> Option<KeyCode> {
    (key.modifiers - KeyModifiers::SHIFT)
        .is_empty()
        .then_some(key.code)
}

impl Screen {
    pub(crate) fn new(color: bool, title: String) -> io::Result<Screen> {
        Ok(Screen {
            terminal: terminal::enter()?,
            palette: Palette { color },
            header: Header {
                title,
                ..Header::default()
            },
            started: Instant::now(),
            page: Page::default(),
            messages: Vec::new(),
            question: Vec::new(),
            hint: None,
            last_key: None,
            typed_before: HashMap::new(),
            accept_offered: false,
            accept_asked: false,
            reshowing: false,
            last_verdict: Drawn::default(),
            offset: 0,
            hidden_below: false,
            status: None,
            warnings_seen: 0,
        })
    }

    fn draw(&mut self) -> io::Result<()> {
        self.header.spent = self.started.elapsed();
        let (said, latest) = terminal::latest_warning();
        // Handing the terminal to the editor printed the warnings and began a new list.
        self.warnings_seen = self.warnings_seen.min(said);
        if said > self.warnings_seen {
            self.warnings_seen = said;
            self.status = latest.map(|line| escape_control(&line).replace('\n', " "));
        }
        self.page.status.clone_from(&self.status);
        let Screen {
            terminal,
            header,
            page,
            palette,
            ..
        } = self;
        let mut hidden_below = false;
        terminal::while_active(|| {
            terminal
                .draw(|frame| hidden_below = view::draw(frame, header, page, palette))
                .map(|_| ())
        })?;
        self.hidden_below = hidden_below;
        Ok(())
    }

    /// Shows `body` under the question, with the messages, and `keys` in the key bar.
    fn show(
        &mut self,
        body: Vec<Line<'static>>,
        field: Option<Field>,
        keys: Vec<(String, String)>,
    ) {
        self.show_pinned(body, field, keys, false);
    }

    /// [`Screen::show`]; `pinned`: when the page is too tall, `body` stays in view and the
    /// question scrolls away first.
    fn show_pinned(
        &mut self,
        body: Vec<Line<'static>>,
        field: Option<Field>,
        keys: Vec<(String, String)>,
        pinned: bool,
    ) {
        let pin = if pinned { self.question.len() } else { 0 };
        let mut lines = self.question.clone();
        lines.extend(body);
        lines.extend(self.extras());
        self.page = Page {
            body: lines,
            pin,
            offset: if pinned { self.offset } else { 0 },
            field,
            keys,
            compact: None,
            status: None,
        };
    }

    /// A verdict page: `verdict` under the question; when it is too tall, the question's
    /// first line and the verdict stay in view and the explanation scrolls under them.
    fn show_verdict(&mut self, verdict: &Drawn, keys: Vec<(String, String)>) {
        let mut body = vec![Line::default()];
        body.extend(verdict.lines.iter().cloned());
        self.show_pinned(body, None, keys, true);
        let (held, mut rest) = verdict.split();
        rest.extend(self.extras());
        self.page.compact = Some(Compact {
            question: self.question.clone(),
            held,
            must: verdict.must,
            rest,
            foot: Vec::new(),
        });
    }

    /// The lines under every page's body: the hint once asked for, and the messages.
    fn extras(&self) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some(hint) = &self.hint {
            lines.push(Line::from(vec![
                Span::styled("  hint: ", self.palette.dim()),
                Span::raw(hint.clone()),
            ]));
        }
        if !self.messages.is_empty() {
            lines.push(Line::default());
            lines.extend(self.messages.iter().cloned());
        }
        lines
    }

    /// Draws the page and waits for the learner: redraws on resize and each second (the
    /// clock in the header), and returns the next key or paste.
    fn wait(&mut self) -> io::Result<Arrival> {
        self.draw()?;
        let mut shown_seconds = self.started.elapsed().as_secs();
        loop {
            if !event::poll(Duration::from_millis(250))? {
                if self.started.elapsed().as_secs() != shown_seconds {
                    shown_seconds = self.started.elapsed().as_secs();
                    self.draw()?;
                }
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let at = Instant::now();
                    return Ok(Arrival::Key(key, at));
                }
                Event::Paste(text) => return Ok(Arrival::Paste(text)),
                Event::Resize(..) => {
                    self.terminal.autoresize()?;
                    self.draw()?;
                }
                _ => {}
            }
        }
    }

    /// A guard for the page about to be shown.
    fn guard(&self) -> Guard {
        Guard::new(Instant::now(), self.last_key)
    }

    /// The next key on a page of one-key commands, with whether it was deliberate (see
    /// [`Guard`]); pasted text is never a command.
    /// ↓ and ↑ scroll a card too tall for the screen, and are not reported.
    fn command_key(&mut self, guard: &mut Guard) -> io::Result<(KeyEvent, bool)> {
        loop {
            if let Arrival::Key(key, at) = self.wait()? {
                self.last_key = Some(at);
                let deliberate = guard.deliberate(at);
                match plain(&key) {
                    Some(KeyCode::Down | KeyCode::PageDown) => {
                        if self.hidden_below {
                            self.offset += 1;
                            self.page.offset = self.offset;
                        }
                    }
                    Some(KeyCode::Up | KeyCode::PageUp) => {
                        self.offset = self.offset.saturating_sub(1);
                        self.page.offset = self.offset;
                    }
                    _ => return Ok((key, deliberate)),
                }
            }
        }
    }

    fn message(&mut self, text: &str) {
        for line in escape_control(text).lines() {
            self.messages.push(Line::from(Span::styled(
                line.to_string(),
                self.palette.fg(Color::Yellow),
            )));
        }
    }

    /// The question and what kind of answer it takes, drawn at the top of every page.
    fn set_question(&mut self, prompt: &Prompt<'_>) {
        let card = prompt.card;
        let mut lines: Vec<Line<'static>> = escape_control(&card.question.text())
            .replace('\t', "    ")
            .lines()
            .map(|line| Line::from(Span::styled(line.to_string(), self.palette.bold())))
            .collect();
        let kind = match &card.expected {
            _ if prompt.flip => Some("think of the answer, then show it".to_string()),
            Expected::Choice { choices, .. } => Some(asking::choice_hint(choices.len())),
            Expected::TrueFalse(_) => Some("true or false".to_string()),
            // Gaps that share an Anki number are one card: every gap is answered, in order.
            Expected::Several { parts } if card.kind == Kind::Cloze => Some(format!(
                "fill the {} gaps, separated by commas",
                parts.len()
            )),
            Expected::Several { parts } => Some(format!(
                "{} answers, any order, separated by commas",
                parts.len()
            )),
            Expected::Text { .. } if card.kind == Kind::Cloze => Some("fill the gap".to_string()),
            Expected::Text { .. } => None,
        };
        if let Some(kind) = kind {
            lines.push(Line::from(Span::styled(
                format!("({kind})"),
                self.palette.dim(),
            )));
        }
        self.question = lines;
    }

    /// Leaves the alternate screen for good and prints `lines` on the normal one.
    fn leave(&mut self, lines: &[String]) -> io::Result<()> {
        terminal::restore();
        write_on_normal_screen(lines)
    }
}

/// Prints `lines` on the normal screen (stderr) once the study screen is gone, wrapped at
/// word boundaries to the terminal's width as the screen itself is: left to the terminal, a
/// 40-column summary broke `wrong` and `tomorrow` in two.
pub(crate) fn write_on_normal_screen(lines: &[String]) -> io::Result<()> {
    let width = ratatui::crossterm::terminal::size().map_or(0, |(cols, _)| usize::from(cols));
    let mut stderr = io::stderr().lock();
    for line in lines {
        for part in view::wrap(&Line::from(line.clone()), width) {
            let text: String = part
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect();
            writeln!(stderr, "{}", text.trim_end())?;
        }
    }
    stderr.flush()
}

impl Frontend for Screen {
    fn notice(&mut self, text: &str) -> io::Result<()> {
        self.message(text);
        Ok(())
    }

    fn ask(&mut self, prompt: &Prompt<'_>) -> io::Result<Reply> {
        let card = prompt.card;
        self.header.position = prompt.position;
        self.header.total = prompt.total;
        self.header.counts = prompt.counts;
        self.header.answered = false;
        if !prompt.hint_shown {
            self.hint = None;
            self.status = None;
        }
        self.reshowing = false;
        self.set_question(prompt);
        if prompt.flip {
            return self.flip_question();
        }
        match &card.expected {
            // A choice card always has choices (the deck check sees to it); without any it
            // would take a typed answer.
            Expected::Choice { choices, .. } if !choices.is_empty() => {
                let items: Vec<String> = choices.iter().map(|c| escape_line(c)).collect();
                self.pick(&items, false, card.hint.is_some())
            }
            Expected::TrueFalse(_) => self.pick(
                &["true".to_string(), "false".to_string()],
                true,
                card.hint.is_some(),
            ),
            _ => self.typed_answer(card),
        }
    }

    fn show_hint(&mut self, card: &Card) -> io::Result<()> {
        self.hint = Some(
            card.hint
                .as_deref()
                .map_or_else(|| "(this card has no hint)".to_string(), escape_line),
        );
        Ok(())
    }

    fn show_outcome(&mut self, outcome: &Outcome<'_>) -> io::Result<Next> {
        if !std::mem::take(&mut self.reshowing) {
            self.messages.clear();
        }
        self.offset = 0;
        self.header.counts = outcome.counts;
        self.header.total = outcome.total;
        self.header.answered = true;
        let accepted = outcome.verdict.is_accepted();
        let typed = matches!(outcome.card.expected, Expected::Text { .. });
        self.accept_offered = typed && !accepted && !outcome.given.trim().is_empty();
        self.accept_asked = false;
        let drawn = verdict::lines(outcome, &self.palette);
        self.last_verdict = drawn.clone();
        let mut keys = vec![key("Enter", "next")];
        keys.push(if accepted {
            key("w", "I was wrong")
        } else {
            key("r", "I was right")
        });
        if self.accept_offered {
            keys.push(key("a", "accept mine"));
        }
        keys.extend([key("u", "undo"), key("e", "edit"), key("s", "suspend")]);
        if outcome.has_media {
            keys.push(key("o", "open media"));
        }
        if outcome.card.hint.is_some() && self.hint.is_none() {
            keys.push(key("?", "hint"));
        }
        keys.push(key("Esc", "quit"));
        let mut guard = self.guard();
        let mut colon = false;
        loop {
            self.show_verdict(&drawn, keys.clone());
            let (key, deliberate) = self.command_key(&mut guard)?;
            if is_ctrl_c(&key) {
                interrupt();
                return Ok(Next::Quit);
            }
            let was_colon = std::mem::take(&mut colon);
            // `:q` is typed as one word: its `q` follows a deliberate `:` closely.
            if was_colon && plain(&key) == Some(KeyCode::Char('q')) {
                return Ok(Next::Quit);
            }
            if !deliberate {
                continue;
            }
            match plain(&key) {
                Some(KeyCode::Enter | KeyCode::Char(' ')) => return Ok(Next::Continue),
                Some(KeyCode::Char('r')) if !accepted => return Ok(Next::Override(true)),
                Some(KeyCode::Char('w')) if accepted => return Ok(Next::Override(false)),
                Some(KeyCode::Char('a')) if self.accept_offered => {
                    self.accept_asked = true;
                    return Ok(Next::Override(true));
                }
                Some(KeyCode::Char('u')) => return Ok(Next::Undo),
                Some(KeyCode::Char('e')) => {
                    self.reshowing = true;
                    return Ok(Next::Edit);
                }
                Some(KeyCode::Char('s')) => return Ok(Next::Suspend),
                Some(KeyCode::Char('o')) if outcome.has_media => {
                    self.reshowing = true;
                    return Ok(Next::OpenMedia);
                }
                Some(KeyCode::Char('?')) => {
                    self.show_hint(outcome.card)?;
                }
                Some(KeyCode::Char(':')) => colon = true,
                Some(KeyCode::Esc) => return Ok(Next::Quit),
                _ => {}
            }
        }
    }

    fn show_override(&mut self, accepted: bool) -> io::Result<()> {
        self.message(if accepted {
            "counted as right"
        } else {
            "counted as wrong"
        });
        Ok(())
    }

    fn revise_outcome(&mut self, counts: crate::ui::Counts, total: usize, next: Option<&str>) {
        self.header.counts = counts;
        self.header.total = total;
        self.last_verdict.set_next(next, &self.palette);
    }

    fn offer_accept(&mut self) -> io::Result<bool> {
        if std::mem::take(&mut self.accept_asked) {
            return Ok(true);
        }
        if !std::mem::take(&mut self.accept_offered) {
            return Ok(false);
        }
        let drawn = self.last_verdict.clone();
        let mut guard = self.guard();
        loop {
            self.show_verdict(
                &drawn,
                vec![
                    key("a", "accept this answer from now on"),
                    key("Enter", "next"),
                ],
            );
            let (key, deliberate) = self.command_key(&mut guard)?;
            if is_ctrl_c(&key) {
                interrupt();
                return Ok(false);
            }
            if !deliberate {
                continue;
            }
            match plain(&key) {
                Some(KeyCode::Char('a')) => return Ok(true),
                Some(KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Esc) => {
                    self.messages.clear();
                    return Ok(false);
                }
                _ => {}
            }
        }
    }

    fn grade(&mut self, card: &Card, grades: &[GradeChoice]) -> io::Result<Option<Rating>> {
        self.messages.clear();
        self.offset = 0;
        let answer = Line::from(vec![
            Span::styled("  answer  ", self.palette.dim()),
            Span::styled(escape_line(&card.answer_text()), self.palette.bold()),
        ]);
        let mut explanation = Vec::new();
        if let Some(explain) = &card.explain {
            for line in escape_control(explain).lines() {
                explanation.push(Line::from(Span::styled(
                    format!("  {line}"),
                    self.palette.dim(),
                )));
            }
        }
        let mut choices = vec![Line::from("How well did you know it?")];
        let buttons: Vec<String> = grades
            .iter()
            .map(|(rating, interval)| match interval {
                Some(interval) => format!("{} {} {interval}", rating.number(), rating.name()),
                None => format!("{} {}", rating.number(), rating.name()),
            })
            .collect();
        // As many buttons to a line as fit: a grade is never split from its interval.
        let width = usize::from(self.terminal.size()?.width);
        let mut row = String::new();
        for button in buttons {
            let wide = |text: &str| unicode_width::UnicodeWidthStr::width(text);
            if !row.is_empty() && wide(&row) + 3 + wide(&button) > width {
                choices.push(Line::from(std::mem::take(&mut row)));
            }
            if !row.is_empty() {
                row.push_str(" · ");
            }
            row.push_str(&button);
        }
        choices.push(Line::from(row));
        let mut body = vec![Line::default(), answer.clone()];
        body.extend(explanation.iter().cloned());
        body.push(Line::default());
        body.extend(choices.iter().cloned());
        let mut guard = self.guard();
        loop {
            self.show_pinned(
                body.clone(),
                None,
                vec![key("1–4", "grade"), key("Esc", "quit")],
                true,
            );
            // Too tall: the question's first line, the answer and the grades stay in view,
            // and the explanation scrolls between them.
            let mut rest = explanation.clone();
            rest.extend(self.extras());
            self.page.compact = Some(Compact {
                question: self.question.clone(),
                held: vec![answer.clone()],
                must: 1,
                rest,
                foot: choices.clone(),
            });
            let (key, deliberate) = self.command_key(&mut guard)?;
            if is_ctrl_c(&key) {
                interrupt();
                return Ok(None);
            }
            match plain(&key) {
                Some(KeyCode::Esc | KeyCode::Char('q')) => return Ok(None),
                Some(KeyCode::Char(c @ '1'..='4')) if deliberate => {
                    return Ok(Rating::from_number(c as u8 - b'0'));
                }
                _ => {}
            }
        }
    }

    fn show_grade(&mut self, _card: &Card, graded: &super::Graded<'_>) -> io::Result<Next> {
        let leech = if graded.leech { " [leech]" } else { "" };
        let next = graded
            .next
            .map_or_else(String::new, |next| format!(" · next: {next}"));
        self.message(&format!("graded {}{leech}{next}", graded.word));
        Ok(Next::Continue)
    }

    fn run_editor(
        &mut self,
        program: &mut std::process::Command,
    ) -> io::Result<std::process::ExitStatus> {
        terminal::restore();
        let status = program.status();
        self.terminal = terminal::enter()?;
        status
    }

    fn offer_reopen(&mut self, problem: &str) -> io::Result<bool> {
        let mut body = vec![Line::default()];
        for line in escape_control(problem).lines() {
            body.push(Line::from(Span::styled(
                line.to_string(),
                self.palette.fg(Color::Red),
            )));
        }
        let mut guard = self.guard();
        loop {
            self.show(
                body.clone(),
                None,
                vec![key("e", "edit again"), key("Esc", "leave it")],
            );
            let (key, deliberate) = self.command_key(&mut guard)?;
            if is_ctrl_c(&key) {
                interrupt();
                return Ok(false);
            }
            match plain(&key) {
                Some(KeyCode::Char('e') | KeyCode::Enter) if deliberate => return Ok(true),
                Some(KeyCode::Esc) => return Ok(false),
                _ => {}
            }
        }
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        let mut lines: Vec<String> = self
            .messages
            .drain(..)
            .map(|line| line.to_string())
            .collect();
        lines.extend(screen_summary_lines(summary));
        self.leave(&lines)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        terminal::restore();
    }
}
