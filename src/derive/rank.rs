//! Facts → gaps: which of a sentence's facts are worth asking, and why the others are not.
//!
//! Candidates are ranked by how much a learner learns from them: dates, clock times and
//! numbers with units first, then years and counts, a label's value, quoted and emphasised
//! terms, names of several words, ordinals, single capitalised words. Some are never asked:
//! the document's own subject (its title's words, or a name that fills much of the name
//! mentions), a bare nationality adjective, anything inside direct speech (but a quoted term
//! itself), a gap whose text can be read elsewhere in the card, a name an earlier card
//! already asks when the sentence has something else, an item of a list any other item
//! could fill, a code or a run of bare numbers, a region after its place, a placeholder
//! value, and an abbreviation spelt out beside it. There is no fixed number of gaps: a
//! gap is made while enough of the sentence stays visible to say what is asked, and each
//! candidate left out is named with its reason, for `--explain`.

use std::collections::HashSet;
use std::ops::Range;

use super::facts::{Category, Context, Fact};
use super::sentences::Sentence;
use super::vocabulary::{ADJECTIVE_ENDINGS, FUNCTION_WORDS, NATIONALITIES, PARTICLES};
use crate::judge;

/// Words a card must keep visible besides its gaps, so the prompt still says something.
const MIN_CONTEXT_WORDS: usize = 3;
/// A company's legal form, which names no more than the company: `Microsoft Corporation`.
const LEGAL_FORMS: [&str; 12] = [
    "corporation",
    "corp",
    "inc",
    "incorporated",
    "company",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
    "gmbh",
    "ag",
];
/// And at least this share of its words (in percent).
const MIN_CONTEXT_SHARE: usize = 40;

/// The gaps of one card, in reading order, and a line per candidate saying what became
/// of it.
#[derive(Debug, Clone, Default)]
pub(super) struct Choice {
    pub(super) gaps: Vec<Fact>,
    /// Lists of names asked whole, as one question (`created by Werner Heisenberg, Max
    /// Born, and Pascual Jordan`): no item alone could be, any other could fill its gap.
    pub(super) lists: Vec<Vec<Fact>>,
    pub(super) notes: Vec<String>,
}

fn score(fact: &Fact, text: &str) -> u32 {
    let words = text[fact.range.clone()].split_whitespace().count();
    match fact.category {
        Category::Date => 100,
        Category::Time => 95,
        Category::Measure => 92,
        Category::Year => 88,
        Category::Count => 80,
        Category::Value => 78,
        Category::Quote | Category::Term | Category::Defined => 72,
        Category::Name => 65 + u32::try_from(words.min(4)).unwrap_or(0),
        Category::Ordinal => 60,
        Category::Word => 50,
    }
}

/// Items in a list shorter than this can be told apart by their place.
const MIN_LIST_ITEMS: usize = 3;

