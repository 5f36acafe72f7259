//! Gaps → question cards: where a sentence has a clear shape, the fact is also asked as a
//! question, with the cloze written beside it as the alternative.
//!
//! Two shapes only, read from the words without grammar, so a question is drafted only
//! when it cannot go wrong: an event with one date (`The wall fell on 9 November 1989` →
//! `When did the wall fall?`; `The canal was opened in 1869` → `When was the canal
//! opened?`), and an agent named at the start with a verb in the past (`Christopher Wren
//! designed 51 new city churches` → `Who designed 51 new city churches?`). A pronoun
//! subject (`It`, `He`) says too little, so it gets no question.

use super::facts::{Category, Fact};
use super::sentences::Sentence;
use super::vocabulary::FUNCTION_WORDS;

/// A drafted question: which of the card's gaps it asks, and its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Question {
    pub(super) gap: usize,
    pub(super) question: String,
}

/// Past forms of event verbs and their base forms, for `When did … ?`.
#[rustfmt::skip]
const EVENT_VERBS: &[(&str, &str)] = &[
    ("fell", "fall"), ("began", "begin"), ("ended", "end"), ("opened", "open"),
    ("closed", "close"), ("died", "die"), ("started", "start"), ("rose", "rise"),
    ("sank", "sink"), ("erupted", "erupt"), ("collapsed", "collapse"), ("resigned", "resign"),
    ("landed", "land"), ("arrived", "arrive"), ("invaded", "invade"), ("joined", "join"),
    ("met", "meet"), ("signed", "sign"), ("won", "win"), ("became", "become"), ("left", "leave"),
    ("returned", "return"), ("launched", "launch"), ("founded", "found"), ("declared", "declare"),
    ("announced", "announce"), ("captured", "capture"), ("crashed", "crash"),
    ("surrendered", "surrender"), ("abdicated", "abdicate"), ("married", "marry"),
];

/// Participles after `was`/`were` for `When was … ?`.
const PARTICIPLES_IRREGULAR: &[&str] = &[
    "built", "begun", "born", "founded", "held", "made", "set", "shot", "sold", "sunk", "won",
    "written", "given", "taken", "torn", "laid", "known", "broken", "chosen", "drawn", "sent",
];

/// Words that make a subject too vague to ask about.
const PRONOUNS: &[&str] = &[
    "it", "he", "she", "they", "this", "that", "these", "those", "there", "we", "i", "you",
];

fn participle(word: &str) -> bool {
    (word.ends_with("ed") && word.len() > 4) || PARTICIPLES_IRREGULAR.contains(&word)
}

