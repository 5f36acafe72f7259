//! The learner's own FSRS parameters, kept in the store's `meta` table once `quiz optimize`
//! has fitted some. Every command that schedules reads them here, so damaged ones are met
//! the same way everywhere: reported, with the defaults standing in, since a broken fit
//! must never stop a learner from studying. Saving them reschedules every card in the same
//! transaction, so the card rows never describe one set of parameters while `meta` holds
//! another.

use anyhow::Context as _;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::Scheduler;
use crate::settings::Settings;
use crate::store::Store;

/// The `meta` key the scheduler's parameters are kept under.
const PARAMETERS_KEY: &str = "fsrs_parameters";

/// The scheduler with the learner's fitted parameters when `quiz optimize` stored some, and
/// the desired retention's changes of every device (`desired_retention` holds when there
/// are none); `warn` receives the warning about damaged parameters (see [`saved`]).
pub(crate) fn scheduler(
    store: &Store,
    desired_retention: f32,
    warn: impl FnOnce(String),
) -> anyhow::Result<Scheduler> {
    let parameters = saved(store, warn)?;
    Ok(Scheduler::new(parameters.as_deref(), desired_retention)?
        .with_retention_changes(store.retention_changes()?))
}

/// Records a change of the config file's `desired_retention` as this device's event (see
/// [`super::retention::note`]), then gives the [`scheduler`] with it: the one every command
/// that writes card rows schedules with, since a row written before the change is recorded
/// would not be the replay of the log that every device computes.
pub(crate) fn note_retention_and_scheduler(
    store: &mut Store,
    settings: &Settings,
    now: Timestamp,
    warn: impl FnOnce(String),
) -> anyhow::Result<Scheduler> {
    super::retention::note(store, settings, now)?;
    scheduler(store, settings.desired_retention, warn)
}

/// The parameters `quiz optimize` saved, when they are usable. Damaged ones must not stop a
/// learner from studying: `warn` receives the words for them (the same in every command
/// that schedules; the caller shows them) and the defaults stand in.
pub(crate) fn saved(store: &Store, warn: impl FnOnce(String)) -> anyhow::Result<Option<Vec<f32>>> {
    let Some(text) = store.meta(PARAMETERS_KEY)? else {
        return Ok(None);
    };
    let usable = usable(&text);
    if usable.is_none() {
        warn(format!(
            "the scheduler parameters saved in {} are damaged; using the defaults until \
             `quiz optimize` saves new ones",
            store.path().display()
        ));
    }
    Ok(usable)
}

/// The saved text as parameters a scheduler accepts, or `None` when it is damaged.
fn usable(text: &str) -> Option<Vec<f32>> {
    serde_json::from_str::<Vec<f32>>(text)
        .ok()
        .filter(|parameters| Scheduler::new(Some(parameters), Scheduler::DEFAULT_RETENTION).is_ok())
}

/// Saves fitted parameters and reschedules every card with them in place of those of
/// `current` (the scheduler in use: its desired retention holds, with the store's retention
/// changes), by replaying its reviews, in one transaction; returns how many cards were
/// rescheduled. `progress` receives (reviews replayed, reviews to replay).
pub(crate) fn adopt(
    store: &mut Store,
    parameters: &[f32],
    current: &Scheduler,
    tz: &TimeZone,
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<usize> {
    let scheduler = current
        .with_parameters(parameters)
        .context("the fitted parameters cannot schedule")?
        .with_retention_changes(store.retention_changes()?);
    let json = serde_json::to_string(parameters).context("could not encode the parameters")?;
    let total = store.scheduled_review_count()?;
    store
        .rebuild_all_cards(
            &[(PARAMETERS_KEY, &json)],
            &mut |log| scheduler.replay(log, tz),
            |done| progress(done, total),
        )
        .context("could not save the parameters and reschedule the cards")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writing_scheduler_has_the_retention_change_it_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let now = Timestamp::from_second(1_772_355_600).unwrap();
        let settings = Settings {
            desired_retention: 0.8,
            desired_retention_set: true,
            ..Settings::default()
        };
        let scheduler =
            note_retention_and_scheduler(&mut store, &settings, now, |_| panic!("no warning"))
                .unwrap();
        assert_eq!(store.retention_changes().unwrap(), [(now, 0.8)]);
        assert_eq!(scheduler.retention_at(now), 0.8);
        assert_eq!(scheduler.parameters(), &fsrs::DEFAULT_PARAMETERS[..]);
    }

    #[test]
    fn saved_text_is_usable_only_as_parameters_a_scheduler_accepts() {
        let fitted = serde_json::to_string(&fsrs::DEFAULT_PARAMETERS).expect("encodes");
        assert_eq!(
            usable(&fitted).as_deref(),
            Some(&fsrs::DEFAULT_PARAMETERS[..])
        );
        // FSRS-5 parameters still schedule, and are handed on as saved.
        let older = serde_json::to_string(&fsrs::DEFAULT_PARAMETERS[..19]).expect("encodes");
        assert_eq!(usable(&older).map(|p| p.len()), Some(19));
        for damaged in ["", "not json", "[1, 2, 3]", "{\"w\": 1}", "[]"] {
            assert_eq!(usable(damaged), None, "{damaged:?}");
        }
    }
}
