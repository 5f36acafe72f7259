//! The SQL of Anki's own collection database, read from a package and written into one.
//!
//! An Anki package carries a whole SQLite collection; quiz reads the few tables it needs
//! (note types, decks, notes, cards, the review log) and, for `quiz export --format apkg`,
//! writes a minimal schema-11 collection Anki imports. Both schemas are read: schema 11
//! keeps note types and decks as JSON in `col`, schema 18 in tables whose configs are
//! protobuf blobs, which this file hands over raw (`interchange::anki_package` decodes
//! them). No statement compares or sorts on a `COLLATE unicase` column, so Anki's
//! collation need not be registered.

use std::ops::ControlFlow;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

/// The rows quiz needs from a collection, as the database holds them.
#[derive(Debug, Default)]
pub(crate) struct RawCollection {
    /// `col.ver`: 11 for the legacy layouts, 18 for the current one.
    pub schema: i64,
    /// Schema 11: `col.models` and `col.decks`, JSON objects keyed by id.
    pub models_json: String,
    pub decks_json: String,
    /// Schema 18: `(id, name, config)` of each note type.
    pub notetypes: Vec<(i64, String, Vec<u8>)>,
    /// Schema 18: `(notetype, ord, name)` of each field.
    pub fields: Vec<(i64, i64, String)>,
    /// Schema 18: `(notetype, ord, name, config)` of each card template.
    pub templates: Vec<(i64, i64, String, Vec<u8>)>,
    /// Schema 18: `(id, name)` of each deck, the path's parts joined by `\x1f`.
    pub decks: Vec<(i64, String)>,
    pub notes: Vec<RawNote>,
    pub cards: Vec<RawCard>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawNote {
    pub id: i64,
    pub guid: String,
    pub notetype: i64,
    pub tags: String,
    /// The fields joined by `\x1f`.
    pub fields: String,
}

#[derive(Debug, Clone)]
pub(crate) struct RawCard {
    pub id: i64,
    pub note: i64,
    /// The card's home deck (its original deck while it sits in a filtered one).
    pub deck: i64,
    pub ord: i64,
    /// -1 suspended, -2/-3 buried, 0 new, 1/3 learning, 2 review.
    pub queue: i64,
}

/// One review-log row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawReview {
    /// The review's time in milliseconds since the epoch.
    pub id: i64,
    pub card: i64,
    /// The button: 1 again … 4 easy; 0 for a manual change.
    pub ease: i64,
    /// 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled.
    pub kind: i64,
    /// Milliseconds spent answering.
    pub time: i64,
}

