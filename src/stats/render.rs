//! The report as text: the deck table, the heatmap with its month labels and streak, the
//! due forecast as bars, and the hardest cards, all within the width of the terminal (see
//! [`crate::ui::table`]): the heatmap shows the weeks that fit, the bars shrink, the tables
//! cut long text with `…` and the prose wraps. Plain glyphs when colour is off, so the
//! text is the same on every terminal and in a pipe.

use std::fmt::Write as _;

use anstyle::{Ansi256Color, Style};
use jiff::civil::Date;

use super::Report;
use super::activity::{DayCount, FORECAST_DAYS, WEEKS};
use super::figures::{Figures, MATURE_DAYS};
use crate::calendar::MONTHS;
use crate::escape::escape_line;
use crate::ui::format::plural;
use crate::ui::table::{self, Layout};

/// Heatmap glyphs without colour, from no reviews to the busiest days.
pub(crate) const PLAIN_LEVELS: [char; 5] = ['.', ':', '-', '=', '#'];
/// Green shades of the 256-colour palette for the coloured heatmap (level 0 is grey).
const COLOUR_LEVELS: [u8; 5] = [238, 22, 28, 34, 40];
/// Widest bar of the forecast chart, in characters.
const BAR_WIDTH: u64 = 40;

/// Heatmap level 0–4 of a day: 0 for none, else a quarter of the busiest day's count each.
pub(crate) fn level(count: u64, max: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    // Whole quarters, rounded up, so a single review still shows.
    let quarters = (count * 4).div_ceil(max);
    usize::try_from(quarters.clamp(1, 4)).unwrap_or(4)
}

/// The heatmap as 7 rows (Monday to Sunday) of one cell per week; `None` after today.
/// `days` runs from a Monday to today.
pub(crate) fn grid(days: &[u64]) -> Vec<Vec<Option<u64>>> {
    let weeks = days.len().div_ceil(7);
    (0..7)
        .map(|weekday| {
            (0..weeks)
                .map(|week| days.get(week * 7 + weekday).copied())
                .collect()
        })
        .collect()
}

/// The text bar of a forecast day, `widest` for the busiest.
pub(crate) fn bar(count: u64, max: u64, widest: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    usize::try_from((count * widest).div_ceil(max)).unwrap_or(0)
}

/// The whole report as text within `layout` (its width, its table lines); `styled` colours
/// the heatmap and the bars.
pub(crate) fn render(report: &Report, layout: Layout, styled: bool) -> String {
    let mut out = String::new();
    out.push_str(&deck_table(report, layout));
    out.push('\n');
    out.push_str(&heatmap_text(report, styled, layout.columns()));
    out.push('\n');
    out.push_str(&forecast_text(report, styled, layout.columns()));
    out.push('\n');
    out.push_str(&hardest_text(report, layout));
    out
}

/// A line of prose, wrapped to `width` and ended.
fn prose(text: &str, width: usize) -> String {
    format!("{}\n", table::wrap(text, width, "  "))
}

fn deck_table(report: &Report, layout: Layout) -> String {
    let mut table = table::Report::new(&[
        "deck",
        "cards",
        "new",
        "young",
        "mature",
        "due today",
        "due 7 days",
        "retention 7 days",
        "retention 30 days",
        "avg stability",
    ])
    .numeric(1..10);
    let row = |name: &str, f: &Figures| {
        vec![
            escape_line(name),
            f.cards.to_string(),
            f.new.to_string(),
            f.young.to_string(),
            f.mature.to_string(),
            f.due_today.to_string(),
            f.due_7_days.to_string(),
            f.retention_7_days.describe(),
            f.retention_30_days.describe(),
            f.average_stability
                .map_or_else(|| "-".to_owned(), |s| format!("{s:.1} d")),
        ]
    };
    for deck in &report.decks {
        table.row(row(&deck.deck, &deck.figures));
    }
    if report.decks.len() > 1 {
        table.row(row("total", &report.total));
    }
    format!(
        "{}\n{}",
        table.render(layout),
        prose(
            &format!(
                "young: reviewed cards with an interval under {MATURE_DAYS} days; retention: \
                 share of reviews a day or more apart answered right"
            ),
            layout.columns()
        )
    )
}

