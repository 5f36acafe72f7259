//! Document → blocks: the paragraphs, headings and list items of a document as it comes,
//! before it is read as sentences.
//!
//! Learners bring plain text (often copied out of a PDF, one hard-wrapped line at a time),
//! Markdown notes and saved web pages. Whatever the format, citation marks (`[5]`,
//! `[citation needed]`) go first, so they never become gaps; then each format is reduced to
//! blocks of one paragraph each, spaces collapsed. Plain text is rebuilt: a blank line ends a
//! paragraph, a line that does not end a sentence joins the next (`recon-` + `struction` →
//! `reconstruction`), and a short line that does not end a sentence (a heading, a by-line, a
//! `Label: value` line) stands alone; a fact sheet's field heading lends its label to the
//! sub-field lines under it, and footnote numbers glued to punctuation go. Markdown is read
//! with pulldown-cmark (code blocks skipped, emphasis kept as terms); HTML with the html5gum
//! tokenizer, keeping the article (scripts, styles, navigation, headers, footers, asides and
//! the `<div>`s marked as furniture by `id`, `class` or `role` dropped).

use std::ops::Range;

use super::sentences::{ends_sentence, wraps_at_abbreviation};
use super::words::title_case;

mod markup;

pub(super) use markup::FORMULA;

/// How the document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// A heading: the deck's title and its subject, never a card.
    Heading,
    Paragraph,
    /// A list item, or a line that stands alone (`Capital: Reykjavík`).
    Item,
}

/// One paragraph, heading or item; spaces collapsed, no line breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub(super) text: String,
    pub(super) kind: BlockKind,
    /// Byte ranges the author emphasised (`**glucose**`, `<em>`): terms worth asking.
    pub(super) terms: Vec<Range<usize>>,
}

/// The format a file name says, else the one its content shows.
pub(crate) fn detect(file_name: &str, text: &str) -> Format {
    let lower = file_name.to_lowercase();
    let extension = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "md" | "markdown" | "mdown" | "mkd" => return Format::Markdown,
        "html" | "htm" | "xhtml" => return Format::Html,
        "txt" | "text" => return Format::Text,
        _ => {}
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || ["<body", "<p>", "<div", "<article"]
            .iter()
            .any(|t| head.contains(t))
    {
        return Format::Html;
    }
    let markdown_lines = text
        .lines()
        .take(200)
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```")
        })
        .count();
    if markdown_lines > 0 || (text.contains("](") && text.contains("**")) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// The blocks of `text` (already cleaned of control characters) read as `format`.
pub(super) fn blocks(text: &str, format: Format) -> Vec<Block> {
    let text = strip_citations(text);
    let blocks = match format {
        Format::Text => plain(&strip_footnote_marks(&without_footnote_bodies(&text))),
        Format::Markdown => markup::markdown(&text),
        Format::Html => markup::html(&text),
    };
    without_back_matter(blocks.into_iter().filter(|b| !b.text.is_empty()).collect())
}

/// Headings of the sections after an article's text: whom it cites and where to read on.
const BACK_MATTER: [&str; 9] = [
    "references",
    "notes",
    "footnotes",
    "bibliography",
    "further reading",
    "external links",
    "see also",
    "sources",
    "related gao products",
];

/// The blocks without the back matter: from a `References` or `External links` heading
/// to the next heading, its list of citations and links is no text to ask from.
fn without_back_matter(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut skipping = false;
    for block in blocks {
        if block.kind == BlockKind::Heading {
            let name = block
                .text
                .trim()
                .trim_end_matches("[edit]")
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            // Only after the text: a page of `Notes` is the notes themselves.
            let after_text = out.iter().any(|b: &Block| b.kind != BlockKind::Heading);
            skipping = after_text && BACK_MATTER.contains(&name.as_str());
            if skipping {
                continue;
            }
        }
        if !skipping {
            out.push(block);
        }
    }
    out
}

/// Words that may stand inside a citation mark: `[citation needed]`, `[note 3]`, `[who?]`.
const CITATION_WORDS: [&str; 9] = [
    "citation needed",
    "clarification needed",
    "better source needed",
    "page needed",
    "dubious",
    "who?",
    "when?",
    "which?",
    "by whom?",
];

/// `[5]`, `[12–14]`, `[a]`, `[note 3]`, `[citation needed]` removed; a Markdown link
/// (`[5](url)`) or reference (`[5]: url`) kept.
pub(super) fn strip_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // Only a short mark is looked for, so a text of `[` stays linear.
        let close = after
            .char_indices()
            .take(41)
            .find(|&(_, c)| c == ']')
            .map(|(i, _)| i);
        let Some(close) = close else {
            out.push('[');
            rest = after;
            continue;
        };
        let inner = after[..close].trim().to_lowercase();
        let next = after[close + 1..].chars().next();
        let is_mark = (!inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '–' | '-' | ',' | ' ')))
            || (inner.chars().count() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()))
            || inner
                .strip_prefix("note ")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_alphanumeric()))
            || CITATION_WORDS.contains(&inner.as_str());
        let pages = page_numbers(&after[close + 1..]);
        if is_mark && pages > 0 {
            rest = &after[close + 1 + pages..];
        } else if is_mark && !matches!(next, Some('(' | ':')) {
            rest = &after[close + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The length of the page numbers a citation mark may carry (`[14]: 108, 112–114`,
/// `[25]:210`), or 0: a colon, then numbers and ranges joined by commas. A Markdown
/// reference (`[5]: https://…`) has no number after its colon, so it stays.
fn page_numbers(text: &str) -> usize {
    let Some(after) = text.strip_prefix(':') else {
        return 0;
    };
    let space = |c: char| c == ' ' || c == '\u{200a}' || c == '\u{2009}';
    let mut at = 1 + (after.len() - after.trim_start_matches(space).len());
    let mut end = 0;
    loop {
        let rest = &text[at..];
        let number = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '–' | '-')))
            .unwrap_or(rest.len());
        if number == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        at += number;
        end = at;
        let rest = &text[at..];
        let Some(more) = rest.strip_prefix(',') else {
            break;
        };
        let more_trimmed = more.trim_start_matches(space);
        if !more_trimmed.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        at += 1 + (more.len() - more_trimmed.len());
    }
    // The numbers end the mark only where a word or the line ends, not inside a figure.
    let tail = text[end..].trim_start_matches(space);
    if end > 0
        && (tail.is_empty() || text[end..].starts_with(space) || tail.starts_with(['.', ',', ';']))
    {
        end
    } else {
        0
    }
}

