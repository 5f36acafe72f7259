//! `quiz export DECK`: the deck as an Anki-importable TSV or a CSV; importing the result
//! gives back the same cards.

use anyhow::bail;

use super::import::write_new;
use super::{Context, load_decks};
use crate::cli::{ExportArgs, ExportTo};
use crate::deck::interchange::{self, ExportFormat};

pub fn run(args: &ExportArgs, context: &Context) -> anyhow::Result<i32> {
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
        None => print!("{text}"),
    }
    Ok(0)
}
