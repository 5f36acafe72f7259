//! `quiz start`: due cards first (least likely remembered first), then new cards up to the
//! day's limit.

use super::study::{self, Setup};
use super::{Context, describe_due};
use crate::cli::StartArgs;
use crate::schedule;
use crate::session::{self, Candidate, Plan};
use crate::store::Mode;

pub fn run(args: &StartArgs, context: &Context) -> anyhow::Result<i32> {
    let setup = Setup::new(&args.study, context)?;
    let options = setup.options(Mode::Review);
    let Setup {
        settings,
        loaded,
        mut store,
        scheduler,
        seed,
        presentation,
    } = setup;
    let now = context.clock.now();
    let tz = &context.clock.tz;

    let items = study::items(&loaded.decks, &args.study.tags, &store, presentation, seed)?;
    let day_start = schedule::day_start(now, tz);
    let mut new_seen_today = 0;
    for deck in &loaded.decks {
        new_seen_today += store.new_cards_since(&deck.id, day_start)?;
    }
    let candidates: Vec<Candidate> = items
        .iter()
        .enumerate()
        .map(|(index, item)| Candidate {
            index,
            due: item.state.map(|s| s.due),
            retrievability: item
                .state
                .map_or(0.0, |s| scheduler.retrievability_at(&s, now)),
        })
        .collect();
    let plan = Plan {
        due_before: schedule::next_day_start(now, tz),
        new_limit: args.new_cards.unwrap_or(settings.new_cards_per_day),
        new_seen_today,
        limit: args.study.limit,
        shuffle: args.shuffle.then_some(seed),
    };
    let order = session::order(&candidates, &plan);
    if order.is_empty() {
        println!("Nothing to study now: no cards are due and no new cards are left for today.");
        let decks: Vec<_> = loaded.decks.iter().collect();
        match study::next_due(&store, &decks)? {
            Some(due) => println!("next card due: {}", describe_due(due, now, &context.clock)),
            None => println!("next card due: none yet (raise --new to study more new cards today)"),
        }
        return Ok(0);
    }
    study::run(
        items, order, &options, &mut store, &scheduler, context, None,
    )
}
