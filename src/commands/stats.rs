//! `quiz stats`: the decks asked for (or every deck, and every deck with history), the
//! report on them from [`crate::stats`], printed as text or (with `--json`) as one JSON
//! document.

use std::io::Write as _;

use anyhow::Context as _;

use crate::catalog::{self, Known, Refreshed};
use crate::cli::StatsArgs;
use crate::deck::DeckId;
use crate::deck::library::Report;
use crate::diagnostic;
use crate::env::Context;
use crate::exit::ExitCode;
use crate::schedule::Scheduler;
use crate::stats::{self, Chosen};
use crate::store::Store;
use crate::ui;

pub(crate) fn run(args: &StatsArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_to_read(&context.data_dir)?;
    let (chosen, filter) = choose(&args.decks, &mut store, context)?;
    // Retrievability depends on the parameters only, not on the desired retention.
    let scheduler =
        crate::schedule::parameters::scheduler(&store, Scheduler::DEFAULT_RETENTION, ui::warn)?;
    let report = stats::gather(
        &store,
        &chosen,
        filter.as_deref(),
        &context.clock,
        &scheduler,
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string_pretty(&report).context("could not encode the JSON")?;
        writeln!(out, "{}", crate::escape::json(&json))?;
    } else {
        let styled = context.color && context.stdout_terminal;
        write!(
            out,
            "{}",
            stats::render::render(&report, ui::table::Layout::of(context), styled)
        )?;
    }
    Ok(ExitCode::Success)
}

/// The decks named (or every deck found, and every deck with history); a deck that is
/// only in the log (an imported history, a deleted file) is still reported. The filter
/// is `None` when every deck counts. The deck index is brought up to date for the decks
/// that load, whose cards the report reads from it.
fn choose(
    names: &[String],
    store: &mut Store,
    context: &Context,
) -> anyhow::Result<(Vec<Chosen>, Option<Vec<DeckId>>)> {
    let mut files = Vec::new();
    let mut order = Vec::new();
    let settings = context.settings()?;
    let folders = context.deck_folders(&settings);
    for known in catalog::known::choose(names, &folders, store, settings.show_bundled)? {
        order.push(known.id().clone());
        match known {
            Known::File(file) => files.push(file),
            Known::Logged(_) => {}
        }
    }
    // A deck that does not load keeps its place, without a title: its history still counts.
    let mut titles = std::collections::HashMap::new();
    for refreshed in catalog::refresh(files, store, true)? {
        match refreshed {
            Refreshed::Loaded { id, title, .. } => {
                titles.insert(id, title);
            }
            Refreshed::Failed(report) => warn(&report),
        }
    }
    let chosen: Vec<Chosen> = order
        .into_iter()
        .map(|id| Chosen {
            title: titles.remove(&id).flatten(),
            id,
        })
        .collect();
    // Hidden bundled decks' reviews stay out of the totals too.
    let filter = (!names.is_empty() || !settings.show_bundled)
        .then(|| chosen.iter().map(|c| c.id.clone()).collect());
    Ok((chosen, filter))
}

/// A deck that does not load is named in one line: its history is still counted.
fn warn(report: &Report) {
    if let Some(finding) = report.findings.iter().find(|f| f.is_error()) {
        eprintln!(
            "quiz: warning: {} (deck not loaded; its history is still counted)",
            diagnostic::one_line(&report.file.display, &report.file.text, finding)
        );
    }
}
