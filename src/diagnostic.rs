//! Findings about a deck file or the settings file, and their rustc-style rendering.
//!
//! An author fixes a mistake fastest when the message points at the exact text, so every
//! finding carries a byte span into the file and is drawn with annotate-snippets.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::deck::codes::Code;
use crate::escape::escape_control;

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

/// 1-based line and column (in characters) of a byte offset.
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

/// Draws a finding the way rustc draws its errors: header, `--> path:line:col`, the line, a caret.
pub(crate) fn render(path: &str, source: &str, finding: &Finding, styled: bool) -> String {
    // Control characters in the file must not reach the terminal; replacing each byte keeps
    // the spans valid.
    let safe_source = neutralise_controls(source);
    let safe_path = escape_control(path);
    let span = clamp(&safe_source, &finding.span);
    let mut snippet = Snippet::source(safe_source.as_str())
        .path(safe_path.as_str())
        .line_start(1)
        .annotation(
            AnnotationKind::Primary
                .span(span)
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

fn clamp(source: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
    start..end
}

fn neutralise_controls(source: &str) -> String {
    source
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' && c != '\r' {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
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
error[E002]: unknown card field `anwser`; allowed fields are id, kind, question, answer, accept, choices, cloze, explain, hint, tags, reverse, case_sensitive, exact
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
