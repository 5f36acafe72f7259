//! Findings about a deck file or the settings file, and their rustc-style rendering.
//!
//! An author fixes a mistake fastest when the message points at the exact text, so every
//! finding carries a byte span into the file and is drawn with annotate-snippets.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::deck::codes::Code;
use crate::escape::escape_control;
use crate::ui::format::plural;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the deck file the finding is about.
    pub span: Range<usize>,
    /// Short text under the caret.
    pub label: String,
    /// Other places that explain the finding (the first of two duplicate ids, say).
    pub related: Vec<(Range<usize>, String)>,
}

impl Finding {
    pub(crate) fn error(code: Code, span: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            related: Vec::new(),
        }
    }

    pub(crate) fn warning(code: Code, span: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, span, message)
        }
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Finding {
        self.label = label.into();
        self
    }

    pub(crate) fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Finding {
        self.related.push((span, label.into()));
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How many findings of one file are drawn, in `quiz check` and where a command cannot use a
/// deck (a session skips it, `quiz add` refuses it); the rest are counted ("… and 980 more errors") and `quiz check --format json` lists them
/// all. Twenty fill a screen or two: enough to see what is wrong, and a file with thousands
/// of mistakes (a key misspelt on every card) is not drawn in full.
pub(crate) const SHOWN_PER_FILE: usize = 20;

/// 1-based line and column (in characters) of a byte offset, counted from the start of the
/// file: for one offset. [`Source::line_col`] places many in one file without rescanning it.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while offset > 0 && !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Bytes between two entries of [`Source`]'s character counts.
const CHARS_EVERY: usize = 64;

/// A file's text with what places an offset in it, built once in one pass: where each line
/// starts, and how many characters come before every [`CHARS_EVERY`]th byte. Each finding is
/// then placed by a binary search and a short count, and drawn from its own lines, so a file
/// with thousands of findings costs findings + file size, not their product (each finding
/// re-reading the whole file made 8,000 findings take most of a minute).
pub(crate) struct Source<'a> {
    path: &'a str,
    text: &'a str,
    /// Byte offset of the first byte of each line; the first is 0.
    line_starts: Vec<usize>,
    /// `chars_before[i]`: characters in `text[..i * CHARS_EVERY]`.
    chars_before: Vec<usize>,
}