/// Whether the text between two items only separates them (`, `, `, and `, ` or `), a
/// figure that goes with the first item aside (`Catholic 10.1%, Anglican`).
fn separates(between: &str) -> bool {
    let rest: Vec<&str> = between
        .split_whitespace()
        .filter(|w| {
            !w.trim_end_matches([',', ';'])
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    let rest = rest.join(" ");
    let rest = rest.trim_start_matches(['%', ')']).trim();
    matches!(
        rest,
        "," | ", and" | ", or" | ",and" | ",or" | "and" | "or" | ";" | "/" | ""
    ) && between.contains([',', ';'])
}

/// The words between two items with figures and codes as `#` and `and`/`or` left out:
/// ` in 2A, ` and ` in 9C, and ` have one shape.
fn shape(between: &str) -> String {
    between
        .split_whitespace()
        .filter(|w| !matches!(*w, "and" | "or"))
        .map(|w| {
            if w.contains(|c: char| c.is_ascii_digit()) {
                "#"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("# ,", "#,")
}

/// `2A`, `10B`, `A4`: a seat, a gate, a paper size, no figure.
fn is_code(word: &str) -> bool {
    let letters = word.chars().filter(char::is_ascii_uppercase).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    letters == 1
        && digits >= 1
        && letters + digits == word.chars().count()
        && (word.starts_with(|c: char| c.is_ascii_uppercase())
            || word.ends_with(|c: char| c.is_ascii_uppercase()))
}

/// The facts that are items of a list of like things (`Okataina, Raoul Island, Tongariro,
/// and White Island`; `3, 4, 5, or 6 drinks`), where any item could fill another's gap.
fn list_items(found: &[Fact], text: &str) -> (HashSet<usize>, Vec<Vec<usize>>) {
    let kind = |f: &Fact| match f.category {
        Category::Name | Category::Word => 0,
        Category::Count | Category::Year => 1,
        _ => 2,
    };
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].range.start);
    let mut out = HashSet::new();
    let mut name_runs = Vec::new();
    // Names in a row are a list when the writer joins them as one (`…, Tongariro, and
    // White Island`) or sets them out after a label; else they are a person, their office
    // and its department, each said of the one before (`John H. Gibbons, Director, Office
    // of Science and Technology Policy, outlined …`).
    // `…, Heroku and many others`, `companies like Alibaba, Cloudflare, and Dropbox`: a
    // list of examples, some of many.
    let open_ended = |run: &[usize]| {
        let introduced = run.first().is_some_and(|&first| {
            let before = text[..found[first].range.start].trim_end();
            [
                " like",
                " such as",
                " including",
                " e.g.",
                " for example",
                " for instance",
            ]
            .iter()
            .any(|cue| before.ends_with(cue))
        });
        introduced
            || run.last().is_some_and(|&last| {
                let after = text[found[last].range.end..].trim_start_matches(',');
                [
                    " and many others",
                    " and many more",
                    " and others",
                    " and more",
                    " etc",
                    " among others",
                ]
                .iter()
                .any(|tail| after.starts_with(tail))
            })
    };
    let is_list = |run: &[usize], k: usize| {
        run.len() >= MIN_LIST_ITEMS
            && (k == 1
                || open_ended(run)
                || text[..found[run[0]].range.start].contains(':')
                || run.windows(2).any(|pair| {
                    text.get(found[pair[0]].range.end..found[pair[1]].range.start)
                        .is_some_and(|between| {
                            between
                                .split(|c: char| !c.is_alphanumeric() && c != '&')
                                .any(|w| matches!(w, "and" | "or" | "nor" | "&"))
                        })
                }))
    };
    for k in [0, 1] {
        let items: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| kind(&found[i]) == k)
            .collect();
        let mut run: Vec<usize> = Vec::new();
        let mut run_shape: Option<String> = None;
        for (at, &i) in items.iter().enumerate() {
            let joined = run.last().is_some_and(|&last: &usize| {
                let (a, b) = (&found[last].range, &found[i].range);
                if a.end > b.start {
                    return false;
                }
                let between = &text[a.end..b.start];
                if separates(between) {
                    return true;
                }
                // Once two items are in, the words between may say a little more: an
                // article (`…, the Pacific Community and the Pacific Islands Forum`), a last
                // `and` without its comma, or the kind of the item before (`Spiritualism and
                // New Age religions, Baha'i`).
                let plain: Vec<&str> = between
                    .split_whitespace()
                    .filter(|w| !matches!(*w, "the" | "a" | "an"))
                    .collect();
                let plain = plain.join(" ");
                let kind_word = plain.strip_suffix(',').is_some_and(|w| {
                    !w.contains(' ') && w.chars().all(char::is_lowercase) && w.len() > 3
                });
                // Only in a list of four or more, the item after this one counted when the
                // list goes on past it: `Melvin Calvin, Andrew Benson and James Bassham at …`
                // may still be asked one by one.
                let goes_on = items.get(at + 1).is_some_and(|&next| {
                    let after = &text[found[i].range.end..found[next].range.start];
                    found[i].range.end <= found[next].range.start
                        && (separates(after)
                            || after.trim().strip_suffix(',').is_some_and(|w| {
                                !w.contains(' ') && w.chars().all(char::is_lowercase)
                            }))
                });
                // Set out after a label (`this includes Windows 7, Server 2008 and Server
                // 2012`), two items and a last `and` are a list too.
                let labelled = text[..found[run[0]].range.start].contains(':');
                // `Hugo, Syncthing and Fzf`: things, unlike people, are not said one of the
                // other.
                let things =
                    !is_person(&found[i], text) && !run.iter().any(|&r| is_person(&found[r], text));
                if (run.len() >= 3 || run.len() == 2 && (goes_on || labelled || things))
                    && (matches!(plain.as_str(), "and" | "or" | "," | ", and" | ", or")
                        || kind_word)
                {
                    return true;
                }
                // `Banihammad in 2A, Shehri in 2B, Shehhi in 6C`: the same short words
                // between every two items make a list as well.
                let shape = shape(between);
                let parallel = between.contains(',')
                    && between.split_whitespace().count() <= 4
                    && run_shape.as_ref().map_or(run.len() == 1, |s| *s == shape);
                if parallel {
                    run_shape = Some(shape);
                }
                parallel
            });
            if !joined {
                run_shape = None;
                if is_list(&run, k) {
                    out.extend(run.iter().copied());
                    // `…, Heroku and many others`: some examples of many, no list to learn.
                    if k == 0 && !open_ended(&run) {
                        name_runs.push(run.clone());
                    }
                }
                run.clear();
            }
            run.push(i);
        }
        if is_list(&run, k) {
            out.extend(run.iter().copied());
            if k == 0 && !open_ended(&run) {
                name_runs.push(run);
            }
        }
    }
    // Bare counts among bare numbers that are no facts (`3, 4, 5, or 6`): a list too.
    for (i, fact) in found.iter().enumerate() {
        if fact.category != Category::Count {
            continue;
        }
        let before = text[..fact.range.start].trim_end();
        let after = text[fact.range.end..].trim_start();
        // The figure before must be a bare number, not the end of another fact: `on April
        // 3, three budget options` lists nothing.
        let number_before = before.strip_suffix(',').is_some_and(|b| {
            b.ends_with(|c: char| c.is_ascii_digit())
                && !found
                    .iter()
                    .any(|other| other.category != Category::Count && other.range.end == b.len())
        });
        let number_after = after
            .strip_prefix(',')
            .map(|a| {
                a.trim_start()
                    .trim_start_matches("or ")
                    .trim_start_matches("and ")
            })
            .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()));
        if number_before || number_after {
            out.insert(i);
        }
    }
    (out, name_runs)
}

