//! Finding decks: the bundled ones, the user's decks folder, and paths on the command line.
//!
//! A deck that fails to load never stops the others: failures are returned beside the decks.

use std::fs;
use std::path::{Path, PathBuf};

use super::codes::Code;
use super::parse::{Checks, Parsed, parse_deck_with};
use super::{Deck, DeckId, Origin};
use crate::diagnostic::Finding;

/// Decks compiled into the binary so `quiz start` works from any directory.
pub(crate) const BUNDLED: [(&str, &str); 1] = [(
    "secret-speech",
    include_str!("../../decks/secret-speech.toml"),
)];

/// A deck file's text, read but not yet parsed.
#[derive(Debug, Clone)]
pub(crate) struct DeckFile {
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
pub(crate) struct Report {
    pub file: DeckFile,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub decks: Vec<Deck>,
    /// Files with findings, whether or not they loaded.
    pub reports: Vec<Report>,
}

impl Loaded {
    #[cfg(test)]
    pub(crate) fn failed(&self) -> impl Iterator<Item = &Report> {
        self.reports
            .iter()
            .filter(|r| r.findings.iter().any(Finding::is_error))
    }
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum LibraryError {
    #[error("could not read deck {path}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("no deck named `{name}`; known decks: {known}")]
    Unknown { name: String, known: String },
}

pub(crate) fn user_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("decks")
}

/// Where deck files are found besides the bundled decks: the user's decks folder and, with
/// `sync_dir` set, the `decks/` folder inside the sync folder, so decks travel with the
/// progress. A deck of the user's folder hides a synced one of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeckFolders {
    pub data_dir: PathBuf,
    /// `<sync_dir>/decks`, when a sync folder is set.
    pub synced: Option<PathBuf>,
}

impl DeckFolders {
    /// The user's decks folder of `data_dir` alone.
    pub(crate) fn of(data_dir: &Path) -> DeckFolders {
        DeckFolders {
            data_dir: data_dir.to_path_buf(),
            synced: None,
        }
    }

    /// The folders the learner's settings give.
    pub(crate) fn new(data_dir: &Path, settings: &crate::settings::Settings) -> DeckFolders {
        DeckFolders {
            data_dir: data_dir.to_path_buf(),
            synced: settings.sync_dir.as_ref().map(|dir| dir.join("decks")),
        }
    }

    /// The folders `settings` give, or, when the config file cannot be read, the user's
    /// folder alone with the warning that says so: a broken config file leaves the synced
    /// decks out of `quiz check`, the overview and shell completion, but does not stop them.
    pub(crate) fn lenient(
        data_dir: &Path,
        settings: anyhow::Result<crate::settings::Settings>,
    ) -> (DeckFolders, Option<String>) {
        match settings {
            Ok(settings) => (DeckFolders::new(data_dir, &settings), None),
            Err(error) => (
                DeckFolders::of(data_dir),
                // The reason names the config file's path, which may hold any byte.
                Some(format!(
                    "the decks of the sync folder are left out: {}",
                    crate::escape::escape_control(&format!("{error:#}"))
                )),
            ),
        }
    }
}

/// A deck found by name or path, not necessarily read yet: a session whose deck files have
/// not changed since they were indexed need not read them.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub id: DeckId,
    pub origin: Origin,
    /// How to name the file in messages.
    pub display: String,
    text: Text,
}

#[derive(Debug, Clone)]
enum Text {
    Bundled(&'static str),
    /// A file in the user's folder, read when asked; one that cannot be read is reported then.
    Unread(PathBuf),
    /// A file named by its path, read when it was found: one that cannot be read is an error
    /// of the command line.
    Read(String),
    /// A name in the sync folder that is not read, and why (a link): reported as unreadable.
    Refused(String),
}

impl Located {
    /// The file to read, when the deck is a file not read yet.
    pub(crate) fn unread_path(&self) -> Option<&Path> {
        match &self.text {
            Text::Unread(path) => Some(path),
            Text::Bundled(_) | Text::Read(_) | Text::Refused(_) => None,
        }
    }

