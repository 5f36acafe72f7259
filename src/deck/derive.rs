//! A first draft of a deck from a plain-text document, for `quiz derive`.
//!
//! A learner who has just read a document wants its facts as cards without typing them
//! out. [`derive`] reads the text as sentences, finds in each the facts a learner would be
//! asked about — full dates, years and ranges of years, numbers (with their unit), ordinals,
//! quoted terms and proper names — and turns every sentence that has some into one cloze
//! card: at most three gaps, dates and numbers first, then names, with the sentence itself
//! as the card's `explain`. It invents nothing: every gap is the document's own text, and
//! a gap whose text can still be read elsewhere in the same sentence is not made. It knows
//! no grammar, so the result is a draft to review, and the deck says so. The file is built
//! with toml_edit (so any text is escaped right) and read back with the real deck parser:
//! it loads with no error and no warning, or [`derive`] fails rather than return it.
//!
//! How the text is read: a UTF-8 byte order mark is dropped, CRLF and lone CR are line
//! ends, tabs and control characters become spaces, runs of spaces become one. Each line
//! is split into sentences at `.`, `!`, `?` or `…` followed by a capital, a digit or a
//! quote, but not after an abbreviation (`Dr.`, `Feb.`, an initial, `U.S.` unless a word
//! such as `The` follows). A line that opens with a short `Label:` keeps the label with its
//! first sentence (it often carries a date), but names are not looked for in it (nor in a
//! Title Case heading, where every word is capitalised anyway). A line labelled `Source:`,
//! `References:` and the like is skipped, and so is a line without a full stop that holds
//! `|`, `·` or `•` (a by-line, a breadcrumb). A sentence needs 4 to 80 words; the same
//! sentence (after normalisation) is used once.

use std::collections::HashSet;
use std::ops::Range;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::parse::parse_deck;
use super::{DeckId, Origin};
use crate::judge::{self, Shape};

/// At most this many gaps in one card.
const MAX_GAPS: usize = 3;
/// At most this many of them dates or numbers, so a name gets a place too.
const MAX_NUMERIC: usize = 2;
/// Words a card must keep visible besides its gaps, so the prompt still says something.
const MIN_CONTEXT_WORDS: usize = 3;
const MIN_WORDS: usize = 4;
const MAX_WORDS: usize = 80;
/// The longest proper name taken as one gap; a longer capitalised run is split at its
/// particles (`First Secretary of the Communist Party` → two names).
const MAX_NAME_WORDS: usize = 6;
/// A quoted term longer than this is a quotation, not a term.
const MAX_QUOTE_WORDS: usize = 6;

// ---------------------------------------------------------------------------
// Public API

/// What [`derive`] needs besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeriveOptions {
    /// The document's file name, written as the deck's `source` and in its description.
    pub file_name: String,
    /// The deck's title; `None` (or blank) takes the document's first non-empty line.
    pub title: Option<String>,
    /// At most this many cards (one card is one sentence); `None` keeps every one.
    pub limit: Option<usize>,
}

/// A drafted deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// The deck file; `parse_deck` loads it with no finding at all.
    pub toml: String,
    /// `[[cards]]` tables written: one per sentence used.
    pub cards: usize,
    /// Gaps over all cards (each gap is asked as a card of its own).
    pub gaps: usize,
    /// Sentences read in the document (with or without facts).
    pub sentences: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeriveError {
    #[error("no sentence with a date, number or name found")]
    NothingFound,
    /// A bug guard: the drafted file did not load cleanly, so it is not handed out.
    #[error("the drafted deck does not load ({0}); please report this")]
    Invalid(String),
}

/// Drafts a deck from `text`. Pure: no files, no clock.
pub fn derive(text: &str, options: &DeriveOptions) -> Result<Derived, DeriveError> {
    let text = clean(text);
    let sentences = sentences(&text);
    let known = known_names(&sentences);
    let mut used_gaps: HashSet<String> = HashSet::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut tables = ArrayOfTables::new();
    let mut gaps = 0;
    let limit = options.limit.unwrap_or(usize::MAX);
    for sentence in &sentences {
        if tables.len() >= limit {
            break;
        }
        let chosen = choose(sentence, &facts(sentence, &known), &used_gaps);
        if chosen.is_empty() {
            continue;
        }
        let id = super::id::unique(&super::id::slug(&sentence.text, 6, 40), &used_ids);
        let table = card_table(&id, sentence, &chosen);
        if !loads_alone(&table) {
            continue;
        }
        for fact in &chosen {
            used_gaps.insert(judge::normalise(&sentence.text[fact.range.clone()]));
        }
        used_ids.insert(id);
        gaps += chosen.len();
        tables.push(table);
    }
    if tables.is_empty() {
        return Err(DeriveError::NothingFound);
    }
    let cards = tables.len();
    let toml = deck_text(&text, options, tables);
    let parsed = parse_deck(DeckId("derived".into()), &toml, Origin::Bundled);
    if let Some(finding) = parsed.findings.first() {
        return Err(DeriveError::Invalid(format!(
            "{} {}",
            finding.code, finding.message
        )));
    }
    Ok(Derived {
        toml,
        cards,
        gaps,
        sentences: sentences.len(),
    })
}

// ---------------------------------------------------------------------------
// Text → sentences

/// One sentence of the document, spaces collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sentence {
    text: String,
    /// Byte offset where the body starts: after a `Label: `, else 0. Names are looked for
    /// only in the body, and its first word is not a name only for being capitalised.
    body: usize,
}

/// BOM dropped, every line end `\n`, tabs and control characters spaces.
fn clean(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            // Zero-width and bidirectional-control characters would only hide text.
            '\u{feff}' | '\u{200b}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Labels whose lines are about the document, not facts in it.
#[rustfmt::skip]
const SKIP_LABELS: [&str; 16] = [
    "source", "sources", "reference", "references", "citation", "citations", "credit", "credits",
    "url", "link", "links", "retrieved", "accessed", "see also", "external links", "copyright",
];

fn sentences(text: &str) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() || is_metadata(&line) {
            continue;
        }
        let label_end = label(&line);
        if let Some(end) = label_end {
            let name = line[..end - 2].to_lowercase();
            if SKIP_LABELS.contains(&name.as_str()) {
                continue;
            }
        }
        let mut first = true;
        for range in split_line(&line) {
            let text = line[range.clone()].to_string();
            let body = match label_end {
                Some(end) if first && range.start == 0 && end < text.len() => end,
                _ => 0,
            };
            first = false;
            let words = text.split_whitespace().count();
            if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
                continue;
            }
            if seen.insert(judge::normalise(&text)) {
                out.push(Sentence { text, body });
            }
        }
    }
    out
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(is_closer)
        .ends_with(['.', '!', '?', '…'])
}

