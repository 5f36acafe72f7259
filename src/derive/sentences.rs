//! Blocks → sentences: how `quiz derive` reads a document's paragraphs before it looks
//! for facts.
//!
//! [`clean`] drops a UTF-8 byte order mark, makes CRLF and lone CR line ends, and tabs and
//! control characters spaces. Each block (see `input`) is split into sentences at `.`, `!`,
//! `?` or `…` followed by a capital, a digit or a quote, but not after an abbreviation
//! (`Dr.`, `Feb.`, an initial, `U.S.` unless a word such as `The` follows). Headings are no
//! sentences. A block that opens with a short `Label:` keeps the label with its first
//! sentence (it often carries a date), but names are not looked for in it; a `Label: value`
//! line whose value is no sentence is a [`Sentence::value`], the value itself the fact. A
//! labelled line of `;`-separated parts is split into its parts, each with the label; a
//! label's parts that are all short bare items (`Main exports: fish; aluminium; …`) are one
//! list, asked as a whole, since any item could fill another's gap. A line labelled
//! `Source:`, `References:` and the like is skipped, and so is a line without a full stop
//! that holds `|`, `·` or `•` (a by-line, a breadcrumb). A label's value that holds several
//! sentences is prose, read as sentences; `Field: sub-field:` is one label. A piece that does
//! not end as a sentence, or leaves a quotation open, is no card (a quotation of several
//! sentences is kept whole with the sentence that opens it). A sentence needs 4 to 80 words;
//! the same sentence (after normalisation) is used once.

use std::collections::HashSet;
use std::ops::Range;

use super::input::{Block, BlockKind};
use super::vocabulary::{ABBREVIATIONS, FUNCTION_WORDS, SKIP_LABELS, is_month_abbreviation};
use super::words::is_month;
use crate::judge;

const MIN_WORDS: usize = 4;
const MAX_WORDS: usize = 80;
/// And no sentence is longer than this (80 words of ordinary length fit well inside), so
/// the fact finder's work per sentence stays bounded whatever the input.
const MAX_BYTES: usize = 2_000;
/// A value (`Capital: Reykjavík`) of more words than this is read as prose.
const MAX_VALUE_WORDS: usize = 10;
/// The parts of a labelled list no longer than this are bare items.
const MAX_ITEM_WORDS: usize = 4;

/// One sentence of the document, spaces collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Sentence {
    pub(super) text: String,
    /// Byte offset where the body starts: after a `Label: `, else 0. Names are looked for
    /// only in the body, and its first word is not a name only for being capitalised.
    pub(super) body: usize,
    /// A `Label: value` line: the value (from `body`) is the fact.
    pub(super) value: bool,
    /// Emphasised ranges: terms the author marked.
    pub(super) terms: Vec<Range<usize>>,
    /// A labelled list of bare items (`Main exports: fish; aluminium`): asked whole.
    pub(super) items: Vec<String>,
    /// One `;`-separated part of a line: its first word is capitalised only if a name.
    pub(super) part: bool,
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

