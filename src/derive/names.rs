//! Names in a sentence: runs of capitalised words with their particles and initials
//! (`Charles de Gaulle`, `John F. Kennedy`), cut when too long to be one name, without the
//! titles, roles and `-led` adjectives around them, and with the abbreviation the document
//! gives after one (`(FRG)`) as its other answer.

use std::collections::HashSet;
use std::ops::Range;

use super::facts::{Category, Context, Fact, claim};
use super::vocabulary::{
    ADJECTIVE_ENDINGS, INSTITUTIONS, MEASURES, NATIONALITIES, PARTICLES, POST_TITLES, ROLES,
    THING_HEADS, TITLES,
};
use super::words::{all_digits, capitalised, is_month, name_word, without_possessive};
use crate::judge;

/// The longest proper name taken as one gap; a longer capitalised run is split at its
/// particles (`First Secretary of the Communist Party` → two names).
pub(super) const MAX_NAME_WORDS: usize = 6;

/// A name from one piece of a capitalised run: the sentence's capitalised first word only
/// when known, titles and adjectives left out, an abbreviation after it accepted.
#[allow(clippy::too_many_arguments)]
pub(super) fn name_fact(
    part: bool,
    text: &str,
    tokens: &[Range<usize>],
    piece: Vec<usize>,
    body_start: usize,
    context: &Context,
    claimed: &mut [bool],
    found: &mut Vec<Fact>,
) {
    let word = |k: usize| &text[tokens[k].clone()];
    let Some(&first) = piece.first() else {
        return;
    };
    // The first word of a sentence is capitalised anyway: it starts a name only when it is
    // a known name or the next word is capitalised too, and alone it is never a gap.
    // So is the first after a dash that breaks the sentence off (`concluded that the----
    // Wait a minute`).
    let before = text[..tokens[first].start].trim_end();
    let after_dash = before.ends_with("--") || before.ends_with('—');
    let at_start = (first == body_start || after_dash) && !part;
    // `Nicolas-Théodore de Saussure` is a name; `See the BBC page` is not.
    // `Celebrating 10 years of Go`: a sentence opening on a gerund and a number names
    // nothing.
    if at_start
        && word(first).ends_with("ing")
        && piece
            .get(1)
            .is_some_and(|&t| word(t).starts_with(|c: char| c.is_ascii_digit()))
    {
        return;
    }
    // `Women Who Go`: a capitalised small word and a capitalised word after the run say
    // it is the head of a longer title, cut where the draft cannot see its end.
    if let Some(&last) = piece.last()
        && last + 2 < tokens.len()
        && text[tokens[last].end..tokens[last + 2].start]
            .split(' ')
            .filter(|w| !w.is_empty())
            .eq([word(last + 1)])
        && capitalised(word(last + 1))
        && super::vocabulary::FUNCTION_WORDS.contains(&word(last + 1).to_lowercase().as_str())
        && !matches!(word(last + 1), "I" | "A")
        && name_word(word(last + 2))
    {
        return;
    }
    // `the First and Second World Wars`: an ordinal before `and` shares the name, which
    // neither half asks whole.
    if first >= 2
        && text[tokens[first - 1].end..tokens[first].start] == *" "
        && word(first - 1) == "and"
        && matches!(
            word(first - 2),
            "First" | "Second" | "Third" | "Fourth" | "Fifth" | "Sixth" | "Seventh" | "Eighth"
        )
        && text[tokens[first - 2].end..tokens[first - 1].start] == *" "
    {
        return;
    }
    // `OpenSSL took over`, `GoBridge and …`: a word with a capital inside is a name
    // wherever it stands.
    let inner_capital =
        |w: &str| w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let keeps_first = !at_start
        || context.known.contains(without_possessive(word(first)))
        || inner_capital(word(first))
        || piece
            .get(1)
            .is_some_and(|&t| capitalised(word(t)) || !matches!(word(t), "the" | "of" | "for"));
    let mut piece: Vec<usize> = if keeps_first {
        piece
    } else {
        piece[1..]
            .iter()
            .copied()
            .skip_while(|&t| PARTICLES.contains(&word(t)))
            .collect()
    };
    let lower = |k: usize| {
        let l = without_possessive(word(k))
            .trim_end_matches('.')
            .to_lowercase();
        // `Senators James M. Jeffords`: a title in the plural is a title still.
        match l.strip_suffix('s') {
            Some(one) if TITLES.contains(&one) => one.to_string(),
            _ => l,
        }
    };
    // `Lord Mayor`, `Prime Minister`: a role, not a name.
    if piece
        .iter()
        .all(|&t| TITLES.contains(&lower(t).as_str()) || PARTICLES.contains(&word(t)))
    {
        return;
    }
    // Titles, roles and adjectives are left out: `Dr Helen Okafor`, `Soviet-led Warsaw Pact`.
    while piece.len() > 1 {
        let head = piece[0];
        // `Soviet-led`; a nationality stays (`German Democratic Republic`), and a bare one
        // is never asked (see `rank`).
        let adjective = ADJECTIVE_ENDINGS.iter().any(|e| lower(head).ends_with(e));
        // `Brazilian Rafael Sagula`: a nationality before a person says where they are
        // from; before a thing it is part of its name (`German Democratic Republic`).
        // `Southern Arizona Legal Aid`: a region word opens a place's name, not a person's.
        let nationality = NATIONALITIES.contains(&lower(head).as_str())
            && !lower(head).ends_with("ern")
            && reads_as_person(&piece[1..].iter().map(|&t| word(t)).collect::<Vec<_>>());
        // `Secretary of State`, `Minister for Health`: an office whole, when what it is of
        // is a common word; `President of Mexico` still asks the country.
        if TITLES.contains(&lower(head).as_str())
            && let [_, of, office] = piece[..]
            && PARTICLES.contains(&word(of))
            && (THING_HEADS.contains(&lower(office).as_str())
                || INSTITUTIONS.contains(&lower(office).as_str())
                || written_lower(&lower(office), &context.lower))
        {
            for t in piece {
                claimed[t] = true;
            }
            return;
        }
        if TITLES.contains(&lower(head).as_str()) || adjective || nationality {
            claimed[head] = true;
            piece.remove(0);
            while piece.first().is_some_and(|&t| PARTICLES.contains(&word(t))) {
                piece.remove(0);
            }
        } else {
            break;
        }
    }
    // `state Attorney General Janet Napolitano`, `Arizona Supreme Court Justice Thomas
    // Zlaket`: the run up to its last title or role is the person's office, not the name,
    // when what follows reads as a person (no institution word, no `of`, no role last).
    let role = |t: usize| {
        let l = lower(t);
        TITLES.contains(&l.as_str()) || ROLES.contains(&l.as_str())
    };
    if let Some(p) = piece[..piece.len().saturating_sub(1)]
        .iter()
        .rposition(|&t| role(t))
    {
        let rest = &piece[p + 1..];
        let person = rest.iter().all(|&t| {
            !INSTITUTIONS.contains(&lower(t).as_str()) && !matches!(word(t), "of" | "the" | "for")
        }) && rest.last().is_some_and(|&t| !role(t));
        if person {
            for &t in &piece[..=p] {
                claimed[t] = true;
            }
            piece.drain(..=p);
        }
    }
    // `Danger Inc.`: a company's abbreviated legal form is no part of the answer a learner
    // gives; it stays in view. (Not `OS`: `CP/M OS` is CP/M, but `Firefox OS` is a name.)
    while piece.len() > 1
        && piece.last().is_some_and(|&t| {
            POST_TITLES.contains(&word(t))
                || matches!(
                    word(t).trim_end_matches('.'),
                    "Inc" | "Ltd" | "LLC" | "plc" | "PLC" | "GmbH"
                )
        })
    {
        if let Some(t) = piece.pop() {
            claimed[t] = true;
        }
    }
    let (Some(&first), Some(&last)) = (piece.first(), piece.last()) else {
        return;
    };
    // `Australia and New Zealand Army Corps (ANZAC)`: the name an abbreviation stands for
    // runs back as far as its letters say.
    let abbreviation = text[tokens[last].end..]
        .strip_prefix(" (")
        .and_then(|rest| rest.split_once(')'))
        .map(|(inside, _)| inside)
        .filter(|inside| is_abbreviation(inside));
    let mut first = first;
    let mut spelt = true;
    if let Some(abbreviation) = abbreviation {
        let words: Vec<&str> = (first..=last).map(word).collect();
        spelt = spelt_by(&words, abbreviation);
        let mut k = first;
        while !spelt && k > 0 && first - k < 8 {
            k -= 1;
            let gap = &text[tokens[k].end..tokens[k + 1].start];
            let in_name = found.iter().any(|f| {
                matches!(f.category, Category::Name | Category::Word)
                    && f.range.start <= tokens[k].start
                    && tokens[k].end <= f.range.end
            });
            if !matches!(gap, " " | ", ") || (claimed[k] && !in_name) {
                break;
            }
            let words: Vec<&str> = (k..=last).map(word).collect();
            if spelt_by(&words, abbreviation) {
                // The shorter names it swallows are no facts of their own.
                let span = tokens[k].start..tokens[first].start;
                found.retain(|f| f.range.end <= span.start || f.range.start >= span.end);
                for taken in &mut claimed[k..first] {
                    *taken = false;
                }
                first = k;
                spelt = true;
            }
        }
    }
    if piece.len() == 1 && first == body_start && !part && !inner_capital(word(first)) {
        return;
    }
    // `the federal Agency` where the document also writes `agencies`: emphasis, not a name.
    // An initialism is no emphasis, even where a web address spells it small
    // (`AARP's` beside `www.aarp.org`).
    if piece.len() == 1
        && !is_abbreviation(without_possessive(word(first)))
        && written_lower(&lower(first), &context.lower)
    {
        return;
    }
    let category = if piece.len() == 1 {
        Category::Word
    } else {
        Category::Name
    };
    // `Waleed al Shehri-were selected`: a hyphen before a small word is a dash typed
    // without spaces, and the name ends at it.
    // `St. Mary's` alone is the name of a place (a school, a church): it keeps its `'s`.
    let saints = matches!(word(first), "St" | "Saint") && first < last;
    let last_word = if saints {
        word(last)
    } else {
        without_possessive(word(last))
    };
    let dash = last_word.find('-').filter(|&at| {
        let after = &last_word[at + 1..];
        after.starts_with(char::is_lowercase)
            && !ADJECTIVE_ENDINGS.iter().any(|e| last_word.ends_with(e))
    });
    let end = tokens[last].start + dash.unwrap_or(last_word.len());
    let range = tokens[first].start..end;
    // `Federal Republic of Germany (FRG)`: the abbreviation is a right answer too.
    let accept = text[end..]
        .strip_prefix(" (")
        .and_then(|rest| rest.split_once(')'))
        .map(|(inside, _)| inside)
        .filter(|inside| is_abbreviation(inside) && spelt)
        .map(str::to_string);
    let known = context
        .abbreviations
        .get(&judge::normalise(&text[range.clone()]))
        .cloned();
    // The abbreviation in parentheses is the name's other answer, not a fact of its own.
    if let Some(abbreviation) = &accept
        && tokens
            .get(last + 1)
            .is_some_and(|t| &text[t.clone()] == abbreviation)
    {
        claimed[last + 1] = true;
    }
    // The abbreviation beside a gap would spell its answer: the card leaves it out.
    let hide = accept.as_ref().map(|a| end..end + a.len() + 3);
    claim(found, claimed, first..=last, range, category);
    if let Some(fact) = found.last_mut() {
        fact.hide = hide;
        fact.accept = accept.or(known).into_iter().collect();
    }
}

