//! Sync across devices through a folder the learner already syncs (Syncthing, Dropbox, a
//! git remote): this device appends its events to its own log in the folder, reads the
//! other devices' logs from where it stopped last time, takes their events in as a union
//! by event id and replays the cards they touch, so every device ends with the same reviews
//! and the same card rows. No two devices ever write one file, so no sync engine or git
//! merge can conflict; the progress database itself never goes into the folder.
//!
//! The format is docs/sync.md; the store keeps the events (`store::sync`); this module
//! moves them between the two and says what happened.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::schedule::Scheduler;
use crate::store::Store;
use crate::store::sync::{self as store_sync, Applied, Change, FileMark};

pub(crate) mod device_log;
pub(crate) mod event;
pub(crate) mod git;
#[cfg(test)]
mod tests;

use device_log::{LogFile, devices_dir};

/// Events taken in per transaction while reading a long log: bounds memory, and a sync
/// that is stopped keeps what it read.
const BATCH: usize = 50_000;

/// The `meta` key of the instant of the last sync, and of the folder it used.
pub(crate) const LAST_SYNC_KEY: &str = "sync_last";
pub(crate) const LAST_DIR_KEY: &str = "sync_last_dir";
/// The parameters in effect after the last sync: differing ones were fitted here since.
const SYNCED_PARAMETERS_KEY: &str = "sync_parameters";
const PARAMETERS_KEY: &str = "fsrs_parameters";

/// What a sync should do besides exchanging events.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// Use git when the folder is in a git work tree.
    pub git: bool,
    /// Name this device so.
    pub name: Option<String>,
}

/// A line of a log that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub file: PathBuf,
    pub line: u64,
    pub reason: String,
}

/// What a sync did, for the command to say.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Events of this device written to its log.
    pub written: usize,
    /// Other devices' logs that had something new.
    pub logs_read: usize,
    pub applied: Applied,
    pub skipped: Vec<Skipped>,
    /// Things the learner should know (a new device id, a refused file, git's troubles).
    pub notices: Vec<String>,
    /// Cards rescheduled because the scheduler's parameters changed.
    pub rescheduled: Option<usize>,
    /// The desired retention now in effect, when another device's change brought it.
    pub retention: Option<f32>,
}

/// Everything a sync needs besides the store and the folder.
pub(crate) struct Environment<'a> {
    pub data_dir: &'a Path,
    pub scheduler: &'a Scheduler,
    pub tz: &'a TimeZone,
    pub now: Timestamp,
}

/// Exchanges events with the other devices' logs in `dir`.
pub(crate) fn sync(
    store: &mut Store,
    dir: &Path,
    options: &Options,
    env: &Environment<'_>,
) -> anyhow::Result<Report> {
    let dir = checked_folder(dir, env.data_dir)?;
    let mut report = Report::default();
    let git = if options.git {
        git::Repository::find(&dir)
    } else {
        None
    };
    if let Some(repo) = &git
        && let Err(problem) = repo.pull()
    {
        report.notices.push(problem);
    }
    let name = match &options.name {
        Some(name) => Some(name.clone()),
        None if store.device_name()?.is_none() => Some(host_name()),
        None => None,
    };
    if let Some(name) = name {
        store.set_device_name(&name, env.now)?;
    }
    publish_parameters(store, env.now)?;

    let retention_before = store.retention_changes()?;
    let own_touched = write_own(store, &dir, &mut report)?;
    let own = store.device_id()?;
    let listing = device_log::list(&dir)
        .with_context(|| format!("could not list {}", devices_dir(&dir).display()))?;
    for name in &listing.refused {
        report.notices.push(format!(
            "skipped {}: not a regular file (quiz follows no links out of the sync folder)",
            crate::escape::escape_line(name)
        ));
    }
    // A device's own log before its conflict copies (a Dropbox copy's name sorts first):
    // a copy is then read against the events its log gave (see `read_peer`).
    let mut logs = listing.logs.clone();
    logs.sort_by_key(|log| (is_conflict_copy(log), log.name.clone()));
    for log in &logs {
        if log.device == own {
            check_own_copy(store, log, &own, &mut report)?;
            continue;
        }
        read_peer(store, log, &mut report)?;
    }
    // The other devices' changes of the desired retention count in the replay.
    let scheduler = env
        .scheduler
        .clone()
        .with_retention_changes(store.retention_changes()?);
    report.retention = adopted_retention(&scheduler, env, retention_before);
    // The cards this device's own new events touched are replayed too, so their rows are
    // the replay's, exactly as on the other devices (a live answer wrote the same row).
    report.applied.cards = store.replay_marked(&mut |log| scheduler.replay(log, env.tz))?;
    if !own_touched.is_empty() {
        store.take_in(&[], &own_touched)?;
        store.replay_marked(&mut |log| scheduler.replay(log, env.tz))?;
    }
    report.rescheduled = adopt_parameters(store, env)?;
    if let Some(repo) = &git {
        let own_log = devices_dir(&dir).join(format!("{}.jsonl", store.device_id()?));
        if let Err(problem) = repo.commit_and_push(&own_log, &store.device_id()?) {
            report.notices.push(problem);
        }
    }
    store.set_meta_values(&[
        (LAST_SYNC_KEY, &env.now.to_string()),
        (LAST_DIR_KEY, &dir.display().to_string()),
    ])?;
    Ok(report)
}

