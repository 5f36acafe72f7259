//! The `quiz` binary: all of quiz is the library behind `quiz::run`, so this only hands it
//! the arguments and turns its answer into the exit status.

fn main() -> std::process::ExitCode {
    quiz::run(std::env::args_os()).into()
}
