//! Terminal front ends. They show questions and verdicts and read answers; they never judge,
//! schedule or save — the session command does that with what they return.

pub(crate) mod format;
pub(crate) mod forms;
pub(crate) mod plain;
pub(crate) mod progress;
pub(crate) mod screen;
pub(crate) mod sync_report;
pub(crate) mod table;

use std::io;
use std::time::Duration;

use jiff::Timestamp;

use crate::deck::Card;
use crate::judge::Verdict;
use crate::schedule::Rating;

/// One question as put to the learner.
pub(crate) struct Prompt<'a> {
    /// 1-based position in the session and the number of questions it now holds.
    pub position: usize,
    pub total: usize,
    pub card: &'a Card,
    /// The learner asked for the hint (shown, or said to be missing): the question is on
    /// screen already.
    pub hint_shown: bool,
    /// Flip mode: show the question and wait for Enter instead of reading an answer.
    pub flip: bool,
    /// What is left of the session, this card included.
    pub counts: Counts,
}

/// The cards left in a session, this one included, as Anki counts them: never seen,
/// missed in this session and coming back, and due reviews.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub new: usize,
    pub learning: usize,
    pub due: usize,
}

/// What the learner did at a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    Answer(String),
    /// Asked for the card's hint (`:hint` or `?`).
    Hint,
    /// Overrode the previous verdict (`:right`/`:wrong` in plain mode).
    Override(bool),
    /// Took back the previous answer (`:undo`).
    Undo,
    /// Accept the answer just overridden to right from now on (`:accept`).
    Accept,
    /// Suspend the card on screen, unanswered: it is not asked again, in this session or
    /// any other, until `quiz suspended --restore` (`:suspend`).
    Suspend,
    Quit,
}

/// The result of one answer, as shown to the learner.
pub(crate) struct Outcome<'a> {
    pub card: &'a Card,
    pub verdict: &'a Verdict,
    pub hinted: bool,
    /// The card has been missed so often that drilling it is wasting the learner's time.
    pub leech: bool,
    /// What the learner typed.
    pub given: &'a str,
    /// The question of the other card in the deck whose answer `given` is (then wrong).
    pub answer_to: Option<&'a str>,
    /// When the card comes back ("in 4 days", "again after 3 cards, then tomorrow");
    /// `None` when there is nothing to say (a right answer in a cram).
    pub next: Option<String>,
    /// What is left of the session and how many questions it holds, this answer counted.
    pub counts: Counts,
    pub total: usize,
    /// The card shows media (`[image: …]`, `[sound: …]`) whose files are in the media folder.
    pub has_media: bool,
}

/// A flip-mode grade as given, for the line after it.
pub(crate) struct Graded<'a> {
    /// The grade's word (`again`, `good`).
    pub word: &'a str,
    pub leech: bool,
    /// When the card comes back, as a verdict says it ([`Outcome::next`]).
    pub next: Option<&'a str>,
    /// Graded Again: the card comes back in this session.
    pub missed: bool,
}

/// A flip-mode grade with the interval it would give ("4d"); no interval in cram.
pub(crate) type GradeChoice = (Rating, Option<String>);

/// What the learner chose after seeing a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    Continue,
    Override(bool),
    Undo,
    /// Open the card in the learner's editor (`e`).
    Edit,
    /// Suspend the card just answered (its answer stays saved): it is not asked again, in
    /// this session or any other, until `quiz suspended --restore`. The study screen sends
    /// it (`s` after a verdict); plain mode suspends at the next question (`Reply::Suspend`).
    Suspend,
    /// Open the card's media with the system's opener (`o`), then show the verdict again.
    OpenMedia,
    Quit,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    pub asked: usize,
    pub right: usize,
    pub close: usize,
    pub wrong: usize,
    pub spent: Duration,
    pub next_due: Option<(Timestamp, String)>,
    /// A cram: `next_due` is the schedule the session left alone.
    pub cram: bool,
    /// Cards still to ask when the session ended (none when it finished).
    pub left: usize,
    /// The questions missed in the session, in the order first missed.
    pub missed: Vec<String>,
}

