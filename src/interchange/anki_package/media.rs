//! A package's media: which zip member holds which file, extracted (and, in the modern
//! layout, decompressed) for the decks whose cards show it, and found again for a card.
//!
//! Names in a package are untrusted: a name that is not one plain file name (a path, `..`,
//! a hidden or control-character name) is left out and reported, so no file is ever
//! written outside `<data dir>/media/<deck>/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::protobuf::{Value, fields, text_field, varint_field};
use super::{PackageError, Zip, copy_entry, unzstd};
use crate::deck::Deck;

/// One media file, the archive member holding it, and the decks (file stems) whose cards
/// show it.
#[derive(Debug)]
pub(crate) struct MediaFile {
    pub name: String,
    pub decks: Vec<String>,
    pub member: String,
}

/// Where a deck's media go.
pub(crate) fn media_folder(data_dir: &Path, deck: &str) -> PathBuf {
    data_dir.join("media").join(deck)
}

/// Whether `name` is one plain file name, safe to join to a folder.
pub(crate) fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
}

/// The media files a card's text names (`[image: flag.png]`, `[sound: word.mp3]`), as
/// paths in the deck's media folder, in the order named; names that are not plain file
/// names, or whose file is not there, are left out. This is what the study screen's `o`
/// key opens.
pub(crate) fn card_media(data_dir: &Path, deck: &str, texts: &[&str]) -> Vec<PathBuf> {
    let folder = media_folder(data_dir, deck);
    let mut found = Vec::new();
    for text in texts {
        for marker in ["[image: ", "[sound: "] {
            let mut rest = *text;
            while let Some(at) = rest.find(marker) {
                let after = &rest[at + marker.len()..];
                let Some(end) = after.find(']') else { break };
                let name = after[..end].trim();
                let path = folder.join(name);
                if safe_name(name) && path.is_file() && !found.contains(&path) {
                    found.push(path);
                }
                rest = &after[end..];
            }
        }
    }
    found
}

/// `(name, bytes)` of every media file the deck's cards show, from its media folder, each
/// once: what an exported package carries.
pub(crate) fn deck_media(data_dir: &Path, deck: &Deck) -> Vec<(String, Vec<u8>)> {
    let mut media: Vec<(String, Vec<u8>)> = Vec::new();
    for card in &deck.cards {
        let question = card.question.text();
        let answer = card.answer_text();
        let explain = card.explain.as_deref().unwrap_or_default();
        for path in card_media(data_dir, &deck.id.0, &[&question, &answer, explain]) {
            let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            if media.iter().any(|(known, _)| *known == name) {
                continue;
            }
            // A file that vanished since it was found is simply not carried.
            if let Ok(bytes) = std::fs::read(&path) {
                media.push((name, bytes));
            }
        }
    }
    media
}

/// The files the cards name, read from the package: `map` is the `media` member (JSON
/// `{"0": "name"}` in the legacy layouts; zstd-compressed `MediaEntries` in the modern
/// one, entry i in member `i`, its files compressed too). Returns the files and what was
/// left out.
pub(super) fn read_media(
    zip: &mut Zip,
    map: &[u8],
    modern: bool,
    referenced: &BTreeMap<String, Vec<String>>,
) -> Result<(Vec<MediaFile>, Vec<String>), PackageError> {
    let damaged = |what: String| PackageError::Damaged(format!("its media map {what}"));
    let mut members: BTreeMap<String, String> = BTreeMap::new();
    if modern && !map.is_empty() {
        let map = unzstd(map).map_err(|e| damaged(format!("does not decompress: {e}")))?;
        let entries = fields(&map).ok_or_else(|| damaged("is not readable".into()))?;
        let mut index = 0u64;
        for (number, value) in entries {
            let (1, Value::Bytes(bytes)) = (number, value) else {
                continue;
            };
            let entry = fields(bytes).ok_or_else(|| damaged("is not readable".into()))?;
            let legacy = varint_field(&entry, 255);
            let member = if entry.iter().any(|(n, _)| *n == 255) {
                legacy
            } else {
                index
            };
            members.insert(text_field(&entry, 1), member.to_string());
            index += 1;
        }
    } else if !map.is_empty() {
        let json: serde_json::Value =
            serde_json::from_slice(map).map_err(|e| damaged(format!("is not JSON: {e}")))?;
        let object = json
            .as_object()
            .ok_or_else(|| damaged("is not a JSON object".into()))?;
        for (member, name) in object {
            if let Some(name) = name.as_str() {
                members.insert(name.to_string(), member.clone());
            }
        }
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for (name, decks) in referenced {
        if !safe_name(name) {
            skipped.push(format!("{name:?}: not a plain file name"));
            continue;
        }
        let Some(member) = members.get(name) else {
            skipped.push(format!("{name:?}: not in the package"));
            continue;
        };
        // Unpacked once to check it, into nothing: a damaged file is found before anything
        // is written, and no file is held in memory.
        copy_entry(zip, member, modern, &mut std::io::sink()).map_err(|error| match error {
            PackageError::Damaged(reason) => {
                PackageError::Damaged(format!("media file {name:?}, member {reason}"))
            }
            other => other,
        })?;
        files.push(MediaFile {
            name: name.clone(),
            decks: decks.clone(),
            member: member.clone(),
        });
    }
    Ok((files, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_safe() {
        for bad in [
            "", "../x.png", "a/b.png", "a\\b.png", ".hidden", "..", "a\nb",
        ] {
            assert!(!safe_name(bad), "{bad:?}");
        }
        assert!(safe_name("flag.gif"));
        assert!(safe_name("Straße 1.mp3"));
    }

    #[test]
    fn a_card_names_its_media_files() {
        let dir = tempfile::tempdir().unwrap();
        let folder = media_folder(dir.path(), "d");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("flag.gif"), b"x").unwrap();
        std::fs::write(folder.join("word.mp3"), b"x").unwrap();
        let found = card_media(
            dir.path(),
            "d",
            &[
                "[image: flag.gif] [image: gone.png] [image: ../x]",
                "hola [sound: word.mp3]",
            ],
        );
        assert_eq!(
            found,
            vec![folder.join("flag.gif"), folder.join("word.mp3")]
        );
    }
}
