//! A person's name as the answer. The judge has no `kind` saying that an answer is a
//! person, so a deck answer counts as a name when it is written as one: two to four
//! capitalised words (particles such as `da`, `van`, `de` lower case in between, a `Jr.`
//! after), no digits, no regnal number (`Henry VIII`), not starting with a word that
//! begins place names (`New York`, `Mount Everest`) and not ending with a noun that ends
//! names of things (`Red Army`, `Winter Palace`). For such an answer:
//!
//! - initials for given names (`V. Lenin`, `W. A. Mozart`), a dropped middle name or
//!   initial (`John Kennedy`), one middle name the deck leaves out (`Vladimir Ilyich
//!   Lenin`), a dropped particle (`Ludwig Beethoven`), `Surname, Given` and a title
//!   (`Sir Isaac Newton`) are right;
//! - the surname alone, exactly as written (`Lenin`, `da Vinci`), is close: rated Hard,
//!   the full name shown; so are `Surname Given` without a comma and an initialism of
//!   three letters or more (`JFK`);
//! - a given name alone, a wrong initial or another given name is wrong.
//!
//! Typos are forgiven per word by the usual allowance (`Vladimir Lennin`), except in a
//! surname given alone: `Lincon` alone is too far from the answer to be worth a guess.

use super::Reason;
use super::normalise::words;
use super::typos::word_edits;

/// Words between given names and the surname that are part of the surname.
const PARTICLES: [&str; 12] = [
    "da", "de", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le",
];
/// Words after a name that are not part of it, and may be left out.
const SUFFIXES: [&str; 4] = ["jr", "junior", "sr", "senior"];
/// First words of place names, never a given name ("La Paz", "Le Mans": a capitalised
/// article opens a place, while a particle inside a name stays lower case or comes later).
const PLACE_STARTS: [&str; 37] = [
    "la", "le", "al", "the", "new", "north", "south", "east", "west", "upper", "lower", "great",
    "little", "san", "santa", "sao", "saint", "st", "port", "fort", "mount", "mt", "lake", "cape",
    "los", "las", "el", "rio", "costa", "united", "kuala", "buenos", "hong", "sri", "puerto",
    "red", "black",
];
/// Last words of names of places, bodies and events, never a surname.
const THING_ENDS: [&str; 61] = [
    "army",
    "navy",
    "palace",
    "sea",
    "ocean",
    "river",
    "island",
    "islands",
    "mountains",
    "republic",
    "union",
    "empire",
    "kingdom",
    "war",
    "party",
    "revolution",
    "square",
    "street",
    "city",
    "bay",
    "park",
    "lake",
    "gulf",
    "canal",
    "church",
    "cathedral",
    "castle",
    "bridge",
    "tower",
    "wall",
    "act",
    "treaty",
    "plan",
    "congress",
    "council",
    "front",
    "league",
    "movement",
    "company",
    "university",
    "college",
    "school",
    "institute",
    "museum",
    "state",
    "states",
    "province",
    "county",
    "desert",
    "valley",
    "coast",
    "peninsula",
    "strait",
    "channel",
    "falls",
    "hall",
    "house",
    "court",
    "road",
    "station",
    "dynasty",
];
/// Family names written first (`Mao Zedong`): the first word is the surname.
const FAMILY_FIRST: [&str; 12] = [
    "mao", "deng", "xi", "zhou", "chiang", "hu", "jiang", "sun", "ho", "liu", "zhang", "li",
];
/// Words before a name that are not part of it.
const TITLES: [&str; 12] = [
    "sir", "dame", "madame", "mme", "dr", "doctor", "mr", "mrs", "ms", "lord", "lady", "prof",
];

/// A deck answer read as a person's name, in comparison form.
#[derive(Debug)]
struct Name {
    /// The first given name, then any middle names (or initials).
    given: Vec<String>,
    /// The particles before the surname (`van`).
    particles: Vec<String>,
    /// The surname without particles (one word, or two for `Skłodowska-Curie`).
    surname: Vec<String>,
}

