//! The tables and prose of the reports (`quiz decks`, `quiz stats`, `quiz suspended`): one
//! border style and one rule for how wide they may be, so every report looks and fits alike.
//!
//! A table's column widths are decided here within the width the environment gives
//! ([`crate::env::report_width`]) and drawn by comfy-table: numbers are never cut, long
//! text is cut to one line ending in `…`, and headers may wrap at their spaces. Where no
//! table fits (many numeric columns at 40 columns), each row is drawn as a short block of
//! `name: value` lines instead. Box-drawing lines on a terminal, ASCII ones in a pipe or
//! with `--plain`; `NO_COLOR` changes neither (it only takes colour away).

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Row, Table, Width};

use crate::env::Context;

/// Where a report is drawn: how wide it may be and with which lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// `None`: no limit.
    pub width: Option<u16>,
    pub ascii: bool,
}

impl Layout {
    pub(crate) fn of(context: &Context) -> Layout {
        Layout {
            width: context.width,
            ascii: context.plain || !context.stdout_terminal,
        }
    }

    /// The width as a count of characters, `usize::MAX` without a limit.
    pub(crate) fn columns(self) -> usize {
        self.width.map_or(usize::MAX, usize::from)
    }
}

/// The fewest letters of a text column a table is drawn with (else its rows become blocks).
const MIN_TEXT: usize = 6;
/// The fewest letters each text column should keep before a column that may go is dropped.
const READABLE: usize = 12;
/// The most the first column (the name a command takes) is given before others shrink.
const FIRST_COLUMN: usize = 24;

/// A table of a report: a header, rows of text, which columns hold numbers, and which may
/// be left out when the terminal is narrow.
pub(crate) struct Report {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Columns never cut (numbers, dates).
    numeric: Vec<bool>,
    /// Columns aligned right (numbers).
    right: Vec<bool>,
    /// Columns left out, in this order, while the text columns would be cut too short.
    optional: Vec<usize>,
}

impl Report {
    pub(crate) fn new(header: &[&str]) -> Report {
        Report {
            header: header.iter().map(|h| (*h).to_string()).collect(),
            rows: Vec::new(),
            numeric: vec![false; header.len()],
            right: vec![false; header.len()],
            optional: Vec::new(),
        }
    }

    /// The columns `columns` hold numbers: right-aligned, and never cut.
    pub(crate) fn numeric(mut self, columns: std::ops::Range<usize>) -> Report {
        for column in columns {
            if let Some(right) = self.right.get_mut(column) {
                *right = true;
            }
            self = self.whole(column);
        }
        self
    }

    /// Column `column` (a date, say) is never cut, as a number is not.
    pub(crate) fn whole(mut self, column: usize) -> Report {
        if let Some(numeric) = self.numeric.get_mut(column) {
            *numeric = true;
        }
        self
    }

    /// Column `column` may be left out when the terminal is too narrow for it.
    pub(crate) fn optional(mut self, column: usize) -> Report {
        self.optional.push(column);
        self
    }

    /// A row, already escaped for the terminal.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table drawn within `layout`, without a final line break. When it is wider
    /// than that, numbers and their headers' words stay whole, the first column keeps up
    /// to [`FIRST_COLUMN`] letters, optional columns are left out while the other text
    /// would keep fewer than [`READABLE`] letters, and the text columns share the rest;
    /// when even that does not fit, each row is drawn as a block.
    pub(crate) fn render(&self, layout: Layout) -> String {
        let mut shown: Vec<usize> = (0..self.header.len()).collect();
        let Some(width) = layout.width.map(usize::from) else {
            return self.table(layout, &shown, None).to_string();
        };
        if Self::drawn(shown.iter().map(|&index| self.natural(index))) <= width {
            return self.table(layout, &shown, None).to_string();
        }
        // Whole headers if the text stays readable, else their words whole.
        let readable = |widths: &Option<Vec<usize>>, shown: &[usize]| {
            widths
                .as_ref()
                .is_some_and(|w| self.least_text(shown, w) >= READABLE)
        };
        let mut widths = self.share(&shown, width, true);
        if !readable(&widths, &shown) {
            widths = self.share(&shown, width, false);
        }
        for &column in &self.optional {
            if readable(&widths, &shown) {
                break;
            }
            shown.retain(|&index| index != column);
            widths = self.share(&shown, width, false);
        }
        match widths {
            Some(widths) => self.table(layout, &shown, Some(&widths)).to_string(),
            None => self.blocks(width),
        }
    }

