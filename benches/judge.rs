//! How long the judge takes per answer, over the teacher's corpus (tests/judge/cases.tsv):
//! `cargo bench --bench judge`. DESIGN asks that judging one answer stays well under a
//! millisecond; this prints the mean over the corpus and the slowest case, so a rule that
//! makes some answers expensive shows up here rather than in a timed test.

use std::time::{Duration, Instant};

const CASES: &str = include_str!("../tests/judge/cases.tsv");
const PASSES: usize = 20;

/// A corpus row as the fuzzing door's judge input: a kind byte, the card's answers, and
/// the typed answer last, one per line.
fn input(row: &str) -> Option<Vec<u8>> {
    let fields: Vec<&str> = row.split('\t').collect();
    let (kind, expected, accept, given) = (
        fields.get(1)?,
        fields.get(2)?,
        fields.get(3)?,
        fields.get(4)?,
    );
    let list = |text: &str| -> Vec<String> {
        text.split(" | ")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (byte, mut lines) = match kind.split('+').next()? {
        "text" => (0u8, [list(expected), list(accept)].concat()),
        "several" => (3u8, list(expected)),
        _ => return None,
    };
    lines.push((*given).to_string());
    let mut bytes = vec![byte];
    bytes.extend(lines.join("\n").into_bytes());
    Some(bytes)
}

fn main() {
    let inputs: Vec<Vec<u8>> = CASES.lines().skip(1).filter_map(input).collect();
    let mut slowest = (Duration::ZERO, 0);
    let mut passes = Vec::with_capacity(PASSES);
    for _ in 0..PASSES {
        let started = Instant::now();
        for (index, bytes) in inputs.iter().enumerate() {
            let one = Instant::now();
            quiz::fuzzing::judge_answer(std::hint::black_box(bytes));
            let took = one.elapsed();
            if took > slowest.0 {
                slowest = (took, index);
            }
        }
        passes.push(started.elapsed());
    }
    passes.sort();
    let median = passes[PASSES / 2];
    let per_answer = median / u32::try_from(inputs.len().max(1)).unwrap_or(u32::MAX);
    println!(
        "judge: {} typed and several-answer cases, median pass {:.1} ms, {:.1} µs per answer",
        inputs.len(),
        median.as_secs_f64() * 1e3,
        per_answer.as_secs_f64() * 1e6
    );
    let slow = String::from_utf8_lossy(&inputs[slowest.1][1..]).replace('\n', " / ");
    println!(
        "slowest single answer: {:.1} µs ({slow})",
        slowest.0.as_secs_f64() * 1e6
    );
}
