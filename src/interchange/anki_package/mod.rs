//! Anki packages in: an `.apkg` or `.colpkg` becomes one deck file per Anki deck, the
//! review log becomes history, and the media come along.
//!
//! All three layouts are read: `collection.anki2` (Anki 2.0, schema 11),
//! `collection.anki21` (Anki 2.1's legacy export, schema 11) and `collection.anki21b` (the
//! current default: zstd-compressed, schema 18, a protobuf media map and compressed media).
//! A modern package also holds a dummy `collection.anki2` saying "please update Anki";
//! the `meta` file's version says which database is the real one. Everything is read and
//! checked before anything is written, so a damaged package writes nothing; every limit on
//! sizes holds before the bytes are inflated, so a hostile package costs bounded memory.

mod install;
mod media;
mod model;
mod notes;
mod protobuf;
mod write;

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::ops::ControlFlow;
use std::path::Path;

use crate::deck::{CardId, DeckId};
use crate::schedule::Rating;
use crate::store::types::VerdictWord;
use crate::store::{Mode, Review};

use crate::deck::parse::{CardSink, Checks, read_deck};
use crate::store::anki_collection::{
    RawReview, check_review_log, for_each_review, read_collection,
};

use super::{ImportOptions, Imported, Source};

pub(crate) use install::{Outcome, install};
// `card_media` is what the study screen's `o` key is to open (wired by the screen's owner).
#[allow(unused_imports)]
pub(crate) use media::card_media;
pub(crate) use media::{MediaFile, deck_media, media_folder};
pub(crate) use notes::{field_text, guid_of, id_of, split_media};
pub(crate) use write::{ExportedReview, PackageInput, write_apkg};

/// The most a package's database or one media file may inflate to.
const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// One Anki deck as a deck file.
#[derive(Debug)]
pub(crate) struct PackageDeck {
    /// The file stem and deck id: the deck's path as a slug (`geography-capitals`).
    pub name: String,
    /// The Anki deck's path (`Geography::Capitals`).
    pub path: String,
    pub imported: Imported,
    /// The cards it asks (a note with its reverse asks two, a cloze one per number).
    pub asked: usize,
}

/// What a package holds, read and checked, nothing written yet.
#[derive(Debug, Default)]
pub(crate) struct Package {
    pub decks: Vec<PackageDeck>,
    /// Notes left out, each with its reason.
    pub skipped: Vec<String>,
    /// Things said once about how a note type was read.
    pub notices: Vec<String>,
    /// The review log, read when it is imported (`None` without history).
    pub history: Option<History>,
    /// Cards suspended in Anki.
    pub suspended: Vec<(DeckId, CardId)>,
    pub media: Vec<MediaFile>,
    /// Media names left out (unsafe names, missing files), with why.
    pub skipped_media: Vec<String>,
    /// The database the package was read from (`collection.anki21b`…).
    pub layout: &'static str,
    /// The archive, for the media.
    pub archive: Option<Archive>,
}

/// Why a package cannot be imported. Each message follows the file's name.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PackageError {
    #[error("is not a ZIP archive, so not an Anki package")]
    NotZip,
    #[error("is a damaged ZIP archive, so no Anki package can be read from it ({0})")]
    DamagedZip(String),
    #[error(
        "is a ZIP archive but not an Anki package: it holds no collection.anki2, \
         collection.anki21 or collection.anki21b"
    )]
    NotAnki,
    #[error("is a damaged Anki package: {0}")]
    Damaged(String),
    #[error("holds a damaged Anki collection ({layout}): {reason}")]
    Database {
        layout: &'static str,
        reason: String,
    },
}

