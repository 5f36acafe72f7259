//! The deck index as the study commands use it: the cards it gives are the cards parsing
//! gives, an edited file is read again, progress outlives a card leaving its deck, and a
//! session picks from it the cards it would pick from every card.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Item, Pages, Refreshed, index_decks, refresh};
use crate::deck::library;
use crate::deck::{Card, CardId, DeckId};
use crate::env::Clock;
use crate::env::Context;
use crate::schedule::{CardState, Memory, Rating, Scheduler};
use crate::session::queue::{self, Candidate, Plan};
use crate::store::deck_index::{self, ClozeHeads};
use crate::store::types::VerdictWord;
use crate::store::{Mode, Review, Store};

const VARIED: &str = r#"title = "Varied"
tags = ["deck-tag"]

[[cards]]
id = "text"
question = "What year?"
answer = "1956"
accept = ["fifty-six"]
explain = "Because."
hint = "A year"
tags = ["own"]

[[cards]]
id = "rev"
question = "Capital of France?"
answer = "Paris"
reverse = true

[[cards]]
id = "choice"
question = "Pick one"
answer = "b"
choices = ["a", "b", "c"]

[[cards]]
id = "tf"
question = "True?"
answer = false

[[cards]]
id = "several"
question = "Two things"
answer = ["x", "y"]

[[cards]]
id = "gaps"
cloze = "In {{1956}} the {{speech::a talk}} came."

[[cards]]
question = "No id here?"
answer = "implicit"

[[cards]]
id = "escaped"
question = "Say \"hi\" — é"
answer = """two
lines"""
"#;

fn now() -> Timestamp {
    "2026-03-01T09:00:00Z".parse().unwrap()
}

fn context(dir: &Path) -> Context {
    Context {
        data_dir: dir.to_path_buf(),
        clock: Clock::fixed(now(), TimeZone::UTC),
        plain: true,
        color: false,
        interactive: false,
        config_path: None,
        stdout_terminal: false,
        width: None,
    }
}

fn write_deck(dir: &Path, name: &str, text: &str) -> PathBuf {
    let folder = library::user_folder(dir);
    fs::create_dir_all(&folder).unwrap();
    let path = folder.join(format!("{name}.toml"));
    fs::write(&path, text).unwrap();
    path
}

fn set_modified(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// Indexes every known deck, as `quiz start` with no deck named does.
fn index(dir: &Path, store: &mut Store) -> anyhow::Result<Vec<DeckId>> {
    index_decks(
        library::locate(&[], &library::DeckFolders::of(dir))?,
        &context(dir),
        store,
    )
}

fn indexed(store: &Store, deck: &str) -> Vec<Card> {
    let mut cards = Vec::new();
    store
        .each_indexed_card(&DeckId(deck.into()), &[], &mut |card, _| cards.push(card))
        .unwrap();
    cards
}

fn parsed(dir: &Path, deck: &str) -> Vec<Card> {
    let files = library::resolve(&[deck.to_string()], &library::DeckFolders::of(dir)).unwrap();
    let loaded = library::load(files);
    assert!(loaded.failed().next().is_none(), "{deck} has errors");
    loaded.decks.into_iter().next().unwrap().cards
}

fn assert_index_is_parse(dir: &Path, store: &Store, deck: &str) {
    let parsed = parsed(dir, deck);
    assert!(!parsed.is_empty());
    assert_eq!(indexed(store, deck), parsed, "deck {deck}");
}

#[test]
fn an_indexed_deck_gives_exactly_the_cards_parsing_gives() {
    let dir = tempfile::tempdir().unwrap();
    write_deck(dir.path(), "varied", VARIED);
    let mut store = Store::open(dir.path()).unwrap();
    let decks = index(dir.path(), &mut store).unwrap();
    assert_eq!(
        decks,
        [DeckId("secret-speech".into()), DeckId("varied".into())]
    );
    assert_index_is_parse(dir.path(), &store, "varied");
    assert_index_is_parse(dir.path(), &store, "secret-speech");
    let key = |store: &Store| {
        store
            .deck_index_entry(&DeckId("varied".into()))
            .unwrap()
            .map(|entry| entry.key)
    };
    let before = key(&store);
    // Again, from the index alone.
    index(dir.path(), &mut store).unwrap();
    assert_eq!(key(&store), before);
    assert_index_is_parse(dir.path(), &store, "varied");
}

#[test]
fn an_edited_deck_file_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let card = |id: &str, answer: &str| {
        format!("\n[[cards]]\nid = \"{id}\"\nquestion = \"Q {id}?\"\nanswer = \"{answer}\"\n")
    };
    let edits = [
        // The first version, then: an answer changed, a card put first, one taken out, two
        // swapped (same size: only the text tells), all but one taken out, and back again.
        ["a", "b", "c", "d"].map(|id| card(id, "x")).concat(),
        ["a", "b", "c", "d"]
            .map(|id| card(id, if id == "c" { "y" } else { "x" }))
            .concat(),
        ["new", "a", "b", "c", "d"].map(|id| card(id, "x")).concat(),
        ["new", "a", "c", "d"].map(|id| card(id, "x")).concat(),
        ["new", "c", "a", "d"].map(|id| card(id, "x")).concat(),
        card("d", "x"),
        ["a", "b", "c", "d"].map(|id| card(id, "x")).concat(),
    ];
    for text in edits {
        write_deck(dir.path(), "edited", &text);
        index(dir.path(), &mut store).unwrap();
        assert_index_is_parse(dir.path(), &store, "edited");
    }
}

