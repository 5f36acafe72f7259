//! `quiz` with no command: the few commands a learner meets first and where quiz keeps
//! things, like `git` alone — a start, not a usage error.

use crate::deck::library;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;

pub(crate) fn run(context: &Context) -> anyhow::Result<ExitCode> {
    let shown = |path: &std::path::Path| escape_line(&path.display().to_string());
    let data = &context.data_dir;
    let config = match &context.config_path {
        Some(path) if path.exists() => shown(path),
        Some(path) => format!("{} (not created; every setting has a default)", shown(path)),
        None => "none (no config directory found)".to_string(),
    };
    // A broken config file must not hide the overview, where a learner looks first.
    let (folders, warning) = library::DeckFolders::lenient(data, context.settings());
    if let Some(warning) = warning {
        crate::ui::warn(warning);
    }
    let mut decks = shown(&library::user_folder(data));
    if let Some(synced) = &folders.synced {
        decks.push_str(&format!(
            "\n             {} (from the sync folder)",
            shown(synced)
        ));
    }
    let progress = if data.join("quiz.sqlite3").exists() {
        shown(&data.join("quiz.sqlite3"))
    } else {
        format!(
            "{} (created by your first session)",
            shown(&data.join("quiz.sqlite3"))
        )
    };
    crate::outln!(
        "\
quiz {version}: a quiz and flashcard trainer with spaced repetition

Start here:
  quiz start           study: the cards due, then new ones (the bundled deck to begin with)
  quiz decks           the decks quiz knows and what is due in each
  quiz stats           your progress: retention, a heatmap, what comes due
  quiz missed          drill the cards you missed last time
  quiz new NAME        write a deck of your own; quiz add NAME adds cards to it
  quiz check           find mistakes in your decks

Where things are:
  progress   {progress}
  decks      {decks}
  settings   {config}

Every command: quiz --help; one command: quiz help start.",
        version = env!("CARGO_PKG_VERSION"),
    )?;
    Ok(ExitCode::Success)
}
