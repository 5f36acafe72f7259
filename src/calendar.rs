//! Learner days and how instants are put into words.
//!
//! A learner day rolls over at 04:00 local time, so a late-night session counts as one day.
//! The scheduler, the session's daily limits and the statistics all count days this way;
//! this is the one place that says how. Nothing here reads the clock: callers pass `now`
//! and the time zone in.

use anyhow::Context as _;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::env::Clock;

/// Hour at which the learner's day rolls over (local time).
pub(crate) const DAY_ROLLOVER_HOUR: i8 = 4;

/// The months in English, January first: dates in answers, documents and the heatmap use
/// these names (abbreviations are their first three letters).
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The learner day an instant falls in: local date of (t - 4h).
///
/// The 4 hours are taken off the local *wall clock*, not the absolute time.
/// On the day clocks spring forward, 04:30 local is only 3½ real hours after
/// midnight, but it still belongs to the new day.
pub(crate) fn learner_day(t: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(t)
        .saturating_sub(SignedDuration::from_hours(DAY_ROLLOVER_HOUR.into()))
        .date()
}

/// Whole learner days from a to b (0 if same learner day; never negative: clamp to 0).
pub(crate) fn learner_days_between(a: Timestamp, b: Timestamp, tz: &TimeZone) -> u32 {
    // Civil dates differ by an exact multiple of 24 hours, so this division
    // never truncates.
    let days = learner_day(a, tz)
        .duration_until(learner_day(b, tz))
        .as_hours()
        / 24;
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

/// Whether `a` and `b` are at least `days` learner days apart, as
/// [`learner_days_between`] counts; `quiz stats` asks it of 100,000 cards, and two
/// conversions to local time a card were a tenth of its time. Local dates follow UTC
/// within the largest offset either way (jiff's: under 26 hours), so an interval well
/// clear of the boundary needs no conversion.
pub(crate) fn learner_days_at_least(a: Timestamp, b: Timestamp, days: u32, tz: &TimeZone) -> bool {
    const DAY: i64 = 86_400_000;
    const OFFSETS: i64 = 2 * 26 * 3_600_000;
    if days == 0 {
        return true;
    }
    let apart = b.as_millisecond().saturating_sub(a.as_millisecond());
    let days_ms = i64::from(days).saturating_mul(DAY);
    if apart >= days_ms.saturating_add(OFFSETS) {
        return true;
    }
    if apart <= days_ms.saturating_sub(DAY).saturating_sub(OFFSETS) {
        return false;
    }
    learner_days_between(a, b, tz) >= days
}

/// The instant the learner's next day starts (next 04:00 local after `now`). "Due today" means due before this.
pub(crate) fn next_day_start(now: Timestamp, tz: &TimeZone) -> Timestamp {
    let next_day = learner_day(now, tz).saturating_add(SignedDuration::from_hours(24));
    // This only fails at the very end of jiff's supported range. There, "the
    // next day never starts" is the sensible answer.
    rollover_instant(next_day, tz).unwrap_or(Timestamp::MAX)
}

/// The instant the learner's current day started (the last 04:00 local at or before `now`).
pub(crate) fn day_start(now: Timestamp, tz: &TimeZone) -> Timestamp {
    // This only fails at the very start of jiff's supported range, where `now`
    // is the best answer that is still "at or before now".
    rollover_instant(learner_day(now, tz), tz).map_or(now, |start| start.min(now))
}

fn rollover_instant(day: Date, tz: &TimeZone) -> Result<Timestamp, jiff::Error> {
    tz.to_timestamp(day.at(DAY_ROLLOVER_HOUR, 0, 0, 0))
}

/// Learner days and the instants they start at, for the days a report looks at. A learner
/// day is not a fixed number of milliseconds long across daylight-saving changes, so a
/// report works out each boundary rather than adding 24 hours.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub today: Date,
    tz: TimeZone,
}

impl Calendar {
    pub(crate) fn new(now: Timestamp, tz: &TimeZone) -> Calendar {
        Calendar {
            today: learner_day(now, tz),
            tz: tz.clone(),
        }
    }

