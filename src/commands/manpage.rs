//! `quiz manpage`: the manual page quiz(1) in roff, from the same clap definitions as
//! `--help`, or with `--dir` one page per subcommand as well (quiz-start(1), …).

use anyhow::Context as _;
use clap::CommandFactory as _;

use crate::cli::{Cli, ManpageArgs};
use crate::exit::ExitCode;

pub(crate) fn run(args: &ManpageArgs) -> anyhow::Result<ExitCode> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
            clap_mangen::generate_to(command, dir).with_context(|| {
                format!("could not write the manual pages into {}", dir.display())
            })?;
            eprintln!(
                "wrote quiz.1 and a page per command into {} (read with: man -l {})",
                crate::escape::escape_line(&dir.display().to_string()),
                crate::escape::escape_line(&dir.join("quiz.1").display().to_string()),
            );
        }
        None => {
            // Rendered into memory: a closed stdout must end quietly.
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            crate::out!("{}", String::from_utf8_lossy(&page))?;
        }
    }
    Ok(ExitCode::Success)
}
