//! Text → sentences: how `quiz derive` reads a document before it looks for facts.
//!
//! A UTF-8 byte order mark is dropped, CRLF and lone CR are line ends, tabs and control
//! characters become spaces, runs of spaces become one. Each line is split into sentences
//! at `.`, `!`, `?` or `…` followed by a capital, a digit or a quote, but not after an
//! abbreviation (`Dr.`, `Feb.`, an initial, `U.S.` unless a word such as `The` follows). A
//! line that opens with a short `Label:` keeps the label with its first sentence (it often
//! carries a date), but names are not looked for in it (nor in a Title Case heading, where
//! every word is capitalised anyway). A line labelled `Source:`, `References:` and the like
//! is skipped, and so is a line without a full stop that holds `|`, `·` or `•` (a by-line, a
//! breadcrumb). A sentence needs 4 to 80 words; the same sentence (after normalisation) is
//! used once.

use std::collections::HashSet;
use std::ops::Range;

use super::vocabulary::{ABBREVIATIONS, FUNCTION_WORDS, SKIP_LABELS, is_month_abbreviation};
use crate::judge;

const MIN_WORDS: usize = 4;
const MAX_WORDS: usize = 80;

/// One sentence of the document, spaces collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sentence {
    pub(super) text: String,
    /// Byte offset where the body starts: after a `Label: `, else 0. Names are looked for
    /// only in the body, and its first word is not a name only for being capitalised.
    pub(super) body: usize,
}

/// BOM dropped, every line end `\n`, tabs and control characters spaces.
pub(super) fn clean(text: &str) -> String {
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

pub(super) fn sentences(text: &str) -> Vec<Sentence> {
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

pub(super) fn ends_sentence(line: &str) -> bool {
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

/// Whether the dot after `before`'s last word belongs to an abbreviation.
fn abbreviation(before: &str, next_word: &str) -> bool {
    let word = before
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .trim_start_matches(is_opener);
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) || is_month_abbreviation(&lower) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::tests::seed;

    fn texts(text: &str) -> Vec<String> {
        sentences(&clean(text))
            .into_iter()
            .map(|s| s.text)
            .collect()
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
}
