//! Anki notes → card rows, as Anki shows them: one row per note in the deck of its first
//! card, the note's guid as the card id, each Anki card mapped to the quiz card it is
//! (`id`, `id~r` for the reverse, `id#N` for cloze number N) so the review log and the
//! suspensions follow.
//!
//! Guids are Anki's base-91 text and may hold `#`, `~` or `%`, which ids may not hold or
//! which this mapping uses: those (and spaces or controls) are written `%23`, `%7E`,
//! `%25`…, so [`id_of`] and [`guid_of`] undo each other and an export carries the guid
//! back to Anki, which then updates the note instead of adding another.

use std::collections::{BTreeMap, HashMap};

use super::model::{Notetype, Shape};
use crate::deck::{CardId, DeckId};
use crate::interchange::html::html_to_text;
use crate::interchange::row::{Read, Row};
use crate::store::anki_collection::RawCollection;

pub(super) struct ConvertedDeck {
    pub name: String,
    pub path: String,
    pub read: Read,
}

#[derive(Default)]
pub(super) struct Converted {
    pub decks: Vec<ConvertedDeck>,
    pub skipped: Vec<String>,
    pub notices: Vec<String>,
    pub suspended: Vec<(DeckId, CardId)>,
    /// Anki card id → the quiz card it became.
    pub cards: HashMap<i64, (DeckId, CardId)>,
    /// Media file name → the decks whose cards show it.
    pub media: BTreeMap<String, Vec<String>>,
}

