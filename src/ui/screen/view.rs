//! Drawing one frame of the study screen from a [`Page`]: the header (decks, mode, counts,
//! position, progress bar, time), the card wrapped at word boundaries, the answer field and
//! a key bar that lists only the keys that work now. Below 40×12 it says so instead.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::verdict::Palette;
use crate::ui::Counts;
use crate::ui::format::format_duration;

/// The smallest terminal the screen draws in.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 12;

/// What the header says: the same for every page of one card.
#[derive(Debug, Clone, Default)]
pub(crate) struct Header {
    /// The decks and the mode ("capitals · review").
    pub title: String,
    pub position: usize,
    pub total: usize,
    pub counts: Counts,
    pub spent: Duration,
    /// The card at `position` has been answered (its verdict is on screen): the progress
    /// bar counts it, as the counts do.
    pub answered: bool,
}

/// The answer line: what is typed so far and where the cursor stands in it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Field {
    pub value: String,
    pub cursor: usize,
    /// Columns the value is scrolled by, so the cursor stays in view; `cursor` is in
    /// columns too.
    pub scroll: usize,
}

/// One screen's worth of content below the header.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub body: Vec<Line<'static>>,
    /// The first line of `body` that must stay in view when it is too tall (the verdict,
    /// under a question the learner has just answered).
    pub pin: usize,
    /// Lines the learner has scrolled down by (↓).
    pub offset: usize,
    pub field: Option<Field>,
    /// The keys that work now: (key, what it does).
    pub keys: Vec<(String, String)>,
    /// How to show the page when `body` is too tall, instead of scrolling it whole.
    pub compact: Option<Compact>,
    /// A warning said during the session, on its own line above the answer field.
    pub status: Option<String>,
}

/// A verdict too tall for the screen: the question's first row (cut, with `…`) and the
/// verdict's lines stay in view, and what is under them — the explanation, the hint, the
/// messages — scrolls; a foot, if any, stays under that. Each part as unwrapped lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compact {
    pub question: Vec<Line<'static>>,
    /// The lines held in view under the question, in order.
    pub held: Vec<Line<'static>>,
    /// How many of `held` stay in view whatever the room (the verdict, the answers); the
    /// others go to the scrolling part on a screen too low for them.
    pub must: usize,
    pub rest: Vec<Line<'static>>,
    /// Lines held at the bottom, under what scrolls (the grades of a flip card).
    pub foot: Vec<Line<'static>>,
}

const PROMPT: &str = "> ";

/// Draws `page`; true when part of its card is out of view below (the learner can scroll
/// with ↓, and the key bar says so).
pub(crate) fn draw(frame: &mut Frame<'_>, header: &Header, page: &Page, palette: &Palette) -> bool {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "The terminal is too small: quiz needs {MIN_WIDTH}×{MIN_HEIGHT}, this one is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return false;
    }
    let more = || ("↓↑".to_string(), "more".to_string());
    let mut keys = page.keys.clone();
    let mut layout = Areas::new(area, page, &keys, palette);
    let width = usize::from(layout.body.width);
    let lines: Vec<Line<'static>> = page
        .body
        .iter()
        .flat_map(|line| wrap(line, width))
        .collect();
    let mut compact = None;
    if lines.len() > usize::from(layout.body.height) {
        keys.insert(0, more());
        layout = Areas::new(area, page, &keys, palette);
        if let Some(held) = &page.compact {
            compact = arrange(held, width, usize::from(layout.body.height));
            // What is held in view may leave room for all the rest: then nothing scrolls.
            if let Some(arranged) = &compact
                && arranged.rows() <= usize::from(layout.body.height)
            {
                keys.remove(0);
                layout = Areas::new(area, page, &keys, palette);
                compact = arrange(held, width, usize::from(layout.body.height)).or(compact);
            }
        }
    }
    draw_header(frame, header, palette, layout.top, layout.counts);
    frame.render_widget(
        Paragraph::new("─".repeat(usize::from(area.width))).style(palette.dim()),
        layout.rule,
    );
    let hidden_below = match compact {
        Some(Arranged { top, rest, foot }) => {
            let height = |lines: &[Line<'static>]| u16::try_from(lines.len()).unwrap_or(u16::MAX);
            let [top_area, rest_area, foot_area] = Layout::vertical([
                Constraint::Length(height(&top)),
                Constraint::Min(0),
                Constraint::Length(height(&foot)),
            ])
            .areas(layout.body);
            frame.render_widget(Paragraph::new(Text::from(top)), top_area);
            frame.render_widget(Paragraph::new(Text::from(foot)), foot_area);
            scrolled(frame, rest, 0, page.offset, rest_area)
        }
        None => {
            let before_pin: usize = page.body[..page.pin.min(page.body.len())]
                .iter()
                .map(|line| wrap(line, width).len())
                .sum();
            scrolled(frame, lines, before_pin, page.offset, layout.body)
        }
    };
    let keys = key_bar(&keys, palette, area.width);
    frame.render_widget(
        Paragraph::new(Text::from(status_lines(page, palette, area.width))),
        layout.status,
    );
    if let Some(value) = &page.field {
        draw_field(frame, value, palette, layout.field);
    }
    frame.render_widget(Paragraph::new(Text::from(keys)), layout.bar);
    hidden_below
}

