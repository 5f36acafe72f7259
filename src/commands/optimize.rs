//! `quiz optimize`: fit FSRS parameters to the learner's own history, show whether they
//! predict it better than the ones in use, and adopt them only if they do.
//!
//! Adopting parameters changes every card's schedule, so the card rows are rebuilt by
//! replaying the whole log with the new scheduler, in the same transaction that stores the
//! parameters: the cache never describes one set of parameters while `meta` holds another.
//! `--evaluate` changes nothing; it measures the defaults against parameters fitted on the
//! past and tested on the future, the honest way to tell whether fitting is worth it.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::history::replayer;
use crate::cli::OptimizeArgs;
use crate::deck::DeckId;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;
use crate::optimize::{self, LoggedReview, Metrics, OptimizeError};
use crate::schedule::Scheduler;
use crate::store::Store;

/// The `meta` key the scheduler's parameters are kept under (read by `commands::scheduler`).
pub const PARAMETERS_KEY: &str = "fsrs_parameters";

/// How long work may run silently before a progress bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

pub fn run(args: &OptimizeArgs, context: &Context) -> anyhow::Result<ExitCode> {
    // Fitting reschedules every card; measuring changes nothing.
    let _lock = if args.evaluate {
        None
    } else {
        Some(crate::store::lock::acquire(&context.data_dir)?)
    };
    let mut store = Store::open(&context.data_dir)?;
    let decks = chosen_decks(&store, &args.decks)?;
    let reviews = load_reviews(&store, decks.as_deref())?;
    let predictions = optimize::items(&reviews).len();
    if predictions == 0 {
        crate::outln!(
            "Nothing to learn from yet: {} reviews, none of them a day or more after the \
             card's previous review (cram reviews do not count).",
            reviews.len()
        )?;
        return Ok(ExitCode::Success);
    }
    if args.evaluate {
        evaluate(&store, &reviews, predictions, context)?;
        return Ok(ExitCode::Success);
    }
    if predictions < optimize::MIN_REVIEWS {
        crate::outln!(
            "Not enough history to fit parameters yet: {predictions} of your reviews came a day \
             or more after the card's previous review, and fitting needs at least {need} such \
             reviews ({more} more). Until then quiz keeps its current parameters.",
            need = optimize::MIN_REVIEWS,
            more = optimize::MIN_REVIEWS - predictions,
        )?;
        return Ok(ExitCode::Success);
    }
    fit(&mut store, &reviews, predictions, context)
}

/// The decks to learn from: `None` for all history. Named decks must have reviews, since
/// fitting to nothing by a typo would be a silent no-op.
fn chosen_decks(store: &Store, names: &[String]) -> anyhow::Result<Option<Vec<DeckId>>> {
    if names.is_empty() {
        return Ok(None);
    }
    let known = store.reviewed_decks()?;
    let mut chosen = Vec::new();
    for name in names {
        let deck = DeckId(name.clone());
        if !known.contains(&deck) {
            let list: Vec<String> = known.iter().map(|d| escape_line(&d.0)).collect();
            bail!(
                "deck `{}` has no reviews; decks with reviews: {}",
                escape_line(name),
                if list.is_empty() {
                    "none yet".to_owned()
                } else {
                    list.join(", ")
                }
            );
        }
        if !chosen.contains(&deck) {
            chosen.push(deck);
        }
    }
    Ok(Some(chosen))
}

/// Every review that counts for scheduling, cards told apart across decks.
fn load_reviews(store: &Store, decks: Option<&[DeckId]>) -> anyhow::Result<Vec<LoggedReview>> {
    let mut reviews = Vec::new();
    let mut push = |review: crate::store::log::ScheduledReview<'_>| {
        reviews.push(LoggedReview {
            // A unit separator cannot occur in a deck name typed on a command line.
            card: format!("{}\u{1f}{}", review.deck, review.card),
            at: review.at,
            rating: review.rating,
        });
    };
    match decks {
        None => store.scheduled_reviews(None, &mut push)?,
        Some(decks) => {
            for deck in decks {
                store.scheduled_reviews(Some(deck), &mut push)?;
            }
        }
    }
    Ok(reviews)
}

fn evaluate(
    store: &Store,
    reviews: &[LoggedReview],
    predictions: usize,
    context: &Context,
) -> anyhow::Result<()> {
    crate::outln!(
        "Evaluating on {} reviews: {predictions} predictions (one per review a day or more \
         after the card's previous one; days roll over at 04:00 UTC).",
        reviews.len()
    )?;
    crate::outln!()?;
    let defaults = optimize::evaluate(reviews, None).context("could not evaluate")?;
    let mut rows = vec![("FSRS-6 default parameters", Some(defaults))];
    let mut progress = Progress::new("cross-validating", context);
    let series = match optimize::evaluate_time_series(reviews, |done, total| {
        progress.update(done as u64, total as u64);
        true
    }) {
        Ok(metrics) => Some(metrics),
        Err(OptimizeError::TooFew { need, .. }) => {
            progress.finish();
            rows.push(("5-split time-series cross-validation", None));
            print_metrics(&rows)?;
            crate::outln!()?;
            crate::outln!(
                "The 5-split time-series cross-validation needs at least {need} predictions; \
                 this history has {predictions}."
            )?;
            return Ok(());
        }
        Err(error) => return Err(error).context("could not cross-validate"),
    };
    progress.finish();
    rows.push(("5-split time-series cross-validation", series));
    if let Some(saved) = super::saved_parameters(store)? {
        let metrics = optimize::evaluate(reviews, Some(&saved)).context("could not evaluate")?;
        rows.push(("your saved parameters (in sample)", Some(metrics)));
    }
    print_metrics(&rows)?;
    Ok(())
}

