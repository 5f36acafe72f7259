//! Writing files without clobbering anything. Every file quiz writes is first filled under a
//! fresh random name in the folder it goes to, opened with `O_EXCL` (so a symlink another
//! local user planted there is never followed: the name is taken and tempfile draws another),
//! synced, and only then put in place by a rename. A crash leaves the old file or the new one,
//! never half of one, and nobody who can write to the folder can aim quiz's writes at a file
//! of the learner's.
//!
//! A killed writer leaves no temporary file behind where the system allows: on Linux a new
//! file is filled nameless (`O_TMPFILE`) and only linked in once complete. Elsewhere, and for
//! replacements (which must rename over the old file), the temporary file is locked while it
//! is filled, and the next write to the same path removes any such file whose lock nobody
//! holds any more: its writer is gone.

use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    #[error("could not write {path}")]
    Write { path: String, source: io::Error },
    #[error("{path} already exists; not overwriting it")]
    Exists { path: String },
}

/// The mode a new file is opened with, before the umask, as `File::create` does: a new deck
/// or export is as readable as any other file the learner makes, no more.
const NEW_FILE_MODE: u32 = 0o666;

/// The mode a replacement is opened with until it is given the replaced file's own: only its
/// owner can read it while it is filled.
const PRIVATE_MODE: u32 = 0o600;

/// Writes `text` to a file that must not exist yet: an import or an export never overwrites.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), WriteError> {
    create_new(path, |file| file.write_all(text.as_bytes()))
}

/// Creates a file that must not exist yet: `fill` writes it under a temporary name, then a
/// rename that refuses to replace anything (a hard link where the system has no such rename)
/// gives it its name. Whatever is at `path` — a file, or a symlink, even one to nowhere, even
/// one that appeared while `fill` ran — stays as it is.
pub(crate) fn create_new(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let error = |source| write_error(path, source);
    let exists = || WriteError::Exists {
        path: path.display().to_string(),
    };
    // Only to spare the work of filling a file that cannot be placed; the no-clobber rename
    // is what guarantees it.
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    #[cfg(target_os = "linux")]
    if let Some(mut file) = nameless::create_in(folder_of(path), NEW_FILE_MODE) {
        fill(&mut file)
            .and_then(|()| file.sync_all())
            .map_err(error)?;
        return match nameless::link(&file, path) {
            Ok(()) => {
                sync_folder_of(path);
                Ok(())
            }
            Err(failed) if failed.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
            Err(failed) => Err(error(failed)),
        };
    }
    remove_leftovers(path);
    let mut temp = temporary_beside(path, NEW_FILE_MODE).map_err(error)?;
    fill_and_sync(&mut temp, fill).map_err(error)?;
    match temp.persist_noclobber(path) {
        Ok(_) => {
            sync_folder_of(path);
            Ok(())
        }
        // Dropping the error removes the temporary file.
        Err(failed) if failed.error.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
        Err(failed) => Err(error(failed.error)),
    }
}

/// Replaces the file at `path` with `text`: a temporary file beside the file it replaces,
/// given that file's permissions, synced, then renamed over it. A symlink at `path` is one
/// the learner named on the command line or keeps in their decks folder, so it is followed:
/// its target is replaced and the link stays a link.
pub(crate) fn replace(path: &Path, text: &str) -> Result<(), WriteError> {
    let error = |source| write_error(path, source);
    let target = replaced_file(path).map_err(error)?;
    remove_leftovers(&target);
    let mut temp = match std::fs::metadata(&target) {
        Ok(replaced) => {
            let temp = temporary_beside(&target, PRIVATE_MODE).map_err(error)?;
            // On the open file, not by name: nothing but our own file can be changed.
            temp.as_file()
                .set_permissions(replaced.permissions())
                .map_err(error)?;
            temp
        }
        Err(_) => temporary_beside(&target, NEW_FILE_MODE).map_err(error)?,
    };
    fill_and_sync(&mut temp, |file| file.write_all(text.as_bytes())).map_err(error)?;
    temp.persist(&target).map_err(|e| error(e.error))?;
    sync_folder_of(&target);
    Ok(())
}

