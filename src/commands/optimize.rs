//! `quiz optimize` (being written).

use super::Context;

pub fn run(_args: &crate::cli::OptimizeArgs, _context: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("`quiz optimize` is not available yet")
}