/// Whether the words of a name read as a person's: two or three capitalised words, none
/// an initialism, an institution, a role or a kind of thing a name can end in (`Democratic
/// Republic`, `Air Force`).
pub(super) fn reads_as_person(words: &[&str]) -> bool {
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            let l = w.to_lowercase();
            capitalised(w)
                && !is_abbreviation(w)
                && !INSTITUTIONS.contains(&l.as_str())
                && !ROLES.contains(&l.as_str())
                && !NATIONALITIES.contains(&l.as_str())
                && !THING_HEADS.contains(&l.as_str())
        })
}

/// Whether `word` (lower-cased) or its singular or plural is among the words `lower`.
fn written_lower(word: &str, lower: &HashSet<String>) -> bool {
    let mut forms = vec![word.to_string(), format!("{word}s"), format!("{word}es")];
    if let Some(stem) = word.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
    }
    if let Some(stem) = word.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix('s') {
        forms.push(stem.to_string());
    }
    forms.iter().any(|f| lower.contains(f))
}

/// The letters a name's words give an abbreviation: each word's first, all of a word in
/// capitals (`US`), none of the small words (`and`, `of`, `on`, `the`).
pub(in crate::derive) fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !PARTICLES.contains(w) && !matches!(**w, "and" | "on" | "in" | "&"))
        .map(|w| {
            if w.chars().count() > 1 && w.chars().all(char::is_uppercase) {
                (*w).to_string()
            } else {
                w.chars().next().map(String::from).unwrap_or_default()
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// Whether the name's initials are `abbreviation`, its small words left out (`Department
/// of Homeland Security`, `DHS`) or in (`Department of Defense`, `DOD`).
fn spelt_by(words: &[&str], abbreviation: &str) -> bool {
    let wanted = abbreviation.to_lowercase();
    let every: String = words
        .iter()
        .filter(|w| !matches!(**w, "and" | "&"))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_lowercase();
    initials(words) == wanted || every == wanted
}

/// `FRG`, `ISK`, `UNEF`: two to six capitals.
pub(super) fn is_abbreviation(text: &str) -> bool {
    (2..=6).contains(&text.chars().count()) && text.chars().all(|c| c.is_uppercase())
}

/// Token indexes of the capitalised run starting at `i`: capitalised words joined by
/// single spaces, with particles between them; a possessive ends the run.
pub(super) fn name_run(
    text: &str,
    tokens: &[Range<usize>],
    claimed: &[bool],
    i: usize,
) -> Vec<usize> {
    let word = |k: usize| &text[tokens[k].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    let mut run = vec![i];
    loop {
        extend_run(text, tokens, claimed, i, &mut run);
        let Some(&j) = run.last() else { break };
        // Whether the run's last word, with no possessive, is followed by `width` more
        // unclaimed words each one space on: the ground every "runs on through" rule below
        // stands on.
        let runs_on = |width: usize| {
            j + width < tokens.len()
                && (j + 1..=j + width).all(|t| !claimed[t] && between(t - 1, t) == " ")
                && without_possessive(word(j)) == word(j)
        };
        // `Council on Aging`, `Commission for Racial Equality`: an institution's name
        // runs on through the small word that says what it deals with.
        let k = j + 2;
        if runs_on(2)
            && INSTITUTIONS.contains(&word(j).to_lowercase().as_str())
            && matches!(word(j + 1), "on" | "for")
            && name_word(word(k))
        {
            run.extend(j + 1..=k);
            continue;
        }
        // `Legal Aid and Defender Association`: one institution of two things, when what
        // follows `and` ends in an institution's word and what comes before has none.
        if j + 2 < tokens.len()
            && word(j + 1) == "and"
            && between(j, j + 1) == " "
            && between(j + 1, j + 2) == " "
            && !claimed[j + 1]
            && run
                .iter()
                .all(|&t| !INSTITUTIONS.contains(&word(t).to_lowercase().as_str()))
        {
            let mut end = j + 2;
            while end + 1 < tokens.len()
                && !claimed[end + 1]
                && between(end, end + 1) == " "
                && name_word(word(end + 1))
            {
                end += 1;
            }
            if (j + 2..=end).all(|t| !claimed[t] && name_word(word(t)))
                && end - (j + 2) < 3
                && INSTITUTIONS.contains(&word(end).to_lowercase().as_str())
            {
                run.extend(j + 1..=end);
                continue;
            }
        }
        // `University of California at Santa Cruz`: a university's campus is its name's.
        if runs_on(2)
            && word(j + 1) == "at"
            && matches!(word(run[0]), "University" | "College")
            && run.iter().any(|&t| word(t) == "of")
            && name_word(word(j + 2))
        {
            run.extend(j + 1..=j + 2);
            continue;
        }
        // `Legal Services Lawyer of the Year Award`, `Player of the Year`: an award's name
        // runs on through its `of the Year`.
        let k = j + 3;
        if runs_on(3)
            && word(j + 1) == "of"
            && word(j + 2) == "the"
            && matches!(word(k), "Year" | "Decade" | "Century" | "Month")
        {
            run.extend(j + 1..=k);
            continue;
        }
        // `Department of Housing and Urban Development`, `Laboratory of Survival and
        // Longevity`: what an institution is of may be two things joined by `and`.
        let k = j + 2;
        if runs_on(2)
            && word(j + 1) == "and"
            && name_word(word(k))
            && run.windows(2).any(|pair| {
                let head = word(pair[0]).to_lowercase();
                word(pair[1]) == "of"
                    && (INSTITUTIONS.contains(&head.as_str())
                        || OF_AND_HEADS.contains(&head.as_str()))
            })
        {
            run.extend(j + 1..=k);
            continue;
        }
        // `U.S. administration on Aging`: an institution the writer wrote in lower case
        // between two pieces of its name.
        let k = j + 3;
        if runs_on(3)
            && INSTITUTIONS.contains(&word(j + 1))
            && matches!(word(j + 2), "of" | "on" | "for")
            && name_word(word(k))
        {
            run.extend(j + 1..=k);
        } else {
            break;
        }
    }
    run_number(text, tokens, claimed, &mut run);
    run
}

/// Heads of a name that is of two things (`Laboratory of Survival and Longevity`), beside
/// the institutions.
const OF_AND_HEADS: [&str; 6] = [
    "laboratory",
    "museum",
    "centre",
    "center",
    "faculty",
    "secretary",
];

/// The words naming a place or body after a possessive inside its name.
const POSSESSIVE_HEADS: [&str; 20] = [
    "Shelter",
    "Hospital",
    "Church",
    "Cathedral",
    "College",
    "School",
    "Society",
    "Association",
    "Center",
    "Centre",
    "Fund",
    "Foundation",
    "Club",
    "Union",
    "League",
    "Home",
    "Clinic",
    "Prize",
    "Award",
    "Day",
];

/// Bodies named for their subject with `on`: `Committee on Foreign Relations`.
const BODIES_ON: [&str; 10] = [
    "committee",
    "subcommittee",
    "commission",
    "conference",
    "council",
    "panel",
    "convention",
    "treaty",
    "symposium",
    "forum",
];

/// Joins to `run` (which starts at `i`) the capitalised words after it, with their
/// particles.
fn extend_run(
    text: &str,
    tokens: &[Range<usize>],
    claimed: &[bool],
    i: usize,
    run: &mut Vec<usize>,
) {
    let word = |k: usize| &text[tokens[k].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    // An initial's dot joins (`John F. Kennedy`, and `Evo. A. DeConcini` before one), and
    // `St Paul's Cathedral` keeps its possessive; any other possessive ends the name.
    let initial = |k: usize| word(k).chars().count() == 1 && capitalised(word(k));
    // `Aoraki/Mount Cook`: one place under its two names.
    // `St. Mary's`, `Mt. Hood`: a saint's or a mountain's dot joins as an initial's does.
    let prefix = |k: usize| matches!(word(k), "St" | "Mt" | "Ft");
    let joined = |k: usize| {
        between(k - 1, k) == " "
            || (between(k - 1, k) == ". "
                && (initial(k - 1) || prefix(k - 1) || initial(k) && capitalised(word(k - 1))))
            || (between(k - 1, k) == "/" && capitalised(word(k - 1)) && capitalised(word(k)))
    };
    let Some(&start) = run.last() else {
        return;
    };
    // `Battered Women's Shelter`, `St Mary's Hospital`: a possessive inside the name of a
    // place or body goes on to the word that names it.
    let body_after = |j: usize| {
        tokens
            .get(j + 1)
            .is_some_and(|_| between(j, j + 1) == " " && POSSESSIVE_HEADS.contains(&word(j + 1)))
    };
    let mut j = start;
    while without_possessive(word(j)) == word(j)
        || matches!(word(i), "St" | "Saint") && j > i
        || body_after(j)
    {
        let mut k = j + 1;
        // `Advisory Committee on the Redesign of the Space Station`: a body named for
        // what it is on.
        let particle = |k: usize| {
            PARTICLES.contains(&word(k))
                || word(k) == "on"
                    && k == j + 1
                    && BODIES_ON.contains(&word(j).to_lowercase().as_str())
        };
        while k < tokens.len() && !claimed[k] && joined(k) && particle(k) {
            k += 1;
        }
        if k < tokens.len()
            && !claimed[k]
            && joined(k)
            // `Evo. A. DeConcini`: an initial `A.` is no article.
            && (name_word(word(k)) || initial(k) && text[tokens[k].end..].starts_with(". "))
            && (k == j + 1 || word(k) != "The")
        {
            run.extend(j + 1..=k);
            j = k;
        } else {
            break;
        }
    }
}

/// `Apollo 11`, `Saturn 5`: a number right after a name is part of it.
fn run_number(text: &str, tokens: &[Range<usize>], claimed: &[bool], run: &mut Vec<usize>) {
    let word = |k: usize| &text[tokens[k].clone()];
    let between = |a: usize, b: usize| &text[tokens[a].end..tokens[b].start];
    // `Executive Order No. 12866`: a number after `No.` is the name's too.
    if let Some(&last) = run.last()
        && last + 2 < tokens.len()
        && !claimed[last + 1]
        && !claimed[last + 2]
        && word(last + 1) == "No"
        && between(last, last + 1) == " "
        && between(last + 1, last + 2) == ". "
        && (all_digits(word(last + 2)) || super::facts::is_law_number(word(last + 2)))
    {
        run.extend([last + 1, last + 2]);
        return;
    }
    if let Some(&last) = run.last()
        && last + 1 < tokens.len()
        && !claimed[last + 1]
        && between(last, last + 1) == " "
        // `School of Law's 2002 Public Service Award`: the year is the award's, not the
        // name's.
        && without_possessive(word(last)) == word(last)
        && (all_digits(word(last + 1))
            || is_abbreviation(word(last)) && super::facts::is_law_number(word(last + 1)))
        && !is_month(word(last))
        // `Pacific Ocean 0 m`, `New Zealander 1%`: a figure with its unit is no part of it.
        && !text[tokens[last + 1].end..].starts_with('%')
        && !tokens.get(last + 2).is_some_and(|t| {
            between(last + 1, last + 2) == " " && MEASURES.contains(&&text[t.clone()])
        })
    {
        run.push(last + 1);
    }
}

/// A run too long to be one name is cut at its first particle, again and again.
pub(super) fn split_run(text: &str, tokens: &[Range<usize>], run: Vec<usize>) -> Vec<Vec<usize>> {
    let word = |k: usize| &text[tokens[k].clone()];
    let mut pieces = Vec::new();
    // `U.S. Department of Housing and Urban Development`: a name of two things (see
    // [`name_run`]) may be longer; cut, its second thing read as a name of its own.
    let of_and = run
        .iter()
        .position(|&t| word(t) == "of")
        .is_some_and(|of| run[of..].iter().any(|&t| word(t) == "and"));
    // `Legal Services Lawyer of the Year Award` likewise.
    let award = run.windows(3).any(|w| {
        word(w[0]) == "of"
            && word(w[1]) == "the"
            && matches!(word(w[2]), "Year" | "Decade" | "Century" | "Month")
    });
    // `Advisory Committee on the Redesign of the Space Station`: a body and its subject.
    let body_on = run
        .windows(2)
        .any(|w| word(w[1]) == "on" && BODIES_ON.contains(&word(w[0]).to_lowercase().as_str()));
    let limit = if body_on {
        MAX_NAME_WORDS + 3
    } else if of_and || award {
        MAX_NAME_WORDS + 2
    } else {
        MAX_NAME_WORDS
    };
    let particle = |t: usize| PARTICLES.contains(&word(t)) || word(t) == "on";
    let mut rest = run;
    while rest.len() > limit {
        let Some(cut) = rest.iter().position(|&t| particle(t)) else {
            // Six capitalised words in a row are a heading, not a name.
            return pieces;
        };
        let head: Vec<usize> = rest[..cut].to_vec();
        let tail: Vec<usize> = rest[cut..]
            .iter()
            .copied()
            .skip_while(|&t| particle(t))
            .collect();
        if !head.is_empty() {
            pieces.push(head);
        }
        rest = tail;
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}