/// A text copied out of a PDF keeps each footnote's text at the foot of its page, a line
/// opening with its number (`1 See "Related GAO Products" at the end of this testimony.`,
/// `2 U.S. General Accounting Office, …` and its wrapped lines up to the full stop): left
/// out when the text above marks that number (`issues1`, `strategy.2`) and the line is
/// inside a run of lines, as a numbered list's first line (after a blank line or a `:`)
/// is not.
fn without_footnote_bodies(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let marked = |number: &str, before: usize| {
        lines[..before].iter().any(|line| {
            line.match_indices(number).any(|(at, _)| {
                let glued = line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphabetic() || matches!(c, '.' | ',' | ')' | ';'));
                let after = line[at + number.len()..].chars().next();
                glued
                    && after.is_none_or(|c| c == ' ' || c == ',')
                    && !line[..at].ends_with(|c: char| c.is_ascii_digit())
            })
        })
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number: String = line.chars().take_while(char::is_ascii_digit).collect();
        let body = (1..=2).contains(&number.len())
            && line[number.len()..].starts_with(' ')
            && line[number.len() + 1..].starts_with(char::is_uppercase)
            && marked(&number, i)
            // A footnote sits inside the page's run of lines; a list's line follows a
            // blank line or its `:`.
            && i > 0
            && !lines[i - 1].trim().is_empty()
            && !lines[i - 1].trim_end().ends_with(':');
        if body {
            // The footnote runs on to the line that ends it.
            while i < lines.len() && !lines[i].trim_end().ends_with(['.', ')']) {
                i += 1;
            }
            i += 1;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

/// A text copied out of a PDF keeps its footnote numbers glued to the punctuation they
/// follow (`can be identified.1 Research`, `dependence.3`, `63%),5 a`, `ED.7,8 An`): they are
/// removed like citation marks. A number glued to a word (`IV2`, `H2O`) is left alone, and so
/// is one after a digit (`2.1`, `1,000`); but a Roman numeral of two letters or more takes
/// no digits (`DSM III-R, IV2 and` is edition IV and footnote 2).
fn strip_footnote_marks(text: &str) -> String {
    let text = strip_roman_footnotes(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        let after_mark = matches!(c, '.' | ',' | ')' | ';')
            && i >= 2
            && (chars[i - 2].is_alphabetic() || matches!(chars[i - 2], ')' | '%' | '"' | '”'));
        if !after_mark {
            continue;
        }
        // Footnote numbers: one or two digits, maybe a list (`7,8`, `12-14`).
        let mut j = i;
        let mut digits = 0;
        while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], ',' | '-')) {
            if chars[j].is_ascii_digit() {
                digits += 1;
            } else if !chars.get(j + 1).is_some_and(char::is_ascii_digit) {
                break;
            }
            j += 1;
        }
        let run = j - i;
        let ends = chars.get(j).is_none_or(|&n| n == ' ' || n == '\n');
        // After a comma or a bracket the next word goes on in lower case; after a full
        // stop a sentence starts (or the line ends).
        let next_word = chars[j..].iter().skip(1).find(|c| !c.is_whitespace());
        let fits = match c {
            '.' | ';' => next_word.is_none_or(|n| n.is_uppercase() || chars.get(j) == Some(&'\n')),
            _ => next_word.is_some_and(|n| n.is_lowercase()),
        };
        if run > 0
            && digits <= 4
            && chars[i].is_ascii_digit()
            && ends
            && fits
            && chars[i..j].iter().filter(|d| d.is_ascii_digit()).count() <= 4
            && chars[i..j]
                .split(|d| !d.is_ascii_digit())
                .all(|n| n.len() <= 2)
        {
            i = j;
        }
    }
    out
}

