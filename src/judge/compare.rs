//! Comparing one answer with one written answer: the comparison form of each, whether
//! they fit exactly or within the typo rules, and the typed card, which takes the best
//! fit among its answer and the alternatives it accepts. Choice and several-answer
//! cards compare their parts the same way.

use super::dates::{Date, century_as_hundreds, parse_date, same_year_word, years};
use super::names::{NameFit, fit_name};
use super::normalise::{squash, strip_article, words};
use super::numbers::{Quantity, fit_quantity, needs_separators, read_quantity};
use super::roman::numerals;
use super::typos::word_edits;
use super::{Verdict, wrong};

/// An answer in comparison form, with its date reading worked out once.
pub(super) struct Form {
    pub(super) words: Vec<String>,
    pub(super) date: Option<Date>,
    /// Its reading as a quantity; the outer `None` when only the words were at hand.
    quantity: Option<Option<Quantity>>,
}

impl Form {
    pub(super) fn new(words: Vec<String>) -> Self {
        let words = strip_article(words);
        let date = parse_date(&words);
        // Years, ranges, eras and Roman numerals in one form each; a date is read whole.
        let words = if date.is_some() {
            words
        } else {
            years(numerals(words))
        };
        Form {
            words,
            date,
            quantity: None,
        }
    }

