//! `quiz new NAME`: a new deck from a commented template that already passes `quiz check`.

use anyhow::bail;

use crate::cli::NewArgs;
use crate::deck::library;
use crate::env::Context;
use crate::escape::escape_control;
use crate::exit::ExitCode;
use crate::files::write_new;

const TEMPLATE: &str = include_str!("../deck/template.toml");

pub(crate) fn run(args: &NewArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let name = args.name.trim();
    if name.is_empty()
        || name.starts_with('.')
        || name.contains(['/', '\\'])
        || name.chars().any(char::is_control)
    {
        bail!(
            "`{}` is not a deck name: use letters, digits and dashes (no slashes); --path picks another place",
            escape_control(name)
        );
    }
    let path = match &args.path {
        Some(path) => path.clone(),
        None => {
            let folder = library::user_folder(&context.data_dir);
            std::fs::create_dir_all(&folder).map_err(|e| {
                anyhow::anyhow!(
                    "could not create the decks folder {}: {e}",
                    folder.display()
                )
            })?;
            folder.join(format!("{name}.toml"))
        }
    };
    let title = name.replace('"', "'");
    write_new(&path, &TEMPLATE.replace("TITLE", &title))?;
    crate::outln!("created {}", display(&path))?;
    crate::outln!(
        "edit it, then `quiz check {0}` and `quiz start {0}`",
        display(&path)
    )?;
    Ok(ExitCode::Success)
}

fn display(path: &std::path::Path) -> String {
    escape_control(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::TEMPLATE;
    use crate::deck::parse::parse_deck;
    use crate::deck::{DeckId, Origin};

    #[test]
    fn the_template_passes_check_with_no_findings() {
        let parsed = parse_deck(
            DeckId("t".into()),
            &TEMPLATE.replace("TITLE", "t"),
            Origin::Bundled,
        );
        assert_eq!(parsed.findings, vec![]);
        assert_eq!(parsed.deck.map(|d| d.cards.len()), Some(1));
    }

    #[test]
    fn every_commented_example_passes_check_once_uncommented() {
        let uncommented: String = TEMPLATE
            .lines()
            .map(|line| {
                line.strip_prefix("# ")
                    .filter(|l| l.starts_with('[') || l.contains(" = "))
                    .unwrap_or(line)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let parsed = parse_deck(DeckId("t".into()), &uncommented, Origin::Bundled);
        assert_eq!(parsed.findings, vec![], "{uncommented}");
        assert_eq!(parsed.deck.map(|d| d.cards.len()), Some(6));
    }
}
