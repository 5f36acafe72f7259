//! The property that sync exists for, over random schedules: devices study offline (with
//! undos, overrides and clocks minutes apart), their folders are copied to each other in
//! random order by a simulated sync engine (sometimes a copy in flight, cut at a random
//! byte; sometimes a copy that replaces a log with an older one), and they sync in random
//! order; some change the desired retention. Once every log has reached every device, all
//! of them hold the same reviews, the same card rows and the same suspended cards, and no
//! review was lost or doubled.
//!
//! CI runs 200 schedules; `QUIZ_SYNC_SCHEDULES=5000 cargo test --lib sync::tests` more
//! (bench/sync_property.sh).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use super::device_log::devices_dir;
use super::{Environment, Options, sync};
use crate::deck::{CardId, DeckId};
use crate::schedule::{CardState, Rating, Scheduler};
use crate::store::types::VerdictWord;
use crate::store::{Mode, Review, ReviewId, Store};

const CARDS: [&str; 4] = ["a", "b", "c", "d"];

struct Device {
    data: tempfile::TempDir,
    /// This device's copy of the shared folder, as its sync engine keeps it.
    folder: tempfile::TempDir,
    store: Store,
    /// The device's clock runs this far from the true one.
    skew_ms: i64,
    /// The last answer, as a session keeps it to undo or override it.
    last: Option<(ReviewId, String, Option<CardState>, Timestamp, Rating)>,
    /// Reviews this device gave and did not take back: (device, seq) is checked later.
    given: usize,
}

/// A temporary folder in memory where there is one: thousands of fsyncs are the cost of
/// the schedules, not what they test.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

impl Device {
    fn new(skew_ms: i64) -> Device {
        let data = scratch();
        let store = Store::open(data.path()).unwrap();
        Device {
            data,
            folder: scratch(),
            store,
            skew_ms,
            last: None,
            given: 0,
        }
    }

    /// The scheduler as a command on this device builds it: with the desired retention's
    /// changes this device knows of.
    fn scheduler(&self, base: &Scheduler) -> Scheduler {
        base.clone()
            .with_retention_changes(self.store.retention_changes().unwrap())
    }

    /// The learner edits this device's config file to `retention`.
    fn set_retention(&mut self, retention: f32, now: Timestamp) {
        let at = now + jiff::SignedDuration::from_millis(self.skew_ms);
        let settings = crate::settings::Settings {
            desired_retention: retention,
            desired_retention_set: true,
            ..crate::settings::Settings::default()
        };
        crate::schedule::retention::note(&mut self.store, &settings, at).unwrap();
    }

    fn answer(&mut self, scheduler: &Scheduler, card: &str, rating: Rating, now: Timestamp) {
        let scheduler = &self.scheduler(scheduler);
        let deck = DeckId("d".into());
        let card_id = CardId(card.into());
        let at = now + jiff::SignedDuration::from_millis(self.skew_ms);
        let previous = self.store.card_state(&deck, &card_id).unwrap();
        let state = scheduler
            .review(previous.as_ref(), rating, at, &TimeZone::UTC)
            .unwrap();
        let id = self
            .store
            .record(
                &Review {
                    reviewed_at: at,
                    deck: &deck,
                    card: &card_id,
                    rating,
                    verdict: &VerdictWord::graded(rating),
                    given_answer: "typed",
                    elapsed_ms: 1000,
                    session: None,
                    mode: Mode::Review,
                },
                Some(&state),
            )
            .unwrap();
        self.last = Some((id, card.into(), previous, at, rating));
        self.given += 1;
    }

    fn undo(&mut self) {
        if let Some((id, card, previous, _, _)) = self.last.take() {
            self.store
                .undo(
                    id,
                    &DeckId("d".into()),
                    &CardId(card),
                    previous.as_ref(),
                    true,
                )
                .unwrap();
            self.given -= 1;
        }
    }

    fn override_last(&mut self, scheduler: &Scheduler) {
        let Some((id, card, previous, at, rating)) = self.last.clone() else {
            return;
        };
        let scheduler = &self.scheduler(scheduler);
        let new = if rating == Rating::Again {
            Rating::Good
        } else {
            Rating::Again
        };
        let state = scheduler
            .review(previous.as_ref(), new, at, &TimeZone::UTC)
            .unwrap();
        let verdict = if new == Rating::Again {
            VerdictWord::OverriddenWrong
        } else {
            VerdictWord::OverriddenRight
        };
        self.store
            .revise(
                id,
                &DeckId("d".into()),
                &CardId(card.clone()),
                new,
                &verdict,
                Some(&state),
            )
            .unwrap();
        self.last = Some((id, card, previous, at, new));
    }

    /// Suspends the card, or restores it when it is suspended.
    fn toggle_suspension(&mut self, card: &str, now: Timestamp) {
        let at = now + jiff::SignedDuration::from_millis(self.skew_ms);
        let (deck, card) = (DeckId("d".into()), CardId(card.into()));
        if !self.store.suspend(&deck, &card, at).unwrap() {
            assert!(self.store.restore(&deck, &card, at).unwrap());
        }
    }

    fn sync(&mut self, scheduler: &Scheduler, now: Timestamp) {
        sync(
            &mut self.store,
            self.folder.path(),
            &Options::default(),
            &Environment {
                data_dir: self.data.path(),
                scheduler,
                tz: &TimeZone::UTC,
                now,
            },
        )
        .unwrap();
    }

    /// Reviews as every device must hold them, in event order.
    fn reviews(&self) -> Vec<String> {
        rows(
            &self.store,
            "SELECT device, seq, reviewed_at, deck, card, rating, verdict, mode, given_answer, elapsed_ms
             FROM reviews ORDER BY device, seq",
        )
    }