    /// The day `offset` days from today (negative: in the past).
    pub(crate) fn day(&self, offset: i64) -> Date {
        self.today
            .saturating_add(SignedDuration::from_hours(24 * offset))
    }

    /// The instant a learner day starts (04:00 local), in milliseconds.
    pub(crate) fn start_ms(&self, day: Date) -> anyhow::Result<i64> {
        let at = rollover_instant(day, &self.tz)
            .with_context(|| format!("{day} is outside the supported calendar"))?;
        Ok(at.as_millisecond())
    }

    /// Start instants of `count` consecutive days from `first`, plus the end of the last.
    pub(crate) fn boundaries(&self, first: Date, count: usize) -> anyhow::Result<Vec<i64>> {
        (0..=count)
            .map(|k| {
                let day = first.saturating_add(SignedDuration::from_hours(24 * k as i64));
                self.start_ms(day)
            })
            .collect()
    }
}

/// Which day (an index into `boundaries`, as from [`Calendar::boundaries`]) holds the
/// instant `ms`, if any.
pub(crate) fn day_index(boundaries: &[i64], ms: i64) -> Option<usize> {
    let after = boundaries.partition_point(|&start| start <= ms);
    (after > 0 && after < boundaries.len()).then(|| after - 1)
}

/// The learner day of `t` counted from 1970-01-01, in UTC: the days the optimizer measures
/// intervals in, since review logs from other tools carry no time zone.
pub(crate) fn utc_day_number(t: Timestamp) -> i64 {
    const HOUR: i128 = 3_600_000_000_000;
    let day = (t.as_nanosecond() - i128::from(DAY_ROLLOVER_HOUR) * HOUR).div_euclid(24 * HOUR);
    // jiff's range (±9999 years) keeps day numbers far inside i64.
    i64::try_from(day).unwrap_or(if day < 0 { i64::MIN } else { i64::MAX })
}

/// "2026-11-30 10:00", in the learner's time zone.
pub(crate) fn describe_instant(at: Timestamp, clock: &Clock) -> String {
    let local = clock.tz.to_datetime(at);
    format!("{} {:02}:{:02}", local.date(), local.hour(), local.minute())
}

/// "2026-11-30 10:00 (in 23 hours)", in the learner's time zone.
pub(crate) fn describe_due(due: Timestamp, now: Timestamp, clock: &Clock) -> String {
    let when = describe_instant(due, clock);
    let seconds = due.as_second() - now.as_second();
    let relative = if seconds <= 0 {
        "now".to_string()
    } else if due < next_day_start(now, &clock.tz) {
        let hours = seconds / 3600;
        if hours == 0 {
            format!("in {} minutes", seconds / 60 + 1)
        } else {
            format!("in {hours} hours")
        }
    } else {
        let days = learner_days_between(now, due, &clock.tz);
        if days == 1 {
            "tomorrow".to_string()
        } else {
            format!("in {days} days")
        }
    };
    format!("{when} ({relative})")
}

/// A `--since` window in words: "7 days", "12 hours", "30 minutes", "day" for one day.
pub(crate) fn describe_window(window: SignedDuration) -> String {
    let hours = window.as_hours();
    if hours >= 24 && hours % 24 == 0 {
        let days = hours / 24;
        if days == 1 {
            "day".into()
        } else {
            format!("{days} days")
        }
    } else if hours >= 1 {
        format!("{hours} hours")
    } else {
        format!("{} minutes", window.as_mins())
    }
}

/// Time zones and instants for tests of anything that counts learner days.
#[cfg(test)]
pub(crate) mod zones {
    use jiff::Timestamp;
    use jiff::civil::date;
    use jiff::tz::{self, TimeZone};

    pub(crate) fn at(tz: &TimeZone, y: i16, m: i8, d: i8, h: i8, min: i8) -> Timestamp {
        tz.to_timestamp(date(y, m, d).at(h, min, 0, 0)).unwrap()
    }

    pub(crate) fn fixed_tz() -> TimeZone {
        TimeZone::fixed(tz::offset(2))
    }

    /// New York's DST rules as a POSIX string. It needs no tz database, so
    /// the DST tests run everywhere.
    fn posix_new_york() -> TimeZone {
        TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap()
    }

