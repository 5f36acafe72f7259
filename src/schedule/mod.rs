//! Spaced-repetition scheduling for `quiz`. The FSRS-6 model from the `fsrs`
//! crate decides how memory changes after a review, but it knows nothing about
//! calendars, time zones or counting reps and lapses. It also reports failures
//! in terms meant for its own developers. This module wraps it in a small, pure
//! API so the rest of the program never has to care. It turns a rating and an
//! instant into a new card state, it measures elapsed time in *learner days*
//! (days that roll over at 04:00 local time, so a late-night session counts as
//! one day), and its errors are written for the person at the keyboard. Nothing
//! here reads the clock or the system time zone. Callers pass both in, so every
//! result can be reproduced in tests.
//!
//! Around the model: [`parameters`] are the learner's own FSRS parameters, as `quiz
//! optimize` saved them in the store, and [`optimize`] fits them to the review history and
//! measures how well any parameters predict it.

pub(crate) mod optimize;
pub(crate) mod parameters;
pub(crate) mod retention;

use fsrs::{FSRS, FSRSError, ItemState, MemoryState, NextStates};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::calendar::{learner_days_between, next_day_start};

/// Longest interval [`Scheduler::review`] will schedule, in days (100 years).
///
/// At low desired retention FSRS happily produces intervals of millions of
/// days, which would push due dates past the year 9999 that `jiff` can
/// represent. A century is already "never" for a flashcard.
pub(crate) const MAX_INTERVAL_DAYS: u32 = 36_500;

/// The lowest stability `fsrs` works with. It clamps to this floor internally
/// but does not export the constant. We need it to keep the forgetting curve
/// from dividing by zero.
pub(crate) const MIN_STABILITY: f32 = 0.001;

/// The range `fsrs` clips the decay parameter (w20) to. We evaluate the
/// forgetting curve ourselves, so we clip the same way to agree with the
/// intervals `fsrs` computes.
const DECAY_RANGE: (f32, f32) = (0.1, 0.8);

/// How well the learner recalled a card, as the usual four buttons, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    /// Every rating, in button order.
    pub(crate) const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating for a button number, `1..=4`.
    pub(crate) fn from_number(n: u8) -> Option<Rating> {
        Rating::ALL.into_iter().find(|rating| rating.number() == n)
    }

    /// The one name table: the button's word, as the learner types it in flip mode and as
    /// the log records a grade.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The button number, `1..=4`. This is also the rating number FSRS uses.
    pub(crate) fn number(self) -> u8 {
        self as u8
    }
}

/// The FSRS memory model of one card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Memory {
    /// Days until recall probability falls to 90%.
    pub stability: f32,
    /// How hard the card is, from 1 (easy) to 10 (hard).
    pub difficulty: f32,
}

impl Memory {
    fn to_fsrs(self) -> MemoryState {
        MemoryState {
            stability: self.stability,
            difficulty: self.difficulty,
        }
    }

    fn from_fsrs(state: MemoryState) -> Memory {
        Memory {
            stability: state.stability,
            difficulty: state.difficulty,
        }
    }
}

/// A card's scheduling state after a review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CardState {
    pub memory: Memory,
    pub due: Timestamp,
    pub last_review: Timestamp,
    /// Number of reviews so far, all ratings included.
    pub reps: u32,
    /// Number of `Again` ratings given once the card had been reviewed at
    /// least once (`reps > 0`). That includes an `Again` repeated on the same
    /// day as the card's first review. The very first rating of a new card is
    /// never a lapse, because nothing had been learned yet that could be
    /// forgotten.
    pub lapses: u32,
}

