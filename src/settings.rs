//! The learner's settings: `config.toml` → [`Settings`], each bad value reported at its
//! file, line and column like a deck error. Command-line flags beat these.

use std::path::Path;

use anyhow::bail;

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

/// Reads the settings; a missing file means the defaults. A bad value is an error that
/// names the file, line and key, drawn like a deck error.
pub(crate) fn load_settings(path: Option<&Path>, color: bool) -> anyhow::Result<Settings> {
    let mut settings = Settings::default();
    let Some(path) = path else {
        return Ok(settings);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(settings),
        Err(error) => bail!("could not read the config file {}: {error}", path.display()),
    };
    let display = path.display().to_string();
    let fail = |span: std::ops::Range<usize>, message: String, label: &str| -> anyhow::Error {
        let finding =
            crate::diagnostic::Finding::error(crate::deck::codes::Code::BadSetting, span, message)
                .label(label);
        anyhow::anyhow!(
            "bad config file\n{}",
            crate::diagnostic::render(&display, &text, &finding, color)
        )
    };
    let root = toml::de::DeTable::parse(&text).map_err(|e| {
        fail(
            e.span().unwrap_or(0..0),
            format!("invalid TOML: {}", e.message().trim()),
            "here",
        )
    })?;
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
                Some(r) if r > 0.0 && r < 1.0 => settings.desired_retention = r as f32,
                _ => {
                    return Err(fail(
                        span,
                        "`desired_retention` must be a number between 0 and 1, such as 0.9".into(),
                        "not a retention",
                    ));
                }
            },
            "new_cards_per_day" => match number {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 100_000.0 => {
                    settings.new_cards_per_day = n as usize
                }
                _ => {
                    return Err(fail(
                        span,
                        "`new_cards_per_day` must be a whole number, 0 or more".into(),
                        "not a count",
                    ));
                }
            },
            "leech_threshold" => match number {
                Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= 1_000.0 => {
                    settings.leech_threshold = n as u32
                }
                _ => {
                    return Err(fail(
                        span,
                        "`leech_threshold` must be a whole number, 1 or more".into(),
                        "not a count",
                    ));
                }
            },
            "default_mode" => {
                let mode = value
                    .get_ref()
                    .as_str()
                    .and_then(|s| <Presentation as clap::ValueEnum>::from_str(s, true).ok());
                match mode {
                    Some(mode) => settings.mode = mode,
                    None => {
                        return Err(fail(
                            span,
                            "`default_mode` must be \"type\", \"choice\" or \"flip\"".into(),
                            "not a mode",
                        ));
                    }
                }
            }
            "sync_dir" => match value.get_ref().as_str().filter(|s| !s.trim().is_empty()) {
                Some(dir) => settings.sync_dir = Some(sync_dir(dir, path)),
                None => {
                    return Err(fail(
                        span,
                        "`sync_dir` must be the path of a folder, such as \"~/Sync\"".into(),
                        "not a folder",
                    ));
                }
            },
            "show_bundled" => match value.get_ref() {
                toml::de::DeValue::Boolean(shown) => settings.show_bundled = *shown,
                _ => {
                    return Err(fail(
                        span,
                        "`show_bundled` must be true or false".into(),
                        "not true or false",
                    ));
                }
            },
            other => {
                return Err(fail(
                    key.span(),
                    format!(
                        "unknown setting `{other}`; settings are {}",
                        SETTING_KEYS.join(", ")
                    ),
                    "unknown setting",
                ));
            }
        }
    }
    Ok(settings)
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
}
