//! The pages that ask: the answer line of a typed card (shell-like editing, the empty-Enter
//! question, Up for the answer typed before), the choices of a choice or true/false card,
//! and the question of a flip card.

use std::io;

use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use super::guard::Guard;
use super::view::{self, Field};
use super::{Arrival, Screen, interrupt, is_ctrl_c, key, plain};
use crate::deck::Card;
use crate::ui::{Reply, command};

impl Screen {
    pub(super) fn typed_answer(&mut self, card: &Card) -> io::Result<Reply> {
        let mut input = Input::default();
        let mut confirm: Option<Guard> = None;
        loop {
            let width = view::field_width(self.terminal.size()?.width);
            let field = Field {
                value: input.value().to_string(),
                cursor: input.visual_cursor(),
                scroll: input.visual_scroll(width),
            };
            let mut keys = vec![key("Enter", "answer")];
            // `?` on a card without a hint says so, but is not offered there.
            if input.value().is_empty() && card.hint.is_some() {
                keys.push(key("?", "hint"));
            }
            if self.typed_before.contains_key(&card.id.0) {
                keys.push(key("↑", "last answer"));
            }
            keys.push(key("Esc", "quit"));
            let body = match confirm {
                Some(_) => {
                    keys = vec![
                        key("Enter", "I don't know"),
                        key("type", "answer"),
                        key("Esc", "quit"),
                    ];
                    vec![
                        Line::default(),
                        Line::from(Span::styled(
                            "Show the answer? (Enter again = I don't know)",
                            self.palette.fg(Color::Yellow),
                        )),
                    ]
                }
                None => Vec::new(),
            };
            self.show(body, Some(field), keys);
            let (key, at) = match self.wait()? {
                Arrival::Key(key, at) => (key, at),
                Arrival::Paste(text) => {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        input.handle(InputRequest::InsertChar(c));
                    }
                    confirm = None;
                    continue;
                }
            };
            self.last_key = Some(at);
            if is_ctrl_c(&key) {
                return Ok(interrupt());
            }
            match (plain(&key), key.modifiers) {
                (Some(KeyCode::Esc), _) => return Ok(Reply::Quit),
                (Some(KeyCode::Enter), _) if input.value().trim().is_empty() => {
                    match &mut confirm {
                        // Only a deliberate second Enter counts as a miss.
                        Some(guard) => {
                            if guard.deliberate(at) {
                                return Ok(Reply::Answer(String::new()));
                            }
                        }
                        None => confirm = Some(self.guard()),
                    }
                    continue;
                }
                (Some(KeyCode::Enter), _) => {
                    let text = input.value().to_string();
                    if command(&text).is_none() {
                        self.typed_before.insert(card.id.0.clone(), text.clone());
                    }
                    return Ok(command(&text).unwrap_or(Reply::Answer(text)));
                }
                (Some(KeyCode::Char('?')), _) if input.value().is_empty() => {
                    return Ok(Reply::Hint);
                }
                (Some(KeyCode::Up), _) => {
                    if let Some(before) = self.typed_before.get(&card.id.0) {
                        input = Input::new(before.clone());
                    }
                }
                (_, KeyModifiers::CONTROL)
                    if key.code == KeyCode::Char('d') && input.value().is_empty() =>
                {
                    return Ok(Reply::Quit);
                }
                (_, KeyModifiers::ALT) if key.code == KeyCode::Char('b') => {
                    input.handle(InputRequest::GoToPrevWord);
                }
                (_, KeyModifiers::ALT) if key.code == KeyCode::Char('f') => {
                    input.handle(InputRequest::GoToNextWord);
                }
                _ => {
                    if let Some(request) = to_input_request(&Event::Key(key)) {
                        input.handle(request);
                    }
                }
            }
            confirm = None;
        }
    }

    /// A choice or true/false card: a number or letter picks, arrows move, Enter takes what
    /// is highlighted; nothing is highlighted at first. `hint`: the card has one to offer.
    pub(super) fn pick(
        &mut self,
        items: &[String],
        true_false: bool,
        hint: bool,
    ) -> io::Result<Reply> {
        let mut selected: Option<usize> = None;
        let answer = |index: usize| {
            if true_false {
                (if index == 0 { "true" } else { "false" }).to_string()
            } else {
                (index + 1).to_string()
            }
        };
        loop {
            let body = items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let mark = if selected == Some(index) { ">" } else { " " };
                    let label = if true_false {
                        format!("{mark} ")
                    } else {
                        format!("{mark} {}  ", index + 1)
                    };
                    let style = if selected == Some(index) {
                        self.palette.bold().patch(self.palette.fg(Color::Cyan))
                    } else {
                        ratatui::style::Style::new()
                    };
                    Line::from(vec![
                        Span::styled(label, style),
                        Span::styled(item.clone(), style),
                    ])
                })
                .collect();
            let mut keys = if true_false {
                vec![key("t/f", "answer")]
            } else {
                vec![key(&format!("1–{}", items.len().min(9)), "pick")]
            };
            keys.push(key("↑↓", "move"));
            if selected.is_some() {
                keys.push(key("Enter", "answer"));
            }
            if hint {
                keys.push(key("?", "hint"));
            }
            keys.push(key("Esc", "quit"));
            self.show(body, None, keys);
            let Arrival::Key(key, at) = self.wait()? else {
                continue;
            };
            self.last_key = Some(at);
            if is_ctrl_c(&key) {
                return Ok(interrupt());
            }
            let count = items.len();
            match plain(&key) {
                Some(KeyCode::Esc) => return Ok(Reply::Quit),
                Some(KeyCode::Char('?')) => return Ok(Reply::Hint),
                Some(KeyCode::Enter) => {
                    if let Some(index) = selected {
                        return Ok(Reply::Answer(answer(index)));
                    }
                }
                Some(KeyCode::Down | KeyCode::Right | KeyCode::Tab) => {
                    selected = Some(selected.map_or(0, |i| (i + 1) % count));
                }
                Some(KeyCode::Up | KeyCode::Left | KeyCode::BackTab) => {
                    selected = Some(selected.map_or(count - 1, |i| (i + count - 1) % count));
                }
                Some(KeyCode::Char(c)) if true_false => match c.to_ascii_lowercase() {
                    't' | 'y' => return Ok(Reply::Answer(answer(0))),
                    'f' | 'n' => return Ok(Reply::Answer(answer(1))),
                    _ => {}
                },
                Some(KeyCode::Char(c @ '1'..='9')) => {
                    let index = usize::from(c as u8 - b'1');
                    if index < count {
                        return Ok(Reply::Answer(answer(index)));
                    }
                }
                Some(KeyCode::Char(c @ 'a'..='i')) => {
                    let index = usize::from(c as u8 - b'a');
                    if index < count {
                        return Ok(Reply::Answer(answer(index)));
                    }
                }
                _ => {}
            }
        }
    }

    pub(super) fn flip_question(&mut self) -> io::Result<Reply> {
        loop {
            self.show(
                Vec::new(),
                None,
                vec![
                    key("Enter", "show the answer"),
                    key("u", "undo"),
                    key("Esc", "quit"),
                ],
            );
            let Arrival::Key(key, at) = self.wait()? else {
                continue;
            };
            self.last_key = Some(at);
            if is_ctrl_c(&key) {
                return Ok(interrupt());
            }
            match plain(&key) {
                Some(KeyCode::Enter | KeyCode::Char(' ')) => {
                    return Ok(Reply::Answer(String::new()));
                }
                Some(KeyCode::Char('u')) => return Ok(Reply::Undo),
                Some(KeyCode::Esc | KeyCode::Char('q')) => return Ok(Reply::Quit),
                _ => {}
            }
        }
    }
}

pub(super) fn choice_hint(count: usize) -> String {
    match count {
        0..=9 => {
            let last = char::from(b'a' + u8::try_from(count.saturating_sub(1)).unwrap_or(0));
            format!("choose one: 1–{count} or a–{last}")
        }
        _ => "choose one: 1–9, or the arrows and Enter".to_string(),
    }
}
