//! Dates read as dates: "February 25, 1956", "25th of Feb 1956" and "1956-02-25" are the
//! same day, and a date is right or wrong as a whole. Forms that could be misread
//! (03/04/1956, a two-digit year) are not dates at all.

use crate::calendar::MONTHS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Date {
    year: u32,
    month: u32,
    /// `None` for a year-month such as "March 1958".
    day: Option<u32>,
}

/// Most words a written date can take: weekday, article, day, "of", "the", month, year.
pub(super) const MAX_DATE_WORDS: usize = 7;

const WEEKDAYS: [&str; 16] = [
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

/// Digits only, at most `max` of them, so parsing can never overflow.
fn digits(word: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    if ok { word.parse().ok() } else { None }
}

/// A month named in full, by its first three letters, or as "sept".
fn month_name(word: &str) -> Option<u32> {
    let names = |name: &&str| {
        let abbreviation = name.get(..3).unwrap_or(name);
        lower_eq(name, word) || lower_eq(abbreviation, word)
    };
    // "Sept" is the one longer abbreviation in common use; September is index 8.
    let index = MONTHS
        .iter()
        .position(names)
        .or_else(|| (word == "sept").then_some(8))?;
    u32::try_from(index + 1).ok()
}

/// Whether `word` is `name` in lower case: answers arrive folded while the shared month
/// names are capitalised, and lowering as we compare saves copying twelve names per word.
fn lower_eq(name: &str, word: &str) -> bool {
    name.len() == word.len()
        && name
            .bytes()
            .zip(word.bytes())
            .all(|(n, w)| n.to_ascii_lowercase() == w)
}

fn month_number(word: &str) -> Option<u32> {
    digits(word, 1, 2).filter(|m| (1..=12).contains(m))
}

/// A day may carry its ordinal suffix ("25th"); the calendar check comes later.
fn day_number(word: &str) -> Option<u32> {
    let bare = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    digits(bare, 1, 2)
}

/// Two-digit years are refused: "May 25" must not read as the year 25.
fn year_number(word: &str) -> Option<u32> {
    digits(word, 3, 4)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn make_date(year: u32, month: u32, day: Option<u32>) -> Option<Date> {
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(day) = day
        && !(1..=days_in_month(year, month)).contains(&day)
    {
        return None;
    }
    Some(Date { year, month, day })
}

/// Reads a whole answer as a date, or gives up. Works on normalised words, so
/// "February 25, 1956", "25th of Feb 1956" and "1956-02-25" all arrive as three words.
pub(super) fn parse_date(words: &[String]) -> Option<Date> {
    let mut toks: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "of" && *w != "the")
        .collect();
    if toks.len() > 1 && toks.first().is_some_and(|w| WEEKDAYS.contains(w)) {
        toks.remove(0);
    }
    match toks.as_slice() {
        [a, b, c] => full_date(a, b, c),
        [a, b] => year_month(a, b),
        _ => None,
    }
}

fn full_date(a: &str, b: &str, c: &str) -> Option<Date> {
    if let (Some(day), Some(month), Some(year)) = (day_number(a), month_name(b), year_number(c)) {
        return make_date(year, month, Some(day));
    }
    if let (Some(month), Some(day), Some(year)) = (month_name(a), day_number(b), year_number(c)) {
        return make_date(year, month, Some(day));
    }
    let month_b = month_name(b).or_else(|| month_number(b));
    if let (Some(year), Some(month), Some(day)) = (year_number(a), month_b, day_number(c)) {
        return make_date(year, month, Some(day));
    }
    if let (Some(x), Some(y), Some(year)) = (digits(a, 1, 2), digits(b, 1, 2), year_number(c)) {
        // Day-first and month-first are both common; only accept what cannot be misread.
        let (month, day) = if x == y || (x <= 12 && y > 12) {
            (x, y)
        } else if y <= 12 && x > 12 {
            (y, x)
        } else {
            return None;
        };
        return make_date(year, month, Some(day));
    }
    None
}

fn year_month(a: &str, b: &str) -> Option<Date> {
    let (year, month) = if let (Some(m), Some(y)) = (month_name(a), year_number(b)) {
        (y, m)
    } else if let (Some(y), Some(m)) = (year_number(a), month_name(b).or_else(|| month_number(b))) {
        (y, m)
    } else if let (Some(m), Some(y)) = (month_number(a), year_number(b)) {
        (y, m)
    } else {
        return None;
    };
    make_date(year, month, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::normalise::words;
    use crate::judge::testing::{check, close, no, text};
    use crate::judge::{Verdict, judge};

    #[test]
    fn dates_in_every_form_are_one_date() {
        let forms = [
            "February 25, 1956",
            "25 February 1956",
            "25 Feb 1956",
            "Feb 25 1956",
            "feb 25th 1956",
            "Feb. 25th, 1956",
            "25th of February 1956",
            "the 25th of February, 1956",
            "February the 25th, 1956",
            "twenty-fifth of February 1956",
            "Saturday, 25 February 1956",
            "1956-02-25",
            "1956/02/25",
            "1956-2-25",
            "1956 Feb 25",
            "25.02.1956",
            "02/25/1956",
            "FEBRUARY 25 1956",
        ];
        for deck in ["1956-02-25", "February 25, 1956"] {
            for form in forms {
                assert_eq!(
                    judge(&text(deck), form),
                    Verdict::Right,
                    "date form {form:?} against deck {deck:?}"
                );
            }
        }
    }

    #[test]
    fn dates_with_september_abbreviations() {
        for form in [
            "Sept 1 1939",
            "Sep 1st 1939",
            "1 Sept. 1939",
            "September first, 1939",
        ] {
            check(&text("1939-09-01"), form, Verdict::Right);
        }
    }

    #[test]
    fn dates_with_every_month_name_and_abbreviation() {
        const SPELLINGS: [(&str, u32); 24] = [
            ("january", 1),
            ("jan", 1),
            ("february", 2),
            ("feb", 2),
            ("march", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("may", 5),
            ("june", 6),
            ("jun", 6),
            ("july", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("sept", 9),
            ("october", 10),
            ("oct", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ];
        for (name, month) in SPELLINGS {
            let written = format!("15 {name} 2000");
            let iso = format!("2000-{month:02}-15");
            assert_eq!(
                judge(&text(&iso), &written),
                Verdict::Right,
                "month {name:?}"
            );
        }
    }

    #[test]
    fn dates_differing_in_month_are_wrong() {
        check(&text("25 February 1956"), "25 March 1956", no());
        check(&text("1956-02-25"), "1956-03-25", no());
    }

    #[test]
    fn year_month_forms_are_one_date() {
        check(&text("March 1958"), "1958-03", Verdict::Right);
        check(&text("1958-03"), "mar 1958", Verdict::Right);
        check(&text("March 1958"), "April 1958", no());
    }

    #[test]
    fn year_month_is_not_a_full_date() {
        check(&text("March 1958"), "1 March 1958", no());
    }

    #[test]
    fn plain_year_is_just_a_number() {
        check(&text("1956"), "25 February 1956", no());
        check(&text("25 February 1956"), "1956", no());
    }

    #[test]
    fn month_typo_in_same_order_is_close() {
        check(
            &text("February 25, 1956"),
            "Febuary 25 1956",
            close("February 25, 1956"),
        );
    }

    #[test]
    fn ambiguous_numeric_dates_are_not_dates() {
        assert_eq!(parse_date(&words("03/04/1956")), None);
        check(&text("1956-04-03"), "03/04/1956", no());
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(parse_date(&words("30 February 1956")), None);
        assert_eq!(parse_date(&words("29 Feb 1900")), None, "1900 not leap");
        assert!(parse_date(&words("29 Feb 1956")).is_some(), "1956 leap");
        assert!(parse_date(&words("29 Feb 2000")).is_some(), "2000 leap");
        assert_eq!(parse_date(&words("1956-13-01")), None);
    }

    #[test]
    fn day_without_year_is_not_a_date() {
        assert_eq!(parse_date(&words("May 25")), None);
        assert_eq!(parse_date(&words("25 Feb 56")), None);
    }
}
