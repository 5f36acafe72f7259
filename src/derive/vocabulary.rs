//! The English words the reader knows by name: labels that mark a line as about the
//! document, abbreviations a dot does not end, months and weekdays, units that go with a
//! number, particles inside names, and the small words that open sentences. Kept apart
//! from the code that reads sentences and finds facts, so a word list can grow without
//! touching the logic that uses it.

use crate::calendar::MONTHS;

/// Labels whose lines are about the document, not facts in it.
#[rustfmt::skip]
pub(super) const SKIP_LABELS: [&str; 16] = [
    "source", "sources", "reference", "references", "citation", "citations", "credit", "credits",
    "url", "link", "links", "retrieved", "accessed", "see also", "external links", "copyright",
];

/// Words after which a dot does not end the sentence (`et al.`, `State Atty. Gen.`); month
/// abbreviations too, see [`is_month_abbreviation`].
pub(super) const ABBREVIATIONS: [&str; 39] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "vs", "e.g", "i.e", "no", "vol", "fig", "pp",
    "ca", "approx", "inc", "ltd", "mt", "dept", "corp", "co", "bros", "al", "atty",
];

/// Whether `lower` (a lower-cased word) is a month's full name.
pub(super) fn is_month_name(lower: &str) -> bool {
    MONTHS.iter().any(|month| month.eq_ignore_ascii_case(lower))
}

/// Whether `lower` (a lower-cased word) abbreviates a month: its first three letters
/// (`feb`), or `sept`. May has none: its name is three letters already.
pub(super) fn is_month_abbreviation(lower: &str) -> bool {
    lower == "sept"
        || MONTHS.iter().any(|month| {
            month.len() > 3
                && month
                    .get(..3)
                    .is_some_and(|a| a.eq_ignore_ascii_case(lower))
        })
}

#[rustfmt::skip]
pub(super) const WEEKDAYS: [&str; 7] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Units of measure, magnitudes and currencies that go with a number into its gap:
/// `2 million`, `40 percent`, `300 km`. What a number counts (`13,200 houses`, `48 hours`)
/// stays outside it, so the natural answer (`13,200`) is the whole answer.
#[rustfmt::skip]
pub(super) const MEASURES: &[&str] = &[
    "percent", "million", "billion", "trillion", "thousand", "bn", "km", "km2", "km²", "sq", "square",
    "mi", "mile", "miles", "kilometre", "kilometres", "kilometer", "kilometers", "metre",
    "metres", "meter", "meters", "m", "m2", "cm", "mm", "ft", "foot", "feet", "inches", "kg",
    "kilograms", "grams", "g", "tons", "tonnes", "pounds", "lb", "lbs", "dollars", "roubles",
    "rubles", "euros", "yen", "acres", "hectares", "ha", "mph", "knots", "litres", "liters",
    "gallons", "degrees", "MW", "GW", "kW", "kWh",
];

/// Titles and roles before a name, left out of its gap: `Dr Helen Okafor` → `Helen Okafor`.
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "dr", "doctor", "professor", "prof", "sir", "dame", "lord", "lady", "king", "queen",
    "prince", "princess", "president", "pope", "mr", "mrs", "ms", "miss", "general", "colonel",
    "captain", "commander", "admiral", "senator", "governor", "chancellor", "minister",
    "emperor", "empress", "tsar", "sultan", "bishop", "archbishop", "rev", "judge", "mayor",
    "chairman", "premier", "marshal", "prime", "secretary", "foreign", "first", "lieutenant", "sergeant", "father", "brother", "sister",
    "ceo", "cto", "cfo", "chairwoman", "chairperson", "spokesman", "spokeswoman",
];

/// Roles that end a run of title words before a person's name, though they may open other
/// names: `Arizona Supreme Court Justice Thomas Zlaket` → `Thomas Zlaket`, while
/// `Justice Department` keeps its word (see [`INSTITUTIONS`]).
#[rustfmt::skip]
pub(super) const ROLES: &[&str] = &[
    "justice", "attorney", "dean", "chief", "director", "commissioner", "ambassador",
    "treasurer", "sheriff", "superintendent", "inspector", "councillor", "councilman",
    "councilwoman", "congressman", "congresswoman", "representative", "speaker", "provost",
    "chancellor", "magistrate", "prosecutor", "solicitor", "deputy", "officer", "coach",
    "administrator", "spokesperson", "manager",
];

/// Nouns that make a run of words an institution rather than a person, even written in
/// lower case by the writer (`U.S. administration on Aging`).
#[rustfmt::skip]
pub(super) const INSTITUTIONS: &[&str] = &[
    "administration", "department", "ministry", "office", "bureau", "agency", "commission",
    "council", "committee", "board", "institute", "service", "authority", "court",
    "corporation", "foundation", "association", "society", "university", "school", "college",
];