#[test]
fn a_file_that_settled_before_it_was_indexed_is_not_read_while_its_stamp_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let path = write_deck(
        dir.path(),
        "d",
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
    );
    set_modified(&path, an_hour_ago);
    index(dir.path(), &mut store).unwrap();
    // Same size, same time: taken as unchanged, not read.
    fs::write(
        &path,
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"B\"\n",
    )
    .unwrap();
    set_modified(&path, an_hour_ago);
    index(dir.path(), &mut store).unwrap();
    assert_eq!(indexed(&store, "d")[0].answer_text(), "A");
    // Any other time: read, and found changed.
    set_modified(&path, an_hour_ago + Duration::from_secs(1));
    index(dir.path(), &mut store).unwrap();
    assert_eq!(indexed(&store, "d")[0].answer_text(), "B");
}

#[test]
fn a_file_indexed_just_after_it_changed_is_read_again_even_with_the_same_stamp() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let path = write_deck(
        dir.path(),
        "d",
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
    );
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    index(dir.path(), &mut store).unwrap();
    // As on a file system that keeps times to the second: changed, and the time is the same.
    fs::write(
        &path,
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"B\"\n",
    )
    .unwrap();
    set_modified(&path, modified);
    index(dir.path(), &mut store).unwrap();
    assert_eq!(indexed(&store, "d")[0].answer_text(), "B");
}

#[test]
fn a_deck_with_errors_is_skipped_and_its_old_index_kept_for_when_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let good = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    write_deck(dir.path(), "d", good);
    index(dir.path(), &mut store).unwrap();
    let entry = store.deck_index_entry(&DeckId("d".into())).unwrap();
    write_deck(
        dir.path(),
        "d",
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\n",
    );
    let decks = index(dir.path(), &mut store).unwrap();
    assert!(!decks.contains(&DeckId("d".into())), "{decks:?}");
    assert_eq!(indexed(&store, "d").len(), 1);
    write_deck(dir.path(), "d", good);
    let decks = index(dir.path(), &mut store).unwrap();
    assert!(decks.contains(&DeckId("d".into())));
    let now = store
        .deck_index_entry(&DeckId("d".into()))
        .unwrap()
        .unwrap();
    assert_eq!(Some(now.key), entry.map(|e| e.key));
}

fn state(due: Timestamp, stability: f32) -> CardState {
    CardState {
        memory: Memory {
            stability,
            difficulty: 5.0,
        },
        due,
        last_review: now() - jiff::SignedDuration::from_hours(24 * 3),
        reps: 1,
        lapses: 0,
    }
}

