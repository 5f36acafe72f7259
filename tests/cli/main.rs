//! The integration tests: one binary, one module per area, all through the real `quiz`
//! binary with a temporary data directory.

mod check;
mod common;
mod derive;
mod harness;
mod interchange;
mod modes;
mod pty;
mod pty_harness;
mod start;
mod stats;
