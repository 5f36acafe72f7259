//! The study loop shared by `quiz start`, `quiz missed` and `quiz cram`: ask, judge,
//! schedule, save, show — in that order, one answer at a time.
//!
//! The commands differ only in which cards they pick and in what order; everything a
//! learner does during a session (hints, overrides, undo, quitting) behaves the same in all.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use anyhow::Context as _;
use jiff::Timestamp;

use super::{Context, index_decks, scheduler};
use crate::calendar::describe_due;
use crate::cli::StudyArgs;
use crate::deck::library;
use crate::deck::{Card, DeckId};
use crate::distractors::Pool;
use crate::env::Clock;
use crate::judge::{self, Verdict};
use crate::schedule::{CardState, Rating, Scheduler};
use crate::session::Queue;
use crate::settings::{Presentation, Settings};
use crate::store::{Mode, Review, ReviewId, SessionId, Store};
use crate::ui::interactive::Interactive;
use crate::ui::plain::Plain;
use crate::ui::{Frontend, Next, Outcome, Prompt, Reply, Summary, summary_lines};

pub const EXIT_INTERRUPTED: i32 = 130;

/// One card of the session as it is put to the learner, with what the store knows of it.
pub struct Item<'a> {
    pub deck: &'a DeckId,
    pub card: Card,
    pub state: Option<CardState>,
}

/// The cards a session can ask, read from the store's deck index.
pub struct Items<'a> {
    pub items: Vec<Item<'a>>,
    /// The decks with a card carrying the tags asked for (any card without tags), in order:
    /// the session is recorded against them and the summary says when their next card is due.
    decks: Vec<&'a DeckId>,
    /// Every typed card's answer in the chosen decks, tags aside; empty unless in choice mode.
    pool: Pool,
}

impl<'a> Items<'a> {
    /// `items`, picked by the caller from the cards of `decks` carrying any of `tags` (all
    /// cards when `tags` is empty).
    pub fn new(
        items: Vec<Item<'a>>,
        decks: &'a [DeckId],
        tags: &[String],
        store: &Store,
        presentation: Presentation,
    ) -> anyhow::Result<Items<'a>> {
        let mut with_cards = Vec::new();
        for deck in decks {
            if store.has_indexed_cards(deck, tags)? {
                with_cards.push(deck);
            }
        }
        Ok(Items {
            items,
            decks: with_cards,
            pool: pool(decks, store, presentation)?,
        })
    }

    /// The cards of `decks` carrying any of `tags` (all cards when `tags` is empty) that
    /// `keep` keeps, in file order, with their stored state.
    pub fn matching(
        decks: &'a [DeckId],
        tags: &[String],
        store: &Store,
        presentation: Presentation,
        keep: &dyn Fn(&DeckId, &Card) -> bool,
    ) -> anyhow::Result<Items<'a>> {
        let mut items = Vec::new();
        let mut with_cards = Vec::new();
        for deck in decks {
            let mut any = false;
            store.each_indexed_card(deck, tags, &mut |card, state| {
                any = true;
                if keep(deck, &card) {
                    items.push(Item { deck, card, state });
                }
            })?;
            if any {
                with_cards.push(deck);
            }
        }
        Ok(Items {
            items,
            decks: with_cards,
            pool: pool(decks, store, presentation)?,
        })
    }
}

/// In choice mode, every typed card's answer in `decks`; nothing otherwise. A typed card is
/// shown as multiple choice when it is asked (`Run::presented`), drawing from these.
fn pool(decks: &[DeckId], store: &Store, presentation: Presentation) -> anyhow::Result<Pool> {
    let mut answers = Vec::new();
    if presentation == Presentation::Choice {
        for deck in decks {
            answers.extend(store.indexed_answers(deck)?);
        }
    }
    Ok(Pool::new(answers.iter().map(String::as_str)))
}

pub struct Options {
    pub mode: Mode,
    pub presentation: Presentation,
    pub seed: u64,
    pub leech_threshold: u32,
}

/// What every study command starts from, read from its arguments and the environment.
pub struct Setup {
    pub settings: Settings,
    /// The chosen decks that load, indexed in `store`.
    pub decks: Vec<DeckId>,
    pub store: Store,
    pub scheduler: Scheduler,
    pub seed: u64,
    pub presentation: Presentation,
    /// Held for the whole session: a second session would schedule from stale states.
    pub lock: crate::data_lock::DataLock,
}

