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
        [a, b] => year_month(a, b).or_else(|| day_month(a, b)),
        _ => None,
    }
}

/// A day and a month named in words, without a year ("24 July", "July 24th", "the 6th of
/// September"): a date a learner types for a gap whose year stands beside it. Year 0 marks
/// it, so it equals only another date without a year. A month's number is not taken here
/// ("5 7" is no date).
fn day_month(a: &str, b: &str) -> Option<Date> {
    let (day, month) = if let (Some(day), Some(month)) = (day_number(a), month_name(b)) {
        (day, month)
    } else if let (Some(month), Some(day)) = (month_name(a), day_number(b)) {
        (day, month)
    } else {
        return None;
    };
    // Year 0 is a leap year in the proleptic calendar, so 29 February is a day here.
    make_date(NO_YEAR, month, Some(day))
}

/// The year of a [`day_month`] date.
const NO_YEAR: u32 = 0;

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

/// Words that may stand before a year without changing it ("c. 1450", "about 1450").
const CIRCA: [&str; 5] = ["c", "ca", "circa", "about", "around"];

const DECADE_WORDS: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

const CENTURY_WORDS: [&str; 3] = ["century", "centuries", "millennium"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Bc,
    Ad,
}

fn era(word: &str) -> Option<Era> {
    match word {
        "bc" | "bce" => Some(Era::Bc),
        "ad" | "ce" => Some(Era::Ad),
        _ => None,
    }
}

/// A year as the words give it: its number, and the era if one was written.
#[derive(Debug, Clone, Copy)]
struct Year {
    number: u32,
    digits: usize,
    era: Option<Era>,
}

impl Year {
    /// AD is the default, so "79 AD" is written "79" and "44 BC" is one word, "44bc".
    fn token(self) -> String {
        match self.era {
            Some(Era::Bc) => format!("{}bc", self.number),
            _ => self.number.to_string(),
        }
    }

    /// Counting from BC into AD, to tell a range from a reversed one.
    fn signed(self) -> i64 {
        match self.era {
            Some(Era::Bc) => -i64::from(self.number),
            _ => i64::from(self.number),
        }
    }
}

/// "44bc", "79ad", "1066ce" and "c1450" arrive glued; they are split into their words.
fn split_glued(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let split = word
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(word.len());
        let (number, letters) = word.split_at(split);
        if (1..=4).contains(&number.len()) && era(letters).is_some() {
            out.extend([number.to_string(), letters.to_string()]);
            continue;
        }
        if let Some(range) = joined_range(&word) {
            out.push(range);
            continue;
        }
        // Only a four-digit year: "C100" may well be a name.
        let bare = word.strip_prefix("ca").or_else(|| word.strip_prefix('c'));
        if let Some(year) = bare.filter(|y| digits(y, 4, 4).is_some()) {
            out.extend(["c".to_string(), year.to_string()]);
            continue;
        }
        out.push(word);
    }
    out
}

/// A range kept as one word by the tokens ("1914-1918", "1914–18"), read as a range;
/// anything else joined by a dash ("3-2", "1918-1914") is left as it is.
fn joined_range(word: &str) -> Option<String> {
    let (start, end) = word.split_once(['-', '–', '—'])?;
    let pair = [start.to_string(), end.to_string()];
    range_at(&pair, 0)
        .filter(|(_, next)| *next == 2)
        .map(|(range, _)| range)
}

/// A year at `i`, with a circa word and an era before or after it: the year, and the
/// index after it. A number of one or two digits is a year only with its era.
fn year_at(words: &[String], mut i: usize) -> Option<(Year, usize)> {
    let word = |i: usize| words.get(i).map(String::as_str);
    if word(i).is_some_and(|w| CIRCA.contains(&w)) {
        i += 1;
    }
    let before = word(i).and_then(era);
    if before.is_some() {
        i += 1;
    }
    let text = word(i)?;
    let number = digits(text, 1, 4)?;
    i += 1;
    let after = if before.is_none() {
        word(i).and_then(era)
    } else {
        None
    };
    if after.is_some() {
        i += 1;
    }
    let era = before.or(after);
    Some((
        Year {
            number,
            digits: text.len(),
            era,
        },
        i,
    ))
}

