//! The tables of the reports (`quiz decks`, `quiz stats`, `quiz suspended`): one border style
//! and one rule for how wide they may be, so every report looks and fits alike.

use comfy_table::Table;
use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};

use crate::env::Context;

/// An empty table in the reports' style: ASCII borders in plain mode or without colour,
/// box-drawing ones otherwise.
pub(crate) fn new(context: &Context) -> Table {
    let mut table = Table::new();
    table.load_style(if context.plain || !context.color {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    });
    table
}
