//! How the deck index stores a card: a compact binary form of the fields that have no
//! column of their own, read back without a parser. A damaged row decodes to `None`, so the
//! index is dropped and rebuilt instead of giving a wrong card.
//!
//! The cards of one cloze share its text: the first card's row holds the text and its gaps,
//! and each later card's row names that row and its own gap, so a cloze of N gaps is stored
//! once and not N times (10,000 gaps once took 1.2 GB).

use std::sync::Arc;

use crate::deck::cloze::{Cloze, Gap};
use crate::deck::{Card, CardId, Kind, Question};
use crate::judge::{Expected, Strictness};

// The encoding of `data`: a card's kind, its flags (1 the id is implicit, 2
// `case_sensitive`, 4 `exact`, 8 `transliterate`), its line, question,
// expected answer, explanation and hint (its id and tags have columns of their own).
// Numbers are LEB128, texts a length and UTF-8, lists a count and texts, options a flag
// (0 none, 1 a value) and the value.
//
// The question: 0 and a text; 1, a cloze (its text, its gaps — start, end, answer and
// optional hint each — and the card's gap); 2, the cloze of the card `back` rows before
// (its head, which holds the cloze itself), and the card's gap.
// The expected answer: 0 text (answer, accept), 1 choice (answer, choices), 2 true/false,
// 3 several (parts); a cloze card's answer is its gap's: 4 with its accept list, 5 with its
// head's.
// The explanation: 0 none, 1 a text, 2 the head's. The hint: 0 none, 1 a text, 2 the gap's
// hint, 3 the head's.

const HEAD_EXPLAIN: u8 = 2;
const GAP_HINT: u8 = 2;
const HEAD_HINT: u8 = 3;

