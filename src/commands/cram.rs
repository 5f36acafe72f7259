//! `quiz cram`: every chosen card, due or not, shuffled; answers are logged (mode `cram`)
//! but no card's schedule changes, so practising before an exam cannot wreck it.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::catalog::{self, Items};
use crate::cli::CramArgs;
use crate::env::Context;
use crate::exit::ExitCode;
use crate::store::Mode;
use crate::study::Setup;

pub(crate) fn run(args: &CramArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let Setup { decks, mut study } = Setup::new(&args.study, Mode::Cram, context)?;
    let items = Items::matching(
        &decks,
        &args.study.tags,
        &study.store,
        study.presentation,
        &|_, _| true,
    )?;
    if items.items.is_empty() {
        match catalog::nothing_to_ask(&decks, &args.study.tags, &study.store)? {
            Some(reason) => crate::outln!("Nothing to cram: {reason}.")?,
            None => crate::outln!("No cards to cram.")?,
        }
        return Ok(ExitCode::Success);
    }
    let mut order: Vec<usize> = (0..items.items.len()).collect();
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(study.seed));
    let mut order = catalog::siblings_apart(&items, &order);
    if let Some(limit) = args.study.limit {
        order.truncate(limit);
    }
    let header = format!(
        "Cramming {}: answers are logged, schedules are left alone.",
        crate::ui::format::plural(order.len(), "card")
    );
    study.run(items, order, context, Some(&header))
}
