//! Deck → rows: a deck's cards as the rows a format writes, cloze notes regrouped.
//!
//! What export cannot carry. The deck model keeps a cloze note only as its expanded
//! cards (`id#1`, `id#2`… with this gap blanked and the others filled in), so the note's
//! text is rebuilt from those prompts and checked to give the same cards back; a note's
//! own hint is lost when every gap has its own (no card shows it then), and a group that
//! cannot be rebuilt goes out as typed-answer cards `id-1`, `id-2`… rather than be lost.
//! Neither format carries the deck's `description` or `source`; deck-level tags go out as
//! every card's tags; CSV carries no title (TSV has `#deck:`); TSV tags are single words
//! (inner spaces become `_`, as Anki requires); list items lose outer spaces; an empty
//! `explain` or `hint` is dropped; an id derived from the wording (`q-…`) is written out,
//! so the imported card keeps its progress but no longer follows its wording.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::row::{Row, join_list};
use crate::deck::cloze;
use crate::deck::{Card, Deck, Kind, Question};
use crate::judge::Expected;

pub(super) fn export_rows(deck: &Deck) -> Vec<Row> {
    // The cards of a cloze note (`id#1`, `id#2`…) are regrouped into one row.
    let mut groups: Vec<Vec<&Card>> = Vec::new();
    let mut cloze_group: HashMap<&str, usize> = HashMap::new();
    // A reversed card (`id~r`) is not a note of its own: its source row carries `reverse`.
    let reversed: HashSet<&str> = deck
        .cards
        .iter()
        .filter_map(|c| c.id.0.strip_suffix("~r"))
        .collect();
    for card in deck.cards.iter().filter(|c| !c.id.0.ends_with("~r")) {
        match (card.kind, card.id.0.split_once('#')) {
            (Kind::Cloze, Some((base, _))) => match cloze_group.get(base) {
                Some(&i) => groups[i].push(card),
                None => {
                    cloze_group.insert(base, groups.len());
                    groups.push(vec![card]);
                }
            },
            _ => groups.push(vec![card]),
        }
    }
    let mut rows = Vec::new();
    for mut group in groups {
        let first = group[0];
        if first.kind != Kind::Cloze {
            let mut row = card_row(first, first.id.0.clone(), first.kind);
            row.reverse = reversed.contains(first.id.0.as_str());
            rows.push(row);
            continue;
        }
        group.sort_by_key(|card| {
            card.id
                .0
                .rsplit_once('#')
                .and_then(|(_, n)| n.parse::<usize>().ok())
                .unwrap_or(0)
        });
        let base = first.id.0.split_once('#').map_or("", |(base, _)| base);
        let numbered = numbered_cloze(first);
        match numbered.or_else(|| reconstruct_cloze(&group)) {
            Some((text, hint)) => {
                let accept = match &first.expected {
                    Expected::Text { accept, .. } => accept.to_vec(),
                    _ => Vec::new(),
                };
                rows.push(Row {
                    line: 0,
                    id: base.to_string(),
                    kind: Kind::Cloze.name().to_string(),
                    question: text,
                    answer: String::new(),
                    accept,
                    choices: Vec::new(),
                    explain: first.explain.as_deref().unwrap_or_default().to_string(),
                    hint: hint.unwrap_or_default(),
                    tags: first.tags.to_vec(),
                    reverse: false,
                });
            }
            // Prompts that cannot be one cloze text: keep every card's content as a
            // typed-answer card rather than lose it.
            None => {
                for card in group {
                    rows.push(card_row(card, card.id.0.replace('#', "-"), Kind::Text));
                }
            }
        }
    }
    rows
}

/// The text and note hint of a cloze with Anki's numbered gaps, kept as written: its
/// prompts blank several gaps at once, which [`reconstruct_cloze`] does not undo.
fn numbered_cloze(card: &Card) -> Option<(String, Option<String>)> {
    let Question::Gap { cloze, index } = &card.question else {
        return None;
    };
    cloze.gaps.iter().any(|gap| gap.number.is_some()).then(|| {
        let own = cloze.gaps.get(*index).and_then(|gap| gap.hint.as_deref());
        let note_hint = card.hint.as_deref().filter(|hint| own != Some(*hint));
        (cloze.text.clone(), note_hint.map(str::to_string))
    })
}