/// Most names a list question asks at once.
const MAX_LIST_NAMES: usize = 6;

/// Whether the text between two names of a list only joins them (`, `, `, and `, ` or `).
fn only_joins(between: &str) -> bool {
    matches!(
        between,
        ", " | ", and " | ", or " | " and " | " or " | "; " | "; and "
    )
}

/// Whether a fact reads as a person's name (`Max Born`), not a thing's (`Google Cloud`).
fn is_person(fact: &Fact, text: &str) -> bool {
    let words: Vec<&str> = text[fact.range.clone()].split(' ').collect();
    super::names::reads_as_person(&words)
}

/// The facts that only say where the place before them is (`Sarasota, Florida,`,
/// `Washington, D.C.`, `Gallipoli, Turkey,`): the place is the fact, its region a give-away.
fn regions(found: &[Fact], text: &str) -> HashSet<usize> {
    let place = |f: &Fact| matches!(f.category, Category::Name | Category::Word);
    found
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            // `Werner Heisenberg, Max Born, and …`: a person after a person is no region.
            let people = is_person(f, text)
                && found
                    .iter()
                    .any(|g| g.range.end + 2 == f.range.start && is_person(g, text));
            // `Google Cloud, AWS, Microsoft Azure`: a name with another after it is an
            // item of a list, not the region of the one before.
            let listed = found.iter().any(|h| {
                place(h)
                    && [", ", ", and ", ", or "].iter().any(|joint| {
                        f.range.end + joint.len() == h.range.start
                            && text[f.range.end..].starts_with(joint)
                    })
            });
            place(f)
                && !people
                && !listed
                && text[f.range.end..]
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, ',' | '.' | ')' | ';'))
                && f.range.start >= 2
                && text.get(f.range.start - 2..f.range.start) == Some(", ")
                && found
                    .iter()
                    .any(|g| place(g) && g.range.end + 2 == f.range.start)
                // The place before it must not itself follow a comma: then it is a list.
                && found.iter().any(|g| {
                    g.range.end + 2 == f.range.start
                        && !text[..g.range.start].trim_end().ends_with(',')
                })
        })
        .map(|(i, _)| i)
        .collect()
}

