//! The progress store: one SQLite file, the only code in quiz that speaks SQL.
//!
//! Each answer is one small transaction (append the review, update the card's row), so an
//! interrupted session loses nothing that was answered and saving stays cheap however long
//! the log grows.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

mod accepts;
pub(crate) mod anki_collection;
pub(crate) mod deck_index;
mod health;
mod import;
pub(crate) mod lock;
pub(crate) mod log;
mod reviews;
mod suspended;
pub(crate) mod sync;
pub(crate) mod types;

pub(crate) use reviews::{Misses, Mode, Review, ReviewId, SessionId};
pub(crate) use suspended::Suspension;

pub(crate) const FILE_NAME: &str = "quiz.sqlite3";

/// Migrations, in order; the database's `PRAGMA user_version` says how many have run.
const MIGRATIONS: [&str; 8] = [
    include_str!("schema.sql"),
    include_str!("migration_2.sql"),
    include_str!("migration_3.sql"),
    include_str!("migration_4.sql"),
    include_str!("migration_5.sql"),
    include_str!("migration_6.sql"),
    include_str!("migration_7.sql"),
    include_str!("migration_8.sql"),
];

#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    #[error("could not create the data directory {path}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    // rusqlite's errors are leaves here (shown, not chained): their own text already
    // includes what SQLite said, which a chain would print a second time.
    #[error("could not open the progress database {path}: {error}")]
    Open {
        path: PathBuf,
        error: rusqlite::Error,
    },
    #[error(
        "the progress database {path} was written by a newer quiz (schema {found}, this quiz knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error(
        "the progress database {path} is read-only, or its folder is: quiz cannot save progress there"
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "the progress database {path} is read-only and was written by an older quiz (schema {found}, this quiz reads {known}): run quiz once where it can be written, which brings it up to date"
    )]
    ReadOnlyOld {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error(
        "the progress database {path} is read-only and its last answers are still in {log}, which quiz cannot read without writing to the folder: run quiz once where the folder can be written"
    )]
    ReadOnlyLog { path: PathBuf, log: PathBuf },
    #[error(
        "the progress database {path} is damaged: {problem}; quiz leaves it as it is. To recover: {recovery}"
    )]
    Damaged {
        path: PathBuf,
        problem: String,
        recovery: String,
    },
    #[error(
        "the progress database is damaged ({0}). To recover: save what it still holds with \
         `quiz history export -o reviews.csv`, move quiz.sqlite3 aside, and `quiz history \
         import reviews.csv` replays it into a fresh database"
    )]
    Malformed(rusqlite::Error),
    #[error("progress database error: {0}")]
    Sql(rusqlite::Error),
    #[error("the progress database holds an invalid time ({0} ms)")]
    BadTime(i64),
    #[error("the progress database holds an invalid rating ({0}); ratings run from 1 to 4")]
    BadRating(i64),
    #[error("the progress database holds an unknown mode {0:?}")]
    UnknownMode(String),
    #[error(
        "the index of deck `{0}` in the progress database is damaged; it is rebuilt from the deck file next time"
    )]
    DamagedIndex(String),
}

impl From<rusqlite::Error> for StoreError {
    /// A value our own `FromSql` refused carries its reason as a [`StoreError`]: that is
    /// the error, not rusqlite's wrapping of it.
    fn from(error: rusqlite::Error) -> StoreError {
        match error {
            rusqlite::Error::FromSqlConversionFailure(column, kind, inner) => {
                match inner.downcast::<StoreError>() {
                    Ok(inner) => *inner,
                    Err(inner) => StoreError::Sql(rusqlite::Error::FromSqlConversionFailure(
                        column, kind, inner,
                    )),
                }
            }
            error if error.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Malformed(error)
            }
            error => StoreError::Sql(error),
        }
    }
}

type Result<T> = std::result::Result<T, StoreError>;

