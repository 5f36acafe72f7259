//! The document's front: the lines above its first paragraph that say who wrote it and
//! when (`By Analisa Nazareno` / `July 6, 2002` under a headline, a speaker's name over
//! `Speech before the …`, a Markdown front matter's `by:` and `date:`). A teacher asks
//! them of the work: `Who wrote “Area Legal Aid Entities Merge”?`, `When is “…” dated?`.
//! No sentence holds these facts, so no cloze could ask them.

use super::facts::{Category, Context, facts};
use super::input::{Block, BlockKind};
use super::sentences::{Sentence, ends_sentence};
use super::vocabulary::INSTITUTIONS;

/// Lines read as the front at most: a cover page, not the body's headings.
const MAX_LINES: usize = 12;

/// Words in a cover line at most.
const MAX_WORDS: usize = 15;

/// The words that open the title of something said aloud: its author gave it.
const SPOKEN: [&str; 7] = [
    "speech",
    "remarks",
    "address",
    "statement",
    "testimony",
    "lecture",
    "keynote",
];

/// A question about the work, its answer and the reference line it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FrontQuestion {
    pub(super) question: String,
    pub(super) answer: String,
    pub(super) explain: String,
}

/// The author's name in a by-line (`By Kelly Greene`, `by Robert Griesemer, on behalf of
/// the Go team`), or in a line that is only a name with an initial (`Edward J. Gleiman`).
fn author(line: &str) -> Option<String> {
    let (rest, marked) = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .map_or((line, false), |rest| (rest, true));
    let name = rest
        .split([',', ';', '('])
        .next()
        .unwrap_or_default()
        .trim();
    let name = name.split(" and ").next().unwrap_or_default().trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let initial = |w: &str| {
        let letters = w.trim_end_matches('.');
        w.ends_with('.') && letters.chars().count() == 1 && letters.chars().all(char::is_uppercase)
    };
    let name_word = |w: &str| {
        initial(w)
            || matches!(
                w,
                "de" | "van" | "von" | "der" | "da" | "al" | "bin" | "Jr."
            )
            || w.starts_with(char::is_uppercase)
                && w.chars()
                    .skip(1)
                    .all(|c| c.is_lowercase() || matches!(c, '-' | '\''))
    };
    let whole = name == rest.trim();
    let shaped = (2..=5).contains(&words.len()) && words.iter().all(|w| name_word(w));
    // Unmarked, only a name with an initial standing alone is sure to be a person's.
    let inner = words
        .get(1..words.len().saturating_sub(1))
        .unwrap_or_default();
    let sure = marked || whole && inner.iter().any(|w| initial(w));
    (shaped && sure).then(|| name.to_string())
}

/// Whether `line` is only the name of a body: capitalised words ending in an institution's
/// (`United States General Accounting Office`).
fn is_body(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.iter().all(|w| {
        w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic)
            || matches!(*w, "of" | "the" | "and" | "for" | "on")
    }) && words
        .last()
        .is_some_and(|w| INSTITUTIONS.contains(&w.to_lowercase().as_str()))
}

/// The first date with a year in `line`, as written (`July 6, 2002`, `2023-02-01`); a
/// field's (`Independence from Denmark: 17 June 1944`) is the field's fact, not the work's.
fn date(line: &str, context: &Context) -> Option<String> {
    if line.contains(": ") {
        return None;
    }
    let sentence = Sentence {
        text: line.to_string(),
        ..Sentence::default()
    };
    facts(&sentence, context)
        .into_iter()
        .filter(|f| f.category == Category::Date)
        .map(|f| line[f.range].to_string())
        .find(|d| d.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4))
}

