//! One idea of the "known decks", the same for every command that takes deck names: the deck
//! files quiz finds (bundled, the user's decks folder, a path given) and the decks known only
//! from their history (an imported log, a deck file since deleted, a deck once studied by
//! its path).

use crate::deck::library::{self, DeckFolders, LibraryError, Located};
use crate::deck::{DeckId, Origin};
use crate::env::Context;
use crate::escape::escape_line;
use crate::settings::Settings;
use crate::store::Store;

/// A deck a command was asked for (or, with no names, every known deck).
pub(crate) enum Known {
    /// A deck file, found but not necessarily read yet.
    File(Located),
    /// A deck with reviews and no deck file: its progress is there, its cards are not.
    Logged(DeckId),
}

impl Known {
    pub(crate) fn id(&self) -> &DeckId {
        match self {
            Known::File(located) => &located.id,
            Known::Logged(id) => id,
        }
    }
}

/// What a command that reads the chosen decks' cards without studying them starts from
/// (`quiz missed --leeches`): it takes no lock, so it works while a session runs, and it
/// creates nothing (see [`Store::open_to_read`]).
pub(crate) struct Reading {
    /// The chosen decks that load, indexed in the store.
    pub decks: Vec<DeckId>,
    /// The chosen decks known only from their history (no deck file).
    pub logged: Vec<DeckId>,
    pub store: Store,
    pub settings: Settings,
}

impl Reading {
    pub(crate) fn new(names: &[String], context: &Context) -> anyhow::Result<Reading> {
        let settings = context.settings()?;
        let mut store = Store::open_to_read(&context.data_dir)?;
        let mut files = Vec::new();
        let mut logged = Vec::new();
        let folders = DeckFolders::new(&context.data_dir, &settings);
        for known in choose(names, &folders, &store, settings.show_bundled)? {
            match known {
                Known::File(file) => files.push(file),
                Known::Logged(id) => logged.push(id),
            }
        }
        let decks = if files.is_empty() {
            Vec::new()
        } else {
            super::index_decks(files, context, &mut store)?
        };
        Ok(Reading {
            decks,
            logged,
            store,
            settings,
        })
    }
}

/// The decks `names` name, in their order, each once; with no names every deck file (the
/// bundled ones only when `show_bundled`), then every deck with history and no file. A name
/// that is neither is an error listing both.
pub(crate) fn choose(
    names: &[String],
    folders: &DeckFolders,
    store: &Store,
    show_bundled: bool,
) -> anyhow::Result<Vec<Known>> {
    let logged = store.reviewed_decks()?;
    let mut chosen: Vec<Known> = Vec::new();
    let mut add = |known: Known| {
        if !chosen.iter().any(|c| c.id() == known.id()) {
            chosen.push(known);
        }
    };
    if names.is_empty() {
        let files = library::locate(&[], folders)?;
        // Hidden bundled decks stay hidden, their history too.
        let hidden: Vec<DeckId> = files
            .iter()
            .filter(|file| !show_bundled && file.origin == Origin::Bundled)
            .map(|file| file.id.clone())
            .collect();
        files
            .into_iter()
            .filter(|file| !hidden.contains(&file.id))
            .for_each(|file| add(Known::File(file)));
        logged
            .into_iter()
            .filter(|id| !hidden.contains(id))
            .for_each(|id| add(Known::Logged(id)));
        return Ok(chosen);
    }
    for name in names {
        match library::locate(std::slice::from_ref(name), folders) {
            Ok(found) => found.into_iter().for_each(|file| add(Known::File(file))),
            Err(LibraryError::Unknown { .. }) if logged.iter().any(|id| &id.0 == name) => {
                add(Known::Logged(DeckId(name.clone())));
            }
            Err(LibraryError::Unknown { .. }) => {
                anyhow::bail!(unknown(name, folders, store)?)
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(chosen)
}

/// The deck files' names, then those of decks with reviews but no file, each once.
pub(crate) fn known_decks(folders: &DeckFolders, store: &Store) -> anyhow::Result<Vec<DeckId>> {
    Ok(choose(&[], folders, store, true)?
        .into_iter()
        .map(|known| known.id().clone())
        .collect())
}

/// "no deck named `x`; known decks: …", every known deck listed.
pub(crate) fn unknown(name: &str, folders: &DeckFolders, store: &Store) -> anyhow::Result<String> {
    let known: Vec<String> = known_decks(folders, store)?
        .iter()
        .map(|deck| escape_line(&deck.0))
        .collect();
    Ok(format!(
        "no deck named `{}`; known decks: {}",
        escape_line(name),
        known.join(", ")
    ))
}

/// [`library::locate`] for a command that needs deck files (to ask cards, export, add): a
/// name known only from its history says why it cannot be used, and an unknown name lists
/// every known deck, as [`choose`] does.
///
/// With no names, every deck file shown: the bundled decks are left out when the learner
/// hides them (`show_bundled = false`), and a choice that leaves none says so.
pub(crate) fn locate_files(
    names: &[String],
    folders: &DeckFolders,
    show_bundled: bool,
) -> anyhow::Result<Vec<Located>> {
    let data_dir = &folders.data_dir;
    match library::locate_shown(names, folders, show_bundled) {
        Ok(found) if found.is_empty() && names.is_empty() && !show_bundled => anyhow::bail!(
            "no deck to study: the bundled decks are hidden (show_bundled = false in the config) \
             and {} holds none; name a deck, or make one with `quiz new NAME`",
            data_dir.join("decks").display()
        ),
        Err(LibraryError::Unknown { name, .. }) => {
            let store = Store::open_to_read(data_dir)?;
            if store.reviewed_decks()?.iter().any(|id| id.0 == name) {
                let name = escape_line(&name);
                anyhow::bail!(
                    "deck `{name}` has no deck file: it is known only from its history, so it \
                     has no cards to ask (`quiz stats {name}` shows its progress)"
                );
            }
            anyhow::bail!(unknown(&name, folders, &store)?)
        }
        found => Ok(found?),
    }
}

/// [`known_decks`] for a shell's completion: nothing (rather than an error) when the data
/// directory cannot be read, since a completion has nowhere to say why.
pub(crate) fn known_deck_names(folders: &DeckFolders) -> Vec<String> {
    let Ok(store) = Store::open_to_read(&folders.data_dir) else {
        return Vec::new();
    };
    known_decks(folders, &store)
        .map(|decks| decks.into_iter().map(|deck| deck.0).collect())
        .unwrap_or_default()
}