/// The bare numbers that are versions of a name beside them: the next in a list after a
/// name that ends in one (`Windows 7, 8`), or a dotted number before a release's name
/// (`10.14 Mojave`). Asked alone, each is a number with its meaning out of sight.
fn versions(found: &[Fact], text: &str) -> HashSet<usize> {
    let named = |f: &Fact| matches!(f.category, Category::Name | Category::Word);
    found
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            let own = &text[f.range.clone()];
            let bare = own.chars().all(|c| c.is_ascii_digit() || c == '.');
            let after_versioned = text[..f.range.start].strip_suffix(", ").is_some_and(|b| {
                b.ends_with(|c: char| c.is_ascii_digit())
                    && found.iter().any(|g| named(g) && g.range.end == b.len())
            });
            let dotted = own.contains('.') && !own.ends_with('.');
            let before_name = found
                .iter()
                .any(|g| named(g) && g.range.start == f.range.end + 1)
                && text[f.range.end..].starts_with(' ');
            f.category == Category::Count && bare && (after_versioned || dotted && before_name)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether the fact is one of a run of bare numbers (`41 18 S, 174 47 E`): a code or a
/// coordinate, no count.
fn in_number_run(fact: &Fact, text: &str) -> bool {
    let bare = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let own = &text[fact.range.clone()];
    bare(own)
        && (text[..fact.range.start]
            .strip_suffix(' ')
            .is_some_and(|b| bare(b.rsplit(' ').next().unwrap_or_default()))
            || text[fact.range.end..]
                .strip_prefix(' ')
                .is_some_and(|a| bare(a.split(' ').next().unwrap_or_default())))
}

/// Whether the words' initials spell `abbreviation` (`blood or breath alcohol
/// concentration` → `BAC`, `Computer Assisted Passenger Prescreening System` → `CAPPS`),
/// small linking words left out or in (`interest on lawyers trust accounts` → `IOLTA`).
pub(super) fn spells(words: &[&str], abbreviation: &str) -> bool {
    let letters: Vec<char> = abbreviation.to_lowercase().chars().collect();
    let every = words
        .iter()
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_lowercase();
    let initials = |skip_small: bool| -> String {
        words
            .iter()
            .filter(|w| {
                let lower = w.to_lowercase();
                let small = skip_small && PARTICLES.contains(&lower.as_str());
                !(small || matches!(lower.as_str(), "or" | "and" | "on" | "in" | "&"))
            })
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_lowercase()
    };
    let wanted: String = letters.iter().collect();
    initials(true).ends_with(&wanted)
        || initials(false).ends_with(&wanted)
        || (wanted.len() >= 3 && every.ends_with(&wanted))
}

/// Whether an abbreviation is spelt out right before its `(…)` or right after it.
fn spelt_out(fact: &Fact, text: &str) -> bool {
    let abbreviation = &text[fact.range.clone()];
    let n = abbreviation.chars().count();
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    // `… concentration (BAC)`: the words before the bracket, a hyphen's halves two words
    // (`profile-guided optimization (PGO)`).
    let before = text[..fact.range.start].strip_suffix('(').map(|head| {
        head.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .rev()
            .take(n * 2 + 2)
            .map(clean)
            .collect::<Vec<_>>()
    });
    let before_spells = before.is_some_and(|mut words| {
        words.reverse();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        (0..words.len()).any(|k| spells(&words[k..], abbreviation))
    });
    // `CAPPS (Computer Assisted …)`: the words inside the bracket after it.
    let after_spells = text[fact.range.end..]
        .strip_prefix(" (")
        .and_then(|rest| rest.split_once(')'))
        .is_some_and(|(inside, _)| {
            let words: Vec<&str> = inside.split_whitespace().collect();
            spells(&words, abbreviation) && words.len() >= n.min(2)
        });
    before_spells || after_spells
}

/// Why `fact` is not asked, if it is not.
fn dropped(
    fact: &Fact,
    sentence: &Sentence,
    context: &Context,
    used: &HashSet<String>,
    others: bool,
) -> Option<&'static str> {
    let text = sentence.text.as_str();
    let key = judge::normalise(&text[fact.range.clone()]);
    let named = matches!(
        fact.category,
        Category::Name
            | Category::Word
            | Category::Quote
            | Category::Term
            | Category::Defined
            | Category::Value
    );
    if key.is_empty() {
        return Some("nothing to ask");
    }
    if key.chars().count() == 1 && !key.starts_with(|c: char| c.is_ascii_digit()) {
        return Some("a single letter");
    }
    if super::names::is_abbreviation(&text[fact.range.clone()]) && spelt_out(fact, text) {
        return Some("an abbreviation spelt out beside it: it gives itself away");
    }
    // `acknowledged that this is "not a complete solution" and isn't "perfect"`: quotes
    // of someone's words, no terms.
    if fact.category == Category::Quote && text.matches(['"', '“']).count() >= 4 {
        return Some("a piece of a quotation, not a term");
    }
    let own = &text[fact.range.clone()];
    if is_code(own) && !text[..fact.range.start].ends_with(['$', '£', '€', '¥']) {
        return Some("a code (a seat, a gate), no figure");
    }
    if fact.category == Category::Value
        && matches!(
            key.as_str(),
            "none" | "unknown" | "n a" | "na" | "nil" | "not applicable" | "other" | "yes" | "no"
        )
    {
        return Some("a placeholder, no fact");
    }
    if in_number_run(fact, text) {
        return Some("one of a run of bare numbers (a code, a coordinate)");
    }
    if fact.in_speech {
        return Some("inside direct speech");
    }
    if !hidden(fact, text, &key) {
        return Some("its text can be read elsewhere in the card");
    }
    let lower = text[fact.range.clone()].to_lowercase();
    // `Early European maps`: a time word before a nationality is no name either; nor is
    // one capitalised adjective of `-ial` before a common noun (`Colonial government`,
    // `Imperial troops`).
    let time_or_place = |w: &str| {
        matches!(
            w,
            "east" | "west" | "north" | "south" | "early" | "late" | "eastern" | "western"
        )
    };
    let nationality = lower.split(' ').any(|w| NATIONALITIES.contains(&w));
    let before_noun = text[fact.range.end..]
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(char::is_lowercase));
    let adjective = lower
        .split(' ')
        .all(|w| NATIONALITIES.contains(&w) || matches!(w, "east" | "west" | "north" | "south"))
        || (nationality
            && lower
                .split(' ')
                .all(|w| NATIONALITIES.contains(&w) || time_or_place(w)))
        || (fact.category == Category::Word
            && (lower.ends_with("ial") || lower.ends_with("ical"))
            && before_noun)
        || ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e));
    // `Leninist`, `Marxist-Leninist`: an adjective made from a name asks little.
    let from_name =
        fact.category == Category::Word && (lower.ends_with("ist") || lower.ends_with("ists"));
    if matches!(fact.category, Category::Name | Category::Word) && (adjective || from_name) {
        return Some("a nationality or other adjective");
    }
    // `Stalinist`, `Stalinism`: made from the subject's name.
    if fact.category == Category::Word
        && context
            .subject
            .iter()
            .any(|w| w.chars().count() >= 5 && key.starts_with(w.as_str()))
    {
        return Some("the document's own subject");
    }
    // `Country name: conventional short form: {{New Zealand}}`: a value that is the title.
    if fact.category == Category::Value && key == context.title {
        return Some("the document's own subject");
    }
    // `Go 1.20 is released!`: the version in the title is what the whole text is about.
    // (A headline's count is its news: `Rail strike shuts four stations`.)
    let written = &text[fact.range.clone()];
    let version = written.contains('.') && written.chars().all(|c| c.is_ascii_digit() || c == '.');
    if fact.category == Category::Count
        && version
        && format!(" {} ", context.title).contains(&format!(" {key} "))
    {
        return Some("the document's own subject");
    }
    // `we celebrate {{8}} years`, `the {{eighth}} birthday` in "Eight years of Go": the
    // title's age is what the whole text is about. (A headline's other count is its news:
    // `Rail strike shuts four stations`.)
    let aged = context.title.split(' ').any(|w| {
        matches!(
            w,
            "years" | "year" | "anniversary" | "birthday" | "turns" | "decade" | "decades"
        )
    });
    // A count of something else (`10 architectures` in "Go Turns 10") is its own fact.
    let of_age = fact.category == Category::Ordinal
        || text[fact.range.end..]
            .split_whitespace()
            .find(|w| *w != "more")
            .is_some_and(|w| w.trim_end_matches(['.', ',', '!']).starts_with("year"));
    if aged
        && of_age
        && matches!(fact.category, Category::Count | Category::Ordinal)
        && small_value(written)
            .is_some_and(|n| context.title.split(' ').any(|w| small_value(w) == Some(n)))
    {
        return Some("the document's own subject");
    }
    // `Microsoft Corporation is an American …` in "Microsoft": the subject with its legal
    // form, opening the sentence that says what it is, is the subject. Elsewhere it may be
    // another body (`Mozilla Corporation` beside the Mozilla Foundation).
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| !FUNCTION_WORDS.contains(w) && !PARTICLES.contains(w))
        .collect();
    let defined = fact.range.start == 0
        && [" is ", " was "]
            .iter()
            .any(|v| text[fact.range.end..].starts_with(v))
        && words.iter().any(|w| context.subject.contains(*w));
    if named
        && fact.category != Category::Value
        && words
            .iter()
            .all(|w| context.subject.contains(*w) || (defined && LEGAL_FORMS.contains(w)))
    {
        return Some("the document's own subject");
    }
    let repeatable = matches!(fact.category, Category::Name | Category::Word)
        && !others
        && !context.frequent.contains(&key);
    // `Okafor` after `Helen Okafor`: the surname of a name already asked.
    let surname =
        fact.category == Category::Word && used.iter().any(|u| u.ends_with(&format!(" {key}")));
    if named && fact.category != Category::Value && (used.contains(&key) || surname) && !repeatable
    {
        return Some("an earlier card asks it already");
    }
    None
}

