//! Decides whether a learner's answer counts. Answers are typed from memory, so the
//! judge forgives what does not change the meaning — case, accents, punctuation, a
//! leading article, a slip of one letter in a long word, a date written another way —
//! and never forgives what does: a different digit, a different short word, a missing
//! part. It knows nothing about decks, files or terminals, so the review loop, the
//! deck checker and the tests all share one definition of "right".
//!
//! This file is the public face: what a card expects, the verdict, and which rules each
//! kind of card is judged by. The rules live beside it: `normalise` (the comparison form),
//! `numbers` (number words, and quantities compared by value), `units` (units,
//! currencies, percent), `dates` (and years, ranges, decades, eras), `clock` (times of
//! day, with their zones), `roman` (Roman
//! numerals), `typos`, `compare` (one answer against one written answer, and typed cards),
//! `choice` (and true/false), `several`, `gap` (a cloze answer given with the words shown
//! beside its blank) and `strictness` (a deck's or card's
//! `case_sensitive` and `exact`).

mod choice;
mod clock;
mod compare;
mod dates;
mod gap;
mod names;
mod normalise;
mod numbers;
mod quantity;
mod roman;
mod several;
mod strictness;
mod typos;
mod units;

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod testing;

pub(crate) use choice::{choice_index, parse_bool};
pub(crate) use gap::judge_gap;
pub(crate) use normalise::normalise;
pub(crate) use numbers::word_value;
pub(crate) use strictness::Strictness;

use std::sync::Arc;

use choice::judge_choice;
use compare::judge_text;
use dates::parse_date;
use normalise::words;
use several::judge_several;

/// What a card expects, independent of the deck model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expected {
    /// A typed answer (also each cloze gap). `accept` holds more answers that count as right.
    Text {
        answer: String,
        /// Shared (an `Arc`) by the gaps of a cloze, as its text is.
        accept: Arc<[String]>,
    },
    /// Multiple choice; `answer` indexes `choices` (0-based).
    Choice { choices: Vec<String>, answer: usize },
    /// True/false.
    TrueFalse(bool),
    /// Several answers, any order; all needed.
    Several { parts: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    Right,
    /// Accepted, but not spelled right: `correct` is the spelling to show the learner.
    /// `missing` lists the expected parts not given (a several-answer card answered in
    /// part, at least half of it; empty otherwise).
    Close {
        correct: String,
        missing: Vec<String>,
        /// Which rule forgave the answer, so the learner sees why it still counts.
        reason: Reason,
    },
    /// `missing` lists the expected parts not given (several-answer cards; empty otherwise).
    Wrong {
        missing: Vec<String>,
    },
}

/// What a close answer got wrong that the judge forgave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Reason {
    /// A slip of a letter or two (also a compound split or joined, "20th century" as
    /// "1900s", a choice's text misspelt).
    #[default]
    Typo,
    /// A person's surname without the given name ("Lenin" for "Vladimir Lenin").
    SurnameOnly,
    /// A person's name in the wrong order ("Lenin Vladimir").
    NameOrder,
    /// A person's initials ("JFK").
    Initials,
    /// An answer in another script typed in Latin letters ("spasibo" for "спасибо").
    Romanisation,
    /// The number is right but its unit is left out, added, or shortened ("5m" for
    /// "$5 million").
    Unit,
    /// The exact value rounded ("0.333" for 1/3), a percent as a fraction ("0.5" for
    /// "50%"), or a time's seconds left out ("20:17" for "20:17:30").
    Rounding,
    /// The operands of a commuting operator swapped ("b + a" for "a + b").
    Order,
    /// A time on a 12-hour face without am/pm ("8:17" for "20:17"): right but for the
    /// half of the day, which was not said.
    Meridiem,
    /// A several-answer card answered in part (at least half of it).
    SomeParts,
}

impl Reason {
    /// The name shown to the learner.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Reason::Typo => "typo",
            Reason::SurnameOnly => "surname only",
            Reason::NameOrder => "name order",
            Reason::Initials => "initials",
            Reason::Romanisation => "romanisation",
            Reason::Unit => "unit",
            Reason::Rounding => "rounding",
            Reason::Order => "order",
            Reason::Meridiem => "am/pm left out",
            Reason::SomeParts => "some parts missing",
        }
    }
}

/// One run of an [`alignment`]: characters both share, characters of the expected answer
/// the learner left out (or got wrong), and characters typed that it does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Equal,
    Missing,
    Extra,
}

