//! The comparison form of a text: NFKC, transliteration to ASCII, lower case, words
//! without punctuation, a leading article dropped. Everything the judge compares goes
//! through here first, so "Khrushchëv", "KHRUSHCHEV" and "the Khrushchev" are one answer.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::numbers::number_words;

/// The comparison form of a text (exposed for tests of other modules and for duplicate-question checks).
pub(crate) fn normalise(text: &str) -> String {
    strip_article(words(text)).join(" ")
}

/// NFKC, transliteration to ASCII and lower case, before any splitting into words.
/// Separators are still present, so several-answer splitting can work on this form
/// (deunicode turns the ideographic and fullwidth commas into plain ones).
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_combining_mark(c) {
            // A mark NFKC could not compose onto a letter carries no meaning for us.
        } else if let Some(ascii) = deunicode::deunicode_char(c)
            && !(ascii.is_empty() && c.is_alphanumeric())
        {
            out.extend(ascii.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Without a transliteration the character itself must still be compared,
            // or two different answers in an unknown script would both fold to nothing.
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Splits folded text into words. Apostrophes vanish so "Stalin's" = "stalins";
/// every other non-alphanumeric character separates words, so "Marxist-Leninist" =
/// "marxist leninist". "&" is spoken as "and", so it becomes that word.
pub(super) fn tokens(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mut raw = Vec::new();
    let mut current = String::new();
    // True while `current` is an initialism being read letter by letter ("d.c").
    let mut initials = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            current.push(c);
        } else if c == '\'' || c == '`' {
            // Dropped rather than split on, so the possessive stays one word.
        } else if c == '.' && continues_initialism(&chars, i, &current, initials) {
            // "D.C." must equal "DC", so dots between single letters vanish.
            initials = true;
        } else {
            if !current.is_empty() {
                raw.push(std::mem::take(&mut current));
            }
            initials = false;
            if c == '&' {
                raw.push("and".to_string());
            }
        }
    }
    if !current.is_empty() {
        raw.push(current);
    }
    number_words(raw)
}

/// Whether the dot at `dot` sits between two single letters of an initialism such as
/// "u.s.a", as opposed to ending a sentence or splitting "3.14".
fn continues_initialism(chars: &[char], dot: usize, current: &str, initials: bool) -> bool {
    let single_before = initials || current.chars().count() == 1;
    let single_after = chars.get(dot + 1).is_some_and(|c| c.is_alphabetic())
        && !chars.get(dot + 2).is_some_and(|c| c.is_alphanumeric());
    let letters_before = current.chars().all(char::is_alphabetic);
    single_before && letters_before && single_after
}

pub(super) fn words(text: &str) -> Vec<String> {
    tokens(&fold(text))
}

/// A lone article is kept: "A" may be the whole answer (a vitamin, a grade, a choice).
pub(super) fn strip_article(mut words: Vec<String>) -> Vec<String> {
    if words.len() > 1 && matches!(words.first().map(String::as_str), Some("the" | "a" | "an")) {
        words.remove(0);
    }
    words
}

pub(super) fn squash(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Verdict;
    use crate::judge::testing::{check, no, text};

    #[test]
    fn normalise_lowercases() {
        assert_eq!(normalise("STALIN"), "stalin");
    }

    #[test]
    fn normalise_folds_diacritics() {
        assert_eq!(normalise("Khrushchëv"), "khrushchev");
        assert_eq!(normalise("Dubček"), "dubcek");
    }

    #[test]
    fn normalise_folds_sharp_s() {
        assert_eq!(normalise("Straße"), "strasse");
    }

    #[test]
    fn normalise_applies_nfkc() {
        assert_eq!(normalise("ＳＴＡＬＩＮ"), "stalin", "fullwidth letters");
        assert_eq!(normalise("ﬁve"), "5", "ligature fi, then the number word");
    }

    #[test]
    fn normalise_treats_hyphens_and_dashes_as_spaces() {
        assert_eq!(normalise("Marxist-Leninist"), "marxist leninist");
        assert_eq!(normalise("Marxist–Leninist"), "marxist leninist");
        assert_eq!(normalise("Marxist — Leninist"), "marxist leninist");
    }

    #[test]
    fn normalise_drops_apostrophes_and_quotes() {
        assert_eq!(normalise("Stalin's"), "stalins");
        assert_eq!(normalise("Stalin’s"), "stalins", "curly apostrophe");
        assert_eq!(normalise("\"Pravda\""), "pravda");
        assert_eq!(normalise("«Pravda»"), "pravda");
    }

    #[test]
    fn normalise_collapses_and_trims_whitespace() {
        assert_eq!(normalise("  Red \t  Army\n "), "red army");
    }

    #[test]
    fn normalise_drops_a_leading_article() {
        assert_eq!(normalise("The Red Army"), "red army");
        assert_eq!(normalise("a Five-Year Plan"), "5 year plan");
        assert_eq!(normalise("An Iron Curtain"), "iron curtain");
    }

    #[test]
    fn normalise_keeps_article_letters_inside_words() {
        assert_eq!(normalise("Anarchy"), "anarchy");
        assert_eq!(normalise("Theology"), "theology");
        assert_eq!(normalise("Atheism"), "atheism");
    }

    #[test]
    fn normalise_keeps_a_lone_article_and_later_articles() {
        assert_eq!(normalise("The"), "the");
        assert_eq!(normalise("A"), "a");
        assert_eq!(
            normalise("the man in the iron mask"),
            "man in the iron mask"
        );
    }

    #[test]
    fn normalise_joins_initialisms_but_not_numbers() {
        assert_eq!(normalise("U.S.A."), "usa");
        assert_eq!(normalise("Washington, D.C."), "washington dc");
        assert_eq!(normalise("St. Petersburg"), "st petersburg");
        assert_eq!(normalise("3.14"), "3 14");
        assert_eq!(normalise("J. Stalin"), "j stalin");
    }

    #[test]
    fn normalise_reads_ampersand_as_and() {
        assert_eq!(normalise("Marx & Engels"), "marx and engels");
    }

    #[test]
    fn normalise_of_nothing_is_empty() {
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("  ?! -- "), "");
        assert_eq!(normalise("\u{301}"), "", "lone combining mark");
    }

    #[test]
    fn emoji_answers_compare_by_meaning() {
        check(&text("🙂"), "🙂", Verdict::Right);
        check(&text("🙂"), "🚀", no());
    }

    #[test]
    fn untransliterable_text_is_still_compared() {
        assert_ne!(normalise("𓀀"), normalise("𒀀"), "hieroglyph vs cuneiform");
        check(&text("𓀀"), "𓀀", Verdict::Right);
        check(&text("\u{e000}"), "\u{e001}", no());
        check(&text("\u{e000}"), "\u{e000}", Verdict::Right);
    }
}
