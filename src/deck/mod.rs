//! The deck model: what a deck file means once it has been read and checked.
//!
//! Everything downstream (session, UI, store) sees only these types, never TOML, so the
//! file format can grow without the rest of the program noticing.

pub(crate) mod cloze;
pub(crate) mod codes;
pub(crate) mod edit;
pub(crate) mod id;
pub(crate) mod library;
pub(crate) mod parse;

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::judge::{Expected, Strictness};

/// A deck's name: the file stem for files, the bundled name for bundled decks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct DeckId(pub String);

/// A card's stable identity within its deck: progress follows it, not the wording.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CardId(pub String);

impl fmt::Display for DeckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Choice,
    TrueFalse,
    Several,
    Cloze,
}

impl Kind {
    pub(crate) const NAMES: [&'static str; 5] = ["text", "choice", "truefalse", "several", "cloze"];

    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        match name {
            "text" => Some(Kind::Text),
            "choice" => Some(Kind::Choice),
            "truefalse" => Some(Kind::TrueFalse),
            "several" => Some(Kind::Several),
            "cloze" => Some(Kind::Cloze),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Choice => "choice",
            Kind::TrueFalse => "truefalse",
            Kind::Several => "several",
            Kind::Cloze => "cloze",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Card {
    pub id: CardId,
    pub kind: Kind,
    /// What the learner is asked; for a cloze card, the text with this card's gap blanked.
    pub question: Question,
    pub expected: Expected,
    /// How strictly typed answers are compared: the card's `case_sensitive` and `exact`,
    /// or the deck's.
    pub strictness: Strictness,
    /// Shared, like `hint` and `tags`, by the cards of one cloze: a cloze of N gaps holds
    /// them once, not N times.
    pub explain: Option<Arc<str>>,
    pub hint: Option<Arc<str>>,
    /// The card's own tags followed by the deck's.
    pub tags: Arc<[String]>,
    /// 1-based line of the card's table in the deck file.
    pub line: usize,
    /// True when the id was derived from the wording, so an edit resets progress.
    pub implicit_id: bool,
}

/// What a card asks. A cloze card keeps a share of its cloze and the number of its gap, and
/// its question is written out only when it is read: the N cards of a cloze hold its text
/// once between them, where N copies of the whole text each would cost N² (a cloze of 10,000
/// gaps took over a gigabyte).
#[derive(Debug, Clone)]
pub(crate) enum Question {
    Text(String),
    Gap {
        cloze: Arc<cloze::Cloze>,
        index: usize,
    },
}

impl Question {
    /// The question as the learner sees it.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            Question::Text(text) => Cow::Borrowed(text),
            Question::Gap { cloze, index } => Cow::Owned(cloze.prompt(*index)),
        }
    }

    /// For a cloze gap, the text shown before and after its blank.
    pub(crate) fn around_gap(&self) -> Option<(String, String)> {
        match self {
            Question::Text(_) => None,
            Question::Gap { cloze, index } => cloze.around(*index),
        }
    }
}

/// Two questions are equal when they read the same, however they are kept.
impl PartialEq for Question {
    fn eq(&self, other: &Question) -> bool {
        match (self, other) {
            (Question::Text(a), Question::Text(b)) => a == b,
            (Question::Gap { cloze: a, index: i }, Question::Gap { cloze: b, index: j })
                if i == j && (Arc::ptr_eq(a, b) || a == b) =>
            {
                true
            }
            _ => self.text() == other.text(),
        }
    }
}

impl PartialEq<&str> for Question {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl From<String> for Question {
    fn from(text: String) -> Question {
        Question::Text(text)
    }
}

impl From<&str> for Question {
    fn from(text: &str) -> Question {
        Question::Text(text.to_string())
    }
}

impl fmt::Display for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl Card {
    /// The correct answer as the learner should see it after answering.
    pub(crate) fn answer_text(&self) -> String {
        match &self.expected {
            Expected::Text { answer, .. } => answer.clone(),
            Expected::Choice { choices, answer } => {
                choices.get(*answer).cloned().unwrap_or_default()
            }
            // As the choices of a true/false card are listed.
            Expected::TrueFalse(value) => if *value { "True" } else { "False" }.to_string(),
            Expected::Several { parts } => parts.join(", "),
        }
    }

    #[cfg(test)]
    pub(crate) fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// Where a deck came from, shown in `quiz decks` and used to resolve names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    Bundled,
    UserFolder(PathBuf),
    Path(PathBuf),
}

impl Origin {
    pub(crate) fn label(&self) -> String {
        match self {
            Origin::Bundled => "bundled".to_string(),
            Origin::UserFolder(_) => "user folder".to_string(),
            Origin::Path(path) => path.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deck {
    pub id: DeckId,
    pub title: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub cards: Vec<Card>,
    pub origin: Origin,
}
