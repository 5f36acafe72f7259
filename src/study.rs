//! The study loop shared by `quiz start`, `quiz missed` and `quiz cram`: the UI asks, the
//! judge judges, the session decides, the store saves, the UI shows — one answer at a time.
//!
//! The commands differ only in which cards they pick and in what order; everything a
//! learner does during a session (hints, overrides, undo, quitting) behaves the same in all.
//! What an answer, an override or an undo means is decided in [`crate::session::answer`];
//! this file applies it to the store and the screen, and owns the Ctrl-C policy.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use anyhow::Context as _;
use jiff::Timestamp;

use crate::calendar::describe_due;
use crate::catalog::{self, Item, Items};
use crate::cli::StudyArgs;
use crate::deck::library;
use crate::deck::{Card, CardId, DeckId, Kind, Origin};
use crate::distractors::Pool;
use crate::env::Clock;
use crate::env::Context;
use crate::exit::ExitCode;
use crate::judge;
use crate::schedule::parameters::scheduler;
use crate::schedule::{CardState, Scheduler};
use crate::session::answer::{Decision, Given, Revision, Session, Tally, Undo};
use crate::settings::{Presentation, Settings};
use crate::store::{Mode, Review, ReviewId, SessionId, Store};
use crate::ui::interactive::Interactive;
use crate::ui::plain::Plain;
use crate::ui::{self, Frontend, Next, Outcome, Prompt, Reply, Summary};

/// What every study command starts from, read from its arguments and the environment: the
/// chosen decks, indexed, and the run that studies cards picked from them.
pub(crate) struct Setup {
    /// The chosen decks that load, indexed in the store.
    pub decks: Vec<DeckId>,
    pub study: Study,
}

/// One study run: everything a session needs besides its cards.
pub(crate) struct Study {
    pub settings: Settings,
    pub store: Store,
    pub scheduler: Scheduler,
    pub seed: u64,
    pub presentation: Presentation,
    pub mode: Mode,
    /// Where each chosen deck came from: `:accept` writes to a deck file of the learner's
    /// own and keeps a bundled deck's in the store.
    pub origins: std::collections::HashMap<DeckId, Origin>,
    /// Held for the whole session: a second session would schedule from stale states.
    _lock: crate::store::lock::DataLock,
}

/// What a command that reads the chosen decks' cards without studying them starts from
/// (`quiz missed --leeches`): it takes no lock, so it works while a session runs, and it
/// creates nothing (see [`Store::open_to_read`]).
pub(crate) struct Reading {
    /// The chosen decks that load, indexed in the store.
    pub decks: Vec<DeckId>,
    pub store: Store,
    pub settings: Settings,
}

impl Reading {
    pub(crate) fn new(names: &[String], context: &Context) -> anyhow::Result<Reading> {
        let settings = context.settings()?;
        let found = library::locate(names, &context.data_dir)?;
        let mut store = Store::open_to_read(&context.data_dir)?;
        let decks = catalog::index_decks(found, context, &mut store)?;
        Ok(Reading {
            decks,
            store,
            settings,
        })
    }
}

impl Setup {
    pub(crate) fn new(args: &StudyArgs, mode: Mode, context: &Context) -> anyhow::Result<Setup> {
        let settings = context.settings()?;
        let lock = crate::store::lock::acquire(&context.data_dir)?;
        let found = library::locate(&args.decks, &context.data_dir)?;
        let origins = found
            .iter()
            .map(|deck| (deck.id.clone(), deck.origin.clone()))
            .collect();
        let mut store = Store::open(&context.data_dir)?;
        let decks = catalog::index_decks(found, context, &mut store)?;
        let scheduler = scheduler(&store, settings.desired_retention, ui::warn)?;
        let seed = args
            .seed
            .unwrap_or_else(|| context.clock.now().as_second().unsigned_abs());
        let presentation = args.mode.unwrap_or(settings.mode);
        Ok(Setup {
            decks,
            study: Study {
                settings,
                store,
                scheduler,
                seed,
                presentation,
                mode,
                origins,
                _lock: lock,
            },
        })
    }
}

