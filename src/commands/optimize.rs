//! `quiz optimize`: fit FSRS parameters to the learner's own history, show whether they
//! predict it better than the ones in use, and adopt them only if they do.
//!
//! What is fitted, measured and kept is decided in [`crate::schedule::optimize`] and saved
//! by [`crate::schedule::parameters`]; this file reads the arguments, says what is going on
//! and shows the figures. `--evaluate` changes nothing; it measures the defaults against
//! parameters fitted on the past and tested on the future, the honest way to tell whether
//! fitting is worth it.

use crate::cli::OptimizeArgs;
use crate::env::Context;
use crate::exit::ExitCode;
use crate::schedule::optimize::{self, Fitted, History};
use crate::schedule::{Scheduler, parameters};
use crate::store::Store;
use crate::ui::progress::Progress;
use crate::ui::{self, format};

pub(crate) fn run(args: &OptimizeArgs, context: &Context) -> anyhow::Result<ExitCode> {
    // Fitting reschedules every card; measuring changes nothing.
    let _lock = (!args.evaluate)
        .then(|| crate::store::lock::acquire(&context.data_dir))
        .transpose()?;
    let mut store = if args.evaluate {
        Store::open_to_read(&context.data_dir)?
    } else {
        Store::open(&context.data_dir)?
    };
    let history = History::load(&store, &args.decks)?;
    let predictions = history.predictions;
    if predictions == 0 {
        crate::outln!(
            "Nothing to learn from yet: {} reviews, none of them a day or more after the \
             card's previous review (cram reviews do not count).",
            history.reviews.len()
        )?;
        return Ok(ExitCode::Success);
    }
    if args.evaluate {
        evaluate(&store, &history, context)?;
        return Ok(ExitCode::Success);
    }
    if let Some(more) = history.short_of_fitting() {
        crate::outln!(
            "Not enough history to fit parameters yet: {predictions} of your reviews came a day \
             or more after the card's previous review, and fitting needs at least {need} such \
             reviews ({more} more). Until then quiz keeps its current parameters.",
            need = optimize::MIN_REVIEWS,
        )?;
        return Ok(ExitCode::Success);
    }
    fit(&mut store, &history, context)
}

fn evaluate(store: &Store, history: &History, context: &Context) -> anyhow::Result<()> {
    crate::outln!(
        "Evaluating on {} reviews: {} predictions (one per review a day or more \
         after the card's previous one; days roll over at 04:00 UTC).",
        history.reviews.len(),
        history.predictions
    )?;
    crate::outln!()?;
    let mut progress = Progress::new("cross-validating", context);
    let evaluation = optimize::evaluation(
        store,
        &history.reviews,
        |done, total| progress.update(done, total),
        ui::warn,
    );
    progress.finish();
    let evaluation = evaluation?;
    let mut rows = vec![
        ("FSRS-6 default parameters", Some(evaluation.defaults)),
        (
            "5-split time-series cross-validation",
            evaluation.time_series,
        ),
    ];
    if let Some(saved) = evaluation.saved {
        rows.push(("your saved parameters (in sample)", Some(saved)));
    }
    crate::out!("{}", format::metrics_table(&rows))?;
    if evaluation.time_series.is_none() {
        crate::outln!()?;
        crate::outln!(
            "The 5-split time-series cross-validation needs at least {need} predictions; \
             this history has {predictions}.",
            need = optimize::MIN_REVIEWS_TIME_SERIES,
            predictions = history.predictions
        )?;
    }
    Ok(())
}

fn fit(store: &mut Store, history: &History, context: &Context) -> anyhow::Result<ExitCode> {
    let settings = context.settings()?;
    let saved = parameters::saved(store, ui::warn)?;
    let current = Scheduler::new(saved.as_deref(), settings.desired_retention)?;
    let current_name = if saved.is_some() {
        "current (saved)"
    } else {
        "current (FSRS-6 defaults)"
    };
    crate::outln!(
        "Fitting FSRS-6 parameters to {} reviews ({} predictions).",
        history.reviews.len(),
        history.predictions
    )?;
    let mut progress = Progress::new("fitting", context);
    let fitted =
        optimize::fit_and_compare(current.parameters(), &history.reviews, |done, total| {
            progress.update(done, total)
        });
    progress.finish();
    let comparison = match fitted? {
        Fitted::Compared(comparison) => comparison,
        Fitted::NotEnoughData(error) => {
            crate::outln!(
                "Could not fit parameters: {error}. Until then quiz keeps its current ones."
            )?;
            return Ok(ExitCode::Success);
        }
    };

    crate::outln!()?;
    crate::out!(
        "{}",
        format::parameters_table(current.parameters(), &comparison.fitted)
    )?;
    crate::outln!()?;
    let rows = [
        (current_name, Some(comparison.before)),
        ("fitted", Some(comparison.after)),
    ];
    crate::out!("{}", format::metrics_table(&rows))?;
    crate::outln!()?;

    if !comparison.improves() {
        crate::outln!(
            "Kept the current parameters: the fitted ones predict your history no better."
        )?;
        return Ok(ExitCode::Success);
    }
    // Damaged saved parameters were reported above, once.
    let in_use =
        parameters::note_retention_and_scheduler(store, &settings, context.clock.now(), |_| {})?;
    let mut progress = Progress::new("rescheduling", context);
    let cards = parameters::adopt(
        store,
        &comparison.fitted,
        &in_use,
        &context.clock.tz,
        |done, total| progress.update(done, total),
    );
    progress.finish();
    let cards = cards?;
    crate::ui::sync_report::automatic(crate::sync::automatic(store, &settings, context).as_ref());
    crate::outln!(
        "Saved the fitted parameters: they predict your history better. Rescheduled {cards} \
         cards by replaying their reviews."
    )?;
    Ok(ExitCode::Success)
}
