//! Stricter judging, asked for by a deck or a card (`case_sensitive`, `exact`), and the
//! one leniency a deck can ask for (`transliterate`).
//!
//! Both are a layer over the usual rules rather than a change inside them:
//! - `case_sensitive`: the answer must first be accepted as usual (accents, punctuation,
//!   spaces and a typo are still forgiven), and then its letters must be in the case the
//!   deck wrote them — `CO` is not `Co`. Accents are folded before the case is compared,
//!   as everywhere else.
//! - `exact`: the answer must be one the deck wrote, letter for letter and in the same case;
//!   only runs of spaces are folded and the ends trimmed (and Unicode put in its composed
//!   form, which no learner can see). No typo, accent, punctuation or number rewriting.
//!
//! Choice and true/false cards are picked rather than spelled, so strictness does not
//! apply to them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Expected, Verdict, as_written, judge, wrong};

/// How strictly a card's typed answers are compared; the default is the usual judge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Strictness {
    /// Case counts: `CO` ≠ `Co`.
    pub case_sensitive: bool,
    /// Only spaces are folded; implies `case_sensitive`.
    pub exact: bool,
    /// A romanisation of an answer in another script (`spasibo` for `спасибо`) is close.
    /// Spelling a word in another script has no case and no exact form, so `exact` and
    /// `case_sensitive` win over it (`quiz check` refuses both on one card or deck).
    pub transliterate: bool,
}

pub(super) fn judge_strictly(expected: &Expected, strictness: Strictness, given: &str) -> Verdict {
    match expected {
        Expected::Text { answer, accept } => {
            let targets = || std::iter::once(answer).chain(accept.iter());
            if strictness.exact {
                let given = spaces_folded(given);
                if targets().any(|t| !t.trim().is_empty() && spaces_folded(t) == given) {
                    Verdict::Right
                } else {
                    wrong()
                }
            } else {
                let verdict = judge(expected, given);
                if verdict.is_accepted() && targets().any(|t| case_agrees_with(t, given)) {
                    verdict
                } else {
                    wrong()
                }
            }
        }
        Expected::Several { parts } if strictness.exact => exact_several(parts, given),
        Expected::Several { parts } => {
            let verdict = judge(expected, given);
            if !verdict.is_accepted() {
                return verdict;
            }
            // Each piece the learner typed is held to the case of the part it stands for.
            // A piece that is no part on its own (half of "Marx and Engels") is left to
            // the usual judge, which has accepted the whole.
            let mut miscased: Vec<&String> = Vec::new();
            for piece in pieces(given) {
                let mut fits = parts
                    .iter()
                    .filter(|part| judge(&single(part), &piece).is_accepted())
                    .peekable();
                if fits.peek().is_none() {
                    continue;
                }
                let fits: Vec<&String> = fits.collect();
                if !fits.iter().any(|part| case_agrees(part, &piece)) {
                    miscased.extend(fits);
                }
            }
            if miscased.is_empty() {
                verdict
            } else {
                // In deck order, each once.
                let missing = parts
                    .iter()
                    .filter(|part| miscased.contains(part))
                    .map(|part| part.trim().to_string())
                    .collect();
                Verdict::Wrong { missing }
            }
        }
        Expected::Choice { .. } | Expected::TrueFalse(_) => judge(expected, given),
    }
}

fn single(answer: &str) -> Expected {
    Expected::Text {
        answer: answer.to_string(),
        accept: Default::default(),
    }
}

/// Whether `given`, accepted by the usual judge against `target`, also has its case.
fn case_agrees_with(target: &str, given: &str) -> bool {
    judge(&single(target), given).is_accepted() && case_agrees(target, given)
}

/// The letters (accents folded) in the same case. When the letters differ — a forgiven
/// typo — the capitals must still be the same ones in the same order.
fn case_agrees(target: &str, given: &str) -> bool {
    let target = letters(target);
    let given = letters(given);
    let lower = |s: &[char]| -> Vec<char> { s.iter().flat_map(|c| c.to_lowercase()).collect() };
    if lower(&target) == lower(&given) {
        target == given
    } else {
        let capitals =
            |s: &[char]| -> Vec<char> { s.iter().copied().filter(|c| c.is_uppercase()).collect() };
        capitals(&target) == capitals(&given)
    }
}

