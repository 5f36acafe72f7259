//! `quiz decks`: every known deck with its cards, new, and due counts, read from the deck
//! index (brought up to date first), so a deck file that has not changed is not parsed;
//! a table that fits the terminal, or (`--json`) one JSON document.

use anyhow::Context as _;
use serde::Serialize;

use crate::calendar;
use crate::catalog::{self, Known, Refreshed};
use crate::cli::DecksArgs;
use crate::diagnostic;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;
use crate::store::Store;
use crate::ui::table::{Layout, Report};

/// One deck's line of the list; in the JSON as it is named here.
#[derive(Serialize)]
struct Listed {
    deck: String,
    title: String,
    /// Bundled, the user folder or a path; a deck's own `source` is where its facts come from.
    from: String,
    cards: u64,
    /// New and due leave the suspended cards out: they count what a session would ask.
    new: u64,
    due_now: u64,
    due_7_days: u64,
    leeches: u64,
    suspended: u64,
}

#[derive(Serialize)]
struct Document {
    decks: Vec<Listed>,
}

pub(crate) fn run(args: &DecksArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let settings = context.settings()?;
    let mut store = Store::open_to_read(&context.data_dir)?;
    // The known decks, as every command sees them: deck files, then decks known only from
    // their history (their cards have progress and no deck file, so none is new).
    let mut found = Vec::new();
    let mut logged = Vec::new();
    for known in catalog::known::choose(
        &[],
        &context.deck_folders(&settings),
        &store,
        settings.show_bundled,
    )? {
        match known {
            Known::File(file) => found.push(file),
            Known::Logged(id) => logged.push(id),
        }
    }
    let mut loaded = Vec::new();
    let mut failed = Vec::new();
    for refreshed in catalog::refresh(found, &mut store, true)? {
        match refreshed {
            Refreshed::Loaded { id, origin, title } => {
                loaded.push((id, title.unwrap_or_default(), origin.label()));
            }
            Refreshed::Failed(report) => failed.push(report),
        }
    }
    let now = context.clock.now();
    let week = calendar::next_day_start(now, &context.clock.tz)
        .checked_add(jiff::SignedDuration::from_hours(24 * 6))
        .unwrap_or(now);
    let mut listed = Vec::with_capacity(loaded.len() + logged.len());
    for id in logged {
        // Every card with progress is due before the end of time.
        let (due_now, cards) = store.indexed_cards_due_by(&id, now, jiff::Timestamp::MAX, true)?;
        let (_, due_7_days) = store.indexed_cards_due_by(&id, now, week, true)?;
        listed.push(Listed {
            cards,
            new: 0,
            due_now,
            due_7_days,
            leeches: store.indexed_cards_lapsed(&id, settings.leech_threshold, true)?,
            suspended: 0,
            deck: id.0,
            title: String::new(),
            from: "history only".to_string(),
        });
    }
    let logged = std::mem::take(&mut listed);
    for (id, title, source) in loaded {
        let counts = store.indexed_deck_counts(&id, now, week, settings.leech_threshold)?;
        listed.push(Listed {
            cards: counts.cards,
            new: counts.new,
            due_now: counts.due_now,
            due_7_days: counts.due_7_days,
            leeches: counts.leeches,
            suspended: counts.suspended,
            deck: id.0,
            title,
            from: source,
        });
    }
    // The deck files first, as before; then the decks known from their history.
    listed.extend(logged);

    if args.json {
        let json = serde_json::to_string_pretty(&Document { decks: listed })
            .context("could not encode the JSON")?;
        crate::outln!("{json}")?;
    } else {
        let mut table = Report::new(&[
            "deck",
            "title",
            "from",
            "cards",
            "new",
            "due now",
            "due 7 days",
            "leeches",
            "suspended",
        ])
        .numeric(3..9)
        .optional(2);
        for deck in &listed {
            table.row(vec![
                escape_line(&deck.deck),
                escape_line(&deck.title),
                escape_line(&deck.from),
                deck.cards.to_string(),
                deck.new.to_string(),
                deck.due_now.to_string(),
                deck.due_7_days.to_string(),
                deck.leeches.to_string(),
                deck.suspended.to_string(),
            ]);
        }
        crate::outln!("{}", table.render(Layout::of(context)))?;
    }
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