/// Encodes `card`; `head` is the card `back` rows before it that holds its cloze, when it
/// shares one. Returns whether the card holds its cloze itself (and may head later cards).
pub(super) fn encode(card: &Card, head: Option<(u32, &Card)>, out: &mut Vec<u8>) -> bool {
    out.clear();
    out.push(match card.kind {
        Kind::Text => 0,
        Kind::Choice => 1,
        Kind::TrueFalse => 2,
        Kind::Several => 3,
        Kind::Cloze => 4,
    });
    out.push(
        u8::from(card.implicit_id)
            | u8::from(card.strictness.case_sensitive) << 1
            | u8::from(card.strictness.exact) << 2
            | u8::from(card.strictness.transliterate) << 3,
    );
    put_number(out, card.line as u64);
    let head = head.filter(|(back, head)| *back > 0 && same_cloze(card, head));
    let gap = match &card.question {
        Question::Text(text) => {
            out.push(0);
            put_text(out, text);
            None
        }
        Question::Gap { cloze, index } => {
            match head {
                Some((back, _)) => {
                    out.push(2);
                    put_number(out, u64::from(back));
                }
                None => {
                    out.push(1);
                    put_text(out, &cloze.text);
                    put_number(out, cloze.gaps.len() as u64);
                    for gap in &cloze.gaps {
                        put_number(out, gap.range.start as u64);
                        put_number(out, gap.range.end as u64);
                        put_text(out, &gap.answer);
                        put_optional(out, gap.hint.as_deref());
                        put_number(out, u64::from(gap.number.unwrap_or(0)));
                    }
                }
            }
            put_number(out, *index as u64);
            cloze.gaps.get(*index)
        }
    };
    let head = head.map(|(_, head)| head);
    match &card.expected {
        Expected::Text { answer, accept } if gap.is_some_and(|gap| gap.answer == *answer) => {
            match head {
                Some(head) if head_accept(head) == Some(accept) => out.push(5),
                _ => {
                    out.push(4);
                    put_list(out, accept);
                }
            }
        }
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
    match head {
        Some(head) if head.explain == card.explain => out.push(HEAD_EXPLAIN),
        _ => put_optional(out, card.explain.as_deref()),
    }
    match (&card.hint, gap, head) {
        (Some(hint), Some(gap), _) if gap.hint.as_deref() == Some(&**hint) => out.push(GAP_HINT),
        (_, _, Some(head)) if head.hint == card.hint => out.push(HEAD_HINT),
        _ => put_optional(out, card.hint.as_deref()),
    }
    matches!(card.question, Question::Gap { .. }) && head.is_none()
}

/// Whether two cards are gaps of one cloze (the same shared cloze, not just the same text).
fn same_cloze(card: &Card, head: &Card) -> bool {
    match (&card.question, &head.question) {
        (Question::Gap { cloze: a, .. }, Question::Gap { cloze: b, .. }) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

fn head_accept(head: &Card) -> Option<&Arc<[String]>> {
    match &head.expected {
        Expected::Text { accept, .. } => Some(accept),
        _ => None,
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

fn put_optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.push(1);
            put_text(out, text);
        }
        None => out.push(0),
    }
}

fn put_list(out: &mut Vec<u8>, texts: &[String]) {
    put_number(out, texts.len() as u64);
    for text in texts {
        put_text(out, text);
    }
}

/// How many rows before this one the head holding the card's cloze is, when the card shares
/// an earlier card's cloze: [`decode`] needs that head.
pub(super) fn head_distance(data: &[u8]) -> Option<u32> {
    let mut input = Input(data);
    input.byte()?;
    input.flag()?;
    input.number()?;
    match input.byte()? {
        2 => u32::try_from(input.number()?).ok(),
        _ => None,
    }
}

/// The card encoded in `data`, given the head [`head_distance`] names when there is one;
/// `None` if it is not a card this version wrote.
pub(super) fn decode(
    id: CardId,
    data: &[u8],
    tags: Vec<String>,
    head: Option<&Card>,
) -> Option<Card> {
    let mut input = Input(data);
    let kind = match input.byte()? {
        0 => Kind::Text,
        1 => Kind::Choice,
        2 => Kind::TrueFalse,
        3 => Kind::Several,
        4 => Kind::Cloze,
        _ => return None,
    };
    let flags = input.byte()?;
    if flags > 0b1111 {
        return None;
    }
    let implicit_id = flags & 1 != 0;
    let strictness = Strictness {
        case_sensitive: flags & 0b10 != 0,
        exact: flags & 0b100 != 0,
        transliterate: flags & 0b1000 != 0,
    };
    let line = usize::try_from(input.number()?).ok()?;
    let (question, head) = match input.byte()? {
        0 => (Question::Text(input.text()?), None),
        1 => {
            let cloze = Arc::new(input.cloze()?);
            let index = input.index(&cloze)?;
            (Question::Gap { cloze, index }, None)
        }
        2 => {
            input.number()?;
            let head = head?;
            let Question::Gap { cloze, .. } = &head.question else {
                return None;
            };
            let index = input.index(cloze)?;
            let cloze = Arc::clone(cloze);
            (Question::Gap { cloze, index }, Some(head))
        }
        _ => return None,
    };
    let gap = match &question {
        Question::Gap { cloze, index } => cloze.gaps.get(*index),
        Question::Text(_) => None,
    };
    let expected = match input.byte()? {
        0 => Expected::Text {
            answer: input.text()?,
            accept: input.list()?.into(),
        },
        1 => Expected::Choice {
            answer: usize::try_from(input.number()?).ok()?,
            choices: input.list()?,
        },
        2 => Expected::TrueFalse(input.flag()?),
        3 => Expected::Several {
            parts: input.list()?,
        },
        4 => Expected::Text {
            answer: gap?.answer.clone(),
            accept: input.list()?.into(),
        },
        5 => Expected::Text {
            answer: gap?.answer.clone(),
            accept: Arc::clone(head_accept(head?)?),
        },
        _ => return None,
    };
    let explain = match input.byte()? {
        HEAD_EXPLAIN => head?.explain.clone(),
        flag => input.optional_after(flag)?.map(Arc::from),
    };
    let hint = match input.byte()? {
        GAP_HINT => Some(Arc::from(gap?.hint.as_deref()?)),
        HEAD_HINT => head?.hint.clone(),
        flag => input.optional_after(flag)?.map(Arc::from),
    };
    // The tags have a column of their own in each row; a cloze's cards share one list.
    let tags = match head {
        Some(head) if *head.tags == tags[..] => Arc::clone(&head.tags),
        _ => tags.into(),
    };
    input.0.is_empty().then_some(Card {
        id,
        kind,
        question,
        expected,
        strictness,
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

    /// An option whose flag byte was read already.
    fn optional_after(&mut self, flag: u8) -> Option<Option<String>> {
        match flag {
            0 => Some(None),
            1 => Some(Some(self.text()?)),
            _ => None,
        }
    }

    fn optional_text(&mut self) -> Option<Option<String>> {
        let flag = self.byte()?;
        self.optional_after(flag)
    }

    /// A cloze's text and gaps, each gap checked to lie in the text, after the one before
    /// and on character boundaries, so that building a question from them cannot fail.
    fn cloze(&mut self) -> Option<Cloze> {
        let text = self.text()?;
        let count = usize::try_from(self.number()?).ok()?;
        let mut gaps = Vec::with_capacity(count.min(self.0.len()));
        let mut end = 0;
        for _ in 0..count {
            let start = usize::try_from(self.number()?).ok()?;
            let range = start..usize::try_from(self.number()?).ok()?;
            if range.start < end
                || range.end < range.start
                || !text.is_char_boundary(range.start)
                || !text.is_char_boundary(range.end)
            {
                return None;
            }
            end = range.end;
            gaps.push(Gap {
                range,
                answer: self.text()?,
                hint: self.optional_text()?,
                number: match u32::try_from(self.number()?).ok()? {
                    0 => None,
                    n => Some(n),
                },
            });
        }
        Some(Cloze { text, gaps })
    }

    /// A gap of `cloze`, by its number.
    fn index(&mut self, cloze: &Cloze) -> Option<usize> {
        let index = usize::try_from(self.number()?).ok()?;
        (index < cloze.gaps.len()).then_some(index)
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
    use crate::deck::cloze::gaps;

    fn card(expected: Expected) -> Card {
        Card {
            id: CardId("c#2".into()),
            kind: Kind::Cloze,
            question: "In [...] the speech — «é»".into(),
            expected,
            explain: Some("why".into()),
            hint: None,
            tags: vec!["t".into()].into(),
            line: 300_000,
            implicit_id: true,
            strictness: Default::default(),
        }
    }

    /// Encodes `cards` as the indexer does, one after another, each later gap of a cloze
    /// naming the first; decodes them back the way the index reads them.
    fn round_trip(cards: &[Card]) -> (Vec<Vec<u8>>, Vec<Option<Card>>) {
        let mut rows = Vec::new();
        let mut head: Option<(u32, &Card)> = None;
        for (position, card) in (0u32..).zip(cards) {
            let mut data = Vec::new();
            let shares = head.map(|(at, head)| (position - at, head));
            if encode(card, shares, &mut data) {
                head = Some((position, card));
            }
            rows.push(data);
        }
        let decoded = (0u32..)
            .zip(cards.iter().zip(&rows))
            .map(|(position, (card, data))| {
                let head = head_distance(data).map(|back| {
                    let at = (position - back) as usize;
                    decode(CardId(String::new()), &rows[at], Vec::new(), None).unwrap()
                });
                decode(card.id.clone(), data, card.tags.to_vec(), head.as_ref())
            })
            .collect();
        (rows, decoded)
    }

    #[test]
    fn every_card_decodes_to_itself() {
        let cards = [
            card(Expected::Text {
                answer: "1956".into(),
                accept: vec!["fifty-six".into(), String::new()].into(),
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
            Card {
                strictness: Strictness {
                    case_sensitive: true,
                    exact: false,
                    transliterate: false,
                },
                ..card(Expected::Text {
                    answer: "CO".into(),
                    accept: Arc::default(),
                })
            },
            Card {
                strictness: Strictness {
                    case_sensitive: false,
                    exact: false,
                    transliterate: true,
                },
                implicit_id: false,
                ..card(Expected::Several {
                    parts: vec!["x".into(), "y".into()],
                })
            },
        ];
        let mut data = Vec::new();
        for card in cards {
            assert!(!encode(&card, None, &mut data));
            assert_eq!(head_distance(&data), None);
            let decoded = decode(card.id.clone(), &data, card.tags.to_vec(), None);
            assert_eq!(decoded.as_ref(), Some(&card));
            // Damaged data is refused, never misread.
            for len in 0..data.len() {
                assert_eq!(
                    decode(card.id.clone(), &data[..len], Vec::new(), None),
                    None
                );
            }
        }
    }

    /// The gaps of a cloze as the parser makes them: one shared cloze, the answer its gap's.
    fn cloze_cards(text: &str, hint: Option<&str>, explain: Option<&str>) -> Vec<Card> {
        let shared = Arc::new(Cloze {
            text: text.to_string(),
            gaps: gaps(text).unwrap(),
        });
        (0..shared.gaps.len())
            .map(|index| Card {
                id: CardId(format!("z#{}", index + 1)),
                kind: Kind::Cloze,
                question: Question::Gap {
                    cloze: Arc::clone(&shared),
                    index,
                },
                expected: Expected::Text {
                    answer: shared.gaps[index].answer.clone(),
                    accept: vec!["also".into()].into(),
                },
                explain: explain.map(Arc::from),
                hint: shared.gaps[index].hint.as_deref().or(hint).map(Arc::from),
                tags: vec!["t".into()].into(),
                line: 7,
                implicit_id: false,
                strictness: Default::default(),
            })
            .collect()
    }

    #[test]
    fn anki_numbered_gaps_keep_their_numbers_and_groups() {
        let source =
            "[[cards]]\nid = \"g\"\ncloze = \"{{c2::Italy}}: {{c1::Rome}}, {{c1::Milan::city}}\"\n";
        let deck = crate::deck::parse::parse_deck(
            crate::deck::DeckId("d".into()),
            source,
            crate::deck::Origin::Bundled,
        )
        .deck
        .unwrap();
        let (_, decoded) = round_trip(&deck.cards);
        for (card, decoded) in deck.cards.iter().zip(&decoded) {
            let decoded = decoded.as_ref().unwrap();
            assert_eq!(decoded, card);
            assert_eq!(decoded.question.text(), card.question.text());
        }
        assert_eq!(
            decoded[0].as_ref().unwrap().question.text(),
            "Italy: [...], [city]"
        );
    }

    #[test]
    fn the_gaps_of_a_cloze_hold_its_text_once() {
        let text = "«Khrushchev» gave the {{Secret Speech}} in {{1956::year}} to the \
                    {{20th}} Congress — {{Moscow}}.";
        let mut cards = cloze_cards(text, Some("a congress"), Some("At the 20th Congress."));
        // A card between two clozes, and a second cloze: each cloze has a head of its own.
        cards.push(card(Expected::TrueFalse(true)));
        cards.extend(cloze_cards("A {{b}} c {{d}}", None, None));
        let (rows, decoded) = round_trip(&cards);
        for (card, decoded) in cards.iter().zip(&decoded) {
            let decoded = decoded.as_ref().unwrap();
            assert_eq!(decoded, card);
            assert_eq!(decoded.question.text(), card.question.text());
            assert_eq!(decoded.hint, card.hint);
            assert_eq!(decoded.explain, card.explain);
        }
        let heads: Vec<Option<u32>> = rows.iter().map(|data| head_distance(data)).collect();
        assert_eq!(
            heads,
            [None, Some(1), Some(2), Some(3), None, None, Some(1)]
        );
        // The text is in the head's row alone; the other rows are a few bytes.
        let in_row = |data: &[u8]| data.windows(6).any(|w| w == b"Speech");
        assert!(in_row(&rows[0]));
        assert!(
            rows[1..4]
                .iter()
                .all(|data| !in_row(data) && data.len() < 12),
            "{rows:?}"
        );
        assert_eq!(
            decoded[2].as_ref().unwrap().question.text(),
            "«Khrushchev» gave the Secret Speech in 1956 to the [...] Congress — Moscow."
        );
    }

    #[test]
    fn a_gap_that_differs_from_its_head_keeps_its_own_fields() {
        let mut cards = cloze_cards("{{a::x}} and {{b}}", Some("h"), Some("why"));
        cards[1].explain = None;
        cards[1].hint = Some("own".into());
        cards[1].expected = Expected::Text {
            answer: "not b".into(),
            accept: Vec::new().into(),
        };
        let (_, decoded) = round_trip(&cards);
        assert_eq!(decoded[1].as_ref(), Some(&cards[1]));
    }

    #[test]
    fn a_damaged_cloze_row_is_refused() {
        let cards = cloze_cards("x {{é}} y {{z::w}}", Some("h"), Some("e"));
        let (rows, _) = round_trip(&cards);
        let head = decode(CardId(String::new()), &rows[0], Vec::new(), None).unwrap();
        for len in 0..rows[0].len() {
            assert_eq!(
                decode(CardId(String::new()), &rows[0][..len], Vec::new(), None),
                None
            );
        }
        for len in 0..rows[1].len() {
            assert_eq!(
                decode(
                    CardId(String::new()),
                    &rows[1][..len],
                    Vec::new(),
                    Some(&head)
                ),
                None
            );
        }
        // A shared row without its head, or with a head that is not a cloze.
        assert_eq!(
            decode(CardId(String::new()), &rows[1], Vec::new(), None),
            None
        );
        let other = card(Expected::TrueFalse(true));
        assert_eq!(
            decode(CardId(String::new()), &rows[1], Vec::new(), Some(&other)),
            None
        );
        // A gap that does not lie on the text's characters (`é` is bytes 4 and 5), or that
        // ends before it starts: its start is after kind, flag, line, question tag, text
        // and gap count.
        let text_len = "x {{é}} y {{z::w}}".len();
        let start_at = 4 + 1 + text_len + 1;
        assert_eq!(rows[0][start_at..start_at + 2], [2, 8]);
        for start in [5, 9] {
            let mut bad = rows[0].clone();
            bad[start_at] = start;
            assert_eq!(decode(CardId(String::new()), &bad, Vec::new(), None), None);
        }
    }
}
