//! `quiz missed`: drill the cards missed lately until each is answered right; the answers
//! are real reviews. `--leeches` lists the cards missed again and again instead.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal as _;

use anyhow::Context as _;

use crate::catalog::Items;
use crate::cli::MissedArgs;
use crate::deck::{CardId, DeckId};
use crate::env::Context;
use crate::exit::ExitCode;
use crate::stats::leeches;
use crate::store::{Misses, Mode};

use crate::catalog::known::Reading;
use crate::study::Setup;
use crate::ui::format::plural;

pub(crate) fn run(args: &MissedArgs, context: &Context) -> anyhow::Result<ExitCode> {
    if args.leeches {
        // A list, not a session: no lock, so it works while one runs.
        let reading = Reading::new(&args.study.decks, context)?;
        return list_leeches(&reading, args.json, context);
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
    let all: Vec<usize> = (0..items.items.len()).collect();
    let mut order = crate::catalog::siblings_apart(&items, &all);
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
        if let Some(reason) = crate::catalog::nothing_to_ask(&decks, &args.study.tags, store)? {
            crate::outln!("Nothing to drill: {reason}.")?;
        } else if window.is_empty() {
            crate::outln!("Nothing missed: no card has been answered wrong yet.")?;
        } else {
            crate::outln!("Nothing missed {window}.")?;
        }
        return Ok(ExitCode::Success);
    }
    let header = format!("Drilling {} missed {window}.", plural(order.len(), "card"));
    study.run(items, order, context, Some(&header))
}

fn list_leeches(reading: &Reading, json: bool, context: &Context) -> anyhow::Result<ExitCode> {
    let threshold = reading.settings.leech_threshold;
    let found = leeches::gather(&reading.store, &reading.decks, &reading.logged, threshold)?;
    if json {
        let text = serde_json::to_string_pretty(&found).context("could not encode the JSON")?;
        crate::outln!("{}", crate::escape::json(&text))?;
    } else if found.is_empty() {
        crate::outln!("No leeches: no card has been missed {threshold} times.")?;
    } else {
        let plain = context.plain || !context.color || !std::io::stdout().is_terminal();
        crate::outln!("{}", leeches::table(&found, plain))?;
    }
    Ok(ExitCode::Success)
}