/// Whether the fact's text cannot be read elsewhere in the sentence (the hidden
/// conversion aside).
fn hidden(fact: &Fact, text: &str, key: &str) -> bool {
    // A number word is given away by itself written again, not by its figure inside
    // another fact (`on April 3, three budget options`).
    let written = &text[fact.range.clone()];
    if fact.category == Category::Count && written.chars().all(char::is_alphabetic) {
        let word = written.to_lowercase();
        let after = fact.hide.as_ref().map_or(fact.range.end, |h| h.end);
        return [&text[..fact.range.start], &text[after..]]
            .iter()
            .all(|part| {
                !part
                    .to_lowercase()
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w == word)
            });
    }
    let mut rest = String::new();
    rest.push(' ');
    rest.push_str(&judge::normalise(&text[..fact.range.start]));
    rest.push(' ');
    let after = fact.hide.as_ref().map_or(fact.range.end, |h| h.end);
    rest.push_str(&judge::normalise(&text[after..]));
    rest.push(' ');
    // `Stalin’s` and `Soviets` give away `Stalin` and `Soviet` as well.
    !rest.contains(&format!(" {key} ")) && !rest.contains(&format!(" {key}s "))
}

/// The value of a small count or rank as written: `8`, `eight`, `eighth`, `8th`.
fn small_value(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .unwrap_or(&lower);
    match digits.parse::<u32>() {
        Ok(n) => (n <= 100).then_some(n),
        Err(_) => judge::word_value(&lower),
    }
}

