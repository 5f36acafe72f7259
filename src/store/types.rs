//! The values the progress store keeps and how they go into SQL and come back: ids, ratings,
//! modes, verdict words and instants travel through `ToSql`/`FromSql`, never as bare
//! strings and numbers, and each word has one name table, so it is spelled in one place.

use jiff::Timestamp;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::{Mode, StoreError};
use crate::deck::{CardId, DeckId};
use crate::judge::Verdict;
use crate::schedule::Rating;

/// The word a review is logged with: what the judge said, the grade the learner gave in
/// flip mode, or the learner's override of a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VerdictWord {
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
pub(crate) enum Score {
    Right,
    Close,
    Wrong,
}

impl VerdictWord {
    /// Every word but [`VerdictWord::Other`].
    pub(crate) const KNOWN: [VerdictWord; 9] = [
        VerdictWord::Right,
        VerdictWord::Close,
        VerdictWord::Wrong,
        VerdictWord::Again,
        VerdictWord::Hard,
        VerdictWord::Good,
        VerdictWord::Easy,
        VerdictWord::OverriddenRight,
        VerdictWord::OverriddenWrong,
    ];

    /// The one name table: the text the log stores.
    pub(crate) fn name(&self) -> &str {
        match self {
            VerdictWord::Right => "right",
            VerdictWord::Close => "close",
            VerdictWord::Wrong => "wrong",
            VerdictWord::Again => "again",
            VerdictWord::Hard => "hard",
            VerdictWord::Good => "good",
            VerdictWord::Easy => "easy",
            VerdictWord::OverriddenRight => "overridden-right",
            VerdictWord::OverriddenWrong => "overridden-wrong",
            VerdictWord::Other(text) => text,
        }
    }

    /// The word stored as `text`; text naming no known word is kept as [`VerdictWord::Other`].
    pub(crate) fn from_name(text: &str) -> VerdictWord {
        VerdictWord::KNOWN
            .into_iter()
            .find(|word| word.name() == text)
            .unwrap_or_else(|| VerdictWord::Other(text.to_owned()))
    }

    /// The word a typed answer's verdict is logged and shown with.
    pub(crate) fn judged(verdict: &Verdict) -> VerdictWord {
        match verdict {
            Verdict::Right => VerdictWord::Right,
            Verdict::Close { .. } => VerdictWord::Close,
            Verdict::Wrong { .. } => VerdictWord::Wrong,
        }
    }

    /// The word a flip-mode grade is logged with: the button's name.
    pub(crate) fn graded(rating: Rating) -> VerdictWord {
        match rating {
            Rating::Again => VerdictWord::Again,
            Rating::Hard => VerdictWord::Hard,
            Rating::Good => VerdictWord::Good,
            Rating::Easy => VerdictWord::Easy,
        }
    }

    /// Right, close or wrong, as the session's summary counts it.
    pub(crate) fn score(&self) -> Score {
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

/// An instant as the store keeps it: whole milliseconds since 1970, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Millis(pub Timestamp);

fn text(value: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(value.as_bytes()))
}

impl ToSql for DeckId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(text(&self.0))
    }
}

impl FromSql for DeckId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        String::column_result(value).map(DeckId)
    }
}

impl ToSql for CardId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(text(&self.0))
    }
}

impl FromSql for CardId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        String::column_result(value).map(CardId)
    }
}

impl ToSql for Rating {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.number())))
    }
}

impl FromSql for Rating {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let number = value.as_i64()?;
        u8::try_from(number)
            .ok()
            .and_then(Rating::from_number)
            .ok_or_else(|| FromSqlError::Other(Box::new(StoreError::BadRating(number))))
    }
}

impl ToSql for Mode {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(text(self.name()))
    }
}

impl FromSql for Mode {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let name = value.as_str()?;
        Mode::from_name(name)
            .ok_or_else(|| FromSqlError::Other(Box::new(StoreError::UnknownMode(name.to_owned()))))
    }
}

impl ToSql for VerdictWord {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(text(self.name()))
    }
}

impl FromSql for VerdictWord {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_str().map(VerdictWord::from_name)
    }
}

impl ToSql for Millis {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_millisecond()))
    }
}

impl FromSql for Millis {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let ms = value.as_i64()?;
        Timestamp::from_millisecond(ms)
            .map(Millis)
            .map_err(|_| FromSqlError::Other(Box::new(StoreError::BadTime(ms))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_from_its_name() {
        let names = [
            "right",
            "close",
            "wrong",
            "again",
            "hard",
            "good",
            "easy",
            "overridden-right",
            "overridden-wrong",
        ];
        for (word, name) in VerdictWord::KNOWN.into_iter().zip(names) {
            assert_eq!(word.name(), name);
            assert_eq!(VerdictWord::from_name(name), word);
        }
        let other = VerdictWord::from_name("perfect");
        assert_eq!(other, VerdictWord::Other("perfect".into()));
        assert_eq!(other.name(), "perfect");
    }

    #[test]
    fn a_grade_is_logged_with_the_button_name() {
        for (rating, name) in [
            (Rating::Again, "again"),
            (Rating::Hard, "hard"),
            (Rating::Good, "good"),
            (Rating::Easy, "easy"),
        ] {
            assert_eq!(VerdictWord::graded(rating).name(), name);
        }
    }

    /// Every value goes in and comes back out of SQLite as the same text or number as
    /// before these types existed.
    #[test]
    fn values_round_trip_through_sqlite_as_their_old_text_and_numbers() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let at = Timestamp::from_millisecond(1_711_744_352_250).unwrap();
        let row: (String, String, i64, String, String, i64) = conn
            .query_row(
                "SELECT ?1, ?2, ?3, ?4, ?5, ?6",
                rusqlite::params![
                    DeckId("d".into()),
                    CardId("c".into()),
                    Rating::Hard,
                    Mode::Import,
                    VerdictWord::OverriddenRight,
                    Millis(at)
                ],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(
            row,
            (
                "d".into(),
                "c".into(),
                2,
                "import".into(),
                "overridden-right".into(),
                1_711_744_352_250
            )
        );
        let back: (DeckId, CardId, Rating, Mode, VerdictWord, Millis) = conn
            .query_row(
                "SELECT 'd', 'c', 2, 'import', 'perfect', 1711744352250",
                [],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(
            back,
            (
                DeckId("d".into()),
                CardId("c".into()),
                Rating::Hard,
                Mode::Import,
                VerdictWord::Other("perfect".into()),
                Millis(at)
            )
        );
    }

    /// Ratings outside 1–4 (which fsrs cannot use) and unknown modes never come out of the store.
    #[test]
    fn out_of_range_ratings_and_unknown_modes_do_not_read() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for number in [0, 5, -1, 300] {
            let read = conn.query_row("SELECT ?1", [number], |row| row.get::<_, Rating>(0));
            assert!(read.is_err(), "{number}");
        }
        let read = conn.query_row("SELECT 'study'", [], |row| row.get::<_, Mode>(0));
        assert!(read.is_err());
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
