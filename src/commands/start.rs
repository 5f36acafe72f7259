//! `quiz start`: due cards first (least likely remembered first), then new cards up to the
//! day's limit.
//!
//! The cards come from the store's deck index, which answers both questions without
//! reading every card: the due cards through an index on their due time and recall, the
//! new ones in file order through an index of the cards never reviewed. They are read a
//! page at a time as the session reaches them (see `catalog::Pages`).

use crate::calendar;
use crate::catalog::{self, Items, PAGE, Pages};
use crate::cli::StartArgs;
use crate::env::Context;
use crate::exit::ExitCode;
use crate::session::queue::Plan;
use crate::store::Mode;
use crate::study::{Setup, Study};
use crate::ui::format::describe_next;

pub(crate) fn run(args: &StartArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let Setup { decks, mut study } = Setup::new(&args.study, Mode::Review, context)?;
    let Study {
        settings,
        store,
        seed,
        ..
    } = &study;
    let now = context.clock.now();
    let tz = &context.clock.tz;
    let tags = &args.study.tags;

    let day_start = calendar::day_start(now, tz);
    // Each deck has its own allowance: a large deck does not starve a small one.
    let mut new_seen_today = Vec::with_capacity(decks.len());
    for deck in &decks {
        new_seen_today.push(store.new_cards_since(deck, day_start)?);
    }
    let plan = Plan {
        due_before: calendar::next_day_start(now, tz),
        day_start,
        new_limit: args.new_cards.unwrap_or(settings.new_cards_per_day),
        new_seen_today,
        limit: args.study.limit,
        shuffle: args.shuffle.then_some(*seed),
    };
    let pages = Pages::new(&decks, tags, store, now, &plan, PAGE)?;
    if args.study.limit == Some(0) {
        crate::outln!("Nothing to study: --limit 0 asks no cards.")?;
        return Ok(ExitCode::Success);
    }
    if pages.total() == 0 {
        if let Some(reason) = catalog::nothing_to_ask(&decks, tags, store)? {
            crate::outln!("Nothing to study: {reason}.")?;
            return Ok(ExitCode::Success);
        }
        crate::outln!(
            "Nothing to study now: no cards are due and no new cards are left for today."
        )?;
        let decks: Vec<_> = decks.iter().collect();
        let next = catalog::next_due(store, &decks)?;
        crate::outln!(
            "next card due: {}",
            describe_next(next, now, &context.clock)
        )?;
        // Said only when the daily limit is what holds back a deck's new cards.
        let mut new_left = false;
        for (number, deck) in decks.iter().enumerate() {
            let seen = plan.new_seen_today.get(number).copied().unwrap_or(0);
            new_left |=
                plan.new_limit.saturating_sub(seen) == 0 && store.new_indexed_card_count(deck)? > 0;
        }
        if new_left {
            crate::outln!("New cards are left: raise --new to study more of them today.")?;
        }
        return Ok(ExitCode::Success);
    }
    let order = (0..pages.total()).collect();
    let items = Items::paged(pages, &decks, tags, store, study.presentation)?;
    study.run(items, order, context, None)
}
