//! `quiz decks`: every known deck with its cards, new, and due counts, read from the deck
//! index (brought up to date first), so a deck file that has not changed is not parsed.

use comfy_table::CellAlignment;

use crate::calendar;
use crate::catalog::{self, Refreshed};
use crate::deck::library;
use crate::diagnostic;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;
use crate::store::Store;

pub(crate) fn run(context: &Context) -> anyhow::Result<ExitCode> {
    let settings = context.settings()?;
    let found = library::locate_shown(&[], &context.data_dir, settings.show_bundled)?;
    let mut store = Store::open_to_read(&context.data_dir)?;
    let mut listed = Vec::new();
    let mut failed = Vec::new();
    for refreshed in catalog::refresh(found, &mut store, true)? {
        match refreshed {
            Refreshed::Loaded { id, origin, title } => {
                listed.push((id, title.unwrap_or_default(), origin.label()));
            }
            Refreshed::Failed(report) => failed.push(report),
        }
    }
    let now = context.clock.now();
    let due_now = now;
    let week = calendar::next_day_start(now, &context.clock.tz)
        .checked_add(jiff::SignedDuration::from_hours(24 * 6))
        .unwrap_or(now);

    let mut table = crate::ui::table::new(context);
    table.set_header(vec![
        "deck",
        "title",
        "source",
        "cards",
        "new",
        "due now",
        "due 7 days",
        "leeches",
        "suspended",
    ]);
    let leech_threshold = settings.leech_threshold;
    for (id, title, source) in &listed {
        let all_indexed = store.progress_all_indexed(id)?;
        // New and due count what a session would ask: suspended cards are left out.
        let due_by = |at| -> anyhow::Result<u64> {
            Ok(store
                .indexed_cards_due_by(id, at, all_indexed)?
                .saturating_sub(store.suspended_due_count(id, at)?))
        };
        let new = store
            .new_indexed_card_count(id)?
            .saturating_sub(store.suspended_new_count(id)?);
        table.add_row(vec![
            escape_line(&id.0),
            escape_line(title),
            escape_line(source),
            store.indexed_card_count(id)?.to_string(),
            new.to_string(),
            due_by(due_now)?.to_string(),
            due_by(week)?.to_string(),
            store
                .indexed_cards_lapsed(id, leech_threshold, all_indexed)?
                .to_string(),
            store.suspended_indexed_count(id)?.to_string(),
        ]);
    }
    for column in 3..9 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    crate::outln!("{table}")?;
    for report in &failed {
        let first = report.findings.iter().find(|f| f.is_error());
        if let Some(finding) = first {
            eprintln!(
                "quiz: warning: {} (deck not loaded)",
                diagnostic::one_line(&report.file.display, &report.file.text, finding)
            );
        }
    }
    // Like `quiz start`, a broken deck is reported and skipped; `quiz check` fails on it.
    Ok(ExitCode::Success)
}
