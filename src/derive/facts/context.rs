//! What the whole document tells about each of its sentences, gathered in one pass before
//! any sentence is read for facts: the words it capitalises inside sentences (so a first
//! word can be told for a name), the words it writes in lower case, whether it names years,
//! the abbreviations it spells out and its subject (the title's words and the names that
//! fill much of its mentions), which is never asked.

use std::collections::{HashMap, HashSet};

use super::{Category, facts};
use crate::derive::names::{initials, is_abbreviation};
use crate::derive::sentences::Sentence;
use crate::derive::vocabulary::FUNCTION_WORDS;
use crate::derive::words::{capitalised, is_plain_year, title_case, tokenize, without_possessive};
use crate::judge;

/// What the whole document tells about its words.
#[derive(Debug, Clone, Default)]
pub(in crate::derive) struct Context {
    /// Capitalised words seen inside sentences (not first, not after a quote or colon).
    pub(in crate::derive) known: HashSet<String>,
    /// Normalised words of the title and the names that fill much of the name mentions:
    /// the document's subject, never asked.
    pub(in crate::derive) subject: HashSet<String>,
    /// Name → abbreviation and back, as the document gives them (`FRG`).
    pub(in crate::derive) abbreviations: HashMap<String, String>,
    /// The years the document names: a day and month (`24 July`) take the year from here.
    pub(in crate::derive) has_years: bool,
    /// The title, normalised: a value that is the title asks nothing.
    pub(in crate::derive) title: String,
    /// Words the document writes in lower case somewhere: the same word capitalised alone
    /// elsewhere (`the federal Agency` beside `local agencies`) is the writer's emphasis,
    /// not a name.
    pub(in crate::derive) lower: HashSet<String>,
    /// Names the document gives three times or more: asked once, never again as a card's
    /// only gap (`Postal Service` in a speech to postal people).
    pub(in crate::derive) frequent: HashSet<String>,
}

/// A sentence's first word is taken as part of a name only when it is one of the
/// [`Context::known`] words, or starts a run of capitalised words.
pub(in crate::derive) fn context(sentences: &[Sentence], title: &str) -> Context {
    let mut known = HashSet::new();
    let mut mentions: HashMap<String, usize> = HashMap::new();
    let mut whole: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut bare_abbreviations: HashSet<String> = HashSet::new();
    let mut total = 0usize;
    let mut abbreviations = HashMap::new();
    let mut has_years = false;
    let mut lower = HashSet::new();
    for sentence in sentences {
        let body = &sentence.text[sentence.body..];
        for r in tokenize(body) {
            let word = &body[r];
            if word
                .chars()
                .all(|c| c.is_lowercase() || c == '-' || c == '\'')
            {
                lower.insert(word.to_string());
            }
        }
        has_years |= tokenize(&sentence.text)
            .into_iter()
            .any(|r| is_plain_year(&sentence.text[r]));
        if title_case(body) {
            continue;
        }
        let tokens = tokenize(body);
        for pair in tokens.windows(2) {
            let between = body[pair[0].end..pair[1].start].trim_end();
            let word = &body[pair[1].clone()];
            if capitalised(word)
                && !between.ends_with([':', '"', '“', '‘', '\'', '(', '«'])
                && !between.ends_with("--")
                && !between.ends_with('—')
            {
                known.insert(without_possessive(word).to_string());
            }
        }
    }
    let bare = Context {
        known: known.clone(),
        ..Context::default()
    };
    for sentence in sentences {
        for fact in facts(sentence, &bare) {
            let text = &sentence.text[fact.range.clone()];
            if fact.category == Category::Name {
                names
                    .entry(judge::normalise(text))
                    .or_insert_with(|| text.to_string());
            }
            if fact.category == Category::Word && is_abbreviation(text) {
                bare_abbreviations.insert(text.to_string());
            }
            if matches!(fact.category, Category::Name | Category::Word) {
                total += 1;
                // A surname stands for the whole name: `Khrushchev`, `Nikita Khrushchev`.
                let last = text.rsplit(' ').next().unwrap_or(text);
                *mentions.entry(judge::normalise(last)).or_default() += 1;
                *whole.entry(judge::normalise(text)).or_default() += 1;
            }
            for accept in &fact.accept {
                abbreviations.insert(judge::normalise(text), accept.clone());
                abbreviations.insert(judge::normalise(accept), text.to_string());
            }
        }
    }
    // `PRC` where the speech elsewhere says `Postal Rate Commission`: the one name of the
    // document whose initials spell it is its other answer.
    for abbreviation in bare_abbreviations {
        let key = judge::normalise(&abbreviation);
        if abbreviations.contains_key(&key) {
            continue;
        }
        let spelt: Vec<&String> = names
            .iter()
            .filter(|(_, name)| initials(&name.split(' ').collect::<Vec<_>>()) == key)
            .map(|(_, name)| name)
            .collect();
        if let [name] = spelt[..] {
            abbreviations.insert(key, name.clone());
            abbreviations.insert(judge::normalise(name), abbreviation.clone());
        }
    }
    let mut subject: HashSet<String> = judge::normalise(title)
        .split(' ')
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(w))
        .map(str::to_string)
        .collect();
    for (name, count) in mentions {
        if count >= 4 && count * 100 > total * 8 {
            subject.insert(name);
        }
    }
    Context {
        known,
        subject,
        abbreviations,
        has_years,
        title: judge::normalise(title),
        lower,
        frequent: whole
            .into_iter()
            .filter(|(_, count)| *count >= 3)
            .map(|(name, _)| name)
            .collect(),
    }
}