    fn suspended(&self) -> Vec<String> {
        rows(
            &self.store,
            "SELECT deck, card, suspended_at FROM suspended ORDER BY deck, card",
        )
    }

    fn cards(&self) -> Vec<String> {
        rows(
            &self.store,
            "SELECT deck, card, stability, difficulty, due, last_review, reps, lapses, first_review
             FROM cards ORDER BY deck, card",
        )
    }
}

fn rows(store: &Store, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let mut statement = conn.prepare(sql).unwrap();
    let columns = statement.column_count();
    statement
        .query_map([], |row| {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            Ok(values.join("|"))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The sync engine copies `from`'s folder into `to`'s: every log, or one log cut at a
/// random byte (a copy in flight), or an older copy of a log put back.
fn transport(
    rng: &mut Xoshiro256PlusPlus,
    from: &Path,
    to: &Path,
    older: &mut BTreeMap<PathBuf, Vec<u8>>,
) {
    let source = devices_dir(from);
    let target = devices_dir(to);
    std::fs::create_dir_all(&target).unwrap();
    let Ok(entries) = std::fs::read_dir(&source) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let bytes = std::fs::read(entry.path()).unwrap();
        let destination = target.join(&name);
        let choice = rng.random_range(0..10);
        let copy = if choice == 0 && !bytes.is_empty() {
            let cut = rng.random_range(0..bytes.len());
            bytes[..cut].to_vec()
        } else if choice == 1
            && let Some(old) = older.get(&destination)
        {
            old.clone()
        } else {
            bytes
        };
        if let Ok(current) = std::fs::read(&destination) {
            older.insert(destination.clone(), current);
        }
        // A device's own log is its own to write: the engine only brings the others'.
        if destination.exists()
            && std::fs::read(&destination).is_ok_and(|current| current.len() > copy.len())
            && rng.random_range(0..2) == 0
        {
            continue;
        }
        std::fs::write(&destination, copy).unwrap();
    }
}

/// Runs one schedule; returns how many devices' reviews the merged log holds.
fn schedule(seed: u64) -> usize {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let scheduler = Scheduler::new(None, 0.9).unwrap();
    let count = rng.random_range(2..=3);
    let mut devices: Vec<Device> = (0..count)
        .map(|_| Device::new(rng.random_range(-300_000..=300_000)))
        .collect();
    let mut now = Timestamp::from_second(1_772_355_600).unwrap();
    let mut older = BTreeMap::new();
    for _ in 0..rng.random_range(5..25) {
        now += jiff::SignedDuration::from_mins(rng.random_range(1..3000));
        let d = rng.random_range(0..count);
        match rng.random_range(0..12) {
            0..=4 => {
                let card = CARDS[rng.random_range(0..CARDS.len())];
                let rating = Rating::ALL[rng.random_range(0..4)];
                devices[d].answer(&scheduler, card, rating, now);
            }
            5 => devices[d].undo(),
            6 => devices[d].override_last(&scheduler),
            7 | 8 => devices[d].sync(&scheduler, now),
            9 => devices[d].toggle_suspension(CARDS[rng.random_range(0..CARDS.len())], now),
            10 => devices[d].set_retention([0.7, 0.8, 0.85, 0.95][rng.random_range(0..4)], now),
            _ => {
                let to = rng.random_range(0..count);
                if to != d {
                    let (from, to) = (
                        devices[d].folder.path().to_path_buf(),
                        devices[to].folder.path().to_path_buf(),
                    );
                    transport(&mut rng, &from, &to, &mut older);
                }
            }
        }
        if rng.random_range(0..4) == 0 {
            devices[d].last = None;
        }
    }
    // Every device syncs, the engine copies every log everywhere whole, and all sync again.
    for device in &mut devices {
        device.sync(&scheduler, now);
    }
    for from in 0..count {
        for to in 0..count {
            if from != to {
                copy_own_log(&devices[from], &devices[to]);
            }
        }
    }
    for device in &mut devices {
        device.sync(&scheduler, now);
    }
    let reviews = devices[0].reviews();
    let cards = devices[0].cards();
    let given: usize = devices.iter().map(|d| d.given).sum();
    assert_eq!(
        reviews.len(),
        given,
        "seed {seed}: a review lost or doubled"
    );
    for (index, device) in devices.iter().enumerate() {
        assert_eq!(
            device.reviews(),
            reviews,
            "seed {seed}: reviews of device {index}"
        );
        assert_eq!(
            device.cards(),
            cards,
            "seed {seed}: cards of device {index}"
        );
        assert_eq!(
            device.suspended(),
            devices[0].suspended(),
            "seed {seed}: suspended cards of device {index}"
        );
    }
    let mut authors: Vec<&str> = reviews.iter().filter_map(|r| r.split('|').next()).collect();
    authors.dedup();
    authors.len()
}

/// The engine brings `from`'s own log, whole, into `to`'s folder.
fn copy_own_log(from: &Device, to: &Device) {
    let own = format!("{}.jsonl", from.store.device_id().unwrap());
    let source = devices_dir(from.folder.path()).join(&own);
    let target = devices_dir(to.folder.path());
    std::fs::create_dir_all(&target).unwrap();
    std::fs::copy(source, target.join(own)).unwrap();
}

#[test]
fn random_schedules_end_with_identical_reviews_and_cards_everywhere() {
    let schedules: u64 = std::env::var("QUIZ_SYNC_SCHEDULES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let first: u64 = std::env::var("QUIZ_SYNC_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut merged = 0;
    for seed in first..first + schedules {
        merged += u64::from(schedule(seed) >= 2);
    }
    // The property says little unless most schedules merge several devices' reviews.
    assert!(
        merged * 2 > schedules,
        "{merged} of {schedules} merged two devices"
    );
}