    /// The width of a table whose columns hold `widths` letters: lines and padding added.
    fn drawn(widths: impl ExactSizeIterator<Item = usize>) -> usize {
        let columns = widths.len();
        widths.sum::<usize>() + 3 * columns + 1
    }

    /// A column's width with nothing cut: its header or its widest cell.
    fn natural(&self, index: usize) -> usize {
        self.widest(index).max(self.header[index].chars().count())
    }

    /// The widths of the `shown` columns within `width`: numbers as wide as their header
    /// (`whole_headers`) or its longest word, the first column up to [`FIRST_COLUMN`]
    /// (down to [`MIN_TEXT`] when the numbers need it), and the other text columns
    /// sharing what is left; `None` when a text column would keep fewer than
    /// [`MIN_TEXT`] letters.
    fn share(&self, shown: &[usize], width: usize, whole_headers: bool) -> Option<Vec<usize>> {
        let mut widths: Vec<usize> = shown
            .iter()
            .map(|&index| {
                if self.numeric[index] {
                    let header = if whole_headers {
                        self.header[index].chars().count()
                    } else {
                        self.header[index]
                            .split(' ')
                            .map(|w| w.chars().count())
                            .max()
                            .unwrap_or(0)
                    };
                    self.widest(index).max(header).max(1)
                } else if index == 0 {
                    self.natural(index).min(FIRST_COLUMN)
                } else {
                    0
                }
            })
            .collect();
        let texts: Vec<usize> = (0..shown.len())
            .filter(|&at| shown[at] != 0 && !self.numeric[shown[at]])
            .collect();
        // The first column gives back what the others lack, down to a few letters.
        let lacking = Self::drawn(widths.iter().copied()) + MIN_TEXT * texts.len();
        if let Some(first) = shown.iter().position(|&index| index == 0)
            && lacking > width
        {
            let least = MIN_TEXT.min(widths[first]);
            widths[first] = widths[first].saturating_sub(lacking - width).max(least);
        }
        let mut room = width.checked_sub(Self::drawn(widths.iter().copied()))?;
        // Water-filling: each text column takes an equal share, up to what it needs.
        let mut open: Vec<usize> = texts.clone();
        while !open.is_empty() && room > 0 {
            let share = (room / open.len()).max(1);
            let mut still = Vec::new();
            for &at in &open {
                if room == 0 {
                    break;
                }
                let need = self.natural(shown[at]) - widths[at];
                let take = need.min(share).min(room);
                widths[at] += take;
                room -= take;
                if widths[at] < self.natural(shown[at]) {
                    still.push(at);
                }
            }
            open = still;
        }
        if texts
            .iter()
            .any(|&at| widths[at] < MIN_TEXT.min(self.natural(shown[at])))
        {
            return None;
        }
        Some(widths)
    }

    /// The fewest letters a cut text column after the first keeps with `widths`
    /// (`usize::MAX` when none is cut).
    fn least_text(&self, shown: &[usize], widths: &[usize]) -> usize {
        (0..shown.len())
            .filter(|&at| shown[at] != 0 && !self.numeric[shown[at]])
            .filter(|&at| widths[at] < self.natural(shown[at]))
            .map(|at| widths[at])
            .min()
            .unwrap_or(usize::MAX)
    }

    /// The widest cell of a column, header aside.
    fn widest(&self, index: usize) -> usize {
        self.rows
            .iter()
            .filter_map(|row| row.get(index))
            .map(|cell| cell.chars().count())
            .max()
            .unwrap_or(0)
    }