/// The card's gaps among `found`, best first until the sentence would say too little.
pub(super) fn choose(
    sentence: &Sentence,
    found: &[Fact],
    context: &Context,
    used: &HashSet<String>,
) -> Choice {
    let text = sentence.text.as_str();
    let shown = |fact: &Fact| {
        format!(
            "{} ({})",
            crate::escape::escape_line(&text[fact.range.clone()]),
            fact.category.label()
        )
    };
    let mut notes = Vec::new();
    let fresh = found
        .iter()
        .filter(|f| !used.contains(&judge::normalise(&text[f.range.clone()])))
        .count();
    let mut candidates: Vec<&Fact> = Vec::new();
    let (listed, name_runs) = list_items(found, text);
    let regions = regions(found, text);
    let versions = versions(found, text);
    for (i, fact) in found.iter().enumerate() {
        let others = fresh > 0;
        if regions.contains(&i) {
            notes.push(format!(
                "  - {}: not asked, it only says where the place before it is",
                shown(fact)
            ));
            continue;
        }
        if versions.contains(&i) {
            notes.push(format!(
                "  - {}: not asked, a version number read with the name beside it",
                shown(fact)
            ));
            continue;
        }
        if listed.contains(&i) {
            notes.push(format!(
                "  - {}: not asked, an item of a list: any other item could fill its gap",
                shown(fact)
            ));
            continue;
        }
        match dropped(fact, sentence, context, used, others) {
            Some(reason) => notes.push(format!("  - {}: not asked, {reason}", shown(fact))),
            None => candidates.push(fact),
        }
    }
    candidates.sort_by_key(|f| (std::cmp::Reverse(score(f, text)), f.range.start));
    let total = words(text, &[]);
    // A `Label: value` line keeps its label in sight; that is all it needs.
    let needed = if sentence.value {
        1
    } else {
        MIN_CONTEXT_WORDS.max(total * MIN_CONTEXT_SHARE / 100)
    };
    let mut gaps: Vec<Fact> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    for fact in candidates {
        let key = judge::normalise(&text[fact.range.clone()]);
        if !keys.insert(key) {
            notes.push(format!(
                "  - {}: not asked, the card asks it once",
                shown(fact)
            ));
            continue;
        }
        let mut with: Vec<Range<usize>> = gaps.iter().map(|g| g.range.clone()).collect();
        with.push(fact.range.clone());
        if words(text, &with) < needed {
            notes.push(format!(
                "  - {}: not asked, too little of the sentence would stay visible",
                shown(fact)
            ));
            continue;
        }
        notes.push(format!("  + {}: asked", shown(fact)));
        gaps.push(fact.clone());
    }
    gaps.sort_by_key(|f| f.range.start);
    // A list of names is asked whole when each name would be asked were it alone, the
    // list is only names and their joins, and no gap falls inside it.
    let mut lists = Vec::new();
    for run in name_runs {
        let items: Vec<&Fact> = run.iter().map(|&i| &found[i]).collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            continue;
        };
        let span = first.range.start..last.range.end;
        let joined = items
            .windows(2)
            .all(|pair| only_joins(&text[pair[0].range.end..pair[1].range.start]));
        let askable = items.iter().all(|f| {
            f.accept.is_empty()
                && f.hide.is_none()
                && dropped(f, sentence, context, &HashSet::new(), true).is_none()
        });
        let clear = gaps
            .iter()
            .all(|g| g.range.end <= span.start || g.range.start >= span.end);
        // `like C, C++, Java, …`: a list that goes on past its names is not asked whole.
        let whole = !text[..span.start].ends_with(", ") && !text[span.end..].starts_with(", ")
            || text[span.end..].starts_with(", which")
            || text[span.end..].starts_with(", who");
        if items.len() <= MAX_LIST_NAMES && joined && askable && clear && whole {
            notes.push(format!(
                "  + the list {}: asked whole, as one question",
                crate::escape::escape_line(&text[span])
            ));
            lists.push(items.into_iter().cloned().collect());
        }
    }
    Choice { gaps, lists, notes }
}

/// Words of `text` left visible with `gaps` taken out.
fn words(text: &str, gaps: &[Range<usize>]) -> usize {
    let mut rest = text.to_string();
    let mut ranges: Vec<&Range<usize>> = gaps.iter().collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    for range in ranges {
        rest.replace_range(range.clone(), " ");
    }
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