/// A by-line or breadcrumb (`1958 · Moscow`, `Moscow | Communist Party`), or a bare link.
fn is_metadata(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || (!ends_sentence(line) && line.contains(['|', '·', '•']))
}

/// The end of a `Label: ` prefix (after the space): one to six words, no sentence inside.
fn label(line: &str) -> Option<usize> {
    let colon = line.find(": ")?;
    let label = &line[..colon];
    let first = label.chars().next()?;
    let words = label.split_whitespace().count();
    ((first.is_uppercase() || first.is_ascii_digit())
        && (1..=6).contains(&words)
        && label.chars().count() <= 60
        && !label.contains(['.', '!', '?', '…', '"', '“', '”']))
    .then_some(colon + 2)
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '“' | '«' | '„' | '(' | '[')
}

/// Byte ranges of the sentences of one line (single spaces only).
fn split_line(line: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (is_closer(chars[j].1) || matches!(chars[j].1, '.' | '!' | '?')) {
            j += 1;
        }
        let splits = j + 1 < chars.len() && chars[j].1 == ' ' && {
            let next = chars[j + 1].1;
            let next_word = line[chars[j + 1].0..].split(' ').next().unwrap_or_default();
            (next.is_uppercase() || next.is_ascii_digit() || is_opener(next))
                && !(c == '.' && j == i + 1 && abbreviation(&line[start..pos], next_word))
        };
        if splits {
            let end = chars[j].0;
            out.push(start..end);
            start = end + 1;
        }
        i = j;
    }
    if start < line.len() {
        out.push(start..line.len());
    }
    out
}

/// Words after which a dot does not end the sentence.
const ABBREVIATIONS: [&str; 46] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "vs", "e.g", "i.e", "no", "vol", "fig", "pp",
    "ca", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "ltd", "mt", "dept",
];

/// Whether the dot after `before`'s last word belongs to an abbreviation.
fn abbreviation(before: &str, next_word: &str) -> bool {
    let word = before
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .trim_start_matches(is_opener);
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // An initial (`J. Smith`) or dotted letters (`U.S.`): a sentence ends there only when
    // the next word is one that opens sentences (`The`, `It`).
    let dotted = !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    let next = next_word
        .trim_start_matches(is_opener)
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    dotted && !FUNCTION_WORDS.contains(&next.as_str())
}

// ---------------------------------------------------------------------------
// Sentence → facts

/// What a fact is; the order is the order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Date,
    Year,
    Number,
    Quote,
    Name,
    /// A single capitalised word: the weakest guess, used only to reach two gaps.
    Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    range: Range<usize>,
    category: Category,
}

/// Words in a sentence: runs of letters and digits joined by inner hyphens, apostrophes,
/// digit groups (`1,400`, `3.5`) and dotted letters (`U.S.`).
fn tokenize(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(pos, _)| pos);
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut segment = i;
        let mut j = i + 1;
        loop {
            match at(j) {
                Some(c) if c.is_alphanumeric() => j += 1,
                Some(c) => {
                    let prev = chars[j - 1].1;
                    let next = at(j + 1).unwrap_or(' ');
                    let joins = match c {
                        '-' | '‐' | '‑' | '–' => {
                            prev.is_alphanumeric() && next.is_alphanumeric()
                        }
                        '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
                        ',' => {
                            prev.is_ascii_digit()
                                && (1..=3).all(|k| at(j + k).is_some_and(|d| d.is_ascii_digit()))
                                && !at(j + 4).is_some_and(char::is_alphanumeric)
                        }
                        '.' => {
                            (prev.is_ascii_digit() && next.is_ascii_digit())
                                || (j - segment == 1
                                    && prev.is_alphabetic()
                                    && next.is_alphabetic()
                                    && !at(j + 2).is_some_and(char::is_alphanumeric))
                        }
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    j += 2;
                    segment = j - 1;
                }
                None => break,
            }
        }
        // The closing dot of dotted letters: `U.S.`
        let word = &text[byte(start)..byte(j)];
        if at(j) == Some('.') && word.contains('.') && is_dotted(word) {
            j += 1;
        }
        out.push(byte(start)..byte(j));
        i = j;
    }
    out
}

fn is_dotted(word: &str) -> bool {
    word.trim_end_matches('.')
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Capitalised month name, in full or abbreviated.
fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    capitalised(word)
        && (MONTHS.contains(&lower.as_str()) || MONTH_ABBREVIATIONS.contains(&lower.as_str()))
}

#[rustfmt::skip]
const WEEKDAYS: [&str; 7] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

fn is_day(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    (1..=2).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && ["", "st", "nd", "rd", "th"].contains(&suffix.as_str())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn all_digits(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

fn is_year(word: &str) -> bool {
    all_digits(word) && (3..=4).contains(&word.len())
}

/// A four-digit number that reads as a year of history (1000–2100).
fn is_plain_year(word: &str) -> bool {
    all_digits(word)
        && word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1000..=2100).contains(&y))
}

/// `1924-1953`, `1924–53`.
fn is_year_range(word: &str) -> bool {
    word.split_once(['-', '–', '‐', '‑'])
        .is_some_and(|(from, to)| is_year(from) && all_digits(to) && (2..=4).contains(&to.len()))
}

/// `1930s`.
fn is_decade(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|d| is_year(d) && d.ends_with('0'))
}

/// `20th`, `1st`, `3rd`.
fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word[digits.len()..].to_ascii_lowercase();
    all_digits(digits) && ["st", "nd", "rd", "th"].contains(&suffix.as_str())
}

