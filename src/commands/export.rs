//! `quiz export DECK`: the deck as an Anki-importable TSV or a CSV (importing the result
//! gives back the same cards), as Anki's own notes text, or as an Anki package.

use std::io::IsTerminal as _;

use anyhow::{Context as _, bail};

use crate::catalog::load_decks;
use crate::cli::{ExportArgs, ExportTo};
use crate::deck::{CardId, Deck};
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::files::write_new;
use crate::interchange::anki_package::{self, ExportedReview, PackageInput};
use crate::interchange::{self, ExportFormat, anki_notes};
use crate::store::log::LoggedRow;
use crate::store::{Mode, Store};
use crate::ui::format::plural;

pub(crate) fn run(args: &ExportArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let loaded = load_decks(std::slice::from_ref(&args.deck), context)?;
    let Some(deck) = loaded.decks.first() else {
        bail!("no deck could be loaded");
    };
    let format = match args.format {
        ExportTo::Tsv => ExportFormat::Tsv,
        ExportTo::Csv => ExportFormat::Csv,
        ExportTo::Anki => {
            let notes = anki_notes::notes(deck);
            return write_text(args, &anki_notes::write_notes_text(&notes));
        }
        ExportTo::Apkg => return export_apkg(args, deck, context),
    };
    if args.with_history {
        bail!("--with-history goes with --format apkg");
    }
    let text = interchange::export(deck, format);
    write_text(args, &text)
}

fn write_text(args: &ExportArgs, text: &str) -> anyhow::Result<ExitCode> {
    match &args.output {
        Some(path) => write_new(path, text)?,
        // Deck text is untrusted: on a terminal its control characters are escaped.
        None if std::io::stdout().is_terminal() => crate::out!("{}", escape_control(text))?,
        None => crate::out!("{text}")?,
    }
    Ok(ExitCode::Success)
}

fn export_apkg(args: &ExportArgs, deck: &Deck, context: &Context) -> anyhow::Result<ExitCode> {
    let Some(output) = &args.output else {
        bail!("an Anki package is a binary file: name it with -o FILE.apkg");
    };
    let notes = anki_notes::notes(deck);
    let media = anki_package::deck_media(&context.data_dir, deck);
    let store = Store::open_to_read(&context.data_dir)?;
    let (states, reviews) = if args.with_history {
        let states = store.card_states(&deck.id)?;
        let mut reviews = Vec::new();
        store.export_reviews(|row: &LoggedRow<'_>| -> anyhow::Result<()> {
            if row.deck == deck.id.0 {
                reviews.push(ExportedReview {
                    card: CardId(row.card.to_string()),
                    at: row.reviewed_at,
                    rating: row.rating,
                    elapsed_ms: row.elapsed_ms,
                    cram: row.mode == Mode::Cram.name(),
                });
            }
            Ok(())
        })?;
        (states, reviews)
    } else {
        Default::default()
    };
    let suspended = store.suspended_cards(&deck.id)?;
    let bytes = anki_package::write_apkg(&PackageInput {
        suspended: &suspended,
        deck: &anki_notes::anki_deck_name(deck),
        notes: &notes,
        history: args.with_history.then_some((&states, reviews.as_slice())),
        media: &media,
        now: context.clock.now(),
    })
    .context("could not build the Anki package")?;
    crate::files::create_new(output, |file| std::io::Write::write_all(file, &bytes))?;
    let cards: usize = notes.iter().map(|n| n.cards.len()).sum();
    crate::outln!(
        "wrote {} ({}, {}{})",
        escape_control(&output.display().to_string()),
        plural(notes.len(), "note"),
        plural(cards, "card"),
        if args.with_history {
            format!(", {}", plural(reviews.len(), "review"))
        } else {
            String::new()
        }
    )?;
    Ok(ExitCode::Success)
}
