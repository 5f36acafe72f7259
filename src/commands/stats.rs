//! `quiz stats`: what the learner retains, what is coming, what is hard, and how steadily
//! they study, as tables and text charts or (with `--json`) as one JSON document.
//!
//! The review log can hold a million reviews and this must still answer in well under a
//! second, so the log is never read whole: SQLite counts each heatmap day's reviews from an
//! index, a streak longer than the heatmap is followed back one index seek per day, and
//! only the last 30 days of scheduled reviews are streamed for retention. The day
//! boundaries are computed here and passed in, because a learner day (04:00 to 04:00 local
//! time) is not a fixed number of milliseconds long across daylight-saving changes. Card
//! figures come from the `cards` cache, one row per card. The pure helpers at the top are
//! unit-tested below; `run` composes them.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};

use anstyle::{Ansi256Color, Style};
use anyhow::Context as _;
use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{CellAlignment, Table};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::calendar;
use crate::cli::StatsArgs;
use crate::deck::library::{self, LibraryError};
use crate::deck::{Deck, DeckId};
use crate::diagnostic;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;
use crate::schedule::{CardState, Rating, Scheduler};
use crate::store::Store;

/// Columns of the heatmap: 26 weeks, the last one being the current week.
pub const WEEKS: usize = 26;
/// Days of the due forecast, today first.
pub const FORECAST_DAYS: usize = 30;
/// A card whose scheduled interval is this many days or more counts as mature.
pub const MATURE_DAYS: u32 = 21;
/// How many of the hardest cards are listed.
pub const HARDEST: usize = 10;
/// Heatmap glyphs without colour, from no reviews to the busiest days.
pub const PLAIN_LEVELS: [char; 5] = ['.', ':', '-', '=', '#'];
/// Green shades of the 256-colour palette for the coloured heatmap (level 0 is grey).
const COLOUR_LEVELS: [u8; 5] = [238, 22, 28, 34, 40];
/// Widest bar of the forecast chart, in characters.
const BAR_WIDTH: u64 = 40;

// ---------------------------------------------------------------------------------------
// Pure helpers: plain data in, plain data out.

/// Learner days and the instants they start at, for the days a report looks at.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub today: Date,
    tz: TimeZone,
}

impl Calendar {
    pub fn new(now: Timestamp, tz: &TimeZone) -> Calendar {
        Calendar {
            today: calendar::learner_day(now, tz),
            tz: tz.clone(),
        }
    }

    /// The day `offset` days from today (negative: in the past).
    pub fn day(&self, offset: i64) -> Date {
        self.today
            .saturating_add(SignedDuration::from_hours(24 * offset))
    }

    /// The instant a learner day starts (04:00 local), in milliseconds.
    pub fn start_ms(&self, day: Date) -> anyhow::Result<i64> {
        let at = self
            .tz
            .to_timestamp(day.at(calendar::DAY_ROLLOVER_HOUR, 0, 0, 0))
            .with_context(|| format!("{day} is outside the supported calendar"))?;
        Ok(at.as_millisecond())
    }

    /// Start instants of `count` consecutive days from `first`, plus the end of the last.
    pub fn boundaries(&self, first: Date, count: usize) -> anyhow::Result<Vec<i64>> {
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
pub fn day_index(boundaries: &[i64], ms: i64) -> Option<usize> {
    let after = boundaries.partition_point(|&start| start <= ms);
    (after > 0 && after < boundaries.len()).then(|| after - 1)
}

/// Days studied in a row, counted back from the last day of `days` (today); a today
/// without reviews does not break the streak yet, it just is not part of it.
/// The second value says whether the run reached the first day, so it may go on further back.
pub fn streak_in(days: &[u64]) -> (u64, bool) {
    let mut rest = days;
    if let Some((&0, before)) = rest.split_last() {
        rest = before;
    }
    let run = rest.iter().rev().take_while(|&&count| count > 0).count();
    (run as u64, run == rest.len())
}

/// Heatmap level 0–4 of a day: 0 for none, else a quarter of the busiest day's count each.
pub fn level(count: u64, max: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    // Whole quarters, rounded up, so a single review still shows.
    let quarters = (count * 4).div_ceil(max);
    usize::try_from(quarters.clamp(1, 4)).unwrap_or(4)
}

/// Share answered right (rating above Again) among reviews that tested memory: those a
/// learner day or more after the card's previous scheduled review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Retention {
    pub reviews: u64,
    pub passed: u64,
    pub rate: Option<f64>,
}

impl Retention {
    pub fn add(&mut self, passed: bool) {
        self.reviews += 1;
        self.passed += u64::from(passed);
        self.rate = Some(self.passed as f64 / self.reviews as f64);
    }