fn review(
    store: &mut Store,
    deck: &DeckId,
    card: &str,
    state: &CardState,
) -> crate::store::ReviewId {
    let card = CardId(card.into());
    let review = Review {
        reviewed_at: state.last_review,
        deck,
        card: &card,
        rating: Rating::Good,
        verdict: &VerdictWord::Right,
        given_answer: "",
        elapsed_ms: 0,
        session: None,
        mode: Mode::Review,
    };
    store.record(&review, Some(state)).unwrap()
}

fn new_cards(store: &Store, deck: &DeckId) -> Vec<String> {
    store
        .new_indexed_cards(deck, &[], None, None)
        .unwrap()
        .into_iter()
        .map(|(p, id)| {
            let card = store
                .indexed_card_at(deck, p, &mut ClozeHeads::all())
                .unwrap()
                .unwrap()
                .0;
            assert_eq!(card.id, id);
            id.0
        })
        .collect()
}

/// The cards of a deck due before now, with their states.
fn due_cards(store: &Store, deck: &DeckId) -> Vec<(String, CardState)> {
    let page = store
        .due_indexed_page(deck, now(), now(), &[], None, 100)
        .unwrap();
    assert_eq!(
        store.due_indexed_count(deck, now(), &[]).unwrap(),
        page.len()
    );
    page.into_iter()
        .map(|due| (due.card.id.0, due.state))
        .collect()
}

/// Every card of the session `plan` makes, read `page` cards at a time.
fn pick<'a>(
    decks: &'a [DeckId],
    tags: &[String],
    store: &Store,
    scheduler: &Scheduler,
    plan: &Plan,
    page: usize,
) -> Vec<Item<'a>> {
    let mut pages = Pages::new(decks, tags, store, now(), plan, page).unwrap();
    let mut items = Vec::new();
    loop {
        let read = pages.next_page(store, scheduler).unwrap();
        if read.is_empty() {
            break;
        }
        assert!(read.len() <= page);
        items.extend(read);
    }
    assert_eq!(items.len(), pages.total());
    items
}

#[test]
fn a_card_taken_out_of_its_deck_keeps_its_progress_and_is_not_new_when_it_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = DeckId("d".into());
    let card =
        |id: &str| format!("[[cards]]\nid = \"{id}\"\nquestion = \"Q {id}?\"\nanswer = \"A\"\n\n");
    write_deck(dir.path(), "d", &[card("x"), card("y")].concat());
    index(dir.path(), &mut store).unwrap();
    assert_eq!(new_cards(&store, &deck), ["x", "y"]);
    let due = state(now() - jiff::SignedDuration::from_hours(1), 3.0);
    review(&mut store, &deck, "x", &due);
    assert_eq!(new_cards(&store, &deck), ["y"]);

    write_deck(dir.path(), "d", &card("y"));
    index(dir.path(), &mut store).unwrap();
    assert_eq!(indexed(&store, "d").len(), 1);
    assert_eq!(
        store.card_state(&deck, &CardId("x".into())).unwrap(),
        Some(due)
    );
    assert!(due_cards(&store, &deck).is_empty());

    write_deck(dir.path(), "d", &[card("y"), card("x")].concat());
    index(dir.path(), &mut store).unwrap();
    assert_eq!(new_cards(&store, &deck), ["y"]);
    let due_cards = self::due_cards(&store, &deck);
    assert_eq!(due_cards.len(), 1);
    assert_eq!((due_cards[0].0.as_str(), due_cards[0].1), ("x", due));
}

#[test]
fn an_answer_taken_back_makes_a_card_new_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = DeckId("d".into());
    write_deck(
        dir.path(),
        "d",
        "[[cards]]\nid = \"x\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
    );
    index(dir.path(), &mut store).unwrap();
    let id = review(&mut store, &deck, "x", &state(now(), 1.0));
    assert!(new_cards(&store, &deck).is_empty());
    store
        .undo(id, &deck, &CardId("x".into()), None, true)
        .unwrap();
    assert_eq!(new_cards(&store, &deck), ["x"]);
}

