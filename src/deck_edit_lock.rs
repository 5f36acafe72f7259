//! Editing a deck file that another quiz may be editing too (`quiz add` while `check --fix`
//! runs, an accepted answer written during a session): the file is locked, read again, the
//! change is made to what it holds now and the result written in its place before the lock
//! goes, so no edit writes back a stale copy and reverts another.

use std::fs::{File, TryLockError};
use std::io::{self, Read as _};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::files::{self, WriteError};
use crate::input::{self, Input};

/// How long an edit waits for another quiz's edit of the same deck (they take milliseconds)
/// before it gives up with a message.
const WAIT: Duration = Duration::from_secs(10);

/// What a change makes of the text it is given.
pub(crate) enum Change<T> {
    /// Write this text in the file's place, and hand back the value.
    Write(String, T),
    /// Leave the file as it is.
    Keep(T),
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum EditError {
    #[error("could not read {path}")]
    Read { path: String, source: io::Error },
    #[error(
        "another quiz has been editing {path} for {} seconds; nothing was written (try again when it has finished)",
        WAIT.as_secs()
    )]
    Busy { path: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Locks the deck at `path` (its target, when it is a symlink), reads it, hands its text to
/// `change` and writes what `change` asks for, all under the lock. Another quiz that edits
/// the same deck meanwhile waits, then reads the file this one wrote.
pub(crate) fn edit<T>(path: &Path, change: impl FnOnce(&str) -> Change<T>) -> Result<T, EditError> {
    let shown = || path.display().to_string();
    let read_error = |source| EditError::Read {
        path: shown(),
        source,
    };
    let target = std::fs::canonicalize(path).map_err(read_error)?;
    let (mut file, started) = (locked(&target, path)?, Instant::now());
    // The lock is on the file as it was opened: a writer that replaced it meanwhile made a
    // new file, whose lock is the one that counts.
    while !same_file(&file, &target).map_err(read_error)? {
        if started.elapsed() > WAIT {
            return Err(EditError::Busy { path: shown() });
        }
        file = locked(&target, path)?;
    }
    let mut text = String::new();
    // By reference: the lock lives as long as `file`, to the end of the edit.
    (&file)
        .take(Input::Deck.limit() + 1)
        .read_to_string(&mut text)
        .map_err(read_error)?;
    match change(&text) {
        Change::Keep(value) => Ok(value),
        Change::Write(edited, value) => {
            files::replace(&target, &edited)?;
            Ok(value)
        }
    }
}

/// `target` opened (as any deck is: a regular file within the limit) and locked, waiting
/// up to [`WAIT`] for another quiz's edit.
fn locked(target: &Path, shown: &Path) -> Result<File, EditError> {
    let file = input::open(target, Input::Deck).map_err(|source| EditError::Read {
        path: shown.display().to_string(),
        source,
    })?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(EditError::Busy {
                    path: shown.display().to_string(),
                });
            }
            Err(TryLockError::Error(source)) => {
                return Err(EditError::Read {
                    path: shown.display().to_string(),
                    source,
                });
            }
        }
    }
}

/// Whether the open `file` is still the one at `path`.
fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let (open, named) = (file.metadata()?, std::fs::metadata(path)?);
        Ok(open.dev() == named.dev() && open.ino() == named.ino())
    }
    #[cfg(not(unix))]
    {
        // Elsewhere the lock keeps others from replacing the file while it is held.
        let _ = (file, path);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_what_the_file_holds_now() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.toml");
        std::fs::write(&path, "a\n").unwrap();
        let seen = edit(&path, |text| {
            Change::Write(format!("{text}b\n"), text.len())
        })
        .unwrap();
        assert_eq!(seen, 2);
        let kept = edit(&path, |text| Change::Keep(text.to_owned())).unwrap();
        assert_eq!(kept, "a\nb\n");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a\nb\n");
    }

    #[test]
    fn two_editors_at_once_lose_neither_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.toml");
        std::fs::write(&path, "").unwrap();
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..10 {
                        edit(&path, |text| Change::Write(format!("{text}{n}.{i}\n"), ())).unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 80, "{text}");
    }
}