impl Setup {
    pub fn new(args: &StudyArgs, context: &Context) -> anyhow::Result<Setup> {
        let settings = context.settings()?;
        let lock = crate::data_lock::acquire(&context.data_dir)?;
        let found = library::locate(&args.decks, &context.data_dir)?;
        let mut store = Store::open(&context.data_dir)?;
        let decks = index_decks(found, context, &mut store)?;
        let scheduler = scheduler(&store, settings.desired_retention)?;
        let seed = args
            .seed
            .unwrap_or_else(|| context.clock.now().as_second().unsigned_abs());
        let presentation = args.mode.unwrap_or(settings.mode);
        Ok(Setup {
            settings,
            decks,
            store,
            scheduler,
            seed,
            presentation,
            lock,
        })
    }

    pub fn options(&self, mode: Mode) -> Options {
        Options {
            mode,
            presentation: self.presentation,
            seed: self.seed,
            leech_threshold: self.settings.leech_threshold,
        }
    }
}

/// An answer that can still be overridden or undone.
struct Answered {
    item: usize,
    review: ReviewId,
    previous: Option<CardState>,
    at: Timestamp,
    accepted: bool,
    word: &'static str,
}

/// Counts shared with the Ctrl-C handler, which prints the summary if the learner interrupts.
struct Tally {
    summary: Summary,
    started: Instant,
}

struct Run<'a, 'b> {
    items: Vec<Item<'a>>,
    pool: &'b Pool,
    queue: Queue,
    history: Vec<Answered>,
    store: &'b mut Store,
    scheduler: &'b Scheduler,
    options: &'b Options,
    clock: &'b Clock,
    session: SessionId,
    tally: Arc<Mutex<Tally>>,
    asked: usize,
}

/// Runs a session over `order` (indexes into `items`) and prints its summary.
pub fn run(
    items: Items<'_>,
    order: Vec<usize>,
    options: &Options,
    store: &mut Store,
    scheduler: &Scheduler,
    context: &Context,
    header: Option<&str>,
) -> anyhow::Result<i32> {
    let mut ui: Box<dyn Frontend> = if context.interactive {
        Box::new(Interactive::new(context.color))
    } else {
        Box::new(Plain::new(std::io::stdin().lock(), std::io::stdout()))
    };
    if let Some(header) = header {
        ui.notice(header)?;
    }
    let now = context.clock.now();
    let Items { items, decks, pool } = items;
    let session = store.start_session(
        now,
        &decks.iter().map(|&d| d.clone()).collect::<Vec<_>>(),
        options.mode,
    )?;
    let tally = Arc::new(Mutex::new(Tally {
        summary: Summary::default(),
        started: Instant::now(),
    }));
    install_interrupt_handler(
        &tally,
        store,
        session,
        &context.clock,
        &decks,
        context.interactive,
    );
    let mut run = Run {
        items,
        pool: &pool,
        queue: Queue::new(order, options.seed),
        history: Vec::new(),
        store,
        scheduler,
        options,
        clock: &context.clock,
        session,
        tally,
        asked: 0,
    };
    let quit = run.ask_all(ui.as_mut())?;
    let ended = context.clock.now();
    run.store.end_session(session, ended)?;
    let summary = {
        let tally = run.tally.lock().unwrap_or_else(PoisonError::into_inner);
        let mut summary = tally.summary.clone();
        summary.spent = tally.started.elapsed();
        summary.next_due =
            next_due(run.store, &decks)?.map(|due| (due, describe_due(due, ended, &context.clock)));
        summary
    };
    if !quit && summary.asked > 0 {
        ui.notice("All done for now.")?;
    }
    ui.summary(&summary)?;
    Ok(0)
}

pub fn next_due(store: &Store, decks: &[&DeckId]) -> anyhow::Result<Option<Timestamp>> {
    let mut next: Option<Timestamp> = None;
    for deck in decks {
        if let Some(due) = store.next_due(deck)? {
            next = Some(next.map_or(due, |n| n.min(due)));
        }
    }
    Ok(next)
}

/// What the learner gave for one card.
enum Given {
    Text(String),
    Grade(Rating),
}

