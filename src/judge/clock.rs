//! Clock times read as times of day: `20:17`, `8:17 pm`, `8.17pm`, `20h17`, `2017 hours`,
//! `4 o'clock in the morning`, `half past eight`, `noon`, each with the zone it may be
//! given in (`20:17 UTC` = `21:17 CET`). The comparison form erases `:` and `.`, so this
//! reads the folded text itself. Only a deck answer written as a time is judged this way:
//! a ratio or a score (`3:2`, one digit after the colon), a decimal (`3.14`) and a year
//! (`2017`) keep their own rules.
//!
//! The deck's time is taken at its word; the learner's may be read twice. A 12-hour face
//! with neither am/pm nor a part of the day (`8:17`, `half past eight`) is first the
//! morning and then, for close, the same face twelve hours later: the learner knows the
//! time and has not said which half of the day. A leading zero (`08:17`) is the 24-hour
//! clock and is never read as the evening.

use super::Reason;
use super::numbers::cardinal_value;

const MINUTE: i32 = 60;
const HOUR: i32 = 60 * MINUTE;
const DAY: i32 = 24 * HOUR;
/// A written time is short; anything longer is not read as one, which keeps a pasted
/// essay cheap.
const MAX_CLOCK_CHARS: usize = 48;

/// A time of day as an answer writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Clock {
    /// Seconds after midnight, on the face as first read.
    seconds: i32,
    has_seconds: bool,
    /// A 12-hour face without am/pm or a part of the day: it may be twelve hours later.
    either_half: bool,
    /// `None` when no zone is written (or "local time").
    zone: Option<Zone>,
    /// Only digits and a dot (`20.17`): as much a number as a time, so it is read as a
    /// time only against a deck answer that is one.
    bare_dot: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Zone {
    name: String,
    /// Seconds east of UTC, when the name says it without doubt.
    offset: Option<i32>,
}

impl Clock {
    /// Whether a deck answer read as this is a time (a bare `20.17` is a number there).
    pub(super) fn is_written_time(&self) -> bool {
        !self.bare_dot
    }

    /// The faces this answer may mean, the first reading first.
    fn readings(&self) -> impl Iterator<Item = (i32, bool)> {
        let later = self
            .either_half
            .then_some(((self.seconds + 12 * HOUR).rem_euclid(DAY), false));
        std::iter::once((self.seconds, true)).chain(later)
    }
}

/// Zones by their usual abbreviation. Abbreviations that name several zones (`IST`,
/// `CST`, `AST`) carry no offset: they must then be written the same.
const ZONES: [(&str, Option<i32>); 33] = [
    ("utc", Some(0)),
    ("gmt", Some(0)),
    ("ut", Some(0)),
    ("z", Some(0)),
    ("wet", Some(0)),
    ("west", Some(HOUR)),
    ("bst", Some(HOUR)),
    ("cet", Some(HOUR)),
    ("cest", Some(2 * HOUR)),
    ("eet", Some(2 * HOUR)),
    ("eest", Some(3 * HOUR)),
    ("msk", Some(3 * HOUR)),
    ("est", Some(-5 * HOUR)),
    ("edt", Some(-4 * HOUR)),
    ("cdt", Some(-5 * HOUR)),
    ("mst", Some(-7 * HOUR)),
    ("mdt", Some(-6 * HOUR)),
    ("pst", Some(-8 * HOUR)),
    ("pdt", Some(-7 * HOUR)),
    ("akst", Some(-9 * HOUR)),
    ("hst", Some(-10 * HOUR)),
    ("jst", Some(9 * HOUR)),
    ("kst", Some(9 * HOUR)),
    ("hkt", Some(8 * HOUR)),
    ("sgt", Some(8 * HOUR)),
    ("awst", Some(8 * HOUR)),
    ("aest", Some(10 * HOUR)),
    ("aedt", Some(11 * HOUR)),
    ("nzst", Some(12 * HOUR)),
    ("nzdt", Some(13 * HOUR)),
    ("ist", None),
    ("cst", None),
    ("ast", None),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(String),
    Word(String),
    Colon,
    Dot,
    Plus,
    Minus,
}

