//! Quotation marks in a sentence: the text inside them (a quoted term such as “Secret
//! Speech” may be a gap), and whether a quote is a term the sentence names or only scare
//! quotes and someone's words, which are not asked (issue 15).

use std::ops::Range;

/// Whether a quoted phrase reads as scare quotes rather than a term: in lower case, and
/// opening with an article or one plural or past form (`complaints`, `resolved`).
///
/// So is a piece of someone's words: one opening on a preposition (`"in honour of the
/// States General"`), or of three lower-case words or more (`the use of “synthetic related
/// molecules”`); and see [`said`].
pub(super) fn scare_quoted(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() >= 2
        && matches!(
            words[0],
            "in" | "of" | "on" | "at" | "for" | "to" | "with" | "by" | "from"
        )
    {
        return true;
    }
    !inner.chars().any(char::is_uppercase)
        && match words.as_slice() {
            [one] => {
                one.len() > 4 && (one.ends_with('s') && !one.ends_with("ss") || one.ends_with("ed"))
            }
            [first, _, ..] => matches!(*first, "the" | "a" | "an") || words.len() >= 3,
            [] => false,
        }
}

/// Whether the words before a quote introduce it as a term: `called "copyleft"`, `the
/// word "cookie"`, `known as "the Thaw"`.
pub(super) fn names_a_term(before: &str) -> bool {
    matches!(
        word_before(before).as_str(),
        "called"
            | "named"
            | "termed"
            | "dubbed"
            | "nicknamed"
            | "term"
            | "word"
            | "phrase"
            | "as"
            | "means"
            | "meaning"
            | "so-called"
            | "entitled"
            | "titled"
    )
}

/// Whether the words before a quote give it as the title of a work: `a rule entitled
/// "Foreign Participation in the U.S. Telecommunications Market"`. Such a quote is a term
/// however long, where other long quotes are someone's words.
pub(super) fn names_a_title(before: &str) -> bool {
    matches!(
        word_before(before).as_str(),
        "entitled" | "titled" | "called" | "named"
    )
}

/// The word right before a quote's opening mark (and a comma after it), in lower case.
fn word_before(before: &str) -> String {
    before
        .trim_end_matches(['"', '“', '‘', '\'', '«'])
        .trim_end()
        .trim_end_matches(',')
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Byte ranges of the text inside quotation marks, trailing punctuation left outside:
/// “Khrushchev Thaw.” → `Khrushchev Thaw`.
pub(super) fn quoted(text: &str, max_words: usize) -> Vec<Range<usize>> {
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
        if (1..=max_words).contains(&words)
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

/// Whether the text after a quote says whose words it was: `“Sir-2 in humans,” as Sinclair
/// puts it`, `“…,” says Vaupel`. A comma inside the quote alone says nothing (`or "New Sea
/// Land," which`).
pub(super) fn said(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(',') else {
        return false;
    };
    let rest = rest.trim_start_matches(['"', '”', '’', '\'']).trim_start();
    let words: Vec<&str> = rest.split_whitespace().take(5).collect();
    words.first().is_some_and(|w| *w == "as")
        || words.iter().any(|w| {
            matches!(
                w.trim_end_matches([',', '.']),
                "says" | "said" | "puts" | "adds" | "notes" | "recalls" | "insists" | "writes"
            )
        })
}
