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
use crate::diagnostic::{line_col, one_line, render};
use crate::interchange::{ImportOptions, Source, import};
use crate::judge::{Expected, judge};

/// `quiz check` on one deck file: parse with every check, then draw each finding as the
/// human and JSON formats do, as a session's one-line warning, and run `check --fix`'s edit.
pub fn deck(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_deck(DeckId("fuzz".into()), &text, Origin::Bundled);
    for finding in &parsed.findings {
        let _ = render("fuzz.toml", &text, finding, false);
        let _ = render("fuzz.toml", &text, finding, true);
        let _ = one_line("fuzz.toml", &text, finding);
        let _ = line_col(&text, finding.span.start);
        let _ = line_col(&text, finding.span.end);
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
