//! The device logs in the sync folder, `DIR/quiz/devices/<device-id>.jsonl`: which files
//! there are (with the conflict copies sync engines make of them), reading a log from where
//! the last sync stopped, and appending to this device's own.
//!
//! Nothing here follows a name out of the folder: only regular files directly in
//! `devices/` whose names start with a device id are read (a symbolic link is reported and
//! skipped), and the only file written is this device's own.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::event::{self, MAX_LINE};
use crate::store::sync::{FileMark, SyncEvent};

/// How much of a log's start and of the end of the part read is hashed to tell a log that
/// grew from one that was replaced.
const WINDOW: u64 = 4096;

/// The folder of device logs inside the sync folder.
pub(crate) fn devices_dir(dir: &Path) -> PathBuf {
    dir.join("quiz").join("devices")
}

/// A log in `devices/`: a device's own file or a conflict copy of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogFile {
    pub path: PathBuf,
    pub name: String,
    pub device: String,
}

/// What listing `devices/` found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub logs: Vec<LogFile>,
    /// Names that look like logs but are not regular files (symbolic links, folders).
    pub refused: Vec<String>,
}

/// The device a file name is a log of: `<id>.jsonl`, a Syncthing conflict copy
/// `<id>.sync-conflict-<date>-<time>-<device>.jsonl`, or a Dropbox one
/// `<id> (<who>'s conflicted copy <date>).jsonl`. Anything else is not a log.
pub(crate) fn device_of(name: &str) -> Option<&str> {
    let device = name.get(..16).filter(|id| event::is_device_id(id))?;
    let rest = &name[16..];
    let rest = rest.strip_suffix(".jsonl")?;
    let conflict = (rest.starts_with(".sync-conflict-") && !rest.contains('/'))
        || (rest.starts_with(" (") && rest.contains("conflicted copy") && rest.ends_with(')'));
    (rest.is_empty() || conflict).then_some(device)
}

/// The logs in `devices/`, by name; an absent folder has none.
pub(crate) fn list(dir: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    let entries = match std::fs::read_dir(devices_dir(dir)) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(listing),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let Some(device) = device_of(&name) else {
            continue;
        };
        // The entry's own type: a symbolic link is not followed.
        if !entry.file_type()?.is_file() {
            listing.refused.push(name);
            continue;
        }
        listing.logs.push(LogFile {
            path: entry.path(),
            device: device.to_owned(),
            name,
        });
    }
    listing.logs.sort_by(|a, b| a.name.cmp(&b.name));
    listing.refused.sort();
    Ok(listing)
}

/// A line that could not be read, by its number (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed {
    pub line: u64,
    pub reason: String,
}

/// What reading a log from its mark gave.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// The complete new lines' events, in file order.
    pub events: Vec<SyncEvent>,
    pub malformed: Vec<Malformed>,
}

/// What the file system says of a file: size and modification time (nanoseconds).
pub(crate) fn stamp(path: &Path) -> std::io::Result<(u64, i64)> {
    let metadata = std::fs::symlink_metadata(path)?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Ok((metadata.len(), modified))
}

/// Whether a log is just as it was when `mark` was taken: one stat, no read.
pub(crate) fn unchanged(path: &Path, mark: &FileMark) -> std::io::Result<bool> {
    let (size, modified) = stamp(path)?;
    Ok(size == mark.size && modified == mark.modified && size == mark.offset)
}

/// The hash that tells the first `offset` bytes of a log apart from other text: of its
/// first and of its last [`WINDOW`] bytes, and the offset.
pub(crate) fn prefix_hash(file: &mut File, offset: u64) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    Read::by_ref(file)
        .take(WINDOW.min(offset))
        .read_to_end(&mut bytes)?;
    let tail = offset.saturating_sub(WINDOW).max(WINDOW.min(offset));
    file.seek(SeekFrom::Start(tail))?;
    Read::by_ref(file)
        .take(offset - tail)
        .read_to_end(&mut bytes)?;
    bytes.extend_from_slice(&offset.to_le_bytes());
    Ok(format!("{:016x}", crate::stable_hash::fnv1a(bytes)))
}

