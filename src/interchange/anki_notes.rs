//! A deck as Anki notes, and those notes as Anki's own "Notes in Plain Text" layout.
//!
//! Each card row becomes a note of one of Anki's stock types, with Anki's own field names,
//! so Anki fills every field: a typed card is "Basic (type in the answer)", a card with
//! `reverse` is "Basic (and reversed card)", a cloze is "Cloze" (gaps numbered as Anki
//! numbers them; `explain` is its "Back Extra"). Choices and true/false cards keep their
//! choices in the question, a several-answer card its parts in the answer. The guid is the
//! card id (Anki guids that came in as ids go back as they were), so importing an export
//! again updates Anki's notes instead of adding others. Anki's notes carry no `accept`,
//! `hint` or, outside clozes, `explain`; the deck's own tags go out as its deck, not as
//! every note's tags.

use super::anki_package::guid_of;
use super::export::export_rows;
use super::html::anki_cloze;
use crate::deck::{Deck, Kind};

/// The stock note types an export uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteType {
    Typed,
    Reversed,
    Cloze,
}

impl NoteType {
    pub(crate) fn name(self) -> &'static str {
        match self {
            NoteType::Typed => "Basic (type in the answer)",
            NoteType::Reversed => "Basic (and reversed card)",
            NoteType::Cloze => "Cloze",
        }
    }
}

/// One note: its two fields as Anki HTML, and which quiz card each Anki card is.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub guid: String,
    pub note_type: NoteType,
    pub deck: String,
    pub fields: [String; 2],
    pub tags: Vec<String>,
    /// `(card template ord, quiz card id)`.
    pub cards: Vec<(i64, String)>,
}

/// The Anki deck a quiz deck goes to: its title, else its name.
pub(crate) fn anki_deck_name(deck: &Deck) -> String {
    let title = deck.title.trim();
    let name = if title.is_empty() { &deck.id.0 } else { title };
    name.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub(crate) fn notes(deck: &Deck) -> Vec<Note> {
    let deck_name = anki_deck_name(deck);
    let mut notes = Vec::new();
    for row in export_rows(deck) {
        let tags: Vec<String> = row
            .tags
            .iter()
            .filter(|tag| !deck.tags.contains(tag))
            .map(|tag| tag.split_whitespace().collect::<Vec<_>>().join("_"))
            .filter(|tag| !tag.is_empty())
            .collect();
        let kind = Kind::from_name(&row.kind).unwrap_or(Kind::Text);
        let (note_type, fields, cards) = match kind {
            Kind::Cloze => {
                let text = anki_cloze(&row.question);
                let numbers = crate::deck::cloze::gaps(&text)
                    .map(|gaps| crate::deck::cloze::cards(&gaps))
                    .unwrap_or_default();
                let cards = numbers
                    .iter()
                    .map(|(n, _)| (i64::from(*n) - 1, format!("{}#{n}", row.id)))
                    .collect();
                (NoteType::Cloze, [html(&text), html(&row.explain)], cards)
            }
            _ => {
                let question = match kind {
                    Kind::Choice => format!("{}\n({})", row.question, row.choices.join(" / ")),
                    Kind::TrueFalse => format!("{}\n(true or false)", row.question),
                    _ => row.question.clone(),
                };
                let mut answer = match kind {
                    Kind::Several => super::row::split_list(&row.answer).join(", "),
                    _ => row.answer.clone(),
                };
                // An image or sound shown after answering goes back on the card's back.
                for marker in media_markers(&row.explain) {
                    answer.push(' ');
                    answer.push_str(marker);
                }
                let mut cards = vec![(0, row.id.clone())];
                let note_type = if row.reverse {
                    cards.push((1, format!("{}~r", row.id)));
                    NoteType::Reversed
                } else {
                    NoteType::Typed
                };
                (note_type, [html(&question), html(&answer)], cards)
            }
        };
        notes.push(Note {
            guid: guid_of(&row.id),
            note_type,
            deck: deck_name.clone(),
            fields,
            tags,
            cards,
        });
    }
    notes
}

/// The `[image: …]` and `[sound: …]` markers in `text`.
fn media_markers(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = ["[image: ", "[sound: "]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
    {
        let Some(end) = rest[at..].find(']') else {
            break;
        };
        found.push(&rest[at..at + end + 1]);
        rest = &rest[at + end + 1..];
    }
    found
}

/// Card text as an Anki field: HTML escaped, line breaks as `<br>`, media references as
/// Anki writes them (`<img src="…">`, `[sound:…]`).
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["[image: ", "[sound: "]
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, *m)))
            .min();
        let Some((at, marker)) = next else { break };
        let Some(end) = rest[at..].find(']') else {
            break;
        };
        out.push_str(&escape(&rest[..at]));
        let name = rest[at + marker.len()..at + end].trim();
        if marker == "[image: " {
            out.push_str(&format!(
                "<img src=\"{}\">",
                escape(name).replace('"', "&quot;")
            ));
        } else {
            out.push_str(&format!("[sound:{}]", escape(name)));
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(&escape(rest));
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "<br>")
}

