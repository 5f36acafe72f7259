//! `quiz cram`: every chosen card, due or not, shuffled; answers are logged (mode `cram`)
//! but no card's schedule changes, so practising before an exam cannot wreck it.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use super::study::{self, Options};
use super::{Context, load_decks, scheduler};
use crate::cli::CramArgs;
use crate::store::{Mode, Store};

pub fn run(args: &CramArgs, context: &Context) -> anyhow::Result<i32> {
    let settings = context.settings()?;
    let loaded = load_decks(&args.study.decks, context)?;
    let mut store = Store::open(&context.data_dir)?;
    let scheduler = scheduler(&store, settings.desired_retention)?;
    let seed = args
        .study
        .seed
        .unwrap_or_else(|| context.clock.now().as_second().unsigned_abs());
    let presentation = args.study.mode.unwrap_or(settings.mode);
    let items = study::items(&loaded.decks, &args.study.tags, &store, presentation, seed)?;
    if items.is_empty() {
        println!(
            "No cards to cram{}.",
            if args.study.tags.is_empty() {
                ""
            } else {
                " with those tags"
            }
        );
        return Ok(0);
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    if let Some(limit) = args.study.limit {
        order.truncate(limit);
    }
    let options = Options {
        mode: Mode::Cram,
        presentation,
        seed,
        leech_threshold: settings.leech_threshold,
    };
    let header = format!(
        "Cramming {} cards: answers are logged, schedules are left alone.",
        order.len()
    );
    study::run(
        items,
        order,
        &options,
        &mut store,
        &scheduler,
        context,
        Some(&header),
    )
}
