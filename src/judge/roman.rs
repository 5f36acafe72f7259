//! Roman numerals read as the numbers they stand for, where a learner reads them so: after
//! a name ("Henry VIII" = "Henry 8" = "Henry 8th" = "Henry the Eighth") and before
//! "century" ("XX century" = "20th century"). The world wars have their own short forms
//! ("WWII" = "World War Two" = "the Second World War").
//!
//! Works on normalised words, where case is gone, so only numerals made of I, V and X in
//! their standard form (1 to 39) are read, and only in those two places: "mix", "cm", "dc"
//! or "civil" never become numbers, and a different numeral stays a different number
//! ("Henry VII" ≠ "Henry VIII", "World War 11" ≠ "World War II").

/// Words that do not name anything, so a numeral after them is not a regnal number.
const FUNCTION_WORDS: [&str; 31] = [
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or", "as",
    "into", "during", "after", "before", "since", "until", "till", "between", "is", "was", "are",
    "were", "be", "not", "vs", "versus",
];

/// Titles that may be left out before a ruler's name and numeral ("Pope John Paul II").
const TITLES: [&str; 16] = [
    "pope", "king", "queen", "emperor", "empress", "tsar", "czar", "tsarina", "kaiser", "sultan",
    "pharaoh", "prince", "princess", "saint", "st", "shah",
];

const CENTURY_WORDS: [&str; 3] = ["century", "centuries", "millennium"];

/// The value of a Roman numeral of I, V and X in standard form ("xiv" = 14, not "xiiii").
pub(super) fn roman_value(word: &str) -> Option<u32> {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let rest = word.trim_start_matches('x');
    let tens = u32::try_from(word.len() - rest.len()).ok()?;
    let unit = UNITS.iter().position(|u| *u == rest)?;
    let value = tens * 10 + u32::try_from(unit).ok()?;
    (tens <= 3 && value > 0).then_some(value)
}

/// "8th" = 8; the suffix must be the right one, so "8st" is not an ordinal.
fn ordinal_digits(word: &str) -> Option<u32> {
    let split = word.find(|c: char| !c.is_ascii_digit())?;
    let (number, suffix) = word.split_at(split);
    let n: u32 = if (1..=2).contains(&number.len()) {
        number.parse().ok()?
    } else {
        return None;
    };
    (n > 0 && ordinal(n) == word && suffix.len() == 2).then_some(n)
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A word that can carry a regnal number: letters only, not a function word, not itself
/// a numeral ("i v" is not "i 5").
fn is_name_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(char::is_alphabetic)
        && !FUNCTION_WORDS.contains(&word)
        && roman_value(word).is_none()
}

/// An ordinal after a name is its regnal number only where the name ends ("Henry 8th",
/// "Henry the Eighth of England"), not before a noun it counts ("early 5th century").
fn ends_name(next: Option<&String>) -> bool {
    next.is_none_or(|w| FUNCTION_WORDS.contains(&w.as_str()))
}

/// "ww2", "wwii", or "ww" followed by "2" or "ii".
fn world_war_number(word: &str, next: Option<&String>) -> Option<(u32, usize)> {
    let rest = word.strip_prefix("ww")?;
    let read = |s: &str| -> Option<u32> {
        let n = if s.bytes().all(|b| b.is_ascii_digit()) && (1..=2).contains(&s.len()) {
            s.parse().ok()?
        } else {
            roman_value(s)?
        };
        (1..=3).contains(&n).then_some(n)
    };
    if rest.is_empty() {
        return next.and_then(|n| read(n)).map(|n| (n, 2));
    }
    read(rest).map(|n| (n, 1))
}

/// "WWII", "ww 2" and "2nd world war" become "world war 2".
fn world_wars(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len() + 2);
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        if let Some((n, used)) = world_war_number(word, words.get(i + 1)) {
            out.extend(["world".to_string(), "war".to_string(), n.to_string()]);
            i += used;
            continue;
        }
        if let Some(n) = ordinal_digits(word).filter(|n| (1..=3).contains(n))
            && words.get(i + 1).is_some_and(|w| w == "world")
            && words.get(i + 2).is_some_and(|w| w == "war")
        {
            out.extend(["world".to_string(), "war".to_string(), n.to_string()]);
            i += 3;
            continue;
        }
        out.push(word.clone());
        i += 1;
    }
    out
}