/// The sync folder, made absolute; it must exist, and must not hold the data directory
/// (the database would then travel with the logs, and conflict).
fn checked_folder(dir: &Path, data_dir: &Path) -> anyhow::Result<PathBuf> {
    let canonical = std::fs::canonicalize(dir).with_context(|| {
        format!(
            "the sync folder {} cannot be used (create it, or point sync_dir at the folder you sync)",
            dir.display()
        )
    })?;
    if !canonical.is_dir() {
        bail!("the sync folder {} is not a folder", dir.display());
    }
    // Inside it, only real folders: a link would lead reads and writes out of it.
    for inner in [canonical.join("quiz"), devices_dir(&canonical)] {
        match std::fs::symlink_metadata(&inner) {
            Ok(metadata) if !metadata.is_dir() => bail!(
                "{} is not a folder (a link?): quiz follows no links out of the sync folder",
                inner.display()
            ),
            _ => {}
        }
    }
    if let Ok(data) = std::fs::canonicalize(data_dir)
        && (data.starts_with(&canonical) || canonical.starts_with(&data))
    {
        bail!(
            "the sync folder {} and the data directory {} overlap: the progress database must \
             never be synced as a file; choose a sync folder outside the data directory",
            dir.display(),
            data_dir.display()
        );
    }
    Ok(canonical)
}

/// The host name, for a device's default name.
pub(crate) fn host_name() -> String {
    let candidates = [
        std::env::var("HOSTNAME").ok(),
        std::env::var("COMPUTERNAME").ok(),
        std::fs::read_to_string("/proc/sys/kernel/hostname").ok(),
        std::fs::read_to_string("/etc/hostname").ok(),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "device".to_owned())
}

/// Publishes parameters fitted here since the last sync as this device's event.
fn publish_parameters(store: &mut Store, now: Timestamp) -> anyhow::Result<()> {
    let current = store.meta(PARAMETERS_KEY)?;
    let synced = store.meta(SYNCED_PARAMETERS_KEY)?;
    if let Some(current) = current
        && synced.as_ref() != Some(&current)
    {
        store.record_event(
            now,
            &Change::Parameters {
                json: current.clone(),
            },
        )?;
        store.set_meta_value(SYNCED_PARAMETERS_KEY, &current)?;
    }
    Ok(())
}

/// The desired retention in effect now, when the changes this sync took in (`scheduler`
/// has them, `before` is what there was) made it differ from the one before.
fn adopted_retention(
    scheduler: &Scheduler,
    env: &Environment<'_>,
    before: Vec<(Timestamp, f32)>,
) -> Option<f32> {
    let now = scheduler.retention_at(env.now);
    let earlier = scheduler.clone().with_retention_changes(before);
    (earlier.retention_at(env.now) != now).then_some(now)
}