/// `IV2` → `IV`: one or two digits glued to a Roman numeral (`I`, `V`, `X` only, so `MP3`
/// and `MI5` stay) are a footnote mark.
fn strip_roman_footnotes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let at_word = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(';
        let roman = chars[i..]
            .iter()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .count();
        if at_word && roman >= 2 {
            let digits = chars[i + roman..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let ends = chars
                .get(i + roman + digits)
                .is_none_or(|c| !c.is_alphanumeric());
            out.extend(&chars[i..i + roman]);
            i += roman;
            if (1..=2).contains(&digits) && ends {
                i += digits;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

pub(super) fn collapse(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_item_line(line: &str) -> bool {
    let marker = line.split(' ').next().unwrap_or_default();
    matches!(marker, "-" | "*" | "•" | "–" | "·")
        || (marker.len() <= 3
            && marker.ends_with(['.', ')'])
            && marker[..marker.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit()))
}

/// Whether a line opens with a short `Label: ` (a fact sheet's lines, each its own).
fn labelled(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(label, _)| {
        label.starts_with(char::is_uppercase)
            && label.split(' ').count() <= 4
            && !label.contains(['.', ',', ';'])
    })
}

/// A fact sheet's field heading standing alone on its line (`Area:`, `Ethnic groups:`),
/// its label returned: its value is on the lines under it.
fn field_heading(line: &str) -> Option<&str> {
    let label = line.strip_suffix(':')?;
    (label.starts_with(char::is_uppercase)
        && (1..=6).contains(&label.split_whitespace().count())
        && !label.contains(['.', ',', ';', ':', '!', '?']))
    .then_some(label)
}

/// A field's sub-field line (`total: 268,838 sq km`, `note: based on the 2018 census`).
fn sub_field(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(label, _)| {
        label.starts_with(char::is_lowercase)
            && (1..=4).contains(&label.split_whitespace().count())
            && label
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '(' | ')' | '/'))
    })
}

/// A line that opens a fact sheet's field: a capitalised label of up to six words.
fn field_line(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(label, _)| {
        label.starts_with(char::is_uppercase)
            && label.split_whitespace().count() <= 6
            && !label.contains(['.', ',', ';'])
    })
}

/// A fact sheet's fields, as the World Factbook prints them, each line standing alone with
/// its field's label: `Area:` over `total: 268,838 sq km` is `Area: total: 268,838 sq km`,
/// a sub-field under `Natural hazards: …` is `Natural hazards: volcanism: …`. Other lines
/// are left as they are.
fn fields(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    // The field above, and whether its value is all on the lines under it.
    let mut field: Option<(String, bool)> = None;
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).map_or("", String::as_str);
        let after = lines.get(i + 2).map_or("", String::as_str);
        // `Members of the Subcommittee:` over hard-wrapped prose (a line that stops short
        // of a sentence's end, the next going on in lower case) is a salutation.
        let prose = !next.trim_end().ends_with(['.', '!', '?', ':'])
            && !sub_field(next)
            && !sub_field(after)
            && after.starts_with(char::is_lowercase);
        if line.is_empty() {
            field = None;
        } else if let Some(label) = field_heading(line)
            && (sub_field(next) || next.starts_with(char::is_uppercase))
            && !prose
        {
            field = Some((label.to_string(), true));
            continue;
        } else if let Some((label, heading)) = &field
            && (sub_field(line) || (*heading && !field_line(line)))
        {
            // Each stands alone: a blank line before and after it.
            out.push(String::new());
            out.push(format!("{label}: {line}"));
            out.push(String::new());
            continue;
        } else if field_line(line) {
            let label = line.split_once(": ").map_or("", |(l, _)| l);
            field = Some((label.to_string(), false));
        } else if field.as_ref().is_some_and(|(_, heading)| *heading) {
            field = None;
        }
        out.push(line.clone());
    }
    out
}

