//! The learner's settings: `config.toml` → [`Settings`], each bad value reported at its
//! file, line and column like a deck error. Command-line flags beat these.

use std::path::Path;

use anyhow::bail;

use crate::deck::codes::Code;
use crate::diagnostic::Finding;

/// How a card is put to the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Presentation {
    /// type the answer
    #[default]
    Type,
    /// typed cards shown as multiple choice with three look-alike wrong answers
    Choice,
    /// see the question, press Enter, see the answer, grade yourself 1–4
    Flip,
}

/// The learner's settings from `config.toml`; command-line flags beat them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settings {
    pub desired_retention: f32,
    /// Whether the config file gives `desired_retention` (rather than the default holding).
    pub desired_retention_set: bool,
    pub new_cards_per_day: usize,
    pub leech_threshold: u32,
    pub mode: Presentation,
    /// The folder `quiz sync` uses by default; with it set, study sessions sync by themselves.
    pub sync_dir: Option<std::path::PathBuf>,
    /// Whether "every deck" (a command with no deck named) includes the bundled decks.
    pub show_bundled: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            desired_retention: 0.9,
            desired_retention_set: false,
            new_cards_per_day: 20,
            leech_threshold: 8,
            mode: Presentation::Type,
            sync_dir: None,
            show_bundled: true,
        }
    }
}

pub(crate) const SETTING_KEYS: [&str; 6] = [
    "desired_retention",
    "new_cards_per_day",
    "leech_threshold",
    "default_mode",
    "sync_dir",
    "show_bundled",
];

/// Reads the settings; a missing file means the defaults. Bad values are an error that
/// names the file, line and key of each, drawn like deck errors, all of them at once.
pub(crate) fn load_settings(path: Option<&Path>, color: bool) -> anyhow::Result<Settings> {
    let Some(path) = path else {
        return Ok(Settings::default());
    };
    let text = match crate::input::read_text(path, crate::input::Input::Config) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Settings::default());
        }
        Err(error) => bail!("could not read the config file {}: {error}", path.display()),
    };
    let (settings, findings) = read_settings(&text, path);
    if findings.is_empty() {
        return Ok(settings);
    }
    let display = path.display().to_string();
    let source = crate::diagnostic::Source::new(&display, &text);
    let drawn: Vec<String> = findings
        .iter()
        .map(|finding| source.render(finding, color))
        .collect();
    let count = if findings.len() == 1 {
        String::new()
    } else {
        format!(" ({} errors)", findings.len())
    };
    bail!("bad config file{count}\n{}", drawn.join("\n\n"))
}

/// The setting a misspelt or reworded key most likely means: the nearest by spelling (as
/// for a deck's fields), else the one key sharing the most words with it (`leech`,
/// `new_cards_a_day`).
fn suggestion(key: &str) -> Option<&'static str> {
    let key = key.to_lowercase().replace('-', "_");
    if let Some(near) = crate::deck::parse::nearest(&key, &SETTING_KEYS) {
        return Some(near);
    }
    let words: Vec<&str> = key.split('_').filter(|w| !w.is_empty()).collect();
    let shared = |name: &str| name.split('_').filter(|part| words.contains(part)).count();
    let best = SETTING_KEYS.iter().map(|name| shared(name)).max()?;
    let mut sharing = SETTING_KEYS.iter().filter(|name| shared(name) == best);
    match (sharing.next(), sharing.next()) {
        (Some(only), None) if best > 0 => Some(*only),
        _ => None,
    }
}

/// The settings `text` holds, and a finding for each key that is unknown or whose value is
/// bad (that key keeps its default).
/// `path` is the config file's, which a relative `sync_dir` is read from.
fn read_settings(text: &str, path: &Path) -> (Settings, Vec<Finding>) {
    let mut settings = Settings::default();
    let mut findings = Vec::new();
    let bad = |span: std::ops::Range<usize>, message: String, label: &str| {
        Finding::error(Code::BadSetting, span, message).label(label)
    };
    let root = match toml::de::DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let finding = bad(
                e.span().unwrap_or(0..0),
                format!("invalid TOML: {}", e.message().trim()),
                "here",
            );
            return (settings, vec![finding]);
        }
    };
    for (key, value) in root.get_ref() {
        let span = value.span();
        let name = key.get_ref().as_ref();
        let number = match value.get_ref() {
            toml::de::DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            toml::de::DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        match name {
            "desired_retention" => match number {
                Some(r) if r > 0.0 && r < 1.0 => {
                    settings.desired_retention = r as f32;
                    settings.desired_retention_set = true;
                }
                _ => findings.push(bad(
                    span,
                    "`desired_retention` must be a number between 0 and 1, such as 0.9".into(),
                    "not a retention",
                )),
            },
            "new_cards_per_day" => match number {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 100_000.0 => {
                    settings.new_cards_per_day = n as usize
                }
                _ => findings.push(bad(
                    span,
                    "`new_cards_per_day` must be a whole number, 0 or more".into(),
                    "not a count",
                )),
            },
            "leech_threshold" => match number {
                Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= 1_000.0 => {
                    settings.leech_threshold = n as u32
                }
                _ => findings.push(bad(
                    span,
                    "`leech_threshold` must be a whole number, 1 or more".into(),
                    "not a count",
                )),
            },
            "default_mode" => {
                let mode = value
                    .get_ref()
                    .as_str()
                    .and_then(|s| <Presentation as clap::ValueEnum>::from_str(s, true).ok());
                match mode {
                    Some(mode) => settings.mode = mode,
                    None => findings.push(bad(
                        span,
                        "`default_mode` must be \"type\", \"choice\" or \"flip\"".into(),
                        "not a mode",
                    )),
                }
            }
            "sync_dir" => match value.get_ref().as_str().filter(|s| !s.trim().is_empty()) {
                Some(dir) => settings.sync_dir = Some(sync_dir(dir, path)),
                None => findings.push(bad(
                    span,
                    "`sync_dir` must be the path of a folder, such as \"~/Sync\"".into(),
                    "not a folder",
                )),
            },
            "show_bundled" => match value.get_ref() {
                toml::de::DeValue::Boolean(shown) => settings.show_bundled = *shown,
                _ => findings.push(bad(
                    span,
                    "`show_bundled` must be true or false".into(),
                    "not true or false",
                )),
            },
            other => {
                // As a deck's unknown field is: the nearest key, when one is near.
                let label = match suggestion(other) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "unknown setting".to_string(),
                };
                findings.push(bad(
                    key.span(),
                    format!(
                        "unknown setting `{other}`; settings are {}",
                        SETTING_KEYS.join(", ")
                    ),
                    &label,
                ));
            }
        }
    }
    (settings, findings)
}