/// Post-nominal titles after a name, left out of its gap: `Priya Raman MP`.
pub(super) const POST_TITLES: &[&str] = &[
    "MP", "MEP", "MSP", "QC", "KC", "PhD", "MD", "OBE", "MBE", "CBE",
];

/// Nationality and region adjectives: never a gap alone, and left out of a name they open
/// (`Soviet-led Warsaw Pact`, `Soviet Warsaw Pact` → `Warsaw Pact`).
#[rustfmt::skip]
pub(super) const NATIONALITIES: &[&str] = &[
    "soviet", "american", "british", "english", "scottish", "welsh", "irish", "french",
    "german", "egyptian", "israeli", "canadian", "dutch", "russian", "chinese", "japanese",
    "italian", "spanish", "portuguese", "indian", "polish", "swedish", "norwegian", "danish",
    "finnish", "icelandic", "greek", "turkish", "austrian", "swiss", "belgian", "mexican",
    "brazilian", "australian", "european", "african", "asian", "arab", "arabic", "western",
    "eastern", "northern", "southern", "indonesian", "prussian", "hungarian", "czech",
    "ukrainian", "korean", "persian", "iranian", "iraqi", "syrian", "cuban", "roman", "latin",
];

/// Nouns a name of a thing, not of a person, ends in: a nationality before them is part of
/// the name (`German Democratic Republic`, `Soviet Union`).
#[rustfmt::skip]
pub(super) const THING_HEADS: &[&str] = &[
    "republic", "empire", "union", "party", "church", "army", "navy", "force", "pact",
    "revolution", "war", "kingdom", "federation", "ocean", "sea", "islands", "island", "front",
    "railway", "airlines", "bank", "league", "company", "group", "state", "states", "coast",
    "national", "movement", "act", "award", "prize", "cup", "games", "festival", "way",
];

/// Endings that make a name an adjective: `Soviet-led`, `US-backed`, `Paris-born`.
pub(super) const ADJECTIVE_ENDINGS: &[&str] = &[
    "-led",
    "-backed",
    "-born",
    "-based",
    "-owned",
    "-era",
    "-style",
    "-made",
    "-provided",
    "-funded",
    "-run",
    "-sponsored",
    "-supported",
    "-controlled",
    "-linked",
];

/// Lower-case words allowed inside a proper name: `Party of the Soviet Union`.
/// `Khalid al Mihdhar`, `Osama bin Laden`: the Arabic article and patronymics too.
pub(super) const PARTICLES: [&str; 18] = [
    "of", "the", "de", "von", "van", "der", "den", "la", "le", "du", "da", "del", "for", "al",
    "el", "bin", "ibn", "bint",
];

/// Words that open sentences and clauses: never the start of a name.
#[rustfmt::skip]
pub(super) const FUNCTION_WORDS: [&str; 95] = [
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "he", "she", "it", "they", "we", "i", "you", "there", "here", "on", "in", "at", "by",
    "for", "from", "to", "of", "with", "after", "before", "during", "following", "under", "over",
    "since", "until", "when", "while", "where", "as", "and", "but", "or", "if", "although",
    "though", "because", "despite", "between", "among", "through", "into", "upon", "according",
    "later", "then", "today", "meanwhile", "however", "also", "some", "many", "most", "all",
    "both", "each", "every", "no", "not", "what", "which", "who", "whose", "why", "how", "once",
    "yet", "so", "thus", "unlike", "within", "without", "against", "about", "around", "nearly",
    "almost", "only", "more", "less", "instead",
];

/// Minor words, not counted when telling a Title Case Heading from prose.
pub(super) const MINOR_WORDS: [&str; 16] = [
    "a", "an", "the", "and", "or", "but", "of", "on", "in", "at", "to", "for", "by", "with",
    "from", "as",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The month words of the lists kept here before the shared table, then some near misses.
    #[rustfmt::skip]
    const WORDS: [&str; 29] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "ma", "janu", "septe", "mon", "",
    ];

    #[test]
    fn months_in_full_and_abbreviated_as_before_the_shared_table() {
        let names: Vec<&str> = WORDS.into_iter().filter(|w| is_month_name(w)).collect();
        let short: Vec<&str> = WORDS
            .into_iter()
            .filter(|w| is_month_abbreviation(w))
            .collect();
        assert_eq!(names, WORDS[..12]);
        assert_eq!(short, WORDS[12..24], "`may` is a name, not an abbreviation");
    }
}