/// Draws `lines` in `area`, scrolled; true when some are still out of view below. A card
/// taller than the room scrolls, but on its own never past its pinned line (`before_pin`
/// rows down): the verdict under a long question matters more than the question's first
/// lines. The learner's own scrolling (`offset`) goes on from there, down to the last line.
fn scrolled(
    frame: &mut Frame<'_>,
    lines: Vec<Line<'static>>,
    before_pin: usize,
    offset: usize,
    area: Rect,
) -> bool {
    let overflow = lines.len().saturating_sub(usize::from(area.height));
    let scroll = (overflow.min(before_pin) + offset).min(overflow);
    frame.render_widget(
        Paragraph::new(Text::from(lines)).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
    scroll < overflow
}

/// A [`Compact`] page laid out: the rows held at the top, those that scroll under them,
/// and those held at the bottom.
struct Arranged {
    top: Vec<Line<'static>>,
    rest: Vec<Line<'static>>,
    foot: Vec<Line<'static>>,
}

impl Arranged {
    fn rows(&self) -> usize {
        self.top.len() + self.rest.len() + self.foot.len()
    }
}

/// A page too tall for the screen, as [`Compact`] holds it, in rows of `width` for a body
/// `height` rows high. The held lines past [`Compact::must`] go to the scrolling part when
/// it would get no row; `None` when even the question's first row, the must lines and the
/// foot leave none. The question gets the rows the rest leaves over, its last one cut
/// with `…`.
fn arrange(compact: &Compact, width: usize, height: usize) -> Option<Arranged> {
    let rows = |lines: &[Line<'static>]| -> Vec<Line<'static>> {
        lines.iter().flat_map(|line| wrap(line, width)).collect()
    };
    let foot = rows(&compact.foot);
    let height = height.checked_sub(foot.len())?;
    let full = rows(&compact.question);
    let mut held = compact.held.len();
    while 1 + rows(&compact.held[..held]).len() >= height {
        if held <= compact.must {
            return None;
        }
        held -= 1;
    }
    let held_rows = rows(&compact.held[..held]);
    let rest_lines: Vec<Line<'static>> = compact.held[held..]
        .iter()
        .chain(&compact.rest)
        .cloned()
        .collect();
    let rest = rows(&rest_lines);
    // A blank line between the question and the verdict where it costs no row of the rest.
    let blank = 1 + 1 + held_rows.len() + rest.len().min(2) <= height;
    let spare = height.saturating_sub(1 + usize::from(blank) + held_rows.len() + rest.len());
    let mut top = if full.len() <= 1 + spare {
        full
    } else {
        // Cut at a word, with room for the mark that says the question goes on.
        let mut cut: Vec<Line<'static>> = compact
            .question
            .iter()
            .flat_map(|line| wrap(line, width.saturating_sub(1)))
            .take(1 + spare)
            .collect();
        if let Some(last) = cut.last_mut().and_then(|line| line.spans.last_mut()) {
            last.content = format!("{}…", last.content.trim_end()).into();
        }
        cut
    };
    if blank {
        top.push(Line::default());
    }
    top.extend(held_rows);
    Some(Arranged { top, rest, foot })
}

/// Where each part of the screen goes.
struct Areas {
    top: Rect,
    counts: Rect,
    rule: Rect,
    body: Rect,
    status: Rect,
    field: Rect,
    bar: Rect,
}

/// The status line's rows: the warning wrapped, at most two rows of it.
fn status_lines(page: &Page, palette: &Palette, width: u16) -> Vec<Line<'static>> {
    let Some(status) = &page.status else {
        return Vec::new();
    };
    let mut lines = wrap(
        &Line::from(Span::styled(status.clone(), palette.fg(Color::Yellow))),
        usize::from(width),
    );
    lines.truncate(2);
    lines
}

impl Areas {
    fn new(area: Rect, page: &Page, keys: &[(String, String)], palette: &Palette) -> Areas {
        let keys_height = u16::try_from(key_bar(keys, palette, area.width).len())
            .unwrap_or(1)
            .clamp(1, 3);
        let field_height = u16::from(page.field.is_some());
        let status_height =
            u16::try_from(status_lines(page, palette, area.width).len()).unwrap_or(2);
        // A blank line above the key bar only where there is room for it.
        let spacer = u16::from(area.height >= 16);
        let [top, counts, rule, body, status, field, _, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(status_height),
            Constraint::Length(field_height),
            Constraint::Length(spacer),
            Constraint::Length(keys_height),
        ])
        .areas(area);
        Areas {
            top,
            counts,
            rule,
            body,
            status,
            field,
            bar,
        }
    }
}