impl Name {
    fn parse(answer: &str) -> Option<Name> {
        let mut raw: Vec<&str> = answer.split_whitespace().collect();
        if raw
            .last()
            .is_some_and(|w| SUFFIXES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        {
            raw.pop();
        }
        if !(2..=4).contains(&raw.len()) || answer.chars().any(|c| c.is_numeric()) {
            return None;
        }
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let particle = |w: &str| PARTICLES.contains(&w);
        let (last, before) = raw.split_last()?;
        let first = before.first()?;
        let regnal = last.len() > 1 && last.chars().all(|c| "IVXLCDM".contains(c));
        if !capitalised(last) || !capitalised(first) || regnal {
            return None;
        }
        let folded_first = words(first);
        let folded_last = words(last);
        if folded_first
            .first()
            .is_some_and(|w| PLACE_STARTS.contains(&w.as_str()))
            || folded_last
                .last()
                .is_some_and(|w| THING_ENDS.contains(&w.as_str()))
        {
            return None;
        }
        if raw.len() == 2
            && folded_first.len() == 1
            && FAMILY_FIRST.contains(&folded_first[0].as_str())
        {
            // Only the family name alone is forgiven; the rest is compared as written.
            return Some(Name {
                given: Vec::new(),
                particles: Vec::new(),
                surname: folded_first,
            });
        }
        let mut given = Vec::new();
        let mut particles = Vec::new();
        for w in before {
            if particle(w) {
                particles.push(w.to_string());
            } else if capitalised(w) && particles.is_empty() {
                given.extend(words(w));
            } else {
                return None;
            }
        }
        let surname = words(last);
        // The `given.is_empty()` form is kept for family-first names, above.
        (!given.is_empty() && !surname.is_empty()).then_some(Name {
            given,
            particles,
            surname,
        })
    }

    /// The ways the surname may be written at the end of an answer: with its particles,
    /// without them, or glued to them (`daVinci`).
    fn surname_forms(&self) -> Vec<Vec<String>> {
        let mut forms = vec![self.surname.clone()];
        if !self.particles.is_empty() {
            let mut full = self.particles.clone();
            full.extend(self.surname.iter().cloned());
            forms.push(vec![full.concat()]);
            forms.insert(0, full);
        }
        forms
    }
}

/// How a given answer fits a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameFit {
    /// The name, in one of the forms that count as right, with this many typo edits.
    Full(usize),
    /// Close whatever the spelling: the surname alone, the order swapped, an initialism.
    Partial(Reason),
}

/// How `given` fits the deck answer `answer`, if `answer` is a person's name and `given`
/// one of the forms above. `None` leaves the verdict to the other rules.
pub(super) fn fit_name(answer: &str, given: &str) -> Option<NameFit> {
    let name = Name::parse(answer)?;
    if name.given.is_empty() {
        // Family name first: only that name alone, exactly, is close.
        return (words(given) == name.surname).then_some(NameFit::Partial(Reason::SurnameOnly));
    }
    // "Lenin, Vladimir": the part before the comma is the surname.
    let (mut g, reordered) = match given.split_once(',') {
        Some((surname, rest)) => {
            let mut g = words(rest);
            g.extend(words(surname));
            (g, true)
        }
        None => (words(given), false),
    };
    while g.len() > 1 && TITLES.contains(&g[0].as_str()) {
        g.remove(0);
    }
    while g.len() > 1 && g.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        g.pop();
    }
    if g.is_empty() || g.len() > 8 {
        return None;
    }

    let mut optional: Vec<&str> = name.given[1..].iter().map(String::as_str).collect();
    optional.extend(name.particles.iter().map(String::as_str));
    let mut surname_alone = false;
    let mut fewest: Option<usize> = None;
    for form in name.surname_forms() {
        let Some(prefix_len) = g.len().checked_sub(form.len()) else {
            continue;
        };
        let Some(edits) = words_edits(&form, &g[prefix_len..]) else {
            continue;
        };
        match &g[..prefix_len] {
            [] => surname_alone |= edits == 0 && !reordered,
            prefix => {
                if let Some(more) = given_names(&name.given[0], &optional, prefix) {
                    fewest = Some(fewest.map_or(edits + more, |f| f.min(edits + more)));
                }
            }
        }
    }
    if let Some(edits) = fewest {
        return Some(NameFit::Full(edits));
    }
    if surname_alone {
        return Some(NameFit::Partial(Reason::SurnameOnly));
    }
    // "Lenin Vladimir": surname first without a comma.
    if let [surname @ .., first] = &g[..]
        && !reordered
        && words_edits(&name.surname, surname).is_some()
        && word_edits(&name.given[0], first).is_some()
    {
        return Some(NameFit::Partial(Reason::NameOrder));
    }
    // "JFK", "MLK".
    if let [one] = &g[..] {
        let initials: String = name
            .given
            .iter()
            .chain(&name.surname)
            .filter_map(|w| w.chars().next())
            .collect();
        if initials.chars().count() >= 3 && *one == initials {
            return Some(NameFit::Partial(Reason::Initials));
        }
    }
    None
}

