//! The desired retention as every device's setting: the config file's `desired_retention`
//! is this device's say, and a change of it is recorded as this device's `retention` event,
//! so that it reaches the other devices through sync. The value in effect at an instant is
//! the latest change before it of any device (by instant, then device id, then sequence
//! number); the scheduler reads the changes from the store (see
//! [`super::Scheduler::with_retention_changes`]).
//!
//! The config file speaks only when it changes: this device keeps the value it last saw
//! there, so a value another device set later holds here until this device's config file is
//! edited again. A config file that first gives a value (or the first run after an upgrade)
//! publishes it; one that gives none publishes nothing, and the other devices' value holds.
//! The first change anywhere holds before its instant too; so that it does not change the
//! intervals given before it, a device making the first change says first what it used
//! until then.

use jiff::Timestamp;

use crate::settings::Settings;
use crate::store::Store;
use crate::store::sync::Change;

/// The `meta` key of the config file's value as this device last saw it.
const SEEN_KEY: &str = "retention_seen";

/// Records a change of the config file's `desired_retention` since it was last seen as this
/// device's event at `now`; returns the value when it did.
pub(crate) fn note(
    store: &mut Store,
    settings: &Settings,
    now: Timestamp,
) -> anyhow::Result<Option<f32>> {
    let text = settings.desired_retention.to_string();
    let seen = store.meta(SEEN_KEY)?;
    if seen.as_deref() == Some(text.as_str()) {
        return Ok(None);
    }
    // Never seen: only a value the file gives speaks; the default leaves the others' be.
    let publish = seen.is_some() || settings.desired_retention_set;
    let mut changes = Vec::new();
    if publish {
        // The first change anywhere also holds before its instant (see the scheduler): the
        // value this device used until now is said first, from its first review, so the
        // intervals given before keep theirs.
        if let Some(before) = &seen
            && store.retention_changes()?.is_empty()
            && let Some(first) = store.first_review_at()?
        {
            changes.push((first.min(now), retention(before)));
        }
        changes.push((now, retention(&text)));
    }
    store.note_setting(SEEN_KEY, &text, &changes)?;
    Ok(publish.then_some(settings.desired_retention))
}

/// The event of a retention as the config file's value prints: the shortest text of the
/// f32, read as f64, so 0.85 is written 0.85, not 0.8500000238….
fn retention(text: &str) -> Change {
    Change::Retention {
        value: text.parse().unwrap_or(0.9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(store: &Store) -> Vec<f32> {
        store
            .retention_changes()
            .unwrap()
            .into_iter()
            .map(|(_, value)| value)
            .collect()
    }

    #[test]
    fn the_config_file_speaks_when_it_gives_a_value_or_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let now = Timestamp::from_second(1_772_355_600).unwrap();
        let default = Settings::default();
        // The default, never seen: nothing to say, and the others' value holds.
        assert_eq!(note(&mut store, &default, now).unwrap(), None);
        assert_eq!(note(&mut store, &default, now).unwrap(), None);
        assert!(changes(&store).is_empty());
        let set = |value: f32| Settings {
            desired_retention: value,
            desired_retention_set: true,
            ..Settings::default()
        };
        assert_eq!(note(&mut store, &set(0.85), now).unwrap(), Some(0.85));
        assert_eq!(note(&mut store, &set(0.85), now).unwrap(), None);
        // Back to the default (the line taken out) is a change too.
        assert_eq!(note(&mut store, &default, now).unwrap(), Some(0.9));
        assert_eq!(changes(&store), [0.85, 0.9]);

        // The first change of a device with reviews says first what held until then, from
        // its first review, so that change does not reach back.
        let studied = tempfile::tempdir().unwrap();
        let mut store = Store::open(studied.path()).unwrap();
        let first = Timestamp::from_second(1_772_000_000).unwrap();
        let (deck, card) = (
            crate::deck::DeckId("d".into()),
            crate::deck::CardId("c".into()),
        );
        store
            .record(
                &crate::store::Review {
                    reviewed_at: first,
                    deck: &deck,
                    card: &card,
                    rating: crate::schedule::Rating::Good,
                    verdict: &crate::store::types::VerdictWord::Right,
                    given_answer: "x",
                    elapsed_ms: 1,
                    session: None,
                    mode: crate::store::Mode::Review,
                },
                None,
            )
            .unwrap();
        assert_eq!(note(&mut store, &default, now).unwrap(), None);
        assert_eq!(note(&mut store, &set(0.8), now).unwrap(), Some(0.8));
        assert_eq!(
            store.retention_changes().unwrap(),
            [(first, 0.9), (now, 0.8)]
        );

        // A first sight of a value the file gives speaks at once (an upgrade).
        let other = tempfile::tempdir().unwrap();
        let mut store = Store::open(other.path()).unwrap();
        assert_eq!(note(&mut store, &set(0.8), now).unwrap(), Some(0.8));
        assert_eq!(changes(&store), [0.8]);
    }
}
