//! Facts → gaps: which of a sentence's facts are worth asking, and why the others are not.
//!
//! Candidates are ranked by how much a learner learns from them: dates, clock times and
//! numbers with units first, then years and counts, a label's value, quoted and emphasised
//! terms, names of several words, ordinals, single capitalised words. Some are never asked:
//! the document's own subject (its title's words, or a name that fills much of the name
//! mentions), a bare nationality adjective, anything inside direct speech (but a quoted term
//! itself), a gap whose text can be read elsewhere in the card, and a name an earlier card
//! already asks when the sentence has something else. There is no fixed number of gaps: a
//! gap is made while enough of the sentence stays visible to say what is asked, and each
//! candidate left out is named with its reason, for `--explain`.

use std::collections::HashSet;
use std::ops::Range;

use super::facts::{Category, Context, Fact};
use super::sentences::Sentence;
use super::vocabulary::{ADJECTIVE_ENDINGS, FUNCTION_WORDS, NATIONALITIES, PARTICLES};
use crate::judge;

/// Words a card must keep visible besides its gaps, so the prompt still says something.
const MIN_CONTEXT_WORDS: usize = 3;
/// And at least this share of its words (in percent).
const MIN_CONTEXT_SHARE: usize = 40;

/// The gaps of one card, in reading order, and a line per candidate saying what became
/// of it.
#[derive(Debug, Clone, Default)]
pub(super) struct Choice {
    pub(super) gaps: Vec<Fact>,
    pub(super) notes: Vec<String>,
}

fn score(fact: &Fact, text: &str) -> u32 {
    let words = text[fact.range.clone()].split_whitespace().count();
    match fact.category {
        Category::Date => 100,
        Category::Time => 95,
        Category::Measure => 92,
        Category::Year => 88,
        Category::Count => 80,
        Category::Value => 78,
        Category::Quote | Category::Term => 72,
        Category::Name => 65 + u32::try_from(words.min(4)).unwrap_or(0),
        Category::Ordinal => 60,
        Category::Word => 50,
    }
}

/// Why `fact` is not asked, if it is not.
fn dropped(
    fact: &Fact,
    sentence: &Sentence,
    context: &Context,
    used: &HashSet<String>,
    others: bool,
) -> Option<&'static str> {
    let text = sentence.text.as_str();
    let key = judge::normalise(&text[fact.range.clone()]);
    let named = matches!(
        fact.category,
        Category::Name | Category::Word | Category::Quote | Category::Term | Category::Value
    );
    if key.is_empty() {
        return Some("nothing to ask");
    }
    if fact.in_speech {
        return Some("inside direct speech");
    }
    if !hidden(fact, text, &key) {
        return Some("its text can be read elsewhere in the card");
    }
    let lower = text[fact.range.clone()].to_lowercase();
    let adjective = lower
        .split(' ')
        .all(|w| NATIONALITIES.contains(&w) || matches!(w, "east" | "west" | "north" | "south"))
        || ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e));
    // `Leninist`, `Marxist-Leninist`: an adjective made from a name asks little.
    let from_name =
        fact.category == Category::Word && (lower.ends_with("ist") || lower.ends_with("ists"));
    if matches!(fact.category, Category::Name | Category::Word) && (adjective || from_name) {
        return Some("a nationality or other adjective");
    }
    // `Stalinist`, `Stalinism`: made from the subject's name.
    if fact.category == Category::Word
        && context
            .subject
            .iter()
            .any(|w| w.chars().count() >= 5 && key.starts_with(w.as_str()))
    {
        return Some("the document's own subject");
    }
    if named
        && fact.category != Category::Value
        && key
            .split(' ')
            .filter(|w| !FUNCTION_WORDS.contains(w) && !PARTICLES.contains(w))
            .all(|w| context.subject.contains(w))
    {
        return Some("the document's own subject");
    }
    let repeatable = matches!(fact.category, Category::Name | Category::Word) && !others;
    // `Okafor` after `Helen Okafor`: the surname of a name already asked.
    let surname =
        fact.category == Category::Word && used.iter().any(|u| u.ends_with(&format!(" {key}")));
    if named && fact.category != Category::Value && (used.contains(&key) || surname) && !repeatable
    {
        return Some("an earlier card asks it already");
    }
    None
}

/// Whether the fact's text cannot be read elsewhere in the sentence (the hidden
/// conversion aside).
fn hidden(fact: &Fact, text: &str, key: &str) -> bool {
    let mut rest = String::new();
    rest.push(' ');
    rest.push_str(&judge::normalise(&text[..fact.range.start]));
    rest.push(' ');
    let after = fact.hide.as_ref().map_or(fact.range.end, |h| h.end);
    rest.push_str(&judge::normalise(&text[after..]));
    rest.push(' ');
    // `Stalin’s` and `Soviets` give away `Stalin` and `Soviet` as well.
    !rest.contains(&format!(" {key} ")) && !rest.contains(&format!(" {key}s "))
}

/// The card's gaps among `found`, best first until the sentence would say too little.
pub(super) fn choose(
    sentence: &Sentence,
    found: &[Fact],
    context: &Context,
    used: &HashSet<String>,
) -> Choice {
    let text = sentence.text.as_str();
    let shown = |fact: &Fact| {
        format!(
            "{} ({})",
            crate::escape::escape_line(&text[fact.range.clone()]),
            fact.category.label()
        )
    };
    let mut notes = Vec::new();
    let fresh = found
        .iter()
        .filter(|f| !used.contains(&judge::normalise(&text[f.range.clone()])))
        .count();
    let mut candidates: Vec<&Fact> = Vec::new();
    for fact in found {
        let others = fresh > 0;
        match dropped(fact, sentence, context, used, others) {
            Some(reason) => notes.push(format!("  - {}: not asked, {reason}", shown(fact))),
            None => candidates.push(fact),
        }
    }
    candidates.sort_by_key(|f| (std::cmp::Reverse(score(f, text)), f.range.start));
    let total = words(text, &[]);
    // A `Label: value` line keeps its label in sight; that is all it needs.
    let needed = if sentence.value {
        1
    } else {
        MIN_CONTEXT_WORDS.max(total * MIN_CONTEXT_SHARE / 100)
    };
    let mut gaps: Vec<Fact> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    for fact in candidates {
        let key = judge::normalise(&text[fact.range.clone()]);
        if !keys.insert(key) {
            notes.push(format!(
                "  - {}: not asked, the card asks it once",
                shown(fact)
            ));
            continue;
        }
        let mut with: Vec<Range<usize>> = gaps.iter().map(|g| g.range.clone()).collect();
        with.push(fact.range.clone());
        if words(text, &with) < needed {
            notes.push(format!(
                "  - {}: not asked, too little of the sentence would stay visible",
                shown(fact)
            ));
            continue;
        }
        notes.push(format!("  + {}: asked", shown(fact)));
        gaps.push(fact.clone());
    }
    gaps.sort_by_key(|f| f.range.start);
    Choice { gaps, notes }
}

/// Words of `text` left visible with `gaps` taken out.
fn words(text: &str, gaps: &[Range<usize>]) -> usize {
    let mut rest = text.to_string();
    let mut ranges: Vec<&Range<usize>> = gaps.iter().collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    for range in ranges {
        rest.replace_range(range.clone(), " ");
    }
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
