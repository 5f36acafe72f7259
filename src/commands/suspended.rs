//! `quiz suspended`: the cards the learner suspended, as a table (deck, card id, question,
//! when), and `--restore CARD` / `--all` to bring them back with the progress they had.
//! It takes no lock, so it works while a session runs.

use anyhow::bail;

use crate::calendar::describe_instant;
use crate::catalog;
use crate::cli::SuspendedArgs;
use crate::deck::{DeckId, library};
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::{ExitCode, UsageError};
use crate::store::{Store, Suspension};
use crate::ui::format::plural;
use crate::ui::table::{Layout, Report, wrap};

pub(crate) fn run(args: &SuspendedArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let settings = context.settings()?;
    let found = library::locate_shown(
        &args.decks,
        &context.deck_folders(&settings),
        settings.show_bundled,
    )?;
    // With no deck named, every suspension is listed, also of decks that are gone.
    let named: Option<Vec<DeckId>> =
        (!args.decks.is_empty()).then(|| found.iter().map(|deck| deck.id.clone()).collect());
    let mut store = Store::open_to_read(&context.data_dir)?;
    let suspended = store.suspensions(named.as_deref())?;
    if let Some(card) = &args.restore {
        return restore(&store, &suspended, card, context.clock.now());
    }
    if args.all {
        let mut decks: Vec<DeckId> = suspended.iter().map(|s| s.deck.clone()).collect();
        decks.dedup();
        let restored = store.restore_all(&decks, context.clock.now())?;
        if restored == 0 {
            crate::outln!("Nothing to restore: no card is suspended.")?;
        } else {
            crate::outln!(
                "restored {}: they are asked again, with the progress they had",
                plural(restored, "card")
            )?;
        }
        return Ok(ExitCode::Success);
    }
    if suspended.is_empty() {
        crate::outln!("No card is suspended (`:suspend` at a question suspends it).")?;
        return Ok(ExitCode::Success);
    }
    // The questions come from the deck index, brought up to date first; a deck that does
    // not load is only left without its questions here.
    catalog::refresh(found, &mut store, false)?;
    let mut table = Report::new(&["deck", "card", "question", "suspended"]).whole(3);
    for suspension in &suspended {
        let question = store
            .indexed_question(&suspension.deck, &suspension.card)?
            .map_or_else(
                || "(not in the deck any more)".to_string(),
                |q| escape_line(&q),
            );
        table.row(vec![
            escape_line(&suspension.deck.0),
            escape_line(&suspension.card.0),
            question,
            describe_instant(suspension.at, &context.clock),
        ]);
    }
    let layout = Layout::of(context);
    crate::outln!("{}", table.render(layout))?;
    let footer = format!(
        "{} suspended; `quiz suspended --restore CARD` restores one, `--all` every one.",
        plural(suspended.len(), "card")
    );
    crate::outln!("{}", wrap(&footer, layout.columns(), "  "))?;
    Ok(ExitCode::Success)
}

/// Restores the one suspended card with the id `card` among `suspended`.
fn restore(
    store: &Store,
    suspended: &[Suspension],
    card: &str,
    now: jiff::Timestamp,
) -> anyhow::Result<ExitCode> {
    let shown = escape_line(card);
    let matching: Vec<&Suspension> = suspended.iter().filter(|s| s.card.0 == card).collect();
    match matching.as_slice() {
        [] => bail!("card `{shown}` is not suspended (`quiz suspended` lists the suspended cards)"),
        [one] => {
            store.restore(&one.deck, &one.card, now)?;
            crate::outln!(
                "restored `{shown}` of deck `{}`: it is asked again, with the progress it had",
                escape_line(&one.deck.0)
            )?;
            Ok(ExitCode::Success)
        }
        several => {
            let decks: Vec<String> = several
                .iter()
                .map(|s| format!("`{}`", escape_line(&s.deck.0)))
                .collect();
            Err(UsageError(format!(
                "card `{shown}` is suspended in several decks ({}): name the deck, as in `quiz suspended {} --restore {shown}`",
                decks.join(", "),
                escape_line(&several[0].deck.0)
            ))
            .into())
        }
    }
}
