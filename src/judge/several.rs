//! Several-answer cards: the given text is cut at commas, semicolons, slashes, new lines,
//! "and" and "&" (or, when it has none of them, at its spaces), pieces that only make
//! sense together are glued back, and each expected part is matched to one given part.
//! A part given twice counts once. At least half of the parts and nothing wrong is close;
//! the verdict names the parts that are missing.

use super::compare::{Fit, Form, fit};
use super::dates::MAX_DATE_WORDS;
use super::names::{NameFit, fit_name};
use super::normalise::{fold, tokens, words};
use super::{Reason, Verdict, as_written};

/// The given text cut at every separator. Each piece is a run of words; `and_seps[i]`
/// says whether pieces `i` and `i + 1` were joined by "and"/"&" (as opposed to a comma
/// or similar), which matters when they are glued back together to match an expected
/// part such as "Marx and Engels".
struct Pieces {
    pieces: Vec<Vec<String>>,
    and_seps: Vec<bool>,
}

impl Pieces {
    /// `slash`: whether "/" separates (not when a part has one, as "2/5" does).
    /// `spaces`: whether every word is a piece of its own.
    fn split(given: &str, slash: bool, spaces: bool) -> Self {
        let mut out = Pieces {
            pieces: Vec::new(),
            and_seps: Vec::new(),
        };
        let mut pending_and = false;
        let separator = |c: char| matches!(c, ',' | ';' | '\n' | '\r') || (slash && c == '/');
        for chunk in fold(given).split(separator) {
            let mut current = Vec::new();
            for word in tokens(chunk) {
                if word == "and" {
                    out.push(std::mem::take(&mut current), &mut pending_and);
                    pending_and = true;
                } else if spaces {
                    out.push(vec![word], &mut pending_and);
                } else {
                    current.push(word);
                }
            }
            out.push(current, &mut pending_and);
        }
        out
    }

    /// Empty pieces (", and", doubled commas) are dropped rather than counted as extras.
    fn push(&mut self, piece: Vec<String>, pending_and: &mut bool) {
        if piece.is_empty() {
            return;
        }
        if !self.pieces.is_empty() {
            self.and_seps.push(*pending_and);
        }
        *pending_and = false;
        self.pieces.push(piece);
    }

    /// Pieces `start..start + len` as one answer, restoring the "and"s between them.
    fn joined(&self, start: usize, len: usize) -> Vec<String> {
        let mut words = Vec::new();
        for (offset, piece) in self.pieces.iter().skip(start).take(len).enumerate() {
            if offset > 0 && self.and_seps.get(start + offset - 1).copied() == Some(true) {
                words.push("and".to_string());
            }
            words.extend(piece.iter().cloned());
        }
        words
    }
}

pub(super) fn judge_several(parts: &[String], given: &str) -> Verdict {
    let targets: Vec<Form> = parts.iter().map(|part| Form::new(words(part))).collect();
    let slash = !parts.iter().any(|part| part.contains('/'));
    let pieces = Pieces::split(given, slash, false);
    let single = pieces.pieces.len() == 1 && pieces.pieces[0].len() > 1;
    let verdict = judge_pieces(parts, &targets, &pieces);
    // "red green blue": parts written with spaces only, read as a list when that fits better.
    if single && verdict != Verdict::Right {
        let apart = judge_pieces(parts, &targets, &Pieces::split(given, slash, true));
        if apart.is_accepted() {
            return apart;
        }
    }
    verdict
}