/// The typed answer aligned with the expected one, character by character, for the UI to
/// show where they differ. Case and the accents of Latin letters, which the judge
/// forgives, are not differences: an `Equal` run is as typed. Runs of the same kind are
/// merged, in reading order; a substituted letter is its expected letter `Missing` then
/// its typed letter `Extra`.
pub(crate) fn alignment(expected: &str, typed: &str) -> Vec<(Change, String)> {
    use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
    let expected: Vec<char> = expected.trim().chars().collect();
    let typed: Vec<char> = typed.trim().chars().collect();
    let key = |c: &char| -> String {
        let latin = matches!(u32::from(*c), 0xC0..=0x24F | 0x1E00..=0x1EFF);
        match deunicode::deunicode_char(*c) {
            Some(plain) if latin && plain.is_ascii() && !plain.is_empty() => plain.to_lowercase(),
            _ => c.to_lowercase().collect(),
        }
    };
    let (old, new): (Vec<String>, Vec<String>) = (
        expected.iter().map(key).collect(),
        typed.iter().map(key).collect(),
    );
    // A pasted essay is aligned roughly rather than slowly.
    let deadline = std::time::Instant::now().checked_add(std::time::Duration::from_millis(5));
    let mut runs: Vec<(Change, String)> = Vec::new();
    let mut push = |kind: Change, chars: &[char]| {
        if chars.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, text)) if *last == kind => text.extend(chars),
            _ => runs.push((kind, chars.iter().collect())),
        }
    };
    for op in capture_diff_slices_deadline(Algorithm::Myers, &old, &new, deadline) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(Change::Equal, &typed[new_range]),
            DiffTag::Delete => push(Change::Missing, &expected[old_range]),
            DiffTag::Insert => push(Change::Extra, &typed[new_range]),
            DiffTag::Replace => {
                push(Change::Missing, &expected[old_range]);
                push(Change::Extra, &typed[new_range]);
            }
        }
    }
    runs
}

impl Verdict {
    /// Whether the learner gets credit (a typo still counts as knowing the answer).
    pub(crate) fn is_accepted(&self) -> bool {
        matches!(self, Verdict::Right | Verdict::Close { .. })
    }
}

/// Judges `given` against what the card expects.
pub(crate) fn judge(expected: &Expected, given: &str) -> Verdict {
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
            if choice::read_truth(given) == Some(*truth) {
                Verdict::Right
            } else {
                wrong()
            }
        }
        Expected::Several { parts } => judge_several(parts, given),
    }
}

/// Judges `given` as [`judge`] does, or as the deck or card asks: more strictly
/// (`case_sensitive`, `exact`: see `strictness`), or taking a romanisation (`transliterate`).
pub(crate) fn judge_with(expected: &Expected, strictness: Strictness, given: &str) -> Verdict {
    if given.trim().is_empty() {
        judge(expected, given)
    } else if strictness.exact || strictness.case_sensitive {
        strictness::judge_strictly(expected, strictness, given)
    } else if strictness.transliterate {
        judge_transliterating(expected, given)
    } else {
        judge(expected, given)
    }
}

/// Whether `given` is, exactly, one of `answers` (the other cards' answers in the deck)
/// that is not an answer of this typed card: a typo-close answer that is another card's
/// answer is that card's answer, not a slip.
#[cfg(test)]
pub(crate) fn is_another_answer(expected: &Expected, given: &str, answers: &[String]) -> bool {
    another_answer(expected, given, answers).is_some()
}

/// Which of `answers` `given` is, as [`is_another_answer`] decides: its index, so the
/// learner can be told whose answer it is.
pub(crate) fn another_answer(
    expected: &Expected,
    given: &str,
    answers: &[String],
) -> Option<usize> {
    let Expected::Text { answer, accept } = expected else {
        return None;
    };
    let key = normalise(given);
    if key.is_empty() {
        return None;
    }
    let own = |text: &str| {
        std::iter::once(answer)
            .chain(accept.iter())
            .any(|a| normalise(a) == text)
    };
    if own(&key) {
        return None;
    }
    answers.iter().position(|other| normalise(other) == key)
}

/// Judges like [`judge`], for a deck or card with `transliterate = true`: a typed answer
/// written in another script may also be given in romanisation, which is then close.
fn judge_transliterating(expected: &Expected, given: &str) -> Verdict {
    match expected {
        Expected::Text { answer, accept } if !given.trim().is_empty() => {
            compare::judge_text_romanised(answer, accept, given)
        }
        _ => judge(expected, given),
    }
}

