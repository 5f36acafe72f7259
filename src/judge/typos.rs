//! How far a word may be misspelled and still count: Damerau–Levenshtein distance,
//! allowed only in words long enough that a slip cannot turn them into another word,
//! and never in a word with a digit in it.

/// Longest word that may still carry a typo.
const MAX_FUZZY_WORD: usize = 100;

/// Edits forgiven in one word, or `None` if the words differ too much.
pub(super) fn word_edits(expected: &str, given: &str) -> Option<usize> {
    if expected == given {
        return Some(0);
    }
    // A digit carries the meaning (1956 vs 1965, 20th vs 21st), so it is never a typo.
    if expected.chars().chain(given.chars()).any(char::is_numeric) {
        return None;
    }
    // Short words are too close to each other ("cat"/"car", "Marx"/"Manx") to forgive.
    let len = expected.chars().count();
    let allowed = match len {
        0..=4 => return None,
        5..=9 => 1,
        // No real word is this long; the cap keeps the quadratic distance cheap.
        10..=MAX_FUZZY_WORD => 2,
        _ => return None,
    };
    if len.abs_diff(given.chars().count()) > allowed {
        return None;
    }
    let edits = strsim::damerau_levenshtein(expected, given);
    (edits <= allowed).then_some(edits)
}

#[cfg(test)]
mod tests {
    use crate::judge::Verdict;
    use crate::judge::testing::{check, close, no, text};

    #[test]
    fn typo_in_long_word_is_close_with_deck_spelling() {
        check(&text("Khrushchev"), "Khruschev", close("Khrushchev"));
    }

    #[test]
    fn transposition_in_five_letter_word_is_close() {
        check(&text("Stalin"), "Stailn", close("Stalin"));
        check(&text("Lenin"), "Lenni", close("Lenin"));
    }

    #[test]
    fn one_edit_in_short_word_is_wrong() {
        check(&text("cat"), "car", no());
        check(&text("Marx"), "Manx", no());
        check(&text("Tito"), "Tita", no());
    }

    #[test]
    fn two_edits_in_medium_word_is_wrong() {
        check(&text("Trotsky"), "Trtsk", no());
        check(&text("Stalin"), "Stlani", no());
    }

    #[test]
    fn two_edits_in_ten_letter_word_is_close() {
        check(
            &text("collectivisation"),
            "colectivisaton",
            close("collectivisation"),
        );
        check(&text("Khrushchev"), "Krushchv", close("Khrushchev"));
    }

    #[test]
    fn three_edits_in_long_word_is_wrong() {
        check(&text("collectivisation"), "colectvisaton", no());
    }

    #[test]
    fn typo_in_each_long_word_of_a_phrase_is_close() {
        check(
            &text("Winter Palace"),
            "Wintre Palase",
            close("Winter Palace"),
        );
    }

    #[test]
    fn typo_close_keeps_deck_formatting() {
        check(
            &text("  Marxist–Leninist "),
            "marxsist leninist",
            close("Marxist–Leninist"),
        );
    }

    #[test]
    fn typo_beside_short_word_mismatch_is_wrong() {
        check(&text("Stalin era"), "Stailn ere", no());
    }

    #[test]
    fn digit_trap_years() {
        check(&text("1956"), "1965", no());
        check(&text("1956"), "1956", Verdict::Right);
    }

    #[test]
    fn digit_trap_ordinals() {
        check(&text("20th"), "21st", no());
        check(&text("20th Congress"), "21st Congress", no());
    }

    #[test]
    fn digit_trap_decades() {
        check(&text("1930s"), "1920s", no());
    }

    #[test]
    fn digit_trap_inside_long_word() {
        check(&text("Apollo11Mission"), "Apollo12Mission", no());
        check(&text("Apollo 11"), "Apollo 12", no());
    }

    #[test]
    fn digit_trap_in_dates() {
        check(&text("25 Feb 1956"), "26 Feb 1956", no());
        check(&text("25 Feb 1956"), "25 Feb 1965", no());
        check(&text("1956-02-25"), "1956-02-26", no());
    }

    #[test]
    fn digits_never_fuzzed_even_with_long_letters() {
        check(
            &text("Five-Year Plan of 1928"),
            "Five-Year Plan of 1929",
            no(),
        );
    }
}
