//! Sentence → facts: what in one sentence a learner would be asked about, and which of
//! those become the card's gaps.
//!
//! Facts are full dates, years and ranges of years, numbers (with their unit), ordinals,
//! quoted terms and proper names, found by the shape of the words alone (no grammar). A
//! card gets at most three gaps, dates and numbers first, then names; a gap whose text can
//! still be read elsewhere in the same sentence is not made.

use std::collections::HashSet;
use std::ops::Range;

use super::sentences::{Sentence, ends_sentence};
use super::vocabulary::{
    FUNCTION_WORDS, MINOR_WORDS, PARTICLES, UNITS, WEEKDAYS, is_month_abbreviation, is_month_name,
};
use crate::judge::{self, Shape};

/// At most this many gaps in one card.
const MAX_GAPS: usize = 3;
/// At most this many of them dates or numbers, so a name gets a place too.
const MAX_NUMERIC: usize = 2;
/// Words a card must keep visible besides its gaps, so the prompt still says something.
const MIN_CONTEXT_WORDS: usize = 3;
/// The longest proper name taken as one gap; a longer capitalised run is split at its
/// particles (`First Secretary of the Communist Party` → two names).
const MAX_NAME_WORDS: usize = 6;
/// A quoted term longer than this is a quotation, not a term.
const MAX_QUOTE_WORDS: usize = 6;

/// What a fact is; the order is the order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Date,
    Year,
    Number,
    Quote,
    Name,
    /// A single capitalised word: the weakest guess, used only to reach two gaps.
    Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fact {
    pub(super) range: Range<usize>,
    category: Category,
}

/// Words in a sentence: runs of letters and digits joined by inner hyphens, apostrophes,
/// digit groups (`1,400`, `3.5`) and dotted letters (`U.S.`).
fn tokenize(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(pos, _)| pos);
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut segment = i;
        let mut j = i + 1;
        loop {
            match at(j) {
                Some(c) if c.is_alphanumeric() => j += 1,
                Some(c) => {
                    let prev = chars[j - 1].1;
                    let next = at(j + 1).unwrap_or(' ');
                    let joins = match c {
                        '-' | '‐' | '‑' | '–' => {
                            prev.is_alphanumeric() && next.is_alphanumeric()
                        }
                        '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
                        ',' => {
                            prev.is_ascii_digit()
                                && (1..=3).all(|k| at(j + k).is_some_and(|d| d.is_ascii_digit()))
                                && !at(j + 4).is_some_and(char::is_alphanumeric)
                        }
                        '.' => {
                            (prev.is_ascii_digit() && next.is_ascii_digit())
                                || (j - segment == 1
                                    && prev.is_alphabetic()
                                    && next.is_alphabetic()
                                    && !at(j + 2).is_some_and(char::is_alphanumeric))
                        }
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    j += 2;
                    segment = j - 1;
                }
                None => break,
            }
        }
        // The closing dot of dotted letters: `U.S.`
        let word = &text[byte(start)..byte(j)];
        if at(j) == Some('.') && word.contains('.') && is_dotted(word) {
            j += 1;
        }
        out.push(byte(start)..byte(j));
        i = j;
    }
    out
}

fn is_dotted(word: &str) -> bool {
    word.trim_end_matches('.')
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}
/// Capitalised month name, in full or abbreviated.
fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    capitalised(word) && (is_month_name(&lower) || is_month_abbreviation(&lower))
}
fn is_day(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    (1..=2).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && ["", "st", "nd", "rd", "th"].contains(&suffix.as_str())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn all_digits(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

fn is_year(word: &str) -> bool {
    all_digits(word) && (3..=4).contains(&word.len())
}

/// A four-digit number that reads as a year of history (1000–2100).
fn is_plain_year(word: &str) -> bool {
    all_digits(word)
        && word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1000..=2100).contains(&y))
}

/// `1924-1953`, `1924–53`.
fn is_year_range(word: &str) -> bool {
    word.split_once(['-', '–', '‐', '‑'])
        .is_some_and(|(from, to)| is_year(from) && all_digits(to) && (2..=4).contains(&to.len()))
}

