//! Multiple-choice and true/false answers: a choice may be named by its number, its
//! letter or its text (with the typo rules, unless the slip is nearer another choice);
//! true/false takes the usual short spellings.

use super::compare::{Fit, Form, fit_text};
use super::normalise::{fold, words};
use super::{Reason, Verdict, wrong};

/// Parses t/f, true/false, yes/no, y/n (any case, surrounding spaces ignored).
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    // No accepted spelling is longer than "false"; this keeps huge input from being copied.
    if text.len() > 5 {
        return None;
    }
    match text.to_ascii_lowercase().as_str() {
        "t" | "true" | "y" | "yes" => Some(true),
        "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// The 0-based choice named by a number ("2", "2.", "(2)") or letter ("b", "B)"), if
/// it names one. Anything else, including a number past the end, is left to be read
/// as the text of a choice: a year such as "1917" may well be one.
pub(crate) fn choice_index(given: &str, count: usize) -> Option<usize> {
    let folded = fold(given);
    let t = folded.trim();
    let t = t.strip_prefix('(').unwrap_or(t);
    let t = t.strip_suffix(['.', ')']).unwrap_or(t).trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=count).contains(n))
            .map(|n| n - 1);
    }
    match t.as_bytes() {
        [letter] if letter.is_ascii_lowercase() => {
            let index = usize::from(letter - b'a');
            (index < count).then_some(index)
        }
        _ => None,
    }
}

/// The words a learner may answer a true/false card with.
const TRUE_WORDS: [&str; 8] = ["true", "t", "yes", "y", "correct", "right", "yep", "yeah"];
const FALSE_WORDS: [&str; 8] = [
    "false",
    "f",
    "no",
    "n",
    "incorrect",
    "wrong",
    "nope",
    "untrue",
];

/// Reads a learner's true/false answer, more leniently than `parse_bool` (which reads deck
/// files): the words above and `1`/`0`, surrounding punctuation ignored (`Correct.`,
/// `Nope!`), `not` before one of them negating it (`not true`), and one slip in a word of
/// four letters or more (`ture`, `flase`) unless the slip is as near a word of the other side.
pub(super) fn read_truth(given: &str) -> Option<bool> {
    // No accepted answer is this long; this keeps huge input from being folded.
    if given.len() > 40 {
        return None;
    }
    let folded = fold(given);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    match words[..] {
        [word] => truth_word(word),
        ["not", word] => truth_word(word).map(|truth| !truth),
        _ => None,
    }
}