/// The file a replacement of `path` goes to: `path` with every symlink resolved, or `path`
/// itself when nothing is there yet. A symlink to nowhere is an error rather than replaced
/// by a file: the learner meant its target.
fn replaced_file(path: &Path) -> io::Result<PathBuf> {
    match std::fs::canonicalize(path) {
        Ok(target) => Ok(target),
        Err(error)
            if error.kind() == io::ErrorKind::NotFound && path.symlink_metadata().is_err() =>
        {
            Ok(path.to_path_buf())
        }
        Err(error) => Err(error),
    }
}

/// The random part of a temporary name: tempfile's default length.
const RANDOM_CHARS: usize = 6;

/// An empty file in the folder of `path`, named `.{file}.{random}.tmp` so that one left by
/// a crash says what it was, created with `O_EXCL` and `mode` (less the umask), and locked
/// until it is closed: a lock nobody holds marks a file a killed writer left.
fn temporary_beside(path: &Path, mode: u32) -> io::Result<NamedTempFile> {
    let name = temporary_prefix(path);
    // `make_in` rather than `tempfile_in`: the same random names and `O_EXCL`, but an error
    // (a missing folder, no permission) comes back as the system said it, without the
    // temporary name the learner never asked for.
    tempfile::Builder::new()
        .prefix(&name)
        .suffix(".tmp")
        .rand_bytes(RANDOM_CHARS)
        .make_in(folder_of(path), |temp| {
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
            #[cfg(not(unix))]
            let _ = mode;
            let file = options.open(temp)?;
            file.lock()?;
            // Until it was locked, another writer's cleanup could take it for a leftover
            // and remove it: then another name is drawn.
            if !names_file(temp, &file) {
                return Err(io::ErrorKind::AlreadyExists.into());
            }
            Ok(file)
        })
}

/// Whether `path` still names the open `file`.
fn names_file(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (std::fs::symlink_metadata(path), file.metadata()) {
            (Ok(named), Ok(open)) => named.dev() == open.dev() && named.ino() == open.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// `.{file}.`: how the temporary files for `path` begin.
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
}

/// Removes the temporary files a killed writer of `path` left beside it: each named as
/// [`temporary_beside`] names them, a regular file (never a symlink someone planted), and
/// unlocked (a writer at work holds its lock). Best effort: what cannot be removed stays.
fn remove_leftovers(path: &Path) {
    let prefix = temporary_prefix(path);
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(random) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        // Ours, or one an older quiz named after its process id (`.NAME.PID.tmp`).
        let ours =
            random.len() == RANDOM_CHARS && random.bytes().all(|b| b.is_ascii_alphanumeric());
        let older = (1..=10).contains(&random.len()) && random.bytes().all(|b| b.is_ascii_digit());
        if !ours && !older {
            continue;
        }
        let leftover = entry.path();
        if !leftover
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file())
        {
            continue;
        }
        let Ok(file) = File::open(&leftover) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&leftover);
        }
    }
}

/// Linux's nameless files: filled without a name, so a writer killed half-way leaves
/// nothing, and given their name by one `linkat`, which never replaces anything.
#[cfg(target_os = "linux")]
mod nameless {
    use std::ffi::CString;
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::os::unix::ffi::OsStrExt as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    use std::os::unix::io::AsRawFd as _;
    use std::path::Path;

    /// A nameless file in `folder`, or `None` where the file system has none (or `/proc`,
    /// through which it is linked, is missing): then a named temporary file is used.
    pub(super) fn create_in(folder: &Path, mode: u32) -> Option<File> {
        if !Path::new("/proc/self/fd").is_dir() {
            return None;
        }
        OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_TMPFILE)
            .mode(mode)
            .open(folder)
            .ok()
    }

    /// Gives `file` the name `path`; `AlreadyExists` when anything, even a symlink to
    /// nowhere, is there.
    pub(super) fn link(file: &File, path: &Path) -> io::Result<()> {
        let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
        let to = CString::new(path.as_os_str().as_bytes())?;
        // SAFETY: both are NUL-terminated strings that outlive the call; linkat reads them
        // and touches no memory of ours.
        let linked = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if linked == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }
}

