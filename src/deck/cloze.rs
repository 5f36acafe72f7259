//! Cloze text: `{{gap}}` markers, one card per gap. The cards of a cloze share one
//! [`Cloze`]: each card's question is built from it when shown, so a cloze of N gaps holds
//! its text once, not N times.

use std::ops::Range;

/// The most gaps a cloze may have (E017): each is a card of its own, asked with the
/// whole text, and no text a learner reads in one go needs more.
pub(crate) const MAX_GAPS: usize = 200;

/// A cloze text and its gaps, shared by the cards of its gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cloze {
    pub text: String,
    pub gaps: Vec<Gap>,
}

impl Cloze {
    /// The text as asked for gap `index`: see [`prompt`].
    pub(crate) fn prompt(&self, index: usize) -> String {
        prompt(&self.text, &self.gaps, index)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Byte range of the whole marker, braces included, in the cloze text.
    pub range: Range<usize>,
    pub answer: String,
    /// `{{answer::hint}}` gives a hint shown in place of the blank.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ClozeError {
    NoGaps,
    Empty(Range<usize>),
    Unbalanced(Range<usize>),
}

pub(crate) fn gaps(text: &str) -> Result<Vec<Gap>, ClozeError> {
    let mut found = Vec::new();
    let mut rest = 0;
    while rest < text.len() {
        let open = text[rest..].find("{{").map(|i| i + rest);
        let close = text[rest..].find("}}").map(|i| i + rest);
        match (open, close) {
            (None, None) => break,
            (None, Some(close)) => return Err(ClozeError::Unbalanced(close..close + 2)),
            (Some(open), Some(close)) if close < open => {
                return Err(ClozeError::Unbalanced(close..close + 2));
            }
            (Some(open), None) => return Err(ClozeError::Unbalanced(open..open + 2)),
            (Some(open), Some(close)) => {
                let inner = &text[open + 2..close];
                if inner.contains("{{") {
                    return Err(ClozeError::Unbalanced(open..open + 2));
                }
                let (answer, hint) = match inner.split_once("::") {
                    Some((answer, hint)) => (answer, Some(hint.trim().to_string())),
                    None => (inner, None),
                };
                let range = open..close + 2;
                if answer.trim().is_empty() {
                    return Err(ClozeError::Empty(range));
                }
                found.push(Gap {
                    range,
                    answer: answer.trim().to_string(),
                    hint: hint.filter(|h| !h.is_empty()),
                });
                rest = close + 2;
            }
        }
    }
    if found.is_empty() {
        return Err(ClozeError::NoGaps);
    }
    Ok(found)
}

/// The text as asked for gap `index`: that gap blanked, every other gap filled in.
pub(crate) fn prompt(text: &str, gaps: &[Gap], index: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (i, gap) in gaps.iter().enumerate() {
        out.push_str(&text[last..gap.range.start]);
        if i == index {
            match &gap.hint {
                Some(hint) => out.push_str(&format!("[{hint}]")),
                None => out.push_str("[...]"),
            }
        } else {
            out.push_str(&gap.answer);
        }
        last = gap.range.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_gaps_and_blanks_one_at_a_time() {
        let text = "It began the {{Khrushchev Thaw}} in {{1956::year}}.";
        let found = gaps(text).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].hint.as_deref(), Some("year"));
        assert_eq!(prompt(text, &found, 0), "It began the [...] in 1956.");
        assert_eq!(
            prompt(text, &found, 1),
            "It began the Khrushchev Thaw in [year]."
        );
    }

    #[test]
    fn reports_each_mistake_with_its_place() {
        assert_eq!(gaps("no gaps here"), Err(ClozeError::NoGaps));
        assert_eq!(gaps("empty {{ }} gap"), Err(ClozeError::Empty(6..11)));
        assert_eq!(gaps("open {{gap"), Err(ClozeError::Unbalanced(5..7)));
        assert_eq!(gaps("close gap}}"), Err(ClozeError::Unbalanced(9..11)));
        assert_eq!(gaps("{{a {{b}}"), Err(ClozeError::Unbalanced(0..2)));
    }
}
