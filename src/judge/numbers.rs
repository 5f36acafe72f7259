//! Numbers written as words ("twentieth", "twenty-one", "seven") read as the digits a
//! learner might type instead, so "Twentieth Congress" and "20th Congress" are one answer.
//! An answer that is a quantity as a whole is read by value in `quantity`; the tests here
//! cover both, through the judge.

pub(super) const CARDINALS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
pub(super) const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
pub(super) const ORDINALS: [&str; 19] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
pub(super) const TENS_ORDINALS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

fn position(table: &[&str], word: &str) -> Option<u32> {
    let index = table.iter().position(|entry| *entry == word)?;
    u32::try_from(index).ok()
}

pub(super) fn cardinal_value(word: &str) -> Option<u32> {
    position(&CARDINALS, word)
        .map(|i| i + 1)
        .or_else(|| tens_value(word))
}

pub(super) fn tens_value(word: &str) -> Option<u32> {
    position(&TENS, word).map(|i| (i + 2) * 10)
}

pub(super) fn ordinal_value(word: &str) -> Option<u32> {
    if word == "hundredth" {
        return Some(100);
    }
    position(&ORDINALS, word)
        .map(|i| i + 1)
        .or_else(|| position(&TENS_ORDINALS, word).map(|i| (i + 2) * 10))
}

/// The value of one number word, cardinal or ordinal (`eight`, `eighth`, `twenty`), any case.
pub(crate) fn word_value(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    cardinal_value(&lower).or_else(|| ordinal_value(&lower))
}

