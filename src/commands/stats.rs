//! `quiz stats`: the decks asked for (or every deck, and every deck with history), the
//! report on them from [`crate::stats`], printed as text or (with `--json`) as one JSON
//! document.

use std::io::Write as _;

use anyhow::Context as _;

use crate::catalog::{self, Refreshed};
use crate::cli::StatsArgs;
use crate::deck::library::{self, LibraryError, Report};
use crate::deck::{DeckId, Origin};
use crate::diagnostic;
use crate::env::Context;
use crate::escape::escape_line;
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
        writeln!(out, "{json}")?;
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
    let logged = store.reviewed_decks()?;
    let mut chosen: Vec<Chosen> = Vec::new();
    let add = |chosen: &mut Vec<Chosen>, refreshed: Refreshed| {
        let (id, title) = match refreshed {
            Refreshed::Loaded { id, title, .. } => (id, title),
            Refreshed::Failed(report) => {
                warn(&report);
                (report.file.id, None)
            }
        };
        if !chosen.iter().any(|c| c.id == id) {
            chosen.push(Chosen { id, title });
        }
    };
    let only_logged = |chosen: &mut Vec<Chosen>, id: DeckId| {
        if !chosen.iter().any(|c| c.id == id) {
            chosen.push(Chosen { id, title: None });
        }
    };
    let show_bundled = context.settings()?.show_bundled;
    if names.is_empty() {
        let (bundled, found): (Vec<_>, Vec<_>) = library::locate(&[], &context.data_dir)?
            .into_iter()
            .partition(|deck| deck.origin == Origin::Bundled);
        let bundled: Vec<DeckId> = if show_bundled {
            for refreshed in catalog::refresh(bundled, store, true)? {
                add(&mut chosen, refreshed);
            }
            Vec::new()
        } else {
            bundled.into_iter().map(|deck| deck.id).collect()
        };
        for refreshed in catalog::refresh(found, store, true)? {
            add(&mut chosen, refreshed);
        }
        for id in logged {
            if show_bundled || !bundled.contains(&id) {
                only_logged(&mut chosen, id);
            }
        }
        if !show_bundled {
            // The bundled decks' reviews stay out of the totals too.
            let filter = chosen.iter().map(|c| c.id.clone()).collect();
            return Ok((chosen, Some(filter)));
        }
    } else {
        for name in names {
            match library::locate(std::slice::from_ref(name), &context.data_dir) {
                Ok(found) => {
                    for refreshed in catalog::refresh(found, store, true)? {
                        add(&mut chosen, refreshed);
                    }
                }
                Err(LibraryError::Unknown { known, .. }) => {
                    let id = DeckId(name.clone());
                    if !logged.contains(&id) {
                        let mut known = vec![known];
                        known.extend(logged.iter().map(|d| escape_line(&d.0)));
                        anyhow::bail!(
                            "no deck named `{}`; known decks: {}",
                            escape_line(name),
                            known.join(", ")
                        );
                    }
                    only_logged(&mut chosen, id);
                }
                Err(error) => return Err(error.into()),
            }
        }
    }
    let filter = (!names.is_empty()).then(|| chosen.iter().map(|c| c.id.clone()).collect());
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
