//! `quiz start`: a spaced-repetition session over the chosen decks.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use anyhow::Context as _;
use jiff::Timestamp;

use super::{Context, describe_due, load_decks, scheduler};
use crate::cli::StartArgs;
use crate::deck::{Card, Deck};
use crate::judge::{self, Verdict};
use crate::schedule::{self, CardState, Rating, Scheduler};
use crate::session::{self, Candidate, Plan, Queue};
use crate::store::{Mode, Review, ReviewId, SessionId, Store};
use crate::ui::interactive::Interactive;
use crate::ui::plain::Plain;
use crate::ui::{Frontend, Next, Outcome, Prompt, Reply, Summary, summary_lines};

/// A card missed this many times is a leech: drilling it again is unlikely to help.
pub const LEECH_LAPSES: u32 = 8;

pub const EXIT_INTERRUPTED: i32 = 130;

/// One card of the session, with what the store knows of it.
struct Item<'a> {
    deck: &'a Deck,
    card: &'a Card,
    state: Option<CardState>,
}

/// An answer that can still be overridden or undone.
struct Answered {
    item: usize,
    review: ReviewId,
    previous: Option<CardState>,
    at: Timestamp,
    accepted: bool,
    verdict: &'static str,
}

/// Counts shared with the Ctrl-C handler, which prints the summary if the learner interrupts.
struct Tally {
    summary: Summary,
    started: Instant,
}