pub(super) fn sentences(blocks: &[Block]) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut keep = |sentence: Sentence, out: &mut Vec<Sentence>| {
        let words = sentence.text.split_whitespace().count();
        let short_ok = sentence.value || !sentence.items.is_empty();
        if (short_ok || words >= MIN_WORDS)
            && words <= MAX_WORDS
            && sentence.text.len() <= MAX_BYTES
            // A formula stood here: what is left of the sentence reads as nothing.
            && !sentence.text.contains(super::input::FORMULA)
            // `That is to say, AA^H = A^H A.`: an equation, its symbols flattened to letters.
            && !sentence.text.contains(" = ")
            && seen.insert(judge::normalise(&sentence.text))
        {
            out.push(sentence);
        }
    };
    // Whether the block before opened a list (`… the following emissions caps:`) whose
    // items go on with `;`: each such item is a sentence of its own, ended with a stop.
    let mut list_open = false;
    for block in blocks {
        let listed = list_open && block.kind == BlockKind::Item;
        let item_end = listed.then(|| list_item_end(&block.text)).flatten();
        list_open = block.text.ends_with(':') || (listed && item_end.is_some());
        let owned;
        let line = match item_end {
            Some(end) => {
                owned = format!("{}.", &block.text[..end]);
                owned.as_str()
            }
            None => block.text.as_str(),
        };
        if block.kind == BlockKind::Heading || line.is_empty() || is_metadata(line) {
            continue;
        }
        // `volcanism: see note 2 under "Geography - note"`: a pointer, no fact.
        if label(line).is_some_and(|end| line[end..].starts_with("see ")) {
            continue;
        }
        let label_end = label(line);
        if let Some(end) = label_end {
            let name = line[..end - 2].to_lowercase();
            if SKIP_LABELS.contains(&name.as_str()) {
                continue;
            }
        }
        // A labelled line of `;`-separated notes is split into its parts; prose joined by
        // semicolons stays whole (its parts would be fragments), its facts gapped in one card.
        // Prose after a label (a fact sheet's `Background:` paragraph) is read as sentences.
        let prose = label_end.is_some_and(|end| split_line(&line[end..]).len() > 1);
        if line.contains("; ") && label_end.is_some() && !prose {
            for part in parts(line, label_end) {
                keep(part, &mut out);
            }
            continue;
        }
        if let Some(end) = label_end {
            let value = &line[end..];
            // `June: the curl site moves to …` is a dated note, not a field and its value.
            let dated = line
                .split_whitespace()
                .next()
                .is_some_and(|w| is_month(w.trim_end_matches(':')));
            if !dated
                && !ends_sentence(value)
                && value.split_whitespace().count() <= MAX_VALUE_WORDS
            {
                keep(
                    Sentence {
                        text: line.to_string(),
                        body: end,
                        value: true,
                        ..Sentence::default()
                    },
                    &mut out,
                );
                continue;
            }
        }
        let mut first = true;
        for range in quotes_whole(line, split_line(line)) {
            let mut range = outside_aside(line, range);
            let mut text = line[range.clone()].to_string();
            // `… is a complex square matrix equal to its own conjugate transpose—that is,
            // the element …:` and a formula: the clause before the dash is the sentence.
            if text.ends_with(':')
                && let Some(dash) = text.find('—')
                && text[..dash].split_whitespace().count() >= MIN_WORDS
            {
                range.end = range.start + dash;
                text = format!("{}.", &line[range.clone()]);
            }
            let body = match label_end {
                Some(end) if first && range.start == 0 && end < text.len() => end,
                _ => 0,
            };
            first = false;
            // A piece that does not end as a sentence (page furniture, a caption, a line
            // cut short) would be a fragment on a card; a `Label: value` line is no sentence
            // and needs no full stop.
            // Nor one that leaves a quotation open: the quote goes on in the next sentence.
            let open_quote = text.matches('"').count() % 2 == 1
                || text.matches('“').count() != text.matches('”').count();
            if (!ends_sentence(&text) && body == 0)
                || open_quote
                || verbless_note(&text, body)
                || statute_heading(&text, body)
            {
                continue;
            }
            // Emphasis over most of a sentence styles a passage (an italic caption or
            // closing note, cut by its links into pieces): none of its pieces is a term.
            // Half is not most: an encyclopedia's lead bolds its terms and links its
            // concepts, a good half of its words.
            let emphasised: usize = block
                .terms
                .iter()
                .map(|t| {
                    t.end
                        .min(range.end)
                        .saturating_sub(t.start.max(range.start))
                })
                .sum();
            let terms = if emphasised * 4 > range.len() * 3 {
                Vec::new()
            } else {
                block
                    .terms
                    .iter()
                    .filter(|t| t.start >= range.start && t.end <= range.end)
                    .map(|t| t.start - range.start..t.end - range.start)
                    .collect()
            };
            keep(
                Sentence {
                    text,
                    body,
                    terms,
                    ..Sentence::default()
                },
                &mut out,
            );
        }
    }
    out
}

/// Where a list item that goes on into the next (`…below 1997 levels;`, `…levels; and`)
/// ends without its joining punctuation, if it is one.
fn list_item_end(text: &str) -> Option<usize> {
    let trimmed = [" and", " or"]
        .iter()
        .find_map(|tail| text.strip_suffix(tail))
        .unwrap_or(text);
    let body = trimmed.strip_suffix([';', ','])?.trim_end();
    (!body.is_empty()).then_some(body.len())
}

