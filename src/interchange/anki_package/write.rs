//! `quiz export --format apkg`: a deck as an Anki package, a schema-11 `collection.anki2`
//! in a ZIP with its media, which every Anki since 2.0 and AnkiDroid import.
//!
//! The note types are Anki's own stock types as the real Anki 26.9.3 writes them
//! (`notetypes.json`, with fixed ids so each export names the same types), and Anki
//! matches notes by guid, so importing a second export updates the first one's notes.
//! With history, each review becomes a revlog row (cram as Anki's "filtered" kind) and
//! each reviewed card a review card due when quiz has it due, so the learner's progress
//! moves to Anki; Anki's FSRS recomputes its memory from those rows.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;

use jiff::Timestamp;

use super::super::anki_notes::{Note, NoteType};
use crate::deck::CardId;
use crate::schedule::{CardState, Rating};
use crate::store::anki_collection::{NewCard, NewCollection, NewNote, NewReview, write_collection};

/// One review to carry over.
pub(crate) struct ExportedReview {
    pub card: CardId,
    pub at: Timestamp,
    pub rating: Rating,
    pub elapsed_ms: i64,
    pub cram: bool,
}

/// What goes into the package besides the notes.
pub(crate) struct PackageInput<'a> {
    pub deck: &'a str,
    pub notes: &'a [Note],
    /// The cards' schedule and reviews, when the history goes too.
    pub history: Option<(&'a HashMap<CardId, CardState>, &'a [ExportedReview])>,
    /// The cards the learner suspended: suspended in Anki too.
    pub suspended: &'a HashSet<CardId>,
    /// `(name, bytes)` of the media the cards show.
    pub media: &'a [(String, Vec<u8>)],
    pub now: Timestamp,
}

const NOTETYPES: &str = include_str!("notetypes.json");
const DECK_CONFIG: &str = include_str!("dconf.json");
const DAY_MS: i64 = 86_400_000;

fn notetype_id(note_type: NoteType) -> i64 {
    match note_type {
        NoteType::Typed => 1_700_000_000_001,
        NoteType::Reversed => 1_700_000_000_002,
        NoteType::Cloze => 1_700_000_000_003,
    }
}