/// `1,400`, `3.5`, `12`.
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Words that go with a number into its gap: `2 million`, `40 percent`, `300 km`.
#[rustfmt::skip]
const UNITS: [&str; 43] = [
    "percent", "million", "billion", "trillion", "thousand", "hundred", "km",
    "kilometres", "kilometers", "miles", "metres", "meters", "feet", "ft", "kg",
    "kilograms", "tons", "tonnes", "pounds", "dollars", "roubles", "rubles", "euros",
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "people", "members",
    "delegates", "soldiers", "troops", "prisoners", "votes", "copies", "pages", "times", "words",
    "deaths", "victims",
];

/// Lower-case words allowed inside a proper name: `Party of the Soviet Union`.
const PARTICLES: [&str; 12] = [
    "of", "the", "de", "von", "van", "der", "den", "la", "le", "du", "da", "del",
];

/// Words that open sentences and clauses: never the start of a name.
#[rustfmt::skip]
const FUNCTION_WORDS: [&str; 87] = [
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "he", "she", "it", "they", "we", "i", "you", "there", "here", "on", "in", "at", "by",
    "for", "from", "to", "of", "with", "after", "before", "during", "following", "under", "over",
    "since", "until", "when", "while", "where", "as", "and", "but", "or", "if", "although",
    "though", "because", "despite", "between", "among", "through", "into", "upon", "according",
    "later", "then", "today", "meanwhile", "however", "also", "some", "many", "most", "all",
    "both", "each", "every", "no", "not", "what", "which", "who", "whose", "why", "how", "once",
    "yet", "so", "thus", "unlike", "within", "without", "against",
];

/// Minor words, not counted when telling a Title Case Heading from prose.
const MINOR_WORDS: [&str; 16] = [
    "a", "an", "the", "and", "or", "but", "of", "on", "in", "at", "to", "for", "by", "with",
    "from", "as",
];

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A name's word without its possessive: `Stalin’s` → `Stalin`.
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// A capitalised word that may be part of a name (not a month, weekday or function word).
fn name_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    capitalised(word)
        && word.chars().any(char::is_alphabetic)
        && !MONTHS.contains(&lower.as_str())
        && !WEEKDAYS.contains(&lower.as_str())
        && !FUNCTION_WORDS.contains(&lower.as_str())
}

/// Title Case Text says nothing about which words are names: a heading (no full stop at
/// the end) with three capitals in four words, or a sentence with nothing but capitals.
fn title_case(text: &str) -> bool {
    let words: Vec<&str> = tokenize(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|w| w.starts_with(char::is_alphabetic))
        .filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    let heading = !ends_sentence(text);
    words.len() >= 3 && (caps == words.len() || (heading && caps * 4 >= words.len() * 3))
}

/// Capitalised words seen inside sentences (not first, not after a quote or colon): a
/// sentence's first word is taken as part of a name only when it is one of these, or
/// starts a run of capitalised words.
fn known_names(sentences: &[Sentence]) -> HashSet<String> {
    let mut known = HashSet::new();
    for sentence in sentences {
        let body = &sentence.text[sentence.body..];
        if title_case(body) {
            continue;
        }
        let tokens = tokenize(body);
        for pair in tokens.windows(2) {
            let between = body[pair[0].end..pair[1].start].trim_end();
            let word = &body[pair[1].clone()];
            if capitalised(word) && !between.ends_with([':', '"', '“', '‘', '\'', '(', '«']) {
                known.insert(without_possessive(word).to_string());
            }
        }
    }
    known
}

