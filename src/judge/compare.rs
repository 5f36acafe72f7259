//! Comparing one answer with one written answer: the comparison form of each, whether
//! they fit exactly or within the typo rules, and the typed card, which takes the best
//! fit among its answer and the alternatives it accepts. Choice and several-answer
//! cards compare their parts the same way.

use super::clock::{Clock, fit_clock, read_clock};
use super::dates::{Date, century_as_hundreds, parse_date, same_year_word, years};
use super::names::{NameFit, fit_name};
use super::normalise::{fold, is_symbol, squash, strip_article, superscript, tokens, words};
use super::quantity::{Quantity, fit_quantity, needs_separators, quantity_reason, read_quantity};
use super::roman::numerals;
use super::typos::word_edits;
use super::{Reason, Verdict, wrong};

/// An answer in comparison form, with its date reading worked out once.
pub(super) struct Form {
    /// The words, without symbols: what most answers are compared by.
    pub(super) words: Vec<String>,
    /// The words and the symbols that carry meaning ("c", "++"), used when the expected
    /// answer has such symbols: then `C++` is not `C` and `x++` is not `++x`.
    pub(super) symbols: Vec<String>,
    pub(super) date: Option<Date>,
    /// The leading article dropped from `words` and `symbols`, if any: "A 4" is also
    /// "A4", "a x b" is also "a * b".
    article: (Option<String>, Option<String>),
    /// Its reading as a quantity; the outer `None` when only the words were at hand.
    quantity: Option<Option<Quantity>>,
    /// Its reading as a time of day; the outer `None` when only the words were at hand.
    clock: Option<Option<Clock>>,
}

impl Form {
    pub(super) fn new(tokens: Vec<String>) -> Self {
        let (symbols, symbols_article) =
            split_article(with_stripped(merge_symbols(spoken_symbols(tokens.clone()))));
        let (words, words_article) = split_article(with_stripped(plain_words(tokens)));
        let date = parse_date(&words);
        // Years, ranges, eras and Roman numerals in one form each; a date is read whole.
        let words = if date.is_some() {
            words
        } else {
            years(numerals(words))
        };
        Form {
            words,
            symbols,
            date,
            article: (words_article, symbols_article),
            quantity: None,
            clock: None,
        }
    }

    /// The form of an answer as typed, read as a quantity too.
    pub(super) fn of_text(text: &str) -> Self {
        let folded = fold(text);
        let form = Form::new(tokens(&folded));
        Form {
            quantity: Some(read_quantity(text)),
            clock: Some(
                may_be_clock(&form.words)
                    .then(|| read_clock(&folded))
                    .flatten(),
            ),
            ..form
        }
    }

    /// The words or symbols with the leading article put back.
    fn whole(&self, symbols: bool) -> Vec<String> {
        let (list, article) = if symbols {
            (&self.symbols, &self.article.1)
        } else {
            (&self.words, &self.article.0)
        };
        article.iter().chain(list).cloned().collect()
    }

    fn has_symbols(&self) -> bool {
        self.symbols.iter().any(|t| is_symbol(t))
    }

    /// What this form is compared by, when it is the expected answer.
    /// Both read as times of day, the deck's answer written as one: how they fit.
    fn clock_fit(&self, given: &Form) -> Option<Option<Option<Reason>>> {
        match (&self.clock, &given.clock) {
            (Some(Some(expected)), Some(Some(given))) if expected.is_written_time() => {
                Some(fit_clock(expected, given))
            }
            _ => None,
        }
    }

    fn compared(&self) -> &[String] {
        if self.has_symbols() {
            &self.symbols
        } else {
            &self.words
        }
    }
}

/// Whether the words could be a time, so most answers are not read twice: a time has an
/// hour of one or two digits once number words are digits ("20:17", "4am", "half past 8"),
/// or says "hours" after four digits, or is noon or midnight.
fn may_be_clock(words: &[String]) -> bool {
    words.iter().any(|w| {
        let hour = w.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&hour)
            || matches!(
                w.as_str(),
                "noon" | "midday" | "midnight" | "hours" | "hrs" | "hr" | "h" | "uhr"
            )
    })
}

