//! `quiz start`: due cards first (least likely remembered first), then new cards up to the
//! day's limit.
//!
//! The cards come from the store's deck index, which answers both questions without
//! reading every card: the due cards through an index on their due time, the new ones in
//! file order through an index of the cards never reviewed.

use jiff::Timestamp;

use super::Context;
use crate::calendar::{self, describe_due};
use crate::cli::StartArgs;
use crate::deck::DeckId;
use crate::schedule::Scheduler;
use crate::session::queue::{self, Candidate, Plan};
use crate::store::{Mode, Store};
use crate::study::{self, Item, Items, Setup};

pub fn run(args: &StartArgs, context: &Context) -> anyhow::Result<i32> {
    let setup = Setup::new(&args.study, context)?;
    let options = setup.options(Mode::Review);
    let Setup {
        settings,
        decks,
        mut store,
        scheduler,
        seed,
        presentation,
        ..
    } = setup;
    let now = context.clock.now();
    let tz = &context.clock.tz;
    let tags = &args.study.tags;

    let day_start = calendar::day_start(now, tz);
    let mut new_seen_today = 0;
    for deck in &decks {
        new_seen_today += store.new_cards_since(deck, day_start)?;
    }
    let plan = Plan {
        due_before: calendar::next_day_start(now, tz),
        new_limit: args.new_cards.unwrap_or(settings.new_cards_per_day),
        new_seen_today,
        limit: args.study.limit,
        shuffle: args.shuffle.then_some(seed),
    };
    let items = pick(&decks, tags, &store, &scheduler, now, &plan)?;
    if args.study.limit == Some(0) {
        crate::outln!("Nothing to study: --limit 0 asks no cards.")?;
        return Ok(0);
    }
    if items.is_empty() {
        crate::outln!(
            "Nothing to study now: no cards are due and no new cards are left for today."
        )?;
        let decks: Vec<_> = decks.iter().collect();
        match study::next_due(&store, &decks)? {
            Some(due) => {
                crate::outln!("next card due: {}", describe_due(due, now, &context.clock))?
            }
            None => crate::outln!(
                "next card due: none yet (raise --new to study more new cards today)"
            )?,
        }
        return Ok(0);
    }
    let order = (0..items.len()).collect();
    let items = Items::new(items, &decks, tags, &store, presentation)?;
    study::run(
        items, order, &options, &mut store, &scheduler, context, None,
    )
}

/// The cards of a session over `decks` (those carrying any of `tags`; all when empty), in
/// the order they are asked: `session::order` over every card, reading only the due cards
/// and the new ones the plan may take — the first ones in file order, or, to shuffle, all
/// of them, whose places are read and only the cards taken.
pub fn pick<'a>(
    decks: &'a [DeckId],
    tags: &[String],
    store: &Store,
    scheduler: &Scheduler,
    now: Timestamp,
    plan: &Plan,
) -> anyhow::Result<Vec<Item<'a>>> {
    let mut due: Vec<Option<Item<'a>>> = Vec::new();
    for deck in decks {
        for (card, state) in store.due_indexed_cards(deck, plan.due_before, tags)? {
            due.push(Some(Item {
                deck,
                card,
                state: Some(state),
            }));
        }
    }
    let mut wanted = match plan.shuffle {
        Some(_) => None,
        None => Some(plan.new_limit.saturating_sub(plan.new_seen_today)),
    };
    let mut new = Vec::new();
    for deck in decks {
        if wanted == Some(0) {
            break;
        }
        let positions = store.new_indexed_positions(deck, tags, wanted)?;
        wanted = wanted.map(|w| w.saturating_sub(positions.len()));
        new.extend(positions.into_iter().map(|position| (deck, position)));
    }

    // Candidates in file order, as `session::order` wants them: due cards, then new cards
    // (cards neither due nor new play no part).
    let mut candidates = Vec::with_capacity(due.len() + new.len());
    for state in due.iter().flatten().filter_map(|item| item.state) {
        candidates.push(Candidate {
            index: candidates.len(),
            due: Some(state.due),
            retrievability: scheduler.retrievability_at(&state, now),
        });
    }
    for _ in &new {
        candidates.push(Candidate {
            index: candidates.len(),
            due: None,
            retrievability: 0.0,
        });
    }
    let mut items = Vec::new();
    for index in queue::order(&candidates, plan) {
        let item = match due.get_mut(index) {
            Some(item) => item.take(),
            None => {
                let (deck, position) = new[index - due.len()];
                store
                    .indexed_card_at(deck, position)?
                    .map(|(card, state)| Item { deck, card, state })
            }
        };
        items.push(item.ok_or_else(|| anyhow::anyhow!("the deck index changed during the start"))?);
    }
    Ok(items)
}
