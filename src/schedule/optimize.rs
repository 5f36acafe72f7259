//! Fitting and checking FSRS parameters against the learner's own review history.
//!
//! The scheduler ships with FSRS-6's population defaults, which fit an average learner;
//! this module turns a review log into the per-review items the `fsrs` crate trains on,
//! fits personal parameters, and measures how well any set of parameters would have
//! predicted the recalls that actually happened, so `quiz optimize` can show whether
//! fitting is worth it. The conversion follows the fsrs-rs reference conventions closely
//! enough that our figures can be compared with theirs on the same log.
//!
//! It also holds what `quiz optimize` decides, so the command only prints: which history to
//! learn from, when there is too little of it, and whether fitted parameters beat the ones
//! in use (they are adopted only then, through [`super::parameters::adopt`]).

use std::collections::HashMap;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use anyhow::{Context as _, bail};
use fsrs::{
    CombinedProgressState, ComputeParametersInput, DEFAULT_PARAMETERS, FSRS, FSRSError, FSRSItem,
    FSRSReview, ItemProgress,
};
use jiff::Timestamp;

use super::{Rating, parameters};
use crate::calendar;
use crate::deck::DeckId;
use crate::escape::escape_line;
use crate::store::Store;
use crate::store::log::ScheduledReview;

/// One review from the log, as the store or a CSV gives it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LoggedReview {
    pub card: String,
    pub at: Timestamp,
    pub rating: Rating,
}

/// How well parameters predicted the recalls in a log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Metrics {
    /// Mean binary cross-entropy of predicted recall against pass/fail (lower is better).
    pub log_loss: f64,
    /// Root mean square gap between predicted and actual recall rates over fsrs's bins
    /// (interval × review count × lapse count), weighted by bin size.
    pub rmse_bins: f64,
    /// How many reviews were predicted and scored.
    pub predictions: usize,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum OptimizeError {
    #[error(
        "not enough review history: {have} reviews can be predicted from it, at least {need} are needed"
    )]
    TooFew { have: usize, need: usize },
    #[error("cancelled")]
    Cancelled,
    #[error("{}", fsrs_message(.0))]
    Fsrs(#[source] FSRSError),
}

impl From<FSRSError> for OptimizeError {
    fn from(error: FSRSError) -> Self {
        match error {
            // Interruption only ever comes from our own progress callback saying stop.
            FSRSError::Interrupted => Self::Cancelled,
            other => Self::Fsrs(other),
        }
    }
}

fn fsrs_message(error: &FSRSError) -> String {
    match error {
        FSRSError::NotEnoughData => "not enough usable review history to fit parameters \
             (FSRS sets aside rarely seen first intervals as outliers)"
            .to_owned(),
        FSRSError::InvalidParameters => {
            "the parameters are not valid FSRS parameters (expected 21 finite numbers)".to_owned()
        }
        FSRSError::InvalidInput => {
            "FSRS could not use this review history (it produced non-finite predictions)".to_owned()
        }
        FSRSError::Interrupted => "cancelled".to_owned(),
        other => format!("FSRS failed: {other:?}"),
    }
}

/// Fewest reviews (that yield predictions) needed to fit parameters; below it `fit` refuses.
///
/// fsrs's own floors are lower and silent: `compute_parameters` returns the defaults when
/// fewer than 8 items survive its outlier filter, and fits only the four initial
/// stabilities when fewer than 64 do; the filter drops about 20 items per first rating, so
/// a small log shrinks a lot before those counts are taken. On josh's log (the reference
/// data) all 21 parameters were first trained from 150 items, with initial stabilities
/// that were still erratic; from 400 on, fits were sane, though whether they predicted the
/// next 1,000 reviews better than the defaults stayed a toss-up until about 1,500, which is
/// what `evaluate` is for. 400 is also the floor Anki 24.04 used (it counted all reviews,
/// and 400 predictions take about 1,200 reviews in this log).
pub(crate) const MIN_REVIEWS: usize = 400;

