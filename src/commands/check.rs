//! `quiz check`: every error and warning in the chosen decks, rustc-style or as JSON lines.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::deck::Origin;
use crate::deck::edit::add_missing_ids;
use crate::deck::library::{self, DeckFile};
use crate::diagnostic::{self, Finding, line_col};
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::files;
use crate::ui::format::plural;

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    label: &'a str,
}

pub(crate) fn run(args: &CheckArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let files = files(&args.paths, &context.data_dir)?;
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
        for finding in &parsed.findings {
            if finding.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            match args.format {
                CheckFormat::Human => crate::outln!(
                    "{}",
                    diagnostic::render(&file.display, &file.text, finding, context.color)
                )?,
                CheckFormat::Json => crate::outln!("{}", json(&file, finding)?)?,
            }
        }
        if args.format == CheckFormat::Human && parsed.findings.is_empty() {
            let cards = parsed.deck.map_or(0, |d| d.cards.len());
            crate::outln!(
                "{}: ok ({})",
                escape_control(&file.display),
                plural(cards, "card")
            )?;
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

fn json(file: &DeckFile, finding: &Finding) -> anyhow::Result<String> {
    let (line, column) = line_col(&file.text, finding.span.start);
    let (end_line, end_column) = line_col(&file.text, finding.span.end);
    Ok(serde_json::to_string(&JsonFinding {
        code: finding.code.name(),
        severity: finding.severity.name(),
        path: &file.display,
        line,
        column,
        end_line,
        end_column,
        message: &finding.message,
        label: &finding.label,
    })?)
}

fn fix(file: &mut DeckFile) -> anyhow::Result<()> {
    let path = match &file.origin {
        Origin::Bundled => return Ok(()),
        Origin::UserFolder(path) | Origin::Path(path) => path.clone(),
    };
    // A file that is not valid TOML cannot be edited safely; check reports why.
    let Ok((fixed, added)) = add_missing_ids(&file.text) else {
        return Ok(());
    };
    if added > 0 {
        files::replace(&path, &fixed)?;
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
fn files(args: &[String], data_dir: &Path) -> anyhow::Result<Vec<DeckFile>> {
    if args.is_empty() {
        return Ok(library::user_files(data_dir)?);
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
            files.extend(library::resolve(std::slice::from_ref(arg), data_dir)?);
        }
    }
    Ok(files)
}