/// Reads the package at `path`, a file named `file_name`, into decks, history and media:
/// everything checked, the media left in the archive (streamed out by `install`), so that
/// memory does not grow with the package.
/// Without `history` the review log is not read.
pub(crate) fn read_package(
    path: &Path,
    file_name: &str,
    history: bool,
) -> Result<Package, PackageError> {
    let file = std::fs::File::open(path)
        .map_err(|e| PackageError::Damaged(format!("it cannot be read: {e}")))?;
    let mut magic = [0u8; 2];
    let zip_like = std::io::Read::read_exact(&mut &file, &mut magic).is_ok() && magic == *b"PK";
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        if zip_like {
            PackageError::DamagedZip(e.to_string())
        } else {
            PackageError::NotZip
        }
    })?;
    let names: HashSet<String> = zip.file_names().map(str::to_string).collect();
    let version = match names.contains("meta") {
        true => {
            let meta = entry(&mut zip, "meta")?;
            let fields = protobuf::fields(&meta)
                .ok_or_else(|| PackageError::Damaged("its meta file is not readable".into()))?;
            protobuf::varint_field(&fields, 1)
        }
        false => 0,
    };
    let layout = if version >= 3 || (version == 0 && names.contains("collection.anki21b")) {
        "collection.anki21b"
    } else if names.contains("collection.anki21") {
        "collection.anki21"
    } else if names.contains("collection.anki2") {
        "collection.anki2"
    } else {
        return Err(PackageError::NotAnki);
    };
    if !names.contains(layout) {
        return Err(PackageError::Damaged(format!(
            "its meta names {layout}, which it lacks"
        )));
    }
    let modern = layout == "collection.anki21b";
    let mut temp = tempfile::NamedTempFile::new()
        .map_err(|e| PackageError::Damaged(format!("no room for its database: {e}")))?;
    copy_entry(&mut zip, layout, modern, temp.as_file_mut())?;
    let db_error = |e: rusqlite::Error| PackageError::Database {
        layout,
        reason: e.to_string(),
    };
    let (conn, raw) = read_collection(temp.path()).map_err(db_error)?;
    let (notetypes, deck_paths) =
        model::read_model(&raw).map_err(|reason| PackageError::Database { layout, reason })?;

    let converted = notes::convert(&raw, &notetypes, &deck_paths);
    let mut package = Package {
        skipped: converted.skipped,
        notices: converted.notices,
        layout,
        ..Package::default()
    };
    for deck in converted.decks {
        let options = ImportOptions {
            title: deck.path.clone(),
            source_note: format!("imported from {file_name} (Anki deck {})", deck.path),
            ..ImportOptions::default()
        };
        let imported = super::deck_file::assemble(deck.read, &options, Source::Anki);
        let asked = asked_cards(&deck.name, &imported.toml);
        package.decks.push(PackageDeck {
            asked,
            name: deck.name,
            path: deck.path,
            imported,
        });
    }
    package.suspended = converted.suspended;

    if history {
        // A log that cannot be read at all is found now, before anything is written.
        check_review_log(&conn).map_err(db_error)?;
        package.history = Some(History {
            conn,
            cards: converted.cards,
            layout,
            _file: temp,
        });
    }

    let map = match names.contains("media") {
        true => entry(&mut zip, "media")?,
        false => Vec::new(),
    };
    let (files, skipped_media) = media::read_media(&mut zip, &map, modern, &converted.media)?;
    package.media = files;
    package.skipped_media = skipped_media;
    package.archive = Some(Archive { zip, modern });
    Ok(package)
}

/// How many cards the deck file `toml` asks (a cloze note asks one per gap), counted as
/// the parser reads them: a package of 100,000 notes held every parsed card only to count.
fn asked_cards(name: &str, toml: &str) -> usize {
    struct Count(usize);
    impl CardSink for Count {
        fn card(&mut self, _: crate::deck::Card) {
            self.0 += 1;
        }
        fn restart(&mut self) {
            self.0 = 0;
        }
    }
    let mut count = Count(0);
    let parsed = read_deck(
        DeckId(name.to_string()),
        toml,
        crate::deck::Origin::Bundled,
        Checks::Errors,
        &mut count,
    );
    parsed.deck.map_or(0, |_| count.0)
}

/// A package's review log, kept in its database and streamed a row at a time when it is
/// imported, so that a history of millions of reviews is never held in memory.
#[derive(Debug)]
pub(crate) struct History {
    conn: rusqlite::Connection,
    /// Anki's card id → the deck and card it became.
    cards: HashMap<i64, (DeckId, CardId)>,
    layout: &'static str,
    /// The database file `conn` reads, removed when the history is dropped.
    _file: tempfile::NamedTempFile,
}

