//! `quiz completions SHELL` and the completions themselves: the script a shell sources
//! calls quiz back on every Tab (`QUIZ_COMPLETE=SHELL quiz -- …`), so deck names are completed
//! from the decks known at that moment, not from a list frozen when the script was written.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::CommandFactory as _;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{CompleteEnv, Shells};

use crate::cli::Cli;
use crate::exit::ExitCode;

/// The variable the registration script sets when it calls quiz back: clap's default,
/// `COMPLETE`, is a name another program may well have exported.
const VAR: &str = "QUIZ_COMPLETE";

/// The subcommands whose deck arguments complete to deck names, and the argument's id.
const DECK_ARGUMENTS: [(&str, &str); 5] = [
    ("start", "decks"),
    ("missed", "decks"),
    ("cram", "decks"),
    ("stats", "decks"),
    ("export", "deck"),
];

/// Answers a shell's completion request when `COMPLETE` is set; `None` for an ordinary run.
pub(crate) fn complete(args: &[OsString]) -> Option<ExitCode> {
    let data_dir = data_dir_in(args);
    let factory = move || with_deck_names(Cli::command(), data_dir.clone());
    let current_dir = std::env::current_dir().ok();
    match CompleteEnv::with_factory(factory)
        .var(VAR)
        .try_complete(args.iter().cloned(), current_dir.as_deref())
    {
        Ok(true) => Some(ExitCode::Success),
        Ok(false) => None,
        Err(error) => {
            let _ = error.print();
            Some(ExitCode::Usage)
        }
    }
}

/// The script for `shell` that registers quiz's completions (for its rc file, or `source`).
pub(crate) fn run(
    shell: clap_complete::Shell,
    program: Option<&OsString>,
) -> anyhow::Result<ExitCode> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        anyhow::bail!("no completions for the shell {name}");
    };
    // The script calls back the binary that wrote it: by name when run from the PATH.
    let program = program
        .map(PathBuf::from)
        .filter(|path| path.components().count() > 1)
        .and_then(|path| std::path::absolute(path).ok())
        .map_or_else(
            || "quiz".to_string(),
            |path| path.to_string_lossy().into_owned(),
        );
    // Written into memory first: a closed stdout must end quietly, not half-way.
    let mut script = Vec::new();
    completer.write_registration(VAR, "quiz", "quiz", &program, &mut script)?;
    crate::out!("{}", String::from_utf8_lossy(&script))?;
    Ok(ExitCode::Success)
}

/// `command` with the deck arguments completing to the decks known in `data_dir`.
fn with_deck_names(mut command: clap::Command, data_dir: Option<PathBuf>) -> clap::Command {
    for (subcommand, argument) in DECK_ARGUMENTS {
        let data_dir = data_dir.clone();
        command = command.mut_subcommand(subcommand, |sub| {
            sub.mut_arg(argument, |arg| {
                arg.add(ArgValueCandidates::new(move || {
                    let Ok(dir) = crate::env::data_dir(data_dir.as_deref()) else {
                        return Vec::new();
                    };
                    // A warning here would land in the middle of the learner's command line.
                    let (folders, _warning) = crate::deck::library::DeckFolders::lenient(
                        &dir,
                        crate::settings::load_settings(crate::env::config_path().as_deref(), false),
                    );
                    crate::catalog::known_deck_names(&folders)
                        .into_iter()
                        .map(CompletionCandidate::new)
                        .collect()
                }))
            })
        });
    }
    command
}

/// The data directory the line being completed names (`--data-dir DIR`), else
/// `QUIZ_DATA_DIR`: completion runs before the line is parsed.
fn data_dir_in(args: &[OsString]) -> Option<PathBuf> {
    let mut words = args.iter().skip_while(|word| *word != "--").skip(1);
    let mut named = None;
    while let Some(word) = words.next() {
        if word == "--data-dir" {
            named = words.next().map(PathBuf::from);
        } else if let Some(dir) = word.to_str().and_then(|w| w.strip_prefix("--data-dir=")) {
            named = Some(PathBuf::from(dir));
        }
    }
    named.or_else(|| std::env::var_os("QUIZ_DATA_DIR").map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_dir_comes_from_the_line_being_completed() {
        let line = |words: &[&str]| -> Vec<OsString> { words.iter().map(OsString::from).collect() };
        assert_eq!(
            data_dir_in(&line(&[
                "quiz",
                "--",
                "quiz",
                "--data-dir",
                "/d",
                "start",
                ""
            ])),
            Some(PathBuf::from("/d"))
        );
        assert_eq!(
            data_dir_in(&line(&[
                "quiz",
                "--",
                "quiz",
                "--data-dir=/e",
                "stats",
                "s"
            ])),
            Some(PathBuf::from("/e"))
        );
    }

    #[test]
    fn every_deck_argument_named_exists() {
        // mut_arg panics on an id that is not there: building every one proves them.
        let mut command = with_deck_names(Cli::command(), None);
        command.build();
    }
}