impl Study {
    /// Runs a session over `order` (indexes into `items`), after `header` if any, and
    /// prints its summary.
    pub(crate) fn run(
        &mut self,
        items: Items<'_>,
        order: Vec<usize>,
        context: &Context,
        header: Option<&str>,
    ) -> anyhow::Result<ExitCode> {
        let options = Options {
            mode: self.mode,
            presentation: self.presentation,
            seed: self.seed,
            leech_threshold: self.settings.leech_threshold,
            origins: self.origins.clone(),
        };
        run(
            items,
            order,
            &options,
            &mut self.store,
            &self.scheduler,
            context,
            header,
        )
    }
}

/// What the loop reads of its run's settings.
struct Options {
    mode: Mode,
    presentation: Presentation,
    seed: u64,
    leech_threshold: u32,
    origins: std::collections::HashMap<DeckId, Origin>,
}

/// What the store keeps of an answer, to revise or undo it.
#[derive(Debug, Clone)]
struct Saved {
    review: ReviewId,
    /// The answer as typed, when the card asked for one: what `:accept` adds.
    typed: Option<String>,
    /// The card's state before the answer.
    previous: Option<CardState>,
    at: Timestamp,
}

/// The session, shared with the Ctrl-C handler, which prints its tally if the learner
/// interrupts. Each save happens with it locked, so Ctrl-C never lands between a save and
/// its count.
type Shared = Arc<Mutex<Session<Saved>>>;

fn lock(session: &Shared) -> std::sync::MutexGuard<'_, Session<Saved>> {
    session.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Run<'a, 'b> {
    items: Vec<Item<'a>>,
    /// The cards after `items`, read when the queue reaches them.
    more: Option<catalog::Pages<'a>>,
    pool: &'b Pool,
    session: Shared,
    store: &'b mut Store,
    scheduler: &'b Scheduler,
    options: &'b Options,
    clock: &'b Clock,
    session_id: SessionId,
    /// Each deck's typed answers and their questions, read when a close verdict first
    /// needs them.
    deck_answers: std::collections::HashMap<DeckId, (Vec<String>, Vec<String>)>,
    /// The card and typed answer that `:accept` would add, set by an override to right.
    acceptable: Option<(usize, String)>,
}

/// Runs a session over `order` (indexes into `items`) and prints its summary.
fn run(
    items: Items<'_>,
    order: Vec<usize>,
    options: &Options,
    store: &mut Store,
    scheduler: &Scheduler,
    context: &Context,
    header: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let mut ui: Box<dyn Frontend> = if context.interactive {
        Box::new(Interactive::new(context.color))
    } else {
        Box::new(Plain::new(std::io::stdin().lock(), std::io::stdout()))
    };
    if let Some(header) = header {
        ui.notice(header)?;
    }
    let now = context.clock.now();
    let Items {
        items,
        decks,
        pool,
        more,
    } = items;
    let session_id = store.start_session(
        now,
        &decks.iter().map(|&d| d.clone()).collect::<Vec<_>>(),
        options.mode,
    )?;
    let session: Shared = Arc::new(Mutex::new(Session::new(
        order,
        options.seed,
        options.mode.schedules(),
    )));
    let started = Instant::now();
    interrupt::install(
        &session,
        started,
        store,
        session_id,
        &context.clock,
        &decks,
        context.interactive,
    );
    let mut run = Run {
        items,
        more,
        pool: &pool,
        session,
        store,
        scheduler,
        options,
        clock: &context.clock,
        session_id,
        deck_answers: std::collections::HashMap::new(),
        acceptable: None,
    };
    let quit = run.ask_all(ui.as_mut())?;
    let ended = context.clock.now();
    run.store.end_session(session_id, ended)?;
    let next_due = catalog::next_due(run.store, &decks)?
        .map(|due| (due, describe_due(due, ended, &context.clock)));
    let summary = summary(lock(&run.session).tally(), started, next_due);
    if !quit && summary.asked > 0 {
        ui.notice("All done for now.")?;
    }
    ui.summary(&summary)?;
    Ok(ExitCode::Success)
}

/// The summary of a session with `tally`, begun at `started`.
fn summary(tally: Tally, started: Instant, next_due: Option<(Timestamp, String)>) -> Summary {
    Summary {
        asked: tally.asked(),
        right: tally.right,
        close: tally.close,
        wrong: tally.wrong,
        spent: started.elapsed(),
        next_due,
    }
}