    /// The real IANA zone, when the system has a tz database. The POSIX zone
    /// covers the same rules when it does not.
    fn named_new_york() -> Option<TimeZone> {
        match TimeZone::get("America/New_York") {
            Ok(tz) => Some(tz),
            Err(e) => {
                eprintln!("skipping named time zone checks: {e}");
                None
            }
        }
    }

    pub(crate) fn dst_zones() -> Vec<TimeZone> {
        let mut zones = vec![posix_new_york()];
        zones.extend(named_new_york());
        zones
    }
}

#[cfg(test)]
mod tests {
    use super::zones::{at, dst_zones, fixed_tz};
    use super::*;
    use jiff::civil::date;

    #[test]
    fn windows_are_said_in_the_largest_whole_unit() {
        assert_eq!(describe_window(SignedDuration::from_hours(24)), "day");
        assert_eq!(
            describe_window(SignedDuration::from_hours(24 * 7)),
            "7 days"
        );
        assert_eq!(describe_window(SignedDuration::from_hours(36)), "36 hours");
        assert_eq!(describe_window(SignedDuration::from_mins(30)), "30 minutes");
    }

    #[test]
    fn the_quick_interval_test_agrees_with_counting_learner_days() {
        use rand::{RngExt as _, SeedableRng as _};
        let mut zones = dst_zones();
        zones.extend([
            fixed_tz(),
            TimeZone::UTC,
            TimeZone::fixed(jiff::tz::offset(-12)),
            TimeZone::fixed(jiff::tz::Offset::from_seconds(25 * 3600 + 59 * 60).unwrap()),
        ]);
        let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(21);
        let day = 86_400_000;
        for tz in &zones {
            for _ in 0..20_000 {
                let a = rng.random_range(1_700_000_000_000..1_800_000_000_000_i64);
                // Mostly near the 21-day boundary, where the quick test must not decide.
                let apart = rng.random_range(-2 * day..40 * day);
                let days = rng.random_range(0..30);
                let (a, b) = (
                    Timestamp::from_millisecond(a).unwrap(),
                    Timestamp::from_millisecond(a + apart).unwrap(),
                );
                assert_eq!(
                    learner_days_at_least(a, b, days, tz),
                    learner_days_between(a, b, tz) >= days,
                    "{a} to {b}, {days} days, in {tz:?}"
                );
            }
        }
    }

    #[test]
    fn utc_day_numbers_roll_over_at_four_utc() {
        let at = |text: &str| text.parse::<Timestamp>().unwrap();
        assert_eq!(utc_day_number(at("1970-01-01T04:00:00Z")), 0);
        assert_eq!(utc_day_number(at("1970-01-01T03:59:59Z")), -1);
        assert_eq!(utc_day_number(at("1970-01-02T03:59:59Z")), 0);
        assert_eq!(utc_day_number(at("2026-12-01T10:00:00Z")), 20_788);
    }

    #[test]
    fn learner_day_rolls_over_at_four_in_fixed_zone() {
        let tz = fixed_tz();
        assert_eq!(
            learner_day(at(&tz, 2024, 3, 5, 3, 59), &tz),
            date(2024, 3, 4)
        );
        assert_eq!(
            learner_day(at(&tz, 2024, 3, 5, 4, 0), &tz),
            date(2024, 3, 5)
        );
        assert_eq!(
            learner_day(at(&tz, 2024, 3, 5, 23, 59), &tz),
            date(2024, 3, 5)
        );

        let late = at(&tz, 2024, 3, 4, 23, 0);
        let small_hours = at(&tz, 2024, 3, 5, 3, 0);
        assert_eq!(learner_days_between(late, small_hours, &tz), 0);
        assert_eq!(
            learner_days_between(small_hours, at(&tz, 2024, 3, 5, 4, 0), &tz),
            1
        );
        assert_eq!(
            learner_days_between(late, at(&tz, 2024, 3, 12, 5, 0), &tz),
            8
        );
        // Reversed order clamps instead of going negative.
        assert_eq!(
            learner_days_between(at(&tz, 2024, 3, 12, 5, 0), late, &tz),
            0
        );
    }

