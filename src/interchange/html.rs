//! Anki's field markup: HTML to plain text, and its `{{cN::…}}` cloze markers.
//!
//! Anki stores fields as HTML and numbers cloze gaps (`{{c1::…}}`); a deck holds plain
//! text and gaps in reading order (`{{answer::hint}}`). These functions translate between
//! the two, in both directions for clozes, so that neither format leaks into the other.

use crate::deck::cloze;

/// Length of `cN::` at the start of `after` (the text after `{{`), if it is there.
fn anki_marker_len(after: &str) -> Option<usize> {
    let rest = after.strip_prefix('c')?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && rest[digits..].starts_with("::")).then_some(1 + digits + 2)
}

pub(super) fn has_anki_cloze(text: &str) -> bool {
    text.match_indices("{{")
        .any(|(i, _)| anki_marker_len(&text[i + 2..]).is_some())
}

/// Anki's cloze text as a deck's: `{{c1::answer::hint}}` → `{{answer::hint}}` when the
/// numbers are 1, 2, 3… in reading order (each gap its own card, as an unnumbered gap is);
/// otherwise (a number repeated, so its gaps are one card, or out of order) the numbers
/// are kept, since the deck format reads them the way Anki does.
pub(super) fn native_cloze(text: &str) -> String {
    let in_order = cloze::gaps(text).is_ok_and(|gaps| {
        gaps.iter()
            .enumerate()
            .all(|(i, gap)| gap.number.is_some_and(|n| n as usize == i + 1))
    });
    if !in_order && cloze::gaps(text).is_ok() {
        return text.to_string();
    }
    strip_numbers(text)
}

fn strip_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at + 2]);
        let after = &rest[at + 2..];
        rest = anki_marker_len(after).map_or(after, |len| &after[len..]);
    }
    out.push_str(rest);
    out
}

/// `{{answer::hint}}` → `{{cN::answer::hint}}`, numbering the gaps in reading order.
pub(super) fn anki_cloze(text: &str) -> String {
    let Ok(gaps) = cloze::gaps(text) else {
        return text.to_string();
    };
    let mut out = String::new();
    let mut last = 0;
    for (i, gap) in gaps.iter().enumerate() {
        out.push_str(&text[last..gap.range.start]);
        let number = gap.number.map_or(i + 1, |n| n as usize);
        out.push_str(&format!("{{{{c{number}::{}", gap.answer));
        if let Some(hint) = &gap.hint {
            out.push_str("::");
            out.push_str(hint);
        }
        out.push_str("}}");
        last = gap.range.end;
    }
    out.push_str(&text[last..]);
    out
}

const BLOCK_TAGS: [&str; 16] = [
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "hr",
];

/// An Anki HTML field as plain text: tags dropped, `<br>` and block boundaries become line
/// breaks, entities decoded, runs of spaces collapsed as a browser would.
pub(super) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |i| &after[i + 3..]);
                continue;
            }
            if let Some((name, closing, len)) = tag_at(rest) {
                rest = &rest[len..];
                if name == "br" {
                    out.push('\n');
                } else if (name == "style" || name == "script") && !closing {
                    let end = format!("</{name}");
                    rest = match rest.to_ascii_lowercase().find(&end) {
                        Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                        None => "",
                    };
                } else if BLOCK_TAGS.contains(&name.as_str())
                    && !out.is_empty()
                    && !out.ends_with('\n')
                {
                    out.push('\n');
                }
                continue;
            }
        } else if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                out.push(decoded);
                rest = &rest[len..];
                continue;
            }
        } else if c.is_ascii_whitespace() {
            out.push(' ');
            rest = &rest[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split('\n')
        .map(|line| {
            line.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

/// `(lowercase name, closing, length)` of the tag `s` starts with, if it is one.
fn tag_at(s: &str) -> Option<(String, bool, usize)> {
    let body = s.strip_prefix('<')?;
    let (closing, name_part) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let first = name_part.chars().next()?;
    if !(first.is_ascii_alphabetic() || (first == '!' && !closing)) {
        return None;
    }
    let end = s.find('>')?;
    let name: String = name_part
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    Some((name, closing, end + 1))
}

/// The character an entity at the start of `s` stands for, and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(1..)?.find(';')? + 1;
    if end > 12 {
        return None;
    }
    let name = &s[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "laquo" => '«',
            "raquo" => '»',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "bdquo" => '„',
            "middot" => '·',
            "deg" => '°',
            "times" => '×',
            "copy" => '©',
            "euro" => '€',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(html_to_text("a<br>b<br/>c<br />d"), "a\nb\nc\nd");
        assert_eq!(html_to_text("<div>one</div><div>two</div>"), "one\ntwo");
        assert_eq!(
            html_to_text(
                "&nbsp;x&nbsp;&nbsp;y &amp; &lt;z&gt; &quot;q&quot; &#39;s&#39; &#65;&#x42;"
            ),
            "x y & <z> \"q\" 's' AB"
        );
        assert_eq!(
            html_to_text("raw\nnewline\t and  spaces"),
            "raw newline and spaces"
        );
        assert_eq!(html_to_text("a < b & c"), "a < b & c");
        assert_eq!(html_to_text("x<!-- note -->y<style>p{}</style>z"), "xyz");
        assert_eq!(
            html_to_text("&unknown; &#xD800; &#0;"),
            "&unknown; &#xD800; &#0;"
        );
        assert_eq!(html_to_text("<img src=\"a.png\">Bild"), "Bild");
    }

    #[test]
    fn anki_cloze_markers() {
        assert_eq!(
            native_cloze("{{c1::a}} {{c2::b::hint}} {{c1::c}} {{plain}} {{c::x}}"),
            "{{a}} {{b::hint}} {{c}} {{plain}} {{c::x}}"
        );
        assert!(has_anki_cloze("x {{c12::y}}"));
        assert!(!has_anki_cloze("x {{y}} {{c::z}}"));
        assert_eq!(
            anki_cloze("The {{Thaw}} in {{1956::year}}."),
            "The {{c1::Thaw}} in {{c2::1956::year}}."
        );
    }
}
