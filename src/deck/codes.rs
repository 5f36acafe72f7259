//! The finding catalogue: every code a finding can carry, what it means, and the one table
//! of the names (`E001`) that `quiz check`, its JSON lines and docs/deck-format.md show.
//!
//! The codes are what a deck author looks up, so they never change meaning or get reused:
//! E014 was never given out and stays unused.

use std::fmt;

/// A finding's code. Variants are declared in the order of their names, so findings at the
/// same place sort by code name, as they did when codes were strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Code {
    /// C001: a bad value in the settings file (config.toml), or the file is not valid TOML.
    BadSetting,
    /// E001: invalid TOML; only this finding is reported, since nothing after it can be read.
    InvalidToml,
    /// E002: an unknown field, in the deck or in a card (a near one is suggested).
    UnknownField,
    /// E003: a value of the wrong type.
    WrongType,
    /// E004: an empty value (question, answer, cloze, a choice, an accept entry, a part, an id).
    Empty,
    /// E005: the answer of a multiple-choice card is not one of its choices.
    AnswerNotAChoice,
    /// E006: a choice listed twice (after normalisation), or fewer than two choices.
    BadChoices,
    /// E007: a true/false card with `choices`.
    TrueFalseWithChoices,
    /// E008: a cloze text without any `{{gap}}`.
    NoGaps,
    /// E009: an empty cloze gap.
    EmptyGap,
    /// E010: unbalanced cloze braces: `{{` without `}}`, a stray `}}`, or a gap inside a gap.
    UnbalancedBraces,
    /// E011: two cards with the same id (two id-less cards with the same wording too).
    DuplicateId,
    /// E012: a card without `question` or without `answer`.
    MissingField,
    /// E013: a `kind` that contradicts the fields or is unknown, or a field the kind does not use.
    KindMismatch,
    /// E015: an id containing `#`, `~`, a space or a control character.
    InvalidId,
    /// E016: the deck file could not be read (not UTF-8, no permission).
    Unreadable,
    /// E017: a cloze text with more gaps than a cloze may have (200).
    TooManyGaps,
    /// E018: a text longer than a field may hold: a string value or an entry of a list over
    /// 1 MiB, or a `tags` list over 4 KiB in all.
    FieldTooLong,
    /// E019: cloze gaps numbered badly: `{{c0::…}}`, or numbered and unnumbered gaps in one text.
    GapNumbering,
    /// W001: a card without `id`; it is known by an implicit id that its wording decides.
    MissingId,
    /// W002: two cards ask the same question (after normalisation; a cloze text is a question).
    DuplicateQuestion,
    /// W003: a deck without any card (it loads, but there is nothing to ask).
    NoCards,
}

impl Code {
    #[cfg(test)]
    /// Every code, in the order of their names.
    pub(crate) const ALL: [Code; 22] = [
        Code::BadSetting,
        Code::InvalidToml,
        Code::UnknownField,
        Code::WrongType,
        Code::Empty,
        Code::AnswerNotAChoice,
        Code::BadChoices,
        Code::TrueFalseWithChoices,
        Code::NoGaps,
        Code::EmptyGap,
        Code::UnbalancedBraces,
        Code::DuplicateId,
        Code::MissingField,
        Code::KindMismatch,
        Code::InvalidId,
        Code::Unreadable,
        Code::TooManyGaps,
        Code::FieldTooLong,
        Code::GapNumbering,
        Code::MissingId,
        Code::DuplicateQuestion,
        Code::NoCards,
    ];

    /// The name a user sees and looks up: `E001`, `W002`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Code::BadSetting => "C001",
            Code::InvalidToml => "E001",
            Code::UnknownField => "E002",
            Code::WrongType => "E003",
            Code::Empty => "E004",
            Code::AnswerNotAChoice => "E005",
            Code::BadChoices => "E006",
            Code::TrueFalseWithChoices => "E007",
            Code::NoGaps => "E008",
            Code::EmptyGap => "E009",
            Code::UnbalancedBraces => "E010",
            Code::DuplicateId => "E011",
            Code::MissingField => "E012",
            Code::KindMismatch => "E013",
            Code::InvalidId => "E015",
            Code::Unreadable => "E016",
            Code::TooManyGaps => "E017",
            Code::FieldTooLong => "E018",
            Code::GapNumbering => "E019",
            Code::MissingId => "W001",
            Code::DuplicateQuestion => "W002",
            Code::NoCards => "W003",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_declared_in_the_order_of_their_names() {
        let names: Vec<&str> = Code::ALL.iter().map(|code| code.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "names repeat or are out of order");
        assert!(Code::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }

    /// The deck format guide lists every deck code, in order, and no other (E014 is listed
    /// as unused).
    #[test]
    fn the_deck_format_guide_lists_every_deck_code() {
        let guide = include_str!("../../docs/deck-format.md");
        let listed: Vec<&str> = guide
            .lines()
            .filter_map(|line| line.strip_prefix("| "))
            .filter_map(|row| row.split(" |").next())
            .map(|cell| cell.rsplit("</a>").next().unwrap_or(cell))
            .filter(|cell| {
                cell.len() == 4
                    && cell.starts_with(['E', 'W'])
                    && cell[1..].bytes().all(|b| b.is_ascii_digit())
            })
            .filter(|&cell| cell != "E014")
            .collect();
        let deck_codes: Vec<&str> = Code::ALL
            .iter()
            .map(|code| code.name())
            .filter(|name| !name.starts_with('C'))
            .collect();
        assert_eq!(listed, deck_codes);
    }
}
