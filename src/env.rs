//! Where things are and what time it is: the environment, read in one place.
//!
//! Commands receive these values instead of reaching for them, which is what makes
//! `QUIZ_NOW` and `QUIZ_DATA_DIR` enough to make every test exact.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::settings::{self, Settings};

/// What every command gets from `run`: the environment, already read.
pub(crate) struct Context {
    pub data_dir: PathBuf,
    pub clock: Clock,
    pub plain: bool,
    pub color: bool,
    pub interactive: bool,
    /// Where `config.toml` is looked for (read only by the commands that use settings).
    pub config_path: Option<PathBuf>,
    /// Whether stdout is a terminal: reports draw box lines there, ASCII lines elsewhere.
    pub stdout_terminal: bool,
    /// How wide reports may draw (see [`report_width`]); `None`: as wide as they are.
    pub width: Option<u16>,
}

impl Context {
    /// Reads the environment once, for a run with these global options.
    pub(crate) fn read(data_dir_option: Option<&Path>, plain: bool) -> anyhow::Result<Context> {
        Ok(Context {
            data_dir: data_dir(data_dir_option)?,
            clock: Clock::from_env()?,
            plain,
            color: color_enabled(plain),
            interactive: interactive(plain),
            config_path: config_path(),
            stdout_terminal: std::io::stdout().is_terminal(),
            width: report_width(std::io::stdout().is_terminal()),
        })
    }

    pub(crate) fn settings(&self) -> anyhow::Result<Settings> {
        settings::load_settings(self.config_path.as_deref(), self.color)
    }

    /// Where deck files are found with `settings` (the sync folder's `decks/` too).
    pub(crate) fn deck_folders(&self, settings: &Settings) -> crate::deck::library::DeckFolders {
        crate::deck::library::DeckFolders::new(&self.data_dir, settings)
    }
}

/// The data directory: `--data-dir`, else `QUIZ_DATA_DIR` (both through clap), else the
/// platform's data directory.
pub(crate) fn data_dir(chosen: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = chosen.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir.to_path_buf());
    }
    match directories::ProjectDirs::from("", "", "quiz") {
        Some(dirs) => Ok(dirs.data_dir().to_path_buf()),
        None => bail!(
            "could not find a home directory for quiz's data; set QUIZ_DATA_DIR or pass --data-dir"
        ),
    }
}

/// The clock: `QUIZ_NOW` (RFC 3339) stands in for the real time, for tests and demos.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    fixed: Option<Timestamp>,
    pub tz: TimeZone,
}

impl Clock {
    pub(crate) fn from_env() -> anyhow::Result<Clock> {
        let fixed = match std::env::var("QUIZ_NOW") {
            Ok(text) if !text.trim().is_empty() => Some(fixed_now(text.trim())?),
            _ => None,
        };
        Ok(Clock {
            fixed,
            tz: time_zone(),
        })
    }

    #[cfg(test)]
    pub(crate) fn fixed(at: Timestamp, tz: TimeZone) -> Clock {
        Clock {
            fixed: Some(at),
            tz,
        }
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.fixed.unwrap_or_else(Timestamp::now)
    }
}

/// The learner's time zone: `TZ`, else the system's. A `TZ` that names no zone would
/// otherwise count days in UTC without a word, so that is said, naming the value.
fn time_zone() -> TimeZone {
    match TimeZone::try_system() {
        Ok(tz) => tz,
        Err(_) => {
            match std::env::var_os("TZ") {
                Some(value) => crate::ui::warn(format!(
                    "TZ={} is not a time zone (an IANA name such as Europe/Paris, or a POSIX rule \
                     such as EST5EDT); days are counted in UTC",
                    crate::escape::escape_line(&value.to_string_lossy())
                )),
                None => crate::ui::warn(
                    "the system's time zone could not be read; days are counted in UTC (set TZ)"
                        .to_string(),
                ),
            }
            TimeZone::UTC
        }
    }
}

/// The instants `QUIZ_NOW` may name: far enough inside the calendar's ends (years -9999 to
/// 9999) for a hundred-year interval and a year of stats around them.
const QUIZ_NOW_RANGE: (&str, &str) = ("-009000-01-01T00:00:00Z", "9000-12-31T23:59:59Z");

fn fixed_now(text: &str) -> anyhow::Result<Timestamp> {
    let (first, last) = QUIZ_NOW_RANGE;
    let range = format!("quiz supports {first} to {last}");
    let at = text.parse::<Timestamp>().with_context(|| {
        format!(
            "QUIZ_NOW={text:?} is not an RFC 3339 instant such as 2026-03-01T09:00:00Z ({range}; \
             years before 0 or after 9999 are written with a sign and six digits)"
        )
    })?;
    let bounds = (first.parse::<Timestamp>(), last.parse::<Timestamp>());
    if let (Ok(first), Ok(last)) = bounds
        && !(first..=last).contains(&at)
    {
        anyhow::bail!("QUIZ_NOW={text:?} is outside the range of the calendar: {range}");
    }
    Ok(at)
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything non-empty.
pub(crate) fn color_enabled(plain: bool) -> bool {
    !plain
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal()
}

/// How wide `quiz decks`, `quiz stats` and `quiz suspended` may draw: `COLUMNS` when it
/// holds a width (so a script or a test can ask for one), else the terminal's when stdout
/// is one, else no limit — a pipe or a file gets whole rows, nothing cut.
pub(crate) fn report_width(stdout_terminal: bool) -> Option<u16> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<u16>().ok())
        .filter(|&columns| columns > 0);
    columns.or_else(|| {
        stdout_terminal
            .then(|| console::Term::stdout().size_checked())
            .flatten()
            .map(|(_, columns)| columns)
            .filter(|&columns| columns > 0)
    })
}

/// The interactive UI needs a terminal on both ends.
pub(crate) fn interactive(plain: bool) -> bool {
    !plain && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// `QUIZ_CONFIG`, else `<config dir>/config.toml`.
pub(crate) fn config_path() -> Option<PathBuf> {
    match std::env::var_os("QUIZ_CONFIG") {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => directories::ProjectDirs::from("", "", "quiz")
            .map(|dirs| dirs.config_dir().join("config.toml")),
    }
}
