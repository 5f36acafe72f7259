//! How quiz ends: the exit codes, decided here and nowhere else, and the quiet end on a
//! closed pipe (`quiz export | head` is not an error).

/// The process's exit status. Scripts rely on these numbers; DESIGN lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked.
    Success,
    /// It could not: a file, the database or a deck stood in the way (`quiz check` found
    /// errors, too).
    Failure,
    /// What was typed on the command line cannot be carried out.
    Usage,
    /// The learner pressed Ctrl-C; everything answered was saved.
    Interrupted,
    /// The terminal went away (SIGHUP), after the same clean stop as Ctrl-C.
    HungUp,
    /// Asked to stop (SIGTERM), after the same clean stop as Ctrl-C.
    Terminated,
}

impl ExitCode {
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
            ExitCode::Interrupted => 130,
            ExitCode::HungUp => 129,
            ExitCode::Terminated => 143,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> std::process::ExitCode {
        // Every code above fits in a byte.
        std::process::ExitCode::from(u8::try_from(code.code()).unwrap_or(1))
    }
}

/// A command line that parses but asks for something impossible (`--limit 0` where at
/// least one is needed): reported like any error, with the usage exit code.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UsageError(pub String);

/// The exit code for a command that failed with `error`, and whether to say so: a closed
/// stdout is the reader's choice, not a failure.
pub(crate) fn for_error(error: &anyhow::Error) -> (ExitCode, bool) {
    if is_broken_pipe(error) {
        (ExitCode::Success, false)
    } else if error.downcast_ref::<UsageError>().is_some() {
        (ExitCode::Usage, true)
    } else {
        (ExitCode::Failure, true)
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_a_quiet_success() {
        let error = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("could not write the deck");
        assert_eq!(for_error(&error), (ExitCode::Success, false));
    }

    #[test]
    fn usage_errors_exit_2_and_others_1() {
        let usage = anyhow::Error::new(UsageError("--limit must be at least 1".into()));
        assert_eq!(for_error(&usage), (ExitCode::Usage, true));
        assert_eq!(
            for_error(&anyhow::anyhow!("no deck")),
            (ExitCode::Failure, true)
        );
        assert_eq!(ExitCode::Interrupted.code(), 130);
    }
}
