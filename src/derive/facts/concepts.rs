//! Terms a text writes in lower case, found by their shape: a named concept (`the min-max
//! theorem`, `Rayleigh quotient iteration`, `the effective competitive opportunities
//! test`) and a phrase the sentence names (`is called a numerical range`, `known as
//! bioaccumulation`). Capitals and emphasis find the other terms; a science text or a
//! report writes most of its own in lower case, and those are what a teacher asks.

use std::ops::Range;

use crate::derive::vocabulary::FUNCTION_WORDS;

/// Nouns that name a concept when a distinctive word stands before them.
#[rustfmt::skip]
const HEADS: &[&str] = &[
    "theorem", "theorems", "lemma", "law", "principle", "effect", "equation", "equations",
    "algorithm", "algorithms", "method", "decomposition", "quotient", "iteration",
    "conjecture", "hypothesis", "paradox", "constant", "transform", "theory", "test",
    "standard", "curve", "norm", "inequality", "criterion", "criteria", "syndrome",
    "coefficient", "ratio", "distribution", "formula", "paradigm", "doctrine",
];

/// Words before a head that say which one, not what it is: `the first test`, `a new
/// method`.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "new", "old", "first", "second", "third", "last", "next", "same", "other", "such",
    "simple", "main", "previous", "general", "special", "certain", "various", "several",
    "whole", "entire", "usual", "basic", "current", "final", "proposed", "existing", "one",
    "two", "three", "own", "good", "better", "best", "important", "key", "big", "small",
    "large", "different", "similar", "original", "standard", "common", "single", "major",
    "federal", "state", "local", "national", "public", "any", "further", "above", "below",
    "earlier", "later", "present", "recent", "particular", "specific", "related", "strict",
    "ideal", "perfect", "sensitive", "effective", "accurate", "useful", "valid",
];

/// Verbs that may follow a concept (`the theorem is`, `the test can`): the noun phrase
/// ends before them.
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "can", "may", "will",
    "would", "could", "should", "must", "does", "did", "gives", "give", "hold", "holds",
];

/// Words before a named phrase: `is called a numerical range`. (`known as a pioneer`,
/// `regarded as`, `described as` describe; they name nothing.)
const NAMING: [&str; 5] = ["called", "termed", "dubbed", "named", "as"];

/// At most this many words describe the head.
const MAX_MODIFIERS: usize = 3;

/// At most this many words in a phrase the sentence names.
const MAX_NAMED_WORDS: usize = 3;

/// Each word of `text` with where it starts, its trailing punctuation cut off, and whether
/// punctuation followed it (a phrase ends there).
fn words(text: &str) -> Vec<(usize, &str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split(' ') {
        let trimmed = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        out.push((at, trimmed, trimmed.len() != raw.len()));
        at += raw.len() + 1;
    }
    out
}

fn lower_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_lowercase() || c == '-')
        && !word.starts_with('-')
        && !word.ends_with('-')
}

fn capital_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '-')
        && word.chars().count() > 1
}

