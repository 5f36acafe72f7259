//! `quiz stats` (being written).

use super::Context;

pub fn run(_args: &crate::cli::StatsArgs, _context: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("`quiz stats` is not available yet")
}
