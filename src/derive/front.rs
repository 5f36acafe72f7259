//! The document's front: the lines above its first paragraph that say who wrote it and
//! when (`By Analisa Nazareno` / `July 6, 2002` under a headline, a speaker's name over
//! `Speech before the …`, a Markdown front matter's `by:` and `date:`). A teacher asks
//! them of the work: `Who wrote “Area Legal Aid Entities Merge”?`, `When is “…” dated?`.
//! No sentence holds these facts, so no cloze could ask them.

use super::facts::{Category, Context, facts};
use super::input::{Block, BlockKind};
use super::sentences::{Sentence, ends_sentence};
use super::vocabulary::{INSTITUTIONS, ROLES, TITLES};

/// Lines read as the front at most: a cover page, not the body's headings.
const MAX_LINES: usize = 16;

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
    /// Other right answers: the name with the role the line gives (`David Walker,
    /// Comptroller General of the United States`).
    pub(super) accept: Vec<String>,
    pub(super) explain: String,
}

/// The words that open a cover line naming who speaks (`Statement of David Walker,
/// Comptroller General of the United States`).
const STATEMENT: [&str; 4] = [
    "Statement of ",
    "Testimony of ",
    "Remarks of ",
    "Statement by ",
];

/// Words that open an official's role besides the titles and roles a name may carry
/// ([`TITLES`], [`ROLES`]): `Comptroller General`, `Acting Director`.
const ROLE_WORDS: [&str; 4] = ["comptroller", "acting", "assistant", "associate"];

/// Words a wrapped cover line cannot end on: the name goes on in the next line
/// (`Before the Select Committee on Homeland Security, House of` / `Representatives`).
const GOES_ON: [&str; 9] = ["of", "the", "and", "for", "on", "in", "at", "to", "by"];

/// The speaker and the role a statement line gives (`Statement of David Walker,
/// Comptroller General of the United States`), the role wrapped into `next` when the line
/// stops inside a name (`… of the United` / `States`).
fn statement(line: &str, next: Option<&str>) -> Option<(String, Option<String>)> {
    let rest = STATEMENT.iter().find_map(|p| line.strip_prefix(p))?;
    // `David M. Walker Comptroller General of …`: without a comma the role starts at its
    // first word.
    let role_at = rest.find(", ").or_else(|| {
        rest.match_indices(' ').map(|(at, _)| at).find(|&at| {
            let word = rest[at + 1..].split(' ').next().unwrap_or_default();
            let word = word.to_lowercase();
            ROLES.contains(&word.as_str())
                || TITLES.contains(&word.as_str())
                || ROLE_WORDS.contains(&word.as_str())
        })
    });
    let (name, role) = role_at.map_or((rest, None), |at| {
        (&rest[..at], Some(rest[at..].trim_start_matches([',', ' '])))
    });
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    let role = role.map(|role| {
        let capital = |w: &str| w.starts_with(char::is_uppercase);
        let carried = next
            .and_then(|n| n.split_whitespace().next())
            .filter(|w| capital(w) && w.chars().all(char::is_alphabetic));
        match carried {
            Some(word) if role.rsplit(' ').next().is_some_and(capital) => {
                format!("{role} {word}")
            }
            _ => role.to_string(),
        }
    });
    Some((name.to_string(), role))
}

/// The last words of a newspaper's or magazine's name.
const PUBLICATIONS: [&str; 14] = [
    "times",
    "post",
    "journal",
    "news",
    "herald",
    "tribune",
    "gazette",
    "chronicle",
    "press",
    "review",
    "magazine",
    "weekly",
    "daily",
    "telegraph",
];

/// `The Los Angeles Times`, `The Wall Street Journal`: the paper a story ran in, above its
/// headline, not the story's title.
fn publication(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| PUBLICATIONS.contains(&w.to_lowercase().as_str()))
}

/// `GAO-02-957T`, `B-278810`: a report's number, a line of its own on the cover.
fn report_number(line: &str) -> bool {
    let parts: Vec<&str> = line.split('-').collect();
    let letters = parts
        .first()
        .is_some_and(|p| (1..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_uppercase()));
    let numbered = parts.get(1..).is_some_and(|rest| {
        !rest.is_empty()
            && rest.iter().all(|p| {
                let digits = p.trim_end_matches(|c: char| c.is_ascii_uppercase());
                !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
            })
    });
    !line.contains(' ') && letters && numbered
}

