//! Numbers as digits (with their decimal and thousands separators) and as words ("two and a half", "a hundred", "twenty-one"), read from the tokens.

use super::*;

/// The readings of digits as typed: "12,000" (thousands), "3,14" (decimal comma),
/// "1.234,5" (both), "12 000" (spaced thousands).
pub(super) fn numeral(text: &str) -> Option<Vec<Reading>> {
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
pub(super) enum Last {
    Start,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

pub(super) fn scale_word(word: &str) -> Option<i128> {
    Some(match word {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

/// The denominator a fraction word names: "half" 2, "thirds" 3, "quarter" 4, "fifths" 5.
pub(super) fn fraction_word(word: &str) -> Option<i128> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    match singular {
        "half" | "halve" => Some(2),
        "quarter" => Some(4),
        "second" | "first" => None,
        _ => ordinal_value(singular).map(i128::from),
    }
}

pub(super) fn glued_compound(word: &str) -> Option<u32> {
    TENS.iter().find_map(|tens| {
        let rest = word.strip_prefix(tens)?;
        let unit = cardinal_value(rest).filter(|u| *u < 10)?;
        Some(tens_value(tens)? + unit)
    })
}

pub(super) enum Words {
    Value(Rational),
    Ordinal(u32),
}

pub(super) fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

pub(super) fn is_number_word(word: &str) -> bool {
    cardinal_value(word).is_some()
        || glued_compound(word).is_some()
        || word == "hundred"
        || scale_word(word).is_some()
}

/// Numbers written in words from `*pos`: "twelve thousand", "one thousand two hundred
/// and thirty-four", "a million", "two and a half", "two fifths", "twenty-first".
pub(super) fn number_in_words(toks: &[Tok], pos: &mut usize) -> Option<Words> {
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

pub(super) fn int_tok(toks: &[Tok], i: usize) -> Option<i128> {
    match toks.get(i) {
        Some(Tok::Num(n)) if n.chars().all(|c| c.is_ascii_digit()) => digits_value(n),
        _ => None,
    }
}

pub(super) fn exponent_at(toks: &[Tok], i: &mut usize) -> Option<i32> {
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

pub(super) fn scale_all(readings: &mut [Reading], factor: Rational) -> Option<()> {
    for r in readings.iter_mut() {
        r.value = r.value.mul(factor)?;
        r.decimals = None;
    }
    Some(())
}

pub(super) fn currency_symbol(tok: Option<&Tok>) -> Option<&'static str> {
    match tok {
        Some(Tok::Sym('$')) => Some("usd"),
        Some(Tok::Sym('£')) => Some("gbp"),
        Some(Tok::Sym('€')) => Some("eur"),
        Some(Tok::Sym('¥')) => Some("jpy"),
        _ => None,
    }
}