/// The package's bytes.
pub(crate) fn write_apkg(input: &PackageInput<'_>) -> anyhow::Result<Vec<u8>> {
    let now_ms = input.now.as_millisecond();
    // The collection is "created" at the start of the day 10 years back, so every
    // review day number Anki reads is positive.
    let created_ms = (now_ms - 3650 * DAY_MS).div_euclid(DAY_MS) * DAY_MS;
    let deck_id = now_ms;
    let mut decks = serde_json::Map::new();
    decks.insert("1".into(), default_deck(1, "Default"));
    decks.insert(deck_id.to_string(), default_deck(deck_id, input.deck));
    let decks = serde_json::Value::Object(decks);
    let conf = serde_json::json!({
        "activeDecks": [deck_id], "curDeck": deck_id, "nextPos": input.notes.len() + 1,
        "schedVer": 2, "sched2021": true, "sortType": "noteFld", "collapseTime": 1200,
        "curModel": notetype_id(NoteType::Typed), "addToCur": true, "dueCounts": true,
        "estTimes": true, "timeLim": 0, "newSpread": 0, "dayLearnFirst": false,
    });

    let mut next_id = now_ms;
    let mut id = || {
        next_id += 1;
        next_id
    };
    let mut card_of: HashMap<&str, i64> = HashMap::new();
    let mut rows = Vec::new();
    let checksums: Vec<i64> = input.notes.iter().map(|n| checksum(&n.fields[0])).collect();
    let sort_fields: Vec<String> = input
        .notes
        .iter()
        .map(|n| super::super::html::html_to_text(&n.fields[0]))
        .collect();
    let joined: Vec<String> = input.notes.iter().map(|n| n.fields.join("\x1f")).collect();
    let tags: Vec<String> = input
        .notes
        .iter()
        .map(|n| {
            if n.tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", n.tags.join(" "))
            }
        })
        .collect();
    for (i, note) in input.notes.iter().enumerate() {
        let note_id = id();
        let mut cards = Vec::new();
        for (ord, quiz_card) in &note.cards {
            let card_id = id();
            card_of.insert(quiz_card.as_str(), card_id);
            let quiz_id = CardId(quiz_card.clone());
            let suspended = input.suspended.contains(&quiz_id);
            let state = input.history.and_then(|(states, _)| states.get(&quiz_id));
            cards.push(match state {
                Some(state) => {
                    let due_ms = state.due.as_millisecond();
                    let last_ms = state.last_review.as_millisecond();
                    NewCard {
                        id: card_id,
                        note: note_id,
                        deck: deck_id,
                        ord: *ord,
                        kind: 2,
                        due: (due_ms - created_ms).div_euclid(DAY_MS),
                        interval: ((due_ms - last_ms).div_euclid(DAY_MS)).max(1),
                        reps: i64::from(state.reps),
                        lapses: i64::from(state.lapses),
                        suspended,
                    }
                }
                None => NewCard {
                    id: card_id,
                    note: note_id,
                    deck: deck_id,
                    ord: *ord,
                    kind: 0,
                    due: i64::try_from(i + 1).unwrap_or(i64::MAX),
                    interval: 0,
                    reps: 0,
                    lapses: 0,
                    suspended,
                },
            });
        }
        rows.push((
            NewNote {
                id: note_id,
                guid: &note.guid,
                notetype: notetype_id(note.note_type),
                tags: &tags[i],
                fields: &joined[i],
                sort_field: &sort_fields[i],
                checksum: checksums[i],
            },
            cards,
        ));
    }
    let mut revlog = Vec::new();
    if let Some((_, reviews)) = input.history {
        let mut last_id = 0;
        let mut seen: HashMap<i64, i64> = HashMap::new();
        for review in reviews {
            let Some(&card) = card_of.get(review.card.0.as_str()) else {
                continue;
            };
            // Revlog ids are unique instants: a clash moves a millisecond on.
            let review_id = review.at.as_millisecond().max(last_id + 1);
            last_id = review_id;
            let first = !seen.contains_key(&card);
            let last = seen.insert(card, review_id).unwrap_or(review_id);
            revlog.push(NewReview {
                id: review_id,
                card,
                ease: i64::from(review.rating.number()),
                interval: 0,
                last_interval: (review_id - last).div_euclid(DAY_MS),
                time: review.elapsed_ms.clamp(0, 60_000),
                kind: if review.cram {
                    3
                } else if first {
                    0
                } else {
                    1
                },
            });
        }
    }

    let folder = tempfile::tempdir()?;
    let path = folder.path().join("collection.anki2");
    write_collection(
        &path,
        &NewCollection {
            now_secs: created_ms / 1000,
            conf: &conf.to_string(),
            models: NOTETYPES,
            decks: &decks.to_string(),
            dconf: DECK_CONFIG,
        },
        &rows,
        &revlog,
    )?;
    let database = std::fs::read(&path)?;

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options)?;
    zip.write_all(&database)?;
    let map: serde_json::Map<String, serde_json::Value> = input
        .media
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (i.to_string(), name.clone().into()))
        .collect();
    zip.start_file("media", options)?;
    zip.write_all(serde_json::Value::Object(map).to_string().as_bytes())?;
    for (i, (_, bytes)) in input.media.iter().enumerate() {
        zip.start_file(i.to_string(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A schema-11 deck, as Anki writes a fresh one.
fn default_deck(id: i64, name: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "mod": 0, "name": name, "usn": 0, "lrnToday": [0, 0], "revToday": [0, 0],
        "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false,
        "desc": "", "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0,
    })
}

/// Anki's duplicate checksum: the first 8 hex digits of the SHA-1 of the first field as
/// text. Anki recomputes it on import, so any number works; this one costs nothing and
/// is only a hint, the FNV of the text.
fn checksum(field: &str) -> i64 {
    let text = super::super::html::html_to_text(field);
    i64::try_from(crate::stable_hash::fnv1a(text.bytes()) >> 32).unwrap_or(0)
}