/// Why a schedule could not be computed. The messages are meant for the
/// learner.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ScheduleError {
    #[error(
        "desired retention must be greater than 0 and at most 1 (for example 0.9), but it is {0}"
    )]
    InvalidRetention(f32),
    #[error("expected 21 FSRS parameters (or 17 or 19 from an older FSRS version), but got {0}")]
    WrongParameterCount(usize),
    #[error("FSRS parameter number {} is {value}, but every parameter must be a finite number", index + 1)]
    NonFiniteParameter { index: usize, value: f32 },
    #[error(
        "this card's saved memory state is corrupt (stability {stability}, difficulty {difficulty}); reset the card to schedule it again"
    )]
    CorruptMemory { stability: f32, difficulty: f32 },
    #[error("the next review date would fall outside the supported calendar range")]
    DueOutOfRange(#[source] jiff::Error),
    #[error("the FSRS scheduler rejected its input")]
    Fsrs(#[from] FSRSError),
}

/// The FSRS model together with the learner's chosen retention.
#[derive(Debug, Clone)]
pub(crate) struct Scheduler {
    fsrs: FSRS,
    /// The parameters as given, padded to 21 when they came from an older
    /// FSRS version. `fsrs` clips them internally, but we hand back what the
    /// learner configured.
    parameters: Vec<f32>,
    desired_retention: f32,
    /// The desired retention's changes, by instant (see [`Scheduler::with_retention_changes`]).
    retention_changes: Vec<(Timestamp, f32)>,
    /// The forgetting-curve decay (w20), clipped the same way `fsrs` clips it.
    decay: f32,
}

impl Scheduler {
    pub(crate) const DEFAULT_RETENTION: f32 = 0.9;

    /// `None` = FSRS-6 default parameters. Retention must be in (0, 1]; else error.
    ///
    /// Parameters may have 21 values (FSRS-6), or 17 or 19 values (FSRS-4.5 and
    /// FSRS-5), which `fsrs` converts. Any other length is an error, even an
    /// empty slice. `None` is the one way to ask for the defaults, so a
    /// truncated configuration cannot quietly turn into them.
    pub(crate) fn new(
        parameters: Option<&[f32]>,
        desired_retention: f32,
    ) -> Result<Self, ScheduleError> {
        if !retention_is_valid(desired_retention) {
            return Err(ScheduleError::InvalidRetention(desired_retention));
        }
        let given = parameters.unwrap_or(&fsrs::DEFAULT_PARAMETERS);
        if !matches!(given.len(), 17 | 19 | 21) {
            return Err(ScheduleError::WrongParameterCount(given.len()));
        }
        if let Some((index, &value)) = given.iter().enumerate().find(|(_, w)| !w.is_finite()) {
            return Err(ScheduleError::NonFiniteParameter { index, value });
        }
        let parameters = fsrs::check_and_fill_parameters(given)?;
        let fsrs = FSRS::new(&parameters)?;
        let decay = parameters
            .get(20)
            .copied()
            .unwrap_or(fsrs::FSRS6_DEFAULT_DECAY)
            .clamp(DECAY_RANGE.0, DECAY_RANGE.1);
        Ok(Scheduler {
            fsrs,
            parameters,
            desired_retention,
            retention_changes: Vec::new(),
            decay,
        })
    }

    /// This scheduler with the desired retention's changes of every device (instant, value;
    /// in the order of instant, then device id, then sequence number): a review then gets
    /// its interval from the retention in effect at its own instant, and before the first
    /// change from the first one, so a card's row is a function of the events alone and
    /// every device replays it the same. Without changes, the retention given to `new`
    /// holds throughout. A value the scheduler cannot use is left out.
    pub(crate) fn with_retention_changes(mut self, changes: Vec<(Timestamp, f32)>) -> Scheduler {
        self.retention_changes = changes
            .into_iter()
            .filter(|(_, retention)| retention_is_valid(*retention))
            .collect();
        self
    }

    /// A scheduler with `parameters` (as [`Scheduler::new`] takes them) and this one's
    /// desired retention and its changes.
    pub(crate) fn with_parameters(&self, parameters: &[f32]) -> Result<Scheduler, ScheduleError> {
        let mut scheduler = Scheduler::new(Some(parameters), self.desired_retention)?;
        scheduler.retention_changes = self.retention_changes.clone();
        Ok(scheduler)
    }

    /// The desired retention in effect at `at`.
    pub(crate) fn retention_at(&self, at: Timestamp) -> f32 {
        let later = self.retention_changes.partition_point(|(t, _)| *t <= at);
        match later.checked_sub(1) {
            Some(index) => self.retention_changes[index].1,
            None => self
                .retention_changes
                .first()
                .map_or(self.desired_retention, |first| first.1),
        }
    }

    /// The 21 FSRS-6 parameters in use, before `fsrs` clips them.
    pub(crate) fn parameters(&self) -> &[f32] {
        &self.parameters
    }

    #[cfg(test)]
    pub(crate) fn desired_retention(&self) -> f32 {
        self.desired_retention
    }

    /// Memory after one review. `elapsed_days` = whole learner days since the previous review (0 = same-day repeat); `memory` None for a new card.
    ///
    /// A new card starts from the FSRS initial state for the rating, and
    /// `elapsed_days` is ignored. With `elapsed_days == 0`, FSRS applies its
    /// short-term (same-day) stability update instead of the long-term one.
    pub(crate) fn next_memory(
        &self,
        memory: Option<Memory>,
        rating: Rating,
        elapsed_days: u32,
    ) -> Result<Memory, ScheduleError> {
        if let Some(m) = memory
            && !(m.stability.is_finite() && m.difficulty.is_finite())
        {
            return Err(ScheduleError::CorruptMemory {
                stability: m.stability,
                difficulty: m.difficulty,
            });
        }
        let next = self.fsrs.next_states(
            memory.map(Memory::to_fsrs),
            self.desired_retention,
            elapsed_days,
        )?;
        Ok(Memory::from_fsrs(pick(&next, rating).memory))
    }

    /// Interval in whole days for a stability at this scheduler's desired retention (rounded, at least 1).
    #[cfg(test)]
    pub(crate) fn interval_days(&self, stability: f32) -> u32 {
        self.interval_days_at(stability, self.desired_retention)
    }

    /// Same with an explicit retention (for the retention table test).
    ///
    /// The retention is not checked here. A value outside (0, 1] gives a
    /// meaningless but harmless result, saturated to `1..=u32::MAX`.
    pub(crate) fn interval_days_at(&self, stability: f32, desired_retention: f32) -> u32 {
        // The rating only matters when there is no stability (a new card), and
        // there always is one here.
        let days = self.fsrs.next_interval(
            Some(stability),
            desired_retention,
            Rating::Good.number().into(),
        );
        // `f32::max` discards NaN, and `as` saturates, so the result is always
        // a usable interval.
        days.round().max(1.0) as u32
    }

    /// Probability of recall after `elapsed_days` (fractional) days.
    ///
    /// Negative elapsed time (a clock that went backwards) counts as zero.
    pub(crate) fn retrievability(&self, memory: Memory, elapsed_days: f32) -> f32 {
        let state = MemoryState {
            stability: memory.stability.max(MIN_STABILITY),
            difficulty: memory.difficulty,
        };
        fsrs::current_retrievability(state, elapsed_days.max(0.0), self.decay)
    }

    /// The whole review: state before (None = new card), rating, the instant of the review, and the learner's time zone (for learner days).
    ///
    /// * Elapsed time is [`learner_days_between`] the previous review and
    ///   `now`. That is 0 for a new card, and also for a repeat on the same
    ///   learner day, which makes FSRS use its short-term update.
    /// * The interval is [`Self::interval_days_at`] of the new stability and the
    ///   retention in effect at `now` ([`Self::retention_at`]), capped
    ///   at [`MAX_INTERVAL_DAYS`].
    /// * `due` is `now` moved forward by that many *calendar* days in `tz`,
    ///   keeping the local time of day. A review at 19:00 is due at 19:00,
    ///   even across a DST change, where that is 23 or 25 hours per day rather
    ///   than 24. If that time does not exist locally, the rule is the one
    ///   `jiff` calls "compatible": after a gap, the later time; in a fold, the
    ///   first occurrence. The result is never earlier than
    ///   [`next_day_start`]`(now)`, so a card just reviewed is never due again
    ///   "today".
    /// * `reps` goes up by 1, and `lapses` goes up by 1 on `Again` when
    ///   `reps > 0` (see [`CardState::lapses`]).
    pub(crate) fn review(
        &self,
        previous: Option<&CardState>,
        rating: Rating,
        now: Timestamp,
        tz: &TimeZone,
    ) -> Result<CardState, ScheduleError> {
        let elapsed = previous.map_or(0, |p| learner_days_between(p.last_review, now, tz));
        let memory = self.next_memory(previous.map(|p| p.memory), rating, elapsed)?;
        let interval = self
            .interval_days_at(memory.stability, self.retention_at(now))
            .min(MAX_INTERVAL_DAYS);
        let due = due_after(now, interval, tz)?;
        let (reps, lapses) = match previous {
            None => (0, 0),
            Some(p) => (p.reps, p.lapses),
        };
        let lapsed = rating == Rating::Again && reps > 0;
        Ok(CardState {
            memory,
            due,
            last_review: now,
            reps: reps.saturating_add(1),
            lapses: lapses.saturating_add(u32::from(lapsed)),
        })
    }

    /// A card's state after its reviews (oldest first), through the same [`Scheduler::review`]
    /// a live answer goes through, so rebuilt rows equal live ones. `None` for no reviews.
    pub(crate) fn replay(
        &self,
        reviews: &[(Timestamp, Rating)],
        tz: &TimeZone,
    ) -> Result<Option<CardState>, ScheduleError> {
        let mut state = None;
        for &(at, rating) in reviews {
            state = Some(self.review(state.as_ref(), rating, at, tz)?);
        }
        Ok(state)
    }

    /// Retrievability of a card at `now` (fractional days since last review).
    ///
    /// This uses real elapsed time, not learner days. The forgetting curve is
    /// continuous, and a card reviewed at 03:00 has been forgotten a little
    /// more by 05:00 the same night.
    pub(crate) fn retrievability_at(&self, state: &CardState, now: Timestamp) -> f32 {
        let seconds = now.duration_since(state.last_review).as_secs_f64();
        let days = (seconds / 86_400.0) as f32;
        self.retrievability(state.memory, days)
    }
}

fn retention_is_valid(retention: f32) -> bool {
    retention > 0.0 && retention <= 1.0
}

fn pick(next: &NextStates, rating: Rating) -> &ItemState {
    match rating {
        Rating::Again => &next.again,
        Rating::Hard => &next.hard,
        Rating::Good => &next.good,
        Rating::Easy => &next.easy,
    }
}

fn due_after(
    now: Timestamp,
    interval_days: u32,
    tz: &TimeZone,
) -> Result<Timestamp, ScheduleError> {
    // Civil datetimes have no DST, so adding 24h per day here keeps the local
    // time of day. Resolving back through `tz` then yields the right instant.
    let local = tz
        .to_datetime(now)
        .checked_add(SignedDuration::from_hours(24 * i64::from(interval_days)))
        .map_err(ScheduleError::DueOutOfRange)?;
    let due = tz
        .to_timestamp(local)
        .map_err(ScheduleError::DueOutOfRange)?;
    Ok(due.max(next_day_start(now, tz)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::zones::{at, dst_zones, fixed_tz};

    fn default_scheduler() -> Scheduler {
        Scheduler::new(None, Scheduler::DEFAULT_RETENTION).unwrap()
    }

    #[test]
    fn other_parameters_keep_the_retention_and_its_changes() {
        let at = |s: i64| Timestamp::from_second(s).unwrap();
        let base = Scheduler::new(None, 0.85)
            .unwrap()
            .with_retention_changes(vec![(at(100), 0.8)]);
        let mut fitted = fsrs::DEFAULT_PARAMETERS.to_vec();
        fitted[0] = 0.5;
        let other = base.with_parameters(&fitted).unwrap();
        assert_eq!(other.parameters(), &fitted[..]);
        assert_eq!(other.desired_retention(), 0.85);
        assert_eq!(other.retention_at(at(50)), 0.8);
        assert!(base.with_parameters(&[1.0, 2.0]).is_err());
    }

    #[test]
    fn the_retention_in_effect_is_the_latest_change_before_the_instant() {
        let at = |s: i64| Timestamp::from_second(s).unwrap();
        let plain = default_scheduler();
        assert_eq!(plain.retention_at(at(0)), 0.9);
        let changed = default_scheduler().with_retention_changes(vec![
            (at(100), 0.8),
            (at(200), 0.95),
            (at(200), 0.7),
            (at(300), 1.5),
        ]);
        // Before the first change, the first; at an instant, its last change; a value no
        // scheduler can use is left out.
        assert_eq!(changed.retention_at(at(50)), 0.8);
        assert_eq!(changed.retention_at(at(100)), 0.8);
        assert_eq!(changed.retention_at(at(199)), 0.8);
        assert_eq!(changed.retention_at(at(200)), 0.7);
        assert_eq!(changed.retention_at(at(10_000)), 0.7);
        // A review gets its interval from the retention at its own instant.
        let tz = TimeZone::UTC;
        let early = changed.review(None, Rating::Good, at(150), &tz).unwrap();
        let late = changed.review(None, Rating::Good, at(250), &tz).unwrap();
        let days = |state: &CardState, from: i64| (state.due.as_second() - from) / 86_400;
        assert_eq!(
            days(&early, 150),
            i64::from(plain.interval_days_at(early.memory.stability, 0.8))
        );
        assert_eq!(
            days(&late, 250),
            i64::from(plain.interval_days_at(late.memory.stability, 0.7))
        );
        assert!(days(&late, 250) > days(&early, 150));
    }

    #[test]
    fn rating_numbers_round_trip() {
        for n in 1..=4 {
            assert_eq!(Rating::from_number(n).unwrap().number(), n);
        }
        assert_eq!(Rating::from_number(0), None);
        assert_eq!(Rating::from_number(5), None);
        assert_eq!(Rating::from_number(3), Some(Rating::Good));
    }

    #[test]
    fn memory_matches_fsrs_reference_sequence() {
        // Same sequence as fsrs-rs's `test_memory_state`: the elapsed days
        // before each review, with the first one ignored because the card is new.
        let scheduler = default_scheduler();
        let ratings = [
            Rating::Again,
            Rating::Good,
            Rating::Good,
            Rating::Good,
            Rating::Good,
            Rating::Good,
        ];
        let elapsed = [0, 0, 1, 3, 8, 21];
        let mut memory = None;
        for (rating, days) in ratings.into_iter().zip(elapsed) {
            memory = Some(scheduler.next_memory(memory, rating, days).unwrap());
        }
        let memory = memory.unwrap();
        assert!(
            (memory.stability - 53.62691).abs() < 1e-4,
            "stability {}",
            memory.stability
        );
        assert!(
            (memory.difficulty - 6.3574867).abs() < 1e-4,
            "difficulty {}",
            memory.difficulty
        );
    }

    #[test]
    fn review_reproduces_reference_sequence_on_real_days() {
        // The same figures through `review`: reviews on learner days 0, 0, 1,
        // 4, 12 and 33, at varied times of day.
        let scheduler = default_scheduler();
        let tz = fixed_tz();
        let times = [
            at(&tz, 2024, 1, 1, 9, 0),
            at(&tz, 2024, 1, 2, 2, 0), // before rollover: still day 0
            at(&tz, 2024, 1, 2, 18, 0),
            at(&tz, 2024, 1, 5, 4, 0),
            at(&tz, 2024, 1, 13, 12, 0),
            at(&tz, 2024, 2, 3, 23, 59),
        ];
        let ratings = [
            Rating::Again,
            Rating::Good,
            Rating::Good,
            Rating::Good,
            Rating::Good,
            Rating::Good,
        ];
        let mut state: Option<CardState> = None;
        for (rating, now) in ratings.into_iter().zip(times) {
            state = Some(scheduler.review(state.as_ref(), rating, now, &tz).unwrap());
        }
        let state = state.unwrap();
        assert!((state.memory.stability - 53.62691).abs() < 1e-4);
        assert!((state.memory.difficulty - 6.3574867).abs() < 1e-4);
        assert_eq!(state.reps, 6);
        assert_eq!(state.lapses, 0);
    }

    #[test]
    fn interval_table_at_stability_one() {
        let scheduler = default_scheduler();
        let intervals: Vec<u32> = (1..=10)
            .map(|i| scheduler.interval_days_at(1.0, i as f32 / 10.0))
            .collect();
        assert_eq!(intervals, [3116766, 34793, 2508, 387, 90, 27, 9, 3, 1, 1]);
    }

    #[test]
    fn interval_days_uses_own_retention() {
        let scheduler = Scheduler::new(None, 0.5).unwrap();
        assert_eq!(scheduler.interval_days(1.0), 90);
        assert_eq!(default_scheduler().interval_days(1.0), 1);
        assert_eq!(default_scheduler().interval_days(0.0), 1);
        assert_eq!(default_scheduler().interval_days(f32::NAN), 1);
    }

    #[test]
    fn new_card_good_is_due_after_today() {
        let scheduler = default_scheduler();
        let tz = fixed_tz();
        for now in [
            at(&tz, 2024, 3, 5, 4, 0),
            at(&tz, 2024, 3, 5, 15, 30),
            at(&tz, 2024, 3, 6, 3, 59),
        ] {
            let state = scheduler.review(None, Rating::Good, now, &tz).unwrap();
            assert!(state.due > next_day_start(now, &tz));
            assert_eq!(state.reps, 1);
            assert_eq!(state.lapses, 0);
            assert_eq!(state.last_review, now);
            // Default Good stability 2.3065 rounds to 2 days.
            assert_eq!(now.duration_until(state.due).as_hours(), 48);
        }
    }

    #[test]
    fn due_keeps_local_time_across_dst() {
        let scheduler = default_scheduler();
        for tz in dst_zones() {
            // Saturday 10:00 EST, Good on a new card: due 2 days later at
            // 10:00 EDT, which is only 47 real hours away.
            let now = at(&tz, 2024, 3, 9, 10, 0);
            let state = scheduler.review(None, Rating::Good, now, &tz).unwrap();
            assert_eq!(state.due, at(&tz, 2024, 3, 11, 10, 0));
            assert_eq!(now.duration_until(state.due).as_hours(), 47);

            // Right at the start of the 25-hour day, a 1-day interval lands
            // exactly on the next day's start, never inside today.
            let now = at(&tz, 2024, 11, 2, 4, 0);
            let state = scheduler.review(None, Rating::Again, now, &tz).unwrap();
            assert_eq!(state.due, next_day_start(now, &tz));
            assert_eq!(now.duration_until(state.due).as_hours(), 25);
        }
    }

    #[test]
    fn again_after_a_review_is_a_lapse() {
        let scheduler = default_scheduler();
        let tz = fixed_tz();
        let first = at(&tz, 2024, 3, 5, 10, 0);
        let learned = scheduler.review(None, Rating::Good, first, &tz).unwrap();
        let forgot = scheduler
            .review(Some(&learned), Rating::Again, learned.due, &tz)
            .unwrap();
        assert_eq!(forgot.reps, 2);
        assert_eq!(forgot.lapses, 1);
        let again = scheduler
            .review(Some(&forgot), Rating::Again, forgot.due, &tz)
            .unwrap();
        assert_eq!(again.lapses, 2);
        let recovered = scheduler
            .review(Some(&again), Rating::Good, again.due, &tz)
            .unwrap();
        assert_eq!(recovered.reps, 4);
        assert_eq!(recovered.lapses, 2);
    }

    #[test]
    fn again_on_new_card_then_good_same_day() {
        let scheduler = default_scheduler();
        let tz = fixed_tz();
        let first = at(&tz, 2024, 3, 5, 23, 0);
        let failed = scheduler.review(None, Rating::Again, first, &tz).unwrap();
        assert_eq!(failed.reps, 1);
        assert_eq!(failed.lapses, 0);

        // 03:30 next calendar day is still the same learner day.
        let retry = at(&tz, 2024, 3, 6, 3, 30);
        let passed = scheduler
            .review(Some(&failed), Rating::Good, retry, &tz)
            .unwrap();
        let same_day = scheduler
            .next_memory(Some(failed.memory), Rating::Good, 0)
            .unwrap();
        let next_day = scheduler
            .next_memory(Some(failed.memory), Rating::Good, 1)
            .unwrap();
        assert_eq!(passed.memory, same_day);
        assert_ne!(passed.memory, next_day);
        assert_eq!(passed.reps, 2);
        assert_eq!(passed.lapses, 0);
        assert!(passed.due >= next_day_start(retry, &tz));
    }

    #[test]
    fn better_ratings_give_longer_intervals() {
        let scheduler = default_scheduler();
        let mature = Memory {
            stability: 10.0,
            difficulty: 5.0,
        };
        let interval = |rating| {
            let memory = scheduler.next_memory(Some(mature), rating, 10).unwrap();
            scheduler.interval_days(memory.stability)
        };
        let (again, hard, good, easy) = (
            interval(Rating::Again),
            interval(Rating::Hard),
            interval(Rating::Good),
            interval(Rating::Easy),
        );
        assert!(again < hard, "{again} < {hard}");
        assert!(hard < good, "{hard} < {good}");
        assert!(good < easy, "{good} < {easy}");

        // New cards: Again and Hard both round to the 1-day floor.
        let new_interval = |rating| {
            let memory = scheduler.next_memory(None, rating, 0).unwrap();
            scheduler.interval_days(memory.stability)
        };
        assert!(new_interval(Rating::Again) <= new_interval(Rating::Hard));
        assert!(new_interval(Rating::Hard) < new_interval(Rating::Good));
        assert!(new_interval(Rating::Good) < new_interval(Rating::Easy));
    }

    #[test]
    fn retrievability_starts_at_one_and_decreases() {
        let scheduler = default_scheduler();
        let memory = Memory {
            stability: 5.0,
            difficulty: 5.0,
        };
        assert_eq!(scheduler.retrievability(memory, 0.0), 1.0);
        assert_eq!(scheduler.retrievability(memory, -3.0), 1.0);
        let mut previous = 1.0;
        for tenth in 1..=1000 {
            let r = scheduler.retrievability(memory, tenth as f32 / 10.0);
            assert!(
                r < previous,
                "R({}) = {r} >= {previous}",
                tenth as f32 / 10.0
            );
            assert!(r > 0.0);
            previous = r;
        }
        // Stability is by definition the time to 90% recall.
        assert!((scheduler.retrievability(memory, 5.0) - 0.9).abs() < 1e-5);
    }

    #[test]
    fn retrievability_at_uses_fractional_days() {
        let scheduler = default_scheduler();
        let tz = fixed_tz();
        let now = at(&tz, 2024, 3, 5, 10, 0);
        let state = scheduler.review(None, Rating::Good, now, &tz).unwrap();
        assert_eq!(scheduler.retrievability_at(&state, now), 1.0);
        let earlier = at(&tz, 2024, 3, 5, 9, 0);
        assert_eq!(scheduler.retrievability_at(&state, earlier), 1.0);
        let half_day = now.checked_add(SignedDuration::from_hours(12)).unwrap();
        let expected = scheduler.retrievability(state.memory, 0.5);
        assert!((scheduler.retrievability_at(&state, half_day) - expected).abs() < 1e-6);
        assert!(expected < 1.0);
    }

    #[test]
    fn retention_must_be_in_zero_one() {
        for bad in [0.0, -0.1, 1.0001, 2.0, f32::NAN, f32::INFINITY] {
            assert!(
                matches!(
                    Scheduler::new(None, bad),
                    Err(ScheduleError::InvalidRetention(_))
                ),
                "{bad} accepted"
            );
        }
        for good in [0.01, 0.7, 0.9, 1.0] {
            assert_eq!(
                Scheduler::new(None, good).unwrap().desired_retention(),
                good
            );
        }
    }

    #[test]
    fn parameters_are_checked() {
        for len in [0, 1, 16, 18, 20, 22] {
            let parameters = vec![0.5; len];
            assert!(
                matches!(
                    Scheduler::new(Some(&parameters), 0.9),
                    Err(ScheduleError::WrongParameterCount(n)) if n == len
                ),
                "{len} parameters accepted"
            );
        }

        let mut parameters = fsrs::DEFAULT_PARAMETERS;
        parameters[7] = f32::NAN;
        let err = Scheduler::new(Some(&parameters), 0.9).unwrap_err();
        assert!(matches!(
            err,
            ScheduleError::NonFiniteParameter { index: 7, .. }
        ));
        assert!(err.to_string().contains("number 8"));

        let scheduler = Scheduler::new(Some(&fsrs::DEFAULT_PARAMETERS), 0.9).unwrap();
        assert_eq!(scheduler.parameters(), fsrs::DEFAULT_PARAMETERS);
        assert_eq!(default_scheduler().parameters(), fsrs::DEFAULT_PARAMETERS);

        // FSRS-5 parameters are padded with the FSRS-5 decay.
        let scheduler = Scheduler::new(Some(&fsrs::DEFAULT_PARAMETERS[..19]), 0.9).unwrap();
        assert_eq!(scheduler.parameters().len(), 21);
        assert_eq!(scheduler.parameters()[20], fsrs::FSRS5_DEFAULT_DECAY);
    }

    #[test]
    fn corrupt_memory_is_an_error() {
        let scheduler = default_scheduler();
        let corrupt = Memory {
            stability: f32::NAN,
            difficulty: 5.0,
        };
        assert!(matches!(
            scheduler.next_memory(Some(corrupt), Rating::Good, 3),
            Err(ScheduleError::CorruptMemory { .. })
        ));
    }

    #[test]
    fn long_intervals_are_capped() {
        let scheduler = Scheduler::new(None, 0.1).unwrap();
        let tz = fixed_tz();
        let now = at(&tz, 2024, 3, 5, 10, 0);
        let previous = CardState {
            memory: Memory {
                stability: 30_000.0,
                difficulty: 1.0,
            },
            due: now,
            last_review: at(&tz, 1950, 1, 1, 10, 0),
            reps: 20,
            lapses: 0,
        };
        let state = scheduler
            .review(Some(&previous), Rating::Easy, now, &tz)
            .unwrap();
        assert_eq!(learner_days_between(now, state.due, &tz), MAX_INTERVAL_DAYS);
    }

    #[test]
    fn replay_is_review_after_review() {
        let scheduler = Scheduler::new(None, 0.9).unwrap();
        let tz = TimeZone::UTC;
        let t1: Timestamp = "2024-01-01T10:00:00Z".parse().unwrap();
        let t2: Timestamp = "2024-01-04T10:00:00Z".parse().unwrap();
        let first = scheduler.review(None, Rating::Good, t1, &tz).unwrap();
        let second = scheduler
            .review(Some(&first), Rating::Again, t2, &tz)
            .unwrap();
        let log = [(t1, Rating::Good), (t2, Rating::Again)];
        assert_eq!(scheduler.replay(&log, &tz).unwrap(), Some(second));
        assert_eq!(scheduler.replay(&[], &tz).unwrap(), None);
    }
}
