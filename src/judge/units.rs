//! Units, currencies and percent after a number: every spelling of one unit reads as one
//! canonical name, so "5 km" = "5 kilometres" and "60 km/h" = "60 kilometres per hour".
//! Symbols stay symbols: "£" is the pound, never the letters "ps" glued to a number.

/// Spellings of one unit (lower case) and its canonical name. A spelling in two rows
/// ("pounds": money or weight) reads as either.
const UNITS: &[(&str, &[&str])] = &[
    (
        "km",
        &[
            "km",
            "kms",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
        ],
    ),
    ("m", &["m", "metre", "metres", "meter", "meters"]),
    (
        "cm",
        &[
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
        ],
    ),
    (
        "mm",
        &[
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
        ],
    ),
    ("mi", &["mi", "mile", "miles"]),
    ("ft", &["ft", "foot", "feet", "'"]),
    ("in", &["in", "inch", "inches", "\""]),
    ("yd", &["yd", "yard", "yards"]),
    (
        "kg",
        &[
            "kg",
            "kilogram",
            "kilograms",
            "kilogramme",
            "kilogrammes",
            "kilo",
            "kilos",
        ],
    ),
    ("g", &["g", "gram", "grams", "gramme", "grammes"]),
    ("mg", &["mg", "milligram", "milligrams"]),
    ("t", &["tonne", "tonnes", "ton", "tons"]),
    ("lb", &["lb", "lbs", "pound", "pounds"]),
    ("oz", &["oz", "ounce", "ounces"]),
    ("l", &["l", "litre", "litres", "liter", "liters"]),
    (
        "ml",
        &[
            "ml",
            "millilitre",
            "millilitres",
            "milliliter",
            "milliliters",
        ],
    ),
    (
        "cl",
        &[
            "cl",
            "centilitre",
            "centilitres",
            "centiliter",
            "centiliters",
        ],
    ),
    ("s", &["s", "sec", "secs", "second", "seconds"]),
    ("ms", &["ms", "millisecond", "milliseconds"]),
    ("min", &["min", "mins", "minute", "minutes"]),
    ("h", &["h", "hr", "hrs", "hour", "hours"]),
    ("day", &["day", "days"]),
    ("km/h", &["kph", "kmh", "kmph"]),
    ("mi/h", &["mph"]),
    ("%", &["%", "percent", "pct"]),
    ("°", &["°", "deg", "degs", "degree", "degrees"]),
    ("rad", &["rad", "rads", "radian", "radians"]),
    ("°c", &["°c", "c", "celsius", "centigrade"]),
    ("°f", &["°f", "f", "fahrenheit"]),
    ("k", &["K", "kelvin", "kelvins"]),
    ("v", &["v", "volt", "volts"]),
    ("w", &["w", "watt", "watts"]),
    ("kw", &["kw", "kilowatt", "kilowatts"]),
    ("kw·h", &["kwh"]),
    ("a", &["amp", "amps", "ampere", "amperes"]),
    ("hz", &["hz", "hertz"]),
    ("khz", &["khz", "kilohertz"]),
    ("j", &["j", "joule", "joules"]),
    ("kj", &["kj", "kilojoule", "kilojoules"]),
    ("cal", &["cal", "calorie", "calories"]),
    ("kcal", &["kcal", "kilocalorie", "kilocalories"]),
    ("n", &["n", "newton", "newtons"]),
    ("pa", &["pa", "pascal", "pascals"]),
    ("kpa", &["kpa", "kilopascal", "kilopascals"]),
    ("atm", &["atm", "atmosphere", "atmospheres"]),
    ("bar", &["bar", "bars"]),
    ("gbp", &["£", "gbp", "pound", "pounds", "quid"]),
    ("eur", &["€", "eur", "euro", "euros"]),
    ("usd", &["$", "usd", "dollar", "dollars", "bucks"]),
    ("jpy", &["¥", "jpy", "yen"]),
    ("cny", &["cny", "yuan", "rmb", "renminbi"]),
    ("cent", &["cent", "cents", "c"]),
    ("pence", &["p", "pence", "penny"]),
];

/// The minor unit of each currency, for "3 euros 50".
const CURRENCIES: [&str; 5] = ["gbp", "eur", "usd", "jpy", "cny"];

/// The canonical names a single spelling may stand for.
fn names(piece: &str) -> Vec<&'static str> {
    UNITS
        .iter()
        .filter(|(_, spellings)| spellings.contains(&piece))
        .map(|(name, _)| *name)
        .collect()
}

pub(super) fn is_currency_word(piece: &str) -> bool {
    names(piece).iter().any(|n| CURRENCIES.contains(n))
}

pub(super) fn is_unit_word(piece: &str) -> bool {
    !names(piece).is_empty()
}

pub(super) fn is_currency(name: &str) -> bool {
    CURRENCIES.contains(&name)
}