pub(super) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Numbers written as words become digits so "Twentieth Congress" = "20th Congress".
/// Whole words only, so "anyone" or "often" are untouched; "twenty-first" arrives as
/// two words and is joined back into "21st".
pub(super) fn number_words(raw: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut iter = raw.into_iter().peekable();
    while let Some(word) = iter.next() {
        if let Some(tens) = tens_value(&word) {
            let unit = iter.peek().and_then(|next| {
                let unit_cardinal = cardinal_value(next).filter(|u| *u < 10);
                let unit_ordinal = ordinal_value(next).filter(|u| *u < 10);
                match (unit_cardinal, unit_ordinal) {
                    (Some(u), _) => Some((tens + u).to_string()),
                    (_, Some(u)) => Some(ordinal(tens + u)),
                    _ => None,
                }
            });
            if let Some(compound) = unit {
                iter.next();
                out.push(compound);
                continue;
            }
        }
        if let Some(n) = cardinal_value(&word) {
            out.push(n.to_string());
        } else if let Some(n) = ordinal_value(&word) {
            out.push(ordinal(n));
        } else {
            out.push(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::judge::testing::{check, no, text};
    use crate::judge::{Reason, Verdict, normalise};

    #[test]
    fn normalise_maps_ordinal_words() {
        let rows = [
            ("first", "1st"),
            ("second", "2nd"),
            ("third", "3rd"),
            ("fourth", "4th"),
            ("eleventh", "11th"),
            ("twelfth", "12th"),
            ("thirteenth", "13th"),
            ("twentieth", "20th"),
            ("twenty-first", "21st"),
            ("twenty second", "22nd"),
            ("thirtieth", "30th"),
            ("ninety-third", "93rd"),
            ("hundredth", "100th"),
        ];
        for (word, want) in rows {
            assert_eq!(normalise(word), want, "ordinal {word:?}");
        }
    }

    #[test]
    fn normalise_maps_cardinal_words() {
        assert_eq!(normalise("Seven Samurai"), "7 samurai");
        assert_eq!(normalise("twenty"), "20");
        assert_eq!(normalise("twenty-one"), "21");
        assert_eq!(normalise("nineteen"), "19");
    }

    #[test]
    fn normalise_maps_number_words_only_as_whole_words() {
        assert_eq!(normalise("anyone often"), "anyone often");
        assert_eq!(normalise("Oneida tenth"), "oneida 10th");
        assert_eq!(normalise("twentyfold"), "twentyfold");
    }

    #[test]
    fn ordinal_word_equals_ordinal_digits() {
        check(&text("20th Congress"), "Twentieth Congress", Verdict::Right);
        check(
            &text("Twentieth Congress"),
            "the 20th congress",
            Verdict::Right,
        );
        check(
            &text("21st century"),
            "twenty-first century",
            Verdict::Right,
        );
    }

    #[test]
    fn ordinal_is_not_the_cardinal() {
        check(&text("20th"), "20", no());
        check(&text("twentieth"), "twenty", no());
    }

    #[test]
    fn cardinal_word_equals_digits() {
        check(&text("Seven Years' War"), "7 years war", Verdict::Right);
        check(
            &text("The Three Musketeers"),
            "3 musketeers",
            Verdict::Right,
        );
    }

    fn right(expected: &str, given: &str) {
        check(&text(expected), given, Verdict::Right);
    }

    fn wrong(expected: &str, given: &str) {
        check(&text(expected), given, no());
    }

    fn close_to(expected: &str, given: &str) {
        close_by(expected, given, Reason::Typo);
    }

    fn close_by(expected: &str, given: &str, reason: Reason) {
        check(
            &text(expected),
            given,
            crate::judge::testing::close_because(expected, reason),
        );
    }

    #[test]
    fn sign_is_kept() {
        right("-40", "minus forty");
        right("-40", "\u{2212}40");
        wrong("-40", "40");
        wrong("40", "-40");
        wrong("-40", "+40");
    }

    #[test]
    fn decimal_point_or_comma_and_thousands() {
        right("3.14", "3,14");
        right("3.14", "3.140");
        wrong("3.14", "314");
        wrong("3.14", "3 14");
        right("12000", "12 000");
        right("12000", "12,000");
        close_to("12000", "12.000");
        wrong("12", "12,000");
        right("1234.5", "1.234,5");
        right("299792458", "299\u{2009}792\u{2009}458");
    }

    #[test]
    fn separators_between_digits_are_not_erased() {
        wrong("2/5", "2.5");
        right("2/5", "0.4");
        wrong("3:2", "3.2");
        right("3:2", "3 : 2");
        wrong("3:2", "2:3");
        wrong("25/12", "50/24");
    }

    #[test]
    fn superscripts_are_exponents() {
        right("10³", "10^3");
        right("10³", "1000");
        wrong("10³", "103");
        right("6.02e23", "6.02 × 10^23");
        wrong("6.02e23", "6.02e32");
        right("1000", "1e3");
        right("0.001", "1e-3");
    }

    #[test]
    fn fractions_and_words() {
        right("0.5", "½");
        right("0.5", "a half");
        right("2.5", "two and a half");
        right("3.5", "3 and a half");
        wrong("3.5", "3 and a quarter");
        right("2.5", "2 1/2");
        right("1234", "one thousand two hundred and thirty-four");
        right("100", "a hundred");
        right("0", "zero");
        right("21", "twentyone");
        wrong("21", "twelve");
        close_to("seventeen", "seventeeen");
        close_to("40", "fourty");
        wrong("seventeen", "seventy");
        wrong("17", "seventh");
        wrong("6", "sixty");
        close_by("1/3", "0.333", Reason::Rounding);
        wrong("1/3", "0.3");
    }

    #[test]
    fn magnitude_words_are_exact() {
        right("$2 million", "$2,000,000");
        right("$3bn", "3 billion dollars");
        wrong("$1.5 billion", "$1.5 million");
        wrong("one billion", "one million");
        right("12000", "12k");
        close_by("$5 million", "5m", Reason::Unit);
    }

    #[test]
    fn ordinals_compare_as_ordinals() {
        right("21st", "twenty-first");
        close_to("3rd", "3th");
        wrong("3rd", "13th");
        wrong("20th", "20");
    }

    #[test]
    fn non_quantities_are_left_to_the_words() {
        assert!(crate::judge::quantity::read_quantity("1914-1918").is_none());
        assert!(crate::judge::quantity::read_quantity("1990s").is_none());
        assert!(crate::judge::quantity::read_quantity("Apollo 13").is_none());
        assert!(crate::judge::quantity::read_quantity("A").is_none());
        assert!(crate::judge::quantity::read_quantity("44 BC").is_none());
        assert!(crate::judge::quantity::read_quantity("25 February 1956").is_none());
        right("Seven Years' War", "7 years war");
        wrong("1 in 4", "1");
        wrong("1 in 4", "1 in 5");
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let long = "9".repeat(150);
        wrong("1", &long);
        let words = "nine hundred ninety nine hundred ".repeat(6);
        let _ = crate::judge::quantity::read_quantity(&words);
        wrong("1e30", "1e40");
        let _ = crate::judge::quantity::read_quantity("10^99999999999");
        let _ = crate::judge::quantity::read_quantity("2^-60");
        let _ = crate::judge::quantity::read_quantity("-170141183460469231731687303715884105728");
    }
}
