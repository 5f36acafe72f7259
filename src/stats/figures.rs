//! The figures of a deck's row: how many cards are new, young and mature, how many are due,
//! how well they are retained, and their average stability; and the retention of each deck
//! over the last 7 and 30 learner days, read from the review log.

use std::collections::HashMap;

use jiff::tz::TimeZone;
use serde::Serialize;

use super::instant;
use crate::calendar::{self, Calendar, day_index};
use crate::schedule::{CardState, Rating};
use crate::store::Store;

/// A card whose scheduled interval is this many days or more counts as mature.
pub(crate) const MATURE_DAYS: u32 = 21;

/// Share answered right (rating above Again) among reviews that tested memory: those a
/// learner day or more after the card's previous scheduled review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub(crate) struct Retention {
    pub reviews: u64,
    pub passed: u64,
    pub rate: Option<f64>,
}

impl Retention {
    pub(crate) fn add(&mut self, passed: bool) {
        self.reviews += 1;
        self.passed += u64::from(passed);
        self.rate = Some(self.passed as f64 / self.reviews as f64);
    }

    pub(crate) fn merge(&mut self, other: &Retention) {
        self.reviews += other.reviews;
        self.passed += other.passed;
        self.rate = (self.reviews > 0).then(|| self.passed as f64 / self.reviews as f64);
    }

    pub(crate) fn describe(&self) -> String {
        match self.rate {
            Some(rate) => format!("{:.1}% of {}", rate * 100.0, self.reviews),
            None => "-".to_owned(),
        }
    }
}

/// The figures of one deck's row (or of the total row).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Figures {
    pub cards: u64,
    pub new: u64,
    pub young: u64,
    pub mature: u64,
    pub due_today: u64,
    pub due_7_days: u64,
    pub retention_7_days: Retention,
    pub retention_30_days: Retention,
    pub average_stability: Option<f64>,
    #[serde(skip)]
    stability_sum: f64,
}

impl Figures {
    /// Counts one reviewed card; `due_day` is its forecast day (0 = today or overdue).
    pub(crate) fn add_card(&mut self, state: &CardState, due_day: Option<usize>, tz: &TimeZone) {
        self.cards += 1;
        if calendar::learner_days_at_least(state.last_review, state.due, MATURE_DAYS, tz) {
            self.mature += 1;
        } else {
            self.young += 1;
        }
        if due_day == Some(0) {
            self.due_today += 1;
        }
        if due_day.is_some_and(|day| day < 7) {
            self.due_7_days += 1;
        }
        self.stability_sum += f64::from(state.memory.stability);
        self.average_stability = Some(self.stability_sum / (self.young + self.mature) as f64);
    }

    pub(crate) fn merge(&mut self, other: &Figures) {
        self.cards += other.cards;
        self.new += other.new;
        self.young += other.young;
        self.mature += other.mature;
        self.due_today += other.due_today;
        self.due_7_days += other.due_7_days;
        self.retention_7_days.merge(&other.retention_7_days);
        self.retention_30_days.merge(&other.retention_30_days);
        self.stability_sum += other.stability_sum;
        let reviewed = self.young + self.mature;
        self.average_stability = (reviewed > 0).then(|| self.stability_sum / reviewed as f64);
    }
}

/// Retention per deck over the last 7 and the last 30 learner days (today included).
pub(crate) fn retention(
    store: &Store,
    calendar: &Calendar,
) -> anyhow::Result<HashMap<String, (Retention, Retention)>> {
    let days = 30;
    let bounds = calendar.boundaries(calendar.day(1 - days as i64), days)?;
    let mut by_deck: HashMap<String, (Retention, Retention)> = HashMap::new();
    let (from, to) = (instant(bounds[0])?, instant(bounds[days])?);
    store.retention_samples(from, to, |sample| {
        let (Some(previous), Some(day)) = (
            sample.previous,
            day_index(&bounds, sample.at.as_millisecond()),
        ) else {
            return;
        };
        // A repeat on the same learner day tests short-term memory, not retention.
        if previous.as_millisecond() >= bounds[day] {
            return;
        }
        let passed = sample.rating > Rating::Again;
        let entry = match by_deck.get_mut(sample.deck) {
            Some(entry) => entry,
            None => by_deck.entry(sample.deck.to_owned()).or_default(),
        };
        if day >= days - 7 {
            entry.0.add(passed);
        }
        entry.1.add(passed);
    })?;
    Ok(by_deck)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_merges_by_counts() {
        let mut a = Retention::default();
        a.add(true);
        a.add(false);
        let mut b = Retention::default();
        b.add(true);
        a.merge(&b);
        assert_eq!((a.reviews, a.passed), (3, 2));
        assert_eq!(a.rate, Some(2.0 / 3.0));
        assert_eq!(Retention::default().describe(), "-");
        assert_eq!(a.describe(), "66.7% of 3");
    }
}