fn judge_pieces(parts: &[String], targets: &[Form], pieces: &Pieces) -> Verdict {
    let given_parts = group_pieces(pieces, targets);

    // A person's part may be given as a name is (`Born` for `Max Born`, `W. Heisenberg`),
    // as a text answer may: the surname alone is close.
    let mut by_surname = vec![vec![false; targets.len()]; given_parts.len()];
    let fits: Vec<Vec<Option<Fit>>> = given_parts
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            targets
                .iter()
                .zip(parts)
                .enumerate()
                .map(|(e, (t, part))| {
                    fit(t, g).or_else(|| match fit_name(part, &g.words.join(" ")) {
                        Some(NameFit::Full(0)) => Some(Fit::Exact),
                        Some(NameFit::Full(edits)) => Some(Fit::Close(edits)),
                        Some(NameFit::Partial(Reason::SurnameOnly)) => {
                            by_surname[gi][e] = true;
                            Some(Fit::Close(1))
                        }
                        Some(NameFit::Partial(_)) | None => None,
                    })
                })
                .collect()
        })
        .collect();

    // owner[e] is the given part matched to expected part e.
    let mut owner: Vec<Option<usize>> = vec![None; targets.len()];
    let mut locked = vec![false; targets.len()];
    let mut used = vec![false; given_parts.len()];

    // Exact matches first: they can never be a worse reading than a typo.
    for (g, row) in fits.iter().enumerate() {
        let free_exact = row
            .iter()
            .enumerate()
            .find(|(e, f)| owner[*e].is_none() && **f == Some(Fit::Exact));
        if let Some((e, _)) = free_exact {
            owner[e] = Some(g);
            locked[e] = true;
            used[g] = true;
        }
    }

    // Then the typos, as a maximum matching so that one greedy choice cannot
    // strand another part that had only one possible partner.
    let close_edges: Vec<Vec<usize>> = fits
        .iter()
        .map(|row| {
            let mut edges: Vec<(usize, usize)> = row
                .iter()
                .enumerate()
                .filter(|(e, _)| !locked[*e])
                .filter_map(|(e, f)| match f {
                    Some(Fit::Close(edits)) => Some((*edits, e)),
                    _ => None,
                })
                .collect();
            edges.sort_unstable();
            edges.into_iter().map(|(_, e)| e).collect()
        })
        .collect();
    for (g, _) in used.iter().enumerate().filter(|(_, used)| !**used) {
        let mut seen = vec![false; targets.len()];
        augment(g, &close_edges, &mut owner, &mut seen);
    }

    let mut matched_given = vec![false; given_parts.len()];
    let mut missing = Vec::new();
    let mut any_close = false;
    let mut all_surnames = true;
    for (e, part) in parts.iter().enumerate() {
        match owner[e] {
            Some(g) => {
                matched_given[g] = true;
                any_close |= !locked[e];
                all_surnames &= locked[e] || by_surname[g][e];
            }
            None => missing.push(part.trim().to_string()),
        }
    }
    // A part given twice ("Lenin, Lenin") is not a wrong extra: it fits a matched part.
    let extras = matched_given.iter().zip(&fits).any(|(matched, row)| {
        !matched
            && !row
                .iter()
                .zip(&owner)
                .any(|(fit, owner)| fit.is_some() && owner.is_some())
    });
    let found = parts.len() - missing.len();

    if extras || parts.is_empty() || (!missing.is_empty() && found * 2 < parts.len()) {
        Verdict::Wrong { missing }
    } else if any_close || !missing.is_empty() {
        let reason = if missing.is_empty() && all_surnames {
            Reason::SurnameOnly
        } else if missing.is_empty() {
            Reason::Typo
        } else {
            Reason::SomeParts
        };
        Verdict::Close {
            correct: as_written(parts).join(", "),
            missing,
            reason,
        }
    } else {
        Verdict::Right
    }
}

/// Re-glues pieces that only make sense together. At each position the longest run of
/// pieces that fits some expected part wins, so "Marx and Engels" stays whole when the
/// deck wants it whole, and is two parts when the deck lists Marx and Engels apart.
fn group_pieces(pieces: &Pieces, targets: &[Form]) -> Vec<Form> {
    let sizes: Vec<usize> = targets.iter().map(|t| t.words.len()).collect();
    let any_date = targets.iter().any(|t| t.date.is_some());
    // Only runs of a length some expected part could fit are worth building, which
    // keeps a long pasted answer from being re-read at every possible length.
    let worth_trying = |words: usize| {
        sizes.iter().any(|&n| words == n || words == n + 1) || (any_date && words <= MAX_DATE_WORDS)
    };
    // Every piece has a word, so a run of more pieces than that can never fit.
    let most_pieces = sizes.iter().copied().max().unwrap_or(0).max(MAX_DATE_WORDS) + 1;

    // Prefix sums, so the word count of any run is known without joining it.
    let mut words_before = vec![0];
    let mut ands_before = vec![0];
    for piece in &pieces.pieces {
        words_before.push(words_before.last().copied().unwrap_or(0) + piece.len());
    }
    for &and in &pieces.and_seps {
        ands_before.push(ands_before.last().copied().unwrap_or(0) + usize::from(and));
    }
    let run_words = |start: usize, len: usize| {
        let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(0);
        at(&words_before, start + len) - at(&words_before, start)
            + at(&ands_before, start + len - 1)
            - at(&ands_before, start)
    };

    let count = pieces.pieces.len();
    let mut grouped = Vec::new();
    let mut start = 0;
    while start < count {
        let longest = (2..=most_pieces.min(count - start))
            .rev()
            .filter(|&len| worth_trying(run_words(start, len)))
            .find_map(|len| {
                let form = Form::new(pieces.joined(start, len));
                targets
                    .iter()
                    .any(|t| fit(t, &form).is_some())
                    .then_some((len, form))
            });
        let (len, form) = longest.unwrap_or_else(|| (1, Form::new(pieces.joined(start, 1))));
        grouped.push(form);
        start += len;
    }
    grouped
}