/// The lines (collapsed) that open a paragraph by their indent, in a text whose paragraphs
/// open that way (a typewritten release: eight spaces, then the lines under it flush left).
/// Such a line goes on into the next even when it reads like a headline (`Dr. John H.
/// Gibbons, Director, Office of Science and Technology` over `Policy, outlined …`). A line
/// of capitals is left out: a centred headline is indented too.
fn indented_openers(text: &str) -> Vec<String> {
    let raw: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let openers: Vec<String> = raw
        .windows(2)
        .filter(|w| {
            indent(w[0]) >= 2
                && !w[0].trim().is_empty()
                && indent(w[1]) == 0
                && !w[1].trim().is_empty()
                && w[0].chars().any(char::is_lowercase)
        })
        .map(|w| collapse(w[0]))
        .collect();
    // One indented line may be a quotation or a stray; the convention takes several.
    if openers.len() >= 2 {
        openers
    } else {
        Vec::new()
    }
}

/// Plain text: paragraphs rebuilt from hard-wrapped lines.
/// The words no sentence or heading ends on.
const DANGLING: [&str; 18] = [
    "the", "a", "an", "of", "to", "and", "or", "that", "for", "with", "by", "from", "at", "on",
    "in", "as", "into", "than",
];

/// Whether a line stops on a word that needs the next (`request that the` / `Postal Rate
/// Commission recommend …`, a page break in a PDF copy).
fn dangles(line: &str) -> bool {
    line.rsplit(' ')
        .next()
        .is_some_and(|last| DANGLING.contains(&last))
}