fn fill_and_sync(
    temp: &mut NamedTempFile,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let file = temp.as_file_mut();
    fill(file)?;
    file.sync_all()
}

/// Makes a rename durable: until the folder is synced, a power cut can undo it. Not every
/// file system can sync a folder, and the file itself is already safe, so failure is ignored.
fn sync_folder_of(path: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(folder_of(path)) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The folder `path` is in; `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn write_error(path: &Path, source: io::Error) -> WriteError {
    WriteError::Write {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `folder`, sorted.
    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn replacing_follows_a_symlink_and_keeps_permissions() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        // Group-writable: a umask of 022 would clear that bit, a copy of the mode keeps it.
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o660)).unwrap();
        let link = dir.path().join("link.toml");
        symlink(&real, &link).unwrap();
        replace(&link, "new").unwrap();
        assert_eq!(std::fs::read_link(&link).unwrap(), real);
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(mode(&real), 0o660);
        assert_eq!(names(dir.path()), ["link.toml", "real.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn replacing_through_a_symlink_to_nowhere_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(dir.path().join("gone.toml"), &link).unwrap();
        let error = replace(&link, "new").unwrap_err();
        assert!(matches!(error, WriteError::Write { .. }), "{error}");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(names(dir.path()), ["link.toml"]);
    }

    #[test]
    fn creating_never_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.toml");
        write_new(&path, "first").unwrap();
        let error = write_new(&path, "second").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{} already exists; not overwriting it", path.display())
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(names(dir.path()), ["deck.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn creating_never_follows_a_symlink_at_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        let path = dir.path().join("out.toml");
        // To nowhere: following it would create the victim's file.
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let error = write_new(&path, "text").unwrap_err();
        assert!(matches!(error, WriteError::Exists { .. }), "{error}");
        assert!(!victim.exists());
        assert_eq!(names(dir.path()), ["out.toml"]);
    }

    #[test]
    fn a_path_that_appears_while_filling_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let error = create_new(&path, |file| {
            std::fs::write(&path, "theirs")?;
            file.write_all(b"ours")
        })
        .unwrap_err();
        assert!(matches!(error, WriteError::Exists { .. }), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.csv");
        let error = create_new(&path, |file| {
            file.write_all(b"half")?;
            Err(io::Error::other("the log could not be read"))
        })
        .unwrap_err();
        assert_eq!(
            format!("{:#}", anyhow::Error::from(error)),
            format!(
                "could not write {}: the log could not be read",
                path.display()
            )
        );
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_missing_folder_is_named_without_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("deck.toml");
        let error = write_new(&path, "text").unwrap_err();
        // As the system says it for the file itself ("No such file or directory (os error 2)").
        let system = File::open(&path).unwrap_err();
        assert_eq!(
            format!("{:#}", anyhow::Error::from(error)),
            format!("could not write {}: {system}", path.display())
        );
    }

    /// The attack of issue 10: before it, the temporary file was `.{file}.{pid}.tmp`, opened
    /// with truncate, so a symlink planted at that name sent the text to the victim's file.
    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "the victim's").unwrap();
        let deck = dir.path().join("deck.toml");
        std::fs::write(&deck, "old").unwrap();
        for name in ["out.toml", "deck.toml"] {
            let planted = dir
                .path()
                .join(format!(".{name}.{}.tmp", std::process::id()));
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        write_new(&dir.path().join("out.toml"), "exported").unwrap();
        replace(&deck, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "the victim's");
        assert!(std::fs::symlink_metadata(&deck).unwrap().is_file());
        assert_eq!(std::fs::read_to_string(&deck).unwrap(), "new");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out.toml")).unwrap(),
            "exported"
        );
    }
}