fn plain_year(year: &Year) -> bool {
    year.era.is_some() || (3..=4).contains(&year.digits)
}

/// The end of a range may drop its century ("1914–18"), never after a BC start.
fn range_end(start: &Year, end: Year) -> Year {
    if start.era.is_none() && end.era.is_none() && start.digits == 4 && end.digits == 2 {
        Year {
            number: start.number / 100 * 100 + end.number,
            digits: 4,
            era: None,
        }
    } else {
        end
    }
}

/// A range at `i` ("1914-1918", "1914–18", "from 1914 to 1918", "between 1914 and 1918",
/// "500–400 BC"), as one word "1914-1918", and the index after it.
fn range_at(words: &[String], i: usize) -> Option<(String, usize)> {
    let word = |i: usize| words.get(i).map(String::as_str);
    let opener = word(i).filter(|w| *w == "from" || *w == "between");
    let (start, mut j) = year_at(words, i + usize::from(opener.is_some()))?;
    let joiner = word(j).filter(|w| match opener {
        Some("between") => *w == "and",
        _ => ["to", "until", "till", "til", "through", "thru"].contains(w),
    });
    if joiner.is_some() {
        j += 1;
    } else if opener.is_some() {
        return None;
    }
    let (end, next) = year_at(words, j)?;
    // Without a word between them, two numbers could be a thousands group ("100,200"),
    // which has three digits; a range's end written that way has two or four.
    if joiner.is_none() && end.digits == 3 && end.era.is_none() {
        return None;
    }
    let mut end = range_end(&start, end);
    let mut start = start;
    // "500–400 BC": an era written once, after the end, is the era of both.
    if start.era.is_none() {
        start.era = end.era;
    }
    if end.era.is_none() {
        end.era = start.era;
    }
    if !plain_year(&start) || !plain_year(&end) || start.signed() >= end.signed() {
        return None;
    }
    Some((format!("{}-{}", start.token(), end.token()), next))
}

/// "1960s", "1960's" (the apostrophe is gone by now), "60s" and "sixties" as one word.
fn decade(word: &str) -> Option<String> {
    if let Some(tens) = DECADE_WORDS.iter().position(|w| *w == word) {
        return Some(format!("{}0s", tens + 2));
    }
    let number = word.strip_suffix('s')?;
    let ok = matches!(number.len(), 2 | 4)
        && number.ends_with('0')
        && number.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| word.to_string())
}

/// Rewrites years, ranges, decades and eras as one word each, so every common way of
/// writing them compares equal: "AD 79" = "79", "44 B.C." = "44bc", "c. 1450" = "1450",
/// "in 1066" = "1066", "from 1914 to 1918" = "1914–18" = "1914-1918", "the sixties" = "60s".
/// A century keeps its BC and drops its AD ("5th century BCE" = "5th century BC").
pub(super) fn years(words: Vec<String>) -> Vec<String> {
    let words = split_glued(words);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    // "in 1066": the preposition is not part of an answer that is only a year.
    if words.first().is_some_and(|w| w == "in")
        && (range_at(&words, 1).is_some_and(|(_, end)| end == words.len())
            || year_at(&words, 1).is_some_and(|(y, end)| end == words.len() && plain_year(&y)))
    {
        i = 1;
    }
    while i < words.len() {
        if let Some((range, next)) = range_at(&words, i) {
            out.push(range);
            i = next;
            continue;
        }
        if let Some((year, next)) = year_at(&words, i)
            && (year.era.is_some() || (next - i > 1 && plain_year(&year)))
        {
            out.push(year.token());
            i = next;
            continue;
        }
        let word = &words[i];
        if let Some(decade) = decade(word) {
            out.push(decade);
        } else if let Some(era) = era(word)
            && out
                .last()
                .is_some_and(|w| CENTURY_WORDS.contains(&w.as_str()))
        {
            if era == Era::Bc {
                out.push("bc".to_string());
            }
        } else {
            out.push(word.clone());
        }
        i += 1;
    }
    out
}

/// "1900s" for "20th century": the same hundred years, but "1900s" is also a decade, so
/// it is only close. Only this way round, and only for a century of our era.
pub(super) fn century_as_hundreds(expected: &[String], given: &[String]) -> bool {
    let ([nth, century], [hundreds]) = (expected, given) else {
        return false;
    };
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| nth.strip_suffix(suffix))
        .and_then(|n| digits(n, 1, 2));
    century == "century" && number.is_some_and(|n| n >= 2 && *hundreds == format!("{}00s", n - 1))
}

