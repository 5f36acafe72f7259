//! `quiz history` (being written).

use super::Context;

pub fn run(_args: &crate::cli::HistoryCommand, _context: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("`quiz history` is not available yet")
}
