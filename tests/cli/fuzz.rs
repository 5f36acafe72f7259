//! The fuzz suite's short run, on stable, in every `cargo test`: each door of
//! `quiz::fuzzing` (the deck parser and `check`, each import format, the review log, the
//! config file, the judge) gets its seeds from `tests/` and a few thousand deterministic
//! mutations of them, and must not panic. `fuzz/run.sh` runs the same doors under libFuzzer
//! for millions of executions, with limits on time and memory; every input either run found
//! is pinned in [`regressions`].
//!
//! `QUIZ_FUZZ_ITERATIONS` and `QUIZ_FUZZ_SEED` change how many mutations and which.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use quiz::fuzzing;

use crate::common::repo_path;

/// Per door, so a slow machine stays well inside CI's budget (the doors run in parallel).
const BUDGET: Duration = Duration::from_secs(4);

/// One entry point of `quiz::fuzzing`.
type Door = fn(&[u8]);

/// Text that steers a mutation into the grammar the parsers care about.
const TOKENS: &[&str] = &[
    "[[cards]]\n",
    "[cards]\n",
    "{{",
    "}}",
    "{{c1::",
    "::",
    "\"",
    "'''",
    "\"\"\"",
    " = ",
    "\n",
    "\r\n",
    "\t",
    ",",
    ";",
    "#",
    "#separator:tab\n",
    "#columns:",
    "\u{feff}",
    "\u{202e}",
    "\u{1b}[31m",
    "\0",
    "é",
    "\u{0301}",
    "id = \"a\"\n",
    "question = \"q\"\n",
    "answer = ",
    "accept = [\"",
    "choices = [\"a\", \"b\"]\n",
    "cloze = \"",
    "kind = \"",
    "true",
    "1e308",
    "-0",
    "99999999999999999999",
    "1,000.5",
    "XIV",
    "1956-02-25",
    "2026-03-01T09:00:00Z",
    "%",
    "$",
    "km",
    "BC",
    "\\u0000",
    "\\",
];

/// xorshift64*: deterministic, and no dependency for a test helper.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).expect("usize fits")).expect("small")
    }
}

/// One to four edits of `input`: bit flips, bytes, tokens, deletions, repeats and splices.
fn mutate(random: &mut Random, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=random.below(4) {
        let at = random.below(out.len() + 1);
        match random.below(8) {
            0 if !out.is_empty() => {
                let i = random.below(out.len());
                out[i] ^= 1 << random.below(8);
            }
            1 if !out.is_empty() => {
                let i = random.below(out.len());
                out[i] = b"\n\"[]{}=,#\t\\' 0a\x00\xff"[random.below(17)];
            }
            2 | 3 => {
                let token = TOKENS[random.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            4 => {
                let end = (at + random.below(64)).min(out.len());
                out.drain(at..end);
            }
            5 => {
                // A run repeated: many findings, many cards, long lines.
                let end = (at + random.below(200)).min(out.len());
                let chunk = out[at..end].to_vec();
                for _ in 0..random.below(20) {
                    out.splice(at..at, chunk.iter().copied());
                }
            }
            6 => {
                let other = &seeds[random.below(seeds.len())];
                let from = random.below(other.len());
                let end = (from + random.below(400)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
            _ => out.truncate(at),
        }
    }
    out
}

fn files(folder: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(repo_path(folder))
        .unwrap_or_else(|e| panic!("read {folder}: {e}"))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file() && !is_readme(path))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read(path).expect("seed"))
        .collect()
}

fn is_readme(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "README.md")
}

/// Runs `door` on `input`; a panic fails the test with the input that caused it.
#[track_caller]
fn survive(name: &str, door: Door, input: &[u8]) {
    if catch_unwind(AssertUnwindSafe(|| door(input))).is_err() {
        panic!(
            "quiz::fuzzing::{name} panicked on this input (add it to `regressions`):\n{:?}",
            String::from_utf8_lossy(input)
        );
    }
}

/// Every seed as it is, then mutations of them until the iterations or the time run out.
fn fuzz(name: &str, door: Door, seeds: &[Vec<u8>]) {
    assert!(!seeds.is_empty(), "{name} has seeds");
    for seed in seeds {
        survive(name, door, seed);
    }
    let iterations = std::env::var("QUIZ_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let seed: u64 = std::env::var("QUIZ_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let budget = if std::env::var_os("QUIZ_FUZZ_ITERATIONS").is_some() {
        Duration::MAX
    } else {
        BUDGET
    };
    let mut random = Random((seed ^ name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let started = Instant::now();
    let mut done = 0;
    // Later mutations build on earlier ones now and then, to get past the first error.
    let mut pool: Vec<Vec<u8>> = seeds.to_vec();
    while done < iterations && started.elapsed() < budget {
        let parent = pool[random.below(pool.len())].clone();
        let input = mutate(&mut random, &parent, seeds);
        survive(name, door, &input);
        if input.len() < 64 * 1024 && random.below(8) == 0 {
            pool.push(input);
        }
        done += 1;
    }
    eprintln!("fuzz {name}: {} seeds, {done} mutations", seeds.len());
}

fn deck_seeds() -> Vec<Vec<u8>> {
    let mut seeds = files("tests/broken");
    seeds.extend(files("tests/fixtures/decks"));
    seeds.extend(files("decks"));
    seeds
}

fn quizlet_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for file in files("tests/fixtures/import") {
        for choice in [0u8, 1, 2, 18, 52] {
            let mut seed = vec![choice];
            seed.extend_from_slice(&file);
            seeds.push(seed);
        }
    }
    seeds
}

#[test]
fn deck_and_check() {
    fuzz("deck", fuzzing::deck, &deck_seeds());
}

#[test]
fn import_anki() {
    fuzz(
        "import_anki",
        fuzzing::import_anki,
        &files("tests/fixtures/import"),
    );
}

#[test]
fn import_quizlet() {
    fuzz("import_quizlet", fuzzing::import_quizlet, &quizlet_seeds());
}

#[test]
fn import_csv() {
    fuzz(
        "import_csv",
        fuzzing::import_csv,
        &files("tests/fixtures/import"),
    );
}

#[test]
fn import_detected() {
    fuzz(
        "import_detected",
        fuzzing::import_detected,
        &files("tests/fixtures/import"),
    );
}

#[test]
fn review_log() {
    fuzz(
        "review_log",
        fuzzing::review_log,
        &files("fuzz/seeds/review_log"),
    );
}

#[test]
fn settings() {
    fuzz("settings", fuzzing::settings, &files("fuzz/seeds/settings"));
}

#[test]
fn judge_answer() {
    fuzz(
        "judge_answer",
        fuzzing::judge_answer,
        &files("fuzz/seeds/judge_answer"),
    );
}

/// Inputs the fuzzers found, each once a crash or a hang: (door, input). See
/// tests/fixtures/fuzz/README.md for what each one was.
const REGRESSIONS: &[(&str, Door, &[u8])] = &[
    (
        "deck",
        fuzzing::deck,
        include_bytes!("../fixtures/fuzz/deck-timeout-bc3d7910.toml"),
    ),
    (
        "deck",
        fuzzing::deck,
        include_bytes!("../fixtures/fuzz/deck-timeout-e5b0aeb3.toml"),
    ),
];

#[test]
fn regressions() {
    for (name, door, input) in REGRESSIONS {
        survive(name, *door, input);
    }
}