pub(crate) struct Store {
    conn: Connection,
    path: PathBuf,
    access: Access,
    /// Whether this connection has its own copy of the deck index (see
    /// [`Store::writable_index`]).
    shadowed: bool,
}

/// How a store was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The database on disk, read and written.
    Write,
    /// The database on disk, read only: the file or its folder cannot be written.
    ReadOnly,
    /// No database on disk yet: an empty one in memory, so that a reader creates nothing.
    Empty,
}

impl Store {
    /// Opens (creating if needed) `<data_dir>/quiz.sqlite3` and brings its schema up to date.
    pub(crate) fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        Store::open_file(&data_dir.join(FILE_NAME))
    }

    /// Opens the database for a writer (which holds the data directory's lock). A session
    /// row never closed means a session was killed (or the machine stopped) since the last
    /// check: the file is checked for damage then, once, before anything is appended to it.
    pub(crate) fn open_file(path: &Path) -> Result<Store> {
        let store = Store::open_writable(path, OpenFlags::SQLITE_OPEN_CREATE)?;
        if let Some(session) = health::unchecked_crash(&store.conn)? {
            store.refuse_if_damaged()?;
            health::checked_through(&store.conn, session)?;
        }
        Ok(store)
    }

    /// SQLite's `quick_check` of the whole file (it reads every page), as an error that
    /// names the first problems found and says how to recover.
    pub(crate) fn refuse_if_damaged(&self) -> Result<()> {
        let problems = match health::quick_check(&self.conn, 10) {
            Ok(problems) => problems,
            // A page so broken that the check itself stops is one more problem it found.
            Err(error) if error.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => {
                vec![error.to_string()]
            }
            Err(error) => return Err(error.into()),
        };
        if problems.is_empty() {
            return Ok(());
        }
        Err(StoreError::Damaged {
            path: self.path.clone(),
            problem: format!("SQLite finds {}", problems.join("; ")),
            recovery: health::replay_advice(&self.path),
        })
    }

    /// Opens `<data_dir>/quiz.sqlite3` for a command that only reads, which takes no lock
    /// and creates nothing: the database read and written when it can be (the deck index, a
    /// cache, is then kept up to date in short transactions of its own, beside a running
    /// session's), read-only when the file or its folder cannot be written, and an empty one
    /// in memory when there is none (no progress yet).
    pub(crate) fn open_to_read(data_dir: &Path) -> Result<Store> {
        let path = data_dir.join(FILE_NAME);
        // When the file system cannot say, opening it says why.
        if matches!(path.try_exists(), Ok(false)) {
            let conn = Connection::open_in_memory().map_err(|error| StoreError::Open {
                path: path.clone(),
                error,
            })?;
            let mut store = Store {
                conn,
                path,
                access: Access::Empty,
                shadowed: false,
            };
            store.migrate()?;
            return Ok(store);
        }
        match Store::open_writable(&path, OpenFlags::empty()) {
            Err(StoreError::ReadOnly { .. }) => Store::open_read_only(&path),
            opened => opened,
        }
    }

    /// Opens the database to read and write (`create`: also when it does not exist yet).
    fn open_writable(path: &Path, create: OpenFlags) -> Result<Store> {
        let open_error = |source: rusqlite::Error| {
            if is_read_only(&source) {
                StoreError::ReadOnly {
                    path: path.to_path_buf(),
                }
            } else {
                StoreError::Open {
                    path: path.to_path_buf(),
                    error: source,
                }
            }
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | create;
        let conn = Connection::open_with_flags(path, flags).map_err(open_error)?;
        // SQLite opens a file it may not write read-only without a word; every save would
        // then fail on its first write.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(open_error)? {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_error)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_error)?;
        // FULL: the log is flushed to the disk before a commit returns, so an answer the
        // learner saw saved survives a power cut too, not only a killed process (which WAL
        // survives at NORMAL as well; NORMAL can lose the last commits to a power cut, though
        // never the file). One flush per answer is a fraction of a millisecond on an SSD
        // (bench/scale.sh); bulk work commits once.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_error)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            access: Access::Write,
            shadowed: false,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Opens the database read-only: no journal mode is set and no migration runs, so a
    /// database of another schema is refused.
    fn open_read_only(path: &Path) -> Result<Store> {
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
            error: source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_error)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_error)?;
        if let Err(error) = user_version(&conn) {
            // Read-only without a log, cannot open with one.
            if !is_read_only(&error) && error.sqlite_error_code() != Some(ErrorCode::CannotOpen) {
                return Err(open_error(error));
            }
            // A WAL database is read through its `-shm` file, which SQLite cannot create in
            // a read-only folder. Nobody is writing then (a writer would have created it),
            // so the file may be read as immutable — unless a write-ahead log left by a
            // killed session holds answers the file does not have yet.
            let log = wal_path(path);
            if std::fs::metadata(&log).is_ok_and(|log| log.len() > 0) {
                return Err(StoreError::ReadOnlyLog {
                    path: path.to_path_buf(),
                    log,
                });
            }
            let Some(uri) = immutable_uri(path) else {
                return Err(open_error(error));
            };
            conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(open_error)?;
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
            access: Access::ReadOnly,
            shadowed: false,
        };
        let known = MIGRATIONS.len();
        let found = user_version(&store.conn).map_err(open_error)?;
        health::check_version(&store.conn, &store.path, found)?;
        if found > known as i64 {
            return Err(StoreError::TooNew {
                path: store.path,
                found,
                known,
            });
        }
        if found < known as i64 {
            return Err(StoreError::ReadOnlyOld {
                path: store.path,
                found,
                known,
            });
        }
        Ok(store)
    }

    /// Makes the deck index writable. In a store opened read-only this connection gets its
    /// own copy of it, in TEMP tables of the same names (which SQLite reads before the
    /// file's), so a reader brings a changed deck's index up to date without writing the
    /// file; the copy goes when the store closes. (`cards.position` is not kept in step
    /// with the copy: `cards` cannot change here, and readers do not go by it.) Copying costs what the index holds, and
    /// only happens when a deck has changed.
    pub(crate) fn writable_index(&mut self) -> Result<()> {
        if self.access != Access::ReadOnly || self.shadowed {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        let schema: Vec<(String, String)> = {
            let mut statement = tx.prepare(
                "SELECT type, sql FROM main.sqlite_schema
                 WHERE tbl_name IN ('deck_files', 'deck_cards') AND sql IS NOT NULL
                     AND type IN ('table', 'index')
                 ORDER BY type = 'index', name",
            )?;
            statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let (tables, indexes): (Vec<_>, Vec<_>) =
            schema.into_iter().partition(|(kind, _)| kind == "table");
        for (_, sql) in tables {
            // Should the file's schema read otherwise, the statement fails on the read-only
            // file instead.
            let sql = match sql.strip_prefix("CREATE TABLE ") {
                Some(rest) => format!("CREATE TEMP TABLE {rest}"),
                None => sql,
            };
            tx.execute_batch(&sql)?;
        }
        tx.execute_batch(
            "INSERT INTO temp.deck_files SELECT * FROM main.deck_files;
             INSERT INTO temp.deck_cards SELECT * FROM main.deck_cards;",
        )?;
        // An index on a TEMP table goes in the TEMP schema by itself.
        for (_, sql) in indexes {
            tx.execute_batch(&sql)?;
        }
        tx.commit()?;
        self.shadowed = true;
        Ok(())
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self) -> Result<()> {
        let known = MIGRATIONS.len();
        let version = self.user_version()?;
        if version > known as i64 {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        health::check_version(&self.conn, &self.path, version)?;
        if version == known as i64 {
            return Ok(());
        }
        // Two quiz processes opening a new data directory at once must not both run a
        // migration: the immediate transaction makes the second wait, then re-read.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let done = usize::try_from(version).unwrap_or(0);
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(done) {
            tx.execute_batch(migration)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn user_version(&self) -> Result<i64> {
        Ok(user_version(&self.conn)?)
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                params![key],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Sets one `meta` entry (an Anki import records here the hash of each deck file it wrote).
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Whether SQLite failed because it may not write the file or its folder.
fn is_read_only(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(ErrorCode::ReadOnly)
}

/// The write-ahead log beside a database in WAL mode.
fn wal_path(path: &Path) -> PathBuf {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    PathBuf::from(log)
}

/// `path` as an SQLite URI that opens it read-only and immutable; `None` when the path is
/// not Unicode.
fn immutable_uri(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let mut text = absolute.to_str()?.to_string();
    if cfg!(windows) {
        // SQLite wants `file:///C:/…` there.
        text = format!("/{}", text.replace('\\', "/"));
    }
    let mut uri = String::from("file:");
    for byte in text.bytes() {
        // Only these pass unescaped: `?`, `#` and `%` would end or change the path.
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    Some(uri)
}

/// Writes at `path` a database of schema `version` (its first migrations only), then runs
/// `sql` in it: an older quiz's file, for a test of the migrations after.
#[cfg(test)]
pub(crate) fn database_at_version(path: &Path, version: usize, sql: &str) {
    let old = Connection::open(path).unwrap();
    for migration in &MIGRATIONS[..version] {
        old.execute_batch(migration).unwrap();
    }
    old.pragma_update(None, "user_version", version as i64)
        .unwrap();
    old.execute_batch(sql).unwrap();
}

#[cfg(test)]
impl Store {
    /// The first column of every row `sql` gives, as text: what a test compares.
    pub(crate) fn text_rows(&self, sql: &str) -> Vec<String> {
        let mut statement = self.conn.prepare(sql).unwrap();
        statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reopening_keeps_the_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let store = Store::open(dir.path()).unwrap();
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        store.set_meta("k", "v").unwrap();
        assert_eq!(store.meta("k").unwrap().as_deref(), Some("v"));
    }

    #[test]
    fn migration_6_gives_the_cards_of_an_older_store_their_place_in_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        database_at_version(
            &path,
            4,
            "INSERT INTO deck_cards VALUES ('d', 0, 'a', x'', '[]', 0), ('d', 1, 'b', x'', '[]', 0);
             INSERT INTO cards VALUES ('d', 'b', 1, 5, 0, 0, 1, 0, 0), ('d', 'gone', 1, 5, 0, 0, 1, 0, 0);",
        );
        let store = Store::open_file(&path).unwrap();
        let positions = |store: &Store| -> Vec<(String, Option<i64>)> {
            let mut statement = store
                .conn
                .prepare("SELECT card, position FROM cards ORDER BY card")
                .unwrap();
            statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let expect = |pairs: &[(&str, Option<i64>)]| -> Vec<(String, Option<i64>)> {
            pairs.iter().map(|(c, p)| (c.to_string(), *p)).collect()
        };
        assert_eq!(positions(&store), expect(&[("b", Some(1)), ("gone", None)]));
        // A new row takes its place from the index.
        store
            .conn
            .execute_batch(
                "INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
                     VALUES ('d', 'a', 1, 5, 0, 0, 1, 0, 0);",
            )
            .unwrap();
        assert_eq!(
            positions(&store),
            expect(&[("a", Some(0)), ("b", Some(1)), ("gone", None)])
        );
    }

    #[test]
    fn migration_8_counts_a_stores_cards_by_due_day_and_mends_their_places() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // b's row names a's place (as a build that moved places outside the indexing's
        // transaction could leave it); `gone` left the deck but kept a place.
        database_at_version(
            &path,
            7,
            "INSERT INTO deck_cards VALUES ('d', 0, 'a', x'', '[]', 0), ('d', 1, 'b', x'', '[]', 1);
             INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
                 VALUES ('d', 'b', 1, 5, 86400000, 0, 1, 0, 0), ('d', 'gone', 1, 5, 86400001, 0, 1, 0, 0),
                        ('e', 'x', 1, 5, 10, 0, 1, 0, 0);
             UPDATE cards SET position = 0 WHERE card IN ('b', 'gone');",
        );
        let store = Store::open_file(&path).unwrap();
        let rows = |sql: &str| store.text_rows(sql);
        assert_eq!(
            rows("SELECT card || ' ' || COALESCE(position, '-') FROM cards ORDER BY card"),
            ["b 1", "gone -", "x -"]
        );
        assert_eq!(
            rows(
                "SELECT deck || ' ' || day || ' ' || cards FROM cards_due_days ORDER BY deck, day"
            ),
            ["d 1 2", "e 0 1"]
        );
        assert!(!store.all_placed(&crate::deck::DeckId("d".into())).unwrap());
    }

    #[test]
    fn a_reader_creates_no_data_directory_and_sees_an_empty_store() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("new");
        let store = Store::open_to_read(&missing).unwrap();
        assert_eq!(store.access, Access::Empty);
        assert_eq!(store.user_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(store.reviewed_decks().unwrap(), []);
        assert!(!missing.exists());
    }

    #[test]
    fn a_reader_writes_a_database_it_may_write() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let store = Store::open_to_read(dir.path()).unwrap();
        assert_eq!(store.access, Access::Write);
    }

    #[test]
    fn a_read_only_store_indexes_into_a_copy_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Store::open(dir.path()).unwrap();
        writer
            .conn
            .execute("INSERT INTO deck_files (deck, key) VALUES ('d', 'old')", [])
            .unwrap();
        let deck = crate::deck::DeckId("d".into());
        let mut reader = Store::open_read_only(&dir.path().join(FILE_NAME)).unwrap();
        assert_eq!(reader.access, Access::ReadOnly);
        let error = reader
            .conn
            .execute("UPDATE deck_files SET key = 'new'", [])
            .unwrap_err();
        assert!(is_read_only(&error), "{error}");

        reader.writable_index().unwrap();
        reader.writable_index().unwrap();
        // The copy keeps the keys the indexer's upserts need.
        reader
            .conn
            .execute(
                "INSERT INTO deck_files (deck, key) VALUES ('d', 'new')
                 ON CONFLICT (deck) DO UPDATE SET key = excluded.key",
                [],
            )
            .unwrap();
        let key = |store: &Store| store.deck_index_entry(&deck).unwrap().unwrap().key;
        assert_eq!(key(&reader), "new");
        assert_eq!(key(&writer), "old");
    }

    #[test]
    fn a_read_only_store_of_another_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // A real schema-2 file (its version agreeing with its tables, or it is damaged).
        let older = Connection::open(&path).unwrap();
        older.execute_batch(MIGRATIONS[0]).unwrap();
        older.execute_batch(MIGRATIONS[1]).unwrap();
        older.pragma_update(None, "user_version", 2).unwrap();
        drop(older);
        let error = Store::open_read_only(&path).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::ReadOnlyOld {
                    found: 2,
                    known: 8,
                    ..
                }
            ),
            "{error}"
        );
        let writer = Store::open(dir.path()).unwrap();
        writer.conn.pragma_update(None, "user_version", 99).unwrap();
        let error = Store::open_read_only(&path).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::TooNew {
                    found: 99,
                    known: 8,
                    ..
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn an_immutable_uri_escapes_what_would_end_the_path() {
        assert_eq!(
            immutable_uri(Path::new("/a b/c?d#e%f.db")).as_deref(),
            Some("file:/a%20b/c%3Fd%23e%25f.db?mode=ro&immutable=1")
        );
    }
}
