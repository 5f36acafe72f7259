//! Finding decks: the bundled ones, the user's decks folder, and paths on the command line.
//!
//! A deck that fails to load never stops the others: failures are returned beside the decks.

use std::fs;
use std::path::{Path, PathBuf};

use super::parse::{Parsed, parse_deck};
use super::{Deck, DeckId, Finding, Origin};

/// Decks compiled into the binary so `quiz start` works from any directory.
pub const BUNDLED: [(&str, &str); 1] = [(
    "secret-speech",
    include_str!("../../decks/secret-speech.toml"),
)];

/// A deck file's text, read but not yet parsed.
#[derive(Debug, Clone)]
pub struct DeckFile {
    pub id: DeckId,
    pub origin: Origin,
    /// How to name the file in messages.
    pub display: String,
    pub text: String,
    /// Why the file could not be read, when it could not (it is then reported, not loaded).
    pub unreadable: Option<String>,
}

/// A deck file with findings (errors stop it from loading; warnings do not).
#[derive(Debug, Clone)]
pub struct Report {
    pub file: DeckFile,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub decks: Vec<Deck>,
    /// Files with findings, whether or not they loaded.
    pub reports: Vec<Report>,
}

impl Loaded {
    pub fn failed(&self) -> impl Iterator<Item = &Report> {
        self.reports
            .iter()
            .filter(|r| r.findings.iter().any(Finding::is_error))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("could not read deck {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("no deck named `{name}`; known decks: {known}")]
    Unknown { name: String, known: String },
}

pub fn user_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("decks")
}

fn bundled_files() -> Vec<DeckFile> {
    BUNDLED
        .iter()
        .map(|(name, text)| DeckFile {
            id: DeckId((*name).to_string()),
            origin: Origin::Bundled,
            display: format!("<bundled>/{name}.toml"),
            text: (*text).to_string(),
            unreadable: None,
        })
        .collect()
}

/// Every deck in the user's folder, sorted by name. A missing folder is simply empty.
pub fn user_files(data_dir: &Path) -> Result<Vec<DeckFile>, LibraryError> {
    Ok(toml_files_in(&user_folder(data_dir))
        .into_iter()
        .map(|path| read_or_keep(&path, Origin::UserFolder(path.clone())))
        .collect())
}

/// The `.toml` files directly in a folder, sorted; a missing folder has none.
pub fn toml_files_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && path.is_file())
        .collect();
    paths.sort();
    paths
}

/// Reads a deck file, keeping one that cannot be read so it is reported, not fatal: one
/// unreadable file must not hide the others.
pub fn read_or_keep(path: &Path, origin: Origin) -> DeckFile {
    read_file(path, origin.clone()).unwrap_or_else(|error| DeckFile {
        id: DeckId(stem(path)),
        origin,
        display: path.display().to_string(),
        text: String::new(),
        unreadable: Some(match error {
            LibraryError::Read { source, .. } => source.to_string(),
            other => other.to_string(),
        }),
    })
}

/// Parses a deck file; an unreadable one gives a single E016 finding.
pub fn parse_file(file: &DeckFile) -> Parsed {
    match &file.unreadable {
        Some(reason) => Parsed {
            deck: None,
            findings: vec![
                Finding::error("E016", 0..0, format!("could not read this deck: {reason}"))
                    .label("unreadable file"),
            ],
        },
        None => parse_deck(file.id.clone(), &file.text, file.origin.clone()),
    }
}

pub fn read_file(path: &Path, origin: Origin) -> Result<DeckFile, LibraryError> {
    let text = fs::read_to_string(path).map_err(|source| LibraryError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(DeckFile {
        id: DeckId(stem(path)),
        origin,
        display: path.display().to_string(),
        text,
        unreadable: None,
    })
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// Every known deck: the user's folder shadows a bundled deck of the same name.
pub fn all_files(data_dir: &Path) -> Result<Vec<DeckFile>, LibraryError> {
    let user = user_files(data_dir)?;
    let mut files: Vec<DeckFile> = bundled_files()
        .into_iter()
        .filter(|bundled| !user.iter().any(|u| u.id == bundled.id))
        .collect();
    files.extend(user);
    Ok(files)
}

/// The decks named on the command line (names or paths); none named means every known deck.
pub fn resolve(names: &[String], data_dir: &Path) -> Result<Vec<DeckFile>, LibraryError> {
    let known = all_files(data_dir)?;
    if names.is_empty() {
        return Ok(known);
    }
    let mut chosen: Vec<DeckFile> = Vec::new();
    for name in names {
        let path = Path::new(name);
        let file = if let Some(found) = known.iter().find(|f| &f.id.0 == name) {
            found.clone()
        } else if path.is_file()
            || name.ends_with(".toml")
            || name.contains(std::path::MAIN_SEPARATOR)
        {
            read_file(path, Origin::Path(path.to_path_buf()))?
        } else {
            return Err(LibraryError::Unknown {
                name: name.clone(),
                known: known
                    .iter()
                    .map(|f| f.id.0.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        if !chosen.iter().any(|c| c.id == file.id) {
            chosen.push(file);
        }
    }
    Ok(chosen)
}

pub fn load(files: Vec<DeckFile>) -> Loaded {
    let mut loaded = Loaded::default();
    for file in files {
        let Parsed { deck, findings } = parse_file(&file);
        if let Some(deck) = deck {
            loaded.decks.push(deck);
        }
        if !findings.is_empty() {
            loaded.reports.push(Report { file, findings });
        }
    }
    loaded
}