fn plain(text: &str) -> Vec<Block> {
    let openers = indented_openers(text);
    let lines = fields(text.lines().map(collapse).collect());
    // The wrap width, from the lines that stop mid-sentence (a paragraph left unwrapped on
    // one long line ends its sentence, so it does not count): a line much shorter did not
    // run out of room, so it ends where its author ended it.
    let width = lines
        .iter()
        .filter(|l| !ends_sentence(l))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let short = |line: &str| line.chars().count() * 5 < width * 3;
    // A hard-wrapped text has several lines that stop near that width; in one that is not,
    // a line joins the next only when the next goes on in lower case.
    let near_width = lines
        .iter()
        .filter(|l| !ends_sentence(l) && l.chars().count() * 5 >= width * 4)
        .count();
    let wrapped = near_width >= 2;
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    // A bullet alone on its line (a PDF's `•` over the item's text) makes the lines under
    // it an item.
    let mut bullet = false;
    let flush = |current: &mut Vec<&str>, out: &mut Vec<Block>, bullet: &mut bool| {
        if current.is_empty() {
            return;
        }
        let bulleted = std::mem::take(bullet);
        let mut joined = String::new();
        for line in current.iter() {
            if joined.ends_with('-')
                && joined[..joined.len() - 1].ends_with(char::is_alphabetic)
                && line.starts_with(char::is_lowercase)
            {
                joined.pop();
            } else if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(line);
        }
        let single = current.len() == 1;
        let marked = is_item_line(current[0]);
        let item = marked || bulleted;
        current.clear();
        // The first line of all, standing alone, is the title even with a colon in it.
        let kind = if single && !item && out.is_empty() && !ends_sentence(&joined) {
            BlockKind::Heading
        } else if item || (single && !ends_sentence(&joined) && joined.contains(": ")) {
            BlockKind::Item
        } else if single && !ends_sentence(&joined) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        let text = if marked {
            joined
                .split_once(' ')
                .map_or(String::new(), |(_, rest)| rest.to_string())
        } else {
            joined
        };
        out.push(Block {
            text,
            kind,
            terms: Vec::new(),
        });
    };
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            flush(&mut current, &mut out, &mut bullet);
            continue;
        }
        if is_item_line(line) {
            flush(&mut current, &mut out, &mut bullet);
            if !line.contains(' ') {
                bullet = true;
                continue;
            }
        }
        current.push(line);
        let next = lines.get(i + 1).map_or("", String::as_str);
        let opens = current.len() == 1;
        // A paragraph ends at a blank line, before an item, between two label lines, at a
        // sentence's end, and after a short line unless the next goes on in lower case.
        let ends = next.is_empty()
            || is_item_line(next)
            || (labelled(line) && labelled(next))
            || (ends_sentence(line) && !wraps_at_abbreviation(line, next))
            || ((short(line) || !wrapped)
                && !next.starts_with(char::is_lowercase)
                && !wraps_at_abbreviation(line, next)
                && !dangles(line))
            // A headline (a line of capitals that opens a block) or a by-line stands alone
            // however long; a wrapped line of many names does not open one.
            || (opens
                && title_case(line)
                && !next.starts_with(char::is_lowercase)
                && !openers.iter().any(|o| o == line))
            || line.contains(['|', '·', '•']);
        if ends {
            flush(&mut current, &mut out, &mut bullet);
        }
    }
    flush(&mut current, &mut out, &mut bullet);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, format: Format) -> Vec<(BlockKind, String)> {
        blocks(text, format)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn citation_marks_go_first_but_links_stay() {
        assert_eq!(
            strip_citations(
                "It fell in 1989.[1][12] Few died.[citation needed] See [a] and [5](x) and [note 2]."
            ),
            "It fell in 1989. Few died. See  and [5](x) and ."
        );
        assert_eq!(strip_citations("An [unclosed mark"), "An [unclosed mark");
        // Page numbers after a mark go with it; a Markdown reference's address stays.
        assert_eq!(
            strip_citations("as Altair BASIC.[14]: 108, 112–114 Gates and Allen"),
            "as Altair BASIC. Gates and Allen"
        );
        assert_eq!(
            strip_citations("for MS-DOS,[14]: 242–243, 246 despite"),
            "for MS-DOS, despite"
        );
        assert_eq!(strip_citations("vendor.[25]:210"), "vendor.");
        assert_eq!(
            strip_citations("[5]: https://example.org"),
            "[5]: https://example.org"
        );
        assert_eq!(
            strip_citations("a [Real Words] stay"),
            "a [Real Words] stay"
        );
    }

    #[test]
    fn fact_sheet_fields_and_pdf_footnotes() {
        use BlockKind::*;
        // The World Factbook's layout: a field over its sub-fields.
        let text = "New Zealand\n\nArea:\ntotal: 268,838 sq km\nland: 264,537 sq km\nCoastline: 15,134 km\nNatural hazards: earthquakes are common\nvolcanism: significant volcanism on North Island\n";
        assert_eq!(
            texts(text, Format::Text)[1..],
            [
                (Item, "Area: total: 268,838 sq km".to_string()),
                (Item, "Area: land: 264,537 sq km".to_string()),
                (Item, "Coastline: 15,134 km".to_string()),
                (Item, "Natural hazards: earthquakes are common".to_string()),
                (
                    Item,
                    "Natural hazards: volcanism: significant volcanism on North Island".to_string()
                ),
            ]
        );
        // A PDF copy: footnote numbers glued to the punctuation they follow.
        let text = "Notes\n\nMany patients have alcohol problems, and they can be identified.1 Research\nfollowed (trauma admissions, 63%),5 a test performs well in 2.1 cases of 1,000. It follows DSM IV2 and MP3 files.\n";
        assert_eq!(
            texts(text, Format::Text)[1].1,
            "Many patients have alcohol problems, and they can be identified. Research followed (trauma admissions, 63%), a test performs well in 2.1 cases of 1,000. It follows DSM IV and MP3 files."
        );
    }

    #[test]
    fn a_pdf_copy_s_footnote_bodies_are_left_out() {
        let text = "Notes\n\nWe drew on our previous work on preparedness\nissues1, as well as a review of the act.\n1 See \"Related GAO Products\" at the end of this testimony.\nCongress should act on the strategy.2 Based on our work, GAO believes it.\n2 U.S. General Accounting Office, Homeland Security: Proposal\nfor Cabinet Agency Has Merit (Washington, D.C.: June 25, 2002).\n\nSteps to follow:\n\n1 Open the form in 2002.\n";
        let all: Vec<String> = texts(text, Format::Text)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(
            all.iter()
                .all(|t| !t.contains("See") && !t.contains("Proposal")),
            "{all:?}"
        );
        assert!(
            all.iter().any(|t| t.contains("Based on our work")),
            "{all:?}"
        );
        assert!(
            all.iter().any(|t| t.contains("Open the form")),
            "a list's line is no footnote: {all:?}"
        );
    }

    #[test]
    fn html_page_furniture_by_its_class_and_id() {
        let page = "<html><body><div id=\"siteSub\">From Wikipedia, the free encyclopedia</div><div id=\"toc\"><ul><li>1 History</li></ul></div><p>Mozilla was created in 1998.</p><div id=\"footer\" role=\"contentinfo\"><p>This page was last modified on 28 October 2016.</p></div></body></html>";
        assert_eq!(
            texts(page, Format::Html),
            [(
                BlockKind::Paragraph,
                "Mozilla was created in 1998.".to_string()
            )]
        );
    }

    #[test]
    fn citation_marks_with_page_numbers_and_page_indicators_are_no_text() {
        let page = "<html><body><div id=\"mw-indicator-coordinates\" class=\"mw-indicator\"><span id=\"coordinates\">Coordinates: 47°38′23″N 122°7′42″W</span></div><p>MITS agreed, marketing it as Altair BASIC.<sup id=\"cite_ref-14\" class=\"reference\"><a href=\"#cite_note-14\">&#91;14&#93;</a></sup><sup class=\"reference nowrap\"><span title=\"Page / location: 108\">&#58;&#8202;108&#8202;</span></sup> Gates and Allen founded it in 1975.</p></body></html>";
        assert_eq!(
            texts(page, Format::Html),
            [(
                BlockKind::Paragraph,
                "MITS agreed, marketing it as Altair BASIC. Gates and Allen founded it in 1975."
                    .to_string()
            )]
        );
    }

    #[test]
    fn the_page_title_and_the_front_matter_title_come_first() {
        use BlockKind::*;
        let page = "<html><head><title>Microsoft - Wikipedia</title></head><body><main><header><h1 id=\"firstHeading\"><span>Microsoft</span></h1></header><h2>History</h2><p>It was founded in 1975.</p></main></body></html>";
        let all = texts(page, Format::Html);
        assert_eq!(all[0], (Heading, "Microsoft".to_string()), "{all:?}");
        assert_eq!(all[1], (Heading, "History".to_string()));
        let bare = "<html><head><title>Go Turns 10 | The Go Blog</title></head><body><main><p>Go was released in 2009.</p></main></body></html>";
        assert_eq!(
            texts(bare, Format::Html)[0],
            (Heading, "Go Turns 10".to_string())
        );
        let notes = "---\ntitle: \"Half a decade with Go\"\ndate: 2014-11-10\nauthor: 'Andrew Gerrand'\n---\n\nFive years ago we launched the Go project.\n";
        assert_eq!(
            texts(notes, Format::Markdown),
            [
                (Heading, "Half a decade with Go".to_string()),
                (Heading, "2014-11-10".to_string()),
                (Heading, "By Andrew Gerrand".to_string()),
                (
                    Paragraph,
                    "Five years ago we launched the Go project.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_become_paragraphs() {
        use BlockKind::*;
        let text = "A Title Line\n\nThe fire broke out on 2 Sep-\ntember 1666 in a bakery on Pudding Lane, and it burned\nfor four days.[3] King Charles II planned the recon-\nstruction.\n\nCapital: Reykjavík\nArea: 103,000 km2\n- an item\n";
        assert_eq!(
            texts(text, Format::Text),
            [
                (Heading, "A Title Line".to_string()),
                (
                    Paragraph,
                    "The fire broke out on 2 September 1666 in a bakery on Pudding Lane, and it burned for four days. King Charles II planned the reconstruction.".to_string()
                ),
                (Item, "Capital: Reykjavík".to_string()),
                (Item, "Area: 103,000 km2".to_string()),
                (Item, "an item".to_string()),
            ]
        );
    }

    #[test]
    fn a_short_line_that_stops_on_the_goes_on() {
        let text = "Speech\n\nThe law provides that the Postal Service may, from time to time,\nrequest that the\nPostal Rate Commission recommend rates and fees that shall\nprovide sufficient revenues for the Postal Service.\n";
        let all = texts(text, Format::Text);
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(
            all[1]
                .1
                .contains("request that the Postal Rate Commission recommend")
        );
    }

    #[test]
    fn one_long_line_does_not_unwrap_the_rest() {
        let long = "A long line that runs on and on. ".repeat(20);
        let text = format!(
            "Title\n\n{long}\n\nThe Lord Mayor, Sir Thomas Bloodworth, was slow to order the\nDemolition of houses; the fire was stopped by soldiers on 6\nSeptember, when the wind dropped and the gaps held at last.\n"
        );
        let all = texts(&text, Format::Text);
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(all[2].1.contains(
            "the Demolition of houses; the fire was stopped by soldiers on 6 September, when"
        ));
    }

    #[test]
    fn an_indented_line_opens_a_paragraph_even_when_it_reads_like_a_headline() {
        let text = "4/06/93:  GIBBONS OUTLINES SPACE STATION REDESIGN GUIDANCE\n\n        Dr.  John H.  Gibbons, Director, Office of Science and Technology\nPolicy, outlined to the members of the Advisory Committee on the\nRedesign of the Space Station on April 3, three budget options.\n\n        A low option of $5 billion, a mid-range option of $7 billion and a\nhigh option of $9 billion will be considered by the committee.\n";
        let all = texts(text, Format::Text);
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!(all[0].0, BlockKind::Heading);
        assert!(
            all[1].1.starts_with(
                "Dr. John H. Gibbons, Director, Office of Science and Technology Policy, outlined"
            ),
            "{all:?}"
        );
        // Without the convention (one indented line), a headline still stands alone.
        let one = "Apollo Program Summary Report Of The Agency\nThe mission landed in 1969.\n";
        assert_eq!(texts(one, Format::Text).len(), 2);
    }

    #[test]
    fn a_bullet_alone_on_its_line_makes_the_lines_under_it_an_item() {
        use BlockKind::*;
        let text = "The caps, by the year 2007:\n\n\n•\nReduce nitrogen oxides emissions to 75 percent\nbelow 1997 levels;\n\n\n•\nReduce mercury emissions to 90 percent below 1999\nlevels; and\n";
        assert_eq!(
            texts(text, Format::Text),
            [
                (Heading, "The caps, by the year 2007:".to_string()),
                (
                    Item,
                    "Reduce nitrogen oxides emissions to 75 percent below 1997 levels;".to_string()
                ),
                (
                    Item,
                    "Reduce mercury emissions to 90 percent below 1999 levels; and".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_wrapped_line_of_names_is_no_headline() {
        let text = "Britain, France and Israel then agreed a secret plan at Sevres, near\nParis, on 24 October 1956. Israel invaded the Sinai Peninsula on\n29 October, and British and French paratroopers landed at Port Said\non 5 November.\n";
        assert_eq!(texts(text, Format::Text).len(), 1);
    }

    #[test]
    fn markdown_keeps_prose_and_terms_and_drops_code() {
        let text = "# Notes\n\nIt happens in the **chloroplasts** of\nplant cells.\n\n- The pigment is *chlorophyll*.\n\n```\ncode = 1\n```\n\nSee the [page](https://x.org).\n";
        let all = blocks(text, Format::Markdown);
        let shown: Vec<(BlockKind, &str)> = all.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (BlockKind::Heading, "Notes"),
                (
                    BlockKind::Paragraph,
                    "It happens in the chloroplasts of plant cells."
                ),
                (BlockKind::Item, "The pigment is chlorophyll."),
                (BlockKind::Paragraph, "See the page."),
            ]
        );
        assert_eq!(&all[1].text[all[1].terms[0].clone()], "chloroplasts");
        assert_eq!(&all[2].text[all[2].terms[0].clone()], "chlorophyll");
    }

    #[test]
    fn an_encyclopedia_s_link_to_a_concept_is_a_term() {
        let page = "<html><body><h1>Hermitian matrix</h1><p>Every Hermitian matrix is a \
            <a href=\"/wiki/Normal_matrix\" title=\"Normal matrix\">normal matrix</a>, made by \
            <a href=\"/wiki/Software\" title=\"Software\">software</a> on a \
            <a href=\"/wiki/Personal_computer\" title=\"Personal computer\">home computer</a> \
            from <a href=\"/wiki/Charles_Hermite\" title=\"Charles Hermite\">Charles Hermite</a>.</p></body></html>";
        let all = blocks(page, Format::Html);
        let terms: Vec<&str> = all[1]
            .terms
            .iter()
            .map(|r| &all[1].text[r.clone()])
            .collect();
        assert_eq!(
            terms,
            ["normal matrix"],
            "one word, a link named for another article, and a name are no terms: {:?}",
            all[1].text
        );
    }

    #[test]
    fn an_infobox_s_rows_are_fields_after_the_lead() {
        let page = "<html><body><h1>Therapsida</h1>\
            <table class=\"infobox biota\"><tr><th colspan=\"2\">Scientific classification</th></tr>\
            <tr><td>Kingdom:</td><td><a href=\"/wiki/Animal\">Animalia</a></td></tr>\
            <tr><td>Phylum:</td><td>Chordata<sup class=\"reference\">[1]</sup></td></tr>\
            <tr><th>Founded</th><td>18 years ago</td></tr>\
            <tr><th>Founders</th><td><ul><li>Bill Gates</li><li>Paul Allen</li></ul></td></tr>\
            <tr><th>Website</th><td>example.org</td></tr>\
            <tr><td colspan=\"2\"><img src=\"x.png\"> A skull</td></tr></table>\
            <p>Therapsida is a group of the most advanced synapsids.</p>\
            <p>They lived in the Permian.</p>\
            <h2>References</h2><p>Broom, 1905.</p></body></html>";
        let texts: Vec<String> = blocks(page, Format::Html)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Therapsida",
                "Therapsida is a group of the most advanced synapsids.",
                "Kingdom: Animalia",
                "Phylum: Chordata",
                "They lived in the Permian.",
            ],
            "a relative date, a list, a web address and a picture are no fields"
        );
    }

    #[test]
    fn formulas_references_templates_and_back_matter_are_no_text() {
        let page = "<html><body><h1>Hermitian matrix</h1>\
            <table class=\"box-Expand_section ambox metadata\"><tr><td>This section needs expansion.</td></tr></table>\
            <p>It was named after Charles Hermite in 1855.</p>\
            <p>Here <math alttext=\"{\\displaystyle i}\"><semantics><mi>i</mi><annotation>\\displaystyle i</annotation></semantics></math> is the unit.</p>\
            <div class=\"reflist\"><ol class=\"references\"><li>Horn, Roger A. (2013). Matrix Analysis.</li></ol></div>\
            <h2>External links</h2><ul><li>Visualizing Hermitian Matrix as An Ellipse</li></ul></body></html>";
        let texts: Vec<String> = blocks(page, Format::Html)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(texts[0], "Hermitian matrix");
        assert_eq!(texts[1], "It was named after Charles Hermite in 1855.");
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(
            texts[2].contains(FORMULA),
            "the formula's place is marked: {texts:?}"
        );
        let sentences = crate::derive::sentences::sentences(&blocks(page, Format::Html));
        assert!(
            sentences.iter().all(|s| !s.text.contains("unit")),
            "a sentence that held a formula is no card"
        );
        let notes = "# Notes\n\nThe cell makes sugar in the chloroplast from light.\n";
        assert_eq!(
            blocks(notes, Format::Markdown).len(),
            2,
            "a page of notes keeps them"
        );
    }

    #[test]
    fn inline_code_is_one_term() {
        let all = blocks(
            "The new function `errors.Join` returns an error wrapping a list of errors.\n",
            Format::Markdown,
        );
        assert_eq!(&all[0].text[all[0].terms[0].clone()], "errors.Join");
    }

    #[test]
    fn html_keeps_the_article_only() {
        let text = "<html><head><title>T</title><script>if (a < b) { x(\"<p>no</p>\") }</script></head>\
            <body><nav><a>Home</a></nav><article><h1>The eruption</h1><p>It erupted on 27&nbsp;August 1883, <em>loudly</em>.</p>\
            <aside><p>Related text.</p></aside></article><footer>&copy; 2024 Notes</footer></body></html>";
        let all = blocks(text, Format::Html);
        let shown: Vec<(BlockKind, &str)> = all.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (BlockKind::Heading, "The eruption"),
                (
                    BlockKind::Paragraph,
                    "It erupted on 27 August 1883, loudly."
                ),
            ]
        );
        assert_eq!(&all[1].text[all[1].terms[0].clone()], "loudly");
    }

    #[test]
    fn citation_marks_made_of_markup_go_too() {
        let text = "<p>It fell in <b>1989</b>.<sup class=\"reference\"><a href=\"#c\"><span>&#91;</span>5<span>&#93;</span></a></sup> It was <i>rebuilt</i>.</p>";
        let all = blocks(text, Format::Html);
        assert_eq!(all[0].text, "It fell in 1989. It was rebuilt.");
        let terms: Vec<&str> = all[0]
            .terms
            .iter()
            .map(|r| &all[0].text[r.clone()])
            .collect();
        assert_eq!(terms, ["1989", "rebuilt"]);
    }

    #[test]
    fn the_format_follows_the_extension_then_the_content() {
        assert_eq!(detect("a.md", ""), Format::Markdown);
        assert_eq!(detect("a.HTM", ""), Format::Html);
        assert_eq!(detect("a.txt", "<html>"), Format::Text);
        assert_eq!(detect("doc", "<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(detect("doc", "# Title\n\ntext"), Format::Markdown);
        assert_eq!(detect("doc", "Plain text. Nothing else."), Format::Text);
    }
}
