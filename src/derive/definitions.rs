//! Definitions → `What is … called?`: a sentence that defines the document's term asks the
//! term from its definition. An encyclopedia opens so (`In mathematics, a Hermitian matrix
//! (or self-adjoint matrix) is a complex square matrix that is equal to its own conjugate
//! transpose`), and a teacher's first question is the one it answers: `In mathematics, what
//! is a complex square matrix that is equal to its own conjugate transpose called?`. The
//! term is the document's subject, which no cloze gaps, so only this card asks it.
//!
//! A definition is read from the words, without grammar, only where it cannot go wrong: the
//! subject is a term the author emphasised or the document's title, the verb is `is`, `are`,
//! `was` or `were`, and what follows opens with an article (`a`, `an`, `the`, `one of`).
//! The definition ends where the sentence turns to something else: a dash, a colon, a
//! semicolon, `, which`, `, and` or any comma that does not sit between two parts of a
//! place (`Redmond, Washington`). A person is no term: `Charles Hermite was a French
//! mathematician` asks nothing, since `Who was a French mathematician?` has many answers.

use super::facts::{Category, Context, Fact};
use super::sentences::Sentence;
use super::vocabulary::{INSTITUTIONS, THING_HEADS};
use crate::judge;

/// The words of a field before the subject (`In mathematics, `, `In computer science, `).
const MAX_FIELD_WORDS: usize = 4;

/// A definition cut at a comma has at least these words before it.
const MIN_BEFORE_COMMA: usize = 5;

/// A subject longer than this is a clause, not a term.
const MAX_SUBJECT_WORDS: usize = 6;

/// A definition shorter than this says too little to pick out one term, a longer one is a
/// paragraph to read before answering.
const DEFINITION_WORDS: std::ops::RangeInclusive<usize> = 3..=30;

/// A drafted definition question: the term it asks (with the names the sentence gives it
/// beside, as accepted answers) and its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Definition {
    pub(super) term: Fact,
    pub(super) question: String,
}

/// The definition question of `sentence`, when it defines its subject.
pub(super) fn draft(sentence: &Sentence, context: &Context) -> Option<Definition> {
    if sentence.body != 0 || sentence.value || sentence.part {
        return None;
    }
    let text = sentence.text.as_str();
    let (field, start) = field(text);
    let article = ["a ", "an ", "the ", "A ", "An ", "The "]
        .iter()
        .find(|a| text[start..].starts_with(**a))
        .map_or(0, |a| a.len());
    let term_start = start + article;
    let (verb, verb_at) = [" is ", " are ", " was ", " were "]
        .iter()
        .filter_map(|v| text[term_start..].find(v).map(|at| (*v, term_start + at)))
        .min_by_key(|(_, at)| *at)?;
    let (term_end, alternatives) = alternatives(text, term_start, verb_at);
    let term = &text[term_start..term_end];
    let words = term.split_whitespace().count();
    if words == 0
        || words > MAX_SUBJECT_WORDS
        || term.contains([',', ';', ':', '"', '“', '(', ')'])
        || !term.chars().next().is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let emphasised = sentence
        .terms
        .iter()
        .any(|t| t.start == term_start && t.end == term_end);
    let normal = judge::normalise(term);
    let titled = !normal.is_empty()
        && (normal == context.title || singular(&normal) == singular(&context.title));
    if !emphasised && !titled {
        return None;
    }
    if super::names::reads_as_person(&term.split_whitespace().collect::<Vec<_>>()) {
        return None;
    }
    let rest = &text[verb_at + verb.len()..];
    let definition = definition(rest)?;
    let opener = ["a ", "an ", "the ", "one of "]
        .iter()
        .find(|o| definition.starts_with(**o))?;
    let count = definition.split_whitespace().count();
    if !DEFINITION_WORDS.contains(&count) {
        return None;
    }
    // The definition must not say the term, or its name: `A Hermitian matrix is a
    // Hermitian …` asks nothing (`Microsoft Corporation is a … corporation` may).
    let said = judge::normalise(definition);
    let says = |w: &str| format!(" {said} ").contains(&format!(" {w} "));
    if says(&normal)
        || term
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter(|w| {
                let l = w.to_lowercase();
                !INSTITUTIONS.contains(&l.as_str()) && !THING_HEADS.contains(&l.as_str())
            })
            .any(|w| says(&judge::normalise(w)))
    {
        return None;
    }
    let verb = verb.trim();
    let question = if matches!(*opener, "the " | "one of ") {
        format!("{field}what {verb} {definition}?")
    } else if definition.contains(", ") {
        format!("{field}what {verb} {definition}, called?")
    } else {
        format!("{field}what {verb} {definition} called?")
    };
    let mut question_chars = question.chars();
    let question = question_chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + question_chars.as_str()
    });
    Some(Definition {
        term: Fact {
            range: term_start..term_end,
            category: Category::Term,
            hide: None,
            accept: alternatives,
            in_speech: false,
        },
        question,
    })
}

