//! The words the review log keeps, each with one name table: the text a review's verdict is
//! stored as. Everything else reads and writes them through these types, so a word is
//! spelled in exactly one place.

/// The word a review is logged with: what the judge said, the grade the learner gave in
/// flip mode, or the learner's override of a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerdictWord {
    Right,
    Close,
    Wrong,
    Again,
    Hard,
    Good,
    Easy,
    OverriddenRight,
    OverriddenWrong,
    /// A word from an imported review log that names none of the above, kept as it came.
    Other(String),
}

/// How a verdict word counts in a session's tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    Right,
    Close,
    Wrong,
}

impl VerdictWord {
    /// The one name table: each known word and its stored text.
    const NAMES: [(VerdictWord, &'static str); 9] = [
        (VerdictWord::Right, "right"),
        (VerdictWord::Close, "close"),
        (VerdictWord::Wrong, "wrong"),
        (VerdictWord::Again, "again"),
        (VerdictWord::Hard, "hard"),
        (VerdictWord::Good, "good"),
        (VerdictWord::Easy, "easy"),
        (VerdictWord::OverriddenRight, "overridden-right"),
        (VerdictWord::OverriddenWrong, "overridden-wrong"),
    ];

    /// The text the log stores.
    pub fn name(&self) -> &str {
        match self {
            VerdictWord::Other(text) => text,
            known => Self::NAMES
                .iter()
                .find(|(word, _)| word == known)
                .map_or("", |(_, name)| name),
        }
    }

    /// The word stored as `text`; text naming no known word is kept as [`VerdictWord::Other`].
    pub fn from_name(text: &str) -> VerdictWord {
        Self::NAMES
            .iter()
            .find(|(_, name)| *name == text)
            .map_or_else(
                || VerdictWord::Other(text.to_owned()),
                |(word, _)| word.clone(),
            )
    }

    /// Right, close or wrong, as the session's summary counts it.
    pub fn score(&self) -> Score {
        match self {
            VerdictWord::Right
            | VerdictWord::Good
            | VerdictWord::Easy
            | VerdictWord::OverriddenRight => Score::Right,
            VerdictWord::Close | VerdictWord::Hard => Score::Close,
            VerdictWord::Wrong
            | VerdictWord::Again
            | VerdictWord::OverriddenWrong
            | VerdictWord::Other(_) => Score::Wrong,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_from_its_name() {
        for (word, name) in VerdictWord::NAMES {
            assert_eq!(word.name(), name);
            assert_eq!(VerdictWord::from_name(name), word);
        }
        let other = VerdictWord::from_name("perfect");
        assert_eq!(other, VerdictWord::Other("perfect".into()));
        assert_eq!(other.name(), "perfect");
    }

    #[test]
    fn words_score_as_the_summary_counts_them() {
        let score = |name| VerdictWord::from_name(name).score();
        for name in ["right", "good", "easy"] {
            assert_eq!(score(name), Score::Right, "{name}");
        }
        for name in ["close", "hard"] {
            assert_eq!(score(name), Score::Close, "{name}");
        }
        for name in ["wrong", "again", "anything else"] {
            assert_eq!(score(name), Score::Wrong, "{name}");
        }
    }
}