/// What the learner gave for one card.
enum Reaction {
    Text(String),
    Grade(crate::schedule::Rating),
}

impl Run<'_, '_> {
    /// Asks until the queue is empty or the learner quits; true when they quit.
    fn ask_all(&mut self, ui: &mut dyn Frontend) -> anyhow::Result<bool> {
        loop {
            let Some(index) = lock(&self.session).ask_next() else {
                return Ok(false);
            };
            while index >= self.items.len()
                && let Some(more) = &mut self.more
            {
                let page = more.next_page(self.store, self.scheduler)?;
                anyhow::ensure!(
                    !page.is_empty(),
                    "the deck index changed during the session"
                );
                self.items.extend(page);
            }
            match self.ask_one(ui, index)? {
                Step::Quit => return Ok(true),
                Step::Skip | Step::Done => {}
            }
        }
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
            let (asked, remaining) = {
                let session = lock(&self.session);
                (session.asked(), session.remaining())
            };
            let prompt = Prompt {
                position: asked + 1,
                total: asked + 1 + remaining,
                card: &card,
                hint_shown: hinted,
                flip,
            };
            match ui.ask(&prompt)? {
                Reply::Answer(_) if flip => match ui.grade(&card)? {
                    Some(rating) => break Reaction::Grade(rating),
                    None => return Ok(Step::Quit),
                },
                Reply::Answer(text) => break Reaction::Text(text),
                Reply::Hint => {
                    hinted = card.hint.is_some();
                    ui.show_hint(&card)?;
                }
                Reply::Accept => self.accept_last(ui)?,
                Reply::Override(accepted) => match self.override_last(accepted)? {
                    Some(drops_on_screen) => {
                        ui.show_override(accepted)?;
                        if accepted && ui.offer_accept()? {
                            self.accept_last(ui)?;
                        }
                        if drops_on_screen {
                            return Ok(Step::Skip);
                        }
                    }
                    None => ui.notice("nothing to override yet")?,
                },
                Reply::Undo => {
                    self.acceptable = None;
                    if self.undo_last()? {
                        ui.notice("undone: asking that card again")?;
                        return Ok(Step::Skip);
                    }
                    ui.notice("nothing to undo yet")?;
                }
                Reply::Quit => return Ok(Step::Quit),
            }
        };