fn truth_word(word: &str) -> Option<bool> {
    match word {
        "1" => return Some(true),
        "0" => return Some(false),
        _ => {}
    }
    if TRUE_WORDS.contains(&word) {
        return Some(true);
    }
    if FALSE_WORDS.contains(&word) {
        return Some(false);
    }
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let near = |list: &[&str]| {
        list.iter()
            .any(|w| w.len() >= 4 && strsim::damerau_levenshtein(w, word) == 1)
    };
    match (near(&TRUE_WORDS), near(&FALSE_WORDS)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

pub(super) fn judge_choice(choices: &[String], answer: usize, given: &str) -> Verdict {
    if let Some(index) = choice_index(given, choices.len()) {
        return if index == answer {
            Verdict::Right
        } else {
            wrong()
        };
    }
    if answer >= choices.len() {
        return wrong();
    }
    if let Some(verdict) = judge_choice_text(choices, answer, given) {
        return verdict;
    }
    // "b. Madrid", "2 Madrid": the letter or number and the text must agree.
    if let Some((head, rest)) = given.trim().split_once(char::is_whitespace)
        && let Some(index) = choice_index(head, choices.len())
    {
        return match judge_choice_text(choices, answer, rest) {
            Some(verdict) if index == answer => verdict,
            _ => wrong(),
        };
    }
    let form = Form::new(words(given));
    // "two": a number word names a choice too, when it is not the text of one.
    if let [word] = &form.words[..]
        && let Some(index) = choice_index(word, choices.len())
    {
        return if index == answer {
            Verdict::Right
        } else {
            wrong()
        };
    }
    // "19th" for "19th Congress": words of the right choice that no other choice has all
    // of. A number stands for its ordinal here ("19"), as the choices give the suffix.
    let of_choice = |choice: &String| Form::new(words(choice)).words;
    let right_words = of_choice(&choices[answer]);
    let same = |given: &String, word: &String| {
        given == word
            || (given.bytes().all(|b| b.is_ascii_digit())
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|suffix| word.strip_suffix(suffix) == Some(given)))
    };
    let within = |words: &[String]| {
        form.words
            .iter()
            .all(|given| words.iter().any(|word| same(given, word)))
    };
    if !form.words.is_empty()
        && form.words.len() < right_words.len()
        && within(&right_words)
        && choices
            .iter()
            .enumerate()
            .all(|(i, choice)| i == answer || !within(&of_choice(choice)))
    {
        return Verdict::Right;
    }
    wrong()
}

/// The verdict on `given` read as the text of a choice, or `None` when it fits none.
fn judge_choice_text(choices: &[String], answer: usize, given: &str) -> Option<Verdict> {
    let right = choices.get(answer)?;
    let form = Form::of_text(given);
    let mut right_fit = None;
    let mut other_exact = false;
    let mut other_fewest: Option<usize> = None;
    for (i, choice) in choices.iter().enumerate() {
        let found = fit_text(choice, given, &form);
        if i == answer {
            right_fit = found;
            continue;
        }
        match found {
            Some(Fit::Exact) => other_exact = true,
            Some(Fit::Close(edits)) => {
                other_fewest = Some(other_fewest.map_or(edits, |f| f.min(edits)));
            }
            None => {}
        }
    }
    match right_fit {
        Some(Fit::Exact) => Some(Verdict::Right),
        // A typo closer to another choice means the learner picked that one.
        Some(Fit::Close(edits)) if !other_exact && other_fewest.is_none_or(|f| edits <= f) => {
            Some(Verdict::Close {
                correct: right.trim().to_string(),
                missing: Vec::new(),
                reason: Reason::Typo,
            })
        }
        None if !other_exact && other_fewest.is_none() => None,
        _ => Some(wrong()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::testing::{REVOLUTIONARIES, check, choice, close, no};
    use crate::judge::{Expected, Verdict};

    #[test]
    fn choice_by_number() {
        let card = choice(&REVOLUTIONARIES, 2);
        for given in ["3", " 3 ", "3.", "3)", "(3)", "３"] {
            check(&card, given, Verdict::Right);
        }
    }

    #[test]
    fn choice_by_letter() {
        let card = choice(&REVOLUTIONARIES, 2);
        for given in ["c", "C", " c ", "c)", "C."] {
            check(&card, given, Verdict::Right);
        }
    }

    #[test]
    fn choice_by_text() {
        check(&choice(&REVOLUTIONARIES, 2), "lenin", Verdict::Right);
    }

    #[test]
    fn choice_by_typo_text_is_close() {
        check(&choice(&REVOLUTIONARIES, 4), "Stailn", close("Stalin"));
    }

    #[test]
    fn choice_wrong_number_or_letter() {
        let card = choice(&REVOLUTIONARIES, 2);
        check(&card, "2", no());
        check(&card, "d", no());
    }

    #[test]
    fn choice_out_of_range_number_is_wrong() {
        let card = choice(&REVOLUTIONARIES, 2);
        check(&card, "6", no());
        check(&card, "0", no());
        check(&card, "99999999999999999999999999", no());
    }

    #[test]
    fn choice_out_of_range_letter_is_wrong() {
        check(&choice(&REVOLUTIONARIES, 2), "z", no());
    }

    #[test]
    fn choice_text_that_is_a_number_past_the_end() {
        check(&choice(&REVOLUTIONARIES, 1), "1917", Verdict::Right);
        check(&choice(&REVOLUTIONARIES, 1), "1905", no());
    }

    #[test]
    fn choice_text_of_another_choice_is_wrong() {
        check(&choice(&REVOLUTIONARIES, 2), "Trotsky", no());
    }

    #[test]
    fn choice_typo_nearer_another_choice_is_wrong() {
        let card = choice(&["Dzerzhinsky", "Dzerzhinskiy"], 0);
        check(&card, "Dzerzhinskij", no());
        check(&card, "Dzerzhinsky", Verdict::Right);
    }

    #[test]
    fn choice_longer_text_is_not_a_letter() {
        check(&choice(&REVOLUTIONARIES, 0), "ab", no());
    }

    #[test]
    fn choice_with_bad_answer_index_never_right() {
        let card = choice(&["Lenin", "Stalin"], 7);
        check(&card, "Lenin", no());
        check(&card, "1", no());
    }

    #[test]
    fn choice_by_number_word() {
        let card = choice(&["Paris", "Madrid", "Rome"], 1);
        check(&card, "two", Verdict::Right);
        check(&card, "three", no());
        // The text of a choice comes first.
        check(&choice(&["one", "two", "three"], 1), "two", Verdict::Right);
    }

    #[test]
    fn choice_by_letter_and_text() {
        let card = choice(&["Paris", "Madrid", "Rome"], 1);
        check(&card, "b. Madrid", Verdict::Right);
        check(&card, "2 Madrid", Verdict::Right);
        check(&card, "b) Madird", close("Madrid"));
        check(&card, "c. Madrid", no());
        check(&card, "b. Paris", no());
        check(&card, "b. Lisbon", no());
    }

    #[test]
    fn choice_by_a_distinguishing_part() {
        let card = choice(&["19th Congress", "20th Congress", "21st Congress"], 0);
        check(&card, "19th", Verdict::Right);
        check(&card, "20th", no());
        check(&card, "Congress", no());
        check(&card, "19th Congress of 1952", no());
        check(&card, "19", Verdict::Right);
        check(&card, "21", no());
    }

    #[test]
    fn parse_bool_accepts_every_spelling() {
        let rows = [
            ("t", true),
            ("T", true),
            ("true", true),
            ("True", true),
            (" TRUE ", true),
            ("y", true),
            ("Yes", true),
            ("yes\n", true),
            ("f", false),
            ("F", false),
            ("false", false),
            ("FALSE", false),
            ("n", false),
            ("No", false),
            ("  no  ", false),
        ];
        for (given, want) in rows {
            assert_eq!(parse_bool(given), Some(want), "spelling {given:?}");
        }
    }

    #[test]
    fn parse_bool_refuses_garbage() {
        for given in [
            "", " ", "maybe", "tru", "yess", "1", "0", "ja", "falsely", "y e s",
        ] {
            assert_eq!(parse_bool(given), None, "garbage {given:?}");
        }
    }

    #[test]
    fn read_truth_takes_what_learners_type() {
        for given in [
            "correct",
            "Right",
            "yep",
            "True!!",
            "yes.",
            "ture",
            "treu",
            "tru",
            "1",
            "not false",
        ] {
            assert_eq!(read_truth(given), Some(true), "{given:?}");
        }
        for given in [
            "Incorrect!",
            "wrong",
            "Nope!",
            "untrue",
            "not true",
            "flase",
            "fales",
            "0",
            "not correct",
        ] {
            assert_eq!(read_truth(given), Some(false), "{given:?}");
        }
        for given in [
            "maybe",
            "idk",
            "yes and no",
            "true false",
            "true or false",
            "not",
            "ye",
            "tr",
            "not not true",
            "nah",
        ] {
            assert_eq!(read_truth(given), None, "{given:?}");
        }
    }

    #[test]
    fn true_false_judging() {
        check(&Expected::TrueFalse(true), "yes", Verdict::Right);
        check(&Expected::TrueFalse(false), " F ", Verdict::Right);
        check(&Expected::TrueFalse(true), "false", no());
        check(&Expected::TrueFalse(false), "maybe", no());
        check(&Expected::TrueFalse(false), "", no());
    }
}
