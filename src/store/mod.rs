//! The progress store: one SQLite file, the only code in quiz that speaks SQL.
//!
//! Each answer is one small transaction (append the review, update the card's row), so an
//! interrupted session loses nothing that was answered and saving stays cheap however long
//! the log grows.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

pub(crate) mod deck_index;
pub(crate) mod lock;
pub(crate) mod log;
mod reviews;
pub(crate) mod types;

pub(crate) use reviews::{Misses, Mode, Review, ReviewId, SessionId};

pub(crate) const FILE_NAME: &str = "quiz.sqlite3";

/// Migrations, in order; the database's `PRAGMA user_version` says how many have run.
const MIGRATIONS: [&str; 3] = [
    include_str!("schema.sql"),
    include_str!("migration_2.sql"),
    include_str!("migration_3.sql"),
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
            error => StoreError::Sql(error),
        }
    }
}

type Result<T> = std::result::Result<T, StoreError>;

pub(crate) struct Store {
    conn: Connection,
    path: PathBuf,
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

    pub(crate) fn open_file(path: &Path) -> Result<Store> {
        let open_error = |error| StoreError::Open {
            path: path.to_path_buf(),
            error,
        };
        let conn = Connection::open(path).map_err(open_error)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_error)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_error)?;
        // In WAL mode NORMAL still survives a killed process; only a power cut can lose the
        // last answers, and it keeps each save to a couple of milliseconds.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_error)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        Ok(store)
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
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
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

    #[cfg(test)]
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
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
        assert_eq!(version, 3);
        store.set_meta("k", "v").unwrap();
        assert_eq!(store.meta("k").unwrap().as_deref(), Some("v"));
    }
}
