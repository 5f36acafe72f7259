//! One file per subcommand, each a short composition of the library modules.

pub mod add;
pub mod check;
pub mod cram;
pub mod decks;
pub mod derive;
pub mod export;
pub mod history;
pub mod import;
pub mod missed;
pub mod new;
pub mod optimize;
pub mod start;
pub mod stats;

use std::path::{Path, PathBuf};

use crate::config::Clock;
use crate::deck::diagnostic;
use crate::deck::library::{self, Loaded, Located, Report};
use crate::deck::parse::{self, Checks};
use crate::deck::{DeckId, Finding};
use crate::schedule::Scheduler;
use crate::store::Store;
use crate::store::deck_index::{self, IndexEntry, Stamp};

/// What every command gets from `run`: the environment, already read.
pub struct Context {
    pub data_dir: PathBuf,
    pub clock: Clock,
    pub plain: bool,
    pub color: bool,
    pub interactive: bool,
    /// Where `config.toml` is looked for (read only by the commands that use settings).
    pub config_path: Option<PathBuf>,
}

impl Context {
    pub fn settings(&self) -> anyhow::Result<crate::config::Settings> {
        crate::config::load_settings(self.config_path.as_deref(), self.color)
    }
}

/// Loads the named decks (or all), printing what stopped any of them from loading. Warnings
/// are not shown here, so they are not looked for.
pub fn load_decks(names: &[String], context: &Context) -> anyhow::Result<Loaded> {
    let files = library::resolve(names, &context.data_dir)?;
    let loaded = library::load_with(files, Checks::Errors);
    print_failures(&loaded.reports, context);
    if loaded.decks.is_empty() {
        anyhow::bail!("no deck could be loaded");
    }
    Ok(loaded)
}

/// Brings the store's index of the decks up to date and returns those that load, printing
/// what stopped the others, as [`load_decks`] does. A deck file is not read when the file
/// system vouches it has not changed since it was indexed (see [`Stamp::vouches_for`]), nor
/// parsed when its text is the one indexed; one that changed is parsed straight into the
/// index, so its cards are never all held at once.
pub fn index_decks(
    decks: Vec<Located>,
    context: &Context,
    store: &mut Store,
) -> anyhow::Result<Vec<DeckId>> {
    let mut loaded = Vec::new();
    let mut reports = Vec::new();
    for deck in decks {
        let entry = store
            .deck_index_entry(&deck.id)?
            .filter(IndexEntry::current);
        let stamp = deck.unread_path().and_then(stamp);
        if let (Some(entry), Some(stamp)) = (&entry, &stamp)
            && entry
                .stamp
                .as_ref()
                .is_some_and(|old| old.vouches_for(stamp))
        {
            loaded.push(deck.id);
            continue;
        }
        let file = deck.read();
        if file.unreadable.is_some() {
            let findings = library::parse_file_with(&file, Checks::Errors).findings;
            reports.push(Report { file, findings });
            continue;
        }
        let key = deck_index::key(&file.text);
        if entry.is_some_and(|entry| entry.key == key) {
            store.restamp_deck_index(&file.id, stamp.as_ref())?;
            loaded.push(file.id);
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
        if parsed.deck.is_some() {
            indexer.finish(&key, stamp.as_ref())?;
            loaded.push(file.id.clone());
        }
        if !parsed.findings.is_empty() {
            reports.push(Report {
                file,
                findings: parsed.findings,
            });
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

fn print_failures(reports: &[Report], context: &Context) {
    for report in reports
        .iter()
        .filter(|r| r.findings.iter().any(Finding::is_error))
    {
        for finding in report.findings.iter().filter(|f| f.is_error()) {
            eprintln!(
                "{}",
                diagnostic::render(
                    &report.file.display,
                    &report.file.text,
                    finding,
                    context.color
                )
            );
        }
        eprintln!(
            "quiz: warning: skipped deck `{}`: it has errors (see above)",
            crate::text::escape_line(&report.file.id.0)
        );
    }
}

/// The scheduler with the learner's fitted parameters when `quiz optimize` stored some.
pub fn scheduler(store: &Store, desired_retention: f32) -> anyhow::Result<Scheduler> {
    let parameters = saved_parameters(store)?;
    Ok(Scheduler::new(parameters.as_deref(), desired_retention)?)
}

/// The parameters `quiz optimize` saved, when they are usable. Damaged ones must not stop a
/// learner from studying: they are reported and the defaults stand in.
pub fn saved_parameters(store: &Store) -> anyhow::Result<Option<Vec<f32>>> {
    let Some(text) = store.meta(optimize::PARAMETERS_KEY)? else {
        return Ok(None);
    };
    let usable = serde_json::from_str::<Vec<f32>>(&text)
        .ok()
        .filter(|parameters| {
            Scheduler::new(Some(parameters), Scheduler::DEFAULT_RETENTION).is_ok()
        });
    if usable.is_none() {
        eprintln!(
            "quiz: warning: the scheduler parameters saved in {} are damaged; using the \
             defaults until `quiz optimize` saves new ones",
            store.path().display()
        );
    }
    Ok(usable)
}

#[cfg(test)]
mod index_tests;