fn letters(text: &str) -> Vec<char> {
    text.nfd()
        .filter(|&c| !is_combining_mark(c) && c.is_alphabetic())
        .collect()
}

fn spaces_folded(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pieces of a several-answer reply, as typed: cut at `,` `;` `/`, new lines and the
/// words `and` and `&`.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in text.split([',', ';', '/', '\n', '\r']) {
        let mut current: Vec<&str> = Vec::new();
        for word in chunk.split_whitespace() {
            if word == "and" || word == "&" {
                out.push(current.join(" "));
                current.clear();
            } else {
                current.push(word);
            }
        }
        out.push(current.join(" "));
    }
    out.retain(|piece| !piece.is_empty());
    out.iter().map(|p| spaces_folded(p)).collect()
}

/// Every part as written (a part with `,` or `and` in it is its pieces), nothing else.
fn exact_several(parts: &[String], given: &str) -> Verdict {
    let mut given = pieces(given);
    given.sort();
    given.dedup();
    let mut known = Vec::new();
    let mut missing = Vec::new();
    for part in parts {
        let own = pieces(part);
        if own.is_empty() || !own.iter().all(|p| given.contains(p)) {
            missing.push(part);
        }
        known.extend(own);
    }
    let extra = given.iter().any(|piece| !known.contains(piece));
    if missing.is_empty() && !extra && !parts.is_empty() {
        Verdict::Right
    } else {
        Verdict::Wrong {
            missing: as_written(&missing.into_iter().cloned().collect::<Vec<_>>()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::judge_with;
    use crate::judge::testing::{choice, close, missing, no, several, text, text_with};

    const CASE: Strictness = Strictness {
        case_sensitive: true,
        exact: false,
        transliterate: false,
    };
    const EXACT: Strictness = Strictness {
        case_sensitive: false,
        exact: true,
        transliterate: false,
    };
    const TRANSLITERATE: Strictness = Strictness {
        case_sensitive: false,
        exact: false,
        transliterate: true,
    };

    #[track_caller]
    fn check(strictness: Strictness, expected: &Expected, given: &str, want: Verdict) {
        assert_eq!(
            judge_with(expected, strictness, given),
            want,
            "judging {given:?} against {expected:?} with {strictness:?}"
        );
    }

    #[test]
    fn case_sensitive_tells_co_from_co() {
        check(CASE, &text("CO"), "CO", Verdict::Right);
        check(CASE, &text("CO"), "Co", no());
        check(CASE, &text("CO"), "co", no());
        check(CASE, &text("Co"), "CO", no());
        check(CASE, &text("NaCl"), "NaCl", Verdict::Right);
        check(CASE, &text("NaCl"), "NACL", no());
        check(CASE, &text("NaCl"), "nacl", no());
        // The usual judge folds case, so without strictness these are right.
        assert_eq!(judge(&text("CO"), "Co"), Verdict::Right);
    }

    #[test]
    fn case_sensitive_keeps_the_other_forgiveness() {
        check(CASE, &text("NaCl"), " NaCl. ", Verdict::Right);
        check(CASE, &text("Élysée"), "Elysee", Verdict::Right);
        check(CASE, &text("Élysée"), "elysee", no());
        check(
            CASE,
            &text("Sodium chloride"),
            "Sodium chlorde",
            close("Sodium chloride"),
        );
        check(CASE, &text("Sodium chloride"), "sodium chlorde", no());
        // Same letters, capitals moved.
        check(CASE, &text("Aa"), "aA", no());
    }

    #[test]
    fn case_sensitive_takes_an_accepted_answer_in_its_case() {
        let expected = text_with("H2O", &["water"]);
        check(CASE, &expected, "water", Verdict::Right);
        check(CASE, &expected, "h2o", no());
        check(CASE, &expected, "Water", no());
    }

    #[test]
    fn case_sensitive_several_holds_each_part_to_its_case() {
        let expected = several(&["CO", "NaCl"]);
        check(CASE, &expected, "NaCl, CO", Verdict::Right);
        check(CASE, &expected, "NaCl and CO", Verdict::Right);
        check(CASE, &expected, "NaCl, Co", missing(&["CO"]));
        check(CASE, &expected, "nacl, co", missing(&["CO", "NaCl"]));
    }

    #[test]
    fn exact_refuses_what_would_be_forgiven() {
        check(
            EXACT,
            &text("collectivisation"),
            "collectivisation",
            Verdict::Right,
        );
        check(
            EXACT,
            &text("collectivisation"),
            "  collectivisation ",
            Verdict::Right,
        );
        // The usual judge forgives the typo; `exact` does not.
        assert!(judge(&text("collectivisation"), "colectivisation").is_accepted());
        check(EXACT, &text("collectivisation"), "colectivisation", no());
        check(EXACT, &text("Élysée"), "Elysee", no());
        check(EXACT, &text("yes"), "yes.", no());
        check(EXACT, &text("Lenin"), "lenin", no());
        check(EXACT, &text("forty"), "40", no());
    }

    #[test]
    fn exact_folds_only_spaces() {
        check(EXACT, &text("x  +=  1"), "x += 1", Verdict::Right);
        check(EXACT, &text("x += 1"), "x\t+=\n1", Verdict::Right);
        check(EXACT, &text("x += 1"), "x+=1", no());
        check(EXACT, &text_with("a", &["b"]), "b", Verdict::Right);
        // The same letter written composed or decomposed is the same answer.
        check(EXACT, &text("é"), "e\u{301}", Verdict::Right);
        check(EXACT, &text(""), "", no());
        check(EXACT, &text(" "), " ", no());
    }

    #[test]
    fn exact_several_wants_every_part_as_written() {
        let expected = several(&["Marx and Engels", "Lenin"]);
        check(EXACT, &expected, "Lenin, Marx and Engels", Verdict::Right);
        check(EXACT, &expected, "Lenin / Engels & Marx", Verdict::Right);
        check(EXACT, &expected, "Lenin", missing(&["Marx and Engels"]));
        check(EXACT, &expected, "Lenin, Marx, Engels, Trotsky", no());
        check(
            EXACT,
            &expected,
            "Lenon, Marx and Engels",
            missing(&["Lenin"]),
        );
        check(EXACT, &expected, "", missing(&["Marx and Engels", "Lenin"]));
    }

    #[test]
    fn transliterate_takes_a_romanisation_as_close_and_nothing_more() {
        let card = text("спасибо");
        check(TRANSLITERATE, &card, "спасибо", Verdict::Right);
        check(
            TRANSLITERATE,
            &card,
            "spasibo",
            crate::judge::testing::close_because("спасибо", crate::judge::Reason::Romanisation),
        );
        check(TRANSLITERATE, &card, "pozhaluista", no());
        check(TRANSLITERATE, &card, "", no());
        // Without the flag, another script is another answer.
        check(Strictness::default(), &card, "spasibo", no());
        // `exact` and `case_sensitive` win: a romanisation is never the answer as written.
        let both = Strictness {
            transliterate: true,
            ..EXACT
        };
        check(both, &card, "spasibo", no());
        let both = Strictness {
            transliterate: true,
            ..CASE
        };
        check(both, &card, "spasibo", no());
    }

    #[test]
    fn strictness_leaves_choice_and_true_false_alone() {
        let strict = Strictness {
            case_sensitive: true,
            exact: true,
            transliterate: true,
        };
        let expected = choice(&["CO", "CO2"], 0);
        assert_eq!(judge_with(&expected, strict, "1"), judge(&expected, "1"));
        check(strict, &Expected::TrueFalse(true), "yes", Verdict::Right);
    }

    #[test]
    fn the_default_is_the_usual_judge() {
        for (expected, given) in [(text("CO"), "co"), (text("Lenin"), "Lenon")] {
            assert_eq!(
                judge_with(&expected, Strictness::default(), given),
                judge(&expected, given)
            );
        }
    }
}
