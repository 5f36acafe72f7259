//! The integration tests: one binary, one module per command or feature, all through the real
//! `quiz` binary with a temporary data directory. `harness`, `pty_harness` and `common` are
//! the shared helpers; decks that several tests use live under `tests/fixtures/decks/`.

mod common;
mod harness;
mod pty_harness;

// Deck authoring
mod accept;
mod add;
mod check;
mod check_corpus;
mod check_json;
mod cloze;
mod diagnostics;
mod escapes;
mod fix;
mod fuzz;
mod new;

// Studying
mod choice;
mod clock_times;
mod config;
mod cram;
mod crash;
mod damaged;
mod decks;
mod explain;
mod flip;
mod full_disk;
mod leeches;
mod leftovers;
mod lock;
mod missed;
mod r#override;
mod pty;
mod quit;
mod retry;
mod reverse;
mod scheduling;
mod siblings;
mod start;
mod strict;
mod suspend;
mod tags;
mod undo;
mod verdict_page;

// History, figures and other formats
mod anki_package;
mod derive;
#[cfg(unix)]
mod files;
mod history;
mod import_errors;
mod inputs;
mod interchange;
mod optimize;
mod overview;
mod readers;
mod stats;
mod sync;
mod sync_decks;
mod sync_settings;
mod sync_twins;
mod widths;