/// A guid as a card id: see the module's note.
pub(crate) fn id_of(guid: &str) -> String {
    let mut out = String::with_capacity(guid.len());
    for c in guid.chars() {
        if matches!(c, '#' | '~' | '%') || c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The guid a card id stands for: `%XX` escapes undone where they make UTF-8.
pub(crate) fn guid_of(id: &str) -> String {
    let bytes = id.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| id.to_string())
}

pub(super) fn convert(
    raw: &RawCollection,
    notetypes: &HashMap<i64, Notetype>,
    deck_paths: &HashMap<i64, String>,
) -> Converted {
    let mut converted = Converted::default();
    let mut cards_of: HashMap<i64, Vec<&crate::store::anki_collection::RawCard>> = HashMap::new();
    for card in &raw.cards {
        cards_of.entry(card.note).or_default().push(card);
    }
    // Anki deck id → index in `converted.decks`, in order of first use.
    let mut deck_index: HashMap<i64, usize> = HashMap::new();
    let mut told: Vec<i64> = Vec::new();
    for note in &raw.notes {
        let describe = || format!("note {} ({})", note.id, id_of(&note.guid));
        let Some(cards) = cards_of.get(&note.id).filter(|c| !c.is_empty()) else {
            converted
                .skipped
                .push(format!("{}: it has no cards", describe()));
            continue;
        };
        let Some(notetype) = notetypes.get(&note.notetype) else {
            converted.skipped.push(format!(
                "{}: its note type {} is missing",
                describe(),
                note.notetype
            ));
            continue;
        };
        if let Some(notice) = &notetype.note
            && !told.contains(&note.notetype)
        {
            told.push(note.notetype);
            converted.notices.push(notice.clone());
        }
        let fields: Vec<&str> = note.fields.split('\x1f').collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let mut media = Vec::new();
        let mut text = |i: usize| field_text(field(i), &mut media);
        let id = id_of(&note.guid);
        let mut row = Row {
            line: 0,
            id: id.clone(),
            tags: note.tags.split_whitespace().map(str::to_string).collect(),
            ..Row::default()
        };
        // Which quiz card each Anki card is.
        let mut card_ids: Vec<(i64, String, bool)> = Vec::new();
        match &notetype.shape {
            Shape::Skipped(reason) => {
                converted.skipped.push(format!(
                    "{}: {reason} (note type {:?})",
                    describe(),
                    notetype.name
                ));
                continue;
            }
            Shape::Basic {
                question,
                answer,
                reverse,
            } => {
                row.kind = "text".into();
                row.question = text(*question);
                // An image or a sound on the back is shown after answering, never typed.
                let (answer, shown) = split_media(&text(*answer));
                row.answer = answer;
                row.explain = shown.join(" ");
                for card in cards {
                    if card.ord == 0 {
                        card_ids.push((card.id, id.clone(), card.queue == -1));
                    } else if Some(card.ord) == *reverse {
                        row.reverse = true;
                        card_ids.push((card.id, format!("{id}~r"), card.queue == -1));
                    }
                }
            }
            Shape::Cloze { text: at, extra } => {
                row.kind = "cloze".into();
                row.question = text(*at);
                row.answer = extra
                    .iter()
                    .map(|&i| text(i))
                    .filter(|t| !t.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                for card in cards {
                    card_ids.push((card.id, format!("{id}#{}", card.ord + 1), card.queue == -1));
                }
            }
        }
        let home = cards[0].deck;
        let at = *deck_index.entry(home).or_insert_with(|| {
            let path = deck_paths
                .get(&home)
                .cloned()
                .unwrap_or_else(|| format!("Anki deck {home}"));
            let taken: std::collections::HashSet<String> =
                converted.decks.iter().map(|d| d.name.clone()).collect();
            let name =
                crate::deck::id::unique(&crate::deck::id::slug(&path, usize::MAX, 48), &taken);
            converted.decks.push(ConvertedDeck {
                name,
                read: Read {
                    deck_tags: path.split("::").map(str::to_string).collect(),
                    ..Read::default()
                },
                path,
            });
            converted.decks.len() - 1
        });
        let deck = &mut converted.decks[at];
        row.line = deck.read.rows.len() + 1;
        deck.read.rows.push(row);
        for name in media {
            let decks = converted.media.entry(name).or_default();
            if !decks.contains(&deck.name) {
                decks.push(deck.name.clone());
            }
        }
        let deck_id = DeckId(deck.name.clone());
        for (anki, card, suspended) in card_ids {
            let card = CardId(card);
            if suspended {
                converted.suspended.push((deck_id.clone(), card.clone()));
            }
            converted.cards.insert(anki, (deck_id.clone(), card));
        }
    }
    converted
}

/// An Anki field as card text: `<img src="x">` becomes `[image: x]` and `[sound:x]`
/// becomes `[sound: x]` (each name also pushed to `media`), then HTML becomes text.
pub(crate) fn field_text(html: &str, media: &mut Vec<String>) -> String {
    let mut marked = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        marked.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let is_img = tag
            .get(1..4)
            .is_some_and(|name| name.eq_ignore_ascii_case("img"))
            && tag[4..].starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>');
        match is_img.then(|| attribute(&tag[..end], "src")).flatten() {
            Some(src) => {
                let name = html_to_text(&src);
                marked.push_str(&format!(" [image: {name}] "));
                media.push(name);
            }
            None => marked.push_str(&tag[..end]),
        }
        rest = &tag[end..];
    }
    marked.push_str(rest);
    let text = html_to_text(&marked);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("[sound:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        match after.find(']') {
            Some(end) => {
                let name = after[..end].trim().to_string();
                out.push_str(&format!("[sound: {name}]"));
                media.push(name);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `text` without its `[image: …]` and `[sound: …]` markers, and the markers.
pub(crate) fn split_media(text: &str) -> (String, Vec<String>) {
    let mut kept = String::with_capacity(text.len());
    let mut markers = Vec::new();
    let mut rest = text;
    loop {
        let next = ["[image: ", "[sound: "]
            .iter()
            .filter_map(|m| rest.find(m))
            .min();
        let Some(at) = next else { break };
        let Some(end) = rest[at..].find(']') else {
            break;
        };
        kept.push_str(&rest[..at]);
        markers.push(rest[at..at + end + 1].to_string());
        rest = &rest[at + end + 1..];
    }
    kept.push_str(rest);
    let kept = kept
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (kept.trim().to_string(), markers)
}

/// The value of attribute `name` in one HTML tag, quoted or not.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[at + name.len()..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_become_ids_and_back() {
        for guid in ["f`h/G>q3Mx", "a#b~c%d", "O,2M&<#~", "plain"] {
            let id = id_of(guid);
            assert!(crate::deck::id::forbidden_char(&id).is_none(), "{id}");
            assert_eq!(guid_of(&id), guid);
        }
        assert_eq!(id_of("a#b~c%d"), "a%23b%7Ec%25d");
        // An id quiz made itself is its own guid.
        assert_eq!(guid_of("capital-of-france"), "capital-of-france");
    }

    #[test]
    fn media_become_references() {
        let mut media = Vec::new();
        assert_eq!(
            field_text(
                "Flag:<img src=\"fl&amp;ag.gif\"><br>hola [sound:word.mp3]",
                &mut media
            ),
            "Flag: [image: fl&ag.gif]\nhola [sound: word.mp3]"
        );
        assert_eq!(media, vec!["fl&ag.gif", "word.mp3"]);
        media.clear();
        assert_eq!(
            field_text("<IMG class=x SRC=a.png/>", &mut media),
            "[image: a.png]"
        );
        assert_eq!(field_text("<imgx src=a.png>b", &mut media), "b");
        assert_eq!(
            split_media("hola [sound: word.mp3] amigo"),
            (
                "hola amigo".to_string(),
                vec!["[sound: word.mp3]".to_string()]
            )
        );
    }
}
