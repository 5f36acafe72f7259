//! quiz: a command-line quiz and flashcard trainer with spaced repetition.
//!
//! `main` only calls [`run`]; everything else lives here so the whole program is testable.

/// `println!` that returns an error instead of panicking when stdout is closed, so
/// `quiz export | head` ends quietly (`run` treats a broken pipe as success).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `print!` that returns an error instead of panicking; see [`outln!`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        write!(stdout, $($arg)*).and_then(|()| stdout.flush())
    }};
}

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod config;
pub mod data_lock;
pub mod deck;
pub mod distractors;
pub mod judge;
pub mod optimize;
pub mod schedule;
pub mod session;
pub mod stable_hash;
pub mod stats;
pub mod store;
pub mod text;
pub mod ui;

use std::ffi::OsString;

use clap::Parser;

use cli::{Cli, Command};
use commands::Context;

/// Runs one command and returns the process exit code (0 ok, 1 failure, 2 usage, 130 interrupted).
pub fn run<I>(args: I) -> i32
where
    I: IntoIterator<Item = OsString>,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return error.exit_code();
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return 0;
            }
            eprintln!("quiz: error: {}", text::escape_control(&describe(&error)));
            1
        }
    }
}

fn execute(cli: Cli) -> anyhow::Result<i32> {
    let context = Context {
        data_dir: config::data_dir(cli.data_dir.as_deref())?,
        clock: config::Clock::from_env()?,
        plain: cli.plain,
        color: config::color_enabled(cli.plain),
        interactive: config::interactive(cli.plain),
        config_path: config::config_path(),
    };
    match &cli.command {
        Command::Start(args) => commands::start::run(args, &context),
        Command::Missed(args) => commands::missed::run(args, &context),
        Command::Cram(args) => commands::cram::run(args, &context),
        Command::Decks => commands::decks::run(&context),
        Command::Stats(args) => commands::stats::run(args, &context),
        Command::History(command) => commands::history::run(command, &context),
        Command::Optimize(args) => commands::optimize::run(args, &context),
        Command::Import(args) => commands::import::run(args, &context),
        Command::Export(args) => commands::export::run(args, &context),
        Command::Derive(args) => commands::derive::run(args, &context),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Generated into memory: clap_complete panics on a closed stdout.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "quiz", &mut script);
            crate::out!("{}", String::from_utf8_lossy(&script))?;
            Ok(0)
        }
        Command::Check(args) => commands::check::run(args, &context),
        Command::New(args) => commands::new::run(args, &context),
        Command::Add(args) => commands::add::run(args, &context),
    }
}

/// The error and its causes, each said once: our error types already include their
/// cause's text, which anyhow's `{:#}` would repeat.
fn describe(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// `quiz decks | head` must end quietly, not with an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
