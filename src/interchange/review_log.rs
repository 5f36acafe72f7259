//! The review log as CSV, out and in, in the columns FSRS tools read, so a learner's
//! history can move between machines and tools.
//!
//! The first four columns are the FSRS review-log format (`card_id,review_time,
//! review_rating,review_duration`); deck, card, verdict and mode follow so that a round trip
//! through quiz loses nothing that matters for scheduling. Reading accepts the FSRS columns
//! in any order, with or without quiz's own, and names the line of any row it cannot use.

use std::io::Write;

use anyhow::{Context as _, bail};
use jiff::Timestamp;

use crate::deck::{CardId, DeckId};
use crate::schedule::Rating;
use crate::store::log::LoggedRow;
use crate::store::types::VerdictWord;
use crate::store::{Mode, Review, Store};

/// The columns of an export, in order.
pub(crate) const COLUMNS: [&str; 8] = [
    "card_id",
    "review_time",
    "review_rating",
    "review_duration",
    "deck",
    "card",
    "verdict",
    "mode",
];

/// A stable, non-negative 63-bit number for a card, for the `card_id` column: FNV-1a of
/// the deck name, a zero byte and the card id. FSRS tools want integers; the same card
/// gets the same number on every machine and in every export.
pub(crate) fn card_number(deck: &str, card: &str) -> i64 {
    let hash = crate::stable_hash::fnv1a(deck.bytes().chain([0]).chain(card.bytes()));
    // Masking to 63 bits always fits an i64.
    i64::try_from(hash & (u64::MAX >> 1)).unwrap_or(0)
}

/// `2024-03-29T20:32:32.250Z`: UTC, always three decimals, as FSRS tools expect. A year
/// outside 0000-9999 (a review dated before year 0) has no four-digit form: it is written
/// with ISO 8601's expanded year, sign and six digits (`-000001-06-01T12:00:00.250Z`),
/// which [`parse_time`] reads back.
pub(crate) fn format_time(at: Timestamp) -> String {
    let millis = at.as_millisecond().rem_euclid(1000);
    let utc = at.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let year = utc.year();
    let date = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!(
            "{}{:06}",
            if year < 0 { '-' } else { '+' },
            year.unsigned_abs()
        )
    };
    format!("{date}{}.{millis:03}Z", utc.strftime("-%m-%dT%H:%M:%S"))
}

/// Writes the header and every review; hands the writer back, flushed.
pub(crate) fn write_log<W: Write>(store: &Store, out: W) -> anyhow::Result<W> {
    let mut writer = csv::Writer::from_writer(out);
    // As io errors, so that a closed pipe (`quiz history export | head`) is recognised.
    writer.write_record(COLUMNS).map_err(io_error)?;
    store.export_reviews(|row: &LoggedRow<'_>| -> anyhow::Result<()> {
        writer
            .write_record([
                card_number(row.deck, row.card).to_string().as_str(),
                &format_time(row.reviewed_at),
                &row.rating.number().to_string(),
                &row.elapsed_ms.to_string(),
                row.deck,
                row.card,
                row.verdict.name(),
                row.mode,
            ])
            .map_err(io_error)?;
        Ok(())
    })?;
    let mut out = writer
        .into_inner()
        .map_err(|error| anyhow::Error::new(error.into_error()))?;
    out.flush()?;
    Ok(out)
}

/// csv's own error hides the io error inside it from the error chain.
fn io_error(error: csv::Error) -> std::io::Error {
    if !error.is_io_error() {
        return std::io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        _ => std::io::Error::other("could not write CSV"),
    }
}

/// One review read from a CSV file, owning its text until the store borrows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImportedReview {
    pub reviewed_at: Timestamp,
    pub deck: DeckId,
    pub card: CardId,
    pub rating: Rating,
    pub verdict: VerdictWord,
    pub elapsed_ms: u64,
    pub mode: Mode,
}

impl ImportedReview {
    /// The review as the store saves it: a log keeps no given answer and no session.
    pub(crate) fn review(&self) -> Review<'_> {
        Review {
            reviewed_at: self.reviewed_at,
            deck: &self.deck,
            card: &self.card,
            rating: self.rating,
            verdict: &self.verdict,
            given_answer: "",
            elapsed_ms: self.elapsed_ms,
            session: None,
            mode: self.mode,
        }
    }
}

/// Where each known column sits in a file's header.
struct Columns {
    card_id: Option<usize>,
    time: usize,
    rating: usize,
    duration: Option<usize>,
    deck: Option<usize>,
    card: Option<usize>,
    verdict: Option<usize>,
    mode: Option<usize>,
}

impl Columns {
    fn find(header: &csv::StringRecord) -> anyhow::Result<Columns> {
        let at = |name: &str| {
            header
                .iter()
                .position(|field| field.trim_start_matches('\u{feff}').trim() == name)
        };
        let required = |name: &str| {
            at(name).with_context(|| {
                format!(
                    "the header has no {name} column; a review log needs at least \
                     card_id,review_time,review_rating"
                )
            })
        };
        let columns = Columns {
            card_id: at("card_id"),
            time: required("review_time")?,
            rating: required("review_rating")?,
            duration: at("review_duration"),
            deck: at("deck"),
            card: at("card"),
            verdict: at("verdict"),
            mode: at("mode"),
        };
        if columns.card_id.is_none() && columns.card.is_none() {
            required("card_id")?;
        }
        Ok(columns)
    }
}

