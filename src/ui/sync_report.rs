//! What a sync tells the person at the keyboard besides its summary line: the lines of the
//! device logs it skipped and its notices, as warnings on stderr; and, for the automatic
//! sync of a study or import command, one line when it brought something in.

use crate::escape::{escape_control, escape_line};
use crate::sync::{Automatic, Report, describe};

/// The skipped lines (file and line) and the notices of a sync, as warnings.
pub(crate) fn warnings(report: &Report) {
    for skipped in &report.skipped {
        super::warn(format!(
            "{}:{}: skipped a line: {}",
            skipped.file.display(),
            skipped.line,
            escape_line(&skipped.reason)
        ));
    }
    for notice in &report.notices {
        super::warn(notice.clone());
    }
}

/// The outcome of an automatic sync: its warnings, and a line on stderr when it took
/// something in or rescheduled; a failure is a warning.
pub(crate) fn automatic(outcome: Option<&Automatic>) {
    match outcome {
        None => {}
        Some(Automatic::Synced { dir, report }) => {
            warnings(report);
            if report.applied.added > 0 || report.rescheduled.is_some() {
                eprintln!("quiz: {}", describe(report, dir));
            }
        }
        Some(Automatic::Failed { dir, error }) => super::warn(format!(
            "could not sync with {}: {}",
            dir.display(),
            escape_control(error)
        )),
    }
}
