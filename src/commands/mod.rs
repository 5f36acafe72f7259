//! One file per subcommand, each a short composition of the library modules.

pub mod add;
pub mod check;
pub mod cram;
pub mod decks;
pub mod derive;
pub mod export;
pub mod history;
pub mod import;
pub mod missed;
pub mod new;
pub mod optimize;
pub mod start;
pub mod stats;

use crate::schedule::Scheduler;
use crate::store::Store;

/// The scheduler with the learner's fitted parameters when `quiz optimize` stored some.
pub fn scheduler(store: &Store, desired_retention: f32) -> anyhow::Result<Scheduler> {
    let parameters = saved_parameters(store)?;
    Ok(Scheduler::new(parameters.as_deref(), desired_retention)?)
}

/// The parameters `quiz optimize` saved, when they are usable. Damaged ones must not stop a
/// learner from studying: they are reported and the defaults stand in.
pub fn saved_parameters(store: &Store) -> anyhow::Result<Option<Vec<f32>>> {
    let Some(text) = store.meta(optimize::PARAMETERS_KEY)? else {
        return Ok(None);
    };
    let usable = serde_json::from_str::<Vec<f32>>(&text)
        .ok()
        .filter(|parameters| {
            Scheduler::new(Some(parameters), Scheduler::DEFAULT_RETENTION).is_ok()
        });
    if usable.is_none() {
        eprintln!(
            "quiz: warning: the scheduler parameters saved in {} are damaged; using the \
             defaults until `quiz optimize` saves new ones",
            store.path().display()
        );
    }
    Ok(usable)
}
