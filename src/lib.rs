//! quiz: a command-line quiz and flashcard trainer with spaced repetition.
//!
//! `main` only calls [`run`]; everything else lives here so the whole program is testable.

/// `println!` that returns an error instead of panicking when stdout is closed, so
/// `quiz export | head` ends quietly (`run` treats a broken pipe as success).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `print!` that returns an error instead of panicking; see [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        write!(stdout, $($arg)*).and_then(|()| stdout.flush())
    }};
}

// Reached as `crate::outln!` and `crate::out!` everywhere, without widening the crate's API.
pub(crate) use {out, outln};

mod calendar;
mod catalog;
mod cli;
mod commands;
mod deck;
mod derive;
mod diagnostic;
mod distractors;
mod env;
mod escape;
mod exit;
mod files;
/// The fuzz suite's door to the private parsers (`fuzz/`, `tests/cli/fuzz.rs`); not an API.
#[doc(hidden)]
pub mod fuzzing;
mod interchange;
mod judge;
mod schedule;
mod session;
mod settings;
mod stable_hash;
mod stats;
mod store;
mod study;
mod sync;
mod ui;

use std::ffi::OsString;

use clap::Parser;

use cli::{Cli, Command};
use env::Context;
pub use exit::ExitCode;

/// Runs one command and returns how the process ends.
pub fn run<I>(args: I) -> ExitCode
where
    I: IntoIterator<Item = OsString>,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::Usage
            } else {
                // --help and --version.
                ExitCode::Success
            };
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(error) => {
            let (code, say) = exit::for_error(&error);
            if say {
                eprintln!(
                    "quiz: error: {}",
                    escape::escape_control(&format!("{error:#}"))
                );
            }
            code
        }
    }
}

fn execute(cli: Cli) -> anyhow::Result<ExitCode> {
    let context = Context::read(cli.data_dir.as_deref(), cli.plain)?;
    match &cli.command {
        Command::Start(args) => commands::start::run(args, &context),
        Command::Missed(args) => commands::missed::run(args, &context),
        Command::Cram(args) => commands::cram::run(args, &context),
        Command::Decks(args) => commands::decks::run(args, &context),
        Command::Stats(args) => commands::stats::run(args, &context),
        Command::Suspended(args) => commands::suspended::run(args, &context),
        Command::History(command) => commands::history::run(command, &context),
        Command::Optimize(args) => commands::optimize::run(args, &context),
        Command::Import(args) => commands::import::run(args, &context),
        Command::Export(args) => commands::export::run(args, &context),
        Command::Derive(args) => commands::derive::run(args, &context),
        Command::Sync(args) => commands::sync::run(args, &context),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Generated into memory: clap_complete panics on a closed stdout.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "quiz", &mut script);
            crate::out!("{}", String::from_utf8_lossy(&script))?;
            Ok(ExitCode::Success)
        }
        Command::Check(args) => commands::check::run(args, &context),
        Command::New(args) => commands::new::run(args, &context),
        Command::Add(args) => commands::add::run(args, &context),
    }
}
