//! The decks available now: the one read path from deck files to the cards a session asks.
//! It brings the store's deck index up to date (re-reading a deck file only when it may
//! have changed), reports the decks that cannot load, and picks from the index the due and
//! new cards of a session, the cards a drill or a cram takes, and their choice pool.

use std::path::Path;

use jiff::Timestamp;

use crate::deck::library::{self, DeckFile, Loaded, Located, Report};
use crate::deck::parse::{self, Checks};
use crate::deck::{Card, CardId, DeckId, Origin};
use crate::diagnostic::{self, Finding};
use crate::distractors::Pool;
use crate::env::Context;
use crate::judge;
use crate::schedule::CardState;
use crate::session::queue;
use crate::settings::Presentation;
use crate::store::Store;
use crate::store::deck_index::{self, IndexEntry, Stamp};

pub(crate) mod known;
mod pages;
mod title;

pub(crate) use known::{Known, known_deck_names};
pub(crate) use pages::{PAGE, Pages};

/// Loads the named decks (or all), printing what stopped any of them from loading. Warnings
/// are not shown here, so they are not looked for.
pub(crate) fn load_decks(names: &[String], context: &Context) -> anyhow::Result<Loaded> {
    let settings = context.settings()?;
    let folders = context.deck_folders(&settings);
    let files: Vec<_> = known::locate_files(names, &folders, settings.show_bundled)?
        .into_iter()
        .map(Located::read)
        .collect();
    let loaded = library::load_with(files, Checks::Errors);
    print_failures(&loaded.reports, context);
    if loaded.decks.is_empty() {
        anyhow::bail!("no deck could be loaded");
    }
    Ok(loaded)
}

/// What became of one deck file when the deck index was brought up to date.
pub(crate) enum Refreshed {
    /// It loads, and the deck index holds its cards. The title is there when it was asked
    /// for.
    Loaded {
        id: DeckId,
        origin: Origin,
        title: Option<String>,
    },
    /// It does not load; the report holds why.
    Failed(Report),
}

/// Brings the store's index of `decks` up to date and says, in their order, which load. A
/// deck file is not read when the file system vouches it has not changed since it was
/// indexed (see [`Stamp::vouches_for`]) — only its title, before its first table, when
/// `titles` asks for it — nor parsed when its text is the one indexed; one that changed is
/// parsed straight into the index, so its cards are never all held at once.
pub(crate) fn refresh(
    decks: Vec<Located>,
    store: &mut Store,
    titles: bool,
) -> anyhow::Result<Vec<Refreshed>> {
    let mut refreshed = Vec::with_capacity(decks.len());
    for deck in decks {
        let entry = store
            .deck_index_entry(&deck.id)?
            .filter(IndexEntry::current);
        let stamp = deck.unread_path().and_then(stamp);
        if let (Some(entry), Some(stamp), Some(path)) = (&entry, &stamp, deck.unread_path())
            && entry
                .stamp
                .as_ref()
                .is_some_and(|old| old.vouches_for(stamp))
            && let Some(title) = wanted(titles, || title::of_file(&deck.id, &deck.origin, path))
        {
            refreshed.push(Refreshed::Loaded {
                id: deck.id,
                origin: deck.origin,
                title,
            });
            continue;
        }
        let file = deck.read();
        if file.unreadable.is_some() {
            let findings = library::parse_file_with(&file, Checks::Errors).findings;
            refreshed.push(Refreshed::Failed(Report { file, findings }));
            continue;
        }
        let key = deck_index::key(&file.text);
        if entry.is_some_and(|entry| entry.key == key)
            && let Some(title) = wanted(titles, || {
                title::of_text(&file.id, &file.origin, &file.text)
            })
        {
            store.restamp_deck_index(&file.id, stamp.as_ref())?;
            refreshed.push(Refreshed::Loaded {
                id: file.id,
                origin: file.origin,
                title,
            });
            continue;
        }
        let mut indexer = store.index_deck(&file.id)?;
        let parsed = parse::read_deck(
            file.id.clone(),
            &file.text,
            file.origin.clone(),
            Checks::Errors,
            &mut indexer,
        );
        match parsed.deck {
            Some(deck) => {
                // The text (85 MB for a million cards) goes before the index's own indexes
                // are built, which take memory of their own.
                let DeckFile {
                    id, origin, text, ..
                } = file;
                drop(text);
                indexer.finish(&key, stamp.as_ref())?;
                refreshed.push(Refreshed::Loaded {
                    id,
                    origin,
                    title: titles.then_some(deck.title),
                });
            }
            None => refreshed.push(Refreshed::Failed(Report {
                file,
                findings: parsed.findings,
            })),
        }
    }
    Ok(refreshed)
}

/// `Some(None)` when no title is wanted; the title found, or `None` when it cannot be found
/// without reading the whole file.
fn wanted(titles: bool, find: impl FnOnce() -> Option<String>) -> Option<Option<String>> {
    if titles { find().map(Some) } else { Some(None) }
}