fn with_stripped(tokens: Vec<String>) -> (Vec<String>, Vec<String>) {
    (tokens.clone(), strip_article(tokens))
}

/// Symbols dropped; a lone "+" between words is read as "and" (`Romeo + Juliet`), and
/// "flat" after a note is its sign (`B flat` = `Bb` = `B♭`).
fn plain_words(tokens: Vec<String>) -> Vec<String> {
    let count = tokens.len();
    let mut out: Vec<String> = Vec::with_capacity(count);
    for (i, t) in tokens.into_iter().enumerate() {
        let after_note = out
            .last()
            .is_some_and(|last| matches!(last.as_str(), "b" | "c" | "d" | "e" | "f" | "g"));
        match t.as_str() {
            "+" if i > 0 && i + 1 < count => out.push("and".to_string()),
            "flat" if after_note => out.push("b".to_string()),
            _ if is_symbol(&t) => {}
            _ => out.push(t),
        }
    }
    out
}

/// Symbols said as words: "C plus plus" = "C++", "C sharp" = "C#".
fn spoken_symbols(tokens: Vec<String>) -> Vec<String> {
    tokens
        .into_iter()
        .map(|t| match t.as_str() {
            "plus" => "+".to_string(),
            "sharp" => "#".to_string(),
            _ => t,
        })
        .collect()
}

/// Spaces inside a symbol do not count: "C + +" = "C++", "x ++" = "x++".
fn merge_symbols(tokens: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for t in tokens {
        match out.last_mut() {
            Some(last) if is_symbol(last) && is_symbol(&t) => last.push_str(&t),
            _ => out.push(t),
        }
    }
    out
}

/// The list, and the article `strip_article` took off its front.
fn split_article((whole, stripped): (Vec<String>, Vec<String>)) -> (Vec<String>, Option<String>) {
    let article = (whole.len() > stripped.len()).then(|| whole[0].clone());
    (stripped, article)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    Exact,
    /// Accepted with this many edits in total; fewer edits is the better reading.
    Close(usize),
}

pub(super) fn fit(expected: &Form, given: &Form) -> Option<Fit> {
    let symbols = expected.has_symbols();
    let (e, g) = if symbols {
        (&expected.symbols, &given.symbols)
    } else {
        (&expected.words, &given.words)
    };
    if e.is_empty() || g.is_empty() {
        return None;
    }
    // A time is right or wrong as a whole, as a date is: "20:18" is another minute.
    if let Some(fits) = expected.clock_fit(given) {
        return fits.map(|reason| match reason {
            None => Fit::Exact,
            Some(_) => Fit::Close(0),
        });
    }
    if let (Some(a), Some(b)) = (expected.date, given.date) {
        // A date is right or wrong as a whole: a one-letter slip there is a different day.
        return (a == b).then_some(Fit::Exact);
    }
    match (&expected.quantity, &given.quantity) {
        (Some(Some(a)), Some(Some(b))) => {
            if let Some(fits) = fit_quantity(a, b) {
                return fits.map(|exact| if exact { Fit::Exact } else { Fit::Close(0) });
            }
        }
        // "3.14" is not "3 14": the separators of a number are part of it.
        (Some(Some(a)), Some(None))
            if needs_separators(a)
                && given
                    .words
                    .iter()
                    .any(|w| w.contains(|c: char| c.is_ascii_digit())) =>
        {
            return None;
        }
        _ => {}
    }
    if century_as_hundreds(&expected.words, &given.words) {
        return Some(Fit::Close(1));
    }
    if e == g {
        return Some(Fit::Exact);
    }
    if symbols && commuted(e, g) {
        return Some(Fit::Close(1));
    }
    let edits = align(e, g).or_else(|| {
        // The leading "a" may have been a letter of the answer after all ("A 4" for "A4").
        let articles = if symbols {
            (&expected.article.1, &given.article.1)
        } else {
            (&expected.article.0, &given.article.0)
        };
        if articles.0.is_none() && articles.1.is_none() {
            return None;
        }
        align(&expected.whole(symbols), &given.whole(symbols))
    })?;
    match edits {
        0 => Some(Fit::Exact),
        edits => Some(Fit::Close(edits)),
    }
}

