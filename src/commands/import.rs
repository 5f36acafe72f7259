//! `quiz import FILE`: an Anki, Quizlet or CSV export becomes a TOML deck. Bad rows are
//! reported with their line numbers and left out; they never stop the import. An Anki
//! package becomes one deck file per Anki deck, with its history and media.

use anyhow::Context as _;

use crate::cli::{ImportArgs, ImportFrom};
use crate::env::Context;
use crate::escape::{escape_control, escape_line};
use crate::exit::ExitCode;
use crate::files::write_new;
use crate::interchange::anki_package::{self, Outcome};
use crate::interchange::{self, ImportOptions, Source};
use crate::store::Store;
use crate::ui::format::plural;

pub(crate) fn run(args: &ImportArgs, context: &Context) -> anyhow::Result<ExitCode> {
    // A package is streamed from the file: only its first bytes say it is one. The file is
    // checked before a byte is read (a FIFO, a device, a file over the limit is refused).
    let file = crate::input::open(&args.file, crate::input::Input::Import)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let mut start = Vec::with_capacity(4);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 4), &mut start)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    if interchange::is_package(&args.file, &start) {
        return import_package(args, context);
    }
    let bytes = crate::input::read(&args.file, crate::input::Input::Import)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    // Identified before it is read: nothing is written, and stdout stays empty, for a file
    // that is not text.
    let text = interchange::text_of(&bytes)
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

fn import_package(args: &ImportArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let display = escape_control(&args.file.display().to_string());
    let name = args
        .file
        .file_name()
        .map_or_else(|| "package".into(), |n| n.to_string_lossy().into_owned());
    // Read and checked whole before anything is written: a damaged package writes nothing.
    let mut package = anki_package::read_package(&args.file, &name, !args.no_history)
        .map_err(|problem| anyhow::anyhow!("{display} {problem}"))?;
    let notes: usize = package.decks.iter().map(|d| d.imported.cards).sum();
    let cards: usize = package.decks.iter().map(|d| d.asked).sum();
    if notes == 0 {
        anyhow::bail!("{display} holds no card quiz can ask; nothing was imported");
    }
    for notice in &package.notices {
        eprintln!("quiz: note: {}", escape_line(notice));
    }
    for skipped in &package.skipped {
        eprintln!("quiz: warning: {display}: skipped {}", escape_line(skipped));
    }
    for deck in &package.decks {
        for skipped in &deck.imported.skipped {
            eprintln!(
                "quiz: warning: {display}: deck {}: skipped note {}: {}",
                escape_line(&deck.path),
                skipped.line,
                escape_line(&skipped.reason)
            );
        }
    }
    for skipped in &package.skipped_media {
        eprintln!(
            "quiz: warning: {display}: media {} left out",
            escape_line(skipped)
        );
    }
    let _lock = crate::store::lock::acquire(&context.data_dir)?;
    let mut store = Store::open(&context.data_dir)?;
    let folder = args
        .output
        .clone()
        .unwrap_or_else(|| crate::deck::library::user_folder(&context.data_dir));
    let installed = anki_package::install(
        &mut package,
        &folder,
        &context.data_dir,
        &store,
        args.update,
    )?;
    for (path, notes, outcome) in &installed.decks {
        let what = match outcome {
            Outcome::Created => "wrote",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
        };
        crate::outln!(
            "{what} {} ({})",
            escape_control(&path.display().to_string()),
            plural(*notes, "note")
        )?;
    }
    let mut suspended = 0;
    for (deck, card) in &package.suspended {
        suspended += usize::from(store.suspend(deck, card, context.clock.now())?);
    }
    if suspended > 0 {
        crate::outln!("suspended {} as in Anki", plural(suspended, "card"))?;
    }
    let history = if let (false, Some(log)) = (args.no_history, &package.history) {
        let mut dropped = 0;
        let outcome = crate::commands::history::import_into(&mut store, context, |add| {
            dropped = log.for_each(|review| add(review))?;
            Ok(())
        })
        .with_context(|| format!("could not import the history of {display}"))?;
        format!(
            "{} added ({} already in the log), {} rescheduled, {} left out (manual, \
             rescheduling or no rating)",
            plural(outcome.added, "review"),
            outcome.skipped,
            plural(outcome.cards, "card"),
            plural(dropped, "log row")
        )
    } else {
        "history not imported (--no-history)".to_string()
    };
    crate::outln!(
        "imported {} ({}) in {} from {display} ({}); {history}; {}",
        plural(notes, "note"),
        plural(cards, "card"),
        plural(installed.decks.len(), "deck"),
        package.layout,
        plural(installed.media, "media file")
    )?;
    Ok(ExitCode::Success)
}