/// Rewrites Roman numerals, and ordinals after a name, as the numbers they stand for.
pub(super) fn numerals(words: Vec<String>) -> Vec<String> {
    let words = world_wars(words);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut regnal = false;
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let next = words.get(i + 1);
        if next.is_some_and(|n| CENTURY_WORDS.contains(&n.as_str()))
            && let Some(n) = roman_value(word)
        {
            out.push(ordinal(n));
            i += 1;
            continue;
        }
        if out.last().is_some_and(|w| is_name_word(w)) {
            let number = roman_value(word)
                .map(|n| (n, 1))
                .or_else(|| {
                    ordinal_digits(word)
                        .filter(|_| ends_name(next))
                        .map(|n| (n, 1))
                })
                .or_else(|| {
                    let n = next.and_then(|n| ordinal_digits(n))?;
                    (word == "the" && ends_name(words.get(i + 2))).then_some((n, 2))
                });
            if let Some((n, used)) = number {
                out.push(n.to_string());
                regnal = true;
                i += used;
                continue;
            }
        }
        out.push(word.clone());
        i += 1;
    }
    if regnal && out.len() > 2 && TITLES.contains(&out[0].as_str()) {
        out.remove(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Verdict;
    use crate::judge::normalise::words;
    use crate::judge::testing::{check, choice, no, several, text};

    fn read(text: &str) -> String {
        numerals(words(text)).join(" ")
    }

    #[test]
    fn roman_values_in_standard_form_only() {
        let rows = [
            ("i", 1),
            ("iv", 4),
            ("viii", 8),
            ("ix", 9),
            ("xiv", 14),
            ("xix", 19),
            ("xx", 20),
            ("xxxix", 39),
        ];
        for (numeral, value) in rows {
            assert_eq!(roman_value(numeral), Some(value), "{numeral}");
        }
        for not in [
            "", "iiii", "iiiv", "vv", "xxxx", "xl", "mix", "cm", "dc", "civil", "x1",
        ] {
            assert_eq!(roman_value(not), None, "{not}");
        }
    }

    #[test]
    fn numerals_after_a_name_and_before_century() {
        assert_eq!(read("Henry VIII"), "henry 8");
        assert_eq!(read("Henry the Eighth"), "henry 8");
        assert_eq!(read("Henry 8th"), "henry 8");
        assert_eq!(read("Henry VIII of England"), "henry 8 of england");
        assert_eq!(read("XX century"), "20th century");
        assert_eq!(read("xxi century"), "21st century");
        assert_eq!(read("early 5th century"), "early 5th century");
        assert_eq!(
            read("I came"),
            "i came",
            "a first word is not a regnal number"
        );
        assert_eq!(read("in the 20th century"), "in the 20th century");
        assert_eq!(read("Pope John Paul II"), "john paul 2");
        assert_eq!(
            read("Pope Francis"),
            "pope francis",
            "no numeral, title kept"
        );
    }

    #[test]
    fn world_war_forms() {
        for form in [
            "World War II",
            "World War 2",
            "world war two",
            "WWII",
            "WW2",
            "WW II",
            "2nd World War",
            "Second World War",
        ] {
            assert_eq!(read(form), "world war 2", "{form}");
        }
        assert_eq!(read("World War 11"), "world war 11");
        assert_eq!(read("WWI"), "world war 1");
    }

    #[test]
    fn regnal_numbers_in_every_form() {
        for form in [
            "Henry 8",
            "Henry 8th",
            "Henry the Eighth",
            "king henry viii",
        ] {
            check(&text("Henry VIII"), form, Verdict::Right);
        }
        check(&text("Louis XIV"), "Louis the Fourteenth", Verdict::Right);
        check(&text("XX century"), "the twentieth century", Verdict::Right);
        check(&text("Apollo XI"), "Apollo 11", Verdict::Right);
    }

    #[test]
    fn a_different_numeral_is_wrong() {
        check(&text("Henry VIII"), "Henry VII", no());
        check(&text("Henry VIII"), "Henry IIIV", no());
        check(&text("Henry VIII"), "Henry the Seventh", no());
        check(&text("Louis XIV"), "Louis XVI", no());
        check(&text("World War II"), "World War 11", no());
        check(&text("World War II"), "WWI", no());
        check(&text("XX century"), "XIX century", no());
        check(&text("XX century"), "20 century", no());
        check(&text("Pope John Paul II"), "John Paul", no());
    }

    #[test]
    fn numerals_in_phrases_choices_and_lists() {
        check(&text("Type I error"), "type 1 error", Verdict::Right);
        check(&text("Type I error"), "type 2 error", no());
        check(&text("Roe v. Wade"), "Roe v Wade", Verdict::Right);
        check(&text("vitamin C"), "vitamin c", Verdict::Right);
        check(&text("Part II"), "part 11", no());
        let kings = choice(&["Henry VII", "Henry VIII", "Louis XIV"], 1);
        check(&kings, "henry 8", Verdict::Right);
        check(&kings, "Henry the Seventh", no());
        let both = several(&["Henry VIII", "Louis XIV"]);
        check(&both, "Henry 8, Louis the Fourteenth", Verdict::Right);
    }
}
