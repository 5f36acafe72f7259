fn main() -> std::process::ExitCode {
    quiz::run(std::env::args_os()).into()
}
