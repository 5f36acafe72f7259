//! Text for the person at the keyboard: untrusted text (from decks, answers, file names)
//! made safe to print on a terminal, and counts put into words.

/// Replaces terminal control characters with visible escapes (`\u{1b}` → `\e`), so a deck
/// cannot move the cursor, change colours or retitle the window. Newlines and tabs are kept.
pub fn escape_control(text: &str) -> String {
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
pub fn escape_line(text: &str) -> String {
    escape_control(text).replace('\n', "\\n").replace('\t', " ")
}

/// "1 card", "2 cards": `count` and `noun`, with an "s" unless the count is one.
pub fn plural(count: impl TryInto<u64>, noun: &str) -> String {
    let count = count.try_into().unwrap_or(u64::MAX);
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
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

    #[test]
    fn plural_adds_an_s_unless_one() {
        assert_eq!(plural(0u32, "card"), "0 cards");
        assert_eq!(plural(1u32, "card"), "1 card");
        assert_eq!(plural(2usize, "review"), "2 reviews");
    }
}
