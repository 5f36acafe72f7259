//! The statistics report: what the learner retains, what is coming, what is hard, and how
//! steadily they study, gathered from the store into plain data that `quiz stats` prints
//! as text ([`render`]) or as JSON.
//!
//! The review log can hold a million reviews and this must still answer in well under a
//! second, so the log is never read whole: SQLite counts each heatmap day's reviews from an
//! index, a streak longer than the heatmap is followed back one index seek per day, and
//! only the last 30 days of scheduled reviews are streamed for retention. Day boundaries
//! are learner days ([`crate::calendar::Calendar`]), passed in as instants. Card figures
//! come from the `cards` cache, one row per card, and a deck's cards from the deck index
//! ([`crate::catalog::refresh`]), so a deck file that has not changed is not parsed.

pub(crate) mod activity;
pub(crate) mod figures;
pub(crate) mod leeches;
pub(crate) mod render;

use anyhow::Context as _;
use jiff::Timestamp;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::deck::{CardId, DeckId};
use crate::env::Clock;
use crate::schedule::{CardState, Scheduler};
use crate::store::Store;
use activity::{FORECAST_DAYS, Heatmap, Streak, due_day};
use figures::Figures;

/// How many of the hardest cards are listed.
pub(crate) const HARDEST: usize = 10;

#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub generated_at: String,
    pub today: String,
    pub time_zone: String,
    pub decks: Vec<DeckRow>,
    pub total: Figures,
    pub heatmap: Heatmap,
    pub streak: Streak,
    pub forecast: Vec<DueDay>,
    pub hardest: Vec<HardCard>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DeckRow {
    pub deck: String,
    pub title: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Serialize)]
pub(crate) struct DueDay {
    pub date: String,
    pub due: u64,
}

#[derive(Debug, Serialize)]
pub(crate) struct HardCard {
    pub deck: String,
    pub card: String,
    pub question: Option<String>,
    pub lapses: u32,
    pub reviews: u32,
    pub retrievability: f64,
    pub due: String,
}

/// A deck the report covers: with its file when one was found that loads, else known only
/// from the log.
pub(crate) struct Chosen {
    pub id: DeckId,
    /// The title of the deck's file when it loads; its cards are then in the deck index,
    /// which must be up to date.
    pub title: Option<String>,
}

/// The report on the `chosen` decks; `filter` limits the activity to them (`None`: every
/// deck counts). Retrievability depends on the scheduler's parameters only, not on its
/// desired retention.
pub(crate) fn gather(
    store: &Store,
    chosen: &[Chosen],
    filter: Option<&[DeckId]>,
    clock: &Clock,
    scheduler: &Scheduler,
) -> anyhow::Result<Report> {
    let now = clock.now();
    let tz = &clock.tz;
    let calendar = Calendar::new(now, tz);

    let forecast_bounds = calendar.boundaries(calendar.today, FORECAST_DAYS)?;
    let retention = figures::retention(store, &calendar)?;
    let mut rows = Vec::new();
    let mut total = Figures::default();
    let mut forecast = vec![0; FORECAST_DAYS];
    let mut hard: Vec<(usize, String, CardState, f64)> = Vec::new();
    for (index, chosen) in chosen.iter().enumerate() {
        let mut figures = Figures::default();
        // A suspended card is not asked: it counts among the cards, not among the due, as
        // `quiz decks` counts it.
        let suspended = store.suspended_cards(&chosen.id)?;
        let mut add = |card: &str, state: &CardState| {
            let asked = suspended.is_empty() || !suspended.contains(&CardId(card.to_owned()));
            let day = due_day(&forecast_bounds, state.due.as_millisecond()).filter(|_| asked);
            figures.add_card(state, day, tz);
            if let Some(day) = day {
                forecast[day] += 1;
            }
            if state.lapses > 0 {
                let recall = f64::from(scheduler.retrievability_at(state, now));
                hard.push((index, card.to_owned(), *state, recall));
            }
        };
        if chosen.title.is_some() {
            // Progress of cards that left the deck is kept, but they are no longer studied.
            let cards = store.indexed_card_count(&chosen.id)?;
            let all_indexed = store.progress_all_indexed(&chosen.id, cards)?;
            store.each_indexed_card_state(&chosen.id, all_indexed, &mut add)?;
            let reviewed = figures.young + figures.mature;
            figures.new = cards.saturating_sub(reviewed);
            figures.cards = reviewed + figures.new;
        } else {
            for (card, state) in store.card_states(&chosen.id)? {
                add(&card.0, &state);
            }
        }
        if let Some((week, month)) = retention.get(&chosen.id.0) {
            figures.retention_7_days = *week;
            figures.retention_30_days = *month;
        }
        total.merge(&figures);
        rows.push(DeckRow {
            deck: chosen.id.0.clone(),
            title: chosen.title.clone(),
            figures,
        });
    }

    hard.sort_by(|a, b| {
        b.2.lapses
            .cmp(&a.2.lapses)
            .then(a.3.total_cmp(&b.3))
            .then_with(|| (&chosen[a.0].id, &a.1).cmp(&(&chosen[b.0].id, &b.1)))
    });
    let mut hardest = Vec::new();
    for (index, card, state, recall) in hard.into_iter().take(HARDEST) {
        let deck = &chosen[index];
        let question = match deck.title {
            Some(_) => store.indexed_question(&deck.id, &CardId(card.clone()))?,
            None => None,
        };
        hardest.push(HardCard {
            deck: deck.id.0.clone(),
            question,
            card,
            lapses: state.lapses,
            reviews: state.reps,
            retrievability: recall,
            due: state.due.to_string(),
        });
    }

    let (heatmap, streak) = activity::activity(store, &calendar, filter)?;
    Ok(Report {
        generated_at: now.to_string(),
        today: calendar.today.to_string(),
        time_zone: tz
            .iana_name()
            .map_or_else(|| tz.to_offset(now).to_string(), str::to_owned),
        decks: rows,
        total,
        heatmap,
        streak,
        forecast: forecast
            .into_iter()
            .enumerate()
            .map(|(day, due)| DueDay {
                date: calendar.day(day as i64).to_string(),
                due,
            })
            .collect(),
        hardest,
    })
}

fn instant(ms: i64) -> anyhow::Result<Timestamp> {
    Timestamp::from_millisecond(ms).with_context(|| format!("{ms} ms is not a valid instant"))
}