/// Parses a review log: the FSRS columns in any order, plus quiz's own optional ones.
/// `deck` names the deck for files without a deck column. A bad row is an error naming
/// its line; nothing is imported then.
pub(crate) fn parse_log(text: &[u8], deck: Option<&str>) -> anyhow::Result<Vec<ImportedReview>> {
    let mut reviews = Vec::new();
    read_log(text, deck, |review| {
        reviews.push(review.clone());
        Ok(())
    })?;
    Ok(reviews)
}

/// [`parse_log`] as a stream: hands each review to `each` as it is read, so a log of
/// millions of reviews is never held. One review's text is read into the last one's
/// buffers, so a row costs no allocation. An error of `each` stops the reading and is
/// returned.
pub(crate) fn read_log(
    input: impl std::io::Read,
    deck: Option<&str>,
    mut each: impl FnMut(&ImportedReview) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader
        .headers()
        .context("line 1: could not read the header")?
        .clone();
    let columns = Columns::find(&header)?;
    if columns.deck.is_none() && deck.is_none() {
        bail!("the file has no deck column, and its name cannot name a deck");
    }
    let mut record = csv::StringRecord::new();
    let mut review = ImportedReview {
        reviewed_at: Timestamp::UNIX_EPOCH,
        deck: DeckId(String::new()),
        card: CardId(String::new()),
        rating: Rating::Good,
        verdict: VerdictWord::Good,
        elapsed_ms: 0,
        mode: Mode::Import,
    };
    loop {
        let line_of = |error: &csv::Error| error.position().map_or(0, csv::Position::line);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => bail!("line {}: {error}", line_of(&error)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(str::is_empty) {
            continue;
        }
        parse_row(&record, &columns, deck, &mut review)
            .with_context(|| format!("line {line} of the review log"))?;
        each(&review)?;
    }
    Ok(())
}

/// Reads one row into `review`, whose deck and card keep their buffers.
fn parse_row(
    record: &csv::StringRecord,
    columns: &Columns,
    file_deck: Option<&str>,
    review: &mut ImportedReview,
) -> anyhow::Result<()> {
    let field = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("");
    let card = Some(field(columns.card))
        .filter(|card| !card.is_empty())
        .unwrap_or_else(|| field(columns.card_id));
    if card.is_empty() {
        bail!("the card is empty (columns card and card_id)");
    }
    let deck = match columns.deck {
        Some(_) => field(columns.deck),
        None => file_deck.unwrap_or(""),
    };
    if deck.is_empty() {
        bail!("the deck is empty");
    }
    let rating_text = field(Some(columns.rating));
    let rating = rating_text
        .parse::<u8>()
        .ok()
        .and_then(Rating::from_number)
        .with_context(|| {
            format!(
                "review_rating must be 1, 2, 3 or 4, not {}",
                quoted(rating_text)
            )
        })?;
    let time_text = field(Some(columns.time));
    let reviewed_at = parse_time(time_text).with_context(|| {
        format!(
            "review_time {} is neither an ISO-8601 time with an offset \
             (2024-03-29T20:32:32.250Z) nor milliseconds since 1970",
            quoted(time_text)
        )
    })?;
    let duration_text = field(columns.duration);
    let elapsed_ms = if duration_text.is_empty() {
        0
    } else {
        parse_duration(duration_text).with_context(|| {
            format!(
                "review_duration must be a number of milliseconds, not {}",
                quoted(duration_text)
            )
        })?
    };
    let mode = match field(columns.mode) {
        "" => Mode::Import,
        name => Mode::from_name(name).with_context(|| {
            format!(
                "mode must be review, missed, cram or import, not {}",
                quoted(name)
            )
        })?,
    };
    let verdict = match field(columns.verdict) {
        "" => VerdictWord::graded(rating),
        verdict => VerdictWord::from_name(verdict),
    };
    review.reviewed_at = reviewed_at;
    review.deck.0.clear();
    review.deck.0.push_str(deck);
    review.card.0.clear();
    review.card.0.push_str(card);
    review.rating = rating;
    review.verdict = verdict;
    review.elapsed_ms = elapsed_ms;
    review.mode = mode;
    Ok(())
}

/// A field as a message quotes it: `{:?}`, cut to its first 60 characters, so a broken
/// file's one huge field does not become a message as large.
fn quoted(text: &str) -> String {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{:?}… ({} bytes in all)", &text[..cut], text.len()),
        None => format!("{text:?}"),
    }
}

/// An ISO-8601 instant with an offset, or whole milliseconds since 1970 (as some FSRS
/// sample logs have it); kept to the millisecond, the store's precision.
fn parse_time(text: &str) -> Option<Timestamp> {
    let at = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        Timestamp::from_millisecond(text.parse().ok()?).ok()?
    } else {
        text.parse::<Timestamp>().ok()?
    };
    Timestamp::from_millisecond(at.as_millisecond()).ok()
}