/// `In mathematics, ` before the subject: kept in the question, since the definition holds
/// only inside its field. Returns it and where the subject starts.
fn field(text: &str) -> (&str, usize) {
    let Some(rest) = text.strip_prefix("In ") else {
        return ("", 0);
    };
    let Some(comma) = rest.find(", ") else {
        return ("", 0);
    };
    let words = rest[..comma].split_whitespace().count();
    let lower = rest[..comma].chars().next().is_some_and(char::is_lowercase);
    if words == 0 || words > MAX_FIELD_WORDS || !lower {
        return ("", 0);
    }
    let end = 3 + comma + 2;
    (&text[..end], end)
}

/// Where the term ends and the other names the sentence gives it between the term and the
/// verb: ` (or self-adjoint matrix)`, ` (also called X)`, ` (FRG)`.
fn alternatives(text: &str, start: usize, verb_at: usize) -> (usize, Vec<String>) {
    let between = &text[start..verb_at];
    let Some(open) = between.find(" (") else {
        return (verb_at, Vec::new());
    };
    let Some(inside) = between[open + 2..].strip_suffix(')') else {
        return (verb_at, Vec::new());
    };
    let abbreviation = super::names::is_abbreviation(inside);
    let named = [
        "or ",
        "also called ",
        "also known as ",
        "also ",
        "formerly ",
    ]
    .iter()
    .find_map(|p| inside.strip_prefix(p));
    // `(pronounced …; often translated as …)`: a note on the term, no other name of it.
    let Some(inside) = named.or(abbreviation.then_some(inside)) else {
        return (start + open, Vec::new());
    };
    let names: Vec<String> = inside
        .split([',', ';'])
        .flat_map(|n| n.split(" or "))
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.split_whitespace().count() <= MAX_SUBJECT_WORDS)
        .map(str::to_string)
        .collect();
    if names.is_empty() || inside.contains(['(', ')']) {
        return (verb_at, Vec::new());
    }
    (start + open, names)
}

/// The definition after the verb, up to where the sentence turns to something else.
fn definition(rest: &str) -> Option<&str> {
    let mut end = rest.trim_end_matches(['.', '!', '?']).len();
    for stop in ["—", " – ", " - ", "; ", ": ", " (", "["] {
        if let Some(at) = rest[..end].find(stop) {
            end = at;
        }
    }
    let mut search = 0;
    while let Some(at) = rest[search..end].find(", ").map(|a| a + search) {
        let before = rest[..at].rsplit(' ').next().unwrap_or_default();
        let after = rest[at + 2..].split(' ').next().unwrap_or_default();
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        // `a free-software community, created in 1998 by members of Netscape`: too
        // short to pick out the term, the phrase after the comma still describes it.
        let short = rest[..at].split_whitespace().count() < MIN_BEFORE_COMMA
            && !matches!(
                after,
                "and" | "or" | "but" | "which" | "who" | "while" | "although"
            );
        if (capital(before) && capital(after)) || short {
            search = at + 2;
            continue;
        }
        end = at;
        break;
    }
    let definition = rest[..end].trim();
    (!definition.is_empty()).then_some(definition)
}

/// `hermitian matrices` → `hermitian matrice`: near enough to compare a plural subject
/// with a singular title.
fn singular(words: &str) -> &str {
    words
        .strip_suffix("es")
        .or_else(|| words.strip_suffix('s'))
        .unwrap_or(words)
}