/// Which rule made `given` close to `candidate` (one `fit_text` found close): the cheap
/// tests of `fit` again, for the one answer shown, so `Fit` stays a count of edits.
fn close_reason(candidate: &str, given: &Form) -> Reason {
    let expected = Form::of_text(candidate);
    if let Some(Some(Some(reason))) = expected.clock_fit(given) {
        return reason;
    }
    if let (Some(Some(a)), Some(Some(b))) = (&expected.quantity, &given.quantity)
        && fit_quantity(a, b) == Some(Some(false))
    {
        return quantity_reason(a, b);
    }
    if expected.has_symbols() && commuted(&expected.symbols, &given.symbols) {
        return Reason::Order;
    }
    Reason::Typo
}

/// "b + a" for "a + b": the operands of an operator that commutes, swapped. Close,
/// since the card may be about the order; "b < a" is never "a < b".
fn commuted(expected: &[String], given: &[String]) -> bool {
    const COMMUTING: [&str; 7] = ["+", "*", "==", "!=", "&&", "||", "="];
    match (expected, given) {
        ([a, op, b], [c, op2, d]) => {
            op == op2 && COMMUTING.contains(&op.as_str()) && a == d && b == c && a != b
        }
        _ => false,
    }
}

/// Answers longer than this are compared word for word only, without re-reading
/// compounds, which keeps a pasted essay cheap to judge.
const MAX_ALIGNED_TOKENS: usize = 64;
/// Most words a compound may be split into ("mother-in-law", "Salt Lake City", "C O 2").
const MAX_COMPOUND_PARTS: usize = 6;

/// The fewest edits that turn `given` into `expected`, word by word, where a word may be
/// written as several ("ice cream" for "icecream", "Apollo 13" for "Apollo13") or
/// several as one ("icecream" for "ice-cream", "H2O" for "H 2 O"). A symbol must be the
/// same symbol. `None` when no reading fits.
fn align(expected: &[String], given: &[String]) -> Option<usize> {
    let (n, m) = (expected.len(), given.len());
    if n > MAX_ALIGNED_TOKENS || m > MAX_ALIGNED_TOKENS {
        if n != m {
            return None;
        }
        return expected
            .iter()
            .zip(given)
            .try_fold(0, |total, (e, g)| Some(total + pair(e, g)?));
    }
    let mut best: Vec<Vec<Option<usize>>> = vec![vec![None; m + 1]; n + 1];
    best[0][0] = Some(0);
    for i in 0..=n {
        for j in 0..=m {
            let Some(cost) = best[i][j] else { continue };
            let mut relax = |i2: usize, j2: usize, edits: usize| {
                let cell = &mut best[i2][j2];
                if cell.is_none_or(|c| cost + edits < c) {
                    *cell = Some(cost + edits);
                }
            };
            if i < n
                && j < m
                && let Some(edits) = pair(&expected[i], &given[j])
            {
                relax(i + 1, j + 1, edits);
            }
            // "20" for "£20", "90" for "90°": the unit sign dropped is a slip, shown.
            if i < n && is_unit_sign(&expected[i]) {
                relax(i + 1, j, 1);
            }
            // One expected word written as several given words.
            if i < n && !is_symbol(&expected[i]) {
                for k in 2..=MAX_COMPOUND_PARTS.min(m - j) {
                    let Some(joined) = join(&given[j..j + k]) else {
                        break;
                    };
                    if let Some(edits) = word_edits(&expected[i], &joined) {
                        relax(i + 1, j + k, edits);
                    }
                }
            }
            // Several expected words glued into one given word.
            if j < m && !is_symbol(&given[j]) {
                for k in 2..=MAX_COMPOUND_PARTS.min(n - i) {
                    if expected[i..i + k].iter().any(|t| is_symbol(t)) {
                        break;
                    }
                    if let Some(edits) = split_edits(&expected[i..i + k], &given[j]) {
                        relax(i + k, j + 1, edits);
                    }
                }
            }
        }
    }
    best[n][m]
}

