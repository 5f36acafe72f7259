//! One file per subcommand, each a short composition of the library modules.

pub mod add;
pub mod check;
pub mod cram;
pub mod decks;
pub mod derive;
pub mod export;
pub mod history;
pub mod import;
pub mod missed;
pub mod new;
pub mod optimize;
pub mod start;
pub mod stats;
pub mod study;

use std::path::PathBuf;

use jiff::Timestamp;

use crate::config::Clock;
use crate::deck::diagnostic;
use crate::deck::library::{self, Loaded};
use crate::schedule::{self, Scheduler};
use crate::store::Store;

/// What every command gets from `run`: the environment, already read.
pub struct Context {
    pub data_dir: PathBuf,
    pub clock: Clock,
    pub plain: bool,
    pub color: bool,
    pub interactive: bool,
    /// Where `config.toml` is looked for (read only by the commands that use settings).
    pub config_path: Option<PathBuf>,
}

impl Context {
    pub fn settings(&self) -> anyhow::Result<crate::config::Settings> {
        crate::config::load_settings(self.config_path.as_deref(), self.color)
    }
}

/// Loads the named decks (or all), printing what stopped any of them from loading.
pub fn load_decks(names: &[String], context: &Context) -> anyhow::Result<Loaded> {
    let files = library::resolve(names, &context.data_dir)?;
    let loaded = library::load(files);
    for report in loaded.failed() {
        for finding in report.findings.iter().filter(|f| f.is_error()) {
            eprintln!(
                "{}",
                diagnostic::render(
                    &report.file.display,
                    &report.file.text,
                    finding,
                    context.color
                )
            );
        }
        eprintln!(
            "quiz: warning: skipped deck `{}`: it has errors (see above)",
            report.file.id
        );
    }
    if loaded.decks.is_empty() {
        anyhow::bail!("no deck could be loaded");
    }
    Ok(loaded)
}

/// The scheduler with the learner's fitted parameters when `quiz optimize` stored some.
pub fn scheduler(store: &Store, desired_retention: f32) -> anyhow::Result<Scheduler> {
    let parameters: Option<Vec<f32>> = store
        .meta("fsrs_parameters")?
        .and_then(|text| serde_json::from_str(&text).ok());
    Ok(Scheduler::new(parameters.as_deref(), desired_retention)?)
}

/// "2026-11-30 10:00", in the learner's time zone.
pub fn describe_instant(at: Timestamp, clock: &Clock) -> String {
    let local = clock.tz.to_datetime(at);
    format!("{} {:02}:{:02}", local.date(), local.hour(), local.minute())
}

/// "2026-11-30 10:00 (in 23 hours)", in the learner's time zone.
pub fn describe_due(due: Timestamp, now: Timestamp, clock: &Clock) -> String {
    let when = describe_instant(due, clock);
    let seconds = due.as_second() - now.as_second();
    let relative = if seconds <= 0 {
        "now".to_string()
    } else if due < schedule::next_day_start(now, &clock.tz) {
        let hours = seconds / 3600;
        if hours == 0 {
            format!("in {} minutes", seconds / 60 + 1)
        } else {
            format!("in {hours} hours")
        }
    } else {
        let days = schedule::learner_days_between(now, due, &clock.tz);
        if days == 1 {
            "tomorrow".to_string()
        } else {
            format!("in {days} days")
        }
    };
    format!("{when} ({relative})")
}
