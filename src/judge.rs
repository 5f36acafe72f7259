//! Decides whether a learner's answer counts. Answers are typed from memory, so the
//! judge forgives what does not change the meaning — case, accents, punctuation, a
//! leading article, a slip of one letter in a long word, a date written another way —
//! and never forgives what does: a different digit, a different short word, a missing
//! part. It knows nothing about decks, files or terminals, so the review loop, the
//! deck checker and the tests all share one definition of "right".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What a card expects, independent of the deck model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A typed answer (also each cloze gap). `accept` holds more answers that count as right.
    Text { answer: String, accept: Vec<String> },
    /// Multiple choice; `answer` indexes `choices` (0-based).
    Choice { choices: Vec<String>, answer: usize },
    /// True/false.
    TrueFalse(bool),
    /// Several answers, any order; all needed.
    Several { parts: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Right,
    /// Accepted, but not spelled right: `correct` is the spelling to show the learner.
    Close {
        correct: String,
    },
    /// `missing` lists the expected parts not given (several-answer cards; empty otherwise).
    Wrong {
        missing: Vec<String>,
    },
}

impl Verdict {
    /// Whether the learner gets credit (a typo still counts as knowing the answer).
    pub fn is_accepted(&self) -> bool {
        matches!(self, Verdict::Right | Verdict::Close { .. })
    }
}

/// Judges `given` against what the card expects.
pub fn judge(expected: &Expected, given: &str) -> Verdict {
    if given.trim().is_empty() {
        let missing = match expected {
            Expected::Several { parts } => as_written(parts),
            _ => Vec::new(),
        };
        return Verdict::Wrong { missing };
    }
    match expected {
        Expected::Text { answer, accept } => judge_text(answer, accept, given),
        Expected::Choice { choices, answer } => judge_choice(choices, *answer, given),
        Expected::TrueFalse(truth) => {
            if parse_bool(given) == Some(*truth) {
                Verdict::Right
            } else {
                wrong()
            }
        }
        Expected::Several { parts } => judge_several(parts, given),
    }
}

/// The comparison form of a text (exposed for tests of other modules and for duplicate-question checks).
pub fn normalise(text: &str) -> String {
    strip_article(words(text)).join(" ")
}

/// What kind of thing an answer is, so a multiple-choice version of a typed card can offer
/// wrong answers that look like the right one: a date for a date, a number for a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    Date,
    Number,
    Name,
    Phrase,
}

pub fn shape(text: &str) -> Shape {
    let folded = words(text);
    if parse_date(&folded).is_some() {
        return Shape::Date;
    }
    if !folded.is_empty() && folded.iter().all(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return Shape::Number;
    }
    // Particles inside names ("Leon Trotsky", "Charles de Gaulle") stay lower case.
    const PARTICLES: [&str; 10] = [
        "of", "the", "and", "de", "von", "van", "der", "la", "le", "du",
    ];
    let original: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let is_name = (1..=4).contains(&original.len())
        && original.first().is_some_and(capitalised)
        && original
            .iter()
            .all(|w| capitalised(w) || PARTICLES.contains(&w.to_lowercase().as_str()));
    if is_name { Shape::Name } else { Shape::Phrase }
}