/// Reads what follows a number ("km", "kilometres per hour", "m / s ^2", "degrees
/// celsius") as the canonical names it may stand for; `None` when it is not a unit.
/// Pieces are lower-case words, symbols, and `^n` for an exponent.
pub(super) fn read_unit(pieces: &[String]) -> Option<Vec<String>> {
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    if let [one] = pieces[..] {
        let found: Vec<String> = names(one).into_iter().map(str::to_string).collect();
        return (!found.is_empty()).then_some(found);
    }
    let mut numerator: Vec<String> = Vec::new();
    let mut denominator: Vec<String> = Vec::new();
    let mut below = false;
    let mut power: Option<&str> = None;
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i];
        let next = pieces.get(i + 1).copied();
        let side = if below {
            &mut denominator
        } else {
            &mut numerator
        };
        match piece {
            "per" if next == Some("cent") => {
                side.push("%".to_string());
                i += 1;
            }
            "per" | "/" => {
                if below || side.is_empty() {
                    return None;
                }
                below = true;
            }
            "°" | "deg" | "degs" | "degree" | "degrees"
                if next.is_some_and(|n| {
                    matches!(
                        n,
                        "c" | "celsius" | "centigrade" | "f" | "fahrenheit" | "kelvin"
                    )
                }) =>
            {
                let scale = names(next.unwrap_or_default());
                side.push(scale.first()?.to_string());
                i += 1;
            }
            "squared" | "cubed" => {
                let last = side.last_mut()?;
                if last.contains('^') {
                    return None;
                }
                last.push_str(if piece == "squared" { "^2" } else { "^3" });
            }
            _ if piece.starts_with('^') => {
                let last = side.last_mut()?;
                if last.contains('^') {
                    return None;
                }
                last.push_str(piece);
            }
            "-" => {}
            "square" | "sq" | "cubic" if power.is_none() => {
                power = Some(if piece == "cubic" { "^3" } else { "^2" });
            }
            _ => {
                let mut name = names(piece).first()?.to_string();
                if let Some(p) = power.take() {
                    name.push_str(p);
                }
                side.push(name);
            }
        }
        i += 1;
    }
    if numerator.is_empty() || (below && denominator.is_empty()) || power.is_some() {
        return None;
    }
    let mut name = numerator.join("·");
    if below {
        name.push('/');
        name.push_str(&denominator.join("·"));
    }
    Some(vec![name])
}

#[cfg(test)]
mod tests {
    use crate::judge::Reason;
    use crate::judge::Verdict;
    use crate::judge::testing::{check, close_because, no, text};

    #[test]
    fn unit_spellings_are_one_unit() {
        for given in [
            "5km",
            "5 kilometres",
            "5 kilometers",
            "five kilometres",
            "5 KM",
        ] {
            check(&text("5 km"), given, Verdict::Right);
        }
        check(&text("60 km/h"), "60 kilometres per hour", Verdict::Right);
        check(&text("60 km/h"), "60 kph", Verdict::Right);
        check(
            &text("9.81 m/s²"),
            "9.81 metres per second squared",
            Verdict::Right,
        );
        check(&text("9.81 m/s²"), "9.81 m/s2", Verdict::Right);
        check(&text("1 kWh"), "1 kilowatt-hour", Verdict::Right);
        check(&text("1 m²"), "1 square metre", Verdict::Right);
    }

    #[test]
    fn other_units_are_wrong() {
        check(&text("5 km"), "5 m", no());
        check(&text("100 m"), "100 million", no());
        check(&text("100 m"), "100 miles", no());
        check(&text("9.81 m/s²"), "9.81 m/s", no());
        check(&text("1 kWh"), "1 kW", no());
        check(&text("0 K"), "0 °C", no());
    }

    #[test]
    fn percent_and_temperature() {
        check(&text("50%"), "50 per cent", Verdict::Right);
        check(&text("50%"), "half", close_because("50%", Reason::Rounding));
        check(&text("50%"), "5%", no());
        check(&text("100 °C"), "100 degrees Celsius", Verdict::Right);
        check(&text("100 °C"), "100 °F", no());
        check(&text("-273.15 °C"), "273.15 °C", no());
    }

    #[test]
    fn currency_symbols_codes_and_words() {
        check(&text("£20"), "20 pounds", Verdict::Right);
        check(&text("£20"), "20£", Verdict::Right);
        check(&text("£20"), "20 GBP", Verdict::Right);
        check(&text("£20"), "$20", no());
        check(&text("£20"), "20 lb", no());
        check(&text("£20"), "20", close_because("£20", Reason::Unit));
        check(&text("€3.50"), "3,50 €", Verdict::Right);
        check(&text("€3.50"), "3 euros 50", Verdict::Right);
        check(&text("€3.50"), "€3.05", no());
        check(&text("$100"), "US$100", Verdict::Right);
        check(&text("$100"), "100 cents", no());
        check(&text("¥500"), "500 yuan", no());
    }
}
