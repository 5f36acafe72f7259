//! `quiz derive DOCUMENT`: a first draft of a deck from a document (text, Markdown, HTML). The
//! learner reads the draft, fixes it and studies it; this command only reads the file,
//! hands the text to [`crate::derive`] and writes the deck to standard output or to
//! a new file (never over an existing one), with a one-line summary on standard error
//! (after the explanation, with `--explain`).

use std::io::Write as _;

use anyhow::{Context as _, bail};

use crate::cli::{DeriveArgs, DeriveFrom};
use crate::derive::{self, DeriveOptions, Format};
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::{ExitCode, UsageError};
use crate::files::write_new;
use crate::ui::format::plural;

pub(crate) fn run(args: &DeriveArgs, _context: &Context) -> anyhow::Result<ExitCode> {
    let display = escape_control(&args.document.display().to_string());
    if args.limit == Some(0) {
        return Err(UsageError("--limit must be at least 1".into()).into());
    }
    let bytes = crate::input::read(&args.document, crate::input::Input::Document)
        .with_context(|| format!("could not read {display}"))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(error) => bail!(
            "could not read {display}: it is not UTF-8 text (invalid byte at offset {}); \
             convert it to UTF-8 first",
            error.valid_up_to()
        ),
    };
    let file_name = args
        .document
        .file_name()
        .map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned());
    let options = DeriveOptions {
        file_name,
        title: args.title.clone(),
        limit: args.limit,
        from: args.from.map(|from| match from {
            DeriveFrom::Text => Format::Text,
            DeriveFrom::Markdown => Format::Markdown,
            DeriveFrom::Html => Format::Html,
        }),
    };
    let derived = derive::derive(text, &options).with_context(|| display.clone())?;
    if args.explain {
        eprint!("{}", derived.explanation);
    }
    match &args.output {
        Some(path) => write_new(path, &derived.toml)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(derived.toml.as_bytes())?;
            out.flush()?;
        }
    }
    eprintln!(
        "quiz: drafted {} ({}) from {} of {display}{}; review every card before studying",
        plural(derived.cards, "card"),
        plural(derived.gaps, "gap"),
        plural(derived.sentences, "sentence"),
        match &args.output {
            Some(path) => format!(" into {}", escape_control(&path.display().to_string())),
            None => String::new(),
        },
    );
    Ok(ExitCode::Success)
}