fn print_metrics(rows: &[(&str, Option<Metrics>)]) -> std::io::Result<()> {
    crate::outln!(
        "{:<40} {:>9} {:>11} {:>12}",
        "",
        "log loss",
        "RMSE(bins)",
        "predictions"
    )?;
    for (name, metrics) in rows {
        match metrics {
            Some(m) => crate::outln!(
                "{name:<40} {:>9.4} {:>11.4} {:>12}",
                m.log_loss,
                m.rmse_bins,
                m.predictions
            )?,
            None => crate::outln!("{name:<40} {:>9} {:>11} {:>12}", "-", "-", "-")?,
        }
    }
    Ok(())
}

fn fit(
    store: &mut Store,
    reviews: &[LoggedReview],
    predictions: usize,
    context: &Context,
) -> anyhow::Result<ExitCode> {
    let settings = context.settings()?;
    let saved = super::saved_parameters(store)?;
    let current = Scheduler::new(saved.as_deref(), settings.desired_retention)?;
    let current_name = if saved.is_some() {
        "current (saved)"
    } else {
        "current (FSRS-6 defaults)"
    };
    crate::outln!(
        "Fitting FSRS-6 parameters to {} reviews ({predictions} predictions).",
        reviews.len()
    )?;
    let before = optimize::evaluate(reviews, Some(current.parameters()))
        .context("could not evaluate the current parameters")?;
    let mut progress = Progress::new("fitting", context);
    let fitted = optimize::fit(reviews, |done, total| {
        progress.update(done as u64, total as u64);
        true
    });
    progress.finish();
    let fitted = match fitted {
        Ok(parameters) => parameters,
        Err(error @ OptimizeError::Fsrs(fsrs::FSRSError::NotEnoughData)) => {
            crate::outln!(
                "Could not fit parameters: {error}. Until then quiz keeps its current ones."
            )?;
            return Ok(ExitCode::Success);
        }
        Err(error) => return Err(error).context("could not fit parameters"),
    };
    let after = optimize::evaluate(reviews, Some(&fitted)).context("could not evaluate the fit")?;

    crate::outln!()?;
    crate::outln!("{:<10} {:>10} {:>10}", "parameter", "current", "fitted")?;
    for (index, (old, new)) in current.parameters().iter().zip(&fitted).enumerate() {
        crate::outln!("{:<10} {old:>10.4} {new:>10.4}", format!("w{index}"))?;
    }
    crate::outln!()?;
    print_metrics(&[(current_name, Some(before)), ("fitted", Some(after))])?;
    crate::outln!()?;

    if after.log_loss >= before.log_loss {
        crate::outln!(
            "Kept the current parameters: the fitted ones predict your history no better."
        )?;
        return Ok(ExitCode::Success);
    }
    let scheduler = Scheduler::new(Some(&fitted), settings.desired_retention)
        .context("the fitted parameters cannot schedule")?;
    let json = serde_json::to_string(&fitted).context("could not encode the parameters")?;
    let total = store.scheduled_review_count()?;
    let mut progress = Progress::new("rescheduling", context);
    let cards = store
        .rebuild_all_cards(
            &[(PARAMETERS_KEY, &json)],
            &mut *replayer(&scheduler, &context.clock.tz),
            |done| progress.update(done, total),
        )
        .context("could not save the parameters and reschedule the cards")?;
    progress.finish();
    crate::outln!(
        "Saved the fitted parameters: they predict your history better. Rescheduled {cards} \
         cards by replaying their reviews."
    )?;
    Ok(ExitCode::Success)
}

/// A progress bar on stderr that appears only once work has run for a second, and never
/// when stderr is not a terminal or output is plain.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    allowed: bool,
    shown: bool,
}

impl Progress {
    pub fn new(message: &'static str, context: &Context) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg:>14} [{bar:40}] {percent:>3}% {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        Progress {
            bar,
            started: Instant::now(),
            allowed: !context.plain,
            shown: false,
        }
    }

    pub fn update(&mut self, done: u64, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        if self.allowed && !self.shown && self.started.elapsed() >= QUIET_FOR {
            self.shown = true;
            // indicatif draws nothing when stderr is not a terminal.
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}
