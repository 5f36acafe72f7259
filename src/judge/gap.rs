//! A cloze gap's answer given with the words the card already shows around it: `four
//! children` for `[...] children`, `Go 1.4` for `Go [...]`, `Redmond, Washington` for
//! `[...], Washington`. The learner has named the fact and copied what they read beside it;
//! a fair teacher marks the fact, so the shown words are set aside and the rest is judged.

use super::normalise::words;
use super::{Expected, Strictness, Verdict, judge_with};

/// How many shown words on either side are looked for in an answer: a unit, a place's
/// region, a title or a short phrase, not a copied sentence.
const MOST_SHOWN_WORDS: usize = 6;

/// Judges `given` for the gap shown between `before` and `after` (the card's text on
/// either side of the blank, as the learner reads it).
pub(crate) fn judge_gap(
    expected: &Expected,
    strictness: Strictness,
    given: &str,
    before: &str,
    after: &str,
) -> Verdict {
    let verdict = judge_with(expected, strictness, given);
    // An exact card asks for the answer as written, nothing around it.
    if verdict.is_accepted() || strictness.exact || !matches!(expected, Expected::Text { .. }) {
        return verdict;
    }
    // Set aside whole pieces of what was typed, so the rest keeps its own spelling
    // (`16.5%`, `1.4`) for the rules that read numbers.
    let pieces: Vec<&str> = given.split_whitespace().collect();
    let shown_before = words(before);
    let shown_after = words(after);
    let most = MOST_SHOWN_WORDS.min(pieces.len().saturating_sub(1));
    let shown = |piece: &[&str], beside: &dyn Fn(&[String]) -> bool| {
        let typed = words(&piece.join(" "));
        !typed.is_empty() && beside(&typed)
    };
    for lead in 0..=most {
        if lead > 0 && !shown(&pieces[..lead], &|typed| shown_before.ends_with(typed)) {
            continue;
        }
        for trail in 0..=most - lead {
            let end = pieces.len() - trail;
            if lead + trail == 0
                || trail > 0 && !shown(&pieces[end..], &|typed| shown_after.starts_with(typed))
            {
                continue;
            }
            let again = judge_with(expected, strictness, &pieces[lead..end].join(" "));
            if again.is_accepted() {
                return again;
            }
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::testing::text;

    fn gap(answer: &str, given: &str, before: &str, after: &str) -> Verdict {
        judge_gap(&text(answer), Strictness::default(), given, before, after)
    }

    #[test]
    fn the_words_shown_beside_the_gap_are_set_aside() {
        let right = [
            ("four", "four children", "She had ", " children."),
            ("1.4", "Go 1.4", "In December, Go ", " was released."),
            (
                "Redmond",
                "Redmond, Washington",
                "It moved to ",
                ", Washington, in 1986.",
            ),
            (
                "16.5%",
                "Maori 16.5%",
                "Ethnic groups: European 64.1%, Maori ",
                ", Asian 15.1%",
            ),
            (
                "4",
                "4 or more drinks/day",
                "drinking ",
                " or more drinks/day for men.",
            ),
            ("1960s", "the late 1960s", "It began in the late ", "."),
            ("50", "50 years", "For ", " years it has served the county."),
        ];
        for (answer, given, before, after) in right {
            assert!(
                gap(answer, given, before, after).is_accepted(),
                "{given:?} for {before}[{answer}]{after}"
            );
        }
    }

    #[test]
    fn a_wrong_fact_or_only_the_shown_words_stay_wrong() {
        let wrong = [
            ("four", "five children", "She had ", " children."),
            ("four", "children", "She had ", " children."),
            ("Redmond", "Washington", "It moved to ", ", Washington."),
            ("1.4", "Go 1.5", "Go ", " came out."),
            // Words that are not beside the gap are no context.
            ("four", "four sons", "She had ", " children."),
        ];
        for (answer, given, before, after) in wrong {
            assert_eq!(
                gap(answer, given, before, after),
                Verdict::Wrong {
                    missing: Vec::new()
                },
                "{given:?} for {before}[{answer}]{after}"
            );
        }
    }

    #[test]
    fn an_exact_card_takes_the_answer_alone() {
        let exact = Strictness {
            exact: true,
            ..Strictness::default()
        };
        assert!(
            !judge_gap(
                &text("four"),
                exact,
                "four children",
                "She had ",
                " children."
            )
            .is_accepted()
        );
    }
}
