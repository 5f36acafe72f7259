//! `quiz manpage`: the manual page quiz(1) in roff, from the same clap definitions as
//! `--help` plus the environment and files quiz reads, or with `--dir` one page per
//! subcommand as well (quiz-start(1), …).

use anyhow::Context as _;
use clap::CommandFactory as _;
use clap_mangen::Man;

use crate::cli::{Cli, ManpageArgs};
use crate::exit::ExitCode;

/// What `--help` has no room for, in roff: the variables and files quiz reads.
const ENVIRONMENT_AND_FILES: &str = r#".SH ENVIRONMENT
.TP
\fBQUIZ_DATA_DIR\fR
The data directory (your progress and your decks); \fB\-\-data\-dir\fR wins over it.
.TP
\fBQUIZ_CONFIG\fR
The config file, instead of \fI~/.config/quiz/config.toml\fR.
.TP
\fBQUIZ_NOW\fR
An RFC 3339 instant (2026\-03\-01T09:00:00Z) used instead of the clock, for tests and demos.
.TP
\fBNO_COLOR\fR
Any value but the empty one turns colour off.
.TP
\fBTZ\fR
The time zone of the learner's days, which roll over at 04:00; a value naming no zone is a warning, and days are then counted in UTC.
.SH FILES
.TP
\fI~/.local/share/quiz/quiz.sqlite3\fR
Your progress: every answer, and each card's schedule (on Linux; see \fBquiz\fR alone for the folder on this machine).
.TP
\fI~/.local/share/quiz/decks/\fR
Your decks, one TOML file each, studied by their file name.
.TP
\fI~/.config/quiz/config.toml\fR
Settings: desired_retention, new_cards_per_day, leech_threshold, default_mode.
"#;

pub(crate) fn run(args: &ManpageArgs) -> anyhow::Result<ExitCode> {
    let page = quiz_page()?;
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
            let could_not = || format!("could not write the manual pages into {}", dir.display());
            clap_mangen::generate_to(Cli::command(), dir).with_context(could_not)?;
            std::fs::write(dir.join("quiz.1"), &page).with_context(could_not)?;
            eprintln!(
                "wrote quiz.1 and a page per command into {} (read with: man -l {})",
                crate::escape::escape_line(&dir.display().to_string()),
                crate::escape::escape_line(&dir.join("quiz.1").display().to_string()),
            );
        }
        // Rendered into memory first: a closed stdout must end quietly.
        None => crate::out!("{}", String::from_utf8_lossy(&page))?,
    }
    Ok(ExitCode::Success)
}

/// quiz(1): clap_mangen's sections, with ENVIRONMENT and FILES before the version.
fn quiz_page() -> std::io::Result<Vec<u8>> {
    let man = Man::new(Cli::command());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    page.extend_from_slice(ENVIRONMENT_AND_FILES.as_bytes());
    man.render_version_section(&mut page)?;
    Ok(page)
}