/// One expected token against one given token.
fn pair(expected: &str, given: &str) -> Option<usize> {
    match (is_symbol(expected), is_symbol(given)) {
        (false, false) if same_abbreviation(expected, given) || same_year_word(expected, given) => {
            Some(0)
        }
        (false, false) => word_edits(expected, given),
        (true, true) if expected == given => Some(0),
        (true, true) => close_symbol(expected, given).then_some(1),
        // "a x b" for "a * b": the letter a learner types for the times sign, and
        // "Romeo and Juliet" for "Romeo + Juliet".
        (true, false) => matches!((expected, given), ("*", "x") | ("+", "and")).then_some(1),
        (false, true) => None,
    }
}

fn is_unit_sign(token: &str) -> bool {
    token.chars().all(|c| "$£€¥¢₹₽₩₺₴₦₱฿₪₫°".contains(c))
}

/// Words and their usual abbreviations in names: "St. Petersburg", "Mt. Everest".
fn same_abbreviation(expected: &str, given: &str) -> bool {
    let abbreviates = |short: &str, long: &str| {
        matches!(
            (short, long),
            ("st", "saint" | "street") | ("mt", "mount") | ("ft", "fort")
        )
    };
    abbreviates(expected, given) || abbreviates(given, expected)
}

/// Another way of typing the same operator, shown as a slip.
fn close_symbol(expected: &str, given: &str) -> bool {
    matches!(
        (expected, given),
        ("!=", "<>" | "=/=") | ("<>", "!=") | ("<=", "=<") | (">=", "=>")
    )
}

/// Words written together as one, or `None` where two numbers would be glued into
/// another number ("12 000" is for the number rules, not a compound).
fn join(parts: &[String]) -> Option<String> {
    let mut joined = String::new();
    for part in parts {
        if is_symbol(part) {
            return None;
        }
        let digits_meet = joined.ends_with(|c: char| c.is_numeric())
            && part.starts_with(|c: char| c.is_numeric());
        if digits_meet {
            return None;
        }
        joined.push_str(part);
    }
    Some(joined)
}

/// The fewest edits reading one given word as the expected words glued together, each
/// piece with the typo allowance of its own word ("icecreem" is "ice" + "cream" with
/// one slip; "fatherinlaw" is not "mother-in-law"), except that a short piece may have
/// one slip, not on its first letter, when the whole compound is long enough for it
/// ("basketbal" for "basket ball").
fn split_edits(expected: &[String], given: &str) -> Option<usize> {
    let edits = split_edits_within(expected, given)?;
    if edits == 0 {
        return Some(0);
    }
    let joined = join(expected)?;
    word_edits(&joined, given).map(|_| edits)
}

/// One piece against the part of the given word read as it.
fn piece_edits(piece: &str, text: &str) -> Option<usize> {
    if let Some(edits) = word_edits(piece, text) {
        return Some(edits);
    }
    let short = piece.chars().count() <= 4;
    let first_kept = piece.chars().next() == text.chars().next();
    let digits = piece.chars().chain(text.chars()).any(char::is_numeric);
    (short && first_kept && !digits && strsim::damerau_levenshtein(piece, text) == 1).then_some(1)
}

fn split_edits_within(expected: &[String], given: &str) -> Option<usize> {
    let chars: Vec<char> = given.chars().collect();
    // best[p] is the fewest edits reading chars[..p] as the pieces so far.
    let mut best: Vec<Option<usize>> = vec![None; chars.len() + 1];
    best[0] = Some(0);
    for piece in expected {
        let len = piece.chars().count();
        let mut next: Vec<Option<usize>> = vec![None; chars.len() + 1];
        for (start, cost) in best.iter().enumerate() {
            let Some(cost) = *cost else { continue };
            let lowest = (start + len).saturating_sub(2).max(start + 1);
            let highest = (start + len + 2).min(chars.len());
            for end in lowest..=highest {
                let digits_meet = end < chars.len()
                    && end > 0
                    && chars[end - 1].is_numeric()
                    && chars[end].is_numeric();
                if digits_meet {
                    continue;
                }
                let text: String = chars[start..end].iter().collect();
                if let Some(edits) = piece_edits(piece, &text) {
                    let cell = &mut next[end];
                    if cell.is_none_or(|c| cost + edits < c) {
                        *cell = Some(cost + edits);
                    }
                }
            }
        }
        best = next;
    }
    best[chars.len()]
}