/// The question, term and accepted answers drafted for `text`, for tests.
#[cfg(test)]
fn asked(text: &str, emphasised: &[&str], title: &str) -> Option<(String, String, Vec<String>)> {
    let sentence = Sentence {
        text: text.to_string(),
        terms: emphasised
            .iter()
            .filter_map(|e| text.find(e).map(|at| at..at + e.len()))
            .collect(),
        ..Sentence::default()
    };
    let context = Context {
        title: judge::normalise(title),
        ..Context::default()
    };
    draft(&sentence, &context).map(|d| {
        (
            d.question,
            text[d.term.range.clone()].to_string(),
            d.term.accept,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::asked;

    #[test]
    fn an_encyclopedia_s_first_sentence_asks_its_term() {
        let text = "In mathematics, a Hermitian matrix (or self-adjoint matrix) is a complex square matrix that is equal to its own conjugate transpose.";
        assert_eq!(
            asked(text, &["Hermitian matrix"], "Hermitian matrix"),
            Some((
                "In mathematics, what is a complex square matrix that is equal to its own conjugate transpose called?".to_string(),
                "Hermitian matrix".to_string(),
                vec!["self-adjoint matrix".to_string()]
            ))
        );
    }

    #[test]
    fn the_definition_ends_where_the_sentence_turns() {
        assert_eq!(
            asked(
                "Therapsida is a group of the most advanced synapsids, and include the ancestors of mammals.",
                &[],
                "Therapsida"
            )
            .map(|a| a.0),
            Some("What is a group of the most advanced synapsids called?".to_string())
        );
        assert_eq!(
            asked(
                "Microsoft Corporation is an American multinational technology corporation headquartered in Redmond, Washington, and it sells software.",
                &["Microsoft Corporation"],
                "Microsoft"
            )
            .map(|a| a.0),
            Some(
                "What is an American multinational technology corporation headquartered in Redmond, Washington, called?"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_short_definition_goes_on_past_its_comma() {
        assert_eq!(
            asked(
                "Mozilla is a free-software community, created in 1998 by members of Netscape.",
                &[],
                "Mozilla"
            ),
            Some((
                "What is a free-software community, created in 1998 by members of Netscape, called?"
                    .to_string(),
                "Mozilla".to_string(),
                Vec::new()
            ))
        );
    }

    #[test]
    fn a_note_in_brackets_is_no_other_name() {
        assert_eq!(
            asked(
                "Aotearoa (pronounced /ˌaʊtɛəˈroʊ.ə/; often translated as \"land of the long white cloud\") is the current Māori name for New Zealand.",
                &["Aotearoa"],
                "New Zealand"
            ),
            Some((
                "What is the current Māori name for New Zealand?".to_string(),
                "Aotearoa".to_string(),
                Vec::new()
            ))
        );
        assert_eq!(
            asked(
                "The Federal Republic of Germany (FRG) was a state in western Europe from 1949 to 1990.",
                &[],
                "Federal Republic of Germany"
            )
            .map(|a| a.2),
            Some(vec!["FRG".to_string()])
        );
    }

    #[test]
    fn only_a_term_of_the_document_is_asked_so() {
        // Not emphasised and not the title: any sentence of this shape would be asked.
        assert_eq!(
            asked(
                "The river is a long one in the north of the country.",
                &[],
                "Rivers of Europe"
            ),
            None
        );
        // An adjective after the verb is no definition.
        assert_eq!(
            asked(
                "Hermitian matrices are fundamental to the quantum theory of matrix mechanics.",
                &[],
                "Hermitian matrix"
            ),
            None
        );
        // A person.
        assert_eq!(
            asked(
                "Charles Hermite was a French mathematician of the nineteenth century.",
                &["Charles Hermite"],
                "Charles Hermite"
            ),
            None
        );
        // A definition that says its term.
        assert_eq!(
            asked(
                "A Hermitian matrix is a Hermitian form written as a table.",
                &["Hermitian matrix"],
                "Hermitian matrix"
            ),
            None
        );
    }
}
