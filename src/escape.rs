//! Making untrusted text (from decks, answers, file names) safe to print on a terminal.

/// Replaces terminal control characters with visible escapes (`\u{1b}` → `\e`), so a deck
/// cannot move the cursor, change colours or retitle the window. Newlines and tabs are kept.
pub(crate) fn escape_control(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            // Bidirectional overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Same as [`escape_control`] but also escapes newlines, for one-line contexts.
pub(crate) fn escape_line(text: &str) -> String {
    escape_control(text).replace('\n', "\\n").replace('\t', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_escape_sequences() {
        assert_eq!(escape_control("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(escape_control("bell\u{7}"), "bell\\u{7}");
        assert_eq!(escape_control("line\nnext"), "line\nnext");
        assert_eq!(escape_line("line\nnext"), "line\\nnext");
        assert_eq!(escape_control("Хрущёв"), "Хрущёв");
    }
}