/// Anki's "Notes in Plain Text" with its headers: guid, note type, deck, the two fields,
/// tags. Fields are quoted when they hold a tab, a quote or a line break.
pub(crate) fn write_notes_text(notes: &[Note]) -> String {
    let mut out = String::from(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n\
         #tags column:6\n",
    );
    for note in notes {
        let tags = note.tags.join(" ");
        let cells = [
            note.guid.as_str(),
            note.note_type.name(),
            note.deck.as_str(),
            note.fields[0].as_str(),
            note.fields[1].as_str(),
            tags.as_str(),
        ];
        let line: Vec<String> = cells.iter().map(|cell| quote(cell)).collect();
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}

fn quote(cell: &str) -> String {
    if cell.contains(['\t', '"', '\n', '\r']) || cell.starts_with('#') {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_text_becomes_anki_html() {
        assert_eq!(
            html("a < b & c\nFlag: [image: fl\"ag.gif] [sound: w.mp3]"),
            "a &lt; b &amp; c<br>Flag: <img src=\"fl&quot;ag.gif\"> [sound:w.mp3]"
        );
    }

    #[test]
    fn a_deck_becomes_notes_of_anki_stock_types() {
        let source = r#"
title = "Italy"
tags = ["geo"]
[[cards]]
id = "cities"
cloze = "{{c1::Rome}} and {{c1::Milan}} are in {{c2::Italy}}."
explain = "North"
tags = ["geo", "towns"]
[[cards]]
id = "hund"
question = "Hund"
answer = "dog"
reverse = true
[[cards]]
id = "pick"
question = "Which?"
answer = "b"
choices = ["a", "b"]
"#;
        let deck = crate::deck::parse::parse_deck(
            crate::deck::DeckId("italy".into()),
            source,
            crate::deck::Origin::Bundled,
        )
        .deck
        .unwrap();
        let notes = notes(&deck);
        assert_eq!(notes[0].note_type, NoteType::Cloze);
        assert_eq!(
            notes[0].fields,
            [
                "{{c1::Rome}} and {{c1::Milan}} are in {{c2::Italy}}.".to_string(),
                "North".to_string()
            ]
        );
        assert_eq!(notes[0].tags, vec!["towns"]);
        assert_eq!(
            notes[0].cards,
            vec![(0, "cities#1".to_string()), (1, "cities#2".to_string())]
        );
        assert_eq!(notes[1].note_type, NoteType::Reversed);
        assert_eq!(notes[1].cards.len(), 2);
        assert_eq!(notes[2].fields[0], "Which?<br>(a / b)");
        let text = write_notes_text(&notes);
        assert!(text.starts_with("#separator:tab\n#html:true\n#guid column:1\n"));
        assert!(text.contains("\nhund\tBasic (and reversed card)\tItaly\tHund\tdog\t\n"));
    }
}
