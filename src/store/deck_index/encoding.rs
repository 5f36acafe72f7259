//! How the deck index stores a card: a compact binary form of the fields that have no
//! column of their own, read back without a parser. A damaged row decodes to `None`, so the
//! index is dropped and rebuilt instead of giving a wrong card.

use crate::deck::{Card, CardId, Kind};
use crate::judge::Expected;

// The encoding of `data`: a card's kind, whether its id is implicit, its line, question,
// expected answer, explanation and hint (its id and tags have columns of their own).
// Numbers are LEB128, texts a length and UTF-8, lists a count and texts.

pub(super) fn encode(card: &Card, out: &mut Vec<u8>) {
    out.clear();
    out.push(match card.kind {
        Kind::Text => 0,
        Kind::Choice => 1,
        Kind::TrueFalse => 2,
        Kind::Several => 3,
        Kind::Cloze => 4,
    });
    out.push(u8::from(card.implicit_id));
    put_number(out, card.line as u64);
    put_text(out, &card.question);
    match &card.expected {
        Expected::Text { answer, accept } => {
            out.push(0);
            put_text(out, answer);
            put_list(out, accept);
        }
        Expected::Choice { choices, answer } => {
            out.push(1);
            put_number(out, *answer as u64);
            put_list(out, choices);
        }
        Expected::TrueFalse(value) => {
            out.push(2);
            out.push(u8::from(*value));
        }
        Expected::Several { parts } => {
            out.push(3);
            put_list(out, parts);
        }
    }
    for text in [&card.explain, &card.hint] {
        match text {
            Some(text) => {
                out.push(1);
                put_text(out, text);
            }
            None => out.push(0),
        }
    }
}

fn put_number(out: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        out.push((number as u8) | 0x80);
        number >>= 7;
    }
    out.push(number as u8);
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_number(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_list(out: &mut Vec<u8>, texts: &[String]) {
    put_number(out, texts.len() as u64);
    for text in texts {
        put_text(out, text);
    }
}

/// The card encoded in `data`; `None` if it is not a card this version wrote.
pub(super) fn decode(id: CardId, data: &[u8], tags: Vec<String>) -> Option<Card> {
    let mut input = Input(data);
    let kind = match input.byte()? {
        0 => Kind::Text,
        1 => Kind::Choice,
        2 => Kind::TrueFalse,
        3 => Kind::Several,
        4 => Kind::Cloze,
        _ => return None,
    };
    let implicit_id = input.flag()?;
    let line = usize::try_from(input.number()?).ok()?;
    let question = input.text()?;
    let expected = match input.byte()? {
        0 => Expected::Text {
            answer: input.text()?,
            accept: input.list()?,
        },
        1 => Expected::Choice {
            answer: usize::try_from(input.number()?).ok()?,
            choices: input.list()?,
        },
        2 => Expected::TrueFalse(input.flag()?),
        3 => Expected::Several {
            parts: input.list()?,
        },
        _ => return None,
    };
    let explain = input.optional_text()?;
    let hint = input.optional_text()?;
    input.0.is_empty().then_some(Card {
        id,
        kind,
        question,
        expected,
        explain,
        hint,
        tags,
        line,
        implicit_id,
    })
}

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<u64> {
        let mut number = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            number |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(number);
            }
        }
        None
    }

    fn text(&mut self) -> Option<String> {
        let len = usize::try_from(self.number()?).ok()?;
        if len > self.0.len() {
            return None;
        }
        let (text, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(text.to_vec()).ok()
    }

    fn optional_text(&mut self) -> Option<Option<String>> {
        match self.flag()? {
            true => Some(Some(self.text()?)),
            false => Some(None),
        }
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let count = usize::try_from(self.number()?).ok()?;
        // Each entry takes at least a byte, so a damaged count cannot reserve much.
        let mut texts = Vec::with_capacity(count.min(self.0.len()));
        for _ in 0..count {
            texts.push(self.text()?);
        }
        Some(texts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(expected: Expected) -> Card {
        Card {
            id: CardId("c#2".into()),
            kind: Kind::Cloze,
            question: "In [...] the speech — «é»".into(),
            expected,
            explain: Some("why".into()),
            hint: None,
            tags: vec!["t".into()],
            line: 300_000,
            implicit_id: true,
        }
    }

    #[test]
    fn every_card_decodes_to_itself() {
        let cards = [
            card(Expected::Text {
                answer: "1956".into(),
                accept: vec!["fifty-six".into(), String::new()],
            }),
            card(Expected::Choice {
                choices: vec!["a".into(), "b".into()],
                answer: 1,
            }),
            card(Expected::TrueFalse(false)),
            Card {
                kind: Kind::Several,
                explain: None,
                hint: Some("h".into()),
                implicit_id: false,
                line: 0,
                ..card(Expected::Several {
                    parts: vec!["x".into(), "y".into()],
                })
            },
        ];
        let mut data = Vec::new();
        for card in cards {
            encode(&card, &mut data);
            let decoded = decode(card.id.clone(), &data, card.tags.clone());
            assert_eq!(decoded.as_ref(), Some(&card));
            // Damaged data is refused, never misread.
            for len in 0..data.len() {
                assert_eq!(decode(card.id.clone(), &data[..len], Vec::new()), None);
            }
        }
    }
}