impl<'a> Source<'a> {
    /// `path` is how messages name the file.
    pub(crate) fn new(path: &'a str, text: &'a str) -> Source<'a> {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter_map(|(i, &b)| (b == b'\n').then_some(i + 1)),
        );
        let mut chars_before = Vec::with_capacity(bytes.len() / CHARS_EVERY + 1);
        let mut chars = 0;
        for chunk in bytes.chunks(CHARS_EVERY) {
            chars_before.push(chars);
            chars += count_chars(chunk);
        }
        chars_before.push(chars);
        Source {
            path,
            text,
            line_starts,
            chars_before,
        }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_col`] gives it.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let column = self.chars_to(offset) - self.chars_to(self.line_starts[line - 1]) + 1;
        (line, column)
    }

    /// 1-based line that holds the byte at `offset` (a line's `\n` is its last byte).
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Characters before `offset`, a character boundary.
    fn chars_to(&self, offset: usize) -> usize {
        let chunk = offset / CHARS_EVERY;
        self.chars_before[chunk] + count_chars(&self.text.as_bytes()[chunk * CHARS_EVERY..offset])
    }

    /// Draws a finding the way rustc draws its errors: header, `--> path:line:col`, the
    /// line, a caret.
    ///
    /// annotate-snippets is given only the lines from the first annotated one to the last,
    /// numbered as in the file: it draws no other line, and it reads all it is given (a
    /// whole file per finding was the quadratic cost). The lines are those that hold the
    /// bytes annotate-snippets looks up: each span's start and end, and, for a span at the
    /// end of the file, the file's last line, where it draws that span; and the line before.
    pub(crate) fn render(&self, finding: &Finding, styled: bool) -> String {
        let len = self.text.len();
        let spans = std::iter::once(&finding.span).chain(finding.related.iter().map(|(s, _)| s));
        let first = spans.clone().map(|s| s.start.min(len)).min().unwrap_or(0);
        let last = spans
            .map(|s| s.start.max(s.end).min(len))
            .max()
            .unwrap_or(0);
        // One line more than needed is given before the first one: annotate-snippets sizes
        // the gutter for the last line number it counts up to the last span's end, not
        // counting a trailing line end, so a span at the start of line 10 gets the gutter
        // of line 9 — and the drawing must stay the one a whole file gives.
        let first_line = self
            .line_of(first.min(len.saturating_sub(1)))
            .saturating_sub(1)
            .max(1);
        let start = self.line_starts[first_line - 1];
        let end = self
            .line_starts
            .get(self.line_of(last))
            .copied()
            .unwrap_or(len);
        // Control characters in the file must not reach the terminal; replacing each byte
        // keeps the spans valid.
        let safe_source = neutralise_controls(&self.text[start..end]);
        let safe_path = escape_control(self.path);
        // Spans are clamped to character boundaries of the text annotate-snippets draws.
        let in_snippet = |span: &Range<usize>| {
            let from = |offset: usize| offset.min(len).saturating_sub(start);
            clamp(&safe_source, &(from(span.start)..from(span.end)))
        };
        let mut snippet = Snippet::source(safe_source.as_str())
            .path(safe_path.as_str())
            .line_start(first_line)
            .annotation(
                AnnotationKind::Primary
                    .span(in_snippet(&finding.span))
                    .label(finding.label.as_str()),
            );
        for (related, label) in &finding.related {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(in_snippet(related))
                    .label(label.as_str()),
            );
        }
        let level = match finding.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape_control(&finding.message);
        let report: &[Group<'_>] = &[level
            .primary_title(message.as_str())
            .id(finding.code.name())
            .element(snippet)];
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(report)
    }
}

/// Characters whose first byte is in `bytes`: every byte that does not continue one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// `path:line:col: severity[code]: message`, one line, for logs and the session's warnings.
pub(crate) fn one_line(path: &str, source: &str, finding: &Finding) -> String {
    let (line, column) = line_col(source, finding.span.start);
    format!(
        "{}:{line}:{column}: {}[{}]: {}",
        escape_control(path),
        finding.severity.name(),
        finding.code,
        escape_control(&finding.message)
    )
}

/// A file's errors as a command that cannot use the file shows them, one string to print
/// each: the first [`SHOWN_PER_FILE`] drawn, then a line counting the others.
pub(crate) fn render_errors(
    path: &str,
    text: &str,
    findings: &[Finding],
    styled: bool,
) -> Vec<String> {
    let source = Source::new(path, text);
    let mut errors = findings.iter().filter(|f| f.is_error());
    let mut lines: Vec<String> = errors
        .by_ref()
        .take(SHOWN_PER_FILE)
        .map(|finding| source.render(finding, styled))
        .collect();
    let more = errors.count();
    if more > 0 {
        lines.push(format!(
            "… and {more} more {}; run `quiz check {}`",
            if more == 1 { "error" } else { "errors" },
            escape_control(path)
        ));
    }
    lines
}

/// Draws one finding (see [`Source::render`]); to draw several of a file, build its
/// [`Source`] once.
pub(crate) fn render(path: &str, source: &str, finding: &Finding, styled: bool) -> String {
    Source::new(path, source).render(finding, styled)
}

fn clamp(source: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
    start..end
}

fn neutralise_controls(source: &str) -> String {
    // One string, no allocation per character: a long line is drawn as often as it has
    // findings shown.
    let mut safe = String::with_capacity(source.len());
    for c in source.chars() {
        // One `?` per byte keeps every span's offsets; bidi marks go too (crate::escape).
        if crate::escape::is_unsafe(c) && c != '\n' && c != '\t' && c != '\r' {
            safe.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            safe.push(c);
        }
    }
    safe
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    label: &'a str,
}

/// The line after the first [`SHOWN_PER_FILE`] findings of a file, counting the others.
pub(crate) fn more_line(display: &str, hidden: &[Finding]) -> String {
    let errors = hidden.iter().filter(|f| f.is_error()).count();
    let warnings = hidden.len() - errors;
    let noun = |count: usize, noun: &str| {
        if count == 1 {
            noun.to_string()
        } else {
            format!("{noun}s")
        }
    };
    let count = hidden.len();
    let display = escape_control(display);
    let what = match (errors, warnings) {
        (_, 0) => format!("{count} more {} in {display}", noun(count, "error")),
        (0, _) => format!("{count} more {} in {display}", noun(count, "warning")),
        _ => format!(
            "{count} more findings in {display} ({}, {})",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    };
    format!("… and {what}; `quiz check --format json {display}` lists them all")
}

/// One finding as a JSON line (`quiz check --format json`), with its start and end.
pub(crate) fn json_line(
    source: &Source<'_>,
    display: &str,
    finding: &Finding,
) -> serde_json::Result<String> {
    let (line, column) = source.line_col(finding.span.start);
    let (end_line, end_column) = source.line_col(finding.span.end);
    let json = serde_json::to_string(&JsonFinding {
        code: finding.code.name(),
        severity: finding.severity.name(),
        path: display,
        line,
        column,
        end_line,
        end_column,
        message: &finding.message,
        label: &finding.label,
    })?;
    Ok(crate::escape::json(&json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse::{Parsed, parse_deck};
    use crate::deck::{DeckId, Origin};

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let source = "a = 1\nb = \"ü\" x\n";
        assert_eq!(line_col(source, 0), (1, 1));
        assert_eq!(line_col(source, 6), (2, 1));
        let x = source.find('x').unwrap();
        assert_eq!(line_col(source, x), (2, 9));
    }

    #[test]
    fn source_places_offsets_as_line_col_does() {
        let text = "a = 1\r\nb = \"ü😀\" x\n\n\u{85}é\n".repeat(9) + &"ü".repeat(100);
        let source = Source::new("t.toml", &text);
        for offset in 0..text.len() + 3 {
            assert_eq!(source.line_col(offset), line_col(&text, offset), "{offset}");
        }
        let empty = Source::new("t.toml", "");
        assert_eq!(empty.line_col(0), (1, 1));
        assert_eq!(empty.line_col(5), (1, 1));
    }

    /// The drawing as it was made before [`Source::render`]: from the whole file.
    fn render_whole(path: &str, source: &str, finding: &Finding, styled: bool) -> String {
        let safe_source = neutralise_controls(source);
        let safe_path = escape_control(path);
        let mut snippet = Snippet::source(safe_source.as_str())
            .path(safe_path.as_str())
            .line_start(1)
            .annotation(
                AnnotationKind::Primary
                    .span(clamp(&safe_source, &finding.span))
                    .label(finding.label.as_str()),
            );
        for (related, label) in &finding.related {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(clamp(&safe_source, related))
                    .label(label.as_str()),
            );
        }
        let level = match finding.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape_control(&finding.message);
        let report: &[Group<'_>] = &[level
            .primary_title(message.as_str())
            .id(finding.code.name())
            .element(snippet)];
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(report)
    }

    #[test]
    fn drawing_from_the_finding_lines_is_drawing_from_the_whole_file() {
        let mut compared = 0;
        let broken = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
        for entry in std::fs::read_dir(broken).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let source = Source::new("b.toml", &text);
            for finding in &parse(&text).findings {
                for styled in [false, true] {
                    assert_eq!(
                        source.render(finding, styled),
                        render_whole("b.toml", &text, finding, styled),
                        "{text}\n{finding:?}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "{compared}");

        // Random spans, empty, inverted and past the end too, over lines of every kind.
        let pieces = [
            "a = 1",
            "\n",
            "\n",
            "\r\n",
            "é",
            "😀",
            "\u{85}",
            "\u{1b}[31m",
            "\t",
            "  ",
            "",
            "[[cards]]",
            "{",
            "}",
            "// c",
            "x = \"long line that goes on\"",
        ];
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        for round in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(60) {
                text.push_str(pieces[next(pieces.len())]);
            }
            if round % 5 == 0 {
                text.push_str(&"w".repeat(200));
            }
            let mut span = || {
                let start = next(text.len() + 3);
                let end = if next(4) == 0 {
                    next(text.len() + 3)
                } else {
                    start + next(30)
                };
                start..end
            };
            let mut finding = Finding::error(Code::WrongType, span(), "bad").label("here");
            let related = [span(), span()];
            for span in related.into_iter().take(round % 3) {
                finding = finding.related(span, "there");
            }
            let styled = round % 2 == 0;
            assert_eq!(
                Source::new("r.toml", &text).render(&finding, styled),
                render_whole("r.toml", &text, &finding, styled),
                "{text:?}\n{finding:?}"
            );
        }
    }

    #[test]
    fn render_points_at_the_span() {
        let source = "title = \"t\"\nanwser = 1\n";
        let finding = Finding::error(Code::UnknownField, 12..18, "unknown field `anwser`")
            .label("unknown field");
        let text = render("deck.toml", source, &finding, false);
        assert!(
            text.contains("error[E002]: unknown field `anwser`"),
            "{text}"
        );
        assert!(text.contains("--> deck.toml:2:1"), "{text}");
        assert!(text.contains("anwser = 1"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
    }

    #[test]
    fn control_characters_in_the_file_are_not_printed() {
        let source = "title = \"\u{1b}[31mred\"\n";
        let finding = Finding::error(Code::WrongType, 0..5, "bad");
        let text = render("deck.toml", source, &finding, false);
        assert!(!text.contains('\u{1b}'));
    }

    /// A deck file's findings, as `quiz check` finds them.
    fn parse(source: &str) -> Parsed {
        parse_deck(DeckId("t".into()), source, Origin::Bundled)
    }

    #[test]
    fn render_draws_header_place_line_and_caret() {
        let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanwser = \"A\"\n";
        let parsed = parse(source);
        let finding = parsed
            .findings
            .iter()
            .find(|f| f.code == Code::UnknownField)
            .unwrap();
        let expected = "\
error[E002]: unknown card field `anwser`; allowed fields are id, kind, question, answer, accept, choices, cloze, explain, hint, tags, reverse, case_sensitive, exact, transliterate
 --> t.toml:4:1
  |
4 | anwser = \"A\"
  | ^^^^^^ did you mean `answer`?";
        assert_eq!(render("t.toml", source, finding, false), expected);
    }

    #[test]
    fn render_shows_the_related_place() {
        let source = "[[cards]]\nid = \"a\"\nquestion = \"Q1?\"\nanswer = \"A\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Q2?\"\nanswer = \"B\"\n";
        let parsed = parse(source);
        let expected = "\
error[E011]: duplicate card id `a`
 --> t.toml:7:6
  |
2 | id = \"a\"
  |      --- first used here
...
7 | id = \"a\"
  |      ^^^ used again here";
        assert_eq!(
            render("t.toml", source, &parsed.findings[0], false),
            expected
        );
    }
}