#[test]
fn a_session_picks_from_the_index_what_it_would_pick_from_every_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // Plain cards, clozes of three gaps and cards with their reverse: siblings.
    let mut text = String::new();
    let cloze = |i: usize| i % 5 == 2;
    for i in 0..40 {
        let tags = if i % 3 == 0 { "tags = [\"t\"]\n" } else { "" };
        if cloze(i) {
            text.push_str(&format!(
                "[[cards]]\nid = \"c{i}\"\ncloze = \"{{{{x{i}}}}} {{{{y{i}}}}} {{{{z{i}}}}}\"\n{tags}\n"
            ));
        } else {
            let reverse = if i % 7 == 3 { "reverse = true\n" } else { "" };
            text.push_str(&format!(
                "[[cards]]\nid = \"c{i}\"\nquestion = \"Q{i}?\"\nanswer = \"A{i}\"\n{tags}{reverse}\n"
            ));
        }
    }
    write_deck(dir.path(), "a", &text);
    write_deck(dir.path(), "b", &text.replace("\"c", "\"b"));
    // More new cards than a page, most of them second in their note.
    let mut big = String::new();
    for i in 0..60 {
        big.push_str(&format!(
            "[[cards]]\nid = \"g{i}\"\ncloze = \"{{{{a{i}}}}} {{{{b{i}}}}} {{{{c{i}}}}}\"\n\n"
        ));
    }
    write_deck(dir.path(), "big", &big);
    let decks = index(dir.path(), &mut store).unwrap();
    // Some cards due (with different recall), some due later, the rest new; of a cloze only
    // its first gap is reviewed, of a card with a reverse only the card.
    for (d, deck) in decks.iter().enumerate() {
        for i in (0..40).filter(|i| (i + d) % 4 != 0) {
            let hours = [-30, -2, 5, 40, 200][i % 5];
            let stability = 1.0 + (i * 7 % 11) as f32;
            let gap = if cloze(i) { "#1" } else { "" };
            let id = format!("{}{i}{gap}", if deck.0 == "a" { "c" } else { "b" });
            let due = now() + jiff::SignedDuration::from_hours(hours);
            let mut state = state(due, stability);
            if i % 6 == 1 {
                // Reviewed earlier today: its siblings come as a note's second cards.
                state.last_review = now() - jiff::SignedDuration::from_hours(1);
            }
            review(&mut store, deck, &id, &state);
        }
    }
    let scheduler = Scheduler::new(None, 0.9).unwrap();
    let due_before = now() + jiff::SignedDuration::from_hours(15);
    let all: Vec<(DeckId, Card)> = decks
        .iter()
        .flat_map(|deck| {
            parsed(dir.path(), &deck.0)
                .into_iter()
                .map(move |card| (deck.clone(), card))
        })
        .collect();
    let mut plans = 0;
    for shuffle in [None, Some(3)] {
        for (new_limit, new_seen_today) in [
            (5, vec![0, 0]),
            (5, vec![3, 1, 0, 2]),
            (70, vec![]),
            (100, vec![]),
            (0, vec![]),
        ] {
            for limit in [None, Some(7)] {
                for tags in [vec![], vec!["t".to_string()]] {
                    let plan = Plan {
                        due_before,
                        day_start: now() - jiff::SignedDuration::from_hours(5),
                        new_limit,
                        new_seen_today: new_seen_today.clone(),
                        limit,
                        shuffle,
                    };
                    // What the session did before the index: every card, its state, the order.
                    let chosen: Vec<(&DeckId, &Card, Option<CardState>)> = all
                        .iter()
                        .filter(|(_, card)| tags.is_empty() || tags.iter().any(|t| card.has_tag(t)))
                        .map(|(deck, card)| (deck, card, store.card_state(deck, &card.id).unwrap()))
                        .collect();
                    let mut notes = super::Notes::default();
                    let candidates: Vec<Candidate> = chosen
                        .iter()
                        .enumerate()
                        .map(|(index, (deck, card, state))| {
                            let deck = decks.iter().position(|d| d == *deck).unwrap();
                            Candidate {
                                index,
                                due: state.map(|s| s.due),
                                retrievability: state
                                    .map_or(0.0, |s| scheduler.retrievability_at(&s, now())),
                                deck,
                                note: notes.of(deck, &card.id),
                            }
                        })
                        .collect();
                    let mut earlier = std::collections::HashSet::new();
                    for (number, deck) in decks.iter().enumerate() {
                        for card in store.cards_reviewed_since(deck, plan.day_start).unwrap() {
                            earlier.insert(notes.of(number, &card));
                        }
                    }
                    let expected: Vec<_> = queue::order(&candidates, &plan, &earlier)
                        .into_iter()
                        .map(|i| (chosen[i].0.clone(), chosen[i].1.clone(), chosen[i].2))
                        .collect();
                    for page in [1, 3, 64] {
                        let picked: Vec<_> = pick(&decks, &tags, &store, &scheduler, &plan, page)
                            .into_iter()
                            .map(|item| (item.deck.clone(), item.card, item.state))
                            .collect();
                        assert_eq!(picked, expected, "{plan:?} {tags:?} page {page}");
                    }
                    plans += usize::from(!expected.is_empty());
                }
            }
        }
    }
    assert!(plans > 20);
}