/// One step of Kuhn's augmenting-path matching. The depth is bounded by the number
/// of expected parts, since each level marks a different one as seen.
fn augment(g: usize, edges: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    let Some(candidates) = edges.get(g) else {
        return false;
    };
    for &e in candidates {
        if seen[e] {
            continue;
        }
        seen[e] = true;
        let free = match owner[e] {
            None => true,
            Some(other) => augment(other, edges, owner, seen),
        };
        if free {
            owner[e] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::judge::testing::{check, close, missing, no, several};
    use crate::judge::{Reason, Verdict};

    fn close_missing(all: &str, parts: &[&str]) -> Verdict {
        Verdict::Close {
            correct: all.to_string(),
            missing: parts.iter().map(|p| p.to_string()).collect(),
            reason: if parts.is_empty() {
                Reason::Typo
            } else {
                Reason::SomeParts
            },
        }
    }

    #[test]
    fn several_in_any_order_with_commas() {
        let card = several(&["Lenin", "Trotsky", "Stalin"]);
        check(&card, "Stalin, Lenin, Trotsky", Verdict::Right);
    }

    #[test]
    fn several_with_semicolons() {
        check(
            &several(&["Lenin", "Stalin"]),
            "stalin; lenin",
            Verdict::Right,
        );
    }

    #[test]
    fn several_with_newlines() {
        check(
            &several(&["Lenin", "Stalin"]),
            "Stalin\r\nLenin\n",
            Verdict::Right,
        );
    }

    #[test]
    fn several_with_ampersand() {
        check(
            &several(&["Lenin", "Stalin"]),
            "Stalin & Lenin",
            Verdict::Right,
        );
    }

    #[test]
    fn several_with_and() {
        check(
            &several(&["Lenin", "Stalin"]),
            "Stalin and Lenin",
            Verdict::Right,
        );
    }

    #[test]
    fn several_with_oxford_comma_and() {
        let card = several(&["Lenin", "Trotsky", "Stalin"]);
        check(&card, "Trotsky, Stalin, and Lenin", Verdict::Right);
    }

    #[test]
    fn several_with_mixed_separators() {
        let card = several(&["Lenin", "Trotsky", "Stalin", "Bukharin"]);
        check(&card, "Trotsky; Stalin\nBukharin & Lenin", Verdict::Right);
    }

    #[test]
    fn several_folds_each_part() {
        let card = several(&["Khrushchëv", "Marxist-Leninist"]);
        check(&card, "marxist leninist, KHRUSHCHEV", Verdict::Right);
    }

    #[test]
    fn several_missing_part_is_named() {
        let card = several(&["Lenin", "Trotsky", "Stalin"]);
        check(
            &card,
            "Stalin, Lenin",
            close_missing("Lenin, Trotsky, Stalin", &["Trotsky"]),
        );
    }

    #[test]
    fn several_missing_parts_in_deck_order() {
        let card = several(&["Lenin", "Trotsky", "Stalin"]);
        check(&card, "Trotsky", missing(&["Lenin", "Stalin"]));
    }

    #[test]
    fn several_half_without_a_wrong_part_is_close() {
        let card = several(&["Paris", "London", "Rome", "Berlin"]);
        check(
            &card,
            "Paris, London",
            close_missing("Paris, London, Rome, Berlin", &["Rome", "Berlin"]),
        );
        check(&card, "Paris", missing(&["London", "Rome", "Berlin"]));
        check(
            &card,
            "Paris, Paris, London",
            close_missing("Paris, London, Rome, Berlin", &["Rome", "Berlin"]),
        );
        check(&card, "Paris, London, Madrid", missing(&["Rome", "Berlin"]));
    }

    #[test]
    fn several_with_slashes_unless_a_part_has_one() {
        let card = several(&["red", "green", "blue"]);
        check(&card, "red/green / blue", Verdict::Right);
        let card = several(&["2/5", "3/4"]);
        check(&card, "3/4, 2/5", Verdict::Right);
    }

    #[test]
    fn several_with_spaces_only() {
        check(
            &several(&["red", "green", "blue"]),
            "blue red green",
            Verdict::Right,
        );
        let card = several(&["New York", "Los Angeles"]);
        check(&card, "New York Los Angeles", Verdict::Right);
        check(
            &several(&["red", "green"]),
            "red green yellow",
            missing(&["red", "green"]),
        );
    }

    #[test]
    fn several_extra_wrong_part_is_wrong() {
        let card = several(&["Lenin", "Stalin"]);
        check(&card, "Lenin, Stalin, Kerensky", no());
    }

    #[test]
    fn several_extra_part_and_missing_part() {
        let card = several(&["Lenin", "Stalin"]);
        check(&card, "Lenin, Kerensky", missing(&["Stalin"]));
    }

    #[test]
    fn several_duplicate_part_does_not_count_twice() {
        let card = several(&["Lenin", "Stalin"]);
        check(
            &card,
            "Lenin, Lenin",
            close_missing("Lenin, Stalin", &["Stalin"]),
        );
    }

    #[test]
    fn several_part_containing_and() {
        let card = several(&["Marx and Engels", "Lenin"]);
        check(&card, "Lenin and Marx and Engels", Verdict::Right);
        check(&card, "Marx and Engels, Lenin", Verdict::Right);
        check(&card, "Lenin, Marx & Engels", Verdict::Right);
    }

    #[test]
    fn several_part_containing_and_missing_half() {
        let card = several(&["Marx and Engels", "Lenin"]);
        check(&card, "Lenin, Marx", missing(&["Marx and Engels"]));
    }

    #[test]
    fn several_separate_parts_joined_by_and() {
        let card = several(&["Marx", "Engels"]);
        check(&card, "Marx and Engels", Verdict::Right);
    }

    #[test]
    fn several_part_containing_a_comma() {
        let card = several(&["Washington, D.C.", "Moscow"]);
        check(&card, "Moscow, Washington DC", Verdict::Right);
    }

    #[test]
    fn several_date_part_with_comma() {
        let card = several(&["1956-02-25", "Khrushchev"]);
        check(&card, "Khrushchev, February 25, 1956", Verdict::Right);
    }

    #[test]
    fn several_long_date_part_with_commas() {
        let card = several(&["Khrushchev", "1956-02-25"]);
        check(
            &card,
            "Saturday, the 25th of February, 1956 and Khrushchev",
            Verdict::Right,
        );
    }

    #[test]
    fn several_with_articles_in_parts() {
        let card = several(&["Bolsheviks", "Mensheviks"]);
        check(&card, "the Mensheviks and the Bolsheviks", Verdict::Right);
    }

    #[test]
    fn several_typo_part_is_close_with_all_parts() {
        let card = several(&["Lenin", "Trotsky", "Stalin"]);
        check(
            &card,
            "Stailn, Lenin, Trotsky",
            close("Lenin, Trotsky, Stalin"),
        );
    }

    #[test]
    fn several_typo_prefers_exact_partner() {
        // "Kamenev" is exact for one part, so the typo must go to the other one.
        let card = several(&["Kamenev", "Kameneva"]);
        check(&card, "Kameneva, Kamenev", Verdict::Right);
        check(&card, "Kamenev, Kamenewa", close("Kamenev, Kameneva"));
    }

    #[test]
    fn several_typos_are_matched_so_every_part_finds_a_partner() {
        // The first typo fits both parts; taking "Kameneva" for it would strand the second.
        let card = several(&["Kameneva", "Kamenev"]);
        check(&card, "Kamenevb, Kamenevaa", close("Kameneva, Kamenev"));
    }

    #[test]
    fn several_short_word_typo_is_missing() {
        let card = several(&["Marx", "Lenin"]);
        check(&card, "Manx, Lenin", missing(&["Marx"]));
    }

    #[test]
    fn several_empty_answer_misses_everything() {
        let card = several(&["Lenin", "Stalin"]);
        check(&card, "", missing(&["Lenin", "Stalin"]));
        check(&card, "  ", missing(&["Lenin", "Stalin"]));
    }

    #[test]
    fn several_only_separators_misses_everything() {
        let card = several(&["Lenin", "Stalin"]);
        check(&card, ", ; and &", missing(&["Lenin", "Stalin"]));
    }
}