/// Whether two words of the years form are one value: equal, or a decade with and
/// without its century ("60s" and "1960s"; "1860s" and "1960s" stay different).
pub(super) fn same_year_word(a: &str, b: &str) -> bool {
    let short_of = |full: &str, short: &str| {
        full.len() == 5 && short.len() == 3 && full.ends_with(short) && decade(full).is_some()
    };
    a == b || (decade(a).is_some() && decade(b).is_some() && (short_of(a, b) || short_of(b, a)))
}

/// What a whole answer (normalised words) is as years: one year, or years together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AsYears {
    /// "1956", "44 BC", "c. 1450", "in 1066".
    One,
    /// A range, a decade or a century: "1924–1953", "1930s", "the 20th century".
    Several,
}

/// Reads a whole answer as [`years`] reads years, ranges, decades and centuries, or gives
/// up: a bare number of three or four digits up to 2100 is a year, another only with its
/// era ("5000" is a count, "5000 BC" a year).
pub(super) fn as_years(words: &[String]) -> Option<AsYears> {
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" => rest,
        _ => words,
    };
    let read = years(words.to_vec());
    let year = |word: &str| {
        let number = word.strip_suffix("bc").unwrap_or(word);
        // Fewer words than were typed: an era or a circa word went into the year.
        let marked = number.len() < word.len() || read.len() < words.len();
        digits(number, 1, 4).is_some_and(|n| marked || (number.len() >= 3 && n <= 2100))
    };
    match read.as_slice() {
        [word] if decade(word).is_some() => Some(AsYears::Several),
        [word]
            if word
                .split_once('-')
                .is_some_and(|(a, b)| year(a) && year(b)) =>
        {
            Some(AsYears::Several)
        }
        [word] if year(word) => Some(AsYears::One),
        [nth, century, era @ ..]
            if CENTURY_WORDS.contains(&century.as_str())
                && era.iter().all(|w| w == "bc")
                && era.len() <= 1
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .find_map(|suffix| nth.strip_suffix(suffix))
                    .and_then(|n| digits(n, 1, 2))
                    .is_some() =>
        {
            Some(AsYears::Several)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::normalise::words;
    use crate::judge::testing::{check, close, no, text};
    use crate::judge::{Verdict, judge};

    fn read(text: &str) -> String {
        years(words(text)).join(" ")
    }

    #[test]
    fn years_ranges_decades_and_eras_have_one_form() {
        assert_eq!(read("1914-1918"), "1914-1918");
        assert_eq!(read("1914–18"), "1914-1918");
        assert_eq!(read("from 1914 to 1918"), "1914-1918");
        assert_eq!(read("between 1914 and 1918"), "1914-1918");
        assert_eq!(read("1914 until 1918"), "1914-1918");
        assert_eq!(read("500–400 BC"), "500bc-400bc");
        assert_eq!(read("44 B.C."), "44bc");
        assert_eq!(read("44BCE"), "44bc");
        assert_eq!(read("AD 79"), "79");
        assert_eq!(read("c1450"), "1450");
        assert_eq!(read("c100"), "c100", "a name, not circa 100");
        assert_eq!(read("around 1450"), "1450");
        assert_eq!(read("in 1066"), "1066");
        assert_eq!(read("the sixties"), "the 60s");
        assert_eq!(read("1960's"), "1960s");
        assert_eq!(read("5th century BCE"), "5th century bc");
        assert_eq!(read("5th century AD"), "5th century");
    }

    #[test]
    fn a_range_kept_as_one_word_is_read() {
        assert_eq!(joined_range("1914-1918").as_deref(), Some("1914-1918"));
        assert_eq!(joined_range("1914–18").as_deref(), Some("1914-1918"));
        assert_eq!(joined_range("1918-1914"), None);
        assert_eq!(joined_range("3-2"), None);
        assert_eq!(joined_range("100-200"), None, "no joiner, three-digit end");
        assert_eq!(years(vec!["1914-18".to_string()]), ["1914-1918"]);
    }

    #[test]
    fn what_is_not_a_year_is_left_alone() {
        assert_eq!(read("1918-1914"), "1918 1914", "reversed");
        assert_eq!(read("100,200"), "100 200", "thousands group");
        assert_eq!(read("299,792,458"), "299 792 458");
        assert_eq!(read("about 5"), "about 5", "too short to be a year");
        assert_eq!(read("in 1066 and 1067"), "in 1066 and 1067");
        assert_eq!(read("1914 and 1918"), "1914 and 1918", "and needs between");
        assert_eq!(read("from 1914"), "from 1914");
        assert_eq!(read("the 1906s"), "the 1906s");
    }

    #[test]
    fn decades_with_and_without_century() {
        assert!(same_year_word("1960s", "60s"));
        assert!(same_year_word("60s", "1960s"));
        assert!(same_year_word("1860s", "60s"));
        assert!(!same_year_word("1860s", "1960s"));
        assert!(!same_year_word("1960s", "70s"));
        assert!(!same_year_word("1960", "60s"));
    }

    #[test]
    fn ranges_in_every_form_are_one_range() {
        for form in [
            "1914–1918",
            "1914 - 1918",
            "1914-18",
            "1914 to 1918",
            "from 1914 to 1918",
            "between 1914 and 1918",
            "1914 till 1918",
            "1914 through 1918",
        ] {
            check(&text("1914-1918"), form, Verdict::Right);
        }
        check(&text("1914–18"), "1914-1918", Verdict::Right);
    }

    #[test]
    fn a_range_with_another_end_is_wrong() {
        check(&text("1914-1918"), "1914-1919", no());
        check(&text("1914-1918"), "1914–17", no());
        check(&text("1914-1918"), "from 1914 to 1919", no());
        check(&text("1914-1918"), "between 1913 and 1918", no());
        check(&text("1914-1918"), "1914", no());
        check(&text("1914-1918"), "1918-1914", no());
        check(&text("1517"), "1517-1518", no());
        check(&text("500–400 BC"), "500-400", no());
    }

    #[test]
    fn eras_and_circa() {
        check(&text("44 BC"), "44 BCE", Verdict::Right);
        check(&text("44 BC"), "BC 44", Verdict::Right);
        check(&text("AD 79"), "79", Verdict::Right);
        check(&text("AD 79"), "79 CE", Verdict::Right);
        check(&text("c. 1450"), "1450", Verdict::Right);
        check(&text("1450"), "circa 1450", Verdict::Right);
        check(&text("44 BC"), "44", no());
        check(&text("44 BC"), "44 AD", no());
        check(&text("1066"), "1066 BC", no());
        check(&text("c. 1450"), "c. 1540", no());
        check(&text("5th century BC"), "5th century", no());
    }

    #[test]
    fn a_century_in_hundreds_is_close() {
        check(&text("20th century"), "1900s", close("20th century"));
        check(&text("21st century"), "the 2000s", close("21st century"));
        check(&text("20th century"), "1800s", no());
        check(&text("19th century"), "1900s", no());
        check(&text("20th century"), "1990s", no());
        check(&text("1st century"), "00s", no());
    }

    #[test]
    fn decades_in_words_and_short() {
        for form in ["the sixties", "the '60s", "60s", "1960's", "the Sixties"] {
            check(&text("the 1960s"), form, Verdict::Right);
        }
        check(&text("the 1960s"), "the seventies", no());
        check(&text("the 1960s"), "the 1860s", no());
        check(&text("the 1960s"), "1960", no());
    }

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
    fn a_day_and_a_month_without_a_year_is_a_date_of_no_year() {
        assert_eq!(parse_date(&words("May 25")), parse_date(&words("25 May")));
        assert_eq!(
            parse_date(&words("July 24")),
            parse_date(&words("the 24th of July"))
        );
        assert!(parse_date(&words("May 25")).is_some());
        assert_ne!(
            parse_date(&words("May 25")),
            parse_date(&words("May 25, 1956"))
        );
        assert_ne!(parse_date(&words("May 25")), parse_date(&words("May 26")));
        assert_eq!(parse_date(&words("31 February")), None);
        assert_eq!(parse_date(&words("25 Feb 56")), None);
        assert_eq!(parse_date(&words("5 7")), None);
    }
}
