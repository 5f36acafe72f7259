//! Cloze text: `{{gap}}` markers, one card per gap, or Anki's numbered `{{c1::gap}}`
//! markers, one card per number: the gaps that share a number are blanked together and
//! asked as one several-part answer. The cards of a cloze share one [`Cloze`]: each card's
//! question is built from it when shown, so a cloze of N gaps holds its text once, not N
//! times.

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

    /// The text the learner reads before and after gap `index`, the other gaps filled in;
    /// `None` for a numbered gap, whose card blanks its number's other gaps too.
    pub(crate) fn around(&self, index: usize) -> Option<(String, String)> {
        let gap = self.gaps.get(index).filter(|gap| gap.number.is_none())?;
        let filled = |range: std::ops::Range<usize>| {
            let mut out = String::new();
            let mut last = range.start;
            for other in self.gaps.iter().filter(|g| range.contains(&g.range.start)) {
                out.push_str(&self.text[last..other.range.start]);
                out.push_str(&other.answer);
                last = other.range.end;
            }
            out.push_str(&self.text[last..range.end]);
            out
        };
        Some((
            filled(0..gap.range.start),
            filled(gap.range.end..self.text.len()),
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Byte range of the whole marker, braces included, in the cloze text.
    pub range: Range<usize>,
    pub answer: String,
    /// `{{answer::hint}}` gives a hint shown in place of the blank.
    pub hint: Option<String>,
    /// `N` of Anki's `{{cN::answer}}`: the gaps with one number are one card.
    pub number: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ClozeError {
    NoGaps,
    Empty(Range<usize>),
    Unbalanced(Range<usize>),
    /// A gap numbered `c0`, or numbered and unnumbered gaps in one text (the marker that
    /// breaks the rule set by the first gap).
    Numbering(Range<usize>),
}

/// `N` and the length of `cN::` at the start of a gap's inside, when it is numbered.
pub(crate) fn gap_number(inner: &str) -> Option<(u32, usize)> {
    let rest = inner.strip_prefix('c')?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || !rest[digits..].starts_with("::") {
        return None;
    }
    // A number too long for u32 is no card number anyone means: read as 0, refused.
    let number = rest[..digits].parse::<u32>().unwrap_or(0);
    Some((number, 1 + digits + 2))
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
                let mut inner = &text[open + 2..close];
                if inner.contains("{{") {
                    return Err(ClozeError::Unbalanced(open..open + 2));
                }
                let number = gap_number(inner).map(|(number, len)| {
                    inner = &inner[len..];
                    number
                });
                let range = open..close + 2;
                let numbered = found.first().map(|first: &Gap| first.number.is_some());
                if number == Some(0) || numbered.is_some_and(|n| n != number.is_some()) {
                    return Err(ClozeError::Numbering(range));
                }
                let (answer, hint) = match inner.split_once("::") {
                    Some((answer, hint)) => (answer, Some(hint.trim().to_string())),
                    None => (inner, None),
                };
                if answer.trim().is_empty() {
                    return Err(ClozeError::Empty(range));
                }
                found.push(Gap {
                    range,
                    answer: answer.trim().to_string(),
                    hint: hint.filter(|h| !h.is_empty()),
                    number,
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

/// The cards of a cloze, each as the indices of its gaps in reading order, with the
/// number its id ends in: one card per gap numbered by position, or, for Anki's numbered
/// gaps, one card per number in increasing order.
pub(crate) fn cards(gaps: &[Gap]) -> Vec<(u32, Vec<usize>)> {
    let mut cards: Vec<(u32, Vec<usize>)> = Vec::new();
    for (i, gap) in gaps.iter().enumerate() {
        match gap.number {
            Some(number) => match cards.iter_mut().find(|(n, _)| *n == number) {
                Some((_, members)) => members.push(i),
                None => cards.push((number, vec![i])),
            },
            None => cards.push((u32::try_from(i + 1).unwrap_or(u32::MAX), vec![i])),
        }
    }
    cards.sort_by_key(|(number, _)| *number);
    cards
}

/// The text as asked for the card whose first gap is `index`: that gap blanked (with every
/// gap of the same number), every other gap filled in.
pub(crate) fn prompt(text: &str, gaps: &[Gap], index: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    let number = gaps.get(index).and_then(|gap| gap.number);
    for (i, gap) in gaps.iter().enumerate() {
        out.push_str(&text[last..gap.range.start]);
        if i == index || (number.is_some() && gap.number == number) {
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
    fn around_a_gap_is_the_text_read_beside_its_blank() {
        let text = "It began the {{Khrushchev Thaw}} in {{1956::year}}, in {{Moscow}}.";
        let cloze = Cloze {
            text: text.to_string(),
            gaps: gaps(text).unwrap(),
        };
        assert_eq!(
            cloze.around(1),
            Some((
                "It began the Khrushchev Thaw in ".into(),
                ", in Moscow.".into()
            ))
        );
        let numbered = "{{c1::Lenin}} and {{c1::Stalin}}";
        let cloze = Cloze {
            text: numbered.to_string(),
            gaps: gaps(numbered).unwrap(),
        };
        assert_eq!(cloze.around(0), None);
    }

    #[test]
    fn reports_each_mistake_with_its_place() {
        assert_eq!(gaps("no gaps here"), Err(ClozeError::NoGaps));
        assert_eq!(gaps("empty {{ }} gap"), Err(ClozeError::Empty(6..11)));
        assert_eq!(gaps("open {{gap"), Err(ClozeError::Unbalanced(5..7)));
        assert_eq!(gaps("close gap}}"), Err(ClozeError::Unbalanced(9..11)));
        assert_eq!(gaps("{{a {{b}}"), Err(ClozeError::Unbalanced(0..2)));
        assert_eq!(gaps("{{c1::a}} {{b}}"), Err(ClozeError::Numbering(10..15)));
        assert_eq!(gaps("{{a}} {{c1::b}}"), Err(ClozeError::Numbering(6..15)));
        assert_eq!(gaps("{{c0::a}}"), Err(ClozeError::Numbering(0..9)));
        assert_eq!(gaps("{{c1::}}"), Err(ClozeError::Empty(0..8)));
    }

    #[test]
    fn gaps_with_one_number_are_one_card() {
        let text = "{{c2::Italy}}: {{c1::Rome}} and {{c1::Milan::city}}.";
        let found = gaps(text).unwrap();
        assert_eq!(found[2].answer, "Milan");
        assert_eq!(found[2].hint.as_deref(), Some("city"));
        assert_eq!(cards(&found), vec![(1, vec![1, 2]), (2, vec![0])]);
        assert_eq!(prompt(text, &found, 1), "Italy: [...] and [city].");
        assert_eq!(prompt(text, &found, 0), "[...]: Rome and Milan.");
        // Unnumbered gaps are a card each, numbered by position.
        assert_eq!(
            cards(&gaps("{{a}} {{b}}").unwrap()),
            vec![(1, vec![0]), (2, vec![1])]
        );
    }
}