    pub fn merge(&mut self, other: &Retention) {
        self.reviews += other.reviews;
        self.passed += other.passed;
        self.rate = (self.reviews > 0).then(|| self.passed as f64 / self.reviews as f64);
    }

    fn describe(&self) -> String {
        match self.rate {
            Some(rate) => format!("{:.1}% of {}", rate * 100.0, self.reviews),
            None => "-".to_owned(),
        }
    }
}

/// The figures of one deck's row (or of the total row).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
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
    pub fn add_card(&mut self, state: &CardState, due_day: Option<usize>, tz: &TimeZone) {
        self.cards += 1;
        if calendar::learner_days_between(state.last_review, state.due, tz) < MATURE_DAYS {
            self.young += 1;
        } else {
            self.mature += 1;
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

    pub fn merge(&mut self, other: &Figures) {
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

/// The forecast day a due instant falls in: 0 for today (and anything overdue), `None`
/// beyond the forecast. `boundaries` start today.
pub fn due_day(boundaries: &[i64], due_ms: i64) -> Option<usize> {
    let after = boundaries.partition_point(|&start| start <= due_ms);
    (after < boundaries.len()).then(|| after.saturating_sub(1))
}

/// The heatmap as 7 rows (Monday to Sunday) of one cell per week; `None` after today.
/// `days` runs from a Monday to today.
pub fn grid(days: &[u64]) -> Vec<Vec<Option<u64>>> {
    let weeks = days.len().div_ceil(7);
    (0..7)
        .map(|weekday| {
            (0..weeks)
                .map(|week| days.get(week * 7 + weekday).copied())
                .collect()
        })
        .collect()
}

/// The text bar of a forecast day.
pub fn bar(count: u64, max: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    usize::try_from((count * BAR_WIDTH).div_ceil(max)).unwrap_or(0)
}

// ---------------------------------------------------------------------------------------
// The report.

#[derive(Debug, Serialize)]
pub struct Report {
    pub generated_at: String,
    pub today: String,
    pub time_zone: String,
    pub decks: Vec<DeckRow>,
    pub total: Figures,
    pub heatmap: Heatmap,
    pub streak: Streak,
    pub forecast: Vec<DueDay>,
    pub hardest: Vec<HardCard>,
}

#[derive(Debug, Serialize)]
pub struct DeckRow {
    pub deck: String,
    pub title: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Serialize)]
pub struct Heatmap {
    pub first_day: String,
    pub last_day: String,
    pub reviews: u64,
    pub days_studied: u64,
    pub busiest_day: u64,
    pub days: Vec<DayCount>,
}

#[derive(Debug, Serialize)]
pub struct DayCount {
    pub date: String,
    pub reviews: u64,
}

#[derive(Debug, Serialize)]
pub struct Streak {
    pub days: u64,
    pub studied_today: bool,
}

#[derive(Debug, Serialize)]
pub struct DueDay {
    pub date: String,
    pub due: u64,
}

#[derive(Debug, Serialize)]
pub struct HardCard {
    pub deck: String,
    pub card: String,
    pub question: Option<String>,
    pub lapses: u32,
    pub reviews: u32,
    pub retrievability: f64,
    pub due: String,
}

/// A deck the report covers: with its file when one was found, else known only from the log.
struct Chosen {
    id: DeckId,
    deck: Option<Deck>,
}

pub fn run(args: &StatsArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let store = Store::open(&context.data_dir)?;
    let (chosen, filter) = choose(&args.decks, &store, context)?;
    let report = gather(&store, &chosen, filter.as_deref(), context)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string_pretty(&report).context("could not encode the JSON")?;
        writeln!(out, "{json}")?;
    } else {
        let styled = context.color && std::io::stdout().is_terminal();
        write!(out, "{}", render(&report, context.plain || !styled, styled))?;
    }
    Ok(ExitCode::Success)
}

/// The decks named (or every deck found, and every deck with history); a deck that is
/// only in the log (an imported history, a deleted file) is still reported. The filter
/// is `None` when every deck counts.
fn choose(
    names: &[String],
    store: &Store,
    context: &Context,
) -> anyhow::Result<(Vec<Chosen>, Option<Vec<DeckId>>)> {
    let logged = store.reviewed_decks()?;
    let mut chosen: Vec<Chosen> = Vec::new();
    let add = |chosen: &mut Vec<Chosen>, id: DeckId, deck: Option<Deck>| {
        if !chosen.iter().any(|c| c.id == id) {
            chosen.push(Chosen { id, deck });
        }
    };
    if names.is_empty() {
        for (id, deck) in load(library::all_files(&context.data_dir)?) {
            add(&mut chosen, id, deck);
        }
        for id in logged {
            add(&mut chosen, id, None);
        }
        return Ok((chosen, None));
    }
    for name in names {
        match library::resolve(std::slice::from_ref(name), &context.data_dir) {
            Ok(files) => {
                for (id, deck) in load(files) {
                    add(&mut chosen, id, deck);
                }
            }
            Err(LibraryError::Unknown { known, .. }) => {
                let id = DeckId(name.clone());
                if !logged.contains(&id) {
                    let mut known = vec![known];
                    known.extend(logged.iter().map(|d| escape_line(&d.0)));
                    anyhow::bail!(
                        "no deck named `{}`; known decks: {}",
                        escape_line(name),
                        known.join(", ")
                    );
                }
                add(&mut chosen, id, None);
            }
            Err(error) => return Err(error.into()),
        }
    }
    let filter = chosen.iter().map(|c| c.id.clone()).collect();
    Ok((chosen, Some(filter)))
}

/// Parses deck files, warning about the ones that do not load (their history still counts).
fn load(files: Vec<library::DeckFile>) -> Vec<(DeckId, Option<Deck>)> {
    let ids: Vec<DeckId> = files.iter().map(|f| f.id.clone()).collect();
    let loaded = library::load(files);
    for report in loaded.failed() {
        if let Some(finding) = report.findings.iter().find(|f| f.is_error()) {
            eprintln!(
                "quiz: warning: {} (deck not loaded; its history is still counted)",
                diagnostic::one_line(&report.file.display, &report.file.text, finding)
            );
        }
    }
    let mut decks: HashMap<DeckId, Deck> = loaded
        .decks
        .into_iter()
        .map(|deck| (deck.id.clone(), deck))
        .collect();
    ids.into_iter()
        .map(|id| {
            let deck = decks.remove(&id);
            (id, deck)
        })
        .collect()
}

fn gather(
    store: &Store,
    chosen: &[Chosen],
    filter: Option<&[DeckId]>,
    context: &Context,
) -> anyhow::Result<Report> {
    let now = context.clock.now();
    let tz = &context.clock.tz;
    let calendar = Calendar::new(now, tz);
    // Retrievability depends on the parameters only, not on the desired retention.
    let scheduler = crate::schedule::parameters::scheduler(store, Scheduler::DEFAULT_RETENTION)?;

    let forecast_bounds = calendar.boundaries(calendar.today, FORECAST_DAYS)?;
    let retention = retention(store, &calendar)?;
    let mut rows = Vec::new();
    let mut total = Figures::default();
    let mut forecast = vec![0; FORECAST_DAYS];
    let mut hard: Vec<(usize, String, CardState, f64)> = Vec::new();
    for (index, chosen) in chosen.iter().enumerate() {
        let mut figures = Figures::default();
        let mut states = store.card_states(&chosen.id)?;
        if let Some(deck) = &chosen.deck {
            // Progress of cards that left the deck is kept, but they are no longer studied.
            let ids: HashSet<_> = deck.cards.iter().map(|c| &c.id).collect();
            states.retain(|id, _| ids.contains(id));
            figures.new = deck.cards.len().saturating_sub(states.len()) as u64;
            figures.cards = figures.new;
        }
        for (card, state) in &states {
            let day = due_day(&forecast_bounds, state.due.as_millisecond());
            figures.add_card(state, day, tz);
            if let Some(day) = day {
                forecast[day] += 1;
            }
            if state.lapses > 0 {
                let recall = f64::from(scheduler.retrievability_at(state, now));
                hard.push((index, card.0.clone(), *state, recall));
            }
        }
        if let Some((week, month)) = retention.get(&chosen.id.0) {
            figures.retention_7_days = *week;
            figures.retention_30_days = *month;
        }
        total.merge(&figures);
        rows.push(DeckRow {
            deck: chosen.id.0.clone(),
            title: chosen.deck.as_ref().map(|d| d.title.clone()),
            figures,
        });
    }

    hard.sort_by(|a, b| {
        b.2.lapses
            .cmp(&a.2.lapses)
            .then(a.3.total_cmp(&b.3))
            .then_with(|| (&chosen[a.0].id, &a.1).cmp(&(&chosen[b.0].id, &b.1)))
    });
    let hardest = hard
        .into_iter()
        .take(HARDEST)
        .map(|(index, card, state, recall)| {
            let deck = &chosen[index];
            HardCard {
                deck: deck.id.0.clone(),
                question: deck.deck.as_ref().and_then(|d| {
                    d.card(&crate::deck::CardId(card.clone()))
                        .map(|c| c.question.clone())
                }),
                card,
                lapses: state.lapses,
                reviews: state.reps,
                retrievability: recall,
                due: state.due.to_string(),
            }
        })
        .collect();

    let (heatmap, streak) = activity(store, &calendar, filter)?;
    Ok(Report {
        generated_at: now.to_string(),
        today: calendar.today.to_string(),
        time_zone: tz
            .iana_name()
            .map_or_else(|| tz.to_offset(now).to_string(), str::to_owned),
        decks: rows,
        total,
        heatmap,
        streak,
        forecast: forecast
            .into_iter()
            .enumerate()
            .map(|(day, due)| DueDay {
                date: calendar.day(day as i64).to_string(),
                due,
            })
            .collect(),
        hardest,
    })
}

/// Retention per deck over the last 7 and the last 30 learner days (today included).
fn retention(
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

fn instant(ms: i64) -> anyhow::Result<Timestamp> {
    Timestamp::from_millisecond(ms).with_context(|| format!("{ms} ms is not a valid instant"))
}

/// The heatmap (from the Monday 25 weeks before this week's up to today) and the streak.
fn activity(
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

// ---------------------------------------------------------------------------------------
// Text.

fn render(report: &Report, ascii: bool, styled: bool) -> String {
    let mut out = String::new();
    out.push_str(&deck_table(report, ascii));
    out.push('\n');
    out.push_str(&heatmap_text(report, styled));
    out.push('\n');
    out.push_str(&forecast_text(report, styled));
    out.push('\n');
    out.push_str(&hardest_text(report, ascii));
    out
}

fn table(ascii: bool) -> Table {
    let mut table = Table::new();
    table.load_style(if ascii {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    });
    table
}

fn deck_table(report: &Report, ascii: bool) -> String {
    let mut table = table(ascii);
    table.set_header(vec![
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
    ]);
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
        table.add_row(row(&deck.deck, &deck.figures));
    }
    if report.decks.len() > 1 {
        table.add_row(row("total", &report.total));
    }
    for column in 1..10 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    format!(
        "{table}\nyoung: reviewed cards with an interval under {MATURE_DAYS} days; retention: \
         share of reviews a day or more apart answered right\n"
    )
}

fn heatmap_text(report: &Report, styled: bool) -> String {
    let heatmap = &report.heatmap;
    let counts: Vec<u64> = heatmap.days.iter().map(|d| d.reviews).collect();
    let max = heatmap.busiest_day;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Reviews per day, last {WEEKS} weeks: {} review{} on {} day{} (busiest day: {max})",
        heatmap.reviews,
        if heatmap.reviews == 1 { "" } else { "s" },
        heatmap.days_studied,
        if heatmap.days_studied == 1 { "" } else { "s" },
    );
    out.push_str(&month_labels(heatmap));
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
    let _ = match (streak.days, streak.studied_today) {
        (0, _) => writeln!(out, "Streak: none yet; study today to start one"),
        (1, true) => writeln!(out, "Streak: 1 day (today)"),
        (days, true) => writeln!(out, "Streak: {days} days in a row, today included"),
        (days, false) => writeln!(
            out,
            "Streak: {days} day{} in a row up to yesterday; study today to keep it",
            if days == 1 { "" } else { "s" }
        ),
    };
    out
}

/// Month names over the heatmap's columns, each above the first week that starts in it.
fn month_labels(heatmap: &Heatmap) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut line = String::from("    ");
    let mut previous = None;
    for (week, day) in heatmap.days.iter().step_by(7).enumerate() {
        let Ok(date) = day.date.parse::<Date>() else {
            continue;
        };
        let column = 4 + week * 2;
        if previous != Some(date.month()) && line.chars().count() <= column {
            while line.chars().count() < column {
                line.push(' ');
            }
            let index = usize::try_from(date.month() - 1).unwrap_or(0);
            line.push_str(NAMES[index % 12]);
        }
        previous = Some(date.month());
    }
    line.truncate(line.trim_end().len());
    line.push('\n');
    line
}

fn forecast_text(report: &Report, styled: bool) -> String {
    let total: u64 = report.forecast.iter().map(|d| d.due).sum();
    let max = report.forecast.iter().map(|d| d.due).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Due in the next {FORECAST_DAYS} days: {total} card{} (today includes overdue cards)",
        if total == 1 { "" } else { "s" }
    );
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
        let width = bar(day.due, max);
        let bar = if styled && width > 0 {
            format!(
                "{}{}{}",
                style.render(),
                "\u{2588}".repeat(width),
                style.render_reset()
            )
        } else {
            "#".repeat(width)
        };
        let line = format!("{label} {when:<8} {:>5} {bar}", day.due);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn hardest_text(report: &Report, ascii: bool) -> String {
    if report.hardest.is_empty() {
        return "Hardest cards: none has been forgotten yet.\n".to_owned();
    }
    let mut table = table(ascii);
    table.set_header(vec![
        "deck",
        "card",
        "lapses",
        "reviews",
        "recall now",
        "question",
    ]);
    for card in &report.hardest {
        table.add_row(vec![
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
    for column in 2..5 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    format!("Hardest cards (most lapses, then least likely recalled now)\n{table}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

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
    fn a_streak_counts_back_from_today_or_yesterday() {
        assert_eq!(streak_in(&[0, 1, 1, 1]), (3, false));
        assert_eq!(streak_in(&[0, 1, 1, 0]), (2, false));
        assert_eq!(streak_in(&[1, 1, 0, 0]), (0, false));
        assert_eq!(streak_in(&[1, 1, 1]), (3, true));
        assert_eq!(streak_in(&[1, 1, 0]), (2, true));
        assert_eq!(streak_in(&[]), (0, true));
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

    #[test]
    fn due_days_put_overdue_cards_today_and_stop_at_the_horizon() {
        let bounds = [100, 200, 300];
        assert_eq!(due_day(&bounds, 5), Some(0));
        assert_eq!(due_day(&bounds, 199), Some(0));
        assert_eq!(due_day(&bounds, 200), Some(1));
        assert_eq!(due_day(&bounds, 300), None);
    }

    #[test]
    fn bars_scale_to_the_busiest_day() {
        assert_eq!(bar(0, 5), 0);
        assert_eq!(bar(5, 5), 40);
        assert_eq!(bar(1, 100), 1);
    }

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
