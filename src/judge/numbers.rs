//! Numbers written as words ("twentieth", "twenty-one", "seven") read as the digits a
//! learner might type instead, so "Twentieth Congress" and "20th Congress" are one answer.
//! An answer that is a quantity as a whole ("-40", "12,000", "2/5", "10³", "$3bn",
//! "5 km") is also read by value, so it compares with the expected quantity exactly.

use super::Reason;

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
pub(super) fn number_words(raw: Vec<String>) -> Vec<String> {
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

// ---------------------------------------------------------------------------------------
// Quantities: an answer that is a number, with its sign, magnitude and unit, compares by
// value ("12,000" = "twelve thousand", "$3bn" = "3 billion dollars", "5km" = "5 kilometres").

/// An exact rational number, kept in lowest terms with a positive denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rational {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Rational {
    fn new(num: i128, den: i128) -> Option<Self> {
        if den == 0 || num == i128::MIN || den == i128::MIN {
            return None;
        }
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Rational {
            num: sign * (num / g),
            den: sign * (den / g),
        })
    }
    fn int(n: i128) -> Self {
        Rational { num: n, den: 1 }
    }
    fn add(self, o: Self) -> Option<Self> {
        let num = self
            .num
            .checked_mul(o.den)?
            .checked_add(o.num.checked_mul(self.den)?)?;
        Rational::new(num, self.den.checked_mul(o.den)?)
    }
    fn mul(self, o: Self) -> Option<Self> {
        Rational::new(self.num.checked_mul(o.num)?, self.den.checked_mul(o.den)?)
    }
    fn div(self, o: Self) -> Option<Self> {
        Rational::new(self.num.checked_mul(o.den)?, self.den.checked_mul(o.num)?)
    }
    fn neg(self) -> Self {
        Rational {
            num: -self.num,
            den: self.den,
        }
    }
    fn pow(self, exp: i32) -> Option<Self> {
        if exp.unsigned_abs() > 60 {
            return None;
        }
        let mut out = Rational::int(1);
        for _ in 0..exp.unsigned_abs() {
            out = out.mul(self)?;
        }
        if exp < 0 {
            Rational::int(1).div(out)
        } else {
            Some(out)
        }
    }
    fn is_integer(self) -> bool {
        self.den == 1
    }
    /// Whether the decimal expansion ends (the denominator has no prime but 2 and 5).
    fn terminates(self) -> bool {
        let mut d = self.den;
        for p in [2, 5] {
            while d % p == 0 {
                d /= p;
            }
        }
        d == 1
    }
}

/// One way of reading a typed number: `primary` is false for the less likely reading of
/// an ambiguous form ("12.000" is 12 first, and 12000 only in the European way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reading {
    value: Rational,
    primary: bool,
    /// Digits after a decimal point, when written as a decimal.
    decimals: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Quantity {
    /// A number, with the units it may be in (none: a bare number).
    Number {
        readings: Vec<Reading>,
        units: Vec<String>,
        /// Numerator and denominator of a fraction as typed: "2/4" is not "1/2" when
        /// both are fractions, and "25/12" is not "50/24" (a date, perhaps).
        fraction: Option<(i128, i128)>,
    },
    /// "3:2".
    Ratio(Vec<Rational>),
    /// "3rd", "third"; `proper` is false for a wrong suffix such as "3th".
    Ordinal { value: u32, proper: bool },
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(String),
    Word(String),
    Sym(char),
    Sup(i32),
    Frac(i128, i128),
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}' | '\u{2008}'
    )
}

fn superscript(c: char) -> Option<i32> {
    let digit = match c {
        '⁰' => 0,
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁴' => 4,
        '⁵' => 5,
        '⁶' => 6,
        '⁷' => 7,
        '⁸' => 8,
        '⁹' => 9,
        _ => return None,
    };
    Some(digit)
}

fn vulgar(c: char) -> Option<(i128, i128)> {
    Some(match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        '⅐' => (1, 7),
        '⅑' => (1, 9),
        '⅒' => (1, 10),
        _ => return None,
    })
}