        self.acceptable = None;
        let typed = match (&given, &card.expected) {
            (Reaction::Text(text), judge::Expected::Text { .. }) => Some(text.clone()),
            _ => None,
        };
        let mut other_question = None;
        let (verdict, shown, decision) = match given {
            Reaction::Text(text) => {
                let verdict = judge::judge_with(&card.expected, card.strictness, &text);
                let (verdict, answer_to) =
                    self.unless_another_answer(index, &card, &text, verdict)?;
                other_question = answer_to;
                let decision = Decision::of(Given::Judged {
                    verdict: &verdict,
                    hinted,
                });
                (Some(verdict), text, decision)
            }
            Reaction::Grade(rating) => (None, String::new(), Decision::of(Given::Graded(rating))),
        };
        let answered_at = self.clock.now();
        let previous = self.items[index].state;
        let schedules = lock(&self.session).schedules();
        let state = if schedules {
            Some(self.scheduler.review(
                previous.as_ref(),
                decision.rating,
                answered_at,
                &self.clock.tz,
            )?)
        } else {
            previous
        };
        let item = &self.items[index];
        let review = Review {
            reviewed_at: answered_at,
            deck: item.deck,
            card: &item.card.id,
            rating: decision.rating,
            verdict: &decision.word,
            given_answer: &shown,
            elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            session: Some(self.session_id),
            mode: self.options.mode,
        };
        {
            let mut session = lock(&self.session);
            let id = self
                .store
                .record(&review, if schedules { state.as_ref() } else { None })
                .context("could not save the answer")?;
            let saved = Saved {
                review: id,
                typed,
                previous,
                at: answered_at,
            };
            session.answered(index, &decision, saved);
        }
        self.items[index].state = state;
        let leech = state.is_some_and(|s| s.lapses >= self.options.leech_threshold);
        let next = match &verdict {
            Some(verdict) => ui.show_outcome(&Outcome {
                card: &card,
                verdict,
                hinted,
                leech,
                given: &shown,
                answer_to: other_question.as_deref(),
            })?,
            None => ui.show_grade(&card, decision.word.name(), leech)?,
        };
        match next {
            Next::Continue => {}
            Next::Override(accepted) => {
                self.override_last(accepted)?;
                ui.show_override(accepted)?;
                if accepted && ui.offer_accept()? {
                    self.accept_last(ui)?;
                }
            }
            Next::Undo => {
                self.acceptable = None;
                self.undo_last()?;
            }
            Next::Quit => return Ok(Step::Quit),
        }
        Ok(Step::Done)
    }

    /// A close answer that is another card's answer in the same deck is wrong: the slip
    /// made it a different answer (`Austria` on the Australia card). Then also that
    /// card's question, for the verdict to name.
    fn unless_another_answer(
        &mut self,
        index: usize,
        card: &Card,
        given: &str,
        verdict: judge::Verdict,
    ) -> anyhow::Result<(judge::Verdict, Option<String>)> {
        if !matches!(verdict, judge::Verdict::Close { .. }) {
            return Ok((verdict, None));
        }
        let deck = self.items[index].deck;
        if !self.deck_answers.contains_key(deck) {
            let pairs = self.store.indexed_answers_and_questions(deck)?;
            self.deck_answers
                .insert(deck.clone(), pairs.into_iter().unzip());
        }
        let Some((answers, questions)) = self.deck_answers.get(deck) else {
            return Ok((verdict, None));
        };
        Ok(
            match judge::another_answer(&card.expected, given, answers) {
                Some(other) => (
                    judge::Verdict::Wrong {
                        missing: Vec::new(),
                    },
                    questions.get(other).cloned(),
                ),
                None => (verdict, None),
            },
        )
    }

    /// Applies "I was right" / "I was wrong" to the latest answer; `None` if there is none,
    /// else whether the card on screen is dropped (it was the retry of that miss).
    fn override_last(&mut self, accepted: bool) -> anyhow::Result<Option<bool>> {
        let mut session = lock(&self.session);
        let Some(revision) = session.override_last(accepted) else {
            return Ok(None);
        };
        let Revision {
            item,
            saved,
            rating,
            word,
            schedules,
            drops_on_screen,
        } = revision;
        self.acceptable = if accepted {
            saved.typed.clone().map(|typed| (item, typed))
        } else {
            None
        };
        let item = &mut self.items[item];
        let state = if schedules {
            Some(self.scheduler.review(
                saved.previous.as_ref(),
                rating,
                saved.at,
                &self.clock.tz,
            )?)
        } else {
            saved.previous
        };
        self.store.revise(
            saved.review,
            item.deck,
            &item.card.id,
            rating,
            &word,
            if schedules { state.as_ref() } else { None },
        )?;
        item.state = state;
        Ok(Some(drops_on_screen))
    }

    /// `:accept`: adds the answer just overridden to right to its card's accepted answers —
    /// in the deck file when it is the learner's, in the store for a bundled deck — and
    /// says what became of it. The card accepts it at once, and every session after.
    fn accept_last(&mut self, ui: &mut dyn Frontend) -> anyhow::Result<()> {
        let Some((index, typed)) = self.acceptable.take() else {
            return Ok(ui.notice(
                "nothing to accept: :accept adds the answer you just overrode to right (:right)",
            )?);
        };
        let shown = crate::escape::escape_line(&typed);
        if typed.trim().is_empty() {
            return Ok(ui.notice("nothing to accept: the answer was empty")?);
        }
        let item = &self.items[index];
        let message = match self.options.origins.get(item.deck) {
            None | Some(Origin::Bundled) => {
                let at = self.clock.now();
                if self
                    .store
                    .add_learner_accept(item.deck, &item.card.id, &typed, at)?
                {
                    Ok(format!(
                        "added \"{shown}\" to the answers accepted for this card"
                    ))
                } else {
                    Err(format!("\"{shown}\" is already accepted for this card"))
                }
            }
            Some(Origin::UserFolder(path) | Origin::Path(path)) => {
                if item.card.kind == Kind::Cloze {
                    Err(
                        "not added: a cloze card's accept list is shared by all its gaps; \
                         edit the deck file to add it"
                            .to_string(),
                    )
                } else {
                    accept_in_file(path, item.deck, &item.card.id, &typed, &shown)
                }
            }
        };
        let message = match message {
            Ok(added) => {
                let item = &mut self.items[index];
                if let judge::Expected::Text { accept, .. } = &mut item.card.expected {
                    *accept = accept.iter().cloned().chain([typed]).collect();
                }
                added
            }
            Err(not_added) => not_added,
        };
        Ok(ui.notice(&message)?)
    }

    /// Takes back the latest answer, whose card the session asks next; false if there is none.
    fn undo_last(&mut self) -> anyhow::Result<bool> {
        let mut session = lock(&self.session);
        let Some(Undo {
            item,
            saved,
            schedules,
        }) = session.undo_last()
        else {
            return Ok(false);
        };
        let item = &mut self.items[item];
        self.store.undo(
            saved.review,
            item.deck,
            &item.card.id,
            saved.previous.as_ref(),
            schedules,
        )?;
        item.state = saved.previous;
        Ok(true)
    }
}