/// Brings the store's index of the decks up to date and returns those that load, printing
/// what stopped the others, as a study session shows it (the whole diagnostic, then
/// "skipped deck"); fails when none loads.
pub(crate) fn index_decks(
    decks: Vec<Located>,
    context: &Context,
    store: &mut Store,
) -> anyhow::Result<Vec<DeckId>> {
    let mut loaded = Vec::new();
    let mut reports = Vec::new();
    for deck in refresh(decks, store, false)? {
        match deck {
            Refreshed::Loaded { id, .. } => loaded.push(id),
            Refreshed::Failed(report) => reports.push(report),
        }
    }
    print_failures(&reports, context);
    if loaded.is_empty() {
        anyhow::bail!("no deck could be loaded");
    }
    Ok(loaded)
}

/// What the file system says of a deck file now; `None` when it cannot say.
fn stamp(path: &Path) -> Option<Stamp> {
    let nanos = |time: std::time::SystemTime| {
        let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
        i64::try_from(since.as_nanos()).ok()
    };
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp {
        path: path.to_str()?.to_string(),
        size: metadata.len(),
        modified: nanos(metadata.modified().ok()?)?,
        taken: nanos(std::time::SystemTime::now())?,
    })
}

/// Each skipped deck's errors, the first [`diagnostic::SHOWN_PER_FILE`] drawn and the others
/// counted, then that it is skipped.
fn print_failures(reports: &[Report], context: &Context) {
    for report in reports
        .iter()
        .filter(|r| r.findings.iter().any(Finding::is_error))
    {
        let file = &report.file;
        for line in
            diagnostic::render_errors(&file.display, &file.text, &report.findings, context.color)
        {
            eprintln!("{line}");
        }
        eprintln!(
            "quiz: warning: skipped deck `{}`: it has errors (see above)",
            crate::escape::escape_line(&report.file.id.0)
        );
    }
}

/// One card of the session as it is put to the learner, with what the store knows of it.
pub(crate) struct Item<'a> {
    pub deck: &'a DeckId,
    pub card: Card,
    pub state: Option<CardState>,
}

/// The cards a session can ask, read from the store's deck index.
pub(crate) struct Items<'a> {
    pub items: Vec<Item<'a>>,
    /// The decks with a card carrying the tags asked for (any card without tags), in order:
    /// the session is recorded against them and the summary says when their next card is due.
    pub decks: Vec<&'a DeckId>,
    /// Every typed card's answer in the chosen decks, tags aside; empty unless in choice mode.
    pub pool: Pool,
    /// The cards after `items`, read as the session reaches them.
    pub more: Option<Pages<'a>>,
}

impl<'a> Items<'a> {
    /// The cards `pages` reads, picked from the cards of `decks` carrying any of `tags` (all
    /// cards when `tags` is empty), read a page at a time as the session reaches them.
    pub(crate) fn paged(
        pages: Pages<'a>,
        decks: &'a [DeckId],
        tags: &[String],
        store: &Store,
        presentation: Presentation,
    ) -> anyhow::Result<Items<'a>> {
        let mut with_cards = Vec::new();
        for deck in decks {
            if store.has_indexed_cards(deck, tags)? {
                with_cards.push(deck);
            }
        }
        Ok(Items {
            items: Vec::new(),
            decks: with_cards,
            pool: pool(decks, store, presentation)?,
            more: Some(pages),
        })
    }

    /// The cards of `decks` carrying any of `tags` (all cards when `tags` is empty) that
    /// `keep` keeps and the learner has not suspended, in file order, with their stored
    /// state.
    pub(crate) fn matching(
        decks: &'a [DeckId],
        tags: &[String],
        store: &Store,
        presentation: Presentation,
        keep: &dyn Fn(&DeckId, &Card) -> bool,
    ) -> anyhow::Result<Items<'a>> {
        let mut items = Vec::new();
        let mut with_cards = Vec::new();
        for deck in decks {
            let mut any = false;
            let suspended = store.suspended_cards(deck)?;
            store.each_indexed_card(deck, tags, &mut |card, state| {
                any = true;
                if !suspended.contains(&card.id) && keep(deck, &card) {
                    items.push(Item { deck, card, state });
                }
            })?;
            if any {
                with_cards.push(deck);
            }
        }
        add_learner_accepts(&mut items, store)?;
        Ok(Items {
            items,
            decks: with_cards,
            pool: pool(decks, store, presentation)?,
            more: None,
        })
    }
}

