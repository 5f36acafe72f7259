//! Git as the engine that moves the logs: when the sync folder is inside a git work tree,
//! `quiz sync` pulls (rebase, autostash) before reading and commits and pushes this
//! device's own log after writing it, retrying once when the push is refused because the
//! remote moved on. Each device commits only its own file, so the rebase never conflicts.
//!
//! Git's troubles (no network, no upstream) are reported, never fatal: the local state
//! is right either way, and the next sync carries the events over.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A git work tree the sync folder is in.
#[derive(Debug)]
pub(crate) struct Repository {
    root: PathBuf,
}

impl Repository {
    /// The work tree `dir` is in, if it is in one and `git` runs.
    pub(crate) fn find(dir: &Path) -> Option<Repository> {
        // A few stats before a process: a sync with nothing new stays cheap outside git.
        if !dir.ancestors().any(|folder| folder.join(".git").exists()) {
            return None;
        }
        let output = git(dir, &["rev-parse", "--show-toplevel"]).ok()?;
        if !output.status.success() {
            return None;
        }
        let root = String::from_utf8(output.stdout).ok()?;
        Some(Repository {
            root: PathBuf::from(root.trim_end_matches(['\n', '\r'])),
        })
    }

    /// Pulls with rebase and autostash; the error is what to tell the learner.
    pub(crate) fn pull(&self) -> Result<(), String> {
        if !self.has_upstream() {
            return Ok(());
        }
        let output = git(&self.root, &["pull", "--rebase", "--autostash", "--quiet"])
            .map_err(|e| format!("git: could not run git pull: {e}"))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!(
            "git pull failed, so this sync used only what is here (the local state is still \
             right; the next sync catches up): {}",
            said(&output)
        ))
    }

    /// Commits `log` (this device's own) if it changed, and pushes.
    pub(crate) fn commit_and_push(&self, log: &Path, device: &str) -> Result<(), String> {
        let Some(log) = log.to_str() else {
            return Err("git: the log's path is not UTF-8".into());
        };
        let run = |args: &[&str]| {
            git(&self.root, args).map_err(|e| format!("git: could not run git: {e}"))
        };
        let added = run(&["add", "--", log])?;
        if !added.status.success() {
            return Err(format!("git add failed: {}", said(&added)));
        }
        let staged = run(&["diff", "--cached", "--quiet", "--", log])?;
        if !staged.status.success() {
            let message = format!("quiz sync: device {device}");
            let mut args = Vec::new();
            if !self.has_identity() {
                args.extend(["-c", "user.name=quiz", "-c", "user.email=quiz@localhost"]);
            }
            args.extend(["commit", "--quiet", "-m", &message, "--", log]);
            let committed = run(&args)?;
            if !committed.status.success() {
                return Err(format!("git commit failed: {}", said(&committed)));
            }
        }
        if !self.has_upstream() {
            return Ok(());
        }
        let pushed = run(&["push", "--quiet"])?;
        if pushed.status.success() {
            return Ok(());
        }
        // The remote moved on since the pull: take its commits (other devices' files only)
        // and try once more.
        let text = said(&pushed);
        if text.contains("rejected")
            || text.contains("fetch first")
            || text.contains("non-fast-forward")
        {
            self.pull()?;
            let again = run(&["push", "--quiet"])?;
            if again.status.success() {
                return Ok(());
            }
            return Err(format!(
                "git push failed twice; this device's events are committed here and go with \
                 the next sync: {}",
                said(&again)
            ));
        }
        Err(format!(
            "git push failed; this device's events are committed here and go with the next \
             sync: {text}"
        ))
    }

    fn has_upstream(&self) -> bool {
        git(
            &self.root,
            &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"],
        )
        .is_ok_and(|output| output.status.success())
    }

    fn has_identity(&self) -> bool {
        git(&self.root, &["config", "user.email"])
            .is_ok_and(|output| output.status.success() && !output.stdout.is_empty())
    }
}

/// Runs git in `dir`, never asking for a password on the terminal.
fn git(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(std::process::Stdio::null())
        .output()
}

/// What git said, on one line, made safe to print.
fn said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let text = text.trim();
    let text = if text.is_empty() {
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    } else {
        text.to_owned()
    };
    crate::escape::escape_line(&text.replace('\n', "; "))
}