    #[test]
    fn learner_day_follows_the_zone_not_utc() {
        // 02:30 UTC is 04:30 at +02:00: past the rollover there, not in UTC.
        let tz = fixed_tz();
        let t = "2024-03-05T02:30:00Z".parse::<Timestamp>().unwrap();
        assert_eq!(learner_day(t, &tz), date(2024, 3, 5));
        assert_eq!(learner_day(t, &TimeZone::UTC), date(2024, 3, 4));
    }

    #[test]
    fn day_boundaries_in_fixed_zone() {
        let tz = fixed_tz();
        let before = at(&tz, 2024, 3, 5, 3, 59);
        assert_eq!(day_start(before, &tz), at(&tz, 2024, 3, 4, 4, 0));
        assert_eq!(next_day_start(before, &tz), at(&tz, 2024, 3, 5, 4, 0));

        let rollover = at(&tz, 2024, 3, 5, 4, 0);
        assert_eq!(day_start(rollover, &tz), rollover);
        assert_eq!(next_day_start(rollover, &tz), at(&tz, 2024, 3, 6, 4, 0));
    }

    #[test]
    fn learner_days_across_dst_changes() {
        for tz in dst_zones() {
            // Spring forward: 2024-03-10 02:00 EST -> 03:00 EDT. The learner
            // day still starts at 04:00 on the wall clock, only 23 hours after
            // the previous one.
            assert_eq!(
                learner_day(at(&tz, 2024, 3, 10, 3, 59), &tz),
                date(2024, 3, 9)
            );
            assert_eq!(
                learner_day(at(&tz, 2024, 3, 10, 4, 30), &tz),
                date(2024, 3, 10)
            );
            let noon_before = at(&tz, 2024, 3, 9, 12, 0);
            let start = next_day_start(noon_before, &tz);
            assert_eq!(start.to_string(), "2024-03-10T08:00:00Z");
            assert_eq!(day_start(at(&tz, 2024, 3, 10, 12, 0), &tz), start);
            assert_eq!(
                day_start(noon_before, &tz).duration_until(start).as_hours(),
                23
            );

            // Fall back: 2024-11-03 02:00 EDT -> 01:00 EST. The change happens
            // before 04:00, so learner day 2024-11-02 is the one that lasts 25
            // hours.
            let day = at(&tz, 2024, 11, 2, 12, 0);
            assert_eq!(
                day_start(day, &tz)
                    .duration_until(next_day_start(day, &tz))
                    .as_hours(),
                25
            );
            let late = at(&tz, 2024, 11, 2, 23, 0);
            let small_hours = at(&tz, 2024, 11, 3, 3, 0);
            assert_eq!(learner_days_between(late, small_hours, &tz), 0);
        }
    }

    #[test]
    fn learner_days_follow_the_wall_clock_across_a_dst_change() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let now = tz.to_timestamp(date(2024, 3, 11).at(12, 0, 0, 0)).unwrap();
        let calendar = Calendar::new(now, &tz);
        assert_eq!(calendar.today, date(2024, 3, 11));
        assert_eq!(calendar.day(-2), date(2024, 3, 9));
        let bounds = calendar.boundaries(date(2024, 3, 9), 3).unwrap();
        // Clocks spring forward at 02:00 on the 10th, inside the learner day of the 9th,
        // which is therefore 23 hours long.
        assert_eq!(bounds[1] - bounds[0], 23 * 3_600_000);
        assert_eq!(bounds[2] - bounds[1], 24 * 3_600_000);
        let at = |d, h| {
            tz.to_timestamp(date(2024, 3, d).at(h, 0, 0, 0))
                .unwrap()
                .as_millisecond()
        };
        assert_eq!(day_index(&bounds, at(9, 3)), None);
        assert_eq!(day_index(&bounds, at(10, 3)), Some(0));
        assert_eq!(day_index(&bounds, at(10, 4)), Some(1));
        assert_eq!(day_index(&bounds, at(11, 3)), Some(1));
        assert_eq!(day_index(&bounds, at(12, 4)), None);
    }
}