/// Milliseconds, whole or (from tools that write them so) with decimals.
fn parse_duration(text: &str) -> Option<u64> {
    if let Ok(whole) = text.parse::<u64>() {
        return Some(whole);
    }
    let value: f64 = text.parse().ok()?;
    // `as` saturates, and the range check keeps NaN and negatives out.
    (value.is_finite() && value >= 0.0).then(|| value.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_are_stable_and_fit_63_bits() {
        assert_eq!(card_number("d", "c"), card_number("d", "c"));
        assert_ne!(card_number("d", "c"), card_number("dc", ""));
        assert_ne!(card_number("a", "bc"), card_number("ab", "c"));
        // Pinned: an export today must name cards as an export next year does.
        assert_eq!(card_number("", ""), 0x2f63_bd4c_8601_b7df);
        assert_eq!(
            card_number("secret-speech", "speech-date"),
            2_193_642_866_267_874_095
        );
    }

    #[test]
    fn issue_17_times_before_year_0_are_written_so_they_read_back() {
        for text in [
            "-000001-06-01T12:00:00.250Z",
            "-009999-01-03T00:00:00.000Z",
            "0000-01-01T00:00:00.000Z",
            "9999-12-30T21:59:59.999Z",
        ] {
            let at: Timestamp = text.parse().unwrap();
            assert_eq!(format_time(at), text);
            assert_eq!(parse_time(&format_time(at)), Some(at));
        }
        // The extremes the store can hold.
        for millis in [-377_705_023_201_000, 253_402_207_200_000] {
            let at = Timestamp::from_millisecond(millis).unwrap();
            assert_eq!(parse_time(&format_time(at)), Some(at), "{at}");
        }
    }

    #[test]
    fn times_have_three_decimals_in_utc() {
        let at: Timestamp = "2024-03-29T21:32:32.25+01:00".parse().unwrap();
        assert_eq!(format_time(at), "2024-03-29T20:32:32.250Z");
        let whole: Timestamp = "2024-03-29T20:32:32Z".parse().unwrap();
        assert_eq!(format_time(whole), "2024-03-29T20:32:32.000Z");
    }

    #[test]
    fn parses_the_plain_fsrs_format_into_the_named_deck() {
        let text = "card_id,review_rating,review_time,review_duration\n\
                    1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060\n\
                    \n\
                    1711684180217,3,1711744352250,\n";
        let reviews = parse_log(text.as_bytes(), Some("josh")).unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews[0].deck, DeckId("josh".into()));
        assert_eq!(reviews[0].card, CardId("1711684180217".into()));
        assert_eq!(reviews[0].rating, Rating::Again);
        assert_eq!(reviews[0].verdict, VerdictWord::Again);
        assert_eq!(reviews[0].elapsed_ms, 25_060);
        assert_eq!(reviews[0].mode, Mode::Import);
        assert_eq!(
            format_time(reviews[0].reviewed_at),
            "2024-03-29T20:32:32.250Z"
        );
        assert_eq!(reviews[1].elapsed_ms, 0);
        assert_eq!(reviews[1].reviewed_at.as_millisecond(), 1_711_744_352_250);
    }

    #[test]
    fn our_own_columns_win_over_the_file_name() {
        let text = "card_id,review_time,review_rating,review_duration,deck,card,verdict,mode\n\
                    5,2024-03-29T20:32:32.250Z,2,900,\"my, deck\",\"a \"\"b\"\"\",close,cram\n";
        let reviews = parse_log(text.as_bytes(), Some("file")).unwrap();
        assert_eq!(reviews[0].deck, DeckId("my, deck".into()));
        assert_eq!(reviews[0].card, CardId("a \"b\"".into()));
        assert_eq!(reviews[0].verdict, VerdictWord::Close);
        assert_eq!(reviews[0].mode, Mode::Cram);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let bad = |text: &str| format!("{:#}", parse_log(text.as_bytes(), Some("d")).unwrap_err());
        let message = bad(
            "card_id,review_time,review_rating\n1,2024-01-01T00:00:00Z,3\n1,2024-01-02T00:00:00Z,5\n",
        );
        assert!(
            message.starts_with(
                "line 3 of the review log: review_rating must be 1, 2, 3 or 4, not \"5\""
            ),
            "{message}"
        );
        let message = bad("card_id,review_time,review_rating\n1,yesterday,3\n");
        assert!(
            message.starts_with("line 2 of the review log: review_time \"yesterday\""),
            "{message}"
        );
        let message = bad("card_id,review_time\n1,2024-01-01T00:00:00Z\n");
        assert!(message.contains("no review_rating column"), "{message}");
        let message =
            bad("card_id,review_time,review_rating,mode\n1,2024-01-01T00:00:00Z,3,study\n");
        assert!(
            message.contains("line 2") && message.contains("\"study\""),
            "{message}"
        );
        let message = bad("card_id,review_time,review_rating\n,2024-01-01T00:00:00Z,3\n");
        assert!(
            message.contains("line 2") && message.contains("card is empty"),
            "{message}"
        );
    }
}