/// `1930s`.
fn is_decade(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|d| is_year(d) && d.ends_with('0'))
}

/// `20th`, `1st`, `3rd`.
fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word[digits.len()..].to_ascii_lowercase();
    all_digits(digits) && ["st", "nd", "rd", "th"].contains(&suffix.as_str())
}

/// `1,400`, `3.5`, `12`.
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A name's word without its possessive: `Stalin’s` → `Stalin`.
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// A capitalised word that may be part of a name (not a month, weekday or function word).
fn name_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    capitalised(word)
        && word.chars().any(char::is_alphabetic)
        && !is_month_name(&lower)
        && !WEEKDAYS.contains(&lower.as_str())
        && !FUNCTION_WORDS.contains(&lower.as_str())
}

/// Title Case Text says nothing about which words are names: a heading (no full stop at
/// the end) with three capitals in four words, or a sentence with nothing but capitals.
fn title_case(text: &str) -> bool {
    let words: Vec<&str> = tokenize(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|w| w.starts_with(char::is_alphabetic))
        .filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    let heading = !ends_sentence(text);
    words.len() >= 3 && (caps == words.len() || (heading && caps * 4 >= words.len() * 3))
}

/// Capitalised words seen inside sentences (not first, not after a quote or colon): a
/// sentence's first word is taken as part of a name only when it is one of these, or
/// starts a run of capitalised words.
pub(super) fn known_names(sentences: &[Sentence]) -> HashSet<String> {
    let mut known = HashSet::new();
    for sentence in sentences {
        let body = &sentence.text[sentence.body..];
        if title_case(body) {
            continue;
        }
        let tokens = tokenize(body);
        for pair in tokens.windows(2) {
            let between = body[pair[0].end..pair[1].start].trim_end();
            let word = &body[pair[1].clone()];
            if capitalised(word) && !between.ends_with([':', '"', '“', '‘', '\'', '(', '«']) {
                known.insert(without_possessive(word).to_string());
            }
        }
    }
    known
}

