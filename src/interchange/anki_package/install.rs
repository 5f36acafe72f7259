//! A read package put in place: its deck files in the decks folder (or `-o DIR`), its
//! media in `<data dir>/media/<deck>/`.
//!
//! Importing a package again updates what the last import wrote, but never a deck file
//! the learner edited since (or one quiz did not write): the store keeps a hash of each
//! file an import wrote, and a file whose text no longer matches it is replaced only with
//! `--update`. Every file is checked before the first is written, so a refusal writes
//! nothing.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use std::io::Read as _;

use super::{Archive, MediaFile, Package, media_folder};
use crate::escape::escape_control;
use crate::files;
use crate::store::Store;

/// What happened to one deck file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// The deck files and media an install wrote.
#[derive(Debug, Default)]
pub(crate) struct Installed {
    /// Each deck's path, its card count and what happened to its file.
    pub decks: Vec<(PathBuf, usize, Outcome)>,
    pub media: usize,
}

fn hash_key(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!("anki-import-hash:{}", absolute.display())
}

fn hash(text: &[u8]) -> String {
    format!("{:016x}", crate::stable_hash::fnv1a(text.iter().copied()))
}

pub(crate) fn install(
    package: &mut Package,
    folder: &Path,
    data_dir: &Path,
    store: &Store,
    update: bool,
) -> anyhow::Result<Installed> {
    let mut plan = Vec::new();
    for deck in package.decks.iter().filter(|d| d.imported.cards > 0) {
        let path = folder.join(format!("{}.toml", deck.name));
        let text = &deck.imported.toml;
        let outcome = match std::fs::read(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Outcome::Created,
            Err(error) => {
                return Err(error).with_context(|| format!("could not read {}", path.display()));
            }
            Ok(old) if old == text.as_bytes() => Outcome::Unchanged,
            Ok(old) => {
                let ours = store
                    .meta(&hash_key(&path))?
                    .is_some_and(|h| h == hash(&old));
                if !ours && !update {
                    bail!(
                        "{} was changed since it was imported (or was not written by an import); \
                         nothing was imported. Import again with --update to replace it, or \
                         with -o DIR to write the decks elsewhere",
                        escape_control(&path.display().to_string())
                    );
                }
                Outcome::Updated
            }
        };
        plan.push((path, deck.imported.cards, text, outcome));
    }
    std::fs::create_dir_all(folder)
        .with_context(|| format!("could not create {}", folder.display()))?;
    let mut installed = Installed::default();
    for (path, cards, text, outcome) in plan {
        match outcome {
            Outcome::Created => files::write_new(&path, text)?,
            Outcome::Updated => files::replace(&path, text)?,
            Outcome::Unchanged => {}
        }
        store.set_meta(&hash_key(&path), &hash(text.as_bytes()))?;
        installed.decks.push((path, cards, outcome));
    }
    if let Some(archive) = &mut package.archive {
        for file in &package.media {
            installed.media += write_media(data_dir, archive, file)?;
        }
    }
    Ok(installed)
}

/// Writes one media file into each of its decks' folders (a copy that is already there,
/// byte for byte, is left alone); how many copies were written.
fn write_media(data_dir: &Path, archive: &mut Archive, file: &MediaFile) -> anyhow::Result<usize> {
    let mut written = 0;
    for deck in &file.decks {
        let folder = media_folder(data_dir, deck);
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("could not create {}", folder.display()))?;
        // `read_media` let through plain file names only: this stays in `folder`.
        let path = folder.join(&file.name);
        if let Ok(old) = std::fs::File::open(&path) {
            let mut same = Same::new(old);
            archive.extract(&file.member, &mut same)?;
            if same.finish() {
                continue;
            }
            std::fs::remove_file(&path)
                .with_context(|| format!("could not replace {}", path.display()))?;
        }
        files::create_new(&path, |out| {
            archive
                .extract(&file.member, out)
                .map(drop)
                .map_err(|e| std::io::Error::other(e.to_string()))
        })?;
        written += 1;
    }
    Ok(written)
}

/// A writer that compares what it is given with a file, without holding either.
struct Same {
    old: std::io::BufReader<std::fs::File>,
    same: bool,
}

impl Same {
    fn new(old: std::fs::File) -> Same {
        Same {
            old: std::io::BufReader::new(old),
            same: true,
        }
    }

    /// Whether the file held exactly what was written, to its end.
    fn finish(mut self) -> bool {
        let mut rest = [0u8; 1];
        self.same && matches!(self.old.read(&mut rest), Ok(0))
    }
}

impl std::io::Write for Same {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.same {
            let mut old = vec![0u8; buf.len()];
            self.same = self.old.read_exact(&mut old).is_ok() && old == buf;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
