//! Card ids made from a card's wording: the implicit id a card without `id` is known by,
//! and the readable ids the commands that write cards (`quiz add`, `quiz import`,
//! `quiz derive`) put in: `which-congress-heard-the-speech`.

use std::collections::HashSet;

/// A stable id from the question's wording (FNV-1a, which, unlike std's hasher, is the same
/// on every platform and Rust version, so progress survives upgrades).
pub(crate) fn implicit_id(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let hash = crate::stable_hash::fnv1a(words.bytes());
    format!("q-{:010x}", hash >> 24)
}

/// The first character an id may not hold: `#` and `~` are reserved (a cloze card is
/// `id#N`, a reversed one `id~r`), and an id has no spaces or control characters.
pub(crate) fn forbidden_char(id: &str) -> Option<char> {
    id.chars()
        .find(|&c| matches!(c, '#' | '~') || c.is_control() || c.is_whitespace())
}

/// The note a card belongs to: its id without the `#N` of a cloze gap or the `~r` of a
/// reversed card, so the gaps of one cloze and a card and its reverse share it (siblings).
pub(crate) fn note(id: &str) -> &str {
    id.split(['#', '~']).next().unwrap_or(id)
}

/// ASCII letters and digits of the first `max_words` words, joined by `-`, cut at a word
/// boundary to at most `max_len` bytes; `card` when nothing is left. Never contains the
/// reserved `#` and `~`, nor spaces.
pub(crate) fn slug(text: &str, max_words: usize, max_len: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    for c in deunicode::deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            if out.is_empty() || out.ends_with('-') {
                words += 1;
                if words > max_words {
                    break;
                }
            }
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > max_len {
        let cut = out[..=max_len]
            .rfind('-')
            .filter(|&i| i >= max_len / 2)
            .unwrap_or(max_len);
        out.truncate(cut);
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "card".to_string()
    } else {
        out.to_string()
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet.
pub(crate) fn unique(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_share_their_note() {
        assert_eq!(note("speech#2"), "speech");
        assert_eq!(note("rev~r"), "rev");
        assert_eq!(note("rev"), "rev");
        assert_eq!(note("q-0123456789#10"), "q-0123456789");
    }

    #[test]
    fn slugs_are_readable_ascii_and_bounded() {
        assert_eq!(
            slug("Which congress heard the Speech?", 6, 48),
            "which-congress-heard-the-speech"
        );
        assert_eq!(
            slug("It began the {{Khrushchev Thaw}} in 1956.", 6, 48),
            "it-began-the-khrushchev-thaw-in"
        );
        assert_eq!(
            slug("Хрущёв's Thaw — 1956", 99, 48),
            "khrushchiovs-thaw-1956"
        );
        assert_eq!(slug("!!! ???", 6, 48), "card");
        assert!(!slug("#a ~b c", 6, 48).contains(['#', '~', ' ']));
        let long = slug(&"word ".repeat(40), 99, 48);
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn unique_counts_up_past_taken_ids() {
        let taken: HashSet<String> = ["a".to_string(), "a-2".to_string()].into();
        assert_eq!(unique("a", &taken), "a-3");
        assert_eq!(unique("b", &taken), "b");
    }
}