/// Every fact found in a sentence, none overlapping, most specific kinds first.
pub(super) fn facts(sentence: &Sentence, known: &HashSet<String>) -> Vec<Fact> {
    let text = sentence.text.as_str();
    let tokens = tokenize(text);
    let word = |i: usize| &text[tokens[i].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    let mut claimed = vec![false; tokens.len()];
    let mut found: Vec<Fact> = Vec::new();

    // Dates: `February 25, 1956`, `25 February 1956`, `March 1958`, `February 25`, `1956-02-25`.
    let mut i = 0;
    while i < tokens.len() {
        let span = date_at(text, &tokens, i);
        match span {
            Some(last) => {
                let range = tokens[i].start..tokens[last].end;
                claim(&mut found, &mut claimed, i..=last, range, Category::Date);
                i = last + 1;
            }
            None => i += 1,
        }
    }

    // Years, ranges, decades, ordinals, numbers with their unit.
    for i in 0..tokens.len() {
        if claimed[i] {
            continue;
        }
        let w = word(i);
        if !w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut last = i;
        let mut end = tokens[i].end;
        let category = if is_year_range(w) || is_decade(w) {
            Category::Year
        } else if is_ordinal(w) {
            // `20th Congress`: the ordinal with what it counts, when that is a name.
            if i + 1 < tokens.len()
                && !claimed[i + 1]
                && between(i, i + 1) == " "
                && name_word(word(i + 1))
            {
                last = i + 1;
                end = tokens[last].end;
            }
            Category::Number
        } else if is_number(w) {
            if text[end..].starts_with('%') {
                end += 1;
            }
            while last + 1 < tokens.len()
                && last < i + 2
                && end == tokens[last].end
                && !claimed[last + 1]
                && between(last, last + 1) == " "
                && UNITS.contains(&word(last + 1).to_lowercase().as_str())
            {
                last += 1;
                end = tokens[last].end;
            }
            if last == i && end == tokens[i].end && is_plain_year(w) {
                Category::Year
            } else {
                Category::Number
            }
        } else {
            continue;
        };
        let mut start = tokens[i].start;
        if let Some(symbol) = text[..start].chars().next_back()
            && matches!(symbol, '$' | '£' | '€' | '¥')
        {
            start -= symbol.len_utf8();
        }
        claim(&mut found, &mut claimed, i..=last, start..end, category);
    }

    // Quoted terms: “Secret Speech”, 'Secret Speech'; and proper names: runs of
    // capitalised words, with particles inside. Neither in a Title Case heading.
    let body_start = tokens.iter().position(|t| t.start >= sentence.body);
    let names = body_start.is_some() && !title_case(&text[sentence.body..]);
    for range in quoted(text).into_iter().filter(|_| names) {
        let inside: Vec<usize> = (0..tokens.len())
            .filter(|&t| tokens[t].start < range.end && range.start < tokens[t].end)
            .collect();
        let (Some(&from), Some(&to)) = (inside.first(), inside.last()) else {
            continue;
        };
        if inside.iter().any(|&t| claimed[t])
            || tokens[from].start != range.start
            || tokens[to].end > range.end
        {
            continue;
        }
        claim(&mut found, &mut claimed, from..=to, range, Category::Quote);
    }

    if let Some(body_start) = body_start.filter(|_| names) {
        let mut i = body_start;
        while i < tokens.len() {
            if claimed[i] || !name_word(word(i)) {
                i += 1;
                continue;
            }
            let run = name_run(text, &tokens, &claimed, i);
            let next = run.last().map_or(i + 1, |&last| last + 1);
            for piece in split_run(text, &tokens, run) {
                let Some(&first) = piece.first() else {
                    continue;
                };
                // The first word of a sentence is capitalised anyway: it starts a name only
                // when it is a known name or the next word is capitalised too, and alone
                // it is never a gap.
                let at_start = first == body_start;
                let keeps_first = !at_start
                    || known.contains(without_possessive(word(first)))
                    || piece.get(1).is_some_and(|&t| capitalised(word(t)));
                let piece: Vec<usize> = if keeps_first {
                    piece
                } else {
                    piece[1..]
                        .iter()
                        .copied()
                        .skip_while(|&t| PARTICLES.contains(&word(t)))
                        .collect()
                };
                let (Some(&first), Some(&last)) = (piece.first(), piece.last()) else {
                    continue;
                };
                if piece.len() == 1 && first == body_start {
                    continue;
                }
                let category = if piece.len() == 1 {
                    Category::Word
                } else {
                    Category::Name
                };
                let end = tokens[last].start + without_possessive(word(last)).len();
                claim(
                    &mut found,
                    &mut claimed,
                    first..=last,
                    tokens[first].start..end,
                    category,
                );
            }
            i = next;
        }
    }
    found
}

/// Records a fact and marks its tokens as taken.
fn claim(
    found: &mut Vec<Fact>,
    claimed: &mut [bool],
    tokens: std::ops::RangeInclusive<usize>,
    range: Range<usize>,
    category: Category,
) {
    for taken in &mut claimed[tokens] {
        *taken = true;
    }
    found.push(Fact { range, category });
}

/// The last token of a date starting at token `i`, when one does.
fn date_at(text: &str, tokens: &[Range<usize>], i: usize) -> Option<usize> {
    let word = |k: usize| tokens.get(k).map(|r| &text[r.clone()]);
    // Whether the text between token `k` and the next is one of `allowed`.
    let separated = |k: usize, allowed: &[&str]| {
        tokens
            .get(k + 1)
            .is_some_and(|next| allowed.contains(&&text[tokens[k].end..next.start]))
    };
    let is_date =
        |last: usize| judge::shape(&text[tokens[i].start..tokens[last].end]) == Shape::Date;
    let w = word(i)?;
    if w.contains(['-', '/']) && w.starts_with(|c: char| c.is_ascii_digit()) && !is_year_range(w) {
        return is_date(i).then_some(i);
    }
    if is_month(w) {
        if !separated(i, &[" ", ". "]) {
            return None;
        }
        if word(i + 1).is_some_and(is_day) {
            let with_year = word(i + 2).is_some_and(is_year)
                && separated(i + 1, &[" ", ", "])
                && is_date(i + 2);
            return Some(if with_year { i + 2 } else { i + 1 });
        }
        return (word(i + 1).is_some_and(is_plain_year) && is_date(i + 1)).then_some(i + 1);
    }
    (is_day(w)
        && separated(i, &[" "])
        && word(i + 1).is_some_and(is_month)
        && separated(i + 1, &[" ", ", ", ". "])
        && word(i + 2).is_some_and(is_year)
        && is_date(i + 2))
    .then_some(i + 2)
}

/// Token indexes of the capitalised run starting at `i`: capitalised words joined by
/// single spaces, with particles between them; a possessive ends the run.
fn name_run(text: &str, tokens: &[Range<usize>], claimed: &[bool], i: usize) -> Vec<usize> {
    let word = |k: usize| &text[tokens[k].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    let mut run = vec![i];
    let mut j = i;
    while without_possessive(word(j)) == word(j) {
        let mut k = j + 1;
        while k < tokens.len()
            && !claimed[k]
            && between(k - 1, k) == " "
            && PARTICLES.contains(&word(k))
        {
            k += 1;
        }
        if k < tokens.len()
            && !claimed[k]
            && between(k - 1, k) == " "
            && name_word(word(k))
            && (k == j + 1 || word(k) != "The")
        {
            run.extend(j + 1..=k);
            j = k;
        } else {
            break;
        }
    }
    run
}

/// A run too long to be one name is cut at its first particle, again and again.
fn split_run(text: &str, tokens: &[Range<usize>], run: Vec<usize>) -> Vec<Vec<usize>> {
    let word = |k: usize| &text[tokens[k].clone()];
    let mut pieces = Vec::new();
    let mut rest = run;
    while rest.len() > MAX_NAME_WORDS {
        let Some(cut) = rest.iter().position(|&t| PARTICLES.contains(&word(t))) else {
            // Six capitalised words in a row are a heading, not a name.
            return pieces;
        };
        let head: Vec<usize> = rest[..cut].to_vec();
        let tail: Vec<usize> = rest[cut..]
            .iter()
            .copied()
            .skip_while(|&t| PARTICLES.contains(&word(t)))
            .collect();
        if !head.is_empty() {
            pieces.push(head);
        }
        rest = tail;
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// Byte ranges of the text inside quotation marks, trailing punctuation left outside:
/// “Khrushchev Thaw.” → `Khrushchev Thaw`.
fn quoted(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, open) = chars[i];
        let closers: &[char] = match open {
            '“' | '„' => &['”', '“'],
            '"' => &['"'],
            '‘' => &['’'],
            '\'' => &['\''],
            '«' => &['»'],
            _ => {
                i += 1;
                continue;
            }
        };
        let starts_word = i == 0 || matches!(chars[i - 1].1, ' ' | '(' | '[');
        if !starts_word {
            i += 1;
            continue;
        }
        let close = (i + 1..chars.len()).find(|&k| {
            closers.contains(&chars[k].1)
                && !chars.get(k + 1).is_some_and(|&(_, c)| c.is_alphanumeric())
                && !chars[k - 1].1.is_whitespace()
        });
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let inner_start = pos + open.len_utf8();
        let inner = text[inner_start..chars[close].0]
            .trim_end_matches(['.', ',', ';', '!', '?'])
            .trim_end();
        let words = inner.split_whitespace().count();
        if (1..=MAX_QUOTE_WORDS).contains(&words)
            && inner == inner.trim_start()
            && inner.chars().any(char::is_alphanumeric)
            && !inner.contains([':', '{', '}', '"', '“', '”', '‘', '«', '»'])
        {
            out.push(inner_start..inner_start + inner.len());
        }
        i = close + 1;
    }
    out
}

/// The gaps of one card: dates and numbers first (at most two), then quoted terms and
/// names, single capitalised words only to reach two gaps; facts not asked before first.
pub(super) fn choose(sentence: &Sentence, found: &[Fact], used: &HashSet<String>) -> Vec<Fact> {
    let text = sentence.text.as_str();
    let key = |fact: &Fact| judge::normalise(&text[fact.range.clone()]);
    // A fact still readable elsewhere in the sentence would give its own answer away.
    let hidden = |fact: &Fact| {
        let rest = format!(
            " {} {} ",
            judge::normalise(&text[..fact.range.start]),
            judge::normalise(&text[fact.range.end..])
        );
        let key = key(fact);
        // `Stalin’s` and `Soviets` give away `Stalin` and `Soviet` as well.
        !key.is_empty()
            && !rest.contains(&format!(" {key} "))
            && !rest.contains(&format!(" {key}s "))
    };
    let mut candidates: Vec<&Fact> = found.iter().filter(|f| hidden(f)).collect();
    candidates.sort_by_key(|f| (used.contains(&key(f)), f.category, f.range.start));
    let numeric = |f: &&&Fact| f.category <= Category::Number;
    let mut chosen: Vec<Fact> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut take = |chosen: &mut Vec<Fact>, fact: &Fact| {
        if keys.insert(key(fact)) {
            chosen.push(fact.clone());
        }
    };
    for fact in candidates.iter().filter(numeric).take(MAX_NUMERIC) {
        take(&mut chosen, fact);
    }
    for fact in candidates
        .iter()
        .filter(|f| matches!(f.category, Category::Quote | Category::Name))
    {
        if chosen.len() < MAX_GAPS {
            take(&mut chosen, fact);
        }
    }
    for fact in candidates.iter().filter(|f| f.category == Category::Word) {
        if chosen.len() < 2 {
            take(&mut chosen, fact);
        }
    }
    for fact in candidates.iter().filter(numeric).skip(MAX_NUMERIC) {
        if chosen.len() < MAX_GAPS {
            take(&mut chosen, fact);
        }
    }
    // Keep enough of the sentence visible: drop the least wanted gaps until it is.
    while !chosen.is_empty() && context_words(text, &chosen) < MIN_CONTEXT_WORDS {
        chosen.pop();
    }
    chosen.sort_by_key(|f| f.range.start);
    chosen
}

fn context_words(text: &str, gaps: &[Fact]) -> usize {
    let mut rest = text.to_string();
    let mut ranges: Vec<&Range<usize>> = gaps.iter().map(|f| &f.range).collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    for range in ranges {
        rest.replace_range(range.clone(), " ");
    }
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::sentences::{clean, sentences};

    /// Every fact found in a one-sentence text, as (text, category).
    fn found(text: &str) -> Vec<(String, Category)> {
        let all = sentences(&clean(text));
        assert_eq!(all.len(), 1, "{all:?}");
        let known = known_names(&all);
        facts(&all[0], &known)
            .into_iter()
            .map(|f| (all[0].text[f.range].to_string(), f.category))
            .collect()
    }

    /// The gaps a one-sentence text gets on its own.
    fn gaps(text: &str) -> Vec<String> {
        let all = sentences(&clean(text));
        assert_eq!(all.len(), 1, "{all:?}");
        let known = known_names(&all);
        choose(&all[0], &facts(&all[0], &known), &HashSet::new())
            .into_iter()
            .map(|f| all[0].text[f.range].to_string())
            .collect()
    }

    #[test]
    fn facts_of_seed_sentences() {
        use Category::*;
        let found = found(
            "On February 25, 1956, Nikita Khrushchev, the First Secretary of the Communist Party of the Soviet Union, delivered a landmark address known as the “Secret Speech” at the 20th Congress of the Communist Party.",
        );
        let expected = [
            ("February 25, 1956", Date),
            ("20th Congress", Number),
            ("Secret Speech", Quote),
            ("Nikita Khrushchev", Name),
            ("First Secretary", Name),
            ("Communist Party of the Soviet Union", Name),
            ("Communist Party", Name),
        ];
        assert_eq!(
            found,
            expected.map(|(t, c)| (t.to_string(), c)),
            "the sentence's first word `On` is no name"
        );
        assert_eq!(
            self::found(
                "Stalin’s Rule (1924-1953): Joseph Stalin’s leadership was characterized by totalitarian control, widespread purges, forced collectivization, and the establishment of a personality cult."
            ),
            [
                ("1924-1953".to_string(), Year),
                ("Joseph Stalin".to_string(), Name)
            ],
            "no names in the label; the possessive stays outside the name"
        );
        assert_eq!(
            self::found("Nikita Khrushchev Becomes Soviet Premier on March 27, 1958"),
            [("March 27, 1958".to_string(), Date)],
            "a Title Case heading names nothing"
        );
        assert_eq!(
            self::found(
                "Content: Delivered in a closed session, Khrushchev’s speech criticized Stalin for his tyrannical rule, the purges of the 1930s, and the creation of a personality cult."
            ),
            [
                ("1930s".to_string(), Year),
                ("Khrushchev".to_string(), Word),
                ("Stalin".to_string(), Word)
            ],
            "`Delivered` opens the body: not a name"
        );
    }

    #[test]
    fn gaps_of_seed_sentences_dates_and_numbers_first() {
        assert_eq!(
            gaps(
                "On February 25, 1956, Nikita Khrushchev, the First Secretary of the Communist Party of the Soviet Union, delivered a landmark address known as the “Secret Speech” at the 20th Congress of the Communist Party."
            ),
            ["February 25, 1956", "Secret Speech", "20th Congress"],
            "`Communist Party` is not a gap: the longer name shows it"
        );
        assert_eq!(
            gaps(
                "Stalin’s Rule (1924-1953): Joseph Stalin’s leadership was characterized by totalitarian control, widespread purges, forced collectivization, and the establishment of a personality cult."
            ),
            ["1924-1953", "Joseph Stalin"]
        );
        assert_eq!(
            gaps(
                "Stalin’s Death (1953): Following Stalin’s death, a power struggle ensued among Soviet leaders."
            ),
            ["1953", "Soviet"],
            "`Stalin` is not a gap: the label shows it"
        );
        assert_eq!(
            gaps(
                "Impact on the Soviet Union: The speech shocked many party members and led to a period of political and social thaw known as the “Khrushchev Thaw.”"
            ),
            ["Khrushchev Thaw"]
        );
        assert_eq!(
            gaps("Khrushchev emerged as a key figure, eventually consolidating power by 1955."),
            ["1955"],
            "the first word alone is never a gap"
        );
        assert!(
            gaps("This included reducing the power of the secret police and easing censorship.")
                .is_empty()
        );
    }

    #[test]
    fn dates_numbers_and_names_in_other_forms() {
        assert_eq!(
            gaps("The treaty was signed on 25 February 1956 by 1,400 delegates in Geneva."),
            ["25 February 1956", "1,400 delegates"],
            "a single capitalised word only makes up a second gap"
        );
        assert_eq!(
            gaps("Prices rose 40% after Feb. 25, 1956, costing $5 million in all."),
            ["40%", "Feb. 25, 1956", "$5 million"]
        );
        assert_eq!(
            gaps(
                "The 22nd Congress met in October 1961 and Stalin was removed from the mausoleum."
            ),
            ["22nd Congress", "October 1961"]
        );
        assert_eq!(
            gaps(
                "Leonid Brezhnev replaced him, and the policies of Charles de Gaulle changed too."
            ),
            ["Leonid Brezhnev", "Charles de Gaulle"],
            "a run of capitals at the start is a name; particles stay inside"
        );
        assert_eq!(
            gaps("Joseph Stalin died in 1953, and Joseph Stalin was embalmed."),
            ["1953"],
            "a name written twice would show its own answer"
        );
        assert_eq!(
            gaps("The speech was given in the U.S. embassy in May 1956."),
            ["U.S.", "May 1956"]
        );
    }
}