/// Every fact found in a sentence, none overlapping, most specific kinds first.
fn facts(sentence: &Sentence, known: &HashSet<String>) -> Vec<Fact> {
    let text = sentence.text.as_str();
    let tokens = tokenize(text);
    let word = |i: usize| &text[tokens[i].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    let mut claimed = vec![false; tokens.len()];
    let mut found: Vec<Fact> = Vec::new();

    // Dates: `February 25, 1956`, `25 February 1956`, `March 1958`, `February 25`, `1956-02-25`.
    let mut i = 0;
    while i < tokens.len() {
        let span = date_at(text, &tokens, i);
        match span {
            Some(last) => {
                let range = tokens[i].start..tokens[last].end;
                claim(&mut found, &mut claimed, i..=last, range, Category::Date);
                i = last + 1;
            }
            None => i += 1,
        }
    }

    // Years, ranges, decades, ordinals, numbers with their unit.
    for i in 0..tokens.len() {
        if claimed[i] {
            continue;
        }
        let w = word(i);
        if !w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut last = i;
        let mut end = tokens[i].end;
        let category = if is_year_range(w) || is_decade(w) {
            Category::Year
        } else if is_ordinal(w) {
            // `20th Congress`: the ordinal with what it counts, when that is a name.
            if i + 1 < tokens.len()
                && !claimed[i + 1]
                && between(i, i + 1) == " "
                && name_word(word(i + 1))
            {
                last = i + 1;
                end = tokens[last].end;
            }
            Category::Number
        } else if is_number(w) {
            if text[end..].starts_with('%') {
                end += 1;
            }
            while last + 1 < tokens.len()
                && last < i + 2
                && end == tokens[last].end
                && !claimed[last + 1]
                && between(last, last + 1) == " "
                && UNITS.contains(&word(last + 1).to_lowercase().as_str())
            {
                last += 1;
                end = tokens[last].end;
            }
            if last == i && end == tokens[i].end && is_plain_year(w) {
                Category::Year
            } else {
                Category::Number
            }
        } else {
            continue;
        };
        let mut start = tokens[i].start;
        if let Some(symbol) = text[..start].chars().next_back()
            && matches!(symbol, '$' | '£' | '€' | '¥')
        {
            start -= symbol.len_utf8();
        }
        claim(&mut found, &mut claimed, i..=last, start..end, category);
    }

    // Quoted terms: “Secret Speech”, 'Secret Speech'; and proper names: runs of
    // capitalised words, with particles inside. Neither in a Title Case heading.
    let body_start = tokens.iter().position(|t| t.start >= sentence.body);
    let names = body_start.is_some() && !title_case(&text[sentence.body..]);
    for range in quoted(text).into_iter().filter(|_| names) {
        let inside: Vec<usize> = (0..tokens.len())
            .filter(|&t| tokens[t].start < range.end && range.start < tokens[t].end)
            .collect();
        let (Some(&from), Some(&to)) = (inside.first(), inside.last()) else {
            continue;
        };
        if inside.iter().any(|&t| claimed[t])
            || tokens[from].start != range.start
            || tokens[to].end > range.end
        {
            continue;
        }
        claim(&mut found, &mut claimed, from..=to, range, Category::Quote);
    }

    if let Some(body_start) = body_start.filter(|_| names) {
        let mut i = body_start;
        while i < tokens.len() {
            if claimed[i] || !name_word(word(i)) {
                i += 1;
                continue;
            }
            let run = name_run(text, &tokens, &claimed, i);
            let next = run.last().map_or(i + 1, |&last| last + 1);
            for piece in split_run(text, &tokens, run) {
                let Some(&first) = piece.first() else {
                    continue;
                };
                // The first word of a sentence is capitalised anyway: it starts a name only
                // when it is a known name or the next word is capitalised too, and alone
                // it is never a gap.
                let at_start = first == body_start;
                let keeps_first = !at_start
                    || known.contains(without_possessive(word(first)))
                    || piece.get(1).is_some_and(|&t| capitalised(word(t)));
                let piece: Vec<usize> = if keeps_first {
                    piece
                } else {
                    piece[1..]
                        .iter()
                        .copied()
                        .skip_while(|&t| PARTICLES.contains(&word(t)))
                        .collect()
                };
                let (Some(&first), Some(&last)) = (piece.first(), piece.last()) else {
                    continue;
                };
                if piece.len() == 1 && first == body_start {
                    continue;
                }
                let category = if piece.len() == 1 {
                    Category::Word
                } else {
                    Category::Name
                };
                let end = tokens[last].start + without_possessive(word(last)).len();
                claim(
                    &mut found,
                    &mut claimed,
                    first..=last,
                    tokens[first].start..end,
                    category,
                );
            }
            i = next;
        }
    }
    found
}

/// Records a fact and marks its tokens as taken.
fn claim(
    found: &mut Vec<Fact>,
    claimed: &mut [bool],
    tokens: std::ops::RangeInclusive<usize>,
    range: Range<usize>,
    category: Category,
) {
    for taken in &mut claimed[tokens] {
        *taken = true;
    }
    found.push(Fact { range, category });
}

/// The last token of a date starting at token `i`, when one does.
fn date_at(text: &str, tokens: &[Range<usize>], i: usize) -> Option<usize> {
    let word = |k: usize| tokens.get(k).map(|r| &text[r.clone()]);
    // Whether the text between token `k` and the next is one of `allowed`.
    let separated = |k: usize, allowed: &[&str]| {
        tokens
            .get(k + 1)
            .is_some_and(|next| allowed.contains(&&text[tokens[k].end..next.start]))
    };
    let is_date =
        |last: usize| judge::shape(&text[tokens[i].start..tokens[last].end]) == Shape::Date;
    let w = word(i)?;
    if w.contains(['-', '/']) && w.starts_with(|c: char| c.is_ascii_digit()) && !is_year_range(w) {
        return is_date(i).then_some(i);
    }
    if is_month(w) {
        if !separated(i, &[" ", ". "]) {
            return None;
        }
        if word(i + 1).is_some_and(is_day) {
            let with_year = word(i + 2).is_some_and(is_year)
                && separated(i + 1, &[" ", ", "])
                && is_date(i + 2);
            return Some(if with_year { i + 2 } else { i + 1 });
        }
        return (word(i + 1).is_some_and(is_plain_year) && is_date(i + 1)).then_some(i + 1);
    }
    (is_day(w)
        && separated(i, &[" "])
        && word(i + 1).is_some_and(is_month)
        && separated(i + 1, &[" ", ", ", ". "])
        && word(i + 2).is_some_and(is_year)
        && is_date(i + 2))
    .then_some(i + 2)
}

/// Token indexes of the capitalised run starting at `i`: capitalised words joined by
/// single spaces, with particles between them; a possessive ends the run.
fn name_run(text: &str, tokens: &[Range<usize>], claimed: &[bool], i: usize) -> Vec<usize> {
    let word = |k: usize| &text[tokens[k].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    let mut run = vec![i];
    let mut j = i;
    while without_possessive(word(j)) == word(j) {
        let mut k = j + 1;
        while k < tokens.len()
            && !claimed[k]
            && between(k - 1, k) == " "
            && PARTICLES.contains(&word(k))
        {
            k += 1;
        }
        if k < tokens.len()
            && !claimed[k]
            && between(k - 1, k) == " "
            && name_word(word(k))
            && (k == j + 1 || word(k) != "The")
        {
            run.extend(j + 1..=k);
            j = k;
        } else {
            break;
        }
    }
    run
}

/// A run too long to be one name is cut at its first particle, again and again.
fn split_run(text: &str, tokens: &[Range<usize>], run: Vec<usize>) -> Vec<Vec<usize>> {
    let word = |k: usize| &text[tokens[k].clone()];
    let mut pieces = Vec::new();
    let mut rest = run;
    while rest.len() > MAX_NAME_WORDS {
        let Some(cut) = rest.iter().position(|&t| PARTICLES.contains(&word(t))) else {
            // Six capitalised words in a row are a heading, not a name.
            return pieces;
        };
        let head: Vec<usize> = rest[..cut].to_vec();
        let tail: Vec<usize> = rest[cut..]
            .iter()
            .copied()
            .skip_while(|&t| PARTICLES.contains(&word(t)))
            .collect();
        if !head.is_empty() {
            pieces.push(head);
        }
        rest = tail;
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// Byte ranges of the text inside quotation marks, trailing punctuation left outside:
/// “Khrushchev Thaw.” → `Khrushchev Thaw`.
fn quoted(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, open) = chars[i];
        let closers: &[char] = match open {
            '“' | '„' => &['”', '“'],
            '"' => &['"'],
            '‘' => &['’'],
            '\'' => &['\''],
            '«' => &['»'],
            _ => {
                i += 1;
                continue;
            }
        };
        let starts_word = i == 0 || matches!(chars[i - 1].1, ' ' | '(' | '[');
        if !starts_word {
            i += 1;
            continue;
        }
        let close = (i + 1..chars.len()).find(|&k| {
            closers.contains(&chars[k].1)
                && !chars.get(k + 1).is_some_and(|&(_, c)| c.is_alphanumeric())
                && !chars[k - 1].1.is_whitespace()
        });
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let inner_start = pos + open.len_utf8();
        let inner = text[inner_start..chars[close].0]
            .trim_end_matches(['.', ',', ';', '!', '?'])
            .trim_end();
        let words = inner.split_whitespace().count();
        if (1..=MAX_QUOTE_WORDS).contains(&words)
            && inner == inner.trim_start()
            && inner.chars().any(char::is_alphanumeric)
            && !inner.contains([':', '{', '}', '"', '“', '”', '‘', '«', '»'])
        {
            out.push(inner_start..inner_start + inner.len());
        }
        i = close + 1;
    }
    out
}

/// The gaps of one card: dates and numbers first (at most two), then quoted terms and
/// names, single capitalised words only to reach two gaps; facts not asked before first.
fn choose(sentence: &Sentence, found: &[Fact], used: &HashSet<String>) -> Vec<Fact> {
    let text = sentence.text.as_str();
    let key = |fact: &Fact| judge::normalise(&text[fact.range.clone()]);
    // A fact still readable elsewhere in the sentence would give its own answer away.
    let hidden = |fact: &Fact| {
        let rest = format!(
            " {} {} ",
            judge::normalise(&text[..fact.range.start]),
            judge::normalise(&text[fact.range.end..])
        );
        let key = key(fact);
        // `Stalin’s` and `Soviets` give away `Stalin` and `Soviet` as well.
        !key.is_empty()
            && !rest.contains(&format!(" {key} "))
            && !rest.contains(&format!(" {key}s "))
    };
    let mut candidates: Vec<&Fact> = found.iter().filter(|f| hidden(f)).collect();
    candidates.sort_by_key(|f| (used.contains(&key(f)), f.category, f.range.start));
    let numeric = |f: &&&Fact| f.category <= Category::Number;
    let mut chosen: Vec<Fact> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut take = |chosen: &mut Vec<Fact>, fact: &Fact| {
        if keys.insert(key(fact)) {
            chosen.push(fact.clone());
        }
    };
    for fact in candidates.iter().filter(numeric).take(MAX_NUMERIC) {
        take(&mut chosen, fact);
    }
    for fact in candidates
        .iter()
        .filter(|f| matches!(f.category, Category::Quote | Category::Name))
    {
        if chosen.len() < MAX_GAPS {
            take(&mut chosen, fact);
        }
    }
    for fact in candidates.iter().filter(|f| f.category == Category::Word) {
        if chosen.len() < 2 {
            take(&mut chosen, fact);
        }
    }
    for fact in candidates.iter().filter(numeric).skip(MAX_NUMERIC) {
        if chosen.len() < MAX_GAPS {
            take(&mut chosen, fact);
        }
    }
    // Keep enough of the sentence visible: drop the least wanted gaps until it is.
    while !chosen.is_empty() && context_words(text, &chosen) < MIN_CONTEXT_WORDS {
        chosen.pop();
    }
    chosen.sort_by_key(|f| f.range.start);
    chosen
}

fn context_words(text: &str, gaps: &[Fact]) -> usize {
    let mut rest = text.to_string();
    let mut ranges: Vec<&Range<usize>> = gaps.iter().map(|f| &f.range).collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    for range in ranges {
        rest.replace_range(range.clone(), " ");
    }
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

// ---------------------------------------------------------------------------
// Facts → deck file

/// The cloze text: the sentence with `{{gaps}}`. A brace of the document's own becomes a
/// parenthesis, so it cannot open or close a gap.
fn cloze_text(text: &str, gaps: &[Fact]) -> String {
    let plain = |s: &str| s.replace('{', "(").replace('}', ")");
    let mut out = String::with_capacity(text.len() + 8 * gaps.len());
    let mut last = 0;
    for gap in gaps {
        out.push_str(&plain(&text[last..gap.range.start]));
        out.push_str("{{");
        out.push_str(&text[gap.range.clone()]);
        out.push_str("}}");
        last = gap.range.end;
    }
    out.push_str(&plain(&text[last..]));
    out
}

fn card_table(id: &str, sentence: &Sentence, gaps: &[Fact]) -> Table {
    let mut table = Table::new();
    table["id"] = value(id);
    table["cloze"] = value(cloze_text(&sentence.text, gaps));
    table["explain"] = value(sentence.text.as_str());
    table["tags"] = value(Array::from_iter(["derived"]));
    table
}

/// The deck parser's verdict on one card alone: nothing it would reject is written.
fn loads_alone(table: &Table) -> bool {
    let mut doc = DocumentMut::new();
    let mut cards = ArrayOfTables::new();
    cards.push(table.clone());
    doc.insert("cards", Item::ArrayOfTables(cards));
    let parsed = parse_deck(DeckId("derive".into()), &doc.to_string(), Origin::Bundled);
    parsed.findings.is_empty()
}

fn deck_text(text: &str, options: &DeriveOptions, cards: ArrayOfTables) -> String {
    let file = one_line(&options.file_name);
    let title = options
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            let first = text
                .lines()
                .map(one_line)
                .find(|l| !l.is_empty())
                .unwrap_or_default();
            shorten(&first, 80)
        });
    let mut doc = DocumentMut::new();
    doc["title"] = value(title);
    doc["description"] = value(format!(
        "Drafted by quiz derive from {file}; review every card before studying."
    ));
    doc["source"] = value(file.as_str());
    doc.insert("cards", Item::ArrayOfTables(cards));
    let shown = crate::text::escape_line(&file);
    format!(
        "# Drafted automatically by `quiz derive` from {shown}.\n\
         # Each card is one sentence of the document with its dates, numbers and names as\n\
         # gaps, and the sentence as the explanation. Check every gap against the document,\n\
         # fix or delete cards, then study.\n\n{doc}"
    )
}

/// At most `max` characters, cut at a space, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/derive/000_36f739adb32d5b01.txt"
    );

    fn seed() -> String {
        std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("could not read {SEED}: {e}"))
    }

    fn options() -> DeriveOptions {
        DeriveOptions {
            file_name: "seed.txt".into(),
            ..DeriveOptions::default()
        }
    }

    fn texts(text: &str) -> Vec<String> {
        sentences(&clean(text))
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    /// Every fact found in a one-sentence text, as (text, category).
    fn found(text: &str) -> Vec<(String, Category)> {
        let all = sentences(&clean(text));
        assert_eq!(all.len(), 1, "{all:?}");
        let known = known_names(&all);
        facts(&all[0], &known)
            .into_iter()
            .map(|f| (all[0].text[f.range].to_string(), f.category))
            .collect()
    }

    /// The gaps a one-sentence text gets on its own.
    fn gaps(text: &str) -> Vec<String> {
        let all = sentences(&clean(text));
        assert_eq!(all.len(), 1, "{all:?}");
        let known = known_names(&all);
        choose(&all[0], &facts(&all[0], &known), &HashSet::new())
            .into_iter()
            .map(|f| all[0].text[f.range].to_string())
            .collect()
    }

    /// (id, cloze, explain) of every card of a derived deck.
    fn cards(toml: &str) -> Vec<(String, String, String)> {
        let table: toml::Table = toml.parse().unwrap();
        let field = |card: &toml::Value, name: &str| card[name].as_str().unwrap().to_string();
        table["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|card| {
                (
                    field(card, "id"),
                    field(card, "cloze"),
                    field(card, "explain"),
                )
            })
            .collect()
    }

    fn assert_loads_cleanly(toml: &str) -> super::super::Deck {
        let parsed = parse_deck(DeckId("derived".into()), toml, Origin::Bundled);
        assert!(parsed.findings.is_empty(), "{:?}\n{toml}", parsed.findings);
        parsed.deck.unwrap()
    }

    #[test]
    fn sentences_end_at_full_stops_but_not_after_abbreviations() {
        assert_eq!(
            texts(
                "The U.S. Army entered Berlin in 1945. It stayed. Dr. Smith met Mr. Jones on Feb. 25, 1956, in Washington."
            ),
            [
                "The U.S. Army entered Berlin in 1945.",
                "Dr. Smith met Mr. Jones on Feb. 25, 1956, in Washington."
            ],
            "`It stayed.` has too few words"
        );
        assert_eq!(
            texts(
                "Troops left the U.S. The war was over by 1945! Was it? “Yes,” he said in 1946. J. R. Smith wrote 3.5 pages."
            ),
            [
                "Troops left the U.S.",
                "The war was over by 1945!",
                "“Yes,” he said in 1946.",
                "J. R. Smith wrote 3.5 pages."
            ]
        );
        // A quotation that ends the sentence stays with it.
        assert_eq!(
            texts("It was known as the “Khrushchev Thaw.” Reforms followed in 1957."),
            [
                "It was known as the “Khrushchev Thaw.”",
                "Reforms followed in 1957."
            ]
        );
    }

    #[test]
    fn seed_lines_become_sentences_without_by_lines_or_the_source() {
        let all = texts(&seed());
        assert_eq!(all.len(), 24);
        assert_eq!(
            all[0],
            "Nikita Khrushchev Becomes Soviet Premier on March 27, 1958"
        );
        assert_eq!(
            all[1],
            "Nikita Khrushchev became Soviet Premier, consolidating his power as both head of the Communist Party and the government."
        );
        assert!(all.iter().all(|s| !s.contains('·') && !s.contains('|')));
        assert!(all.iter().all(|s| !s.starts_with("Source")));
        assert!(!all.contains(&"February 25, 1956".to_string()), "too short");
        // A label stays with its sentence, and a line's later sentences stand alone.
        assert!(all.contains(&"Stalin’s Death (1953): Following Stalin’s death, a power struggle ensued among Soviet leaders.".to_string()));
        assert!(
            all.contains(
                &"Khrushchev emerged as a key figure, eventually consolidating power by 1955."
                    .to_string()
            )
        );
        let labelled = sentences(&clean(&seed()))
            .into_iter()
            .find(|s| s.text.starts_with("Stalin’s Rule"))
            .unwrap();
        assert_eq!(&labelled.text[labelled.body..labelled.body + 6], "Joseph");
    }

    #[test]
    fn facts_of_seed_sentences() {
        use Category::*;
        let found = found(
            "On February 25, 1956, Nikita Khrushchev, the First Secretary of the Communist Party of the Soviet Union, delivered a landmark address known as the “Secret Speech” at the 20th Congress of the Communist Party.",
        );
        let expected = [
            ("February 25, 1956", Date),
            ("20th Congress", Number),
            ("Secret Speech", Quote),
            ("Nikita Khrushchev", Name),
            ("First Secretary", Name),
            ("Communist Party of the Soviet Union", Name),
            ("Communist Party", Name),
        ];
        assert_eq!(
            found,
            expected.map(|(t, c)| (t.to_string(), c)),
            "the sentence's first word `On` is no name"
        );
        assert_eq!(
            self::found(
                "Stalin’s Rule (1924-1953): Joseph Stalin’s leadership was characterized by totalitarian control, widespread purges, forced collectivization, and the establishment of a personality cult."
            ),
            [
                ("1924-1953".to_string(), Year),
                ("Joseph Stalin".to_string(), Name)
            ],
            "no names in the label; the possessive stays outside the name"
        );
        assert_eq!(
            self::found("Nikita Khrushchev Becomes Soviet Premier on March 27, 1958"),
            [("March 27, 1958".to_string(), Date)],
            "a Title Case heading names nothing"
        );
        assert_eq!(
            self::found(
                "Content: Delivered in a closed session, Khrushchev’s speech criticized Stalin for his tyrannical rule, the purges of the 1930s, and the creation of a personality cult."
            ),
            [
                ("1930s".to_string(), Year),
                ("Khrushchev".to_string(), Word),
                ("Stalin".to_string(), Word)
            ],
            "`Delivered` opens the body: not a name"
        );
    }

    #[test]
    fn gaps_of_seed_sentences_dates_and_numbers_first() {
        assert_eq!(
            gaps(
                "On February 25, 1956, Nikita Khrushchev, the First Secretary of the Communist Party of the Soviet Union, delivered a landmark address known as the “Secret Speech” at the 20th Congress of the Communist Party."
            ),
            ["February 25, 1956", "Secret Speech", "20th Congress"],
            "`Communist Party` is not a gap: the longer name shows it"
        );
        assert_eq!(
            gaps(
                "Stalin’s Rule (1924-1953): Joseph Stalin’s leadership was characterized by totalitarian control, widespread purges, forced collectivization, and the establishment of a personality cult."
            ),
            ["1924-1953", "Joseph Stalin"]
        );
        assert_eq!(
            gaps(
                "Stalin’s Death (1953): Following Stalin’s death, a power struggle ensued among Soviet leaders."
            ),
            ["1953", "Soviet"],
            "`Stalin` is not a gap: the label shows it"
        );
        assert_eq!(
            gaps(
                "Impact on the Soviet Union: The speech shocked many party members and led to a period of political and social thaw known as the “Khrushchev Thaw.”"
            ),
            ["Khrushchev Thaw"]
        );
        assert_eq!(
            gaps("Khrushchev emerged as a key figure, eventually consolidating power by 1955."),
            ["1955"],
            "the first word alone is never a gap"
        );
        assert!(
            gaps("This included reducing the power of the secret police and easing censorship.")
                .is_empty()
        );
    }

    #[test]
    fn dates_numbers_and_names_in_other_forms() {
        assert_eq!(
            gaps("The treaty was signed on 25 February 1956 by 1,400 delegates in Geneva."),
            ["25 February 1956", "1,400 delegates"],
            "a single capitalised word only makes up a second gap"
        );
        assert_eq!(
            gaps("Prices rose 40% after Feb. 25, 1956, costing $5 million in all."),
            ["40%", "Feb. 25, 1956", "$5 million"]
        );
        assert_eq!(
            gaps(
                "The 22nd Congress met in October 1961 and Stalin was removed from the mausoleum."
            ),
            ["22nd Congress", "October 1961"]
        );
        assert_eq!(
            gaps(
                "Leonid Brezhnev replaced him, and the policies of Charles de Gaulle changed too."
            ),
            ["Leonid Brezhnev", "Charles de Gaulle"],
            "a run of capitals at the start is a name; particles stay inside"
        );
        assert_eq!(
            gaps("Joseph Stalin died in 1953, and Joseph Stalin was embalmed."),
            ["1953"],
            "a name written twice would show its own answer"
        );
        assert_eq!(
            gaps("The speech was given in the U.S. embassy in May 1956."),
            ["U.S.", "May 1956"]
        );
    }

    #[test]
    fn the_seed_drafts_a_deck_that_loads_with_no_finding() {
        let text = seed();
        let derived = derive(&text, &options()).unwrap();
        let deck = assert_loads_cleanly(&derived.toml);
        assert_eq!(
            (derived.cards, derived.gaps, derived.sentences),
            (20, 36, 24)
        );
        assert!(derived.cards >= 10);
        assert_eq!(deck.cards.len(), derived.gaps, "one card per gap");
        assert_eq!(
            deck.title,
            "Nikita Khrushchev Becomes Soviet Premier on March 27, 1958"
        );
        assert_eq!(
            deck.description.as_deref(),
            Some("Drafted by quiz derive from seed.txt; review every card before studying.")
        );
        assert_eq!(deck.source.as_deref(), Some("seed.txt"));
        assert!(
            derived
                .toml
                .starts_with("# Drafted automatically by `quiz derive` from seed.txt.\n")
        );
        for card in &deck.cards {
            assert_eq!(card.tags, ["derived"]);
            assert!(text.contains(&card.answer_text()), "{}", card.answer_text());
            let explain = card.explain.as_deref().unwrap();
            assert!(text.contains(explain), "{explain}");
        }
        let drafted = cards(&derived.toml);
        let ids: HashSet<&str> = drafted.iter().map(|(id, _, _)| id.as_str()).collect();
        assert_eq!(ids.len(), drafted.len());
        // The same document drafts the same deck, id for id.
        assert_eq!(derive(&text, &options()).unwrap(), derived);
        assert_eq!(
            drafted[..4],
            [
                (
                    "nikita-khrushchev-becomes-soviet-premier".to_string(),
                    "Nikita Khrushchev Becomes Soviet Premier on {{March 27, 1958}}".to_string(),
                    "Nikita Khrushchev Becomes Soviet Premier on March 27, 1958".to_string()
                ),
                (
                    "nikita-khrushchev-became-soviet-premier".to_string(),
                    "{{Nikita Khrushchev}} became {{Soviet Premier}}, consolidating his power as both head of the {{Communist Party}} and the government.".to_string(),
                    "Nikita Khrushchev became Soviet Premier, consolidating his power as both head of the Communist Party and the government.".to_string()
                ),
                (
                    "nikita-khrushchev-delivered-the-secret".to_string(),
                    "Nikita Khrushchev delivered the '{{Secret Speech}}' at the {{20th Congress}} of the {{Communist Party of the Soviet Union}}, denouncing the cult of personality and dictatorship of Joseph Stalin.".to_string(),
                    "Nikita Khrushchev delivered the 'Secret Speech' at the 20th Congress of the Communist Party of the Soviet Union, denouncing the cult of personality and dictatorship of Joseph Stalin.".to_string()
                ),
                (
                    "on-february-25-1956-nikita-khrushchev".to_string(),
                    "On {{February 25, 1956}}, Nikita Khrushchev, the {{First Secretary}} of the Communist Party of the Soviet Union, delivered a landmark address known as the “Secret Speech” at the {{20th Congress}} of the Communist Party.".to_string(),
                    "On February 25, 1956, Nikita Khrushchev, the First Secretary of the Communist Party of the Soviet Union, delivered a landmark address known as the “Secret Speech” at the 20th Congress of the Communist Party.".to_string()
                ),
            ],
            "a fact already asked gives way to a fresh one (`First Secretary` over `Secret Speech`)"
        );
    }

    #[test]
    fn limit_caps_the_cards() {
        let limited = DeriveOptions {
            limit: Some(3),
            ..options()
        };
        let derived = derive(&seed(), &limited).unwrap();
        assert_eq!(derived.cards, 3);
        assert_eq!(derived.sentences, 24);
        assert_eq!(cards(&derived.toml).len(), 3);
        assert_loads_cleanly(&derived.toml);
    }

    #[test]
    fn nothing_to_ask_is_an_error() {
        for text in [
            "",
            "\u{feff}\r\n\r\n",
            "   \t  ",
            "a short line",
            "this text has no capitals and no digits at all, only words.",
            "Source: en.wikipedia.org (retrieved 2024)",
        ] {
            assert_eq!(
                derive(text, &options()),
                Err(DeriveError::NothingFound),
                "{text:?}"
            );
        }
        assert_eq!(
            DeriveError::NothingFound.to_string(),
            "no sentence with a date, number or name found"
        );
    }

    #[test]
    fn odd_text_still_drafts_a_deck_that_loads() {
        let text = "\u{feff}A \"Quoted\" Title\\With\tTabs\u{7}\r\n\
                    The \"Iron Curtain\" speech was given at Fulton in 1946.\r\n\
                    Braces {{like}} these}} and {odd} ones appeared in 1947 in Moscow.\r\n\
                    A bell\u{7} rang and an escape \u{1b}[2J sequence came in 1948 from Leningrad.\r\n\
                    Backslashes C:\\temp and \\u0041 appeared in 1949 near Kiev.\r\n\
                    A hint-like text 1950::x came before Berlin.\r\n\
                    The same sentence was written twice in 1951 by Pravda.\r\n\
                    The  same sentence was written twice in 1951 by Pravda.\r\n\
                    Хрущёв выступил в 1956 году в Москве.\r\n";
        let derived = derive(text, &options()).unwrap();
        let deck = assert_loads_cleanly(&derived.toml);
        assert_eq!(deck.title, "A \"Quoted\" Title\\With Tabs");
        let drafted = cards(&derived.toml);
        let clozes: Vec<&str> = drafted.iter().map(|(_, c, _)| c.as_str()).collect();
        assert_eq!(
            clozes,
            [
                "The \"{{Iron Curtain}}\" speech was given at Fulton in {{1946}}.",
                "Braces ((like)) these)) and (odd) ones appeared in {{1947}} in {{Moscow}}.",
                "A bell rang and an escape [2J sequence came in {{1948}} from {{Leningrad}}.",
                "{{Backslashes C}}:\\temp and \\u0041 appeared in {{1949}} near Kiev.",
                "A hint-like text {{1950}}::x came before {{Berlin}}.",
                "The same sentence was written twice in {{1951}} by {{Pravda}}.",
                "Хрущёв выступил в {{1956}} году в {{Москве}}.",
            ]
        );
        assert!(!derived.toml.contains('\u{7}') && !derived.toml.contains('\u{1b}'));
        assert_eq!(drafted[6].0, "khrushchiov-vystupil-v-1956-godu-v");
    }

    #[test]
    fn ids_are_slugs_of_the_first_words_made_unique() {
        let text = "In 1956 the speech was read to delegates.\n\
                    In 1956 the speech was read to party cells.\n\
                    In 1956 the speech was read to the West.\n";
        let ids: Vec<String> = cards(&derive(text, &options()).unwrap().toml)
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        assert_eq!(
            ids,
            [
                "in-1956-the-speech-was-read",
                "in-1956-the-speech-was-read-2",
                "in-1956-the-speech-was-read-3"
            ]
        );
        assert_eq!(super::super::id::slug("!!! ???", 6, 40), "card");
        assert!(!super::super::id::slug("#a ~b c", 6, 40).contains(['#', '~', ' ']));
    }

    #[test]
    fn title_and_file_name_are_written_safely() {
        let custom = DeriveOptions {
            file_name: "we\"ird\nname.txt".into(),
            title: Some("My \u{1b}[31mdeck".into()),
            limit: None,
        };
        let derived = derive("It happened in 1956 in Moscow.", &custom).unwrap();
        let deck = assert_loads_cleanly(&derived.toml);
        assert_eq!(deck.title, "My [31mdeck");
        assert_eq!(deck.source.as_deref(), Some("we\"ird name.txt"));
        let blank = DeriveOptions {
            title: Some("  ".into()),
            ..options()
        };
        let long = format!("{} in 1956.", "Word ".repeat(40));
        let deck = assert_loads_cleanly(&derive(&long, &blank).unwrap().toml);
        assert!(deck.title.ends_with('…') && deck.title.chars().count() <= 81);
    }

    #[test]
    fn never_panics_and_always_loads() {
        // A small deterministic generator over the characters the reader treats specially.
        let pieces = [
            "The",
            "Soviet",
            "Union",
            "of",
            "the",
            "1956",
            "1924-1953",
            "1930s",
            "20th",
            "Feb.",
            "February",
            "25,",
            "U.S.",
            "Dr.",
            "“",
            "”",
            "'",
            "’s",
            "\"",
            "{{",
            "}}",
            "{",
            "}",
            ":",
            "::",
            ". ",
            "! ",
            "? ",
            "…",
            "\n",
            "\r\n",
            "\t",
            "\u{7}",
            "\u{feff}",
            "|",
            "·",
            "Source:",
            "$",
            "%",
            "1,400",
            "3.5",
            "million",
            "é",
            "Ж",
            "‘",
            "«",
            "»",
            " ",
            "  ",
            "(",
            ")",
            "-",
            "–",
            "#",
            "~",
            "\\",
            "x",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..1500 {
            let len = (next() % 60) as usize;
            let mut text = String::new();
            for _ in 0..len {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                if next() % 3 == 0 {
                    text.push(' ');
                }
            }
            match derive(&text, &options()) {
                Ok(derived) => {
                    assert_loads_cleanly(&derived.toml);
                }
                Err(DeriveError::NothingFound) => {}
                Err(other) => panic!("round {round}: {other} for {text:?}"),
            }
        }
    }
}