fn draw_header(frame: &mut Frame<'_>, header: &Header, palette: &Palette, top: Rect, row: Rect) {
    let right = format!(
        "{}/{} · {}",
        header.position,
        header.total,
        format_duration(header.spent)
    );
    let right_width = u16::try_from(right.chars().count()).unwrap_or(u16::MAX);
    let [title, place] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width + 1)]).areas(top);
    frame.render_widget(
        Paragraph::new(Span::styled(header.title.clone(), palette.bold())),
        title,
    );
    frame.render_widget(Paragraph::new(right).right_aligned(), place);

    let counts = &header.counts;
    let line = Line::from(vec![
        Span::styled(format!("new {}", counts.new), palette.fg(Color::Blue)),
        Span::raw(" · "),
        Span::styled(
            format!("learning {}", counts.learning),
            palette.fg(Color::Red),
        ),
        Span::raw(" · "),
        Span::styled(format!("due {}", counts.due), palette.fg(Color::Green)),
    ]);
    let counts_width = u16::try_from(line.width()).unwrap_or(u16::MAX);
    let [left, gauge] =
        Layout::horizontal([Constraint::Length(counts_width + 2), Constraint::Min(0)]).areas(row);
    frame.render_widget(Paragraph::new(line), left);
    let done = header
        .position
        .saturating_sub(usize::from(!header.answered));
    let ratio = if header.total == 0 {
        0.0
    } else {
        (done as f64 / header.total as f64).clamp(0.0, 1.0)
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .label("")
            .filled_symbol("━")
            .unfilled_symbol("─")
            .filled_style(palette.fg(Color::Green))
            .unfilled_style(palette.dim()),
        gauge,
    );
}

fn draw_field(frame: &mut Frame<'_>, field: &Field, palette: &Palette, area: Rect) {
    // tui-input scrolls and places the cursor in columns, so a wide letter counts twice.
    let mut skipped = 0;
    let visible: String = field
        .value
        .chars()
        .skip_while(|c| {
            let skip = skipped < field.scroll;
            skipped += c.width().unwrap_or(0);
            skip
        })
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(PROMPT, palette.bold()),
            Span::raw(visible),
        ])),
        area,
    );
    let column = PROMPT.len() + field.cursor.saturating_sub(field.scroll);
    let x = area
        .x
        .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
        .min(area.right().saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}

/// The width left for the answer's text after the prompt.
pub(crate) fn field_width(screen_width: u16) -> usize {
    usize::from(screen_width).saturating_sub(PROMPT.len() + 1)
}

/// The keys, as many to a line as fit, never one split across two lines.
fn key_bar(keys: &[(String, String)], palette: &Palette, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines: Vec<Line<'static>> = vec![Line::default()];
    for (key, action) in keys {
        let item_width = key.width() + 1 + action.width();
        let line = lines.last().map_or(0, Line::width);
        if line > 0 && line + 3 + item_width > width {
            lines.push(Line::default());
        }
        if let Some(line) = lines.last_mut() {
            if line.width() > 0 {
                line.push_span(Span::styled(" · ", palette.dim()));
            }
            line.push_span(Span::styled(key.clone(), palette.bold()));
            line.push_span(Span::styled(format!(" {action}"), palette.dim()));
        }
    }
    lines
}