/// Reads the complete lines of `file` after `mark` (all of them when there is no mark or
/// the part read before changed), at most `limit` events at a time; hands each batch to
/// `each` with the mark that covers it. A last line without its newline is a copy in
/// flight: it is left for the next sync.
pub(crate) fn read_from(
    log: &LogFile,
    mark: Option<&FileMark>,
    limit: usize,
    mut each: impl FnMut(Batch, FileMark) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut file = File::open(&log.path)?;
    let (size, modified) = stamp(&log.path)?;
    let mut start = match mark {
        Some(mark)
            if mark.offset <= size && prefix_hash(&mut file, mark.offset)? == mark.prefix_hash =>
        {
            (mark.offset, mark.lines)
        }
        _ => (0, 0),
    };
    file.seek(SeekFrom::Start(start.0))?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut line = Vec::new();
    loop {
        let mut batch = Batch::default();
        let (mut offset, mut lines) = start;
        let mut ended = false;
        while batch.events.len() < limit {
            line.clear();
            let read = read_line(&mut reader, &mut line)?;
            if read == 0 || line.last() != Some(&b'\n') {
                ended = true;
                break;
            }
            offset += read as u64;
            lines += 1;
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if read > MAX_LINE + 1 {
                batch.malformed.push(Malformed {
                    line: lines,
                    reason: format!("longer than {MAX_LINE} bytes"),
                });
                continue;
            }
            match event::decode(text, &log.device) {
                Ok(event) => batch.events.push(event),
                Err(reason) => batch.malformed.push(Malformed {
                    line: lines,
                    reason,
                }),
            }
        }
        // Through a handle of its own: seeking the reader's would leave its buffer stale.
        let prefix_hash = prefix_hash(&mut File::open(&log.path)?, offset)?;
        let mark = FileMark {
            offset,
            lines,
            prefix_hash,
            size,
            modified,
            last_seq: 0,
        };
        each(batch, mark)?;
        if ended {
            return Ok(());
        }
        start = (offset, lines);
    }
}

/// Reads one line into `line`, keeping at most [`MAX_LINE`] + 1 bytes of it (the rest is
/// read and dropped, so a hostile log costs bounded memory); returns the bytes consumed.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut consumed = 0;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(consumed);
        }
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..=end], true),
            None => (buffer, false),
        };
        let room = (MAX_LINE + 1).saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let length = chunk.len();
        reader.consume(length);
        consumed += length;
        if done {
            if line.last() != Some(&b'\n') {
                line.push(b'\n');
            }
            return Ok(consumed);
        }
    }
}

/// Appends lines to this device's own log (creating it and its folders), and makes them
/// durable before the mark says they are there.
pub(crate) fn append(path: &Path, lines: &[String]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Replaces this device's own log with `lines`, atomically (a copy in the same folder,
/// renamed over it), so no sync engine ever sees it half written.
pub(crate) fn replace(path: &Path, lines: &[String]) -> std::io::Result<()> {
    let Some(parent) = path.parent() else {
        return Err(std::io::Error::other("the log has no folder"));
    };
    std::fs::create_dir_all(parent)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".quiz-")
        .suffix(".tmp")
        .tempfile_in(parent)?;
    {
        let mut writer = std::io::BufWriter::new(temp.as_file_mut());
        for line in lines {
            writer.write_all(line.as_bytes())?;
            writer.write_all(b"\n")?;
        }
        writer.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_name_their_device() {
        let id = "0123456789abcdef";
        assert_eq!(device_of("0123456789abcdef.jsonl"), Some(id));
        assert_eq!(
            device_of("0123456789abcdef.sync-conflict-20261201-101112-ABCDEFG.jsonl"),
            Some(id)
        );
        assert_eq!(
            device_of("0123456789abcdef (Ann's conflicted copy 2026-12-01).jsonl"),
            Some(id)
        );
        for other in [
            "0123456789abcdef.jsonl.tmp",
            "0123456789abcdef.json",
            "0123456789abcdefx.jsonl",
            "notes.jsonl",
            ".syncthing.0123456789abcdef.jsonl.tmp",
            "0123456789ABCDEF.jsonl",
        ] {
            assert_eq!(device_of(other), None, "{other}");
        }
    }

    #[test]
    fn a_long_line_is_read_in_bounded_memory() {
        let mut text = vec![b'x'; 3 * MAX_LINE];
        text.extend_from_slice(b"\nnext\n");
        let mut reader = std::io::BufReader::with_capacity(1024, &text[..]);
        let mut line = Vec::new();
        assert_eq!(read_line(&mut reader, &mut line).unwrap(), 3 * MAX_LINE + 1);
        assert_eq!(line.len(), MAX_LINE + 2);
        line.clear();
        assert_eq!(read_line(&mut reader, &mut line).unwrap(), 5);
        assert_eq!(line, b"next\n");
    }
}
