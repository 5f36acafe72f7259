//! `quiz add DECK`: asks for a card's fields, shows the card, appends it (the file keeps its
//! formatting), re-checks the deck, and goes on until the author stops.

use std::collections::HashSet;

use anyhow::bail;

use super::Context;
use crate::cli::AddArgs;
use crate::deck::edit::{NewAnswer, NewCard, append_card, write_atomically};
use crate::deck::library;
use crate::deck::parse::parse_deck;
use crate::deck::{Kind, Origin, id};
use crate::diagnostic;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::ui::forms::{Form, PlainForm, TermForm};

pub fn run(args: &AddArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let files = library::resolve(std::slice::from_ref(&args.deck), &context.data_dir)?;
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
        for finding in parsed.findings.iter().filter(|f| f.is_error()) {
            eprintln!(
                "{}",
                diagnostic::render(&file.display, &text, finding, context.color)
            );
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
                let candidate = append_card(&text, &card)?;
                let parsed = parse_deck(file.id.clone(), &candidate, file.origin.clone());
                let errors: Vec<_> = parsed.findings.iter().filter(|f| f.is_error()).collect();
                if errors.is_empty() {
                    write_atomically(&path, &candidate)?;
                    text = candidate;
                    added += 1;
                    form.say(&format!("added `{}` to {}", card.id, file.display))?;
                } else {
                    for finding in errors {
                        form.say(&diagnostic::render(
                            &file.display,
                            &candidate,
                            finding,
                            false,
                        ))?;
                    }
                    form.say("not added: the card has the mistakes shown above")?;
                }
            }
        }
        if form.confirm("add another card?", true)? != Some(true) {
            break;
        }
    }
    form.say(&format!(
        "{added} card{} added",
        if added == 1 { "" } else { "s" }
    ))?;
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

fn list(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn optional(text: String) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Asks for one card; `None` when the author stops.
fn ask_card(form: &mut dyn Form, ids: &HashSet<String>) -> anyhow::Result<Option<NewCard>> {
    let kinds = Kind::NAMES;
    let Some(kind_index) = form.select("kind", &kinds)? else {
        return Ok(None);
    };
    let kind = Kind::from_name(kinds[kind_index]).unwrap_or(Kind::Text);
    let mut card = NewCard::default();
    let prompt_text = if kind == Kind::Cloze {
        let Some(cloze) = ask_required(form, "cloze text (mark each gap as {{answer}})")? else {
            return Ok(None);
        };
        card.cloze = Some(cloze.clone());
        cloze
    } else {
        let question = if kind == Kind::TrueFalse {
            "statement (true or false)"
        } else {
            "question"
        };
        let Some(question) = ask_required(form, question)? else {
            return Ok(None);
        };
        card.question = Some(question.clone());
        question
    };
    match kind {
        Kind::Text => {
            let Some(answer) = ask_required(form, "answer")? else {
                return Ok(None);
            };
            card.answer = Some(NewAnswer::Text(answer));
            let Some(accept) =
                form.text("other answers that count as right (separated by |, optional)")?
            else {
                return Ok(None);
            };
            card.accept = list(&accept);
        }
        Kind::Choice => {
            let Some(choices) = ask_required(form, "choices (separated by |)")? else {
                return Ok(None);
            };
            card.choices = list(&choices);
            let Some(answer) = ask_required(form, "the right choice (its text or number)")? else {
                return Ok(None);
            };
            let answer = match answer.trim().parse::<usize>() {
                Ok(n) if (1..=card.choices.len()).contains(&n) => card.choices[n - 1].clone(),
                _ => answer,
            };
            card.answer = Some(NewAnswer::Text(answer));
        }
        Kind::TrueFalse => {
            let Some(answer) = form.select("answer", &["true", "false"])? else {
                return Ok(None);
            };
            card.answer = Some(NewAnswer::Bool(answer == 0));
        }
        Kind::Several => {
            let Some(parts) = ask_required(form, "answers (separated by |)")? else {
                return Ok(None);
            };
            card.answer = Some(NewAnswer::Several(list(&parts)));
        }
        Kind::Cloze => {}
    }
    let Some(explain) = form.text("explanation shown after answering (optional)")? else {
        return Ok(None);
    };
    card.explain = optional(explain);
    let Some(hint) = form.text("hint (optional)")? else {
        return Ok(None);
    };
    card.hint = optional(hint);
    let Some(tags) = form.text("tags (separated by spaces or commas, optional)")? else {
        return Ok(None);
    };
    card.tags = tags
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    card.id = id::unique(&id::slug(&prompt_text.replace(['{', '}'], " "), 6, 48), ids);
    Ok(Some(card))
}

fn ask_required(form: &mut dyn Form, prompt: &str) -> anyhow::Result<Option<String>> {
    loop {
        let Some(text) = form.text(prompt)? else {
            return Ok(None);
        };
        if let Some(text) = optional(text) {
            return Ok(Some(text));
        }
        form.say("this field is needed")?;
    }
}

/// The card as it will appear in the file.
fn preview(card: &NewCard) -> anyhow::Result<String> {
    let appended = append_card("", card)?;
    Ok(appended.trim_end().to_string())
}