/// Adopts the latest parameters of any device when they are not the ones in use, by
/// replaying every card; returns how many were rescheduled.
fn adopt_parameters(store: &mut Store, env: &Environment<'_>) -> anyhow::Result<Option<usize>> {
    let Some(latest) = store.latest_setting("parameters")? else {
        return Ok(None);
    };
    if store.meta(PARAMETERS_KEY)?.as_ref() == Some(&latest.value) {
        return Ok(None);
    }
    let parameters: Vec<f32> = serde_json::from_str(&latest.value)
        .context("the synced scheduler parameters are damaged")?;
    let cards =
        crate::schedule::parameters::adopt(store, &parameters, env.scheduler, env.tz, |_, _| {})?;
    store.set_meta_value(SYNCED_PARAMETERS_KEY, &latest.value)?;
    Ok(Some(cards))
}

/// Brings this device's own log in the folder up to date; returns the cards its newly
/// written events touched.
///
/// The log is only ever appended to while it is as this device left it. When it is not
/// (a sync engine or git restored an older copy, or another data directory wrote to it),
/// it is read back: events of this id that this store does not have mean a copy of this
/// data directory uses the same id, and this one takes a new id; otherwise the log is
/// rewritten whole from the store.
fn write_own(
    store: &mut Store,
    dir: &Path,
    report: &mut Report,
) -> anyhow::Result<Vec<(String, String)>> {
    let own = store.device_id()?;
    let path = devices_dir(dir).join(format!("{own}.jsonl"));
    let key = path.display().to_string();
    let mark = store.file_mark(&key)?;
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        // A link (or anything but a file) planted in this device's place is never
        // followed: it goes, and the log is written afresh.
        report.notices.push(format!(
            "replaced {}: this device's log was not a regular file",
            crate::escape::escape_line(&path.display().to_string())
        ));
        std::fs::remove_file(&path)
            .or_else(|_| std::fs::remove_dir_all(&path))
            .with_context(|| format!("could not remove {}", path.display()))?;
    }
    let exists = path.try_exists().unwrap_or(false);
    let after = match (&mark, exists) {
        (Some(mark), true) if device_log::unchanged(&path, mark)? => mark.last_seq,
        (_, true) => match reconcile(store, &path, &own, mark.as_ref(), report)? {
            Reconciled::Twin => return write_own(store, dir, report),
            Reconciled::Append(after) => after,
        },
        (_, false) => {
            let lines = own_lines(store, &own, 0)?;
            device_log::replace(&path, &lines)
                .with_context(|| format!("could not write {}", path.display()))?;
            report.written += lines.len();
            remark(store, &path, &key, store.last_own_seq()?)?;
            return Ok(store.cards_touched_since(mark.map_or(0, |m| m.last_seq))?);
        }
    };
    let lines = own_lines(store, &own, after)?;
    if !lines.is_empty() {
        device_log::append(&path, &lines)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    report.written += lines.len();
    let touched = store.cards_touched_since(mark.map_or(after, |m| m.last_seq.min(after)))?;
    remark(store, &path, &key, store.last_own_seq()?)?;
    Ok(touched)
}

enum Reconciled {
    /// Another data directory wrote this id's log; this one has a new id now.
    Twin,
    /// The log holds this device's events up to this number, and none it should not.
    Append(i64),
}

/// Reads back this device's own log when it is not as this device left it.
fn reconcile(
    store: &mut Store,
    path: &Path,
    own: &str,
    mark: Option<&FileMark>,
    report: &mut Report,
) -> anyhow::Result<Reconciled> {
    let log = LogFile {
        path: path.to_path_buf(),
        name: String::new(),
        device: own.to_owned(),
    };
    let mut foreign: Option<i64> = None;
    device_log::read_from(&log, None, BATCH, |read, _| {
        for event in read.events {
            if !store.holds_own_event(&event)? {
                foreign = Some(foreign.map_or(event.seq, |f| f.min(event.seq)));
            }
        }
        Ok(())
    })?;
    if let Some(first) = foreign {
        let from = mark.map_or(first, |m| first.min(m.last_seq + 1));
        let (old, new) = store.take_new_device_id(from)?;
        report.notices.push(format!(
            "another data directory uses this device's id {old} (a copy of this one?): this \
             one is device {new} from now on, and reads {old} as another device"
        ));
        return Ok(Reconciled::Twin);
    }
    // Rewritten whole from the store: the copy may end in a cut line, or lack events.
    let lines = own_lines(store, own, 0)?;
    device_log::replace(path, &lines)
        .with_context(|| format!("could not write {}", path.display()))?;
    report.written += lines.len();
    Ok(Reconciled::Append(store.last_own_seq()?))
}

