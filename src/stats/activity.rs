//! How steadily the learner studies and what is coming: reviews per learner day for the
//! heatmap, the streak of days studied in a row, and the forecast day a due card falls in.
//! Each day's reviews are one indexed count, so a million-review log is never read whole.

use jiff::SignedDuration;
use jiff::civil::Date;
use serde::Serialize;

use super::instant;
use crate::calendar::Calendar;
use crate::deck::DeckId;
use crate::store::Store;

/// Columns of the heatmap: 26 weeks, the last one being the current week.
pub(crate) const WEEKS: usize = 26;
/// Days of the due forecast, today first.
pub(crate) const FORECAST_DAYS: usize = 30;

#[derive(Debug, Serialize)]
pub(crate) struct Heatmap {
    pub first_day: String,
    pub last_day: String,
    pub reviews: u64,
    pub days_studied: u64,
    pub busiest_day: u64,
    pub days: Vec<DayCount>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DayCount {
    pub date: String,
    pub reviews: u64,
}

#[derive(Debug, Serialize)]
pub(crate) struct Streak {
    pub days: u64,
    pub studied_today: bool,
}

/// Days studied in a row, counted back from the last day of `days` (today); a today
/// without reviews does not break the streak yet, it just is not part of it.
/// The second value says whether the run reached the first day, so it may go on further back.
pub(crate) fn streak_in(days: &[u64]) -> (u64, bool) {
    let mut rest = days;
    if let Some((&0, before)) = rest.split_last() {
        rest = before;
    }
    let run = rest.iter().rev().take_while(|&&count| count > 0).count();
    (run as u64, run == rest.len())
}

/// The forecast day a due instant falls in: 0 for today (and anything overdue), `None`
/// beyond the forecast. `boundaries` start today.
pub(crate) fn due_day(boundaries: &[i64], due_ms: i64) -> Option<usize> {
    let after = boundaries.partition_point(|&start| start <= due_ms);
    (after < boundaries.len()).then(|| after.saturating_sub(1))
}

/// The heatmap (from the Monday 25 weeks before this week's up to today) and the streak.
pub(crate) fn activity(
    store: &Store,
    calendar: &Calendar,
    filter: Option<&[DeckId]>,
) -> anyhow::Result<(Heatmap, Streak)> {
    let weekday = i64::from(calendar.today.weekday().to_monday_zero_offset());
    let first = calendar.day(-weekday - 7 * (WEEKS as i64 - 1));
    let count = usize::try_from(7 * (WEEKS as i64 - 1) + weekday + 1).unwrap_or(0);
    let days = counts(store, calendar, first, count, filter)?;

    let studied_today = days.last().is_some_and(|&n| n > 0);
    let (mut streak, open) = streak_in(&days);
    if open && streak > 0 {
        // A streak longer than the heatmap is followed back a day at a time: a day was
        // studied when the latest review before its end falls on or after its start.
        let mut studied = first;
        loop {
            let day = studied.saturating_sub(SignedDuration::from_hours(24));
            if day == studied {
                break;
            }
            let end = instant(calendar.start_ms(studied)?)?;
            let start = calendar.start_ms(day)?;
            let latest = match filter {
                None => store.latest_review_before(None, end)?,
                Some(decks) => {
                    let mut latest = None;
                    for deck in decks {
                        latest = latest.max(store.latest_review_before(Some(deck), end)?);
                    }
                    latest
                }
            };
            if latest.is_none_or(|at| at.as_millisecond() < start) {
                break;
            }
            streak += 1;
            studied = day;
        }
    }

    let reviews = days.iter().sum();
    let heatmap = Heatmap {
        first_day: first.to_string(),
        last_day: calendar.today.to_string(),
        reviews,
        days_studied: days.iter().filter(|&&n| n > 0).count() as u64,
        busiest_day: days.iter().copied().max().unwrap_or(0),
        days: days
            .iter()
            .enumerate()
            .map(|(offset, &reviews)| DayCount {
                date: first
                    .saturating_add(SignedDuration::from_hours(24 * offset as i64))
                    .to_string(),
                reviews,
            })
            .collect(),
    };
    Ok((
        heatmap,
        Streak {
            days: streak,
            studied_today,
        },
    ))
}

/// Reviews per learner day for `count` days from `first`, of the chosen decks (`None`:
/// all): one indexed count per day and deck.
fn counts(
    store: &Store,
    calendar: &Calendar,
    first: Date,
    count: usize,
    filter: Option<&[DeckId]>,
) -> anyhow::Result<Vec<u64>> {
    let bounds = calendar.boundaries(first, count)?;
    let mut days = Vec::with_capacity(count);
    for day in bounds.windows(2) {
        let (from, to) = (instant(day[0])?, instant(day[1])?);
        let reviews = match filter {
            None => store.reviews_between(None, from, to)?,
            Some(decks) => {
                let mut sum = 0;
                for deck in decks {
                    sum += store.reviews_between(Some(deck), from, to)?;
                }
                sum
            }
        };
        days.push(reviews);
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streak_counts_back_from_today_or_yesterday() {
        assert_eq!(streak_in(&[0, 1, 1, 1]), (3, false));
        assert_eq!(streak_in(&[0, 1, 1, 0]), (2, false));
        assert_eq!(streak_in(&[1, 1, 0, 0]), (0, false));
        assert_eq!(streak_in(&[1, 1, 1]), (3, true));
        assert_eq!(streak_in(&[1, 1, 0]), (2, true));
        assert_eq!(streak_in(&[]), (0, true));
    }

    #[test]
    fn due_days_put_overdue_cards_today_and_stop_at_the_horizon() {
        let bounds = [100, 200, 300];
        assert_eq!(due_day(&bounds, 5), Some(0));
        assert_eq!(due_day(&bounds, 199), Some(0));
        assert_eq!(due_day(&bounds, 200), Some(1));
        assert_eq!(due_day(&bounds, 300), None);
    }
}
