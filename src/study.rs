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
use crate::deck::{Card, DeckId, Origin};
use crate::distractors::Pool;
use crate::env::Clock;
use crate::env::Context;
use crate::exit::ExitCode;
use crate::judge;
use crate::schedule::parameters::note_retention_and_scheduler;
use crate::schedule::{CardState, Scheduler};
use crate::session::answer::{Decision, Given, Session};
use crate::settings::{Presentation, Settings};
use crate::store::{Mode, Review, ReviewId, SessionId, Store};
use crate::ui::plain::Plain;
use crate::ui::screen::Screen;
use crate::ui::{self, Frontend, Next, Outcome, Prompt, Reply, Summary};

mod accept;
mod correct;
mod edit;
mod interrupt;
mod shown;

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

impl Setup {
    pub(crate) fn new(args: &StudyArgs, mode: Mode, context: &Context) -> anyhow::Result<Setup> {
        let settings = context.settings()?;
        let lock = crate::store::lock::acquire(&context.data_dir)?;
        let found = catalog::known::locate_files(
            &args.decks,
            &context.deck_folders(&settings),
            settings.show_bundled,
        )?;
        let origins = found
            .iter()
            .map(|deck| (deck.id.clone(), deck.origin.clone()))
            .collect();
        let mut store = Store::open(&context.data_dir)?;
        // The other devices' reviews first, so what is due counts them (a sync records this
        // device's retention change before it reads theirs).
        crate::ui::sync_report::automatic(
            crate::sync::automatic(&mut store, &settings, context).as_ref(),
        );
        let decks = catalog::index_decks(found, context, &mut store)?;
        let scheduler =
            note_retention_and_scheduler(&mut store, &settings, context.clock.now(), ui::warn)?;
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
        let code = run(
            items,
            order,
            &options,
            &mut self.store,
            &self.scheduler,
            context,
            header,
        )?;
        crate::ui::sync_report::automatic(
            crate::sync::automatic(&mut self.store, &self.settings, context).as_ref(),
        );
        Ok(code)
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
    /// The question as asked, for the list of missed cards the summary ends with.
    question: String,
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
    /// How often each card has been shown in this session: each showing shuffles its
    /// choices anew.
    showings: std::collections::HashMap<usize, u64>,
    data_dir: &'b std::path::Path,
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
        let title = items
            .decks
            .iter()
            .map(|deck| deck.0.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Box::new(Screen::new(
            context.color,
            format!("{title} · {}", options.mode.name()),
        )?)
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
    let notes = catalog::note_numbers(&items);
    let session: Shared = Arc::new(Mutex::new(
        Session::new(order, options.seed, options.mode.schedules()).with_notes(notes),
    ));
    let started = Instant::now();
    let _close_on_panic = interrupt::CloseOnPanic::new(store, session_id, &context.clock);
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
        showings: std::collections::HashMap::new(),
        data_dir: &context.data_dir,
    };
    let quit = match run.ask_all(ui.as_mut()) {
        Ok(quit) => quit,
        Err(error) => {
            // A full disk or a lost database: what was saved stays saved, and the learner
            // sees how far they got before the error. Closing the session and reading the
            // next due card may fail the same way; neither hides the error.
            let ended = context.clock.now();
            let _ = run.store.end_session(session_id, ended);
            let next_due = catalog::next_due(run.store, &decks)
                .ok()
                .flatten()
                .map(|due| (due, describe_due(due, ended, &context.clock)));
            let summary = summary(&lock(&run.session), started, next_due);
            let _ = ui.summary(&summary);
            return Err(
                error.context("the session stopped; every answer with a verdict above is saved")
            );
        }
    };
    let ended = context.clock.now();
    run.store.end_session(session_id, ended)?;
    let next_due = catalog::next_due(run.store, &decks)?
        .map(|due| (due, describe_due(due, ended, &context.clock)));
    let summary = summary(&lock(&run.session), started, next_due);
    if !quit && summary.asked > 0 {
        ui.notice("All done for now.")?;
    }
    ui.summary(&summary)?;
    Ok(ExitCode::Success)
}

/// The summary of `session`, begun at `started` (a cram schedules nothing: its summary says
/// so beside the next due card).
fn summary(
    session: &Session<Saved>,
    started: Instant,
    next_due: Option<(Timestamp, String)>,
) -> Summary {
    let tally = session.tally();
    Summary {
        asked: tally.asked(),
        right: tally.right,
        close: tally.close,
        wrong: tally.wrong,
        spent: started.elapsed(),
        next_due,
        cram: !session.schedules(),
        left: session.remaining() + usize::from(session.on_screen().is_some()),
        missed: session
            .missed()
            .into_iter()
            .map(|saved| saved.question.clone())
            .collect(),
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
                // A miss of a paged card comes back away from its siblings too.
                lock(&self.session).set_notes(more.handed_notes().to_vec());
            }
            match self.ask_one(ui, index)? {
                Step::Quit => return Ok(true),
                Step::Skip | Step::Done => {}
            }
        }
    }

    /// The card at `index` as it is shown: in choice mode a typed card becomes multiple
    /// choice the first time it is asked, the same choices every time (they are seeded);
    /// the choices are shuffled anew at each showing.
    fn presented(&mut self, index: usize) -> Card {
        let item = &mut self.items[index];
        if self.options.presentation == Presentation::Choice
            && let Some(expected) =
                self.pool
                    .as_choice(&item.card.expected, self.options.seed, &item.card.id.0)
        {
            item.card.expected = expected;
        }
        let showing = self.showings.entry(index).or_insert(0);
        *showing += 1;
        let mut card = item.card.clone();
        shown::shuffle_choices(&mut card, self.options.seed, *showing);
        card
    }

    fn ask_one(&mut self, ui: &mut dyn Frontend, index: usize) -> anyhow::Result<Step> {
        let card = self.presented(index);
        let flip = self.options.presentation == Presentation::Flip;
        let mut hinted = false;
        // Once the hint was asked for (even of a card without one), the question is on
        // screen already and is not put again.
        let mut hint_asked = false;
        let started = Instant::now();
        let given = loop {
            let (asked, remaining, counts) = {
                let session = lock(&self.session);
                let unread = self.more.as_ref().map_or((0, 0), catalog::Pages::unread);
                let counts = shown::counts(&session, &self.items, Some(index), unread);
                (session.asked(), session.remaining(), counts)
            };
            let prompt = Prompt {
                position: asked + 1,
                total: asked + 1 + remaining,
                card: &card,
                hint_shown: hint_asked,
                flip,
                counts,
            };
            match ui.ask(&prompt)? {
                Reply::Answer(_) if flip => match ui.grade(&card, &self.grades(index)?)? {
                    Some(rating) => break Reaction::Grade(rating),
                    None => return Ok(Step::Quit),
                },
                Reply::Answer(text) => break Reaction::Text(text),
                Reply::Hint => {
                    hinted = card.hint.is_some();
                    hint_asked = true;
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
                    match self.undo_last()? {
                        Some(undone) if lock(&self.session).suspended(undone) => {
                            ui.notice("undone: that card stays suspended")?;
                            return Ok(Step::Skip);
                        }
                        Some(_) => {
                            ui.notice("undone: asking that card again")?;
                            return Ok(Step::Skip);
                        }
                        None => ui.notice("nothing to undo yet")?,
                    }
                }
                Reply::Suspend => {
                    self.suspend(ui, index)?;
                    return Ok(Step::Skip);
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
                let verdict = match card.question.around_gap() {
                    Some((before, after)) => {
                        judge::judge_gap(&card.expected, card.strictness, &text, &before, &after)
                    }
                    None => judge::judge_with(&card.expected, card.strictness, &text),
                };
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
            given_answer: shown::logged_answer(&card, &shown),
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
                question: card.question.text().into_owned(),
            };
            session.answered(index, &decision, saved);
        }
        self.items[index].state = state;
        let leech = state.is_some_and(|s| s.lapses >= self.options.leech_threshold);
        let media = self.media_of(index, &card);
        let (counts, total, next_showing) = self.after_answer(
            index,
            state.filter(|_| schedules).map(|s| s.due),
            answered_at,
        );
        let next = match &verdict {
            // `o` opens the media and comes back to the verdict.
            Some(verdict) => loop {
                let next = ui.show_outcome(&Outcome {
                    card: &card,
                    verdict,
                    hinted,
                    leech,
                    given: &shown,
                    answer_to: other_question.as_deref(),
                    next: next_showing.clone(),
                    counts,
                    total,
                    has_media: !media.is_empty(),
                })?;
                match next {
                    Next::OpenMedia => open_media(ui, &media)?,
                    // Only says why the card cannot be edited: the verdict stays.
                    Next::Edit if !self.can_edit(index) => self.edit(ui, index)?,
                    next => break next,
                }
            },
            None => ui.show_grade(
                &card,
                &ui::Graded {
                    word: decision.word.name(),
                    leech,
                    next: next_showing.as_deref(),
                    missed: !decision.accepted(),
                },
            )?,
        };
        match next {
            Next::Continue => {}
            Next::Override(accepted) => {
                self.override_last(accepted)?;
                // The verdict stays on screen for `a`: what it said of the rest is redone.
                let state = self.items[index].state.filter(|_| schedules);
                let now = self.clock.now();
                let (counts, total, next) = self.after_answer(index, state.map(|s| s.due), now);
                ui.revise_outcome(counts, total, next.as_deref());
                ui.show_override(accepted)?;
                if accepted && ui.offer_accept()? {
                    self.accept_last(ui)?;
                }
            }
            Next::Undo => {
                self.acceptable = None;
                match self.undo_last()? {
                    Some(undone) if lock(&self.session).suspended(undone) => {
                        ui.notice("undone: that card stays suspended")?;
                    }
                    Some(_) => ui.notice("undone: asking that card again")?,
                    None => {}
                }
            }
            Next::Edit => self.edit(ui, index)?,
            Next::Suspend => self.suspend(ui, index)?,
            // Handled where the verdict is shown.
            Next::OpenMedia => {}
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

    /// The files of the media `card` shows (an imported Anki deck's `[image: …]` and
    /// `[sound: …]`), from its deck's media folder.
    fn media_of(&self, index: usize, card: &Card) -> Vec<std::path::PathBuf> {
        let question = card.question.text();
        let answer = card.answer_text();
        let mut texts: Vec<&str> = vec![&question, &answer];
        if let Some(explain) = card.explain.as_deref() {
            texts.push(explain);
        }
        crate::interchange::anki_package::card_media(
            self.data_dir,
            &self.items[index].deck.0,
            &texts,
        )
    }

    /// Suspends the card at `index` — the one on screen, or the one just answered, whose
    /// answer stays saved — in the store and for the rest of the session, and says how to
    /// bring it back.
    fn suspend(&mut self, ui: &mut dyn Frontend, index: usize) -> anyhow::Result<()> {
        let item = &self.items[index];
        {
            // Locked like a save, so Ctrl-C finds the card either suspended or not.
            let mut session = lock(&self.session);
            self.store
                .suspend(item.deck, &item.card.id, self.clock.now())
                .context("could not suspend the card")?;
            session.suspend(index);
        }
        Ok(ui.notice(&format!(
            "suspended: not asked again until `quiz suspended {} --restore {}`",
            crate::escape::escape_line(&item.deck.0),
            crate::escape::escape_line(&item.card.id.0)
        ))?)
    }
}

/// Hands each of `media` to the system's opener (`xdg-open`, `open` on macOS, `QUIZ_OPENER`
/// when set), without waiting for it: a viewer or player stays open beside the session.
fn open_media(ui: &mut dyn Frontend, media: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let opener = std::env::var_os("QUIZ_OPENER").unwrap_or_else(|| {
        if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        }
        .into()
    });
    for path in media {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let started = std::process::Command::new(&opener)
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        ui.notice(&match started {
            Ok(_) => format!("opened {}", crate::escape::escape_line(&name)),
            Err(error) => format!(
                "could not open {} with {}: {error}",
                crate::escape::escape_line(&name),
                crate::escape::escape_line(&opener.to_string_lossy())
            ),
        })?;
    }
    Ok(())
}

enum Step {
    Done,
    Skip,
    Quit,
}