/// The sync folder as written: `~/` is the home folder, and a relative path is relative to
/// the config file's folder.
fn sync_dir(text: &str, config: &Path) -> std::path::PathBuf {
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME").filter(|home| !home.is_empty())
    {
        return std::path::PathBuf::from(home).join(rest);
    }
    match config.parent() {
        Some(folder) => folder.join(text),
        None => std::path::PathBuf::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> anyhow::Result<Settings> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        load_settings(Some(&path), false).map_err(|e| {
            anyhow::anyhow!(
                e.to_string()
                    .replace(&dir.path().display().to_string(), "DIR")
            )
        })
    }

    #[test]
    fn settings_are_read_and_missing_ones_default() {
        let settings =
            load("desired_retention = 0.85\nleech_threshold = 5\ndefault_mode = \"flip\"\nshow_bundled = false\n")
                .unwrap();
        assert_eq!(
            settings,
            Settings {
                desired_retention: 0.85,
                desired_retention_set: true,
                leech_threshold: 5,
                mode: Presentation::Flip,
                show_bundled: false,
                ..Settings::default()
            }
        );
        let error = load("show_bundled = 0\n").unwrap_err().to_string();
        assert!(
            error.contains("DIR/config.toml:1:16") && error.contains("must be true or false"),
            "{error}"
        );
        assert_eq!(
            load_settings(Some(Path::new("/nonexistent/config.toml")), false).unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn a_bad_value_names_the_file_line_and_key() {
        let error = load("new_cards_per_day = 10\ndesired_retention = 1.5\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("DIR/config.toml:2:21"), "{error}");
        assert!(
            error.contains("`desired_retention` must be a number between 0 and 1"),
            "{error}"
        );
        let error = load("leech = 3\n").unwrap_err().to_string();
        assert!(
            error.contains("DIR/config.toml:1:1") && error.contains("unknown setting `leech`"),
            "{error}"
        );
    }

    #[test]
    fn every_bad_key_is_reported_and_a_near_one_suggested() {
        let error =
            load("leech = 3\ndesired_retention = 2\nnew_cards_per_dya = 4\nmode = \"flip\"\n")
                .unwrap_err()
                .to_string();
        assert!(error.starts_with("bad config file (4 errors)\n"), "{error}");
        for (place, label) in [
            ("DIR/config.toml:1:1", "did you mean `leech_threshold`?"),
            ("DIR/config.toml:2:21", "not a retention"),
            ("DIR/config.toml:3:1", "did you mean `new_cards_per_day`?"),
            ("DIR/config.toml:4:1", "did you mean `default_mode`?"),
        ] {
            assert!(error.contains(place), "{place} in {error}");
            assert!(error.contains(label), "{label} in {error}");
        }
        let (settings, findings) = read_settings(
            "new_cards_per_day = 7\nbogus = 1\n",
            Path::new("config.toml"),
        );
        assert_eq!(settings.new_cards_per_day, 7, "good keys are still read");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].label, "unknown setting", "nothing near `bogus`");
    }

    #[test]
    fn suggestions_come_from_spelling_or_a_whole_part_of_the_key() {
        assert_eq!(suggestion("new_cards_a_day"), Some("new_cards_per_day"));
        assert_eq!(suggestion("new-cards-per-day"), Some("new_cards_per_day"));
        assert_eq!(suggestion("desired_retension"), Some("desired_retention"));
        assert_eq!(suggestion("retention"), Some("desired_retention"));
        assert_eq!(suggestion("new"), Some("new_cards_per_day"));
        assert_eq!(suggestion("colour"), None);
    }
}