fn card_row(card: &Card, id: String, kind: Kind) -> Row {
    let (answer, accept, choices) = match &card.expected {
        Expected::Text { answer, accept } => (answer.clone(), accept.to_vec(), Vec::new()),
        Expected::Choice { choices, answer } => (
            choices.get(*answer).cloned().unwrap_or_default(),
            Vec::new(),
            choices.clone(),
        ),
        Expected::TrueFalse(truth) => (truth.to_string(), Vec::new(), Vec::new()),
        Expected::Several { parts } => (join_list(parts), Vec::new(), Vec::new()),
    };
    Row {
        line: 0,
        id,
        kind: kind.name().to_string(),
        question: card.question.text().into_owned(),
        answer,
        accept,
        choices,
        explain: card.explain.as_deref().unwrap_or_default().to_string(),
        hint: card.hint.as_deref().unwrap_or_default().to_string(),
        tags: card.tags.to_vec(),
        reverse: false,
    }
}

/// Rebuilds a cloze note's text from its cards, which the model keeps only as prompts
/// (this card's gap as `[...]` or `[hint]`, the others filled in), and the note's own
/// hint. `None` when no text gives exactly these cards back.
fn reconstruct_cloze(cards: &[&Card]) -> Option<(String, Option<String>)> {
    let answers = cards
        .iter()
        .map(|card| match &card.expected {
            Expected::Text { answer, .. } => Some(answer.as_str()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    [true, false]
        .into_iter()
        .find_map(|prefer_gap_hint| try_reconstruct(cards, &answers, prefer_gap_hint))
}

fn try_reconstruct(
    cards: &[&Card],
    answers: &[&str],
    prefer_gap_hint: bool,
) -> Option<(String, Option<String>)> {
    let n = cards.len();
    let prompts: Vec<Cow<str>> = cards.iter().map(|card| card.question.text()).collect();
    let mut pos = vec![0; n];
    let mut text = String::new();
    let mut note_hint: Option<String> = None;
    for j in 0..n {
        // The blank is `[hint]` for a gap with its own hint, else `[...]` (the note's hint,
        // if any, is still the card's hint).
        let plain = ("[...]".to_string(), None);
        let markers = match &cards[j].hint {
            Some(hint) => {
                let own = (format!("[{hint}]"), Some(hint.clone()));
                if prefer_gap_hint {
                    vec![own, plain]
                } else {
                    vec![plain, own]
                }
            }
            None => vec![plain],
        };
        let rest = &prompts[j][pos[j]..];
        let (lead, marker, gap_hint) = if n == 1 {
            markers
                .iter()
                .find_map(|(m, h)| rest.find(m.as_str()).map(|at| (at, m, h)))?
        } else {
            let k = (j + 1) % n;
            let limit = common_prefix(rest, &prompts[k][pos[k]..]);
            (0..=limit)
                .rev()
                .filter(|&l| rest.is_char_boundary(l))
                .find_map(|l| {
                    let (m, h) = markers
                        .iter()
                        .find(|(m, _)| rest[l..].starts_with(m.as_str()))?;
                    let others_fit = (0..n).filter(|&i| i != j).all(|i| {
                        let other = &prompts[i][pos[i]..];
                        other.starts_with(&rest[..l]) && other[l..].starts_with(answers[j])
                    });
                    others_fit.then_some((l, m, h))
                })?
        };
        text.push_str(&rest[..lead]);
        text.push_str("{{");
        text.push_str(answers[j]);
        if let Some(hint) = gap_hint {
            text.push_str("::");
            text.push_str(hint);
        } else if note_hint.is_none() {
            note_hint = cards[j].hint.as_deref().map(str::to_string);
        }
        text.push_str("}}");
        for (i, at) in pos.iter_mut().enumerate() {
            *at += lead
                + if i == j {
                    marker.len()
                } else {
                    answers[j].len()
                };
        }
    }
    let tail = &prompts[0][pos[0]..];
    if (1..n).any(|i| &prompts[i][pos[i]..] != tail) {
        return None;
    }
    text.push_str(tail);

    let gaps = cloze::gaps(&text).ok()?;
    let same = gaps.len() == n
        && gaps.iter().zip(cards).enumerate().all(|(i, (gap, card))| {
            cloze::prompt(&text, &gaps, i) == card.question.text()
                && gap.answer == answers[i]
                && gap.hint.as_deref().or(note_hint.as_deref()) == card.hint.as_deref()
        });
    same.then_some((text, note_hint))
}

/// Byte length of the longest common prefix of `a` and `b` (whole characters).
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}
