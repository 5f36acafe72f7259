//! Quantities: an answer that is a number as a whole — with its sign, magnitude and unit —
//! compares by value ("12,000" = "twelve thousand", "$3bn" = "3 billion dollars", "5km" =
//! "5 kilometres", "-40" is not "40"). This file holds the values and the comparison; `lex`
//! cuts the text into tokens, `numeral` reads digits and number words, `read` a whole
//! answer.

mod lex;
mod numeral;
mod read;

use super::Reason;
use super::numbers::{
    CARDINALS, ORDINALS, TENS, TENS_ORDINALS, cardinal_value, ordinal, ordinal_value, tens_value,
};
use lex::*;
use numeral::*;
use read::*;

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
pub(in crate::judge) enum Quantity {
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

/// Reads an answer as a quantity, or `None` when it is anything else (a name, a phrase,
/// a year range, a date).
pub(in crate::judge) fn read_quantity(text: &str) -> Option<Quantity> {
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

/// How a given quantity compares with the expected one: `Some(Some(true))` right,
/// `Some(Some(false))` close (an ambiguous or rounded reading, a unit left out),
/// `Some(None)` wrong, `None` when they are not comparable as quantities (an ordinal
/// against a number) and the text comparison decides.
pub(in crate::judge) fn fit_quantity(
    expected: &Quantity,
    given: &Quantity,
) -> Option<Option<bool>> {
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
pub(in crate::judge) fn quantity_reason(expected: &Quantity, given: &Quantity) -> Reason {
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
pub(in crate::judge) fn needs_separators(q: &Quantity) -> bool {
    match q {
        Quantity::Ratio(_) => true,
        Quantity::Number { readings, .. } => readings.iter().any(|r| !r.value.is_integer()),
        Quantity::Ordinal { .. } => false,
    }
}
