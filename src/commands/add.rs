//! `quiz add DECK`: asks for a card's fields, shows the card, appends it (the file keeps its
//! formatting), re-checks the deck, and goes on until the author stops.

use std::collections::HashSet;

use anyhow::bail;

use crate::cli::AddArgs;
use crate::deck::Origin;
use crate::deck::edit::append_card;
use crate::deck::library;
use crate::deck::parse::parse_deck;
use crate::deck_edit_lock::{self, Change};
use crate::diagnostic;
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::ui::format::plural;
use crate::ui::forms::{Form, PlainForm, TermForm, ask_card, preview};

pub(crate) fn run(args: &AddArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let files: Vec<_> = crate::catalog::known::locate_files(
        std::slice::from_ref(&args.deck),
        &context.deck_folders(&context.settings()?),
        true,
    )?
    .into_iter()
    .map(library::Located::read)
    .collect();
    let Some(file) = files.into_iter().next() else {
        bail!("no deck named `{}`", escape_control(&args.deck));
    };
    let path = match &file.origin {
        Origin::Bundled => bail!(
            "`{}` is a bundled deck and cannot be edited; create your own with `quiz new NAME`",
            file.id
        ),
        Origin::UserFolder(path) | Origin::Path(path) => path.clone(),
    };
    let mut text = file.text;
    let parsed = parse_deck(file.id.clone(), &text, file.origin.clone());
    if parsed.deck.is_none() {
        for line in diagnostic::render_errors(&file.display, &text, &parsed.findings, context.color)
        {
            eprintln!("{line}");
        }
        bail!(
            "{} has errors; fix them before adding cards",
            escape_control(&file.display)
        );
    }

    let mut form: Box<dyn Form> = if context.interactive {
        Box::new(TermForm::new(context.color))
    } else {
        Box::new(PlainForm::new(std::io::stdin().lock(), std::io::stdout()))
    };
    let mut added = 0;
    loop {
        let ids = existing_ids(&text, &file.id, &file.origin);
        let Some(card) = ask_card(form.as_mut(), &ids)? else {
            break;
        };
        form.say(&format!("\n{}", preview(&card)?))?;
        match form.confirm("add this card?", true)? {
            None => break,
            Some(false) => form.say("not added")?,
            Some(true) => {
                // Appended under the deck's lock to what the file holds now, so an edit made
                // while the card was typed (`check --fix`, another `quiz add`) is kept.
                let outcome = deck_edit_lock::edit(&path, |fresh| {
                    let candidate = match append_card(fresh, &card) {
                        Ok(candidate) => candidate,
                        Err(error) => return Change::Keep(Err(anyhow::Error::new(error))),
                    };
                    let parsed = parse_deck(file.id.clone(), &candidate, file.origin.clone());
                    let errors: Vec<String> = parsed
                        .findings
                        .iter()
                        .filter(|f| f.is_error())
                        .map(|finding| {
                            diagnostic::render(&file.display, &candidate, finding, false)
                        })
                        .collect();
                    if errors.is_empty() {
                        Change::Write(candidate.clone(), Ok(Ok(candidate)))
                    } else {
                        Change::Keep(Ok(Err(errors)))
                    }
                })?;
                match outcome? {
                    Ok(candidate) => {
                        text = candidate;
                        added += 1;
                        form.say(&format!("added `{}` to {}", card.id, file.display))?;
                    }
                    Err(errors) => {
                        for error in errors {
                            form.say(&error)?;
                        }
                        form.say("not added: the card has the mistakes shown above")?;
                    }
                }
            }
        }
        if form.confirm("add another card?", true)? != Some(true) {
            break;
        }
    }
    form.say(&format!("{} added", plural(added, "card")))?;
    Ok(ExitCode::Success)
}

fn existing_ids(text: &str, id: &crate::deck::DeckId, origin: &Origin) -> HashSet<String> {
    parse_deck(id.clone(), text, origin.clone())
        .deck
        .map(|deck| {
            deck.cards
                .iter()
                .map(|c| c.id.0.split('#').next().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}