#[test]
fn a_report_refresh_takes_the_indexed_text_as_loading_and_gives_titles() {
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(
        decks.join("good.toml"),
        "title = \"Good\"\n[[cards]]\nquestion = \"q\"\nanswer = \"a\"\n",
    )
    .unwrap();
    std::fs::write(
        decks.join("bad.toml"),
        "title = \"Bad\"\n[[cards]]\nquestion = \"q\"\n",
    )
    .unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let found = || library::locate(&[], &library::DeckFolders::of(dir.path())).unwrap();
    let names = |refreshed: &[Refreshed]| {
        refreshed
            .iter()
            .map(|r| match r {
                Refreshed::Loaded { id, title, .. } => {
                    format!("{} loads: {}", id.0, title.as_deref().unwrap_or("?"))
                }
                Refreshed::Failed(report) => format!(
                    "{} fails: {}",
                    report.file.id.0,
                    report.findings.first().map_or("", |f| f.code.name())
                ),
            })
            .collect::<Vec<_>>()
    };
    let checked = refresh(found(), &mut store, true).unwrap();
    assert_eq!(
        names(&checked)[1..],
        ["bad fails: E012", "good loads: Good"]
    );

    // Once the index holds a text, that text is taken to load: it is not parsed again.
    let bad = DeckId("bad".into());
    let text = std::fs::read_to_string(decks.join("bad.toml")).unwrap();
    store
        .index_deck(&bad)
        .unwrap()
        .finish(&deck_index::key(&text), None)
        .unwrap();
    let checked = refresh(found(), &mut store, true).unwrap();
    assert_eq!(names(&checked)[1..], ["bad loads: Bad", "good loads: Good"]);
}

#[test]
fn a_card_answered_in_a_session_is_not_read_again_by_a_later_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = DeckId("d".into());
    let text: String = (0..6)
        .map(|i| format!("[[cards]]\nid = \"c{i}\"\nquestion = \"Q{i}?\"\nanswer = \"A\"\n\n"))
        .collect();
    write_deck(dir.path(), "d", &text);
    index(dir.path(), &mut store).unwrap();
    let decks = [deck.clone()];
    for i in 0..6 {
        let stability = 1.0 + i as f32;
        review(
            &mut store,
            &deck,
            &format!("c{i}"),
            &state(now(), stability),
        );
    }
    let scheduler = Scheduler::new(None, 0.9).unwrap();
    let plan = Plan {
        due_before: now() + jiff::SignedDuration::from_hours(15),
        day_start: now() - jiff::SignedDuration::from_hours(5),
        new_limit: 20,
        new_seen_today: Vec::new(),
        limit: None,
        shuffle: None,
    };
    let mut pages = Pages::new(&decks, &[], &store, now(), &plan, 2).unwrap();
    assert_eq!(pages.total(), 6);
    let mut asked = Vec::new();
    loop {
        let page = pages.next_page(&store, &scheduler).unwrap();
        if page.is_empty() {
            break;
        }
        for item in page {
            asked.push(item.card.id.0.clone());
            // Missed: due again in a minute, remembered best of all (just reviewed).
            let mut again = state(now() + jiff::SignedDuration::from_mins(1), 0.5);
            again.last_review = now();
            review(&mut store, &deck, &item.card.id.0, &again);
        }
    }
    // The least stable first; each card once.
    assert_eq!(asked, ["c0", "c1", "c2", "c3", "c4", "c5"]);
}