pub fn run(args: &StartArgs, context: &Context) -> anyhow::Result<i32> {
    let loaded = load_decks(&args.decks, context)?;
    let mut store = Store::open(&context.data_dir)?;
    let scheduler = scheduler(&store)?;
    let now = context.clock.now();
    let tz = &context.clock.tz;

    let mut items = Vec::new();
    let mut new_seen_today = 0;
    let day_start = schedule::day_start(now, tz);
    for deck in &loaded.decks {
        let mut states = store.card_states(&deck.id)?;
        new_seen_today += store.new_cards_since(&deck.id, day_start)?;
        for card in &deck.cards {
            items.push(Item {
                deck,
                card,
                state: states.remove(&card.id),
            });
        }
    }
    let candidates: Vec<Candidate> = items
        .iter()
        .enumerate()
        .map(|(index, item)| Candidate {
            index,
            due: item.state.map(|s| s.due),
            retrievability: item
                .state
                .map_or(0.0, |s| scheduler.retrievability_at(&s, now)),
        })
        .collect();
    let plan = Plan {
        due_before: schedule::next_day_start(now, tz),
        new_limit: args.new_cards,
        new_seen_today,
        limit: args.limit,
        shuffle: args
            .shuffle
            .then(|| args.seed.unwrap_or_else(|| now.as_second().unsigned_abs())),
    };
    let order = session::order(&candidates, &plan);
    let deck_ids: Vec<_> = loaded.decks.iter().map(|d| d.id.clone()).collect();

    let mut ui: Box<dyn Frontend> = if context.interactive {
        Box::new(Interactive::new(context.color))
    } else {
        Box::new(Plain::new(std::io::stdin().lock(), std::io::stdout()))
    };

    if order.is_empty() {
        ui.notice("Nothing to study now: no cards are due and no new cards are left for today.")?;
        let next = next_due(&store, &loaded.decks)?;
        match next {
            Some(due) => ui.notice(&format!(
                "next card due: {}",
                describe_due(due, now, &context.clock)
            ))?,
            None => ui.notice(
                "next card due: none (every card is new; raise --new to study more today)",
            )?,
        }
        return Ok(0);
    }

    let session = store.start_session(now, &deck_ids, Mode::Review)?;
    let tally = Arc::new(Mutex::new(Tally {
        summary: Summary::default(),
        started: Instant::now(),
    }));
    install_interrupt_handler(
        &tally,
        &store,
        session,
        &context.clock,
        &loaded.decks,
        context.interactive,
    );

    let seed = args.seed.unwrap_or_else(|| now.as_second().unsigned_abs());
    let mut queue = Queue::new(order, seed);
    let mut history: Vec<Answered> = Vec::new();
    let mut asked = 0;
    let mut quit = false;

    'cards: while let Some(index) = queue.pop() {
        let (deck, card, previous) = (items[index].deck, items[index].card, items[index].state);
        let mut hinted = false;
        let started = Instant::now();
        let given = loop {
            let prompt = Prompt {
                position: asked + 1,
                total: asked + 1 + queue.remaining(),
                card,
                hint_shown: hinted,
            };
            match ui.ask(&prompt)? {
                Reply::Answer(text) => break text,
                Reply::Hint => {
                    hinted = true;
                    ui.show_hint(card)?;
                }
                Reply::Override(accepted) => {
                    if override_last(
                        &mut history,
                        accepted,
                        &mut items,
                        &mut store,
                        &scheduler,
                        &mut queue,
                        &tally,
                        tz,
                    )? {
                        ui.show_override(accepted)?;
                    } else {
                        ui.notice("nothing to override yet")?;
                    }
                }
                Reply::Undo => {
                    if let Some(undone) =
                        undo_last(&mut history, &mut items, &mut store, &mut queue, &tally)?
                    {
                        queue.push_front(index);
                        queue.push_front(undone);
                        asked -= 1;
                        ui.notice("undone: asking that card again")?;
                        continue 'cards;
                    }
                    ui.notice("nothing to undo yet")?;
                }
                Reply::Quit => {
                    quit = true;
                    break 'cards;
                }
            }
        };

        let verdict = judge::judge(&card.expected, &given);
        let (rating, word) = match &verdict {
            Verdict::Right if hinted => (Rating::Hard, "right"),
            Verdict::Right => (Rating::Good, "right"),
            Verdict::Close { .. } => (Rating::Hard, "close"),
            Verdict::Wrong { .. } => (Rating::Again, "wrong"),
        };
        let answered_at = context.clock.now();
        let state = scheduler.review(previous.as_ref(), rating, answered_at, tz)?;
        let review = Review {
            reviewed_at: answered_at,
            deck: &deck.id,
            card: &card.id,
            rating,
            verdict: word,
            given_answer: &given,
            elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            session: Some(session),
            mode: Mode::Review,
        };
        let outcome = Outcome {
            card,
            verdict: &verdict,
            hinted,
            leech: state.lapses >= LEECH_LAPSES,
        };
        let next = {
            // Holding the tally while saving and showing keeps Ctrl-C from landing between them.
            let mut tally = tally.lock().unwrap_or_else(PoisonError::into_inner);
            let id = store
                .record(&review, Some(&state))
                .context("could not save the answer")?;
            count(&mut tally.summary, word, 1);
            history.push(Answered {
                item: index,
                review: id,
                previous,
                at: answered_at,
                accepted: verdict.is_accepted(),
                verdict: word,
            });
            items[index].state = Some(state);
            asked += 1;
            queue.answered(index, verdict.is_accepted());
            drop(tally);
            ui.show_outcome(&outcome)?
        };
        match next {
            Next::Continue => {}
            Next::Override(accepted) => {
                override_last(
                    &mut history,
                    accepted,
                    &mut items,
                    &mut store,
                    &scheduler,
                    &mut queue,
                    &tally,
                    tz,
                )?;
                ui.show_override(accepted)?;
            }
            Next::Undo => {
                if let Some(undone) =
                    undo_last(&mut history, &mut items, &mut store, &mut queue, &tally)?
                {
                    queue.push_front(undone);
                    asked -= 1;
                }
            }
            Next::Quit => {
                quit = true;
                break;
            }
        }
    }

    let ended = context.clock.now();
    store.end_session(session, ended)?;
    let summary = finish(&tally, &store, &loaded.decks, ended, &context.clock)?;
    if !quit && summary.asked > 0 {
        ui.notice("All done for now.")?;
    }
    ui.summary(&summary)?;
    Ok(0)
}

fn count(summary: &mut Summary, word: &str, delta: isize) {
    let field = match word {
        "right" => &mut summary.right,
        "close" => &mut summary.close,
        _ => &mut summary.wrong,
    };
    *field = field.saturating_add_signed(delta);
    summary.asked = summary.asked.saturating_add_signed(delta);
}

