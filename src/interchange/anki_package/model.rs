//! Anki's note types and decks, from either schema, and what each note type's templates
//! ask: which field is the question, which the answer, whether a second template asks it
//! back (a reversed card), or whether it is a cloze.
//!
//! The shape is read from the templates rather than from the note type's name, so a
//! renamed or copied stock type ("Basic-1a2b3", "Vocab (reversed)") is read as what it is.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::protobuf::{fields, text_field, varint_field};
use crate::store::anki_collection::RawCollection;

/// What quiz makes of a note type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Shape {
    /// A question field and an answer field; `typed` when Anki asks for it typed;
    /// `reverse` the template ord that asks the answer field back, if any.
    Basic {
        question: usize,
        answer: usize,
        reverse: Option<i64>,
    },
    /// A cloze note type: the cloze text field, and the fields shown after answering.
    Cloze { text: usize, extra: Vec<usize> },
    /// Not imported, and why.
    Skipped(String),
}

#[derive(Debug, Clone)]
pub(super) struct Notetype {
    pub name: String,
    pub shape: Shape,
    /// Said once when the type is read in a way a learner may not expect.
    pub note: Option<String>,
}

struct Template {
    ord: i64,
    question: String,
    answer: String,
}

/// Note types by id, and deck paths by id (`A::B`).
pub(super) type Model = (HashMap<i64, Notetype>, HashMap<i64, String>);

