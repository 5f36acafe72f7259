//! A whole answer read as a quantity: number, magnitude, unit or currency, or nothing when it is not one.

use super::*;

/// The number word a word of six letters or more is one slip away from ("seventeeen",
/// "fourty"), when only one is, the first letter is right, and the word is not a number
/// word or unit already.
pub(super) fn misspelt_number_word(word: &str) -> Option<&'static str> {
    let known = cardinal_value(word).is_some()
        || ordinal_value(word).is_some()
        || glued_compound(word).is_some()
        || fraction_word(word).is_some()
        || scale_word(word).is_some()
        || word == "hundred"
        || super::super::units::is_unit_word(word);
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

pub(super) fn read_tokens(toks: &[Tok]) -> Option<Quantity> {
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
    let money_after =
        |j: usize| word_at(toks, j).is_some_and(super::super::units::is_currency_word);
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
                    super::super::units::is_currency_word(p) || (p == "and" && pieces.len() >= 2)
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
        super::super::units::read_unit(&pieces)?
    };
    if let Some(c) = prefix {
        if !units.is_empty() && !units.contains(&c) {
            return None;
        }
        units = vec![c];
    }
    if let Some(c) = cents {
        if !units.iter().any(|u| super::super::units::is_currency(u))
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