/// Reads a conflict copy of this device's own log: its events are this store's own, so
/// nothing is taken in; events this store never wrote mean another data directory wrote
/// under this id at the same time, which the learner is told (with the file).
fn check_own_copy(
    store: &Store,
    log: &LogFile,
    own: &str,
    report: &mut Report,
) -> anyhow::Result<()> {
    let main = format!("{own}.jsonl");
    if log.name == main {
        return Ok(());
    }
    let key = log.path.display().to_string();
    let mark = store.file_mark(&key)?;
    if let Some(mark) = &mark
        && device_log::unchanged(&log.path, mark)?
    {
        return Ok(());
    }
    let mut foreign = 0;
    device_log::read_from(log, None, BATCH, |read, new_mark| {
        for event in &read.events {
            if !store.holds_own_event(event)? {
                foreign += 1;
            }
        }
        store.set_file_mark(&key, &new_mark)?;
        Ok(())
    })
    .with_context(|| format!("could not read {}", log.path.display()))?;
    if foreign > 0 {
        report.notices.push(format!(
            "{} holds {} under this device's id that this data directory never wrote: another data directory (a copy of this one?) wrote to this device's log at the same time; they were not taken in here: that copy sends them again under a new id of its own",
            crate::escape::escape_line(&log.path.display().to_string()),
            crate::ui::format::plural(foreign, "event")
        ));
    }
    Ok(())
}

/// The lines of this device's events after `after`.
fn own_lines(store: &Store, own: &str, after: i64) -> anyhow::Result<Vec<String>> {
    let mut lines = Vec::new();
    store.events_of::<anyhow::Error>(own, after, |event| {
        lines.push(event::encode(event));
        Ok(())
    })?;
    Ok(lines)
}

/// Marks this device's own log as written through `last_seq`, as it is on disk now.
fn remark(store: &Store, path: &Path, key: &str, last_seq: i64) -> anyhow::Result<()> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("could not read {}", path.display()))?;
    let (size, modified) = device_log::stamp(path)?;
    let prefix_hash = device_log::prefix_hash(&mut file, size)?;
    let mark = FileMark {
        offset: size,
        lines: 0,
        prefix_hash,
        size,
        modified,
        last_seq,
    };
    if store.file_mark(key)?.as_ref() != Some(&mark) {
        store.set_file_mark(key, &mark)?;
    }
    Ok(())
}

/// Whether a log is a sync engine's conflict copy rather than the device's own file.
fn is_conflict_copy(log: &LogFile) -> bool {
    log.name != format!("{}.jsonl", log.device)
}

/// Reads what is new in another device's log (or a conflict copy of it) and takes it in.
///
/// A conflict copy is read against the events taken in: from its first event that differs
/// from the one taken in under the same id, it is another data directory's writing under
/// that device's id at the same time (a copy of it), and the rest of it is left out — that
/// copy takes a new id and sends its events again under it.
fn read_peer(store: &mut Store, log: &LogFile, report: &mut Report) -> anyhow::Result<()> {
    let key = log.path.display().to_string();
    let mark = store.file_mark(&key)?;
    if let Some(mark) = &mark
        && device_log::unchanged(&log.path, mark)?
    {
        return Ok(());
    }
    let mut any = false;
    let conflict = is_conflict_copy(log);
    let mut diverged: Option<(i64, usize)> = None;
    store.bulk_cache()?;
    device_log::read_from(log, mark.as_ref(), BATCH, |mut read, new_mark| {
        for skipped in read.malformed {
            report.skipped.push(Skipped {
                file: log.path.clone(),
                line: skipped.line,
                reason: skipped.reason,
            });
        }
        if conflict {
            let kept = diverged_from(store, &read.events, diverged.is_some())?;
            let left = read.events.len() - kept;
            if left > 0 {
                let first = diverged.map_or(read.events[kept].seq, |d| d.0);
                diverged = Some((first, diverged.map_or(0, |d| d.1) + left));
                read.events.truncate(kept);
            }
        }
        if !read.events.is_empty() {
            any = true;
            let applied = store.take_in(&read.events, &[])?;
            report.applied.added += applied.added;
            report.applied.known += applied.known;
            report.applied.reviews += applied.reviews;
        }
        store.set_file_mark(&key, &new_mark)?;
        Ok(())
    })
    .with_context(|| format!("could not read {}", log.path.display()))?;
    if any {
        report.logs_read += 1;
    }
    if let Some((first, left)) = diverged {
        report.notices.push(format!(
            "{}: from event {} on, this copy differs from the events of device {} taken in \
             under the same ids: another data directory (a copy of that one) wrote under its \
             id at the same time; its {} were left out (that copy takes a new id and sends \
             them again)",
            crate::escape::escape_line(&log.path.display().to_string()),
            event::event_id(&log.device, first),
            log.device,
            crate::ui::format::plural(left, "event")
        ));
    }
    Ok(())
}