fn heatmap_text(report: &Report, styled: bool, width: usize) -> String {
    let heatmap = &report.heatmap;
    // The latest weeks that fit (a day name, then two characters a week); the days run
    // from a Monday, so whole weeks are dropped from the front.
    let weeks = heatmap.days.len().div_ceil(7);
    let fit = width.saturating_sub(4).div_ceil(2);
    let shown = weeks.min(fit.max(1));
    let days = &heatmap.days[(weeks - shown) * 7..];
    let counts: Vec<u64> = days.iter().map(|d| d.reviews).collect();
    let max = heatmap.busiest_day;
    let mut out = String::new();
    let cut = if shown < weeks {
        format!("; the last {shown} shown")
    } else {
        String::new()
    };
    out.push_str(&prose(
        &format!(
            "Reviews per day, last {WEEKS} weeks: {} on {} (busiest day: {max}){cut}",
            plural(heatmap.reviews, "review"),
            plural(heatmap.days_studied, "day"),
        ),
        width,
    ));
    out.push_str(&month_labels(days));
    let glyph = |level: usize| {
        if styled {
            let style = Style::new().fg_color(Some(Ansi256Color(COLOUR_LEVELS[level]).into()));
            format!("{}\u{25a0}{}", style.render(), style.render_reset())
        } else {
            PLAIN_LEVELS[level].to_string()
        }
    };
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    for (name, row) in names.iter().zip(grid(&counts)) {
        let mut line = format!("{name} ");
        for cell in row {
            match cell {
                Some(count) => line.push_str(&glyph(level(count, max))),
                None => line.push(' '),
            }
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let legend: Vec<String> = (0..5).map(glyph).collect();
    let _ = writeln!(out, "    less {} more", legend.join(" "));
    let streak = &report.streak;
    let streak = match (streak.days, streak.studied_today) {
        (0, _) => "Streak: none yet; study today to start one".to_string(),
        (1, true) => "Streak: 1 day (today)".to_string(),
        (days, true) => format!("Streak: {days} days in a row, today included"),
        (days, false) => format!(
            "Streak: {} in a row up to yesterday; study today to keep it",
            plural(days, "day")
        ),
    };
    out.push_str(&prose(&streak, width));
    out
}

/// Month names over the heatmap's columns (`days` from a Monday), each above the first
/// week that starts in it.
fn month_labels(days: &[DayCount]) -> String {
    let mut line = String::from("    ");
    let mut previous = None;
    for (week, day) in days.iter().step_by(7).enumerate() {
        let Ok(date) = day.date.parse::<Date>() else {
            continue;
        };
        let column = 4 + week * 2;
        if previous != Some(date.month()) && line.chars().count() <= column {
            while line.chars().count() < column {
                line.push(' ');
            }
            let index = usize::try_from(date.month() - 1).unwrap_or(0);
            line.push_str(&MONTHS[index % 12][..3]);
        }
        previous = Some(date.month());
    }
    line.truncate(line.trim_end().len());
    line.push('\n');
    line
}

/// How much of a forecast line comes before its bar: `Mon 03-02 tomorrow     5 `.
const BAR_INDENT: usize = 25;

fn forecast_text(report: &Report, styled: bool, width: usize) -> String {
    let total: u64 = report.forecast.iter().map(|d| d.due).sum();
    let max = report.forecast.iter().map(|d| d.due).max().unwrap_or(0);
    let widest = u64::try_from(width.saturating_sub(BAR_INDENT))
        .unwrap_or(u64::MAX)
        .clamp(1, BAR_WIDTH);
    let mut out = String::new();
    out.push_str(&prose(
        &format!(
            "Due in the next {FORECAST_DAYS} days: {} (today includes overdue cards)",
            plural(total, "card")
        ),
        width,
    ));
    let style = Style::new().fg_color(Some(Ansi256Color(COLOUR_LEVELS[3]).into()));
    for (index, day) in report.forecast.iter().enumerate() {
        let label = day
            .date
            .parse::<Date>()
            .map_or_else(|_| day.date.clone(), |d| d.strftime("%a %m-%d").to_string());
        let when = match index {
            0 => "today",
            1 => "tomorrow",
            _ => "",
        };
        let length = bar(day.due, max, widest);
        let bar = if styled && length > 0 {
            format!(
                "{}{}{}",
                style.render(),
                "\u{2588}".repeat(length),
                style.render_reset()
            )
        } else {
            "#".repeat(length)
        };
        let line = format!("{label} {when:<8} {:>5} {bar}", day.due);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn hardest_text(report: &Report, layout: Layout) -> String {
    if report.hardest.is_empty() {
        return prose(
            "Hardest cards: none has been forgotten yet.",
            layout.columns(),
        );
    }
    let mut table = table::Report::new(&[
        "deck",
        "card",
        "lapses",
        "reviews",
        "recall now",
        "question",
    ])
    .numeric(2..5);
    for card in &report.hardest {
        table.row(vec![
            escape_line(&card.deck),
            escape_line(&card.card),
            card.lapses.to_string(),
            card.reviews.to_string(),
            format!("{:.0}%", card.retrievability * 100.0),
            card.question
                .as_deref()
                .map_or_else(|| "-".to_owned(), escape_line),
        ]);
    }
    format!(
        "{}{}\n",
        prose(
            "Hardest cards (most lapses, then least likely recalled now)",
            layout.columns()
        ),
        table.render(layout)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_split_the_busiest_day_in_quarters() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(1, 10), 1);
        assert_eq!(level(3, 10), 2);
        assert_eq!(level(5, 10), 2);
        assert_eq!(level(6, 10), 3);
        assert_eq!(level(10, 10), 4);
        assert_eq!(level(1, 1), 4);
        assert_eq!(level(0, 0), 0);
    }

    #[test]
    fn the_grid_runs_monday_to_sunday_and_stops_today() {
        let days: Vec<u64> = (1..=10).collect();
        let grid = grid(&days);
        assert_eq!(grid.len(), 7);
        assert_eq!(grid[0], [Some(1), Some(8)]);
        assert_eq!(grid[2], [Some(3), Some(10)]);
        assert_eq!(grid[3], [Some(4), None]);
        assert_eq!(grid[6], [Some(7), None]);
    }

    #[test]
    fn bars_scale_to_the_busiest_day() {
        assert_eq!(bar(0, 5, 40), 0);
        assert_eq!(bar(5, 5, 40), 40);
        assert_eq!(bar(1, 100, 40), 1);
        assert_eq!(bar(5, 10, 15), 8);
    }
}
