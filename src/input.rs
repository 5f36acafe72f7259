//! Reading the files a learner names (decks, imports, review logs, the config file, derive
//! documents): each is checked to be a regular file before a byte is read, so `/dev/zero`,
//! a FIFO or a folder is refused with a message instead of read until memory runs out or
//! waited on forever, and each is read within a size limit no real file of its kind comes
//! near, so a huge file is refused before it is read rather than aborting the process.

use std::fs::{File, OpenOptions};
use std::io::{self, Read as _};
use std::path::Path;

/// What a file is read as: each kind has its own limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// A TOML deck: the largest real decks are a few MiB, a million short cards about
    /// 85 MiB. A deck is read one `[[cards]]` table at a time, in about its own size of
    /// memory; toml's general parser, which takes several bytes of memory per byte, reads
    /// at most [`WHOLE_TOML`] of it at once.
    Deck,
    /// A document for `quiz derive`.
    Document,
    /// An Anki package or a text export for `quiz import` (packages carry media).
    Import,
    /// A text export for `quiz import`, once known to be text: the deck it makes must be
    /// readable as a deck.
    TextImport,
    /// A review log for `quiz history import`: a million reviews are about 80 MiB, and
    /// reading one takes about four bytes of memory per byte.
    History,
    /// The config file.
    Config,
}

const MIB: u64 = 1024 * 1024;

/// The most of a deck's text read by toml's general parser at once: the whole file when it
/// does not split into `[[cards]]` tables, its head, or one table not written the plain way.
pub(crate) const WHOLE_TOML: u64 = 64 * MIB;

impl Input {
    /// The most bytes quiz reads from a file of this kind.
    pub(crate) fn limit(self) -> u64 {
        match self {
            Input::Deck => 256 * MIB,
            Input::Document | Input::TextImport => 64 * MIB,
            Input::History => 512 * MIB,
            Input::Import => 1024 * MIB,
            Input::Config => MIB,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Input::Deck => "a deck",
            Input::Document => "a document",
            Input::Import => "a file to import",
            Input::TextImport => "a text export to import",
            Input::History => "a review log",
            Input::Config => "the config file",
        }
    }
}

/// Opens `path` for reading if it is a regular file (a symlink to one is followed) no larger
/// than `input`'s limit; the error says what the path is instead, or how large it is.
pub(crate) fn open(path: &Path, input: Input) -> io::Result<File> {
    // Checked by name first: opening a FIFO waits for a writer.
    refuse_unless_regular(&std::fs::metadata(path)?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    // Should the path have become a FIFO since, the open must not wait either; reads of a
    // regular file ignore the flag.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    refuse_unless_regular(&metadata)?;
    refuse_above_limit(metadata.len(), input)?;
    Ok(file)
}

/// The bytes of `path`, read as [`open`] allows; a file that grows past the limit while it
/// is read is refused too.
pub(crate) fn read(path: &Path, input: Input) -> io::Result<Vec<u8>> {
    let file = open(path, input)?;
    let expected = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(expected).unwrap_or(0))
        .map_err(|_| too_large(expected, input))?;
    file.take(input.limit() + 1).read_to_end(&mut bytes)?;
    refuse_above_limit(bytes.len() as u64, input)?;
    Ok(bytes)
}

/// [`read`] as UTF-8 text, with the error `fs::read_to_string` gives for other bytes.
pub(crate) fn read_text(path: &Path, input: Input) -> io::Result<String> {
    String::from_utf8(read(path, input)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

fn refuse_unless_regular(metadata: &std::fs::Metadata) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    let kind = describe(&metadata.file_type());
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {kind}, not a regular file"),
    ))
}

fn describe(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Refuses `size` bytes when they are more than `input` may be: for a limit that is known
/// only once the file is read (a text export, not a package).
pub(crate) fn refuse_above_limit(size: u64, input: Input) -> io::Result<()> {
    if size > input.limit() {
        Err(too_large(size, input))
    } else {
        Ok(())
    }
}

fn too_large(size: u64, input: Input) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is {} ({size} bytes), and {} may be at most {}",
            human_size(size),
            input.name(),
            human_size(input.limit())
        ),
    )
}

/// `64 MiB`, `1.5 GiB`, `700 bytes`: sizes as a learner reads them.
pub(crate) fn human_size(bytes: u64) -> String {
    const GIB: u64 = 1024 * MIB;
    let Some((unit, name)) = [(GIB, "GiB"), (MIB, "MiB")]
        .into_iter()
        .find(|(unit, _)| bytes >= *unit)
    else {
        return format!("{bytes} bytes");
    };
    if bytes.is_multiple_of(unit) {
        format!("{} {name}", bytes / unit)
    } else {
        #[allow(clippy::cast_precision_loss)] // one decimal is shown
        let scaled = bytes as f64 / unit as f64;
        format!("{scaled:.1} {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_learner_says_them() {
        assert_eq!(human_size(700), "700 bytes");
        assert_eq!(human_size(64 * MIB), "64 MiB");
        assert_eq!(human_size(64 * MIB + 1), "64.0 MiB");
        assert_eq!(human_size(600 * MIB + 300 * 1024), "600.3 MiB");
        assert_eq!(human_size(1024 * MIB), "1 GiB");
    }

    #[test]
    fn a_file_just_above_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        // Sparse: no disk space, and nothing is read.
        let file = File::create(&path).unwrap();
        file.set_len(Input::Deck.limit() + 1).unwrap();
        let error = read(&path, Input::Deck).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(
            error.to_string(),
            "it is 256.0 MiB (268435457 bytes), and a deck may be at most 256 MiB"
        );
        file.set_len(Input::Config.limit()).unwrap();
        assert_eq!(read(&path, Input::Config).unwrap().len() as u64, MIB);
    }

    #[test]
    fn folders_and_devices_are_refused_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let error = read(dir.path(), Input::Deck).unwrap_err();
        assert_eq!(error.to_string(), "it is a folder, not a regular file");
        #[cfg(unix)]
        assert_eq!(
            read(Path::new("/dev/zero"), Input::Import)
                .unwrap_err()
                .to_string(),
            "it is a character device, not a regular file"
        );
    }
}
