//! Runs the teacher's corpus (`tests/judge/cases.tsv`, see `tests/judge/README.md`)
//! through the judge and prints a report per category. The test is a ratchet against
//! `tests/judge/known_failures.tsv`: a failure not listed there is a regression, and a
//! listed case that now passes must be removed from the list.
//!
//! `cargo test --lib judge::corpus -- --nocapture` shows the report; with
//! `QUIZ_CORPUS_BLESS=1` the test rewrites the list of known failures instead of failing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Expected, Strictness, Verdict, judge_gap, judge_with};

const CASES: &str = include_str!("../../tests/judge/cases.tsv");
const KNOWN_FAILURES: &str = include_str!("../../tests/judge/known_failures.tsv");
const KNOWN_FAILURES_PATH: &str = "tests/judge/known_failures.tsv";

/// One row of the corpus.
struct Case<'a> {
    line: usize,
    category: &'a str,
    kind: &'a str,
    expected: &'a str,
    accept: &'a str,
    given: &'a str,
    verdicts: Vec<&'a str>,
    note: &'a str,
}

impl Case<'_> {
    /// The stable key of a case in `known_failures.tsv`.
    fn key(&self) -> String {
        format!("{}\t{}\t{}", self.category, self.expected, self.given)
    }

    fn must_reject(&self) -> bool {
        self.verdicts == ["wrong"]
    }
}

fn parts(field: &str) -> Vec<String> {
    if field.trim().is_empty() {
        return Vec::new();
    }
    field.split(" | ").map(str::to_string).collect()
}

fn parse_cases() -> Vec<Case<'static>> {
    let mut lines = CASES.lines().enumerate();
    let header = lines.next().map(|(_, line)| line);
    assert_eq!(
        header,
        Some("category\tkind\texpected\taccept\tgiven\tverdicts\tnote"),
        "cases.tsv: unexpected header"
    );
    let mut cases = Vec::new();
    for (index, line) in lines {
        // A `#` line names the block of cases below it (see tests/judge/README.md).
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [category, kind, expected, accept, given, verdicts, note] = fields[..] else {
            panic!(
                "cases.tsv line {}: {} fields, want 7",
                index + 1,
                fields.len()
            );
        };
        let verdicts: Vec<&str> = verdicts.split(',').map(str::trim).collect();
        for verdict in &verdicts {
            assert!(
                ["right", "close", "wrong"].contains(verdict),
                "cases.tsv line {}: unknown verdict {verdict:?}",
                index + 1
            );
        }
        cases.push(Case {
            line: index + 1,
            category,
            kind,
            expected,
            accept,
            given,
            verdicts,
            note,
        });
    }
    cases
}

/// A kind may carry the card's strictness: `text+case_sensitive`, `several+exact`,
/// `text+transliterate`.
fn strictness(case: &Case) -> Strictness {
    let mut strictness = Strictness::default();
    for flag in case.kind.split('+').skip(1) {
        match flag {
            "case_sensitive" => strictness.case_sensitive = true,
            "exact" => strictness.exact = true,
            "transliterate" => strictness.transliterate = true,
            other => panic!("cases.tsv line {}: unknown kind flag {other:?}", case.line),
        }
    }
    strictness
}

/// A `gap` case's expected field is the cloze as the card shows it, one `{{answer}}`
/// marking the gap: the text before it, the answer, the text after it.
fn gap_parts<'a>(case: &Case<'a>) -> (&'a str, &'a str, &'a str) {
    case.expected
        .split_once("{{")
        .and_then(|(before, rest)| {
            let (answer, after) = rest.split_once("}}")?;
            Some((before, answer, after))
        })
        .unwrap_or_else(|| {
            panic!(
                "cases.tsv line {}: a gap case needs one {{{{…}}}}",
                case.line
            )
        })
}

fn verdict(case: &Case) -> Verdict {
    if case.kind.split('+').next() == Some("gap") {
        let (before, answer, after) = gap_parts(case);
        let expected = Expected::Text {
            answer: answer.to_string(),
            accept: parts(case.accept).into(),
        };
        return judge_gap(&expected, strictness(case), case.given, before, after);
    }
    judge_with(&build(case), strictness(case), case.given)
}

