//! One event as one line of a device log: JSON, written and read here only (docs/sync.md
//! is the reference). A line from the sync folder is untrusted: it is read with a length
//! limit, checked field by field, and refused with a reason rather than guessed at.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::schedule::Rating;
use crate::store::Mode;
use crate::store::sync::{Change, SyncEvent};
use crate::store::types::VerdictWord;

/// The format version every line carries.
pub(crate) const VERSION: u32 = 1;

/// A line longer than this is refused without being parsed (no event comes near it).
pub(crate) const MAX_LINE: usize = 64 * 1024;

/// The fields a line may have; which ones an event needs depends on its `type`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    v: u32,
    id: String,
    at: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deck: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    card: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters: Option<Vec<f32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

/// Whether `text` is a device id: 16 lowercase hexadecimal digits.
pub(crate) fn is_device_id(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The event id of a line: `<device>-<seq>`.
pub(crate) fn event_id(device: &str, seq: i64) -> String {
    format!("{device}-{seq}")
}

/// The line for `event`, without its newline.
pub(crate) fn encode(event: &SyncEvent) -> String {
    let mut line = Line {
        v: VERSION,
        id: event_id(&event.device, event.seq),
        at: instant(event.at),
        kind: event.change.kind().to_owned(),
        ..Line::default()
    };
    match &event.change {
        Change::Review {
            deck,
            card,
            rating,
            verdict,
            mode,
            elapsed_ms,
            answer,
        } => {
            line.deck = Some(deck.clone());
            line.card = Some(card.clone());
            line.rating = Some(rating.number());
            line.verdict = Some(verdict.name().to_owned());
            line.mode = Some(mode.name().to_owned());
            line.duration_ms = Some(*elapsed_ms);
            line.answer = Some(answer.clone());
        }
        Change::Undo { of } => line.of = Some(*of),
        Change::Override {
            of,
            rating,
            verdict,
        } => {
            line.of = Some(*of);
            line.rating = Some(rating.number());
            line.verdict = Some(verdict.name().to_owned());
        }
        Change::Accept { deck, card, answer } => {
            line.deck = Some(deck.clone());
            line.card = Some(card.clone());
            line.answer = Some(answer.clone());
        }
        Change::Parameters { json } => {
            line.parameters = serde_json::from_str(json).ok();
        }
        Change::Suspend { deck, card } | Change::Restore { deck, card } => {
            line.deck = Some(deck.clone());
            line.card = Some(card.clone());
        }
        Change::Retention { value } => line.retention = Some(*value),
        Change::Device { name } => line.name = Some(name.clone()),
    }
    // Strings, numbers and lists only: serialising cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

/// An instant as a line writes it: RFC 3339, UTC, whole milliseconds.
fn instant(at: Timestamp) -> String {
    format!("{at:.3}")
}

/// Reads one line (without its newline) of the log of `device`. The error says what is
/// wrong, for a report that names the file and line.
pub(crate) fn decode(text: &[u8], device: &str) -> Result<SyncEvent, String> {
    if text.len() > MAX_LINE {
        return Err(format!("longer than {MAX_LINE} bytes"));
    }
    let line: Line = serde_json::from_slice(text).map_err(|e| format!("not an event: {e}"))?;
    if line.v != VERSION {
        return Err(format!(
            "format version {} (this quiz reads {VERSION}; a newer quiz wrote it)",
            line.v
        ));
    }
    let (owner, seq) = line
        .id
        .rsplit_once('-')
        .ok_or_else(|| "the id is not DEVICE-SEQUENCE".to_string())?;
    if owner != device {
        return Err("the event belongs to another device's log".into());
    }
    let seq: i64 = seq
        .parse()
        .ok()
        .filter(|&seq| seq > 0)
        .ok_or_else(|| "the id's sequence number is not a whole number above 0".to_string())?;
    let at: Timestamp = line
        .at
        .parse()
        .map_err(|_| format!("`at` is not an RFC 3339 instant: {:?}", line.at))?;
    let at = Timestamp::from_millisecond(at.as_millisecond())
        .map_err(|_| "`at` is out of range".to_string())?;
    let need = |field: Option<String>, name: &str| {
        field.ok_or_else(|| format!("a {} event needs `{name}`", line.kind))
    };
    let rating = |rating: Option<u8>| {
        rating
            .and_then(Rating::from_number)
            .ok_or_else(|| "`rating` must be 1, 2, 3 or 4".to_string())
    };
    let of = |of: Option<i64>| {
        of.filter(|&of| of > 0 && of < seq)
            .ok_or_else(|| "`of` must name an earlier event of the same device".to_string())
    };
    let change = match line.kind.as_str() {
        "review" => {
            let mode = need(line.mode.clone(), "mode")?;
            Change::Review {
                deck: need(line.deck.clone(), "deck")?,
                card: need(line.card.clone(), "card")?,
                rating: rating(line.rating)?,
                verdict: VerdictWord::from_name(&need(line.verdict.clone(), "verdict")?),
                mode: Mode::from_name(&mode).ok_or_else(|| format!("unknown mode {:?}", mode))?,
                elapsed_ms: line.duration_ms.unwrap_or(0),
                answer: line.answer.clone().unwrap_or_default(),
            }
        }
        "undo" => Change::Undo { of: of(line.of)? },
        "override" => Change::Override {
            of: of(line.of)?,
            rating: rating(line.rating)?,
            verdict: VerdictWord::from_name(&need(line.verdict.clone(), "verdict")?),
        },
        "accept" => Change::Accept {
            deck: need(line.deck.clone(), "deck")?,
            card: need(line.card.clone(), "card")?,
            answer: need(line.answer.clone(), "answer")?,
        },
        "parameters" => {
            let parameters = line
                .parameters
                .clone()
                .filter(|p| crate::schedule::Scheduler::new(Some(p), 0.9).is_ok())
                .ok_or_else(|| {
                    "`parameters` are not parameters the scheduler accepts".to_string()
                })?;
            Change::Parameters {
                json: serde_json::to_string(&parameters).unwrap_or_default(),
            }
        }
        "retention" => Change::Retention {
            value: line
                .retention
                .filter(|r| *r > 0.0 && *r < 1.0)
                .ok_or_else(|| "`retention` must be a number between 0 and 1".to_string())?,
        },
        "device" => Change::Device {
            name: need(line.name.clone(), "name")?,
        },
        "suspend" => Change::Suspend {
            deck: need(line.deck.clone(), "deck")?,
            card: need(line.card.clone(), "card")?,
        },
        "restore" => Change::Restore {
            deck: need(line.deck.clone(), "deck")?,
            card: need(line.card.clone(), "card")?,
        },
        other => {
            return Err(format!(
                "unknown event type {other:?} (a newer quiz wrote it?)"
            ));
        }
    };
    Ok(SyncEvent {
        device: device.to_owned(),
        seq,
        at,
        change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEVICE: &str = "0123456789abcdef";

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(ms).unwrap()
    }

    #[test]
    fn every_change_reads_back_as_written() {
        let changes = [
            Change::Review {
                deck: "capitals".into(),
                card: "fr".into(),
                rating: Rating::Good,
                verdict: VerdictWord::Right,
                mode: Mode::Review,
                elapsed_ms: 1234,
                answer: "Paris \u{1b}[2J".into(),
            },
            Change::Undo { of: 1 },
            Change::Override {
                of: 1,
                rating: Rating::Again,
                verdict: VerdictWord::OverriddenWrong,
            },
            Change::Accept {
                deck: "bundled:x".into(),
                card: "c".into(),
                answer: "Paname".into(),
            },
            Change::Parameters {
                json: serde_json::to_string(&fsrs::DEFAULT_PARAMETERS).unwrap(),
            },
            Change::Retention { value: 0.85 },
            Change::Device {
                name: "laptop".into(),
            },
            Change::Suspend {
                deck: "d".into(),
                card: "c".into(),
            },
            Change::Restore {
                deck: "d".into(),
                card: "c".into(),
            },
        ];
        for change in changes {
            let event = SyncEvent {
                device: DEVICE.into(),
                seq: 2,
                at: at(1_772_355_600_123),
                change,
            };
            let line = encode(&event);
            assert!(!line.contains('\n'), "{line}");
            assert_eq!(decode(line.as_bytes(), DEVICE), Ok(event), "{line}");
        }
    }

    #[test]
    fn a_review_line_reads_as_documented() {
        let line = br#"{"v":1,"id":"0123456789abcdef-7","at":"2026-03-01T09:00:00.250Z","type":"review","deck":"capitals","card":"fr","rating":3,"verdict":"right","mode":"review","duration_ms":1500,"answer":"Paris"}"#;
        let event = decode(line, DEVICE).unwrap();
        assert_eq!(event.seq, 7);
        assert_eq!(event.at.to_string(), "2026-03-01T09:00:00.25Z");
        assert_eq!(encode(&event).as_bytes(), line);
    }

    #[test]
    fn bad_lines_say_why() {
        let cases: [(&[u8], &str); 8] = [
            (b"{", "not an event"),
            (br#"{"v":2,"id":"0123456789abcdef-1","at":"2026-03-01T09:00:00Z","type":"device","name":"x"}"#, "format version 2"),
            (br#"{"v":1,"id":"fedcba9876543210-1","at":"2026-03-01T09:00:00Z","type":"device","name":"x"}"#, "another device"),
            (br#"{"v":1,"id":"0123456789abcdef-0","at":"2026-03-01T09:00:00Z","type":"device","name":"x"}"#, "above 0"),
            (br#"{"v":1,"id":"0123456789abcdef-1","at":"yesterday","type":"device","name":"x"}"#, "RFC 3339"),
            (br#"{"v":1,"id":"0123456789abcdef-3","at":"2026-03-01T09:00:00Z","type":"undo","of":3}"#, "earlier event"),
            (br#"{"v":1,"id":"0123456789abcdef-3","at":"2026-03-01T09:00:00Z","type":"review","deck":"d","card":"c","rating":5,"verdict":"right","mode":"review"}"#, "rating"),
            (br#"{"v":1,"id":"0123456789abcdef-3","at":"2026-03-01T09:00:00Z","type":"shrug"}"#, "unknown event type"),
        ];
        for (line, wanted) in cases {
            let error = decode(line, DEVICE).unwrap_err();
            assert!(error.contains(wanted), "{error}");
        }
        let long = vec![b' '; MAX_LINE + 1];
        assert!(decode(&long, DEVICE).unwrap_err().contains("longer than"));
    }

    #[test]
    fn device_ids_are_sixteen_hex_digits() {
        assert!(is_device_id(DEVICE));
        assert!(!is_device_id("0123456789ABCDEF"));
        assert!(!is_device_id("../../etc/passwd"));
        assert!(!is_device_id("0123456789abcde"));
    }
}