/// Splits an answer into numbers (digits with their separators), words, superscript
/// exponents, vulgar fractions and symbols. `None` for text too long to be a quantity.
fn lex(text: &str) -> Option<Vec<Tok>> {
    if text.len() > 200 {
        return None;
    }
    let chars: Vec<char> = text.trim().chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let digit_at = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit()
            || (c == '.' && digit_at(i + 1) && !(i > 0 && chars[i - 1].is_alphanumeric()));
        if starts_number {
            let start = i;
            let mut num = String::new();
            if c == '.' {
                num.push('.');
                i += 1;
            }
            loop {
                while digit_at(i) {
                    num.push(chars[i]);
                    i += 1;
                }
                let Some(&sep) = chars.get(i) else { break };
                if (sep == '.' || sep == ',') && digit_at(i + 1) {
                    num.push(sep);
                    i += 1;
                } else if is_space(sep)
                    && (1..=3).all(|k| digit_at(i + k))
                    && !digit_at(i + 4)
                    && !matches!(chars.get(i + 4), Some('/' | ':' | '.' | ','))
                {
                    num.push(' ');
                    i += 1;
                } else {
                    break;
                }
            }
            // "m/s2": one digit glued after a unit's letters is its exponent.
            let glued = start > 0 && chars[start - 1].is_alphabetic();
            if glued && matches!(num.as_str(), "2" | "3") && !digit_at(i) {
                toks.push(Tok::Sup(if num == "2" { 2 } else { 3 }));
            } else {
                toks.push(Tok::Num(num));
            }
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&l) = chars.get(i).filter(|l| l.is_alphabetic()) {
                word.extend(l.to_lowercase());
                i += 1;
            }
            // A lone capital K is the kelvin; a lone k is a thousand.
            if word == "k" && chars[i - 1] == 'K' {
                word = "K".to_string();
            }
            // "1990s" is a decade (the dates' business), not 1990 seconds.
            if word == "s" && i >= 2 && chars[i - 2].is_ascii_digit() {
                return None;
            }
            toks.push(Tok::Word(word));
        } else if let Some(d) = superscript(c) {
            let mut exp = 0i32;
            while let Some(d) = chars.get(i).and_then(|c| superscript(*c)) {
                exp = exp.checked_mul(10)?.checked_add(d)?;
                i += 1;
            }
            let _ = d;
            toks.push(Tok::Sup(exp));
        } else if c == '⁻' && chars.get(i + 1).and_then(|c| superscript(*c)).is_some() {
            i += 1;
            let mut exp = 0i32;
            while let Some(d) = chars.get(i).and_then(|c| superscript(*c)) {
                exp = exp.checked_mul(10)?.checked_add(d)?;
                i += 1;
            }
            toks.push(Tok::Sup(-exp));
        } else if let Some((n, d)) = vulgar(c) {
            toks.push(Tok::Frac(n, d));
            i += 1;
        } else if is_space(c) || c == '\n' || c == '\r' {
            i += 1;
        } else {
            match c {
                '−' | '‐' | '‑' | '-' => toks.push(Tok::Sym('-')),
                '’' | '′' | '\'' => toks.push(Tok::Sym('\'')),
                '″' | '"' => toks.push(Tok::Sym('"')),
                '⁄' | '∕' | '/' => toks.push(Tok::Sym('/')),
                '℃' => {
                    toks.push(Tok::Sym('°'));
                    toks.push(Tok::Word("c".to_string()));
                }
                '℉' => {
                    toks.push(Tok::Sym('°'));
                    toks.push(Tok::Word("f".to_string()));
                }
                'º' => toks.push(Tok::Sym('°')),
                _ => toks.push(Tok::Sym(c)),
            }
            i += 1;
        }
    }
    // Closing punctuation, and the dot of an abbreviation ("ft."), say nothing.
    while matches!(toks.last(), Some(Tok::Sym('.' | '!' | '?' | ';' | ','))) {
        toks.pop();
    }
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for tok in toks {
        if tok == Tok::Sym('.') && matches!(out.last(), Some(Tok::Word(_))) {
            continue;
        }
        out.push(tok);
    }
    Some(out)
}

fn digits_value(digits: &str) -> Option<i128> {
    if digits.len() > 36 {
        return None;
    }
    digits.parse().ok()
}

fn decimal(int: &str, frac: &str) -> Option<Rational> {
    let whole = if int.is_empty() {
        0
    } else {
        digits_value(int)?
    };
    let scale = 10i128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let part = if frac.is_empty() {
        0
    } else {
        digits_value(frac)?
    };
    Rational::new(whole.checked_mul(scale)?.checked_add(part)?, scale)
}