/// The parts of a `;`-separated line, each with the line's label.
fn parts(line: &str, label_end: Option<usize>) -> Vec<Sentence> {
    let body = label_end.unwrap_or(0);
    let label = &line[..body];
    let pieces: Vec<&str> = outside_brackets(&line[body..])
        .into_iter()
        .map(|p| p.trim().trim_end_matches(['.', ';']).trim())
        // `see note 2 under "Geography - note"`: a pointer, no fact.
        .filter(|p| !p.is_empty() && !p.starts_with("see "))
        .collect();
    // A bare item is a thing alone (`aluminium`, `Bergen`), not a name with what sets it
    // apart (`Greenland to the west`), which a gap can ask.
    let bare = |p: &&str| {
        let capitals = p
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count();
        let words = p.split_whitespace().count();
        words <= MAX_ITEM_WORDS
            && !p.contains(|c: char| c.is_ascii_digit())
            && (capitals == 0 || capitals == words)
    };
    if label_end.is_some() && pieces.len() >= 2 && pieces.iter().all(bare) {
        return vec![Sentence {
            text: line.trim_end_matches(['.', ';']).to_string(),
            body,
            items: pieces.iter().map(|p| (*p).to_string()).collect(),
            ..Sentence::default()
        }];
    }
    pieces
        .into_iter()
        .map(|piece| {
            let text = format!("{label}{piece}");
            Sentence {
                text,
                body,
                part: true,
                ..Sentence::default()
            }
        })
        .collect()
}

/// A sentence's range without the bracket of an aside of several sentences it opens or
/// closes: `(Unrelated to this project a company … on May 18 1998.` stands alone without
/// its `(`, and `All this was revealed to us much later.)` without its `)`.
fn outside_aside(line: &str, range: Range<usize>) -> Range<usize> {
    let text = &line[range.clone()];
    let opens = text.matches('(').count();
    let closes = text.matches(')').count();
    if text.starts_with('(') && opens > closes {
        let inner = &text[1..];
        return range.start + 1 + (inner.len() - inner.trim_start().len())..range.end;
    }
    if closes > opens
        && let Some(stripped) = text.strip_suffix(')')
        && ends_sentence(stripped)
    {
        return range.start..range.end - 1;
    }
    range
}

/// Sentences joined while a quotation they open is still open, so a quote of several
/// sentences stays with the one that introduces it (its words are never gapped).
fn quotes_whole(line: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let open = |text: &str| {
        text.matches('"').count() % 2 == 1 || text.matches('“').count() > text.matches('”').count()
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut joining = false;
    for range in ranges {
        match out.last_mut() {
            Some(last) if joining => last.end = range.end,
            _ => out.push(range),
        }
        joining = out.last().is_some_and(|r| open(&line[r.clone()]));
    }
    out
}

/// `text` split at each `; ` that no bracket encloses: `UTC+12 (45 minutes ahead; UTC+12:45)`
/// is one part.
fn outside_brackets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 && text[i + 1..].starts_with(' ') => {
                out.push(&text[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    out.push(&text[start.min(text.len())..]);
    out
}

/// A history's short note of a figure with no verb (`15000 lines of code.`, `Almost 20000
/// lines of code.`): what it counts is
/// nobody's to recall from the card, so it is no card. A labelled note keeps its label as
/// what it is about (`May: first Debian package.`).
fn verbless_note(text: &str, body: usize) -> bool {
    const VERBS: [&str; 32] = [
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
        "does", "did", "will", "would", "can", "could", "may", "might", "must", "shall", "should",
        "gets", "got", "get", "makes", "made", "goes", "went", "takes", "took",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let figure = |w: &String| w.chars().next().is_some_and(|c| c.is_ascii_digit());
    let counted = match words.as_slice() {
        [first, ..] if figure(first) => true,
        [hedge, second, ..] => {
            matches!(
                hedge.as_str(),
                "almost" | "about" | "over" | "nearly" | "some" | "roughly" | "around"
            ) && figure(second)
        }
        _ => false,
    };
    body == 0
        && counted
        && words.len() <= 6
        && !words
            .iter()
            .any(|w| VERBS.contains(&w.as_str()) || w.ends_with("ed") || w.ends_with("'s"))
}

/// A heading that names a law and its place in the code (`Administrative Procedure Act, 5
/// U.S.C. §§ 551 et seq.`): its dot is the abbreviation's, it says nothing, so it is no card.
fn statute_heading(text: &str, body: usize) -> bool {
    body == 0
        && (text.contains('§') || text.contains("U.S.C."))
        && text
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_lowercase))
            .all(|w| {
                matches!(
                    w.trim_end_matches(['.', ',']),
                    "et" | "seq" | "and" | "of" | "the" | "to"
                )
            })
}

/// Whether a wrapped line's last dot is an abbreviation the next line goes on from:
/// `Executive Order No.` over `12866.`, `Nov.` over `13, 2002`, `U.S.` over `Department of
/// Housing`. Other dotted letters at a line's end still end it: a hard-wrapped paragraph
/// often ends at one, and the next opens a new paragraph.
pub(super) fn wraps_at_abbreviation(line: &str, next: &str) -> bool {
    let Some(before) = line.strip_suffix('.') else {
        return false;
    };
    let last = before.rsplit(' ').next().unwrap_or_default();
    let first = next.split(' ').next().unwrap_or_default();
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return abbreviates_before_number(&last.to_lowercase());
    }
    // A given name's initial (`Senators James M.` over `Jeffords (VT) and …`): a sentence
    // seldom ends at one letter after a capitalised word, and the next line goes on with
    // a name, not a word that opens sentences.
    let given = before
        .strip_suffix(last)
        .unwrap_or_default()
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or_default();
    let initial = last.chars().count() == 1
        && last.chars().all(|c| c.is_ascii_uppercase())
        && given.chars().count() >= 2
        && given.starts_with(char::is_uppercase)
        && given.chars().all(char::is_alphabetic)
        && first.starts_with(char::is_uppercase)
        && !FUNCTION_WORDS.contains(
            &first
                .to_lowercase()
                .trim_end_matches(|c: char| !c.is_alphabetic()),
        );
    if initial {
        return true;
    }
    let dotted = last.contains('.')
        && last
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    dotted
        && super::vocabulary::INSTITUTIONS.contains(
            &first
                .to_lowercase()
                .trim_end_matches(',')
                .trim_end_matches('s'),
        )
}

pub(in crate::derive) fn ends_sentence(line: &str) -> bool {
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
    let end = ((first.is_uppercase() || first.is_ascii_digit())
        && (1..=6).contains(&words)
        && label.chars().count() <= 60
        && !label.contains(['.', '!', '?', '…', '"', '“', '”']))
    .then_some(colon + 2)?;
    // A fact sheet's field with its sub-field (`Area: total: 268,838 sq km`): both label.
    Some(end + sub_label(&line[end..]).unwrap_or(0))
}

/// The length of a short lower-case `sub-label: ` opening `value`, if one does.
fn sub_label(value: &str) -> Option<usize> {
    let colon = value.find(": ")?;
    let label = &value[..colon];
    let words = label.split_whitespace().count();
    ((1..=4).contains(&words)
        && label.starts_with(char::is_lowercase)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '(' | ')' | '/')))
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
                && !(c == '.'
                    && j == i + 1
                    && (abbreviation(&line[start..pos], next_word)
                        || before_initial(&line[start..pos], &line[chars[j + 1].0..])))
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

