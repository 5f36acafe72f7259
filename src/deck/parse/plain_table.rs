//! The fast path for big decks: splitting a file at its `[[cards]]` headers, and reading a
//! table written the plain way without toml's general parser, which takes most of the time
//! of reading a big deck. Whatever this cannot read is left to toml, which reads it the same.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// Reads a `[[cards]]` table written the plain way — one `key = value` a line, with bare
/// keys, strings without escapes, booleans and one-line lists of such strings, blank lines
/// and comments — to what `DeTable::parse` gives for its one table, spans included, without
/// its general machinery, which takes most of the time of reading a big deck. `None` for
/// anything else (a duplicate key too): `DeTable::parse` reads that.
///
/// The table is built in `spare` when it holds one (emptied here), so that a deck read a
/// table at a time reuses one table's memory instead of making a map for each card; give
/// it back through `spare` when done with the value.
pub(super) fn plain_card_table<'i>(
    text: &'i str,
    spare: &mut Option<DeTable<'i>>,
) -> Option<Spanned<DeValue<'i>>> {
    let mut table = spare.take().unwrap_or_default();
    table.clear();
    match fill_plain_table(text, &mut table) {
        Some(span) => Some(Spanned::new(span, DeValue::Table(table))),
        None => {
            *spare = Some(table);
            None
        }
    }
}

/// [`plain_card_table`]'s reading, into an empty `table`; the span of the header.
fn fill_plain_table<'i>(text: &'i str, table: &mut DeTable<'i>) -> Option<Range<usize>> {
    let mut lines = text.split_inclusive('\n');
    let header = lines.next()?;
    let indent = header.len() - header.trim_start_matches([' ', '\t']).len();
    let header_span = indent..indent + "[[cards]]".len();
    let mut line = Line::new(header, 0)?;
    line.at = header_span.end;
    if text.get(header_span.clone())? != "[[cards]]" || !line.rest_is_blank() {
        return None;
    }
    let mut offset = header.len();
    for text_line in lines {
        let mut line = Line::new(text_line, offset)?;
        offset += text_line.len();
        line.skip_blanks();
        if line.rest_is_blank() {
            continue;
        }
        let key = line.bare_key()?;
        line.skip_blanks();
        line.expect(b'=')?;
        line.skip_blanks();
        let value = match line.peek()? {
            b'[' => {
                let start = line.at;
                line.at += 1;
                let mut array = DeArray::new();
                loop {
                    line.skip_blanks();
                    if line.peek()? == b']' {
                        break;
                    }
                    array.push(line.string()?);
                    line.skip_blanks();
                    match line.peek()? {
                        b',' => line.at += 1,
                        b']' => {}
                        _ => return None,
                    }
                }
                line.at += 1;
                Spanned::new(line.span(start), DeValue::Array(array))
            }
            b't' | b'f' => {
                let start = line.at;
                let value = if line.rest().starts_with(b"true") {
                    true
                } else if line.rest().starts_with(b"false") {
                    false
                } else {
                    return None;
                };
                line.at += if value { 4 } else { 5 };
                Spanned::new(line.span(start), DeValue::Boolean(value))
            }
            _ => line.string()?,
        };
        // Looked up, not searched: a card of thousands of (misspelt) keys stays linear.
        if !line.rest_is_blank() {
            return None;
        }
        match table.entry(key) {
            toml::map::Entry::Vacant(slot) => slot.insert(value),
            toml::map::Entry::Occupied(_) => return None,
        };
    }
    Some(header_span)
}

/// One line of a card table, for [`plain_card_table`]: its text without the line end, where
/// it starts in the table's text, and how far it has been read.
struct Line<'i> {
    text: &'i str,
    offset: usize,
    at: usize,
}

impl<'i> Line<'i> {
    fn new(line: &'i str, offset: usize) -> Option<Line<'i>> {
        let text = line
            .strip_suffix('\n')
            .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        // A lone carriage return is not a line end in TOML.
        (!text.contains('\r')).then_some(Line {
            text,
            offset,
            at: 0,
        })
    }

    fn rest(&self) -> &'i [u8] {
        &self.text.as_bytes()[self.at..]
    }

    fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    fn span(&self, start: usize) -> Range<usize> {
        self.offset + start..self.offset + self.at
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Blanks and perhaps a comment up to the end of the line.
    fn rest_is_blank(&mut self) -> bool {
        self.skip_blanks();
        match self.rest().split_first() {
            None => true,
            Some((b'#', comment)) => comment.iter().all(|&b| allowed_in_text(b)),
            Some(_) => false,
        }
    }

    fn bare_key(&mut self) -> Option<Spanned<Cow<'i, str>>> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.at += 1;
        }
        (self.at > start)
            .then(|| Spanned::new(self.span(start), Cow::Borrowed(&self.text[start..self.at])))
    }

    /// A one-line string without escapes: `"…"` or `'…'`.
    fn string(&mut self) -> Option<Spanned<DeValue<'i>>> {
        let start = self.at;
        let quote = self.peek().filter(|&q| q == b'"' || q == b'\'')?;
        let body = &self.rest()[1..];
        let len = body.iter().position(|&b| b == quote)?;
        if !body[..len]
            .iter()
            .all(|&b| allowed_in_text(b) && (quote == b'\'' || b != b'\\'))
        {
            return None;
        }
        let value = &self.text[start + 1..start + 1 + len];
        self.at = start + len + 2;
        Some(Spanned::new(
            self.span(start),
            DeValue::String(Cow::Borrowed(value)),
        ))
    }
}

