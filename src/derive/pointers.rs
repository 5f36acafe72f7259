//! Numbers that point somewhere rather than state a fact: a figure, box or page of the
//! document (`(Box 1)`, `Figure 2`, `Videos 1–4`), a place in the statute book
//! (`section 801(a)(2)(A) of title 5`, `5 U.S.C. § 553`, `62 Fed. Reg. 64741`), a telephone
//! number (`(202) 512-8210`) and a hashtag (`#GoTurns10`). A learner cannot recall them and
//! a teacher would not ask them, so their words are taken before any fact is looked for;
//! each piece gapped alone was a bad card of the fourth set (issue 15).

use std::ops::Range;

use super::words::{all_digits, is_number};

/// Words before a number that points into a document or a code of law.
#[rustfmt::skip]
const REFERENCES: [&str; 28] = [
    "figure", "figures", "fig", "figs", "box", "boxes", "table", "tables", "video", "videos",
    "chapter", "chapters", "appendix", "app", "section", "sections", "page", "pages", "pp",
    "panel", "panels", "equation", "eq", "exhibit", "annex", "plate", "title", "paragraph",
];

/// The tokens of `text` that are pointers, never gaps.
pub(super) fn pointers(text: &str, tokens: &[Range<usize>]) -> Vec<usize> {
    let word = |k: usize| &text[tokens[k].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    let numeral = |k: usize| {
        let w = word(k);
        w.starts_with(|c: char| c.is_ascii_digit())
            || (w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
            // `Figure ES-1`, `Table A-2`: an appendix's letters before the number.
            || (w.len() <= 6
                && w.contains('-')
                && w.ends_with(|c: char| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
    };
    let mut out = Vec::new();
    // A list of numbers after a pointer word or `§`: `sections 1, 2, 4(i), and 310`.
    let list = |from: usize, out: &mut Vec<usize>| {
        let mut k = from;
        while k < tokens.len() && numeral(k) {
            out.push(k);
            if k + 1 < tokens.len() && matches!(between(k, k + 1), ", " | "-") && numeral(k + 1) {
                k += 1;
            } else if k + 2 < tokens.len()
                && matches!(word(k + 1), "and" | "or" | "through" | "to")
                && numeral(k + 2)
            {
                k += 2;
            } else {
                break;
            }
        }
    };
    for i in 0..tokens.len() {
        let w = word(i);
        let lower = w.to_lowercase();
        let next_is_number = i + 1 < tokens.len() && between(i, i + 1) == " " && numeral(i + 1);
        if REFERENCES.contains(&lower.as_str()) && next_is_number {
            out.push(i);
            list(i + 1, &mut out);
        }
        if text[..tokens[i].start].trim_end().ends_with('§') && numeral(i) {
            list(i, &mut out);
        }
        // `section 801(a)(2)(A)`: a number glued to a bracketed letter or digit is a
        // citation, brackets and all.
        if w.starts_with(|c: char| c.is_ascii_digit()) && text[tokens[i].end..].starts_with('(') {
            out.push(i);
            let mut at = tokens[i].end;
            while text[at..].starts_with('(') {
                let Some(close) = text[at..].find(')') else {
                    break;
                };
                let inside = &text[at + 1..at + close];
                if inside.is_empty()
                    || inside.len() > 4
                    || !inside.chars().all(char::is_alphanumeric)
                {
                    break;
                }
                out.extend(
                    (i + 1..tokens.len())
                        .filter(|&t| tokens[t].start > at && tokens[t].end <= at + close),
                );
                at += close + 1;
            }
        }
        // `5 U.S.C.`, `62 Fed. Reg. 64741`, `40 C.F.R.`: a title and a page of a code.
        if w.starts_with(|c: char| c.is_ascii_digit())
            && tokens.get(i + 1).is_some_and(|n| {
                matches!(
                    &text[n.clone()],
                    "U.S.C." | "U.S.C" | "USC" | "C.F.R." | "C.F.R" | "CFR" | "Fed"
                )
            })
        {
            out.extend([i, i + 1]);
            if tokens.get(i + 2).is_some_and(|t| &text[t.clone()] == "Reg") {
                out.push(i + 2);
            }
        }
        if i > 0
            && is_number(w)
            && matches!(word(i - 1), "Reg" | "Stat")
            && between(i - 1, i) == ". "
        {
            out.push(i);
        }
        // `(202) 512-8210`, `202-512-8210`: telephone numbers.
        // A range such as `150-2000` has the shape too: a telephone number says so by its
        // area code, its three groups, or a word before it.
        let area = i > 0
            && word(i - 1).len() == 3
            && all_digits(word(i - 1))
            && (between(i - 1, i) == ") " && text[..tokens[i - 1].start].ends_with('(')
                || matches!(between(i - 1, i), "/" | "."));
        let called = (i.saturating_sub(3)..i).any(|k| {
            matches!(
                word(k).to_lowercase().as_str(),
                "phone" | "telephone" | "tel" | "fax" | "call" | "at" | "contact" | "reached"
            )
        });
        if is_phone(w) && (area || called || w.matches('-').count() >= 2) {
            out.push(i);
            // Its area code: `(202) 512-8210`, `202/358-1776`, `202.358.1776`.
            if area {
                out.push(i - 1);
            }
        }
        if text[..tokens[i].start].ends_with(['#', '@']) {
            out.push(i);
        }
    }
    out
}

/// `512-8210`, `202-512-8210`, `1-800-555-0100`: digits in groups of a telephone number.
fn is_phone(word: &str) -> bool {
    let groups: Vec<&str> = word.split('-').collect();
    let digits = |g: &&str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    groups.iter().all(digits)
        && groups.last().is_some_and(|g| g.len() == 4)
        && groups.len() >= 2
        && groups[groups.len() - 2].len() == 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::words::tokenize;

    fn taken(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let mut out: Vec<usize> = pointers(text, &tokens);
        out.sort_unstable();
        out.dedup();
        out.into_iter()
            .map(|t| text[tokens[t].clone()].to_string())
            .collect()
    }

    #[test]
    fn references_citations_phones_and_hashtags_are_no_facts() {
        assert_eq!(taken("lifespan by 70% (Box 1)."), ["Box", "1"]);
        assert_eq!(taken("cell survival (Figure 1)."), ["Figure", "1"]);
        assert_eq!(taken("as shown in Table ES-2 below"), ["Table", "ES-2"]);
        assert_eq!(taken("as vigorous [Videos 1–4]."), ["Videos", "1–4"]);
        assert_eq!(
            taken("Pursuant to section 801(a)(2)(A) of title 5, United States Code, this"),
            ["section", "801", "a", "2", "A", "title", "5"]
        );
        assert_eq!(
            taken("contained in 5 U.S.C. § 553. On June"),
            ["5", "U.S.C.", "553"]
        );
        assert_eq!(
            taken("the Act, 5 U.S.C. §§ 603-605, 607, and 609 apply"),
            ["5", "U.S.C.", "603-605", "607", "609"]
        );
        assert_eq!(
            taken("proposal. 62 Fed. Reg. 32966. In"),
            ["62", "Fed", "Reg", "32966"]
        );
        assert_eq!(taken("at (202) 512-8210."), ["202", "512-8210"]);
        assert_eq!(taken("(Phone: 202/358-1776)"), ["202", "358-1776"]);
        assert_eq!(taken("As #GoTurns10, I hope"), ["GoTurns10"]);
        // Facts stay: a count, a year, a law's number after its letters, an amount.
        assert!(taken("In 2019 there are 150 groups with 90,000 members.").is_empty());
        assert!(taken("under PL 104-134 the $329 million").is_empty());
        assert!(taken("groups of 150-2000 members").is_empty());
        assert!(taken("the Communications Act of 1934 and sections of it").is_empty());
    }
}
