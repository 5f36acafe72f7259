//! Changing a deck file without disturbing it: toml_edit keeps comments, ordering and
//! formatting of everything we do not touch, so an author's file stays theirs.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use super::id::implicit_id;

#[derive(Debug, thiserror::Error)]
pub(crate) enum EditError {
    #[error(transparent)]
    Toml(#[from] toml_edit::TomlError),
    #[error("`cards` in this deck is not an array of [[cards]] tables")]
    CardsNotTables,
    #[error("no card with the id `{0}` is in this deck file")]
    NoSuchCard(String),
    #[error("the card's `accept` is not a list of strings")]
    AcceptNotList,
}

/// What [`add_accept`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Accepted {
    /// The new text of the deck file.
    Added(String),
    /// The card's `accept` already lists the answer: nothing to write.
    AlreadyThere,
}

/// Adds `answer` to the `accept` list of the card `id` (its explicit id, or the id its
/// question or cloze gives it), creating the list after the card's other keys if it has
/// none; everything else is left as it was written.
pub(crate) fn add_accept(text: &str, id: &str, answer: &str) -> Result<Accepted, EditError> {
    let mut doc: DocumentMut = text.parse()?;
    let is_card = |explicit: Option<&str>, source: Option<&str>| match explicit {
        Some(explicit) => explicit == id,
        None => source.is_some_and(|source| implicit_id(source) == id),
    };
    let list = match doc.get_mut("cards") {
        Some(Item::ArrayOfTables(cards)) => {
            let card = cards
                .iter_mut()
                .find(|card| {
                    is_card(
                        card.get("id").and_then(Item::as_str),
                        card.get("question")
                            .or_else(|| card.get("cloze"))
                            .and_then(Item::as_str),
                    )
                })
                .ok_or_else(|| EditError::NoSuchCard(id.to_string()))?;
            if !card.contains_key("accept") {
                card.insert("accept", value(Array::new()));
                // Right after the answer, where authors write it.
                let order: Vec<String> = card.iter().map(|(key, _)| key.to_string()).collect();
                // (The sort is stable: equal to the answer's, it stays after it.)
                let rank = |key: &str| {
                    let key = if key == "accept" { "answer" } else { key };
                    order.iter().position(|k| k == key).unwrap_or(order.len())
                };
                card.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
            }
            card.get_mut("accept")
                .and_then(Item::as_array_mut)
                .ok_or(EditError::AcceptNotList)?
        }
        Some(Item::Value(Value::Array(cards))) => {
            let card = cards
                .iter_mut()
                .filter_map(Value::as_inline_table_mut)
                .find(|card| {
                    is_card(
                        card.get("id").and_then(Value::as_str),
                        card.get("question")
                            .or_else(|| card.get("cloze"))
                            .and_then(Value::as_str),
                    )
                })
                .ok_or_else(|| EditError::NoSuchCard(id.to_string()))?;
            if !card.contains_key("accept") {
                card.insert("accept", Value::Array(Array::new()));
            }
            card.get_mut("accept")
                .and_then(Value::as_array_mut)
                .ok_or(EditError::AcceptNotList)?
        }
        None => return Err(EditError::NoSuchCard(id.to_string())),
        Some(_) => return Err(EditError::CardsNotTables),
    };
    if list.iter().any(|v| v.as_str() == Some(answer)) {
        return Ok(Accepted::AlreadyThere);
    }
    if list.iter().any(|v| v.as_str().is_none()) {
        return Err(EditError::AcceptNotList);
    }
    list.push(answer);
    Ok(Accepted::Added(doc.to_string()))
}

/// A card to append, as an author entered it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct NewCard {
    pub id: String,
    /// `None` lets the fields decide; `Some` writes `kind = "…"`.
    pub kind: Option<String>,
    pub question: Option<String>,
    pub cloze: Option<String>,
    pub answer: Option<NewAnswer>,
    pub accept: Vec<String>,
    pub choices: Vec<String>,
    pub explain: Option<String>,
    pub hint: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NewAnswer {
    Text(String),
    Bool(bool),
    Several(Vec<String>),
}

/// Writes the id each card already has implicitly into every card without one, so editing
/// its wording later keeps its progress. Returns the new text and how many ids were added.
pub(crate) fn add_missing_ids(text: &str) -> Result<(String, usize), EditError> {
    let mut doc: DocumentMut = text.parse()?;
    let mut added = 0;
    match doc.get_mut("cards") {
        None => {}
        Some(Item::ArrayOfTables(cards)) => {
            for card in cards.iter_mut() {
                if !card.contains_key("id")
                    && let Some(id) = derived_id(card.get("question").or_else(|| card.get("cloze")))
                {
                    card.insert("id", value(id));
                    card.sort_values_by(|a, _, b, _| (a.get() != "id").cmp(&(b.get() != "id")));
                    added += 1;
                }
            }
        }
        Some(Item::Value(Value::Array(cards))) => {
            for card in cards.iter_mut() {
                let Value::InlineTable(card) = card else {
                    return Err(EditError::CardsNotTables);
                };
                if !card.contains_key("id") {
                    let source = card
                        .get("question")
                        .or_else(|| card.get("cloze"))
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    if let Some(source) = source {
                        card.insert("id", Value::from(implicit_id(&source)));
                        added += 1;
                    }
                }
            }
        }
        Some(_) => return Err(EditError::CardsNotTables),
    }
    Ok((doc.to_string(), added))
}

fn derived_id(item: Option<&Item>) -> Option<String> {
    item.and_then(Item::as_str).map(implicit_id)
}