/// Applies "I was right" / "I was wrong" to the latest answer; false if there is none.
#[allow(clippy::too_many_arguments)]
fn override_last(
    history: &mut [Answered],
    accepted: bool,
    items: &mut [Item<'_>],
    store: &mut Store,
    scheduler: &Scheduler,
    queue: &mut Queue,
    tally: &Mutex<Tally>,
    tz: &jiff::tz::TimeZone,
) -> anyhow::Result<bool> {
    let Some(last) = history.last_mut() else {
        return Ok(false);
    };
    let (rating, word) = if accepted {
        (Rating::Good, "right")
    } else {
        (Rating::Again, "wrong")
    };
    let state = scheduler.review(last.previous.as_ref(), rating, last.at, tz)?;
    let item = &mut items[last.item];
    let mut tally = tally.lock().unwrap_or_else(PoisonError::into_inner);
    store.revise(
        last.review,
        &item.deck.id,
        &item.card.id,
        rating,
        if accepted {
            "overridden-right"
        } else {
            "overridden-wrong"
        },
        Some(&state),
    )?;
    count(&mut tally.summary, last.verdict, -1);
    count(&mut tally.summary, word, 1);
    item.state = Some(state);
    last.verdict = word;
    if last.accepted != accepted {
        queue.revise(last.item, accepted);
    }
    last.accepted = accepted;
    Ok(true)
}

/// Takes back the latest answer; returns the item to ask again.
fn undo_last(
    history: &mut Vec<Answered>,
    items: &mut [Item<'_>],
    store: &mut Store,
    queue: &mut Queue,
    tally: &Mutex<Tally>,
) -> anyhow::Result<Option<usize>> {
    let Some(last) = history.pop() else {
        return Ok(None);
    };
    let item = &mut items[last.item];
    let mut tally = tally.lock().unwrap_or_else(PoisonError::into_inner);
    store.undo(
        last.review,
        &item.deck.id,
        &item.card.id,
        last.previous.as_ref(),
        true,
    )?;
    count(&mut tally.summary, last.verdict, -1);
    item.state = last.previous;
    if !last.accepted {
        queue.forget_retry(last.item);
    }
    Ok(Some(last.item))
}

fn next_due(store: &Store, decks: &[Deck]) -> anyhow::Result<Option<Timestamp>> {
    let mut next: Option<Timestamp> = None;
    for deck in decks {
        if let Some(due) = store.next_due(&deck.id)? {
            next = Some(next.map_or(due, |n| n.min(due)));
        }
    }
    Ok(next)
}

fn finish(
    tally: &Mutex<Tally>,
    store: &Store,
    decks: &[Deck],
    now: Timestamp,
    clock: &crate::config::Clock,
) -> anyhow::Result<Summary> {
    let tally = tally.lock().unwrap_or_else(PoisonError::into_inner);
    let mut summary = tally.summary.clone();
    summary.spent = tally.started.elapsed();
    summary.next_due = next_due(store, decks)?.map(|due| (due, describe_due(due, now, clock)));
    Ok(summary)
}

/// On Ctrl-C outside a prompt's own handling: close the session row, print the summary, exit 130.
/// Every answer is already committed, so nothing is lost.
fn install_interrupt_handler(
    tally: &Arc<Mutex<Tally>>,
    store: &Store,
    session: SessionId,
    clock: &crate::config::Clock,
    decks: &[Deck],
    interactive: bool,
) {
    let tally = Arc::clone(tally);
    let path = store.path().to_path_buf();
    let clock = clock.clone();
    let deck_ids: Vec<_> = decks.iter().map(|d| d.id.clone()).collect();
    let result = ctrlc::set_handler(move || {
        // The lock is held until exit, so no answer can start saving meanwhile.
        let guard = tally.lock().unwrap_or_else(PoisonError::into_inner);
        let mut summary = guard.summary.clone();
        summary.spent = guard.started.elapsed();
        let now = clock.now();
        if let Ok(store) = Store::open_file(&path) {
            let _ = store.end_session(session, now);
            let next = deck_ids
                .iter()
                .filter_map(|deck| store.next_due(deck).ok().flatten())
                .min();
            summary.next_due = next.map(|due| (due, describe_due(due, now, &clock)));
        }
        print_and_exit(&summary_lines(&summary), interactive);
    });
    if let Err(error) = result {
        eprintln!("quiz: warning: Ctrl-C will not print a summary: {error}");
    }
}

fn print_and_exit(lines: &[String], interactive: bool) -> ! {
    let _ = console::Term::stderr().show_cursor();
    if interactive {
        eprintln!();
        for line in lines {
            eprintln!("{line}");
        }
    } else {
        println!();
        for line in lines {
            println!("{line}");
        }
    }
    std::process::exit(EXIT_INTERRUPTED)
}
