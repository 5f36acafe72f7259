//! The shapes of words: how the fact finder splits a sentence into words and tells a day,
//! a year, a clock time, a number, a number word or a capitalised word by its form alone.

use std::ops::Range;

use super::sentences::ends_sentence;
use super::vocabulary::{
    FUNCTION_WORDS, MINOR_WORDS, WEEKDAYS, is_month_abbreviation, is_month_name,
};

/// Words in a sentence: runs of letters and digits joined by inner hyphens, apostrophes,
/// digit groups (`1,400`, `3.5`) and dotted letters (`U.S.`).
pub(super) fn tokenize(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(pos, _)| pos);
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut segment = i;
        let mut j = i + 1;
        loop {
            match at(j) {
                Some(c) if c.is_alphanumeric() => j += 1,
                Some(c) => {
                    let prev = chars[j - 1].1;
                    let next = at(j + 1).unwrap_or(' ');
                    let joins = match c {
                        // `Nov. 13, 2002-Michigan will lose`: a dateline's dash after a
                        // year ends the date.
                        '-' | '‐' | '‑' | '–' => {
                            prev.is_alphanumeric()
                                && next.is_alphanumeric()
                                && !(next.is_uppercase()
                                    && j - segment == 4
                                    && (segment..j).all(|k| chars[k].1.is_ascii_digit()))
                        }
                        '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
                        // `20:17`: a clock time is one word.
                        ':' => {
                            prev.is_ascii_digit()
                                && (1..=2).all(|k| at(j + k).is_some_and(|d| d.is_ascii_digit()))
                                && !at(j + 3).is_some_and(char::is_alphanumeric)
                        }
                        ',' => {
                            prev.is_ascii_digit()
                                && (1..=3).all(|k| at(j + k).is_some_and(|d| d.is_ascii_digit()))
                                && !at(j + 4).is_some_and(char::is_alphanumeric)
                        }
                        '.' => {
                            (prev.is_ascii_digit() && next.is_ascii_digit())
                                || (j - segment == 1
                                    && prev.is_alphabetic()
                                    && next.is_alphabetic()
                                    && !at(j + 2).is_some_and(char::is_alphanumeric))
                        }
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    j += 2;
                    segment = j - 1;
                }
                None => break,
            }
        }
        // The closing dot of dotted letters: `U.S.`
        let word = &text[byte(start)..byte(j)];
        if at(j) == Some('.') && word.contains('.') && is_dotted(word) {
            j += 1;
        }
        out.push(byte(start)..byte(j));
        i = j;
    }
    out
}

pub(super) fn is_dotted(word: &str) -> bool {
    word.trim_end_matches('.')
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}
/// Capitalised month name, in full or abbreviated.
pub(super) fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    capitalised(word) && (is_month_name(&lower) || is_month_abbreviation(&lower))
}
pub(super) fn is_day(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    (1..=2).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && ["", "st", "nd", "rd", "th"].contains(&suffix.as_str())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

pub(super) fn all_digits(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn is_year(word: &str) -> bool {
    all_digits(word) && (3..=4).contains(&word.len())
}

/// A four-digit number that reads as a year of history (1000–2100).
pub(super) fn is_plain_year(word: &str) -> bool {
    all_digits(word)
        && word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1000..=2100).contains(&y))
}

/// `1924-1953`, `1924–53`.
pub(super) fn is_year_range(word: &str) -> bool {
    word.split_once(['-', '–', '‐', '‑'])
        .is_some_and(|(from, to)| is_year(from) && all_digits(to) && (2..=4).contains(&to.len()))
}

/// `1930s`.
pub(super) fn is_decade(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|d| is_year(d) && d.ends_with('0'))
}

/// `20th`, `1st`, `3rd`.
pub(super) fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word[digits.len()..].to_ascii_lowercase();
    all_digits(digits) && ["st", "nd", "rd", "th"].contains(&suffix.as_str())
}

/// `1,400`, `3.5`, `12`.
pub(super) fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// `30,000–40,000`: a range of counts is one fact. A hyphen joins one only between
/// thousands (`1,000-2,000`), so `104-134` stays a law's number.
pub(super) fn is_number_range(word: &str) -> bool {
    let dash = |(a, b): (&str, &str)| is_number(a) && is_number(b);
    word.split_once('–').is_some_and(dash)
        || word
            .split_once('-')
            .is_some_and(|(a, b)| a.contains(',') && b.contains(',') && dash((a, b)))
}

pub(super) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A name's word without its possessive: `Stalin’s` → `Stalin`.
pub(super) fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// A capitalised word that may be part of a name (not a month, weekday or function word).
pub(super) fn name_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    capitalised(word)
        && word.chars().any(char::is_alphabetic)
        && !is_month_name(&lower)
        && !WEEKDAYS.contains(&lower.as_str())
        && !FUNCTION_WORDS.contains(&lower.as_str())
}

/// Title Case Text says nothing about which words are names: a heading (no full stop at
/// the end) with three capitals in four words, or a sentence with nothing but capitals.
pub(super) fn title_case(text: &str) -> bool {
    let words: Vec<&str> = tokenize(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|w| w.starts_with(char::is_alphabetic))
        .filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    let heading = !ends_sentence(text);
    words.len() >= 3 && (caps == words.len() || (heading && caps * 4 >= words.len() * 3))
}

/// `20:17`, `04:00`: hours and minutes.
pub(super) fn is_time(word: &str) -> bool {
    word.split_once(':').is_some_and(|(h, m)| {
        all_digits(h)
            && h.len() <= 2
            && m.len() == 2
            && all_digits(m)
            && h.parse::<u32>().is_ok_and(|h| h < 24)
            && m.parse::<u32>().is_ok_and(|m| m < 60)
    })
}

/// `9m`, `1.13bn`, `300k`: an amount with its magnitude glued on (money, mostly).
pub(super) fn is_glued_amount(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word[digits.len()..].to_ascii_lowercase();
    is_number(digits) && ["m", "bn", "k", "tn", "mn", "b"].contains(&suffix.as_str())
}

/// Number words a learner is asked about (`four stations`); `one` is too often no count.
#[rustfmt::skip]
pub(super) const NUMBER_WORDS: [&str; 27] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
];

/// Ordinal words; `first` is too often no rank worth asking.
#[rustfmt::skip]
pub(super) const ORDINAL_WORDS: [&str; 11] = [
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

pub(super) fn is_number_word(word: &str) -> bool {
    NUMBER_WORDS.contains(&word.to_lowercase().as_str())
}

pub(super) fn is_ordinal_word(word: &str) -> bool {
    ORDINAL_WORDS.contains(&word.to_lowercase().as_str())
}