/// The readings of digits as typed: "12,000" (thousands), "3,14" (decimal comma),
/// "1.234,5" (both), "12 000" (spaced thousands).
fn numeral(text: &str) -> Option<Vec<Reading>> {
    let groups: Vec<&str> = text.split(['.', ',', ' ']).collect();
    let seps: Vec<char> = text
        .chars()
        .filter(|c| matches!(c, '.' | ',' | ' '))
        .collect();
    let plain = |value| Reading {
        value,
        primary: true,
        decimals: None,
    };
    let thousands_ok = |gs: &[&str]| {
        gs.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && gs[1..].iter().all(|g| g.len() == 3)
    };
    if seps.is_empty() {
        return Some(vec![plain(Rational::int(digits_value(text)?))]);
    }
    let last = *seps.last()?;
    let joined = |gs: &[&str]| gs.concat();
    if seps.iter().all(|c| *c == ' ') {
        return thousands_ok(&groups)
            .then(|| digits_value(&joined(&groups)))
            .flatten()
            .map(|n| vec![plain(Rational::int(n))]);
    }
    if seps.len() == 1 {
        let (int, frac) = (groups[0], groups[1]);
        let as_decimal = Reading {
            value: decimal(int, frac)?,
            primary: true,
            decimals: u32::try_from(frac.len()).ok(),
        };
        // "12,000" is not twelve written with a decimal comma.
        let zeros_after_comma = last == ',' && frac == "000";
        if frac.len() == 3 && (1..=3).contains(&int.len()) && int != "0" {
            let as_thousands = plain(Rational::int(digits_value(&joined(&groups))?));
            if zeros_after_comma {
                return Some(vec![as_thousands]);
            }
            return Some(if last == '.' {
                vec![
                    as_decimal,
                    Reading {
                        primary: false,
                        ..as_thousands
                    },
                ]
            } else {
                vec![
                    as_thousands,
                    Reading {
                        primary: false,
                        ..as_decimal
                    },
                ]
            });
        }
        return Some(vec![as_decimal]);
    }
    let earlier = &seps[..seps.len() - 1];
    let same = seps.iter().all(|c| *c == last);
    if same && thousands_ok(&groups) {
        return Some(vec![plain(Rational::int(digits_value(&joined(&groups))?))]);
    }
    let first = earlier[0];
    if earlier.iter().all(|c| *c == first) && first != last && last != ' ' {
        let (whole, frac) = groups.split_at(groups.len() - 1);
        if thousands_ok(whole) {
            return Some(vec![Reading {
                value: decimal(&joined(whole), frac[0])?,
                primary: true,
                decimals: u32::try_from(frac[0].len()).ok(),
            }]);
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

fn scale_word(word: &str) -> Option<i128> {
    Some(match word {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

/// The denominator a fraction word names: "half" 2, "thirds" 3, "quarter" 4, "fifths" 5.
fn fraction_word(word: &str) -> Option<i128> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    match singular {
        "half" | "halve" => Some(2),
        "quarter" => Some(4),
        "second" | "first" => None,
        _ => ordinal_value(singular).map(i128::from),
    }
}

fn glued_compound(word: &str) -> Option<u32> {
    TENS.iter().find_map(|tens| {
        let rest = word.strip_prefix(tens)?;
        let unit = cardinal_value(rest).filter(|u| *u < 10)?;
        Some(tens_value(tens)? + unit)
    })
}

enum Words {
    Value(Rational),
    Ordinal(u32),
}

fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn is_number_word(word: &str) -> bool {
    cardinal_value(word).is_some()
        || glued_compound(word).is_some()
        || word == "hundred"
        || scale_word(word).is_some()
}

/// Numbers written in words from `*pos`: "twelve thousand", "one thousand two hundred
/// and thirty-four", "a million", "two and a half", "two fifths", "twenty-first".
fn number_in_words(toks: &[Tok], pos: &mut usize) -> Option<Words> {
    let mut i = *pos;
    let mut total = Rational::int(0);
    let mut current: i128 = 0;
    let mut last = Last::Start;
    let mut last_scale = i128::MAX;
    let mut fraction: Option<Rational> = None;
    let mut ordinal: Option<u32> = None;
    while let Some(word) = word_at(toks, i) {
        let next = word_at(toks, i + 1);
        if word == "a" && last == Last::Start {
            if next.is_some_and(|n| {
                n == "hundred" || scale_word(n).is_some() || fraction_word(n).is_some()
            }) {
                current = 1;
                last = Last::Unit;
                i += 1;
                continue;
            }
            return None;
        }
        if matches!(word, "zero" | "nought") && last == Last::Start {
            i += 1;
            last = Last::Scale;
            break;
        }
        if word == "and" {
            let after = next?;
            if matches!(after, "a" | "one")
                && word_at(toks, i + 2).is_some_and(|w| matches!(w, "half" | "quarter"))
                && last != Last::Start
            {
                let den = fraction_word(word_at(toks, i + 2)?)?;
                fraction = Some(Rational::new(1, den)?);
                i += 3;
                break;
            }
            if !matches!(last, Last::Hundred | Last::Scale) || !is_number_word(after) {
                break;
            }
            i += 1;
            continue;
        }
        let unit = cardinal_value(word).or_else(|| glued_compound(word));
        if let Some(v) = unit {
            let v = i128::from(v);
            let allowed = match v {
                1..=9 => matches!(last, Last::Start | Last::Tens | Last::Hundred | Last::Scale),
                _ => matches!(last, Last::Start | Last::Hundred | Last::Scale),
            };
            if !allowed {
                return None;
            }
            current += v;
            last = match v {
                1..=9 => Last::Unit,
                10..=19 => Last::Teen,
                _ if v % 10 == 0 => Last::Tens,
                _ => Last::Unit,
            };
        } else if word == "hundred" {
            if matches!(last, Last::Hundred | Last::Tens) {
                return None;
            }
            current = current.max(1).checked_mul(100)?;
            last = Last::Hundred;
        } else if let Some(scale) = scale_word(word) {
            if scale >= last_scale || last == Last::Scale {
                return None;
            }
            total = total.add(Rational::int(current.max(1).checked_mul(scale)?))?;
            current = 0;
            last_scale = scale;
            last = Last::Scale;
        } else if let Some(den) = fraction_word(word)
            && (matches!(last, Last::Unit | Last::Teen | Last::Tens)
                || (last == Last::Start && matches!(word, "half")))
        {
            let numerator = if last == Last::Start { 1 } else { current };
            fraction = Some(Rational::new(numerator, den)?);
            current = 0;
            i += 1;
            break;
        } else if let Some(v) = ordinal_value(word)
            && matches!(last, Last::Start | Last::Tens | Last::Hundred | Last::Scale)
        {
            let whole = total.add(Rational::int(current))?;
            ordinal = Some(u32::try_from(whole.num).ok()?.checked_add(v)?);
            i += 1;
            break;
        } else {
            break;
        }
        i += 1;
        // "twenty-one": a hyphen between number words.
        if toks.get(i) == Some(&Tok::Sym('-'))
            && word_at(toks, i + 1)
                .is_some_and(|w| cardinal_value(w).is_some() || ordinal_value(w).is_some())
        {
            i += 1;
        }
    }
    if last == Last::Start && fraction.is_none() && ordinal.is_none() {
        return None;
    }
    *pos = i;
    if let Some(n) = ordinal {
        return Some(Words::Ordinal(n));
    }
    let mut value = total.add(Rational::int(current))?;
    if let Some(f) = fraction {
        value = value.add(f)?;
    }
    Some(Words::Value(value))
}

fn int_tok(toks: &[Tok], i: usize) -> Option<i128> {
    match toks.get(i) {
        Some(Tok::Num(n)) if n.chars().all(|c| c.is_ascii_digit()) => digits_value(n),
        _ => None,
    }
}

fn exponent_at(toks: &[Tok], i: &mut usize) -> Option<i32> {
    match toks.get(*i) {
        Some(Tok::Sup(e)) => {
            *i += 1;
            Some(*e)
        }
        Some(Tok::Sym('^')) => {
            let negative = toks.get(*i + 1) == Some(&Tok::Sym('-'));
            let at = *i + 1 + usize::from(negative);
            let e = i32::try_from(int_tok(toks, at)?).ok()?;
            *i = at + 1;
            Some(if negative { -e } else { e })
        }
        _ => None,
    }
}

fn scale_all(readings: &mut [Reading], factor: Rational) -> Option<()> {
    for r in readings.iter_mut() {
        r.value = r.value.mul(factor)?;
        r.decimals = None;
    }
    Some(())
}

fn currency_symbol(tok: Option<&Tok>) -> Option<&'static str> {
    match tok {
        Some(Tok::Sym('$')) => Some("usd"),
        Some(Tok::Sym('£')) => Some("gbp"),
        Some(Tok::Sym('€')) => Some("eur"),
        Some(Tok::Sym('¥')) => Some("jpy"),
        _ => None,
    }
}

/// Reads an answer as a quantity, or `None` when it is anything else (a name, a phrase,
/// a year range, a date).
pub(super) fn read_quantity(text: &str) -> Option<Quantity> {
    let mut toks = lex(text)?;
    let mut misspelt = false;
    for tok in &mut toks {
        if let Tok::Word(w) = tok
            && let Some(fixed) = misspelt_number_word(w)
        {
            *w = fixed.to_string();
            misspelt = true;
        }
    }
    let mut quantity = read_tokens(&toks)?;
    if misspelt {
        match &mut quantity {
            Quantity::Number { readings, .. } => {
                for r in readings {
                    r.primary = false;
                }
            }
            Quantity::Ordinal { proper, .. } => *proper = false,
            Quantity::Ratio(_) => return None,
        }
    }
    Some(quantity)
}

/// The number word a word of six letters or more is one slip away from ("seventeeen",
/// "fourty"), when only one is, the first letter is right, and the word is not a number
/// word or unit already.
fn misspelt_number_word(word: &str) -> Option<&'static str> {
    let known = cardinal_value(word).is_some()
        || ordinal_value(word).is_some()
        || glued_compound(word).is_some()
        || fraction_word(word).is_some()
        || scale_word(word).is_some()
        || word == "hundred"
        || super::units::is_unit_word(word);
    if known || word.chars().count() < 5 {
        return None;
    }
    // Common misspellings that are one slip from two number words ("fourth", "forty").
    let common = match word {
        "fourty" => Some("forty"),
        "fourtieth" => Some("fortieth"),
        "ninty" => Some("ninety"),
        "nineth" => Some("ninth"),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    let mut found = None;
    for candidate in CARDINALS
        .iter()
        .chain(&TENS)
        .chain(&ORDINALS)
        .chain(&TENS_ORDINALS)
    {
        if candidate.len() >= 6
            && candidate.chars().next() == word.chars().next()
            && strsim::damerau_levenshtein(candidate, word) == 1
        {
            if found.is_some() {
                return None;
            }
            found = Some(*candidate);
        }
    }
    found
}

fn read_tokens(toks: &[Tok]) -> Option<Quantity> {
    let mut i = 0;
    let mut negative = false;
    let mut prefix: Option<String> = None;
    loop {
        match toks.get(i) {
            Some(Tok::Sym('-')) => negative = !negative,
            Some(Tok::Sym('+')) => {}
            Some(Tok::Word(w)) if w == "minus" || w == "negative" => negative = !negative,
            Some(Tok::Word(w)) if w == "us" && currency_symbol(toks.get(i + 1)).is_some() => {}
            Some(Tok::Word(w))
                if prefix.is_none()
                    && matches!(w.as_str(), "usd" | "gbp" | "eur" | "jpy" | "cny") =>
            {
                prefix = Some(w.clone());
            }
            tok => match currency_symbol(tok) {
                Some(c) if prefix.is_none() => prefix = Some(c.to_string()),
                _ => break,
            },
        }
        i += 1;
    }
    let start = i;
    let mut readings: Vec<Reading>;
    let mut fraction = None;
    match toks.get(i) {
        Some(Tok::Num(n)) => {
            readings = numeral(n)?;
            i += 1;
            let whole = int_tok(toks, start);
            match toks.get(i) {
                Some(Tok::Frac(a, b)) if whole.is_some() => {
                    scale_all(&mut readings, Rational::int(1))?;
                    for r in &mut readings {
                        r.value = r.value.add(Rational::new(*a, *b)?)?;
                    }
                    i += 1;
                }
                Some(Tok::Sym('/')) => {
                    let den = int_tok(toks, i + 1)?;
                    fraction = Some((whole?, den));
                    if matches!(toks.get(i + 2), Some(Tok::Sym('/' | '-' | ':'))) {
                        return None;
                    }
                    for r in &mut readings {
                        r.value = r.value.div(Rational::int(den))?;
                        r.decimals = None;
                    }
                    i += 2;
                }
                Some(Tok::Sym(':')) => {
                    let mut parts = vec![readings.first()?.value];
                    while toks.get(i) == Some(&Tok::Sym(':')) {
                        let Some(Tok::Num(n)) = toks.get(i + 1) else {
                            return None;
                        };
                        parts.push(numeral(n)?.first()?.value);
                        i += 2;
                    }
                    return (i == toks.len() && !negative && prefix.is_none())
                        .then_some(Quantity::Ratio(parts));
                }
                Some(Tok::Num(_)) if whole.is_some() && toks.get(i + 1) == Some(&Tok::Sym('/')) => {
                    // "2 1/2"
                    let a = int_tok(toks, i)?;
                    let b = int_tok(toks, i + 2)?;
                    if a >= b {
                        return None;
                    }
                    for r in &mut readings {
                        r.value = r.value.add(Rational::new(a, b)?)?;
                        r.decimals = None;
                    }
                    i += 3;
                }
                Some(Tok::Word(w))
                    if w == "e" && !matches!(toks.get(i + 1), Some(Tok::Word(_))) =>
                {
                    let neg = toks.get(i + 1) == Some(&Tok::Sym('-'));
                    let at = i + 1 + usize::from(neg);
                    let e = match toks.get(at) {
                        // "1e3": the lexer took the glued digit for an exponent already.
                        Some(Tok::Sup(e)) => *e,
                        _ => i32::try_from(int_tok(toks, at)?).ok()?,
                    };
                    scale_all(
                        &mut readings,
                        Rational::int(10).pow(if neg { -e } else { e })?,
                    )?;
                    i = at + 1;
                }
                Some(Tok::Word(w))
                    if matches!(w.as_str(), "st" | "nd" | "rd" | "th")
                        && i + 1 == toks.len()
                        && prefix.is_none()
                        && !negative =>
                {
                    let n = u32::try_from(whole?).ok()?;
                    let proper = ordinal(n).ends_with(w.as_str());
                    return Some(Quantity::Ordinal { value: n, proper });
                }
                _ => {
                    if whole.is_some()
                        && let Some(e) = exponent_at(toks, &mut i)
                    {
                        let base = readings.first()?.value;
                        readings = vec![Reading {
                            value: base.pow(e)?,
                            primary: true,
                            decimals: None,
                        }];
                    }
                }
            }
            // "3 and a half"
            if whole.is_some()
                && i == start + 1
                && word_at(toks, i) == Some("and")
                && matches!(word_at(toks, i + 1), Some("a" | "one"))
                && let Some(den) = word_at(toks, i + 2)
                    .filter(|w| matches!(*w, "half" | "quarter"))
                    .and_then(fraction_word)
            {
                for r in &mut readings {
                    r.value = r.value.add(Rational::new(1, den)?)?;
                    r.decimals = None;
                }
                i += 3;
            }
            // "6.02 × 10^23"
            let times = matches!(toks.get(i), Some(Tok::Sym('×' | '*' | '·')))
                || word_at(toks, i) == Some("x");
            if times && int_tok(toks, i + 1) == Some(10) {
                let mut at = i + 2;
                let e = exponent_at(toks, &mut at)?;
                scale_all(&mut readings, Rational::int(10).pow(e)?)?;
                i = at;
            }
        }
        Some(Tok::Frac(a, b)) => {
            readings = vec![Reading {
                value: Rational::new(*a, *b)?,
                primary: true,
                decimals: None,
            }];
            i += 1;
        }
        Some(Tok::Word(_)) => match number_in_words(toks, &mut i)? {
            Words::Value(value) => {
                readings = vec![Reading {
                    value,
                    primary: true,
                    decimals: None,
                }];
            }
            Words::Ordinal(n) => {
                return (i == toks.len() && !negative && prefix.is_none()).then_some(
                    Quantity::Ordinal {
                        value: n,
                        proper: true,
                    },
                );
            }
        },
        _ => return None,
    }
    // Magnitude: "12 million", "$12m", "$3bn", "12k".
    let money_after = |j: usize| word_at(toks, j).is_some_and(super::units::is_currency_word);
    if let Some(w) = word_at(toks, i) {
        let scale = match w {
            "k" => Some(1_000),
            "m" | "mn" | "mln" if prefix.is_some() || money_after(i + 1) => Some(1_000_000),
            "b" | "bn" | "bil" => Some(1_000_000_000),
            "tn" => Some(1_000_000_000_000),
            _ => scale_word(w),
        };
        if let Some(scale) = scale {
            scale_all(&mut readings, Rational::int(scale))?;
            i += 1;
        }
    }
    // The unit, and the cents of "3 euros 50".
    let mut pieces: Vec<String> = Vec::new();
    let mut cents: Option<i128> = None;
    let mut j = i;
    while j < toks.len() {
        let piece = match &toks[j] {
            Tok::Word(w) => w.clone(),
            Tok::Sym('^') => {
                let e = int_tok(toks, j + 1)?;
                j += 1;
                format!("^{e}")
            }
            Tok::Sym(c) => c.to_string(),
            Tok::Sup(e) => format!("^{e}"),
            Tok::Num(n) => {
                let after_money = pieces.last().is_some_and(|p| {
                    super::units::is_currency_word(p) || (p == "and" && pieces.len() >= 2)
                });
                if after_money && n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()) {
                    cents = digits_value(n);
                    j += 1;
                    if matches!(word_at(toks, j), Some("cents" | "cent" | "p" | "pence")) {
                        j += 1;
                    }
                    if pieces.last().is_some_and(|p| p == "and") {
                        pieces.pop();
                    }
                    if j != toks.len() {
                        return None;
                    }
                    break;
                }
                n.clone()
            }
            Tok::Frac(..) => return None,
        };
        pieces.push(piece);
        j += 1;
    }
    let mut units = if pieces.is_empty() {
        Vec::new()
    } else {
        super::units::read_unit(&pieces)?
    };
    if let Some(c) = prefix {
        if !units.is_empty() && !units.contains(&c) {
            return None;
        }
        units = vec![c];
    }
    if let Some(c) = cents {
        if !units.iter().any(|u| super::units::is_currency(u))
            || readings.iter().any(|r| !r.value.is_integer())
        {
            return None;
        }
        for r in &mut readings {
            r.value = r.value.add(Rational::new(c, 100)?)?;
        }
    }
    if negative {
        for r in &mut readings {
            r.value = r.value.neg();
        }
    }
    Some(Quantity::Number {
        readings,
        units,
        fraction,
    })
}

/// How a given quantity compares with the expected one: `Some(Some(true))` right,
/// `Some(Some(false))` close (an ambiguous or rounded reading, a unit left out),
/// `Some(None)` wrong, `None` when they are not comparable as quantities (an ordinal
/// against a number) and the text comparison decides.
pub(super) fn fit_quantity(expected: &Quantity, given: &Quantity) -> Option<Option<bool>> {
    use Quantity::{Number, Ordinal, Ratio};
    match (expected, given) {
        (Ratio(a), Ratio(b)) => Some((a == b).then_some(true)),
        (Ordinal { value: a, .. }, Ordinal { value: b, proper }) => {
            Some((a == b).then_some(*proper))
        }
        (
            Number {
                readings: want,
                units: want_units,
                fraction: want_fraction,
            },
            Number {
                readings: got,
                units: got_units,
                fraction: got_fraction,
            },
        ) => {
            if want_fraction.is_some() && got_fraction.is_some() && want_fraction != got_fraction {
                return Some(None);
            }
            let units_match = want_units.is_empty() && got_units.is_empty()
                || want_units.iter().any(|u| got_units.contains(u));
            let mut best: Option<bool> = None;
            let mut consider = |exact: bool| {
                best = Some(best.unwrap_or(false) || exact);
            };
            // "5m" typed for "$5 million": a learner's shorthand, so close at best.
            if got_units == &["m"] && !want_units.iter().any(|u| u == "m") {
                let million = Rational::int(1_000_000);
                let amounts = want.iter().any(|w| {
                    got.iter()
                        .any(|g| g.value.mul(million) == Some(w.value) && g.value != w.value)
                });
                if amounts {
                    return Some(Some(false));
                }
            }
            for w in want {
                for g in got {
                    let primary = w.primary && g.primary;
                    if w.value == g.value {
                        if units_match {
                            consider(primary);
                        } else if want_units.is_empty()
                            || got_units.is_empty()
                            || scale_dropped(want_units, got_units)
                        {
                            // The unit left out (or added): the number is known.
                            consider(false);
                        }
                    } else if units_match && rounds_to(w.value, g) {
                        consider(false);
                    } else if want_units.iter().any(|u| u == "%")
                        && got_units.is_empty()
                        && w.value.div(Rational::int(100)) == Some(g.value)
                    {
                        // "50%" as "0.5" or "half".
                        consider(false);
                    }
                }
            }
            Some(best)
        }
        (Ratio(_), _) | (_, Ratio(_)) => Some(None),
        _ => None,
    }
}

/// Why a quantity [`fit_quantity`] found close is close: its unit left out, added or
/// shortened, or its value rounded (or a percent as a fraction); otherwise a slip of
/// writing ("3th", a number read another way).
pub(super) fn quantity_reason(expected: &Quantity, given: &Quantity) -> Reason {
    let (
        Quantity::Number {
            readings: want,
            units: want_units,
            ..
        },
        Quantity::Number {
            readings: got,
            units: got_units,
            ..
        },
    ) = (expected, given)
    else {
        return Reason::Typo;
    };
    let same_value = want.iter().any(|w| got.iter().any(|g| w.value == g.value));
    let shorthand = got_units == &["m"] && !want_units.iter().any(|u| u == "m");
    match (same_value, want_units == got_units) {
        (true, true) => Reason::Typo,
        (true, false) => Reason::Unit,
        (false, _) if shorthand => Reason::Unit,
        (false, _) => Reason::Rounding,
    }
}

/// "degrees" for "°C": a temperature without its scale is the unit left out.
fn scale_dropped(want: &[String], got: &[String]) -> bool {
    let scale = |u: &String| u == "°c" || u == "°f";
    let bare = |u: &String| u == "°";
    (want.iter().any(scale) && got.iter().any(bare))
        || (want.iter().any(bare) && got.iter().any(scale))
}

/// "0.333" for 1/3: a decimal of two or more places that is the exact value rounded,
/// when the exact value has no finite decimal form.
fn rounds_to(exact: Rational, given: &Reading) -> bool {
    let Some(places) = given.decimals.filter(|p| *p >= 2) else {
        return false;
    };
    if exact.terminates() {
        return false;
    }
    let Some(step) = Rational::int(10).pow(-i32::try_from(places).unwrap_or(0)) else {
        return false;
    };
    let Some(diff) = exact.add(given.value.neg()) else {
        return false;
    };
    // Rounded to the nearest: 2 |exact - given| < step.
    diff.num
        .abs()
        .checked_mul(2)
        .and_then(|n| n.checked_mul(step.den))
        .is_some_and(|lhs| step.num.checked_mul(diff.den).is_some_and(|rhs| lhs < rhs))
}

/// Whether an expected quantity needs its separators read ("3.14", "2/5", "3:2"), so a
/// given answer with digits that does not read as a quantity cannot match it as words.
pub(super) fn needs_separators(q: &Quantity) -> bool {
    match q {
        Quantity::Ratio(_) => true,
        Quantity::Number { readings, .. } => readings.iter().any(|r| !r.value.is_integer()),
        Quantity::Ordinal { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::judge::testing::{check, no, text};
    use crate::judge::{Reason, Verdict, normalise};

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

    fn right(expected: &str, given: &str) {
        check(&text(expected), given, Verdict::Right);
    }

    fn wrong(expected: &str, given: &str) {
        check(&text(expected), given, no());
    }

    fn close_to(expected: &str, given: &str) {
        close_by(expected, given, Reason::Typo);
    }

    fn close_by(expected: &str, given: &str, reason: Reason) {
        check(
            &text(expected),
            given,
            crate::judge::testing::close_because(expected, reason),
        );
    }

    #[test]
    fn sign_is_kept() {
        right("-40", "minus forty");
        right("-40", "\u{2212}40");
        wrong("-40", "40");
        wrong("40", "-40");
        wrong("-40", "+40");
    }

    #[test]
    fn decimal_point_or_comma_and_thousands() {
        right("3.14", "3,14");
        right("3.14", "3.140");
        wrong("3.14", "314");
        wrong("3.14", "3 14");
        right("12000", "12 000");
        right("12000", "12,000");
        close_to("12000", "12.000");
        wrong("12", "12,000");
        right("1234.5", "1.234,5");
        right("299792458", "299\u{2009}792\u{2009}458");
    }

    #[test]
    fn separators_between_digits_are_not_erased() {
        wrong("2/5", "2.5");
        right("2/5", "0.4");
        wrong("3:2", "3.2");
        right("3:2", "3 : 2");
        wrong("3:2", "2:3");
        wrong("25/12", "50/24");
    }

    #[test]
    fn superscripts_are_exponents() {
        right("10³", "10^3");
        right("10³", "1000");
        wrong("10³", "103");
        right("6.02e23", "6.02 × 10^23");
        wrong("6.02e23", "6.02e32");
        right("1000", "1e3");
        right("0.001", "1e-3");
    }

    #[test]
    fn fractions_and_words() {
        right("0.5", "½");
        right("0.5", "a half");
        right("2.5", "two and a half");
        right("3.5", "3 and a half");
        wrong("3.5", "3 and a quarter");
        right("2.5", "2 1/2");
        right("1234", "one thousand two hundred and thirty-four");
        right("100", "a hundred");
        right("0", "zero");
        right("21", "twentyone");
        wrong("21", "twelve");
        close_to("seventeen", "seventeeen");
        close_to("40", "fourty");
        wrong("seventeen", "seventy");
        wrong("17", "seventh");
        wrong("6", "sixty");
        close_by("1/3", "0.333", Reason::Rounding);
        wrong("1/3", "0.3");
    }

    #[test]
    fn magnitude_words_are_exact() {
        right("$2 million", "$2,000,000");
        right("$3bn", "3 billion dollars");
        wrong("$1.5 billion", "$1.5 million");
        wrong("one billion", "one million");
        right("12000", "12k");
        close_by("$5 million", "5m", Reason::Unit);
    }

    #[test]
    fn ordinals_compare_as_ordinals() {
        right("21st", "twenty-first");
        close_to("3rd", "3th");
        wrong("3rd", "13th");
        wrong("20th", "20");
    }

    #[test]
    fn non_quantities_are_left_to_the_words() {
        assert!(super::read_quantity("1914-1918").is_none());
        assert!(super::read_quantity("1990s").is_none());
        assert!(super::read_quantity("Apollo 13").is_none());
        assert!(super::read_quantity("A").is_none());
        assert!(super::read_quantity("44 BC").is_none());
        assert!(super::read_quantity("25 February 1956").is_none());
        right("Seven Years' War", "7 years war");
        wrong("1 in 4", "1");
        wrong("1 in 4", "1 in 5");
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let long = "9".repeat(150);
        wrong("1", &long);
        let words = "nine hundred ninety nine hundred ".repeat(6);
        let _ = super::read_quantity(&words);
        wrong("1e30", "1e40");
        let _ = super::read_quantity("10^99999999999");
        let _ = super::read_quantity("2^-60");
        let _ = super::read_quantity("-170141183460469231731687303715884105728");
    }
}
