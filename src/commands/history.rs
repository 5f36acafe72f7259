//! `quiz history export` and `quiz history import`: the review log out to a CSV file and in
//! from one (the format is `interchange::review_log`).
//!
//! An import replays each touched card's whole history with [`replayer`], the same
//! `Scheduler::review` a live answer goes through, so imported cards are scheduled exactly
//! as if they had been studied here.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::Context as _;
use jiff::tz::TimeZone;

use crate::cli::HistoryCommand;
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::files;
use crate::interchange::review_log::{read_log, write_log};
use crate::schedule::Scheduler;
use crate::store::log::{ImportOutcome, Replay};
use crate::store::{Review, Store};
use crate::ui;
use crate::ui::format::plural;

pub(crate) fn run(command: &HistoryCommand, context: &Context) -> anyhow::Result<ExitCode> {
    match command {
        HistoryCommand::Export { output } => export(output.as_deref(), context),
        HistoryCommand::Import { file } => import(file, context),
    }
}

/// [`Scheduler::replay`] shaped for the store's rebuilds.
pub(crate) fn replayer<'a>(scheduler: &'a Scheduler, tz: &'a TimeZone) -> Box<Replay<'a>> {
    Box::new(move |log| scheduler.replay(log, tz))
}

/// Appends the reviews `read` hands over to the log (leaving out those it holds) and replays
/// every card they touch: the one path by which any outside history comes in (`quiz history
/// import`, an Anki package's review log). Streamed: each review goes into the store as it
/// is handed over, in one transaction that an error further on undoes. The caller holds the
/// data directory's lock.
pub(crate) fn import_into(
    store: &mut Store,
    context: &Context,
    read: impl FnOnce(&mut dyn FnMut(&Review<'_>) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<ImportOutcome> {
    let settings = context.settings()?;
    let scheduler = crate::schedule::parameters::note_retention_and_scheduler(
        store,
        &settings,
        context.clock.now(),
        ui::warn,
    )?;
    let mut import = store.begin_import()?;
    read(&mut |review| Ok(import.add(review)?))?;
    Ok(import.finish(&mut *replayer(&scheduler, &context.clock.tz))?)
}

fn export(output: Option<&Path>, context: &Context) -> anyhow::Result<ExitCode> {
    let store = Store::open_to_read(&context.data_dir)?;
    match output {
        None if std::io::stdout().is_terminal() => {
            // Deck and card names come from files and imports: escape them for a terminal.
            let log = write_log(&store, Vec::new()).context("could not write the review log")?;
            crate::out!("{}", escape_control(&String::from_utf8_lossy(&log)))?;
        }
        None => {
            let stdout = std::io::stdout().lock();
            drop(write_log(&store, stdout).context("could not write the review log")?);
        }
        Some(path) => {
            // Never over an existing file: `-o` pointed at the wrong place must not destroy it.
            files::create_new(path, |file| {
                write_log(&store, file)
                    .map(drop)
                    .map_err(|e| std::io::Error::other(format!("{e:#}")))
            })?;
        }
    }
    Ok(ExitCode::Success)
}

fn import(file: &Path, context: &Context) -> anyhow::Result<ExitCode> {
    let _lock = crate::store::lock::acquire(&context.data_dir)?;
    let input = crate::input::open(file, crate::input::Input::History)
        .map(std::io::BufReader::new)
        .with_context(|| format!("could not read {}", file.display()))?;
    let deck = file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.trim().is_empty());
    let mut store = Store::open(&context.data_dir)?;
    let outcome = import_into(&mut store, context, |add| {
        read_log(input, deck.as_deref(), |review| add(&review.review()))
    })
    .with_context(|| format!("could not import {}", file.display()))?;
    // The import is saved by now: a config that cannot be read only skips the sync.
    if let Ok(settings) = context.settings() {
        crate::ui::sync_report::automatic(
            crate::sync::automatic(&mut store, &settings, context).as_ref(),
        );
    }
    let decks = if outcome.decks.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = outcome
            .decks
            .iter()
            .map(|d| crate::escape::escape_line(d))
            .collect();
        format!(" into {}", names.join(", "))
    };
    crate::outln!(
        "added {}{decks}, skipped {} already in the log; rescheduled {}",
        plural(outcome.added, "review"),
        outcome.skipped,
        plural(outcome.cards, "card")
    )?;
    Ok(ExitCode::Success)
}