/// The questions the front asks, with what `--explain` says of it.
pub(super) fn questions(blocks: &[Block], context: &Context) -> (Vec<FrontQuestion>, String) {
    let lines: Vec<&str> = blocks
        .iter()
        // A cover line wrapped in two (`Speech before the` / `Envelope …`) reads as a
        // paragraph, but ends no sentence.
        .take_while(|b| {
            b.kind == BlockKind::Heading
                || !ends_sentence(&b.text) && b.text.split_whitespace().count() <= MAX_WORDS
        })
        .take(MAX_LINES)
        .map(|b| b.text.as_str())
        .collect();
    let by = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| Some((i, author(l)?)));
    // A date split over two lines (`… Wednesday, July` / `17, 2002`) is read joined.
    let dated = (0..lines.len())
        .find_map(|i| date(lines[i], context).map(|d| (i..=i, d, lines[i].to_string())))
        .or_else(|| {
            (0..lines.len()).find_map(|i| {
                let joined = format!("{} {}", lines[i], lines.get(i + 1)?);
                date(&joined, context).map(|d| (i..=i + 1, d, joined))
            })
        });
    let taken = |i: usize| {
        by.as_ref().is_some_and(|(at, _)| *at == i)
            || dated.as_ref().is_some_and(|(at, _, _)| at.contains(&i))
    };
    // The work's name: the first other line of three words or more that is not a body's
    // name (`United States General Accounting Office`, `Office of the General Counsel`), an
    // addressee's (`Before the Select Committee …`) or a publication's short name.
    let title = (0..lines.len())
        .filter(|&i| !taken(i))
        .map(|i| lines[i])
        .find(|l| {
            l.split_whitespace().count() >= 3
                && !is_body(l)
                && !["Office of ", "Before ", "Prepared for", "To "]
                    .iter()
                    .any(|p| l.starts_with(p))
        });
    // A date in the title itself is the headline's to ask (`… Becomes Soviet Premier on
    // March 27, 1958`).
    let dated = dated.filter(|(at, _, _)| !at.contains(&0));
    let mut notes = String::new();
    let Some(title) = title else {
        return (Vec::new(), notes);
    };
    let first = title.split_whitespace().next().unwrap_or_default();
    let spoken = SPOKEN.contains(&first.to_lowercase().as_str());
    // `the speech before the Envelope Manufacturers Association`, else the title quoted.
    let work = if spoken {
        let mut chars = title.chars();
        let head: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_lowercase)
            .collect();
        format!("the {head}{}", chars.as_str())
    } else {
        format!("“{title}”")
    };
    let mut explain = title.to_string();
    if let Some((_, name)) = &by {
        explain.push_str(&format!(", by {name}"));
    }
    if let Some((_, _, line)) = &dated {
        explain.push_str(&format!(", {line}"));
    }
    explain.push('.');
    let mut out = Vec::new();
    if let Some((_, name)) = by.filter(|(_, name)| !title.contains(name.as_str())) {
        let verb = if spoken { "gave" } else { "wrote" };
        out.push(FrontQuestion {
            question: format!("Who {verb} {work}?"),
            answer: name,
            explain: explain.clone(),
        });
    }
    if let Some((_, when, _)) = dated.filter(|(_, when, _)| !title.contains(when.as_str())) {
        let question = if spoken {
            format!("When was {work} given?")
        } else {
            format!("When is {work} dated?")
        };
        out.push(FrontQuestion {
            question,
            answer: when,
            explain,
        });
    }
    for q in &out {
        notes.push_str(&format!(
            "front: {}\n  ? asked as a question: {}\n",
            crate::escape::escape_line(&q.explain),
            crate::escape::escape_line(&q.question)
        ));
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::facts::context;
    use crate::derive::input::{Format, blocks};
    use crate::derive::sentences::{clean, sentences};

    fn asked(text: &str, format: Format) -> Vec<(String, String)> {
        let blocks = blocks(&clean(text), format);
        let context = context(&sentences(&blocks), "");
        questions(&blocks, &context)
            .0
            .into_iter()
            .map(|q| (q.question, q.answer))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(q, a)| ((*q).to_string(), (*a).to_string()))
            .collect()
    }

    #[test]
    fn a_news_story_s_by_line_and_date() {
        let story = "Area Legal Aid Entities Merge\nBy Analisa Nazareno\nJuly 6, 2002\n\nThe letterhead on correspondence still bears the Bexar County\nLegal Aid name, even though the organization is no longer.\n";
        assert_eq!(
            asked(story, Format::Text),
            pairs(&[
                (
                    "Who wrote “Area Legal Aid Entities Merge”?",
                    "Analisa Nazareno"
                ),
                (
                    "When is “Area Legal Aid Entities Merge” dated?",
                    "July 6, 2002"
                ),
            ])
        );
    }

    #[test]
    fn a_speaker_over_his_speech_and_its_place_and_date() {
        let speech = "Edward J. Gleiman\nSpeech before the\nEnvelope Manufacturers Association\nWilliamsburg, VA October 29, 2000\nGood morning ladies and gentlemen.\nThe law provides that the Postal Service may, from time to time,\nrequest that the\nPostal Rate Commission recommend \"rates and fees [that] shall\nprovide sufficient revenues so that total estimated income to the\nPostal Service will equal as nearly as practicable total estimated\ncosts of the Postal Service.\"\n";
        assert_eq!(
            asked(speech, Format::Text),
            pairs(&[
                (
                    "Who gave the speech before the Envelope Manufacturers Association?",
                    "Edward J. Gleiman"
                ),
                (
                    "When was the speech before the Envelope Manufacturers Association given?",
                    "October 29, 2000"
                ),
            ])
        );
    }

    #[test]
    fn a_front_matter_s_author_and_date() {
        let post = "---\ntitle: Go 1.20 is released!\ndate: 2023-02-01\nby:\n- Robert Griesemer, on behalf of the Go team\nsummary: Go 1.20 brings PGO.\n---\n\nToday the Go team is thrilled to release Go 1.20, which you can get now.\n";
        assert_eq!(
            asked(post, Format::Markdown),
            pairs(&[
                ("Who wrote “Go 1.20 is released!”?", "Robert Griesemer"),
                ("When is “Go 1.20 is released!” dated?", "2023-02-01"),
            ])
        );
    }

    #[test]
    fn no_title_no_question_and_a_headline_s_own_date_is_its_own() {
        let letter = "Office of the General Counsel\nB-278810\nDecember 18, 1997\n\nThe Honorable John McCain wrote to the committee on 3 May 1997.\n";
        assert_eq!(asked(letter, Format::Text), []);
        let release = "4/06/93: GIBBONS OUTLINES SPACE STATION REDESIGN GUIDANCE\n\n        Dr.  John H.  Gibbons, Director, outlined three budget options.\n";
        assert_eq!(asked(release, Format::Text), []);
        let unsigned =
            "The Great Fire of London\n\nThe fire broke out on 2 September 1666 in a bakery.\n";
        assert_eq!(asked(unsigned, Format::Text), []);
    }
}
