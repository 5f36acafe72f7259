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
mod deck_edit_lock;
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
mod input;
mod interchange;
mod judge;
mod schedule;
mod session;
mod settings;
mod stable_hash;
mod stats;
mod store;
mod study;
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
    let args: Vec<OsString> = args.into_iter().collect();
    if let Some(code) = commands::completions::complete(&args) {
        return code;
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => {
            print_usage_error(&args, &error);
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

/// clap's message, with every argument that holds an unsafe character (`--mode
/// $'x\e]0;PWNED\a'` would retitle the terminal) shown escaped. clap echoes values raw on a
/// terminal, so the arguments are escaped and parsed again for the message: the same mistake
/// gives the same message, with the value readable and harmless.
fn print_usage_error(args: &[OsString], error: &clap::Error) {
    let unsafe_arg = |arg: &OsString| {
        arg.to_str()
            .is_some_and(|a| a.chars().any(escape::is_unsafe))
    };
    if !args.iter().any(unsafe_arg) {
        let _ = error.print();
        return;
    }
    let shown: Vec<OsString> = args
        .iter()
        .map(|arg| match arg.to_str() {
            Some(text) => escape::escape_line(text).into(),
            None => arg.clone(),
        })
        .collect();
    match Cli::try_parse_from(shown) {
        Err(again) if again.kind() == error.kind() => {
            let _ = again.print();
        }
        // Escaping changed the verdict: clap's own words, without colour, made safe.
        _ => eprint!("{}", escape::escape_control(&error.render().to_string())),
    }
}

fn execute(cli: Cli) -> anyhow::Result<ExitCode> {
    let context = Context::read(cli.data_dir.as_deref(), cli.plain)?;
    let Some(command) = &cli.command else {
        return commands::overview::run(&context);
    };
    match command {
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
        Command::Completions { shell } => {
            commands::completions::run(*shell, std::env::args_os().next().as_ref())
        }
        Command::Manpage(args) => commands::manpage::run(args),
        Command::Check(args) => commands::check::run(args, &context),
        Command::New(args) => commands::new::run(args, &context),
        Command::Add(args) => commands::add::run(args, &context),
    }
}