impl History {
    /// Hands every review of the log to `each`, in time order; returns how many rows were
    /// no review (manual, rescheduled, ease 0) or of a card not imported.
    pub(crate) fn for_each(
        &self,
        mut each: impl FnMut(&Review<'_>) -> anyhow::Result<()>,
    ) -> anyhow::Result<usize> {
        let mut dropped = 0;
        let mut failed = None;
        for_each_review(&self.conn, |row: RawReview| {
            match review(&row, &self.cards) {
                Some(review) => {
                    if let Err(error) = each(&review) {
                        failed = Some(error);
                        return ControlFlow::Break(());
                    }
                }
                None => dropped += 1,
            }
            ControlFlow::Continue(())
        })
        .map_err(|e| PackageError::Database {
            layout: self.layout,
            reason: e.to_string(),
        })?;
        match failed {
            Some(error) => Err(error),
            None => Ok(dropped),
        }
    }
}

/// A revlog row as a review of the card it belongs to: the rating is the button; manual
/// and rescheduling rows and rows without a button are no review; a review in a filtered
/// deck that does not reschedule (type 3) is cram. The review borrows the card's deck and id
/// from `cards`: a log of a million rows copies no names.
fn review<'a>(row: &RawReview, cards: &'a HashMap<i64, (DeckId, CardId)>) -> Option<Review<'a>> {
    let rating = Rating::from_number(u8::try_from(row.ease).ok()?)?;
    let mode = match row.kind {
        0..=2 => Mode::Import,
        3 => Mode::Cram,
        _ => return None,
    };
    let (deck, card) = cards.get(&row.card)?;
    Some(Review {
        reviewed_at: jiff::Timestamp::from_millisecond(row.id).ok()?,
        deck,
        card,
        rating,
        verdict: graded(rating),
        given_answer: "",
        elapsed_ms: u64::try_from(row.time).unwrap_or(0),
        session: None,
        mode,
    })
}

/// [`VerdictWord::graded`] as a reference that outlives the row.
fn graded(rating: Rating) -> &'static VerdictWord {
    static AGAIN: VerdictWord = VerdictWord::Again;
    static HARD: VerdictWord = VerdictWord::Hard;
    static GOOD: VerdictWord = VerdictWord::Good;
    static EASY: VerdictWord = VerdictWord::Easy;
    match rating {
        Rating::Again => &AGAIN,
        Rating::Hard => &HARD,
        Rating::Good => &GOOD,
        Rating::Easy => &EASY,
    }
}

type Zip = zip::ZipArchive<std::fs::File>;

/// The package's archive, kept open so its media can be streamed out.
pub(crate) struct Archive {
    zip: Zip,
    modern: bool,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Archive")
    }
}

impl Archive {
    /// Streams member `member` (decompressed in the modern layout) into `out`.
    pub(crate) fn extract(
        &mut self,
        member: &str,
        out: &mut dyn std::io::Write,
    ) -> Result<u64, PackageError> {
        copy_entry(&mut self.zip, member, self.modern, out)
    }
}

/// The most a package's small members (`meta`, the media map) may inflate to.
const MAX_SMALL_BYTES: u64 = 64 << 20;

/// A small member's bytes, at most [`MAX_SMALL_BYTES`].
fn entry(zip: &mut Zip, name: &str) -> Result<Vec<u8>, PackageError> {
    let file = zip
        .by_name(name)
        .map_err(|e| PackageError::Damaged(format!("{name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_SMALL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| PackageError::Damaged(format!("{name} does not inflate: {e}")))?;
    if bytes.len() as u64 > MAX_SMALL_BYTES {
        return Err(PackageError::Damaged(format!(
            "{name} inflates past 64 MiB"
        )));
    }
    Ok(bytes)
}

/// Streams member `name` into `out`, zstd-decompressed when `zstd`, at most
/// [`MAX_ENTRY_BYTES`]; how many bytes it wrote.
fn copy_entry(
    zip: &mut Zip,
    name: &str,
    zstd: bool,
    out: &mut dyn std::io::Write,
) -> Result<u64, PackageError> {
    let file = zip
        .by_name(name)
        .map_err(|e| PackageError::Damaged(format!("{name}: {e}")))?;
    let damaged = |e: std::io::Error| {
        if zstd {
            PackageError::Damaged(format!("{name} does not decompress: {e}"))
        } else {
            PackageError::Damaged(format!("{name} does not inflate: {e}"))
        }
    };
    let reader: Box<dyn std::io::Read> = if zstd {
        Box::new(
            ruzstd::decoding::StreamingDecoder::new(file)
                .map_err(|e| PackageError::Damaged(format!("{name} does not decompress: {e}")))?,
        )
    } else {
        Box::new(file)
    };
    let copied = std::io::copy(&mut reader.take(MAX_ENTRY_BYTES + 1), out).map_err(damaged)?;
    if copied > MAX_ENTRY_BYTES {
        return Err(PackageError::Damaged(format!("{name} unpacks past 1 GiB")));
    }
    Ok(copied)
}

/// Zstandard-decompressed `bytes` (a small member), at most [`MAX_SMALL_BYTES`].
fn unzstd(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let decoder = ruzstd::decoding::StreamingDecoder::new(bytes).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    decoder
        .take(MAX_SMALL_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() as u64 > MAX_SMALL_BYTES {
        return Err("it decompresses past 64 MiB".into());
    }
    Ok(out)
}