impl Run<'_, '_> {
    /// Asks until the queue is empty or the learner quits; true when they quit.
    fn ask_all(&mut self, ui: &mut dyn Frontend) -> anyhow::Result<bool> {
        while let Some(index) = self.queue.pop() {
            match self.ask_one(ui, index)? {
                Step::Quit => return Ok(true),
                Step::Skip | Step::Done => {}
            }
        }
        Ok(false)
    }

    /// The card at `index` as it is shown: in choice mode a typed card becomes multiple
    /// choice the first time it is asked, the same choices every time (they are seeded).
    fn presented(&mut self, index: usize) -> Card {
        let item = &mut self.items[index];
        if self.options.presentation == Presentation::Choice
            && let Some(expected) =
                self.pool
                    .as_choice(&item.card.expected, self.options.seed, &item.card.id.0)
        {
            item.card.expected = expected;
        }
        item.card.clone()
    }

    fn ask_one(&mut self, ui: &mut dyn Frontend, index: usize) -> anyhow::Result<Step> {
        let card = self.presented(index);
        let flip = self.options.presentation == Presentation::Flip;
        let mut hinted = false;
        let started = Instant::now();
        let given = loop {
            let prompt = Prompt {
                position: self.asked + 1,
                total: self.asked + 1 + self.queue.remaining(),
                card: &card,
                hint_shown: hinted,
                flip,
            };
            match ui.ask(&prompt)? {
                Reply::Answer(_) if flip => match ui.grade(&card)? {
                    Some(rating) => break Given::Grade(rating),
                    None => return Ok(Step::Quit),
                },
                Reply::Answer(text) => break Given::Text(text),
                Reply::Hint => {
                    hinted = card.hint.is_some();
                    ui.show_hint(&card)?;
                }
                Reply::Override(accepted) => {
                    let retry_of_last = self
                        .history
                        .last()
                        .is_some_and(|last| last.item == index && !last.accepted);
                    if self.override_last(accepted)? {
                        ui.show_override(accepted)?;
                        // The card on screen is the retry of the miss just overridden.
                        if accepted && retry_of_last {
                            return Ok(Step::Skip);
                        }
                    } else {
                        ui.notice("nothing to override yet")?;
                    }
                }
                Reply::Undo => {
                    if let Some(undone) = self.undo_last()? {
                        // The card on screen may be the retry of the miss just undone.
                        if undone != index {
                            self.queue.push_front(index);
                        }
                        self.queue.push_front(undone);
                        ui.notice("undone: asking that card again")?;
                        return Ok(Step::Skip);
                    }
                    ui.notice("nothing to undo yet")?;
                }
                Reply::Quit => return Ok(Step::Quit),
            }
        };

        let (verdict, rating, word, shown) = match given {
            Given::Text(text) => {
                let verdict = judge::judge(&card.expected, &text);
                let (rating, word) = match &verdict {
                    Verdict::Right if hinted => (Rating::Hard, "right"),
                    Verdict::Right => (Rating::Good, "right"),
                    Verdict::Close { .. } => (Rating::Hard, "close"),
                    Verdict::Wrong { .. } => (Rating::Again, "wrong"),
                };
                (Some(verdict), rating, word, text)
            }
            Given::Grade(rating) => {
                let word = match rating {
                    Rating::Again => "again",
                    Rating::Hard => "hard",
                    Rating::Good => "good",
                    Rating::Easy => "easy",
                };
                (None, rating, word, String::new())
            }
        };
        let accepted = rating != Rating::Again;
        let answered_at = self.clock.now();
        let previous = self.items[index].state;
        let schedules = self.options.mode != Mode::Cram;
        let state = if schedules {
            Some(
                self.scheduler
                    .review(previous.as_ref(), rating, answered_at, &self.clock.tz)?,
            )
        } else {
            previous
        };
        let item = &self.items[index];
        let review = Review {
            reviewed_at: answered_at,
            deck: item.deck,
            card: &item.card.id,
            rating,
            verdict: word,
            given_answer: &shown,
            elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            session: Some(self.session),
            mode: self.options.mode,
        };
        {
            // Holding the tally while saving keeps Ctrl-C from landing between save and count.
            let mut tally = self.tally.lock().unwrap_or_else(PoisonError::into_inner);
            let id = self
                .store
                .record(&review, if schedules { state.as_ref() } else { None })
                .context("could not save the answer")?;
            count(&mut tally.summary, word, 1);
            self.history.push(Answered {
                item: index,
                review: id,
                previous,
                at: answered_at,
                accepted,
                word,
            });
        }
        self.items[index].state = state;
        self.asked += 1;
        self.queue.answered(index, accepted);
        let leech = state.is_some_and(|s| s.lapses >= self.options.leech_threshold);
        let next = match &verdict {
            Some(verdict) => ui.show_outcome(&Outcome {
                card: &card,
                verdict,
                hinted,
                leech,
            })?,
            None => ui.show_grade(&card, word, leech)?,
        };
        match next {
            Next::Continue => {}
            Next::Override(accepted) => {
                self.override_last(accepted)?;
                ui.show_override(accepted)?;
            }
            Next::Undo => {
                if let Some(undone) = self.undo_last()? {
                    self.queue.push_front(undone);
                }
            }
            Next::Quit => return Ok(Step::Quit),
        }
        Ok(Step::Done)
    }