    pub(crate) fn read(self) -> DeckFile {
        let text = match self.text {
            Text::Bundled(text) => text.to_string(),
            Text::Read(text) => text,
            Text::Unread(path) => return read_or_keep(&path, self.origin),
            Text::Refused(reason) => {
                return DeckFile {
                    id: self.id,
                    origin: self.origin,
                    display: self.display,
                    text: String::new(),
                    unreadable: Some(reason),
                };
            }
        };
        DeckFile {
            id: self.id,
            origin: self.origin,
            display: self.display,
            text,
            unreadable: None,
        }
    }
}

fn bundled_decks() -> Vec<Located> {
    BUNDLED
        .iter()
        .map(|(name, text)| Located {
            id: DeckId((*name).to_string()),
            origin: Origin::Bundled,
            display: format!("<bundled>/{name}.toml"),
            text: Text::Bundled(text),
        })
        .collect()
}

/// Every deck in the user's folder, sorted by name, then those of the synced folder that
/// it does not hide; unread.
fn user_decks(folders: &DeckFolders) -> Vec<Located> {
    let mut decks: Vec<Located> = toml_files_in(&user_folder(&folders.data_dir))
        .into_iter()
        .map(unread)
        .collect();
    if let Some(synced) = &folders.synced {
        let more: Vec<Located> = synced_decks(synced)
            .into_iter()
            .filter(|deck| !decks.iter().any(|d| d.id == deck.id))
            .collect();
        decks.extend(more);
    }
    decks
}

fn unread(path: PathBuf) -> Located {
    Located {
        id: DeckId(stem(&path)),
        origin: Origin::UserFolder(path.clone()),
        display: path.display().to_string(),
        text: Text::Unread(path),
    }
}

/// The decks of the `decks/` folder inside the sync folder, sorted by name. What is in the
/// sync folder comes from other machines: only regular files directly in it are read, and a
/// link (or the folder itself being one) is reported as an unreadable deck, never followed
/// out of the sync folder.
fn synced_decks(folder: &Path) -> Vec<Located> {
    let refused = |path: PathBuf, what: &str| Located {
        id: DeckId(stem(&path)),
        origin: Origin::UserFolder(path.clone()),
        display: path.display().to_string(),
        text: Text::Refused(format!(
            "{what} is a link, and quiz follows no links out of the sync folder"
        )),
    };
    match fs::symlink_metadata(folder) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            return vec![refused(folder.to_path_buf(), "the decks folder")];
        }
        Ok(metadata) if metadata.is_dir() => {}
        _ => return Vec::new(),
    }
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut decks: Vec<Located> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            Path::new(&entry.file_name())
                .extension()
                .is_some_and(|ext| ext == "toml")
        })
        .filter_map(|entry| {
            let kind = entry.file_type().ok()?;
            if kind.is_symlink() {
                Some(refused(entry.path(), "this file"))
            } else {
                kind.is_file().then(|| unread(entry.path()))
            }
        })
        .collect();
    decks.sort_by(|a, b| a.display.cmp(&b.display));
    decks
}

/// Every deck in the user's folders, sorted by name. A missing folder is simply empty.
pub(crate) fn user_files(folders: &DeckFolders) -> Result<Vec<DeckFile>, LibraryError> {
    Ok(user_decks(folders).into_iter().map(Located::read).collect())
}