/// Typo edits between two runs of words of the same length.
fn words_edits(expected: &[String], given: &[String]) -> Option<usize> {
    if expected.len() != given.len() {
        return None;
    }
    expected
        .iter()
        .zip(given)
        .try_fold(0, |total, (e, g)| Some(total + word_edits(e, g)?))
}

/// One given-name word against one expected: the word itself (with its typo allowance)
/// or its initial.
fn name_word(expected: &str, given: &str) -> Option<usize> {
    let mut letters = given.chars();
    if let (Some(initial), None) = (letters.next(), letters.next()) {
        return expected.starts_with(initial).then_some(0);
    }
    word_edits(expected, given)
}

/// Matches the given names typed before the surname: the first must be the first given
/// name (or its initial); the rest, in order, middle names or particles of the deck (any
/// may be left out), plus at most one whole middle name the deck does not have.
fn given_names(first: &str, optional: &[&str], typed: &[String]) -> Option<usize> {
    let (head, rest) = typed.split_first()?;
    let edits = name_word(first, head)?;
    Some(edits + middles(optional, rest, true)?)
}

fn middles(optional: &[&str], typed: &[String], extra_left: bool) -> Option<usize> {
    let Some((head, rest)) = typed.split_first() else {
        return Some(0);
    };
    let mut best: Option<usize> = None;
    for (i, expected) in optional.iter().enumerate() {
        if let Some(edits) = name_word(expected, head)
            && let Some(more) = middles(&optional[i + 1..], rest, extra_left)
        {
            best = Some(best.map_or(edits + more, |b| b.min(edits + more)));
        }
    }
    if best.is_none() && extra_left && head.chars().count() > 1 {
        best = middles(optional, rest, false);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::Reason;
    use crate::judge::Verdict;
    use crate::judge::testing::{check, close, close_because, no, text, text_with};

    fn is_person_name(answer: &str) -> bool {
        Name::parse(answer).is_some()
    }

    #[test]
    fn names_are_capitalised_words_without_digits() {
        assert!(is_person_name("Vladimir Lenin"));
        assert!(is_person_name("Ludwig van Beethoven"));
        assert!(is_person_name("Martin Luther King Jr."));
        assert!(is_person_name("John F. Kennedy"));
        assert!(!is_person_name("Lenin"));
        assert!(!is_person_name("Apollo 13"));
        assert!(!is_person_name("sodium chloride"));
        assert!(!is_person_name("Treaty of Versailles"));
        assert!(!is_person_name("A B C D E"));
    }

    #[test]
    fn surname_alone_is_close_with_the_full_name() {
        check(
            &text("Vladimir Lenin"),
            "Lenin",
            close_because("Vladimir Lenin", Reason::SurnameOnly),
        );
        check(
            &text("Leonardo da Vinci"),
            "da Vinci",
            close_because("Leonardo da Vinci", Reason::SurnameOnly),
        );
        check(
            &text("Ludwig van Beethoven"),
            "Beethoven",
            close_because("Ludwig van Beethoven", Reason::SurnameOnly),
        );
        check(
            &text("Martin Luther King Jr."),
            "King",
            close_because("Martin Luther King Jr.", Reason::SurnameOnly),
        );
    }

    #[test]
    fn surname_alone_with_a_typo_is_wrong() {
        check(&text("Abraham Lincoln"), "Lincon", no());
    }

    #[test]
    fn given_name_alone_is_wrong() {
        check(&text("Vladimir Lenin"), "Vladimir", no());
        check(&text("Wolfgang Amadeus Mozart"), "Amadeus", no());
    }

    #[test]
    fn initials_and_inverted_forms_are_right() {
        let lenin = text("Vladimir Lenin");
        for given in ["V. Lenin", "V Lenin", "Lenin, Vladimir", "Lenin, V."] {
            check(&lenin, given, Verdict::Right);
        }
        check(
            &text("Wolfgang Amadeus Mozart"),
            "W. A. Mozart",
            Verdict::Right,
        );
        check(
            &text("Ludwig van Beethoven"),
            "L. v. Beethoven",
            Verdict::Right,
        );
        check(
            &text("Ludwig van Beethoven"),
            "Beethoven, Ludwig van",
            Verdict::Right,
        );
    }

    #[test]
    fn dropped_and_added_middle_names_are_right() {
        check(&text("John F. Kennedy"), "John Kennedy", Verdict::Right);
        check(
            &text("John F. Kennedy"),
            "John Fitzgerald Kennedy",
            Verdict::Right,
        );
        check(
            &text("Vladimir Lenin"),
            "Vladimir Ilyich Lenin",
            Verdict::Right,
        );
        check(
            &text("Ludwig van Beethoven"),
            "Ludwig Beethoven",
            Verdict::Right,
        );
        check(&text("Isaac Newton"), "Sir Isaac Newton", Verdict::Right);
    }

    #[test]
    fn other_people_are_wrong() {
        check(&text("Vladimir Lenin"), "W. Lenin", no());
        check(&text("Vladimir Lenin"), "Vladimir Putin", no());
        check(&text("John F. Kennedy"), "Robert F. Kennedy", no());
        check(&text("John F. Kennedy"), "John Q. Kennedy", no());
        check(&text("Marie Curie"), "Pierre Curie", no());
        check(&text("Martin Luther King Jr."), "Martin Luther", no());
        check(
            &text("Vladimir Lenin"),
            "Vladimir Ilyich Ulyanov Lenin",
            no(),
        );
    }

    #[test]
    fn swapped_and_initialisms_are_close() {
        check(
            &text("Vladimir Lenin"),
            "Lenin Vladimir",
            close_because("Vladimir Lenin", Reason::NameOrder),
        );
        check(
            &text("John F. Kennedy"),
            "JFK",
            close_because("John F. Kennedy", Reason::Initials),
        );
        check(&text("Vladimir Lenin"), "VL", no());
    }

    #[test]
    fn typos_in_a_full_name_are_close() {
        check(
            &text("Vladimir Lenin"),
            "Vladimir Lennin",
            close("Vladimir Lenin"),
        );
        check(&text("Isaac Newton"), "Issac Newton", close("Isaac Newton"));
    }

    #[test]
    fn a_name_in_accept_counts_too() {
        let card = text_with("Ulyanov", &["Vladimir Lenin"]);
        check(
            &card,
            "Lenin",
            close_because("Vladimir Lenin", Reason::SurnameOnly),
        );
    }

    #[test]
    fn phrases_are_not_names() {
        check(&text("the Red Army"), "Army", no());
        check(&text("Winter Palace"), "Palace", no());
        check(&text("New York"), "York", no());
        check(&text("Henry VIII"), "VIII", no());
        check(&text("Apollo 13"), "13", no());
    }

    #[test]
    fn family_name_first() {
        check(
            &text("Mao Zedong"),
            "Mao",
            close_because("Mao Zedong", Reason::SurnameOnly),
        );
        check(&text("Mao Zedong"), "Zedong", no());
        check(&text("Mao Zedong"), "Mao Zedong", Verdict::Right);
    }
}