/// How many blocks `evaluate_with_time_series_splits` cuts the items into: it trains on
/// the first block alone for the first fold, and tests on the other five.
const TIME_SERIES_BLOCKS: usize = 6;

/// Fewest predictions for `evaluate_time_series`: its first fold trains on a sixth of the
/// items, and a fold below `MIN_REVIEWS` would silently fall back to (near-)defaults and
/// blur what is being measured.
pub(crate) const MIN_REVIEWS_TIME_SERIES: usize = MIN_REVIEWS * TIME_SERIES_BLOCKS;

/// Training/evaluation items. Conventions: reviews grouped by card, sorted by time; days are whole days
/// with the rollover at 04:00 UTC (day = floor((t - 4h) / 24h) in UTC); one item per review that comes
/// at least one whole day after the card's previous review; the item is the card's history up to and
/// including that review (`delta_t` in whole days between consecutive reviews, first `delta_t` = 0).
///
/// Items come in the order their last review happened: time-series evaluation splits on
/// that order and fsrs weights later items more when training. Ratings are passed through
/// unchecked.
#[must_use]
pub(crate) fn items(reviews: &[LoggedReview]) -> Vec<FSRSItem> {
    let mut by_card: HashMap<&str, Vec<&LoggedReview>> = HashMap::new();
    for review in reviews {
        by_card
            .entry(review.card.as_str())
            .or_default()
            .push(review);
    }
    let mut timed = Vec::new();
    for (card, mut log) in by_card {
        // Stable, so same-instant duplicates keep the order the log gave them.
        log.sort_by_key(|review| review.at);
        let mut history = Vec::with_capacity(log.len());
        let mut previous_day = None;
        for review in log {
            let day = calendar::utc_day_number(review.at);
            let delta_t = previous_day.map_or(0, |previous: i64| {
                u32::try_from(day - previous).unwrap_or(u32::MAX)
            });
            previous_day = Some(day);
            history.push(FSRSReview {
                rating: u32::from(review.rating.number()),
                delta_t,
            });
            if delta_t > 0 {
                let item = FSRSItem {
                    reviews: history.clone(),
                };
                timed.push((review.at, card, item));
            }
        }
    }
    // The card name settles same-instant items, so the order never depends on hashing;
    // the sort is stable, so a card's own items stay in history order.
    timed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    timed.into_iter().map(|(_, _, item)| item).collect()
}

/// Log loss and RMSE(bins) of the given parameters (None = FSRS-6 defaults), unweighted.
///
/// fsrs's own `FSRS::evaluate` weights later items more (as its training does), so its
/// figures are not comparable with the unweighted reference; this scores every item alike.
pub(crate) fn evaluate(
    reviews: &[LoggedReview],
    parameters: Option<&[f32]>,
) -> Result<Metrics, OptimizeError> {
    let items = items(reviews);
    if items.is_empty() {
        return Err(OptimizeError::TooFew { have: 0, need: 1 });
    }
    let parameters = parameters.unwrap_or(&[]);
    let model = FSRS::new(parameters)?;
    let decay = decay(parameters)?;
    let mut scores = Scores::default();
    for item in &items {
        let Some((current, history)) = item.reviews.split_last() else {
            continue;
        };
        let state = model.memory_state(
            FSRSItem {
                reviews: history.to_vec(),
            },
            None,
        )?;
        let recall = retrievability(decay, current.delta_t, state.stability);
        if !recall.is_finite() {
            return Err(FSRSError::InvalidInput.into());
        }
        scores.add(item, recall);
    }
    scores.metrics()
}

/// The forgetting curve's decay as `FSRS::new` will clamp it; fsrs keeps the clamped
/// parameters private, so the curve is recomputed here.
fn decay(parameters: &[f32]) -> Result<f32, OptimizeError> {
    let filled = fsrs::check_and_fill_parameters(parameters)?;
    let decay = filled
        .get(20)
        .copied()
        .ok_or(OptimizeError::Fsrs(FSRSError::InvalidParameters))?;
    Ok(decay.clamp(0.1, 0.8))
}