/// The `.toml` files directly in a folder, sorted; a missing folder has none.
pub(crate) fn toml_files_in(folder: &Path) -> Vec<PathBuf> {
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
pub(crate) fn read_or_keep(path: &Path, origin: Origin) -> DeckFile {
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

/// Parses a deck file with every finding; an unreadable one gives a single E016 finding.
pub(crate) fn parse_file(file: &DeckFile) -> Parsed {
    parse_file_with(file, Checks::All)
}

pub(crate) fn parse_file_with(file: &DeckFile, checks: Checks) -> Parsed {
    match &file.unreadable {
        Some(reason) => Parsed {
            deck: None,
            findings: vec![
                Finding::error(
                    Code::Unreadable,
                    0..0,
                    format!("could not read this deck: {reason}"),
                )
                .label("unreadable file"),
            ],
        },
        None => parse_deck_with(file.id.clone(), &file.text, file.origin.clone(), checks),
    }
}

pub(crate) fn read_file(path: &Path, origin: Origin) -> Result<DeckFile, LibraryError> {
    let text = crate::input::read_text(path, crate::input::Input::Deck).map_err(|source| {
        LibraryError::Read {
            path: path.display().to_string(),
            source,
        }
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

#[cfg(test)]
/// Every known deck: the user's folder shadows a bundled deck of the same name.
pub(crate) fn all_files(data_dir: &Path) -> Result<Vec<DeckFile>, LibraryError> {
    Ok(all_decks(&DeckFolders::of(data_dir))
        .into_iter()
        .map(Located::read)
        .collect())
}

fn all_decks(folders: &DeckFolders) -> Vec<Located> {
    let user = user_decks(folders);
    let mut decks: Vec<Located> = bundled_decks()
        .into_iter()
        .filter(|bundled| !user.iter().any(|u| u.id == bundled.id))
        .collect();
    decks.extend(user);
    decks
}

/// The decks named on the command line (names or paths); none named means every known deck.
pub(crate) fn resolve(
    names: &[String],
    folders: &DeckFolders,
) -> Result<Vec<DeckFile>, LibraryError> {
    Ok(locate(names, folders)?
        .into_iter()
        .map(Located::read)
        .collect())
}

/// [`resolve`], reading only the files named by their path.
pub(crate) fn locate(
    names: &[String],
    folders: &DeckFolders,
) -> Result<Vec<Located>, LibraryError> {
    let known = all_decks(folders);
    if names.is_empty() {
        return Ok(known);
    }
    let mut chosen: Vec<Located> = Vec::new();
    for name in names {
        let path = Path::new(name);
        let deck = if let Some(found) = known.iter().find(|d| &d.id.0 == name) {
            found.clone()
        } else if path.is_file()
            || name.ends_with(".toml")
            || name.contains(std::path::MAIN_SEPARATOR)
        {
            let file = read_file(path, Origin::Path(path.to_path_buf()))?;
            Located {
                id: file.id,
                origin: file.origin,
                display: file.display,
                text: Text::Read(file.text),
            }
        } else {
            return Err(LibraryError::Unknown {
                name: name.clone(),
                known: known
                    .iter()
                    .map(|d| d.id.0.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        if !chosen.iter().any(|c| c.id == deck.id) {
            chosen.push(deck);
        }
    }
    Ok(chosen)
}

/// [`locate`], leaving the bundled decks out of "every deck" when the learner hides them
/// (`show_bundled = false` in the config); a bundled deck named is still found.
pub(crate) fn locate_shown(
    names: &[String],
    folders: &DeckFolders,
    show_bundled: bool,
) -> Result<Vec<Located>, LibraryError> {
    let mut found = locate(names, folders)?;
    if names.is_empty() && !show_bundled {
        found.retain(|deck| deck.origin != Origin::Bundled);
    }
    Ok(found)
}

#[cfg(test)]
/// Loads deck files with every finding; a deck with errors is skipped.
pub(crate) fn load(files: Vec<DeckFile>) -> Loaded {
    load_with(files, Checks::All)
}

/// Loads deck files looking only for the findings `checks` names.
pub(crate) fn load_with(files: Vec<DeckFile>, checks: Checks) -> Loaded {
    let mut loaded = Loaded::default();
    for file in files {
        let Parsed { deck, findings } = parse_file_with(&file, checks);
        if let Some(deck) = deck {
            loaded.decks.push(deck);
        }
        if !findings.is_empty() {
            loaded.reports.push(Report { file, findings });
        }
    }
    loaded
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::deck::Kind;

    // ---------------------------------------------------------------------------
    // The bundled deck

    #[test]
    fn the_bundled_deck_loads_without_any_finding() {
        let dir = tempfile::tempdir().unwrap();
        let files = all_files(dir.path()).unwrap();
        let text = files
            .iter()
            .find(|f| f.id.0 == "secret-speech")
            .expect("bundled deck is known")
            .text
            .clone();
        let loaded = load(files);
        assert!(
            loaded.reports.is_empty(),
            "findings in the bundled deck: {:#?}",
            loaded.reports
        );
        let deck = loaded
            .decks
            .iter()
            .find(|d| d.id.0 == "secret-speech")
            .expect("secret-speech loads");
        assert_eq!(deck.origin, Origin::Bundled);

        let tables = text.lines().filter(|l| l.trim() == "[[cards]]").count();
        assert!(tables >= 30, "only {tables} [[cards]] tables");

        // Count tables (not cloze gaps) per kind: a table is a line.
        for kind in [
            Kind::Text,
            Kind::Choice,
            Kind::TrueFalse,
            Kind::Several,
            Kind::Cloze,
        ] {
            let lines: HashSet<usize> = deck
                .cards
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.line)
                .collect();
            assert!(lines.len() >= 2, "{kind:?}: {} cards", lines.len());
        }
        for card in &deck.cards {
            assert!(
                card.explain
                    .as_deref()
                    .is_some_and(|e| !e.trim().is_empty()),
                "{} has no explain",
                card.id
            );
            assert!(!card.implicit_id, "{} has no id", card.id);
        }
        let source = deck.source.as_deref().expect("the deck names its source");
        // The document by its title and origin, not a file name of ours.
        assert_eq!(
            source,
            "“Nikita Khrushchev Becomes Soviet Premier on March 27, 1958”, a text from \
             English Wikipedia (en.wikipedia.org)"
        );
    }

    // ---------------------------------------------------------------------------
    // The library

    const SMALL_DECK: &str =
        "title = \"Mine\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n";

    fn write_user_deck(data_dir: &Path, name: &str, text: &str) {
        let folder = user_folder(data_dir);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join(format!("{name}.toml")), text).unwrap();
    }

    #[test]
    fn resolve_names_an_unknown_deck_and_lists_the_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        write_user_deck(dir.path(), "x", SMALL_DECK);
        let error = resolve(&["nope".to_string()], &DeckFolders::of(dir.path())).unwrap_err();
        assert!(matches!(error, LibraryError::Unknown { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "no deck named `nope`; known decks: secret-speech, x"
        );
    }

    #[test]
    fn a_user_deck_is_found_by_its_file_name() {
        let dir = tempfile::tempdir().unwrap();
        write_user_deck(dir.path(), "x", SMALL_DECK);
        let files = resolve(&["x".to_string()], &DeckFolders::of(dir.path())).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].id, DeckId("x".into()));
        let path = user_folder(dir.path()).join("x.toml");
        assert_eq!(files[0].origin, Origin::UserFolder(path));
        let loaded = load(files);
        assert_eq!(loaded.decks.len(), 1);
        assert_eq!(loaded.decks[0].title, "Mine");

        // With no names, every known deck: the bundled ones, then the user's.
        let all = resolve(&[], &DeckFolders::of(dir.path())).unwrap();
        let names: Vec<&str> = all.iter().map(|f| f.id.0.as_str()).collect();
        assert_eq!(names, vec!["secret-speech", "x"]);
    }

    #[test]
    fn a_deck_given_by_path_is_named_after_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("elsewhere.toml");
        fs::write(&path, SMALL_DECK).unwrap();
        let name = path.display().to_string();
        let files = resolve(std::slice::from_ref(&name), &DeckFolders::of(dir.path())).unwrap();
        assert_eq!(files[0].id, DeckId("elsewhere".into()));
        assert_eq!(files[0].origin, Origin::Path(path));
    }

    #[test]
    fn a_user_deck_replaces_the_bundled_deck_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        write_user_deck(dir.path(), "secret-speech", SMALL_DECK);
        let files = all_files(dir.path()).unwrap();
        let same: Vec<_> = files.iter().filter(|f| f.id.0 == "secret-speech").collect();
        assert_eq!(same.len(), 1);
        assert!(matches!(same[0].origin, Origin::UserFolder(_)));

        let files = resolve(&["secret-speech".to_string()], &DeckFolders::of(dir.path())).unwrap();
        let loaded = load(files);
        assert_eq!(loaded.decks.len(), 1);
        assert_eq!(loaded.decks[0].title, "Mine");
        assert_eq!(loaded.decks[0].cards.len(), 1);
    }

    #[test]
    fn a_broken_deck_is_reported_and_the_others_still_load() {
        let dir = tempfile::tempdir().unwrap();
        write_user_deck(
            dir.path(),
            "broken",
            "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\n",
        );
        write_user_deck(dir.path(), "good", SMALL_DECK);
        // A deck with only warnings loads, and is reported too.
        write_user_deck(
            dir.path(),
            "warned",
            "[[cards]]\nquestion = \"Q?\"\nanswer = \"A\"\n",
        );
        let loaded = load(all_files(dir.path()).unwrap());

        let loaded_names: Vec<&str> = loaded.decks.iter().map(|d| d.id.0.as_str()).collect();
        assert_eq!(loaded_names, vec!["secret-speech", "good", "warned"]);

        let reported: Vec<&str> = loaded
            .reports
            .iter()
            .map(|r| r.file.id.0.as_str())
            .collect();
        assert_eq!(reported, vec!["broken", "warned"]);
        let failed: Vec<&str> = loaded.failed().map(|r| r.file.id.0.as_str()).collect();
        assert_eq!(failed, vec!["broken"]);

        let report = loaded.failed().next().unwrap();
        assert_eq!(report.findings[0].code, Code::MissingField);
        assert!(report.file.display.ends_with("broken.toml"));
    }

    #[test]
    fn files_that_are_not_toml_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        write_user_deck(dir.path(), "x", SMALL_DECK);
        let folder = user_folder(dir.path());
        fs::write(folder.join("notes.txt"), "not a deck").unwrap();
        fs::create_dir_all(folder.join("sub")).unwrap();
        fs::write(folder.join("sub").join("deep.toml"), SMALL_DECK).unwrap();
        let names: Vec<String> = all_files(dir.path())
            .unwrap()
            .into_iter()
            .map(|f| f.id.0)
            .collect();
        assert_eq!(names, vec!["secret-speech", "x"]);
    }

    #[test]
    fn the_sync_folders_decks_are_user_decks_too_and_the_users_own_hide_them() {
        let dir = tempfile::tempdir().unwrap();
        let synced = tempfile::tempdir().unwrap();
        write_user_deck(dir.path(), "mine", SMALL_DECK);
        write_user_deck(dir.path(), "both", SMALL_DECK);
        let decks = synced.path().join("decks");
        fs::create_dir_all(decks.join("sub")).unwrap();
        fs::write(decks.join("travels.toml"), SMALL_DECK).unwrap();
        fs::write(decks.join("both.toml"), "title = \"Synced\"\n").unwrap();
        fs::write(decks.join("sub").join("deep.toml"), SMALL_DECK).unwrap();
        fs::write(decks.join("notes.txt"), "not a deck").unwrap();
        let folders = DeckFolders {
            data_dir: dir.path().to_path_buf(),
            synced: Some(decks.clone()),
        };
        let files = resolve(&[], &folders).unwrap();
        let names: Vec<(&str, &Origin)> =
            files.iter().map(|f| (f.id.0.as_str(), &f.origin)).collect();
        let local = |name: &str| Origin::UserFolder(user_folder(dir.path()).join(name));
        assert_eq!(
            names,
            [
                ("secret-speech", &Origin::Bundled),
                ("both", &local("both.toml")),
                ("mine", &local("mine.toml")),
                ("travels", &Origin::UserFolder(decks.join("travels.toml"))),
            ]
        );
        let named = resolve(&["travels".to_string()], &folders).unwrap();
        assert_eq!(named[0].text, SMALL_DECK);
        // Without a sync folder, as before.
        let names: Vec<String> = resolve(&[], &DeckFolders::of(dir.path()))
            .unwrap()
            .into_iter()
            .map(|f| f.id.0)
            .collect();
        assert_eq!(names, ["secret-speech", "both", "mine"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_sync_folders_decks_is_reported_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let synced = tempfile::tempdir().unwrap();
        let outside = dir.path().join("secret.toml");
        fs::write(&outside, SMALL_DECK).unwrap();
        let decks = synced.path().join("decks");
        fs::create_dir_all(&decks).unwrap();
        std::os::unix::fs::symlink(&outside, decks.join("stolen.toml")).unwrap();
        let folders = DeckFolders {
            data_dir: dir.path().to_path_buf(),
            synced: Some(decks.clone()),
        };
        let files = resolve(&["stolen".to_string()], &folders).unwrap();
        assert_eq!(files[0].text, "");
        assert_eq!(
            files[0].unreadable.as_deref(),
            Some("this file is a link, and quiz follows no links out of the sync folder")
        );
        let loaded = load(files);
        assert!(loaded.decks.is_empty());
        assert_eq!(loaded.reports[0].findings[0].code, Code::Unreadable);

        // The folder itself a link: refused whole.
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("x.toml"), SMALL_DECK).unwrap();
        let linked = synced.path().join("linked");
        std::os::unix::fs::symlink(elsewhere.path(), &linked).unwrap();
        let folders = DeckFolders {
            data_dir: dir.path().to_path_buf(),
            synced: Some(linked),
        };
        let files = user_files(&folders).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(
            files[0].unreadable.as_deref(),
            Some("the decks folder is a link, and quiz follows no links out of the sync folder")
        );
    }

    #[test]
    fn an_unreadable_deck_file_does_not_stop_the_others() {
        let dir = tempfile::tempdir().unwrap();
        write_user_deck(dir.path(), "good", SMALL_DECK);
        let folder = user_folder(dir.path());
        fs::write(folder.join("latin1.toml"), b"title = \"caf\xe9\"\n").unwrap();
        let files = all_files(dir.path()).expect("the readable decks are still listed");
        assert!(files.iter().any(|f| f.id.0 == "good"));
    }
}