fn build(case: &Case) -> Expected {
    match case.kind.split('+').next().unwrap_or_default() {
        "text" => Expected::Text {
            answer: case.expected.to_string(),
            accept: parts(case.accept).into(),
        },
        "several" => Expected::Several {
            parts: parts(case.expected),
        },
        "choice" => {
            let marked = parts(case.expected);
            let answer = marked
                .iter()
                .position(|c| c.starts_with('*'))
                .unwrap_or_else(|| panic!("cases.tsv line {}: no choice marked *", case.line));
            let choices = marked
                .iter()
                .map(|c| c.strip_prefix('*').unwrap_or(c).to_string())
                .collect();
            Expected::Choice { choices, answer }
        }
        "truefalse" => match case.expected {
            "true" => Expected::TrueFalse(true),
            "false" => Expected::TrueFalse(false),
            other => panic!("cases.tsv line {}: truefalse {other:?}", case.line),
        },
        other => panic!("cases.tsv line {}: unknown kind {other:?}", case.line),
    }
}

fn word(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Right => "right",
        Verdict::Close { .. } => "close",
        Verdict::Wrong { .. } => "wrong",
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    agreed: usize,
    must_reject: usize,
    false_accepts: usize,
    false_rejects: usize,
}

impl Tally {
    fn add(&mut self, case: &Case, got: &str) {
        self.cases += 1;
        let agreed = case.verdicts.contains(&got);
        self.agreed += usize::from(agreed);
        if case.must_reject() {
            self.must_reject += 1;
            self.false_accepts += usize::from(!agreed);
        } else if !case.verdicts.contains(&"wrong") && got == "wrong" {
            self.false_rejects += 1;
        }
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name:<24} {:>5} {:>7.1}% {:>6} {:>6} {:>7.1}% {:>7}",
            self.cases,
            percent(self.agreed, self.cases),
            self.must_reject,
            self.false_accepts,
            percent(self.false_accepts, self.must_reject),
            self.false_rejects,
        )
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        // Counts are small, so the conversion is exact.
        100.0 * part as f64 / whole as f64
    }
}

#[test]
fn corpus() {
    let cases = parse_cases();
    let mut keys = BTreeSet::new();
    for case in &cases {
        assert!(
            keys.insert(case.key()),
            "cases.tsv line {}: duplicate key {:?}",
            case.line,
            case.key()
        );
    }
    let known: BTreeSet<&str> = KNOWN_FAILURES
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .collect();

    let mut total = Tally::default();
    let mut by_category: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut failing = Vec::new();
    let mut regressions = String::new();
    for case in &cases {
        let got = word(&verdict(case));
        total.add(case, got);
        by_category.entry(case.category).or_default().add(case, got);
        if !case.verdicts.contains(&got) {
            failing.push(case.key());
            if !known.contains(case.key().as_str()) {
                let _ = writeln!(
                    regressions,
                    "  line {}: [{}] expected {:?}, given {:?}: judge says {got}, allowed {} ({})",
                    case.line,
                    case.category,
                    case.expected,
                    case.given,
                    case.verdicts.join(","),
                    case.note
                );
            }
        }
    }
    let failing_set: BTreeSet<&str> = failing.iter().map(String::as_str).collect();
    let mut now_pass = String::new();
    for key in &known {
        if !failing_set.contains(key) {
            let _ = writeln!(now_pass, "now passes, remove from known_failures: {key:?}");
        }
    }

    let mut report = String::from(
        "judge corpus (tests/judge/cases.tsv)\n\
         category                 cases   agree reject  false  f.acc%  f.rej\n",
    );
    for (name, tally) in &by_category {
        let _ = writeln!(report, "{}", tally.row(name));
    }
    let _ = writeln!(report, "{}", total.row("all"));
    let _ = writeln!(
        report,
        "agreement {:.1}% ({} of {}); false accepts {:.1}% ({} of {} must-reject); \
         false rejects {}; failing {} (known {})",
        percent(total.agreed, total.cases),
        total.agreed,
        total.cases,
        percent(total.false_accepts, total.must_reject),
        total.false_accepts,
        total.must_reject,
        total.false_rejects,
        failing.len(),
        known.len(),
    );
    println!("{report}");

    if std::env::var_os("QUIZ_CORPUS_BLESS").is_some() {
        let mut list = String::from("category\texpected\tgiven\n");
        for key in &failing {
            list.push_str(key);
            list.push('\n');
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(KNOWN_FAILURES_PATH);
        std::fs::write(&path, list).expect("write known_failures.tsv");
        println!(
            "wrote {} known failures to {}",
            failing.len(),
            path.display()
        );
        return;
    }
    assert!(
        regressions.is_empty() && now_pass.is_empty(),
        "{report}\nregressions (fail, not in {KNOWN_FAILURES_PATH}):\n{regressions}\n{now_pass}"
    );
}