/// `The wall` → `the wall`; a name keeps its capital.
fn subject_case(subject: &str, gaps: &[Fact]) -> String {
    let starts_name = gaps
        .iter()
        .any(|g| g.range.start == 0 && matches!(g.category, Category::Name));
    let first = subject.split(' ').next().unwrap_or_default();
    if starts_name || !matches!(first, "The" | "A" | "An" | "Its" | "His" | "Her" | "Their") {
        return subject.to_string();
    }
    let mut chars = subject.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// A question for one of `gaps`, when the sentence has a clear shape.
pub(super) fn draft(sentence: &Sentence, gaps: &[Fact]) -> Option<Question> {
    if sentence.body != 0 || sentence.value {
        return None;
    }
    let text = sentence.text.as_str();
    when(text, gaps).or_else(|| who(text, gaps))
}

fn when(text: &str, gaps: &[Fact]) -> Option<Question> {
    let dates: Vec<usize> = (0..gaps.len())
        .filter(|&g| matches!(gaps[g].category, Category::Date | Category::Year))
        .collect();
    let [gap] = dates[..] else {
        return None;
    };
    let date = &gaps[gap];
    let before = text[..date.range.start].trim_end();
    let before = before
        .strip_suffix(" on")
        .or_else(|| before.strip_suffix(" in"))?;
    // What follows the date is a new clause or the end: `…, after a spokesman…`.
    let after = text[date.range.end..].trim_start();
    if !(after == "." || after.starts_with(", ") || after.is_empty()) {
        return None;
    }
    if before.contains(['"', '“', '”', ';', '('])
        || gaps
            .iter()
            .any(|g| g.range.start < date.range.start && g.category.is_numeric())
    {
        return None;
    }
    let words: Vec<&str> = before.split(' ').collect();
    let first = words.first()?.to_lowercase();
    let opens_clause = FUNCTION_WORDS.contains(&first.as_str())
        && !matches!(
            first.as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their"
        );
    if opens_clause || PRONOUNS.contains(&first.as_str()) || words.len() < 2 || words.len() > 16 {
        return None;
    }
    // `X was built …` → `When was X built …?`
    // `X was first signed …` → `When was X first signed …?`: an adverb may stand between.
    let adverb =
        |w: &str| w.ends_with("ly") || matches!(w, "first" | "last" | "once" | "later" | "also");
    if let Some(p) = words.iter().position(|w| matches!(*w, "was" | "were"))
        && p >= 1
        && (words.get(p + 1).is_some_and(|w| participle(w))
            || words.get(p + 1).is_some_and(|w| adverb(w))
                && words.get(p + 2).is_some_and(|w| participle(w)))
    {
        let subject = subject_case(&words[..p].join(" "), gaps);
        let rest = words[p + 1..].join(" ");
        return Some(Question {
            gap,
            question: format!("When {} {subject} {rest}?", words[p]),
        });
    }
    // `X fell …` → `When did X fall …?`
    let (p, base) = words.iter().enumerate().skip(1).find_map(|(i, w)| {
        EVENT_VERBS
            .iter()
            .find(|(past, _)| past == w)
            .map(|(_, base)| (i, *base))
    })?;
    if words[..p].iter().any(|w| w.ends_with(',')) && !words[p - 1].ends_with(',') {
        return None;
    }
    // `The Treaty was first signed`: a passive the shape above did not take is no `did`.
    if words[..p]
        .iter()
        .any(|w| matches!(*w, "was" | "were" | "is" | "are" | "had" | "has"))
    {
        return None;
    }
    // `The prime minister, Sir Anthony Eden, resigned`: an apposition keeps both commas.
    let joined = words[..p].join(" ");
    let subject = match joined.strip_suffix(',') {
        Some(head) if !head.contains(',') => head,
        _ => joined.as_str(),
    };
    let subject = subject_case(subject, gaps);
    let rest = words[p + 1..].join(" ");
    let question = if rest.is_empty() {
        format!("When did {subject} {base}?")
    } else {
        format!("When did {subject} {base} {rest}?")
    };
    Some(Question { gap, question })
}

/// A headline that ends with its date (`Nikita Khrushchev Becomes Soviet Premier on March
/// 27, 1958`) is no sentence to gap, but it asks itself: `When did Nikita Khrushchev become
/// Soviet Premier?`.
pub(super) fn headline(text: &str, gaps: &[Fact]) -> Option<Question> {
    let gap = gaps.iter().position(|g| g.category == Category::Date)?;
    let date = &gaps[gap];
    if !text[date.range.end..].trim().is_empty() {
        return None;
    }
    let before = text[..date.range.start].trim_end();
    let before = before
        .strip_suffix(" on")
        .or_else(|| before.strip_suffix(" On"))?;
    let words: Vec<&str> = before.split(' ').collect();
    let (p, base) = words.iter().enumerate().skip(1).find_map(|(i, w)| {
        let lower = w.to_lowercase();
        let stem = lower.strip_suffix('s')?;
        EVENT_VERBS
            .iter()
            .map(|(_, base)| *base)
            .find(|base| *base == stem || stem.strip_suffix('e') == Some(base))
            .map(|base| (i, base))
    })?;
    let first = words[0].to_lowercase();
    if PRONOUNS.contains(&first.as_str()) || FUNCTION_WORDS.contains(&first.as_str()) {
        return None;
    }
    let subject = words[..p].join(" ");
    let rest = words[p + 1..].join(" ");
    let question = if rest.is_empty() {
        format!("When did {subject} {base}?")
    } else {
        format!("When did {subject} {base} {rest}?")
    };
    Some(Question { gap, question })
}

fn who(text: &str, gaps: &[Fact]) -> Option<Question> {
    let gap = gaps
        .iter()
        .position(|g| g.range.start == 0 && g.category == Category::Name)?;
    let after = text[gaps[gap].range.end..].strip_prefix(' ')?;
    let verb = after.split(' ').next()?;
    let past = verb.ends_with("ed") && verb.len() > 4
        || EVENT_VERBS.iter().any(|(p, _)| *p == verb)
        || [
            "gave", "wrote", "led", "said", "built", "drew", "made", "took", "found", "sold",
            "ran", "held", "chose", "sent", "told",
        ]
        .contains(&verb);
    if !past {
        return None;
    }
    // The question runs to the end of the first clause.
    let clause = after.split_once(", ").map_or(after, |(head, _)| head);
    let clause = clause
        .split_once("; ")
        .map_or(clause, |(head, _)| head)
        .trim_end_matches(['.', '!', ';']);
    if clause.split(' ').count() < 3 || clause.contains(['"', '“', '”', '(']) {
        return None;
    }
    let question = format!("Who {clause}?");
    // The answer must not be readable in its own question.
    let name = crate::judge::normalise(&text[gaps[gap].range.clone()]);
    if format!(" {} ", crate::judge::normalise(&question)).contains(&format!(" {name} ")) {
        return None;
    }
    Some(Question { gap, question })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::derive::facts::{context, facts};
    use crate::derive::input::{Format, blocks};
    use crate::derive::rank::choose;
    use crate::derive::sentences::{clean, sentences};

    /// The question drafted for a one-sentence text, with its answer.
    fn question(text: &str) -> Option<(String, String)> {
        let all = sentences(&blocks(&clean(&format!("Notes\n\n{text}")), Format::Text));
        let context = context(&all, "");
        let sentence = &all[0];
        let gaps = choose(
            sentence,
            &facts(sentence, &context),
            &context,
            &HashSet::new(),
        )
        .gaps;
        super::draft(sentence, &gaps).map(|q| {
            (
                q.question,
                sentence.text[gaps[q.gap].range.clone()].to_string(),
            )
        })
    }

    fn asked(question: &str, answer: &str) -> Option<(String, String)> {
        Some((question.to_string(), answer.to_string()))
    }

    #[test]
    fn a_passive_with_an_adverb_is_asked_when_was() {
        assert_eq!(
            question(
                "The Treaty of Waitangi was first signed in the Bay of Islands on 6 February 1840."
            ),
            asked(
                "When was the Treaty of Waitangi first signed in the Bay of Islands?",
                "6 February 1840"
            )
        );
        // No `When did … was …?`: a passive not of that shape asks nothing.
        assert_eq!(
            question("The fort was in ruins and fell on 9 May 1760."),
            None
        );
    }

    #[test]
    fn an_event_with_a_date_is_asked_when() {
        assert_eq!(
            question("The wall fell on 9 November 1989, after a spokesman announced it."),
            asked("When did the wall fall?", "9 November 1989")
        );
        assert_eq!(
            question("The canal was opened to ships in 1869."),
            asked("When was the canal opened to ships?", "1869")
        );
        assert_eq!(
            question("The British prime minister, Sir Anthony Eden, resigned on 9 January 1957."),
            asked(
                "When did the British prime minister, Sir Anthony Eden, resign?",
                "9 January 1957"
            )
        );
        assert_eq!(
            question("It fell on 9 November 1989."),
            None,
            "a pronoun says too little"
        );
        assert_eq!(
            question("By the time the fire was stopped on 6 September 1666, it had spread."),
            None,
            "a sentence opening with a clause has no clear subject"
        );
        assert_eq!(
            question("The wall fell on 9 November 1989 and the border opened on 10 November 1989."),
            None,
            "two dates: which one?"
        );
    }

    #[test]
    fn a_dated_headline_is_asked_when() {
        let headline = |text: &str| {
            let sentence = crate::derive::sentences::Sentence {
                text: text.to_string(),
                ..Default::default()
            };
            let context = context(std::slice::from_ref(&sentence), "");
            let gaps = choose(
                &sentence,
                &facts(&sentence, &context),
                &context,
                &HashSet::new(),
            )
            .gaps;
            super::headline(text, &gaps)
                .map(|q| (q.question, text[gaps[q.gap].range.clone()].to_string()))
        };
        assert_eq!(
            headline("Nikita Khrushchev Becomes Soviet Premier on March 27, 1958"),
            asked(
                "When did Nikita Khrushchev become Soviet Premier?",
                "March 27, 1958"
            )
        );
        assert_eq!(headline("Wall Notes on March 27, 1958"), None, "no verb");
        assert_eq!(
            headline("The Wall Falls on November 9, 1989, at Night"),
            None,
            "the date does not end it"
        );
    }

    #[test]
    fn an_agent_and_a_verb_are_asked_who() {
        assert_eq!(
            question(
                "Christopher Wren presented a plan with wide avenues, but it was never adopted."
            ),
            asked(
                "Who presented a plan with wide avenues?",
                "Christopher Wren"
            )
        );
        assert_eq!(
            question("Christopher Wren was an architect of note."),
            None,
            "no verb in the past"
        );
    }
}