/// Cuts folded text into digits, letters and the signs a time uses; `None` at anything
/// else (a currency sign, a percent, a slash), which no time has.
fn lex(folded: &str) -> Option<Vec<Tok>> {
    let chars: Vec<char> = folded.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = |test: fn(char) -> bool| {
            let end = chars[i..]
                .iter()
                .position(|c| !test(*c))
                .map_or(chars.len(), |n| i + n);
            (chars[i..end].iter().collect::<String>(), end)
        };
        let letter_at = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(char::is_ascii_alphabetic)
        };
        match c {
            '0'..='9' => {
                let (digits, end) = run(|c| c.is_ascii_digit());
                toks.push(Tok::Num(digits));
                i = end;
                continue;
            }
            'a'..='z' => {
                let (word, end) = run(|c| c.is_ascii_alphabetic());
                // "o'clock" is one word.
                match toks.last_mut() {
                    Some(Tok::Word(last)) if last == "o" && i > 0 && chars[i - 1] == '\'' => {
                        last.push_str(&word);
                    }
                    _ => toks.push(Tok::Word(word)),
                }
                i = end;
                continue;
            }
            ':' => toks.push(Tok::Colon),
            '.' => toks.push(Tok::Dot),
            '+' => toks.push(Tok::Plus),
            // A hyphen between words joins them ("forty-five"); before a digit it is a sign.
            '-' if letter_at(i.checked_sub(1)) && letter_at(Some(i + 1)) => {}
            '-' => toks.push(Tok::Minus),
            '\'' | ',' | '(' | ')' => {}
            c if c.is_whitespace() => {}
            _ => return None,
        }
        i += 1;
    }
    Some(tidy(toks))
}

/// "a.m." and "p.m." become the words "am" and "pm"; a dot anywhere but between two
/// numbers is only punctuation ("4 pm.").
fn tidy(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let word = |j: usize| match toks.get(j) {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        };
        if let Some(half @ ("a" | "p")) = word(i)
            && toks.get(i + 1) == Some(&Tok::Dot)
            && word(i + 2) == Some("m")
        {
            out.push(Tok::Word(format!("{half}m")));
            i += 3;
            continue;
        }
        let between_numbers =
            matches!(out.last(), Some(Tok::Num(_))) && matches!(toks.get(i + 1), Some(Tok::Num(_)));
        if toks[i] != Tok::Dot || between_numbers {
            out.push(toks[i].clone());
        }
        i += 1;
    }
    out
}

/// How the hour of a face is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// 1 to 12 without a leading zero: am, pm or a part of the day may follow.
    Twelve,
    /// A leading zero, 0 or 13 to 24, the French `20h17`, the military `2017 hours`.
    TwentyFour,
    /// Noon or midnight: nothing may say which half of the day.
    Named,
}

/// The time before its suffixes: the face, and what the suffixes must supply.
struct Core {
    hour: i32,
    minute: i32,
    second: Option<i32>,
    style: Style,
    /// A bare hour ("4", "four"): a time only with am/pm or a part of the day.
    needs_half: bool,
    /// Four digits ("2017"): a time only with "hours" after it.
    needs_hours: bool,
    /// Hour and minutes joined by a dot.
    dot: bool,
    /// The hour had one digit.
    short_hour: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    Am,
    Pm,
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Half {
    /// The hour on the 24-hour clock, or `None` when the two contradict ("20:17 am").
    fn apply(self, hour: i32) -> Option<i32> {
        let twelve = (1..=12).contains(&hour);
        let later = |h: i32| if h == 12 { 12 } else { h + 12 };
        match self {
            Half::Am | Half::Morning => match hour {
                12 => Some(0),
                0..=11 => Some(hour),
                _ => None,
            },
            Half::Pm | Half::Afternoon if twelve => Some(later(hour)),
            Half::Pm | Half::Afternoon => (13..=23).contains(&hour).then_some(hour),
            Half::Evening => match hour {
                1..=11 => Some(hour + 12),
                18..=23 => Some(hour),
                _ => None,
            },
            Half::Night => match hour {
                12 | 0 => Some(0),
                1..=5 | 18..=23 => Some(hour),
                6..=11 => Some(hour + 12),
                _ => None,
            },
        }
    }
}

struct Parser {
    toks: Vec<Tok>,
    i: usize,
}

impl Parser {
    fn peek(&self, ahead: usize) -> Option<&Tok> {
        self.toks.get(self.i + ahead)
    }