/// Fits a deck answer, written as in the deck, against the given answer.
pub(super) fn fit_text(candidate: &str, given_raw: &str, given: &Form) -> Option<Fit> {
    let expected = Form::of_text(candidate);
    if expected.compared().is_empty() {
        // An answer made only of symbols ("?", "...") has no words to compare, so the
        // folded text itself must match.
        let a = squash(candidate);
        return (!a.is_empty() && a == squash(given_raw)).then_some(Fit::Exact);
    }
    fit(&expected, given)
        .or_else(|| {
            let rest = optional_article(candidate)?;
            fit(&Form::new(words(rest)), given)
        })
        .or_else(|| {
            let rest = without_legal_form(candidate)?;
            fit(&Form::new(words(rest)), given)
        })
        .or_else(|| {
            // A unit's exponent is typed as a plain digit on a keyboard: "m/s2" for
            // "m/s²" (but "103" is not "10³", whose base is a number).
            let plain = plain_exponents(candidate)?;
            fit(&Form::new(words(&plain)), given)
        })
        .or_else(|| {
            // A hyphenated compound is one word, with the typo allowance of its joined
            // length: "mother-in-lwa" is close to "mother-in-law" (each piece still
            // keeps its first letter and at most one slip, so not "father-in-law").
            let hyphenated = |text: &str| text.contains('-');
            if !hyphenated(candidate) || !hyphenated(given_raw) {
                return None;
            }
            fit(&expected, &Form::new(words(&given_raw.replace('-', ""))))
        })
}

/// The answer with each superscript after a letter written as a plain digit, if it has one.
fn plain_exponents(candidate: &str) -> Option<String> {
    let mut out = String::with_capacity(candidate.len());
    let mut after_letter = false;
    let mut changed = false;
    for c in candidate.chars() {
        match superscript(c) {
            Some(plain) if after_letter => {
                out.push(plain);
                changed = true;
            }
            _ => {
                out.push(c);
                after_letter = c.is_alphabetic();
            }
        }
    }
    changed.then_some(out)
}

/// Articles of other languages, and the infinitive "to", that a learner may leave out
/// when the deck writes them in lower case before a common noun or a verb ("le chat",
/// "der Hund", "to run"). A place name capitalises them ("Los Angeles", "La Paz", "Le
/// Mans"), and there they stay. An article typed must still be the deck's: "die Hund"
/// is not "der Hund".
fn optional_article(candidate: &str) -> Option<&str> {
    const ARTICLES: [&str; 21] = [
        "le", "la", "les", "der", "die", "das", "den", "dem", "des", "el", "los", "las", "il",
        "lo", "gli", "un", "une", "ein", "eine", "het", "to",
    ];
    let (first, rest) = candidate.trim().split_once(char::is_whitespace)?;
    let rest = rest.trim();
    (ARTICLES.contains(&first) && !rest.is_empty()).then_some(rest)
}

/// A company's name without its legal form (`Microsoft` for `Microsoft Corporation`,
/// `Apple` for `Apple Inc.`): what everyone calls it. Only after a capitalised name, so
/// `public limited company` keeps its words.
fn without_legal_form(candidate: &str) -> Option<&str> {
    const FORMS: [&str; 14] = [
        "corporation",
        "corp",
        "incorporated",
        "inc",
        "limited",
        "ltd",
        "plc",
        "llc",
        "co",
        "company",
        "ag",
        "gmbh",
        "sa",
        "nv",
    ];
    let (rest, last) = candidate.trim().rsplit_once(char::is_whitespace)?;
    let rest = rest.trim().trim_end_matches(',');
    let form = last.trim_end_matches('.').to_lowercase().replace('.', "");
    (FORMS.contains(&form.as_str())
        && last.starts_with(char::is_uppercase)
        && rest.starts_with(char::is_uppercase))
    .then_some(rest)
}