    /// The `shown` columns as a comfy-table, each `widths` letters wide when given (else
    /// as wide as it is); a cell longer than its column is cut to one line ending in `…`.
    fn table(&self, layout: Layout, shown: &[usize], widths: Option<&[usize]>) -> Table {
        let mut table = Table::new();
        table.load_style(if layout.ascii {
            ASCII_FULL_CONDENSED
        } else {
            UTF8_FULL_CONDENSED
        });
        // The width is decided here, never by comfy-table asking the terminal itself.
        table.force_no_tty();
        if let Some(width) = layout.width {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width)
                .set_truncation_indicator("…");
        }
        let pick = |cells: &[String]| -> Vec<String> {
            shown
                .iter()
                .map(|&index| cells.get(index).cloned().unwrap_or_default())
                .collect()
        };
        table.set_header(pick(&self.header));
        for cells in &self.rows {
            let mut row = Row::from(pick(cells).into_iter().map(Cell::new).collect::<Vec<_>>());
            row.max_height(1);
            table.add_row(row);
        }
        for (at, &index) in shown.iter().enumerate() {
            let Some(column) = table.column_mut(at) else {
                continue;
            };
            if self.right[index] {
                column.set_cell_alignment(CellAlignment::Right);
            }
            if let Some(widths) = widths {
                // comfy-table's widths count the padding on both sides.
                let width = u16::try_from(widths[at] + 2).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
        }
        table
    }

    /// Each row as a block: its first cell, then `header: value` for the others, each line
    /// cut to `width` with `…`; a blank line between blocks.
    fn blocks(&self, width: usize) -> String {
        let label = self
            .header
            .iter()
            .skip(1)
            .map(|h| h.chars().count())
            .max()
            .unwrap_or(0);
        let mut lines = Vec::new();
        for (number, row) in self.rows.iter().enumerate() {
            if number > 0 {
                lines.push(String::new());
            }
            let first = row.first().map_or("", String::as_str);
            lines.push(cut(&format!("{}: {first}", self.header[0]), width));
            for (header, cell) in self.header.iter().zip(row).skip(1) {
                lines.push(cut(&format!("  {header:<label$}  {cell}"), width));
            }
        }
        lines.join("\n")
    }
}

/// `text` cut to `width` characters, ending in `…` when cut.
pub(crate) fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `text` (one paragraph) broken at spaces into lines of at most `width` characters, the
/// lines after the first indented by `indent`; a word longer than a line is cut.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let room = if lines.is_empty() {
            width
        } else {
            width.saturating_sub(indent.chars().count())
        };
        let wanted = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && wanted > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    let room_after = width.saturating_sub(indent.chars().count()).max(1);
    lines
        .iter()
        .enumerate()
        .map(|(number, line)| {
            if number == 0 {
                cut(line, width.max(1))
            } else {
                format!("{indent}{}", cut(line, room_after))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let mut report = Report::new(&["deck", "question", "cards"]).numeric(2..3);
        report.row(vec![
            "history".into(),
            "On what date did Khrushchev deliver the Secret Speech?".into(),
            "12345".into(),
        ]);
        report
    }

    #[test]
    fn a_table_fits_its_width_cutting_long_text_and_never_numbers() {
        let wide = Layout {
            width: None,
            ascii: true,
        };
        assert_eq!(
            report().render(wide),
            "\
+---------+--------------------------------------------------------+-------+
| deck    | question                                               | cards |
+==========================================================================+
| history | On what date did Khrushchev deliver the Secret Speech? | 12345 |
+---------+--------------------------------------------------------+-------+"
        );
        let narrow = Layout {
            width: Some(40),
            ascii: false,
        };
        let text = report().render(narrow);
        assert_eq!(
            text,
            "\
┌─────────┬────────────────────┬───────┐
│ deck    ┆ question           ┆ cards │
╞═════════╪════════════════════╪═══════╡
│ history ┆ On what date did…  ┆ 12345 │
└─────────┴────────────────────┴───────┘"
        );
        assert!(text.lines().all(|line| line.chars().count() <= 40));
    }

    #[test]
    fn rows_become_blocks_where_no_table_fits() {
        let text = report().render(Layout {
            width: Some(20),
            ascii: true,
        });
        assert_eq!(
            text,
            "deck: history\n  question  On what…\n  cards     12345"
        );
    }

    #[test]
    fn prose_wraps_at_spaces_and_cuts_what_no_line_holds() {
        assert_eq!(
            wrap("one two three four", 9, "  "),
            "one two\n  three\n  four"
        );
        assert_eq!(wrap("abcdefghijk", 5, ""), "abcd…");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "ab…");
    }
}
