//! Noticing a damaged progress database before anything is appended to it: a schema version
//! (`PRAGMA user_version`) that disagrees with the tables the file holds, and pages SQLite's
//! `quick_check` finds broken (on `quiz check --database`, and once after a session was
//! left open by a kill). Either is refused with what is wrong and how to recover,
//! instead of migrations re-run over a populated file or a session appended to a bad one.
//!
//! What each version holds is read from the migrations themselves (the names their `CREATE`
//! statements make), so a new migration needs nothing here.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension as _};

use super::{MIGRATIONS, StoreError};

/// The names of the tables, indexes, triggers and views each migration makes: entry `v` is
/// what a database at schema `v + 1` holds beyond one at `v`.
fn made_by_migrations() -> Vec<BTreeSet<String>> {
    MIGRATIONS.iter().map(|sql| created_names(sql)).collect()
}

/// The objects a migration's `CREATE` statements make (less those it drops).
fn created_names(sql: &str) -> BTreeSet<String> {
    let text: String = sql
        .lines()
        .map(|line| line.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let upper = |i: usize| words.get(i).map(|w| w.to_ascii_uppercase());
    let mut names = BTreeSet::new();
    for (i, word) in words.iter().enumerate() {
        let verb = word.to_ascii_uppercase();
        if verb != "CREATE" && verb != "DROP" {
            continue;
        }
        let mut at = i + 1;
        while matches!(upper(at).as_deref(), Some("UNIQUE" | "TEMP" | "TEMPORARY")) {
            at += 1;
        }
        if !matches!(
            upper(at).as_deref(),
            Some("TABLE" | "INDEX" | "TRIGGER" | "VIEW")
        ) {
            continue;
        }
        at += 1;
        while matches!(upper(at).as_deref(), Some("IF" | "NOT" | "EXISTS")) {
            at += 1;
        }
        if let Some(name) = words.get(at) {
            let name = name.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']');
            if verb == "CREATE" {
                names.insert(name.to_owned());
            } else {
                names.remove(name);
            }
        }
    }
    names
}

/// The objects quiz knows that the file holds.
fn present(conn: &Connection, known: &BTreeSet<String>) -> rusqlite::Result<BTreeSet<String>> {
    let mut statement = conn.prepare("SELECT name FROM main.sqlite_schema")?;
    let names = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut found = BTreeSet::new();
    for name in names {
        let name = name?;
        if known.contains(&name) {
            found.insert(name);
        }
    }
    Ok(found)
}

/// Refuses a file whose `user_version` is not the version its tables are: negative (no quiz
/// writes one; 2^31 wraps to one), or one whose tables are missing or come from later
/// migrations (0 on a populated file would re-run every migration over it). A version above
/// the ones this quiz knows is left to the caller (a newer quiz wrote it).
pub(super) fn check_version(conn: &Connection, path: &Path, found: i64) -> Result<(), StoreError> {
    let made = made_by_migrations();
    if found > made.len() as i64 {
        return Ok(());
    }
    let known: BTreeSet<String> = made.iter().flatten().cloned().collect();
    let present = present(conn, &known).map_err(StoreError::from)?;
    let at = |version: usize| -> BTreeSet<String> {
        made.iter().take(version).flatten().cloned().collect()
    };
    if let Ok(version) = usize::try_from(found)
        && at(version) == present
    {
        return Ok(());
    }
    let fits = (0..=made.len()).find(|&v| at(v) == present);
    let holds = match fits {
        Some(version) => format!("holds the tables of schema {version}"),
        None => format!(
            "holds tables that fit no schema this quiz knows ({})",
            present.iter().cloned().collect::<Vec<_>>().join(", ")
        ),
    };
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        problem: format!("it says schema version {found} but {holds}"),
        recovery: match fits {
            Some(version) if version > 0 => format!(
                "if nothing else is wrong with it, `sqlite3 {} \"PRAGMA user_version = {version}\"` \
                 puts it right; otherwise {}",
                path.display(),
                start_afresh(path)
            ),
            _ => start_afresh(path),
        },
    })
}

/// How to recover progress from a file quiz will not write to.
pub(super) fn replay_advice(path: &Path) -> String {
    format!(
        "save what it still holds with `quiz history export -o reviews.csv`, move {} aside, \
         and `quiz history import reviews.csv` replays it into a fresh database",
        path.display()
    )
}

fn start_afresh(path: &Path) -> String {
    format!(
        "move {} aside (quiz then starts a fresh one) and import a review log you exported \
         earlier with `quiz history import`",
        path.display()
    )
}

/// Where the last session checked after a crash is kept.
const CHECKED_KEY: &str = "quick_checked_through_session";

/// The latest session left open (its process killed, or the machine stopped) that no
/// check has looked at yet; `None` when there is none. A writer holds the data
/// directory's lock, so no session is running while this is asked.
pub(super) fn unchecked_crash(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let open: Option<i64> = conn.query_row(
        "SELECT MAX(id) FROM sessions WHERE ended_at IS NULL",
        [],
        |row| row.get(0),
    )?;
    let Some(open) = open else {
        return Ok(None);
    };
    let checked: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [CHECKED_KEY],
            |row| row.get(0),
        )
        .optional()?;
    let checked = checked.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    Ok((open > checked).then_some(open))
}

/// Records that the file was found sound after the sessions up to `session` were left open.
pub(super) fn checked_through(conn: &Connection, session: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        rusqlite::params![CHECKED_KEY, session.to_string()],
    )?;
    Ok(())
}

/// SQLite's `PRAGMA quick_check`: the problems it finds (at most `limit`), none when the file
/// is sound. It reads every page, so it runs on `quiz check --database` and when a writer
/// finds a session a killed process left open, not at every open.
pub(super) fn quick_check(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("PRAGMA quick_check({limit})"))?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_migration_names_what_it_creates() {
        let made = made_by_migrations();
        assert!(made[0].contains("reviews") && made[0].contains("cards_by_due"));
        assert!(made[1].contains("reviews_by_deck_time"));
        assert!(made[2].contains("deck_files") && made[2].contains("deck_cards_reviewed"));
        assert!(made[3].contains("learner_accepts"));
        assert_eq!(
            created_names(
                "-- CREATE TABLE commented\nCREATE TABLE IF NOT EXISTS \"a\" (x);\n\
                 CREATE UNIQUE INDEX b ON a (x); DROP INDEX b;"
            ),
            BTreeSet::from(["a".to_owned()])
        );
    }
}