pub(super) fn judge_text(answer: &str, accept: &[String], given: &str) -> Verdict {
    let form = Form::of_text(given);
    let mut best: Option<(usize, &str, Reason)> = None;
    let given_span = share_span(given);
    for candidate in std::iter::once(answer).chain(accept.iter().map(String::as_str)) {
        if given_span.is_some() && share_span(candidate) == given_span {
            return Verdict::Right;
        }
        let found = match fit_text(candidate, given, &form) {
            Some(Fit::Exact) => return Verdict::Right,
            Some(Fit::Close(edits)) => Some((edits, close_reason(candidate, &form))),
            None => None,
        };
        // A person's name may also be written as initials, inverted, or surname alone.
        let found = match fit_name(candidate, given) {
            Some(NameFit::Full(0)) => return Verdict::Right,
            Some(NameFit::Full(edits)) => match found {
                Some(f) if f.0 <= edits => Some(f),
                _ => Some((edits, Reason::Typo)),
            },
            Some(NameFit::Partial(reason)) => found.or(Some((usize::MAX, reason))),
            None => found,
        };
        if let Some((edits, reason)) = found
            && best.is_none_or(|(fewest, _, _)| edits < fewest)
        {
            best = Some((edits, candidate, reason));
        }
    }
    match best {
        Some((_, candidate, reason)) => Verdict::Close {
            correct: candidate.trim().to_string(),
            missing: Vec::new(),
            reason,
        },
        None if both_forms(answer, accept, given) => Verdict::Right,
        None => wrong(),
    }
}

/// Whether `given` is the answer with its other form in brackets, as documents write a
/// name and its abbreviation (`Department of Defense (DOD)` for `Department of Defense`,
/// `DOD` accepted): each half must be right alone, and they must not be the same form.
fn both_forms(answer: &str, accept: &[String], given: &str) -> bool {
    let Some((head, inner)) = given
        .trim()
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
    else {
        return false;
    };
    let (head, inner) = (head.trim(), inner.trim());
    let right = |part: &str| matches!(judge_text(answer, accept, part), Verdict::Right);
    !accept.is_empty()
        && !head.is_empty()
        && !inner.is_empty()
        && !head.contains('(')
        && super::normalise(head) != super::normalise(inner)
        && right(head)
        && right(inner)
}

/// A span of shares (`32% to 50%`, `32-50%`, `32 to 50 percent`) or of sums in one currency
/// (`$85 to $400`, `$85-$400`, `85 to 400 dollars`) as its sign and its two ends' figures,
/// the sign written after either end or both: the word forms compare by their values.
fn share_span(text: &str) -> Option<(char, String, String)> {
    let lower = text
        .trim()
        .to_lowercase()
        .replace("per cent", "%")
        .replace("percent", "%");
    let squashed: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let (low, high) = ["to", "through", "thru", "–", "—", "-"]
        .iter()
        .find_map(|joiner| {
            squashed.split_once(&format!(" {joiner} ")).or_else(|| {
                squashed
                    .split_once(joiner)
                    .filter(|_| !joiner.is_ascii() || *joiner == "-")
            })
        })?;
    let (low, high) = (low.trim(), high.trim());
    const CURRENCIES: [(char, &str); 4] = [
        ('$', "dollars"),
        ('£', "pounds"),
        ('€', "euros"),
        ('¥', "yen"),
    ];
    let sign = if high.ends_with('%') {
        '%'
    } else {
        let (sign, word) = CURRENCIES
            .iter()
            .find(|(sign, word)| high.starts_with(*sign) || high.ends_with(word))?;
        // The sign before the first figure, or none; the word after the last, or none.
        let high_ok = high.starts_with(*sign) != high.ends_with(word);
        if !high_ok || low.ends_with(word) {
            return None;
        }
        *sign
    };
    let figure = |end: &str| -> Option<String> {
        let bare = CURRENCIES
            .iter()
            .fold(end.trim_end_matches('%').trim(), |e, (sign, word)| {
                e.trim_start_matches(*sign).trim_end_matches(word).trim()
            });
        let value: f64 = bare.replace(',', "").parse().ok()?;
        Some(format!("{value}"))
    };
    Some((sign, figure(low)?, figure(high)?))
}

