//! `quiz missed`: drill the cards missed lately until each is answered right; the answers
//! are real reviews. `--leeches` lists the cards missed again and again instead.

use std::collections::{HashMap, HashSet};

use crate::catalog::Items;
use crate::cli::MissedArgs;
use crate::deck::{CardId, DeckId};
use crate::env::Context;
use crate::exit::ExitCode;
use crate::store::{Misses, Mode, Store};

use crate::escape::escape_line;
use crate::study::{Reading, Setup};
use crate::ui::format::plural;

pub(crate) fn run(args: &MissedArgs, context: &Context) -> anyhow::Result<ExitCode> {
    if args.leeches {
        // A list, not a session: no lock, so it works while one runs.
        let Reading {
            decks,
            store,
            settings,
        } = Reading::new(&args.study.decks, context)?;
        return list_leeches(&decks, &store, settings.leech_threshold);
    }
    let Setup { decks, mut study } = Setup::new(&args.study, Mode::Missed, context)?;
    let store = &study.store;
    let now = context.clock.now();
    let misses = match args.since {
        Some(window) => {
            let since = now.checked_sub(window).unwrap_or(jiff::Timestamp::MIN);
            store.missed_since(&decks, since)?
        }
        None => store.missed_in_latest_session(&decks)?,
    };
    let Misses {
        cards,
        session_started,
    } = misses;
    let mut missed: HashMap<DeckId, HashSet<CardId>> = HashMap::new();
    for (deck, card) in cards {
        missed.entry(deck).or_default().insert(card);
    }
    let items = Items::matching(
        &decks,
        &args.study.tags,
        store,
        study.presentation,
        &|deck, card| {
            missed
                .get(deck)
                .is_some_and(|cards| cards.contains(&card.id))
        },
    )?;
    let mut order: Vec<usize> = (0..items.items.len()).collect();
    if let Some(limit) = args.study.limit {
        order.truncate(limit);
    }
    let window = match (args.since, session_started) {
        (Some(window), _) => format!("in the last {}", crate::calendar::describe_window(window)),
        (None, Some(started)) => format!(
            "in the session of {}",
            crate::calendar::describe_instant(started, &context.clock)
        ),
        (None, None) => String::new(),
    };
    if order.is_empty() {
        if window.is_empty() {
            crate::outln!("Nothing missed: no card has been answered wrong yet.")?;
        } else {
            crate::outln!("Nothing missed {window}.")?;
        }
        return Ok(ExitCode::Success);
    }
    let header = format!("Drilling {} missed {window}.", plural(order.len(), "card"));
    study.run(items, order, context, Some(&header))
}

fn list_leeches(decks: &[DeckId], store: &Store, threshold: u32) -> anyhow::Result<ExitCode> {
    let mut found = 0;
    for deck in decks {
        for (card, state) in store.indexed_leeches(deck, threshold)? {
            found += 1;
            crate::outln!(
                "{}/{}\t{} lapses\t{}",
                escape_line(&deck.0),
                escape_line(&card.id.0),
                state.lapses,
                escape_line(&card.question.text())
            )?;
        }
    }
    if found == 0 {
        crate::outln!("No leeches: no card has been missed {threshold} times.")?;
    }
    Ok(ExitCode::Success)
}