/// fsrs's power forgetting curve, with the same f32 arithmetic as its evaluation.
fn retrievability(decay: f32, delta_t: u32, stability: f32) -> f32 {
    let factor = (0.9_f32.ln() / -decay).exp() - 1.0;
    (delta_t as f32 / stability * factor + 1.0).powf(-decay)
}

#[derive(Default)]
struct Bin {
    predicted: f64,
    actual: f64,
    count: f64,
}

#[derive(Default)]
struct Scores {
    loss: f64,
    predictions: usize,
    bins: HashMap<(u32, u32, u32), Bin>,
}

impl Scores {
    fn add(&mut self, item: &FSRSItem, recall: f32) {
        let recall = f64::from(recall);
        let passed = item.reviews.last().is_some_and(|review| review.rating > 1);
        self.loss -= if passed {
            recall.ln()
        } else {
            (1.0 - recall).ln()
        };
        self.predictions += 1;
        let bin = self.bins.entry(bin_of(item)).or_default();
        bin.predicted += recall;
        bin.actual += if passed { 1.0 } else { 0.0 };
        bin.count += 1.0;
    }

    fn metrics(&self) -> Result<Metrics, OptimizeError> {
        let squares: f64 = self
            .bins
            .values()
            .map(|bin| (bin.predicted / bin.count - bin.actual / bin.count).powi(2) * bin.count)
            .sum();
        let total: f64 = self.bins.values().map(|bin| bin.count).sum();
        let metrics = Metrics {
            log_loss: self.loss / self.predictions as f64,
            rmse_bins: (squares / total).sqrt(),
            predictions: self.predictions,
        };
        if metrics.log_loss.is_finite() && metrics.rmse_bins.is_finite() {
            Ok(metrics)
        } else {
            Err(FSRSError::InvalidInput.into())
        }
    }
}

/// fsrs's RMSE bin for an item (its `r_matrix_index`, which is crate-private): the
/// interval, the number of day-apart reviews and the number of lapses, each on a
/// logarithmic scale.
fn bin_of(item: &FSRSItem) -> (u32, u32, u32) {
    let Some((current, history)) = item.reviews.split_last() else {
        return (0, 0, 0);
    };
    let delta_t = f64::from(current.delta_t);
    let delta_t_bin = (2.48 * 3.62_f64.powf(delta_t.log(3.62).floor()) * 100.0).round() as u32;
    let length = item.long_term_review_cnt() as f64 + 1.0;
    let length_bin = (1.99 * 1.89_f64.powf(length.log(1.89).floor())).round() as u32;
    let lapses = history
        .iter()
        .filter(|review| review.rating == 1 && review.delta_t > 0)
        .count();
    if lapses == 0 {
        return (delta_t_bin, length_bin, 0);
    }
    let lapse_bin = (1.65 * 1.73_f64.powf((lapses as f64).log(1.73).floor())).round() as u32;
    (delta_t_bin, length_bin, lapse_bin)
}