/// What TOML allows in a comment or a one-line string: no control character but tab.
fn allowed_in_text(byte: u8) -> bool {
    byte == b'\t' || !(byte < 0x20 || byte == 0x7f)
}

/// The byte offset of every `[[cards]]` header line, when every line that opens with `[`
/// is one; `None` otherwise. A line inside a multi-line string may be taken for a header:
/// the part before it then ends inside that string, fails to parse, and the file is parsed
/// whole.
pub(super) fn card_table_starts(source: &str) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('[') {
            let rest = trimmed.strip_prefix("[[cards]]")?;
            let rest = rest.trim_start_matches([' ', '\t']);
            if !(rest.is_empty() || rest.starts_with(['#', '\n', '\r'])) {
                return None;
            }
            starts.push(offset);
        }
        offset += line.len();
    }
    Some(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans and values alike.
    fn same(a: &Spanned<DeValue<'_>>, b: &Spanned<DeValue<'_>>) -> bool {
        a.span() == b.span()
            && match (a.get_ref(), b.get_ref()) {
                (DeValue::Table(x), DeValue::Table(y)) => {
                    x.len() == y.len()
                        && x.iter().zip(y.iter()).all(|((k, v), (l, w))| {
                            k.span() == l.span() && k.get_ref() == l.get_ref() && same(v, w)
                        })
                }
                (DeValue::Array(x), DeValue::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y.iter()).all(|(v, w)| same(v, w))
                }
                (x, y) => format!("{x:?}") == format!("{y:?}"),
            }
    }

    #[test]
    fn plain_card_tables_read_as_toml_reads_them() {
        let headers = [
            "[[cards]]",
            "  [[cards]]",
            "[[cards]]  # note",
            "\t[[cards]]\t",
        ];
        // Lines read the plain way, then lines left to toml.
        let plain = [
            r#"id = "c1""#,
            r#"id="c2""#,
            r#"question = 'Literal "q" \ here'"#,
            r#"answer = "é ü 😀 no""#,
            r#"answer = """#,
            r#"accept = ["a", 'b']"#,
            "accept = []",
            r#"accept = [ "x" , ]"#,
            r#"tags=["t","u"]"#,
            "reverse = true",
            "reverse = false # no",
            "hint = \"tab\there\"",
            r#"explain = "with # hash""#,
            "",
            "   ",
            "# comment",
            "  # ü comment",
            "kind-2_x = \"text\"\t# trailing",
        ];
        let other = [
            r#"question = "escaped \" quote""#,
            r#"question = """multi""""#,
            "question = '''multi'''",
            "answer = 5",
            "answer = 1.5",
            r#"x = { a = "b" }"#,
            r#"a.b = "x""#,
            r#""quoted" = "x""#,
            "reverse = truex",
            "accept = [1]",
            r#"accept = ["x""#,
            r#"accept = ["x" "y"]"#,
            "answer = \"bell \u{7}\"",
            "answer = \"del \u{7f}\"",
            "# bell \u{7}",
            "answer = \"cr\rhere\"",
            r#"id = "c1""#,
            r#"ü = "x""#,
            r#"= "x""#,
            r#"id "x""#,
            r#"answer = "open"#,
            "[[cards]]",
            "[x]",
        ];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut read_plain = 0;
        for round in 0..3000 {
            let end = if next(3) == 0 { "\r\n" } else { "\n" };
            let mut text = headers[next(headers.len())].to_string();
            let mut plain_only = true;
            for _ in 0..next(7) {
                text.push_str(end);
                if round % 3 == 0 && next(6) == 0 {
                    text.push_str(other[next(other.len())]);
                    plain_only = false;
                } else {
                    text.push_str(plain[next(plain.len())]);
                }
            }
            if next(2) == 0 {
                text.push_str(end);
            }
            let keys: Vec<&str> = text
                .lines()
                .skip(1)
                .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
                .filter(|k| !k.starts_with('#'))
                .collect();
            let repeated = (1..keys.len()).any(|i| keys[..i].contains(&keys[i]));
            let fast = plain_card_table(&text, &mut None);
            if plain_only && !repeated {
                assert!(fast.is_some(), "not read the plain way: {text:?}");
            }
            if let Some(fast) = fast {
                read_plain += 1;
                let root = DeTable::parse(&text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
                let DeValue::Array(cards) = root.get_ref().get("cards").unwrap().get_ref() else {
                    panic!("{text:?}");
                };
                assert!(
                    same(&fast, &cards[0]),
                    "{text:?}:\n{fast:?}\n{:?}",
                    cards[0]
                );
            }
        }
        assert!(read_plain > 1500, "only {read_plain} read the plain way");
    }
}