    fn word(&self, ahead: usize) -> Option<&str> {
        match self.peek(ahead) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn num(&self, ahead: usize) -> Option<&str> {
        match self.peek(ahead) {
            Some(Tok::Num(n)) => Some(n),
            _ => None,
        }
    }

    fn eat_word(&mut self, choices: &[&str]) -> Option<String> {
        let word = self.word(0).filter(|w| choices.contains(w))?.to_string();
        self.i += 1;
        Some(word)
    }

    /// An hour said as a word, "one" to "twelve".
    fn hour_word(&self, ahead: usize) -> Option<i32> {
        let value = cardinal_value(self.word(ahead)?).filter(|v| *v <= 12)?;
        i32::try_from(value).ok()
    }

    /// Minutes said as words after an hour word: "seventeen", "thirty", "forty-five",
    /// "oh five". Returns the minutes and how many words they took.
    fn minute_words(&self) -> Option<(i32, usize)> {
        let value = |ahead: usize| {
            self.word(ahead)
                .and_then(cardinal_value)
                .and_then(|v| i32::try_from(v).ok())
        };
        let first = self.word(0)?;
        if first == "oh" || first == "o" {
            return value(1).filter(|v| (1..=9).contains(v)).map(|v| (v, 2));
        }
        let tens = value(0)?;
        if tens >= 20 && tens % 10 == 0 {
            if let Some(unit) = value(1).filter(|v| (1..=9).contains(v)) {
                return (tens + unit < 60).then_some((tens + unit, 2));
            }
            return (tens < 60).then_some((tens, 1));
        }
        (10..=19).contains(&tens).then_some((tens, 1))
    }

    /// A face: digits with a colon or dot, French, military, a bare hour, words, noon
    /// or midnight, or minutes past or to an hour.
    fn core(&mut self) -> Option<Core> {
        let named = |hour: i32| Core {
            hour,
            minute: 0,
            second: None,
            style: Style::Named,
            needs_half: false,
            needs_hours: false,
            dot: false,
            short_hour: false,
        };
        let noon_or_midnight = |word: Option<&str>| match word {
            Some("noon" | "midday") => Some(12),
            Some("midnight") => Some(0),
            _ => None,
        };
        if let Some(hour) = noon_or_midnight(self.word(0)) {
            self.i += 1;
            return Some(named(hour));
        }
        let twelve = self.num(0) == Some("12") || self.word(0) == Some("twelve");
        if twelve && let Some(hour) = noon_or_midnight(self.word(1)) {
            self.i += 2;
            return Some(named(hour));
        }
        if let Some(core) = self.relative() {
            return Some(core);
        }
        if let Some(digits) = self.num(0).map(str::to_string) {
            self.i += 1;
            return self.after_digits(&digits);
        }
        let hour = self.hour_word(0)?;
        self.i += 1;
        let mut core = Core {
            hour,
            minute: 0,
            second: None,
            style: Style::Twelve,
            needs_half: true,
            needs_hours: false,
            dot: false,
            short_hour: true,
        };
        if self.eat_word(&["oclock"]).is_some() {
            core.needs_half = false;
        } else if let Some((minute, taken)) = self.minute_words() {
            self.i += taken;
            core.minute = minute;
            core.needs_half = false;
        }
        Some(core)
    }

    fn after_digits(&mut self, digits: &str) -> Option<Core> {
        let number = |text: &str| text.parse::<i32>().ok();
        let two = |text: Option<&str>| text.filter(|t| t.len() == 2).and_then(number);
        if digits.len() == 4 {
            let (hour, minute) = (number(&digits[..2])?, number(&digits[2..])?);
            return Some(Core {
                hour,
                minute,
                second: None,
                style: Style::TwentyFour,
                needs_half: false,
                needs_hours: true,
                dot: false,
                short_hour: false,
            });
        }
        if digits.len() > 2 {
            return None;
        }
        let hour = number(digits)?;
        let style = if digits.starts_with('0') || !(1..=12).contains(&hour) {
            Style::TwentyFour
        } else {
            Style::Twelve
        };
        let mut core = Core {
            hour,
            minute: 0,
            second: None,
            style,
            needs_half: false,
            needs_hours: false,
            dot: false,
            short_hour: digits.len() == 1,
        };
        match self.peek(0) {
            Some(sep @ (Tok::Colon | Tok::Dot)) => {
                core.dot = *sep == Tok::Dot;
                core.minute = two(self.num(1))?;
                self.i += 2;
                if matches!(self.peek(0), Some(Tok::Colon | Tok::Dot)) {
                    core.second = Some(two(self.num(1))?);
                    self.i += 2;
                }
            }
            // French: "20h17", "20h".
            Some(Tok::Word(h)) if h == "h" => {
                self.i += 1;
                core.style = Style::TwentyFour;
                if let Some(minute) = two(self.num(0)) {
                    core.minute = minute;
                    self.i += 1;
                }
            }
            _ => {
                core.needs_half = self.eat_word(&["oclock"]).is_none();
            }
        }
        Some(core)
    }

    /// "half past eight", "quarter to nine", "ten past 8", "17 minutes past eight",
    /// "twenty to midnight".
    fn relative(&mut self) -> Option<Core> {
        let start = self.i;
        let found = self.relative_inner();
        if found.is_none() {
            self.i = start;
        }
        found
    }

    fn relative_inner(&mut self) -> Option<Core> {
        self.eat_word(&["a"]);
        let minutes = if self.eat_word(&["quarter"]).is_some() {
            15
        } else if self.eat_word(&["half"]).is_some() {
            30
        } else if let Some(n) = self.num(0).filter(|n| n.len() <= 2) {
            let n = n.parse::<i32>().ok()?;
            self.i += 1;
            n
        } else {
            let (n, taken) = self.minute_words().or_else(|| {
                let n = self.word(0).and_then(cardinal_value)?;
                Some((i32::try_from(n).ok()?, 1))
            })?;
            self.i += taken;
            n
        };
        if !(1..=59).contains(&minutes) {
            return None;
        }
        self.eat_word(&["minutes", "minute", "mins", "min"]);
        let sign = match self.eat_word(&["past", "after", "to", "before", "till", "til"])? {
            w if w == "past" || w == "after" => 1,
            _ => -1,
        };
        let (hour, style) = if let Some(hour) = self.hour_word(0) {
            (hour, Style::Twelve)
        } else if let Some(n) = self.num(0).filter(|n| n.len() <= 2) {
            let hour = n.parse::<i32>().ok()?;
            let style = if n.starts_with('0') || !(1..=12).contains(&hour) {
                Style::TwentyFour
            } else {
                Style::Twelve
            };
            (hour, style)
        } else {
            match self.word(0)? {
                "noon" | "midday" => (12, Style::Named),
                "midnight" => (0, Style::Named),
                _ => return None,
            }
        };
        if hour > 23 {
            return None;
        }
        self.i += 1;
        let total = hour * HOUR + sign * minutes * MINUTE;
        let mut hour = total.div_euclid(HOUR).rem_euclid(24);
        // "quarter to one" is 12:45 on a 12-hour face.
        if style == Style::Twelve && hour == 0 {
            hour = 12;
        }
        Some(Core {
            hour,
            minute: total.rem_euclid(HOUR) / MINUTE,
            second: None,
            style,
            needs_half: false,
            needs_hours: false,
            dot: false,
            short_hour: true,
        })
    }

    /// "am", "pm", "in the morning", "in the afternoon", "in the evening", "at night".
    fn half(&mut self) -> Option<Half> {
        let half = match (self.word(0)?, self.word(1), self.word(2)) {
            ("am", _, _) => (Half::Am, 1),
            ("pm", _, _) => (Half::Pm, 1),
            ("in", Some("the"), Some("morning")) => (Half::Morning, 3),
            ("in", Some("the"), Some("afternoon")) => (Half::Afternoon, 3),
            ("in", Some("the"), Some("evening")) => (Half::Evening, 3),
            ("in", Some("the"), Some("night")) | ("at", Some("night"), _) => {
                (Half::Night, if self.word(1) == Some("the") { 3 } else { 2 })
            }
            _ => return None,
        };
        self.i += half.1;
        Some(half.0)
    }

    /// A zone ("UTC", "CET", "UTC+1", "GMT-05:30"), or `Some(None)` for "local time".
    fn zone(&mut self) -> Option<Option<Zone>> {
        let start = self.i;
        let found = self.zone_inner();
        if found.is_none() {
            self.i = start;
        }
        found
    }

    fn zone_inner(&mut self) -> Option<Option<Zone>> {
        let word = self.word(0)?;
        if word == "local" {
            self.i += 1;
            self.eat_word(&["time"]);
            return Some(None);
        }
        let &(name, offset) = ZONES.iter().find(|(name, _)| *name == word)?;
        self.i += 1;
        let mut zone = Zone {
            name: name.to_string(),
            offset,
        };
        if offset == Some(0) && name != "z" {
            let sign = match self.peek(0) {
                Some(Tok::Plus) => Some(1),
                Some(Tok::Minus) => Some(-1),
                _ => None,
            };
            if let Some(sign) = sign {
                let digits = self.num(1)?.to_string();
                self.i += 2;
                let (hours, minutes) = match digits.len() {
                    1 | 2 => {
                        let minutes = if self.peek(0) == Some(&Tok::Colon) {
                            let m = self.num(1).filter(|m| m.len() == 2)?.parse::<i32>().ok()?;
                            self.i += 2;
                            m
                        } else {
                            0
                        };
                        (digits.parse::<i32>().ok()?, minutes)
                    }
                    4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
                    _ => return None,
                };
                if hours > 14 || minutes > 59 {
                    return None;
                }
                zone.offset = Some(sign * (hours * HOUR + minutes * MINUTE));
            }
        }
        self.eat_word(&["time"]);
        Some(Some(zone))
    }
}

/// Reads a whole answer, folded (`normalise::fold`), as a time of day, or gives up.
pub(super) fn read_clock(folded: &str) -> Option<Clock> {
    if folded.len() > MAX_CLOCK_CHARS * 4 || folded.chars().count() > MAX_CLOCK_CHARS {
        return None;
    }
    let toks = lex(folded)?;
    let mut p = Parser { toks, i: 0 };
    p.eat_word(&["at"]);
    let core = p.core()?;
    let (mut half, mut zone, mut hours_word) = (None, None, false);
    while p.i < p.toks.len() {
        if half.is_none()
            && let Some(found) = p.half()
        {
            half = Some(found);
        } else if zone.is_none()
            && let Some(found) = p.zone()
        {
            zone = Some(found);
        } else if !hours_word && p.eat_word(&["hours", "hrs", "hr", "h", "uhr"]).is_some() {
            hours_word = true;
        } else {
            return None;
        }
    }
    let marked = half.is_some() || zone.is_some() || hours_word;
    let refuse = (core.needs_half && half.is_none())
        || (core.needs_hours && !hours_word)
        || (core.needs_half && hours_word)
        || (core.style == Style::Named && (half.is_some() || hours_word))
        // "3.20" is a decimal unless something says it is a time.
        || (core.dot && core.short_hour && !marked);
    if refuse || core.minute > 59 || core.second.is_some_and(|s| s > 59) {
        return None;
    }
    let hour = match half {
        Some(half) => half.apply(core.hour)?,
        None if core.hour == 24 && core.minute == 0 && core.second.unwrap_or(0) == 0 => 0,
        None if core.hour > 23 => return None,
        None => core.hour,
    };
    Some(Clock {
        seconds: hour * HOUR + core.minute * MINUTE + core.second.unwrap_or(0),
        has_seconds: core.second.is_some(),
        either_half: half.is_none() && core.style == Style::Twelve,
        zone: zone.flatten(),
        bare_dot: core.dot && !marked,
    })
}

/// How a given time fits the deck's: `Some(None)` right, `Some(Some(reason))` close,
/// `None` wrong. A zone the deck gives may be left out; two zones are compared by the
/// instant they name (or, when one is ambiguous, must be the same).
pub(super) fn fit_clock(expected: &Clock, given: &Clock) -> Option<Option<Reason>> {
    let mut best: Option<Option<Reason>> = None;
    for (face, first) in given.readings() {
        let (want, got) = match (&expected.zone, &given.zone) {
            (Some(a), Some(b)) => match (a.offset, b.offset) {
                (Some(x), Some(y)) => (
                    (expected.seconds - x).rem_euclid(DAY),
                    (face - y).rem_euclid(DAY),
                ),
                _ if a.name == b.name => (expected.seconds, face),
                _ => continue,
            },
            _ => (expected.seconds, face),
        };
        let matched = if expected.has_seconds && given.has_seconds {
            want == got
        } else {
            want / MINUTE == got / MINUTE
        };
        if !matched {
            continue;
        }
        let reason = if !first {
            Some(Reason::Meridiem)
        } else if expected.has_seconds && !given.has_seconds && want % MINUTE != 0 {
            Some(Reason::Rounding)
        } else {
            None
        };
        if reason.is_none() {
            return Some(None);
        }
        best = best.or(Some(reason));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Verdict;
    use crate::judge::normalise::fold;

    fn read(text: &str) -> Option<Clock> {
        read_clock(&fold(text))
    }
    use crate::judge::testing::{check, close_because, no, text};

    fn face(text: &str) -> Option<(i32, bool)> {
        read(text).map(|c| (c.seconds / MINUTE, c.either_half))
    }

    #[test]
    fn reads_the_common_ways_of_writing_a_time() {
        let at = |h: i32, m: i32| h * 60 + m;
        assert_eq!(face("20:17"), Some((at(20, 17), false)));
        assert_eq!(face("8:17 pm"), Some((at(20, 17), false)));
        assert_eq!(face("8.17pm"), Some((at(20, 17), false)));
        assert_eq!(face("8:17 P.M."), Some((at(20, 17), false)));
        assert_eq!(face("20h17"), Some((at(20, 17), false)));
        assert_eq!(face("2017 hours"), Some((at(20, 17), false)));
        assert_eq!(face("4 o'clock in the morning"), Some((at(4, 0), false)));
        assert_eq!(face("4 o’clock"), Some((at(4, 0), true)));
        assert_eq!(face("four am"), Some((at(4, 0), false)));
        assert_eq!(face("eight forty-five"), Some((at(8, 45), true)));
        assert_eq!(face("nine oh five"), Some((at(9, 5), true)));
        assert_eq!(face("half past eight"), Some((at(8, 30), true)));
        assert_eq!(face("a quarter to one"), Some((at(12, 45), true)));
        assert_eq!(face("twenty to midnight"), Some((at(23, 40), false)));
        assert_eq!(face("17 minutes past 8 pm"), Some((at(20, 17), false)));
        assert_eq!(face("12 am"), Some((0, false)));
        assert_eq!(face("12 pm"), Some((at(12, 0), false)));
        assert_eq!(face("noon"), Some((at(12, 0), false)));
        assert_eq!(face("midnight"), Some((0, false)));
        assert_eq!(face("24:00"), Some((0, false)));
        assert_eq!(face("at 08:17"), Some((at(8, 17), false)));
        assert_eq!(face("9 at night"), Some((at(21, 0), false)));
        assert_eq!(face("2 at night"), Some((at(2, 0), false)));
    }

    #[test]
    fn what_is_not_a_time() {
        for not_a_time in [
            "3:2",
            "2:1",
            "3.14",
            "3.20",
            "2017",
            "20",
            "four",
            "4 hours",
            "20:71",
            "25:00",
            "24:30",
            "20:17 am",
            "noon pm",
            "13 am",
            "8:17 tomorrow",
            "$20:17",
            "20:17%",
            "2071 hours",
            "8.71pm",
            "20h71",
            "0 pm",
            "half past",
            "1:2:3",
        ] {
            assert_eq!(read(not_a_time), None, "{not_a_time:?}");
        }
        assert!(read(&"20:17 ".repeat(40)).is_none());
    }

    #[test]
    fn a_bare_dotted_time_is_a_time_only_for_a_time() {
        assert!(!read("20.17").is_some_and(|c| c.is_written_time()));
        assert!(read("8.17pm").is_some_and(|c| c.is_written_time()));
        check(&text("20:17"), "20.17", Verdict::Right);
        check(&text("20.17"), "20:17", no());
    }

    #[test]
    fn zones_compare_by_instant() {
        let utc = text("20:17 UTC");
        check(&utc, "20:17", Verdict::Right);
        check(&utc, "21:17 CET", Verdict::Right);
        check(&utc, "22:17 UTC+2", Verdict::Right);
        check(&utc, "01:47 UTC+05:30", Verdict::Right);
        check(&utc, "20:17 local time", Verdict::Right);
        check(&utc, "20:17 CET", no());
        check(&utc, "20:17 IST", no());
        check(&text("20:17 IST"), "20:17 IST", Verdict::Right);
        check(&text("20:17"), "20:17 EST", Verdict::Right);
    }

    #[test]
    fn an_unsaid_half_of_the_day_is_close() {
        let meridiem = |correct: &str| close_because(correct, Reason::Meridiem);
        check(&text("20:17"), "8:17", meridiem("20:17"));
        check(&text("20:30"), "half past eight", meridiem("20:30"));
        check(&text("8:17 pm"), "8:17", meridiem("8:17 pm"));
        check(&text("20:17"), "08:17", no());
        check(&text("8:17"), "8:17 pm", no());
        check(&text("04:00"), "4 o'clock", Verdict::Right);
    }

    #[test]
    fn seconds_left_out_are_close_and_added_are_right() {
        check(
            &text("20:17:30"),
            "20:17",
            close_because("20:17:30", Reason::Rounding),
        );
        check(&text("20:17:00"), "20:17", Verdict::Right);
        check(&text("20:17"), "20:17:45", Verdict::Right);
        check(&text("20:17:30"), "20:17:31", no());
    }

    #[test]
    fn every_minute_of_the_day_in_12_hour_form_is_its_24_hour_form() {
        for hour in 0..24 {
            for minute in 0..60 {
                let card = text(&format!("{hour:02}:{minute:02}"));
                let half = if hour < 12 { "am" } else { "pm" };
                let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
                check(
                    &card,
                    &format!("{twelve}:{minute:02} {half}"),
                    Verdict::Right,
                );
                check(
                    &card,
                    &format!("{twelve}.{minute:02}{half}"),
                    Verdict::Right,
                );
                let other = if half == "am" { "pm" } else { "am" };
                check(&card, &format!("{twelve}:{minute:02} {other}"), no());
                let next = (minute + 1) % 60;
                check(&card, &format!("{hour:02}:{next:02}"), no());
            }
        }
    }

    #[test]
    fn a_strict_card_takes_the_time_as_written() {
        use crate::judge::{Expected, Strictness, judge_with};
        let card = |answer: &str| Expected::Text {
            answer: answer.to_string(),
            accept: Vec::new().into(),
        };
        let exact = Strictness {
            exact: true,
            ..Strictness::default()
        };
        assert_eq!(judge_with(&card("20:17"), exact, "20:17"), Verdict::Right);
        assert!(!judge_with(&card("20:17"), exact, "8:17 pm").is_accepted());
    }
}