/// Adds `typed` to the accept list of `card` in the deck file at `path`, if the deck still
/// loads with it: what the learner is told, `Ok` when it was added.
fn accept_in_file(
    path: &std::path::Path,
    deck: &DeckId,
    card: &CardId,
    typed: &str,
    shown: &str,
) -> Result<String, String> {
    use crate::deck::edit::{Accepted, add_accept};
    let file = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => return Err(format!("not added: could not read {file}: {error}")),
    };
    let edited = match add_accept(&text, &card.0, typed) {
        Ok(Accepted::Added(edited)) => edited,
        Ok(Accepted::AlreadyThere) => {
            return Err(format!("\"{shown}\" is already accepted for this card"));
        }
        Err(error) => return Err(format!("not added to {file}: {error}")),
    };
    let parsed = crate::deck::parse::parse_deck_with(
        deck.clone(),
        &edited,
        Origin::Path(path.to_path_buf()),
        crate::deck::parse::Checks::Errors,
    );
    if parsed.deck.is_none() {
        return Err(format!(
            "not added: {file} would not load with it; nothing was written"
        ));
    }
    match crate::files::replace(path, &edited) {
        Ok(()) => Ok(format!(
            "added \"{shown}\" to the answers accepted for this card, in {file}"
        )),
        Err(error) => Err(format!("not added: {error}")),
    }
}

enum Step {
    Done,
    Skip,
    Quit,
}

/// The Ctrl-C policy, all of it: close the session row, print the summary, exit 130. Every
/// answer is already committed, so nothing is lost. (A front end that sees the interrupt
/// as a read error waits for this handler: `ui::await_interrupt_handler`.)
mod interrupt {
    use std::time::Instant;

    use super::{Shared, lock, summary};
    use crate::calendar::describe_due;
    use crate::deck::DeckId;
    use crate::env::Clock;
    use crate::exit::ExitCode;
    use crate::store::{SessionId, Store};
    use crate::ui::format::summary_lines;

    pub(super) fn install(
        session: &Shared,
        started: Instant,
        store: &Store,
        id: SessionId,
        clock: &Clock,
        decks: &[&DeckId],
        interactive: bool,
    ) {
        let session = std::sync::Arc::clone(session);
        let path = store.path().to_path_buf();
        let clock = clock.clone();
        let deck_ids: Vec<DeckId> = decks.iter().map(|&d| d.clone()).collect();
        let result = ctrlc::set_handler(move || {
            // The lock is held until exit, so no answer can start saving meanwhile.
            let guard = lock(&session);
            let now = clock.now();
            let mut next_due = None;
            if let Ok(store) = Store::open_file(&path) {
                let _ = store.end_session(id, now);
                let next = deck_ids
                    .iter()
                    .filter_map(|deck| store.next_due(deck).ok().flatten())
                    .min();
                next_due = next.map(|due| (due, describe_due(due, now, &clock)));
            }
            let summary = summary(guard.tally(), started, next_due);
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
        std::process::exit(ExitCode::Interrupted.code())
    }
}