/// Adds to each typed card the answers the learner accepts for it (a bundled deck's cards:
/// see [`Store::learner_accepts`]), so they are right when the card is asked.
fn add_learner_accepts(items: &mut [Item<'_>], store: &Store) -> anyhow::Result<()> {
    let mut decks: Vec<&DeckId> = items.iter().map(|item| item.deck).collect();
    decks.sort();
    decks.dedup();
    for deck in decks {
        let accepts = store.learner_accepts(deck)?;
        if accepts.is_empty() {
            continue;
        }
        for item in items.iter_mut().filter(|item| item.deck == deck) {
            if let judge::Expected::Text { accept, .. } = &mut item.card.expected {
                let mine: Vec<&String> = accepts
                    .iter()
                    .filter(|(card, answer)| *card == item.card.id && !accept.contains(answer))
                    .map(|(_, answer)| answer)
                    .collect();
                if !mine.is_empty() {
                    *accept = accept.iter().chain(mine).cloned().collect();
                }
            }
        }
    }
    Ok(())
}

/// In choice mode, every typed card's answer in `decks`; nothing otherwise. A typed card is
/// shown as multiple choice when it is asked (see `study`), drawing from these.
fn pool(decks: &[DeckId], store: &Store, presentation: Presentation) -> anyhow::Result<Pool> {
    let mut answers = Vec::new();
    if presentation == Presentation::Choice {
        for deck in decks {
            answers.extend(store.indexed_answers(deck)?);
        }
    }
    Ok(Pool::new(answers.iter().map(String::as_str)))
}

/// The smallest page of new cards read at a time (more when a deck's allowance is larger).
const NEW_PAGE: usize = 64;

/// Numbers the notes of a session's cards (see [`crate::deck::id::note`]): siblings, in the
/// same deck, get the same number.
#[derive(Default)]
pub(crate) struct Notes(std::collections::HashMap<(usize, String), usize>);

impl Notes {
    /// The number of the note of card `card` of the session's deck `deck`.
    pub(crate) fn of(&mut self, deck: usize, card: &CardId) -> usize {
        let next = self.0.len();
        *self
            .0
            .entry((deck, crate::deck::id::note(&card.0).to_string()))
            .or_insert(next)
    }
}

/// Why a session over `decks` (with cards carrying any of `tags`, all when empty) can have
/// nothing to ask whatever the schedule says: the decks have no cards, or no card has those
/// tags. `None` when there are cards to pick from.
pub(crate) fn nothing_to_ask(
    decks: &[DeckId],
    tags: &[String],
    store: &Store,
) -> anyhow::Result<Option<String>> {
    let listed = |names: Vec<&str>| -> String {
        names
            .into_iter()
            .map(crate::escape::escape_line)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut empty = true;
    for deck in decks {
        empty &= !store.has_indexed_cards(deck, &[])?;
    }
    if empty {
        let names = listed(decks.iter().map(|d| d.0.as_str()).collect());
        return Ok(Some(if decks.len() == 1 {
            format!("deck {names} has no cards")
        } else {
            format!("decks {names} have no cards")
        }));
    }
    if tags.is_empty() {
        return Ok(None);
    }
    for deck in decks {
        if store.has_indexed_cards(deck, tags)? {
            return Ok(None);
        }
    }
    let mut known: Vec<String> = Vec::new();
    for deck in decks {
        known.extend(store.indexed_tags(deck)?);
    }
    known.sort();
    known.dedup();
    let asked = listed(tags.iter().map(String::as_str).collect());
    let which = if tags.len() == 1 {
        format!("no card has the tag {asked}")
    } else {
        format!("no card has any of the tags {asked}")
    };
    let these = match (decks.len(), known.is_empty()) {
        (1, true) => "this deck has no tags".to_string(),
        (_, true) => "these decks have no tags".to_string(),
        (1, false) => format!(
            "tags in this deck: {}",
            listed(known.iter().map(String::as_str).collect())
        ),
        (_, false) => format!(
            "tags in these decks: {}",
            listed(known.iter().map(String::as_str).collect())
        ),
    };
    Ok(Some(format!("{which} ({these})")))
}

/// `order` (indexes into `items`) with siblings apart (see [`queue::spread`]), for a drill or
/// a cram, which ask every card they chose.
pub(crate) fn siblings_apart(items: &Items<'_>, order: &[usize]) -> Vec<usize> {
    let notes = note_numbers(&items.items);
    let cards: Vec<(usize, usize)> = order.iter().map(|&index| (index, notes[index])).collect();
    queue::spread(&cards)
}

/// The note of each of `items`, numbered (siblings share one), by index.
pub(crate) fn note_numbers(items: &[Item<'_>]) -> Vec<usize> {
    let mut notes = Notes::default();
    let mut decks: std::collections::HashMap<&DeckId, usize> = std::collections::HashMap::new();
    items
        .iter()
        .map(|item| {
            let count = decks.len();
            let deck = *decks.entry(item.deck).or_insert(count);
            notes.of(deck, &item.card.id)
        })
        .collect()
}

/// When the first card of `decks` that has been reviewed is due next.
pub(crate) fn next_due(store: &Store, decks: &[&DeckId]) -> anyhow::Result<Option<Timestamp>> {
    let mut next: Option<Timestamp> = None;
    for deck in decks {
        if let Some(due) = store.next_due(deck)? {
            next = Some(next.map_or(due, |n| n.min(due)));
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests;
