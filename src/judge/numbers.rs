//! Numbers written as words ("twentieth", "twenty-one", "seven") read as the digits a
//! learner might type instead, so "Twentieth Congress" and "20th Congress" are one answer.

const CARDINALS: [&str; 19] = [
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
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINALS: [&str; 19] = [
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
const TENS_ORDINALS: [&str; 8] = [
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

fn cardinal_value(word: &str) -> Option<u32> {
    position(&CARDINALS, word)
        .map(|i| i + 1)
        .or_else(|| tens_value(word))
}

fn tens_value(word: &str) -> Option<u32> {
    position(&TENS, word).map(|i| (i + 2) * 10)
}

fn ordinal_value(word: &str) -> Option<u32> {
    if word == "hundredth" {
        return Some(100);
    }
    position(&ORDINALS, word)
        .map(|i| i + 1)
        .or_else(|| position(&TENS_ORDINALS, word).map(|i| (i + 2) * 10))
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
    use crate::judge::{Verdict, normalise};

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
}