/// `Evo. A. DeConcini Federal Courthouse`: a capitalised word's dot before an initial and
/// a capitalised word is inside a name (a sentence seldom opens with an initial).
fn before_initial(before: &str, rest: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or_default();
    let mut words = rest.split(' ');
    let initial = words.next().unwrap_or_default();
    let after = words.next().unwrap_or_default();
    word.starts_with(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && initial.len() == 2
        && initial.starts_with(|c: char| c.is_ascii_uppercase())
        && initial.ends_with('.')
        && after.starts_with(char::is_uppercase)
        && !FUNCTION_WORDS.contains(&after.to_lowercase().as_str())
}

/// Whether `lower` (a word in lower case, its dot gone) is an abbreviation that a number
/// goes on from: a month's (`Nov. 13`, even glued to a dateline's `(BUSINESS WIRE)-Nov.`)
/// or a number's (`No. 12866`, `Nos. 4 and 5`). One rule for a sentence's dot and for a
/// wrapped line's.
fn abbreviates_before_number(lower: &str) -> bool {
    let tail = lower
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    is_month_abbreviation(tail) || matches!(lower, "no" | "nos")
}

/// Whether the dot after `before`'s last word belongs to an abbreviation.
fn abbreviation(before: &str, next_word: &str) -> bool {
    let word = before
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .trim_start_matches(is_opener);
    let lower = word.to_lowercase();
    let dated =
        next_word.starts_with(|c: char| c.is_ascii_digit()) && abbreviates_before_number(&lower);
    if ABBREVIATIONS.contains(&lower.as_str()) || is_month_abbreviation(&lower) || dated {
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
    use crate::derive::input::{Format, blocks};
    use crate::derive::tests::seed;

    fn texts(text: &str) -> Vec<String> {
        sentences(&blocks(&clean(text), Format::Text))
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn emphasis_over_most_of_a_sentence_marks_no_term() {
        let text = "_To celebrate, the_ [_Gopher Academy_](http://x.org) _will publish a series of articles. Be sure to check out_ [_their blog_](http://x.org) _for more Go action._\n\nIt happens in the **chloroplasts** of plant cells.\n";
        let all = sentences(&blocks(text, Format::Markdown));
        let terms: Vec<Vec<&str>> = all
            .iter()
            .map(|s| s.terms.iter().map(|t| &s.text[t.clone()]).collect())
            .collect();
        assert_eq!(terms, [vec![], vec![], vec!["chloroplasts"]]);
    }

    #[test]
    fn asides_figures_without_verbs_and_dated_notes() {
        assert_eq!(
            texts(
                "(Unrelated to this, a company registered the name on May 18 1998. All this was revealed to us much later.)\n\nSeptember: Released curl 6.0. 15000 lines of code.\n\nAlmost 20000 lines of code.\n\nJune: the curl site moves to a new host"
            ),
            [
                "Unrelated to this, a company registered the name on May 18 1998.",
                "All this was revealed to us much later.",
                "September: Released curl 6.0.",
                "June: the curl site moves to a new host",
            ],
            "an aside's bracket is left off its sentences; a figure with no verb is no sentence"
        );
    }

    #[test]
    fn a_wrapped_line_goes_on_after_no_nov_and_us_and_statute_headings_are_no_cards() {
        assert_eq!(
            texts(
                "The rule is not subject to the review requirements of Executive Order No.\n12866.\nIt was\npublished in the Federal Register on December 9, 1997.\n"
            ),
            [
                "The rule is not subject to the review requirements of Executive Order No. 12866.",
                "It was published in the Federal Register on December 9, 1997."
            ]
        );
        assert!(wraps_at_abbreviation(
            "City of Detroit, Wayne County, U.S.",
            "Department of Housing"
        ));
        assert!(!wraps_at_abbreviation(
            "one of the largest of its kind in the U.S.",
            "With a staff"
        ));
        assert_eq!(
            texts(
                "In response to a May 17, 2001 request from Senators James M.\nJeffords (VT) and Joseph I. Lieberman (CT), this report describes\nthe results.\n"
            ),
            [
                "In response to a May 17, 2001 request from Senators James M. Jeffords (VT) and Joseph I. Lieberman (CT), this report describes the results."
            ]
        );
        // A letter after a word that opens no name, or before one that opens sentences, ends.
        assert!(!wraps_at_abbreviation(
            "They chose Plan B.",
            "The plan worked"
        ));
        assert!(!wraps_at_abbreviation("rich in vitamin C.", "Oranges are"));
        assert!(statute_heading(
            "Administrative Procedure Act, 5 U.S.C. §§ 551 et seq.",
            0
        ));
        assert!(!statute_heading(
            "The rule was issued under 5 U.S.C. § 553.",
            0
        ));
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
        assert_eq!(all.len(), 23, "the headline is the title, not a sentence");
        assert_eq!(
            all[0],
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
        let labelled = sentences(&blocks(&clean(&seed()), Format::Text))
            .into_iter()
            .find(|s| s.text.starts_with("Stalin’s Rule"))
            .unwrap();
        assert_eq!(&labelled.text[labelled.body..labelled.body + 6], "Joseph");
    }

    #[test]
    fn list_items_going_on_with_semicolons_after_a_colon_are_sentences() {
        assert_eq!(
            texts(
                "A Title\n\nIn their request, the Senators asked for the following emissions caps in the US electric power sector by the year 2007:\n\n- Reduce nitrogen oxides (NOx) emissions to 75 percent below 1997 levels;\n- Reduce mercury (Hg) emissions to 90 percent below 1999 levels; and\n- Reduce carbon dioxide (CO2) emissions to 1990 levels.\n\nA list of parts follows;\n- Not a sentence; and\n"
            ),
            [
                "Reduce nitrogen oxides (NOx) emissions to 75 percent below 1997 levels.",
                "Reduce mercury (Hg) emissions to 90 percent below 1999 levels.",
                "Reduce carbon dioxide (CO2) emissions to 1990 levels.",
            ]
        );
    }

    #[test]
    fn label_values_and_semicolon_lines() {
        let all = sentences(&blocks(
            &clean(
                "Fact sheet\n\nCapital: Reykjavík\nMain exports: fish; aluminium; tourism services\nNeighbours: Greenland to the west; Norway to the east\n",
            ),
            Format::Text,
        ));
        let shown: Vec<(&str, bool, usize, bool)> = all
            .iter()
            .map(|s| (s.text.as_str(), s.value, s.items.len(), s.part))
            .collect();
        assert_eq!(
            shown,
            [
                ("Capital: Reykjavík", true, 0, false),
                (
                    "Main exports: fish; aluminium; tourism services",
                    false,
                    3,
                    false
                ),
                ("Neighbours: Greenland to the west", false, 0, true),
                ("Neighbours: Norway to the east", false, 0, true),
            ]
        );
    }
}