/// Note types and deck paths, from either schema.
pub(super) fn read_model(raw: &RawCollection) -> Result<Model, String> {
    let mut notetypes = HashMap::new();
    let mut decks = HashMap::new();
    if raw.schema < 15 {
        let models: Json =
            serde_json::from_str(&raw.models_json).map_err(|e| format!("col.models: {e}"))?;
        let by_id = models
            .as_object()
            .ok_or("col.models is not a JSON object")?;
        for (id, model) in by_id {
            let id = id
                .parse::<i64>()
                .map_err(|_| format!("note type id {id:?}"))?;
            let name = model["name"].as_str().unwrap_or_default().to_string();
            let cloze = model["type"].as_i64() == Some(1);
            let mut field_names: Vec<(i64, String)> = model["flds"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    (
                        f["ord"].as_i64().unwrap_or(0),
                        f["name"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            field_names.sort();
            let templates: Vec<Template> = model["tmpls"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| Template {
                    ord: t["ord"].as_i64().unwrap_or(0),
                    question: t["qfmt"].as_str().unwrap_or_default().to_string(),
                    answer: t["afmt"].as_str().unwrap_or_default().to_string(),
                })
                .collect();
            let names: Vec<String> = field_names.into_iter().map(|(_, n)| n).collect();
            let stock = model["originalStockKind"].as_i64().unwrap_or(0);
            notetypes.insert(id, notetype(name, cloze, stock, &names, templates));
        }
        let all: Json =
            serde_json::from_str(&raw.decks_json).map_err(|e| format!("col.decks: {e}"))?;
        for (id, deck) in all.as_object().ok_or("col.decks is not a JSON object")? {
            let id = id.parse::<i64>().map_err(|_| format!("deck id {id:?}"))?;
            decks.insert(id, deck["name"].as_str().unwrap_or_default().to_string());
        }
    } else {
        for (id, name, config) in &raw.notetypes {
            let config = fields(config).ok_or_else(|| format!("note type {name:?}: config"))?;
            let cloze = varint_field(&config, 1) == 1;
            let stock = i64::try_from(varint_field(&config, 9)).unwrap_or(0);
            let mut names: Vec<(i64, String)> = raw
                .fields
                .iter()
                .filter(|(nt, _, _)| nt == id)
                .map(|(_, ord, name)| (*ord, name.clone()))
                .collect();
            names.sort();
            let mut templates = Vec::new();
            for (_, ord, _, config) in raw.templates.iter().filter(|t| t.0 == *id) {
                let config =
                    fields(config).ok_or_else(|| format!("note type {name:?}: template"))?;
                templates.push(Template {
                    ord: *ord,
                    question: text_field(&config, 1),
                    answer: text_field(&config, 2),
                });
            }
            let names: Vec<String> = names.into_iter().map(|(_, n)| n).collect();
            notetypes.insert(*id, notetype(name.clone(), cloze, stock, &names, templates));
        }
        for (id, name) in &raw.decks {
            decks.insert(*id, name.replace('\x1f', "::"));
        }
    }
    Ok((notetypes, decks))
}

/// Anki's `OriginalStockKind` for Image Occlusion.
const STOCK_IMAGE_OCCLUSION: i64 = 6;

fn notetype(
    name: String,
    cloze: bool,
    stock: i64,
    field_names: &[String],
    mut templates: Vec<Template>,
) -> Notetype {
    templates.sort_by_key(|t| t.ord);
    let index = |field: &str| field_names.iter().position(|n| n == field);
    let occlusion = stock == STOCK_IMAGE_OCCLUSION
        || templates
            .iter()
            .any(|t| t.question.contains("{{cloze:Occlusion}}"));
    if occlusion {
        return Notetype {
            name,
            shape: Shape::Skipped("an Image Occlusion note: quiz asks no images".into()),
            note: None,
        };
    }
    if cloze {
        let text = templates
            .first()
            .and_then(|t| {
                refs(&t.question).find_map(|(filter, f)| (filter == "cloze").then_some(f))
            })
            .and_then(index);
        return match text {
            Some(text) => Notetype {
                name,
                shape: Shape::Cloze {
                    text,
                    extra: (0..field_names.len()).filter(|&i| i != text).collect(),
                },
                note: None,
            },
            None => Notetype {
                name,
                shape: Shape::Skipped("a cloze note type without a {{cloze:…}} field".into()),
                note: None,
            },
        };
    }
    let Some(first) = templates.first() else {
        return Notetype {
            name,
            shape: Shape::Skipped("a note type without card templates".into()),
            note: None,
        };
    };
    let asked = |t: &Template| -> (Option<usize>, Option<usize>) {
        let question: Vec<&str> = refs(&t.question).map(|(_, f)| f).collect();
        let typed = refs(&t.answer)
            .find_map(|(filter, f)| (filter == "type").then_some(f))
            .and_then(index);
        let answer = typed.or_else(|| {
            refs(&t.answer)
                .map(|(_, f)| f)
                .find(|f| !question.contains(f))
                .and_then(index)
        });
        (question.first().copied().and_then(index), answer)
    };
    let (question, answer) = asked(first);
    let mut note = None;
    let (question, answer) = match (question, answer) {
        (Some(q), Some(a)) if q != a => (q, a),
        _ => {
            note = Some(format!(
                "note type {name:?}: its template names no question and answer field; \
                 the first field is the question and the second the answer"
            ));
            (0, 1)
        }
    };
    let reverse = templates
        .get(1)
        .and_then(|second| (asked(second) == (Some(answer), Some(question))).then_some(second.ord));
    if templates.len() > 1 + usize::from(reverse.is_some()) {
        note = Some(format!(
            "note type {name:?} has {} card templates; quiz asks the first{}",
            templates.len(),
            if reverse.is_some() {
                " and its reverse"
            } else {
                ""
            }
        ));
    }
    Notetype {
        name,
        shape: Shape::Basic {
            question,
            answer,
            reverse,
        },
        note,
    }
}

/// Names that a template may show but that are no field of the note.
const SPECIAL: [&str; 7] = [
    "FrontSide",
    "Tags",
    "Deck",
    "Subdeck",
    "Card",
    "CardFlag",
    "Type",
];

/// The fields a template shows, in order, with the last filter each goes through
/// (`type` for `{{type:Back}}`, `cloze` for `{{cloze:Text}}`, empty for none). Section
/// markers (`{{#F}}`, `{{^F}}`, `{{/F}}`) only test a field, so they are left out.
fn refs(template: &str) -> impl Iterator<Item = (&str, &str)> {
    template.split("{{").skip(1).filter_map(|part| {
        let inner = part.split_once("}}")?.0.trim();
        if inner.starts_with(['#', '^', '/', '!']) {
            return None;
        }
        let (filters, field) = inner.rsplit_once(':').unwrap_or(("", inner));
        let filter = filters.rsplit(':').next().unwrap_or("");
        let field = field.trim();
        (!SPECIAL.contains(&field) && !field.is_empty()).then_some((filter.trim(), field))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(ord: i64, question: &str, answer: &str) -> Template {
        Template {
            ord,
            question: question.into(),
            answer: answer.into(),
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn templates_say_what_is_asked() {
        let front_back = "{{FrontSide}}<hr id=answer>{{Back}}";
        let basic = notetype(
            "B".into(),
            false,
            0,
            &names(&["Front", "Back"]),
            vec![template(0, "{{Front}}", front_back)],
        );
        assert_eq!(
            basic.shape,
            Shape::Basic {
                question: 0,
                answer: 1,
                reverse: None
            }
        );
        let optional = notetype(
            "O".into(),
            false,
            0,
            &names(&["Front", "Back", "Add Reverse"]),
            vec![
                template(0, "{{Front}}", front_back),
                template(
                    1,
                    "{{#Add Reverse}}{{Back}}{{/Add Reverse}}",
                    "{{FrontSide}}<hr>{{Front}}",
                ),
            ],
        );
        assert_eq!(
            optional.shape,
            Shape::Basic {
                question: 0,
                answer: 1,
                reverse: Some(1)
            }
        );
        let typed = notetype(
            "T".into(),
            false,
            0,
            &names(&["Front", "Back"]),
            vec![template(
                0,
                "{{Front}}\n\n{{type:Back}}",
                "{{Front}}<hr id=answer>{{type:Back}}",
            )],
        );
        assert_eq!(
            typed.shape,
            Shape::Basic {
                question: 0,
                answer: 1,
                reverse: None
            }
        );
        let cloze = notetype(
            "C".into(),
            true,
            0,
            &names(&["Text", "Back Extra"]),
            vec![template(
                0,
                "{{cloze:Text}}",
                "{{cloze:Text}}<br>{{Back Extra}}",
            )],
        );
        assert_eq!(
            cloze.shape,
            Shape::Cloze {
                text: 0,
                extra: vec![1]
            }
        );
        let occlusion = notetype(
            "IO".into(),
            true,
            6,
            &names(&["Occlusion", "Image"]),
            vec![],
        );
        assert!(matches!(occlusion.shape, Shape::Skipped(_)));
        let odd = notetype(
            "X".into(),
            false,
            0,
            &names(&["A", "B"]),
            vec![template(0, "hello", "world")],
        );
        assert_eq!(
            odd.shape,
            Shape::Basic {
                question: 0,
                answer: 1,
                reverse: None
            }
        );
        assert!(odd.note.is_some());
    }
}
