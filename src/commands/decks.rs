//! `quiz decks`: every known deck with its cards, new, and due counts.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{CellAlignment, Table};

use crate::calendar;
use crate::deck::library;
use crate::diagnostic;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;
use crate::store::Store;

pub fn run(context: &Context) -> anyhow::Result<ExitCode> {
    let files = library::all_files(&context.data_dir)?;
    let loaded = library::load(files);
    let store = Store::open(&context.data_dir)?;
    let now = context.clock.now();
    let due_now = now;
    let week = calendar::next_day_start(now, &context.clock.tz)
        .checked_add(jiff::SignedDuration::from_hours(24 * 6))
        .unwrap_or(now);

    let mut table = Table::new();
    table.load_style(if context.plain || !context.color {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    });
    table.set_header(vec![
        "deck",
        "title",
        "source",
        "cards",
        "new",
        "due now",
        "due 7 days",
        "leeches",
    ]);
    let leech_threshold = context.settings()?.leech_threshold;
    for deck in &loaded.decks {
        let states = store.card_states(&deck.id)?;
        let new = deck
            .cards
            .iter()
            .filter(|c| !states.contains_key(&c.id))
            .count();
        let in_deck = |before| {
            deck.cards
                .iter()
                .filter(|c| states.get(&c.id).is_some_and(|s| s.due <= before))
                .count()
        };
        table.add_row(vec![
            escape_line(&deck.id.0),
            escape_line(&deck.title),
            escape_line(&deck.origin.label()),
            deck.cards.len().to_string(),
            new.to_string(),
            in_deck(due_now).to_string(),
            in_deck(week).to_string(),
            deck.cards
                .iter()
                .filter(|c| {
                    states
                        .get(&c.id)
                        .is_some_and(|s| s.lapses >= leech_threshold)
                })
                .count()
                .to_string(),
        ]);
    }
    for column in 3..8 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    crate::outln!("{table}")?;
    for report in loaded.failed() {
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
