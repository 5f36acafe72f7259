//! `quiz export DECK`: the deck as an Anki-importable TSV or a CSV; importing the result
//! gives back the same cards.

use std::io::IsTerminal as _;

use anyhow::bail;

use crate::catalog::load_decks;
use crate::cli::{ExportArgs, ExportTo};
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::files::write_new;
use crate::interchange::{self, ExportFormat};

pub(crate) fn run(args: &ExportArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let loaded = load_decks(std::slice::from_ref(&args.deck), context)?;
    let Some(deck) = loaded.decks.first() else {
        bail!("no deck could be loaded");
    };
    let format = match args.format {
        ExportTo::Tsv => ExportFormat::Tsv,
        ExportTo::Csv => ExportFormat::Csv,
    };
    let text = interchange::export(deck, format);
    match &args.output {
        Some(path) => write_new(path, &text)?,
        // Deck text is untrusted: on a terminal its control characters are escaped.
        None if std::io::stdout().is_terminal() => crate::out!("{}", escape_control(&text))?,
        None => crate::out!("{text}")?,
    }
    Ok(ExitCode::Success)
}