/// How far a line's continuation is indented: under its text after its label (a first
/// span ending in a space, as in `  answer    Paris`) or its bullet (`  - `), else under
/// its own first letter.
fn hang(line: &Line<'_>) -> usize {
    let text: String = line
        .spans
        .iter()
        .map(|span| span.content.as_ref())
        .collect();
    let trimmed = text.trim_start_matches(' ');
    let bullet = if trimmed.starts_with("- ") { 2 } else { 0 };
    let indent = text.len() - trimmed.len() + bullet;
    match line.spans.as_slice() {
        [label, _, ..] if label.content.ends_with(' ') => label.width().max(indent),
        _ => indent,
    }
}

/// `line` wrapped to `width` columns at word boundaries, styles kept, continuation lines
/// indented by [`hang`]; a word wider than the room is cut where the room ends.
pub(crate) fn wrap(line: &Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.width() <= width || width == 0 {
        return vec![line.clone()];
    }
    let hang = hang(line).min(width / 2);
    // Words and the spaces between them, each with its span's style.
    let mut pieces: Vec<(String, Style, bool)> = Vec::new();
    for span in &line.spans {
        let mut word = String::new();
        let mut blank = false;
        for c in span.content.chars() {
            let is_blank = c == ' ';
            if !word.is_empty() && is_blank != blank {
                pieces.push((std::mem::take(&mut word), span.style, blank));
            }
            blank = is_blank;
            word.push(c);
        }
        if !word.is_empty() {
            pieces.push((word, span.style, blank));
        }
    }
    let mut lines: Vec<Line<'static>> = vec![Line::default()];
    let mut used = 0;
    let mut fresh = false;
    for (text, style, blank) in pieces {
        let text_width = text.width();
        if used + text_width > width && used > 0 && !(fresh && used == hang) {
            if blank {
                // The space at a break is dropped, not carried to the next line.
                lines.push(Line::from(" ".repeat(hang)));
                used = hang;
                fresh = true;
                continue;
            }
            lines.push(Line::from(" ".repeat(hang)));
            used = hang;
            fresh = true;
        }
        if blank && fresh && used == hang {
            continue;
        }
        let mut rest = text.as_str();
        while used + rest.width() > width {
            // A word wider than a line: cut it at the room left.
            let mut cut = 0;
            let mut cut_width = 0;
            for (at, c) in rest.char_indices() {
                let w = c.width().unwrap_or(0);
                if used + cut_width + w > width {
                    break;
                }
                cut = at + c.len_utf8();
                cut_width += w;
            }
            if cut == 0 {
                break;
            }
            if let Some(line) = lines.last_mut() {
                line.push_span(Span::styled(rest[..cut].to_string(), style));
            }
            rest = &rest[cut..];
            lines.push(Line::from(" ".repeat(hang)));
            used = hang;
        }
        if !rest.is_empty() {
            if let Some(line) = lines.last_mut() {
                line.push_span(Span::styled(rest.to_string(), style));
            }
            used += rest.width();
            fresh = false;
        }
    }
    for line in &mut lines {
        // The space a break fell after is not part of the line.
        let count = line.spans.len();
        if let Some(last) = line.spans.last_mut() {
            let trimmed = last.content.trim_end_matches(' ').to_string();
            if trimmed.is_empty() && count > 1 {
                line.spans.pop();
            } else {
                last.content = trimmed.into();
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn screen(width: u16, height: u16, page: &Page) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let header = Header {
            title: "capitals · review".into(),
            position: 3,
            total: 12,
            counts: Counts {
                new: 4,
                learning: 1,
                due: 5,
            },
            spent: Duration::from_secs(75),
            answered: false,
        };
        terminal
            .draw(|frame| {
                draw(frame, &header, page, &Palette { color: false });
            })
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn words_wrap_whole_and_the_keys_fit_at_forty_columns() {
        let page = Page {
            pin: 0,
            offset: 0,
            compact: None,
            status: None,
            body: vec![Line::from(
                "Who led the Communist Party of the Soviet Union after Stalin died?",
            )],
            field: Some(Field {
                value: "khru".into(),
                cursor: 4,
                scroll: 0,
            }),
            keys: vec![
                ("Enter".into(), "answer".into()),
                ("?".into(), "hint".into()),
                ("Esc".into(), "quit".into()),
            ],
        };
        let lines = screen(40, 12, &page);
        assert_eq!(
            lines,
            [
                "capitals · review           3/12 · 1m15s",
                "new 4 · learning 1 · due 5   ━──────────",
                "────────────────────────────────────────",
                "Who led the Communist Party of the",
                "Soviet Union after Stalin died?",
                "",
                "",
                "",
                "",
                "",
                "> khru",
                "Enter answer · ? hint · Esc quit",
            ]
        );
    }

    #[test]
    fn continuation_lines_hang_under_the_text_and_words_stay_whole() {
        let text = |lines: Vec<Line<'static>>| -> Vec<String> {
            lines.iter().map(|line| line.to_string()).collect()
        };
        let line = Line::from(vec![
            Span::raw("  answer    "),
            Span::raw("the Communist Party of the Soviet Union"),
        ]);
        assert_eq!(
            text(wrap(&line, 30)),
            [
                "  answer    the Communist",
                "            Party of the",
                "            Soviet Union",
            ]
        );
        let line = Line::from("  He became First Secretary in September 1953.");
        assert_eq!(
            text(wrap(&line, 20)),
            ["  He became First", "  Secretary in", "  September 1953."]
        );
        let line = Line::from("  - In which city did the events take place?");
        assert_eq!(
            text(wrap(&line, 24)),
            ["  - In which city did", "    the events take", "    place?"]
        );
        let line = Line::from("Antidisestablishmentarianism");
        assert_eq!(
            text(wrap(&line, 10)),
            ["Antidisest", "ablishment", "arianism"]
        );
    }

    #[test]
    fn a_compact_verdict_gives_up_its_optional_lines_before_its_answers() {
        let text = |lines: &[Line<'static>]| -> Vec<String> {
            lines.iter().map(|line| line.to_string()).collect()
        };
        let compact = Compact {
            question: vec![Line::from("Who led the Soviet Union after Stalin?")],
            held: [
                "wrong",
                "  you typed Lenin",
                "  answer    Khrushchev",
                "  next: tomorrow",
            ]
            .map(Line::from)
            .to_vec(),
            must: 3,
            rest: vec![Line::from("  He became First Secretary in 1953.")],
            foot: Vec::new(),
        };
        let Arranged { top, rest, .. } = arrange(&compact, 24, 5).expect("room for the answers");
        assert_eq!(
            text(&top),
            [
                "Who led the Soviet…",
                "wrong",
                "  you typed Lenin",
                "  answer    Khrushchev"
            ]
        );
        assert_eq!(text(&rest)[0], "  next: tomorrow");
        // With no row left for the rest, the page scrolls whole, as any other.
        assert!(arrange(&compact, 24, 4).is_none());
        // Rows the rest leaves over go to the question.
        let Arranged { top, rest, .. } = arrange(&compact, 24, 9).expect("room");
        assert_eq!(
            text(&top[..3]),
            ["Who led the Soviet Union", "after Stalin?", ""],
            "{:?}",
            text(&top)
        );
        assert_eq!(top.len() + rest.len(), 9);
        // A foot takes its rows first.
        let footed = Compact {
            foot: vec![Line::from("How well did you know it?")],
            ..compact
        };
        let arranged = arrange(&footed, 30, 6).expect("room");
        assert_eq!(text(&arranged.foot), ["How well did you know it?"]);
        assert_eq!((arranged.top.len(), arranged.rest.len()), (4, 3));
        assert!(arrange(&footed, 30, 5).is_none());
    }

    #[test]
    fn a_warning_has_its_own_line_above_the_answer_field() {
        let page = Page {
            body: vec![Line::from("Capital of France?")],
            field: Some(Field::default()),
            keys: vec![("Enter".into(), "answer".into())],
            status: Some("quiz: warning: sync folder /mnt/usb is not there".into()),
            ..Page::default()
        };
        let lines = screen(40, 12, &page);
        assert_eq!(
            lines[3..],
            [
                "Capital of France?",
                "",
                "",
                "",
                "",
                "quiz: warning: sync folder /mnt/usb is",
                "not there",
                ">",
                "Enter answer",
            ]
        );
    }

    #[test]
    fn below_forty_by_twelve_it_says_the_terminal_is_too_small() {
        let lines = screen(39, 12, &Page::default());
        assert_eq!(lines[0], "The terminal is too small: quiz needs");
        assert_eq!(lines[1], "40×12, this one is 39×12.");
    }
}