/// Opens a collection file read-only and reads it, or says what is wrong with it.
pub(crate) fn read_collection(path: &Path) -> rusqlite::Result<(Connection, RawCollection)> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut raw = RawCollection {
        schema: conn.query_row("SELECT ver FROM col", [], |row| row.get(0))?,
        ..RawCollection::default()
    };
    if raw.schema < 15 {
        (raw.models_json, raw.decks_json) =
            conn.query_row("SELECT models, decks FROM col", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
    } else {
        raw.notetypes = collect(&conn, "SELECT id, name, config FROM notetypes", |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
        raw.fields = collect(&conn, "SELECT ntid, ord, name FROM fields", |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
        raw.templates = collect(
            &conn,
            "SELECT ntid, ord, name, config FROM templates",
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        raw.decks = collect(&conn, "SELECT id, name FROM decks", |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    }
    raw.notes = collect(
        &conn,
        "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id",
        |row| {
            Ok(RawNote {
                id: row.get(0)?,
                guid: row.get(1)?,
                notetype: row.get(2)?,
                tags: row.get(3)?,
                fields: row.get(4)?,
            })
        },
    )?;
    raw.cards = collect(
        &conn,
        "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, queue \
         FROM cards ORDER BY nid, ord",
        |row| {
            Ok(RawCard {
                id: row.get(0)?,
                note: row.get(1)?,
                deck: row.get(2)?,
                ord: row.get(3)?,
                queue: row.get(4)?,
            })
        },
    )?;
    Ok((conn, raw))
}

const REVIEW_LOG: &str = "SELECT id, cid, ease, type, time FROM revlog ORDER BY id";

/// Fails now, before anything is written, on a review log that cannot be read at all.
pub(crate) fn check_review_log(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare(REVIEW_LOG).map(drop)
}

/// Every review-log row in time order, one at a time, so a long history is never held;
/// `each` stops the reading by breaking.
pub(crate) fn for_each_review(
    conn: &Connection,
    mut each: impl FnMut(RawReview) -> ControlFlow<()>,
) -> rusqlite::Result<()> {
    let mut statement = conn.prepare(REVIEW_LOG)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let review = RawReview {
            id: row.get(0)?,
            card: row.get(1)?,
            ease: row.get(2)?,
            kind: row.get(3)?,
            time: row.get(4)?,
        };
        if each(review).is_break() {
            break;
        }
    }
    Ok(())
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut statement = conn.prepare(sql)?;
    statement.query_map([], map)?.collect()
}

/// What a schema-11 collection written for export holds besides its notes.
pub(crate) struct NewCollection<'a> {
    pub now_secs: i64,
    /// The `col` row's JSON columns.
    pub conf: &'a str,
    pub models: &'a str,
    pub decks: &'a str,
    pub dconf: &'a str,
}

/// A note to write: its cards follow it.
pub(crate) struct NewNote<'a> {
    pub id: i64,
    pub guid: &'a str,
    pub notetype: i64,
    pub tags: &'a str,
    pub fields: &'a str,
    pub sort_field: &'a str,
    pub checksum: i64,
}

pub(crate) struct NewCard {
    pub id: i64,
    pub note: i64,
    pub deck: i64,
    pub ord: i64,
    /// `type` and `queue` (0 new, 2 review), `due` (a position or a day number), `ivl`
    /// in days, and the review count.
    pub kind: i64,
    pub due: i64,
    pub interval: i64,
    pub reps: i64,
    pub lapses: i64,
    /// Suspended: queue -1 whatever its type.
    pub suspended: bool,
}

pub(crate) struct NewReview {
    pub id: i64,
    pub card: i64,
    pub ease: i64,
    pub interval: i64,
    pub last_interval: i64,
    pub time: i64,
    pub kind: i64,
}

/// The schema-11 tables Anki 2.1 reads from `collection.anki2`, as its own schema.
const SCHEMA_11: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null,
  factor integer not null, reps integer not null, lapses integer not null,
  left integer not null, odue integer not null, odid integer not null,
  flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null,
  factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// Writes a schema-11 collection at `path` (a new file) in one transaction.
pub(crate) fn write_collection(
    path: &Path,
    col: &NewCollection<'_>,
    notes: &[(NewNote<'_>, Vec<NewCard>)],
    reviews: &[NewReview],
) -> rusqlite::Result<()> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch(SCHEMA_11)?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            col.now_secs,
            col.now_secs * 1000,
            col.conf,
            col.models,
            col.decks,
            col.dconf
        ],
    )?;
    {
        let mut note_row =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut card_row = tx.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, ?6, \
             CASE WHEN ?11 THEN -1 ELSE ?6 END, ?7, ?8, \
             CASE WHEN ?6 = 2 THEN 2500 ELSE 0 END, ?9, ?10, 0, 0, 0, 0, '')",
        )?;
        for (note, cards) in notes {
            note_row.execute(params![
                note.id,
                note.guid,
                note.notetype,
                col.now_secs,
                note.tags,
                note.fields,
                note.sort_field,
                note.checksum
            ])?;
            for card in cards {
                card_row.execute(params![
                    card.id,
                    card.note,
                    card.deck,
                    card.ord,
                    col.now_secs,
                    card.kind,
                    card.due,
                    card.interval,
                    card.reps,
                    card.lapses,
                    card.suspended
                ])?;
            }
        }
        let mut review_row =
            tx.prepare("INSERT INTO revlog VALUES (?1, ?2, -1, ?3, ?4, ?5, 2500, ?6, ?7)")?;
        for review in reviews {
            review_row.execute(params![
                review.id,
                review.card,
                review.ease,
                review.interval,
                review.last_interval,
                review.time,
                review.kind
            ])?;
        }
    }
    tx.commit()
}