/// How many of `events` (a conflict copy's, in file order) come before the first one that
/// differs from the event this store holds under its id; none once the copy diverged.
fn diverged_from(
    store: &Store,
    events: &[store_sync::SyncEvent],
    already: bool,
) -> anyhow::Result<usize> {
    if already {
        return Ok(0);
    }
    for (index, event) in events.iter().enumerate() {
        if store.compare_event(event)? == store_sync::Held::Different {
            return Ok(index);
        }
    }
    Ok(events.len())
}

/// A sync with the settings and clock of `context`, with the scheduler the learner's
/// parameters give. The command shows the report (`crate::ui::sync_report`).
pub(crate) fn run(
    store: &mut Store,
    dir: &Path,
    options: &Options,
    settings: &crate::settings::Settings,
    context: &crate::env::Context,
) -> anyhow::Result<Report> {
    let scheduler = crate::schedule::parameters::note_retention_and_scheduler(
        store,
        settings,
        context.clock.now(),
        crate::ui::warn,
    )?;
    let mut report = sync(
        store,
        dir,
        options,
        &Environment {
            data_dir: &context.data_dir,
            scheduler: &scheduler,
            tz: &context.clock.tz,
            now: context.clock.now(),
        },
    )?;
    if let Some(retention) = report.retention
        && settings.desired_retention_set
        && retention != settings.desired_retention
    {
        report.notices.push(format!(
            "another device set the desired retention to {retention}; the config file here says \
             {}, which counts again once it is changed there",
            settings.desired_retention
        ));
    }
    Ok(report)
}

/// What an automatic sync came to, for the command to say.
#[derive(Debug)]
pub(crate) enum Automatic {
    Synced {
        dir: PathBuf,
        report: Report,
    },
    /// It failed: a warning, never a reason not to study.
    Failed {
        dir: PathBuf,
        error: String,
    },
}

/// The automatic sync of a command that writes progress, when `sync_dir` is set (`None`
/// when it is not); the caller shows the outcome (`crate::ui::sync_report::automatic`).
pub(crate) fn automatic(
    store: &mut Store,
    settings: &crate::settings::Settings,
    context: &crate::env::Context,
) -> Option<Automatic> {
    let dir = settings.sync_dir.clone()?;
    let options = Options {
        git: true,
        name: None,
    };
    Some(match run(store, &dir, &options, settings, context) {
        Ok(report) => Automatic::Synced { dir, report },
        Err(error) => Automatic::Failed {
            error: format!("{error:#}"),
            dir,
        },
    })
}

/// One line on what a sync did.
pub(crate) fn describe(report: &Report, dir: &Path) -> String {
    use crate::ui::format::plural;
    let mut text = format!(
        "synced with {}: wrote {}, took in {} from {}",
        crate::escape::escape_line(&dir.display().to_string()),
        plural(report.written, "event"),
        plural(report.applied.added, "new event"),
        plural(report.logs_read, "device log"),
    );
    if report.applied.reviews > 0 {
        text.push_str(&format!(" ({})", plural(report.applied.reviews, "review")));
    }
    text.push_str(&format!(
        "; rescheduled {}",
        plural(report.applied.cards, "card")
    ));
    if let Some(cards) = report.rescheduled {
        text.push_str(&format!(
            "; adopted another device's scheduler parameters ({} replayed)",
            plural(cards, "card")
        ));
    }
    if let Some(retention) = report.retention {
        text.push_str(&format!(
            "; desired retention now {retention} (another device's)"
        ));
    }
    if !report.skipped.is_empty() {
        text.push_str(&format!(
            "; skipped {}",
            plural(report.skipped.len(), "bad line")
        ));
    }
    text
}
