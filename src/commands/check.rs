//! `quiz check`: every error and warning in the chosen decks, rustc-style or as JSON lines.

use std::path::PathBuf;

use crate::cli::{CheckArgs, CheckFormat};
use crate::deck::Origin;
use crate::deck::edit::add_missing_ids;
use crate::deck::library::{self, DeckFile};
use crate::deck_edit_lock::{self, Change};
use crate::diagnostic::{self, SHOWN_PER_FILE, Source};
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::ui::format::plural;

pub(crate) fn run(args: &CheckArgs, context: &Context) -> anyhow::Result<ExitCode> {
    if args.database {
        return database(context);
    }
    let (folders, warning) = library::DeckFolders::lenient(&context.data_dir, context.settings());
    if let Some(warning) = warning {
        crate::ui::warn(warning);
    }
    let files = files(&args.paths, &folders)?;
    if files.is_empty() {
        eprintln!(
            "quiz: no decks to check in {} (name deck files or folders to check them)",
            library::user_folder(&context.data_dir).display()
        );
        return Ok(ExitCode::Success);
    }
    let (mut errors, mut warnings) = (0, 0);
    for mut file in files {
        if args.fix {
            fix(&mut file)?;
        }
        let parsed = library::parse_file(&file);
        let file_errors = parsed.findings.iter().filter(|f| f.is_error()).count();
        errors += file_errors;
        warnings += parsed.findings.len() - file_errors;
        // Built only for a file with findings: a clean big deck needs no line table.
        let source = (!parsed.findings.is_empty()).then(|| Source::new(&file.display, &file.text));
        match (args.format, &source) {
            (CheckFormat::Human, None) => {
                let cards = parsed.deck.map_or(0, |d| d.cards.len());
                crate::outln!(
                    "{}: ok ({})",
                    escape_control(&file.display),
                    plural(cards, "card")
                )?;
            }
            (CheckFormat::Json, None) => {}
            (CheckFormat::Human, Some(source)) => {
                for finding in parsed.findings.iter().take(SHOWN_PER_FILE) {
                    crate::outln!("{}", source.render(finding, context.color))?;
                }
                if let Some(hidden) = parsed
                    .findings
                    .get(SHOWN_PER_FILE..)
                    .filter(|hidden| !hidden.is_empty())
                {
                    crate::outln!("{}", diagnostic::more_line(&file.display, hidden))?;
                }
            }
            (CheckFormat::Json, Some(source)) => {
                for finding in &parsed.findings {
                    crate::outln!("{}", diagnostic::json_line(source, &file.display, finding)?)?;
                }
            }
        }
    }
    if args.format == CheckFormat::Human {
        crate::outln!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )?;
    }
    Ok(if errors > 0 {
        ExitCode::Failure
    } else {
        ExitCode::Success
    })
}

fn fix(file: &mut DeckFile) -> anyhow::Result<()> {
    let path = match &file.origin {
        Origin::Bundled => return Ok(()),
        Origin::UserFolder(path) | Origin::Path(path) => path.clone(),
    };
    // Under the deck's lock, on what the file holds now: a card `quiz add` appended since
    // the file was read is kept. A file that is not valid TOML cannot be edited safely;
    // check reports why.
    let fixed = deck_edit_lock::edit(&path, |text| match add_missing_ids(text) {
        Ok((fixed, added)) if added > 0 => Change::Write(fixed.clone(), Some((fixed, added))),
        _ => Change::Keep(None),
    })?;
    if let Some((fixed, added)) = fixed {
        eprintln!(
            "quiz: {}: wrote {}",
            escape_control(&file.display),
            plural(added, "id")
        );
        file.text = fixed;
    }
    Ok(())
}

/// The files to check: paths as given (folders expanded to their .toml files), deck names,
/// or, with none, every deck in the user's folder.
fn files(args: &[String], folders: &library::DeckFolders) -> anyhow::Result<Vec<DeckFile>> {
    if args.is_empty() {
        return Ok(library::user_files(folders)?);
    }
    let mut files = Vec::new();
    for arg in args {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            for path in library::toml_files_in(&path) {
                files.push(library::read_or_keep(&path, Origin::Path(path.clone())));
            }
        } else if path.is_file() {
            files.push(library::read_or_keep(&path, Origin::Path(path.clone())));
        } else {
            files.extend(library::resolve(std::slice::from_ref(arg), folders)?);
        }
    }
    Ok(files)
}

/// `quiz check --database`: the progress database opened as a reader would (its schema
/// version checked against its tables), then every page read by SQLite's quick_check.
fn database(context: &Context) -> anyhow::Result<ExitCode> {
    let path = context.data_dir.join(crate::store::FILE_NAME);
    let shown = escape_control(&path.display().to_string());
    if !path.exists() {
        crate::outln!("no progress database at {shown} yet: nothing to check")?;
        return Ok(ExitCode::Success);
    }
    let store = crate::store::Store::open_to_read(&context.data_dir)?;
    store.refuse_if_damaged()?;
    crate::outln!("the progress database {shown} is sound (SQLite's quick_check found nothing)")?;
    Ok(ExitCode::Success)
}