    /// The form of an answer as typed, read as a quantity too.
    pub(super) fn of_text(text: &str) -> Self {
        Form {
            quantity: Some(read_quantity(text)),
            ..Form::new(words(text))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    Exact,
    /// Accepted with this many edits in total; fewer edits is the better reading.
    Close(usize),
}

pub(super) fn fit(expected: &Form, given: &Form) -> Option<Fit> {
    if expected.words.is_empty() || given.words.is_empty() {
        return None;
    }
    if let (Some(a), Some(b)) = (expected.date, given.date) {
        // A date is right or wrong as a whole: a one-letter slip there is a different day.
        return (a == b).then_some(Fit::Exact);
    }
    match (&expected.quantity, &given.quantity) {
        (Some(Some(a)), Some(Some(b))) => {
            if let Some(fits) = fit_quantity(a, b) {
                return fits.map(|exact| if exact { Fit::Exact } else { Fit::Close(0) });
            }
        }
        // "3.14" is not "3 14": the separators of a number are part of it.
        (Some(Some(a)), Some(None))
            if needs_separators(a)
                && given
                    .words
                    .iter()
                    .any(|w| w.contains(|c: char| c.is_ascii_digit())) =>
        {
            return None;
        }
        _ => {}
    }
    if century_as_hundreds(&expected.words, &given.words) {
        return Some(Fit::Close(1));
    }
    if expected.words.len() != given.words.len() {
        return None;
    }
    let same = |(e, g): (&String, &String)| same_year_word(e, g);
    if expected.words.iter().zip(&given.words).all(same) {
        return Some(Fit::Exact);
    }
    let mut total = 0;
    for (e, g) in expected.words.iter().zip(&given.words) {
        total += if same_year_word(e, g) {
            0
        } else {
            word_edits(e, g)?
        };
    }
    Some(Fit::Close(total))
}

/// Fits a deck answer, written as in the deck, against the given answer.
pub(super) fn fit_text(candidate: &str, given_raw: &str, given: &Form) -> Option<Fit> {
    let expected = Form::of_text(candidate);
    if expected.words.is_empty() {
        // An answer made only of symbols ("?", "...") has no words to compare, so the
        // folded text itself must match.
        let a = squash(candidate);
        return (!a.is_empty() && a == squash(given_raw)).then_some(Fit::Exact);
    }
    fit(&expected, given)
}

pub(super) fn judge_text(answer: &str, accept: &[String], given: &str) -> Verdict {
    let form = Form::of_text(given);
    let mut best: Option<(usize, &str)> = None;
    for candidate in std::iter::once(answer).chain(accept.iter().map(String::as_str)) {
        let found = match fit_text(candidate, given, &form) {
            Some(Fit::Exact) => return Verdict::Right,
            Some(Fit::Close(edits)) => Some(edits),
            None => None,
        };
        // A person's name may also be written as initials, inverted, or surname alone.
        let found = match fit_name(candidate, given) {
            Some(NameFit::Full(0)) => return Verdict::Right,
            Some(NameFit::Full(edits)) => Some(found.map_or(edits, |f| f.min(edits))),
            Some(NameFit::Partial) => found.or(Some(usize::MAX)),
            None => found,
        };
        if let Some(edits) = found
            && best.is_none_or(|(fewest, _)| edits < fewest)
        {
            best = Some((edits, candidate));
        }
    }
    match best {
        Some((_, candidate)) => Verdict::Close {
            correct: candidate.trim().to_string(),
            missing: Vec::new(),
        },
        None => wrong(),
    }
}

#[cfg(test)]
mod tests {
    use crate::judge::Verdict;
    use crate::judge::testing::{check, close, no, text, text_with};

    #[test]
    fn text_exact_is_right() {
        check(&text("Khrushchev"), "Khrushchev", Verdict::Right);
    }

    #[test]
    fn text_case_is_ignored() {
        check(&text("Khrushchev"), "kHRUSHCHEV", Verdict::Right);
    }

    #[test]
    fn text_diacritics_are_ignored_both_ways() {
        check(&text("Khrushchëv"), "khrushchev", Verdict::Right);
        check(&text("Khrushchev"), "Khrushchëv", Verdict::Right);
        check(&text("Straße"), "strasse", Verdict::Right);
    }

    #[test]
    fn text_punctuation_is_ignored() {
        check(
            &text("Marxist-Leninist"),
            "marxist leninist",
            Verdict::Right,
        );
        check(
            &text("Marxist-Leninist"),
            "Marxist–Leninist",
            Verdict::Right,
        );
        check(&text("Stalin's purges"), "stalins purges", Verdict::Right);
        check(&text("Lenin"), "Lenin.", Verdict::Right);
    }

    #[test]
    fn text_punctuation_does_not_glue_words() {
        check(&text("Marxist-Leninist"), "marxistleninist", no());
    }

    #[test]
    fn text_spacing_is_ignored() {
        check(&text("Red Army"), "   red    army  ", Verdict::Right);
    }

    #[test]
    fn text_leading_article_is_ignored_both_ways() {
        check(&text("20th Congress"), "the 20th Congress", Verdict::Right);
        check(&text("The 20th Congress"), "20th congress", Verdict::Right);
        check(&text("An Iron Curtain"), "the iron curtain", Verdict::Right);
    }

    #[test]
    fn text_article_inside_a_word_matters() {
        check(&text("Anarchy"), "archy", no());
    }

    #[test]
    fn text_different_words_are_wrong() {
        check(&text("Khrushchev"), "Brezhnev", no());
    }

    #[test]
    fn text_missing_word_is_wrong() {
        check(&text("Red Army"), "Red", no());
        check(&text("Red Army"), "Red Army Faction", no());
    }

    #[test]
    fn accept_entry_matches_exactly() {
        let card = text_with("Vladimir Ilyich Ulyanov", &["Lenin"]);
        check(&card, "lenin", Verdict::Right);
    }

    #[test]
    fn accept_entry_typo_shows_accept_spelling() {
        let card = text_with("Iosif Dzhugashvili", &["Stalin"]);
        check(&card, "Stailn", close("Stalin"));
    }

    #[test]
    fn exact_accept_beats_close_answer() {
        let card = text_with("Leningrad", &["Lenningrad"]);
        check(&card, "Lenningrad", Verdict::Right);
    }

    #[test]
    fn closest_alternative_is_shown() {
        let card = text_with("collectivisation", &["collectivization"]);
        check(&card, "colectivization", close("collectivization"));
    }

    #[test]
    fn no_alternative_matching_is_wrong() {
        let card = text_with("Leningrad", &["Petrograd", "Saint Petersburg"]);
        check(&card, "Moscow", no());
    }

    #[test]
    fn punctuation_only_answer_is_wrong() {
        check(&text("Lenin"), "?!", no());
    }

    #[test]
    fn symbol_only_deck_answer_compares_symbols() {
        check(&text("?"), "?", Verdict::Right);
        check(&text("?"), "!", no());
    }
}