/// Parses t/f, true/false, yes/no, y/n (any case, surrounding spaces ignored).
pub fn parse_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    // No accepted spelling is longer than "false"; this keeps huge input from being copied.
    if text.len() > 5 {
        return None;
    }
    match text.to_ascii_lowercase().as_str() {
        "t" | "true" | "y" | "yes" => Some(true),
        "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

fn wrong() -> Verdict {
    Verdict::Wrong {
        missing: Vec::new(),
    }
}

/// Deck text is shown back to the learner, so only the stray outer spaces are removed.
fn as_written(parts: &[String]) -> Vec<String> {
    parts.iter().map(|part| part.trim().to_string()).collect()
}

// ---------------------------------------------------------------------------
// Normalisation

/// NFKC, transliteration to ASCII and lower case, before any splitting into words.
/// Separators are still present, so several-answer splitting can work on this form
/// (deunicode turns the ideographic and fullwidth commas into plain ones).
fn fold(text: &str) -> String {
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
fn tokens(folded: &str) -> Vec<String> {
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

fn words(text: &str) -> Vec<String> {
    tokens(&fold(text))
}

/// A lone article is kept: "A" may be the whole answer (a vitamin, a grade, a choice).
fn strip_article(mut words: Vec<String>) -> Vec<String> {
    if words.len() > 1 && matches!(words.first().map(String::as_str), Some("the" | "a" | "an")) {
        words.remove(0);
    }
    words
}

const CARDINALS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINALS: [&str; 19] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS_ORDINALS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

fn position(table: &[&str], word: &str) -> Option<u32> {
    let index = table.iter().position(|entry| *entry == word)?;
    u32::try_from(index).ok()
}

fn cardinal_value(word: &str) -> Option<u32> {
    position(&CARDINALS, word)
        .map(|i| i + 1)
        .or_else(|| tens_value(word))
}

fn tens_value(word: &str) -> Option<u32> {
    position(&TENS, word).map(|i| (i + 2) * 10)
}

fn ordinal_value(word: &str) -> Option<u32> {
    if word == "hundredth" {
        return Some(100);
    }
    position(&ORDINALS, word)
        .map(|i| i + 1)
        .or_else(|| position(&TENS_ORDINALS, word).map(|i| (i + 2) * 10))
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Numbers written as words become digits so "Twentieth Congress" = "20th Congress".
/// Whole words only, so "anyone" or "often" are untouched; "twenty-first" arrives as
/// two words and is joined back into "21st".
fn number_words(raw: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut iter = raw.into_iter().peekable();
    while let Some(word) = iter.next() {
        if let Some(tens) = tens_value(&word) {
            let unit = iter.peek().and_then(|next| {
                let unit_cardinal = cardinal_value(next).filter(|u| *u < 10);
                let unit_ordinal = ordinal_value(next).filter(|u| *u < 10);
                match (unit_cardinal, unit_ordinal) {
                    (Some(u), _) => Some((tens + u).to_string()),
                    (_, Some(u)) => Some(ordinal(tens + u)),
                    _ => None,
                }
            });
            if let Some(compound) = unit {
                iter.next();
                out.push(compound);
                continue;
            }
        }
        if let Some(n) = cardinal_value(&word) {
            out.push(n.to_string());
        } else if let Some(n) = ordinal_value(&word) {
            out.push(ordinal(n));
        } else {
            out.push(word);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Dates

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Date {
    year: u32,
    month: u32,
    /// `None` for a year-month such as "March 1958".
    day: Option<u32>,
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Most words a written date can take: weekday, article, day, "of", "the", month, year.
const MAX_DATE_WORDS: usize = 7;

const WEEKDAYS: [&str; 16] = [
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

/// Digits only, at most `max` of them, so parsing can never overflow.
fn digits(word: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    if ok { word.parse().ok() } else { None }
}

fn month_name(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, month)| *month)
}

fn month_number(word: &str) -> Option<u32> {
    digits(word, 1, 2).filter(|m| (1..=12).contains(m))
}

/// A day may carry its ordinal suffix ("25th"); the calendar check comes later.
fn day_number(word: &str) -> Option<u32> {
    let bare = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    digits(bare, 1, 2)
}

/// Two-digit years are refused: "May 25" must not read as the year 25.
fn year_number(word: &str) -> Option<u32> {
    digits(word, 3, 4)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn make_date(year: u32, month: u32, day: Option<u32>) -> Option<Date> {
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(day) = day
        && !(1..=days_in_month(year, month)).contains(&day)
    {
        return None;
    }
    Some(Date { year, month, day })
}

/// Reads a whole answer as a date, or gives up. Works on normalised words, so
/// "February 25, 1956", "25th of Feb 1956" and "1956-02-25" all arrive as three words.
fn parse_date(words: &[String]) -> Option<Date> {
    let mut toks: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "of" && *w != "the")
        .collect();
    if toks.len() > 1 && toks.first().is_some_and(|w| WEEKDAYS.contains(w)) {
        toks.remove(0);
    }
    match toks.as_slice() {
        [a, b, c] => full_date(a, b, c),
        [a, b] => year_month(a, b),
        _ => None,
    }
}

fn full_date(a: &str, b: &str, c: &str) -> Option<Date> {
    if let (Some(day), Some(month), Some(year)) = (day_number(a), month_name(b), year_number(c)) {
        return make_date(year, month, Some(day));
    }
    if let (Some(month), Some(day), Some(year)) = (month_name(a), day_number(b), year_number(c)) {
        return make_date(year, month, Some(day));
    }
    let month_b = month_name(b).or_else(|| month_number(b));
    if let (Some(year), Some(month), Some(day)) = (year_number(a), month_b, day_number(c)) {
        return make_date(year, month, Some(day));
    }
    if let (Some(x), Some(y), Some(year)) = (digits(a, 1, 2), digits(b, 1, 2), year_number(c)) {
        // Day-first and month-first are both common; only accept what cannot be misread.
        let (month, day) = if x == y || (x <= 12 && y > 12) {
            (x, y)
        } else if y <= 12 && x > 12 {
            (y, x)
        } else {
            return None;
        };
        return make_date(year, month, Some(day));
    }
    None
}

fn year_month(a: &str, b: &str) -> Option<Date> {
    let (year, month) = if let (Some(m), Some(y)) = (month_name(a), year_number(b)) {
        (y, m)
    } else if let (Some(y), Some(m)) = (year_number(a), month_name(b).or_else(|| month_number(b))) {
        (y, m)
    } else if let (Some(m), Some(y)) = (month_number(a), year_number(b)) {
        (y, m)
    } else {
        return None;
    };
    make_date(year, month, None)
}

// ---------------------------------------------------------------------------
// Comparing one answer with one expectation

/// An answer in comparison form, with its date reading worked out once.
struct Form {
    words: Vec<String>,
    date: Option<Date>,
}

impl Form {
    fn new(words: Vec<String>) -> Self {
        let words = strip_article(words);
        let date = parse_date(&words);
        Form { words, date }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Exact,
    /// Accepted with this many edits in total; fewer edits is the better reading.
    Close(usize),
}

fn fit(expected: &Form, given: &Form) -> Option<Fit> {
    if expected.words.is_empty() || given.words.is_empty() {
        return None;
    }
    if let (Some(a), Some(b)) = (expected.date, given.date) {
        // A date is right or wrong as a whole: a one-letter slip there is a different day.
        return (a == b).then_some(Fit::Exact);
    }
    if expected.words == given.words {
        return Some(Fit::Exact);
    }
    if expected.words.len() != given.words.len() {
        return None;
    }
    let mut total = 0;
    for (e, g) in expected.words.iter().zip(&given.words) {
        total += word_edits(e, g)?;
    }
    Some(Fit::Close(total))
}

/// Longest word that may still carry a typo.
const MAX_FUZZY_WORD: usize = 100;

/// Edits forgiven in one word, or `None` if the words differ too much.
fn word_edits(expected: &str, given: &str) -> Option<usize> {
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

/// Fits a deck answer, written as in the deck, against the given answer.
fn fit_text(candidate: &str, given_raw: &str, given: &Form) -> Option<Fit> {
    let expected = Form::new(words(candidate));
    if expected.words.is_empty() {
        // An answer made only of symbols ("?", "...") has no words to compare, so the
        // folded text itself must match.
        let a = squash(candidate);
        return (!a.is_empty() && a == squash(given_raw)).then_some(Fit::Exact);
    }
    fit(&expected, given)
}

fn squash(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// Card kinds

fn judge_text(answer: &str, accept: &[String], given: &str) -> Verdict {
    let form = Form::new(words(given));
    let mut best: Option<(usize, &str)> = None;
    for candidate in std::iter::once(answer).chain(accept.iter().map(String::as_str)) {
        match fit_text(candidate, given, &form) {
            Some(Fit::Exact) => return Verdict::Right,
            Some(Fit::Close(edits)) if best.is_none_or(|(fewest, _)| edits < fewest) => {
                best = Some((edits, candidate));
            }
            _ => {}
        }
    }
    match best {
        Some((_, candidate)) => Verdict::Close {
            correct: candidate.trim().to_string(),
        },
        None => wrong(),
    }
}

/// The 0-based choice named by a number ("2", "2.", "(2)") or letter ("b", "B)"), if
/// it names one. Anything else, including a number past the end, is left to be read
/// as the text of a choice: a year such as "1917" may well be one.
fn choice_index(given: &str, count: usize) -> Option<usize> {
    let folded = fold(given);
    let t = folded.trim();
    let t = t.strip_prefix('(').unwrap_or(t);
    let t = t.strip_suffix(['.', ')']).unwrap_or(t).trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=count).contains(n))
            .map(|n| n - 1);
    }
    match t.as_bytes() {
        [letter] if letter.is_ascii_lowercase() => {
            let index = usize::from(letter - b'a');
            (index < count).then_some(index)
        }
        _ => None,
    }
}

fn judge_choice(choices: &[String], answer: usize, given: &str) -> Verdict {
    if let Some(index) = choice_index(given, choices.len()) {
        return if index == answer {
            Verdict::Right
        } else {
            wrong()
        };
    }
    let Some(right) = choices.get(answer) else {
        return wrong();
    };
    let form = Form::new(words(given));
    let mut right_fit = None;
    let mut other_exact = false;
    let mut other_fewest: Option<usize> = None;
    for (i, choice) in choices.iter().enumerate() {
        let found = fit_text(choice, given, &form);
        if i == answer {
            right_fit = found;
            continue;
        }
        match found {
            Some(Fit::Exact) => other_exact = true,
            Some(Fit::Close(edits)) => {
                other_fewest = Some(other_fewest.map_or(edits, |f| f.min(edits)));
            }
            None => {}
        }
    }
    match right_fit {
        Some(Fit::Exact) => Verdict::Right,
        // A typo closer to another choice means the learner picked that one.
        Some(Fit::Close(edits)) if !other_exact && other_fewest.is_none_or(|f| edits <= f) => {
            Verdict::Close {
                correct: right.trim().to_string(),
            }
        }
        _ => wrong(),
    }
}

/// The given text cut at every separator. Each piece is a run of words; `and_seps[i]`
/// says whether pieces `i` and `i + 1` were joined by "and"/"&" (as opposed to a comma
/// or similar), which matters when they are glued back together to match an expected
/// part such as "Marx and Engels".
struct Pieces {
    pieces: Vec<Vec<String>>,
    and_seps: Vec<bool>,
}

impl Pieces {
    fn split(given: &str) -> Self {
        let mut out = Pieces {
            pieces: Vec::new(),
            and_seps: Vec::new(),
        };
        let mut pending_and = false;
        for chunk in fold(given).split([',', ';', '\n', '\r']) {
            let mut current = Vec::new();
            for word in tokens(chunk) {
                if word == "and" {
                    out.push(std::mem::take(&mut current), &mut pending_and);
                    pending_and = true;
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

fn judge_several(parts: &[String], given: &str) -> Verdict {
    let targets: Vec<Form> = parts.iter().map(|part| Form::new(words(part))).collect();
    let given_parts = group_pieces(&Pieces::split(given), &targets);

    let fits: Vec<Vec<Option<Fit>>> = given_parts
        .iter()
        .map(|g| targets.iter().map(|t| fit(t, g)).collect())
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
    for (e, part) in parts.iter().enumerate() {
        match owner[e] {
            Some(g) => {
                matched_given[g] = true;
                any_close |= !locked[e];
            }
            None => missing.push(part.trim().to_string()),
        }
    }
    let extras = matched_given.iter().any(|m| !m);

    if !missing.is_empty() || extras || parts.is_empty() {
        Verdict::Wrong { missing }
    } else if any_close {
        Verdict::Close {
            correct: as_written(parts).join(", "),
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
    use super::*;

    fn text(answer: &str) -> Expected {
        text_with(answer, &[])
    }

    fn text_with(answer: &str, accept: &[&str]) -> Expected {
        Expected::Text {
            answer: answer.to_string(),
            accept: accept.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn several(parts: &[&str]) -> Expected {
        Expected::Several {
            parts: parts.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn choice(choices: &[&str], answer: usize) -> Expected {
        Expected::Choice {
            choices: choices.iter().map(|c| c.to_string()).collect(),
            answer,
        }
    }

    fn close(correct: &str) -> Verdict {
        Verdict::Close {
            correct: correct.to_string(),
        }
    }

    fn missing(parts: &[&str]) -> Verdict {
        Verdict::Wrong {
            missing: parts.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn no() -> Verdict {
        missing(&[])
    }

    #[track_caller]
    fn check(expected: &Expected, given: &str, want: Verdict) {
        assert_eq!(
            judge(expected, given),
            want,
            "judging {given:?} against {expected:?}"
        );
    }

    const REVOLUTIONARIES: [&str; 5] = ["1905", "1917", "Lenin", "Trotsky", "Stalin"];

    // --- normalise -------------------------------------------------------

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
    fn normalise_maps_ordinal_words() {
        let rows = [
            ("first", "1st"),
            ("second", "2nd"),
            ("third", "3rd"),
            ("fourth", "4th"),
            ("eleventh", "11th"),
            ("twelfth", "12th"),
            ("thirteenth", "13th"),
            ("twentieth", "20th"),
            ("twenty-first", "21st"),
            ("twenty second", "22nd"),
            ("thirtieth", "30th"),
            ("ninety-third", "93rd"),
            ("hundredth", "100th"),
        ];
        for (word, want) in rows {
            assert_eq!(normalise(word), want, "ordinal {word:?}");
        }
    }

    #[test]
    fn normalise_maps_cardinal_words() {
        assert_eq!(normalise("Seven Samurai"), "7 samurai");
        assert_eq!(normalise("twenty"), "20");
        assert_eq!(normalise("twenty-one"), "21");
        assert_eq!(normalise("nineteen"), "19");
    }

    #[test]
    fn normalise_maps_number_words_only_as_whole_words() {
        assert_eq!(normalise("anyone often"), "anyone often");
        assert_eq!(normalise("Oneida tenth"), "oneida 10th");
        assert_eq!(normalise("twentyfold"), "twentyfold");
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

    // --- typed answers: folding ------------------------------------------

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
    fn text_punctuation_does_not_glue_words() {
        check(&text("Marxist-Leninist"), "marxistleninist", no());
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

    // --- typed answers: typos --------------------------------------------

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

    // --- digits ----------------------------------------------------------

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

    // --- dates -----------------------------------------------------------

    #[test]
    fn dates_in_every_form_are_one_date() {
        let forms = [
            "February 25, 1956",
            "25 February 1956",
            "25 Feb 1956",
            "Feb 25 1956",
            "feb 25th 1956",
            "Feb. 25th, 1956",
            "25th of February 1956",
            "the 25th of February, 1956",
            "February the 25th, 1956",
            "twenty-fifth of February 1956",
            "Saturday, 25 February 1956",
            "1956-02-25",
            "1956/02/25",
            "1956-2-25",
            "1956 Feb 25",
            "25.02.1956",
            "02/25/1956",
            "FEBRUARY 25 1956",
        ];
        for deck in ["1956-02-25", "February 25, 1956"] {
            for form in forms {
                assert_eq!(
                    judge(&text(deck), form),
                    Verdict::Right,
                    "date form {form:?} against deck {deck:?}"
                );
            }
        }
    }

    #[test]
    fn dates_with_september_abbreviations() {
        for form in [
            "Sept 1 1939",
            "Sep 1st 1939",
            "1 Sept. 1939",
            "September first, 1939",
        ] {
            check(&text("1939-09-01"), form, Verdict::Right);
        }
    }

    #[test]
    fn dates_with_every_month_name_and_abbreviation() {
        for (name, month) in MONTHS {
            let written = format!("15 {name} 2000");
            let iso = format!("2000-{month:02}-15");
            assert_eq!(
                judge(&text(&iso), &written),
                Verdict::Right,
                "month {name:?}"
            );
        }
    }

    #[test]
    fn dates_differing_in_month_are_wrong() {
        check(&text("25 February 1956"), "25 March 1956", no());
        check(&text("1956-02-25"), "1956-03-25", no());
    }

    #[test]
    fn year_month_forms_are_one_date() {
        check(&text("March 1958"), "1958-03", Verdict::Right);
        check(&text("1958-03"), "mar 1958", Verdict::Right);
        check(&text("March 1958"), "April 1958", no());
    }

    #[test]
    fn year_month_is_not_a_full_date() {
        check(&text("March 1958"), "1 March 1958", no());
    }

    #[test]
    fn plain_year_is_just_a_number() {
        check(&text("1956"), "25 February 1956", no());
        check(&text("25 February 1956"), "1956", no());
    }

    #[test]
    fn month_typo_in_same_order_is_close() {
        check(
            &text("February 25, 1956"),
            "Febuary 25 1956",
            close("February 25, 1956"),
        );
    }

    #[test]
    fn ambiguous_numeric_dates_are_not_dates() {
        assert_eq!(parse_date(&words("03/04/1956")), None);
        check(&text("1956-04-03"), "03/04/1956", no());
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(parse_date(&words("30 February 1956")), None);
        assert_eq!(parse_date(&words("29 Feb 1900")), None, "1900 not leap");
        assert!(parse_date(&words("29 Feb 1956")).is_some(), "1956 leap");
        assert!(parse_date(&words("29 Feb 2000")).is_some(), "2000 leap");
        assert_eq!(parse_date(&words("1956-13-01")), None);
    }

    #[test]
    fn day_without_year_is_not_a_date() {
        assert_eq!(parse_date(&words("May 25")), None);
        assert_eq!(parse_date(&words("25 Feb 56")), None);
    }

    // --- numbers in words ------------------------------------------------

    #[test]
    fn ordinal_word_equals_ordinal_digits() {
        check(&text("20th Congress"), "Twentieth Congress", Verdict::Right);
        check(
            &text("Twentieth Congress"),
            "the 20th congress",
            Verdict::Right,
        );
        check(
            &text("21st century"),
            "twenty-first century",
            Verdict::Right,
        );
    }

    #[test]
    fn ordinal_is_not_the_cardinal() {
        check(&text("20th"), "20", no());
        check(&text("twentieth"), "twenty", no());
    }

    #[test]
    fn cardinal_word_equals_digits() {
        check(&text("Seven Years' War"), "7 years war", Verdict::Right);
        check(
            &text("The Three Musketeers"),
            "3 musketeers",
            Verdict::Right,
        );
    }

    // --- alternatives ----------------------------------------------------

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

    // --- empty and odd typed answers -------------------------------------

    #[test]
    fn empty_answer_is_wrong() {
        check(&text("Lenin"), "", no());
        check(&text("Lenin"), " \t\n ", no());
    }

    #[test]
    fn punctuation_only_answer_is_wrong() {
        check(&text("Lenin"), "?!", no());
    }

    #[test]
    fn symbol_only_deck_answer_compares_symbols() {
        check(&text("?"), "?", Verdict::Right);
        check(&text("?"), "!", no());
    }

    // --- several answers -------------------------------------------------

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
        check(&card, "Stalin, Lenin", missing(&["Trotsky"]));
    }

    #[test]
    fn several_missing_parts_in_deck_order() {
        let card = several(&["Lenin", "Trotsky", "Stalin"]);
        check(&card, "Trotsky", missing(&["Lenin", "Stalin"]));
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
        check(&card, "Lenin, Lenin", missing(&["Stalin"]));
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

    // --- multiple choice -------------------------------------------------

    #[test]
    fn choice_by_number() {
        let card = choice(&REVOLUTIONARIES, 2);
        for given in ["3", " 3 ", "3.", "3)", "(3)", "３"] {
            check(&card, given, Verdict::Right);
        }
    }

    #[test]
    fn choice_by_letter() {
        let card = choice(&REVOLUTIONARIES, 2);
        for given in ["c", "C", " c ", "c)", "C."] {
            check(&card, given, Verdict::Right);
        }
    }

    #[test]
    fn choice_by_text() {
        check(&choice(&REVOLUTIONARIES, 2), "lenin", Verdict::Right);
    }

    #[test]
    fn choice_by_typo_text_is_close() {
        check(&choice(&REVOLUTIONARIES, 4), "Stailn", close("Stalin"));
    }

    #[test]
    fn choice_wrong_number_or_letter() {
        let card = choice(&REVOLUTIONARIES, 2);
        check(&card, "2", no());
        check(&card, "d", no());
    }

    #[test]
    fn choice_out_of_range_number_is_wrong() {
        let card = choice(&REVOLUTIONARIES, 2);
        check(&card, "6", no());
        check(&card, "0", no());
        check(&card, "99999999999999999999999999", no());
    }

    #[test]
    fn choice_out_of_range_letter_is_wrong() {
        check(&choice(&REVOLUTIONARIES, 2), "z", no());
    }

    #[test]
    fn choice_text_that_is_a_number_past_the_end() {
        check(&choice(&REVOLUTIONARIES, 1), "1917", Verdict::Right);
        check(&choice(&REVOLUTIONARIES, 1), "1905", no());
    }

    #[test]
    fn choice_text_of_another_choice_is_wrong() {
        check(&choice(&REVOLUTIONARIES, 2), "Trotsky", no());
    }

    #[test]
    fn choice_typo_nearer_another_choice_is_wrong() {
        let card = choice(&["Dzerzhinsky", "Dzerzhinskiy"], 0);
        check(&card, "Dzerzhinskij", no());
        check(&card, "Dzerzhinsky", Verdict::Right);
    }

    #[test]
    fn choice_longer_text_is_not_a_letter() {
        check(&choice(&REVOLUTIONARIES, 0), "ab", no());
    }

    #[test]
    fn choice_with_bad_answer_index_never_right() {
        let card = choice(&["Lenin", "Stalin"], 7);
        check(&card, "Lenin", no());
        check(&card, "1", no());
    }

    // --- true/false ------------------------------------------------------

    #[test]
    fn parse_bool_accepts_every_spelling() {
        let rows = [
            ("t", true),
            ("T", true),
            ("true", true),
            ("True", true),
            (" TRUE ", true),
            ("y", true),
            ("Yes", true),
            ("yes\n", true),
            ("f", false),
            ("F", false),
            ("false", false),
            ("FALSE", false),
            ("n", false),
            ("No", false),
            ("  no  ", false),
        ];
        for (given, want) in rows {
            assert_eq!(parse_bool(given), Some(want), "spelling {given:?}");
        }
    }

    #[test]
    fn parse_bool_refuses_garbage() {
        for given in [
            "", " ", "maybe", "tru", "yess", "1", "0", "ja", "falsely", "y e s",
        ] {
            assert_eq!(parse_bool(given), None, "garbage {given:?}");
        }
    }

    #[test]
    fn true_false_judging() {
        check(&Expected::TrueFalse(true), "yes", Verdict::Right);
        check(&Expected::TrueFalse(false), " F ", Verdict::Right);
        check(&Expected::TrueFalse(true), "false", no());
        check(&Expected::TrueFalse(false), "maybe", no());
        check(&Expected::TrueFalse(false), "", no());
    }

    // --- verdicts --------------------------------------------------------

    #[test]
    fn accepted_verdicts() {
        assert!(Verdict::Right.is_accepted());
        assert!(close("Lenin").is_accepted());
        assert!(!no().is_accepted());
        assert!(!missing(&["Lenin"]).is_accepted());
    }

    // --- robustness ------------------------------------------------------

    const ODD_INPUTS: [&str; 20] = [
        "\u{301}",
        "\u{301}\u{302}\u{303}",
        "a\u{301}\u{301}\u{301}",
        "🙂",
        "👨\u{200d}👩\u{200d}👧",
        "\u{200b}",
        "\u{202e}nineL",
        "\u{0}",
        "\u{fffd}",
        "\u{fdfa}",
        "ǅ",
        "İstanbul",
        "(",
        "(.)",
        ",,,;;;\n\n",
        "and and and",
        "& & &",
        "0000-00-00",
        "1956-02-30",
        "the",
    ];

    fn all_kinds() -> Vec<Expected> {
        vec![
            text("Lenin"),
            text_with("1956-02-25", &["🙂"]),
            text("\u{301}"),
            text(""),
            choice(&REVOLUTIONARIES, 3),
            choice(&[], 0),
            Expected::TrueFalse(true),
            several(&["Marx and Engels", "Lenin", "1917"]),
            several(&[]),
            several(&["", "\u{301}"]),
        ]
    }

    #[test]
    fn odd_unicode_never_panics() {
        for expected in all_kinds() {
            for given in ODD_INPUTS {
                let _ = judge(&expected, given);
            }
        }
        for given in ODD_INPUTS {
            let _ = normalise(given);
            let _ = parse_bool(given);
        }
    }

    #[test]
    fn odd_unicode_is_not_accepted_for_a_plain_answer() {
        for given in ODD_INPUTS {
            let verdict = judge(&text("Lenin"), given);
            assert!(
                !verdict.is_accepted(),
                "odd input {given:?} gave {verdict:?}"
            );
        }
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

    #[test]
    fn empty_deck_entries_never_match() {
        check(&text(""), "anything", no());
        check(&several(&[]), "Lenin", no());
    }

    #[test]
    fn very_long_answers_finish() {
        let long_word = "a".repeat(200_000);
        for expected in all_kinds() {
            let _ = judge(&expected, &long_word);
        }
        check(&text("collectivisation"), &long_word, no());
        let long_list = "Lenin, Stalin and ".repeat(5_000);
        check(&several(&["Lenin", "Stalin"]), &long_list, no());
        let long_text = "the 20th Congress ".repeat(10_000);
        check(&text("20th Congress"), &long_text, no());
    }

    #[test]
    fn shapes_tell_dates_numbers_names_and_phrases_apart() {
        assert_eq!(shape("February 25, 1956"), Shape::Date);
        assert_eq!(shape("1956-02-25"), Shape::Date);
        assert_eq!(shape("1956"), Shape::Number);
        assert_eq!(shape("1924–1953"), Shape::Number);
        assert_eq!(shape("20th"), Shape::Number);
        assert_eq!(shape("Joseph Stalin"), Shape::Name);
        assert_eq!(shape("Charles de Gaulle"), Shape::Name);
        assert_eq!(shape("Moscow"), Shape::Name);
        assert_eq!(shape("a closed session"), Shape::Phrase);
        assert_eq!(
            shape("Release of political prisoners and rehabilitation"),
            Shape::Phrase
        );
    }
}