pub(crate) trait Frontend {
    /// A line of information (headers, warnings about the session).
    fn notice(&mut self, text: &str) -> io::Result<()>;
    fn ask(&mut self, prompt: &Prompt<'_>) -> io::Result<Reply>;
    fn show_hint(&mut self, card: &Card) -> io::Result<()>;
    fn show_outcome(&mut self, outcome: &Outcome<'_>) -> io::Result<Next>;
    fn show_override(&mut self, accepted: bool) -> io::Result<()>;
    /// After an override of the verdict on screen: the counts, the number of questions
    /// and when the card comes back, as they now stand.
    fn revise_outcome(&mut self, _counts: Counts, _total: usize, _next: Option<&str>) {}
    /// After an override to right: whether the learner asks to accept that answer from now
    /// on, when the front end asks it there (plain mode takes `:accept` at the next line).
    fn offer_accept(&mut self) -> io::Result<bool> {
        Ok(false)
    }
    /// Flip mode: shows the answer and reads the learner's grade, offered as `grades`;
    /// `None` to quit.
    fn grade(&mut self, card: &Card, grades: &[GradeChoice]) -> io::Result<Option<Rating>>;
    /// Runs `program` (the learner's editor) with the terminal handed over to it.
    fn run_editor(
        &mut self,
        program: &mut std::process::Command,
    ) -> io::Result<std::process::ExitStatus> {
        program.status()
    }
    /// After an edit that left the deck broken (`problem`): whether to open the editor again.
    fn offer_reopen(&mut self, problem: &str) -> io::Result<bool> {
        self.notice(problem)?;
        Ok(false)
    }
    /// Flip mode: the line after a grade.
    fn show_grade(&mut self, card: &Card, graded: &Graded<'_>) -> io::Result<Next>;
    fn summary(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The grades as a prompt lists them: "1 again, 2 hard, 3 good, 4 easy" with `separator`.
pub(crate) fn grade_choices(separator: &str) -> String {
    Rating::ALL
        .map(|rating| format!("{} {}", rating.number(), rating.name()))
        .join(separator)
}

/// A warning for the person at the keyboard, on stderr, worded like every other. While the
/// study screen is up it goes to the screen's status line instead, and to stderr once the
/// screen is gone.
pub(crate) fn warn(message: String) {
    let line = format!("quiz: warning: {message}");
    if !screen::terminal::post_warning(&line) {
        eprintln!("{line}");
    }
}

/// One line of input without its line ending; `None` at end of input.
pub(crate) fn read_line(input: &mut impl io::BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let end = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(end);
    Ok(Some(line))
}

/// The study screen reads Ctrl-C as a key in raw mode and raises SIGINT for it; the signal
/// thread prints the summary and exits 130, so the screen waits for it rather than racing
/// it with a quit of its own (which would exit 0).
pub(crate) fn await_interrupt_handler() {
    std::thread::sleep(Duration::from_secs(3));
}

/// `:q` and `:quit` end a session at a question. A bare `q` or `quit` there is an answer
/// like any other (a card may ask for the letter q): it is judged, not obeyed.
pub(crate) fn is_quit_command(text: &str) -> bool {
    matches!(text.trim(), ":q" | ":quit")
}

/// At a line that takes no answer (plain mode's flip-mode lines), `q` and `quit` end the
/// session too, as `:q` and `:quit` do.
pub(crate) fn is_quit(text: &str) -> bool {
    is_quit_command(text) || matches!(text.trim(), "q" | "quit")
}

/// A flip-mode grade typed as a number or a word.
pub(crate) fn parse_grade(text: &str) -> Option<Rating> {
    let text = text.trim().to_lowercase();
    // Its number, its word, or the word's first letter (the four start differently).
    Rating::ALL.into_iter().find(|rating| {
        text == rating.number().to_string()
            || text == rating.name()
            || text.len() == 1 && rating.name().starts_with(text.as_str())
    })
}

/// Command words typed at a question; `None` means the text is an answer.
pub(crate) fn command(text: &str) -> Option<Reply> {
    match text.trim() {
        t if is_quit_command(t) => Some(Reply::Quit),
        ":hint" | "?" => Some(Reply::Hint),
        ":right" => Some(Reply::Override(true)),
        ":wrong" => Some(Reply::Override(false)),
        ":undo" => Some(Reply::Undo),
        ":accept" => Some(Reply::Accept),
        ":suspend" => Some(Reply::Suspend),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_a_question_only_colon_q_quits_and_q_is_an_answer() {
        for quit in [":q", ":quit", " :q ", ":quit\t"] {
            assert_eq!(command(quit), Some(Reply::Quit), "{quit:?}");
        }
        for answer in ["q", "quit", "Q", " q ", "QUIT", ":Q", "q:"] {
            assert_eq!(command(answer), None, "{answer:?} is an answer");
        }
        assert_eq!(command("?"), Some(Reply::Hint));
        assert_eq!(command(":hint"), Some(Reply::Hint));
        assert_eq!(command(" :accept "), Some(Reply::Accept));
        assert_eq!(command("accept"), None, "a bare word is an answer");
        assert_eq!(command(" :suspend"), Some(Reply::Suspend));
        assert_eq!(command("suspend"), None, "a bare word is an answer");
    }

    #[test]
    fn at_a_grade_q_still_quits() {
        for quit in ["q", "quit", ":q", ":quit", " q "] {
            assert!(is_quit(quit), "{quit:?}");
        }
        assert!(!is_quit("3"));
        assert!(!is_quit("good"));
    }
}
