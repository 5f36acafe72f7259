//! The tokens of a quantity: digits, separators, signs, superscripts, vulgar fractions and words, cut from the typed text.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Num(String),
    Word(String),
    Sym(char),
    Sup(i32),
    Frac(i128, i128),
}

pub(super) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}' | '\u{2008}'
    )
}

pub(super) fn superscript(c: char) -> Option<i32> {
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

pub(super) fn vulgar(c: char) -> Option<(i128, i128)> {
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
pub(super) fn lex(text: &str) -> Option<Vec<Tok>> {
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

pub(super) fn digits_value(digits: &str) -> Option<i128> {
    if digits.len() > 36 {
        return None;
    }
    digits.parse().ok()
}

pub(super) fn decimal(int: &str, frac: &str) -> Option<Rational> {
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