/// `HOMELAND SECURITY` → `Homeland Security`.
fn title_cased(caps: &str) -> String {
    caps.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    // A cover line wrapped on `of` goes on in the next (`… House of` / `Representatives`).
    let mut lines: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
    let mut i = 0;
    while i + 1 < lines.len() {
        let last = lines[i].rsplit(' ').next().unwrap_or_default();
        if (GOES_ON.contains(&last) || lines[i].ends_with(',')) && lines[i].contains(' ') {
            let next = lines.remove(i + 1);
            lines[i] = format!("{} {next}", lines[i]);
        } else {
            i += 1;
        }
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let speaker = (0..lines.len()).find_map(|i| {
        statement(lines[i], lines.get(i + 1).copied()).map(|(name, role)| (i, name, role))
    });
    let before = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| l.strip_prefix("Before ").map(|rest| (i, rest.to_string())));
    let number = lines
        .iter()
        .enumerate()
        .find(|(_, l)| report_number(l))
        .map(|(i, l)| (i, (*l).to_string()));
    let body = lines
        .first()
        .filter(|l| is_body(l))
        .map(|l| (*l).to_string());
    let paper = lines
        .iter()
        .position(|l| publication(l))
        .map(|i| (i, lines[i].to_string()));
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
            || speaker.as_ref().is_some_and(|(at, _, _)| *at == i)
            || paper.as_ref().is_some_and(|(at, _)| *at == i)
    };
    // The work's name: the first other line of three words or more that is not a body's
    // name (`United States General Accounting Office`, `Office of the General Counsel`), an
    // addressee's (`Before the Select Committee …`) or a publication's short name.
    let at = (0..lines.len()).filter(|&i| !taken(i)).find(|&i| {
        let l = lines[i];
        l.split_whitespace().count() >= 3
            && !is_body(l)
            && ![
                "Office of ",
                "Before ",
                "Prepared for",
                "To ",
                "For Release",
            ]
            .iter()
            .any(|p| l.starts_with(p))
    });
    // `HOMELAND SECURITY` over `Critical Design and Implementation Issues`: a report's
    // title in capitals above its subtitle.
    let title = at.map(|i| {
        let caps = i.checked_sub(1).map(|p| lines[p]).filter(|p| {
            !taken(i - 1)
                && !is_body(p)
                && p.chars().any(char::is_alphabetic)
                && !p.chars().any(char::is_lowercase)
                && p.split_whitespace().count() >= 2
        });
        let shouted = |l: &str| !l.chars().any(char::is_lowercase);
        match caps {
            Some(caps) => format!("{}: {}", title_cased(caps), lines[i]),
            // `FISCAL YEAR 2002 BUDGET REQUEST`: a cover's capitals are its typesetting.
            None if shouted(lines[i]) => title_cased(lines[i]),
            None => lines[i].to_string(),
        }
    });
    // A date in the title itself is the headline's to ask (`… Becomes Soviet Premier on
    // March 27, 1958`).
    let dated = dated.filter(|(at, _, _)| !at.contains(&0));
    let mut notes = String::new();
    let Some(title) = title else {
        return (Vec::new(), notes);
    };
    let title = title.as_str();
    let first = title.split_whitespace().next().unwrap_or_default();
    let spoken = SPOKEN.contains(&first.to_lowercase().as_str()) || speaker.is_some();
    // `the speech before the Envelope Manufacturers Association`, else the title quoted.
    let work = if spoken && speaker.is_some() {
        format!("the statement “{title}”")
    } else if spoken {
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
    if let Some((_, name, role)) = &speaker {
        explain.push_str(&format!(", by {name}"));
        if let Some(role) = role {
            explain.push_str(&format!(", {role}"));
        }
    }
    if let Some((_, to)) = &before {
        explain.push_str(&format!(", before {to}"));
    }
    if let Some((_, number)) = &number {
        explain.push_str(&format!(", {number}"));
    }
    if let Some((_, paper)) = &paper {
        explain.push_str(&format!(", in {paper}"));
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
            accept: Vec::new(),
            explain: explain.clone(),
        });
    }
    if let Some((_, name, role)) = speaker {
        out.push(FrontQuestion {
            question: format!("Who gave {work}?"),
            accept: role.map(|r| format!("{name}, {r}")).into_iter().collect(),
            answer: name,
            explain: explain.clone(),
        });
    }
    // `Before the Select Committee on …`: whom a statement was given to (a speech's title
    // says it already).
    if let Some((_, to)) = before.filter(|_| spoken && !work.contains(" before ")) {
        let bare = to.strip_prefix("the ").unwrap_or(&to).to_string();
        // `…, House of Representatives`: the body it belongs to may be left out.
        let short = bare.split(", ").next().unwrap_or(&bare).to_string();
        let mut accept = vec![to.clone()];
        if short != bare {
            accept.push(bare.clone());
        }
        accept.retain(|a| *a != short);
        out.push(FrontQuestion {
            question: format!("Before whom was {work} given?"),
            answer: short,
            accept,
            explain: explain.clone(),
        });
    }
    if let Some((_, number)) = number {
        out.push(FrontQuestion {
            question: format!("What is the report number of {work}?"),
            answer: number,
            accept: Vec::new(),
            explain: explain.clone(),
        });
    }
    if let Some((_, paper)) = paper.filter(|(_, p)| !title.contains(p.as_str())) {
        let bare = paper.strip_prefix("The ").map(str::to_string);
        out.push(FrontQuestion {
            question: format!("Which paper published {work}?"),
            answer: paper,
            accept: bare.into_iter().collect(),
            explain: explain.clone(),
        });
    }
    // `United States General Accounting Office` heading the cover: who issued it.
    if let Some(body) = body.filter(|b| !title.contains(b.as_str())) {
        let short = ["United States ", "U.S. ", "US "]
            .iter()
            .find_map(|p| body.strip_prefix(p))
            .map(str::to_string);
        out.push(FrontQuestion {
            question: format!("Which body issued {work}?"),
            answer: body,
            accept: short.into_iter().collect(),
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
            accept: Vec::new(),
            explain,
        });
    }
    if let Some(q) = out.first() {
        notes.push_str(&format!(
            "front: {}\n",
            crate::escape::escape_line(&q.explain)
        ));
    }
    for q in &out {
        notes.push_str(&format!(
            "  ? asked as a question: {}\n",
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
    fn a_newspaper_over_its_story_is_where_it_ran_not_its_title() {
        let story = "\n\nThe Los Angeles Times\n\nLockyer Warns of Firms Posing as Legal Aid Services\nJocelyn Y. Stewart\nFriday July 5, 2002\nState Atty. Gen. Bill Lockyer is warning Californians to beware\nof businesses that advertise legal services.\n";
        let work = "“Lockyer Warns of Firms Posing as Legal Aid Services”";
        assert_eq!(
            asked(story, Format::Text),
            pairs(&[
                (&format!("Who wrote {work}?"), "Jocelyn Y. Stewart"),
                (
                    &format!("Which paper published {work}?"),
                    "The Los Angeles Times"
                ),
                (&format!("When is {work} dated?"), "July 5, 2002"),
            ])
        );
    }

    #[test]
    fn a_testimony_s_cover_its_speaker_addressee_number_and_body() {
        let cover = "United States General Accounting Office\nTestimony\nGAO\n\nBefore the Select Committee on Homeland Security, House of\nRepresentatives\nFor Release on Delivery Expected at 10:00 a.m. Wednesday, July\n17, 2002\nHOMELAND SECURITY\n\n\n\nCritical Design and Implementation Issues\n\nStatement of David Walker, Comptroller General of the United\nStates\na\n\n\nGAO-02-957T\n\nMr. Chairman and Members of the Select Committee:\n\nThank you for the opportunity to appear before\nthis Select Committee today to discuss one of the most important\nissues of our time.\n";
        let blocks = blocks(&clean(cover), Format::Text);
        let context = context(&sentences(&blocks), "");
        let asked: Vec<(String, String, Vec<String>)> = questions(&blocks, &context)
            .0
            .into_iter()
            .map(|q| (q.question, q.answer, q.accept))
            .collect();
        let work = "the statement “Homeland Security: Critical Design and Implementation Issues”";
        let strings = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(
            asked,
            vec![
                (
                    format!("Who gave {work}?"),
                    "David Walker".to_string(),
                    strings(&["David Walker, Comptroller General of the United States"])
                ),
                (
                    format!("Before whom was {work} given?"),
                    "Select Committee on Homeland Security".to_string(),
                    strings(&[
                        "the Select Committee on Homeland Security, House of Representatives",
                        "Select Committee on Homeland Security, House of Representatives"
                    ])
                ),
                (
                    format!("What is the report number of {work}?"),
                    "GAO-02-957T".to_string(),
                    Vec::new()
                ),
                (
                    format!("Which body issued {work}?"),
                    "United States General Accounting Office".to_string(),
                    strings(&["General Accounting Office"])
                ),
                (
                    format!("When was {work} given?"),
                    "Wednesday, July 17, 2002".to_string(),
                    Vec::new()
                ),
            ]
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
