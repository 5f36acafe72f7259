//! Entry points for the fuzz suite (`fuzz/`, `tests/cli/fuzz.rs`), and nothing else.
//!
//! The library's modules are private, so a fuzzer cannot reach the parsers on its own. Each
//! function here feeds untrusted bytes to one real entry point, the way a command would, and
//! throws the result away: what a fuzzer looks for is a panic, a hang or a huge allocation,
//! never a particular output. Where a module promises more than "no panic" (an import is
//! always a deck that loads without error), the promise is asserted, so breaking it is a crash
//! the fuzzer reports too.
//!
//! Not an API: hidden from the docs and free to change with the modules it calls.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::deck::parse::parse_deck;
use crate::deck::{DeckId, Origin};
use crate::diagnostic::{self, SHOWN_PER_FILE, json_line, more_line, one_line, render_errors};
use crate::interchange::{ImportOptions, Source, import};
use crate::judge::{Expected, judge};

/// `quiz check` on one deck file: parse with every check, then draw the findings as the
/// commands do — `check`'s human format (the first [`SHOWN_PER_FILE`], styled and plain, and
/// the line counting the rest) and its JSON format (every finding), a session's errors and
/// the one-line warning of `decks` and `stats` — and run `check --fix`'s edit.
///
/// Drawing is done the commands' way on purpose: drawing every finding from the whole text,
/// as this harness once did, is quadratic in a way no command is (a 97 KB input with 409
/// findings took the harness 1.5 s and `quiz check` 20 ms), and hid real hangs among false ones.
pub fn deck(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_deck(DeckId("fuzz".into()), &text, Origin::Bundled);
    let source = diagnostic::Source::new("fuzz.toml", &text);
    for finding in parsed.findings.iter().take(SHOWN_PER_FILE) {
        let _ = source.render(finding, false);
        let _ = source.render(finding, true);
    }
    if let Some(hidden) = parsed.findings.get(SHOWN_PER_FILE..) {
        let _ = more_line("fuzz.toml", hidden);
    }
    for finding in &parsed.findings {
        let _ = json_line(&source, "fuzz.toml", finding);
    }
    let _ = render_errors("fuzz.toml", &text, &parsed.findings, true);
    if let Some(first) = parsed.findings.iter().find(|f| f.is_error()) {
        let _ = one_line("fuzz.toml", &text, first);
    }
    if let Some(deck) = &parsed.deck {
        for card in &deck.cards {
            let _ = card.answer_text();
        }
    }
    let _ = crate::deck::edit::add_missing_ids(&text);
}

/// `quiz import --from anki` on a file's text.
pub fn import_anki(data: &[u8]) {
    import_as(data, Some(Source::Anki));
}

/// `quiz import --from quizlet`; the first byte picks the separators, as the flags would.
pub fn import_quizlet(data: &[u8]) {
    const NAMES: [Option<&str>; 6] = [
        None,
        Some("tab"),
        Some("comma"),
        Some(";"),
        Some("newline"),
        Some("|"),
    ];
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let options = ImportOptions {
        source: Some(Source::Quizlet),
        term_separator: NAMES[usize::from(choice & 7) % NAMES.len()].map(str::to_string),
        card_separator: NAMES[usize::from(choice >> 4) % NAMES.len()].map(str::to_string),
        ..ImportOptions::default()
    };
    check_import(rest, &options);
}

/// `quiz import --from csv`.
pub fn import_csv(data: &[u8]) {
    import_as(data, Some(Source::Csv));
}

/// `quiz import` with the format detected from the text.
pub fn import_detected(data: &[u8]) {
    import_as(data, None);
}

fn import_as(data: &[u8], source: Option<Source>) {
    let options = ImportOptions {
        source,
        ..ImportOptions::default()
    };
    check_import(data, &options);
}

/// `import`'s promise: whatever the input, the deck file written loads with no error.
fn check_import(data: &[u8], options: &ImportOptions) {
    let text = String::from_utf8_lossy(data);
    let imported = import(&text, options);
    let parsed = parse_deck(DeckId("fuzz".into()), &imported.toml, Origin::Bundled);
    if let Some(finding) = parsed.findings.iter().find(|f| f.is_error()) {
        panic!(
            "import wrote a deck that does not load: {}\n--- input\n{text}\n--- deck\n{}",
            one_line("imported.toml", &imported.toml, finding),
            imported.toml
        );
    }
}

/// `quiz history import` on a review log, with and without a deck named by the file.
pub fn review_log(data: &[u8]) {
    let _ = crate::interchange::review_log::parse_log(data, Some("fuzz"));
    let _ = crate::interchange::review_log::parse_log(data, None);
}

/// Reading `config.toml`. The loader takes a path, so the bytes go through one file per
/// process (a fuzzer runs targets in one thread; the CI harness serialises on the lock).
pub fn settings(data: &[u8]) {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let path = PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("quiz-fuzz-config-{}.toml", std::process::id()))
    });
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if std::fs::write(path, data).is_ok() {
        let _ = crate::settings::load_settings(Some(path), false);
        let _ = crate::settings::load_settings(Some(path), true);
    }
}

/// The judge: the first byte picks the kind of card, then the card's answers and the typed
/// answer follow, separated by newlines (the last line is what the learner typed).
pub fn judge_answer(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut lines: Vec<&str> = text.split('\n').collect();
    let given = lines.pop().unwrap_or("");
    let parts: Vec<String> = lines.iter().map(|s| (*s).to_string()).collect();
    let expected = match kind % 4 {
        0 => Expected::Text {
            answer: parts.first().cloned().unwrap_or_default(),
            accept: parts.iter().skip(1).cloned().collect(),
        },
        1 => Expected::Choice {
            answer: usize::from(kind >> 2) % parts.len().max(1),
            choices: parts,
        },
        2 => Expected::TrueFalse(kind & 4 != 0),
        _ => Expected::Several { parts },
    };
    let _ = judge(&expected, given);
    let _ = crate::judge::shape(given);
}