/// Appends a `[[cards]]` table to the deck text, leaving the rest byte-for-byte unchanged.
pub(crate) fn append_card(text: &str, card: &NewCard) -> Result<String, EditError> {
    let mut doc: DocumentMut = text.parse()?;
    let mut table = Table::new();
    table.insert("id", value(card.id.as_str()));
    if let Some(kind) = &card.kind {
        table.insert("kind", value(kind.as_str()));
    }
    if let Some(question) = &card.question {
        table.insert("question", value(question.as_str()));
    }
    if let Some(cloze) = &card.cloze {
        table.insert("cloze", value(cloze.as_str()));
    }
    match &card.answer {
        Some(NewAnswer::Text(answer)) => {
            table.insert("answer", value(answer.as_str()));
        }
        Some(NewAnswer::Bool(answer)) => {
            table.insert("answer", value(*answer));
        }
        Some(NewAnswer::Several(parts)) => {
            table.insert("answer", value(strings(parts)));
        }
        None => {}
    }
    for (key, list) in [("accept", &card.accept), ("choices", &card.choices)] {
        if !list.is_empty() {
            table.insert(key, value(strings(list)));
        }
    }
    for (key, text) in [("hint", &card.hint), ("explain", &card.explain)] {
        if let Some(text) = text {
            table.insert(key, value(text.as_str()));
        }
    }
    if !card.tags.is_empty() {
        table.insert("tags", value(strings(&card.tags)));
    }
    // A blank line between cards, as authors write them.
    if !text.trim().is_empty() {
        table.decor_mut().set_prefix("\n");
    }
    match doc.get_mut("cards") {
        None => {
            let mut cards = ArrayOfTables::new();
            cards.push(table);
            doc.insert("cards", Item::ArrayOfTables(cards));
        }
        Some(Item::ArrayOfTables(cards)) => cards.push(table),
        Some(Item::Value(Value::Array(cards))) => cards.push(table.into_inline_table()),
        Some(_) => return Err(EditError::CardsNotTables),
    }
    Ok(doc.to_string())
}

fn strings(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: &str = r#"# My deck — hand-written, comments kept
title = "Test"   # trailing comment

[[cards]]
# a card without an id
question = "What year?"
answer = "1956"

[[cards]]
id = "kept"
question  =  "Spacing kept?"
answer = true

[[cards]]
cloze = "It began the {{Thaw}}."
"#;

    #[test]
    fn fix_adds_ids_and_changes_nothing_else() {
        let (fixed, added) = add_missing_ids(DECK).unwrap();
        assert_eq!(added, 2);
        let first = format!("id = \"{}\"\n", implicit_id("What year?"));
        let second = format!("id = \"{}\"\n", implicit_id("It began the {{Thaw}}."));
        // Removing exactly the inserted lines gives back the original, byte for byte.
        let restored = fixed.replacen(&first, "", 1).replacen(&second, "", 1);
        assert_eq!(restored, DECK);
        assert!(
            fixed.contains(&format!("[[cards]]\n{first}# a card without an id")),
            "{fixed}"
        );
    }

    #[test]
    fn fix_is_idempotent() {
        let (once, _) = add_missing_ids(DECK).unwrap();
        let (twice, added) = add_missing_ids(&once).unwrap();
        assert_eq!(added, 0);
        assert_eq!(once, twice);
    }

    #[test]
    fn accept_adds_to_the_list_and_keeps_the_rest() {
        let deck = "# top\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"  # asked\nanswer = \"x\"\naccept = [\"y\"]  # kept\n\n[[cards]]\nquestion = \"What year?\"\nanswer = \"1956\"\n# after\n";
        let Accepted::Added(out) = add_accept(deck, "a", "z \"q\"").unwrap() else {
            panic!("not added");
        };
        assert_eq!(out, deck.replace("[\"y\"]", "[\"y\", 'z \"q\"']"));
        let id = implicit_id("What year?");
        let Accepted::Added(out) = add_accept(deck, &id, "'56").unwrap() else {
            panic!("not added");
        };
        assert_eq!(
            out,
            deck.replace(
                "answer = \"1956\"\n",
                "answer = \"1956\"\naccept = [\"'56\"]\n"
            )
        );
        assert_eq!(add_accept(deck, "a", "y").unwrap(), Accepted::AlreadyThere);
        assert!(matches!(
            add_accept(deck, "nope", "y"),
            Err(EditError::NoSuchCard(_))
        ));
        let inline = "cards = [{ id = \"a\", question = \"Q\", answer = \"x\" }]\n";
        let Accepted::Added(out) = add_accept(inline, "a", "y").unwrap() else {
            panic!("not added");
        };
        assert!(out.contains("accept = [\"y\"]"), "{out}");
    }

    #[test]
    fn append_keeps_the_file_and_adds_a_table() {
        let card = NewCard {
            id: "new-card".into(),
            question: Some("Which \"congress\"?".into()),
            answer: Some(NewAnswer::Text("20th".into())),
            choices: vec!["19th".into(), "20th".into()],
            tags: vec!["dates".into()],
            ..NewCard::default()
        };
        let out = append_card(DECK, &card).unwrap();
        assert!(out.starts_with(DECK), "{out}");
        let commented = "title = \"x\"\n\n[[cards]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"a\"\n\n# later\n# [[cards]]\n";
        let out2 = append_card(commented, &card).unwrap();
        assert!(out2.starts_with("title = \"x\"\n\n[[cards]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"a\"\n\n[[cards]]\nid = \"new-card\""), "{out2}");
        assert!(out2.ends_with("# later\n# [[cards]]\n"), "{out2}");
        assert!(out.ends_with(
            "\n[[cards]]\nid = \"new-card\"\nquestion = 'Which \"congress\"?'\nanswer = \"20th\"\nchoices = [\"19th\", \"20th\"]\ntags = [\"dates\"]\n"
        ), "{out}");
    }
}