/// A card that accepts a romanisation (`transliterate = true`): when the answer is not
/// accepted as written, a romanisation of an answer in another script ("spasibo" for
/// "спасибо", "nihao" for "你好") is close, shown with the answer as written.
pub(super) fn judge_text_romanised(answer: &str, accept: &[String], given: &str) -> Verdict {
    let verdict = judge_text(answer, accept, given);
    if verdict.is_accepted() {
        return verdict;
    }
    let form = Form::of_text(given);
    for candidate in std::iter::once(answer).chain(accept.iter().map(String::as_str)) {
        let romanised = deunicode::deunicode(candidate);
        if romanised != candidate && fit_text(&romanised, given, &form).is_some() {
            return Verdict::Close {
                correct: candidate.trim().to_string(),
                missing: Vec::new(),
                reason: Reason::Romanisation,
            };
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use crate::judge::Reason;
    use crate::judge::Verdict;
    use crate::judge::testing::{check, close, close_because, no, text, text_with};

    #[test]
    fn text_exact_is_right() {
        check(&text("Khrushchev"), "Khrushchev", Verdict::Right);
    }

    #[test]
    fn text_case_is_ignored() {
        check(&text("Khrushchev"), "kHRUSHCHEV", Verdict::Right);
    }

    #[test]
    fn text_diacritics_are_ignored_both_ways() {
        check(&text("Khrushchëv"), "khrushchev", Verdict::Right);
        check(&text("Khrushchev"), "Khrushchëv", Verdict::Right);
        check(&text("Straße"), "strasse", Verdict::Right);
    }

    #[test]
    fn text_punctuation_is_ignored() {
        check(
            &text("Marxist-Leninist"),
            "marxist leninist",
            Verdict::Right,
        );
        check(
            &text("Marxist-Leninist"),
            "Marxist–Leninist",
            Verdict::Right,
        );
        check(&text("Stalin's purges"), "stalins purges", Verdict::Right);
        check(&text("Lenin"), "Lenin.", Verdict::Right);
    }

    #[test]
    fn compounds_glue_spaced_and_hyphenated_words() {
        // Issue 11, rule 5: this was `no()` before; a glued compound is the same word.
        check(&text("Marxist-Leninist"), "marxistleninist", Verdict::Right);
        check(&text("ice cream"), "icecream", Verdict::Right);
        check(&text("icecream"), "ice-cream", Verdict::Right);
        check(&text("ice cream"), "icecreem", close("ice cream"));
        check(&text("Apollo 13"), "Apollo13", Verdict::Right);
        check(&text("H2O"), "H 2 O", Verdict::Right);
        check(&text("Salt Lake City"), "SaltLakeCity", Verdict::Right);
    }

    #[test]
    fn compounds_keep_each_word_s_typo_allowance() {
        check(&text("mother-in-law"), "fatherinlaw", no());
        check(&text("mother-in-law"), "father-in-law", no());
        check(&text("New York"), "York", no());
        check(&text("Salt Lake City"), "SaltLake", no());
    }

    #[test]
    fn hyphenated_compounds_have_the_allowance_of_their_joined_length() {
        check(
            &text("mother-in-law"),
            "mother-in-lwa",
            close("mother-in-law"),
        );
        check(&text("mother-in-law"), "father-in-law", no());
        check(&text("Coca-Cola"), "Coca-Kola", no());
        check(&text("Stalin-era"), "Stailn-ere", no());
    }

    #[test]
    fn superscripts_are_exponents() {
        check(&text("x^2"), "x²", Verdict::Right);
        check(&text("x²"), "x^2", Verdict::Right);
        check(&text("x^2"), "x2", no());
        check(&text("10³"), "10^3", Verdict::Right);
        check(&text("10³"), "103", no());
        check(&text("9.81 m/s²"), "9.81 m/s2", Verdict::Right);
        check(&text("9.81 m/s²"), "9.81 m/s3", no());
    }

    #[test]
    fn swapped_operands_of_a_commuting_operator_are_close() {
        check(
            &text("a + b"),
            "b + a",
            close_because("a + b", Reason::Order),
        );
        check(
            &text("a == b"),
            "b==a",
            close_because("a == b", Reason::Order),
        );
        check(&text("a < b"), "b < a", no());
        check(&text("a - b"), "b - a", no());
        check(&text("x++"), "++x", no());
    }

    #[test]
    fn compounds_never_glue_two_numbers() {
        check(&text("1956"), "19 56", no());
        check(&text("19 56"), "1956", no());
        check(&text("4x4"), "44", no());
    }

    #[test]
    fn text_spacing_is_ignored() {
        check(&text("Red Army"), "   red    army  ", Verdict::Right);
    }

    #[test]
    fn text_leading_article_is_ignored_both_ways() {
        check(&text("20th Congress"), "the 20th Congress", Verdict::Right);
        check(&text("The 20th Congress"), "20th congress", Verdict::Right);
        check(&text("An Iron Curtain"), "the iron curtain", Verdict::Right);
    }

    #[test]
    fn text_article_inside_a_word_matters() {
        check(&text("Anarchy"), "archy", no());
    }

    #[test]
    fn text_different_words_are_wrong() {
        check(&text("Khrushchev"), "Brezhnev", no());
    }

    #[test]
    fn text_missing_word_is_wrong() {
        check(&text("Red Army"), "Red", no());
        check(&text("Red Army"), "Red Army Faction", no());
    }

    #[test]
    fn accept_entry_matches_exactly() {
        let card = text_with("Vladimir Ilyich Ulyanov", &["Lenin"]);
        check(&card, "lenin", Verdict::Right);
    }

    #[test]
    fn accept_entry_typo_shows_accept_spelling() {
        let card = text_with("Iosif Dzhugashvili", &["Stalin"]);
        check(&card, "Stailn", close("Stalin"));
    }

    #[test]
    fn exact_accept_beats_close_answer() {
        let card = text_with("Leningrad", &["Lenningrad"]);
        check(&card, "Lenningrad", Verdict::Right);
    }

    #[test]
    fn closest_alternative_is_shown() {
        let card = text_with("collectivisation", &["collectivization"]);
        check(&card, "colectivization", close("collectivization"));
    }

    #[test]
    fn no_alternative_matching_is_wrong() {
        let card = text_with("Leningrad", &["Petrograd", "Saint Petersburg"]);
        check(&card, "Moscow", no());
    }

    #[test]
    fn punctuation_only_answer_is_wrong() {
        check(&text("Lenin"), "?!", no());
    }

    #[test]
    fn romanisation_is_close_only_when_the_card_accepts_it() {
        use super::judge_text_romanised;
        let romanised = |answer: &str, given: &str| judge_text_romanised(answer, &[], given);
        assert_eq!(
            romanised("спасибо", "spasibo"),
            close_because("спасибо", Reason::Romanisation)
        );
        assert_eq!(romanised("спасибо", "Спасибо"), Verdict::Right);
        assert_eq!(
            romanised("你好", "nihao"),
            close_because("你好", Reason::Romanisation)
        );
        assert_eq!(
            romanised("你好", "ni hao"),
            close_because("你好", Reason::Romanisation)
        );
        assert_eq!(
            romanised("Москва", "Moskva"),
            close_because("Москва", Reason::Romanisation)
        );
        assert_eq!(romanised("спасибо", "pozhaluista"), no());
        assert_eq!(romanised("Paris", "Parsi"), close("Paris"));
        assert_eq!(romanised("Paris", "London"), no());
        check(&text("спасибо"), "spasibo", no());
    }

    #[test]
    fn lower_case_foreign_articles_are_optional_but_not_interchangeable() {
        check(&text("le chat"), "chat", Verdict::Right);
        check(&text("der Hund"), "Hund", Verdict::Right);
        check(&text("to run"), "run", Verdict::Right);
        check(&text("der Hund"), "die Hund", no());
        check(&text("Los Angeles"), "Angeles", no());
        check(&text("La Paz"), "Paz", no());
    }

    #[test]
    fn name_abbreviations_are_the_words() {
        check(&text("St. Petersburg"), "Saint Petersburg", Verdict::Right);
        check(&text("Mount Everest"), "Mt Everest", Verdict::Right);
        check(&text("Baker Street"), "Baker St.", Verdict::Right);
        check(&text("Mount Everest"), "Ft Everest", no());
        check(&text("St. Petersburg"), "Petersburg", no());
    }

    #[test]
    fn symbol_only_deck_answer_compares_symbols() {
        check(&text("?"), "?", Verdict::Right);
        check(&text("?"), "!", no());
    }
}