/// What kind of thing an answer is, so a multiple-choice version of a typed card can offer
/// wrong answers that look like the right one: a date for a date, a year for a year, an
/// amount for an amount. Read the way the judge reads answers (dates, years and ranges,
/// quantities with their units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// A day, or a month of a year: "February 25, 1956", "March 1958".
    Date,
    /// "1956", "44 BC".
    Year,
    /// Years together: "1924–1953", "the 1930s", "the 20th century".
    Span,
    /// A number without a unit: "42", "3.5", "20th", "twelve thousand".
    Number,
    /// A number with a unit, a currency or a percent sign: "5 km", "$3 million", "40%".
    Amount,
    Name,
    Phrase,
}

/// The sort of answer a [`Shape`] is: after one of its own shape, a wrong answer of the
/// same sort gives least away (a year among dates, not a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// Dates, years and spans of years.
    Time,
    /// Numbers and amounts.
    Figure,
    /// Names and phrases.
    Words,
}

impl Shape {
    pub(crate) fn family(self) -> Family {
        match self {
            Shape::Date | Shape::Year | Shape::Span => Family::Time,
            Shape::Number | Shape::Amount => Family::Figure,
            Shape::Name | Shape::Phrase => Family::Words,
        }
    }
}

pub(crate) fn shape(text: &str) -> Shape {
    let folded = words(text);
    match dates::as_years(&folded) {
        Some(dates::AsYears::One) => return Shape::Year,
        Some(dates::AsYears::Several) => return Shape::Span,
        None => {}
    }
    // Before the dates: "1,436" is a number, not January of 436; no date reads as one.
    match quantity::read_quantity(text) {
        Some(quantity::Quantity::Number { units, .. }) if !units.is_empty() => {
            return Shape::Amount;
        }
        Some(_) => return Shape::Number,
        None => {}
    }
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

fn wrong() -> Verdict {
    Verdict::Wrong {
        missing: Vec::new(),
    }
}

/// Deck text is shown back to the learner, so only the stray outer spaces are removed.
fn as_written(parts: &[String]) -> Vec<String> {
    parts.iter().map(|part| part.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::testing::{
        REVOLUTIONARIES, check, choice, close, close_because, missing, no, several, text, text_with,
    };

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
    fn transliterating_cards_take_a_romanisation_as_close() {
        let card = text("спасибо");
        assert_eq!(
            judge_transliterating(&card, "spasibo"),
            close_because("спасибо", Reason::Romanisation)
        );
        assert_eq!(judge_transliterating(&card, ""), no());
        assert_eq!(judge(&card, "spasibo"), no());
        let choices = choice(&["да", "нет"], 0);
        assert_eq!(judge_transliterating(&choices, "da"), no());
    }

    #[test]
    fn close_says_which_rule_forgave_it() {
        let reason = |expected: &Expected, given: &str| match judge(expected, given) {
            Verdict::Close { reason, .. } => Some(reason),
            _ => None,
        };
        assert_eq!(reason(&text("Moscow"), "Moscwo"), Some(Reason::Typo));
        assert_eq!(
            reason(&text("Vladimir Lenin"), "Lenin"),
            Some(Reason::SurnameOnly)
        );
        assert_eq!(
            reason(&text("Vladimir Lenin"), "Lenin Vladimir"),
            Some(Reason::NameOrder)
        );
        assert_eq!(
            reason(&text("John F. Kennedy"), "JFK"),
            Some(Reason::Initials)
        );
        assert_eq!(reason(&text("£20"), "20"), Some(Reason::Unit));
        assert_eq!(reason(&text("1/3"), "0.333"), Some(Reason::Rounding));
        assert_eq!(reason(&text("a + b"), "b + a"), Some(Reason::Order));
        assert_eq!(reason(&text("20:17"), "8:17"), Some(Reason::Meridiem));
        assert_eq!(reason(&text("20:17:30"), "20:17"), Some(Reason::Rounding));
        assert_eq!(Reason::Meridiem.label(), "am/pm left out");
        let parts = several(&["Lenin", "Trotsky"]);
        assert_eq!(reason(&parts, "Lenin"), Some(Reason::SomeParts));
        assert_eq!(reason(&parts, "Lenin, Trotksy"), Some(Reason::Typo));
        let picked = choice(&REVOLUTIONARIES, 3);
        assert_eq!(reason(&picked, "Trotksy"), Some(Reason::Typo));
        assert_eq!(Reason::SurnameOnly.label(), "surname only");
        assert_eq!(Reason::default(), Reason::Typo);
    }

    #[test]
    fn alignment_marks_what_is_missing_and_what_is_extra() {
        use Change::{Equal, Extra, Missing};
        let runs =
            |expected: &str, typed: &str| -> Vec<(Change, String)> { alignment(expected, typed) };
        let own = |v: &[(Change, &str)]| -> Vec<(Change, String)> {
            v.iter().map(|(c, t)| (*c, t.to_string())).collect()
        };
        assert_eq!(runs("Moscow", "Moscow"), own(&[(Equal, "Moscow")]));
        assert_eq!(
            runs("Moscow", "Mosow"),
            own(&[(Equal, "Mos"), (Missing, "c"), (Equal, "ow")])
        );
        assert_eq!(
            runs("Moscow", " Mosscow "),
            own(&[(Equal, "Mos"), (Extra, "s"), (Equal, "cow")])
        );
        assert_eq!(
            runs("Stalin", "Stalyn"),
            own(&[(Equal, "Stal"), (Missing, "i"), (Extra, "y"), (Equal, "n")])
        );
        assert_eq!(
            runs("спасибо", "спсибо"),
            own(&[(Equal, "сп"), (Missing, "а"), (Equal, "сибо")])
        );
        assert_eq!(
            runs("Khrushchëv", "krushchev"),
            own(&[(Equal, "k"), (Missing, "h"), (Equal, "rushchev")])
        );
        assert_eq!(
            runs("Straße", "STRASSE"),
            own(&[(Equal, "STRA"), (Missing, "ß"), (Extra, "SS"), (Equal, "E")])
        );
        assert_eq!(
            runs("спасибо", "spasibo"),
            own(&[(Missing, "спасибо"), (Extra, "spasibo")])
        );
        assert_eq!(runs("", "x"), own(&[(Extra, "x")]));
        assert_eq!(runs("x", ""), own(&[(Missing, "x")]));
        assert!(runs("", "").is_empty());
    }

    #[test]
    fn empty_answer_is_wrong() {
        check(&text("Lenin"), "", no());
        check(&text("Lenin"), " \t\n ", no());
    }

    #[test]
    fn accepted_verdicts() {
        assert!(Verdict::Right.is_accepted());
        assert!(close("Lenin").is_accepted());
        assert!(!no().is_accepted());
        assert!(!missing(&["Lenin"]).is_accepted());
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
            let _ = choice::read_truth(given);
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
        // Repeats are ignored, so the list needs a wrong part to be wrong.
        let long_list = "Lenin, Stalin, Kerensky and ".repeat(5_000);
        check(&several(&["Lenin", "Stalin"]), &long_list, no());
        let long_text = "the 20th Congress ".repeat(10_000);
        check(&text("20th Congress"), &long_text, no());
    }

    #[test]
    fn another_cards_answer_is_not_a_slip() {
        let deck = [
            "Australia".to_string(),
            "Austria".to_string(),
            "Vienna".into(),
        ];
        let card = text("Australia");
        assert!(is_another_answer(&card, "Austria", &deck));
        assert!(is_another_answer(&card, " austria. ", &deck));
        assert_eq!(another_answer(&card, "Austria", &deck), Some(1));
        assert_eq!(another_answer(&card, "vienna", &deck), Some(2));
        assert!(!is_another_answer(&card, "Australia", &deck));
        assert!(!is_another_answer(&card, "Austrailia", &deck));
        assert!(!is_another_answer(
            &text_with("Austria", &["Österreich"]),
            "Austria",
            &deck
        ));
        assert!(!is_another_answer(
            &choice(&["Austria", "Australia"], 1),
            "Austria",
            &deck
        ));
    }

    #[test]
    fn shapes_tell_dates_numbers_names_and_phrases_apart() {
        assert_eq!(shape("February 25, 1956"), Shape::Date);
        assert_eq!(shape("1956-02-25"), Shape::Date);
        assert_eq!(shape("March 1958"), Shape::Date);
        for year in ["1956", "44 BC", "c. 1450", "in 1066", "476", "79 AD"] {
            assert_eq!(shape(year), Shape::Year, "{year}");
        }
        for span in [
            "1924–1953",
            "from 1914 to 1918",
            "1930s",
            "the sixties",
            "20th century",
            "the 5th century BC",
        ] {
            assert_eq!(shape(span), Shape::Span, "{span}");
        }
        for number in [
            "20th",
            "42",
            "3.5",
            "1,436",
            "twelve thousand",
            "-40",
            "5000",
        ] {
            assert_eq!(shape(number), Shape::Number, "{number}");
        }
        for amount in ["5 km", "$3 million", "40%", "3 billion dollars"] {
            assert_eq!(shape(amount), Shape::Amount, "{amount}");
        }
        // Figures and times are different sorts; names and phrases are one.
        assert_eq!(Shape::Year.family(), Shape::Date.family());
        assert_ne!(Shape::Year.family(), Shape::Number.family());
        assert_eq!(Shape::Name.family(), Shape::Phrase.family());
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
