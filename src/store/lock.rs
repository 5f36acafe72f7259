//! One writer of progress at a time per data directory.
//!
//! A session reads each card's state when it starts and schedules from it; a second
//! session on the same data directory would overwrite the first one's answers with stale
//! states. Commands that write card rows (the study commands, `history import`,
//! `optimize`) hold this lock; reading commands do not take it (see
//! [`super::Store::open_to_read`]), so they work while a session runs.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context as _, bail};

pub(crate) const FILE_NAME: &str = "quiz.lock";

/// Held until dropped (the operating system also lets go when the process ends, however
/// it ends).
#[derive(Debug)]
pub(crate) struct DataLock {
    _file: File,
}

pub(crate) fn acquire(data_dir: &Path) -> anyhow::Result<DataLock> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("could not create the data directory {}", data_dir.display()))?;
    let path = data_dir.join(FILE_NAME);
    let file = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            bail!(
                "the data directory {} is read-only: quiz cannot save progress there \
                 (`quiz decks`, `quiz stats` and `quiz history export` still read it)",
                data_dir.display()
            )
        }
        Err(error) => {
            return Err(error).with_context(|| format!("could not open {}", path.display()));
        }
    };
    match file.try_lock() {
        Ok(()) => Ok(DataLock { _file: file }),
        Err(TryLockError::WouldBlock) => bail!(
            "another quiz is studying or rescheduling with {} right now; finish it first \
             (two at once would overwrite each other's progress)",
            data_dir.display()
        ),
        Err(TryLockError::Error(error)) => {
            Err(error).with_context(|| format!("could not lock {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path()).unwrap();
        let error = acquire(dir.path()).unwrap_err().to_string();
        assert!(error.starts_with("another quiz is studying"), "{error}");
        drop(first);
        assert!(acquire(dir.path()).is_ok());
    }
}
