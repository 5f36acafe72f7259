//! `quiz stats`: the decks asked for (or every deck, and every deck with history), the
//! report on them from [`crate::stats`], printed as text or (with `--json`) as one JSON
//! document.

use std::collections::HashMap;
use std::io::{IsTerminal, Write as _};

use anyhow::Context as _;

use super::Context;
use crate::cli::StatsArgs;
use crate::deck::library::{self, LibraryError};
use crate::deck::{Deck, DeckId, diagnostic};
use crate::schedule::Scheduler;
use crate::stats::{self, Chosen};
use crate::store::Store;
use crate::text::escape_line;

pub fn run(args: &StatsArgs, context: &Context) -> anyhow::Result<i32> {
    let store = Store::open(&context.data_dir)?;
    let (chosen, filter) = choose(&args.decks, &store, context)?;
    // Retrievability depends on the parameters only, not on the desired retention.
    let scheduler = super::scheduler(&store, Scheduler::DEFAULT_RETENTION)?;
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
        let styled = context.color && std::io::stdout().is_terminal();
        write!(
            out,
            "{}",
            stats::render::render(&report, context.plain || !styled, styled)
        )?;
    }
    Ok(0)
}

/// The decks named (or every deck found, and every deck with history); a deck that is
/// only in the log (an imported history, a deleted file) is still reported. The filter
/// is `None` when every deck counts.
fn choose(
    names: &[String],
    store: &Store,
    context: &Context,
) -> anyhow::Result<(Vec<Chosen>, Option<Vec<DeckId>>)> {
    let logged = store.reviewed_decks()?;
    let mut chosen: Vec<Chosen> = Vec::new();
    let add = |chosen: &mut Vec<Chosen>, id: DeckId, deck: Option<Deck>| {
        if !chosen.iter().any(|c| c.id == id) {
            chosen.push(Chosen { id, deck });
        }
    };
    if names.is_empty() {
        for (id, deck) in load(library::all_files(&context.data_dir)?) {
            add(&mut chosen, id, deck);
        }
        for id in logged {
            add(&mut chosen, id, None);
        }
        return Ok((chosen, None));
    }
    for name in names {
        match library::resolve(std::slice::from_ref(name), &context.data_dir) {
            Ok(files) => {
                for (id, deck) in load(files) {
                    add(&mut chosen, id, deck);
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
                add(&mut chosen, id, None);
            }
            Err(error) => return Err(error.into()),
        }
    }
    let filter = chosen.iter().map(|c| c.id.clone()).collect();
    Ok((chosen, Some(filter)))
}

/// Parses deck files, warning about the ones that do not load (their history still counts).
fn load(files: Vec<library::DeckFile>) -> Vec<(DeckId, Option<Deck>)> {
    let ids: Vec<DeckId> = files.iter().map(|f| f.id.clone()).collect();
    let loaded = library::load(files);
    for report in loaded.failed() {
        if let Some(finding) = report.findings.iter().find(|f| f.is_error()) {
            eprintln!(
                "quiz: warning: {} (deck not loaded; its history is still counted)",
                diagnostic::one_line(&report.file.display, &report.file.text, finding)
            );
        }
    }
    let mut decks: HashMap<DeckId, Deck> = loaded
        .decks
        .into_iter()
        .map(|deck| (deck.id.clone(), deck))
        .collect();
    ids.into_iter()
        .map(|id| {
            let deck = decks.remove(&id);
            (id, deck)
        })
        .collect()
}