/// Fit on past, test on next block: 5-split time-series cross-validation, same conventions as
/// fsrs's `evaluate_with_time_series_splits`.
///
/// This is that function: the items are cut into six blocks in time order, and each of
/// the last five is predicted by parameters fitted to everything before it. `progress`
/// receives (folds done, 5) and stops the work by returning false; fsrs reports whole
/// folds only, and fits them in parallel.
pub(crate) fn evaluate_time_series(
    reviews: &[LoggedReview],
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<Metrics, OptimizeError> {
    let items = items(reviews);
    if items.len() < MIN_REVIEWS_TIME_SERIES {
        return Err(OptimizeError::TooFew {
            have: items.len(),
            need: MIN_REVIEWS_TIME_SERIES,
        });
    }
    // Everything but the first block is predicted once.
    let predictions = items.len() - items.len() / TIME_SERIES_BLOCKS;
    if !progress(0, TIME_SERIES_BLOCKS - 1) {
        return Err(OptimizeError::Cancelled);
    }
    // Without card ids, as the fsrs-rs reference figures were made (they match to four
    // places only this way): with ids fsrs batches a card's items together, which
    // trains to slightly different parameters.
    let input = ComputeParametersInput {
        train_set: items,
        ..ComputeParametersInput::default()
    };
    let evaluation = fsrs::evaluate_with_time_series_splits(input, |done: ItemProgress| {
        progress(done.current, done.total)
    })?;
    Ok(Metrics {
        log_loss: f64::from(evaluation.log_loss),
        rmse_bins: f64::from(evaluation.rmse_bins),
        predictions,
    })
}

/// Fitted parameters (21 floats).
///
/// `progress` receives (items trained so far, items to train) every tenth of a second and
/// stops training by returning false; a fit that takes less is never reported.
pub(crate) fn fit(
    reviews: &[LoggedReview],
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<Vec<f32>, OptimizeError> {
    let items = items(reviews);
    if items.len() < MIN_REVIEWS {
        return Err(OptimizeError::TooFew {
            have: items.len(),
            need: MIN_REVIEWS,
        });
    }
    let state = CombinedProgressState::new_shared();
    let input = ComputeParametersInput {
        train_set: items,
        // Left out for the same reason as in `evaluate_time_series`, so that what the
        // evaluation measured is what gets fitted.
        card_ids: None,
        progress: Some(Arc::clone(&state)),
        ..ComputeParametersInput::default()
    };
    let parameters = with_progress(&state, || fsrs::compute_parameters(input), &mut progress)?;
    // fsrs answers "too little left after removing outliers" with the defaults rather
    // than an error; passing them off as fitted would mislead the learner.
    if parameters == DEFAULT_PARAMETERS {
        return Err(FSRSError::NotEnoughData.into());
    }
    Ok(parameters)
}

/// How often a running fit is asked how far it has got.
const POLL: Duration = Duration::from_millis(100);

fn lock(state: &Mutex<CombinedProgressState>) -> std::sync::MutexGuard<'_, CombinedProgressState> {
    // A panic elsewhere cannot leave progress counters inconsistent in a way that matters.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

fn join<T>(handle: thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Runs `work` on another thread while this one relays fsrs's progress to `progress`:
/// fsrs only records progress in shared state, never reports it, and relaying from here
/// spares the caller's callback from having to cross threads.
fn with_progress<T: Send>(
    state: &Mutex<CombinedProgressState>,
    work: impl FnOnce() -> T + Send,
    progress: &mut impl FnMut(usize, usize) -> bool,
) -> T {
    thread::scope(|scope| {
        let (finished, finishing) = mpsc::channel();
        let worker = scope.spawn(move || {
            let result = work();
            // The receiver outlives the worker, so this cannot fail.
            let _ = finished.send(());
            result
        });
        let mut last = None;
        // A panicking worker drops the sender unsent, which ends the wait just the same.
        while let Err(RecvTimeoutError::Timeout) = finishing.recv_timeout(POLL) {
            let (done, total, aborted) = {
                let state = lock(state);
                (state.current(), state.total(), state.want_abort)
            };
            // fsrs sizes the job only once training starts; until then there is nothing to say.
            if total > 0 && !aborted && last != Some(done) {
                last = Some(done);
                if !progress(done, total) {
                    lock(state).want_abort = true;
                }
            }
        }
        join(worker)
    })
}

/// The review history `quiz optimize` learns from.
#[derive(Debug)]
pub(crate) struct History {
    pub reviews: Vec<LoggedReview>,
    /// How many of the reviews can be predicted (see [`items`]).
    pub predictions: usize,
}

impl History {
    /// Every review of the named decks (all decks when none are named) that counts for
    /// scheduling. Named decks must have reviews, since fitting to nothing by a typo would
    /// be a silent no-op.
    pub(crate) fn load(store: &Store, decks: &[String]) -> anyhow::Result<History> {
        let decks = chosen_decks(store, decks)?;
        let reviews = load_reviews(store, decks.as_deref())?;
        let predictions = items(&reviews).len();
        Ok(History {
            reviews,
            predictions,
        })
    }

    /// How many more predictions fitting needs, when there are fewer than [`MIN_REVIEWS`];
    /// below it quiz keeps its current parameters.
    #[must_use]
    pub(crate) fn short_of_fitting(&self) -> Option<usize> {
        MIN_REVIEWS
            .checked_sub(self.predictions)
            .filter(|&more| more > 0)
    }
}

/// The decks to learn from: `None` for all history.
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
    let mut push = |review: ScheduledReview<'_>| {
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

/// What `quiz optimize --evaluate` measures, changing nothing.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Evaluation {
    /// The FSRS-6 defaults, in sample.
    pub defaults: Metrics,
    /// Fitting on the past and testing on the future ([`evaluate_time_series`]); `None` when
    /// the history has fewer than [`MIN_REVIEWS_TIME_SERIES`] predictions.
    pub time_series: Option<Metrics>,
    /// The saved parameters, in sample; `None` when there are none, or no time series.
    pub saved: Option<Metrics>,
}

/// The defaults, cross-validated fitting and the saved parameters on one history.
/// `progress` receives (folds done, 5), as from [`evaluate_time_series`].
pub(crate) fn evaluation(
    store: &Store,
    reviews: &[LoggedReview],
    mut progress: impl FnMut(u64, u64),
    warn: impl FnOnce(String),
) -> anyhow::Result<Evaluation> {
    let defaults = evaluate(reviews, None).context("could not evaluate")?;
    let time_series = match evaluate_time_series(reviews, never_stop(&mut progress)) {
        Ok(metrics) => metrics,
        Err(OptimizeError::TooFew { .. }) => {
            return Ok(Evaluation {
                defaults,
                time_series: None,
                saved: None,
            });
        }
        Err(error) => return Err(error).context("could not cross-validate"),
    };
    let saved = match parameters::saved(store, warn)? {
        Some(saved) => Some(evaluate(reviews, Some(&saved)).context("could not evaluate")?),
        None => None,
    };
    Ok(Evaluation {
        defaults,
        time_series: Some(time_series),
        saved,
    })
}

/// Parameters fitted to a history, measured against the ones in use on the same history.
#[derive(Debug, Clone)]
pub(crate) struct Comparison {
    /// How well the parameters in use predict the history.
    pub before: Metrics,
    pub fitted: Vec<f32>,
    /// How well the fitted parameters predict it.
    pub after: Metrics,
}

impl Comparison {
    /// Whether the fitted parameters are worth adopting: only when they predict the history
    /// better (a lower log loss) than the ones in use.
    #[must_use]
    pub(crate) fn improves(&self) -> bool {
        self.after.log_loss < self.before.log_loss
    }
}

/// What fitting made of a history.
#[derive(Debug)]
pub(crate) enum Fitted {
    Compared(Comparison),
    /// fsrs found too little left to fit once it had set aside outliers; this error says so.
    NotEnoughData(OptimizeError),
}

/// Fits parameters to the history and measures them against `current` (the parameters in
/// use). `progress` receives (items trained so far, items to train), as from [`fit`].
pub(crate) fn fit_and_compare(
    current: &[f32],
    reviews: &[LoggedReview],
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<Fitted> {
    let before =
        evaluate(reviews, Some(current)).context("could not evaluate the current parameters")?;
    let fitted = match fit(reviews, never_stop(&mut progress)) {
        Ok(parameters) => parameters,
        Err(error @ OptimizeError::Fsrs(FSRSError::NotEnoughData)) => {
            return Ok(Fitted::NotEnoughData(error));
        }
        Err(error) => return Err(error).context("could not fit parameters"),
    };
    let after = evaluate(reviews, Some(&fitted)).context("could not evaluate the fit")?;
    Ok(Fitted::Compared(Comparison {
        before,
        fitted,
        after,
    }))
}

/// Progress reports for work that, once `quiz optimize` has started it, runs to the end.
fn never_stop(progress: &mut impl FnMut(u64, u64)) -> impl FnMut(usize, usize) -> bool + '_ {
    |done, total| {
        progress(done as u64, total as u64);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    const JOSH: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/history/review_logs_josh.csv"
    );

    /// The reference log, read by the same parser `quiz history import` uses.
    fn josh() -> Vec<LoggedReview> {
        let bytes = std::fs::read(JOSH).unwrap_or_else(|e| panic!("{JOSH}: {e}"));
        crate::interchange::review_log::parse_log(&bytes, Some("josh"))
            .expect("josh's log parses")
            .into_iter()
            .map(|review| LoggedReview {
                card: review.card.0,
                at: review.reviewed_at,
                rating: review.rating,
            })
            .collect()
    }

    fn review(card: &str, at: &str, rating: u8) -> LoggedReview {
        LoggedReview {
            card: card.to_owned(),
            at: at.parse().expect("valid timestamp"),
            rating: Rating::from_number(rating).expect("a rating from 1 to 4"),
        }
    }

    fn item(reviews: &[(u32, u32)]) -> FSRSItem {
        FSRSItem {
            reviews: reviews
                .iter()
                .map(|&(rating, delta_t)| FSRSReview { rating, delta_t })
                .collect(),
        }
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() <= 0.005
    }

    #[test]
    fn default_parameters_match_the_reference_on_josh() {
        let reviews = josh();
        assert_eq!(reviews.len(), 12_580);
        let started = Instant::now();
        let metrics = evaluate(&reviews, None).expect("evaluates");
        println!("defaults: {metrics:?} in {:?}", started.elapsed());
        assert_eq!(metrics.predictions, 6_276);
        assert!(close(metrics.log_loss, 0.4650), "{metrics:?}");
        assert!(close(metrics.rmse_bins, 0.0876), "{metrics:?}");
        let explicit = evaluate(&reviews, Some(&DEFAULT_PARAMETERS)).expect("evaluates");
        assert_eq!(explicit.predictions, metrics.predictions);
        assert!((explicit.log_loss - metrics.log_loss).abs() < 1e-9);
    }

    #[test]
    fn time_series_evaluation_matches_the_reference_on_josh() {
        let reviews = josh();
        let started = Instant::now();
        let mut reports = Vec::new();
        let metrics = evaluate_time_series(&reviews, |done, total| {
            reports.push((done, total));
            true
        })
        .expect("evaluates");
        println!("time series: {metrics:?} in {:?}", started.elapsed());
        assert_eq!(metrics.predictions, 6_276 - 6_276 / 6);
        assert!(close(metrics.log_loss, 0.4403), "{metrics:?}");
        assert!(close(metrics.rmse_bins, 0.0418), "{metrics:?}");
        assert_eq!(reports, [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
    }

    #[test]
    fn fitted_parameters_beat_the_defaults_on_josh_in_sample() {
        let reviews = josh();
        let started = Instant::now();
        let parameters = fit(&reviews, |done, total| done <= total).expect("fits");
        println!("fit: {parameters:?} in {:?}", started.elapsed());
        assert_eq!(parameters.len(), 21);
        assert!(parameters.iter().all(|w| w.is_finite()));
        let fitted = evaluate(&reviews, Some(&parameters)).expect("evaluates");
        let defaults = evaluate(&reviews, None).expect("evaluates");
        assert!(
            fitted.log_loss < defaults.log_loss,
            "{fitted:?} vs {defaults:?}"
        );
    }

    #[test]
    fn fit_refuses_too_little_history_and_says_how_much_is_needed() {
        let reviews = [
            review("a", "2024-01-01T10:00:00Z", 3),
            review("a", "2024-01-03T10:00:00Z", 3),
        ];
        let error = fit(&reviews, |_, _| true).expect_err("too few");
        assert!(
            matches!(
                error,
                OptimizeError::TooFew {
                    have: 1,
                    need: MIN_REVIEWS
                }
            ),
            "{error:?}"
        );
        assert!(
            error.to_string().contains(&MIN_REVIEWS.to_string()),
            "{error}"
        );
        let error = evaluate_time_series(&reviews, |_, _| true).expect_err("too few");
        assert!(
            matches!(error, OptimizeError::TooFew { have: 1, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn items_follow_the_day_and_grouping_conventions() {
        // Deliberately out of order, and interleaved across cards.
        let reviews = [
            review("a", "2024-01-05T12:00:00Z", 3),
            review("c", "2024-01-01T04:00:00Z", 3),
            review("a", "2024-01-01T10:00:00Z", 3),
            review("b", "2024-01-02T10:00:00Z", 4),
            // Before the 04:00 rollover: still the day of the first review.
            review("a", "2024-01-02T03:59:00Z", 3),
            review("a", "2024-01-01T10:05:00Z", 3),
            review("c", "2024-01-03T05:00:00Z", 4),
            // A minute before c's second review, but on the previous day.
            review("c", "2024-01-01T03:59:00Z", 2),
            review("a", "2024-01-02T04:00:00Z", 1),
        ];
        assert_eq!(
            items(&reviews),
            [
                item(&[(2, 0), (3, 1)]),
                item(&[(3, 0), (3, 0), (3, 0), (1, 1)]),
                item(&[(2, 0), (3, 1), (4, 2)]),
                item(&[(3, 0), (3, 0), (3, 0), (1, 1), (3, 3)]),
            ]
        );
    }

    #[test]
    fn evaluate_scores_a_tiny_log_by_hand() {
        // One prediction: a card first rated good, recalled two days later.
        let reviews = [
            review("a", "2024-01-01T10:00:00Z", 3),
            review("a", "2024-01-03T10:00:00Z", 3),
        ];
        let metrics = evaluate(&reviews, None).expect("evaluates");
        let stability = DEFAULT_PARAMETERS[2];
        let recall = retrievability(DEFAULT_PARAMETERS[20], 2, stability);
        assert_eq!(metrics.predictions, 1);
        assert!((metrics.log_loss + f64::from(recall).ln()).abs() < 1e-9);
        assert!((metrics.rmse_bins - (1.0 - f64::from(recall))).abs() < 1e-9);
        let error = evaluate(&reviews[..1], None).expect_err("nothing to predict");
        assert!(matches!(error, OptimizeError::TooFew { have: 0, .. }));
    }

    #[test]
    fn fitting_waits_for_enough_predictions_and_adopts_only_a_better_fit() {
        let history = |predictions| History {
            reviews: Vec::new(),
            predictions,
        };
        assert_eq!(history(0).short_of_fitting(), Some(MIN_REVIEWS));
        assert_eq!(history(MIN_REVIEWS - 1).short_of_fitting(), Some(1));
        assert_eq!(history(MIN_REVIEWS).short_of_fitting(), None);
        assert_eq!(history(MIN_REVIEWS + 1).short_of_fitting(), None);

        let metrics = |log_loss| Metrics {
            log_loss,
            rmse_bins: 0.1,
            predictions: MIN_REVIEWS,
        };
        let comparison = |before, after| Comparison {
            before: metrics(before),
            fitted: DEFAULT_PARAMETERS.to_vec(),
            after: metrics(after),
        };
        assert!(comparison(0.5, 0.4).improves());
        assert!(!comparison(0.5, 0.5).improves());
        assert!(!comparison(0.4, 0.5).improves());
    }

    #[test]
    fn progress_is_relayed_and_a_false_answer_stops_the_work() {
        let state = CombinedProgressState::new_shared();
        {
            // fsrs does not export the type of a split's progress, only its fields.
            let mut state = lock(&state);
            state.splits = vec![Default::default()];
            let split = &mut state.splits[0];
            (split.epoch, split.epoch_total) = (2, 5);
            (split.items_processed, split.items_total) = (10, 100);
        }
        let mut seen = Vec::new();
        let outcome = with_progress(
            &state,
            || {
                // Stands in for fsrs's training loop, which checks the flag between batches.
                while !lock(&state).want_abort {
                    thread::sleep(Duration::from_millis(5));
                }
                "stopped"
            },
            &mut |done, total| {
                seen.push((done, total));
                false
            },
        );
        assert_eq!(outcome, "stopped");
        assert_eq!(seen, [(110, 500)]);
    }
}