    /// Applies "I was right" / "I was wrong" to the latest answer; false if there is none.
    fn override_last(&mut self, accepted: bool) -> anyhow::Result<bool> {
        let Some(last) = self.history.last_mut() else {
            return Ok(false);
        };
        let (rating, word) = if accepted {
            (Rating::Good, "right")
        } else {
            (Rating::Again, "wrong")
        };
        let item = &mut self.items[last.item];
        let schedules = self.options.mode != Mode::Cram;
        let state = if schedules {
            Some(
                self.scheduler
                    .review(last.previous.as_ref(), rating, last.at, &self.clock.tz)?,
            )
        } else {
            last.previous
        };
        let mut tally = self.tally.lock().unwrap_or_else(PoisonError::into_inner);
        let verdict = if accepted {
            "overridden-right"
        } else {
            "overridden-wrong"
        };
        self.store.revise(
            last.review,
            item.deck,
            &item.card.id,
            rating,
            verdict,
            if schedules { state.as_ref() } else { None },
        )?;
        count(&mut tally.summary, last.word, -1);
        count(&mut tally.summary, word, 1);
        item.state = state;
        last.word = word;
        if last.accepted != accepted {
            self.queue.revise(last.item, accepted);
        }
        last.accepted = accepted;
        Ok(true)
    }

    /// Takes back the latest answer; returns the item to ask again.
    fn undo_last(&mut self) -> anyhow::Result<Option<usize>> {
        let Some(last) = self.history.pop() else {
            return Ok(None);
        };
        let item = &mut self.items[last.item];
        let mut tally = self.tally.lock().unwrap_or_else(PoisonError::into_inner);
        let schedules = self.options.mode != Mode::Cram;
        self.store.undo(
            last.review,
            item.deck,
            &item.card.id,
            last.previous.as_ref(),
            schedules,
        )?;
        count(&mut tally.summary, last.word, -1);
        item.state = last.previous;
        if !last.accepted {
            self.queue.forget_retry(last.item);
        }
        self.asked -= 1;
        Ok(Some(last.item))
    }
}

enum Step {
    Done,
    Skip,
    Quit,
}

fn count(summary: &mut Summary, word: &str, delta: isize) {
    let field = match word {
        "right" | "good" | "easy" => &mut summary.right,
        "close" | "hard" => &mut summary.close,
        _ => &mut summary.wrong,
    };
    *field = field.saturating_add_signed(delta);
    summary.asked = summary.asked.saturating_add_signed(delta);
}

/// On Ctrl-C: close the session row, print the summary, exit 130. Every answer is already
/// committed, so nothing is lost.
fn install_interrupt_handler(
    tally: &Arc<Mutex<Tally>>,
    store: &Store,
    session: SessionId,
    clock: &Clock,
    decks: &[&DeckId],
    interactive: bool,
) {
    let tally = Arc::clone(tally);
    let path = store.path().to_path_buf();
    let clock = clock.clone();
    let deck_ids: Vec<DeckId> = decks.iter().map(|&d| d.clone()).collect();
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
    if interactive {
        // A select list hides the cursor; an interrupt must not leave it hidden.
        let _ = console::Term::stderr().show_cursor();
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
