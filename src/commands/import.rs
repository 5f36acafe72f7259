//! `quiz import FILE`: an Anki, Quizlet or CSV export becomes a TOML deck. Bad rows are
//! reported with their line numbers and left out; they never stop the import.

use anyhow::Context as _;

use crate::cli::{ImportArgs, ImportFrom};
use crate::env::Context;
use crate::escape::{escape_control, escape_line};
use crate::exit::ExitCode;
use crate::files::write_new;
use crate::interchange::{self, ImportOptions, Source};
use crate::ui::format::plural;

pub(crate) fn run(args: &ImportArgs, _context: &Context) -> anyhow::Result<ExitCode> {
    let bytes = crate::input::read(&args.file, crate::input::Input::Import)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    // Identified before it is read: nothing is written, and stdout stays empty, for a file
    // that is not text.
    let text = interchange::text_of(&args.file, &bytes)
        .map_err(|problem| anyhow::anyhow!("{} {problem}", args.file.display()))?;
    crate::input::refuse_above_limit(text.len() as u64, crate::input::Input::TextImport)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let name = args
        .file
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let options = ImportOptions {
        source: args.from.map(|from| match from {
            ImportFrom::Anki => Source::Anki,
            ImportFrom::Quizlet => Source::Quizlet,
            ImportFrom::Csv => Source::Csv,
        }),
        term_separator: args.term_separator.clone(),
        card_separator: args.card_separator.clone(),
        title: args.title.clone().unwrap_or_default(),
        source_note: format!("imported from {name}"),
    };
    let imported = interchange::import(text, &options);
    let display = escape_control(&args.file.display().to_string());
    for skipped in &imported.skipped {
        eprintln!(
            "quiz: warning: {display}:{}: skipped: {}",
            skipped.line,
            escape_line(&skipped.reason)
        );
    }
    match &args.output {
        Some(path) => write_new(path, &imported.toml)?,
        None => crate::out!("{}", imported.toml)?,
    }
    eprintln!(
        "quiz: imported {} from {display} (read as {}), skipped {}",
        plural(imported.cards, "card"),
        imported.source.name(),
        plural(imported.skipped.len(), "row"),
    );
    Ok(if imported.cards == 0 {
        ExitCode::Failure
    } else {
        ExitCode::Success
    })
}