/// The ranges of the concept terms in `text`, in order, none overlapping.
pub(super) fn concepts(text: &str) -> Vec<Range<usize>> {
    let words = words(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    for (h, &(start, head, _)) in words.iter().enumerate() {
        if !HEADS.contains(&head) {
            continue;
        }
        // The describing words, nearest first: stop at punctuation, a function word or
        // the sentence's first word.
        let mut first = h;
        while first > 0 && h - first < MAX_MODIFIERS {
            let (_, word, stop) = words[first - 1];
            let usable = !stop
                && first - 1 > 0
                && !FUNCTION_WORDS.contains(&word)
                && (lower_word(word) || capital_word(word))
                // Which one, unless the words after already name it (`effective
                // competitive opportunities test`).
                && (!GENERIC.contains(&word) || h - first >= 2)
                // `a highly sensitive test`: an adverb grades, it does not name.
                && !word.ends_with("ly");
            if !usable {
                break;
            }
            first -= 1;
        }
        // `the standard library`, `a law firm`: the head describes the noun after it.
        let describes = words.get(h + 1).is_some_and(|&(_, next, _)| {
            // `the law school's`: the possessive's noun.
            let next = next.split(['\'', '’']).next().unwrap_or(next);
            lower_word(next)
                && !FUNCTION_WORDS.contains(&next)
                && !VERBS.contains(&next)
                && !next.ends_with('s')
                && !next.ends_with("ed")
        }) && !words[h].2;
        if first == h || describes {
            continue;
        }
        let modifiers = &words[first..h];
        // `a breath test` is any such test; two describing words or a distinctive one
        // (`min-max`, `Rayleigh`) make it one concept.
        let distinctive = modifiers.len() >= 2
            || modifiers
                .iter()
                .any(|(_, w, _)| w.contains('-') || capital_word(w));
        // Preceded by a determiner, a preposition or punctuation, so the run is the
        // whole noun phrase, not the tail of a longer one.
        let before_ok = first == 0 || {
            let (_, word, stop) = words[first - 1];
            stop || FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
        };
        if !distinctive || !before_ok {
            continue;
        }
        let range = words[first].0..start + head.len();
        // `Rayleigh quotient iteration` holds `Rayleigh quotient`: the longer is the term.
        if let Some(last) = out.last_mut()
            && range.start <= last.start
        {
            *last = range;
        } else if out.last().is_none_or(|last| last.end <= range.start) {
            out.push(range);
        }
    }
    for (n, &(_, word, stop)) in words.iter().enumerate() {
        if stop || !NAMING.contains(&word) {
            continue;
        }
        // `known as`, `referred to as`, `is called`: `as` alone is too common.
        if word == "as"
            && !matches!(
                n.checked_sub(1).map(|p| words[p].1),
                Some("known" | "referred")
            )
        {
            continue;
        }
        let mut k = n + 1;
        if words
            .get(k)
            .is_some_and(|(_, w, stop)| !stop && matches!(*w, "a" | "an" | "the"))
        {
            if !matches!(word, "called" | "termed") {
                continue;
            }
            k += 1;
        }
        let begin = k;
        while let Some(&(_, w, stop)) = words.get(k) {
            if !lower_word(w) || FUNCTION_WORDS.contains(&w) || k - begin == MAX_NAMED_WORDS {
                break;
            }
            k += 1;
            if stop {
                break;
            }
        }
        // The phrase must end where the sentence's words turn: punctuation or a function
        // word, not a longer noun phrase cut short.
        let ended = k > begin
            && (words[k - 1].2
                || words.get(k).is_none_or(|(at, w, _)| {
                    FUNCTION_WORDS.contains(w) || !text[*at..].starts_with(char::is_alphanumeric)
                }));
        if !ended {
            continue;
        }
        let range = words[begin].0..words[k - 1].0 + words[k - 1].1.len();
        let single_common = k - begin == 1 && words[begin].1.len() < 6;
        // `what is called the loudest sound`: a superlative describes, it names nothing.
        let superlative = words[begin].1.ends_with("est") && begin > n + 1;
        if !single_common
            && !superlative
            && out
                .iter()
                .all(|r| r.end <= range.start || range.end <= r.start)
        {
            out.push(range);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::concepts;

    fn found(text: &str) -> Vec<&str> {
        concepts(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_named_concept_is_a_term() {
        assert_eq!(
            found(
                "The Rayleigh quotient is used in the min-max theorem to get exact values of all eigenvalues."
            ),
            vec!["Rayleigh quotient", "min-max theorem"]
        );
        assert_eq!(
            found("Specifically, this is the basis for Rayleigh quotient iteration."),
            vec!["Rayleigh quotient iteration"]
        );
        assert_eq!(
            found(
                "The Commission replaced the effective competitive opportunities test with an open entry standard."
            ),
            vec![
                "effective competitive opportunities test",
                "open entry standard"
            ]
        );
    }

    #[test]
    fn a_phrase_the_sentence_names_is_a_term() {
        assert_eq!(
            found(
                "The range of the quotient is called a numerical range (or spectrum in functional analysis)."
            ),
            vec!["numerical range"]
        );
        assert_eq!(
            found("The process is known as bioaccumulation in the food chain."),
            vec!["bioaccumulation"]
        );
    }

    #[test]
    fn an_ordinary_phrase_is_no_term() {
        assert!(found("The new test was given to the first patients in a blood test.").is_empty());
        assert!(found("She was named after her grandmother and known as a kind woman.").is_empty());
        assert!(found("Congress passed the law and the state tested the method.").is_empty());
        assert!(
            found("It joined a super-sized law firm and the pre-compiled standard library.")
                .is_empty()
        );
        assert!(found("An ideal screening test is a highly sensitive test.").is_empty());
        assert!(found("She teaches in the UM law school's clinic.").is_empty());
        assert!(found("Krakatoa made what is called the loudest sound in history.").is_empty());
        assert!(found("It was called the best of the year.").is_empty());
    }
}
