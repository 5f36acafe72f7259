//! Making untrusted text (from decks, answers, file names, arguments) safe to print on a
//! terminal: one rule for which characters are unsafe ([`is_unsafe`]), and the ways of
//! showing them for a reader (`\e`, `\u{9b}`), inside JSON (`\u009b`) or inside TOML.

/// Whether `c` must not reach a terminal raw: C0 controls, DEL and C1 controls (a terminal
/// that honours UTF-8 C1 reads U+009B as CSI), and the bidirectional overrides, isolates and
/// marks, which make text read differently from what it is.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        )
}

/// Replaces the unsafe characters with visible escapes (`\u{1b}` → `\e`), so a deck
/// cannot move the cursor, change colours or retitle the window. Newlines and tabs are kept.
pub(crate) fn escape_control(text: &str) -> String {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Same as [`escape_control`] but also escapes newlines, for one-line contexts.
pub(crate) fn escape_line(text: &str) -> String {
    escape_control(text).replace('\n', "\\n").replace('\t', " ")
}

/// Serialised JSON with every unsafe character that serde_json leaves raw (DEL, C1, bidi)
/// written as `\uXXXX`: the document means the same and cannot drive a terminal. Those
/// characters can only stand inside JSON strings (the syntax is ASCII), where `\uXXXX` is
/// always valid; C0 controls are already escaped there, and the layout's newlines stay.
pub(crate) fn json(serialised: &str) -> String {
    let mut out = String::with_capacity(serialised.len());
    for c in serialised.chars() {
        if (is_unsafe(c) && !c.is_ascii()) || c == '\u{7f}' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Rewrites every string in a TOML document that holds an unsafe character as a basic
/// string with `\uXXXX` escapes (toml_edit writes C1 and bidi marks raw, even in literal
/// strings where they cannot be escaped), so the document reads back the same and is safe
/// to print.
pub(crate) fn toml(document: &mut toml_edit::DocumentMut) {
    toml_edit::visit_mut::VisitMut::visit_document_mut(&mut TomlStrings, document);
}

struct TomlStrings;

impl toml_edit::visit_mut::VisitMut for TomlStrings {
    fn visit_value_mut(&mut self, node: &mut toml_edit::Value) {
        // A new line or a tab is safe to print: a string holding only those keeps its
        // form (a multi-line string stays one, as a reader would write it).
        if let toml_edit::Value::String(text) = node
            && text
                .value()
                .chars()
                .any(|c| is_unsafe(c) && c != '\n' && c != '\t')
        {
            let mut basic = String::from("\"");
            for c in text.value().chars() {
                match c {
                    '"' => basic.push_str("\\\""),
                    '\\' => basic.push_str("\\\\"),
                    '\n' => basic.push_str("\\n"),
                    '\t' => basic.push_str("\\t"),
                    c if is_unsafe(c) => basic.push_str(&format!("\\u{:04X}", c as u32)),
                    c => basic.push(c),
                }
            }
            basic.push('"');
            // A basic string of escapes always parses; should it not, the raw value stays
            // (the deck is still right, only less safe to print).
            if let Ok(mut escaped) = basic.parse::<toml_edit::Value>() {
                *escaped.decor_mut() = text.decor().clone();
                *node = escaped;
            }
            return;
        }
        toml_edit::visit_mut::visit_value_mut(self, node);
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
    fn issue_17_c1_controls_and_every_bidi_mark_are_escaped() {
        assert_eq!(
            escape_control("a\u{9b}2J\u{9d}0;x\u{9c}\u{7f}"),
            "a\\u{9b}2J\\u{9d}0;x\\u{9c}\\u{7f}"
        );
        for (mark, shown) in [
            ('\u{202a}', "\\u{202a}"),
            ('\u{202e}', "\\u{202e}"),
            ('\u{2066}', "\\u{2066}"),
            ('\u{2067}', "\\u{2067}"),
            ('\u{2069}', "\\u{2069}"),
            ('\u{200e}', "\\u{200e}"),
            ('\u{200f}', "\\u{200f}"),
            ('\u{61c}', "\\u{61c}"),
        ] {
            assert_eq!(escape_control(&format!("x{mark}y")), format!("x{shown}y"));
        }
        // Arabic and Hebrew letters themselves are text, not marks.
        assert_eq!(escape_control("שלום مرحبا"), "שלום مرحبا");
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw_and_means_the_same() {
        let value = "x\u{9b}2J\u{202e}\u{200f}\u{7f}\u{1b}é";
        let serialised = serde_json::to_string_pretty(&[value]).unwrap();
        let safe = json(&serialised);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        assert!(
            safe.contains("\\u009b2J\\u202e\\u200f\\u007f\\u001bé"),
            "{safe}"
        );
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, [value]);
    }

    #[test]
    fn toml_strings_with_unsafe_characters_become_escaped_basic_strings() {
        let mut document = toml_edit::DocumentMut::new();
        // A backslash and a quote would make toml_edit pick a literal string.
        let value = "C:\\ \"q\" \u{9b}2J \u{2067}x\u{2069}\nnext";
        document["question"] = toml_edit::value(value);
        document["plain"] = toml_edit::value("fine");
        document["list"] = toml_edit::value(toml_edit::Array::from_iter(["a\u{9d}", "b"]));
        toml(&mut document);
        let text = document.to_string();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text}");
        assert!(text.contains("plain = \"fine\""), "{text}");
        assert!(text.contains("question = \""), "{text}");
        let back: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(back["question"].as_str(), Some(value));
        assert_eq!(back["list"][0].as_str(), Some("a\u{9d}"));
    }
}
